"""Spark on local[2] gives what one process gives: same article ids, quotes, events (merged ids included) and
republication links, over 50 records of the bundled demo corpus with their copies."""

from __future__ import annotations

import gzip
import json
import os
import shutil

import pytest

from veille import api
from veille.store import Store

pytestmark = pytest.mark.slow
try:
    import pyspark  # noqa: F401
except ImportError:  # pragma: no cover - CI installs it (VEILLE_REQUIRE_SPARK)
    if not os.environ.get("VEILLE_REQUIRE_SPARK"):
        pytestmark = [pytestmark, pytest.mark.skip(reason="pyspark is not installed")]
if shutil.which("java") is None and not os.environ.get("VEILLE_REQUIRE_SPARK"):
    pytestmark = [pytestmark, pytest.mark.skip(reason="no java for Spark")]

ORANGESUM = next(p for p in api.demo_inputs() if p.endswith(".jsonl.gz"))
RT = [p for p in api.demo_inputs() if "rt-venezuela" in p]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh][:48]
    folder = tmp_path_factory.mktemp("spark-in")
    (folder / "orangesum.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                            "utf-8")
    for p in RT:
        shutil.copy(p, folder)
    return folder


def snapshot(store: Store) -> dict[str, set]:
    q = store.db.execute
    return {
        "articles": {r[0] for r in q("SELECT id FROM articles")},
        "quotes": {tuple(r) for r in q("SELECT article_id, idx, kind, text, speaker FROM quotes")},
        "events": {tuple(r) for r in q("SELECT article_id, idx, type, actor_name, target_name, date, event_id "
                                       "FROM events")},
        "reuse": {tuple(r) for r in q("SELECT source_id, copy_id, relation FROM reuse")},
        "clusters": {tuple(r) for r in q("SELECT id, cluster_id FROM articles")},
    }


def test_spark_equals_one_process(corpus, tmp_path):
    from veille.spark import load_parquet, run

    report = run([str(corpus)], tmp_path / "out", master="local[2]")
    assert report["failed"] == [] and report["articles"] == 50 and report["links"] >= 1
    with Store(tmp_path / "spark.db") as s:
        load_parquet(tmp_path / "out", s)
        spark = snapshot(s)
    api.ingest([str(corpus)], tmp_path / "one.db")
    with Store(tmp_path / "one.db", readonly=True) as s:
        one = snapshot(s)
    assert len(one["articles"]) == 50 and len(one["events"]) > 50 and one["reuse"]
    for table in one:
        assert spark[table] == one[table], table
