"""`veille serve`: the dashboard and the REST API over a store, read-only, on 127.0.0.1 unless told otherwise.

Article text is hostile input. Templates autoescape; the highlighted text escapes every piece; scripts come
only from /static (a Content-Security-Policy forbids inline ones), and they put text into the page with
`textContent`, never as HTML. The JavaScript libraries (d3, topojson-client, world-atlas, and Swagger UI
and ReDoc for /docs and /redoc) are vendored in veille/web/static/vendor from npm (`frontend/`): the pages
need no network.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
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
    Store(path, readonly=True).close()  # a missing or foreign database fails here, with one clear line
    app = FastAPI(title="veille", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Who said what, who did what to whom, when and where, and who copied whom — "
                  "every fact with the text it came from. Read-only.")
    app.state.store = lambda: Store(path, readonly=True)
    app.state.overview = Overview(path)
    static = resources.files("veille").joinpath("web/static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        # an empty form field ("type=&since=") means "no filter", not an invalid value
        pairs = parse_qsl(request.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        request.scope["query_string"] = urlencode([(k, v) for k, v in pairs if v != ""]).encode("latin-1")
        response = await call_next(request)
        docs = request.url.path in ("/docs", "/redoc")
        response.headers["Content-Security-Policy"] = DOCS_CSP if docs else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return app


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


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
