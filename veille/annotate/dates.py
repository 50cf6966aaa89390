"""French time expressions, resolved against the article's publication date.

News never says "2019-10-05": it says "samedi", "le 5 octobre", "la semaine dernière", "ce soir", "en 97".
Patterns built from the word lists in `lang/fr/dates.toml` find the expressions (the longest wins where they
overlap); each is then resolved: absolute dates as written, the rest relative to the publication day. A weekday
or a day without a year points backwards or forwards according to the tense of the verb that governs it ("a
annoncé mardi" is the past Tuesday, "se rendra mardi" the next one), read off spaCy's parse; with no clear tense,
the nearest one. "la veille" and "le lendemain" count from the last day the article mentioned; a day named again
without its year takes the year it was given with before. "aujourd'hui" is the publication day only where it
dates an act (otherwise it means "nowadays"); a two-digit year is put in the century that makes it at most ten
years ahead, and lends itself to a bare month after it in the same sentence. Offsets from a narrated event
("deux ans plus tard") are left out: development gold annotates them in fewer than one case in five.
Without a publication date only absolute expressions are resolved, and the article says so in `meta`.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from veille.annotate.entities import in_embedded
from veille.annotate.tense import tense_at, verb_tense
from veille.lang import FR
from veille.model import Article, DateMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

PAST, FUTURE = "past", "future"
TENSE_OVERRIDES_AFTER_DAYS = 90


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, tuple[str, int]]
    relative: dict[str, tuple[str, int]]
    anchored: dict[str, int]
    not_year_after: frozenset[str]
    not_year_before: frozenset[str]
    today: dict[str, str]
    years_ahead: int
    not_short_year_after: frozenset[str]

    @classmethod
    def load(cls) -> Lexicon:
        d = tomllib.loads(FR.file("dates.toml").read_text("utf-8"))
        short = d["two_digit_years"]
        return cls(d["months"], d["weekdays"], d["numbers"], {k: tuple(v) for k, v in d["units"].items()},
                   {k: tuple(v) for k, v in d["relative"].items()}, d["anchored"],
                   frozenset(d["not_year_after"]["words"]), frozenset(d["not_year_before"]["words"]),
                   d["today"], short["ahead"], frozenset(short["not_year_after"]) | frozenset(d["units"]))


def _alt(words: object) -> str:
    """One alternation, longest first; an apostrophe matches the typographic one too."""
    return "|".join(re.escape(w).replace("'", "['’]") for w in sorted(words, key=len, reverse=True))


def _key(text: str) -> str:
    return text.lower().replace("’", "'")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str
    g: dict[str, str | None]


class Patterns:
    """The regular expressions, compiled once from the lexicon."""

    def __init__(self, lex: Lexicon):
        full = _alt(k for k in lex.months if not k.endswith("."))
        m_any = _alt(lex.months)
        w = _alt(lex.weekdays)
        d = r"(?:1er|premier|[12]\d|3[01]|0?[1-9])"
        y = r"(?:1[89]\d\d|20\d\d)"
        yy = r"(?:['’]?\d\d)(?!\d|[,.]\d|[:/%h°])"  # "octobre 98", "en 97": checked and dated by `short_year`
        num = rf"(?:\d{{1,3}}|(?:{_alt(lex.numbers)})(?:[- ](?:et[- ])?(?:{_alt(lex.numbers)}))*)"
        unit = _alt(lex.units)
        edge = r"(?:(?:la )?(?:mi-|fin |début ))"
        self.rules: list[tuple[str, re.Pattern[str]]] = [(k, re.compile(p, re.I)) for k, p in [
            ("span_days", rf"\b(?:du|entre le) (?:(?:{w}) )?(?P<d1>{d})(?: (?P<m1>{m_any}))?(?: (?P<y1>{y}))? "
                          rf"(?:au|et le) (?:(?:{w}) )?(?P<d2>{d}) (?P<m2>{m_any})(?: (?P<y2>{y}))?"),
            ("pair_days", rf"\b(?:les|le) (?P<d1>{d})(?:-| et | ou le | ou )(?P<d2>{d}) (?P<m2>{m_any})"
                          rf"(?: (?P<y2>{y}))?"),
            ("span_months", rf"\b(?:de|entre) {edge}?(?P<m1>{full})(?: (?P<y1>{y}))? (?:à|et|au) "
                            rf"(?:{edge}?(?P<m2>{full})(?: (?P<y2>{y}))?|(?P<y3>{y}))"),
            ("span_years", rf"\b(?:de|entre) (?P<y1>{y}) (?:à|et) (?P<y2>{y})\b"),
            ("date", rf"\b(?:(?:le|ce|cet) )?(?:(?P<w>{w}) )?(?P<d>{d}) (?P<m>{m_any})(?: (?P<y>{y}))?"
                     rf"(?: (?P<mod>dernier|prochain))?"),
            ("numeric", r"\b(?:le )?(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})\b"),
            ("month", rf"\b(?:(?P<pre>en|au mois de|le mois de|courant|(?:à |de )?la (?:fin|mi)-?|fin|début|mi-)"
                      rf"\s?)?(?P<m>{full})(?: (?P<y>{y})| (?P<yy>{yy}))?(?: (?P<mod>dernier|prochain))?\b"),
            ("year", rf"(?<![\d.,/°-])(?<!n°)(?<!années )\b(?:(?P<pre>en|fin|début|mi-|courant|la fin de l'année|"
                     rf"l'année) ?)?(?P<y>{y})\b(?![.,-]?\d)"),
            ("short_year", rf"(?<![\w'’])(?P<pre>en|fin|début) (?P<yy>{yy})\b"),
            ("today", rf"(?<!d')(?<!d’)(?<!jusqu'à )(?<!jusqu’à )\b(?P<t>{_alt(lex.today)})\b(?![- ]?là)"),
            ("relative", rf"(?<!\bde )\b(?P<r>{_alt(lex.relative)})\b"),
            ("ago", rf"\b(?P<dir>il y a|dans) (?P<n>{num}) (?P<u>{unit})\b"),
            ("anchored", rf"\b(?P<r>{_alt(lex.anchored)})\b"),
            ("weekday", rf"\b(?:(?:ce|cet) )?(?P<w>{w})(?: (?P<mod>dernier|prochain|passé))?"
                        r"(?: (?:matin|soir|après-midi|midi))?\b(?!s)"),
        ]]

    def find(self, text: str) -> list[Found]:
        """All matches, then the longest first where they overlap, in text order."""
        found = [Found(m.start(), m.end(), kind, m.groupdict())
                 for kind, rx in self.rules for m in rx.finditer(text)]
        found.sort(key=lambda f: (-(f.end - f.start), f.start))
        taken: list[Found] = []
        for f in found:
            if all(f.end <= t.start or f.start >= t.end for t in taken):
                taken.append(f)
        return sorted(taken, key=lambda f: f.start)


# --- calendar helpers -----------------------------------------------------------------------------------

def month_range(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def pick(cands: list[tuple[date, date]], pub: date, direction: str | None) -> date | None:
    """The candidate (a first..last range) nearest to the publication day, on the side the tense points to."""
    if direction == PAST:
        cands = [c for c in cands if c[0] <= pub]
    elif direction == FUTURE:
        cands = [c for c in cands if c[1] >= pub]
    if not cands:
        return None

    def distance(c: tuple[date, date]) -> tuple[int, int]:
        gap = 0 if c[0] <= pub <= c[1] else min(abs((c[0] - pub).days), abs((c[1] - pub).days))
        return gap, 0 if c[0] <= pub else 1

    return min(cands, key=distance)[0]


def pick_year(cands: list[tuple[date, date]], pub: date, direction: str | None) -> date | None:
    """A day or month without a year: the nearest one, unless the tense clearly points the other way and the
    nearest is months off on the wrong side (a parse's tense is a weak signal next to the calendar)."""
    nearest = pick(cands, pub, None)
    if nearest is None or direction is None:
        return nearest
    off = (nearest - pub).days if direction == PAST else (pub - nearest).days
    return pick(cands, pub, direction) if off > TENSE_OVERRIDES_AFTER_DAYS else nearest


@dataclass
class Context:
    """What resolution carries along an article: the publication day, the last day narrated, the tense at
    hand, and the years already given with a (month, day)."""

    pub: date | None
    anchor: date | None
    tense: str | None = None
    years: dict[object, int] = field(default_factory=dict)
    named: tuple[int, int] | None = None
    """The two-digit year the last date gave ("en 97"), and where it ended."""
    dated_act: bool = False
    """The expression dates a completed or planned act ("a condamné aujourd'hui", "se rendra aujourd'hui")."""
    year_here: int | None = None
    """That year, while the paragraph that gave it goes on: a month or day named without a year takes it
    ("en 97 ... en janvier")."""


@dataclass
class Resolved:
    value: str
    granularity: str
    day: date | None = None


class DateTagger:
    name = "dates"
    languages = ("fr",)
    needs = ("doc",)
    adds = ("dates",)

    def __init__(self) -> None:
        self.lex = Lexicon.load()
        self.patterns = Patterns(self.lex)

    def __call__(self, article: Article, doc: Doc | None = None) -> None:
        pub = publication_day(article.published)
        if pub is None:
            article.meta["dates_note"] = "no publication date: only absolute dates resolved"
        for found, res in self.resolve_all(article, doc, pub):
            span = article.span(found.start, found.end)
            article.dates.append(DateMention(span.start, span.end, span.text, res.value, res.granularity))

    def resolve_all(self, article: Article, doc: Doc | None, pub: date | None) -> Iterator[tuple[Found, Resolved]]:
        ctx = Context(pub, pub)
        text = article.text
        for found in self.patterns.find(text):
            if in_embedded(article, found.start, found.end):
                continue
            checked = self.checked(text, found, doc)
            if checked is None:
                continue
            ctx.tense = tense_at(doc, checked.start, checked.end) if doc is not None else None
            ctx.dated_act = checked.kind == "today" and doc is not None and dates_an_act(doc, checked)
            ctx.year_here = self.year_here(ctx, text, checked, doc)
            res = self.resolve(checked, ctx)
            if res is not None:
                ctx.anchor = res.day or ctx.anchor
                ctx.named = (int(res.value[:4]), checked.end) if checked.g.get("yy") else None
                yield checked, res

    @staticmethod
    def year_here(ctx: Context, text: str, f: Found, doc: Doc | None) -> int | None:
        """The two-digit year just written, for a month or day that follows it with none: in a past narrative of
        an earlier year, in the same sentence, with no other date between ("en 97, ... en janvier"). A four-digit
        year is not carried over: news names a bare month of its own calendar after it ("228 morts en 2009, a
        appris mercredi 17 juillet"; on gold/train that rule was right once and wrong five times)."""
        if ctx.named is None or ctx.pub is None or ctx.tense != PAST or ctx.named[0] >= ctx.pub.year \
                or f.g.get("w"):
            return None
        if doc is not None:
            here = doc.char_span(f.start, f.end, alignment_mode="expand")
            there = doc.char_span(ctx.named[1] - 1, ctx.named[1], alignment_mode="expand")
            same = here is not None and there is not None and here.sent.start == there.sent.start
        else:
            same = not re.search(r"[.!?\n]", text[ctx.named[1]:f.start])
        return ctx.named[0] if same else None

    def checked(self, text: str, f: Found, doc: Doc | None) -> Found | None:
        """The match if it is a date, a month whose two-digit "year" is a count without it ("octobre 20
        personnes"), or None."""
        if not self.plausible(text, f):
            return None
        if f.g.get("yy") and not self.short_year_plausible(text, f, doc):
            if f.kind != "month":
                return None
            m_end = text.lower().index(f.g["m"].lower(), f.start) + len(f.g["m"])
            return Found(f.start, m_end, f.kind, {**f.g, "yy": None, "mod": None})
        return f

    def short_year_plausible(self, text: str, f: Found, doc: Doc | None) -> bool:
        """A two-digit number is a year unless a unit or a noun it counts follows."""
        nxt = text[f.end:f.end + 20].split()
        if nxt and nxt[0].strip(".,;:!?)").lower() in self.lex.not_short_year_after | self.lex.not_year_after:
            return False
        if doc is not None:
            at = text.rindex(f.g["yy"].lstrip("'’"), f.start, f.end)
            span = doc.char_span(at, at + 2, alignment_mode="expand")
            return span is None or span.root.dep_ != "nummod"
        return True

    def plausible(self, text: str, f: Found) -> bool:
        """Reject look-alikes: a capitalised bare month is a name ("Mars"), a year followed by a unit a count,
        a year after "loi de finances" part of a name."""
        if f.kind == "month" and not f.g["pre"] and not f.g["y"] and text[f.start].isupper():
            return f.start == 0 or text[max(0, f.start - 2):f.start].strip() in (".", "")
        if f.kind == "year":
            nxt = text[f.end:f.end + 20].split()
            prev = text[max(0, f.start - 20):f.start].split()
            return not (nxt and nxt[0].strip(".,;:").lower() in self.lex.not_year_after) and \
                not (prev and prev[-1].lower() in self.lex.not_year_before)
        return True

    def resolve(self, f: Found, ctx: Context) -> Resolved | None:
        g = f.g
        if f.kind in ("span_days", "pair_days", "date", "numeric"):
            return self._day(g.get("d") or g.get("d1"), g.get("m") or g.get("m1") or g.get("m2"),
                             g.get("y") or g.get("y1") or g.get("y2"), g.get("mod"), ctx)
        if f.kind in ("span_months", "month"):
            y = g.get("y") or g.get("y1") or g.get("y2") or g.get("y3")
            y = y or (str(self.full_year(g["yy"], ctx.pub)) if g.get("yy") else None)
            return self._month(g.get("m") or g.get("m1"), y, g.get("mod"), ctx)
        if f.kind in ("span_years", "year"):
            return Resolved(g.get("y") or g["y1"], "year")
        if f.kind == "short_year":
            return Resolved(str(self.full_year(g["yy"], ctx.pub)), "year")
        if ctx.pub is None or ctx.anchor is None:
            return None
        return self._relative(f, ctx)

    def _relative(self, f: Found, ctx: Context) -> Resolved | None:
        g, pub = f.g, ctx.pub
        if f.kind == "relative":
            gran, n = self.lex.relative[g["r"].lower()]
            return shift(pub, gran, n)
        if f.kind == "anchored":
            return day(ctx.anchor + timedelta(days=self.lex.anchored[g["r"].lower()]))
        if f.kind == "ago":
            n = self.number(g["n"])
            gran, size = self.lex.units[g["u"].lower()]
            sign = -1 if g["dir"].lower() == "il y a" else 1
            if n is None:
                return None
            return day(pub + timedelta(days=sign * n * size)) if gran == "day" else shift(pub, gran, sign * n)
        if f.kind == "weekday":
            return self._weekday(g["w"], g.get("mod"), pub, ctx.tense)
        if f.kind == "today":
            tensed = self.lex.today[_key(g["t"])] == "tensed"
            return None if tensed and not ctx.dated_act else day(pub)
        return None

    def full_year(self, yy: str, pub: date | None) -> int:
        """The year a two-digit one stands for: the century that puts it at most `years_ahead` after the
        publication year (or this year, undated)."""
        ref = (pub or date.today()).year
        year = ref // 100 * 100 + int(yy.lstrip("'’"))
        if year > ref + self.lex.years_ahead:
            year -= 100
        elif year + 100 <= ref + self.lex.years_ahead:
            year += 100
        return year

    def _day(self, d: str, m: str, y: str | None, mod: str | None, ctx: Context) -> Resolved | None:
        dd = 1 if d.lower() in ("1er", "premier") else int(d)
        mm = int(m) if m.isdigit() else self.lex.months[m.lower()]
        year = int(y) if y else ctx.years.get((mm, dd)) or ctx.year_here
        if year is not None:
            found = _safe_date(year, mm, dd)
            if found and y:
                ctx.years[(mm, dd)] = year
            return day(found) if found else None
        if ctx.pub is None:
            return None
        cands = [(x, x) for x in (_safe_date(ctx.pub.year + k, mm, dd) for k in (-1, 0, 1)) if x]
        found = pick_year(cands, ctx.pub, direction(mod, ctx.tense))
        return day(found) if found else None

    def _month(self, m: str, y: str | None, mod: str | None, ctx: Context) -> Resolved | None:
        mm = self.lex.months[m.lower()]
        y = y or (str(ctx.year_here) if ctx.year_here else None)
        if y:
            return Resolved(f"{int(y):04d}-{mm:02d}", "month")
        if ctx.pub is None:
            return None
        found = pick_year([month_range(ctx.pub.year + k, mm) for k in (-1, 0, 1)], ctx.pub, direction(mod, ctx.tense))
        return Resolved(found.strftime("%Y-%m"), "month") if found else None

    def _weekday(self, w: str, mod: str | None, pub: date, tense: str | None) -> Resolved | None:
        wd = self.lex.weekdays[w.lower()]
        cands = [(x, x) for x in (pub + timedelta(days=k) for k in range(-7, 8)) if x.weekday() == wd]
        if mod:
            strict = [c for c in cands if (c[0] < pub if mod.lower() in ("dernier", "passé") else c[0] > pub)]
            found = pick(strict, pub, None)
        else:
            found = pick([c for c in cands if abs((c[0] - pub).days) < 7], pub, tense)
        return day(found) if found else None

    def number(self, text: str) -> int | None:
        if text.isdigit():
            return int(text)
        parts = [p for p in re.split(r"[- ]", text.lower()) if p and p != "et"]
        values = [self.lex.numbers.get(p) for p in parts]
        return None if None in values else sum(values)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def dates_an_act(doc: Doc, f: Found) -> bool:
    """The words modify a verb in the passé composé or the future: "aujourd'hui" is then the day of an act, not
    "nowadays" (a present, an imperfect, a participle alone: "aujourd'hui décédé", "s'il s'arrêtait aujourd'hui")."""
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root.head
    if verb.pos_ != "VERB":
        return False
    compound = "Part" in verb.morph.get("VerbForm") and any(c.dep_ == "aux:tense" for c in verb.children)
    return compound or verb_tense(verb) == FUTURE


def direction(mod: str | None, tense: str | None) -> str | None:
    if mod:
        return PAST if mod.lower() in ("dernier", "passé") else FUTURE
    return tense if tense in (PAST, FUTURE) else None


def day(d: date) -> Resolved:
    return Resolved(d.isoformat(), "day", d)


def shift(pub: date, gran: str, n: int) -> Resolved:
    if gran == "day":
        return day(pub + timedelta(days=n))
    if gran == "week":
        return Resolved((monday(pub) + timedelta(weeks=n)).isoformat(), "week")
    if gran == "month":
        return Resolved(add_months(pub.replace(day=1), n).strftime("%Y-%m"), "month")
    return Resolved(str(pub.year + n), "year")


def publication_day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None
