"""Republication detection of a whole corpus on Spark (reading and cleaning, no NLP, then the distributed
band/sentence join and verification), on local[1] and local[2]: wall time, peak resident memory of the whole
process tree (the JVM and its Python workers), and the speed-up.

    python bench/spark_bench.py CORPUS.jsonl.gz [--masters local[1],local[2]]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ingest_bench import tree_rss_mb  # noqa: E402


def run(corpus: str, master: str) -> dict:
    out = Path(tempfile.mkdtemp(prefix="veille-spark-bench-")) / "out"
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "veille", "spark", corpus, "--output", str(out), "--master",
                             master, "--no-nlp"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_rss_mb(proc.pid))
        time.sleep(1)
    lines = proc.stderr.read().decode(errors="replace").splitlines() if proc.stderr else []
    summary = next((x for x in reversed(lines) if "republication links" in x), lines[-1] if lines else "")
    return {"master": master, "seconds": round(time.perf_counter() - t0, 1), "peak_rss_mb": round(peak),
            "exit": proc.returncode, "summary": summary.strip()}


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--masters", default="local[1],local[2]")
    args = ap.parse_args(argv)
    results = [run(args.corpus, m) for m in args.masters.split(",")]
    for r in results:
        print(json.dumps(r), flush=True)
    if len(results) == 2:
        print(json.dumps({"speedup": round(results[0]["seconds"] / results[1]["seconds"], 2)}))


if __name__ == "__main__":
    main(sys.argv[1:])
