"""The tense of the verb that governs a piece of text, from spaCy's parse: past, future, present or None.

Dates use it to tell the past Tuesday from the next one; events use it to tell what happened from what is
planned. French news writes the past as passé composé ("a annoncé"), the future as futur simple ("se rendra"),
futur proche ("va se rendre") or a modal ("doit se rendre"); the present is ambiguous and reported as such.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from veille.lang import FR

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PAST, FUTURE, PRESENT = "past", "future", "present"
FUTURE_MODALS = FR.set("tense.future_modals")
HOPS = 4


def tense_at(doc: Doc, start: int, end: int) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = governing_verb(span.root)
    return verb_tense(verb) if verb is not None else None


def governing_verb(tok: Token) -> Token | None:
    for _ in range(HOPS):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def verb_tense(v: Token) -> str:
    aux = [c for c in v.children if c.dep_.startswith("aux")]
    tenses = set(v.morph.get("Tense")) | {t for a in aux for t in a.morph.get("Tense")}
    moods = set(v.morph.get("Mood")) | {m for a in aux for m in a.morph.get("Mood")}
    if "Fut" in tenses or any(a.lemma_ == "aller" for a in aux):
        return FUTURE
    if "Part" in v.morph.get("VerbForm"):
        return _participle_tense(aux, moods)
    if "Cnd" in moods:
        return FUTURE
    if "Imp" in tenses or "Past" in tenses:
        return PAST
    if "Inf" in v.morph.get("VerbForm") and v.head != v and v.head.lemma_ in FUTURE_MODALS:
        return PAST if "Imp" in v.head.morph.get("Tense") else FUTURE
    return PRESENT


def _participle_tense(aux: list[Token], moods: set[str]) -> str:
    """`a annoncé`, `a été inculpé`, `survenu`: past; `est prévu` (passive present): present."""
    if any(a.dep_ == "aux:tense" for a in aux) or not aux or "Cnd" in moods:
        return PAST
    aux_tenses = {t for a in aux for t in a.morph.get("Tense")}
    return PAST if aux_tenses & {"Imp", "Past"} else PRESENT
