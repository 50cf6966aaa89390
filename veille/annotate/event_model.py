"""The learned event coder: which of the candidate events (lexicon triggers and statements, `events.Candidate`)
are events, of which PLOVER type, and who acts on whom.

The lexicons and the hand-written rules propose; two logistic models trained on gold/train decide:
- the classifier reads each candidate (its trigger, the parse around it, the lexicon's type, the vetoes of the
  rules, the statement it reports) and gives a probability per type and for "no event";
- the ranker scores every mention that could be the actor, or the target (or no target), of a kept event: the
  parse rules' choice, the speaker, the names of the sentence, with their syntactic relation to the trigger.
Features are strings hashed into a fixed space (`sklearn.feature_extraction.FeatureHasher`), so the weights are
plain arrays (`veille/lang/fr/events_model.npz`, no pickle) and no vocabulary has to ship.

`confidence` is a probability: the chance that the event is right (type, actor and target, as the shared scorer
counts), read off the classifier's score through an isotonic map fitted on out-of-fold predictions over
gold/train + gold/dev (each article scored by a model that had not seen it). Each event records in `decided_by`
the model that kept it and what proposed it: `model:events/trigger:protest:rules-keep` (a lexicon trigger the
hand-written rules also keep), `model:events/quote:statement/retyped` (a statement whose type the model changed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from veille.model import ActorRef, Event
from veille.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from veille.annotate.events import Candidate
    from veille.model import Article

NONE = "NONE"
N_FEATURES = 2 ** 18
RANK_FEATURES = 2 ** 16
QUOTE_WORDS = 40
SENTENCE_WORDS = 40
CONTENT_POS = ("NOUN", "VERB", "ADJ", "ADV", "PROPN")
MODEL_DIR = "lang/fr"
MODEL_FILE = "events_model.npz"


def hasher(n_features: int = N_FEATURES) -> Any:
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=n_features, input_type="string", alternate_sign=False)


# --- features ----------------------------------------------------------------------------------------------

def _side(prefix: str, ref: ActorRef | None) -> list[str]:
    if ref is None:
        return [f"{prefix}=none"]
    return [f"{prefix}_kind={ref.kind}", f"{prefix}_sector={ref.sector}", f"{prefix}_named={bool(ref.actor_id)}",
            f"{prefix}_country={ref.country is not None}"]


def _token(prefix: str, tok: Token) -> list[str]:
    out = [f"{prefix}lemma={tok.lemma_.lower()}", f"{prefix}pos={tok.pos_}", f"{prefix}dep={tok.dep_}",
           f"{prefix}head={tok.head.lemma_.lower()}", f"{prefix}headpos={tok.head.pos_}"]
    out += [f"{prefix}{k}={v}" for k in ("Tense", "Mood", "VerbForm", "Voice") for v in tok.morph.get(k)]
    out += [f"{prefix}child={c.dep_}" for c in tok.children]
    out += [f"{prefix}childw={c.dep_}|{c.lower_}" for c in tok.children if c.dep_ in ("advmod", "aux", "mark", "case")]
    return out


def candidate_features(article: Article, doc: Doc, c: Candidate) -> list[str]:
    """What the classifier reads of one candidate."""
    e, tok = c.event, c.token
    f = [f"src={c.source}", f"type={e.type}", f"mode={e.mode}", f"kept={c.kept}", f"defaulted={c.defaulted}",
         f"neg={e.negated}", f"hyp={e.hypothetical}", f"reported={e.reported}", f"date={e.date is not None}",
         f"place={e.place is not None}", f"title={e.evidence.start < len(article.title)}",
         f"type_lemma={e.type}|{tok.lemma_.lower()}", f"type_src={e.type}|{c.source}"]
    f += [f"veto={v}" for v in c.vetoes] or ["veto=none"]
    f += [f"type_veto={e.type}|{v}" for v in c.vetoes]
    f += _token("t_", tok)
    if c.verb is not None and c.verb is not tok:
        f += _token("v_", c.verb)
    f += _side("actor", e.actor) + _side("target", e.target)
    if c.quote is not None:
        q = c.quote
        f += [f"qkind={q.kind}", f"qattr={q.attribution}", f"qlen={min(len(q.text.split()) // 5, 8)}"]
        f += [f"qw={w}" for w in fold(q.text).split()[:QUOTE_WORDS]]
    sent = tok.sent
    f += [f"sw={t.lemma_.lower()}" for t in sent if t.pos_ in CONTENT_POS][:SENTENCE_WORDS]
    f += [f"ev_len={min(len(e.evidence.text.split()) // 5, 10)}"]
    return f


# --- actor and target options ------------------------------------------------------------------------------

@dataclass
class Options:
    """Who may act, and who may be acted on, in one candidate: the parse rules' choice, the speaker of the
    statement, the named actors of the sentence (and, for the target, nobody)."""

    actors: list[ActorRef]
    actor_features: list[list[str]]
    targets: list[ActorRef | None]
    target_features: list[list[str]]


def _key(ref: ActorRef | None) -> str:
    return "" if ref is None else ref.actor_id or fold(ref.name)


def _mention_token(doc: Doc, ref: ActorRef | None) -> Token | None:
    if ref is None or ref.mention is None:
        return None
    span = doc.char_span(ref.mention.start, ref.mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _relation(tok: Token | None, trig: Token, verb: Token | None) -> list[str]:
    """How an option's mention stands to the trigger in the parse."""
    if tok is None:
        return ["rel=nomention"]
    head = verb or trig
    out = [f"dep={tok.dep_}", f"side={'before' if tok.i < trig.i else 'after'}",
           f"dist={min(abs(tok.i - trig.i) // 3, 8)}"]
    if tok.head == head or tok.head == trig:
        out.append(f"child_of_trigger={tok.dep_}")
    elif tok.head.head == head:
        out.append(f"grandchild={tok.head.dep_}>{tok.dep_}")
    if head.left_edge.i <= tok.i <= head.right_edge.i:
        out.append("in_subtree")
    if tok.sent != trig.sent:
        out.append("other_sentence")
    return out


def _nearest(tok: Token | None, toks: list[Token | None], trig: Token) -> list[str]:
    """The option named first after the trigger, or last before it, in the sentence."""
    if tok is None:
        return []
    after = sorted(t.i for t in toks if t is not None and t.i > trig.i)
    before = sorted(t.i for t in toks if t is not None and t.i < trig.i)
    return (["first_after"] if after and after[0] == tok.i else []) + (["last_before"] if before and
                                                                        before[-1] == tok.i else [])


def _option_features(ref: ActorRef, sources: set[str], rel: list[str], other: ActorRef | None) -> list[str]:
    f = [f"src={s}" for s in sorted(sources)] + rel
    f += [f"kind={ref.kind}", f"sector={ref.sector}", f"named={bool(ref.actor_id)}",
          f"country={ref.country is not None}"]
    if other is not None and _key(other) == _key(ref):
        f.append("same_as_other_side")
    return f


def typed(features: list[str], kind: str, role: str) -> list[str]:
    """An option's features, alone and crossed with the event's type and the role weighed."""
    return [f"{role}|{x}" for x in features] + [f"{role}|{kind}|{x}" for x in features]


def side_options(article: Article, doc: Doc, c: Candidate) -> Options:
    from veille.annotate.actors import ACTOR_KINDS, entity_ref
    from veille.annotate.events import home_country, with_country

    e, trig = c.event, c.token
    home = home_country(article, margin=1.0)
    sent = trig.sent
    found: dict[str, tuple[ActorRef, set[str]]] = {}

    def add(ref: ActorRef | None, source: str) -> None:
        if ref is not None:
            found.setdefault(_key(ref), (ref, set()))[1].add(source)

    add(e.actor, "rule_actor")
    add(e.target, "rule_target")
    if c.quote is not None:
        add(c.quote.speaker, "speaker")
    for ent in article.entities:
        if sent.start_char <= ent.start < sent.end_char and ent.kind in ACTOR_KINDS:
            add(with_country(entity_ref(article, ent), home), "sentence")
    refs = list(found.values())
    actors = [r for r, _ in refs]
    toks = [_mention_token(doc, r) for r, _ in refs]
    rels = [_relation(t, trig, c.verb) + _nearest(t, toks, trig) for t in toks]
    actor_feats = [_option_features(r, src, rel, e.target) for (r, src), rel in zip(refs, rels, strict=True)]
    targets: list[ActorRef | None] = [None, *actors]
    target_feats = [["none", f"none_rule={e.target is None}", f"none_src={c.source}"]]
    target_feats += [_option_features(r, src, rel, e.actor) for (r, src), rel in zip(refs, rels, strict=True)]
    return Options(actors, actor_feats, targets, target_feats)


SPECIFIC_MARGIN = 2.0
"""How far below the state a person or body of that state may score and still be named instead (in logits)."""


def specific(options: list[Any], scores: np.ndarray, best: int, other: ActorRef | None = None) -> Any:
    """The person or body of the same state as a chosen state, when the ranker scores it nearly as high: the scorer
    (and gold) count "Russie" and "Vladimir Poutine" alike when the country agrees, so the ranker learns no
    preference; an analyst wants to know who."""
    chosen = options[best]
    if chosen is None or chosen.kind != "state" or not chosen.country:
        return chosen
    near = [i for i, o in enumerate(options) if o is not None and o.kind in ("person", "organization")
            and o.country == chosen.country and scores[i] >= scores[best] - SPECIFIC_MARGIN
            and (other is None or o.name != other.name)]
    return options[max(near, key=lambda i: scores[i])] if near else chosen


# --- the model ---------------------------------------------------------------------------------------------

@dataclass
class EventModel:
    classes: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    threshold: float
    calib_x: np.ndarray
    calib_y: np.ndarray
    meta: dict[str, Any]
    actor_w: np.ndarray | None = None
    """The rankers' weights over hashed option features (last entry: the bias); None: the parse rules' choice."""
    target_w: np.ndarray | None = None
    lexicon_trust: float = 1.0
    """The lexicon's type stays when its probability is at least this share of the likeliest type's (1: the
    likeliest always wins). Chosen on out-of-fold predictions."""

    @classmethod
    def load(cls, folder: Any = None) -> EventModel | None:
        """The shipped model, or None where none was trained (the hand-written rules then decide)."""
        base = folder or resources.files("veille").joinpath(MODEL_DIR)
        path = base.joinpath(MODEL_FILE) if hasattr(base, "joinpath") else None
        if path is None or not path.is_file():
            return None
        with path.open("rb") as fh:
            z = np.load(fh, allow_pickle=False)
            return cls([str(x) for x in z["classes"]], z["coef"], z["intercept"], float(z["threshold"]),
                       z["calib_x"], z["calib_y"], json.loads(str(z["meta"])),
                       z.get("actor_w"), z.get("target_w"), float(z["lexicon_trust"]) if "lexicon_trust" in z else 1.0)

    def save(self, path: Any) -> None:
        np.savez_compressed(path, classes=np.array(self.classes), coef=self.coef.astype(np.float32),
                            intercept=self.intercept.astype(np.float32), threshold=np.float32(self.threshold),
                            calib_x=self.calib_x.astype(np.float32), calib_y=self.calib_y.astype(np.float32),
                            meta=np.array(json.dumps(self.meta, sort_keys=True)),
                            lexicon_trust=np.float32(self.lexicon_trust),
                            **{k: v.astype(np.float32) for k, v in (("actor_w", self.actor_w),
                                                                    ("target_w", self.target_w)) if v is not None})

    @cached_property
    def hasher(self) -> Any:
        return hasher()

    @cached_property
    def rank_hasher(self) -> Any:
        return hasher(RANK_FEATURES)

    def rank(self, weights: np.ndarray, feats: list[list[str]]) -> np.ndarray:
        x = self.rank_hasher.transform(feats)
        return x @ weights[:-1] + weights[-1]

    def pick_sides(self, e: Event, opts: Options) -> None:
        """The likeliest actor and target among the options, by the trained rankers."""
        from veille.annotate.events import own_side

        if self.actor_w is not None and opts.actors:
            scores = self.rank(self.actor_w, [typed(f, e.type, "actor") for f in opts.actor_features])
            e.actor = specific(opts.actors, scores, int(np.argmax(scores)))
        if self.target_w is not None:
            scores = self.rank(self.target_w, [typed(f, e.type, "target") for f in opts.target_features])
            order = [int(i) for i in np.argsort(-scores, kind="stable")]
            best = next((i for i in order if opts.targets[i] is None or e.actor is None
                         or not own_side(e.actor, opts.targets[i])), None)
            e.target = None if best is None else specific(opts.targets, scores, best, e.actor)

    def probabilities(self, feats: list[list[str]]) -> np.ndarray:
        if not feats:
            return np.zeros((0, len(self.classes)))
        x = self.hasher.transform(feats)
        logits = x @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def calibrated(self, score: float) -> float:
        return round(float(np.interp(score, self.calib_x, self.calib_y)), 3)

    def __call__(self, article: Article, doc: Doc, cands: list[Candidate]) -> list[Event]:
        from veille.annotate.events import sentence_start

        probs = self.probabilities([candidate_features(article, doc, c) for c in cands])
        by_event = {id(c.event): c for c in cands}
        for c in cands:  # what proposed it, for precision by origin: "trigger:protest", "quote:statement"
            c.event.decided_by = f"{c.source}:{c.event.mode}{':rules-keep' if c.kept else ''}"
        return self.choose([c.event for c in cands], probs, len(article.title),
                           lambda e: sentence_start(doc, e.evidence.start),
                           lambda e: side_options(article, doc, by_event[id(e)]))

    def choose(self, events: list[Event], probs: np.ndarray, title_len: int, sentence_of: Any,
               options_of: Any = None, threshold: float | None = None) -> list[Event]:
        """Keep the candidates whose chance of being an event reaches the threshold, with their likeliest type,
        then drop repeats as the rules do (one statement told by a quote and its verb, the title's repeat of the
        body). Works on the events alone, so training can try thresholds without parsing again."""
        from veille.annotate.events import collapse, said_once

        none = self.classes.index(NONE)
        threshold = self.threshold if threshold is None else threshold
        kept: list[Event] = []
        for e, p in zip(events, probs, strict=True):
            score = 1.0 - float(p[none])
            if score < threshold:
                continue
            best = max((i for i in range(len(self.classes)) if i != none), key=lambda i: p[i])
            proposed = self.classes.index(e.type) if e.type in self.classes else best
            retyped = p[proposed] < self.lexicon_trust * p[best]  # the lexicon's type unless clearly less likely
            proposed = best if retyped else proposed
            e.type, e.confidence = self.classes[proposed], self.calibrated(score)
            origin = f"/{e.decided_by}" if e.decided_by else ""
            e.decided_by = f"model:{self.meta.get('name', 'events')}{origin}{'/retyped' if retyped else ''}"
            if options_of is not None:
                self.pick_sides(e, options_of(e))
            kept.append(e)
        kept = said_once(sorted(kept, key=lambda e: (-e.confidence, e.evidence.start)))
        kept = vague_repeats_dropped(kept, sentence_of)
        return collapse(sorted(kept, key=lambda e: e.evidence.start), title_len, sentence_of)


def vague_repeats_dropped(events: list[Event], sentence_of: Any) -> list[Event]:
    """Two triggers of one sentence ("contrats de soutien et de conseil") often give one act twice, once with its
    target and once without: the repeat without a target says nothing more and is dropped."""
    aimed = {(e.type, e.actor.name if e.actor else None, sentence_of(e)) for e in events if e.target is not None}
    return [e for e in events
            if e.target is not None or (e.type, e.actor.name if e.actor else None, sentence_of(e)) not in aimed]
