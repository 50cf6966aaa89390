from __future__ import annotations

import json

import numpy as np

from veille import api
from veille.link.translation import SENT_SIM, chain
from veille.store import Store

from ..conftest import ROOT, SAMPLE, shared_or_skip

TRANSLATIONS = ROOT / "gold" / "translations"


def test_the_chain_keeps_sentences_in_order():
    sim = np.array([[0.95, 0.10, 0.90], [0.10, 0.92, 0.10], [0.91, 0.10, 0.96]])
    assert chain(sim) == [(0, 0), (1, 1), (2, 2)]
    crossed = np.array([[0.10, 0.95], [0.97, 0.10]])  # a pair out of order cannot join the chain
    assert len(chain(crossed)) == 1
    assert chain(np.full((3, 3), SENT_SIM - 0.01)) == []


def rows(lang: str) -> list[dict]:
    return [json.loads(x) for x in (TRANSLATIONS / f"{lang}.jsonl").read_text("utf-8").splitlines()]


def french(ids: set[int]) -> list[dict]:
    shared_or_skip(SAMPLE, "../shared corpus")
    return [r for r in map(json.loads, SAMPLE.read_text("utf-8").splitlines()) if r["id"] in ids]


def write(path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return str(path)


def test_a_translation_is_linked_with_its_languages_and_a_same_topic_story_is_not(tmp_path):
    pos = next(r for r in rows("es") if r["kind"] == "positive" and r["variant"] == "full")
    neg = next(r for r in rows("en") if r["kind"] == "negative")
    fr = french({pos["fr_id"], neg["same_topic_as"]})
    links = [x.to_dict() for x in api.find_reuse([write(tmp_path / "in.jsonl", [*fr, pos, neg])])]
    [link] = links
    ids = {link["source_external_id"], link["copy_external_id"]}
    assert ids == {str(pos["fr_id"]), pos["id"]} and link["relation"] == "translation"
    french_is_source = pos["direction"] == "fr_source"
    assert (link["source_language"], link["copy_language"]) == (("fr", "es") if french_is_source else ("es", "fr"))
    assert link["source_external_id"] == (str(pos["fr_id"]) if french_is_source else pos["id"])
    assert link["shared_sentences"] >= 3 and all(p["kind"] == "translated" and p["similarity"] >= SENT_SIM
                                                 for p in link["passages"])


def test_ingest_links_a_translation_to_what_was_stored_before(tmp_path):
    pos = next(r for r in rows("ru") if r["kind"] == "positive" and r["variant"] == "padded")
    db = tmp_path / "t.db"
    api.ingest([write(tmp_path / "fr.jsonl", french({pos["fr_id"]}))], db, api.Settings(annotate=False))
    report = api.ingest([write(tmp_path / "ru.jsonl", [pos])], db, api.Settings(annotate=False))
    assert report.links == 1
    with Store(db, readonly=True) as store:
        [link] = store.links()
        assert link["relation"] == "translation" and {link["source_language"], link["copy_language"]} == {"fr", "ru"}
        clusters = {r[0] for r in store.db.execute("SELECT cluster_id FROM articles")}
        assert len(clusters) == 1  # the cluster mixes languages


def test_show_and_the_article_page_put_the_aligned_sentences_side_by_side(tmp_path):
    from fastapi.testclient import TestClient

    from veille.render import article_text
    from veille.web.app import create_app

    pos = next(r for r in rows("en") if r["kind"] == "positive" and r["variant"] == "full")
    db = tmp_path / "t.db"
    api.ingest([write(tmp_path / "both.jsonl", [*french({pos["fr_id"]}), pos])], db, api.Settings(annotate=False))
    with Store(db, readonly=True) as store:
        copy_id = store.resolve(pos["id"])
        art = store.get(copy_id)
        art.reuse = store.links_of(copy_id)
    assert any(line.startswith("    = 0.") and "  |  " in line for line in article_text(art).splitlines())
    html = TestClient(create_app(db)).get(f"/articles/{copy_id}").text
    assert "Translated" in html and "Aligned sentences" in html and 'class="diff-translated"' in html
