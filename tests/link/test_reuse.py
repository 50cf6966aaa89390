from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from veille.link.reuse import MemoryIndex, align, clusters, fingerprint, link_all, verify
from veille.model import Article, Removal
from veille.settings import STOCK_DF

from ..conftest import RT_ORIGINAL, RT_REPUBLISHED, SHARED, needs_shared

STORY = [
    "Le gouvernement a présenté mardi un plan de relance de cent milliards d'euros pour soutenir l'économie.",
    "Le Premier ministre a détaillé les mesures devant les députés réunis en séance extraordinaire à Paris.",
    "Les syndicats ont dénoncé un texte trop favorable aux grandes entreprises et pas assez aux salariés.",
    "L'opposition de droite a jugé que la dette publique allait atteindre un niveau record cette année.",
    "Les régions réclament de leur côté une part plus importante des fonds pour les transports publics.",
    "Le texte doit être examiné au Sénat la semaine prochaine avant une adoption définitive prévue en juillet.",
    "Plusieurs économistes estiment que l'effort reste insuffisant face à l'ampleur de la récession en cours.",
    "Le ministre de l'Economie a promis de nouvelles mesures si la situation ne s'améliorait pas rapidement.",
]
OTHER = [
    "Un incendie a ravagé dimanche plusieurs hectares de forêt dans le sud du département du Var.",
    "Les pompiers ont mobilisé plus de trois cents hommes et deux avions bombardiers d'eau toute la nuit.",
    "Aucune victime n'est à déplorer mais une dizaine de maisons ont été évacuées par précaution.",
    "Le préfet a annoncé l'ouverture d'une enquête pour déterminer l'origine exacte du sinistre.",
    "Les habitants ont pu regagner leur domicile lundi matin après l'extinction complète des flammes.",
]


def article(aid: str, paragraphs: list[str], title: str = "Un titre", published: str = "2020-06-01",
            source: str | None = None) -> Article:
    text = title + "\n\n" + "\n\n".join(paragraphs)
    return Article(id=aid, title=title, text=text, published=published, source=source, external_id=aid)


def test_a_padded_retitled_copy_is_verbatim_and_later_is_the_copy():
    src = article("a", STORY, published="2020-06-01")
    cp = article("b", STORY, title="Autre titre", published="2020-06-02")
    cp.removed = [Removal("094643347aa0f5ae11f15bc21d7dda00", "hash")]
    link = verify(cp, src)
    assert (link.source.id, link.copy.id, link.relation, link.basis) == ("a", "b", "verbatim", "published")
    assert link.containment == 1.0
    assert [p["text"] for p in link.passages if p.get("reason")] == ["094643347aa0f5ae11f15bc21d7dda00"]


def test_truncated_copy_is_partial():
    link = verify(article("a", STORY), article("b", STORY[:4], published="2020-06-03"))
    assert link.relation == "partial" and link.containment == 1.0


def test_edited_copy_is_edited_with_changed_passages():
    edited = [s.replace("mardi", "lundi").replace("cent", "deux cents") for s in STORY]
    link = verify(article("a", STORY), article("b", edited, published="2020-06-02"))
    assert link.relation == "edited"
    assert any(p["kind"] == "changed" for p in link.passages)


def test_three_shared_sentences_in_new_text_is_a_rewrite():
    rewrite = OTHER[:2] + STORY[2:5] + OTHER[2:]
    link = verify(article("a", STORY), article("b", rewrite, published="2020-06-02"))
    assert link.relation == "rewrite" and link.shared_sentences == 3


def test_different_stories_are_not_linked():
    assert verify(article("a", STORY), article("b", OTHER)) is None


def test_stock_sentences_link_nothing():
    """Daily agency updates share a template sentence and nothing else: no link."""
    template = ("Nouveaux bilans, nouvelles mesures, faits marquants: un point sur les dernières évolutions "
                "de la pandémie.")
    rng = random.Random(5)
    vocab = " ".join(STORY + OTHER).lower().replace(".", "").split()
    docs = [article(f"d{i}", [template, " ".join(rng.choice(vocab) for _ in range(40)) + "."])
            for i in range(STOCK_DF + 2)]
    assert link_all(docs) == []


def test_direction_falls_back_on_agency_then_length():
    a, b = article("a", STORY, published=None, source="AFP"), article("b", STORY, published=None, source="blog")
    assert verify(b, a).source.id == "a" and verify(b, a).basis == "source"
    long, short = article("l", STORY, published=None), article("s", STORY[:5], published=None)
    assert verify(short, long).source.id == "l"


def test_memory_index_finds_candidates_by_chunks_and_sentences():
    idx = MemoryIndex()
    base = fingerprint(article("a", STORY))
    idx.add(base)
    padded = fingerprint(article("b", OTHER + STORY[:3]))
    assert "a" in idx.candidates(padded)
    assert idx.candidates(fingerprint(article("c", OTHER))) == set()


def test_alignment_reports_added_and_removed():
    passages = align("\n".join(STORY[:3]), "\n".join(STORY[1:4]))
    kinds = [p["kind"] for p in passages]
    assert kinds.count("shared") == 2 and "added" in kinds and "removed" in kinds


def test_clusters_go_to_the_origin():
    assert clusters([("a", "b"), ("b", "c"), ("x", "y")]) == {"a": "a", "b": "a", "c": "a", "x": "x", "y": "x"}


@needs_shared
def test_rt_pair_from_the_command_line():
    r = subprocess.run([sys.executable, "-m", "veille", "reuse", str(RT_ORIGINAL), str(RT_REPUBLISHED),
                        "--passages"], capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr
    [link] = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert link["source_external_id"] == "rt-66553" and link["copy_external_id"] is None
    assert link["containment"] >= 0.95 and link["relation"] == "verbatim"
    added = [p["text"] for p in link["passages"] if p["kind"] == "added"]
    assert added == ["094643347aa0f5ae11f15bc21d7dda00",
                     "Maduro soutenu par Poutine : il sera plus difficile pour la CIA de faire son coup d'État",
                     "La Grande Interview : Nicolás Maduro"]


@needs_shared
def test_ingest_links_new_articles_against_the_store(tmp_path):
    db = str(tmp_path / "v.db")
    run = [sys.executable, "-m", "veille"]
    subprocess.run([*run, "ingest", "--no-nlp", str(RT_ORIGINAL), "--db", db], check=True, capture_output=True)
    subprocess.run([*run, "ingest", "--no-nlp", str(RT_REPUBLISHED), "--db", db], check=True, capture_output=True)
    out = subprocess.run([*run, "reuse", "--db", db], check=True, capture_output=True).stdout.decode()
    [link] = [json.loads(x) for x in out.splitlines()]
    assert link["source_external_id"] == "rt-66553" and link["relation"] == "verbatim"
    shown = subprocess.run([*run, "show", link["copy"], "--db", db], check=True, capture_output=True).stdout.decode()
    assert "copied from rt-66553" in shown and "+ La Grande Interview" in shown


@needs_shared
@pytest.mark.slow
def test_quality_gate_on_the_synthetic_set():
    from veille.eval.reuse import build, load, run

    silver = [json.loads(x) for x in (SHARED / "corpus" / "orangesum_neardup_pairs.silver.jsonl").read_text(
        "utf-8").splitlines()]
    res = run(build(load(SHARED / "corpus" / "orangesum_fr_full.jsonl.gz"), silver, originals=60, background=300))
    ours, base = res["veille"], res["minhash_lsh_jaccard_0.5"]
    assert ours["copies_found"] >= 0.95 and ours["rewrites_found"] >= 0.60
    assert ours["same_topic_false_links"] <= 0.05 and ours["direction_right"] >= 0.95
    assert ours["copies_found"] > base["copies_found"] and ours["rewrites_found"] > base["rewrites_found"]
