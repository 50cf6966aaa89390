"""One pass of `veille watch`: poll the sources, fetch the article pages never fetched, read and store them.

A pass first finishes what a killed one left (answers in the archive not yet stored, URLs listed not yet
fetched), then polls every source due, then fetches every new URL once, then reads, annotates, stores and links
the pages in batches exactly as `ingest` does. Failures (a dead link, a failing source, a page that is not an
article) are named and counted; the rest carries on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from veille import api
from veille.collect import state
from veille.collect.archive import Archive, read_record
from veille.collect.fetch import Fetched, Fetcher, origin
from veille.collect.sources import Listing, Source, listing, normalised
from veille.errors import Failure, InputError
from veille.model import Article
from veille.pipeline import Pipeline
from veille.read import decode, html_record
from veille.settings import Settings
from veille.store import Store

MAX_DEPTH = 3
"""A site's page -> its sitemap index -> a sitemap: sources followed this deep from one given."""
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class PassReport:
    polled: int = 0
    not_modified: int = 0
    new_urls: int = 0
    fetched: int = 0
    stored: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    failing_sources: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    seen: set[str] = field(default_factory=set)
    """Sources polled in this pass: a feed that a site's page also points to is asked once."""

    def summary(self) -> str:
        return (f"{self.polled} source(s) polled ({self.not_modified} not modified, {len(self.failing_sources)} "
                f"failing), {self.new_urls} new URL(s), {self.fetched} fetched, {self.stored} stored, "
                f"{len(self.failed)} failed, in {self.seconds:.1f} s")

    def to_dict(self) -> dict:
        return {"polled": self.polled, "not_modified": self.not_modified, "new_urls": self.new_urls,
                "fetched": self.fetched, "stored": self.stored,
                "failed": [{"url": u, "reason": r} for u, r in self.failed],
                "failing_sources": [{"url": u, "reason": r} for u, r in self.failing_sources],
                "seconds": round(self.seconds, 2)}


class Watcher:
    def __init__(self, store: Store, archive: Archive, fetcher: Fetcher, settings: Settings,
                 on_failure: Callable[[str, str], None] | None = None,
                 on_page: Callable[[], None] | None = None):
        self.store, self.archive, self.fetcher, self.settings = store, archive, fetcher, settings
        self.on_failure = on_failure or (lambda url, reason: None)
        self.on_page = on_page or (lambda: None)
        self.stopping = False
        """Set by a signal handler: the pass ends after the page at hand, its work committed."""
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def run_pass(self, sources: list[Source], due: Callable[[Source], bool] = lambda s: True) -> PassReport:
        report = PassReport()
        start = time.perf_counter()
        self.store_fetched(report)  # what a killed pass fetched but did not store
        for src in sources:
            if self.stopping:
                break
            if due(src):
                self.poll(src.url, src.name, report, 0)
        self.fetch_new(report)
        self.store_fetched(report)
        report.seconds = time.perf_counter() - start
        return report

    # --- sources ------------------------------------------------------------------------------------------

    def poll(self, url: str, name: str | None, report: PassReport, depth: int) -> None:
        if url in report.seen or self.stopping:
            return
        report.seen.add(url)
        row = state.source_row(self.store, url)
        conditional = row is not None and row["kind"] in ("feed", "sitemap")
        got = self.fetcher.get(url, row["etag"] if conditional else None,
                               row["last_modified"] if conditional else None)
        report.polled += 1
        if got.status == 304:
            report.not_modified += 1
            with self.store.transaction():
                state.polled(self.store, url, name, None, "304 not modified", keep_validators=True)
            return
        if not got.ok:
            self._source_failed(url, name, _why(got), report)
            return
        self.archive.write(got)
        found = listing(got.final_url, got.body, got.header("content-type"))
        if found.kind == "page":
            found.sources += self._robots_sitemaps(got.final_url, found)
            if not found.sources:
                self._source_failed(url, name, "no feed or sitemap found on the page or in robots.txt", report)
                return
        for child in found.sources if depth < MAX_DEPTH else []:
            self.poll(child, name, report, depth + 1)
        with self.store.transaction():
            report.new_urls += state.listed(self.store, found.articles, url)
            state.polled(self.store, url, name, found.kind, f"{got.status} {len(found.articles)} URL(s)",
                         got.header("etag"), got.header("last-modified"))

    def _robots_sitemaps(self, url: str, found: Listing) -> list[str]:
        from trafilatura.sitemaps import extract_robots_sitemaps

        known = set(found.sources)
        return [n for u in extract_robots_sitemaps(self.fetcher.robots_text(url), origin(url))
                if (n := normalised(u)) and n not in known]

    def _source_failed(self, url: str, name: str | None, reason: str, report: PassReport) -> None:
        report.failing_sources.append((url, reason))
        self.on_failure(url, reason)
        with self.store.transaction():
            state.polled(self.store, url, name, None, f"failed: {reason}", keep_validators=True)

    # --- pages --------------------------------------------------------------------------------------------

    def fetch_new(self, report: PassReport) -> None:
        for row in state.with_state(self.store, "new"):
            if self.stopping:
                return
            got = self.fetcher.get(row["url"])
            self.on_page()
            ctype = (got.header("content-type") or "text/html").split(";")[0].strip().lower()
            if got.ok and ctype not in HTML_TYPES:
                got.error = f"not an HTML page ({ctype})"
            if not got.ok:
                self._page_failed(row["url"], _why(got), report, got.status)
                continue
            name, offset = self.archive.write(got)
            with self.store.transaction():
                state.fetched(self.store, row["url"], got.status or 0, name, offset)
            report.fetched += 1

    def store_fetched(self, report: PassReport) -> None:
        rows = state.with_state(self.store, "fetched")
        size = self.settings.batch_size
        for i in range(0, len(rows), size):
            if self.stopping:
                return
            self._store_batch(rows[i:i + size], report)

    def _store_batch(self, rows: list, report: PassReport) -> None:
        raws, urls = [], []
        for row in rows:
            try:
                _, body = read_record(self.archive.folder, row["warc"], row["warc_offset"])
                raws.append(html_record(decode(body, row["url"], html=True), row["url"], self.settings,
                                        url=row["url"]))
                urls.append(row["url"])
            except (OSError, ValueError, InputError) as e:
                self._page_failed(row["url"], _reason(e), report)
        articles: list[tuple[str, Article]] = []
        for url, result in zip(urls, self.pipeline.process(raws), strict=True):
            if isinstance(result, Failure):
                self._page_failed(url, result.reason, report)
            else:
                articles.append((url, result))
        ingest = api.IngestReport()
        with self.store.transaction():
            api.store_batch(self.store, [a for _, a in articles], ingest)
            for url, art in articles:
                state.stored(self.store, url, art.id)
        report.stored += ingest.added

    def _page_failed(self, url: str, reason: str, report: PassReport, status: int | None = None) -> None:
        report.failed.append((url, reason))
        self.on_failure(url, reason)
        with self.store.transaction():
            state.failed(self.store, url, reason, status)


def _why(got: Fetched) -> str:
    if got.error:
        return got.error
    return f"HTTP {got.status} {got.reason}".strip()


def _reason(e: BaseException) -> str:
    return e.reason if isinstance(e, InputError) else f"{type(e).__name__}: {e}"
