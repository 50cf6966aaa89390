"""Which words open an event, and of which PLOVER type: the trigger lexicon of `lang/fr/events.toml` read
against spaCy's parse.

A verb triggers by its lemma, some only with "se" ("se rendre à", "se défendre") or with a word they govern
("appeler à", "porter plainte"); a noun by its lemma ("les manifestations"). A claim verb with a que-clause
("il soutient que…") reports a claim, not an act, and triggers nothing; nor does a verb in "se rendre compte".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from veille.lang import FR
from veille.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Token

CLAIM_VERBS = FR.set("event_lexicon.claim_verbs")
"""With a que-clause these verbs report a claim, not an act ("il soutient que…")."""
REFLEXIVE = FR.set("event_lexicon.reflexive")
GOVERNED_WINDOW = 5
"""How many tokens after a verb the word it must govern may stand ("appelé mardi soir à")."""
NOT_AN_ACT = {("rendre", "compte")}
FIRST_GROUP_ENDINGS = FR.tuple("event_lexicon.first_group_endings")
INFINITIVE_ENDINGS = FR.tuple("event_lexicon.infinitive_endings")


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str
    token: Token


@dataclass(frozen=True)
class EventLexicon:
    verbs: dict[str, tuple[str, str]]
    reflexive: dict[str, tuple[str, ...]]
    verb_with: dict[str, list[tuple[str, str, str]]]
    nouns: dict[str, tuple[str, str]]
    default_actor: dict[str, str]
    swap: frozenset[str]
    light: frozenset[str]
    actor_nouns: frozenset[str]
    needs_target: frozenset[str]
    object_is_thing: frozenset[str]
    negated_is_reject: frozenset[str]
    patient_nouns: frozenset[str]
    wish_que: frozenset[str]
    bodies: frozenset[str]
    denying: frozenset[str]

    @classmethod
    def load(cls) -> EventLexicon:
        d = tomllib.loads(FR.file("events.toml").read_text("utf-8"))
        return cls({k: tuple(v) for k, v in d["verbs"].items()}, {k: tuple(v) for k, v in d["reflexive"].items()},
                   {k: [tuple(x) for x in v] for k, v in d["verb_with"].items()},
                   {k: tuple(v) for k, v in d["nouns"].items()}, dict(d["default_actor"]),
                   frozenset(d["swap"]["verbs"]), frozenset(d["light"]["verbs"]),
                   frozenset(fold(w) for w in d["actor_nouns"]["words"]), frozenset(d["needs_target"]["verbs"]),
                   frozenset(d["object_is_thing"]["verbs"]),
                   frozenset(d["negated_is_reject"]["verbs"]), frozenset(d["patient_nouns"]["nouns"]),
                   frozenset(d["wish_que"]["verbs"]), frozenset(d["bodies"]["nouns"]),
                   frozenset(d["denying"]["verbs"]))

    def trigger(self, tok: Token) -> Trigger | None:
        if tok.pos_ in ("VERB", "AUX") or tok.pos_ == "ADJ" and ("Part" in tok.morph.get("VerbForm") or main_verb(tok)):
            found = self.verb(tok)
        elif tok.pos_ == "NOUN" and not self.names_a_body(tok):
            key = self.noun_key(tok)
            found = self.nouns.get(key) if key else None
        else:
            found = None
        return Trigger(found[0], found[1], tok) if found else None

    def names_a_body(self, noun: Token) -> bool:
        """ "la commission d'enquête", "un comité de soutien": the event noun names the body, not an event."""
        return noun.dep_ == "nmod" and fold(noun.head.lemma_) in self.bodies

    def noun_key(self, tok: Token) -> str | None:
        """The lexicon entry a noun opens: its lemma, its form, or a noun of several words starting with it."""
        for key in (tok.lemma_.lower(), tok.lower_):
            if key in self.nouns:
                return key
        return self.compound(tok)

    def compound(self, tok: Token) -> str | None:
        """A noun of several words ("coup d'État"), read off the text after the token, folded."""
        word = fold(tok.text)
        for folded, key in self.compounds.get(word.split("'")[0], ()):
            if folded.startswith(word + " ") or folded.startswith(word + "'"):
                # the words after the token, not `doc.text`: that joins the whole document on every call
                after = tok.doc[tok.i:tok.i + folded.count(" ") + 3].text[:len(folded) + 2]
                if fold(after).replace("’", "'").startswith(folded):
                    return key
        return None

    @cached_property
    def compounds(self) -> dict[str, list[tuple[str, str]]]:
        """Nouns of several words by their first word (what comes before a space or an apostrophe)."""
        out: dict[str, list[tuple[str, str]]] = {}
        for k in self.nouns:
            if " " in k:
                folded = fold(k)
                out.setdefault(re.split(r"[ ']", folded, maxsplit=1)[0], []).append((folded, k))
        return out

    def verb(self, tok: Token) -> tuple[str, ...] | None:
        lemma = self.lemma(tok)
        if lemma in self.denying and denied_infinitive(tok):
            return "REJECT", "deny"
        clause = que_clause(tok) if lemma in self.wish_que else None
        if clause is not None and (lemma in self.verbs or self.names_someone(clause)):
            return "REQUEST", "demand"
        if lemma not in self.verbs and lemma not in self.reflexive and lemma not in self.verb_with:
            return None
        governed = _governed(tok)
        if any((lemma, w) in NOT_AN_ACT for w in governed):
            return None
        if is_reflexive(tok):
            entry = self.reflexive.get(lemma)
            if entry is not None and (len(entry) == 2 or entry[2] in governed):
                return entry[:2]
            if entry is not None or lemma in ("dire", "déclarer", "montrer"):
                return None
        folded = {fold(w) for w in governed}
        for kind, mode, word in self.verb_with.get(lemma, []):
            if fold(word) in folded:
                return kind, mode
        if lemma in self.verbs and not (lemma in CLAIM_VERBS and que_clause(tok) is not None):
            return self.verbs[lemma]
        return None

    def lemma(self, tok: Token) -> str:
        """spaCy's lemma, or, when the lexicon does not know it, the first-group infinitive of the form: the
        lemmatizer leaves some forms as they are ("réclame", "dénoncent") or reads them as another word's
        ("suspecte" as the adjective "suspect")."""
        lemma = tok.lemma_.lower()
        if lemma in self.verbs or lemma in self.reflexive or lemma in self.verb_with or lemma in self.wish_que:
            return lemma
        low = tok.lower_
        if lemma != low and lemma.endswith(INFINITIVE_ENDINGS):
            return lemma  # a form the lemmatizer did reduce to a verb ("sommes" is être, not sommer)
        for ending in FIRST_GROUP_ENDINGS:
            if low.endswith(ending) and (guess := low[:len(low) - len(ending)] + "er") in self.verbs:
                return guess
        return lemma

    def needs_target_for(self, trig: Trigger) -> bool:
        """Only the word's plain sense needs a target: "exclure X" is a sanction, "exclure toute hausse" a refusal."""
        tok = trig.token
        lemma = self.lemma(tok) if tok.pos_ != "NOUN" else self.noun_key(tok)
        plain = self.nouns.get(lemma) if tok.pos_ == "NOUN" else self.verbs.get(lemma)
        return lemma in self.needs_target and (plain is None or plain == (trig.type, trig.mode))

    def names_someone(self, clause: Token) -> bool:
        """ "souhaite que l'État s'appuie sur les maires" asks the State; "j'espère que ce sera temporaire" and
        "nous voulons que cette terre soit aux Juifs" ask no one."""
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        return subj is not None and (subj.pos_ == "PROPN" or self.is_actor_noun(subj))

    def is_actor_noun(self, tok: Token) -> bool:
        return fold(tok.lemma_) in self.actor_nouns or fold(tok.text) in self.actor_nouns


def is_reflexive(tok: Token) -> bool:
    return any(c.lower_ in REFLEXIVE and c.dep_.startswith("expl") or c.lower_ in ("se", "s'", "s’")
               for c in tok.children)


def _governed(tok: Token) -> list[str]:
    """The words right after a verb that belong to it: its prepositions, objects and their determiners, and the
    preposition of its infinitive and its object however far ("appellent les députés qui s'y retrouvent à s'y
    associer", "ont exprimé jeudi partout en France leur colère")."""
    out = []
    for c in tok.subtree:
        if tok.i < c.i <= tok.i + GOVERNED_WINDOW:
            out.append(c.lower_)
            out.append(c.lemma_.lower())
    return out + [m.lower_ for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i
                  for m in c.children if m.dep_ == "mark"] \
        + [c.lemma_.lower() for c in tok.children if c.dep_ == "obj" and c.i > tok.i]


def denied_infinitive(tok: Token) -> bool:
    """ "que les gendarmes affirment n'avoir pas utilisée": saying one did not do it denies it."""
    return any(c.dep_ == "xcomp" and any(n.lower_ in ("ne", "n'", "n’") for n in c.children)
               and any(n.lower_ in ("pas", "jamais") for n in c.children) for c in tok.children)


def main_verb(adj: Token) -> bool:
    """An adjective the parser made the root, with a subject and no copula, is the sentence's verb ("La justice
    suspecte cet homme", "suspecte" read as the adjective "suspect")."""
    kids = [c.dep_ for c in adj.children]
    return adj.dep_ == "ROOT" and "nsubj" in kids and "cop" not in kids


def que_clause(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "ccomp" and any(m.dep_ == "mark" for m in c.children)), None)
