"""Named entities from spaCy's NER, as spans of the article. Canonical names are refined by the actors stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from veille.model import Article, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc


def in_embedded(article: Article, start: int, end: int) -> bool:
    """Inside an embedded video caption or similar: part of the page, not of the article's statements."""
    return any(s.start <= start and end <= s.end for s in article.spans.get("embedded", ()))


class Entities:
    name = "entities"
    needs = ("doc",)
    adds = ("entities",)

    def __call__(self, article: Article, doc: Doc) -> None:
        for ent in doc.ents:
            if in_embedded(article, ent.start_char, ent.end_char):
                continue
            span = article.span(ent.start_char, ent.end_char)
            article.entities.append(Entity(span.start, span.end, span.text, label=ent.label_,
                                           canonical=" ".join(span.text.split())))
