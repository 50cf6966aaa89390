"""The `veille` command line: a thin face over `veille.api`; it parses flags into Settings and prints.

Exit codes: 0 success, 1 some inputs failed (each named on stderr, the rest processed), 2 usage error.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from dataclasses import asdict
from typing import Any

import click

from veille import api
from veille.clean import iso_date
from veille.cli_options import EVENT_TYPES, db_option, no_nlp_option
from veille.collect.commands import alerts, watch
from veille.errors import Failure, VeilleError
from veille.settings import MAX_CHARS_CEILING, Settings, default_db
from veille.store import Store, store_fault
from veille.text import valid_day

FORMATS = click.Choice(["text", "json"])


class VeilleGroup(click.Group):
    """User errors become one line on stderr, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VeilleError as e:
            click.echo(f"veille: error: {e}", err=True)
            ctx.exit(1)
        except sqlite3.Error as e:  # a fault the store's own checks did not name (a damaged page mid-query)
            click.echo(f"veille: error: {store_fault((ctx.obj or {}).get('db') or default_db(), e)}", err=True)
            ctx.exit(1)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)


def settings_from(published: str | None = None, source: str | None = None, max_chars: int | None = None,
                  batch_size: int | None = None, jobs: int | None = None, annotate: bool | None = None
                  ) -> Settings:
    if published is not None and iso_date(published) is None:
        raise click.BadParameter(f"not a date: {published!r} (use YYYY-MM-DD)", param_hint="--published")
    return Settings().with_(published=published, source=source, max_chars=max_chars, batch_size=batch_size,
                            jobs=jobs, annotate=annotate)


class DateType(click.ParamType):
    """YYYY, YYYY-MM or YYYY-MM-DD, a real calendar day: `--since notadate` is a usage error, not an empty
    result."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if not isinstance(value, str) or not valid_day(value):
            self.fail(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)", param, ctx)
        return value


DATE = DateType()


def report_failure(f: Failure) -> None:
    click.echo(f"veille: {f}", err=True)


max_chars_option = click.option("--max-chars", type=click.IntRange(1, MAX_CHARS_CEILING), default=None,
                                help="Refuse articles longer than this (default 1,000,000 characters; at most "
                                     f"{MAX_CHARS_CEILING:,}).")
batch_option = click.option("--batch-size", type=click.IntRange(1), default=None,
                            help="Documents per NLP batch and per store transaction (default 32).")
min_confidence_option = click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=None, metavar="P",
    help="Only events at least this likely to be right (their confidence, a calibrated probability).")
jobs_option = click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
                           help="Worker processes for reading, cleaning and annotation (default 1; each loads "
                                "the model, ~0.6 GB).")


@click.group(cls=VeilleGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="veille")
def cli() -> None:
    """veille: who said what, who did what to whom, when and where, and who copied whom — from news pages,
    every fact with the exact text it came from."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--published", metavar="DATE", help="Publication date for inputs that lack one (YYYY-MM-DD).")
@click.option("--source", metavar="NAME", help="Source name for inputs that lack one.")
@max_chars_option
@batch_option
@jobs_option
@no_nlp_option
@min_confidence_option
def extract(inputs: tuple[str, ...], published: str | None, source: str | None, max_chars: int | None,
            batch_size: int | None, jobs: int | None, no_nlp: bool, min_confidence: float | None) -> None:
    """Print one JSON object per article (JSON Lines), no store needed.

    INPUT: .txt (first line is the title), .html/.htm, .jsonl/.json (optionally .gz), .warc/.warc.gz,
    a folder (read recursively) or - for standard input.
    """
    settings = settings_from(published, source, max_chars, batch_size, jobs, annotate=False if no_nlp else None)
    settings = settings.with_(min_confidence=min_confidence)
    failed = False
    for item in api.extract_all(inputs, settings):
        if isinstance(item, Failure):
            report_failure(item)
            failed = True
        else:
            click.echo(item.to_json())
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@db_option
@click.option("--parquet", type=click.Path(exists=True, file_okay=False), metavar="DIR",
              help="Load the tables `veille spark` wrote to DIR instead of reading INPUT....")
@click.option("--published", metavar="DATE", help="Publication date for inputs that lack one.")
@click.option("--source", metavar="NAME", help="Source name for inputs that lack one.")
@max_chars_option
@batch_option
@jobs_option
@no_nlp_option
def ingest(inputs: tuple[str, ...], db: str | None, parquet: str | None, published: str | None, source: str | None,
           max_chars: int | None, batch_size: int | None, jobs: int | None, no_nlp: bool) -> None:
    """Read, annotate and store INPUT... in the embedded database.

    Idempotent and resumable: articles already stored (same content, same id) are skipped, and every
    batch is committed, so an interrupted run can simply be started again.
    """
    if bool(inputs) == bool(parquet):
        raise click.UsageError("give INPUT... or --parquet DIR")
    if parquet:
        from veille.spark import load_parquet

        with Store(db or default_db()) as store:
            done = load_parquet(parquet, store)
        click.echo(f"{done['added']} added, {done['links']} republication links -> {db or default_db()}", err=True)
        return
    settings = settings_from(published, source, max_chars, batch_size, jobs, annotate=False if no_nlp else None)
    report = _ingest_with_progress(list(inputs), db, settings)
    click.echo(f"{report.added} added, {report.skipped} already stored, {len(report.failures)} failed "
               f"({report.seconds:.1f} s) -> {db or default_db()}", err=True)
    sys.exit(1 if report.failures else 0)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Where to write the Parquet tables (articles, entities, quotes, dates, places, events, reuse).")
@click.option("--master", metavar="URL", help="Spark master (default: $VEILLE_SPARK_MASTER or local[*]).")
@click.option("--partitions", type=click.IntRange(1), help="Partitions of the input (default: 4 per core).")
@max_chars_option
@batch_option
@no_nlp_option
def spark(inputs: tuple[str, ...], output: str, master: str | None, partitions: int | None, max_chars: int | None,
          batch_size: int | None, no_nlp: bool) -> None:
    """Annotate, link and merge INPUT... on Apache Spark; write Parquet tables to DIR (then `veille ingest
    --parquet DIR`, or query them with DuckDB or pandas)."""
    from veille.spark import run

    report = run(list(inputs), output, master=master, partitions=partitions,
                 settings=settings_from(max_chars=max_chars, batch_size=batch_size,
                                        annotate=False if no_nlp else None))
    for line in report["failed"]:
        click.echo(f"veille: {line}", err=True)
    click.echo(f"{report['articles']} articles, {report['links']} republication links, {report['events']} event "
               f"mentions -> {report['output']}", err=True)
    sys.exit(1 if report["failed"] else 0)


def _ingest_with_progress(inputs: list[str], db: str | None, settings: Settings) -> api.IngestReport:
    from tqdm import tqdm

    bar = tqdm(unit=" articles", file=sys.stderr, disable=not sys.stderr.isatty(), desc="ingest")
    done = [0]

    def progress(report: api.IngestReport) -> None:
        seen = report.added + report.skipped
        bar.update(seen - done[0])
        done[0] = seen

    def failure(f: Failure) -> None:
        bar.clear()
        report_failure(f)

    try:
        return api.ingest(inputs, db, settings, on_progress=progress, on_failure=failure)
    finally:
        bar.close()


@cli.command()
@db_option
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def stats(db: str | None, fmt: str) -> None:
    """Counts of what the store holds: articles, sources, languages, layers."""
    with Store(db or default_db(), readonly=True) as store:
        data = store.stats()
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    click.echo(f"{data['articles']} articles, {data['published']['first']} .. {data['published']['last']}")
    click.echo("sources: " + _top(data["sources"]))
    click.echo("languages: " + _top(data["languages"]))
    click.echo(", ".join(f"{data[k]} {k}" for k in ("entities", "quotes", "dates", "places", "events",
                                                     "reuse", "actors", "removed_lines")))


def _top(counts: dict[str, int], n: int = 8) -> str:
    items = list(counts.items())
    more = f", … ({len(items) - n} more)" if len(items) > n else ""
    return ", ".join(f"{k} {v}" for k, v in items[:n]) + more


@cli.command()
@click.argument("article_id", metavar="ID")
@db_option
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def show(article_id: str, db: str | None, fmt: str) -> None:
    """Show one stored article (by id or by its input's own id) with its layers."""
    from veille import render

    with Store(db or default_db(), readonly=True) as store:
        art = store.get(article_id)
    if art is None:
        raise VeilleError(f"no article {article_id!r} in {db or default_db()}")
    click.echo(art.to_json(indent=1) if fmt == "json" else render.article_text(art))


@cli.command()
@click.argument("query", nargs=-1, required=True)
@db_option
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--source", metavar="NAME", help="Only this source.")
@click.option("--since", type=DATE, help="Published on or after DATE.")
@click.option("--until", type=DATE, help="Published on or before DATE.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def search(query: tuple[str, ...], db: str | None, limit: int, source: str | None, since: str | None,
           until: str | None, fmt: str) -> None:
    """Full-text search of stored articles (case- and accent-insensitive: "elysee" finds "Élysée")."""
    with Store(db or default_db(), readonly=True) as store:
        total, hits = store.search(" ".join(query), limit=limit, source=source, since=since, until=until)
    if fmt == "json":
        click.echo(json.dumps({"total": total, "items": [asdict(h) for h in hits]}, ensure_ascii=False))
        return
    click.echo(f"{total} article(s)")
    for h in hits:
        click.echo(f"{h.id}  {(h.published or '')[:10]:10}  {h.source or '-'}  {h.title}")
        if h.snippet:
            click.echo(f"    {' '.join(h.snippet.split())}")


@cli.command()
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("--db", default=None, metavar="PATH", help="List the links found in this store (no INPUT).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text", "csv"]), default="jsonl", show_default=True)
@click.option("--passages", is_flag=True, help="Include the aligned passages (shared, changed, added, removed).")
@max_chars_option
def reuse(inputs: tuple[str, ...], db: str | None, fmt: str, passages: bool, max_chars: int | None) -> None:
    """Who copied whom: republications among INPUT... (no store), or those found in a store (--db).

    One link per line: {"source", "copy", "source_external_id", "copy_external_id", "containment",
    "relation"}; source is the earlier (original) article, relation verbatim|edited|partial|rewrite.
    """
    if inputs and db:
        raise click.UsageError("give INPUT... or --db, not both")
    failed = False
    if inputs:
        def fail(f: Failure) -> None:
            nonlocal failed
            failed = True
            report_failure(f)

        rows = [link.to_dict() for link in api.find_reuse(inputs, settings_from(max_chars=max_chars),
                                                           on_failure=fail)]
    else:
        with Store(db or default_db(), readonly=True) as store:
            rows = store.links(limit=10_000_000)
    for r in rows:
        if not passages:
            r.pop("passages", None)
    columns = ["source", "copy", "source_external_id", "copy_external_id", "containment", "relation",
               "shared_sentences", "direction_basis"]
    emit_rows(rows, "jsonl" if fmt == "jsonl" else fmt, columns)
    sys.exit(1 if failed else 0)


@cli.command()
@click.option("--speaker", metavar="NAME", help="Only quotes whose speaker's name contains NAME (any accents/case).")
@db_option
@click.option("--since", type=DATE, help="Published on or after DATE.")
@click.option("--until", type=DATE, help="Published on or before DATE.")
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "csv"]), default="text",
              show_default=True)
def quotes(speaker: str | None, db: str | None, since: str | None, until: str | None, limit: int,
           fmt: str) -> None:
    """Who said what: stored quotes with their speaker, article, date and source."""
    with Store(db or default_db(), readonly=True) as store:
        rows = store.quotes(speaker=speaker, since=since, until=until, limit=limit)
    if fmt == "text":
        for r in rows:
            said = " ".join(r["text"].split())
            click.echo(f"{(r['published'] or '')[:10]}  {r['speaker'] or '?'}  [{r['kind']}] «{said}»"
                       f"  — {r['source'] or '-'}, {r['article_id']}")
        return
    emit_rows(rows, fmt, ["published", "speaker", "kind", "text", "cue", "source", "title", "article_id",
                          "external_id", "speaker_actor_id", "start", "end"])


@cli.command()
@db_option
@click.option("--country", metavar="ISO3", help="Only actors of this country (e.g. RUS, or IGO).")
@click.option("--kind", type=click.Choice(["person", "organization", "state", "group"]), help="Only this kind.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "csv"]), default="text",
              show_default=True)
def actors(db: str | None, country: str | None, kind: str | None, limit: int, fmt: str) -> None:
    """Actors across the store (people, organisations, states) with country, sector and mention counts."""
    with Store(db or default_db(), readonly=True) as store:
        rows = store.actors(country=country, kind=kind, limit=limit)
    emit_rows(rows, fmt, ["name", "kind", "country", "sector", "mentions", "articles", "quotes", "events",
                          "actor_id"])


@cli.command()
@db_option
@click.option("--actor", metavar="WHO", help="Events whose actor has this name (part of it, any accents/case), "
                                             "actor id or country code (RUS).")
@click.option("--target", metavar="WHO", help="Same, for the target.")
@click.option("--type", "kind", type=click.Choice(EVENT_TYPES, case_sensitive=False), help="One PLOVER type.")
@click.option("--since", type=DATE, help="Events on or after DATE (stated date, else publication day).")
@click.option("--until", type=DATE, help="Events on or before DATE.")
@click.option("--limit", type=click.IntRange(1, 10_000_000), default=None, help="At most this many events.")
@min_confidence_option
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "csv", "parquet"]), default="text",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file (required for parquet).")
def events(db: str | None, actor: str | None, target: str | None, kind: str | None, since: str | None,
           until: str | None, limit: int | None, min_confidence: float | None, fmt: str, out: str | None) -> None:
    """Who did what to whom: one row per real event, merged across the articles that report it, with the
    evidence of every mention."""
    rows = api.events(db, actor=actor, target=target, type=kind, since=since, until=until, limit=limit,
                      min_confidence=min_confidence)
    if fmt == "parquet":
        if not out:
            raise click.UsageError("--format parquet needs --out FILE")
        api.write_parquet(rows, out)
        click.echo(f"{len(rows)} event(s) written to {out}", err=True)
        return
    if out:
        with open(out, "w", encoding="utf-8") as fh, _stdout_to(fh):
            _emit_events(rows, fmt)
    else:
        _emit_events(rows, fmt)


def _emit_events(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "jsonl":
        emit_rows(rows, "jsonl", [])
    elif fmt == "csv":
        emit_rows([api.flat_event(r) for r in rows], "csv", api.EVENT_COLUMNS)
    else:
        for r in rows:
            who = f"{_who(r['actor'])} -> {_who(r['target'])}"
            where = f" @ {r['place']['name']}" if r.get("place") else ""
            click.echo(f"{r['date'] or '~' + (r['first_seen'] or '')[:10]:11}  {r['type']:9} {who}{where}  "
                       f"[{r['articles']} article(s), {len(r['sources'])} source(s)]  {r['event_id']}")
            for m in r["mentions"][:3]:
                said = " ".join(m["evidence"]["text"].split())[:160]
                click.echo(f"    {m['external_id'] or m['article_id']}: {said}")


def _who(p: dict | None) -> str:
    return f"{p['name']} ({p.get('country') or '?'})" if p else "-"


class _stdout_to:
    """Send click.echo to a file for the duration of a block."""

    def __init__(self, fh: Any):
        self.fh, self.saved = fh, sys.stdout

    def __enter__(self) -> None:
        sys.stdout = self.fh

    def __exit__(self, *exc: object) -> None:
        sys.stdout = self.saved


def emit_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    """Tables for people (text), programs (json, jsonl) and spreadsheets (csv)."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
    elif fmt == "csv":
        import csv

        out = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        out.writeheader()
        out.writerows(rows)
    else:
        for r in rows:
            click.echo("  ".join(f"{r.get(c) if r.get(c) is not None else '-'}" for c in columns))


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (0.0.0.0 exposes it).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db: str | None, host: str, port: int) -> None:
    """The dashboard and the read-only REST API (docs at /docs) over a store."""
    from veille.web.app import create_app, run

    app = create_app(db or default_db())  # a store it cannot read stops it here, before it listens
    click.echo(f"veille: serving {db or default_db()} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run(app, host=host, port=port)


@cli.command()
@db_option
@no_nlp_option
def demo(db: str | None, no_nlp: bool) -> None:
    """Ingest the bundled sample corpus (RT page + 200 OrangeSum articles) and print what veille found."""
    from veille import render

    settings = settings_from(annotate=False if no_nlp else None)
    path = db or default_db()
    report = _ingest_with_progress(api.demo_inputs(), path, settings)
    with Store(path, readonly=True) as store:
        click.echo(render.demo_summary(store, report, path))
    sys.exit(1 if report.failures else 0)


@cli.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def train(args: tuple[str, ...]) -> None:
    """Rebuild a learned component from gold/ (train split), chosen on gold/dev: `veille train events`."""
    from veille.train.run import main as run

    run(list(args))


cli.add_command(watch)
cli.add_command(alerts)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="veille")

