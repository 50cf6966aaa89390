"""Quality gates on the development gold (gold/dev, made with shared/ANNOTATION.md), scored by the shared
scorer. These are the acceptance figures of the annotation issues; the README quotes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from veille.eval.gold import dateparser_predictions, gold_records, predict, score, speakers_by_attribution

from ..conftest import ROOT, needs_shared

GOLD = ROOT / "gold" / "dev"
pytestmark = [needs_shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def predictions(pipeline, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gold") / "veille.jsonl"
    predict(gold_records(GOLD), out, pipeline)
    return out


def test_dates_beat_dateparser(predictions, tmp_path):
    ours = score(GOLD, predictions, "dates")["dates"]
    dateparser_predictions(gold_records(GOLD), tmp_path / "dp.jsonl")
    theirs = score(GOLD, tmp_path / "dp.jsonl", "dates")["dates"]
    assert ours["f1"] >= 0.90 and ours["value_acc"] >= 0.95
    assert ours["f1"] > theirs["f1"] + 0.2 and ours["correct_f1"] > theirs["correct_f1"] + 0.4


def test_entities_beat_bare_spacy(predictions, pipeline, tmp_path):
    from veille.eval.gold import baseline_entities, place_countries

    ours = score(GOLD, predictions, "entities")["entities"]
    baseline_entities(gold_records(GOLD), tmp_path / "base.jsonl", pipeline.nlp)
    base = score(GOLD, tmp_path / "base.jsonl", "entities")["entities"]
    assert ours["people_strict"]["f1"] >= 0.93
    assert ours["places_strict"]["f1"] >= 0.88
    assert ours["organizations_strict"]["f1"] >= 0.80
    for cls in ("people", "places", "organizations"):
        assert ours[f"{cls}_strict"]["f1"] > base[f"{cls}_strict"]["f1"] + 0.05, cls
    assert place_countries(GOLD, predictions)["country_right"] >= 0.95


def test_quotes_and_speakers(predictions):
    """Both meet the acceptance bar (quote F1 0.85, speaker accuracy 0.85) on the development gold; speaker
    accuracy is gated where it stands (0.885) less a margin, so that it can only go up."""
    res = score(GOLD, predictions, "quotes")["quotes"]
    assert res["f1"] >= 0.85
    assert res["speaker_acc"] >= 0.87
    split = speakers_by_attribution(GOLD, predictions)
    assert sum(x["matched"] for x in split.values()) == res["tp"]
    right = sum(round(x["matched"] * x["speaker_acc"]) for x in split.values())
    assert right == round(res["speaker_acc"] * res["tp"])


def test_events(predictions):
    """The acceptance bars, full 0.55 and type+evidence 0.65 (measured 0.586 and 0.658; one event is worth 0.003;
    see README, Figures, and `python -m veille.eval.gold events` for the per-type table)."""
    res = score(GOLD, predictions, "events")["events"]
    assert res["f1"] >= 0.57
    assert res["type_and_evidence_f1"] >= 0.65
