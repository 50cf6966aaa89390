from __future__ import annotations

import pytest

from veille.annotate.speech_acts import SpeechActs


@pytest.fixture(scope="module")
def acts() -> SpeechActs:
    return SpeechActs.load()


@pytest.mark.parametrize("said, kind", [
    ("C'est inacceptable et c'est un scandale d'Etat", "ACCUSE"),
    ("Il faut que l'employeur assume ses responsabilités", "REQUEST"),
    ("Nous réclamons la formation d'un nouveau gouvernement", "REQUEST"),
    ("Ce n'est pas vrai, nous n'avons rien à voir avec cette société", "REJECT"),
    ("Je suis ouvert à la discussion sur ce point", "AGREE"),
    ("Je salue le courage des soignants", "SUPPORT"),
    ("Ils paieront le prix fort, sinon nous riposterons", "THREATEN"),
    ('il n\'était pas "raisonnable" d\'envisager un vote dès la fin juin', "REJECT"),
    ("il est encore temps de revenir sur cette décision", "REQUEST"),
    ("les Etats devraient diriger leur soutien économique vers les secteurs vertueux", "REQUEST"),
    ("Trois conditions préalables sont nécessaires pour réussir le déconfinement", "REQUEST"),
    ("S'il faut éloigner cet âge, je suis prêt à prendre en compte les revendications", "AGREE"),
])
def test_content_decides_the_act(acts, said, kind):
    assert acts.classify(said)[0] == kind


@pytest.mark.parametrize("said", ["La réunion aura lieu mardi à Paris", "une capitulation", "Nous verrons bien",
                                  "à un ou deux mètres, ça devrait être suffisant",
                                  "cette mesure devrait se montrer efficace contre les points de revente",
                                  "les magistrats, qui doivent pouvoir prendre leurs décisions sereinement",
                                  "Je pense que c'est nécessaire",
                                  "j'étais prête à courir le risque, c'était mon devoir",
                                  "l'État, faute de moyens suffisants, a laissé s'installer l'incertitude"])
def test_information_and_borrowed_words_are_not_acts(acts, said):
    assert acts.classify(said) is None


def test_a_denial_outranks_the_criticism_it_denies(acts):
    assert acts.classify("C'est faux, il n'y a eu aucun mensonge")[0] == "REJECT"
