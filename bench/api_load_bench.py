"""Latency of list endpoints under concurrent clients, over real HTTP (`veille serve` in a subprocess): each of
`--clients` threads asks its URLs in turn, pages spread over the whole list (small and large `offset`s), and the
report gives p50/p95/max per endpoint in milliseconds, with the requests per second of the whole run.

    python bench/api_load_bench.py STORE.db [--clients 20] [--rounds 5] [--port 8766] [--only events]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time

import httpx

ENDPOINTS = ("/api/events?limit=500&offset={offset}", "/api/articles?q=france&limit=100&offset={offset}",
             "/api/quotes?limit=500&offset={offset}")


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        try:
            httpx.get(f"{base}/api/health", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.3)
    raise SystemExit("server did not start")


def client(base: str, urls: list[str], out: list[tuple[str, float]]) -> None:
    with httpx.Client(base_url=base, timeout=60) as c:
        for kind, url in urls:
            t0 = time.perf_counter()
            r = c.get(url)
            out.append((kind, (time.perf_counter() - t0) * 1000))
            if r.status_code != 200:
                raise SystemExit(f"{url}: HTTP {r.status_code}")


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--port", type=int, default=8766)
    ap.add_argument("--only", choices=["events", "articles", "quotes"], help="one endpoint for every client")
    args = ap.parse_args(argv)
    base = f"http://127.0.0.1:{args.port}"
    proc = subprocess.Popen([sys.executable, "-m", "veille", "serve", "--db", args.db, "--port", str(args.port)],
                            stderr=subprocess.DEVNULL)
    try:
        wait_ready(base, proc)
        total = httpx.get(f"{base}/api/stats").json()
        events = httpx.get(f"{base}/api/events?limit=500").json()
        print(f"store: {total.get('articles')} articles", file=sys.stderr)
        endpoints = [e for e in ENDPOINTS if not args.only or e.startswith(f"/api/{args.only}?")]
        urls = [[(e.split("?")[0], e.format(offset=(i * 97 + r * 131) % 600)) for r in range(args.rounds)
                 for e in endpoints] for i in range(args.clients)]
        times: list[tuple[str, float]] = []
        threads = [threading.Thread(target=client, args=(base, u, times)) for u in urls]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        report = {"clients": args.clients, "requests": len(times), "requests_per_s": round(len(times) / wall, 1),
                  "events_first_page": len(events["items"])}
        for kind in sorted({k for k, _ in times}):
            ms = sorted(t for k, t in times if k == kind)
            report[kind] = {"p50": round(statistics.median(ms), 1), "p95": round(ms[int(0.95 * (len(ms) - 1))], 1),
                            "max": round(ms[-1], 1)}
        print(json.dumps(report, indent=1))
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main(sys.argv[1:])
