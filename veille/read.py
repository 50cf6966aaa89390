"""Reading inputs: files, folders, stdin → `Raw` records (title, body, metadata), or a `Failure` naming the input.

Readers never raise for a bad input: they yield a Failure and go on, so one broken line in a JSONL file or one
binary file in a folder costs only itself.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
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
MAX_DEPTH = 32
"""Lists and objects nested deeper than this in a record are refused: no article needs it, and every later
JSON encoder (the store, `show`, the API) would need that much recursion."""
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
            yield from _guard("<stdin>", lambda: read_stream(sys.stdin.buffer, "<stdin>", settings))
            continue
        path = Path(name)
        if path.is_dir():
            for p in walk(path):
                if isinstance(p, Failure):
                    yield p
                else:
                    yield from _guard(str(p), lambda p=p: read_file(p, settings))
        else:
            yield from _guard(name, lambda path=path: read_file(path, settings))


def walk(folder: Path) -> Iterator[Path | Failure]:
    """Supported files under a folder, recursively, in a stable order; hidden files and others skipped. A
    folder that cannot be listed, a symlink loop, a FIFO, socket or device with a supported name is a Failure
    naming it, never a silent gap and never a blocking read."""
    files, seen, stack = [], set(), [folder]
    while stack:
        d = stack.pop()
        try:
            real = d.resolve(strict=True)
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except (OSError, RuntimeError) as e:
            yield Failure(str(d), f"folder cannot be read ({_why(e)})")
            continue
        if real in seen:
            yield Failure(str(d), "symlink loop (this folder is already being read)")
            continue
        seen.add(real)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            p = Path(entry.path)
            try:
                mode = p.stat().st_mode
            except (OSError, RuntimeError) as e:
                if kind_of(p) is not None or entry.is_symlink():
                    yield Failure(str(p), f"cannot be read ({_why(e)})")
                continue
            if stat.S_ISDIR(mode):
                stack.append(p)
            elif kind_of(p) is None:
                continue
            elif not stat.S_ISREG(mode):
                yield Failure(str(p), f"not a regular file ({_file_kind(mode)})")
            else:
                files.append(p)
    yield from sorted(files)


def _why(e: BaseException) -> str:
    return (e.strerror if isinstance(e, OSError) and e.strerror else str(e)) or type(e).__name__


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"))
    return next((name for test, name in kinds if test(mode)), "not a regular file")


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
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        yield Failure(where, f"corrupt or truncated gzip data ({e})")


def read_file(path: Path, settings: Settings) -> Iterator[Raw | Failure]:
    where = str(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(where, "no such file or directory") from None
    except RuntimeError as e:  # a symlink loop, on some Pythons
        raise InputError(where, f"cannot be read ({e})") from None
    if not stat.S_ISREG(mode):
        raise InputError(where, f"not a regular file ({_file_kind(mode)})")
    if kind_of(path) is None:
        raise InputError(where, f"unsupported file type {''.join(path.suffixes) or '(no extension)'!r} "
                                "(expected .txt, .html, .htm, .jsonl, .json, .warc, optionally .gz)")
    with open(path, "rb") as raw:
        fh = gzip.GzipFile(fileobj=raw) if path.suffix.lower() == ".gz" else raw
        yield from _read_kind(kind_of(path), fh, where, settings, whole_json=".json" in
                              [s.lower() for s in path.suffixes[-2:]])


def read_stream(fh: BinaryIO, where: str, settings: Settings) -> Iterator[Raw | Failure]:
    """Standard input, streamed: gzip and the format are sniffed from the first bytes."""
    fh = _peekable(fh)
    if fh.peek(2)[:2] == b"\x1f\x8b":
        fh = _peekable(gzip.GzipFile(fileobj=fh))
    head = fh.peek(4096)[:4096].lstrip()
    kind = ("warc" if head.startswith(b"WARC/") else "jsonl" if head[:1] in (b"{", b"[")
            else "html" if head[:1] == b"<" else "txt")
    yield from _read_kind(kind, fh, where, settings, whole_json=True)


def read_bytes(data: bytes, where: str, settings: Settings) -> Iterator[Raw | Failure]:
    return read_stream(io.BytesIO(data), where, settings)


def _peekable(fh: Any) -> io.BufferedReader:
    return fh if isinstance(fh, io.BufferedReader) else io.BufferedReader(fh)


def _read_kind(kind: str, fh: BinaryIO, where: str, settings: Settings, whole_json: bool
               ) -> Iterator[Raw | Failure]:
    if kind == "warc":
        yield from _warc_records(fh, where, settings)
    elif kind == "jsonl":
        yield from _json_stream(fh, where, settings, whole_json)
    else:
        limit = settings.max_chars * (HTML_BYTES_PER_CHAR if kind == "html" else 4)
        data = fh.read(limit + 1)
        if len(data) > limit:
            raise InputError(where, f"file is over the size limit ({limit:,} bytes for "
                                    f"--max-chars {settings.max_chars:,})")
        yield from _from_bytes(kind, data, where, settings)


def _from_bytes(kind: str, data: bytes, where: str, settings: Settings) -> Iterator[Raw]:
    if kind == "html":
        yield html_record(decode(data, where, html=True), where, settings)
    else:
        yield txt_record(decode(data, where), where, settings)


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


def _json_stream(fh: BinaryIO, where: str, settings: Settings, whole: bool) -> Iterator[Raw | Failure]:
    """JSON Lines, streamed line by line with each line's length bounded as it is read. Where a whole document
    is allowed (`.json`, standard input) and the first line is not a complete JSON value on its own, the input
    is one object or an array, read whole up to `json_document_limit`."""
    lines = _bounded_lines(fh, where, _line_limit(settings))
    seen = False
    for n, line in lines:
        if isinstance(line, Failure):
            yield line
            seen = True
            continue
        if not seen and whole and not _complete_json(line):
            yield from _json_document(line, fh, where, settings)
            return
        seen = True
        yield from _json_line(line, f"{where}:{n}", settings)
    if not seen:
        yield Failure(where, "file is empty")


def _line_limit(settings: Settings) -> int:
    """Bytes a JSON line may hold: every character escaped (`\\u00e9`, 6 bytes) plus room for the fields."""
    return 6 * settings.max_chars + 65_536


def json_document_limit(settings: Settings) -> int:
    return max(64 * 2**20, 8 * settings.max_chars)


def _bounded_lines(fh: BinaryIO, where: str, limit: int) -> Iterator[tuple[int, bytes | Failure]]:
    """Non-blank lines with their numbers; a line over `limit` bytes is a Failure and the rest of it is skipped
    unread into memory (a gzip bomb of one endless line costs time, not memory)."""
    n = blank = 0
    try:
        while line := fh.readline(limit + 1):
            n += 1
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := fh.readline(2**20)) and not rest.endswith(b"\n"):
                    pass
                yield n, Failure(f"{where}:{n}", f"line is over the size limit ({limit:,} bytes for --max-chars)")
            elif line.strip():
                blank = 0
                yield n, line
            elif (blank := blank + len(line)) > limit:
                yield n, Failure(where, f"over {limit:,} bytes of blank lines by line {n}: not JSON Lines")
                return
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        yield n, Failure(where, f"corrupt or truncated gzip file after line {n} ({e})")


def _complete_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


def _json_document(first: bytes, fh: BinaryIO, where: str, settings: Settings) -> Iterator[Raw | Failure]:
    limit = json_document_limit(settings)
    data = first + fh.read(limit + 1 - len(first))
    if len(data) > limit:
        raise InputError(where, f"JSON document is over the size limit ({limit:,} bytes; write large inputs "
                                "as JSON Lines, one record a line)")
    whole = _parse_json(data, where)
    items = whole if isinstance(whole, list) else [whole]
    for n, obj in enumerate(items, 1):
        yield from _record_or_failure(obj, f"{where}:{n}" if isinstance(whole, list) else where, settings)


def _parse_json(data: bytes, where: str) -> Any:
    try:
        return json.loads(decode(data, where))
    except json.JSONDecodeError as e:
        raise InputError(where, f"invalid JSON ({e.msg}, line {e.lineno} column {e.colno})") from None
    except RecursionError:
        raise InputError(where, f"JSON nested too deep (more than {MAX_DEPTH} levels)") from None


def _json_line(line: bytes, where: str, settings: Settings) -> Iterator[Raw | Failure]:
    try:
        obj = _parse_json(line, where)
    except InputError as e:
        yield Failure(e.where, e.reason)
        return
    yield from _record_or_failure(obj, where, settings)


def _record_or_failure(obj: Any, where: str, settings: Settings) -> Iterator[Raw | Failure]:
    try:
        yield json_record(obj, where, settings)
    except InputError as e:
        yield Failure(e.where, e.reason)


def depth(obj: Any, stop: int = MAX_DEPTH + 1) -> int:
    """How deeply lists and objects nest in `obj` (walked without recursion, up to `stop`)."""
    deepest, stack = 0, [(obj, 1)]
    while stack and deepest < stop:
        node, d = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, d)
            stack.extend((v, d + 1) for v in (node.values() if isinstance(node, dict) else node))
    return deepest


def json_record(obj: Any, where: str, settings: Settings) -> Raw:
    if not isinstance(obj, dict):
        raise InputError(where, f"expected a JSON object, got {type(obj).__name__}")
    if depth(obj) > MAX_DEPTH:
        raise InputError(where, f"record nested more than {MAX_DEPTH} levels deep")
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


def _warc_records(fh: BinaryIO, where: str, settings: Settings) -> Iterator[Raw | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for rec in ArchiveIterator(fh):
            if rec.rec_type not in ("response", "resource"):
                continue
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else
                     rec.rec_headers.get_header("Content-Type")) or ""
            url = rec.rec_headers.get_header("WARC-Target-URI") or where
            if "html" not in ctype.lower():
                continue
            yield from _guard(url, lambda rec=rec, url=url: _warc_page(rec, url, settings))
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as e:
        yield Failure(where, f"corrupt or truncated WARC ({e})")


def _warc_page(rec: Any, url: str, settings: Settings) -> Iterator[Raw]:
    limit = settings.max_chars * HTML_BYTES_PER_CHAR
    data = rec.content_stream().read(limit + 1)
    if len(data) > limit:
        raise InputError(url, "page is over the size limit")
    if getattr(rec.raw_stream, "limit", 0) > 0:
        # the record promised more bytes (Content-Length) than the file holds: a cut download, not a page
        raise InputError(url, f"WARC record truncated ({rec.raw_stream.limit:,} of its bytes are missing)")
    raw = html_record(decode(data, url, html=True), url, settings, url=url)
    raw.meta["crawled"] = rec.rec_headers.get_header("WARC-Date")
    yield raw


def _check_size(text: str, where: str, settings: Settings) -> None:
    if len(text) > settings.max_chars:
        raise InputError(where, f"text is {len(text):,} characters, over the limit of "
                                f"{settings.max_chars:,} (--max-chars)")
