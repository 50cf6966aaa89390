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
                        ("Le ministre doit se rendre mardi à Caracas.", "2019-10-15"),
                        ("Le village fera la fête dimanche.", "2019-10-13"),
                        ("Le village a fait la fête dimanche.", "2019-10-06")]:
        art = Article(id="t", title="", text=text, published="2019-10-09")
        tagger(art, nlp(text))
        assert [d.value for d in art.dates] == [value], text


@pytest.mark.parametrize("text, expected", [
    ("Il partira ce soir.", [("ce soir", "2019-10-07")]),
    ("Les pompiers sont intervenus ce matin.", [("ce matin", "2019-10-07")]),
    ("Elle l'a annoncé cet après-midi.", [("cet après-midi", "2019-10-07")]),
    ("Ce soir-là, il pleuvait.", []),
    ("Ce matin là, il pleuvait.", []),
])
def test_the_publication_day_by_name(tagger, text, expected):
    assert [(t, v) for t, v, _ in dates(tagger, text)[1]] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("Le Fatah a condamné aujourd'hui l'exécution.", ["2019-10-07"]),
    ("La ministre se rendra aujourd’hui à Lyon.", ["2019-10-07"]),
    ("Ils vivent aujourd'hui loin de chez eux.", []),  # "nowadays"
    ("J'ai fait tout ça avec mon père, aujourd'hui décédé.", []),
    ("Même si le réchauffement s'arrêtait aujourd'hui, la glace fondrait.", []),
    ("La France d'aujourd'hui a changé.", []),
])
def test_aujourdhui_is_a_date_only_for_an_act_of_the_day(pipeline, text, expected):
    tagger = DateTagger()
    art = Article(id="t", title="", text=text, published="2019-10-07")
    tagger(art, pipeline.nlp(text))
    assert [d.value for d in art.dates] == expected


@pytest.mark.parametrize("text, published, expected", [
    ("Il est arrivé en 97, puis reparti.", "2019-10-07", [("en 97", "1997", "year")]),
    ("La grève d'octobre 98 a marqué la ville.", "2019-10-07", [("octobre 98", "1998-10", "month")]),
    ("Les événements de mai 68 restent dans les mémoires.", "2019-10-07", [("mai 68", "1968-05", "month")]),
    ("Le stade ouvrira fin 25.", "2019-10-07", [("fin 25", "2025", "year")]),
    ("Il a été élu en 05.", "1999-03-01", [("en 05", "2005", "year")]),
    ("Le trajet se fait en 12 heures.", "2019-10-07", []),
    ("Il a fini la course en 45 minutes.", "2019-10-07", []),
    ("Depuis octobre 20 personnes ont été arrêtées.", "2019-10-07", [("octobre", "2019-10", "month")]),
])
def test_two_digit_years(tagger, text, published, expected):
    assert dates(tagger, text, published)[1] == expected


@pytest.mark.slow
def test_a_month_takes_the_two_digit_year_just_named(pipeline):
    text = "En 97, la petite usine a fermé ses portes en janvier, puis elle a rouvert. Il reviendra en janvier."
    art = Article(id="t", title="", text=text, published="2019-10-07")
    DateTagger()(art, pipeline.nlp(text))
    assert [(d.text, d.value) for d in art.dates] == [("En 97", "1997"), ("en janvier", "1997-01"),
                                                      ("en janvier", "2020-01")]


@pytest.mark.slow
def test_a_four_digit_year_does_not_carry_over(pipeline):
    text = "Le crash a fait 228 morts en 2009, a appris en juillet l'AFP."
    art = Article(id="t", title="", text=text, published="2019-10-07")
    DateTagger()(art, pipeline.nlp(text))
    assert [(d.text, d.value) for d in art.dates] == [("en 2009", "2009"), ("en juillet", "2019-07")]


@needs_shared
@pytest.mark.slow
def test_rt_record(pipeline):
    from veille.read import read
    from veille.settings import Settings

    [art] = pipeline.run(read([str(RT_ORIGINAL)], Settings()))
    found = {(d.text, d.value, d.granularity) for d in art.dates}
    assert {("le 5 octobre", "2019-10-05", "day"), ("le 2 octobre", "2019-10-02", "day"),
            ("la semaine dernière", "2019-09-23", "week")} <= found
