from __future__ import annotations

import pytest

from veille.model import ActorRef, Article, DateMention, Entity, Event, Quote, Removal, make_id


def small_article() -> Article:
    text = "Titre\n\nNicolas Maduro a déclaré «nous avons renouvelé» le 5 octobre."
    art = Article(id="x", title="Titre", text=text, language="fr")
    s = text.index("Nicolas")
    art.entities.append(Entity(s, s + 14, text[s:s + 14], label="PER", canonical="Nicolas Maduro"))
    q = text.index("nous")
    speaker = ActorRef("Nicolas Maduro", kind="person", country="VEN", mention=art.span(s, s + 14))
    art.quotes.append(Quote(q, q + 19, text[q:q + 19], kind="direct", speaker=speaker, cue="a déclaré"))
    d = text.index("le 5")
    art.dates.append(DateMention(d, d + 12, text[d:d + 12], value="2019-10-05"))
    art.events.append(Event("COOPERATE", evidence=art.span(s, len(text)), actor=speaker))
    art.removed.append(Removal("0946", "hash"))
    return art


def test_round_trip_keeps_every_layer():
    art = small_article()
    again = Article.from_json(art.to_json())
    assert again == art


def test_none_spans_are_dropped_but_null_actors_kept():
    d = small_article().to_dict()
    assert "mention" not in d["events"][0]["actor"] or d["events"][0]["actor"]["mention"]
    assert d["events"][0]["target"] is None
    assert "cue_span" not in d["quotes"][0]


def test_span_takes_its_text_from_the_article():
    art = small_article()
    assert art.span(0, 5).text == "Titre"
    with pytest.raises(ValueError):
        art.span(3, 10_000)


def test_bad_spans_are_found():
    art = small_article()
    assert art.bad_spans() == []
    art.entities[0].text = "Maduro"
    assert art.bad_spans() == [art.entities[0]]


def test_ids_are_content_derived_and_stable():
    assert make_id("a", "b") == make_id("a", "b")
    assert make_id("a", "b") != make_id("ab", "")
    assert len(make_id("x")) == 16


def test_handmade_article_follows_schema(schema):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(small_article().to_dict(), schema)
