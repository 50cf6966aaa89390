"""Who acts on whom in an event clause: the actor and target of a trigger, read off spaCy's parse.

Active verbs: the subject acts (found through incises, gerunds and coordinated verbs by the shared resolver) on
the object, the "à/avec/contre/auprès de" complement, the subject of a que-clause ("a déploré que le président
oublie…"), or the owner of the object ("a salué le discours du ministre"). Passives and participles: the agent
acts ("accusé par X", "dénoncée par les présidents") on the passive subject or the noun the participle
qualifies. Event nouns: a "de"/"par" complement acts, an "à/contre" one is acted on. "nous" inside a quote is
its speaker. Unnamed subjects count only if they name people or bodies ("les manifestants", not "les
discussions"). Visits and aid go to the state of the place they go to ("se rendre à Beyrouth").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from veille.annotate.actors import ACTOR_KINDS, entity_ref, state_ref
from veille.annotate.event_lexicon import EventLexicon, is_reflexive
from veille.annotate.gazetteer import Gazetteer
from veille.annotate.resolve import (
    AUTHOR_CASES,
    INSTITUTIONS,
    POSSESSIVES,
    Resolver,
    inverted_pronoun,
    is_gerund,
    noun_phrase,
)
from veille.lang import FR
from veille.model import ActorRef, Article, Quote
from veille.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Token

TARGET_CASES = FR.set("event_args.target_cases")
NOUN_TARGET_CASES = TARGET_CASES | {"pour"}
"""An aid "pour les commerçants" goes to them; one thanks someone "pour ses déclarations"."""
ACTOR_CASES = AUTHOR_CASES | {"par"}
FIRST_PERSON = FR.set("event_args.first_person")
PLACE_GOALS = {"CONSULT", "AID"}
OBJECT_DEPS = ("obj", "iobj")
OBLIQUE_DEPS = ("obl:arg", "obl:mod", "iobj", "obl", "nmod")
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}
"""Types where two coordinated subjects are the two parties ("Moscou et Caracas ont prolongé…")."""
MAX_PARTIES = 4
OBJECT_CLITICS = FR.map("event_args.object_clitics")
"""Object pronouns whose antecedent is the target ("les"/"leur" are resolved as plurals by the resolver)."""
STRONG_PRONOUNS = FR.map("event_args.strong_pronouns")
SKIPPED_BEFORE = {"advmod", "fixed", "expl:comp", "aux:tense", "aux:pass"}
"""What stands between a verb and its subject: "a d'abord", "se sont"."""
RELATIVES_TO = FR.set("event_args.relatives_to")
"""Relatives that carry their "à": "le Conseil, auquel X a demandé…" asks the Conseil."""
RELATIVES = FR.set("event_args.relatives")
QUANTITIES = FR.set("event_args.quantities")
_SOURCE = re.compile(r"(?:selon|d['’]après|à l['’]|au micro d[eu]|sur)\s*(?:l['’]|le |la |les )?$", re.I)
"""Who reports ("selon l'AFP", "a déclaré à l'AFP") is not who is acted upon."""


@dataclass
class Parties:
    """Who acts and who is acted on; coordinated ones ("la Grèce et Chypre ont envoyé…") each count."""

    actors: list[ActorRef] = field(default_factory=list)
    targets: list[ActorRef] = field(default_factory=list)
    defaulted: bool = False
    """The actor is the default of the event type ("une manifestation": protesters), not named."""


class Participants:
    """Actor and target of the triggers of one article."""

    def __init__(self, article: Article, res: Resolver, lex: EventLexicon, gaz: Gazetteer):
        self.article, self.res, self.lex, self.gaz = article, res, lex, gaz
        self.patient_nouns = {fold(n) for n in lex.patient_nouns}

    def of_verb(self, verb: Token, kind: str, quote: Quote | None) -> Parties:
        if is_passive(verb):
            agent = next((c for c in verb.children if _is_agent(c)), None) or stray_agent(verb)
            patient = next((c for c in verb.children if c.dep_ in ("nsubj:pass", "nsubj")), None)
            described = patient is None and verb.dep_ == "acl"
            if described:  # "le directeur général de la Santé, accusé par X": the person so described
                patient = verb.head
            # "un mandat d'arrêt a été délivré à son encontre": the patient is a thing, the "à" complement is hit
            return Parties(self.each(agent, lambda t: self.actor(t, verb, quote)),
                           self.each(patient, lambda t: described and self.described_person(t, verb)
                                     or self.target(t, verb, quote)) or self.object_of(verb, quote))
        subj = self.subject(verb) or inverted_subject(verb)
        parties = Parties(self.each(subj, lambda t: self.actor(t, verb, quote)) if subj is not None else [],
                          [] if subj is not None and subj.dep_ == "obj" else
                          self.object_of(verb, quote) or self.clause_subject(verb, quote) or
                          self.object_complement(verb, quote))
        if subj is not None and verb.dep_ == "conj" and verb.head.pos_ in ("PROPN", "NOUN"):
            # "La Grèce et Chypre ont envoyé…" parsed with the verb hanging from "Grèce": both act
            first = self.actor(verb.head, verb, quote)
            parties.actors = ([first] if first is not None else []) + parties.actors
        if not parties.actors and verb.dep_ != "acl":
            subj = climb_subject(verb) or (self.subject(coordinated_with(verb)) if verb.dep_ == "conj" else None) \
                or self.name_before(verb) or self.stray_subject(verb)  # "…, exigeant…": the gerund's actor
            parties.actors = self.each(subj, lambda t: self.actor(t, verb, quote))
        if kind == "RETREAT" and not parties.targets:  # "a démissionné des Républicains", "se retirer de l'OMS"
            left = next((c for c in verb.children
                         if c.dep_.startswith("obl") and prepositions(c) & ACTOR_CASES - {"par"}), None)
            parties.targets = self.each(left, lambda t: self.target(t, verb, quote))
        if kind in SYMMETRIC and len(parties.actors) > 1 and not parties.targets:
            parties.actors, parties.targets = parties.actors[:1], parties.actors[1:2]
        if verb.lemma_ in self.lex.swap:
            parties.actors, parties.targets = parties.targets[:1], parties.actors[:1]
        return parties

    def of_noun(self, noun: Token, quote: Quote | None) -> Parties:
        """ "la visite du vice-Premier ministre russe au Venezuela": actor in "de", target in "à"."""
        parties = Parties()
        patient = self.undergone(noun)
        owner = possessive(noun)
        if patient and owner is not None:  # "son arrestation": the one arrested is whom "son" stands for
            found = self.owner_of(owner)
            parties.targets = [found] if found is not None else []
        for c in complements(noun):
            cases = prepositions(c)
            if patient and c.dep_ == "nmod" and cases & ACTOR_CASES - {"par"} and not parties.targets:
                parties.targets = self.each(c, lambda t: self.target(t, noun, quote))
            elif c.dep_ in ("nmod", "obl:agent") and cases & ACTOR_CASES and not parties.actors and c.pos_ != "PRON":
                parties.actors = self.each(c, lambda t: self.actor(t, noun, quote, strict=True))
            elif c.dep_ in OBLIQUE_DEPS and cases & NOUN_TARGET_CASES and not parties.targets:
                parties.targets = self.each(c, lambda t: self.target(t, noun, quote))
            elif c.dep_ == "acl" and c.lemma_ == "viser" and not parties.targets:  # "des mandats visant X"
                aimed = next((o for o in c.children if o.dep_ == "obj"), None)
                parties.targets = self.each(aimed, lambda t, c=c: self.target(t, c, quote))
            elif c.dep_ == "acl" and is_passive(c) and not parties.actors:
                agent = next((a for a in c.children if _is_agent(a)), None)
                parties.actors = self.each(agent, lambda t, c=c: self.actor(t, c, quote, strict=True))
        if not parties.actors:
            parties.actors = self.national(noun)
        return parties

    def national(self, noun: Token) -> list[ActorRef]:
        """ "des sanctions américaines", "les frappes russes": the state the adjective names did it."""
        for c in noun.children:
            country = self.res.lex.demonyms.get(fold(c.text)) if c.dep_ == "amod" and c.pos_ == "ADJ" else None
            if country is not None:
                return [state_ref(country, self.gaz, self.article.span(c.idx, c.idx + len(c)))]
        return []

    def undergone(self, noun: Token) -> bool:
        """ "son arrestation": who the sentence is about underwent the act; they did not do it."""
        return fold(noun.lemma_) in self.patient_nouns

    def each(self, tok: Token | None, resolve) -> list[ActorRef]:
        """A party and those coordinated with it, resolved; at most MAX_PARTIES. A common noun after a comma
        and no "et" is an apposition the parser took for a conjunct ("La France, ancienne puissance mandataire,")."""
        if tok is None:
            return []
        toks = [tok] + [c for c in tok.children if c.dep_ == "conj" and (c.pos_ == "PROPN" or c.pos_ == "NOUN"
                                                                        and any(x.dep_ == "cc" for x in c.children))]
        return [r for t in toks[:MAX_PARTIES] if (r := resolve(t)) is not None]

    def owner_of(self, possessive: Token) -> ActorRef | None:
        """Whom "son"/"sa"/"leur" stands for (the determiner agrees with the noun, so only "leur" says plural)."""
        return self.res.antecedent("p" if possessive.lower_.startswith("leur") else None, possessive.idx)

    def described_person(self, tok: Token, verb: Token) -> ActorRef | None:
        ref = self.res.resolve(tok, verb.idx)
        return ref if ref is not None and ref.kind == "person" else None

    def subject(self, verb: Token) -> Token | None:
        """The subject, or for a participle the noun it qualifies ("les voix ayant critiqué"), or for a gerund
        after a comma the subject of the sentence ("Des militants manifestaient…, exigeant des réformes")."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and c.lower_ != "-t"]
        # "Ce dont se défend Claire Compagnon": the relative and the name both hang as subjects; the name acts
        subj = next((c for c in subjects if c.lower_ not in RELATIVES), subjects[0] if subjects else None)
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and not after_comma(verb) and subj is None:
            return verb.head
        if subj is not None and subj.lower_ not in RELATIVES:
            return subj
        if subj is not None and (antecedent := relative_antecedent(verb)) is not None:
            return antecedent  # "L'organisation, qui venait de prêter 120 millions de dollars au Liban"
        if is_gerund(verb) and after_comma(verb) or verb.dep_ == "acl":
            root = verb.sent.root
            return next((c for c in root.children if c.dep_ in ("nsubj", "expl:subj")), None) \
                if root != verb else None
        return None

    def name_before(self, verb: Token) -> Token | None:
        """When the parse gives a finite verb no subject, a name just before it ("Prayut Chan-O-Cha a mis en
        garde", parsed as two sentences) is its subject."""
        i = verb.i - 1
        while i >= verb.sent.start and (verb.doc[i].pos_ in ("AUX", "ADV") or verb.doc[i].dep_ in SKIPPED_BEFORE):
            i -= 1
        if i < 0 or not finite(verb):
            return None
        tok = verb.doc[i]
        if self.place_state(tok) is not None:
            return tok  # "la Norvège a d'abord refusé", "d'abord" parsed as the subject's head
        ent = next((e for e in self.res.ents.covering(tok.idx) if e.kind in ACTOR_KINDS), None)
        span = verb.doc.char_span(ent.start, ent.end, alignment_mode="expand") if ent is not None else None
        return span.root if span is not None else None

    def stray_subject(self, verb: Token) -> Token | None:
        """A finite verb the parser gave no subject: a bare noun phrase before it that it governs under another
        name ("Des pays du Golfe, dont…, ont offert", parsed as obl:mod), or the sentence's root noun when the
        verb hangs inside it ("Le conseil scientifique chargé de guider… recommande"), or the subject the parser
        gave to a detached adjective before it ("L'Iran, très influent au Liban, a offert")."""
        if not finite(verb):
            return None
        detached = next((s for c in verb.children if c.dep_ == "advcl" and c.i < verb.i and c.pos_ in ("ADJ", "VERB")
                         for s in c.children if s.i < c.i and s.pos_ in ("NOUN", "PROPN") and not prepositions(s)
                         and s.dep_ in ("nsubj", "obl:mod", "nmod", "dep")), None)
        if detached is not None:
            return detached
        bare = next((c for c in verb.children if c.i < verb.i and c.pos_ in ("NOUN", "PROPN") and not prepositions(c)
                     and c.dep_ in ("obl:mod", "nmod", "dep", "obj")), None)
        if bare is not None:
            return bare
        root = verb.sent.root
        inside = root.pos_ in ("NOUN", "PROPN") and root.i < verb.i and root.is_ancestor(verb)
        return root if inside and not prepositions(root) else None

    def actor(self, tok: Token, verb: Token, quote: Quote | None, strict: bool = False) -> ActorRef | None:
        if quote is not None and quote.start <= tok.idx < quote.end and tok.lower_ in FIRST_PERSON:
            return quote.speaker
        subj = predicated(tok)
        if subj is not None:  # "Emmanuel Macron sera le premier chef d'Etat à se rendre à Beyrouth"
            return self.actor(subj, verb, quote, strict)
        if tok.pos_ == "NOUN" and self.res.entity_at(tok) is None and not self.lex.is_actor_noun(_counted(tok)) \
                and self.res.lex.role(tok.text) is None:
            return None
        ref = self.res.resolve(tok, verb.idx, strict=strict) or self.place_state(tok)
        if ref is None and tok.pos_ == "NOUN" and self.lex.is_actor_noun(_counted(tok)):
            words = noun_phrase(tok)  # "plusieurs dizaines de magistrats": unnamed people, as written
            return ActorRef(name=self.article.text[words[0].idx:words[-1].idx + len(words[-1])], kind="group")
        if ref is not None and ref.sector == "MED":
            return None
        if ref is None or ref.actor_id or ref.kind != "unknown":
            return ref
        return ref if self.lex.is_actor_noun(_counted(tok)) else None

    def target(self, tok: Token, verb: Token, quote: Quote | None) -> ActorRef | None:
        """Acted upon: a named or described actor; a country; a body as written ("au gouvernement", "son
        gouvernement": a possessive is the owner's body, not the owner); the author of what is acted upon."""
        own = possessive(tok)
        if tok.pos_ == "NOUN" and own is not None and fold(tok.text) in INSTITUTIONS:
            body, owner = self.group(tok), self.owner_of(own)
            if body is not None and owner is not None:
                body.country = owner.country  # "Maduro et son gouvernement": Venezuela's
            return body
        if tok.lower_ in RELATIVES | RELATIVES_TO and tok.head.dep_ == "acl:relcl" \
                and tok.head.head.pos_ in ("NOUN", "PROPN"):
            return self.target(tok.head.head, verb, quote)  # "l'adolescent, qui est alors embarqué"
        if tok.pos_ == "PRON" and tok.lower_ in OBJECT_CLITICS and tok.dep_ in OBJECT_DEPS:
            return self.res.antecedent(OBJECT_CLITICS[tok.lower_], tok.idx)  # "ont refusé de la rencontrer"
        if tok.pos_ == "PRON" and tok.lower_ in STRONG_PRONOUNS and prepositions(tok):
            return self.res.antecedent(STRONG_PRONOUNS[tok.lower_], tok.idx)  # "une enquête contre lui"
        if fold(tok.text) == "encontre" and own is not None:
            return self.owner_of(own)  # "à son encontre"
        return self.actor(tok, verb, quote, strict=True) or self.place_state(tok) or self.group(tok) \
            or self.nationals(tok) or self.owner(tok, verb, quote)

    def nationals(self, tok: Token) -> ActorRef | None:
        """ "deux Américains", "les Français": people of a country, as written, with its code."""
        country = self.res.lex.demonyms.get(fold(tok.text)) if tok.pos_ in ("NOUN", "PROPN") else None
        if country is None or not tok.text[:1].isupper():
            return None
        words = noun_phrase(tok)
        return ActorRef(name=self.article.text[words[0].idx:words[-1].idx + len(words[-1])], kind="group",
                        country=country)

    def group(self, tok: Token) -> ActorRef | None:
        """An unnamed body or group acted upon, as written: "au gouvernement", "les préfets", "l'employeur"."""
        if tok.pos_ != "NOUN" or not self.lex.is_actor_noun(tok):
            return None
        words = noun_phrase(tok)
        text = self.article.text[words[0].idx:words[-1].idx + len(words[-1])]
        return ActorRef(name=text, kind="group")

    def nearby(self, tokens: list[Token], exclude: ActorRef | None) -> ActorRef | None:
        """The first other actor a clause names, when the parse ties none to the event: "a tancé X" where X
        hangs elsewhere, "«…», a déploré Y" about a government the quote names; else the first body or group
        it mentions ("l'Etat doit…", "les commerçants")."""
        if not tokens:
            return None
        lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        skip = {exclude.actor_id, exclude.name} - {None} if exclude is not None else set()
        for e in self.res.ents.between(lo, hi):
            if e.kind in ACTOR_KINDS and e.sector != "MED" \
                    and not {e.actor_id, e.canonical, e.actor_name} & skip and not self.reporter(e.start) \
                    and not self.titles(e.end, exclude):
                return entity_ref(self.article, e)
        for tok in tokens:
            if tok.pos_ != "NOUN" or not any(c.dep_ == "det" for c in tok.children) or self.reporter(tok.idx) \
                    or exclude is not None and exclude.mention is not None and \
                    exclude.mention.start <= tok.idx < exclude.mention.end or self.describes(tok, exclude) \
                    or self.titles(tok.right_edge.idx + len(tok.right_edge), exclude):
                continue
            found = self.group(tok)
            if found is not None and not (exclude is not None and fold(exclude.name) in fold(found.name)):
                return found
        return None

    def titles(self, end: int, actor: ActorRef | None) -> bool:
        """ "le premier secrétaire du PS Jean-Christophe Cambadélis": the body in a title is the actor's own."""
        if actor is None or actor.mention is None or end > actor.mention.start:
            return False
        return not self.article.text[end:actor.mention.start].strip(" ()")

    def describes(self, tok: Token, actor: ActorRef | None) -> bool:
        """ "la présidente de l'Ile-de-France" said of Valérie Pécresse is her, not her target."""
        if actor is None:
            return False
        ref = self.res.resolve(tok, tok.idx, strict=True)
        return ref is not None and (ref.actor_id or ref.name) == (actor.actor_id or actor.name)

    def reporter(self, pos: int) -> bool:
        return bool(_SOURCE.search(self.article.text[max(0, pos - 14):pos]))

    def object_of(self, verb: Token, quote: Quote | None) -> list[ActorRef]:
        """ "accuser X", "reprocher à X", "négocier avec X", "refuser de la rencontrer" (the object of the verb
        it governs); what one sends, offers or grants is not its target."""
        found = self.own_object(verb, quote)
        if not found:
            for c in verb.children:
                if c.dep_ == "xcomp" and c.pos_ == "VERB" and (found := self.own_object(c, quote)):
                    break
        return found

    def own_object(self, verb: Token, quote: Quote | None) -> list[ActorRef]:
        things = self.lex.lemma(verb) in self.lex.object_is_thing
        for deps in (OBLIQUE_DEPS,) if things else (OBJECT_DEPS, OBLIQUE_DEPS):
            for c in verb.children:
                to_whom = c.lower_ in RELATIVES_TO and deps is OBLIQUE_DEPS  # whatever the parser calls it
                if not to_whom and (c.dep_ not in deps or c.pos_ not in ("NOUN", "PROPN", "PRON")
                                    or deps is OBLIQUE_DEPS and not prepositions(c) & TARGET_CASES):
                    continue
                found = self.each(c, lambda t: self.target(t, verb, quote))
                if found:
                    return found
        return []

    def object_complement(self, verb: Token, quote: Quote | None) -> list[ActorRef]:
        """ "imposer des sanctions à l'Ukraine": the target hangs from the object noun."""
        for c in verb.children:
            if c.dep_ == "obj" and c.pos_ == "NOUN":
                found = self.of_noun(c, quote).targets
                if found:
                    return found
        return []

    def clause_subject(self, verb: Token, quote: Quote | None) -> list[ActorRef]:
        """ "L'USM a déploré que le président de la République oublie…": the president is the target."""
        for c in verb.children:
            if c.dep_ == "ccomp" and any(m.dep_ == "mark" for m in c.children):
                subj = next((s for s in c.children if s.dep_ in ("nsubj", "nsubj:pass") and s.pos_ != "PRON"), None)
                return self.each(subj, lambda t: self.target(t, verb, quote))
        return []

    def owner(self, thing: Token, verb: Token, quote: Quote | None) -> ActorRef | None:
        """ "a salué le discours du Premier ministre russe": praising the speech is praising its author."""
        for c in thing.children:
            if c.dep_ == "nmod" and prepositions(c) & ACTOR_CASES and c.pos_ in ("NOUN", "PROPN"):
                return self.actor(c, verb, quote, strict=True) or self.place_state(c)
        return None

    def place_state(self, tok: Token) -> ActorRef | None:
        """A place named as a party ("des sanctions contre l'Iran", "aider le Liban", "la demande de Paris": a
        capital) is its state."""
        for p in self.article.places:
            state = self.gaz.country_places.get(p.country) if p.country else None
            if p.start <= tok.idx < p.end and state is not None and (fold(state.name) == fold(p.name)
                                                                     or self.capital(p.name, p.country)):
                return state_ref(p.country, self.gaz, self.article.span(p.start, p.end))
        return None

    def capital(self, name: str, country: str | None) -> bool:
        return any(self.gaz.capital_of(c) == country for c in self.gaz.candidates(name))

    def destination(self, tok: Token, kind: str) -> ActorRef | None:
        """ "se rendre à Moscou", "envoyé au Liban": a visit's host, an aid's receiver is the state of the place
        it goes to, when the place follows the trigger in its sentence after "à/en/au/aux"."""
        if kind not in PLACE_GOALS:
            return None
        for place in self.article.places:
            if tok.idx < place.start < tok.sent.end_char and place.country:
                prev = self.article.text[max(0, place.start - 6):place.start].split()
                if prev and prev[-1] in ("à", "en", "au", "aux", "vers"):
                    return state_ref(place.country, self.gaz, self.article.span(place.start, place.end))
        return None


def _counted(tok: Token) -> Token:
    """ "des dizaines de manifestants", "une partie de la jeunesse": what is counted is who acts."""
    if fold(tok.lemma_) in QUANTITIES or tok.pos_ == "NUM":
        return next((c for c in tok.children if c.dep_ == "nmod" and prepositions(c) & {"de", "d'"}), tok)
    return tok


def inverted_subject(verb: Token) -> Token | None:
    """A reflexive verb has no object: a name after it is its subject ("Ce dont se défend Claire Compagnon")."""
    if not is_reflexive(verb):
        return None
    return next((c for c in verb.children if c.dep_ == "obj" and c.i > verb.i and c.pos_ == "PROPN"), None)


def complements(noun: Token) -> list[Token]:
    """A noun's complements, and after "lors de" those the parser hung on "lors" ("lors d'une conférence de
    presse avec la chancelière")."""
    kids = list(noun.children)
    if noun.head.lower_ == "lors":
        kids += [c for c in noun.head.children if c.i > noun.i and c.dep_ != "punct"]
    return kids


def relative_antecedent(verb: Token) -> Token | None:
    """The noun a relative clause's verb hangs from: what its "qui" stands for."""
    return verb.head if verb.dep_ == "acl:relcl" and verb.head.pos_ in ("NOUN", "PROPN") else None


def possessive(tok: Token) -> Token | None:
    """The possessive determiner of a noun ("son arrestation", "son gouvernement", "à son encontre")."""
    return next((c for c in tok.children if c.dep_ == "det" and c.lower_ in POSSESSIVES), None)


def predicated(noun: Token) -> Token | None:
    """The subject a noun is said of by a copula ("X est le premier chef d'État…"), if any."""
    if noun.pos_ != "NOUN" or not any(c.dep_ == "cop" for c in noun.children):
        return None
    return next((c for c in noun.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")), None)


def finite(verb: Token) -> bool:
    """A conjugated verb or a participle with its auxiliary, wherever the parser hung it ("a d'abord refusé")."""
    return bool(verb.morph.get("Person")) or any(c.dep_.startswith("aux") for c in verb.children) \
        or "Part" in verb.morph.get("VerbForm") and finite_before(verb)


def coordinated_with(verb: Token) -> Token:
    """The verb a coordinated verb shares its subject with, through a noun the parser put in between ("Diab a
    promis une lutte contre la corruption et décrié un «coup d'Etat»", "décrié" hung from "corruption")."""
    head = verb.head
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else verb.head


def after_comma(verb: Token) -> bool:
    i = verb.i - 1
    while i >= 0 and (verb.doc[i].pos_ in ("AUX", "ADV", "PRON", "CCONJ") or verb.doc[i].dep_ == "obj"):
        # "…, l'accusant de collusion": the clitic "l'" may be tagged a determiner
        i -= 1
    return i >= 0 and verb.doc[i].text in (",", ";", "(")


def climb_subject(verb: Token) -> Token | None:
    """The subject a verb shares with the verb it depends on ("a tenté d'inciter", "a rejeté…, niant…"), or
    the pronoun glued to it ("a-t-il dénoncé")."""
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "expl:subj") and c.lower_ != "-t"), None)
        if subj is not None and subj.lower_ in RELATIVES:  # "L'organisation, qui venait de prêter…"
            subj = relative_antecedent(verb)
        subj = subj or inverted_pronoun(verb)
        if subj is not None or verb.dep_ not in ("conj", "xcomp", "advcl", "acl") or verb.head == verb:
            return subj
        verb = verb.head
    return None


def is_passive(verb: Token) -> bool:
    if any(c.dep_ == "aux:pass" for c in verb.children):
        return True
    participle = "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")
    bare = participle and not any(c.dep_.startswith("aux") for c in verb.children)
    # "La majorité menacée", "Deux Américains arrêtés": a headline's bare participle is passive
    return bare and (verb.dep_ == "acl" or verb.dep_ == "ROOT" and not finite_before(verb))


def finite_before(verb: Token) -> bool:
    before = verb.doc[max(verb.sent.start, verb.i - 3):verb.i]
    return any(t.lemma_ in ("avoir", "être") for t in before)


def stray_agent(verb: Token) -> Token | None:
    """A passive's "par" complement the parser hung on its attribute ("reconnu président par intérim par une
    soixantaine de pays"): the last one, as "par intérim" comes first."""
    found = [g for c in verb.children if c.dep_ == "xcomp" for g in c.children
             if g.dep_ == "nmod" and "par" in prepositions(g)]
    return found[-1] if found else None


def _is_agent(tok: Token) -> bool:
    return tok.dep_ == "obl:agent" or tok.dep_.startswith("obl") and "par" in prepositions(tok)


def prepositions(tok: Token) -> set[str]:
    """The prepositions of a complement, lower case, accents kept ("à" is not "a")."""
    def low(t: Token) -> str:
        return t.lower_.replace("’", "'")

    return {low(x) for x in tok.children if x.dep_ in ("case", "fixed")} | \
        {low(x) for c in tok.children if c.dep_ == "case" for x in c.children if x.dep_ == "fixed"}
