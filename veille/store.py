"""The embedded store: SQLite in WAL mode, one write path, versioned migrations, FTS5 search.

Writes happen only in `Store.write` (articles with all their layers, one transaction per batch) and
`Store.write_links` (republication links): a killed ingest loses at most its open batch, and since ids are
content-derived, running it again skips what was stored and adds the rest, never a duplicate.
All SQL takes user values as parameters; table names come only from the fixed `LAYERS` table below.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from veille.errors import VeilleError
from veille.model import Article, ReuseLink, _dump
from veille.settings import STOCK_DF
from veille.text import fold

SCHEMA_VERSION = 9
READ_MMAP_BYTES = 1 << 30
BUSY_SECONDS = 60.0
"""How long a writer waits for another's lock before giving up (two ingests on one store take turns)."""
FAULTS = (
    ("file is not a database", "not a SQLite database (garbage, or another kind of file)"),
    ("malformed", "the store is corrupt (database disk image is malformed): restore a copy or ingest into a new --db"),
    ("readonly", "the store is read-only (file or folder permissions)"),
    ("unable to open", "cannot open the store (missing folder, or no permission to create the file or its journal)"),
    ("disk is full", "the disk is full: free space and run the same command again"),
    ("locked", f"the store stayed locked by another process for more than {BUSY_SECONDS:.0f} s"),
    ("disk i/o error", "disk I/O error while writing the store"),
)


class FaultConnection(sqlite3.Connection):
    """A connection whose errors name the store file and the cause (disk full, read-only, corrupt…), so
    every command reports a store fault as one line, wherever in a query it happens."""

    path = "store"

    def execute(self, *args: Any) -> sqlite3.Cursor:
        try:
            return self.raw_execute(*args)
        except sqlite3.Error as e:
            raise store_fault(self.path, e) from None

    def raw_execute(self, *args: Any) -> sqlite3.Cursor:
        return super().execute(*args)

    def executemany(self, *args: Any) -> sqlite3.Cursor:
        try:
            return super().executemany(*args)
        except sqlite3.Error as e:
            raise store_fault(self.path, e) from None


def store_fault(path: str, exc: sqlite3.Error) -> VeilleError:
    """A SQLite error as the one line a user reads: the file and what is wrong with it."""
    text = str(exc).lower()
    reason = next((why for key, why in FAULTS if key in text), None)
    if reason is None and "already exists" in text:
        reason = f"not a veille store ({exc})"
    return VeilleError(f"{path}: {reason or exc}")


def _actor(a: Any, attr: str) -> Any:
    return getattr(a, attr) if a is not None else None


LAYERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "entities": lambda e: {"label": e.label, "canonical": e.canonical, "actor_id": e.actor_id},
    "quotes": lambda q: {"kind": q.kind, "speaker": _actor(q.speaker, "name"),
                         "speaker_actor_id": _actor(q.speaker, "actor_id"), "text": q.text,
                         "speaker_key": fold(q.speaker.name) if q.speaker else None},
    "dates": lambda d: {"value": d.value, "granularity": d.granularity},
    "places": lambda p: {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
                         "geonameid": p.geonameid},
    "events": lambda e: {"type": e.type, "actor_id": _actor(e.actor, "actor_id"),
                         "actor_name": _actor(e.actor, "name"), "actor_country": _actor(e.actor, "country"),
                         "target_id": _actor(e.target, "actor_id"), "target_name": _actor(e.target, "name"),
                         "target_country": _actor(e.target, "country"), "date": e.date, "event_id": e.event_id,
                         "actor_key": fold(e.actor.name) if e.actor else None,
                         "target_key": fold(e.target.name) if e.target else None},
}
def layer_columns(layer: str) -> list[str]:
    """The columns a layer's table has besides article_id, idx and data (read off a blank item)."""
    from veille.model import LAYER_TYPES, Event, Span

    blank = Event("", Span(0, 0, "")) if layer == "events" else LAYER_TYPES[layer](0, 0, "")
    return list(LAYERS[layer](blank))


ARTICLE_COLUMNS = ("id", "external_id", "input", "url", "source", "title", "published", "language", "text")


@dataclass(slots=True)
class SearchHit:
    id: str
    external_id: str | None
    title: str
    published: str | None
    source: str | None
    snippet: str | None = None


@lru_cache(maxsize=1)
def migrations() -> tuple[str, ...]:
    """The schema's steps, read once per process from the package (they never change while it runs)."""
    folder = resources.files("veille").joinpath("data/schema")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))
    return tuple(folder.joinpath(n).read_text("utf-8") for n in names)


class Store:
    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        self._depth = 0
        self._merged_complete = False
        if readonly and not Path(self.path).exists():
            raise VeilleError(f"{self.path}: no such database (run `veille ingest` or `veille demo` first)")
        try:
            self.db = self._connect(readonly)
        except sqlite3.Error as e:
            raise store_fault(self.path, e) from None
        self._migrate() if not readonly else self._check_readable()

    def _connect(self, readonly: bool) -> sqlite3.Connection:
        uri = f"file:{Path(self.path).resolve()}?mode=ro" if readonly else self.path
        db = sqlite3.connect(uri, uri=readonly, isolation_level=None, check_same_thread=False,
                             timeout=BUSY_SECONDS, factory=FaultConnection)
        db.path = self.path
        db.row_factory = sqlite3.Row
        if not readonly:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        else:
            db.execute(f"PRAGMA mmap_size={READ_MMAP_BYTES}")  # pages read in place, not copied per connection
        db.execute("PRAGMA foreign_keys=ON")
        return db

    def _migrate(self) -> None:
        """Under the write lock, re-read the version: two first runs on one new store create it once."""
        steps = migrations()
        if self._version(len(steps)) == len(steps):
            return
        with self.transaction():
            version = self._version(len(steps))
            for n, sql in enumerate(steps[version:], version + 1):
                for statement in _statements(sql):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={int(n)}")

    def _version(self, known: int) -> int:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > known:
            raise VeilleError(f"{self.path}: made by a newer veille (schema {version}, this one knows {known})")
        return version

    def _check_readable(self) -> None:
        """A store opened for reading must be one: a foreign or empty SQLite file fails here, not on a query."""
        if self._version(len(migrations())) == 0:
            raise VeilleError(f"{self.path}: not a veille store (no veille schema in it)")
        self.db.execute("SELECT id FROM articles LIMIT 1").fetchall()

    def verify(self) -> None:
        """Read every article row once (`serve` does at start): a truncated or damaged file fails here."""
        self.db.execute("SELECT count(*), max(length(text)) FROM articles").fetchone()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the write path -------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested ones join the outermost, so a batch's articles, fingerprints, links,
        clusters and merged events commit together or not at all (a killed run leaves no half-linked batch)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                with suppress(sqlite3.Error, VeilleError):
                    self.db.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

    def write(self, articles: Iterable[Article]) -> int:
        """Store articles with every layer; already stored ids are left as they are."""
        with self.transaction():
            return sum(self._write_one(art) for art in articles)

    def _write_one(self, art: Article) -> int:
        values = [getattr(art, c) for c in ARTICLE_COLUMNS]
        extra = [json.dumps(_dump(art.removed), ensure_ascii=False), json.dumps(_dump(art.spans)),
                 json.dumps(art.meta, ensure_ascii=False, default=str)]
        cur = self.db.execute(
            f"INSERT OR IGNORE INTO articles ({', '.join(ARTICLE_COLUMNS)}, removed, spans, meta) "
            f"VALUES ({', '.join('?' * (len(ARTICLE_COLUMNS) + 3))})", values + extra)
        if cur.rowcount == 0:
            return 0
        self.db.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
                        (cur.lastrowid, art.title, art.text))
        for layer, columns in LAYERS.items():
            self._write_layer(art.id, layer, getattr(art, layer), columns)
        self.db.execute("UPDATE events SET day = coalesce(date, substr(?, 1, 10)) WHERE article_id = ?",
                        (art.published, art.id))
        self._write_actors(art)
        return 1

    def _write_layer(self, article_id: str, layer: str, items: list[Any], columns: Callable) -> None:
        if not items:
            return
        names = list(columns(items[0]))
        sql = (f"INSERT INTO {layer} (article_id, idx, {', '.join(names)}, data) "
               f"VALUES ({', '.join('?' * (len(names) + 3))})")
        rows = [(article_id, i, *columns(it).values(), json.dumps(_dump(it), ensure_ascii=False))
                for i, it in enumerate(items)]
        self.db.executemany(sql, rows)

    def _write_actors(self, art: Article) -> None:
        """Entities first: they carry the fullest description; what one article adds (a country, a sector) to
        an actor known without it is kept."""
        refs = [q.speaker for q in art.quotes] + [a for e in art.events for a in (e.actor, e.target)]
        rows = [(e.actor_id, e.actor_name or e.canonical, e.kind, e.country, e.sector)
                for e in art.entities if e.actor_id]
        rows += [(r.actor_id, r.name, r.kind, r.country, r.sector) for r in refs if r is not None and r.actor_id]
        self.db.executemany(
            "INSERT INTO actors VALUES (?, ?, ?, ?, ?) ON CONFLICT(actor_id) DO UPDATE SET "
            "country = coalesce(actors.country, excluded.country), sector = coalesce(actors.sector, excluded.sector)",
            rows)

    def write_links(self, links: Iterable[dict[str, Any]]) -> int:
        """Republication links, `{"source", "copy", "containment", "relation", ...}`; a known pair is updated."""
        rows = [(lk["source"], lk["copy"], lk["containment"], lk.get("relation"),
                 json.dumps({k: v for k, v in lk.items() if k not in ("source", "copy")}, ensure_ascii=False))
                for lk in links]
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO reuse VALUES (?, ?, ?, ?, ?)", rows)
        return len(rows)

    def set_event_ids(self, ids: dict[tuple[str, int], str]) -> int:
        """Merged-event ids of stored mentions (column and JSON), only where they changed."""
        current = {(r[0], r[1]): r[2] for chunk in _chunks(sorted({a for a, _ in ids})) for r in self.db.execute(
            f"SELECT article_id, idx, event_id FROM events WHERE article_id IN ({','.join('?' * len(chunk))})",
            chunk)}
        rows = [(eid, eid, aid, idx) for (aid, idx), eid in ids.items() if current.get((aid, idx)) != eid]
        with self.transaction():
            self.db.executemany("UPDATE events SET event_id = ?, data = json_set(data, '$.event_id', ?) "
                                "WHERE article_id = ? AND idx = ?", rows)
        return len(rows)

    def set_clusters(self, clusters: dict[str, str]) -> None:
        with self.transaction():
            self.db.executemany("UPDATE articles SET cluster_id = ? WHERE id = ?",
                                [(origin, aid) for aid, origin in clusters.items()])

    def write_merged(self, rows: list[dict[str, Any]], gone: Iterable[str] = ()) -> None:
        """The merged events (as `merged_rows` makes them) of event ids whose mentions changed; `gone` are ids
        no mention carries any more."""
        with self.transaction():
            self.db.executemany("DELETE FROM merged_events WHERE event_id = ?", [(g,) for g in gone])
            self.db.executemany(
                "INSERT OR REPLACE INTO merged_events VALUES (?, (SELECT min(day) FROM events WHERE event_id = ?), "
                "?, ?)", [(r["event_id"], r["event_id"], r["type"], json.dumps(r, ensure_ascii=False)) for r in rows])

    def merged_missing(self) -> bool:
        """A store made before merged events were kept (or an interrupted upgrade) has mentions and no rows.
        Once complete, a store stays so (every ingest keeps them), so the answer is kept then."""
        if self._merged_complete:
            return False
        missing = self.db.execute("SELECT 1 FROM events WHERE event_id IS NOT NULL AND event_id NOT IN "
                                  "(SELECT event_id FROM merged_events) LIMIT 1").fetchone() is not None
        self._merged_complete = not missing
        return missing

    def merged(self, ids: list[str]) -> list[dict[str, Any]]:
        """Stored merged events, in the order of `ids`."""
        return [json.loads(d) for d in self.merged_json(ids)]

    def merged_json(self, ids: list[str]) -> list[str]:
        """The same as JSON text, as stored: a page of the API is these joined, never decoded."""
        found: dict[str, str] = {}
        for chunk in _chunks(ids):
            found.update(self.db.execute(
                f"SELECT event_id, data FROM merged_events WHERE event_id IN ({','.join('?' * len(chunk))})",
                chunk).fetchall())
        return [found[i] for i in ids if i in found]

    # --- the republication index (duck-typed like veille.link.reuse.MemoryIndex) -----------------------

    def add(self, fp: Any) -> None:
        """Index one article's fingerprint (a re-run re-indexes nothing twice)."""
        if self.db.execute("SELECT 1 FROM reuse_sentences WHERE article_id = ? UNION ALL "
                           "SELECT 1 FROM reuse_bands WHERE article_id = ? LIMIT 1", (fp.doc, fp.doc)).fetchone():
            return
        with self.transaction():
            self.db.executemany("INSERT INTO reuse_bands VALUES (?, ?)", [(b, fp.doc) for b in fp.bands])
            self.db.executemany("INSERT INTO reuse_sentences VALUES (?, ?)",
                                [(h, fp.doc) for h in set(fp.sentences)])

    def candidates(self, fp: Any) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(fp.bands)):
            found |= {r[0] for r in self.db.execute(
                f"SELECT DISTINCT article_id FROM reuse_bands WHERE band IN ({','.join('?' * len(chunk))})", chunk)}
        usable = sorted(set(fp.sentences) - self.stock(fp.sentences))
        shared: dict[str, int] = {}
        for chunk in _chunks(usable):
            for (aid,) in self.db.execute(
                    f"SELECT article_id FROM reuse_sentences WHERE hash IN ({','.join('?' * len(chunk))})", chunk):
                shared[aid] = shared.get(aid, 0) + 1
        found |= {a for a, n in shared.items() if n >= 2}
        found.discard(fp.doc)
        return found

    def stock(self, hashes: Iterable[int]) -> set[int]:
        out: set[int] = set()
        for chunk in _chunks(sorted(set(hashes))):
            out |= {r[0] for r in self.db.execute(
                f"SELECT hash FROM reuse_sentences WHERE hash IN ({','.join('?' * len(chunk))}) "
                "GROUP BY hash HAVING count(DISTINCT article_id) >= ?", [*chunk, STOCK_DF])}
        return out

    def add_vectors(self, rows: list[tuple[str, str | None, str | None, Any]]) -> None:
        """(article id, language, day, float32 vector) of freshly stored articles."""
        self.db.executemany(
            "INSERT OR REPLACE INTO article_vectors (article_id, language, day, vec) VALUES (?, ?, ?, ?)",
            [(i, lang, day, vec.astype("float32").tobytes()) for i, lang, day, vec in rows])

    def vectors_near(self, language: str | None, day: str | None, days: int) -> list[tuple[str, str, Any]]:
        """Vectors of articles in another language, published within `days` of `day` (or undated)."""
        import numpy as np

        where, params = _other_language_near("language", "day", language, day, days)
        rows = self.db.execute(f"SELECT article_id, language, vec FROM article_vectors WHERE {where}", params)
        return [(r[0], r[1], np.frombuffer(r[2], dtype=np.float32)) for r in rows]

    def unvectored_near(self, language: str | None, day: str | None, days: int) -> list[str]:
        """Stored articles in another language, within `days` of `day` (or undated), that have no vector yet."""
        where, params = _other_language_near("a.language", "substr(a.published, 1, 10)", language, day, days)
        return [r[0] for r in self.db.execute(
            "SELECT a.id FROM articles a LEFT JOIN article_vectors v ON v.article_id = a.id "
            f"WHERE v.article_id IS NULL AND {where}", params)]

    def languages_span(self) -> tuple[str | None, str | None]:
        """The smallest and largest language code stored (one index look-up each): equal, the store holds one."""
        row = self.db.execute("SELECT min(language), max(language) FROM articles").fetchone()
        return row[0], row[1]

    def links(self, limit: int = 1000, offset: int = 0) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT r.source_id AS source, r.copy_id AS copy, a.external_id AS source_external_id, "
            "b.external_id AS copy_external_id, r.containment, r.relation, r.data FROM reuse r "
            "JOIN articles a ON a.id = r.source_id JOIN articles b ON b.id = r.copy_id "
            "ORDER BY r.containment DESC, r.source_id, r.copy_id LIMIT ? OFFSET ?", (limit, offset))
        out = []
        for r in rows:
            d = dict(r)
            extra = json.loads(d.pop("data"))
            d.update({k: v for k, v in extra.items() if k not in ("passages", "containment", "relation")})
            out.append(d)
        return out

    def unindexed(self) -> list[str]:
        """Stored articles the republication index has not seen (a killed run, or an older store)."""
        return [r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM reuse_bands) "
            "AND id NOT IN (SELECT article_id FROM reuse_sentences) ORDER BY id")]

    def link_pairs(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.db.execute("SELECT source_id, copy_id FROM reuse")]

    # --- reading --------------------------------------------------------------------------------------

    def mentions_near(self, article_ids: list[str]) -> list[sqlite3.Row]:
        """Event mentions that may merge with those of these articles: same or adjacent days, or in an
        article linked to one of them by republication. An undated copy takes the day of its source."""
        from veille.link.merge import window

        days, linked = set(), set(article_ids)
        for chunk in _chunks(article_ids):
            marks = ",".join("?" * len(chunk))
            days |= {r[0] for r in self.db.execute(
                f"SELECT DISTINCT day FROM events WHERE article_id IN ({marks}) AND day IS NOT NULL", chunk)}
            linked |= {r[0] for r in self.db.execute(
                f"SELECT source_id FROM reuse WHERE copy_id IN ({marks}) UNION "
                f"SELECT copy_id FROM reuse WHERE source_id IN ({marks})", chunk + chunk)}
        out: dict[tuple[str, int], sqlite3.Row] = {}
        query = (f"SELECT e.article_id, e.idx, e.data, {_PUBLISHED} AS published FROM events e "
                 "JOIN articles a ON a.id = e.article_id WHERE ")
        for chunk in _chunks(sorted(window(days))):
            for r in self.db.execute(query + f"e.day IN ({','.join('?' * len(chunk))})", chunk):
                out[(r[0], r[1])] = r
        for chunk in _chunks(sorted(linked)):
            for r in self.db.execute(query + f"e.article_id IN ({','.join('?' * len(chunk))})", chunk):
                out[(r[0], r[1])] = r
        return list(out.values())

    def reuse_among(self, article_ids: Iterable[str]) -> set[frozenset[str]]:
        ids = sorted(set(article_ids))
        pairs = set()
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            pairs |= {frozenset(r) for r in self.db.execute(
                f"SELECT source_id, copy_id FROM reuse WHERE source_id IN ({marks}) OR copy_id IN ({marks})",
                chunk + chunk)}
        return pairs

    def event_mentions(self, type: str | None = None, actor: str | None = None, target: str | None = None,
                       since: str | None = None, until: str | None = None, limit: int | None = None,
                       by_id: bool = False) -> list[sqlite3.Row]:
        """Every mention of the merged events that match: an event matches if one of its mentions does.
        `actor` and `target` match an actor id, a country code or part of a name; with `by_id`, only the id
        (an indexed look-up, where a name needs a scan)."""
        return self.event_mentions_of(self.event_ids(type, actor, target, since, until, limit, by_id))

    def event_ids(self, type: str | None = None, actor: str | None = None, target: str | None = None,
                  since: str | None = None, until: str | None = None, limit: int | None = None,
                  by_id: bool = False, offset: int = 0, min_confidence: float | None = None) -> list[str]:
        """Ids of the merged events that match, first day first (see `event_mentions`); `min_confidence`: only
        events one of whose mentions is at least that likely to be right."""
        where, params = ["e.event_id IS NOT NULL"], []
        if type:
            where.append("e.type = ?")
            params.append(type.upper())
        for side, value in (("actor", actor), ("target", target)):
            if value and by_id:
                where.append(f"e.{side}_id = ?")
                params.append(value)
            elif value:
                where.append(f"(e.{side}_id = ? OR e.{side}_country = ? OR e.{side}_key LIKE ? ESCAPE '\\')")
                params += [value, value.upper(), "%" + _like(fold(value)) + "%"]
        if since:
            where.append("e.day >= ?")
            params.append(since)
        if until:
            where.append("e.day <= ?")
            params.append(until + "~")
        if not (actor or target or since or until) and not self.merged_missing():
            # the stored merged events answer from their own index: a page costs its size, whatever the offset
            conds, args = [], []
            if type:
                conds, args = ["type = ?"], [type.upper()]
            if min_confidence:
                conds.append("json_extract(data, '$.confidence') >= ?")
                args.append(min_confidence)
            cond = f"WHERE {' AND '.join(conds)} " if conds else ""
            return [r[0] for r in self.db.execute(
                f"SELECT event_id FROM merged_events {cond}ORDER BY day, event_id LIMIT ? OFFSET ?",
                [*args, limit or -1, offset])]
        return self._event_ids_grouped(where, params, limit, offset, min_confidence)

    def _event_ids_grouped(self, where: list[str], params: list[Any], limit: int | None, offset: int,
                           min_confidence: float | None = None) -> list[str]:
        having = " HAVING max(json_extract(e.data, '$.confidence')) >= ?" if min_confidence else ""
        return [r[0] for r in self.db.execute(
            f"SELECT e.event_id FROM events e WHERE {' AND '.join(where)} GROUP BY e.event_id{having} "
            f"ORDER BY min(e.day), e.event_id LIMIT ? OFFSET ?",
            [*params, *([min_confidence] if min_confidence else []), limit if limit else -1, offset])]

    def event_mentions_of(self, ids: list[str]) -> list[sqlite3.Row]:
        """Every mention of these merged events, event by event in the order given."""
        rows = []
        for chunk in _chunks(ids):
            rows += self.db.execute(
                f"SELECT e.event_id, e.article_id, e.idx, e.data, {_PUBLISHED} AS published, a.source, "
                f"a.external_id, a.url, a.title FROM events e JOIN articles a ON a.id = e.article_id "
                f"WHERE e.event_id IN ({','.join('?' * len(chunk))}) ORDER BY e.day, a.published, e.article_id, e.idx",
                chunk).fetchall()
        order = {eid: i for i, eid in enumerate(ids)}
        return sorted(rows, key=lambda r: order[r["event_id"]])

    def has(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def resolve(self, key: str) -> str | None:
        """An article id, or an input record's own id (external id)."""
        row = self.db.execute("SELECT id FROM articles WHERE id = ? UNION ALL "
                              "SELECT id FROM articles WHERE external_id = ? LIMIT 1", (key, key)).fetchone()
        return row["id"] if row else None

    def get(self, key: str) -> Article | None:
        article_id = self.resolve(key)
        if article_id is None:
            return None
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row)

    def __iter__(self) -> Iterator[Article]:
        for row in self.db.execute("SELECT * FROM articles ORDER BY published, id"):
            yield self._article(row)

    def _article(self, row: sqlite3.Row) -> Article:
        d = {c: row[c] for c in ARTICLE_COLUMNS}
        d["removed"] = json.loads(row["removed"])
        d["spans"] = json.loads(row["spans"])
        d["meta"] = json.loads(row["meta"])
        for layer in LAYERS:
            d[layer] = [json.loads(r[0]) for r in self.db.execute(
                f"SELECT data FROM {layer} WHERE article_id = ? ORDER BY idx", (row["id"],))]
        art = Article.from_dict(d)
        art.reuse = self.links_of(row["id"])
        return art

    def links_of(self, article_id: str) -> list[ReuseLink]:
        rows = self.db.execute(
            "SELECT r.*, a.external_id AS src_ext, b.external_id AS copy_ext FROM reuse r "
            "JOIN articles a ON a.id = r.source_id JOIN articles b ON b.id = r.copy_id "
            "WHERE r.source_id = ? OR r.copy_id = ? ORDER BY r.containment DESC", (article_id, article_id))
        out = []
        for r in rows:
            data = json.loads(r["data"])
            is_copy = r["copy_id"] == article_id
            out.append(ReuseLink(
                other_id=r["source_id"] if is_copy else r["copy_id"],
                other_external_id=r["src_ext"] if is_copy else r["copy_ext"],
                direction="copied_from" if is_copy else "copied_by", containment=r["containment"],
                relation=r["relation"], passages=data.get("passages", [])))
        return out

    def search(self, query: str = "", limit: int = 20, offset: int = 0, **filters: str | None
               ) -> tuple[int, list[SearchHit]]:
        """Full-text (accent- and case-insensitive) search with filters; best matches first."""
        match = fts_query(query)
        where, params = self._filters(filters)
        if match:
            where = f"{where} AND articles_fts MATCH ?" if where else "WHERE articles_fts MATCH ?"
            params.append(match)
            sql = ("SELECT a.id, a.external_id, a.title, a.published, a.source, "
                   "snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet "
                   f"FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid {where} ORDER BY rank")
            count = f"SELECT count(*) FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid {where}"
        else:
            sql = ("SELECT a.id, a.external_id, a.title, a.published, a.source, NULL AS snippet "
                   f"FROM articles a {where} ORDER BY a.published DESC, a.id")
            count = f"SELECT count(*) FROM articles a {where}"
        total = self.db.execute(count, params).fetchone()[0]
        rows = self.db.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
        return total, [SearchHit(**dict(r)) for r in rows]

    @staticmethod
    def _filters(filters: dict[str, str | None]) -> tuple[str, list[Any]]:
        clauses, params = [], []
        ops = {"source": "a.source = ?", "language": "a.language = ?", "since": "a.published >= ?",
               "until": "substr(a.published, 1, 10) <= ?"}
        for key, value in filters.items():
            if value:
                clauses.append(ops[key])
                params.append(value)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def stats(self) -> dict[str, Any]:
        q = self.db.execute
        out: dict[str, Any] = {"articles": self.count()}
        out["sources"] = {r[0] or "unknown": r[1] for r in q(
            "SELECT source, count(*) n FROM articles GROUP BY source ORDER BY n DESC, source")}
        out["languages"] = {r[0] or "und": r[1] for r in q(
            "SELECT language, count(*) n FROM articles GROUP BY language ORDER BY n DESC")}
        first, last = q("SELECT min(published), max(published) FROM articles").fetchone()
        out["published"] = {"first": first, "last": last}
        for layer in (*LAYERS, "reuse", "actors"):
            out[layer] = q(f"SELECT count(*) FROM {layer}").fetchone()[0]
        out["removed_lines"] = q("SELECT coalesce(sum(json_array_length(removed)), 0) FROM articles").fetchone()[0]
        return out

    def top_entities(self, label: str, limit: int = 10) -> list[tuple[str, int]]:
        """Most frequent entities by the number of articles naming them."""
        rows = self.db.execute(
            "SELECT canonical, count(DISTINCT article_id) n FROM entities WHERE label = ? "
            "GROUP BY canonical ORDER BY n DESC, canonical LIMIT ?", (label, limit))
        return [(r[0], r[1]) for r in rows]

    def actors(self, country: str | None = None, kind: str | None = None, limit: int = 50,
               offset: int = 0) -> list[dict[str, Any]]:
        """Actors with how often the store mentions them (entity mentions, articles, quotes, events)."""
        where, params = ["1"], []
        if country:
            where.append("a.country = ?")
            params.append(country.upper())
        if kind:
            where.append("a.kind = ?")
            params.append(kind)
        rows = self.db.execute(
            "SELECT a.*, count(e.article_id) AS mentions, count(DISTINCT e.article_id) AS articles, "
            "(SELECT count(*) FROM quotes q WHERE q.speaker_actor_id = a.actor_id) AS quotes, "
            "(SELECT count(*) FROM events v WHERE v.actor_id = a.actor_id OR v.target_id = a.actor_id) AS events "
            f"FROM actors a LEFT JOIN entities e ON e.actor_id = a.actor_id WHERE {' AND '.join(where)} "
            "GROUP BY a.actor_id ORDER BY mentions DESC, a.name LIMIT ? OFFSET ?", [*params, limit, offset])
        return [dict(r) for r in rows]

    def quotes(self, speaker: str | None = None, limit: int = 100, offset: int = 0,
               since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """Stored quotes with their speaker, article, date and source; `speaker` matches any part of the name,
        accents and case aside."""
        where, params = ["1"], []
        if speaker:
            where.append("q.speaker_key LIKE ? ESCAPE '\\'")
            params.append(f"%{_like(fold(speaker))}%")
        if since:
            where.append("a.published >= ?")
            params.append(since)
        if until:
            where.append("substr(a.published, 1, 10) <= ?")
            params.append(until)
        rows = self.db.execute(
            "SELECT q.kind, q.speaker, q.speaker_actor_id, q.text, q.data, a.id AS article_id, a.external_id, "
            "a.title, a.published, a.source FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"WHERE {' AND '.join(where)} ORDER BY a.published DESC, a.id, q.idx LIMIT ? OFFSET ?",
            [*params, limit, offset])
        out = []
        for r in rows:
            d = dict(r)
            data = json.loads(d.pop("data"))
            d["cue"] = data.get("cue")
            d["start"], d["end"] = data["start"], data["end"]
            out.append(d)
        return out

    def removal_reasons(self) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT json_extract(j.value, '$.reason') reason, count(*) n FROM articles, "
            "json_each(articles.removed) j GROUP BY reason ORDER BY n DESC")
        return {r[0]: r[1] for r in rows}


_PUBLISHED = ("coalesce(a.published, (SELECT min(s.published) FROM reuse r JOIN articles s ON s.id = r.source_id "
              "WHERE r.copy_id = a.id))")
"""An article's publication date, else its source's: a copy is no older than what it copies."""


def _other_language_near(lang_col: str, day_col: str, language: str | None, day: str | None,
                         days: int) -> tuple[str, list[Any]]:
    where, params = [f"coalesce({lang_col}, '') != ?"], [language or ""]
    if day:
        where.append(f"({day_col} IS NULL OR abs(julianday({day_col}) - julianday(?)) <= ?)")
        params += [day, days]
    return " AND ".join(where), params


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _chunks(values: list[Any], size: int = 500) -> Iterator[list[Any]]:
    """SQLite takes a limited number of parameters per statement."""
    for i in range(0, len(values), size):
        yield values[i:i + size]


def fts_query(text: str) -> str:
    """User words as quoted FTS5 terms (all required): no user text is ever parsed as FTS syntax."""
    words = re.findall(r"\w+", text or "")
    return " ".join(f'"{w}"' for w in words)


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (sqlite3.execute runs one at a time; executescript would commit)."""
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def open_store(path: str | Path, readonly: bool = False) -> Store:
    return Store(path, readonly=readonly)
