from __future__ import annotations

import pytest

from veille.annotate.quotes import Context, n_words
from veille.annotate.resolve import describing, titled_gender
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


def test_descriptions_tie_by_content_words_not_by_party_names():
    assert describing(["le", "président", "du", "groupe", "LR", "au", "Sénat"]) == {"president", "groupe"}


@pytest.mark.slow
def test_before_anyone_speaks_a_quote_is_the_headline_speakers(pipeline):
    found = quotes_of(pipeline, "Le premier scénario est celui d'une \"épidémie sous contrôle\" avec quelques "
                                "foyers.", title="Le conseil scientifique appelle à se préparer")
    assert found == [("direct", "épidémie sous contrôle", "Conseil scientifique")]


@pytest.mark.slow
def test_il_after_a_body_spoke_is_the_body(pipeline):
    found = quotes_of(pipeline, "Le conseil scientifique, présidé par Jean-François Delfraissy, recommande \"des "
                                "mesures appropriées\" pour la suite. Il suggère aussi \"un plan de protection des "
                                "Ehpad\".")
    assert [s for _, _, s in found] == ["Conseil scientifique", "Conseil scientifique"]


def test_only_conjugated_forms_of_reporting_verbs_are_cues():
    ctx_forms = {"relate": True, "relatent": True, "relatif": False, "souligne": True, "soulignement": False}

    class Bare(Context):
        def __init__(self, stems):
            self.speech_stems = stems

    ctx = Bare({"relat", "soulign"})
    assert {w: ctx.speech_form(w) for w in ctx_forms} == ctx_forms


@pytest.mark.slow
def test_the_verb_whose_clause_holds_the_quote_reports_it(pipeline):
    found = quotes_of(pipeline, "Le policier Valentin Gendrot raconte sa vie de gardien de la paix. \"Tout est vrai\", "
                                "certifie-t-il. La préfecture de police de Paris a annoncé jeudi avoir signalé au "
                                "procureur de la République les faits relatés, afin d'établir leur véracité, et "
                                "saisi en parallèle la \"police des polices\".")
    assert ("direct", "police des polices", "La préfecture de police de Paris") in found


@pytest.mark.slow
def test_a_coordinated_reporting_verb_shares_the_first_ones_subject(pipeline):
    found = quotes_of(pipeline, "Valérie Pécresse a dit refuser que la pandémie \"soit le prétexte d'une vague de "
                                "désindustrialisation\", et souhaité \"réenraciner\" le groupe automobile Renault \"en "
                                "terre de France\".")
    assert {s for _, _, s in found} == {"Valérie Pécresse"}


def test_a_titles_determiner_gives_a_names_gender():
    def is_title(w):
        return w in {"roi", "ministre", "president"}

    assert titled_gender(["envers", "le", "richissime", "roi"], is_title) == "m"
    assert titled_gender(["selon", "la", "ministre"], is_title) == "f"
    assert titled_gender(["la", "famille"], is_title) is None  # not a title: the first name decides
    assert titled_gender(["la", "visite", "du", "president"], is_title) == "m"


@pytest.mark.slow
def test_pronoun_goes_to_the_person_of_its_gender(pipeline):
    found = quotes_of(pipeline, "L'étudiante Panusaya Sithijirawattanakul réclame des réformes, qui visent le "
                                "richissime roi Maha Vajiralongkorn. \"Je savais qu'après, ma vie allait changer à "
                                "jamais\", raconte-t-elle.")
    assert found == [("direct", "Je savais qu'après, ma vie allait changer à jamais", "Panusaya Sithijirawattanakul")]


@pytest.mark.slow
def test_selon_and_pour_after_a_quote_name_its_speaker(pipeline):
    found = quotes_of(pipeline, "Les autorités assuraient que le masque était \"inutile pour toute personne dans la "
                                "rue\", selon les mots du directeur général de la Santé, Jérôme Salomon. \"Toucher aux "
                                "bureaux est une question sensible\" pour Catherine Pinchaut, secrétaire nationale de "
                                "la CFDT, qui prévient que beaucoup va dépendre \"de la qualité du dialogue social\".")
    assert [(t, s) for k, t, s in found if k == "direct"] == [
        ("inutile pour toute personne dans la rue", "Jérôme Salomon"),
        ("Toucher aux bureaux est une question sensible", "Catherine Pinchaut"),
        ("de la qualité du dialogue social", "Catherine Pinchaut")]


@pytest.mark.slow
def test_a_new_main_subject_takes_the_pronoun_from_the_last_speaker(pipeline):
    found = quotes_of(pipeline, "La contribution chinoise ne fut \"pas décisive\", assure la guide Choe. Médecin "
                                "militaire pendant la guerre, Jon Gu Kang devint la première femme générale du Nord. "
                                "\"Nous ne pouvons vivre sous le même ciel\", disait-elle.")
    assert [s for k, _, s in found if k == "direct"] == ["Choe", "Jon Gu Kang"]


@pytest.mark.slow
def test_documents_with_an_author_and_counted_people_stay_as_written(pipeline):
    found = quotes_of(pipeline, "Le syndicat Unité Magistrats-FO a manifesté. A Lille, quelque 70 magistrats en colère "
                                "ont dénoncé \"le conflit d'intérêt majeur du garde des Sceaux\". Selon le dernier "
                                "rapport du Haut Commissariat aux Réfugiés, près de 80 millions de personnes ont fui.")
    speakers = {t[:12]: s for _, t, s in found}
    assert speakers["le conflit d"].endswith("70 magistrats en colère")
    assert speakers["près de 80 m"] == "le dernier rapport du Haut Commissariat aux Réfugiés"


@pytest.mark.slow
def test_an_apposition_after_a_comma_names_the_description(pipeline):
    found = quotes_of(pipeline, "Le ministre de l'Intérieur Christophe Castaner s'est exprimé lundi. Mardi matin, le "
                                "secrétaire d'État auprès du ministre de l'Intérieur, Laurent Nuñez, a confirmé sur "
                                "BFMTV que les instructions n'avaient pas été suivies.")
    assert ("indirect", "les instructions n'avaient pas été suivies", "Laurent Nuñez") in found


@pytest.mark.slow
def test_inverted_clauses_need_a_statement_and_a_finite_verb(pipeline):
    found = quotes_of(pipeline, "Juan Guaido a rejeté lundi ces accusations, niant tout lien avec l'opération. "
                                "Les magistrats vont devoir tout repenser, assure l'avocat Yassine Bouzrou.")
    assert [(k, t, s) for k, t, s in found if k == "indirect"] == [
        ("indirect", "Les magistrats vont devoir tout repenser", "Yassine Bouzrou")]


@pytest.mark.slow
def test_a_subordinate_clause_is_no_incise_and_an_accusers_words_are_theirs(pipeline):
    found = quotes_of(pipeline, "Le premier secrétaire du PS Jean-Christophe Cambadélis avait lui dénoncé la "
                                "\"police de la pensée du FN\", même s'il se disait \"pas fan\" de Black M. Le "
                                "directeur général de la Santé Jérôme Salomon a été accusé par Jean-Christophe Lagarde "
                                "(UDI) de \"mensonge d'État\". \"Nous avons toujours suivi les recommandations\", "
                                "a-t-il assuré.")
    assert [s for _, _, s in found] == ["Jean-Christophe Cambadélis", "Jean-Christophe Cambadélis",
                                        "Jean-Christophe Lagarde", "Jérôme Salomon"]


@pytest.mark.slow
def test_phrasal_reporting_verbs_and_a_gerund_after_a_comma(pipeline):
    found = quotes_of(pipeline, "\"Si on fragilise un des barreaux, le système s'effondre\", a mis en garde "
                                "Marie-Noëlle Courtiau-Duterrier. Les Régions ont claqué la porte d'une réunion avec "
                                "le gouvernement, évoquant un \"sentiment d'humiliation et du temps perdu\".")
    assert [s for _, _, s in found] == ["Marie-Noëlle Courtiau-Duterrier", "Les Régions"]


@pytest.mark.slow
def test_one_office_under_two_titles_and_the_entourage_as_written(pipeline):
    found = quotes_of(pipeline, "Edouard Philippe a présenté sa réforme. \"Nous tiendrons\", a indiqué le Premier "
                                "ministre. Gérald Darmanin l'avait jugée \"pas possible\". \"Nous devrons travailler "
                                "plus longtemps\", a encore plaidé le chef du gouvernement. \"Il n'appartient pas au "
                                "garde des Sceaux d'intervenir\", a assuré l'entourage de la ministre. \"Il n'est pas "
                                "question d'intervenir\", a-t-on martelé de même source.")
    speakers = {t[:12]: s for _, t, s in found}
    assert speakers["Nous devrons"] == "Edouard Philippe"
    assert speakers["Il n'apparti"] == speakers["Il n'est pas"] == "l'entourage de la ministre"


@pytest.mark.slow
def test_an_acronym_tagged_once_is_found_untagged(pipeline):
    found = quotes_of(pipeline, "L'Union syndicale des magistrats (USM) a réagi. Le président Emmanuel Macron avait "
                                "parlé. L'USM martèle que cette indépendance \"interdit les pressions extérieures sur "
                                "les magistrats\".")
    assert {s for _, _, s in found} == {"Union syndicale des magistrats"}


@pytest.mark.slow
def test_joint_speakers_names_after_brackets_and_a_headline_topic(pipeline):
    found = quotes_of(pipeline, "\"Il est inédit qu'un ministre malmène l'institution\", ont affirmé l'Union "
                                "syndicale des magistrats et le Syndicat de la magistrature. Un responsable de "
                                "l'Organisation mondiale de la santé (OMS) Michael Ryan a affirmé que l'institution "
                                "avait \"commencé à expédier des kits\".",
                      title="Masques : Jérôme Salomon explique avoir suivi \"les recommandations internationales\"")
    speakers = {t[:12]: s for _, t, s in found}
    assert speakers["les recomman"] == "Jérôme Salomon"
    assert speakers["Il est inédi"] == "Union syndicale des magistrats et Syndicat de la magistrature"
    assert speakers["commencé à e"] == "Michael Ryan"
