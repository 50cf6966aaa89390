"""An ingest killed with SIGKILL mid-way resumes without duplicates."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from .conftest import SAMPLE, needs_shared


def count(db: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0


def ingest(path, db):
    return [sys.executable, "-m", "veille", "ingest", str(path), "--db", db, "--batch-size", "10"]


@needs_shared
@pytest.mark.slow
def test_sigkill_then_resume(tmp_path):
    corpus = tmp_path / "300.jsonl"
    corpus.write_text("\n".join(SAMPLE.read_text("utf-8").splitlines()[:300]) + "\n", encoding="utf-8")
    db = str(tmp_path / "v.db")
    proc = subprocess.Popen(ingest(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while count(db) == 0 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = count(db)
    assert 0 < killed_at < 300, killed_at

    subprocess.run(ingest(corpus, db), check=True, capture_output=True)
    stats = subprocess.run([sys.executable, "-m", "veille", "stats", "--db", db, "--format", "json"],
                           check=True, capture_output=True)
    assert json.loads(stats.stdout)["articles"] == 300

    third = subprocess.run(ingest(corpus, db), check=True, capture_output=True)
    assert b"0 added, 300 already stored" in third.stderr
    assert count(db) == 300
