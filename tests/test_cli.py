"""The command line as users run it: real processes, real exit codes, real stderr."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import RT_REPUBLISHED, SAMPLE, needs_shared


def veille(*args: str, stdin: bytes | None = None, env: dict | None = None, cwd=None):
    return subprocess.run([sys.executable, "-m", "veille", *args], input=stdin, capture_output=True,
                          env=env, cwd=cwd, timeout=600)


def lines(out: bytes) -> list[dict]:
    return [json.loads(x) for x in out.decode().splitlines() if x.strip()]


def test_help_lists_every_command():
    r = veille("--help")
    assert r.returncode == 0
    for cmd in ("extract", "ingest", "stats", "show", "search", "demo"):
        assert cmd in r.stdout.decode()
        assert veille(cmd, "--help").returncode == 0


def test_usage_errors_exit_2():
    assert veille("extract").returncode == 2
    assert veille("nosuchcommand").returncode == 2
    r = veille("extract", "x.txt", "--published", "pas une date")
    assert r.returncode == 2 and b"Traceback" not in r.stderr


def test_stdin_without_nlp():
    text = "Titre\n\nEmmanuel Macron a parlé à Paris, selon un texte lu sur l'entrée standard."
    r = veille("extract", "--no-nlp", "-", stdin=text.encode())
    assert r.returncode == 0
    [art] = lines(r.stdout)
    assert art["title"] == "Titre" and art["input"] == "<stdin>"
    assert art["language"] == "fr" and art["entities"] == []


def test_metadata_flags_fill_what_inputs_lack(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Titre\n\nUn texte.", encoding="utf-8")
    [art] = lines(veille("extract", "--no-nlp", str(p), "--published", "2019-10-06", "--source", "X").stdout)
    assert art["published"] == "2019-10-06" and art["source"] == "X"


@pytest.mark.slow
def test_bad_inputs_beside_good_ones(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Un bon titre\n\nLe ministre a parlé mardi à Paris devant la presse.", encoding="utf-8")
    cp = tmp_path / "cp1252.txt"
    cp.write_bytes("Élection à Besançon\n\nLe maire sortant a été réélu dès le premier tour.".encode("cp1252"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "random.txt").write_bytes(bytes(range(256)) * 20)
    import gzip
    gz = gzip.compress(b"".join(json.dumps({"id": i, "title": f"T{i}", "text": "x " * 300}).encode() + b"\n"
                                for i in range(40)))
    (tmp_path / "trunc.jsonl.gz").write_bytes(gz[: len(gz) // 2])
    (tmp_path / "mixed.jsonl").write_text('{"id": "ok1", "title": "A", "text": "Un texte."}\n{broken\n'
                                          '{"id": "ok2", "title": "B", "text": "Un autre texte."}\n')
    (tmp_path / "bad.html").write_bytes(b"<html><body><p>" + b"Texte de la page. " * 40 + b"<div><<")
    (tmp_path / "huge.txt").write_text("Titre\n\n" + "mot " * 400_000, encoding="utf-8")
    names = ["good.txt", "cp1252.txt", "empty.txt", "random.txt", "trunc.jsonl.gz", "mixed.jsonl", "bad.html",
             "huge.txt", "missing.txt"]
    r = veille("extract", *[str(tmp_path / n) for n in names])
    err = r.stderr.decode()
    assert r.returncode == 1 and "Traceback" not in err
    for name, reason in [("empty.txt", "empty"), ("random.txt", "binary"), ("trunc.jsonl.gz", "truncated"),
                         ("mixed.jsonl:2", "invalid JSON"), ("huge.txt", "limit"), ("missing.txt", "no such")]:
        assert any(name in line and reason in line for line in err.splitlines()), (name, err)
    titles = [a["title"] for a in lines(r.stdout)]
    assert "Un bon titre" in titles and "Élection à Besançon" in titles and {"A", "B"} <= set(titles)
    assert any(t.startswith("T") for t in titles)  # records before the truncation point survive
    assert len(err.splitlines()) == 6


@needs_shared
@pytest.mark.slow
def test_extract_rt_page(schema):
    jsonschema = pytest.importorskip("jsonschema")
    r = veille("extract", str(RT_REPUBLISHED), "--published", "2019-10-06")
    assert r.returncode == 0, r.stderr
    [art] = lines(r.stdout)
    jsonschema.validate(art, schema)
    assert art["title"].startswith("Le Venezuela et la Russie")
    assert len(art["removed"]) == 3 and art["published"] == "2019-10-06"
    for e in art["entities"]:
        assert art["text"][e["start"]:e["end"]] == e["text"]


@needs_shared
@pytest.mark.slow
def test_ingest_stats_search_show(tmp_path):
    db = str(tmp_path / "v.db")
    head = tmp_path / "head.jsonl"
    head.write_text("\n".join(SAMPLE.read_text("utf-8").splitlines()[:20]) + "\n", encoding="utf-8")
    r = veille("ingest", str(head), "--db", db)
    assert r.returncode == 0, r.stderr
    st = veille("stats", "--db", db, "--format", "json")
    assert st.returncode == 0, st.stderr
    assert json.loads(st.stdout)["articles"] == 20
    found = json.loads(veille("search", "retraites", "--db", db, "--format", "json").stdout)
    assert found["total"] >= 1
    shown = veille("show", found["items"][0]["id"], "--db", db)
    assert shown.returncode == 0 and found["items"][0]["title"] in shown.stdout.decode()
    missing = veille("show", "nope", "--db", db)
    assert missing.returncode == 1 and b"no article" in missing.stderr and b"Traceback" not in missing.stderr
    assert veille("stats", "--db", str(tmp_path / "none.db")).returncode == 1


@pytest.mark.parametrize("args", [["quotes", "--since", "notadate"], ["events", "--until", "zzz"],
                                  ["search", "x", "--since", "2020-13-01"], ["events", "--since", "2019-02-30"]])
def test_bad_dates_are_usage_errors(tmp_path, args):
    from click.testing import CliRunner

    from veille.cli import cli

    res = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 2 and "not a date" in res.output
