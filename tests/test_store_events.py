"""Merged events in the store: mentions of one event in several articles share an id; `veille events` lists
one row per event with every mention's evidence."""

from __future__ import annotations

import json

import pytest

from veille.link.merge import merge_stored, merged_rows
from veille.model import ActorRef, Article, Event
from veille.store import Store

from .test_cli import veille

MADURO = ActorRef("Nicolas Maduro", "m1", "person", "VEN", "GOV")
BORISSOV = ActorRef("Iouri Borissov", "b1", "person", "RUS", "GOV")
VENEZUELA = ActorRef("Venezuela", "v1", "state", "VEN", "GOV")


def reporting(aid: str, source: str, published: str | None, sentence: str, *events: tuple) -> Article:
    text = f"Titre {aid}\n\n{sentence}"
    art = Article(id=aid, title=f"Titre {aid}", text=text, language="fr", published=published, source=source,
                  external_id=aid)
    start = text.index(sentence)
    for kind, actor, target, date in events:
        art.events.append(Event(kind, art.span(start, len(text)), actor=actor, target=target, date=date,
                                mode="visit", confidence=0.8))
    return art


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "e.db"
    wire = reporting("afp", "AFP", "2019-10-06", "Iouri Borissov a rencontré Nicolas Maduro samedi.",
                     ("CONSULT", BORISSOV, MADURO, "2019-10-05"))
    rewrite = reporting("orange", "Orange avec AFP", "2019-10-06", "Le Russe est venu au Venezuela.",
                        ("CONSULT", BORISSOV, VENEZUELA, None))
    other = reporting("later", "AFP", "2019-10-20", "Iouri Borissov a revu Nicolas Maduro.",
                      ("CONSULT", BORISSOV, MADURO, "2019-10-19"))
    accusation = reporting("acc", "AFP", "2019-10-06", "Nicolas Maduro accuse Iouri Borissov.",
                           ("ACCUSE", MADURO, BORISSOV, "2019-10-05"))
    with Store(path) as store:
        store.write([wire, rewrite, other, accusation])
        merge_stored(store, ["afp", "orange", "later", "acc"])
    return path


def test_one_event_two_sources(db):
    with Store(db, readonly=True) as store:
        rows = merged_rows(store.event_mentions(type="CONSULT"))
    assert len(rows) == 2
    visit = rows[0]
    assert visit["articles"] == 2 and visit["sources"] == ["AFP", "Orange avec AFP"]
    assert visit["date"] == "2019-10-05" and visit["first_seen"] == "2019-10-06"
    assert visit["actor"]["name"] == "Iouri Borissov" and visit["target"]["name"] == "Nicolas Maduro"
    assert [m["external_id"] for m in visit["mentions"]] == ["afp", "orange"]
    assert visit["mentions"][1]["evidence"]["text"] == "Le Russe est venu au Venezuela."


def test_filters_select_events_by_any_mention(db):
    with Store(db, readonly=True) as store:
        assert len(merged_rows(store.event_mentions(actor="borissov"))) == 2
        assert len(merged_rows(store.event_mentions(target="VEN"))) == 2
        assert len(merged_rows(store.event_mentions(actor="RUS", until="2019-10-10"))) == 1
        assert len(merged_rows(store.event_mentions(since="2019-10-10"))) == 1
        assert merged_rows(store.event_mentions(type="accuse"))[0]["actor"]["name"] == "Nicolas Maduro"
        assert merged_rows(store.event_mentions(actor="100% _nobody")) == []


def test_stored_json_keeps_the_merged_id(db):
    with Store(db, readonly=True) as store:
        assert store.get("orange").events[0].event_id == store.get("afp").events[0].event_id


def test_cli_events_in_every_format(db, tmp_path):
    text = veille("events", "--db", str(db))
    assert text.returncode == 0 and "CONSULT" in text.stdout.decode() and "2 article(s)" in text.stdout.decode()
    rows = [json.loads(x) for x in veille("events", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    assert len(rows) == 3 and {r["type"] for r in rows} == {"CONSULT", "ACCUSE"}
    csv = veille("events", "--db", str(db), "--format", "csv", "--type", "CONSULT").stdout.decode().splitlines()
    assert csv[0].startswith("event_id,date,first_seen,type") and len(csv) == 3
    assert veille("events", "--db", str(db), "--format", "parquet").returncode == 2
    out = tmp_path / "e.parquet"
    assert veille("events", "--db", str(db), "--format", "parquet", "--out", str(out)).returncode == 0
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.num_rows == 3 and "mentions" in table.column_names


def test_stored_merged_events_are_the_merge_of_their_mentions(db, tmp_path):
    """What the API lists without re-merging is what merging the mentions gives, after each new batch too."""
    with Store(db) as store:
        ids = store.event_ids()
        assert len(ids) == 3 and not store.merged_missing()
        assert store.merged(ids) == merged_rows(store.event_mentions_of(ids))
        later = reporting("copy", "Relais", "2019-10-07", "Borissov et Maduro se sont vus samedi à Caracas.",
                          ("CONSULT", BORISSOV, MADURO, "2019-10-05"))
        with store.transaction():
            store.write([later])
            merge_stored(store, ["copy"])
        ids = store.event_ids()
        assert store.merged(ids) == merged_rows(store.event_mentions_of(ids))
        assert sum(r["articles"] for r in store.merged(ids)) == 5
        gone = store.db.execute("SELECT count(*) FROM merged_events WHERE event_id NOT IN "
                                "(SELECT event_id FROM events WHERE event_id IS NOT NULL)").fetchone()[0]
        assert gone == 0


def test_an_older_store_gets_its_merged_events_once(db):
    from veille.link.merge import backfill_merged

    with Store(db) as store:
        store.db.execute("DELETE FROM merged_events")
        assert store.merged_missing()
        backfill_merged(store)
        ids = store.event_ids()
        assert not store.merged_missing() and store.merged(ids) == merged_rows(store.event_mentions_of(ids))
