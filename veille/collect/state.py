"""Collection state in the store (schema 8): sources with their validators, and every article URL listed.

A URL moves 'new' -> 'fetched' (its answer is in the archive) -> 'stored' (its article is in the store), or to
'failed'. Each move commits with what it depends on: a URL becomes 'fetched' only once its WARC record is on disk,
and 'stored' in the transaction that stores its article, so a rerun after kill -9 picks up exactly what is left.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from veille.store import Store

NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"


def source_row(store: Store, url: str) -> sqlite3.Row | None:
    return store.db.execute("SELECT * FROM watch_sources WHERE url = ?", (url,)).fetchone()


def polled(store: Store, url: str, name: str | None, kind: str | None, status: str,
           etag: str | None = None, last_modified: str | None = None, keep_validators: bool = False) -> None:
    """A poll's outcome; validators replaced by the answer's (or kept, for a 304)."""
    store.db.execute(
        "INSERT INTO watch_sources (url, name, kind, etag, last_modified, last_poll, last_status) "
        f"VALUES (?, ?, ?, ?, ?, {NOW}, ?) ON CONFLICT(url) DO UPDATE SET "
        "name = coalesce(excluded.name, name), kind = coalesce(excluded.kind, kind), "
        f"last_poll = excluded.last_poll, last_status = excluded.last_status"
        + ("" if keep_validators else ", etag = excluded.etag, last_modified = excluded.last_modified"),
        (url, name, kind, etag, last_modified, status))


def last_poll(store: Store, url: str) -> str | None:
    row = source_row(store, url)
    return row["last_poll"] if row else None


def listed(store: Store, urls: list[str], source: str) -> int:
    """Record URLs a source lists; returns how many were never seen before."""
    before = store.db.total_changes
    store.db.executemany("INSERT OR IGNORE INTO watch_urls (url, source, state) VALUES (?, ?, 'new')",
                         [(u, source) for u in urls])
    return store.db.total_changes - before


def with_state(store: Store, state: str) -> list[sqlite3.Row]:
    return store.db.execute("SELECT * FROM watch_urls WHERE state = ? ORDER BY rowid", (state,)).fetchall()


def fetched(store: Store, url: str, status: int, warc: str, offset: int) -> None:
    store.db.execute(f"UPDATE watch_urls SET state = 'fetched', status = ?, fetched_at = {NOW}, warc = ?, "
                     "warc_offset = ?, error = NULL WHERE url = ?", (status, warc, offset, url))


def stored(store: Store, url: str, article_id: str) -> None:
    store.db.execute("UPDATE watch_urls SET state = 'stored', article_id = ? WHERE url = ?", (article_id, url))


def failed(store: Store, url: str, reason: str, status: int | None = None) -> None:
    store.db.execute(f"UPDATE watch_urls SET state = 'failed', error = ?, status = ?, fetched_at = {NOW} "
                     "WHERE url = ?", (reason, status, url))


def counts(store: Store) -> dict[str, Any]:
    rows = store.db.execute("SELECT state, count(*) FROM watch_urls GROUP BY state").fetchall()
    return {r[0]: r[1] for r in rows}
