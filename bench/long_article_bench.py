"""Cost of one long article against its length: corpus bodies joined into texts of 125k, 250k, 500k and
990k characters, each read, cleaned and annotated by one Pipeline (model loading apart). Time per character
should stay flat (linear cost); the peak RSS is the process tree's high-water mark after each size.

    python bench/long_article_bench.py ../shared/corpus/orangesum_fr_sample.jsonl
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from veille.pipeline import Pipeline
from veille.read import Raw
from veille.settings import Settings

SIZES = (125_000, 250_000, 500_000, 990_000)


def peak_mb() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) // 1024


def main(corpus: str) -> None:
    bodies = [json.loads(line)["body"] for line in Path(corpus).read_text("utf-8").splitlines()]
    text = "\n\n".join(bodies * (1 + SIZES[-1] // sum(map(len, bodies))))
    pipe = Pipeline(Settings(published="2020-06-01"))
    pipe.nlp  # noqa: B018 - loading apart
    for size in SIZES:
        raw = Raw(input=f"{size}", title="Un long article", body=text[:size], fmt="txt")
        t0 = time.perf_counter()
        [art] = pipe.process([raw])
        dt = time.perf_counter() - t0
        print(json.dumps({"chars": size, "seconds": round(dt, 1), "chars_per_s": round(size / dt),
                          "quotes": len(art.quotes), "events": len(art.events), "peak_rss_mb": peak_mb()}))


if __name__ == "__main__":
    main(sys.argv[1])
