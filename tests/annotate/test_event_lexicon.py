"""The event lexicon as data: every section loads, no word is listed twice in a list."""

from __future__ import annotations

import tomllib
from collections import Counter
from importlib import resources
from types import SimpleNamespace

from veille.annotate.event_lexicon import EventLexicon


def test_the_lexicon_loads_and_lists_each_word_once():
    data = tomllib.loads(resources.files("veille").joinpath("lang/fr/events.toml").read_text("utf-8"))
    lists = {name: sec[key] for name, sec in data.items() if isinstance(sec, dict)
             for key in ("verbs", "nouns", "words") if isinstance(sec.get(key), list)}
    assert {name: [w for w, n in Counter(words).items() if n > 1] for name, words in lists.items()} == \
        {name: [] for name in lists}
    lex = EventLexicon.load()
    assert lex.nouns["coup d'état"] == ("COERCE", "coup") and "souhaiter" in lex.wish_que


def test_only_forms_the_lemmatizer_left_alone_are_read_as_first_group_verbs():
    lex = EventLexicon.load()
    assert lex.lemma(SimpleNamespace(lemma_="réclame", lower_="réclame")) == "réclamer"
    assert lex.lemma(SimpleNamespace(lemma_="être", lower_="sommes")) == "être"  # not "sommer"
