"""Validate gold annotations against ../shared/ANNOTATION.md's shape and the splits of gold/splits.json.

    python gold/tools/check_gold.py                    # every split and gold/agreement
    python gold/tools/check_gold.py gold/train/123.json  # some files only (what an annotator runs)

Rules: one `<id>.json` per article, named by its id, the ANNOTATION.md keys and no others (plus
`place_countries`, the country of each place); the id is a sample or pool article and `published` its date;
every quote text, date text and event evidence is an exact substring of `title + "\\n\\n" + body`; quote kinds,
event types (PLOVER), flags, date values (YYYY, YYYY-MM, YYYY-MM-DD, real calendar days) and country codes
(ISO 3166-1 alpha-3 or IGO) are well-formed; no id is in two splits; each split holds the ids splits.json names.
Standard library only, so an annotator can run it anywhere.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
GOLD = TOOLS.parent
CORPUS = GOLD.parent.parent / "shared" / "corpus"
SPLITS = ("train", "dev", "test")
KEYS = {"id", "published", "quotes", "people", "organizations", "places", "place_countries", "dates", "events"}
EVENT_KEYS = {"type", "actor", "actor_country", "target", "target_country", "date", "location", "evidence",
              "negated", "hypothetical"}
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def countries() -> set[str]:
    lines = (TOOLS / "iso3166-alpha3.txt").read_text("utf-8").splitlines()
    return {x for x in lines if x and not x.startswith("#")} | {"IGO"}


def articles(corpus: Path = CORPUS) -> dict[int, dict]:
    out = {}
    for line in (corpus / "orangesum_fr_sample.jsonl").read_text("utf-8").splitlines():
        r = json.loads(line)
        out[r["id"]] = r
    with gzip.open(corpus / "orangesum_fr_pool.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out[r["id"]] = r
    return out


def good_value(v: object) -> bool:
    if not isinstance(v, str) or not VALUE.fullmatch(v):
        return False
    parts = [int(x) for x in v.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def check_quote(q: dict, full: str) -> list[str]:
    errs = []
    if not isinstance(q.get("text"), str) or q["text"] not in full:
        errs.append(f"quote not in text: {str(q.get('text'))[:60]!r}")
    if q.get("kind") not in ("direct", "indirect"):
        errs.append(f"bad quote kind {q.get('kind')!r}")
    if q.get("speaker") is not None and not isinstance(q.get("speaker"), str):
        errs.append(f"speaker must be a string or null: {q.get('speaker')!r}")
    return errs


def check_date(d: dict, full: str) -> list[str]:
    errs = []
    if not isinstance(d.get("text"), str) or d["text"] not in full:
        errs.append(f"date not in text: {d.get('text')!r}")
    if not good_value(d.get("value")):
        errs.append(f"bad date value {d.get('value')!r}")
    return errs


def check_names(g: dict, codes: set[str]) -> list[str]:
    errs = [f"{key} must be a list of names" for key in ("people", "organizations", "places")
            if not all(isinstance(x, str) and x for x in g.get(key, []))]
    for place, code in (g.get("place_countries") or {}).items():
        if code is not None and code not in codes:
            errs.append(f"bad country {code!r} for place {place!r}")
    return errs


def check_event(e: dict, full: str, codes: set[str]) -> list[str]:
    errs = []
    if set(e) != EVENT_KEYS:
        errs.append(f"event keys {sorted(set(e) ^ EVENT_KEYS)} differ from the guide's")
    if e.get("type") not in TYPES:
        errs.append(f"bad event type {e.get('type')!r}")
    if not isinstance(e.get("evidence"), str) or not e["evidence"] or e["evidence"] not in full:
        errs.append(f"evidence not in text: {str(e.get('evidence'))[:60]!r}")
    for side in ("actor_country", "target_country"):
        if e.get(side) is not None and e[side] not in codes:
            errs.append(f"bad {side} {e[side]!r}")
    if e.get("date") is not None and not good_value(e["date"]):
        errs.append(f"bad event date {e['date']!r}")
    for flag in ("negated", "hypothetical"):
        if not isinstance(e.get(flag), bool):
            errs.append(f"{flag} must be true or false")
    return errs


def check_file(path: Path, arts: dict[int, dict], codes: set[str]) -> list[str]:
    try:
        g = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{path}: unreadable ({exc})"]
    a = arts.get(g.get("id"))
    if a is None:
        return [f"{path}: id {g.get('id')!r} is not a sample or pool article"]
    errs = []
    if path.stem != str(g["id"]):
        errs.append(f"file named {path.name} holds id {g['id']}")
    if set(g) - KEYS or {"id", "published", "quotes", "people", "organizations", "places", "dates", "events"} - set(g):
        errs.append(f"keys {sorted(set(g) ^ KEYS)} differ from the guide's")
    if g.get("published") != a["date"]:
        errs.append(f"published {g.get('published')!r} is not the article's date {a['date']!r}")
    full = a["title"] + "\n\n" + a["body"]
    errs += [e for q in g.get("quotes", []) for e in check_quote(q, full)]
    errs += [e for d in g.get("dates", []) for e in check_date(d, full)]
    errs += check_names(g, codes)
    errs += [x for e in g.get("events", []) for x in check_event(e, full, codes)]
    return [f"{path}: {e}" for e in errs]


def check_splits(gold: Path = GOLD) -> list[str]:
    """Each split holds exactly the ids splits.json names, and no id is in two splits."""
    plan = json.loads((gold / "splits.json").read_text("utf-8"))
    errs, seen = [], {}
    for split in SPLITS:
        have = {int(p.stem) for p in (gold / split).glob("*.json")}
        want = set(plan[split])
        if have != want:
            errs.append(f"gold/{split}: {len(want - have)} article(s) missing, {len(have - want)} not in splits.json")
        for i in have:
            if i in seen:
                errs.append(f"article {i} is in gold/{seen[i]} and gold/{split}")
            seen[i] = split
    extra = {int(p.stem) for p in (gold / "agreement").glob("*.json")} - set(plan["agreement"])
    if extra:
        errs.append(f"gold/agreement: {sorted(extra)} not in splits.json")
    return errs


def main(argv: list[str]) -> int:
    arts, codes = articles(), countries()
    files = [Path(a) for a in argv] or sorted(p for d in (*SPLITS, "agreement") for p in (GOLD / d).glob("*.json"))
    errs = [e for f in files for e in check_file(f, arts, codes)]
    if not argv:
        errs += check_splits()
    print("\n".join(errs) or f"{len(files)} files OK")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
