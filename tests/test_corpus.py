"""The whole sample corpus through the real pipeline: schema validity and exact offsets everywhere."""

from __future__ import annotations

import pytest

from veille.errors import Failure
from veille.read import read
from veille.settings import Settings

from .conftest import SAMPLE, needs_shared


@pytest.fixture(scope="session")
def sample_articles(pipeline):
    out = list(pipeline.run(read([str(SAMPLE)], Settings())))
    assert not [o for o in out if isinstance(o, Failure)]
    return out


@needs_shared
@pytest.mark.slow
def test_every_sample_article_follows_the_schema(sample_articles, schema):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(schema)
    assert len(sample_articles) == 464
    errors = [(a.external_id, e.message) for a in sample_articles for e in validator.iter_errors(a.to_dict())]
    assert errors == []


@needs_shared
@pytest.mark.slow
def test_every_span_is_the_text_it_points_to(sample_articles):
    spans = [(a, s) for a in sample_articles for s in a.iter_spans()]
    assert len(spans) > 5000
    assert [(a.external_id, s) for a, s in spans if a.text[s.start:s.end] != s.text] == []
