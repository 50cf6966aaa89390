"""Who did what to whom, when and where: PLOVER event mentions, each with the clause that states it.

Two sources. A trigger (a verb or event noun of `lang/fr/events.toml`) opens an event whose actor and target the
parse gives (`event_args`). A quote reported by a neutral verb is an event when what it says is an act
(`speech_acts`): "«C'est inacceptable», a déclaré X" is X accusing. Speech events link to their quote.
The date is the clause's own time expression, else its governing clause's, else none (only what the text
states); the place likewise. One article reports an event once: repeats (the title and the body, two triggers
of one clause) are collapsed into the first body mention.

Flags: `negated` (ne… pas/jamais/plus, "refuser de"), `hypothetical` (conditional, future, "pourrait",
"envisager de", "menacer de" as the only content), `reported` (only inside someone's quote).
`confidence` is a sum of evidence, clipped to [0.05, 0.95]: 0.35 for a verb trigger (0.3 for a speech act read
from content, 0.25 for a noun), +0.25 if the actor is a named actor (+0.1 if only described), +0.15 if the
target is named or absent (+0.05 if only described), +0.1 for a date, +0.1 for a place, -0.2 if negated or
hypothetical. It ranks mentions; it is not a calibrated probability.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from veille.annotate.actors import state_ref, word_country
from veille.annotate.entities import in_embedded
from veille.annotate.event_args import (
    SYMMETRIC,
    Participants,
    Parties,
    after_comma,
    climb_subject,
    is_passive,
    prepositions,
)
from veille.annotate.event_lexicon import EventLexicon, Trigger
from veille.annotate.gazetteer import Gazetteer
from veille.annotate.lexicon import ActorLexicon
from veille.annotate.marks import find_quoted
from veille.annotate.resolve import Resolver, is_gerund, is_incise
from veille.annotate.speech_acts import SpeechActs
from veille.annotate.tense import FUTURE, verb_tense
from veille.lang import FR
from veille.link.merge import merge_articles
from veille.model import ActorRef, Article, Event, Quote, Span
from veille.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NEGATIONS = FR.set("events.negations")
HYPOTHETICAL_HEADS = FR.set("events.hypothetical_heads")
PERIOD_CASES = FR.set("events.period_cases")
WISHING_HEADS = FR.set("events.wishing_heads")
NEGATING_HEADS = FR.set("events.negating_heads")
RESTRICTION_REACH = 10
QUE = FR.tuple("events.que")
"""The "que" of a restriction: "ne demandent qu'une chose", "ne peut que regretter" assert, they do not deny."""
SHORT_SENTENCE = 30
NOUN_ARGS = ("nsubj", "nsubj:pass", "obj")
"""An event noun that is a verb's subject or object is stated by that verb's clause ("Une autre manifestation a
eu lieu devant le Monument")."""
BORROWED_WORDS = 8
LEAD_IN = 120
"""How far (characters) a sentence's subject may stand before the quotation that continues its clause."""
LIGHT_HOPS = 3
MAX_EVIDENCE_WORDS = 60
MIN_EVIDENCE_WORDS = 12
"""A clause this short ("de son interpellation") does not state an event: the clause it hangs from does."""
MIN_CONJUNCT_WORDS = 4
"""A coordinated verb's clause ("…, a accru sa présence militaire en Libye") states its own act unless the parse
left it next to nothing ("et décrié")."""
TOWARDS_HOME = {"AID", "AGREE", "SUPPORT", "CONSULT"}
UNDIRECTED = {"PROTEST", "MOBILIZE", "RETREAT"}
"""Types whose target, when the parse gives none, is not guessed from the actors around."""
AIMED = {"ACCUSE", "SUPPORT"}
"""Types always aimed at someone: when the clause names nobody, the sentence may."""
ALWAYS_AIMED = {"SUPPORT", "CONSULT", "SANCTION", "AID"}
"""Types that are an event only towards someone: supporting a policy ("a défendu l'arrêt du dépistage") is an
opinion, supporting a person or a body an act; a meeting, a sanction, aid go to someone. An attack with no victim
named stays an event."""
COORDINATED = {"conj", "parataxis"}
SPLIT_DEPS = COORDINATED | {"advcl", "acl:relcl"}
CLAUSE_DEPS = {"advcl", "ccomp", "acl:relcl", "parataxis", "conj", "xcomp", "acl"}


@dataclass
class Candidate:
    """An event the parse and the lexicons propose, with what a decider needs to keep, retype or drop it."""

    event: Event
    vetoes: list[str]
    source: str
    """"trigger" (a verb or event noun of the lexicon) or "quote" (a statement read as its speaker's act)."""
    token: Token
    verb: Token | None
    quote: Quote | None
    defaulted: bool
    """The actor is the type's default ("les manifestants", "la police"), not named by the text."""
    kept: bool = False
    """The hand-written coder outputs it."""


class Events:
    name = "events"
    languages = ("fr",)
    needs = ("doc", "entities", "quotes", "dates", "places")
    adds = ("events",)

    def __init__(self, lexicon: ActorLexicon, gazetteer: Gazetteer,
                 decider: Callable[[Article, Doc, list[Candidate]], list[Event]] | None = None,
                 min_confidence: float = 0.0):
        self.lex = lexicon
        self.gaz = gazetteer
        self.triggers = EventLexicon.load()
        self.acts = SpeechActs.load()
        self.decider = decider
        """Chooses the events among the candidates (the learned coder); None: the hand-written rules decide."""
        self.min_confidence = min_confidence

    def __call__(self, article: Article, doc: Doc) -> None:
        cands = self.candidates(article, doc)
        rules = self.rule_events(article, doc, cands)
        chosen = rules if self.decider is None else self.decider(article, doc, cands)
        article.events = [e for e in chosen if e.confidence >= self.min_confidence]
        merge_articles([article])

    def candidates(self, article: Article, doc: Doc) -> list[Candidate]:
        """Every event the lexicons and the parse propose, with the vetoes of the hand-written rules."""
        res = Resolver(article, doc, self.lex)
        res.quoted = doc.user_data.get("veille_quoted") or find_quoted(article.text)
        coder = Coder(article, doc, res, Participants(article, res, self.triggers, self.gaz), self.triggers)
        triggers = [t for tok in doc if (t := self.triggers.trigger(tok)) is not None
                    and not in_embedded(article, tok.idx, tok.idx + len(tok))]
        at = {t.token.i: (t.type, t.mode) for t in triggers}
        found: list[Candidate] = []
        for trig in triggers:
            content = content_of_act(trig.token, at)
            for c in coder.trigger_candidates(trig):
                c.vetoes += ["content_of_act"] if content else []
                found.append(c)
        for i, quote in enumerate(article.quotes):
            cue_codes = coder.cue_is_trigger(quote)
            for c in coder.quote_candidates(i, quote, self.acts.classify(quote.text)):
                c.vetoes += ["cue_is_trigger"] if cue_codes else []
                found.append(c)
        for c in found:
            if subheading(article.text, c.event.evidence.start):
                c.vetoes.append("subheading")
        return found

    def rule_events(self, article: Article, doc: Doc, cands: list[Candidate]) -> list[Event]:
        """The hand-written coder: candidates no rule vetoes, retold events and repeated statements dropped,
        the title's repeats of the body collapsed. Marks the candidates it keeps."""
        found = [c.event for c in cands if not c.vetoes]
        nouns = {c.token.idx for c in cands if c.source == "trigger" and c.token.pos_ == "NOUN"}
        found = retold(sorted(found, key=lambda e: e.evidence.start), nouns,
                       set(self.triggers.default_actor.values()))
        found = said_once(found)
        kept = collapse(found, len(article.title), lambda e: sentence_start(doc, e.evidence.start))
        ids = {id(e) for e in kept}
        for c in cands:
            c.kept = id(c.event) in ids
            if c.kept:
                c.event.decided_by = f"rule:{c.source}:{c.event.mode}"
        return kept


class Coder:
    """The events of one article."""

    def __init__(self, article: Article, doc: Doc, res: Resolver, parts: Participants, lex: EventLexicon):
        self.article, self.doc, self.res, self.parts, self.lex = article, doc, res, parts, lex
        self.home = home_country(article)
        self.main = self.home or home_country(article, margin=1.0)

    def trigger_candidates(self, trig: Trigger) -> list[Candidate]:
        """The events a trigger opens, each with the rules that would veto it (the hand-written coder drops
        those; the learned one reads them as features)."""
        tok = trig.token
        quote_i = quote_of(self.article.quotes, tok)
        quote = self.article.quotes[quote_i] if quote_i is not None else None
        inside = quote is not None and quote.start <= tok.idx < quote.end
        # words the writer borrows ("annonçant «un plan de soutien massif»") are the writer's narrative; inside a
        # statement, an act is the speaker's to tell
        borrowed = inside and tok.pos_ == "NOUN" and quote.kind == "direct" \
            and len(quote.text.split()) <= BORROWED_WORDS and not quote.text.rstrip().endswith((".", "!", "?"))
        inside = inside and not borrowed
        vetoes = [name for name, hit in (("noun_in_quote", inside and tok.pos_ == "NOUN"),
                                         ("anaphoric", tok.pos_ == "NOUN" and _anaphoric(tok)),
                                         ("wished", wished(tok))) if hit]
        self.res.last_speaker, self.res.last_speaker_at = last_speaker_before(self.article.quotes, tok.idx)
        verb = tok if tok.pos_ != "NOUN" else self.light_verb(tok)
        parties = self.parties(trig, verb, quote, inside)
        if parties.defaulted and trig.mode == "lockdown" and period(tok):
            vetoes.append("period")
        if inside and quote.kind == "direct" and not self.named_in_quote(parties.actors, quote):
            vetoes.append("unnamed_in_quote")
        if not parties.actors:  # an act nobody is named for: the type's default actor, else the story's state
            fallback = self.default_actor(trig.type, trig.mode, tok) or (
                state_ref(self.main, self.parts.gaz) if self.main else None)
            parties.actors = [fallback] if fallback is not None else []
            vetoes.append("no_actor")
        actors = [with_country(a, self.described_country(a) or self.main) for a in parties.actors]
        if (self.lex.needs_target_for(trig) or trig.type in ALWAYS_AIMED) \
                and all(own_side(a, t) for a in actors for t in parties.targets):
            vetoes.append("no_target")
        kind, said_no = trig.type, negated(tok, verb)
        if kind == "SUPPORT" and tok.pos_ == "NOUN" and money_near(tok):
            kind = "AID"  # "un plan de soutien de 4,5 milliards d'euros" is aid, not praise
        if said_no and tok.lemma_ in self.lex.negated_is_reject:
            kind, said_no = "REJECT", False
        evidence = self.evidence(tok, verb, quote)
        head = verb or tok
        date, place = self.when_where(head)
        return [Candidate(self.event(kind, trig.mode, evidence, actor, target, date, place, quote_i,
                                     reported=inside, negated=said_no, hypothetical=hypothetical(head, trig.type),
                                     base=0.35 if verb is tok else 0.25, trigger=tok),
                          vetoes, "trigger", tok, verb, quote, parties.defaulted)
                for actor in parties.actors for target in (parties.targets[:1] or [None])]

    def named_in_quote(self, actors: list[ActorRef], quote: Quote) -> bool:
        """Inside someone's words, an act counts when its actor is named there, or just before in the sentence the
        quotation continues ("La Turquie «ne respecte aucun engagement, a accru sa présence…»"), or is the speaker
        ("nous"): a pronoun inside a quotation has no antecedent we can trust."""
        return any(a.mention is not None and a.actor_id and (quote.start <= a.mention.start < quote.end
                                                              or self.leads_into(a.mention.end, quote.start))
                   or a is quote.speaker for a in actors)

    def leads_into(self, end: int, start: int) -> bool:
        between = self.article.text[end:start]
        return end <= start and len(between) < LEAD_IN and not any(m in between for m in (". ", "\n", ": "))

    def parties(self, trig: Trigger, verb: Token | None, quote: Quote | None, inside: bool) -> Parties:
        tok = trig.token
        if quote is not None and not inside and verb is tok and quote.speaker is not None and is_incise(verb) \
                and not is_passive(verb):
            return Parties([quote.speaker], [t for t in [self.quoted_target(quote, tok)] if t is not None])
        parties = self.parts.of_noun(tok, quote) if verb is None else self.parts.of_verb(verb, trig.type, quote)
        if not parties.actors and quote is not None and not inside and verb is tok and quote.speaker is not None:
            parties.actors = [quote.speaker]  # the verb reports the quote: whoever the quotes layer found said it
        if verb is None and not parties.actors and not self.parts.undergone(tok) \
                and (gov := governing_verb(tok)) is not None:
            # "la reine s'est dite attristée, dans un message de condoléances": the noun's act is the subject's
            subj = climb_subject(gov)
            parties.actors = self.parts.each(subj, lambda t: self.parts.actor(t, gov, quote))
        if verb is not None and verb is not tok and not parties.targets:
            parties.targets = self.parts.of_noun(tok, quote).targets
        if not parties.targets:
            found = self.parts.destination(tok, trig.type)
            if found is None and trig.type not in UNDIRECTED:
                found = self.parts.nearby(own_clause(verb or tok, tok), parties.actors[0] if parties.actors else None)
            if found is None and trig.type in AIMED:
                found = self.parts.nearby(list(tok.sent), parties.actors[0] if parties.actors else None)
            parties.targets = [found] if found is not None else []
        if not parties.actors and (verb is None or is_passive(verb)):
            parties.actors = [a for a in [self.default_actor(trig.type, trig.mode, tok)] if a is not None]
            parties.defaulted = True
        if trig.type in TOWARDS_HOME and (not parties.targets or parties.actors and all(
                own_side(a, t) for a in parties.actors for t in parties.targets)):
            parties.targets = self.host(parties.actors) or parties.targets
        if trig.type == "CONSULT" and len(parties.actors) == 1 and len(parties.targets) == 1:
            parties.actors, parties.targets = self.visitor_first(parties.actors[0], parties.targets[0], tok)
        return parties

    def visitor_first(self, actor: ActorRef, target: ActorRef, tok: Token) -> tuple[list[ActorRef], list[ActorRef]]:
        """In a meeting the visitor acts and the host is the target: "Maduro a rencontré Borissov" in a story
        set in Venezuela is Borissov's visit to Maduro."""
        place = place_in(self.article, clause_of(tok)) or {}
        here = place.get("country") or self.home
        if here and actor.country == here and target.country not in (None, here) and target.kind != "state":
            return [target], [actor]
        return [actor], [target]

    def host(self, actors: list[ActorRef]) -> list[ActorRef]:
        """A foreign actor's aid, offer, support or visit in a story set in one country goes to that country
        ("Le Koweït a fait état de l'arrivée d'un avion d'aide" in a story on Lebanon)."""
        foreign = actors and actors[0].country not in (None, self.home, "IGO")
        return [state_ref(self.home, self.parts.gaz)] if foreign and self.home else []

    def quote_candidates(self, i: int, quote: Quote, act: tuple[str, str] | None) -> list[Candidate]:
        """A quote as its speaker's act: the speech-act patterns give its type (ACCUSE when they find none:
        the learned coder retypes it), and the vetoes say why the hand-written coder would not code it."""
        if quote.speaker is None:
            return []
        vetoes = [name for name, hit in (("no_act", act is None), ("speaker_media", quote.speaker.sector == "MED"),
                                         ("speaker_unknown", quote.speaker.kind == "unknown")) if hit]
        kind, mode = act or ("ACCUSE", "statement")
        cue = self.cue_token(quote)
        target = self.quoted_target(quote, cue)
        if kind in ALWAYS_AIMED and (target is None or own_side(quote.speaker, target)):
            vetoes.append("no_target")
        evidence = self.evidence(cue, cue, quote) if cue is not None else quote_sentence(self.article, quote)
        head = cue or self.doc.char_span(quote.start, quote.end, alignment_mode="expand").root
        date, place = self.when_where(head)
        event = self.event(kind, mode, evidence, quote.speaker, target, date, place, i, reported=False,
                           negated=False, hypothetical=False, base=0.3, trigger=None)
        return [Candidate(event, vetoes, "quote", head, cue, quote, False)]

    def when_where(self, head: Token) -> tuple[str | None, dict | None]:
        clauses = clause_of(head)
        return date_in(self.article, clauses), place_in(self.article, clauses)

    def event(self, kind: str, mode: str, evidence: Span, actor: ActorRef, target: ActorRef | None,
              date: str | None, place: dict | None, quote: int | None, *, reported: bool, negated: bool,
              hypothetical: bool, base: float, trigger: Token | None) -> Event:
        actor = with_country(actor, self.described_country(actor) or self.main)
        target = with_country(target, self.described_country(target) or self.main) if target is not None else None
        if target is not None and own_side(actor, target):
            target = None
        return Event(kind, evidence, actor=actor, target=target, mode=mode, date=date, place=place,
                     negated=negated, hypothetical=hypothetical, reported=reported,
                     confidence=confidence(base, actor, target, date, place, negated or hypothetical),
                     trigger=self.article.span(trigger.idx, trigger.idx + len(trigger)) if trigger else None,
                     quote=quote)

    def described_country(self, ref: ActorRef) -> str | None:
        """An unnamed actor's country from its own words: "l'émir du Qatar", "l'armée française"."""
        if ref.country is not None or ref.actor_id:
            return None
        words = ref.name.replace("'", " ").replace("’", " ").split()
        return next((c for w in words if (c := word_country(w, self.res.lex, self.parts.gaz))), None)

    def light_verb(self, noun: Token) -> Token | None:
        """ "Medvedev a effectué une visite" -> "effectué"; "a annoncé lundi de nouvelles aides" (misparsed
        under "lundi") -> "annoncé"; "la visite du ministre" -> None (its actor is in "de")."""
        tok = noun
        for _ in range(LIGHT_HOPS):
            head = tok.head
            if head == tok or tok.dep_ not in ("obj", "nsubj:pass", "nmod", "xcomp") or tok != noun and \
                    any(c.dep_ == "case" for c in tok.children):
                return None
            if head.pos_ in ("VERB", "AUX"):
                return head if self.lex.lemma(head) in self.lex.light and (tok is not noun or
                                                                           noun.dep_ != "nmod") else None
            tok = head
        return None

    def default_actor(self, kind: str, mode: str, tok: Token) -> ActorRef | None:
        """Who does what nobody is named for: protesters demonstrate, the authorities arrest."""
        name = self.lex.default_actor.get(f"{kind}:{mode}") or self.lex.default_actor.get(kind)
        if name is None:
            return None
        own = (tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge))  # "l'arrestation en Norvège d'un…"
        place = place_in(self.article, [own, (tok.sent.start_char, tok.sent.end_char)])
        country = (place or {}).get("country") or self.main
        return ActorRef(name=name, kind="group", country=country, sector="COP" if kind == "COERCE" else None)

    def cue_token(self, quote: Quote) -> Token | None:
        if quote.cue_span is None:
            return None
        span = self.doc.char_span(quote.cue_span.start, quote.cue_span.end, alignment_mode="expand")
        if span is None:
            return None
        verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
        return verbs[-1] if verbs else span.root

    def cue_is_trigger(self, quote: Quote) -> bool:
        """The verb reporting the quote is an act of its own ("a dénoncé"): the trigger codes it."""
        cue = self.cue_token(quote)
        return cue is not None and self.lex.trigger(cue) is not None

    def quoted_target(self, quote: Quote, cue: Token | None) -> ActorRef | None:
        """Whom a quote's act is aimed at: the first other actor it names, else one named in its sentence."""
        inside = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        found = self.parts.nearby(list(inside), quote.speaker) if inside is not None and len(inside) else None
        if found is None and cue is not None:
            found = self.parts.nearby(list(cue.sent), quote.speaker)
        return found

    def evidence(self, tok: Token, verb: Token | None, quote: Quote | None) -> Span:
        """The clause that states the event: the sentence when short or when it reports a quote, else the
        trigger's clause without the clauses that hang from it."""
        sent = tok.sent
        if participle_clause(tok):
            # "…, saluant les «idées» du mouvement": the participle states its own act
            toks = own_clause(tok, tok, COORDINATED)
            return trimmed(self.article, toks[0].idx, toks[-1].idx + len(toks[-1]))
        # "Elle a pointé «…», et demandé de «…»": the second act is not the quotation's report
        coordinated = tok.dep_ == "conj" and tok.head.pos_ == "VERB" and quote is not None \
            and tok.head.idx < quote.start
        if quote is not None and not quote.start <= tok.idx < quote.end and tok.dep_ != "acl" and not coordinated:
            # "…», a assuré le directeur, accusé par X de…": the participle describing the speaker is its own act
            return quote_sentence(self.article, quote, tok)
        if len(sent) <= SHORT_SENTENCE:
            return trimmed(self.article, sent.start_char, sent.end_char)
        head = verb or (tok.head if tok.dep_ in NOUN_ARGS and tok.head.pos_ == "VERB" else tok)
        toks = [t for t in own_clause(head, tok) if sent.start <= t.i < sent.end]
        while len(toks) < (MIN_EVIDENCE_WORDS if tok.pos_ == "NOUN" or head.dep_ != "conj" else MIN_CONJUNCT_WORDS) \
                and head.head != head:
            head = head.head
            toks = [t for t in own_clause(head, tok) if sent.start <= t.i < sent.end]
        if len(toks) > MAX_EVIDENCE_WORDS:
            toks = [t for t in toks if abs(t.i - tok.i) <= MAX_EVIDENCE_WORDS // 2]
        return trimmed(self.article, toks[0].idx, toks[-1].idx + len(toks[-1]))


MONEY = FR.set("events.money")
MONEY_WINDOW = 8


def own_side(actor: ActorRef, target: ActorRef) -> bool:
    """The actor itself, or its own state: no one to act upon."""
    return bool(target.actor_id and target.actor_id == actor.actor_id) or target.name == actor.name \
        or target.kind == "state" and target.country == actor.country


def money_near(tok: Token) -> bool:
    doc = tok.doc
    return any(t.lower_ in MONEY for t in doc[max(tok.sent.start, tok.i - MONEY_WINDOW):
                                              min(tok.sent.end, tok.i + MONEY_WINDOW)])


CONTENT_DEPS = ("xcomp", "obj", "obl:arg", "nmod", "ccomp", "obl:mod", "acl")
CONCESSIVE = FR.set("events.concessive")
CONTENT_HOPS = 3
"""How far up an act's content may hang: "refusé de donner suite à la demande" (xcomp, then obl)."""
IRREALIS = {"REQUEST", "AGREE", "THREATEN"}
"""Acts whose content has not happened (and a refusal): "contester les conditions de son interpellation" tells of
an arrest that did."""


def content_of_act(tok: Token, triggers: dict[int, tuple[str, str]]) -> bool:
    """ "ont refusé de prolonger le cessez-le-feu", "réclament la démission", "a promis d'aider": what is
    demanded, refused, promised or threatened has not happened; it is the act's content, not an event."""
    if is_gerund(tok) and after_comma(tok) or prepositions(tok) & CONCESSIVE:
        return False  # "…, l'accusant de collusion", "malgré les demandes de Kaboul": acts of their own
    for _ in range(CONTENT_HOPS):
        if tok.dep_ not in CONTENT_DEPS or tok.head == tok:
            return False
        tok = tok.head
        kind, mode = triggers.get(tok.i, ("", ""))
        if kind in IRREALIS or (kind, mode) == ("REJECT", "refuse"):
            return True
    return False


def governing_verb(noun: Token) -> Token | None:
    """The verb an event noun hangs from as a complement, two hops at most ("dans un message de condoléances");
    when the parser made "Lors" the root, the sentence's verb it hung inside the noun ("Lors d'une rencontre…,
    Emmanuel Macron a annoncé")."""
    if noun.head.lower_ == "lors" and noun.head.dep_ == "ROOT":
        return next((c for c in noun.children if c.dep_ == "acl" and any(s.dep_ == "nsubj" for s in c.children)),
                    None)
    tok = noun
    for _ in range(3):
        if not (tok.dep_.startswith(("obl", "nmod")) or tok.lower_ == "lors") or tok.head == tok:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _anaphoric(noun: Token) -> bool:
    """ "cette arrestation", "ces manifestations", "le confinement": an event told before, or a state of things,
    not a new event."""
    det = next((c for c in noun.children if c.dep_ == "det"), None)
    return det is not None and det.lemma_.lower() in ("ce", "cet", "cette", "ces")


def participle_clause(tok: Token) -> bool:
    return tok.pos_ == "VERB" and is_gerund(tok) and tok.dep_ in ("advcl", "conj", "acl")


def own_clause(head: Token, keep: Token, split: set[str] = SPLIT_DEPS) -> list[Token]:
    """A verb's clause: its subtree without the coordinated, adverbial or relative clauses hanging from it
    (unless the trigger is in one), and with its subject when it shares the one of the verb it hangs from."""
    out = [head]
    for c in head.children:
        if c.dep_ in split and c.i > head.i and not (c.left_edge.i <= keep.i <= c.right_edge.i):
            continue
        out += list(c.subtree)
    return sorted(set(out), key=lambda t: t.i)


def quote_sentence(article: Article, quote: Quote, cue: Token | None = None) -> Span:
    """A reported statement's evidence: the sentences from the quote to its reporting verb."""
    text = article.text
    start = min(quote.start, cue.idx if cue is not None else quote.start)
    end = max(quote.end, cue.idx + len(cue) if cue is not None else quote.end)
    # sentence ends read off the text: the parser often runs a sentence on past «…». into the next quotation
    start = max(text.rfind("\n", 0, start) + 1, _sentence_start(text, start))
    return trimmed(article, start, _sentence_end(text, end))


def _sentence_start(text: str, pos: int) -> int:
    cut = max(text.rfind(". ", 0, pos), text.rfind("? ", 0, pos), text.rfind("! ", 0, pos))
    return cut + 2 if cut >= 0 else 0


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return min(ends) if ends else len(text)


def trimmed(article: Article, start: int, end: int) -> Span:
    text = article.text
    while end > start and text[end - 1] in " \n.;,":
        end -= 1
    while start < end and text[start] in " \n,;":
        start += 1
    return article.span(start, end)


def negated(tok: Token, verb: Token | None) -> bool:
    """ "ne… pas/jamais/plus", "ne saurait"; not "à quelques pas de" (no "ne") nor "ne demandent qu'une chose"
    (restriction, not negation)."""
    head = verb or tok
    kids = [c for h in (tok, verb) if h is not None for c in h.children]
    has_ne = any(c.lower_ in ("ne", "n'", "n’") for c in kids)
    words = any(c.lower_ in NEGATIONS for c in kids)
    after = head.doc[head.i + 1:min(head.sent.end, head.i + RESTRICTION_REACH)]
    only = not words and any(t.lower_ in QUE for t in after)
    said_no = has_ne and not only
    return said_no or head.dep_ == "xcomp" and head.head.lemma_ in NEGATING_HEADS


def period(noun: Token) -> bool:
    """ "après le confinement", "affectés par le confinement", "la sortie du confinement": a lockdown nobody is
    named for, told as a time or a cause, is the period, not the act of imposing it."""
    return noun.pos_ == "NOUN" and bool(prepositions(noun) & PERIOD_CASES)


def wished(tok: Token) -> bool:
    """ "un agent qui voulait l'arrêter", "nous saurons nous opposer": what one wants or is able to do is
    not done; "je ne peux que regretter" regrets."""
    if tok.dep_ != "xcomp" or tok.head.lemma_ not in WISHING_HEADS:
        return False
    return not any(t.lower_ in QUE for t in tok.doc[tok.head.i + 1:tok.i])


def hypothetical(head: Token, kind: str) -> bool:
    if kind != "AGREE" and (verb_tense(head) == FUTURE or "Cnd" in head.morph.get("Mood")):
        return True
    return head.dep_ == "xcomp" and head.head.lemma_ in HYPOTHETICAL_HEADS


def last_speaker_before(quotes: list[Quote], pos: int) -> tuple[ActorRef | None, int]:
    before = [q for q in quotes if q.end <= pos and q.speaker is not None]
    return (before[-1].speaker, before[-1].end) if before else (None, -1)


def quote_of(quotes: list[Quote], tok: Token) -> int | None:
    """The quote an event comes from: the one containing its trigger, or the one the trigger reports
    ("…», a dénoncé X")."""
    for i, q in enumerate(quotes):
        if q.start <= tok.idx < q.end:
            return i
    for i, q in enumerate(quotes):
        if q.cue_span is not None and q.cue_span.start <= tok.idx < q.cue_span.end:
            return i
    return None


def home_country(article: Article, margin: float = 2.0) -> str | None:
    """The country a story is set in: the one its places and actors (people, bodies, states) belong to at least
    twice as often as any other — a story on Lebanon names many donors once; one mention of Jérusalem does not make
    a French story Israeli. With margin 1, the country named most: the default of parties the text gives no
    country ("les manifestants", "les casernes", a mayor named without nationality)."""
    found = Counter(p.country for p in article.places if p.country)
    found.update(e.country for e in article.entities if e.country and e.country != "IGO" and e.kind != "place")
    ranked = found.most_common(2)
    if not ranked or len(ranked) == 2 and (ranked[0][1] < margin * ranked[1][1] or ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def with_country(ref: ActorRef, home: str | None) -> ActorRef:
    """Parties of a story belong to the country it names most unless known otherwise ("les manifestants", a mayor
    named without nationality): a default, right for the local actors most stories are about; the actor's name
    and evidence stay as the text gives them."""
    if ref.country is None and home is not None:
        ref.country = home
    return ref


def clause_tokens(head: Token) -> list[Token]:
    """A verb's own clause: its subtree without the clauses hanging from it."""
    out = [head]
    for c in head.children:
        if c.dep_ not in CLAUSE_DEPS:
            out += list(c.subtree)
    return sorted(out, key=lambda t: t.i)


def clause_of(head: Token) -> list[tuple[int, int]]:
    """Where to look for the event's date and place: its own clause, then the clause it depends on
    ("a déclaré le 5 octobre après avoir rencontré X": the meeting is of the 5th)."""
    spans = [clause_tokens(head)]
    if head.dep_ in ("advcl", "xcomp", "ccomp", "conj", "acl") and head.head != head:
        spans.append(clause_tokens(head.head))
    return [(s[0].idx, s[-1].idx + len(s[-1])) for s in spans]


def date_in(article: Article, clauses: list[tuple[int, int]]) -> str | None:
    for start, end in clauses:
        inside = [d for d in article.dates if start <= d.start < end]
        if inside:
            return inside[0].value
    return None


def place_in(article: Article, clauses: list[tuple[int, int]]) -> dict | None:
    for start, end in clauses:
        inside = [p for p in article.places if start <= p.start < end]
        if inside:
            p = inside[0]
            return {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon}
    return None


def confidence(base: float, actor: ActorRef, target: ActorRef | None, date: str | None, place: dict | None,
               doubtful: bool) -> float:
    score = base + (0.25 if actor.actor_id else 0.1)
    score += 0.15 if target is None or target.actor_id else 0.05
    score += (0.1 if date else 0) + (0.1 if place else 0) - (0.2 if doubtful else 0)
    return round(min(0.95, max(0.05, score)), 2)


def sentence_start(doc: Doc, pos: int) -> int:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span.sent.start_char if span is not None else pos


_SUBHEADING = re.compile(r"-\s.*\s-\s*")


def subheading(text: str, pos: int) -> bool:
    """ "- "Nous aider" -": a subheading announces what the body tells, where the event is coded."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return bool(_SUBHEADING.fullmatch(text, start, end if end >= 0 else len(text)))


def collapse(events: list[Event], title_end: int, sentence_of: Callable[[Event], int]) -> list[Event]:
    """The title repeats the body (an event of its type with one of its parties); two triggers of one sentence
    with the same parties ("a rejeté…, niant…", "effectuer une visite") say one thing. Separate statements stay
    separate mentions (they are merged into one event later, by key)."""
    events = [e for e in events if not any(_names_its_state(e, o, sentence_of) for o in events)]
    body = {_who(e) for e in events if e.evidence.start > title_end}
    sides = {(e.type, side) for e in events if e.evidence.start > title_end for side in _who(e)[1:] if side}
    seen, out = set(), []
    for e in events:
        who = _who(e)
        clause = (*who, sentence_of(e))
        told = who in body or any((e.type, side) in sides for side in who[1:] if side)
        if e.evidence.start <= title_end and told or clause in seen:
            continue
        seen.add(clause)
        out.append(e)
    return out


def said_once(events: list[Event]) -> list[Event]:
    """A quote read for its act ("«Nous réclamons la formation d'un gouvernement»") is the statement an act
    verb inside it already codes, or one an overlapping quote of the same speaker already gave."""
    kept = [e for e in events if e.trigger is not None]
    for e in events:
        if e.trigger is None and not any(_same_statement(e, o) for o in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: e.evidence.start)


def _same_statement(e: Event, other: Event) -> bool:
    return other.type == e.type and _key(other.actor) == _key(e.actor) \
        and other.evidence.start < e.evidence.end and e.evidence.start < other.evidence.end


def _names_its_state(e: Event, other: Event, sentence_of: Callable[[Event], int]) -> bool:
    """ "s'est rendu à Moscou pour rencontrer Vladimir Poutine", "une visite au Kremlin, où il a été reçu par
    Vladimir Poutine": the visit to a state or its seat is the meeting with the person, told once."""
    return e is not other and e.type == other.type and _key(e.actor) == _key(other.actor) \
        and e.target is not None and e.target.kind != "person" and other.target is not None \
        and other.target.kind == "person" and other.target.country == e.target.country \
        and sentence_of(e) == sentence_of(other)


def retold(events: list[Event], nouns: set[int], defaults: set[str]) -> list[Event]:
    """ "son interpellation par les gendarmes", then "l'interpellation": an event noun that names no other
    party than an earlier event of its type (its actor the same, or only the type's default) retells it."""
    out: list[Event] = []
    for e in events:
        if e.trigger is None or e.trigger.start not in nouns or not any(_retells(e, o, defaults) for o in out):
            out.append(e)
    return out


def _retells(e: Event, earlier: Event, defaults: set[str]) -> bool:
    unnamed = e.actor is not None and e.actor.name in defaults
    return earlier.type == e.type and (unnamed or _key(earlier.actor) == _key(e.actor)) \
        and (e.target is None or _key(earlier.target) == _key(e.target))


def _who(e: Event) -> tuple[str, ...]:
    keys = [_key(e.actor), _key(e.target)]
    return (e.type, *(sorted(keys) if e.type in SYMMETRIC else keys))


def _key(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return ref.actor_id or f"{fold(ref.name)}|{ref.country or ''}"
