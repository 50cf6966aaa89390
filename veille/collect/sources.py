"""What a source lists: the article URLs of a feed or a sitemap, and the feeds and sitemaps a site points to.

A SOURCE given to `veille watch` is a URL (a feed, a sitemap or sitemap index, a site's page) or a file listing
sources: one URL a line (`#` comments), or TOML with `[[source]]` tables (`url`, and optional `name`,
`interval` in seconds, `language`). What a URL is, is read off its answer, not its name: feedparser recognises
RSS and Atom, a `<urlset>` or `<sitemapindex>` is a sitemap (news sitemaps included), anything else is a page
whose `<link rel="alternate">` feeds (trafilatura's `determine_feed`) and whose site's robots.txt `Sitemap:`
lines are polled in its place.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import courlan

from veille.errors import InputError

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_LISTED = 50_000
"""URLs taken from one feed or sitemap at most (a sitemap's own limit)."""


@dataclass(frozen=True)
class Source:
    url: str
    name: str | None = None
    interval: float | None = None
    language: str | None = None


@dataclass
class Listing:
    """What one answer of a source lists."""

    kind: str
    """"feed", "sitemap", "index" (a sitemap index) or "page" (a site's page)."""
    articles: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    """Feeds and sitemaps to poll in its place (a page's, an index's)."""


def load_sources(args: list[str]) -> list[Source]:
    """The sources named on the command line, files of sources read; a bad file or entry is an InputError."""
    out: list[Source] = []
    for arg in args:
        if arg.startswith(("http://", "https://")):
            out.append(Source(arg))
        elif Path(arg).is_file():
            out += _source_file(Path(arg))
        else:
            raise InputError(arg, "neither an http(s) URL nor a file of sources")
    return out


def _source_file(path: Path) -> list[Source]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"unreadable ({e.__class__.__name__})") from None
    if path.suffix == ".toml":
        try:
            entries = tomllib.loads(text).get("source", [])
        except tomllib.TOMLDecodeError as e:
            raise InputError(str(path), f"not valid TOML ({e})") from None
        return [_toml_source(path, i, e) for i, e in enumerate(entries, 1)]
    urls = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    bad = next((u for u in urls if not u.startswith(("http://", "https://"))), None)
    if bad is not None:
        raise InputError(str(path), f"not an http(s) URL: {bad[:80]!r}")
    return [Source(u) for u in urls]


def _toml_source(path: Path, i: int, entry: object) -> Source:
    if not isinstance(entry, dict) or not str(entry.get("url", "")).startswith(("http://", "https://")):
        raise InputError(str(path), f"source {i} has no http(s) url")
    interval = entry.get("interval")
    if interval is not None and (not isinstance(interval, int | float) or interval <= 0):
        raise InputError(str(path), f"source {i}: interval must be a positive number of seconds")
    return Source(entry["url"], entry.get("name"), interval, entry.get("language"))


def normalised(url: str, base: str | None = None) -> str | None:
    """One spelling per article: absolute, lower-case host, tracking parameters and fragment dropped (courlan);
    None for what is not a web page's URL."""
    if base:
        url = urljoin(base, url)
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        return courlan.normalize_url(url, strict=True)
    except ValueError:
        return None


def listing(url: str, body: bytes, content_type: str | None = None) -> Listing:
    """What the answer to `url` lists."""
    head = body[:2048].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head or (head.startswith(b"<?xml") and b"sitemap" in head):
        return _sitemap(url, body)
    if not head.startswith((b"<!doctype html", b"<html")):
        import feedparser

        feed = feedparser.parse(body)
        if feed.get("version") and not (content_type or "").startswith("text/html"):
            links = [e.get("link") for e in feed.entries[:MAX_LISTED]]
            return Listing("feed", _clean([x for x in links if x], url))
    return _page(url, body)


def _sitemap(url: str, body: bytes) -> Listing:
    """A `<urlset>` lists pages (news sitemaps add their `<news:news>`, which is not needed here); a
    `<sitemapindex>` lists sitemaps. Parsed without entities or network (hostile XML stays data)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return Listing("sitemap")

    def locs(parent: str) -> list[str]:
        out = []
        for el in root.iter(f"{{{SITEMAP_NS}}}{parent}", parent):
            loc = el.find(f"{{{SITEMAP_NS}}}loc")
            loc = el.find("loc") if loc is None else loc
            if loc is not None and loc.text:
                out.append(loc.text.strip())
        return out[:MAX_LISTED]

    if etree.QName(root).localname == "sitemapindex":
        return Listing("index", sources=_clean(locs("sitemap"), url))
    return Listing("sitemap", _clean(locs("url"), url))


def _page(url: str, body: bytes) -> Listing:
    from trafilatura.feeds import FeedParameters, determine_feed

    host = urlsplit(url).netloc
    params = FeedParameters(url, host, url, external=True)
    feeds = determine_feed(body.decode("utf-8", "replace"), params)
    return Listing("page", sources=_clean(feeds, url))


def _clean(urls: list[str], base: str) -> list[str]:
    seen: dict[str, None] = {}
    for u in urls:
        n = normalised(u.strip(), base)
        if n:
            seen.setdefault(n)
    return list(seen)
