"""How far two annotators agree: the blind second annotations of gold/agreement scored, with the shared scorer,
against the first annotations of the same articles (gold/train, dev or test), layer by layer.

    python -m veille.eval.agreement [--second gold/agreement] [--first gold]

The scorer takes predictions in veille's output shape, so the second annotation is put in that shape: quotes
and dates as they are, people / organisations / places as entities, events with the actor and target names and
countries. With the first annotation as reference, precision and recall swap if the roles do; F1 does not.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from veille.eval.gold import ROOT, SPLITS, load_scorer

LABELS = {"people": "PER", "organizations": "ORG", "places": "LOC"}


def as_prediction(g: dict[str, Any]) -> dict[str, Any]:
    return {"external_id": str(g["id"]), "quotes": g.get("quotes", []), "dates": g.get("dates", []),
            "entities": [{"label": label, "canonical": name} for key, label in LABELS.items()
                         for name in g.get(key, [])],
            "events": g.get("events", [])}


def first_annotations(gold: Path, ids: set[int]) -> dict[int, Path]:
    found = {int(p.stem): p for split in SPLITS for p in (gold / split).glob("*.json") if int(p.stem) in ids}
    missing = ids - set(found)
    if missing:
        raise SystemExit(f"no first annotation for {sorted(missing)}")
    return found


def agreement(second: Path, gold: Path) -> dict[str, Any]:
    scorer = load_scorer()
    seconds = {int(p.stem): json.loads(p.read_text("utf-8")) for p in sorted(second.glob("*.json"))}
    firsts = first_annotations(gold, set(seconds))
    with tempfile.TemporaryDirectory() as tmp:
        ref = Path(tmp) / "first"
        ref.mkdir()
        for path in firsts.values():
            (ref / path.name).write_text(path.read_text("utf-8"), "utf-8")
        pred = Path(tmp) / "second.jsonl"
        pred.write_text("".join(json.dumps(as_prediction(g), ensure_ascii=False) + "\n" for g in seconds.values()),
                        "utf-8")
        pairs, missing = scorer.load(str(ref), str(pred))
    return {"articles": len(pairs), "quotes": scorer.score_quotes(pairs), "entities": scorer.score_entities(pairs),
            "dates": scorer.score_dates(pairs), "events": scorer.score_events(pairs)}


def summary(res: dict[str, Any]) -> dict[str, float]:
    """The figures gold/README.md reports."""
    ents, ev = res["entities"], res["events"]
    return {"quotes_f1": res["quotes"]["f1"], "speaker_acc": res["quotes"]["speaker_acc"],
            "people_strict_f1": ents["people_strict"]["f1"],
            "organizations_strict_f1": ents["organizations_strict"]["f1"],
            "places_strict_f1": ents["places_strict"]["f1"], "dates_correct_f1": res["dates"]["correct_f1"],
            "events_full_f1": ev["f1"], "events_type_evidence_f1": ev["type_and_evidence_f1"]}


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(prog="python -m veille.eval.agreement")
    ap.add_argument("--second", type=Path, default=ROOT / "gold" / "agreement")
    ap.add_argument("--first", type=Path, default=ROOT / "gold", help="the folder holding train/, dev/, test/")
    args = ap.parse_args(argv)
    res = agreement(args.second, args.first)
    print(json.dumps({"articles": res["articles"], "summary": summary(res), "detail": res}, indent=1,
                     ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
