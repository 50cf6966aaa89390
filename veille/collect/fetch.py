"""Polite HTTP for `veille watch`: robots.txt obeyed, one host at a time with a delay, bounded in time and size.

The user's own sources are the only network veille touches. A source is asked again with the validators it
answered with last time (ETag, Last-Modified), so an unchanged feed costs a 304. Server errors (5xx) and network
errors are retried with a growing pause; a 4xx is an answer, not a fault. Redirects are followed up to a limit
(a loop is named as one); a body is read in chunks and dropped once it passes the size limit.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from veille import __version__

USER_AGENT = f"veille/{__version__} (+https://github.com/veille/veille; news monitoring)"
RETRY_STATUSES = frozenset({500, 502, 503, 504})
CHUNK = 65536


@dataclass
class Fetched:
    """One answer, as the archive keeps it: what was asked, what came back (decoded body), or why nothing did."""

    url: str
    final_url: str
    status: int | None
    reason: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    error: str | None = None

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200


@dataclass
class Fetcher:
    user_agent: str = USER_AGENT
    delay: float = 1.0
    timeout: float = 20.0
    retries: int = 2
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, tuple[urllib.robotparser.RobotFileParser | None, str]] = field(default_factory=dict)
    """Per site: its rules (None: unreachable, nothing allowed) and its text (for the Sitemap lines)."""

    def __post_init__(self) -> None:
        self.client = httpx.Client(timeout=self.timeout, follow_redirects=True, max_redirects=self.max_redirects,
                                   headers={"User-Agent": self.user_agent})

    def close(self) -> None:
        self.client.close()

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's site, read once per run: a 4xx or a missing file allows all; an
        unreachable one (5xx, network) allows nothing there this run, as crawlers do."""
        parser, _ = self._robots_of(url)
        return parser is not None and parser.can_fetch(self.user_agent, url)

    def robots_text(self, url: str) -> str:
        """The robots.txt of the URL's site (read once per run), for its Sitemap lines."""
        return self._robots_of(url)[1]

    def _robots_of(self, url: str) -> tuple[urllib.robotparser.RobotFileParser | None, str]:
        site = origin(url)
        if site not in self._robots:
            got = self.get(site + "/robots.txt", robots=False)
            if got.status is not None and got.status < 500 and got.error is None:
                text = got.body.decode("utf-8", "replace") if got.status == 200 else ""
                parser = urllib.robotparser.RobotFileParser()
                parser.parse(text.splitlines())
                self._robots[site] = (parser, text)
            else:
                self._robots[site] = (None, "")
        return self._robots[site]

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            robots: bool = True) -> Fetched:
        if robots and not self.allowed(url):
            return Fetched(url, url, None, error="disallowed by robots.txt")
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        for attempt in range(self.retries + 1):
            self._wait(url)
            got = self._once(url, headers)
            if got.status not in RETRY_STATUSES and not (got.error and got.status is None
                                                          and got.error.startswith("network")):
                return got
            if attempt < self.retries:
                self.sleep(max(self.delay, 0.5) * 2 ** attempt)
        return got

    def _wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        pause = self._last.get(host, 0.0) + self.delay - time.monotonic()
        if pause > 0:
            self.sleep(pause)
        self._last[host] = time.monotonic()

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                body = bytearray()
                for chunk in resp.iter_bytes(CHUNK):
                    body += chunk
                    if len(body) > self.max_bytes:
                        return Fetched(url, str(resp.url), resp.status_code, resp.reason_phrase,
                                       error=f"larger than {self.max_bytes:,} bytes")
                return Fetched(url, str(resp.url), resp.status_code, resp.reason_phrase,
                               list(resp.headers.items()), list(resp.request.headers.items()), bytes(body))
        except httpx.TooManyRedirects:
            return Fetched(url, url, None, error=f"more than {self.max_redirects} redirects (a loop?)")
        except httpx.TimeoutException:
            return Fetched(url, url, None, error=f"network: no answer within {self.timeout:g} s")
        except httpx.HTTPError as e:
            return Fetched(url, url, None, error=f"network: {type(e).__name__}: {e}".rstrip(": "))


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
