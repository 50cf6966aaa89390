"""`veille serve`: the dashboard and the REST API over a store, read-only, on 127.0.0.1 unless told otherwise.

Article text is hostile input. Templates autoescape; the highlighted text escapes every piece; scripts come
only from /static (a Content-Security-Policy forbids inline ones), and they put text into the page with
`textContent`, never as HTML. The JavaScript libraries (d3, topojson-client, world-atlas, and Swagger UI
and ReDoc for /docs and /redoc) are vendored in veille/web/static/vendor from npm (`frontend/`): the pages
need no network.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from veille.store import Store

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
    "script-src 'self'", "script-src 'self'; worker-src 'self' blob:")
"""Swagger UI and ReDoc set styles inline and ReDoc runs a worker from a blob: scripts still come from /static."""


def create_app(db: str | Path) -> FastAPI:
    from veille.web import api, pages

    path = str(db)
    with Store(path, readonly=True) as s:  # a missing, foreign or damaged store fails here, with one clear line
        s.verify()
    app = FastAPI(title="veille", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Who said what, who did what to whom, when and where, and who copied whom — "
                  "every fact with the text it came from. Read-only.")
    app.state.store = StorePool(path)
    app.state.overview = Overview(path)
    static = resources.files("veille").joinpath("web/static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        problems = [f"{'.'.join(str(x) for x in e['loc'][1:]) or 'value'}: {e['msg']}" for e in exc.errors()]
        return pages.invalid_form(request, problems)

    app.add_middleware(SecurityHeaders)
    return app


class SecurityHeaders:
    """Every response gets the Content-Security-Policy and its companions; an empty form field ("type=&since=")
    means "no filter", not an invalid value. Plain ASGI, not `@app.middleware`: that one copies every response
    body through a stream, which costs more than the page on a 500-event list."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        scope["query_string"] = urlencode([(k, v) for k, v in pairs if v != ""]).encode("latin-1")
        policy = (DOCS_CSP if scope["path"] in ("/docs", "/redoc") else CSP).encode()

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"content-security-policy", policy),
                                      (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
            await send(message)

        await self.app(scope, receive, with_headers)


class StorePool:
    """One read-only connection per server thread, kept between requests: a new connection per request pays
    for opening the file and re-reading the schema and the pages a query needs, every time. WAL readers see
    each commit of a concurrent ingest at their next query."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.local = threading.local()

    @contextmanager
    def __call__(self) -> Iterator[Store]:
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = Store(self.path, readonly=True)
        yield store


class Overview:
    """The store-wide figures every search page shows (layer counts, most-mentioned actors) scan whole tables:
    hundreds of milliseconds on a corpus-sized store. They change only when an ingest writes, so they are kept
    until the database files' size or modification time moves."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.key: tuple | None = None
        self.value: tuple[dict, list] = ({}, [])

    def signature(self) -> tuple:
        stats = [Path(self.path + suffix).stat() for suffix in ("", "-wal") if Path(self.path + suffix).exists()]
        return tuple((st.st_mtime_ns, st.st_size) for st in stats)

    def get(self, store: Store, actors: int) -> tuple[dict, list]:
        key = (self.signature(), actors)
        if key != self.key:
            self.value, self.key = (store.stats(), store.actors(limit=actors)), key
        return self.value


def run(app: FastAPI, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning")
