"""Who a subject stands for: a named actor, a pronoun's antecedent, a description's referent.

Quotes need it for speakers, events for their actors and targets. There is no coreference model here (none
can be downloaded): these are rules on spaCy's parse, the actors layer and a few word lists. A name is its
actor; a pronoun is the last speaker or the last person named (in gender, from first names and
descriptions); "le président vénézuélien" is the person whose nationality or role fits; "l'avis" speaks for
the body that wrote it; "un porte-parole de la police" stays as written. Where it stops: a pronoun far from
its antecedent, or a description nothing ties to a person.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from veille.annotate.actors import ACTOR_KINDS, entity_ref
from veille.annotate.entities import EntityIndex
from veille.annotate.lexicon import ActorLexicon
from veille.annotate.marks import Quoted
from veille.lang import FR
from veille.model import ActorRef, Article, Entity
from veille.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj")

_COMPLEMENT = re.compile(FR.pattern("resolve.complement"), re.I)

POSSESSIVES = FR.set("resolve.possessives")

DEFINITE = FR.set("resolve.definite")

INDEFINITE = FR.set("resolve.indefinite")

PRONOUNS = FR.map("resolve.pronouns")
"""Subject pronouns, and the object clitics "les"/"leur" (the singular "le"/"la" are too often articles)."""

SHORT_SPEECH_FORMS = FR.set("resolve.short_speech_forms")
_VERB_ENDING = re.compile(FR.pattern("resolve.verb_ending"))
"""What follows a reporting verb's stem in its conjugated forms (folded): "relate" is a verb, "relatif" is not."""

MAX_JOINT = 3
"""At most this many coordinated speakers are named together."""
RECENT_CHARS = 700
"""A pronoun this close after a quotation refers to its speaker ("…», a-t-il ajouté")."""
INCISE_TOKENS = 14
"""How far after an incise verb its subject may stand ("…», a aussi estimé auprès de l'AFP X")."""


@dataclass
class Person:
    entity: Entity
    words: set[str] = field(default_factory=set)
    gender: str | None = None
    positions: list[int] = field(default_factory=list)


class Resolver:
    """One article's actors as subjects of speech and action: who a name, a pronoun or a description
    stands for, and who spoke last. Quotes and events both resolve their subjects here."""

    def __init__(self, article: Article, doc: Doc, lex: ActorLexicon):
        self.article, self.doc, self.lex = article, doc, lex
        self.quoted = []
        """Quotation marks in the article: a subject inside one is not the subject outside."""
        self.last_speaker: ActorRef | None = None
        self.last_speaker_at = -1
        self.speech_stems = {fold(v)[:-2] for v in lex.speech_verbs if len(v) >= 5 and v.endswith(("er", "ir", "re"))
                             and " " not in v}
        self.speech_phrases: dict[str, list[str]] = {}
        for v in (v for v in lex.speech_verbs if " " in v):  # "mettre en garde": a lemma and the words after it
            first, rest = v.split(" ", 1)
            self.speech_phrases.setdefault(first, []).append(rest)
        self.people = self._people()
        self.subjects = self._subjects()
        self.ents = EntityIndex(article.entities)
        self.bodies_by_word: dict[str, list[Entity]] = {}
        for e in article.entities:
            if e.kind in ("organization", "group"):
                for word in dict.fromkeys(fold(e.canonical).split()):
                    self.bodies_by_word.setdefault(word, []).append(e)

    def _people(self) -> dict[str, Person]:
        people: dict[str, Person] = {}
        for e in self.article.entities:
            if e.kind != "person":
                continue
            p = people.setdefault(e.canonical, Person(e))
            p.positions.append(e.start)
            before = self.article.text[max(0, e.start - 60):e.start].split()[-5:]
            p.words.update(describing(before) | self.lex.offices(before))
            if p.gender is None:
                words = [fold(w) for w in before]
                p.gender = titled_gender(words, self.is_title) or self.lex.gender_of_name(e.canonical) \
                    or _gender(words)
        return people

    def speaks(self, tok: Token) -> bool:
        """A reporting verb: by its lemma, or by its stem and a verb ending where the lemmatizer left the form as
        it was ("estime" for "estimer")."""
        if tok.lemma_ in self.speech_phrases:
            after = self.article.text[tok.idx + len(tok.text):tok.idx + len(tok.text) + 20].lstrip().lower()
            if any(after.startswith(rest) for rest in self.speech_phrases[tok.lemma_]):
                return True
        return tok.lemma_ in self.lex.speech_verbs or tok.pos_ == "VERB" and tok.lemma_ == tok.lower_ \
            and self.speech_form(tok.text)

    def speech_form(self, word: str) -> bool:
        """A conjugated form of a reporting verb: its stem and a French verb ending."""
        w = fold(word.split("-")[0])
        return w in SHORT_SPEECH_FORMS or any(w.startswith(stem) and _VERB_ENDING.fullmatch(w[len(stem):])
                                              for stem in self.speech_stems)

    def is_title(self, word: str) -> bool:
        return word in self.lex.honorifics or self.lex.role(word) is not None

    def _subjects(self) -> list[tuple[int, Entity]]:
        """Every person or body that is the subject of a verb, where: the antecedents pronouns look back to."""
        out = []
        for e in self.article.entities:
            if e.kind not in ("person", "organization", "group"):
                continue
            if re.search(r"\b(?:à|au|aux)\s+(?:l['’])?$", self.article.text[max(0, e.start - 6):e.start]):
                continue
            span = self.doc.char_span(e.start, e.end, alignment_mode="expand")
            root = _named_root(span) if span is not None else None
            if root is not None and root.dep_ in ("nsubj", "nsubj:pass") or \
                    span is not None and span.root.dep_ == "obj" and self.speaks(span.root.head):
                out.append((e.start, e))
        return out

    def spoke(self, speaker: ActorRef | None, at: int) -> None:
        if speaker is not None:
            self.last_speaker, self.last_speaker_at = speaker, at

    def inside_quote(self, pos: int) -> bool:
        """Quotations do not nest and come in text order: a binary search finds the one that may hold pos."""
        i = bisect_right(self._opens, pos) - 1
        return i >= 0 and pos <= self.quoted[i].close_mark

    @property
    def quoted(self) -> list[Quoted]:
        return self._quoted

    @quoted.setter
    def quoted(self, value: list[Quoted]) -> None:
        self._quoted = sorted(value, key=lambda q: q.open_mark)
        self._opens = [q.open_mark for q in self._quoted]

    def speaker_of(self, verb: Token, after_quote: bool = False) -> ActorRef | None:
        """Who says what a reporting verb reports: its own subject, an incise's inverted one, a glued pronoun,
        a gerund's sentence subject; else the subject of the verb it depends on, three levels up at most."""
        for _ in range(3):
            subj = self.own_subject(verb, after_quote)
            if subj is None and is_incise(verb) and not is_gerund(verb):
                subj = self.inverted_subject(verb, after_quote)
            if subj is None:
                subj = inverted_pronoun(verb)
            if subj is None and is_gerund(verb) and is_incise(verb) and verb.sent.root != verb:
                # "les Régions ont claqué la porte…, évoquant «…»": a gerund after a comma is the sentence's subject's
                subj = next((c for c in verb.sent.root.children if c.dep_ in ("nsubj", "expl:subj")
                             and not self.inside_quote(c.idx)), None)
            if subj is not None:
                return self.jointly(subj, verb.idx)
            if verb.dep_ not in ("conj", "advcl", "xcomp", "acl") or verb.head == verb:
                return None
            verb = verb.head
        return None

    def own_subject(self, verb: Token, after_quote: bool) -> Token | None:
        return next((c for c in _with_auxiliaries(verb) if c.dep_ in SUBJECT_DEPS and c.lower_ != "-t"
                     and not self.inside_quote(c.idx) and not _object_taken_for_subject(verb, c)
                     and not (after_quote and self.quote_between(c, verb))), None)

    def inverted_subject(self, verb: Token, after_quote: bool) -> Token | None:
        """ "…», estime le ministre": a named or determined noun after the verb, else (after a quotation) the
        words after it."""
        subj = next((c for c in verb.children if c.dep_ in ("obj", "nsubj") and c.i > verb.i
                     and (self.named_from(c) or self.lex.role(c.text)
                          or any(d.lower_ in DEFINITE | INDEFINITE for d in c.children if d.dep_ == "det"))
                     and not self.inside_quote(c.idx)), None)
        return subj if subj is not None or not after_quote else self.subject_after(verb)

    def jointly(self, subj: Token, at: int) -> ActorRef | None:
        """ "ont affirmé l'USM et le SM": speakers coordinated by "et" speak together, under both names."""
        ref = self.resolve(subj, at)
        # the parser may hang the second one on the first one's complement ("l'Union syndicale des magistrats et
        # le Syndicat…"): then only a name counts
        heads = [subj, *(c for c in subj.children if c.dep_ == "nmod")]
        others = [c for h in heads for c in h.children if c.dep_ == "conj" and any(x.lower_ == "et" for x in c.children)
                  and (h is subj or self.entity_at(c) is not None)]
        refs = [ref, *(self.resolve(c, at) for c in others[:MAX_JOINT - 1])]
        if ref is None or len(refs) < 2 or any(r is None or r.kind == "unknown" for r in refs):
            return ref
        names = list(dict.fromkeys(r.name for r in refs))
        countries = {r.country for r in refs}
        return ActorRef(name=" et ".join(names), kind="group", country=countries.pop() if len(countries) == 1
                        else None) if len(names) > 1 else ref

    def title_speaker(self) -> ActorRef | None:
        """Before anyone has spoken in the body, a quotation is most likely the headline's speaker's ("le
        conseil scientifique appelle à…")."""
        title = self.doc.char_span(0, len(self.article.title), alignment_mode="contract") or []
        for verb in (t for t in title if self.speaks(t) and t.pos_ == "VERB"):
            if (ref := self.speaker_of(verb)) is not None:
                return ref
        return None

    def subject_after(self, verb: Token) -> Token | None:
        """In an incise the subject follows the verb, often after adverbs and complements the parser hangs
        it on ("…», a aussi estimé auprès de l'AFP Yonathan Freund"): the first named actor up to the end of
        the clause, else the first noun with a determiner, else a glued pronoun."""
        glued = inverted_pronoun(verb)
        if glued is not None:
            return glued
        doc = verb.doc
        end = min(verb.sent.end, verb.i + INCISE_TOKENS)
        tail = [t for t in doc[verb.i + 1:end]]
        stop = next((i for i, t in enumerate(tail) if t.text in (".", ";", "!", "?") or self.inside_quote(t.idx)),
                    len(tail))
        tail = tail[:stop]
        for t in tail:
            ent = next((e for e in self.ents.covering(t.idx) if e.kind in ACTOR_KINDS), None)
            if ent is not None and not self.complement_at(ent.start):
                return t
        for t in tail:
            if t.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" for c in t.children):
                return t
        return inverted_pronoun(verb)

    def resolve(self, tok: Token, at: int, strict: bool = False) -> ActorRef | None:
        """A subject token → an actor: a named one, a pronoun's antecedent, a description's referent."""
        ent = self.entity_at(tok)
        if ent is not None:
            return entity_ref(self.article, ent)
        if tok.lower_ == "qui" and tok.head.dep_ == "acl:relcl" and self.entity_at(tok.head.head) is not None:
            return self.resolve(tok.head.head, at, strict)  # "X, secrétaire de la CFDT, qui prévient que…"
        low = tok.lower_ if not tok.lower_.startswith("-") else "-" + tok.lower_.lstrip("-t")
        if low == "-on":  # "«…», a-t-on martelé de même source": the source just quoted
            return self.last_speaker
        if tok.pos_ == "PRON" or low in PRONOUNS:
            return self.antecedent(PRONOUNS.get(low), at) if low in PRONOUNS else None
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        return self.described(tok, at, strict)

    def entity_at(self, tok: Token) -> Entity | None:
        """The actor a subject names: itself, or the last name in its noun phrase that is not a complement ("le
        ministre de l'Intérieur Massoud Andarabi", "l'avocat de la famille Traoré, Yassine Bouzrou" — but not
        "l'ancienne ministre de Nicolas Sarkozy" nor "le chef du HCR": those are descriptions of a person)."""
        np = noun_phrase(tok)
        lo, hi = np[0].idx, np[-1].idx + len(np[-1])
        # an apposition after a comma names the description: "le secrétaire d'État…, Laurent Nuñez, a confirmé"
        appos = [c for t in np for c in t.children if c.dep_ == "appos" and c.i == np[-1].i + 2
                 and tok.doc[c.i - 1].text in (",", ":")]  # and a headline's "Masques : Jérôme Salomon explique"
        if appos:
            hi = appos[0].right_edge.idx + len(appos[0].right_edge)
        elif (named := self.name_after_brackets(np[-1])) is not None:
            hi = named.end  # "un responsable de l'Organisation mondiale de la santé (OMS) Michael Ryan"
        actors = [e for e in self.ents.between(lo, hi) if e.kind in ACTOR_KINDS]
        own = [e for e in self.ents.covering(tok.idx) if e.kind in ACTOR_KINDS]
        # (own: the name the token is part of, wherever the parse starts it)
        named = [e for e in actors if not self.complement_at(e.start)]
        people = [e for e in named if e.kind == "person"]
        if own and (own[0].kind == "person" or not people):
            return own[0]
        if people:
            return people[-1]
        return None if self.lex.role(tok.text) else (named or [None])[0]

    def named_from(self, tok: Token) -> bool:
        """A name that starts at this word, not the tail of one the parser cut ("HP" of "AP-HP")."""
        ent = self.entity_at(tok)
        return ent is not None and ent.start >= tok.left_edge.idx

    def quote_between(self, a: Token, b: Token) -> bool:
        """ "Coronavirus : «…», estime le Conseil": a word before the quotation is not the incise's subject."""
        return any(self.inside_quote(t.idx) for t in a.doc[a.i + 1:b.i])

    def complement_at(self, pos: int) -> bool:
        """A name at pos introduced by a preposition ("de X", "à X", "par X"): not a subject."""
        return bool(_COMPLEMENT.search(self.article.text[max(0, pos - 12):pos]))

    def name_after_brackets(self, last: Token) -> Entity | None:
        doc = last.doc
        if last.i + 1 >= len(doc) or doc[last.i + 1].text != "(":
            return None
        close = next((t for t in doc[last.i + 2:last.i + 8] if t.text == ")"), None)
        if close is None or close.i + 1 >= len(doc):
            return None
        after = doc[close.i + 1].idx
        return next((e for e in self.ents.between(after, after + 1) if e.kind == "person"), None)

    def antecedent(self, gender: str | None, at: int) -> ActorRef | None:
        """What a pronoun stands for. "ils"/"elles": the last speaker if a body or a group, else the last body
        that was a subject. "il": the last speaker if recent and not a woman, else the last person named who is
        not. "elle": a woman known as such (the last speaker first), else the last person named."""
        bodies = [(pos, e) for pos, e in self.subjects if pos < at and e.kind != "person"]
        if gender == "p":
            if self.last_speaker is not None and self.last_speaker.kind != "person":
                return self.last_speaker
            return entity_ref(self.article, bodies[-1][1]) if bodies else self.last_speaker
        last = self.last_speaker
        if self.body_still_speaking(gender, at):
            return last
        if (newcomer := self.new_subject(gender, at)) is not None:
            return newcomer
        last_gender = self._gender_of(last) if last is not None else None
        recent = last is not None and last.kind == "person" and at - self.last_speaker_at < RECENT_CHARS
        if gender == "f":
            if recent and last_gender == "f":
                return last
            person = self.last_person(at, "f", strict=True)
            fem = [e for _, e in bodies if self.body_gender(e) == "f"]
            if person is None and fem:
                return entity_ref(self.article, fem[-1])
            person = person or self.last_person(at, "f")
        else:
            if recent and last_gender != "f":
                return last
            person = self.last_person(at, gender)
        if person is not None:
            return entity_ref(self.article, person.entity)
        fitting = [e for _, e in bodies if gender is None or self.body_gender(e) in (None, gender)]
        return entity_ref(self.article, fitting[-1]) if fitting else last

    def new_subject(self, gender: str | None, at: int) -> ActorRef | None:
        """ "…, assure la guide Choe. Médecin militaire, Jon Gu Kang devint… «…», disait-elle": a person who has
        been the subject of a sentence since the last quotation, and whose gender does not rule it out, is
        whom "il"/"elle" now stands for."""
        if gender not in ("m", "f"):
            return None
        people = [e for pos, e in self.subjects if self.last_speaker_at < pos < at and e.kind == "person"
                  and self.people.get(e.canonical) is not None and self.people[e.canonical].gender in (None, gender)
                  and self.in_main_clause(e)]
        if not people or self.last_speaker is not None and people[-1].canonical == self.last_speaker.name:
            return None
        return entity_ref(self.article, people[-1])

    def in_main_clause(self, e: Entity) -> bool:
        """Not "…lorsque Donald Trump a proposé l'annexion": the subject of the sentence's own verb."""
        span = self.doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None:
            return False
        verb = _named_root(span).head
        # a sentence the parser ran into the one before hangs as advcl/conj, with no "lorsque"/"que" of its own
        return verb.dep_ == "ROOT" or verb.dep_ in ("advcl", "conj", "parataxis") and \
            not any(c.dep_ == "mark" for c in verb.children)

    def body_still_speaking(self, gender: str | None, at: int) -> bool:
        """ "il" after a body spoke ("le conseil scientifique souligne «…» … Il suggère") is that body when its
        grammatical gender fits and no person has been named since it spoke."""
        last = self.last_speaker
        if last is None or last.kind == "person" or gender not in ("m", "f") or at - self.last_speaker_at > \
                RECENT_CHARS:
            return False
        named = [e for e in self.article.entities if e.canonical == last.name]
        if not named or self.body_gender(named[-1]) != gender:
            return False
        return not any(self.last_speaker_at < x < at for p in self.people.values() for x in p.positions)

    def body_gender(self, e: Entity) -> str | None:
        span = self.doc.char_span(e.start, e.end, alignment_mode="expand")
        found = span.root.morph.get("Gender") if span is not None else []
        return {"Fem": "f", "Masc": "m"}.get(found[0]) if found else None

    def last_person(self, at: int, gender: str | None = None, strict: bool = False) -> Person | None:
        fits = (lambda p: p.gender == gender) if strict and gender in ("m", "f") else \
            (lambda p: gender in (None, "p") or p.gender in (None, gender))
        before = [(max(x for x in p.positions if x < at), p) for p in self.people.values()
                  if any(x < at for x in p.positions) and fits(p)]
        return max(before, key=lambda b: b[0])[1] if before else None

    def _gender_of(self, ref: ActorRef) -> str | None:
        p = self.people.get(ref.name)
        return p.gender if p else None

    def described(self, tok: Token, at: int, strict: bool) -> ActorRef | None:
        """ "le président vénézuélien" -> the person whose nationality or earlier description fits; "le
        dirigeant socialiste" (nothing distinctive) -> the last speaker if the role fits; "un porte-parole de
        la police" -> an unnamed speaker, named as written. `strict`: None rather than a guess."""
        words = noun_phrase(tok)
        unnamed = None if strict else ActorRef(name=self.phrase(words, tok), kind="unknown")
        if words[0].lower_ in INDEFINITE or any(c.dep_ == "nummod" and c.i < tok.i for c in tok.children) \
                or fold(tok.text) in self.lex.circles:
            return unnamed  # "un porte-parole", "quelque 70 magistrats en colère", "l'entourage de la ministre"
        found = self.body_named(tok, at)
        if found is None and fold(tok.text) in DOCUMENTS | INSTITUTIONS:
            return self.document_or_institution(tok, words, strict, unnamed)
        if found is not None:
            return found
        role = self.lex.role(" ".join(t.text for t in words if t.i >= tok.i) if words[-1].i > tok.i else tok.text) \
            or self.lex.role(tok.text)
        if role is None and tok.pos_ == "PROPN":
            return ActorRef(name=tok.text, kind="unknown")
        if "Plur" in tok.morph.get("Number") and self.lex.role(tok.text) is not None:
            return unnamed  # "les gendarmes" are not the one person last named
        gender = np_gender(words, tok)
        folded = {fold(t.text) for t in words} - {"le", "la", "les", "l'", "de", "du", "des"}
        country = next((c for w in folded if (c := self.lex.demonyms.get(w))), None)
        inside = (words[0].idx, words[-1].idx + len(words[-1]))
        content = describing([t.text for t in words])
        content |= self.lex.offices([t.text for t in words])
        best = self.best_person(content, country, role, at, inside) if (country or role) else None
        if best is not None:
            if best.name in self.people:
                self.people[best.name].words.update(content)  # the next such description names them too
            return best
        if role is None:
            return self.roleless(words, tok, gender, at, strict, unnamed)
        found = self.role_holder(role, gender, at) or (self.prominent() if not strict else None)
        if found is not None and found.name in self.people:
            self.people[found.name].words.update(content)  # "le Premier ministre" now names them, and its office
        return found or unnamed

    def phrase(self, words: list[Token], tok: Token) -> str:
        named = [t for t in words if t.i <= tok.i or t.i - tok.i <= NAME_TOKENS_AFTER_HEAD]
        stop = next((i for i, t in enumerate(named) if t.i > tok.i and t.pos_ in ("VERB", "AUX")), len(named))
        named = named[:stop]
        return self.article.text[named[0].idx:named[-1].idx + len(named[-1])]

    def document_or_institution(self, tok: Token, words: list[Token], strict: bool,
                                unnamed: ActorRef | None) -> ActorRef | None:
        key = fold(tok.text)
        if key in DOCUMENTS:  # "l'avis" is the body's that just spoke; "le rapport du HCR" is as written
            last = self.last_speaker or self.title_speaker()
            bare = not any(c.dep_ == "nmod" and {x.lower_ for x in c.children if x.dep_ == "case"} & AUTHOR_CASES
                           or c.dep_ == "amod" and c.pos_ == "ADJ" for c in tok.children)
            return last if bare and last is not None and last.kind != "person" else unnamed
        if key in INSTITUTIONS:
            return None if strict else ActorRef(name=self.phrase(words, tok), kind="organization")
        return None

    def roleless(self, words: list[Token], tok: Token, gender: str | None, at: int, strict: bool,
                 unnamed: ActorRef | None) -> ActorRef | None:
        """ "son récit" -> its owner; "la quadragénaire" -> the last woman named; else as written."""
        det = words[0].lower_
        if det in POSSESSIVES:
            return self.antecedent(None, at) or unnamed
        if det in DEFINITE and not strict:
            return self.antecedent(gender, at) or unnamed
        return unnamed if tok.pos_ == "NOUN" else None

    def role_holder(self, role: str, gender: str | None, at: int) -> ActorRef | None:
        """Someone with that role: a person named since the last quotation, the last speaker, whoever holds
        the role most often."""
        newcomer = self.last_person(at, gender)
        if newcomer is not None and newcomer.entity.sector in (role, None) \
                and max(x for x in newcomer.positions if x < at) > self.last_speaker_at:
            return entity_ref(self.article, newcomer.entity)
        last = self.last_speaker
        if last is not None and last.kind == "person" and last.sector in (role, None) \
                and (gender is None or self._gender_of(last) in (None, gender)):
            return last
        holders = [p for p in self.people.values() if p.entity.sector == role and min(p.positions) < at
                   and (gender is None or p.gender in (None, gender))]
        return entity_ref(self.article, max(holders, key=lambda p: len(p.positions)).entity) if holders else None

    def prominent(self) -> ActorRef | None:
        """The person the article is about: named in the title, else named most (at least three times)."""
        title_end = len(self.article.title)
        people = sorted(self.people.values(), key=lambda p: (min(p.positions) > title_end, -len(p.positions)))
        if people and (min(people[0].positions) <= title_end or len(people[0].positions) >= 3):
            return entity_ref(self.article, people[0].entity)
        return None

    def body_named(self, tok: Token, at: int) -> ActorRef | None:
        """ "l'association", "le ministère", "le groupe": the body named earlier whose name has that word."""
        head = fold(tok.text)
        if tok.pos_ not in ("NOUN", "PROPN") or self.lex.role(tok.text):
            return None
        found = self.bodies_by_word.get(head, [])
        before = [e for e in found if e.start < at]
        return entity_ref(self.article, (before or found)[-1]) if found else None

    def best_person(self, words: set[str], country: str | None, role: str | None, at: int,
                    inside: tuple[int, int] = (0, 0)) -> ActorRef | None:
        """A person the description fits by nationality or by words of an earlier description of them;
        the one mentioned last before the quote wins; a person named inside the description ("l'ancienne
        ministre de Nicolas Sarkozy") is not the one described."""
        scored = []
        for p in self.people.values():
            if any(inside[0] <= x < inside[1] for x in p.positions):
                continue
            if country and p.entity.country != country or role and p.entity.sector not in (role, None):
                continue
            overlap = len(words & p.words)
            if not (overlap or country):
                continue
            before = [x for x in p.positions if x < at]
            scored.append((overlap, bool(before), max(before) if before else -min(p.positions), p))
        if not scored:
            return None
        return entity_ref(self.article, max(scored, key=lambda s: s[:3])[3].entity)


def describing(words: list[str]) -> set[str]:
    """The words of a description that can tie it to a person: lower-case content words ("président",
    "groupe", "vénézuélien"), not names of bodies ("LR", "Sénat") that descriptions of others share."""
    return {fold(w) for w in words if w.islower() and len(w) > 3 and fold(w) not in DESCRIPTION_STOP}


DESCRIPTION_STOP = FR.set("resolve.description_stop")


def np_gender(words: list[Token], head: Token) -> str | None:
    """The grammatical gender of a description: its determiner ("la", "cette"), else its head noun."""
    det = words[0].lower_ if words else ""
    if det in ("la", "une", "cette"):
        return "f"
    if det in ("le", "un", "ce", "cet"):
        return "m"
    found = head.morph.get("Gender")
    return {"Fem": "f", "Masc": "m"}.get(found[0]) if found else None


def _gender(words: list[str]) -> str | None:
    """A name's gender from the two words before it, when nothing better is known: "Mme", "M.", "la", "le"."""
    last2 = set(words[-2:])
    if {"mme", "madame", "mlle"} & last2 or words[-1:] in (["la"], ["une"]) or "la" in last2:
        return "f"
    if {"m.", "m", "monsieur"} & last2 or "le" in last2 or "un" in last2:
        return "m"
    return None


def titled_gender(words: list[str], is_title: Callable[[str], bool]) -> str | None:
    """ "le richissime roi Maha Vajiralongkorn", "la ministre X", "du président X": the determiner of the title
    a name follows, three words back at most. It says more than a first-name list (Maha is a woman's name too);
    after a word that is no title ("la famille Adama Traoré") it says nothing."""
    if not words or not is_title(words[-1]):
        return None
    for w in reversed(words[-3:]):
        if w[-1:] in ",;:.()" or w in _NOT_IN_TITLE:
            return None
        if w in _DET_GENDER:
            return _DET_GENDER[w]
    return None


_NOT_IN_TITLE = FR.set("resolve.not_in_title")
_DET_GENDER = FR.map("resolve.det_gender")


NP_MAX_TOKENS = 16


NAME_TOKENS_AFTER_HEAD = 6


INSTITUTIONS = FR.set("resolve.institutions")
"""Bodies that speak for themselves: "le gouvernement considère…"."""


AUTHOR_CASES = FR.set("resolve.author_cases")
DOCUMENTS = FR.set("resolve.documents")
"""Documents speak for the body that wrote them ("…", insiste l'avis -> the council) when it just spoke."""


NP_DEPS = {"det", "amod", "nmod", "flat:name", "flat:foreign", "compound", "case", "nummod", "fixed", "appos"}


def _has_case(tok: Token) -> bool:
    """A complement introduced by a preposition ("de la famille Traoré")."""
    return any(c.dep_ == "case" for c in tok.children)


def noun_phrase(tok: Token) -> list[Token]:
    """The description itself ("le porte-parole de la police"), without relative clauses or what follows."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ in NP_DEPS and not (child.dep_ == "case" and child.i < tok.i):
            keep += [t for t in child.subtree if not t.is_punct]
    keep.sort(key=lambda t: t.i)
    run = [keep[keep.index(tok)]]
    for t in reversed(keep[:keep.index(tok)]):
        if t.i != run[0].i - 1:
            break
        run.insert(0, t)
    for t in keep[keep.index(tok) + 1:]:
        quoted_name = t.i == run[-1].i + 2 and t.doc[t.i - 1].is_quote  # le comité "La Vérité pour Adama"
        if t.i != run[-1].i + 1 and not quoted_name or len(run) >= NP_MAX_TOKENS:
            break
        run.append(t)
    return run


def is_incise(verb: Token) -> bool:
    """The verb of an incise ("…», a déclaré X", "…, estime le ministre"): a comma or a closing quotation mark
    just before it (auxiliaries and glued pronouns aside), so a noun after it is its subject."""
    i = verb.i - 1
    while i >= 0 and (verb.doc[i].pos_ in ("AUX", "ADV", "PRON") or verb.doc[i].text.startswith("-")):
        i -= 1
    return i >= 0 and verb.doc[i].text in (",", "»", '"', "”", ":")


def _with_auxiliaries(verb: Token) -> list[Token]:
    """A verb's dependents, and its auxiliaries' ones: the parser sometimes hangs the subject on "a" in "X a
    d'ailleurs souligné"."""
    return [*verb.children, *(c for a in verb.children if a.dep_.startswith("aux") for c in a.children)]


def is_gerund(verb: Token) -> bool:
    """ "niant", "évoquant": a present participle, whose subject is the sentence's."""
    return "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense")


def _named_root(span: Span) -> Token:
    """The word a name stands for in the parse: itself, or the noun it is in apposition to ("le directeur
    général de la Santé, Jérôme Salomon, a…")."""
    return span.root.head if span.root.dep_ == "appos" else span.root


def _object_taken_for_subject(verb: Token, subj: Token) -> bool:
    """ "X a dit refuser…, et souhaité réenraciner le groupe Renault": a coordinated verb shares the first
    one's subject; a noun after it is its object, whatever the parser says."""
    return subj.i > verb.i and not subj.text.startswith("-") and any(c.dep_ == "cc" and c.i < verb.i
                                                                      for c in verb.children)


def inverted_pronoun(verb: Token) -> Token | None:
    """ "a-t-il affirmé", "ajoute-t-elle", "font-ils valoir": the subject pronoun glued to the verb or its
    auxiliary, which the parser often leaves unattached."""
    doc = verb.doc
    for i in (verb.i + 1, verb.i - 1, verb.i - 2, verb.i + 2):
        if 0 <= i < len(doc) and doc[i].text.startswith("-") and doc[i].lower_.lstrip("-t") in \
                ("il", "elle", "ils", "elles", "on"):
            return doc[i]
    return None


def cue_text(verb: Token) -> str:
    """The reporting verb as written, with its auxiliaries: "a déclaré", "a-t-il ajouté"."""
    toks = sorted([verb, *(c for c in verb.children if c.dep_.startswith("aux") or c.text.startswith("-t"))],
                  key=lambda t: t.i)
    return verb.doc[toks[0].i:toks[-1].i + 1].text
