"""Text helpers shared by stages, the store and the faces. Imports nothing of veille."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """The comparison key of a name: no accents, no case, one kind of apostrophe, hyphens as spaces."""
    s = unicodedata.normalize("NFKD", name.replace("’", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(s.replace("-", " ").split())


DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def valid_day(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real day, month or year ("2020-13" has the shape, not the sense)."""
    if not DAY.fullmatch(value):
        return False
    parts = [int(x) for x in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True
