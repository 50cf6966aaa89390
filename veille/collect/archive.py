"""Every answer `veille watch` gets, kept as WARC records (warcio), so that any page can be read again later.

Each pass appends to a file of its own (`veille-YYYYmmddTHHMMSSZ-PID.warc.gz`), one gzip member per record: a
record is found again by its file and offset, which the store keeps for every fetched article URL. A record is
flushed and synced to disk before the store says the page was fetched, so a rerun after kill -9 reads the page
from here instead of fetching it again. Bodies are stored decoded (the `Content-Encoding` is dropped from the
stored headers and `Content-Length` set to what is stored), so any WARC reader, `veille ingest` included, reads
them as they are.
"""

from __future__ import annotations

import os
import time
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from veille.collect.fetch import Fetched

DROPPED = {"content-encoding", "transfer-encoding", "content-length"}


class Archive:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.name = f"veille-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{os.getpid()}.warc.gz"
        self._fh: BinaryIO | None = None

    def _open(self) -> BinaryIO:
        if self._fh is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.folder / self.name, "ab")  # noqa: SIM115 - kept open for the pass
            self.writer = WARCWriter(self._fh, gzip=True)
        return self._fh

    def write(self, got: Fetched) -> tuple[str, int]:
        """The request and response records of one answer; returns where the response record starts."""
        fh = self._open()
        req = StatusAndHeaders(f"GET {_path(got.url)} HTTP/1.1", got.request_headers, is_http_request=True)
        self.writer.write_record(self.writer.create_warc_record(got.url, "request", http_headers=req))
        headers = [(k, v) for k, v in got.headers if k.lower() not in DROPPED]
        headers.append(("Content-Length", str(len(got.body))))
        status = StatusAndHeaders(f"{got.status} {got.reason}".strip(), headers, protocol="HTTP/1.1")
        offset = fh.tell()
        rec = self.writer.create_warc_record(got.final_url, "response", payload=BytesIO(got.body),
                                             http_headers=status)
        self.writer.write_record(rec)
        fh.flush()
        os.fsync(fh.fileno())
        return self.name, offset

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def read_record(folder: str | Path, name: str, offset: int) -> tuple[str, bytes]:
    """The URL and body of the response record at `offset` of an archive file."""
    with open(Path(folder) / name, "rb") as fh:
        fh.seek(offset)
        for rec in ArchiveIterator(fh):
            if rec.rec_type == "response":
                return rec.rec_headers.get_header("WARC-Target-URI"), rec.content_stream().read()
            break
    raise ValueError(f"{name}@{offset}: no response record there")


def _path(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
