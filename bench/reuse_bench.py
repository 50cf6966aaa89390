"""Republication detection over a whole corpus: documents per second, beside computing whole-document MinHash
signatures alone on the same documents (the cheapest possible dedup pass), and peak memory. A benchmark, not a
test: run it by hand on a quiet machine.

    python bench/reuse_bench.py ../shared/corpus/orangesum_fr_full.jsonl.gz [--limit N]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from veille.clean import Cleaner
from veille.eval.reuse import load
from veille.link.reuse import body_of, link_all, shingles, words
from veille.read import Raw


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)
    records = load(args.corpus)[: args.limit]
    cleaner = Cleaner()
    t0 = time.perf_counter()
    articles = [cleaner(Raw(input=str(r["id"]), title=r["title"], body=r["body"], fmt="jsonl",
                            external_id=str(r["id"]), published=r.get("published_time") or r.get("date"),
                            source=r.get("source_contenu"), language="fr")) for r in records]
    t_clean = time.perf_counter() - t0

    from rensa import RMinHash

    t0 = time.perf_counter()
    for a in articles:
        m = RMinHash(num_perm=128, seed=1)
        m.update(sorted(shingles(words(body_of(a)))))
        m.digest()
    t_sign = time.perf_counter() - t0

    t0 = time.perf_counter()
    links = link_all(articles)
    t_link = time.perf_counter() - t0
    n = len(articles)
    print(json.dumps({
        "documents": n, "links": len(links),
        "clean_seconds": round(t_clean, 1),
        "minhash_signatures_only": {"seconds": round(t_sign, 1), "docs_per_s": round(n / t_sign)},
        "veille_reuse": {"seconds": round(t_link, 1), "docs_per_s": round(n / t_link)},
        "ratio_veille_to_signatures": round(t_link / t_sign, 2),
        "peak_rss_mb": peak_mb(),
    }, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
