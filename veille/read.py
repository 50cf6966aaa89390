"""Reading inputs: files, folders, stdin → `Raw` records (title, body, metadata), or a `Failure` naming the input.

Readers never raise for a bad input: they yield a Failure and go on, so one broken line in a JSONL file or one
binary file in a folder costs only itself.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from veille.errors import Failure, InputError
from veille.model import make_id
from veille.settings import Settings
from veille.titles import page_title

TEXT_FIELDS = ("text", "body", "content", "article")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("published", "published_time", "date", "publication_date", "pubdate", "datePublished")
SOURCE_FIELDS = ("source", "source_contenu", "site", "sitename", "publisher")
KNOWN_FIELDS = {"id", "url", "language", "lang", "html", *TEXT_FIELDS, *TITLE_FIELDS, *DATE_FIELDS, *SOURCE_FIELDS}
HTML_BYTES_PER_CHAR = 20
"""An HTML page may weigh this many bytes per character of article text before we refuse it unread."""

SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".json": "jsonl",
            ".ndjson": "jsonl", ".warc": "warc"}


@dataclass(slots=True)
class Raw:
    """An input record before cleaning: what the page or file said, as it said it."""

    input: str
    title: str
    body: str
    fmt: str
    external_id: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def content_id(self) -> str:
        """Derived from what was read, not from cleaning, so a better cleaner never re-keys a store."""
        return make_id(self.external_id, self.url, self.title, " ".join(self.body.split()))


def read(inputs: Iterable[str], settings: Settings) -> Iterator[Raw | Failure]:
    for name in inputs:
        if name == "-":
            yield from _guard("<stdin>", lambda: read_bytes(sys.stdin.buffer.read(), "<stdin>", settings))
            continue
        path = Path(name)
        if path.is_dir():
            for p in walk(path):
                yield from _guard(str(p), lambda p=p: read_file(p, settings))
        else:
            yield from _guard(name, lambda path=path: read_file(path, settings))


def walk(folder: Path) -> Iterator[Path]:
    """Supported files under a folder, recursively, in a stable order; hidden files and others skipped."""
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts) \
                and kind_of(p) is not None:
            yield p


def kind_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return SUFFIXES.get(suffixes[-1]) if suffixes else None


def _guard(where: str, produce) -> Iterator[Raw | Failure]:
    try:
        yield from produce()
    except InputError as e:
        yield Failure(e.where, e.reason)
    except OSError as e:
        yield Failure(where, e.strerror or str(e))


def read_file(path: Path, settings: Settings) -> Iterator[Raw]:
    where = str(path)
    if not path.exists():
        raise InputError(where, "no such file or directory")
    kind = kind_of(path)
    if kind is None:
        raise InputError(where, f"unsupported file type {''.join(path.suffixes) or '(no extension)'!r} "
                                "(expected .txt, .html, .htm, .jsonl, .json, .warc, optionally .gz)")
    limit = settings.max_chars * (HTML_BYTES_PER_CHAR if kind in ("html", "warc") else 4)
    if kind in ("jsonl", "warc"):
        yield from (read_jsonl if kind == "jsonl" else read_warc)(path, settings)
        return
    data = _read_limited(path, limit, settings)
    yield from _from_bytes(kind, data, where, settings)


def read_bytes(data: bytes, where: str, settings: Settings) -> Iterator[Raw]:
    """Standard input: the format is sniffed from the first bytes."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, where)
    head = data.lstrip()[:20]
    if head.startswith(b"WARC/"):
        yield from _warc_records(io.BytesIO(data), where, settings)
    elif head[:1] in (b"{", b"["):
        yield from _json_records(io.BytesIO(data), where, settings)
    elif head[:1] == b"<":
        yield from _from_bytes("html", data, where, settings)
    else:
        yield from _from_bytes("txt", data, where, settings)


def _from_bytes(kind: str, data: bytes, where: str, settings: Settings) -> Iterator[Raw]:
    if kind == "html":
        yield html_record(decode(data, where, html=True), where, settings)
    else:
        yield txt_record(decode(data, where), where, settings)


def _read_limited(path: Path, limit: int, settings: Settings) -> bytes:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rb") as fh:
            data = fh.read(limit + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        raise InputError(str(path), f"corrupt or truncated gzip file ({e})") from None
    if len(data) > limit:
        raise InputError(str(path), f"file is over the size limit ({limit:,} bytes for "
                                    f"--max-chars {settings.max_chars:,})")
    return data


def _gunzip(data: bytes, where: str) -> bytes:
    try:
        return gzip.decompress(data)
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        raise InputError(where, f"corrupt or truncated gzip data ({e})") from None


# --- decoding -------------------------------------------------------------------------------------------

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(data: bytes, where: str, html: bool = False) -> str:
    """UTF-8 first, then the page's declared charset, then cp1252 (French pages of the Windows era), then
    latin-1; bytes that decode only into control characters are binary, not text."""
    if not data.strip():
        raise InputError(where, "file is empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _check_text(data.decode(codec, errors="replace"), where)
    if b"\x00" in data[:65536]:
        raise InputError(where, "binary data, not text (NUL bytes)")
    for codec in _candidates(data, html):
        try:
            return _check_text(data.decode(codec), where)
        except (UnicodeDecodeError, LookupError):
            continue
    return _check_text(data.decode("latin-1"), where)


def _candidates(data: bytes, html: bool) -> list[str]:
    codecs = ["utf-8"]
    if html and (m := _CHARSET.search(data[:4096])):
        codecs.append(m.group(1).decode("ascii").lower())
    return codecs + ["cp1252"]


def _check_text(text: str, where: str) -> str:
    sample = text[:65536]
    control = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cs") and c not in "\t\n\r\f")
    if control > max(2, len(sample) // 100):
        raise InputError(where, "binary data, not text (control characters)")
    return text


# --- formats --------------------------------------------------------------------------------------------

def txt_record(text: str, where: str, settings: Settings) -> Raw:
    """Plain text: the first non-empty line is the title, the rest the body."""
    lines = text.lstrip("\ufeff").splitlines()
    i = next((k for k, line in enumerate(lines) if line.strip()), None)
    if i is None:
        raise InputError(where, "file is empty")
    body = "\n".join(lines[i + 1:])
    _check_size(body, where, settings)
    return Raw(input=where, title=lines[i].strip(), body=body, fmt="txt")


def html_record(html: str, where: str, settings: Settings, url: str | None = None) -> Raw:
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                              include_tables=False, deduplicate=False)
    except Exception as e:  # trafilatura raises assorted lxml/parser errors on broken markup
        raise InputError(where, f"HTML could not be parsed ({type(e).__name__})") from None
    if doc is None or not (doc.text or "").strip():
        raise InputError(where, "HTML page has no main text")
    body = doc.text.replace("\n", "\n\n")
    _check_size(body, where, settings)
    title = page_title(html, (doc.title or "").strip(), doc.sitename)
    return Raw(input=url or where, title=title, body=body, fmt="html",
               url=url or doc.url, source=doc.sitename or doc.hostname, published=doc.date,
               language=doc.language, meta=_html_meta(doc))


def _html_meta(doc: Any) -> dict[str, Any]:
    return {k: v for k, v in (("author", doc.author), ("description", doc.description)) if v}


def read_jsonl(path: Path, settings: Settings) -> Iterator[Raw | Failure]:
    """`.jsonl` streams line by line; `.json` may also be one object or an array, so it is read whole."""
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as fh:
        if ".json" in [s.lower() for s in path.suffixes[-2:]]:
            yield from _json_records(io.BytesIO(_read_all(fh, str(path))), str(path), settings)
        else:
            yield from _json_lines(fh, str(path), settings)


def _read_all(fh: BinaryIO, where: str) -> bytes:
    try:
        return fh.read()
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        raise InputError(where, f"corrupt or truncated gzip file ({e})") from None


def _json_records(fh: io.BytesIO, where: str, settings: Settings) -> Iterator[Raw | Failure]:
    """A whole JSON document (one object, or an array of them), else JSON Lines."""
    data = fh.getvalue()
    if not data.strip():
        raise InputError(where, "file is empty")
    try:
        whole = json.loads(decode(data, where))
    except json.JSONDecodeError:
        yield from _json_lines(fh, where, settings)
        return
    items = whole if isinstance(whole, list) else [whole]
    for n, obj in enumerate(items, 1):
        yield from _record_or_failure(obj, f"{where}:{n}" if isinstance(whole, list) else where, settings)


def _json_lines(fh: BinaryIO, where: str, settings: Settings) -> Iterator[Raw | Failure]:
    """A bad line is a Failure at `path:line`, not the end of the file."""
    n = 0
    seen = False
    try:
        for n, line in enumerate(fh, 1):
            if line.strip():
                seen = True
                yield from _json_line(line, f"{where}:{n}", settings)
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        yield Failure(where, f"corrupt or truncated gzip file after line {n} ({e})")
        return
    if not seen:
        yield Failure(where, "file is empty")


def _json_line(line: bytes, where: str, settings: Settings) -> Iterator[Raw | Failure]:
    try:
        obj = json.loads(decode(line, where))
    except InputError as e:
        yield Failure(e.where, e.reason)
        return
    except json.JSONDecodeError as e:
        yield Failure(where, f"invalid JSON ({e.msg}, column {e.colno})")
        return
    yield from _record_or_failure(obj, where, settings)


def _record_or_failure(obj: Any, where: str, settings: Settings) -> Iterator[Raw | Failure]:
    try:
        yield json_record(obj, where, settings)
    except InputError as e:
        yield Failure(e.where, e.reason)


def json_record(obj: Any, where: str, settings: Settings) -> Raw:
    if not isinstance(obj, dict):
        raise InputError(where, f"expected a JSON object, got {type(obj).__name__}")
    url = _first(obj, ("url",))
    if not _first(obj, TEXT_FIELDS) and isinstance(obj.get("html"), str):
        raw = html_record(obj["html"], where, settings, url=url)
    else:
        body = _first(obj, TEXT_FIELDS)
        if not body or not body.strip():
            raise InputError(where, "record has no text (expected one of: " + ", ".join(TEXT_FIELDS) + ")")
        _check_size(body, where, settings)
        raw = Raw(input=where, title=(_first(obj, TITLE_FIELDS) or "").strip(), body=body, fmt="jsonl")
    raw.input = where
    raw.external_id = None if obj.get("id") is None else str(obj["id"])
    raw.url = url or raw.url
    raw.source = _first(obj, SOURCE_FIELDS) or raw.source
    raw.published = _first(obj, DATE_FIELDS) or raw.published
    raw.language = _first(obj, ("language", "lang")) or raw.language
    raw.meta.update({k: v for k, v in obj.items() if k not in KNOWN_FIELDS})
    return raw


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = obj.get(k)
        if v not in (None, ""):
            return str(v)
    return None


def read_warc(path: Path, settings: Settings) -> Iterator[Raw | Failure]:
    with open(path, "rb") as fh:
        yield from _warc_records(fh, str(path), settings)


def _warc_records(fh: BinaryIO, where: str, settings: Settings) -> Iterator[Raw | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for rec in ArchiveIterator(fh):
            if rec.rec_type not in ("response", "resource"):
                continue
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else
                     rec.rec_headers.get_header("Content-Type")) or ""
            if "html" not in ctype.lower():
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI") or where
            yield from _guard(url, lambda rec=rec, url=url: _warc_page(rec, url, settings))
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as e:
        yield Failure(where, f"corrupt or truncated WARC ({e})")


def _warc_page(rec: Any, url: str, settings: Settings) -> Iterator[Raw]:
    data = rec.content_stream().read(settings.max_chars * HTML_BYTES_PER_CHAR + 1)
    if len(data) > settings.max_chars * HTML_BYTES_PER_CHAR:
        raise InputError(url, "page is over the size limit")
    raw = html_record(decode(data, url, html=True), url, settings, url=url)
    raw.meta["crawled"] = rec.rec_headers.get_header("WARC-Date")
    yield raw


def _check_size(text: str, where: str, settings: Settings) -> None:
    if len(text) > settings.max_chars:
        raise InputError(where, f"text is {len(text):,} characters, over the limit of "
                                f"{settings.max_chars:,} (--max-chars)")
