"""Train the event coder from gold/train and gold/dev (never gold/test), and write
`veille/lang/fr/events_model.npz`.

    veille train events [--gold gold] [--out veille/lang/fr/events_model.npz]

1. Every gold article is read and annotated as `veille extract` does, the events stage keeping all its candidates
   (lexicon triggers and statements, with the vetoes of the hand-written rules) and their features.
2. Each gold event is matched to the candidate stating it (its trigger inside the gold evidence, else the most
   overlapping evidence): that candidate's label is the gold type, every other candidate's is NONE.
3. Logistic models over the hashed features (the type classifier, the actor and target rankers) are fitted in
   five folds over gold/train and gold/dev; the regularisation strength and the keep threshold with the best
   out-of-fold full-match F1 (the shared scorer's) are kept, and the models refitted on all those articles.
4. Confidence: an isotonic map from the classifier's score to the rate of right events (full match) among the
   out-of-fold predictions.
Deterministic: the same gold gives the same weights (lbfgs, no sampling, sorted inputs).
"""

from __future__ import annotations

import copy
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from veille.annotate.event_model import (
    MODEL_DIR,
    MODEL_FILE,
    NONE,
    RANK_FEATURES,
    EventModel,
    Options,
    candidate_features,
    hasher,
    side_options,
    typed,
)
from veille.eval.gold import ROOT, corpus_records, full_match_flags, load_scorer
from veille.model import Event

FOLDS = 5
C_GRID = (0.1, 0.3)
"""Regularisation strengths tried (chosen out of fold). Tried and dropped: the trigger's and the sentence's word
vectors as dense features (dev full F1 0.518 against 0.517 without them)."""
LEXICON_TRUST = (1.0, 0.5, 0.3)
"""How far the lexicon's type is kept against the classifier's first choice (see EventModel.lexicon_trust)."""
THRESHOLDS = tuple(round(x, 2) for x in np.arange(0.2, 0.61, 0.05))


@dataclass
class Sample:
    """One gold article as the trainer sees it: its candidates' events (copied), features, sentence starts."""

    id: str
    text: str
    title_len: int
    events: list[Event] = field(default_factory=list)
    features: list[list[str]] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    options: list[Options] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    kept: list[bool] = field(default_factory=list)
    gold_of: dict[int, dict] = field(default_factory=dict)
    """The gold event each labelled candidate states, by candidate index."""


def collect(records: list[dict]) -> list[Sample]:
    """Run the pipeline on gold articles, the events stage handing its candidates over instead of deciding."""
    from veille.pipeline import Pipeline, default_stages
    from veille.read import json_record
    from veille.settings import Settings

    settings = Settings()
    stages = default_stages(settings)
    samples: dict[str, Sample] = {}

    def capture(article: Any, doc: Any, cands: list[Any]) -> list[Event]:
        from veille.annotate.events import sentence_start

        s = Sample(article.external_id, article.text, len(article.title))
        for c in cands:
            s.features.append(candidate_features(article, doc, c))
            s.events.append(copy.deepcopy(c.event))
            s.sentences.append(sentence_start(doc, c.event.evidence.start))
            s.options.append(side_options(article, doc, c))
            s.kept.append(c.kept)
        samples[s.id] = s
        return []

    stages[-1].decider = capture
    pipe = Pipeline(settings, stages=stages)
    raws = [json_record(r, f"gold:{r['id']}", settings) for r in records]
    for i in range(0, len(raws), settings.batch_size):
        pipe.process(raws[i:i + settings.batch_size])
    return [samples[k] for k in sorted(samples, key=int)]


def label(sample: Sample, gold: dict) -> None:
    """Each gold event labels the one candidate that states it; the rest are NONE."""
    scorer = load_scorer()
    pairs = []
    for gi, g in enumerate(gold.get("events", [])):
        at = sample.text.find(g["evidence"])
        lo, hi = (at, at + len(g["evidence"])) if at >= 0 else (-1, -1)
        for ci, e in enumerate(sample.events):
            inside = e.trigger is not None and lo <= e.trigger.start < hi
            overlap = scorer.dice(g["evidence"], e.evidence.text)
            if inside or overlap >= 0.3:
                pairs.append((inside + overlap + (g["type"] == e.type) * 0.5, gi, ci))
    sample.labels = [NONE] * len(sample.events)
    used_g, used_c = set(), set()
    for _, gi, ci in sorted(pairs, reverse=True):
        if gi not in used_g and ci not in used_c:
            used_g.add(gi)
            used_c.add(ci)
            sample.labels[ci] = gold["events"][gi]["type"]
            sample.gold_of[ci] = gold["events"][gi]


def fit(samples: list[Sample], c: float) -> EventModel:
    from sklearn.linear_model import LogisticRegression

    x = hasher().transform([f for s in samples for f in s.features])
    y = [lab for s in samples for lab in s.labels]
    lr = LogisticRegression(C=c, max_iter=3000, solver="lbfgs")
    lr.fit(x, y)
    return EventModel([str(k) for k in lr.classes_], lr.coef_, lr.intercept_, 0.5, np.array([0.0, 1.0]),
                      np.array([0.0, 1.0]), {"name": "events", "C": c})


def side_labels(names: list[str | None], countries: list[str | None], gold_name: str | None,
                gold_country: str | None) -> list[int]:
    """Which options are the gold side: those the scorer would match by name, else by country."""
    scorer = load_scorer()
    by_name = [int(n is not None and gold_name is not None and scorer.same_name(gold_name, n)) for n in names]
    if any(by_name):
        return by_name
    return [int(gold_country is not None and c == gold_country) for c in countries]


def fit_rankers(samples: list[Sample], c: float = 0.3) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    weights = []
    for role in ("actor", "target"):
        feats, ys = [], []
        for s in samples:
            for ci, g in s.gold_of.items():
                opts = s.options[ci]
                refs = opts.actors if role == "actor" else opts.targets
                fs = opts.actor_features if role == "actor" else opts.target_features
                if role == "target" and g.get("target") is None and g.get("target_country") is None:
                    ys += [int(r is None) for r in refs]
                else:
                    ys += side_labels([r.name if r else None for r in refs], [r.country if r else None for r in refs],
                                      g.get(role), g.get(f"{role}_country"))
                feats += [typed(f, g["type"], role) for f in fs]
        lr = LogisticRegression(C=c, max_iter=3000, solver="lbfgs")
        lr.fit(hasher(RANK_FEATURES).transform(feats), ys)
        weights.append(np.append(lr.coef_[0], lr.intercept_[0]))
    return weights[0], weights[1]


def predict(model: EventModel, samples: list[Sample], threshold: float) -> tuple[list[dict], list[list[float]]]:
    """Predictions in the shape the shared scorer reads, with each kept event's raw score."""
    preds, scores = [], []
    none = model.classes.index(NONE)
    for s in samples:
        probs = model.probabilities(s.features)
        events = [copy.deepcopy(e) for e in s.events]
        raw = {id(e): 1.0 - float(p[none]) for e, p in zip(events, probs, strict=True)}
        starts = {id(e): st for e, st in zip(events, s.sentences, strict=True)}
        opts = {id(e): o for e, o in zip(events, s.options, strict=True)}
        kept = model.choose(events, probs, s.title_len, lambda e, starts=starts: starts[id(e)],
                            lambda e, opts=opts: opts[id(e)], threshold)
        preds.append({"external_id": s.id, "events": [event_dict(e) for e in kept]})
        scores.append([raw[id(e)] for e in kept])
    return preds, scores


def event_dict(e: Event) -> dict:
    def side(a: Any) -> dict | None:
        return {"name": a.name, "country": a.country} if a is not None else None

    return {"type": e.type, "actor": side(e.actor), "target": side(e.target), "evidence": {"text": e.evidence.text},
            "confidence": e.confidence}


def score(golds: dict[str, dict], preds: list[dict]) -> dict:
    scorer = load_scorer()
    return scorer.score_events([(golds[p["external_id"]], p) for p in preds])


def right_or_wrong(golds: dict[str, dict], preds: list[dict]) -> list[list[bool]]:
    """Which predicted events the scorer's full match pairs with a gold event."""
    scorer = load_scorer()
    return [full_match_flags(scorer, golds[p["external_id"]], p) for p in preds]


def calibrate(scores: list[float], right: list[bool]) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.isotonic import IsotonicRegression

    ir = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip", increasing=True)
    ir.fit(scores, [float(r) for r in right])
    return ir.X_thresholds_, ir.y_thresholds_


def gold_files(folder: Path) -> dict[str, dict]:
    return {str(g["id"]): g for g in (json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json")))}


def out_of_fold(samples: list[Sample], golds: dict[str, dict], c: float, folds: int
                ) -> tuple[tuple[float, float], dict, list[float], list[bool]]:
    """Every article predicted by a model that did not see it (k folds over the articles, in id order): the
    threshold and lexicon trust with the best full F1, its scores, and the raw score and rightness of each event
    kept at the lowest threshold (what the calibration is fitted on)."""
    groups = [samples[i::folds] for i in range(folds)]
    models = []
    for k in range(folds):
        rest = [s for j, g in enumerate(groups) if j != k for s in g]
        model = fit(rest, c)
        model.actor_w, model.target_w = fit_rankers(rest)
        models.append(model)

    def run(t: float, trust: float) -> tuple[list[dict], list[list[float]]]:
        preds, scores = [], []
        for model, held in zip(models, groups, strict=True):
            model.lexicon_trust = trust
            p, sc = predict(model, held, t)
            preds += p
            scores += sc
        return preds, scores

    results = {(t, trust): score(golds, run(t, trust)[0]) for t in THRESHOLDS for trust in LEXICON_TRUST}
    best = max(results, key=lambda k: (results[k]["f1"], -k[0], k[1]))
    preds, scores = run(THRESHOLDS[0], best[1])
    raw = [x for r in scores for x in r]
    right = [y for r in right_or_wrong(golds, preds) for y in r]
    return best, results[best], raw, right


def train(gold_root: Path, out: Path, log: Any = print, records_of: Any = corpus_records,
          c_grid: tuple[float, ...] = C_GRID, folds: int = FOLDS) -> dict[str, Any]:
    """`records_of(ids)`: the articles the gold files annotate (the sample and pool, or a test's own).

    The strength, the threshold and the calibration are chosen on out-of-fold predictions over gold/train and
    gold/dev together (each article scored by a model trained without it); the shipped model is then fitted
    on all of them. A fixed dev split alone chose badly: its 40 articles were picked for dense political news
    and the rules were written on them, so its figures ran 0.19 above text drawn at random."""
    t0 = time.perf_counter()
    golds = {split: gold_files(gold_root / split) for split in ("train", "dev")}
    data = {}
    for split, gold in golds.items():
        data[split] = collect(records_of({int(k) for k in gold}))
        for s in data[split]:
            label(s, gold[s.id])
        n = sum(len(s.labels) for s in data[split])
        pos = sum(lab != NONE for s in data[split] for lab in s.labels)
        log(f"{split}: {len(data[split])} articles, {n} candidates, {pos} labelled events "
            f"(of {sum(len(g['events']) for g in gold.values())} gold)")
        rules = score(gold, [{"external_id": s.id, "events": [event_dict(e) for e, c in
                                                            zip(s.events, s.kept, strict=True) if c]}
                             for s in data[split]])
        log(f"hand-written rules on {split}: full F1 {rules['f1']}, type+evidence F1 {rules['type_and_evidence_f1']}")
    everything = sorted(data["train"] + data["dev"], key=lambda s: int(s.id))
    all_gold = {**golds["train"], **golds["dev"]}
    best: tuple[float, float, tuple[float, float], list[float], list[bool], dict] | None = None
    for c in c_grid:
        (t, trust), res, raw, right = out_of_fold(everything, all_gold, c, min(folds, len(everything)))
        if best is None or res["f1"] > best[0]:
            best = (res["f1"], c, (t, trust), raw, right, res)
        log(f"C={c}: out-of-fold full F1 {res['f1']} at threshold {t}, lexicon trust {trust} "
            f"(type+evidence {res['type_and_evidence_f1']})")
    assert best is not None
    _, c, (t, trust), raw, right, res = best
    model = fit(everything, c)
    model.actor_w, model.target_w = fit_rankers(everything)
    model.threshold, model.lexicon_trust = t, trust
    model.calib_x, model.calib_y = calibrate(raw, right)
    model.meta = {"name": "events", "C": c, "threshold": t, "lexicon_trust": trust,
                  "trained_on": "gold/train + gold/dev",
                  "selected_on": f"{folds}-fold out-of-fold predictions", "articles": len(everything),
                  "oof_full_f1": res["f1"], "oof_type_evidence_f1": res["type_and_evidence_f1"],
                  "n_features": int(model.coef.shape[1])}
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    log(f"out-of-fold: full F1 {res['f1']}, type+evidence F1 {res['type_and_evidence_f1']}; "
        f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.0f} s")
    return model.meta


def default_out() -> Path:
    return ROOT / "veille" / MODEL_DIR / MODEL_FILE


def main(argv: list[str]) -> None:
    import argparse

    ap = argparse.ArgumentParser(prog="veille train events")
    ap.add_argument("--gold", type=Path, default=ROOT / "gold")
    ap.add_argument("--out", type=Path, default=default_out())
    args = ap.parse_args(argv)
    train(args.gold, args.out, log=lambda m: print(m, file=sys.stderr))


if __name__ == "__main__":
    main(sys.argv[1:])

