"""Check development gold files against ANNOTATION.md's shape: every quoted text, date text and event
evidence must be an exact substring of title + "\n\n" + body of the sample article."""
import json
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "orangesum_fr_sample.jsonl"
KEYS = {"id", "published", "quotes", "people", "organizations", "places", "place_countries", "dates", "events"}
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def articles():
    out = {}
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out[r["id"]] = r
    return out


def check(path, arts):
    errs = []
    g = json.loads(path.read_text(encoding="utf-8"))
    a = arts.get(g.get("id"))
    if a is None:
        return [f"{path.name}: id {g.get('id')} not in the sample"]
    full = a["title"] + "\n\n" + a["body"]
    if set(g) - KEYS:
        errs.append(f"{path.name}: unknown keys {set(g) - KEYS}")
    for q in g.get("quotes", []):
        if q["text"] not in full:
            errs.append(f"{path.name}: quote not in text: {q['text'][:60]!r}")
        if q.get("kind") not in ("direct", "indirect"):
            errs.append(f"{path.name}: bad kind {q.get('kind')}")
    for d in g.get("dates", []):
        if d["text"] not in full:
            errs.append(f"{path.name}: date not in text: {d['text']!r}")
        v = d["value"]
        if len(v) not in (4, 7, 10):
            errs.append(f"{path.name}: bad date value {v!r}")
    for e in g.get("events", []):
        if e.get("type") not in TYPES:
            errs.append(f"{path.name}: bad event type {e.get('type')}")
        if e.get("evidence", "") not in full:
            errs.append(f"{path.name}: evidence not in text: {e.get('evidence', '')[:60]!r}")
    return errs


def main(argv):
    arts = articles()
    files = sorted(Path(argv[0]).glob("*.json"))
    errs = [e for f in files for e in check(f, arts)]
    print("\n".join(errs) or f"{len(files)} files OK")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
