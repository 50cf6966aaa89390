"""`veille watch` and `veille alerts`: the command-line face of collection and alerts (added to veille.cli)."""

from __future__ import annotations

import json
import signal
import sys
import time
from pathlib import Path
from typing import Any

import click

from veille.cli_options import EVENT_TYPES, db_option, no_nlp_option
from veille.errors import InputError
from veille.settings import Settings, default_db
from veille.store import Store


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@db_option
@click.option("--archive", type=click.Path(file_okay=False), metavar="DIR",
              help="Keep every response here as WARC (default: DB's folder / veille-archive).")
@click.option("--once", is_flag=True, help="One pass, then exit (for cron).")
@click.option("--interval", type=click.FloatRange(1), default=600, show_default=True, metavar="SECONDS",
              help="Seconds between passes (a source's own `interval` in a TOML list overrides it).")
@click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True, metavar="SECONDS",
              help="Pause between two requests to one host.")
@click.option("--user-agent", metavar="TEXT", help="User-Agent sent, and matched against robots.txt.")
@click.option("--timeout", type=click.FloatRange(0.1), default=20, show_default=True, metavar="SECONDS")
@click.option("--max-bytes", type=click.IntRange(1), default=20_000_000, show_default=True,
              help="Responses larger than this are dropped.")
@click.option("--alerts", "with_alerts", is_flag=True, help="After each pass, print the alerts' new matches "
                                                            "(JSON Lines on stdout), or POST them to --webhook.")
@click.option("--webhook", metavar="URL", help="POST each alert match to URL as JSON (with --alerts).")
@no_nlp_option
def watch(sources: tuple[str, ...], db: str | None, archive: str | None, once: bool, interval: float, delay: float,
          user_agent: str | None, timeout: float, max_bytes: int, with_alerts: bool, webhook: str | None,
          no_nlp: bool) -> None:
    """Collect articles from feeds, sitemaps and sites: fetch each new page once, archive it, read, annotate,
    store and link it as `ingest` does.

    SOURCE is an RSS/Atom feed, a sitemap (index), a site's page, or a file listing sources (one URL a line,
    or TOML `[[source]]` tables with url, name, interval, language). Safe to kill at any moment: a rerun
    completes the pass without fetching again what it already has.
    """
    from veille.collect.archive import Archive
    from veille.collect.fetch import USER_AGENT, Fetcher
    from veille.collect.sources import load_sources
    from veille.collect.watch import Watcher

    try:
        srcs = load_sources(list(sources))
    except InputError as e:
        raise click.UsageError(str(e)) from None
    path = db or default_db()
    folder = Path(archive) if archive else Path(path).resolve().parent / "veille-archive"
    fetcher = Fetcher(user_agent or USER_AGENT, delay=delay, timeout=timeout, max_bytes=max_bytes)
    failed = False
    with Store(path) as store:
        watcher = Watcher(store, Archive(folder), fetcher, Settings(annotate=not no_nlp),
                          on_failure=lambda url, why: click.echo(f"veille: {url}: {why}", err=True))
        _stop_on_signals(watcher)
        while True:
            report = watcher.run_pass(srcs, _due(store, interval, once))
            failed |= bool(report.failed or report.failing_sources)
            click.echo(f"watch: {report.summary()}", err=True)
            if with_alerts:
                _deliver(store, webhook)
            if once or watcher.stopping or _sleep(interval, watcher):
                break
    fetcher.close()
    watcher.archive.close()
    sys.exit(1 if failed else 0)


def _due(store: Store, interval: float, once: bool) -> Any:
    """A source is polled when its interval (its own, else --interval) has passed since its last poll."""
    import calendar

    from veille.collect import state

    def due(src: Any) -> bool:
        last = None if once else state.last_poll(store, src.url)
        if last is None:
            return True
        ago = time.time() - calendar.timegm(time.strptime(last, "%Y-%m-%dT%H:%M:%SZ"))
        return ago >= (src.interval or interval) - 1

    return due


def _stop_on_signals(watcher: Any) -> None:
    def stop(signum: int, _frame: Any) -> None:
        watcher.stopping = True
        click.echo(f"watch: {signal.Signals(signum).name}: finishing the page at hand, then stopping", err=True)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)


def _sleep(seconds: float, watcher: Any) -> bool:
    """Wait for the next pass; True when a signal asked to stop meanwhile."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and not watcher.stopping:
        time.sleep(min(0.5, end - time.monotonic()))
    return watcher.stopping


def _deliver(store: Store, webhook: str | None) -> None:
    from veille.collect import alerts

    found = alerts.check(store)
    if webhook:
        _post(found, webhook)
    else:
        for m in found:
            click.echo(json.dumps(m, ensure_ascii=False))


def _post(found: list[dict[str, Any]], webhook: str) -> None:
    import httpx

    with httpx.Client(timeout=10) as client:
        for m in found:
            try:
                client.post(webhook, json=m).raise_for_status()
            except httpx.HTTPError as e:
                click.echo(f"veille: {webhook}: alert {m['alert']!r} not delivered ({type(e).__name__})", err=True)


@click.group()
def alerts() -> None:
    """Saved searches, and what is new for them: `add`, `list`, `remove`, `check`."""


@alerts.command("add")
@click.argument("name")
@db_option
@click.option("--query", metavar="TEXT", help="Words the article or quote has (all of them, any accents/case).")
@click.option("--actor", metavar="WHO", help="Events whose actor or target, and quotes whose speaker, this is "
                                             "(part of a name, an actor id or a country code).")
@click.option("--type", "kind", type=click.Choice(EVENT_TYPES, case_sensitive=False), help="Events of this type.")
@click.option("--copies-of", metavar="SOURCE", help="Republications of this source's articles (its name or host).")
def alerts_add(name: str, db: str | None, query: str | None, actor: str | None, kind: str | None,
               copies_of: str | None) -> None:
    """Save an alert NAME; it reports what arrives from now on."""
    from veille.collect import alerts as al

    with Store(db or default_db()) as store:
        al.add(store, al.Alert(name, query, actor, kind, copies_of))
    click.echo(f"alert {name!r} added", err=True)


@alerts.command("list")
@db_option
def alerts_list(db: str | None) -> None:
    """The saved alerts."""
    from veille.collect import alerts as al

    with Store(db or default_db()) as store:
        for a in al.listed(store):
            click.echo(a.describe())


@alerts.command("remove")
@click.argument("name")
@db_option
def alerts_remove(name: str, db: str | None) -> None:
    """Delete the alert NAME."""
    from veille.collect import alerts as al

    with Store(db or default_db()) as store:
        al.remove(store, name)
    click.echo(f"alert {name!r} removed", err=True)


@alerts.command("check")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl", show_default=True)
@click.option("--peek", is_flag=True, help="Show the new matches without marking them seen.")
def alerts_check(db: str | None, fmt: str, peek: bool) -> None:
    """What is new for every alert since its last check (articles, events, quotes, republications)."""
    from veille.collect import alerts as al

    with Store(db or default_db()) as store:
        found = al.check(store, advance=not peek)
    for m in found:
        click.echo(json.dumps(m, ensure_ascii=False) if fmt == "jsonl" else al.as_text(m))

