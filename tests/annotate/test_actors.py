from __future__ import annotations

import pytest

from veille.annotate.actors import Mention, canon_orgs, canon_people, common_words
from veille.model import Article
from veille.read import Raw, read
from veille.settings import Settings

from ..conftest import RT_REPUBLISHED, needs_shared


def people(*texts: str) -> list[Mention]:
    return [Mention(i, i + len(t), "PER", t, 0) for i, t in enumerate(texts)]


def test_partial_names_join_the_fullest():
    ms = people("Maduro", "Nicolas Maduro", "Nicolas Maduro", "Philippe", "Edouard Philippe", "Philippe Martinez",
                "Martinez")
    canon_people(ms)
    assert [m.canonical for m in ms] == ["Nicolas Maduro", "Nicolas Maduro", "Nicolas Maduro", "Edouard Philippe",
                                         "Edouard Philippe", "Philippe Martinez", "Philippe Martinez"]


def test_the_most_used_spelling_names_the_person():
    ms = people("Nicolás Maduro", "Nicolas Maduro", "Nicolas Maduro", "M. Maduro")
    canon_people(ms)
    assert {m.canonical for m in ms[:3]} == {"Nicolas Maduro"}


def test_acronyms_take_the_long_form_the_article_writes():
    text = "Le Parquet national financier (PNF) enquête. Le PNF a saisi LREM, La République en marche, et l'OMS."
    ms = [Mention(0, 3, "ORG", "PNF", 0), Mention(0, 4, "ORG", "LREM", 0), Mention(0, 3, "ORG", "OMS", 0)]
    canon_orgs(ms, text, {"lrem": "La République en marche", "oms": "Organisation mondiale de la santé"})
    assert [m.canonical for m in ms] == ["Parquet national financier", "La République en marche", "OMS"]


@needs_shared
@pytest.mark.slow
def test_rt_page_actors_and_places(pipeline):
    [art] = pipeline.run(read([str(RT_REPUBLISHED)], Settings()))
    assert isinstance(art, Article)
    who = {e.canonical: (e.kind, e.country, e.sector) for e in art.entities if e.label == "PER"}
    for name, country in [("Nicolas Maduro", "VEN"), ("Iouri Borissov", "RUS"), ("Vladimir Poutine", "RUS"),
                          ("Dmitri Medvedev", "RUS")]:
        assert who[name] == ("person", country, "GOV"), name
    first = art.text.index("Moscou et Caracas")
    states = {(e.text, e.kind, e.country, e.actor_name) for e in art.entities if first <= e.start < first + 20}
    assert states == {("Moscou", "state", "RUS", "Russie"), ("Caracas", "state", "VEN", "Venezuela")}
    [havana] = [p for p in art.places if p.name == "La Havane"]
    assert havana.country == "CUB" and havana.geonameid == 3553478 and havana.lat and havana.lon
    ids = {e.canonical: e.actor_id for e in art.entities}
    assert len({ids["Nicolas Maduro"], ids["Vladimir Poutine"], ids["Venezuela"]}) == 3


def test_a_known_name_made_of_one_common_word_needs_its_capital():
    assert common_words("le monde") and common_words("la croix")
    assert not common_words("Le Monde") and not common_words("conseil scientifique")


@pytest.mark.slow
def test_a_name_after_a_title_is_a_person_and_the_world_is_not_a_newspaper(pipeline):
    [art] = pipeline.process([Raw(input="t", title="Le pape plaide pour les pauvres", fmt="txt", language="fr",
                                  body="Le pape François a prononcé mercredi un plaidoyer. \"Nous devons changer "
                                       "le monde\", a-t-il martelé devant des fidèles. Le Monde en parle.")])
    found = {(e.text, e.kind) for e in art.entities}
    assert ("François", "person") in found and ("Le Monde", "organization") in found
    assert not any(e.text == "le monde" for e in art.entities)


@pytest.mark.slow
def test_a_known_first_name_and_surname_is_a_person_even_inside_a_body_span(pipeline):
    [art] = pipeline.process([Raw(input="t", title="Afghanistan", fmt="txt", language="fr",
                                  body="\"Les attaques ont repris\", a dit à l'AFP le ministre de l'Intérieur Massoud "
                                       "Andarabi. Le Premier ministre a martelé sa volonté de négocier.")])
    people = {e.canonical for e in art.entities if e.kind == "person"}
    assert "Massoud Andarabi" in people
    assert not any("martelé" in e.text for e in art.entities)
    assert art.quotes[0].speaker.name == "Massoud Andarabi"


@pytest.mark.slow
def test_a_nickname_names_the_same_person(pipeline):
    [art] = pipeline.process([Raw(input="t", title="Thaïlande", fmt="txt", language="fr",
                                  body="Panusaya Sithijirawattanakul, dit Rung, étudiante, est sortie de l'anonymat. "
                                       "Rung a, elle, été mise en examen.")])
    assert {e.canonical for e in art.entities if e.kind == "person"} == {"Panusaya Sithijirawattanakul"}


@pytest.mark.slow
def test_a_truncated_name_is_completed_and_its_surname_alone_found(pipeline):
    [art] = pipeline.process([Raw(input="t", title="Un titre", body="Benoist Apparu, proche d'Alain Juppé, s'est "
                                  "exprimé. \"Il fallait maintenir ce concert\", a déclaré Apparu , invité.",
                                  fmt="txt", language="fr", published="2020-06-10")])
    people = {e.text: e.canonical for e in art.entities if e.kind == "person"}
    assert people.get("Apparu") == "Benoist Apparu"
    assert [q.speaker.name for q in art.quotes] == ["Benoist Apparu"]


def test_an_acronym_in_brackets_names_a_body_only_when_it_spells_it():
    from veille.annotate.actors import _spells

    assert _spells("PNF", "Parquet national financier") and _spells("OMS", "Organisation mondiale de la santé")
    assert not _spells("LREM", "Laurent Saint-Martin")  # "le rapporteur Laurent Saint-Martin (LREM)": his party
