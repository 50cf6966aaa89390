"""`veille train events` end to end on three hand-made articles: the code path, not the figures (those are
measured on gold/test, see README)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from veille.annotate.event_model import NONE, EventModel
from veille.train.events import train

pytestmark = pytest.mark.slow

ARTICLES = {
    1: ("Manifestation à Paris", "Des milliers de manifestants ont défilé samedi à Paris contre la réforme. "
        "La police a interpellé dix personnes. Le ministre Gérald Darmanin a dénoncé des violences."),
    2: ("Visite à Moscou", "Le président vénézuélien Nicolas Maduro a rencontré Vladimir Poutine lundi à Moscou. "
        "Il a salué le soutien de la Russie."),
    3: ("Sanctions", "L'Union européenne a imposé des sanctions à la Russie. Moscou a rejeté ces accusations."),
}
EVENTS = {
    1: [("PROTEST", "manifestants", "FRA", None, None, "Des milliers de manifestants ont défilé samedi à Paris"),
        ("COERCE", "La police", "FRA", "dix personnes", "FRA", "La police a interpellé dix personnes"),
        ("ACCUSE", "Gérald Darmanin", "FRA", None, None, "Le ministre Gérald Darmanin a dénoncé des violences")],
    2: [("CONSULT", "Nicolas Maduro", "VEN", "Vladimir Poutine", "RUS",
         "Nicolas Maduro a rencontré Vladimir Poutine lundi à Moscou")],
    3: [("SANCTION", "Union européenne", "IGO", "Russie", "RUS",
         "L'Union européenne a imposé des sanctions à la Russie"),
        ("REJECT", "Russie", "RUS", None, None, "Moscou a rejeté ces accusations")],
}


def write_gold(folder, ids):
    folder.mkdir(parents=True)
    for i in ids:
        events = [{"type": t, "actor": a, "actor_country": ac, "target": g, "target_country": gc, "date": None,
                   "location": None, "evidence": ev, "negated": False, "hypothetical": False}
                  for t, a, ac, g, gc, ev in EVENTS[i]]
        (folder / f"{i}.json").write_text(json.dumps({"id": i, "published": "2020-06-10", "quotes": [], "people": [],
                                                      "organizations": [], "places": [], "dates": [],
                                                      "events": events}), "utf-8")


def records(ids):
    return [{"id": i, "title": ARTICLES[i][0], "body": ARTICLES[i][1], "date": "2020-06-10"} for i in sorted(ids)]


def test_training_writes_a_model_that_loads_and_decides(tmp_path):
    write_gold(tmp_path / "gold" / "train", [1, 2])
    write_gold(tmp_path / "gold" / "dev", [3])
    out = tmp_path / "model" / "events_model.npz"
    meta = train(tmp_path / "gold", out, log=lambda m: None, records_of=records, c_grid=(1.0,))
    model = EventModel.load(tmp_path / "model")
    assert model is not None and NONE in model.classes and model.meta == meta
    assert model.coef.shape[0] == len(model.classes) and model.actor_w is not None
    assert 0.0 <= model.threshold <= 1.0 and np.all(np.diff(model.calib_y) >= 0)  # calibration is monotone
    with np.load(out, allow_pickle=False) as z:  # plain arrays: loading needs no pickle
        assert {"coef", "classes", "calib_x", "actor_w", "target_w"} <= set(z.files)
    again = tmp_path / "again.npz"
    train(tmp_path / "gold", again, log=lambda m: None, records_of=records, c_grid=(1.0,))
    with np.load(out, allow_pickle=False) as a, np.load(again, allow_pickle=False) as b:
        assert all(np.array_equal(a[k], b[k]) for k in a.files)  # deterministic
