from __future__ import annotations

import pytest

from veille.annotate.quotes import n_words
from veille.read import Raw, read
from veille.settings import Settings

from ..conftest import RT_REPUBLISHED, needs_shared


def test_words_count_elided_articles():
    assert n_words("l'agressivité") == 2 and n_words("non") == 1 and n_words("une union sacrée") == 3


def quotes_of(pipeline, body: str, title: str = "Un titre sans citation"):
    [art] = pipeline.process([Raw(input="t", title=title, body=body, fmt="txt", language="fr",
                                  published="2020-06-10")])
    assert art.bad_spans() == []
    return [(q.kind, q.text, q.speaker.name if q.speaker else None) for q in art.quotes]


@needs_shared
@pytest.mark.slow
def test_rt_page_quotes_go_to_maduro(pipeline):
    [art] = pipeline.run(read([str(RT_REPUBLISHED)], Settings()))
    found = {(q.kind, q.text[:25]): q.speaker.name for q in art.quotes}
    assert found[("direct", "Nous avons renouvelé tous")] == "Nicolas Maduro"
    assert found[("direct", "suit parfaitement la marc")] == "Nicolas Maduro"
    assert found[("direct", "discours extraordinaire")] == "Nicolas Maduro"
    assert found[("indirect", "ils incluaient la partici")] == "Nicolas Maduro"
    cues = {q.text[:25]: q.cue for q in art.quotes}
    assert cues["suit parfaitement la marc"] == "a ajouté"


@pytest.mark.slow
def test_interrupted_quote_is_two_quotes_one_speaker(pipeline):
    found = quotes_of(pipeline, "La ministre Elisabeth Borne s'est exprimée mardi. « Nous tiendrons nos "
                                "engagements », a-t-elle assuré, « quoi qu'il arrive cette année ».")
    assert [(k, s) for k, _, s in found] == [("direct", "Elisabeth Borne"), ("direct", "Elisabeth Borne")]


@pytest.mark.slow
def test_indirect_speech_and_selon(pipeline):
    found = quotes_of(pipeline, "Le Premier ministre Edouard Philippe a affirmé que la réforme serait "
                                "menée à son terme. Selon le syndicat CGT, la mobilisation va continuer.")
    assert ("indirect", "la réforme serait menée à son terme", "Edouard Philippe") in found
    assert any(k == "indirect" and t.startswith("la mobilisation va continuer") for k, t, _ in found)


@pytest.mark.slow
def test_partial_quote_inside_a_statement(pipeline):
    found = quotes_of(pipeline, "Le président Emmanuel Macron a appelé à \"une union sacrée\" face à la crise.")
    assert ("direct", "une union sacrée", "Emmanuel Macron") in found


@pytest.mark.slow
def test_names_and_scare_quotes_are_not_quotes(pipeline):
    found = quotes_of(pipeline, "Il a lu le livre \"Les Misérables\" pendant l'été. Les \"gilets jaunes\" "
                                "manifestent. Le mouvement dit \"écolo\" grandit.")
    assert found == []
