"""Smoke test of an installed veille (the wheel, not the checkout): the demo, then `veille serve` over its store
answering the contract routes, one article page, one static asset and the offline API docs.

    python .ci/smoke.py DB     (run from a folder that holds no veille/ package, so the wheel is what imports)
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.read()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(db: str) -> int:
    import veille

    assert "site-packages" in veille.__file__, f"veille imported from {veille.__file__}, not the installed wheel"
    subprocess.run(["veille", "demo", "--db", db], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen(["veille", "serve", "--db", db, "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                status, body = get(f"{base}/api/health")
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("veille serve did not answer /api/health")
        health = json.loads(body)
        assert status == 200 and health["status"] == "ok" and health["articles"] > 0, health
        first = json.loads(get(f"{base}/api/articles?limit=1")[1])["items"][0]["id"]
        checks = [f"/articles/{first}", "/static/vendor/swagger-ui-bundle.js", "/static/veille.css", "/docs",
                  "/openapi.json"]
        for path in checks:
            status, body = get(base + path)
            assert status == 200 and body, path
        print(f"smoke: {health['articles']} articles; " + ", ".join(f"{p} 200" for p in ["/api/health", *checks]))
    finally:
        server.terminate()
        server.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main(str(Path(sys.argv[1]).resolve())))
