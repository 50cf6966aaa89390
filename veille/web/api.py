"""The REST API: read-only JSON over the store, documented at /docs. Every list takes `limit` (1–500) and
`offset`; a bad parameter is a 422 naming it; an unknown id is a 404."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import AfterValidator

from veille.link.merge import merged_of
from veille.text import valid_day
from veille.web import queries

router = APIRouter(prefix="/api", tags=["api"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def real_date(value: str | None) -> str | None:
    """ "2020-13" has the shape of a date but is none."""
    if value is not None and not valid_day(value):
        raise ValueError(f"not a real date: {value!r}")
    return value

EventType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (1–500).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Day = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD."),
               AfterValidator(real_date)]
Text = Annotated[str | None, Query(max_length=200)]
Confidence = Annotated[float | None, Query(ge=0, le=1, description="Only events at least this likely to be right "
                                                                   "(confidence: a calibrated probability).")]


def store(request: Request) -> Any:
    return request.app.state.store()


def listing(items: list[Any], limit: int, offset: int, **extra: Any) -> JSONResponse:
    """A page of a list, encoded by the standard library's C encoder: FastAPI's own validation and encoding
    of a 500-item page costs more than the query behind it."""
    return JSONResponse({**extra, "limit": limit, "offset": offset, "items": items})


def found(item: dict[str, Any] | None, message: str) -> dict[str, Any]:
    if item is None:
        raise HTTPException(404, message)
    return item


@router.get("/health")
async def health(request: Request) -> dict[str, Any]:
    """Liveness for monitors and load balancers: the store answers, and how many articles it holds."""
    with store(request) as s:
        return {"status": "ok", "articles": s.count()}


@router.get("/stats")
async def stats(request: Request) -> dict[str, Any]:
    """What the store holds."""
    with store(request) as s:
        return request.app.state.overview.get(s, actors=12)[0]


@router.get("/articles", response_model=None)
async def articles(request: Request, q: Text = None, source: Text = None, language: Annotated[
        str | None, Query(pattern=r"^[a-z]{2,3}$")] = None, since: Day = None, until: Day = None,
        limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    """Full-text search (accents and case aside) with filters; newest first without a query."""
    with store(request) as s:
        total, hits = s.search(q or "", limit=limit, offset=offset, source=source, language=language,
                               since=since, until=until)
    return listing([asdict(h) for h in hits], limit, offset, total=total)


@router.get("/articles/{article_id}", response_model=None)
async def article(request: Request, article_id: Annotated[str, Path(max_length=200)]) -> JSONResponse:
    """One article with every layer and its republication links (copied from / copied by)."""
    with store(request) as s:
        art = s.get(article_id)
    if art is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return JSONResponse(art.to_dict())


@router.get("/actors", response_model=None)
async def actors(request: Request, country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
           kind: Literal["person", "organization", "state", "group"] | None = None, limit: Limit = 50,
           offset: Offset = 0) -> JSONResponse:
    """Actors with their mention, article, quote and event counts, most mentioned first."""
    with store(request) as s:
        items = s.actors(country=country, kind=kind, limit=limit, offset=offset)
    return listing(items, limit, offset)


@router.get("/actors/{actor_id}")
async def actor(request: Request, actor_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """One actor: who, their quotes, their events as actor and as target, the actors they appear with."""
    with store(request) as s:
        return found(queries.actor(s, actor_id), f"no actor {actor_id!r}")


@router.get("/quotes", response_model=None)
async def quotes(request: Request, speaker: Text = None, since: Day = None, until: Day = None, limit: Limit = 100,
           offset: Offset = 0) -> JSONResponse:
    """Who said what."""
    with store(request) as s:
        items = s.quotes(speaker=speaker, since=since, until=until, limit=limit, offset=offset)
    return listing(items, limit, offset)


@router.get("/events", response_model=None)
async def events(request: Request, actor: Text = None, target: Text = None, type: EventType | None = None,
           since: Day = None, until: Day = None, event: Annotated[str | None, Query(pattern=r"^[0-9a-f]{1,32}$")]
           = None, limit: Limit = 100, offset: Offset = 0, min_confidence: Confidence = None,
           format: Literal["json", "csv"] = "json") -> Response:
    """Merged events (one row per real event, every mention's evidence), filtered as `veille events`.

    Run on the event loop, not in the thread pool: the query is a few milliseconds, and twenty threads
    trading the interpreter lock row by row made a 500-event page ten times slower under concurrent clients."""
    if format == "json" and not event:
        with store(request) as s:
            ids = s.event_ids(type=type, actor=actor, target=target, since=since, until=until, limit=limit,
                              offset=offset, min_confidence=min_confidence)
            stored = s.merged_json(ids)
        if len(stored) == len(ids):  # as stored, joined: no decoding and re-encoding of a large page
            head = json.dumps({"limit": limit, "offset": offset})[:-1]
            return Response(f'{head}, "items": [{", ".join(stored)}]}}', media_type="application/json")
    rows = event_rows(request, actor, target, type, since, until, event, limit, offset, min_confidence)
    if format == "csv":
        from veille.api import EVENT_COLUMNS, flat_event

        buf = io.StringIO()
        out = csv.DictWriter(buf, fieldnames=EVENT_COLUMNS, extrasaction="ignore", lineterminator="\n")
        out.writeheader()
        out.writerows(flat_event(r) for r in rows)
        return Response(buf.getvalue(), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})
    return listing(rows, limit, offset)


def event_rows(request: Request, actor: str | None, target: str | None, kind: str | None, since: str | None,
               until: str | None, event: str | None, limit: int, offset: int = 0,
               min_confidence: float | None = None) -> list[dict[str, Any]]:
    """A page of merged events, read as stored: its cost is the page's, not the offset's."""
    with store(request) as s:
        if event:
            return merged_of(s, [event])
        return merged_of(s, s.event_ids(type=kind, actor=actor, target=target, since=since, until=until,
                                        limit=limit, offset=offset, min_confidence=min_confidence))


@router.get("/reuse", response_model=None)
async def reuse(request: Request, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    """Republication links, strongest first."""
    with store(request) as s:
        items = s.links(limit=limit, offset=offset)
    return listing(items, limit, offset)


@router.get("/clusters", response_model=None)
async def clusters(request: Request, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    """Clusters of copies, the largest first, each with its origin."""
    with store(request) as s:
        items = queries.clusters(s, limit=limit, offset=offset)
    return listing(items, limit, offset)


@router.get("/clusters/{cluster_id}")
async def cluster(request: Request, cluster_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """A cluster's origin, its copies in time order, and the links between them."""
    with store(request) as s:
        return found(queries.cluster(s, cluster_id), f"no cluster {cluster_id!r}")
