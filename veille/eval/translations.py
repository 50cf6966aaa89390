"""Translated copies found, on veille's own test set (`gold/translations/`): French sample articles translated into
English, Spanish and Russian (whole, the first 60%, padded with a relay's own framing, condensed to two thirds),
dated a day after the French (the French is the source) or a day before (the French is the copy), same-topic
negatives (another story on the same subject within three days, translated, its own French left out), and the
rest of the sample as French background.

    python -m veille.eval.translations [--split dev|test|all]

`dev` (the first half of each language's positives and negatives) is what thresholds were chosen on; `test` the rest.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from veille.eval.gold import CORPUS, ROOT
from veille.model import Article
from veille.pipeline import Pipeline
from veille.read import json_record
from veille.settings import Settings

FOLDER = ROOT / "gold" / "translations"
LANGUAGES = ("en", "es", "ru")


def load(split: str) -> list[dict]:
    rows = []
    for lang in LANGUAGES:
        items = [json.loads(x) for x in (FOLDER / f"{lang}.jsonl").read_text("utf-8").splitlines()]
        for kind in ("positive", "negative"):
            of_kind = [r for r in items if r["kind"] == kind]
            half = len(of_kind) // 2
            rows += [r for k, r in enumerate(of_kind) if split == "all" or (k < half) == (split == "dev")]
    return rows


def articles(rows: list[dict]) -> tuple[list[Article], dict[str, str]]:
    """The translations, and the French sample without the originals of the negatives nor their French copies
    (the sample holds agency stories republished under other ids: a translation of one is a translation of its
    copies); with the cluster of each French article, so that finding a copy of the original counts."""
    from veille.link.reuse import clusters, link_all

    settings = Settings(annotate=False)
    pipe = Pipeline(settings)
    french_rows = [json.loads(x) for x in (CORPUS / "orangesum_fr_sample.jsonl").read_text("utf-8").splitlines()]
    french = [a for a in pipe.process([json_record(r, f"sample:{r['id']}", settings) for r in french_rows])
              if isinstance(a, Article)]
    group = clusters((x.source.external_id, x.copy.external_id) for x in link_all(french))
    negatives = {str(r["fr_id"]) for r in load("all") if r["kind"] == "negative"}
    left_out = {k for k, g in group.items() if g in {group.get(n, n) for n in negatives}} | negatives
    kept = [a for a in french if a.external_id not in left_out]
    translated = [a for a in pipe.process([json_record(r, r["id"], settings) for r in rows]) if isinstance(a, Article)]
    return kept + translated, group


def score(rows: list[dict], links: list, group: dict[str, str]) -> dict:
    by_ext: dict[str, list] = {}
    pos = {r["id"]: (str(r["fr_id"]), r["direction"]) for r in rows if r["kind"] == "positive"}
    neg = {r["id"] for r in rows if r["kind"] == "negative"}
    found = right_way = false = 0
    for link in links:
        s, c = link.source.external_id, link.copy.external_id
        by_ext.setdefault(s, []).append(link)
        by_ext.setdefault(c, []).append(link)
    wrong = []
    for tid, (fr, way) in pos.items():
        story = {k for k, g in group.items() if g == group.get(fr, fr)} | {fr}
        mine = [x for x in by_ext.get(tid, []) if ({x.source.external_id, x.copy.external_id} - {tid}) & story]
        own = [x for x in mine if fr in (x.source.external_id, x.copy.external_id)]
        found += bool(mine)
        right_way += bool(own) and own[0].source.external_id == (fr if way == "fr_source" else tid)
        false += sum(1 for x in by_ext.get(tid, []) if x not in mine)
        if not mine:
            wrong.append(("missed", tid))
    for tid in neg:
        false += len(by_ext.get(tid, []))
        wrong += [("false", tid, x.source.external_id, x.copy.external_id) for x in by_ext.get(tid, [])]
    return {"positives": len(pos), "found": found, "direction_right (against the original itself)": right_way,
            "negatives": len(neg),
            "false_links": false, "recall": round(found / len(pos), 3) if pos else 0.0, "errors": wrong}


def main(argv: list[str]) -> None:
    from veille.link.translation import link_translations

    ap = argparse.ArgumentParser(prog="python -m veille.eval.translations")
    ap.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    args = ap.parse_args(argv)
    rows = load(args.split)
    arts, group = articles(rows)
    t = time.perf_counter()
    links = [x for x in link_translations(arts) if x.relation == "translation"]
    out = score(rows, links, group)
    out["articles"], out["seconds"] = len(arts), round(time.perf_counter() - t, 1)
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
