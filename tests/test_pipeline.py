from __future__ import annotations

import pytest
import spacy

from veille.errors import Failure
from veille.model import Article
from veille.pipeline import Pipeline, check_stages
from veille.read import Raw
from veille.settings import Settings


class Tokens:
    """A toy stage: counts tokens, and fails on documents that contain BOOM."""

    name = "tokens"
    needs = ("doc",)
    adds = ("tokens",)

    def __call__(self, article: Article, doc) -> None:
        if "BOOM" in article.text:
            raise RuntimeError("boom")
        article.meta["tokens"] = len(doc)


class NeedsQuotes:
    name = "events"
    needs = ("quotes",)
    adds = ("events",)

    def __call__(self, article, doc) -> None: ...


def raw(i: int, body: str = "Un texte assez long pour être un paragraphe.") -> Raw:
    return Raw(input=f"r{i}", title=f"Titre {i}", body=body, fmt="txt", language="fr")


@pytest.fixture
def pipe() -> Pipeline:
    return Pipeline(Settings(batch_size=2), stages=[Tokens()], nlp=spacy.blank("fr"))


def test_one_bad_document_does_not_kill_the_batch(pipe):
    out = list(pipe.run([raw(1), raw(2, "BOOM ici."), raw(3), Failure("x", "unreadable")]))
    assert [type(o).__name__ for o in out] == ["Article", "Failure", "Failure", "Article"]
    assert out[1].where == "r2" and "tokens" in out[1].reason
    assert out[0].meta["tokens"] > 3


def test_skip_drops_records_before_work(pipe):
    out = list(pipe.run([raw(1), raw(2)], skip=lambda r: r.input == "r1"))
    assert [a.input for a in out] == ["r2"]


def test_unmet_needs_are_refused():
    with pytest.raises(ValueError, match="needs"):
        check_stages([NeedsQuotes()])


def test_model_is_not_loaded_without_annotation():
    p = Pipeline(Settings(annotate=False))
    [art] = p.process([raw(1)])
    assert isinstance(art, Article) and p._nlp is None


def test_a_cleaning_failure_is_a_failure(pipe):
    [f] = pipe.process([Raw(input="r", title="", body="Publicité\n\nPartager", fmt="txt")])
    assert isinstance(f, Failure) and "no article text" in f.reason


@pytest.mark.slow
def test_a_long_text_parsed_in_pieces_reads_as_one(pipeline, sample_records, monkeypatch):
    """Above LONG_TEXT characters a text is parsed paragraph piece by piece and the Docs joined: the same
    text, valid spans, and the same quotes as one whole parse."""
    import veille.pipeline as pl

    body = "\n\n".join(r["body"] for r in sample_records[:20])
    assert len(body) > 2 * pl.LONG_TEXT
    raw = Raw(input="long", title="Un long article", body=body, fmt="txt", published="2020-06-01")
    [pieces] = pipeline.process([raw])
    monkeypatch.setattr(pl, "LONG_TEXT", 10 ** 7)
    [whole] = pipeline.process([raw])
    assert pieces.text == whole.text and pieces.bad_spans() == []
    a, b = {q.text for q in pieces.quotes}, {q.text for q in whole.quotes}
    assert len(a & b) >= 0.95 * len(a | b) and len(a) > 20


class FrenchOnly(Tokens):
    name = "french"
    languages = ("fr",)


def test_a_stage_runs_only_on_the_languages_it_declares():
    pipe = Pipeline(Settings(), stages=[Tokens(), FrenchOnly()], nlp=spacy.blank("fr"))
    fr, en, und = pipe.process([raw(1), Raw(input="e", title="A title", body="Some English text here.", fmt="txt",
                                            language="en"),
                                Raw(input="u", title="x", body="y z", fmt="txt", language="und")])
    assert fr.meta["layers"] == ["clean", "tokens", "french"]
    assert en.meta["layers"] == ["clean", "tokens"]  # the toy stage serves every language, the French one not
    assert und.meta["layers"] == ["clean", "tokens", "french"]


def test_a_language_no_stage_serves_is_not_parsed():
    pipe = Pipeline(Settings(), stages=[FrenchOnly()], nlp=spacy.blank("fr"))
    pipe._nlp = None  # parsing would load the real model: it must not be needed
    [en] = pipe.process([Raw(input="e", title="A title", body="Some English text here.", fmt="txt",
                             language="en")])
    assert en.meta["layers"] == ["clean"] and "tokens" not in en.meta


@pytest.mark.slow
def test_never_french_rules_on_other_text(pipeline):
    from veille.read import read

    english = Raw(input="en", title="Putin meets Maduro in Moscow",
                  body="Russian President Vladimir Putin met Venezuelan leader Nicolas Maduro on Saturday. "
                       "\"We support Venezuela,\" Putin said, according to the Kremlin.", fmt="txt")
    spanish = Raw(input="es", title="Maduro se reúne con Putin en Moscú",
                  body="El presidente venezolano Nicolás Maduro se reunió el sábado con Vladimir Putin. "
                       "\"Rusia apoya a Venezuela\", dijo el Kremlin en un comunicado.", fmt="txt")
    french = next(iter(read([str(pipeline_rt())], pipeline.settings)))
    en, es, fr = pipeline.process([english, spanish, french])
    assert (en.language, es.language, fr.language) == ("en", "es", "fr")
    for art in (en, es):
        assert art.meta["layers"] == ["clean"]
        assert not (art.entities or art.quotes or art.dates or art.events or art.places)
    assert fr.meta["layers"] == ["clean", "entities", "places", "dates", "quotes", "events"] and fr.events


def pipeline_rt():
    from veille import api

    return next(p for p in api.demo_inputs() if p.endswith("original.jsonl"))
