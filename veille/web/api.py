"""The REST API: read-only JSON over the store, documented at /docs. Every list takes `limit` (1–500) and
`offset`; a bad parameter is a 422 naming it; an unknown id is a 404."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response
from pydantic import AfterValidator

from veille.link.merge import merged_rows
from veille.web import queries

router = APIRouter(prefix="/api", tags=["api"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def real_date(value: str | None) -> str | None:
    """ "2020-13" has the shape of a date but is none."""
    if value is not None:
        full = value + "-01-01"[len(value) - 4:] if len(value) < 10 else value
        date.fromisoformat(full)
    return value

EventType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (1–500).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Day = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD."),
               AfterValidator(real_date)]
Text = Annotated[str | None, Query(max_length=200)]


def store(request: Request) -> Any:
    return request.app.state.store()


def found(item: dict[str, Any] | None, message: str) -> dict[str, Any]:
    if item is None:
        raise HTTPException(404, message)
    return item


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    """Liveness for monitors and load balancers: the store answers, and how many articles it holds."""
    with store(request) as s:
        return {"status": "ok", "articles": s.count()}


@router.get("/stats")
def stats(request: Request) -> dict[str, Any]:
    """What the store holds."""
    with store(request) as s:
        return request.app.state.overview.get(s, actors=12)[0]


@router.get("/articles")
def articles(request: Request, q: Text = None, source: Text = None, language: Annotated[
        str | None, Query(pattern=r"^[a-z]{2,3}$")] = None, since: Day = None, until: Day = None,
        limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Full-text search (accents and case aside) with filters; newest first without a query."""
    with store(request) as s:
        total, hits = s.search(q or "", limit=limit, offset=offset, source=source, language=language,
                               since=since, until=until)
    return {"total": total, "limit": limit, "offset": offset, "items": [asdict(h) for h in hits]}


@router.get("/articles/{article_id}")
def article(request: Request, article_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """One article with every layer and its republication links (copied from / copied by)."""
    with store(request) as s:
        art = s.get(article_id)
    if art is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return art.to_dict()


@router.get("/actors")
def actors(request: Request, country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
           kind: Literal["person", "organization", "state", "group"] | None = None, limit: Limit = 50,
           offset: Offset = 0) -> dict[str, Any]:
    """Actors with their mention, article, quote and event counts, most mentioned first."""
    with store(request) as s:
        items = s.actors(country=country, kind=kind, limit=limit, offset=offset)
    return {"limit": limit, "offset": offset, "items": items}


@router.get("/actors/{actor_id}")
def actor(request: Request, actor_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """One actor: who, their quotes, their events as actor and as target, the actors they appear with."""
    with store(request) as s:
        return found(queries.actor(s, actor_id), f"no actor {actor_id!r}")


@router.get("/quotes")
def quotes(request: Request, speaker: Text = None, since: Day = None, until: Day = None, limit: Limit = 100,
           offset: Offset = 0) -> dict[str, Any]:
    """Who said what."""
    with store(request) as s:
        items = s.quotes(speaker=speaker, since=since, until=until, limit=limit, offset=offset)
    return {"limit": limit, "offset": offset, "items": items}


@router.get("/events", response_model=None)
def events(request: Request, actor: Text = None, target: Text = None, type: EventType | None = None,
           since: Day = None, until: Day = None, event: Annotated[str | None, Query(pattern=r"^[0-9a-f]{1,32}$")]
           = None, limit: Limit = 100, offset: Offset = 0,
           format: Literal["json", "csv"] = "json") -> dict[str, Any] | Response:
    """Merged events (one row per real event, every mention's evidence), filtered as `veille events`."""
    rows = event_rows(request, actor, target, type, since, until, event, limit + offset)[offset:]
    if format == "csv":
        from veille.api import EVENT_COLUMNS, flat_event

        buf = io.StringIO()
        out = csv.DictWriter(buf, fieldnames=EVENT_COLUMNS, extrasaction="ignore", lineterminator="\n")
        out.writeheader()
        out.writerows(flat_event(r) for r in rows)
        return Response(buf.getvalue(), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})
    return {"limit": limit, "offset": offset, "items": rows}


def event_rows(request: Request, actor: str | None, target: str | None, kind: str | None, since: str | None,
               until: str | None, event: str | None, limit: int) -> list[dict[str, Any]]:
    with store(request) as s:
        if event:
            rows = s.db.execute("SELECT 1 FROM events WHERE event_id = ? LIMIT 1", (event,)).fetchone()
            if rows is None:
                return []
            return merged_rows(s.event_mentions_of([event]))
        return merged_rows(s.event_mentions(type=kind, actor=actor, target=target, since=since, until=until,
                                            limit=limit))


@router.get("/reuse")
def reuse(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Republication links, strongest first."""
    with store(request) as s:
        items = s.links(limit=limit, offset=offset)
    return {"limit": limit, "offset": offset, "items": items}


@router.get("/clusters")
def clusters(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Clusters of copies, the largest first, each with its origin."""
    with store(request) as s:
        items = queries.clusters(s, limit=limit, offset=offset)
    return {"limit": limit, "offset": offset, "items": items}


@router.get("/clusters/{cluster_id}")
def cluster(request: Request, cluster_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """A cluster's origin, its copies in time order, and the links between them."""
    with store(request) as s:
        return found(queries.cluster(s, cluster_id), f"no cluster {cluster_id!r}")
