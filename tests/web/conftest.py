"""A small store built by hand (fast tests) and the demo store (browser tests)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from veille.link.merge import merge_stored
from veille.model import ActorRef, Article, DateMention, Entity, Event, Place, Quote
from veille.store import Store

HOSTILE = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'


def hostile_article() -> Article:
    title = f"Un titre {HOSTILE}"
    body = (f"Nicolas Maduro a déclaré «{HOSTILE} est inacceptable» le 5 octobre à Caracas. "
            f"Le texte contient aussi {ATTRIBUTE} en clair.")
    text = f"{title}\n\n{body}"
    art = Article(id="hostile", title=title, text=text, language="fr", published="2019-10-06", source="RT France",
                  external_id="h1", url="javascript:alert(document.cookie)")
    s = text.index("Nicolas")
    maduro = ActorRef("Nicolas Maduro", "m1", "person", "VEN", "GOV", art.span(s, s + 14))
    art.entities.append(Entity(s, s + 14, "Nicolas Maduro", label="PER", canonical="Nicolas Maduro", actor_id="m1",
                               kind="person", country="VEN", sector="GOV"))
    q = text.index(HOSTILE, len(title))
    art.quotes.append(Quote(q, q + len(HOSTILE) + 18, text[q:q + len(HOSTILE) + 18], kind="direct", speaker=maduro,
                            cue="a déclaré"))
    d = text.index("le 5 octobre")
    art.dates.append(DateMention(d, d + 12, "le 5 octobre", value="2019-10-05"))
    c = text.index("Caracas")
    art.places.append(Place(c, c + 7, "Caracas", name="Caracas", country="VEN", lat=10.48, lon=-66.87))
    art.entities.append(Entity(c, c + 7, "Caracas", label="LOC", canonical="Caracas"))
    end = text.index(" Le texte")
    art.events.append(Event("ACCUSE", art.span(s, end), actor=maduro, target=ActorRef("Iouri Borissov", "b1", "person",
                                                                                       "RUS"),
                            date="2019-10-05", place={"name": "Caracas", "country": "VEN", "lat": 10.48, "lon": -66.87},
                            mode="criticize", confidence=0.8))
    return art


@pytest.fixture
def small_db(tmp_path) -> Path:
    path = tmp_path / "web.db"
    other = Article(id="plain", title="Un autre article", text="Un autre article\n\nRien à signaler à Paris.",
                    language="fr", published="2020-01-02", source="AFP", external_id="p1")
    with Store(path) as s:
        s.write([hostile_article(), other])
        merge_stored(s, ["hostile", "plain"])
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo store: the one `veille demo` made for CI ($VEILLE_DB) if it is there, else a fresh one."""
    given = os.environ.get("VEILLE_DB")
    if given and Path(given).exists():
        with Store(given, readonly=True) as s:
            if s.count() >= 200:
                return Path(given)
    from veille import api

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    api.ingest(api.demo_inputs(), path)
    return path
