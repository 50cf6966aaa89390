"""Language packs: one folder per language (`veille/lang/fr/`) with every word list, pattern file and trained
weight its stages read, so that the code holds no language's words. A stage declares the languages it serves
(`languages`); adding a language is adding its folder and the stages that read it.

    from veille.lang import FR
    NEGATIONS = FR.set("events.negations")        # from veille/lang/fr/words.toml
    FR.file("dates.toml").read_text("utf-8")      # a pack's data file
"""

from __future__ import annotations

import tomllib
from functools import cached_property
from importlib import resources
from importlib.abc import Traversable


class Pack:
    def __init__(self, code: str):
        self.code = code

    def file(self, name: str) -> Traversable:
        return resources.files("veille").joinpath(f"lang/{self.code}/{name}")

    @cached_property
    def words(self) -> dict[str, dict]:
        return tomllib.loads(self.file("words.toml").read_text("utf-8"))

    def _entry(self, key: str, kind: str) -> list | dict:
        entry = self.words[key]
        if entry["kind"] != kind:
            raise TypeError(f"{self.code}/words.toml: {key} is a {entry['kind']}, not a {kind}")
        return entry["words"]

    @cached_property
    def patterns(self) -> dict[str, str]:
        return tomllib.loads(self.file("patterns.toml").read_text("utf-8"))["patterns"]

    def pattern(self, key: str) -> str:
        """A regular expression's source (`patterns.toml`), compiled by the module that uses it."""
        return self.patterns[key]

    def set(self, key: str) -> frozenset[str]:
        return frozenset(self._entry(key, "set"))

    def tuple(self, key: str) -> tuple[str, ...]:
        """Ordered (suffixes are tried in this order, prefixes matched with str.startswith)."""
        return tuple(self._entry(key, "tuple"))

    def map(self, key: str) -> dict[str, str | None]:
        """Word -> value; an empty value is None (a clitic of no known gender)."""
        return {k: (v or None) for k, v in self._entry(key, "map").items()}


FR = Pack("fr")
