"""Dispatch `veille train COMPONENT`: each component is a module of this package with a `main(argv)`."""

from __future__ import annotations

import importlib

COMPONENTS = ("events",)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMPONENTS:
        raise SystemExit(f"usage: veille train {{{','.join(COMPONENTS)}}} [options]")
    importlib.import_module(f"veille.train.{argv[0]}").main(argv[1:])
