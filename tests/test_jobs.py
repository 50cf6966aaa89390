"""The same records give the same output whatever the process layout: one process, a pool of workers, another
hash seed (Spark and `--jobs` rely on it)."""

from __future__ import annotations

import json
import os

import pytest

from .conftest import SAMPLE, needs_shared
from .test_cli import veille

pytestmark = [pytest.mark.slow, needs_shared]


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    rows = [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines()[:40]]
    path = tmp_path_factory.mktemp("jobs") / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_a_pool_of_workers_gives_the_one_process_output(records):
    one = veille("extract", str(records), "--batch-size", "8", env={**os.environ, "PYTHONHASHSEED": "1"})
    two = veille("extract", str(records), "--batch-size", "8", "--jobs", "2",
                 env={**os.environ, "PYTHONHASHSEED": "2"})
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 40
