"""Latency of the dashboard's search and actor pages over real HTTP, on a store the caller filled (for the issue:
the whole 36k-article corpus): `veille serve` runs in a subprocess and the bench asks it for pages.

Search terms are words drawn from stored titles (so most match), plus a few very frequent ones; actors are the
most-mentioned ones (the heaviest pages) and a random draw. Each URL is asked `--repeat` times; the report gives
p50/p95/max per page kind, in milliseconds, for the whole round trip.

    python bench/web_bench.py STORE.db [--terms 60] [--actors 60] [--repeat 3] [--port 8765]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time

import httpx

FREQUENT = ["france", "gouvernement", "président", "police", "macron", "covid", "grève", "élection"]


def sample(db: str, n_terms: int, n_actors: int, seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        titles = [r[0] for r in con.execute("SELECT title FROM articles ORDER BY random() LIMIT 2000")]
        top = [r[0] for r in con.execute(
            "SELECT actor_id FROM entities WHERE actor_id IS NOT NULL GROUP BY actor_id "
            "ORDER BY count(*) DESC LIMIT ?", (n_actors // 2,))]
        every = [r[0] for r in con.execute("SELECT actor_id FROM actors ORDER BY actor_id")]
    words = sorted({w.lower() for t in titles for w in re.findall(r"\w{5,}", t)})
    terms = FREQUENT + rng.sample(words, min(n_terms - len(FREQUENT), len(words)))
    actors = top + rng.sample(every, min(n_actors - len(top), len(every)))
    return terms, actors


def wait_ready(client: httpx.Client, proc: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        try:
            client.get("/docs")
            return
        except httpx.TransportError:
            time.sleep(0.3)
    raise SystemExit("server did not start")


def timed(client: httpx.Client, urls: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        for url in urls:
            t0 = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                raise SystemExit(f"{url}: HTTP {r.status_code}")
    return times


def summary(kind: str, times: list[float]) -> dict:
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"page": kind, "requests": len(times), "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(p95, 1), "max_ms": round(times[-1], 1)}


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--terms", type=int, default=60)
    ap.add_argument("--actors", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    terms, actors = sample(args.db, args.terms, args.actors, args.seed)
    with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as con:
        print(json.dumps({"store_articles": con.execute("SELECT count(*) FROM articles").fetchone()[0]}))
    proc = subprocess.Popen([sys.executable, "-m", "veille", "serve", "--db", args.db, "--port", str(args.port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{args.port}", timeout=60) as client:
            wait_ready(client, proc)
            pages = {"search": [f"/?q={t}" for t in terms], "actor": [f"/actor/{a}" for a in actors],
                     "api_search": [f"/api/articles?q={t}" for t in terms]}
            for kind, urls in pages.items():
                timed(client, urls[:3], 1)  # warm the connection and the page cache once
                print(json.dumps(summary(kind, timed(client, urls, args.repeat))), flush=True)
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main(sys.argv[1:])
