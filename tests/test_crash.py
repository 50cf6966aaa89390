"""Nothing is lost under faults: an ingest that dies at any commit point (SQLite's disk-full and I/O errors
raised there, or SIGKILL at spread-out moments) and is then run again leaves exactly the store an
uninterrupted run leaves, table by table: articles, layers, republication index, links, clusters, merged events."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from veille import api
from veille.errors import VeilleError
from veille.settings import Settings
from veille.store import FaultConnection

from .conftest import RT_ORIGINAL, RT_REPUBLISHED, SAMPLE, needs_shared

pytestmark = [needs_shared, pytest.mark.slow]


def corpus(folder: Path, originals: int = 15) -> list[str]:
    """Sample articles and copies of a third of them (whole, cut, padded), published a day later elsewhere."""
    recs = [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines()[:originals]]
    copies = []
    for i, r in enumerate(recs[::3]):
        paras = r["body"].split("\n\n")
        body = ["\n\n".join(paras), "\n\n".join(paras[: max(2, len(paras) * 2 // 3)]),
                "\n\n".join(paras) + "\n\nRetrouvez toute l'actualité sur notre site."][i % 3]
        day = (date.fromisoformat(r["date"]) + timedelta(days=1)).isoformat()
        copies.append({"id": f"copy-{r['id']}", "title": r["title"], "body": body, "date": day, "source": "Relais"})
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in recs + copies), "utf-8")
    return [str(RT_ORIGINAL), str(RT_REPUBLISHED), str(path)]


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table in a stable order (the full-text index by its content), the time of ingest aside."""
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'articles_fts%'")]
        out = {}
        for t in tables:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})") if r[1] != "ingested_at"]
            out[t] = sorted(map(tuple, con.execute(f"SELECT {', '.join(cols)} FROM {t}")), key=repr)
        out["articles_fts"] = sorted(con.execute("SELECT title, text FROM articles_fts"))
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    return corpus(tmp_path_factory.mktemp("crash"))


@pytest.fixture(scope="module")
def reference(inputs, pipeline, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(api, "Pipeline", lambda settings: pipeline)
        report = api.ingest(inputs, db, Settings(batch_size=4))
    assert not report.failures and report.links >= 5
    return dump(db)


class FailAt:
    """Raise a SQLite error instead of the n-th COMMIT of the run, as a full disk or a failing disk would."""

    def __init__(self, n: int, error: str):
        self.n, self.error, self.seen = n, error, 0
        self.original = FaultConnection.raw_execute

    def __call__(self, conn, sql, *args):
        if sql == "COMMIT":
            self.seen += 1
            if self.seen == self.n:
                raise sqlite3.OperationalError(self.error)
        return self.original(conn, sql, *args)


def test_a_fault_at_any_commit_then_a_rerun_gives_the_uninterrupted_store(inputs, reference, pipeline, tmp_path):
    n, reached = 0, True
    while reached:
        n += 1
        db = tmp_path / f"fault{n}.db"
        fault = FailAt(n, "database or disk is full" if n % 2 else "disk I/O error")
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(api, "Pipeline", lambda settings: pipeline)
            mp.setattr(FaultConnection, "raw_execute", lambda conn, sql, *a, f=fault: f(conn, sql, *a))
            try:
                api.ingest(inputs, db, Settings(batch_size=4))
                reached = False
            except VeilleError as e:
                assert str(db) in str(e) and ("disk is full" in str(e) or "I/O" in str(e))
            mp.setattr(FaultConnection, "raw_execute", fault.original)
            api.ingest(inputs, db, Settings(batch_size=4))
        assert dump(db) == reference, f"after a fault at commit {n}"
    assert n > 5, "every batch commit was tried"


def count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def veille(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("veille")), *args]


@pytest.mark.parametrize("kill_after", [1, 12])
def test_sigkill_then_resume_gives_the_uninterrupted_store(inputs, reference, tmp_path, kill_after):
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(veille("ingest", *inputs, "--db", str(db), "--batch-size", "4"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while count(db) < kill_after and time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert count(db) < len(reference["articles"]), "the kill came before the end"
    subprocess.run(veille("ingest", *inputs, "--db", str(db), "--batch-size", "4"), check=True, capture_output=True)
    assert dump(db) == reference
    again = subprocess.run(veille("ingest", *inputs, "--db", str(db)), check=True, capture_output=True)
    assert b"0 added" in again.stderr and dump(db) == reference
