"""Named entities from spaCy's NER, as spans of the article. Canonical names are refined by the actors stage."""

from __future__ import annotations

from bisect import bisect_left
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


class EntityIndex:
    """An article's entities by position, for the look-ups every quote and event makes ("the actor named
    between here and there", "the entity this token is part of"): a binary search, not a walk over all of
    them, so a long article costs its length, not its length squared. Built once the entities are final."""

    def __init__(self, entities: list[Entity]):
        self.ents = sorted(entities, key=lambda e: (e.start, e.end))
        self.starts = [e.start for e in self.ents]
        self.longest = max((e.end - e.start for e in self.ents), default=0)

    def between(self, lo: int, hi: int) -> list[Entity]:
        """Entities starting in [lo, hi), in text order."""
        return self.ents[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def covering(self, pos: int) -> list[Entity]:
        return [e for e in self.between(pos - self.longest, pos + 1) if e.start <= pos < e.end]
