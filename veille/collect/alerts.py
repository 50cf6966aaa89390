"""Saved searches over the store, and what is new for each since it was last checked.

An alert names what to look for; each criterion applies to the kinds of item it makes sense for, and all the
criteria given apply together:
- `query` (words, all required, any accents or case): new articles whose title or text has them; new quotes
  whose text has them; new events whose article has them, when `actor` or `type` is also given;
- `actor` (part of a name, an actor id or a country code): new events whose actor or target it is, new quotes
  whose speaker it is;
- `type` (a PLOVER type): new events of that type;
- `copies_of` (a source name, or a site's host): new republication links whose source article comes from it.
An event reported by several articles (a source and its copies) is one match (`mentions` counts them), and so
is a quote copied word for word. "New" is by insertion order: each alert keeps the highest row it reported of
each table, so `check` lists exactly what arrived since the previous check (an alert starts at the store's
present: it reports what comes after it was made).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from veille.errors import VeilleError
from veille.store import Store, _like, fts_query
from veille.text import fold

TABLES = {"article": "articles", "event": "events", "quote": "quotes", "link": "reuse"}


@dataclass(frozen=True)
class Alert:
    name: str
    query: str | None = None
    actor: str | None = None
    type: str | None = None
    copies_of: str | None = None

    def describe(self) -> str:
        parts = [f"{k}={v!r}" for k, v in (("query", self.query), ("actor", self.actor), ("type", self.type),
                                           ("copies_of", self.copies_of)) if v]
        return f"{self.name}: {', '.join(parts)}"


def add(store: Store, alert: Alert) -> None:
    if not (alert.query or alert.actor or alert.type or alert.copies_of):
        raise VeilleError(f"alert {alert.name!r}: give at least one of --query, --actor, --type, --copies-of")
    if alert.query is not None and not fts_query(alert.query):
        raise VeilleError(f"alert {alert.name!r}: --query has no word in it")
    with store.transaction():
        if store.db.execute("SELECT 1 FROM alerts WHERE name = ?", (alert.name,)).fetchone():
            raise VeilleError(f"alert {alert.name!r} exists already (remove it first)")
        marks = _marks(store)
        store.db.execute(
            "INSERT INTO alerts (name, query, actor, type, copies_of, seen_article, seen_event, seen_quote, "
            "seen_link) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (alert.name, alert.query, alert.actor, alert.type.upper() if alert.type else None, alert.copies_of,
             marks["article"], marks["event"], marks["quote"], marks["link"]))


def remove(store: Store, name: str) -> None:
    with store.transaction():
        if store.db.execute("DELETE FROM alerts WHERE name = ?", (name,)).rowcount == 0:
            raise VeilleError(f"no alert named {name!r}")


def _have_alerts(store: Store) -> bool:
    """A store last written by an older veille (schema < 8, opened read-only) has no alerts table yet."""
    return store.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'alerts'").fetchone() is not None


def listed(store: Store) -> list[Alert]:
    if not _have_alerts(store):
        return []
    rows = store.db.execute("SELECT name, query, actor, type, copies_of FROM alerts ORDER BY name").fetchall()
    return [Alert(*r) for r in rows]


def check(store: Store, advance: bool = True) -> list[dict[str, Any]]:
    """Every alert's new matches, oldest first; with `advance` (a write transaction, so that nothing stored
    meanwhile is skipped), they will not be reported again. Without, a read-only store will do (the dashboard)."""
    if not advance:
        return _new_matches(store, False) if _have_alerts(store) else []
    with store.transaction():
        return _new_matches(store, True)


def _new_matches(store: Store, advance: bool) -> list[dict[str, Any]]:
    marks = _marks(store)
    out: list[dict[str, Any]] = []
    for row in store.db.execute("SELECT * FROM alerts ORDER BY name").fetchall():
        alert = Alert(row["name"], row["query"], row["actor"], row["type"], row["copies_of"])
        out += matches(store, alert, {k: row[f"seen_{k}"] for k in TABLES}, marks)
        if advance:
            store.db.execute("UPDATE alerts SET seen_article = ?, seen_event = ?, seen_quote = ?, seen_link = ? "
                             "WHERE name = ?", (marks["article"], marks["event"], marks["quote"], marks["link"],
                                                alert.name))
    return out


def _marks(store: Store) -> dict[str, int]:
    return {k: store.db.execute(f"SELECT coalesce(max(rowid), 0) FROM {t}").fetchone()[0] for k, t in TABLES.items()}


def matches(store: Store, alert: Alert, seen: dict[str, int], upto: dict[str, int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if alert.query and not (alert.actor or alert.type or alert.copies_of):
        out += _articles(store, alert, seen["article"], upto["article"])
    if alert.type or alert.actor:
        out += _events(store, alert, seen["event"], upto["event"])
    if alert.actor or (alert.query and not alert.type and not alert.copies_of):
        out += _quotes(store, alert, seen["quote"], upto["quote"])
    if alert.copies_of:
        out += _copies(store, alert, seen["link"], upto["link"])
    return out


def _in_query(alert: Alert, column: str = "a.rowid") -> tuple[str, list[Any]]:
    if not alert.query:
        return "", []
    return f" AND {column} IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", [fts_query(alert.query)]


def _articles(store: Store, alert: Alert, after: int, upto: int) -> list[dict[str, Any]]:
    cond, params = _in_query(alert)
    rows = store.db.execute(
        "SELECT a.id, a.title, a.url, a.source, a.published FROM articles a WHERE a.rowid > ? AND a.rowid <= ?"
        f"{cond} ORDER BY a.rowid", [after, upto, *params]).fetchall()
    return [{"alert": alert.name, "kind": "article", "article_id": r["id"], "title": r["title"], "url": r["url"],
             "source": r["source"], "published": r["published"]} for r in rows]


def _events(store: Store, alert: Alert, after: int, upto: int) -> list[dict[str, Any]]:
    where, params = ["e.rowid > ?", "e.rowid <= ?"], [after, upto]
    if alert.type:
        where.append("e.type = ?")
        params.append(alert.type.upper())
    if alert.actor:
        like = "%" + _like(fold(alert.actor)) + "%"
        where.append("(e.actor_id = ? OR e.actor_country = ? OR e.actor_key LIKE ? ESCAPE '\\' OR e.target_id = ? "
                     "OR e.target_country = ? OR e.target_key LIKE ? ESCAPE '\\')")
        params += [alert.actor, alert.actor.upper(), like] * 2
    cond, qparams = _in_query(alert)
    rows = store.db.execute(
        "SELECT e.article_id, e.event_id, e.data, a.title, a.url FROM events e JOIN articles a ON a.id = e.article_id "
        f"WHERE {' AND '.join(where)}{cond} ORDER BY e.rowid", [*params, *qparams]).fetchall()
    out: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r["event_id"] in seen:  # one real event reported by several articles (a copy): one match
            seen[r["event_id"]]["mentions"] += 1
            continue
        d = json.loads(r["data"])
        out.append({"alert": alert.name, "kind": "event", "article_id": r["article_id"], "event_id": r["event_id"],
                    "type": d["type"], "actor": (d.get("actor") or {}).get("name"),
                    "target": (d.get("target") or {}).get("name"), "date": d.get("date"),
                    "confidence": d.get("confidence"), "evidence": d["evidence"]["text"], "title": r["title"],
                    "url": r["url"], "mentions": 1})
        if r["event_id"]:
            seen[r["event_id"]] = out[-1]
    return out


def _quotes(store: Store, alert: Alert, after: int, upto: int) -> list[dict[str, Any]]:
    where, params = ["q.rowid > ?", "q.rowid <= ?"], [after, upto]
    if alert.actor:
        where.append("q.speaker_key LIKE ? ESCAPE '\\'")
        params.append("%" + _like(fold(alert.actor)) + "%")
    cond, qparams = _in_query(alert)
    rows = store.db.execute(
        "SELECT q.article_id, q.speaker, q.text, a.title, a.url FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"WHERE {' AND '.join(where)}{cond} ORDER BY q.rowid", [*params, *qparams]).fetchall()
    words = [fold(w) for w in fts_query(alert.query or "").replace('"', "").split()]
    out: dict[tuple, dict[str, Any]] = {}
    for r in rows:
        if all(w in fold(r["text"] or "") for w in words):
            key = (fold(r["speaker"] or ""), " ".join(fold(r["text"] or "").split()))
            if key in out:  # the same words of the same speaker, copied: one match
                out[key]["mentions"] += 1
            else:
                out[key] = {"alert": alert.name, "kind": "quote", "article_id": r["article_id"],
                            "speaker": r["speaker"], "text": r["text"], "title": r["title"], "url": r["url"],
                            "mentions": 1}
    return list(out.values())


def _copies(store: Store, alert: Alert, after: int, upto: int) -> list[dict[str, Any]]:
    name = fold(alert.copies_of or "")
    rows = store.db.execute(
        "SELECT r.source_id, r.copy_id, r.relation, r.containment, s.source AS src_name, s.url AS src_url, "
        "c.url AS copy_url, c.source AS copy_source, c.title AS copy_title FROM reuse r "
        "JOIN articles s ON s.id = r.source_id JOIN articles c ON c.id = r.copy_id "
        "WHERE r.rowid > ? AND r.rowid <= ? ORDER BY r.rowid", (after, upto)).fetchall()
    return [{"alert": alert.name, "kind": "republication", "source_id": r["source_id"], "copy_id": r["copy_id"],
             "relation": r["relation"], "containment": r["containment"], "copy_url": r["copy_url"],
             "copy_source": r["copy_source"], "copy_title": r["copy_title"]}
            for r in rows if _from(name, r["src_name"], r["src_url"])]


def _from(name: str, source: str | None, url: str | None) -> bool:
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower() if url else ""
    return bool(name) and (fold(source or "") == name or host == name or host.endswith("." + name))


def as_text(m: dict[str, Any]) -> str:
    """One line per match, for a terminal."""
    kind = m["kind"]
    if kind == "article":
        what = f"{m['title']}  {m['url'] or ''}"
    elif kind == "event":
        what = f"{m['type']} {m['actor']} -> {m['target'] or '-'}: {m['evidence'][:100]}"
    elif kind == "quote":
        what = f"{m['speaker'] or '?'}: «{(m['text'] or '')[:100]}»"
    else:
        what = (f"{m['copy_source'] or '?'} copied {m['source_id']} as {m['copy_id']} ({m['relation']}) "
                f"{m['copy_url'] or ''}")
    return f"[{m['alert']}] {kind:<13} {what}".rstrip()
