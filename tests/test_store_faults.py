"""A store that cannot be used is one line on stderr naming the file and the cause, exit 1, never a traceback;
`serve` refuses to start on it; two first runs racing on a new store both succeed."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from veille import store as store_module
from veille.cli import cli
from veille.errors import VeilleError
from veille.model import Article
from veille.store import FAULTS, FaultConnection, Store, store_fault


def one_line_error(res, path: Path, cause: str) -> None:
    assert res.exit_code == 1, res.output
    lines = [x for x in res.output.splitlines() if x.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and cause in lines[0], res.output
    assert "Traceback" not in res.output


def filled(path: Path) -> Path:
    with Store(path) as s:
        s.write([Article(id=f"a{i}", title=f"Titre {i}", text=f"Titre {i}\n\n" + "Du texte. " * 400,
                         language="fr") for i in range(40)])
    return path


@pytest.mark.parametrize("command", [["stats"], ["search", "texte"], ["quotes"], ["events"], ["reuse"],
                                     ["show", "a1"]])
def test_garbage_store_is_one_line(tmp_path, command):
    bad = tmp_path / "garbage.db"
    bad.write_bytes(bytes(range(256)) * 64)
    one_line_error(CliRunner().invoke(cli, [*command, "--db", str(bad)]), bad, "not a SQLite database")


def test_truncated_store_is_one_line(tmp_path):
    db = filled(tmp_path / "good.db")
    with Store(db) as s:
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cut = tmp_path / "cut.db"
    data = db.read_bytes()
    cut.write_bytes(data[: len(data) // 3])
    res = CliRunner().invoke(cli, ["search", "texte", "--db", str(cut)])
    one_line_error(res, cut, "corrupt")


def test_foreign_sqlite_file_is_not_a_veille_store(tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE articles (x)")
    con.commit()
    con.close()
    one_line_error(CliRunner().invoke(cli, ["stats", "--db", str(other)]), other, "not a veille store")
    with pytest.raises(VeilleError, match="not a veille store"):
        Store(other)


@pytest.mark.parametrize("message, cause", [("attempt to write a readonly database", "read-only"),
                                            ("database or disk is full", "disk is full"),
                                            ("database is locked", "locked"),
                                            ("unable to open database file", "cannot open")])
def test_write_faults_are_one_line(tmp_path, monkeypatch, message, cause):
    """Run as root, permissions and quotas do not stop SQLite here: the fault is raised where SQLite would."""
    db = filled(tmp_path / "v.db")
    txt = tmp_path / "a.txt"
    txt.write_text("Un titre\n\nUn texte assez long pour un article.", "utf-8")
    original = FaultConnection.raw_execute

    def failing(conn, sql, *args):
        if sql.startswith("INSERT OR IGNORE INTO articles"):
            raise sqlite3.OperationalError(message)
        return original(conn, sql, *args)

    monkeypatch.setattr(FaultConnection, "raw_execute", failing)
    res = CliRunner().invoke(cli, ["ingest", str(txt), "--db", str(db), "--no-nlp"])
    one_line_error(res, db, cause)


def test_every_fault_reason_names_a_cause():
    for key, why in FAULTS:
        assert why in str(store_fault("x.db", sqlite3.OperationalError(f"... {key} ...")))


def test_a_lock_held_too_long_is_named(tmp_path, monkeypatch):
    db = filled(tmp_path / "v.db")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.2)
    try:
        with Store(db) as s, pytest.raises(VeilleError, match="locked"):
            s.write([Article(id="x", title="t", text="t\n\nx", language="fr")])
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_serve_refuses_a_store_it_cannot_read(tmp_path):
    from veille.web.app import create_app

    bad = tmp_path / "garbage.db"
    bad.write_bytes(b"\x00garbage" * 500)
    one_line_error(CliRunner().invoke(cli, ["serve", "--db", str(bad)]), bad, "not a SQLite database")
    with pytest.raises(VeilleError, match="no such database"):
        create_app(tmp_path / "missing.db")


def _first_use(path: str, n: int, out) -> None:
    try:
        with Store(path) as s:
            s.write([Article(id=f"p{n}", title=f"T{n}", text=f"T{n}\n\ntexte", language="fr")])
        out.put("ok")
    except Exception as e:  # reported to the parent, which fails the test with it
        out.put(f"{type(e).__name__}: {e}")


def test_first_uses_racing_on_a_new_store_all_succeed(tmp_path):
    ctx = multiprocessing.get_context("fork")
    for round_ in range(6):
        path = str(tmp_path / f"race{round_}.db")
        out = ctx.Queue()
        procs = [ctx.Process(target=_first_use, args=(path, n, out)) for n in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        results = [out.get(timeout=5) for _ in procs]
        assert results == ["ok"] * 4, results
        with Store(path, readonly=True) as s:
            assert s.count() == 4


def test_stats_json_on_a_good_store(tmp_path):
    db = filled(tmp_path / "v.db")
    res = CliRunner().invoke(cli, ["stats", "--db", str(db), "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.output)["articles"] == 40
