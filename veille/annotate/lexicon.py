"""The word lists actors, quotes and events share: honorifics, role words, seats of power, known
organisations, demonyms. Loaded from the French pack (`lang/fr/`) once per pipeline and passed to the stages
that need them."""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass

from veille.lang import FR
from veille.text import fold


@dataclass(frozen=True)
class KnownOrg:
    kind: str
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class ActorLexicon:
    honorifics: frozenset[str]
    not_entities: frozenset[str]
    roles: dict[str, str]
    seats: dict[str, tuple[str, str]]
    organizations: dict[str, KnownOrg]
    demonyms: dict[str, str]
    """Every form of a nationality adjective or noun (folded) -> ISO3."""
    institution_words: tuple[str, ...]
    org_patterns: tuple[re.Pattern[str], ...]
    org_aliases: dict[str, str]
    title_words: frozenset[str]
    speech_verbs: frozenset[str]
    first_names: dict[str, str]
    """Folded first name -> "m" or "f", for telling "il" from "elle"."""
    title_synonyms: tuple[tuple[str, ...], ...]
    """Groups of folded titles that name one office ("premier ministre", "chef du gouvernement")."""
    circles: frozenset[str]
    """Nouns for the people around someone ("l'entourage de la ministre")."""

    @classmethod
    def load(cls) -> ActorLexicon:
        data = FR.file("")
        d = tomllib.loads(data.joinpath("actors.toml").read_text("utf-8"))
        orgs = {fold(k): KnownOrg(kind, country or None, sector)
                for k, (kind, country, sector) in d["organizations"].items()}
        return cls(frozenset(fold(h) for h in d["honorifics"]), frozenset(fold(x) for x in d["not_entities"]),
                   {fold(k): v for k, v in d["roles"].items()}, {fold(k): tuple(v) for k, v in d["seats"].items()},
                   orgs, _demonyms(data.joinpath("demonyms.tsv").read_text("utf-8")),
                   tuple(fold(w) for w in d["institution_words"]), tuple(re.compile(p) for p in d["org_patterns"]),
                   {fold(k): v for k, v in d["org_aliases"].items()}, frozenset(fold(w) for w in d["title_words"]),
                   frozenset(w.strip() for w in data.joinpath("speech_verbs.txt").read_text("utf-8").splitlines()
                             if w.strip() and not w.startswith("#")),
                   {fold(r["name"]): r["gender"] for r in csv.DictReader(
                       data.joinpath("first_names.tsv").read_text("utf-8").splitlines(), delimiter="\t")},
                   tuple(tuple(fold(t) for t in group) for group in d["title_synonyms"]),
                   frozenset(fold(w) for w in d["circles"]))

    def offices(self, words: list[str]) -> set[str]:
        """The offices these words name, one mark per office whatever title says it ("chef du gouvernement" and
        "Premier ministre" give the same mark), so that descriptions written with either title meet."""
        text = " " + " ".join(fold(w) for w in words) + " "
        return {f"office:{i}" for i, group in enumerate(self.title_synonyms) if any(f" {t} " in text for t in group)}

    def gender_of_name(self, name: str) -> str | None:
        """ "Valérie Pécresse" -> "f", from the first name; None when unknown or ambiguous."""
        words = name.split()
        return self.first_names.get(fold(words[0])) if len(words) > 1 else None

    def known_names_pattern(self) -> re.Pattern[str]:
        """Multi-word names of known bodies, any case ("le conseil scientifique"), as whole words."""
        names = sorted((k for k in self.organizations if " " in k), key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(_folded_regex(n) for n in names) + r")(?![\w-])", re.I)

    def titled_name_pattern(self) -> re.Pattern[str]:
        """A lower-case title word ("pape", "roi", "ministre") then one to three capitalised words: `name`."""
        titles = sorted((h for h in self.honorifics if h.isalpha() and len(h) > 2 or h in ("m.", "mme")), key=len,
                        reverse=True)
        upper = r"[A-ZÉÈÀÂÎÔÇ][\w'’-]+"
        return re.compile(r"(?<![\w-])(?i:" + "|".join(_folded_regex(t) for t in titles) + r")\s+"
                          rf"(?P<name>{upper}(?:\s+{upper}){{0,2}})(?![\w-])")

    def first_named(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """Where a known first name is followed by one to three capitalised words ("Massoud Andarabi", "Riad
        Salamé"): runs of capitalised words are found by one cheap regex, their first names by a dict look-up."""
        for run in _CAPITALISED_RUN.finditer(text, start, len(text) if end is None else end):
            words = list(_WORD.finditer(run.group(0)))
            first = next((i for i, w in enumerate(words[:-1]) if fold(w.group(0)) in self.first_names), None)
            if first is not None:
                yield run.start() + words[first].start(), run.start() + words[min(first + 3, len(words) - 1)].end()

    def institution(self, name: str) -> bool:
        key = fold(name)
        return any(key == w or key.startswith(w + " ") for w in self.institution_words)

    def role(self, words: str) -> str | None:
        """The sector of the longest role phrase the words end with ("vice-premier ministre" -> GOV)."""
        key = fold(words)
        for n in range(len(key.split()), 0, -1):
            tail = " ".join(key.split()[-n:])
            if tail in self.roles:
                return self.roles[tail]
        return None


_WORD = re.compile(r"\S+")
_CAPITALISED_RUN = re.compile(r"(?<![\w-])[A-ZÉÈÀÂÎÔÇ][\w'’-]+(?:[ \t]+[A-ZÉÈÀÂÎÔÇ][\w'’-]+)+(?![\w-])")


def _folded_regex(folded: str) -> str:
    """A regex matching a folded name in running text: any accents, hyphen or space between words."""
    accents = {"e": "[eéèêë]", "a": "[aàâä]", "i": "[iîï]", "o": "[oôö]", "u": "[uùûü]", "c": "[cç]"}
    return r"[\s-]+".join("".join(accents.get(ch, re.escape(ch)) for ch in w) for w in folded.split())


def _demonyms(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        forms = [row["masc"], row["fem"], row["masc_plural"], row["fem_plural"], *row["nouns"].split("|")]
        for f in forms:
            if f.strip():
                out.setdefault(fold(f.strip()), row["country"])
    return out
