from __future__ import annotations

import gzip
import io
import json
import random

import pytest

from veille.errors import Failure
from veille.read import Raw, decode, read, read_bytes
from veille.settings import Settings

from .conftest import RT_REPUBLISHED, needs_shared


def read_all(paths, settings=None):
    return list(read([str(p) for p in paths], settings or Settings(annotate=False)))


def test_txt_first_nonempty_line_is_title(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("\n\n  Le titre  \n\nLe corps.\n", encoding="utf-8")
    [raw] = read_all([p])
    assert raw.title == "Le titre" and raw.body.strip() == "Le corps." and raw.input == str(p)


def test_cp1252_text_is_decoded_not_mojibake(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("Élysée\n\nLe président a été reçu à l'Élysée – «déjà».".encode("cp1252"))
    [raw] = read_all([p])
    assert raw.title == "Élysée" and "été reçu" in raw.body and "–" in raw.body


def test_latin1_only_bytes_fall_back():
    assert decode("café".encode("latin-1"), "x") == "café"


def test_html_declared_charset_is_honoured():
    html = '<html><head><meta charset="iso-8859-15"></head><body>€uro</body></html>'.encode("iso-8859-15")
    assert "€" in decode(html, "x", html=True)


def test_utf8_bom_is_stripped():
    assert decode("\ufeffTitre".encode("utf-8"), "x") == "Titre"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\n ", "empty"),
    (random.Random(1).randbytes(4000), "binary"),
    (bytes(b or 1 for b in random.Random(2).randbytes(4000)), "binary"),
    (b"\x00\x01\x02abc" * 10, "binary"),
])
def test_bad_bytes_are_refused_with_a_reason(tmp_path, data, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    [f] = read_all([p])
    assert isinstance(f, Failure) and f.where == str(p) and reason in f.reason


def test_missing_path_and_unknown_suffix(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    fails = read_all([tmp_path / "nope.txt", tmp_path / "x.pdf"])
    assert [f.reason.split()[0] for f in fails] == ["no", "unsupported"]


def test_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("Titre\n\n" + "mot " * 3000, encoding="utf-8")
    [f] = read_all([p], Settings(max_chars=1000))
    assert isinstance(f, Failure) and "limit" in f.reason
    [ok] = read_all([p], Settings(max_chars=100_000))
    assert isinstance(ok, Raw)


def test_jsonl_fields_metadata_and_line_numbers(tmp_path):
    p = tmp_path / "a.jsonl"
    rec = {"id": 7, "url": "https://www.example.fr/a", "title": "T", "body": "Corps.", "date": "2020-01-02",
           "source_contenu": "AFP", "heading": "chapô"}
    p.write_text("\n" + json.dumps(rec) + "\n", encoding="utf-8")
    [raw] = read_all([p])
    assert (raw.external_id, raw.title, raw.body, raw.published, raw.source) == ("7", "T", "Corps.",
                                                                                  "2020-01-02", "AFP")
    assert raw.input == f"{p}:2" and raw.meta == {"heading": "chapô"}


def test_jsonl_broken_line_among_good_ones(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"title": "A", "text": "a."}\n{"title": "B", "te\n{"title": "C", "text": "c."}\n[1]\n'
                 '{"title": "D"}\n', encoding="utf-8")
    items = read_all([p])
    assert [i.title for i in items if isinstance(i, Raw)] == ["A", "C"]
    fails = [i for i in items if isinstance(i, Failure)]
    assert [f.where for f in fails] == [f"{p}:2", f"{p}:4", f"{p}:5"]
    assert "invalid JSON" in fails[0].reason and "object" in fails[1].reason and "no text" in fails[2].reason


def test_truncated_jsonl_gz_keeps_what_came_before(tmp_path):
    lines = "".join(json.dumps({"title": f"T{i}", "text": "x " * 200}) + "\n" for i in range(50))
    data = gzip.compress(lines.encode())
    p = tmp_path / "a.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    items = read_all([p])
    good = [i for i in items if isinstance(i, Raw)]
    assert 0 < len(good) < 50
    assert isinstance(items[-1], Failure) and "truncated" in items[-1].reason


def test_json_array_and_single_object(tmp_path):
    a = tmp_path / "a.json"
    a.write_text(json.dumps([{"title": "A", "text": "a."}, {"title": "B", "body": "b."}], indent=2))
    b = tmp_path / "b.json"
    b.write_text(json.dumps({"title": "C", "text": "c."}, indent=2))
    assert [r.title for r in read_all([a, b])] == ["A", "B", "C"]


def test_jsonl_record_with_html(tmp_path):
    html = "<html><head><title>Titre HTML</title></head><body><article><p>" + "Une phrase. " * 40 + \
           "</p></article></body></html>"
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"id": "h1", "url": "https://x.fr/a", "html": html}) + "\n")
    [raw] = read_all([p])
    assert raw.fmt == "html" and "Une phrase." in raw.body and raw.external_id == "h1"


def test_folder_is_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("B\n\nb.")
    (tmp_path / "1.txt").write_text("A\n\na.")
    (tmp_path / ".hidden.txt").write_text("H\n\nh.")
    (tmp_path / "notes.md").write_text("ignored")
    assert [r.title for r in read_all([tmp_path])] == ["A", "B"]


def test_stdin_formats_are_sniffed(settings):
    assert next(read_bytes(b"Titre\n\ncorps", "<stdin>", settings)).title == "Titre"
    j = json.dumps({"title": "J", "text": "j."}).encode()
    assert next(read_bytes(j, "<stdin>", settings)).title == "J"
    assert next(read_bytes(gzip.compress(j), "<stdin>", settings)).title == "J"


def test_warc_pages(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    p = tmp_path / "a.warc.gz"
    with open(p, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, body in enumerate([b"<html><head><title>Page une</title></head><body><article><p>" +
                                  b"Le texte de la page. " * 30 + b"</p></article></body></html>",
                                  b"\x00\x01binary"]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.0")
            rec = writer.create_warc_record(f"https://example.fr/{i}", "response", payload=io.BytesIO(body),
                                            http_headers=headers)
            writer.write_record(rec)
    items = read_all([p])
    assert isinstance(items[0], Raw) and items[0].input == "https://example.fr/0"
    assert "Le texte de la page." in items[0].body
    assert isinstance(items[1], Failure) and items[1].where == "https://example.fr/1"


def test_malformed_html_is_read_or_refused_cleanly(tmp_path):
    p = tmp_path / "m.html"
    p.write_bytes(b"<html><body><div><p>Texte <b>sans fin <i>" + b"mot " * 200 + b"<<>>")
    [item] = read_all([p])
    assert isinstance(item, (Raw, Failure))
    if isinstance(item, Raw):
        assert "mot" in item.body


@needs_shared
def test_rt_page_reads():
    [raw] = read_all([RT_REPUBLISHED])
    assert raw.title == "Le Venezuela et la Russie renouvellent leur collaboration militaire et énergétique"
