"""The Python API that every face (CLI, web, Spark) calls; it holds the how, the faces only the where.

    import veille
    art = veille.extract("rt.txt", published="2019-10-06")     # a path, or the text itself
    print(art.to_json())
    with veille.open_store("veille.db") as store:
        total, hits = store.search("Maduro")
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from veille.errors import Failure, InputError
from veille.link.merge import backfill_merged, merge_stored
from veille.model import Article
from veille.pipeline import Pipeline
from veille.read import Raw, read, txt_record
from veille.settings import Settings, default_db
from veille.store import Store, open_store

DEMO_FILES = ("rt-venezuela-russie-original.jsonl", "rt-venezuela-russie-republished.txt",
              "orangesum-demo.jsonl.gz")
RAW_METADATA = ("title", "url", "source", "published", "language", "external_id")


@lru_cache(maxsize=2)
def _pipeline(settings: Settings) -> Pipeline:
    """One pipeline (one loaded model) per settings per process, so calling `extract` in a loop is cheap."""
    return Pipeline(settings)


def extract(text_or_path: str | Path, settings: Settings | None = None, **metadata: Any) -> Article:
    """One article from a file path (read by its extension) or from text (first line = title).

    `metadata` fills what the input lacks: title, url, source, published, language, external_id.
    Raises InputError when the input cannot be read.
    """
    settings = (settings or Settings()).with_(published=metadata.get("published"), source=metadata.get("source"))
    raw = _one_raw(text_or_path, settings)
    for key in RAW_METADATA:
        if metadata.get(key) is not None:
            setattr(raw, key, str(metadata[key]))
    result = _pipeline(settings).process([raw])[0]
    if isinstance(result, Failure):
        raise InputError(result.where, result.reason)
    return result


def _one_raw(text_or_path: str | Path, settings: Settings) -> Raw:
    if isinstance(text_or_path, Path) or (len(str(text_or_path)) < 4096 and "\n" not in str(text_or_path)
                                          and Path(str(text_or_path)).is_file()):
        for item in read([str(text_or_path)], settings):
            if isinstance(item, Failure):
                raise InputError(item.where, item.reason)
            return item
        raise InputError(str(text_or_path), "no article found")
    return txt_record(str(text_or_path), "<text>", settings)


def extract_all(inputs: Iterable[str], settings: Settings | None = None) -> Iterator[Article | Failure]:
    """Every article of every input, in order, with a Failure in the stream for each input that failed."""
    settings = settings or Settings()
    yield from Pipeline(settings).run(read(inputs, settings))


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    links: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0


def ingest(inputs: Iterable[str], db: str | Path | None = None, settings: Settings | None = None,
           on_progress: Callable[[IngestReport], None] | None = None,
           on_failure: Callable[[Failure], None] | None = None) -> IngestReport:
    """Read, clean, annotate and store, committing every batch with its links and merged events in one
    transaction: safe to kill at any moment, and to run again."""
    settings = settings or Settings()
    report = IngestReport()
    start = time.perf_counter()
    with Store(db or default_db()) as store:
        backfill_merged(store)

        def stored(raw: Raw) -> bool:
            if store.has(raw.content_id()):
                report.skipped += 1
                return True
            return False

        pending: list[Article] = []
        for item in Pipeline(settings).run(read(inputs, settings), skip=stored):
            if isinstance(item, Failure):
                report.failures.append(item)
                if on_failure:
                    on_failure(item)
                continue
            pending.append(item)
            if len(pending) >= settings.batch_size:
                store_batch(store, pending, report, on_progress)
        store_batch(store, pending, report, on_progress)
        report.links += link_unindexed(store, settings.batch_size)
    report.seconds = time.perf_counter() - start
    return report


def store_batch(store: Store, pending: list[Article], report: IngestReport,
                on_progress: Callable[[IngestReport], None] | None = None) -> None:
    """Store a batch with its republication links and merged events, in one transaction (joined, when the caller
    holds one, so its own bookkeeping commits with the batch); empties `pending`."""
    if not pending:
        return
    with store.transaction():
        written = store.write(pending)
        report.links += link_new(store, list(pending))
        merge_stored(store, [a.id for a in pending if a.events])
    report.added += written
    report.skipped += len(pending) - written
    pending.clear()
    if on_progress:
        on_progress(report)


def find_reuse(inputs: Iterable[str], settings: Settings | None = None,
               on_failure: Callable[[Failure], None] | None = None) -> list[Any]:
    """Republications among the inputs, no store: read and clean them all (no NLP needed), then link."""
    from veille.link.reuse import link_all

    settings = (settings or Settings()).with_(annotate=False)
    articles = []
    for item in Pipeline(settings).run(read(inputs, settings)):
        if isinstance(item, Failure):
            if on_failure:
                on_failure(item)
        else:
            articles.append(item)
    same = link_all(articles)
    linked = {frozenset((x.source.id, x.copy.id)) for x in same}
    if len({a.language for a in articles}) < 2:  # no second language: no translation to look for
        return same
    from veille.link.translation import link_translations

    return same + [t for t in link_translations(articles) if frozenset((t.source.id, t.copy.id)) not in linked]


def link_new(store: Store, articles: list[Article]) -> int:
    """Link freshly stored articles against everything stored before, through the store's index; only the
    new articles are fingerprinted and only their candidates compared."""
    from veille.link.reuse import clusters, fingerprint, verify
    from veille.link.translation import link_stored

    found = []
    batch = {a.id: a for a in articles}
    for art in articles:
        fp = fingerprint(art)
        store.add(fp)
        for other_id in sorted(store.candidates(fp)):
            other = batch.get(other_id) or store.get(other_id)
            if other is None:
                continue
            link = verify(art, other, store.stock(fp.sentences + fingerprint(other).sentences))
            if link is not None:
                found.append(link.to_dict())
    linked = {frozenset((f["source"], f["copy"])) for f in found}
    found += [t.to_dict() for t in link_stored(store, articles)
              if frozenset((t.source.id, t.copy.id)) not in linked]
    if found:
        store.write_links(found)
        store.set_clusters(clusters(store.link_pairs()))
    return len(found)


def link_unindexed(store: Store, batch_size: int) -> int:
    """Articles stored by a run killed before it linked them get linked now: resuming is complete."""
    ids = store.unindexed()
    found = 0
    for i in range(0, len(ids), batch_size):
        with store.transaction():
            found += link_new(store, [a for x in ids[i:i + batch_size] if (a := store.get(x)) is not None])
    return found


def events(db: str | Path | None = None, **filters: Any) -> list[dict[str, Any]]:
    """Merged events of a store, one dict per real event with every mention's evidence (see `veille events`)."""
    from veille.link.merge import merged_of

    with Store(db or default_db(), readonly=True) as store:
        return merged_of(store, store.event_ids(**filters))


EVENT_COLUMNS = ["event_id", "date", "first_seen", "type", "mode", "actor", "actor_id", "actor_country", "target",
                 "target_id", "target_country", "place", "place_country", "lat", "lon", "articles", "sources",
                 "confidence", "negated", "hypothetical", "evidence"]


def flat_event(r: dict[str, Any]) -> dict[str, Any]:
    """A merged event as one spreadsheet row: parties and place in columns, evidence joined."""
    actor, target, place = r["actor"] or {}, r["target"] or {}, r["place"] or {}
    return {**{k: r[k] for k in ("event_id", "date", "first_seen", "type", "mode", "articles", "confidence",
                                 "negated", "hypothetical")},
            "actor": actor.get("name"), "actor_id": actor.get("actor_id"), "actor_country": actor.get("country"),
            "target": target.get("name"), "target_id": target.get("actor_id"),
            "target_country": target.get("country"), "place": place.get("name"),
            "place_country": place.get("country"), "lat": place.get("lat"), "lon": place.get("lon"),
            "sources": "; ".join(r["sources"]),
            "evidence": " || ".join(f"{m['external_id'] or m['article_id']}: {m['evidence']['text']}"
                                    for m in r["mentions"])}


def write_parquet(rows: list[dict[str, Any]], path: str | Path) -> None:
    """Merged events as Parquet: flat columns plus the mentions as a nested list, for pandas, Spark or R."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([{**flat_event(r), "mentions": r["mentions"]} for r in rows])
    pq.write_table(table, str(path))


def demo_inputs() -> list[str]:
    folder = resources.files("veille").joinpath("data/demo")
    return [str(folder.joinpath(name)) for name in DEMO_FILES]


__all__ = ["Article", "IngestReport", "Settings", "Store", "demo_inputs", "extract", "extract_all", "find_reuse",
           "ingest", "link_new", "open_store", "store_batch"]
