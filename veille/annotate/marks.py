"""Quotation marks → the spans they enclose, in French and English typography, straight or curly.

French continues a quotation over several paragraphs by opening each new paragraph with « and closing only at
the end; straight quotes " are opening or closing by what stands around them (`d'"invasion"` opens after an
elision). Quotes inside a quote belong to it. Spans are the content, without the marks and outer spaces.
"""

from __future__ import annotations

from dataclasses import dataclass

PAIRS = {"«": "»", "“": "”", "„": "“", "‹": "›"}
CLOSERS = {"»", "”", "›"}
OPEN_BEFORE = set(" \n\t([{'’/-–—") | {""}
WORD_END = set(" \n\t.,;:!?)]}…-–—") | {""}


@dataclass(frozen=True, slots=True)
class Quoted:
    start: int
    """First character inside the marks."""
    end: int
    open_mark: int
    close_mark: int


def find_quoted(text: str) -> list[Quoted]:
    out: list[Quoted] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c in PAIRS or (c == '"' and _opens(text, i)):
            close = _closing(text, i)
            if close is not None:
                out.append(_content(text, i, close))
                i = close + 1
                continue
        i += 1
    return [q for q in out if q.end > q.start]


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return (before in OPEN_BEFORE or before.isspace()) and after not in (" ", "\n", "")


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return not before.isspace() and (after in WORD_END or not after.isalnum())


def _closing(text: str, i: int) -> int | None:
    """Index of the mark closing the one at i: the same paragraph, or a later one for a French quotation that
    goes on (the next paragraph opens with « again)."""
    opener = text[i]
    closer = PAIRS.get(opener, '"')
    depth = 0
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == "\n" and text[j:j + 2] == "\n\n":
            nxt = text[j:].lstrip("\n ")
            if opener == "«" and nxt.startswith("«"):
                j = len(text) - len(nxt) + 1
                continue
            return None
        if opener != '"' and c == opener and opener != closer:
            depth += 1
        elif c == closer and (closer != '"' or _closes(text, j)):
            if depth == 0:
                return j
            depth -= 1
        j += 1
    return None


def _content(text: str, open_mark: int, close_mark: int) -> Quoted:
    start, end = open_mark + 1, close_mark
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quoted(start, end, open_mark, close_mark)
