from __future__ import annotations

import pytest

from veille.annotate.marks import find_quoted


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quoted(text)]


@pytest.mark.parametrize("text, expected", [
    ("«Nous avons renouvelé», a-t-il dit. « Encore », ajoute-t-il.", ["Nous avons renouvelé", "Encore"]),
    ("Il s'agirait d'\"un contretemps\" et même \"un contresens politique\".", ["un contretemps",
                                                                           "un contresens politique"]),
    ("“Je suis prêt”, dit-il.", ["Je suis prêt"]),
    ("« Il a dit “non” hier », raconte-t-elle.", ["Il a dit “non” hier"]),
    ("« Premier paragraphe\n\n« Second paragraphe » fin.", ["Premier paragraphe\n\n« Second paragraphe"]),
    ("Un guillemet \" seul et rien d'autre.", []),
    ("« Ouvert sans fin\n\nAutre paragraphe.", []),
])
def test_quoted_spans(text, expected):
    assert quoted(text) == expected


def test_offsets_point_inside_the_marks():
    text = 'Il a dit "bonjour à tous" hier.'
    [q] = find_quoted(text)
    assert text[q.open_mark] == '"' and text[q.close_mark] == '"' and text[q.start:q.end] == "bonjour à tous"
