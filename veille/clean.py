"""Cleaning a scraped page: drop scraping noise line by line, keep every real paragraph, say what went and why.

Two kinds of evidence decide: what a line says (stock phrases in `lang/fr/noise.toml`: share bars, "Lire aussi",
cookie notices, bylines…) and where it stands. A headline-shaped line (no final punctuation) before the first
real paragraph is another article's headline; after the last one it is a promo link. Between paragraphs the
same shape is a subheading and stays.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from urllib.parse import urlsplit

from veille.errors import InputError
from veille.lang import FR
from veille.model import Article, Removal
from veille.read import Raw
from veille.settings import Settings

TERMINAL = (".", "!", "?", "…", "»", '"', "”", ")", ":", ";")
BODY_WORDS = 25
LANGUAGE_SAMPLE = 1200
"""Characters given to the language identifier: a news paragraph or two is plenty, and it reads every one."""
"""A line this long is body text whatever its punctuation."""
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\t": " ",
                         "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u00ad": None})
_MULTISPACE = re.compile(r" {2,}")
_DATE_IN_LINE = re.compile(FR.pattern("clean.date_in_line"), re.I)


@dataclass(frozen=True, slots=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    max_words: int


@dataclass(slots=True)
class Line:
    block: int
    text: str
    reason: str | None = None
    embedded: bool = False


def load_rules() -> tuple[list[Rule], Rule]:
    data = tomllib.loads(FR.file("noise.toml").read_text("utf-8"))
    rules = [Rule(r["reason"], re.compile(r["pattern"], re.I), r["max_words"]) for r in data["rule"]]
    cap = data["caption"]
    return rules, Rule("embedded", re.compile(cap["pattern"], re.I), cap["max_chars"])


class Cleaner:
    """Raw record → Article with clean text, `removed`, language, date and source. Rules compile once."""

    name = "clean"
    needs = ("raw",)
    adds = ("text", "removed", "language", "published", "source")

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.rules, self.caption = load_rules()
        self._langid = None

    def detect_language(self, text: str) -> str:
        if self._langid is None:
            self._langid = language_identifier()
        return self._langid.classify(text[:LANGUAGE_SAMPLE])[0]

    def __call__(self, raw: Raw) -> Article:
        title = normalize_line(raw.title)
        lines = self.classify(split_lines(raw.body), title)
        text, embedded = assemble(title, lines)
        if not text.strip():
            raise InputError(raw.input, "no article text left after cleaning")
        removed = [Removal(line.text, line.reason) for line in lines if line.reason]
        art = Article(id=raw.content_id(), title=title, text=text, external_id=raw.external_id,
                      input=raw.input, url=raw.url, removed=removed, meta=dict(raw.meta))
        art.spans = {"embedded": [art.span(s, e) for s, e in embedded]} if embedded else {}
        art.language = raw.language or self.detect_language(text)
        art.published = iso_date(raw.published or self.settings.published) or date_from_lines(removed)
        art.source = raw.source or self.settings.source or domain(raw.url)
        return art

    def classify(self, lines: list[Line], title: str) -> list[Line]:
        for line in lines:
            line.reason = self.noise_reason(line.text)
            if line.reason is None and len(line.text) <= self.caption.max_words:
                line.embedded = bool(self.caption.pattern.fullmatch(line.text))
        mark_by_position(lines, title)
        return lines

    def noise_reason(self, text: str) -> str | None:
        words = len(text.split())
        for rule in self.rules:
            if words <= rule.max_words and rule.pattern.fullmatch(text):
                return rule.reason
        return None


def normalize_line(s: str) -> str:
    s = unicodedata.normalize("NFC", s).translate(_SPACES)
    return _MULTISPACE.sub(" ", s).strip()


def split_lines(body: str) -> list[Line]:
    """Blank lines separate blocks (paragraphs); lines inside a block stay together in the output."""
    out, block = [], 0
    for raw_line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = normalize_line(raw_line)
        if line:
            out.append(Line(block, line))
        elif out and out[-1].block == block:
            block += 1
    return out


_KICKER = re.compile(r"^[A-ZÀ-Ý0-9'’ -]{2,30}[.:]\s+")
"""An all-capitals label before a headline (`VIDÉO. Les images…`, `BEST-OF POLITIQUE. …`)."""
_SENTENCE_INSIDE = re.compile(r"[.!?] +[A-ZÀÂÉÈÊÎÔÙ«\"“]")
TRAILING_RUN = 3
"""More headline-shaped lines than this after the body are a list the article ends with, not promo links."""
MARKER_WORDS = 6
QUESTION_HEADLINE_WORDS = 16
BULLETS = (">", "►", "•", "-", "→", "▶", "*", "–")


def ends_sentence(text: str) -> bool:
    """A closing quote or bracket ends a sentence only after sentence punctuation: `… « coûte que coûte »`
    and `… face à Montpellier (2-1)` are headlines."""
    t = text.rstrip(" -–—")
    if t.endswith(("»", '"', "”", ")")):
        return t[:-1].rstrip().endswith((".", "!", "?", "…"))
    return t.endswith(TERMINAL) and not t.endswith("?")


def is_body(line: Line) -> bool:
    text = _KICKER.sub("", line.text)
    words = len(text.split())
    return words >= BODY_WORDS or (words >= 4 and ends_sentence(text)) or bool(_SENTENCE_INSIDE.search(text))


def is_headline(line: Line, lines: list[Line]) -> bool:
    """One line alone in its block, without a sentence's end: a question only when short, footnotes never."""
    alone = sum(1 for other in lines if other.block == line.block) == 1
    if not alone or line.embedded or is_body(line) or ends_sentence(line.text) or line.text.startswith("*"):
        return False
    return not line.text.endswith("?") or len(line.text.split()) <= QUESTION_HEADLINE_WORDS


def mark_by_position(lines: list[Line], title: str) -> None:
    """Headline-shaped lines outside the body proper, or under a "Lire aussi" marker, link to other pages."""
    kept = [i for i, line in enumerate(lines) if line.reason is None]
    body = [i for i in kept if is_body(lines[i])]
    trailing = [i for i in kept if body and i > body[-1] and is_headline(lines[i], lines)]
    for i in kept:
        line = lines[i]
        if title and line.text.casefold() == title.casefold():
            line.reason = "duplicate_title"
        elif body and i < body[0] and is_headline(line, lines):
            line.reason = "related_headline"
        elif i in trailing and len(trailing) <= TRAILING_RUN:
            line.reason = "trailing_link"
        elif i > 0 and _under_marker(lines[i - 1], line) and is_headline(line, lines):
            line.reason = "read_also"


def _under_marker(prev: Line, line: Line) -> bool:
    """A bare "Lire aussi :" followed by bulleted headlines: the list of links it announces."""
    return prev.reason == "read_also" and len(prev.text.split()) <= MARKER_WORDS and line.text[:1] in BULLETS


def assemble(title: str, lines: list[Line]) -> tuple[str, list[tuple[int, int]]]:
    """Title, blank line, kept paragraphs; offsets of embedded lines in the result."""
    parts: list[str] = [title] if title else []
    pos = len(title) + 2 if title else 0
    embedded: list[tuple[int, int]] = []
    prev_block = None
    for line in (x for x in lines if x.reason is None):
        if prev_block is not None:
            sep = "\n" if line.block == prev_block else "\n\n"
            parts.append(sep)
            pos += len(sep)
        elif parts:
            parts.append("\n\n")
        if line.embedded:
            embedded.append((pos, pos + len(line.text)))
        parts.append(line.text)
        pos += len(line.text)
        prev_block = line.block
    return "".join(parts), embedded


def language_identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE)
    data = resources.files("veille").joinpath("data/languages.txt").read_text("utf-8")
    ident.set_languages([w for line in data.splitlines() if not line.startswith("#") for w in line.split()])
    return ident


def iso_date(value: str | None) -> str | None:
    """ISO 8601 as given when it parses; other spellings (`06/10/2019`, `6 octobre 2019`) through dateparser."""
    if not value or not value.strip():
        return None
    v = value.strip()
    try:
        parsed = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        parsed = _dateparser(v)
        return parsed.date().isoformat() if parsed else None
    return v if len(v) > 10 else parsed.date().isoformat()


def _dateparser(v: str) -> datetime | None:
    import dateparser

    return dateparser.parse(v, languages=["fr", "en"], settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})


def date_from_lines(removed: list[Removal]) -> str | None:
    """A page without metadata often states its date in a byline we removed ("Publié le 06/10/2019")."""
    for r in removed:
        if r.reason == "byline" and (m := _DATE_IN_LINE.search(r.text)):
            return iso_date(m.group(0))
    return None


def domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
