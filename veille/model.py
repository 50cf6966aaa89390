"""The Article document and its typed span layers.

Every fact veille outputs is a span of `Article.text` (Python str indices, end exclusive), so a reader can
always go back to the exact characters it came from. Stages add layers to an Article; the store, the web
pages and Spark all exchange Articles through `to_dict` / `from_dict`, which follow
`shared/schema/article.schema.json`. This module imports nothing of veille.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

SCHEMA_LAYERS = ("entities", "quotes", "dates", "places", "events", "reuse")


def make_id(*parts: str | None) -> str:
    """Content-derived id: the same content always gets the same id, on any machine."""
    h = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8"))
    return h.hexdigest()[:16]


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class ActorRef:
    name: str
    actor_id: str | None = None
    kind: str = "unknown"
    country: str | None = None
    sector: str | None = None
    mention: Span | None = None
    nested: ClassVar[dict[str, type]] = {"mention": Span}


@dataclass(slots=True)
class Entity(Span):
    label: str = "MISC"
    canonical: str = ""
    actor_id: str | None = None
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    actor_name: str | None = None
    """The actor's name when it is not the mention's own ("Moscou" acting for the state "Russie")."""


@dataclass(slots=True)
class Quote(Span):
    kind: str = "direct"
    speaker: ActorRef | None = None
    cue: str | None = None
    cue_span: Span | None = None
    attribution: str | None = None
    """How the speaker was found: incise, verb_before, source, colon, verb_after, governor, continued, clause."""
    nested: ClassVar[dict[str, type]] = {"speaker": ActorRef, "cue_span": Span}


@dataclass(slots=True)
class DateMention(Span):
    value: str = ""
    granularity: str = "day"


@dataclass(slots=True)
class Place(Span):
    name: str = ""
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(slots=True)
class Event:
    type: str
    evidence: Span
    actor: ActorRef | None = None
    target: ActorRef | None = None
    mode: str | None = None
    date: str | None = None
    place: dict[str, Any] | None = None
    negated: bool = False
    hypothetical: bool = False
    reported: bool = False
    confidence: float = 0.5
    event_id: str | None = None
    trigger: Span | None = None
    quote: int | None = None
    decided_by: str | None = None
    """Which model or rule kept it and chose its type ("model:events", "rule:trigger:visit"), as
    `Quote.attribution` says how a speaker was found."""
    nested: ClassVar[dict[str, type]] = {"evidence": Span, "actor": ActorRef, "target": ActorRef,
                                         "trigger": Span}


@dataclass(slots=True)
class ReuseLink:
    other_id: str
    direction: str
    containment: float
    other_external_id: str | None = None
    relation: str | None = None
    passages: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Removal:
    text: str
    reason: str


LAYER_TYPES: dict[str, type] = {
    "entities": Entity, "quotes": Quote, "dates": DateMention, "places": Place,
    "events": Event, "reuse": ReuseLink, "removed": Removal,
}


@dataclass(slots=True)
class Article:
    id: str
    title: str
    text: str
    language: str = "und"
    external_id: str | None = None
    input: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    removed: list[Removal] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    reuse: list[ReuseLink] = field(default_factory=list)
    spans: dict[str, list[Span]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def span(self, start: int, end: int) -> Span:
        """The only way stages should make spans: the text is taken from the article, so it always matches."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        return Span(start, end, self.text[start:end])

    def iter_spans(self) -> Iterator[Span]:
        """Every span held anywhere in the article, for checking offsets."""
        for layer in ("entities", "quotes", "dates", "places"):
            yield from getattr(self, layer)
        for q in self.quotes:
            yield from _actor_spans(q.speaker)
            if q.cue_span:
                yield q.cue_span
        for e in self.events:
            yield e.evidence
            if e.trigger:
                yield e.trigger
            yield from _actor_spans(e.actor)
            yield from _actor_spans(e.target)
        for spans in self.spans.values():
            yield from spans

    def bad_spans(self) -> list[Span]:
        return [s for s in self.iter_spans() if self.text[s.start:s.end] != s.text]

    def to_dict(self) -> dict[str, Any]:
        return _dump(self)

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        art = _load(cls, d)
        art.spans = {k: [_load(Span, s) for s in v] for k, v in (d.get("spans") or {}).items()}
        for name, typ in LAYER_TYPES.items():
            setattr(art, name, [_load(typ, x) for x in d.get(name) or []])
        return art

    @classmethod
    def from_json(cls, s: str) -> Article:
        return cls.from_dict(json.loads(s))


def _actor_spans(actor: ActorRef | None) -> Iterator[Span]:
    if actor is not None and actor.mention is not None:
        yield actor.mention


def _dump(obj: Any) -> Any:
    """Dataclasses to plain JSON values; None-valued spans are dropped (the schema types them as objects)."""
    if isinstance(obj, list):
        return [_dump(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _dump(v) for k, v in obj.items()}
    if not hasattr(obj, "__dataclass_fields__"):
        return obj
    out: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if value is None and getattr(obj, "nested", {}).get(f.name) is Span:
            continue
        if f.name == "spans" and not value:
            continue
        out[f.name] = _dump(value)
    return out


def _load(cls: type, d: dict[str, Any]) -> Any:
    nested = getattr(cls, "nested", {})
    kwargs = {}
    for f in fields(cls):
        if f.name not in d or f.name in LAYER_TYPES or f.name == "spans":
            continue
        value = d[f.name]
        if f.name in nested and value is not None:
            value = _load(nested[f.name], value)
        kwargs[f.name] = value
    return cls(**kwargs)
