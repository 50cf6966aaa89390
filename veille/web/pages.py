"""The dashboard's pages, rendered on the server (Jinja2, autoescaped): search, article, actor, events,
republication. Charts and the map are drawn by /static/veille.js from the JSON API."""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from pydantic import AfterValidator

from veille.web import queries
from veille.web.api import DATE, Confidence, EventType, event_rows, found, real_date, store
from veille.web.highlight import render

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("veille").joinpath("web/templates")))
templates.env.filters["http_url"] = lambda url: url if isinstance(url, str) and urlsplit(url).scheme.lower() in (
    "http", "https") else None
"""Only web addresses become links: an input's `url` of `javascript:…` or `data:…` is shown as text, never followed."""
PAGE = 20
EVENTS_PAGE = 100
EVENTS_CAP = 5000
ALERTS_SHOWN = 50
"""New matches listed per alert on the alerts page."""
"""The events page lists at most this many merged events (the API and `veille events` have no such cap)."""
Text = Annotated[str | None, Query(max_length=200)]
Day = Annotated[str | None, Query(pattern=DATE), AfterValidator(real_date)]


def page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def search(request: Request, q: Text = None, source: Text = None, since: Day = None, until: Day = None,
           p: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    with store(request) as s:
        total, hits = s.search(q or "", limit=PAGE, offset=(p - 1) * PAGE, source=source, since=since, until=until)
        stats, top = request.app.state.overview.get(s, actors=12)
    return page(request, "search.html", q=q or "", source=source or "", since=since or "", until=until or "",
                total=total, hits=hits, p=p, pages=(total + PAGE - 1) // PAGE, stats=stats, top=top)


@router.get("/article/{article_id}")
def article_moved(article_id: Annotated[str, Path(max_length=200)]) -> RedirectResponse:
    """The page's first address, kept for links made before the contract named it /articles/ID."""
    return RedirectResponse(f"/articles/{quote(article_id, safe='')}", status_code=301)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    with store(request) as s:
        art = s.get(article_id)
        if art is None:
            raise HTTPException(404, "no such article")
        others = {link.other_id: s.get(link.other_id) for link in art.reuse}
        row = s.db.execute("SELECT cluster_id FROM articles WHERE id = ?", (art.id,)).fetchone()
    return page(request, "article.html", art=art, body=render(art), others=others,
                cluster_id=row[0] if row else None)


@router.get("/actor/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
    with store(request) as s:
        return page(request, "actor.html", **found(queries.actor(s, actor_id), "no such actor"))


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, actor: Text = None, target: Text = None, type: EventType | None = None,
           since: Day = None, until: Day = None, event: Annotated[str | None, Query(pattern=r"^[0-9a-f]{1,32}$")]
           = None, min_confidence: Confidence = None, p: Annotated[int, Query(ge=1, le=100_000)] = 1
           ) -> HTMLResponse:
    rows = event_rows(request, actor, target, type, since, until, event, EVENTS_CAP,
                      min_confidence=min_confidence)
    filters = [(k, v) for k, v in request.query_params.multi_items() if k != "p"]
    return page(request, "events.html", rows=rows[(p - 1) * EVENTS_PAGE:p * EVENTS_PAGE], total=len(rows), p=p,
                per_page=EVENTS_PAGE, actor=actor or "", target=target or "", type=type or "", since=since or "",
                until=until or "", event=event or "", min_confidence=min_confidence or "", query=urlencode(filters),
                types=list(EventType.__args__))


@router.get("/reuse", response_class=HTMLResponse)
def reuse(request: Request) -> HTMLResponse:
    with store(request) as s:
        items = queries.clusters(s, limit=100)
    return page(request, "reuse.html", clusters=items)


@router.get("/alerts", response_class=HTMLResponse)
def alerts(request: Request) -> HTMLResponse:
    """The saved alerts and what is new for each since `veille alerts check` last ran (shown, not marked seen)."""
    from veille.collect import alerts as al

    with store(request) as s:
        saved = al.listed(s)
        new: dict[str, list[dict[str, Any]]] = {}
        for m in al.check(s, advance=False):
            new.setdefault(m["alert"], []).append(m)
    return page(request, "alerts.html", alerts=saved, matches=new, shown=ALERTS_SHOWN)


@router.get("/cluster/{cluster_id}", response_class=HTMLResponse)
def cluster(request: Request, cluster_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
    with store(request) as s:
        return page(request, "cluster.html", **found(queries.cluster(s, cluster_id), "no such cluster"))


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """Swagger UI from the vendored copy in /static (the FastAPI default loads it from a CDN)."""
    return page(request, "docs.html", ui="swagger")


@router.get("/redoc", response_class=HTMLResponse)
def redoc(request: Request) -> HTMLResponse:
    return page(request, "docs.html", ui="redoc")


def invalid_form(request: Request, problems: list[str]) -> HTMLResponse:
    """A bad filter on a page is a page saying what is wrong, not the API's JSON."""
    back = request.url.path if request.url.path.startswith("/") else "/"
    return templates.TemplateResponse(request, "error.html", {"title": "Invalid filter", "problems": problems,
                                                              "back": back}, status_code=422)
