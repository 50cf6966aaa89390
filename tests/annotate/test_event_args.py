"""Parse-reading helpers of event_args on hand-built parses (no model)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from veille.annotate.event_args import predicated


def test_a_noun_said_of_a_subject_by_a_copula_is_that_subject():
    words = ["Macron", "est", "le", "premier", "chef", "à", "venir"]
    doc = Doc(Vocab(), words=words, heads=[4, 4, 4, 4, 4, 6, 4],
              deps=["nsubj", "cop", "det", "amod", "ROOT", "mark", "acl"],
              pos=["PROPN", "AUX", "DET", "ADJ", "NOUN", "ADP", "VERB"])
    assert predicated(doc[4]).text == "Macron"
    assert predicated(doc[0]) is None
