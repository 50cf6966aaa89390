"""`veille ingest` of a whole corpus, watched from outside: wall time, and the peak resident memory of the
ingest's whole process tree (main process and workers) when it has stored 1k, 5k, 10k… articles — so one run
shows whether memory grows with the corpus.

    python bench/ingest_bench.py CORPUS.jsonl.gz [--jobs 2] [--db /tmp/bench.db] [--marks 1000,5000,10000] [--resume]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry))
        rss[int(entry)] = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total / 1024


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--db", default="/tmp/veille-ingest-bench.db")
    ap.add_argument("--marks", default="1000,5000,10000,20000,30000")
    ap.add_argument("--resume", action="store_true", help="keep the store: carry on an interrupted ingest")
    args = ap.parse_args(argv)
    db = Path(args.db)
    for suffix in ("", "-wal", "-shm") if not args.resume else ():
        Path(str(db) + suffix).unlink(missing_ok=True)
    marks = [int(x) for x in args.marks.split(",") if int(x) > stored(db)]
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "veille", "ingest", args.corpus, "--db", str(db), "--jobs",
                             str(args.jobs)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_rss_mb(proc.pid))
        n = stored(db)
        while marks and n >= marks[0]:
            print(json.dumps({"articles": marks.pop(0), "stored": n, "seconds": round(time.perf_counter() - t0),
                              "peak_rss_mb_so_far": round(peak)}), flush=True)
        time.sleep(2)
    err = proc.stderr.read().decode(errors="replace").strip().splitlines() if proc.stderr else []
    print(json.dumps({"articles": stored(db), "seconds": round(time.perf_counter() - t0), "peak_rss_mb": round(peak),
                      "exit": proc.returncode, "last_line": err[-1] if err else ""}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
