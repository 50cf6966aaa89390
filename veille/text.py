"""Text helpers shared by stages, the store and the faces. Imports nothing of veille."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """The comparison key of a name: no accents, no case, one kind of apostrophe, hyphens as spaces."""
    s = unicodedata.normalize("NFKD", name.replace("’", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(s.replace("-", " ").split())
