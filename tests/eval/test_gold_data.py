"""The annotated corpus itself: every gold file passes the validator (gold/tools/check_gold.py, the rules of
../shared/ANNOTATION.md), and the test split is frozen: its ids are the ones drawn on the day it was made."""

from __future__ import annotations

import hashlib
import importlib.util
import json

import pytest

from ..conftest import ROOT, needs_shared

GOLD = ROOT / "gold"
TEST_IDS_SHA256 = "61ba5b6737af80a3f1f825284ad0859544b47b007f961f97b1bacfcba6e24d6c"
"""sha256 of the test split's sorted ids, space-separated: changing the split fails here, on purpose."""


def checker():
    spec = importlib.util.spec_from_file_location("check_gold", GOLD / "tools" / "check_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_test_split_is_frozen():
    ids = sorted(json.loads((GOLD / "splits.json").read_text("utf-8"))["test"])
    assert hashlib.sha256(" ".join(map(str, ids)).encode()).hexdigest() == TEST_IDS_SHA256
    assert sorted(int(p.stem) for p in (GOLD / "test").glob("*.json")) == ids


@needs_shared
def test_every_gold_file_is_valid():
    mod = checker()
    arts, codes = mod.articles(), mod.countries()
    files = sorted(p for d in (*mod.SPLITS, "agreement") for p in (GOLD / d).glob("*.json"))
    errors = [e for f in files for e in mod.check_file(f, arts, codes)] + mod.check_splits(GOLD)
    assert len(files) >= 420 and not errors, errors[:20]


@needs_shared
def test_validator_catches_what_the_guide_forbids(tmp_path):
    mod = checker()
    arts, codes = mod.articles(), mod.countries()
    good = json.loads((GOLD / "dev" / "28114.json").read_text("utf-8"))
    assert mod.check_file(GOLD / "dev" / "28114.json", arts, codes) == []
    bad = dict(good, quotes=[dict(good["quotes"][0], text="une capitulation!")],
               dates=[{"text": "le 5 octobre", "value": "2019-02-30"}],
               events=[dict(good["events"][0], type="PRAISE", actor_country="XX")], place_countries={"Verdun": "FR"})
    path = tmp_path / "28114.json"
    path.write_text(json.dumps(bad), "utf-8")
    errors = " | ".join(mod.check_file(path, arts, codes))
    for expected in ("quote not in text", "date not in text", "bad date value", "bad event type",
                     "bad actor_country", "bad country 'FR'"):
        assert expected in errors, expected
    path.write_text(json.dumps(dict(good, id=999999999)), "utf-8")
    assert "not a sample or pool article" in mod.check_file(path, arts, codes)[0]


@pytest.mark.parametrize("split", ["train", "dev", "test"])
def test_splits_are_disjoint(split):
    plan = json.loads((GOLD / "splits.json").read_text("utf-8"))
    others = {i for s in ("train", "dev", "test") if s != split for i in plan[s]}
    assert not set(plan[split]) & others
