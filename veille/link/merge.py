"""One real event, however many reports: event mentions merged across sentences, articles and sources.

GDELT counts an event once per article that reports it; veille gives every mention of the same event one
`event_id`. Two mentions are of the same event when they have the same type, compatible parties (the same
actor, or a person and the state they belong to: "Nicolas Maduro" and "Venezuela"; in either order for
meetings and cooperation, where who is actor is a matter of wording), days at most one apart (the stated date,
else the day of publication), and compatible places (same country, or one unknown). Merging is transitive
(union-find), within blocks of one type and nearby days, so it scales to the corpus.

The id of a merged event is a hash of its canonical description (type, parties, first day), not of the
articles that report it: the same story extracted alone, or ingested with its copies, gets the same id.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from typing import TYPE_CHECKING, Any

from veille.model import ActorRef, Article, Event, make_id
from veille.text import fold

if TYPE_CHECKING:
    from veille.store import Store

SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}
MAX_DAYS_APART = 1


@dataclass(frozen=True)
class Party:
    key: str
    country: str | None
    state: bool
    """A state, or a government body standing for it ("le Kremlin"): compatible with its country's people."""

    @classmethod
    def of(cls, ref: ActorRef | None) -> Party | None:
        if ref is None:
            return None
        key = ref.actor_id or f"{fold(ref.name)}|{ref.country or ''}"
        return cls(key, ref.country, ref.kind == "state" or ref.kind == "organization" and ref.sector == "GOV")


@dataclass(frozen=True)
class Mention:
    """One event mention as merging sees it; `ref` says where it lives (article id, index)."""

    ref: tuple[str, int]
    type: str
    actor: Party | None
    target: Party | None
    day: str
    dated: bool
    country: str | None
    score: float
    evidence: str = ""

    @classmethod
    def of(cls, article_id: str, idx: int, e: Event, published: str | None) -> Mention:
        day = e.date or (published or "")[:10]
        return cls((article_id, idx), e.type, Party.of(e.actor), Party.of(e.target), day, e.date is not None,
                   (e.place or {}).get("country"), e.confidence, fold(e.evidence.text))

    @classmethod
    def from_data(cls, article_id: str, idx: int, data: dict, published: str | None) -> Mention:
        """From a stored event (its JSON), without rebuilding the whole Event."""
        def party(d: dict | None) -> Party | None:
            return Party.of(ActorRef(d["name"], d.get("actor_id"), d.get("kind", "unknown"), d.get("country"),
                                     d.get("sector"))) if d else None

        date_ = data.get("date")
        return cls((article_id, idx), data["type"], party(data.get("actor")), party(data.get("target")),
                   date_ or (published or "")[:10], date_ is not None, (data.get("place") or {}).get("country"),
                   data.get("confidence", 0.5), fold((data.get("evidence") or {}).get("text", "")))


def same_party(a: Party | None, b: Party | None) -> bool:
    if a is None or b is None:
        return a is b
    if a.key == b.key:
        return True
    return (a.state or b.state) and a.country is not None and a.country == b.country


def days_apart(a: str, b: str) -> int | None:
    """Days between two dates; None when one is only a month or a year (those must be equal)."""
    if len(a) == 10 and len(b) == 10:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    return 0 if a[:len(b)] == b or b[:len(a)] == a else None


def compatible(m: Mention, n: Mention, m_day: tuple[str, bool], n_day: tuple[str, bool]) -> bool:
    """Same event? `*_day` is (day, stated) of the mention's group so far: a copy's undated mention is as dated
    as its source's. Two mentions neither of which states a date merge only with the same parties exactly."""
    if m.type != n.type:
        return False
    apart = days_apart(m_day[0], n_day[0]) if m_day[0] and n_day[0] else None
    if apart is None or apart > MAX_DAYS_APART:
        return False
    if m.country and n.country and m.country != n.country:
        return False
    loose = m_day[1] or n_day[1]
    same = same_party if loose else _same_key
    straight = same(m.actor, n.actor) and same(m.target, n.target)
    crossed = m.type in SYMMETRIC and same(m.actor, n.target) and same(m.target, n.actor)
    return straight or crossed


def _same_key(a: Party | None, b: Party | None) -> bool:
    return a is b if a is None or b is None else a.key == b.key


class _Groups:
    """Union-find over mentions, keeping each group's earliest stated day."""

    def __init__(self, mentions: list[Mention]):
        self.parent = list(range(len(mentions)))
        self.day = [(m.day, m.dated) for m in mentions]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb
            self.day[rb] = min(self.day[ra], self.day[rb], key=lambda d: (not d[1], d[0]))


def clusters(mentions: list[Mention], copies: set[frozenset[str]] = frozenset()) -> list[list[Mention]]:
    """Mentions grouped into events. First, a republished article's mention is the same report as its
    source's mention of the same type in the same words (a copy often lacks the date that resolves its own
    dates). Then mentions are compared within blocks of one type and one day, and with the next day's."""
    groups = _Groups(mentions)
    _union_copies(mentions, copies, groups)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        blocks[(m.type, groups.day[groups.find(i)][0][:10])].append(i)
    for (kind, day), members in blocks.items():
        following = blocks.get((kind, _next_day(day)), []) if len(day) == 10 else []
        for i, a in enumerate(members):
            for b in members[i + 1:] + following:
                ra, rb = groups.find(a), groups.find(b)
                if ra != rb and compatible(mentions[a], mentions[b], groups.day[ra], groups.day[rb]):
                    groups.union(a, b)
    out: dict[int, list[Mention]] = defaultdict(list)
    for i, m in enumerate(mentions):
        out[groups.find(i)].append(m)
    return list(out.values())


def _union_copies(mentions: list[Mention], copies: set[frozenset[str]], groups: _Groups) -> None:
    same_words: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        same_words[(m.type, m.evidence)].append(i)
    for members in same_words.values():
        for a in members:
            for b in members:
                m, n = mentions[a], mentions[b]
                if a < b and frozenset((m.ref[0], n.ref[0])) in copies and same_party(m.actor, n.actor) \
                        and same_party(m.target, n.target):
                    groups.union(a, b)


def _next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def window(days: Iterable[str]) -> set[str]:
    """The days whose mentions may merge with mentions of these days."""
    out = set()
    for d in days:
        out.add(d)
        if len(d) == 10:
            out.update((_next_day(d), (date.fromisoformat(d) - timedelta(days=1)).isoformat()))
    return out


def event_id(group: list[Mention]) -> str:
    """The canonical description of a merged event: its type, its best-described parties (unordered for
    meetings), its first stated day (else first day reported)."""
    best = max(group, key=lambda m: (m.score, m.dated, m.actor is not None and not m.actor.state,
                                     m.target is not None, m.ref))
    parties = [_party_key(p) for p in (best.actor, best.target)]
    if best.type in SYMMETRIC:
        parties.sort()
    dated = sorted(m.day for m in group if m.dated) or sorted(m.day for m in group if m.day)
    return make_id("event", best.type, *parties, dated[0] if dated else "")


def _party_key(p: Party | None) -> str:
    """A state by its country code (a state named without one, by its name), anyone else by name."""
    if p is None:
        return ""
    return (p.country if p.state else None) or p.key or ""


def assign(mentions: list[Mention], copies: set[frozenset[str]] = frozenset()) -> dict[tuple[str, int], str]:
    return {m.ref: event_id(group) for group in clusters(mentions, copies) for m in group}


def merge_stored(store: Store, article_ids: list[str]) -> int:
    """Re-merge the stored mentions that new articles may join, and rewrite the stored merged events whose
    mentions changed (in the caller's transaction); returns how many mention ids changed."""
    if not article_ids:
        return 0
    rows = store.mentions_near(article_ids)
    data = {(r["article_id"], r["idx"]): json.loads(r["data"]) for r in rows}
    mentions = [Mention.from_data(r["article_id"], r["idx"], data[(r["article_id"], r["idx"])], r["published"])
                for r in rows]
    ids = assign(mentions, store.reuse_among({m.ref[0] for m in mentions}))
    new = set(article_ids)
    touched = {eid for ref, eid in ids.items() if ref[0] in new or data[ref].get("event_id") != eid}
    touched |= {old for ref, eid in ids.items() if (old := data[ref].get("event_id")) and old != eid}
    changed = store.set_event_ids(ids)
    refresh_merged(store, sorted(touched))
    return changed


def refresh_merged(store: Store, event_ids: list[str]) -> None:
    merged = merged_rows(store.event_mentions_of(event_ids))
    store.write_merged(merged, gone=sorted(set(event_ids) - {m["event_id"] for m in merged}))


def backfill_merged(store: Store, chunk: int = 2000) -> None:
    """A store made before merged events were stored gets them, once."""
    if not store.merged_missing():
        return
    ids = [r[0] for r in store.db.execute("SELECT DISTINCT event_id FROM events WHERE event_id IS NOT NULL "
                                          "ORDER BY event_id")]
    for i in range(0, len(ids), chunk):
        with store.transaction():
            refresh_merged(store, ids[i:i + chunk])


def merged_of(store: Store, event_ids: list[str]) -> list[dict[str, Any]]:
    """The merged events of these ids, as stored; merged from their mentions where a store predates that."""
    rows = store.merged(event_ids)
    return rows if len(rows) == len(event_ids) else merged_rows(store.event_mentions_of(event_ids))


def merge_articles(articles: Iterable[Article]) -> None:
    """Merge the event mentions of articles held in memory (one article, or a `veille extract` batch)."""
    arts = list(articles)
    mentions = [Mention.of(a.id, i, e, a.published) for a in arts for i, e in enumerate(a.events)]
    ids = assign(mentions)
    for a in arts:
        for i, e in enumerate(a.events):
            e.event_id = ids[(a.id, i)]


def merged_rows(rows: Iterable[Any]) -> list[dict[str, Any]]:
    """Stored mentions (grouped by event id, in order) as one row per merged event, each mention with its
    article and its evidence: what `veille events` prints."""
    out: list[dict[str, Any]] = []
    for eid, group in groupby(rows, key=lambda r: r["event_id"]):
        mentions = [(r, json.loads(r["data"])) for r in group]
        out.append(_merged(eid, mentions))
    return out


def _merged(eid: str, mentions: list[tuple[Any, dict]]) -> dict[str, Any]:
    best = max(mentions, key=lambda m: (m[1].get("confidence", 0), m[1].get("date") is not None,
                                        sum((p or {}).get("kind") == "person" for p in (m[1].get("actor"),
                                                                                       m[1].get("target")))))[1]
    actor, target = best.get("actor"), best.get("target")
    visit = next((d for _, d in mentions if d.get("mode") == "visit" and d.get("actor")), None)
    if best["type"] == "CONSULT" and visit is not None and not _same(visit["actor"], actor):
        # the visitor acts: "Maduro a rencontré Borissov" + "la visite de Borissov" is Borissov's visit
        actor, target = visit["actor"], actor if _same(visit["actor"], target) else target or visit.get("target")
    dates = sorted(d["date"] for _, d in mentions if d.get("date"))
    places = Counter(json.dumps(d["place"], sort_keys=True) for _, d in mentions if d.get("place"))
    articles = {r["article_id"] for r, _ in mentions}
    sources = sorted({r["source"] for r, _ in mentions if r["source"]})
    return {
        "event_id": eid, "type": best["type"], "mode": Counter(d.get("mode") for _, d in mentions).most_common(1)[0][0],
        "actor": _party(actor), "target": _party(target), "date": dates[0] if dates else None,
        "place": json.loads(places.most_common(1)[0][0]) if places else None,
        "articles": len(articles), "sources": sources, "first_seen": min((r["published"] or "~") for r, _ in mentions)
        .replace("~", "") or None,
        "confidence": max(d.get("confidence", 0) for _, d in mentions),
        "negated": all(d.get("negated") for _, d in mentions),
        "hypothetical": all(d.get("hypothetical") for _, d in mentions),
        "mentions": [{"article_id": r["article_id"], "external_id": r["external_id"], "source": r["source"],
                      "published": r["published"], "url": r["url"], "evidence": d["evidence"]} for r, d in mentions],
    }


def _party(d: dict | None) -> dict | None:
    return {k: d.get(k) for k in ("name", "actor_id", "kind", "country", "sector")} if d else None


def _same(a: dict | None, b: dict | None) -> bool:
    return bool(a and b) and (a.get("actor_id") or a.get("name")) == (b.get("actor_id") or b.get("name"))
