"""A small news site on 127.0.0.1 for the collection tests: a feed with an ETag, a sitemap index, robots.txt, article
pages (the RT story, a relay's copy of it, two OrangeSum articles), and the faults a crawler meets: a dead link, a
page robots.txt forbids, a flaky server, a slow answer, a redirect loop, an oversized page, a feed link with
tracking parameters. Every request is logged, so a test can count what was fetched."""

from __future__ import annotations

import contextlib
import gzip
import html
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "veille" / "data" / "demo"


def _articles() -> dict[str, tuple[str, str, str]]:
    """path -> (title, body paragraphs, publication day)."""
    rt = json.loads((DEMO / "rt-venezuela-russie-original.jsonl").read_text("utf-8").splitlines()[0])
    copy = (DEMO / "rt-venezuela-russie-republished.txt").read_text("utf-8").split("\n", 1)
    out = {"/news/rt-venezuela": (rt["title"], rt["text"], "2019-10-06"),
           "/relay/venezuela-russie": (copy[0].strip(), copy[1], "2019-10-07")}
    with gzip.open(DEMO / "orangesum-demo.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in zip(range(2), fh, strict=False):
            r = json.loads(line)
            out[f"/news/orange-{i}"] = (r["title"], r.get("body") or r.get("text"), r.get("date", "2020-05-01")[:10])
    return out


def page(title: str, body: str, day: str) -> bytes:
    paras = "".join(f"<p>{html.escape(p.strip())}</p>\n" for p in body.split("\n") if p.strip())
    return (f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<meta property='article:published_time' content='{day}T10:00:00+00:00'></head>"
            f"<body><nav><a href='/'>Accueil</a></nav><article><h1>{html.escape(title)}</h1>{paras}</article>"
            "<footer>© site de test</footer></body></html>").encode()


class Site:
    def __init__(self, page_delay: float = 0.0, faults: bool = True, port: int = 0):
        self.articles = _articles()
        self.log: list[tuple[str, str, dict]] = []
        self.flaky = Counter()
        self.page_delay = page_delay
        self.faults = faults
        self.feed_etag = '"feed-v1"'
        self.extra_feed_items: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def hits(self, path: str) -> int:
        return sum(1 for _, p, _ in self.log if p.split("?")[0] == path)

    # --- content ---------------------------------------------------------------------------------------------

    def feed(self) -> bytes:
        items = ["/news/rt-venezuela?utm_source=rss&utm_medium=feed", "/news/orange-0", "/dead-link",
                 "/private/draft", "/flaky", *self.extra_feed_items]
        xml = "".join(f"<item><title>t</title><link>{self.base}{p}</link></item>" for p in items)
        return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Test</title>"
                f"<link>{self.base}/</link><description>d</description>{xml}</channel></rss>").encode()

    def sitemap(self, paths: list[str]) -> bytes:
        urls = "".join(f"<url><loc>{self.base}{p}</loc></url>" for p in paths)
        return (f"<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"{urls}</urlset>").encode()

    def index(self) -> bytes:
        return (f"<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/"
                f"0.9'><sitemap><loc>{self.base}/sitemap-news.xml</loc></sitemap></sitemapindex>").encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # the webhook receiver
                n = int(self.headers.get("Content-Length", 0))
                site.log.append(("POST", self.path, json.loads(self.rfile.read(n) or b"null")))
                self._send(204, b"", "text/plain")

            def do_GET(self) -> None:
                site.log.append(("GET", self.path, dict(self.headers)))
                path = self.path.split("?")[0]
                route = site.route(path, self)
                if route is not None:
                    self._send(*route)

            def _send(self, status: int, body: bytes, ctype: str, headers: dict | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a client that gave up
                    self.wfile.write(body)

        return Handler

    def route(self, path: str, h: BaseHTTPRequestHandler) -> tuple:
        return self.listings(path, h) or self.pages(path)

    def listings(self, path: str, h: BaseHTTPRequestHandler) -> tuple | None:
        xml = "application/xml"
        if path == "/robots.txt":
            body = f"User-agent: *\nDisallow: /private/\nSitemap: {self.base}/sitemap-index.xml\n"
            return 200, body.encode(), "text/plain"
        if path == "/":
            return 200, (f"<html><head><link rel='alternate' type='application/rss+xml' href='{self.base}/feed.xml'>"
                         "</head><body><p>Accueil</p></body></html>").encode(), "text/html"
        if path == "/feed.xml":
            if h.headers.get("If-None-Match") == self.feed_etag:
                return 304, b"", "application/rss+xml", {"ETag": self.feed_etag}
            return 200, self.feed(), "application/rss+xml", {"ETag": self.feed_etag}
        if path == "/sitemap-index.xml":
            return 200, self.index(), xml
        if path == "/sitemap-news.xml":
            paths = ["/news/orange-0", "/news/orange-1", "/relay/venezuela-russie"]
            paths += ["/slow", "/loop", "/huge"] if self.faults else []
            return 200, self.sitemap(paths), xml, {"Last-Modified": "Mon, 07 Oct 2019 10:00:00 GMT"}
        return None

    def pages(self, path: str) -> tuple:
        if path in self.articles:
            time.sleep(self.page_delay)
            return 200, page(*self.articles[path]), "text/html; charset=utf-8"
        if path == "/flaky":
            self.flaky[path] += 1
            if self.flaky[path] <= 2:
                return 503, b"busy", "text/plain"
            return 200, page("Une page qui finit par répondre", "Le serveur répond enfin. " * 40, "2020-01-02"), \
                "text/html"
        if path == "/slow":
            time.sleep(3)
            return 200, page("Lent", "Trop tard. " * 40, "2020-01-02"), "text/html"
        if path == "/loop":
            return 302, b"", "text/plain", {"Location": "/loop"}
        if path == "/huge":
            return 200, b"<html><body>" + b"x" * 3_000_000 + b"</body></html>", "text/html"
        return 404, b"not found", "text/plain"


if __name__ == "__main__":  # the README's worked example: python -m tests.collect.site
    with Site(port=8765) as s:
        print(f"serving the test site on {s.base} (Ctrl-C stops)", flush=True)
        s.thread.join()
