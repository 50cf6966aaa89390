from __future__ import annotations

import sqlite3

import pytest

from veille.errors import VeilleError
from veille.model import ActorRef, Article, Entity, Quote
from veille.store import SCHEMA_VERSION, Store, fts_query

from .test_model import small_article


def article(i: int, title: str = "Élysée et Kremlin", published: str = "2020-01-0{}") -> Article:
    text = f"{title}\n\nLe texte numéro {i} parle de l'Élysée."
    return Article(id=f"id{i}", title=title, text=text, language="fr", published=published.format(i % 9 + 1),
                   source="AFP" if i % 2 else "RT France", external_id=str(100 + i))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "v.db") as s:
        yield s


def test_schema_is_migrated_and_versioned(store):
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_write_is_idempotent(store):
    assert store.write([article(1), article(2)]) == 2
    assert store.write([article(2), article(3)]) == 1
    assert store.count() == 3


def test_every_layer_round_trips(store):
    art = small_article()
    store.write([art])
    again = store.get("x")
    assert again == art
    assert store.stats()["quotes"] == 1 and store.stats()["events"] == 1


def test_get_by_external_id(store):
    store.write([article(5)])
    assert store.get("105").id == "id5" and store.get("nope") is None


def test_search_is_accent_and_case_insensitive(store):
    store.write([article(i) for i in range(4)])
    total, hits = store.search("elysee")
    assert total == 4 and hits[0].snippet and "[" in hits[0].snippet
    total, _ = store.search("KREMLIN", source="AFP")
    assert total == 2
    total, _ = store.search("", since="2020-01-03", until="2020-01-04")
    assert total == 2


@pytest.mark.parametrize("q", ['"', "a OR b", "NEAR(", "'; DROP TABLE articles; --", "*", "title:x"])
def test_search_never_parses_user_syntax(store, q):
    store.write([article(1)])
    store.search(q)
    assert store.count() == 1


def test_fts_query_quotes_every_word():
    assert fts_query('élysée "OR" x') == '"élysée" "OR" "x"'
    assert fts_query("  ") == ""


def test_actors_are_collected(store):
    art = Article(id="a", title="T", text="T\n\nMaduro parle.")
    art.entities.append(Entity(3, 9, "Maduro", label="PER", canonical="Nicolas Maduro", actor_id="p1",
                               kind="person", country="VEN"))
    art.quotes.append(Quote(10, 15, "parle", speaker=ActorRef("Nicolas Maduro", actor_id="p1")))
    store.write([art])
    rows = store.db.execute("SELECT name, kind, country FROM actors").fetchall()
    assert [tuple(r) for r in rows] == [("Nicolas Maduro", "person", "VEN")]


def test_links_show_on_both_sides(store):
    store.write([article(1), article(2)])
    store.write_links([{"source": "id1", "copy": "id2", "containment": 0.97, "relation": "verbatim"}])
    [a] = store.get("id2").reuse
    [b] = store.get("id1").reuse
    assert (a.direction, a.other_id, a.other_external_id) == ("copied_from", "id1", "101")
    assert (b.direction, b.other_id) == ("copied_by", "id2")


def test_readonly_errors_are_clear(tmp_path):
    with pytest.raises(VeilleError, match="no such database"):
        Store(tmp_path / "missing.db", readonly=True)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(VeilleError, match="not a SQLite database"):
        Store(bad)


def test_newer_schema_is_refused(tmp_path):
    db = sqlite3.connect(tmp_path / "v.db")
    db.execute("PRAGMA user_version=99")
    db.close()
    with pytest.raises(VeilleError, match="newer veille"):
        Store(tmp_path / "v.db")


def test_iteration_streams_articles(store):
    store.write([article(i) for i in range(3)])
    assert sorted(a.id for a in store) == ["id0", "id1", "id2"]
