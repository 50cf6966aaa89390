"""Places: every place entity geocoded offline, with the article's own countries settling ambiguous names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from veille.annotate.gazetteer import Gazetteer
from veille.annotate.lexicon import ActorLexicon
from veille.model import Article, Place
from veille.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Places:
    """A name the gazetteer does not know keeps the country of the place it is part of ("XIXe arrondissement
    de Paris"), or the article's only country, or none."""

    name = "places"
    languages = ("fr",)
    needs = ("entities",)
    adds = ("places",)

    def __init__(self, lexicon: ActorLexicon, gazetteer: Gazetteer):
        self.lex = lexicon
        self.gaz = gazetteer

    def __call__(self, article: Article, doc: Doc | None = None) -> None:
        about = self.countries_of(article)
        only = next(iter(about)) if len(about) == 1 else None
        for e in article.entities:
            if e.label != "LOC":
                continue
            geo = self.gaz.resolve(e.canonical, about)
            article.places.append(Place(e.start, e.end, e.text, name=e.canonical,
                                        country=geo.country if geo else (e.country or only),
                                        lat=geo.lat if geo else None, lon=geo.lon if geo else None,
                                        geonameid=geo.geonameid if geo else None))

    def countries_of(self, article: Article) -> set[str]:
        """What the article is about: countries its place names point to without doubt, and its demonyms."""
        found = {c for e in article.entities if e.label == "LOC" and (c := self.gaz.unambiguous_country(e.canonical))}
        words = {fold(w.strip(".,;:!?()«»\"'")) for w in article.text.split()}
        return found | {iso for w in words if (iso := self.lex.demonyms.get(w))}
