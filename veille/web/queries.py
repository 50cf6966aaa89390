"""What the dashboard asks the store beyond the CLI's questions: one actor with everything about them, the
actors they appear with, the republication clusters. Read-only SQL, every value a parameter."""

from __future__ import annotations

import json
from typing import Any

from veille.link.merge import merged_of
from veille.store import Store


def actor(store: Store, actor_id: str, limit: int = 200) -> dict[str, Any] | None:
    row = store.db.execute("SELECT * FROM actors WHERE actor_id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    quotes = [dict(r) | json.loads(r["data"]) for r in store.db.execute(
        "SELECT q.data, a.id AS article_id, a.title, a.published, a.source FROM quotes q "
        "JOIN articles a ON a.id = q.article_id WHERE q.speaker_actor_id = ? "
        "ORDER BY a.published DESC, q.idx LIMIT ?", (actor_id, limit))]
    for q in quotes:
        q.pop("data", None)
    return {"actor": dict(row), "quotes": quotes,
            "events_as_actor": merged_of(store, store.event_ids(actor=actor_id, limit=limit, by_id=True)),
            "events_as_target": merged_of(store, store.event_ids(target=actor_id, limit=limit, by_id=True)),
            "cooccurring": cooccurring(store, actor_id), "recent": RECENT}


RECENT = 200
"""Co-occurrence counts look at an actor's latest articles only: over all of a much-named actor's articles the
page would cost time in proportion to the corpus."""


def cooccurring(store: Store, actor_id: str, limit: int = 15) -> list[dict[str, Any]]:
    """The actors named most often in the same articles, among the actor's RECENT latest articles."""
    ids = [r[0] for r in store.db.execute(recent_articles(store, actor_id), (actor_id, RECENT))]
    rows = store.db.execute(
        "SELECT b.actor_id, ac.name, ac.kind, ac.country, count(DISTINCT b.article_id) AS articles "
        f"FROM entities b JOIN actors ac ON ac.actor_id = b.actor_id WHERE b.article_id IN ({','.join('?' * len(ids))})"
        " AND b.actor_id != ? GROUP BY b.actor_id ORDER BY articles DESC, ac.name LIMIT ?", (*ids, actor_id, limit))
    return [dict(r) for r in rows]


def recent_articles(store: Store, actor_id: str) -> str:
    """The query for an actor's latest articles. An actor named in many articles: walk the articles newest first
    until enough name them (a few thousand index probes); a rarer one: sort its own articles. Either costs a
    few milliseconds where one query for all would cost tens for the most-named actors."""
    named = store.db.execute("SELECT count(DISTINCT article_id) FROM entities WHERE actor_id = ?",
                             (actor_id,)).fetchone()[0]
    if named * named > RECENT * store.count():
        return ("SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM entities e WHERE e.actor_id = ? AND "
                "e.article_id = a.id) ORDER BY a.published DESC LIMIT ?")
    return ("SELECT a.id FROM articles a WHERE a.id IN (SELECT article_id FROM entities WHERE actor_id = ?) "
            "ORDER BY a.published DESC LIMIT ?")


def clusters(store: Store, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    rows = store.db.execute(
        "SELECT a.cluster_id, o.title, o.source, o.published, count(*) AS articles, "
        "count(DISTINCT a.source) AS sources FROM articles a JOIN articles o ON o.id = a.cluster_id "
        "WHERE a.cluster_id IS NOT NULL GROUP BY a.cluster_id ORDER BY articles DESC, o.published LIMIT ? OFFSET ?",
        (limit, offset))
    return [dict(r) for r in rows]


def cluster(store: Store, cluster_id: str) -> dict[str, Any] | None:
    members = [dict(r) for r in store.db.execute(
        "SELECT id, external_id, title, source, published, url FROM articles WHERE cluster_id = ? "
        "ORDER BY published, id", (cluster_id,))]
    if not members:
        return None
    ids = [m["id"] for m in members]
    marks = ",".join("?" * len(ids))
    links = [dict(r) for r in store.db.execute(
        f"SELECT source_id, copy_id, containment, relation FROM reuse WHERE copy_id IN ({marks}) "
        "ORDER BY containment DESC", ids)]
    origin = next((m for m in members if m["id"] == cluster_id), members[0])
    return {"origin": origin, "members": members, "links": links}
