from __future__ import annotations

import pytest

from veille.annotate.dates import DateTagger
from veille.model import Article

from ..conftest import RT_ORIGINAL, needs_shared


@pytest.fixture(scope="module")
def tagger() -> DateTagger:
    return DateTagger()


def dates(tagger, text: str, published: str | None = "2019-10-07", doc=None):
    art = Article(id="t", title="", text=text, published=published)
    tagger(art, doc)
    assert art.bad_spans() == []
    return art, [(d.text, d.value, d.granularity) for d in art.dates]


@pytest.mark.parametrize("text, expected", [
    ("Il est arrivé le 5 octobre après la réunion.", ("le 5 octobre", "2019-10-05", "day")),
    ("Le texte date du 12 mars 2019.", ("12 mars 2019", "2019-03-12", "day")),
    ("La loi entre en vigueur le 1er juin.", ("le 1er juin", "2019-06-01", "day")),
    ("Signé le 05/10/2019 à Paris.", ("le 05/10/2019", "2019-10-05", "day")),
    ("Ils sont venus samedi.", ("samedi", "2019-10-05", "day")),
    ("Elle a parlé mardi dernier.", ("mardi dernier", "2019-10-01", "day")),
    ("Il reviendra mardi prochain.", ("mardi prochain", "2019-10-08", "day")),
    ("Il l'a dit hier.", ("hier", "2019-10-06", "day")),
    ("C'était avant-hier.", ("avant-hier", "2019-10-05", "day")),
    ("Il partira demain.", ("demain", "2019-10-08", "day")),
    ("Il y a trois jours, tout a changé.", ("Il y a trois jours", "2019-10-04", "day")),
    ("Le vote aura lieu dans deux semaines.", ("dans deux semaines", "2019-10-21", "day")),
    ("Il y a dix-huit mois, rien.", ("Il y a dix-huit mois", "2018-04", "month")),
    ("Ils se sont vus la semaine dernière.", ("la semaine dernière", "2019-09-30", "week")),
    ("Ils se verront la semaine prochaine.", ("la semaine prochaine", "2019-10-14", "week")),
    ("Les ventes ont chuté le mois dernier.", ("le mois dernier", "2019-09", "month")),
    ("Il a été élu en juin.", ("en juin", "2019-06", "month")),
    ("Le rapport est attendu fin mai.", ("fin mai", "2019-05", "month")),
    ("Elle part mi-juin.", ("mi-juin", "2019-06", "month")),
    ("Les prix ont monté l'an dernier.", ("l'an dernier", "2018", "year")),
    ("L'élection aura lieu en 2023.", ("en 2023", "2023", "year")),
    ("Le chantier finira fin 2019.", ("fin 2019", "2019", "year")),
    ("Le festival se tient du 24 au 29 mai.", ("du 24 au 29 mai", "2019-05-24", "day")),
    ("Le scrutin a lieu les 19 et 20 octobre.", ("les 19 et 20 octobre", "2019-10-19", "day")),
    ("La guerre dura de 1861 à 1865.", ("de 1861 à 1865", "1861", "year")),
])
def test_expressions_without_a_parse(tagger, text, expected):
    _, found = dates(tagger, text)
    assert found == [expected]


def test_a_day_named_again_keeps_its_year(tagger):
    _, found = dates(tagger, "Le 17 octobre 2018, la crise éclate. Depuis le 17 octobre, rien.", "2020-06-13")
    assert [v for _, v, _ in found] == ["2018-10-17", "2018-10-17"]


def test_la_veille_counts_from_the_day_narrated(tagger):
    _, found = dates(tagger, "Il est arrivé le 3 mai. La veille, il avait appelé.", "2020-05-10")
    assert found[-1] == ("La veille", "2020-05-02", "day")


@pytest.mark.parametrize("text", ["Il y a 2019 personnes inscrites.", "Le projet de loi de finances 2021 est prêt.",
                                  "La guerre civile (1975-1990) a laissé des traces.", "La sonde vers Mars part.",
                                  "La France de demain sera verte.", "Les années 2000 ont changé la donne."])
def test_look_alikes_are_not_dates(tagger, text):
    assert dates(tagger, text)[1] == []


def test_without_publication_date_only_absolute_dates(tagger):
    art, found = dates(tagger, "Le 5 octobre 2019 puis hier et samedi.", published=None)
    assert found == [("Le 5 octobre 2019", "2019-10-05", "day")]
    assert "no publication date" in art.meta["dates_note"]


@pytest.mark.slow
def test_the_tense_of_the_governing_verb_decides(pipeline):
    nlp = pipeline.nlp
    tagger = DateTagger()
    for text, value in [("Le ministre a annoncé mardi sa démission.", "2019-10-08"),
                        ("Le ministre se rendra mardi à Caracas.", "2019-10-15"),
                        ("Le ministre doit se rendre mardi à Caracas.", "2019-10-15")]:
        art = Article(id="t", title="", text=text, published="2019-10-09")
        tagger(art, nlp(text))
        assert [d.value for d in art.dates] == [value], text


@needs_shared
@pytest.mark.slow
def test_rt_record(pipeline):
    from veille.read import read
    from veille.settings import Settings

    [art] = pipeline.run(read([str(RT_ORIGINAL)], Settings()))
    found = {(d.text, d.value, d.granularity) for d in art.dates}
    assert {("le 5 octobre", "2019-10-05", "day"), ("le 2 octobre", "2019-10-02", "day"),
            ("la semaine dernière", "2019-09-23", "week")} <= found
