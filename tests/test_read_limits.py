"""Hostile inputs, each beside a good one: limits hold while the input is streamed (never after reading it all),
every refusal names the input and its reason, the good neighbour is always read, and nothing blocks."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from veille.errors import Failure
from veille.read import MAX_DEPTH, Raw, read, read_stream
from veille.settings import Settings

GOOD = {"id": "good", "title": "Un bon article", "body": "Le texte de l'article, en entier."}


def good_file(folder: Path) -> Path:
    p = folder / "good.jsonl"
    p.write_text(json.dumps(GOOD) + "\n", "utf-8")
    return p


def outcome(paths: list[Path], settings: Settings) -> tuple[list[Raw], list[Failure]]:
    items = list(read([str(p) for p in paths], settings))
    return [x for x in items if isinstance(x, Raw)], [x for x in items if isinstance(x, Failure)]


def write_gzip_line(path: Path, size: int, chunk: bytes = b"a" * 2**20) -> None:
    with gzip.open(path, "wb", compresslevel=1) as f:
        f.write(b'{"title": "t", "body": "')
        for _ in range(size // len(chunk)):
            f.write(chunk)
        f.write(b'"}\n')
        f.write((json.dumps(GOOD) + "\n").encode())


def peak_mb(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_gzip_bomb_line_is_refused_while_streaming(tmp_path):
    bomb = tmp_path / "bomb.jsonl.gz"
    write_gzip_line(bomb, 200 * 2**20)
    settings = Settings(max_chars=100_000, annotate=False)
    result: list = []
    peak = peak_mb(lambda: result.append(outcome([bomb, good_file(tmp_path)], settings)))
    raws, fails = result[0]
    assert [f.where for f in fails] == [f"{bomb}:1"] and "over the size limit" in fails[0].reason
    assert [r.external_id for r in raws] == ["good", "good"]  # the record after the bomb line, and the neighbour
    assert peak < 20, f"{peak:.0f} MB held while reading a 200 MB line"


def test_gzip_bomb_on_standard_input_is_streamed_too(tmp_path):
    bomb = tmp_path / "bomb.jsonl.gz"
    write_gzip_line(bomb, 100 * 2**20)
    settings = Settings(max_chars=100_000, annotate=False)
    result: list = []
    with open(bomb, "rb") as fh:
        peak = peak_mb(lambda: result.extend(read_stream(fh, "<stdin>", settings)))
    assert isinstance(result[0], Failure) and "over the size limit" in result[0].reason
    assert isinstance(result[1], Raw) and peak < 20


@pytest.mark.parametrize("blank", [b" ", b"\n"])
def test_json_document_of_whitespace_is_refused(tmp_path, blank):
    path = tmp_path / "ws.json.gz"
    with gzip.open(path, "wb", compresslevel=1) as f:
        for _ in range(80):
            f.write(blank * 2**20)
        f.write(json.dumps(GOOD).encode())
    raws, fails = outcome([path, good_file(tmp_path)], Settings(max_chars=100_000, annotate=False))
    assert len(fails) == 1 and fails[0].where.startswith(str(path)) and [r.external_id for r in raws] == ["good"]


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_json_nested_100000_deep_is_a_named_failure(tmp_path, suffix):
    deep = tmp_path / f"deep{suffix}"
    deep.write_text("[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    raws, fails = outcome([deep, good_file(tmp_path)], Settings(annotate=False))
    assert len(fails) == 1 and fails[0].where.startswith(str(deep)) and "nested" in fails[0].reason
    assert [r.external_id for r in raws] == ["good"]


def test_a_deeply_nested_meta_field_is_refused_at_reading(tmp_path):
    meta: dict = {}
    node = meta
    for _ in range(600):
        node["x"] = {}
        node = node["x"]
    path = tmp_path / "meta.jsonl"
    path.write_text(json.dumps({**GOOD, "id": "deep", "extra": meta}) + "\n" + json.dumps(GOOD) + "\n", "utf-8")
    raws, fails = outcome([path], Settings(annotate=False))
    assert [f.where for f in fails] == [f"{path}:1"] and f"{MAX_DEPTH} levels" in fails[0].reason
    assert [r.external_id for r in raws] == ["good"]


def warc(records: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(records):
        html = (f"<html><head><title>Page {i}</title></head><body><article><p>"
                + "Un paragraphe de texte assez long pour être gardé. " * 40 + "</p></article></body></html>")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"http://example.org/{i}", "response",
                                                      payload=io.BytesIO(html.encode()), http_headers=headers))
    return buf.getvalue()


def test_warc_truncated_mid_record_keeps_the_whole_record_only(tmp_path):
    path = tmp_path / "cut.warc"
    path.write_bytes(warc(2)[:-900])
    raws, fails = outcome([path, good_file(tmp_path)], Settings(annotate=False))
    assert [r.title for r in raws] == ["Page 0", "Un bon article"]
    assert [f.where for f in fails] == ["http://example.org/1"] and "truncated" in fails[0].reason


def test_unreadable_subfolder_is_named(tmp_path, monkeypatch):
    """Run as root, permissions do not stop reading: the folder's listing is made to fail instead."""
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.jsonl").write_text(json.dumps(GOOD) + "\n", "utf-8")
    good_file(tmp_path)
    real = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    raws, fails = outcome([tmp_path], Settings(annotate=False))
    assert [f.where for f in fails] == [str(tmp_path / "locked")] and "Permission denied" in fails[0].reason
    assert [r.external_id for r in raws] == ["good"]


def test_symlink_loop_is_named(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    good_file(tmp_path / "d")
    raws, fails = outcome([tmp_path], Settings(annotate=False))
    assert len(fails) == 1 and "loop" in fails[0].reason and len(raws) == 1


def test_fifo_is_named_never_waited_on(tmp_path):
    """In a subprocess with a timeout: a read that blocks fails the test instead of hanging it."""
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    (tmp_path / "sub").mkdir()
    os.mkfifo(tmp_path / "sub" / "other.txt")
    good = good_file(tmp_path)
    code = ("import sys; from veille.read import read; from veille.settings import Settings\n"
            "for x in read(sys.argv[1:], Settings(annotate=False)): print(type(x).__name__, x)\n")
    done = subprocess.run([sys.executable, "-c", code, str(fifo), str(tmp_path / "sub"), str(good)],
                          capture_output=True, text=True, timeout=60)
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"Failure {fifo}: not a regular file (a FIFO)")
    assert lines[1].startswith(f"Failure {tmp_path / 'sub' / 'other.txt'}: not a regular file (a FIFO)")
    assert lines[2].startswith("Raw") and len(lines) == 3


def test_max_chars_beyond_the_ceiling_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from veille.cli import cli

    res = CliRunner().invoke(cli, ["extract", str(good_file(tmp_path)), "--max-chars", "60000000"])
    assert res.exit_code == 2 and "--max-chars" in res.output


STRUCTURES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                          lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids,
                                                                                    max_size=4), max_leaves=12)
ENCODINGS = ["utf-8", "utf-16", "cp1252", "latin-1", "utf-8-sig"]


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=400),
                      st.builds(lambda s, enc: s.encode(enc, errors="replace"), st.text(max_size=200),
                                st.sampled_from(ENCODINGS)),
                      st.builds(lambda obj: (json.dumps(obj) + "\n").encode(), STRUCTURES),
                      st.builds(lambda n: b"[" * n + b"]" * (n // 2), st.integers(0, 5000))),
       suffix=st.sampled_from([".txt", ".html", ".jsonl", ".json", ".warc", ".jsonl.gz", ".json.gz"]),
       compress=st.booleans())
def test_reading_never_raises_and_never_loses_the_good_neighbour(tmp_path, data, suffix, compress):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(gzip.compress(data) if compress and suffix.endswith(".gz") else data)
    good = good_file(tmp_path)
    items = list(read([str(path), str(good)], Settings(annotate=False)))
    assert items and all(isinstance(x, Raw | Failure) for x in items)
    assert any(isinstance(x, Raw) and x.external_id == "good" and x.input == f"{good}:1" for x in items)
    assert all(x.where and x.reason for x in items if isinstance(x, Failure))
