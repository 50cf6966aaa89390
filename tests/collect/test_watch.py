from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from veille.cli import cli
from veille.store import Store

from .site import Site

PAGES = ["/news/rt-venezuela", "/news/orange-0", "/news/orange-1", "/relay/venezuela-russie", "/flaky"]
FAULTS = {"/dead-link": "HTTP 404", "/loop": "redirects", "/slow": "no answer within", "/huge": "larger than"}


@pytest.fixture
def site():
    with Site() as s:
        yield s


def watch_args(site: Site, db: Path, *extra: str) -> list[str]:
    return ["watch", site.base + "/feed.xml", site.base + "/", "--once", "--db", str(db),
            "--archive", str(db.parent / "archive"), "--delay", "0.05", "--timeout", "1", "--max-bytes", "1000000",
            *extra]


def run(args: list[str]):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def stored_urls(db: Path) -> dict[str, str]:
    with Store(db, readonly=True) as store:
        return {r["url"]: r["article_id"] for r in store.db.execute(
            "SELECT url, article_id FROM watch_urls WHERE state = 'stored'")}


def snapshot(db: Path) -> dict:
    """What a pass leaves in the store, ids and links, without times."""
    with Store(db, readonly=True) as store:
        q = store.db.execute
        return {"articles": sorted(r[0] for r in q("SELECT id FROM articles")),
                "links": sorted(tuple(r) for r in q("SELECT source_id, copy_id, relation FROM reuse")),
                "clusters": sorted(tuple(r) for r in q("SELECT id, cluster_id FROM articles")),
                "urls": sorted(tuple(r) for r in q("SELECT url, state, article_id, error FROM watch_urls")),
                "events": sorted(tuple(r) for r in q("SELECT article_id, idx, event_id FROM events"))}


def test_a_pass_fetches_each_article_once_and_a_second_pass_gets_304(site, tmp_path):
    db = tmp_path / "w.db"
    result = run(watch_args(site, db, "--no-nlp"))
    assert result.exit_code == 1  # the dead link and the faulty pages are failures; the rest is stored
    for path, why in FAULTS.items():
        assert any(path in line and why in line for line in result.stderr.splitlines()), (path, result.stderr)
    assert all(site.hits(p) == 1 for p in PAGES if p != "/flaky") and site.hits("/flaky") == 3
    assert site.hits("/private/draft") == 0 and site.hits("/robots.txt") == 1
    assert set(stored_urls(db)) == {site.base + p for p in PAGES}  # utm_* stripped from the feed's link
    assert "5 stored" in result.stderr and "5 failed" in result.stderr  # the robots.txt refusal counts too

    responses = []
    for warc in (tmp_path / "archive").glob("*.warc.gz"):
        with warc.open("rb") as fh:
            responses += [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(fh)
                          if r.rec_type == "response"]
    assert {site.base + p for p in PAGES} <= set(responses)
    assert site.base + "/feed.xml" in responses

    with Store(db, readonly=True) as store:
        ids = stored_urls(db)
        pair = (ids[site.base + "/news/rt-venezuela"], ids[site.base + "/relay/venezuela-russie"])
        assert any((link["source"], link["copy"]) == pair for link in store.links())

    before = list(site.log)
    again = run(watch_args(site, db, "--no-nlp"))
    new = site.log[len(before):]
    feed_asks = [h for m, p, h in new if p == "/feed.xml"]
    assert feed_asks and feed_asks[0].get("If-None-Match") == '"feed-v1"'
    assert not any(p.split("?")[0] in PAGES for _, p, _ in new)
    assert "not modified" in again.stderr and "0 new URL(s), 0 fetched, 0 stored" in again.stderr


def test_a_source_file_and_a_failing_source(site, tmp_path):
    listing = tmp_path / "sources.toml"
    listing.write_text(f'[[source]]\nurl = "{site.base}/feed.xml"\nname = "Test feed"\n\n'
                       f'[[source]]\nurl = "{site.base}/gone.xml"\n', "utf-8")
    db = tmp_path / "w.db"
    result = run(["watch", str(listing), "--once", "--no-nlp", "--db", str(db), "--delay", "0",
                  "--archive", str(tmp_path / "a")])
    assert f"{site.base}/gone.xml: HTTP 404" in result.stderr
    assert "1 failing" in result.stderr and "3 stored" in result.stderr


def test_kill_9_then_rerun_gives_the_store_of_an_uninterrupted_pass(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}

    def veille(args: list[str]) -> None:
        subprocess.run([sys.executable, "-m", "veille", *args], env=env, capture_output=True, timeout=120)

    for kill_after in (1, 3, 5):  # while fetching; after the last page (while storing, or just before)
        with Site(page_delay=0.3, faults=False) as site:
            db = tmp_path / f"killed-{kill_after}" / "w.db"
            db.parent.mkdir()
            proc = subprocess.Popen([sys.executable, "-m", "veille", *watch_args(site, db, "--no-nlp")], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 60
            while sum(site.hits(p) for p in PAGES) < kill_after and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(0.4 if kill_after == len(PAGES) else 0)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            first = {p: site.hits(p) for p in PAGES}
            assert not db.exists() or len(stored_urls(db)) < len(PAGES), "killed too late to test anything"
            veille(watch_args(site, db, "--no-nlp"))
            # the page in flight when the process died may be asked again; nothing else is
            again = sum(site.hits(p) - first[p] for p in PAGES if first[p] and p != "/flaky")
            whole = tmp_path / f"whole-{kill_after}" / "w.db"
            whole.parent.mkdir()
            veille(watch_args(site, whole, "--no-nlp"))
            assert again <= 1, kill_after
            assert snapshot(db) == snapshot(whole), kill_after
            assert len(snapshot(db)["articles"]) == 5


def test_alerts_list_exactly_what_is_new_and_a_webhook_receives_them(site, tmp_path):
    db = tmp_path / "w.db"
    assert run(["alerts", "add", "story", "--query", "Maduro", "--db", str(db)]).exit_code == 0
    assert run(["alerts", "add", "relays", "--copies-of", "127.0.0.1", "--db", str(db)]).exit_code == 0
    assert "story: query='Maduro'" in run(["alerts", "list", "--db", str(db)]).output
    run(watch_args(site, db, "--no-nlp"))
    found = [json.loads(line) for line in run(["alerts", "check", "--db", str(db)]).stdout.splitlines()]
    ids = stored_urls(db)
    rt, relay = ids[site.base + "/news/rt-venezuela"], ids[site.base + "/relay/venezuela-russie"]
    assert sorted((m["alert"], m["kind"], m.get("article_id") or m.get("copy_id")) for m in found) == sorted(
        [("story", "article", rt), ("story", "article", relay), ("relays", "republication", relay)])
    assert run(["alerts", "check", "--db", str(db)]).stdout == ""  # nothing new since

    site.extra_feed_items.append("/news/orange-1?utm_campaign=x")
    site.articles["/news/orange-9"] = ("Nicolas Maduro reçu à Moscou", "Nicolas Maduro a été reçu. " * 30,
                                       "2020-03-01")
    site.extra_feed_items.append("/news/orange-9")
    site.feed_etag = '"feed-v2"'
    result = run(watch_args(site, db, "--no-nlp", "--alerts", "--webhook", site.base + "/hook"))
    posted = [body for m, p, body in site.log if m == "POST" and p == "/hook"]
    assert [(b["alert"], b["kind"], b["title"]) for b in posted] == [("story", "article", "Nicolas Maduro reçu à "
                                                                                            "Moscou")]
    assert result.stdout == ""  # delivered to the webhook, not printed
    assert run(["alerts", "remove", "story", "--db", str(db)]).exit_code == 0
    assert run(["alerts", "remove", "story", "--db", str(db)]).exit_code == 1


def test_alert_needs_a_criterion(tmp_path):
    result = run(["alerts", "add", "empty", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1 and "give at least one of" in result.stderr


@pytest.mark.slow
def test_a_pass_stores_articles_with_their_layers_and_alerts_on_events(site, tmp_path):
    db = tmp_path / "w.db"
    run(["alerts", "add", "maduro", "--actor", "Maduro", "--type", "CONSULT", "--db", str(db)])
    run(watch_args(site, db))
    ids = stored_urls(db)
    with Store(db, readonly=True) as store:
        art = store.get(ids[site.base + "/news/rt-venezuela"])
        assert art.published == "2019-10-06" and art.quotes and art.events and art.entities
    found = [json.loads(x) for x in run(["alerts", "check", "--db", str(db)]).stdout.splitlines()]
    assert found and all(m["kind"] in ("event", "quote") for m in found)
    assert any(m["kind"] == "event" and m["type"] == "CONSULT" and "Maduro" in (m["actor"] + (m["target"] or ""))
               for m in found)
    assert any(m["kind"] == "quote" and "Maduro" in m["speaker"] for m in found)


@pytest.mark.slow
def test_the_readme_monitoring_example_runs_as_written(site, tmp_path, monkeypatch):
    import re
    import shlex

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    section = readme.split("## Monitoring", 1)[1].split("\n## ", 1)[0]
    lines = section.split("```", 2)[1].splitlines()
    monkeypatch.chdir(tmp_path)
    host = site.base.removeprefix("http://")
    summaries = []
    for i, line in enumerate(lines):
        if not line.startswith("$ veille "):
            continue
        args = shlex.split(line[2:].replace("127.0.0.1:8765", host))[1:]
        result = run(args)
        if args[0] == "watch":
            summaries.append(result.stderr.strip().splitlines()[-1])
            expected = next(x for x in lines[i + 1:] if x.startswith("watch: "))
            assert re.sub(r"in [\d.]+ s", "", summaries[-1]) == re.sub(r"in [\d.]+ s", "", expected)
        elif args[:2] == ["alerts", "check"]:
            assert result.stdout.count("[relays] republication") == 1 and "[maduro] event" in result.stdout
        else:
            assert result.exit_code == 0, line
    assert len(summaries) == 2
