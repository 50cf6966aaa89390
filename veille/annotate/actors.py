"""Named entities made into actors: clean spans, one canonical name per person, kind, country, sector, id.

spaCy's NER gives raw mentions: "M. Maduro", "la Chine", "Edouard Philippe Le Premier ministre", "Prayut Chan-O".
Here each mention is trimmed (titles, articles, run-on words), filtered (role words, demonyms, common nouns at
a sentence start) and relabelled where the lexicons know better (a seat of power is a place, an acronym no
gazetteer knows is an organisation). Within an article, person mentions whose words are a subset of a fuller
name join it, and the fullest form names them all. Countries and sectors come from the words around a
person's mentions ("le vice-Premier ministre russe Iouri Borissov" -> RUS, GOV), from the name of an
organisation ("l'armée turque" -> TUR, MIL) or from the lexicons. A capital or a seat of power that acts
("Moscou et Caracas ont prolongé…") stands for its state. Actor ids are derived from the canonical name, kind
and country, so the same actor has the same id in every article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from veille.annotate.entities import in_embedded
from veille.annotate.gazetteer import Gazetteer
from veille.annotate.lexicon import ActorLexicon
from veille.lang import FR
from veille.model import ActorRef, Article, Entity, make_id
from veille.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

STATE_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "SPY"}
ACTING_DEPS = {"nsubj", "nsubj:pass", "obj", "obl:agent", "iobj", "obl:arg"}
CONTEXT_TOKENS = 8
BIG_TOWN = 50_000
"""A capitalised word NER did not see as a proper noun counts as a place only if a town this big bears it
(sentence-initial "Grisonnant" is not the hamlet of that name; "Grenoble" is Grenoble)."""
_RUN_ON = re.compile(FR.pattern("actors.run_on"))
FUNCTION_WORDS = FR.set("actors.function_words")
_HYPHEN_TAIL = re.compile(r"(?:-[A-ZÉÈ][\w']*)+")
_LEADING = re.compile(FR.pattern("actors.leading"))
_ADMIN = re.compile(FR.pattern("actors.admin"), re.I)
_ACRONYM_DEF = re.compile(r"\b([A-ZÉÈ][\w'’-]*(?: [\w'’-]+){1,8}) \(([A-Z][A-Za-z0-9-]{1,9})\)")
_ORG_HEAD = re.compile(FR.pattern("actors.org_head"), re.I)
_JUNK = re.compile(r"[()+=/\[\]{}|]|\d{3,}")


@dataclass
class Mention:
    start: int
    end: int
    label: str
    text: str
    first_token: int
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    canonical: str = ""

    @property
    def words(self) -> list[str]:
        return fold(self.text).split()


@dataclass
class ActorInfo:
    kind: str
    country: str | None = None
    sector: str | None = None
    votes: Counter = field(default_factory=Counter)


ACTOR_KINDS = ("person", "organization", "state", "group")
"""Entities that can speak and act (places and the unknown cannot)."""


def word_country(word: str, lex: ActorLexicon, gaz: Gazetteer) -> str | None:
    """The country one word of a name or description points to: a nationality ("française"), a country or a big
    town ("l'émir du Qatar", "Parquet de Paris")."""
    return lex.demonyms.get(fold(word)) or gaz.country_in_word(word)


def actor_id(name: str, kind: str | None, country: str | None) -> str:
    """Stable across articles. A person is known by name alone (what one article says of their country or
    role, another may not); an organisation by name and country ("ministère de la Santé" of which state)."""
    return make_id("actor", fold(name), kind or "", "" if kind == "person" else country or "")


def state_ref(iso3: str, gaz: Gazetteer, mention=None) -> ActorRef:
    place = gaz.country_places.get(iso3)
    name = place.name if place else iso3
    return ActorRef(name=name, actor_id=actor_id(name, "state", iso3), kind="state", country=iso3, sector="GOV",
                    mention=mention)


def entity_ref(article: Article, e: Entity) -> ActorRef:
    kind = e.kind if e.kind in ACTOR_KINDS else "unknown"
    return ActorRef(name=e.actor_name or e.canonical, actor_id=e.actor_id, kind=kind, country=e.country,
                    sector=e.sector, mention=article.span(e.start, e.end))


class Actors:
    name = "entities"
    languages = ("fr",)
    needs = ("doc",)
    adds = ("entities",)

    def __init__(self, lexicon: ActorLexicon, gazetteer: Gazetteer):
        self.lex = lexicon
        self.gaz = gazetteer
        self.known_names = lexicon.known_names_pattern()
        self.titled = lexicon.titled_name_pattern()

    def __call__(self, article: Article, doc: Doc) -> None:
        mentions = [m for ent in doc.ents if (m := self.mention(article, doc, ent)) is not None]
        self.relabel(mentions, doc)
        mentions = self.lowercase_bodies(article, doc, mentions)
        mentions = self.unseen_countries(article, doc, mentions)
        mentions = self.titled_people(article, doc, mentions)
        mentions = surnames_alone(article, doc, complete_names(article.text, mentions))
        canon_people(mentions)
        known_as(mentions, article.text)
        canon_orgs(mentions, article.text, self.lex.org_aliases)
        self.canon_places(mentions)
        self.describe(mentions, doc, article.text)
        for m in mentions:
            kind = m.kind or {"PER": "person", "ORG": "organization"}.get(m.label, "unknown")
            aid = actor_id(m.canonical, kind, m.country) if kind != "place" else None
            state = state_ref(m.country, self.gaz) if kind == "state" and m.country else None
            article.entities.append(Entity(m.start, m.end, article.text[m.start:m.end], label=m.label,
                                           canonical=m.canonical, actor_id=state.actor_id if state else aid,
                                           kind=kind, country=m.country, sector=m.sector,
                                           actor_name=state.name if state and state.name != m.canonical else None))

    # --- one mention -------------------------------------------------------------------------------------

    def mention(self, article: Article, doc: Doc, ent: Span) -> Mention | None:
        start, end = self.trim(article.text, ent.start_char, ent.end_char)
        if end <= start or in_embedded(article, start, end):
            return None
        label = ent.label_
        if label == "PER":
            start = self.strip_titles(article.text, start, end)
        elif label in ("MISC", "ORG") and (bare := self.strip_titles(article.text, start, end)) > start \
                and _looks_like_name(article.text[bare:end]):
            label, start = "PER", bare
        elif label in ("MISC", "ORG") and (named := self.named_at_end(article.text, start, end)) is not None:
            label, start = "PER", named  # "ministre de l'Intérieur Massoud Andarabi" tagged as a body
        elif (head := _ORG_HEAD.match(article.text, start, end)) is not None and head.end() < end:
            start = head.end()
        text = article.text[start:end]
        if not self.acceptable(text, ent):
            return None
        return Mention(start, end, label, text, ent.start)

    def named_at_end(self, text: str, start: int, end: int) -> int | None:
        """Where a known first name and surname end a longer span, after a lower-case word or a body a title
        governs ("ministre de la [Justice Nicole Belloubet]"): the name's start."""
        complement = bool(_TITLE_COMPLEMENT.search(text, max(0, start - 40), start))
        for s, e in self.lex.first_named(text, start, end):
            if e == end and s > start and (complement or any(w.islower() for w in text[start:s].split())):
                return s
        return None

    def trim(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Cut what NER ran into (a newline, "… Le Premier ministre"), finish hyphenated names, drop a lowercase
        article and stray punctuation at the edges."""
        piece = text[start:end]
        run_on = _RUN_ON.search(piece)
        for cut in (piece.find("\n"), run_on.start() if run_on and " " in piece[:run_on.start()] else -1):
            if cut > 0:
                end = min(end, start + cut)
        if (m := _HYPHEN_TAIL.match(text, end)) is not None:
            end = m.end()
        while end > start and not (text[end - 1].isalnum()):
            end -= 1
        while start < end and not text[start].isalnum():
            start += 1
        for art in ("Le ", "La ", "Les ", "L'", "L’", "le ", "la ", "les ", "l'", "l’"):
            if text[max(0, start - len(art)):start] == art and fold(art + text[start:end]) in self.lex.organizations:
                return start - len(art), end
        lead = _LEADING.match(text[start:end])
        if lead and lead.end() < end - start:
            start += lead.end()
        elif text[start:end].split(" ", 1)[0] in ("La", "Le", "Les") and self.gaz.country(text[start:end]) \
                and self.gaz.candidates(text[start:end])[0].kind != "city":
            start += len(text[start:end].split(" ", 1)[0]) + 1
        elif text[start:start + 2] in ("L'", "L’") and self.gaz.country(text[start + 2:end]):
            start += 2
        return start, end

    def strip_titles(self, text: str, start: int, end: int) -> int:
        """ "M. Maduro" -> "Maduro", "le Premier ministre Edouard Philippe" -> "Edouard Philippe"."""
        while True:
            words = text[start:end].split(" ")
            for n in range(min(3, len(words) - 1), 0, -1):
                key = fold(" ".join(words[:n]))
                if key in self.lex.honorifics or key in self.lex.demonyms or key in self.lex.roles:
                    start += len(" ".join(words[:n])) + 1
                    break
            else:
                return start

    def acceptable(self, text: str, ent: Span) -> bool:
        key = fold(text)
        if len(key) < 2 or not any(c.isalpha() for c in text) or _JUNK.search(text) or not text[0].isupper():
            return False
        if key in self.lex.not_entities or key in self.lex.demonyms or key in self.lex.roles:
            return False
        if any(t.pos_ in ("VERB", "AUX") and t.text.islower() for t in ent) and key not in self.lex.organizations:
            return False  # NER ran into a clause ("Premier ministre a martelé sa volonté")
        words = key.split()
        while words and words[-1] in self.lex.demonyms:
            words.pop()
        if not words or " ".join(words) in self.lex.roles:
            return False
        if len(text.split()) > 1 or any(t.pos_ == "PROPN" for t in ent):
            return True
        known = key in self.lex.organizations or key in self.lex.seats or self.gaz.country(text)
        return bool(known) or self.big_town(text)

    # --- labels and canonical names ---------------------------------------------------------------------

    def relabel(self, mentions: list[Mention], doc: Doc) -> None:
        """Where the lexicons know better than NER: seats are places, known organisations and institutions
        ("Musée de…", "hôpital…") organisations, as are acronyms no gazetteer knows; a lone word after "à",
        "en", "dans" that names a town is a place (unless it is someone's surname)."""
        surnames = {w for m in mentions if m.label == "PER" and len(m.words) > 1 for w in m.words[1:]}
        name_words = {w for m in mentions if m.label == "PER" and len(m.words) > 1 for w in m.words}
        for m in mentions:
            key = fold(m.text)
            if m.label in ("MISC", "ORG") and len(m.words) == 1 and key in name_words:
                m.label = "PER"
                continue
            if key in self.lex.seats:
                m.label = "LOC"
            elif key in self.lex.organizations or self.lex.institution(m.text):
                m.label = "ORG"
            elif fold("le " + m.text) in self.lex.organizations:
                m.label, m.canonical = "ORG", "Le " + m.text
            elif m.label == "LOC" and m.text.isupper() and len(m.text) <= 8 and not self.gaz.candidates(m.text):
                m.label = "ORG"
            elif m.label in ("PER", "MISC") and len(m.words) == 1 and key not in surnames \
                    and self.gaz.candidates(m.text) and after_locative(doc, m):
                m.label = "LOC"
            elif m.label == "MISC" and self.gaz.country(m.text):
                m.label = "LOC"

    def unseen_countries(self, article: Article, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Country names NER missed ("Au Royaume-Uni, …"), unless part of a longer name ("Air France")."""
        taken = [(m.start, m.end) for m in mentions]
        found = []
        for x in self.gaz.country_pattern.finditer(article.text):
            s, e = x.start(), x.end()
            if any(not (e <= a or s >= b) for a, b in taken) or in_embedded(article, s, e):
                continue
            before, after = article.text[max(0, s - 20):s].split(), article.text[e:e + 20].split()
            prev = before[-1] if before else ""
            if (prev[:1].isupper() and prev[-1:].isalpha() and prev.lower() not in FUNCTION_WORDS) or \
                    (after and after[0][:1].isupper()):
                continue
            tok = doc.char_span(s, e, alignment_mode="expand")
            found.append(Mention(s, e, "LOC", x.group(0), tok.start if tok else 0))
        return sorted(mentions + found, key=lambda m: m.start)

    def titled_people(self, article: Article, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """ "le pape François", "le roi Salmane", "Massoud Andarabi": a capitalised name right after a title, or a
        known first name and a surname, is a person where NER saw nothing; not an acronym, a body or a place."""
        taken = [(m.start, m.end) for m in mentions]
        found = []
        found_names = [(x.start("name"), x.end("name")) for x in self.titled.finditer(article.text)]
        found_names += list(self.lex.first_named(article.text))
        for s, e in sorted(found_names):
            name, span = article.text[s:e], doc.char_span(s, e, alignment_mode="expand")
            if any(not (e <= a or s >= b) for a, b in taken) or in_embedded(article, s, e) or name.isupper() \
                    or fold(name) in self.lex.organizations or self.gaz.country(name) or self.big_town(name) \
                    or not self.acceptable(name, span or doc[0:0]):
                continue
            found.append(Mention(s, e, "PER", name, span.start if span else 0))
            taken.append((s, e))
        return sorted(mentions + found, key=lambda m: m.start)

    def big_town(self, name: str) -> bool:
        return any(p.population >= BIG_TOWN for p in self.gaz.candidates(name))

    def lowercase_bodies(self, article: Article, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """"ministère de la Santé", "parquet de Paris", "Conseil des ministres": bodies NER does not tag."""
        taken = [(m.start, m.end) for m in mentions]
        found = []
        for rx in (*self.lex.org_patterns, self.known_names):
            for x in rx.finditer(article.text):
                if in_embedded(article, x.start(), x.end()) or common_words(x.group(0)):
                    continue
                if all(x.end() <= s or x.start() >= e for s, e in taken):
                    tok = doc.char_span(x.start(), x.end(), alignment_mode="expand")
                    name = x.group(0)
                    found.append(Mention(x.start(), x.end(), "ORG", name[0].upper() + name[1:],
                                         tok.start if tok else 0))
                    taken.append((x.start(), x.end()))
        return sorted(mentions + found, key=lambda m: m.start)

    def canon_places(self, mentions: list[Mention]) -> None:
        """A place keeps the form the article gives, without an administrative prefix ("Etat de La Guaira");
        two forms of one place ("USA", "Etats-Unis") take the longer."""
        by_place: dict[object, list[Mention]] = {}
        for m in (x for x in mentions if x.label == "LOC"):
            bare = _ADMIN.sub("", m.text)
            known = self.gaz.candidates(bare) and fold(bare) not in self.lex.not_entities
            m.canonical = bare if bare != m.text and known else m.text
            place = self.gaz.resolve(m.canonical)
            by_place.setdefault((place.name, place.country) if place else m.canonical, []).append(m)
        for group in by_place.values():
            best = max((m.canonical for m in group), key=len)
            for m in group:
                m.canonical = best

    # --- who they are -----------------------------------------------------------------------------------

    def describe(self, mentions: list[Mention], doc: Doc, text: str) -> None:
        people: dict[str, ActorInfo] = {}
        for m in mentions:
            if m.label == "PER":
                info = people.setdefault(m.canonical, ActorInfo("person"))
                self.vote(info, doc, m)
            else:
                self.describe_other(m, doc)
        home = self.home_country(mentions)
        for m in mentions:
            if m.label == "PER":
                info = people[m.canonical]
                m.kind = "person"
                m.country = info.votes.most_common(1)[0][0] if info.votes else None
                m.sector = info.sector
            if m.country is None and m.sector in STATE_SECTORS and m.kind in ("person", "organization"):
                m.country = home
        self.coordinated_states(mentions, text)

    def home_country(self, mentions: list[Mention]) -> str | None:
        """The country an article is set in, when its places agree (two thirds of them in one country): the
        country of an official whose nationality goes without saying ("le ministre de l'Intérieur")."""
        found = Counter(c for m in mentions if m.label == "LOC" and (c := self.gaz.unambiguous_country(m.canonical)))
        if not found:
            return None
        top, n = found.most_common(1)[0]
        return top if n * 3 >= 2 * sum(found.values()) else None

    def coordinated_states(self, mentions: list[Mention], text: str) -> None:
        """ "Moscou et Caracas ont prolongé…": when one of two coordinated capitals acts, both do (the parser
        often hangs the first one elsewhere)."""
        for a, b in zip(mentions, mentions[1:], strict=False):
            if text[a.end:b.start] not in (" et ", ", ") or {a.label, b.label} != {"LOC"}:
                continue
            for x, y in ((a, b), (b, a)):
                place = self.gaz.resolve(y.canonical)
                if x.kind == "state" and y.kind == "place" and place and self.gaz.capital_of(place):
                    y.kind, y.sector = "state", "GOV"

    def vote(self, info: ActorInfo, doc: Doc, m: Mention) -> None:
        """Role words and nationalities around a mention: "le vice-Premier ministre russe Iouri Borissov",
        "Nicolas Maduro, président du Venezuela"."""
        for words in context_words(doc, m):
            info.sector = info.sector or self.find_role(words)
            for w in words:
                iso = self.lex.demonyms.get(fold(w)) or (self.gaz.country(w) if w[:1].isupper() else None)
                if iso:
                    info.votes[iso] += 1

    def find_role(self, words: list[str]) -> str | None:
        """The sector of the role phrase nearest the end of `words` (longest phrase at each position)."""
        for i in range(len(words), 0, -1):
            for n in range(min(4, i), 0, -1):
                sector = self.lex.roles.get(fold(" ".join(words[i - n:i])))
                if sector:
                    return sector
        return None

    def describe_other(self, m: Mention, doc: Doc) -> None:
        key = fold(m.canonical)
        if key in self.lex.seats:
            m.kind, (m.country, m.sector) = "organization", self.lex.seats[key]
        elif key in self.lex.organizations:
            org = self.lex.organizations[key]
            m.kind, m.country, m.sector = org.kind, org.country, org.sector
        elif m.label == "LOC":
            self.describe_place(m, doc)
        else:
            m.kind = "organization"
            words = m.canonical.split()
            m.sector = next((s for w in words if (s := self.lex.role(w))), None)
            m.country = next((c for w in words if (c := word_country(w, self.lex, self.gaz))), None)

    def describe_place(self, m: Mention, doc: Doc) -> None:
        place = self.gaz.resolve(m.canonical)
        m.country = place.country if place else None
        if place is not None and place.kind == "country":
            m.kind, m.sector = "state", "GOV"
        elif place is not None and self.gaz.capital_of(place) and acts(doc[m.first_token]):
            m.kind, m.sector = "state", "GOV"
        else:
            m.kind = "place"


def acts(tok: Token) -> bool:
    """A word in the role of someone doing or undergoing something (subject, object, agent), directly or
    through a coordination ("Moscou et Caracas ont prolongé")."""
    for _ in range(3):
        if tok.dep_ in ACTING_DEPS:
            return True
        if tok.dep_ not in ("conj", "flat:name", "appos") or tok.head == tok:
            return False
        tok = tok.head
    return False


STOP_POS = {"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "PRON"}


def context_words(doc: Doc, m: Mention) -> list[list[str]]:
    """The noun phrase just before a mention ("le président vénézuélien") and an apposition just after it
    (", vice-Premier ministre russe"), stopping at verbs, punctuation and other people's names."""
    first = doc[m.first_token]
    before: list[str] = []
    for t in reversed(doc[max(first.sent.start, first.i - CONTEXT_TOKENS):first.i]):
        if (t.pos_ in STOP_POS and t.text != "-") or t.ent_type_ == "PER":
            break
        before.insert(0, t.text)
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    j = span.end if span is not None else first.i + 1
    after: list[str] = []
    if j < first.sent.end and doc[j].text == ",":
        for t in doc[j + 1:min(first.sent.end, j + 1 + CONTEXT_TOKENS)]:
            if t.pos_ in STOP_POS or t.ent_type_ == "PER":
                break
            after.append(t.text)
    return [before, after]


def common_words(name: str) -> bool:
    """ "le monde", "le point": a known name that is an article and one common word is that word, unless
    written with a capital ("Le Monde")."""
    words = name.replace("’", "'").split()
    bare = words[1:] if words and fold(words[0]) in ("le", "la", "les") else words
    return len(bare) == 1 and bare[0].islower()


_TITLE_COMPLEMENT = re.compile(FR.pattern("actors.title_complement"), re.I)
_NEXT_NAME = re.compile(r" ([A-ZÉÈÀÂÎÔÇ][a-zéèëêàâîïôöûüç]+(?:-[A-ZÉÈÀÂÎÔÇ][a-zéèëêàâîïôöûüç]+)?)(?![\w-])")


def complete_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Benoist Apparu" tagged as "Benoist": a one-word person followed by a capitalised word no other mention
    holds takes it as a surname."""
    starts = {m.start for m in mentions}
    for m in mentions:
        if m.label == "PER" and " " not in m.text and (nxt := _NEXT_NAME.match(text, m.end)) is not None \
                and nxt.start(1) not in starts:
            m.end, m.text = nxt.end(1), text[m.start:nxt.end(1)]
    return mentions


def surnames_alone(article: Article, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "…», a déclaré Apparu ,", "L'USM martèle": the surname of a person the article names, a one-word name
    it uses ("Rung") or an acronym it tagged once, where NER saw nothing, is that person or body (a capitalised
    word, inside a sentence for names, not part of another mention)."""
    label_of = {m.text.split()[-1]: "PER" for m in mentions if m.label == "PER"}
    label_of.update({m.text: "ORG" for m in mentions if m.label == "ORG" and m.text.isupper() and len(m.text) > 1})
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [a for a, _ in taken]
    longest = max((b - a for a, b in taken), default=0)
    found = []
    for tok in doc:
        label = label_of.get(tok.text)
        if label is None or label == "PER" and tok.is_sent_start or in_embedded(article, tok.idx, tok.idx + len(tok)) \
                or any(a <= tok.idx < b for a, b in taken[bisect_left(starts, tok.idx - longest):
                                                           bisect_right(starts, tok.idx)]):
            continue
        found.append(Mention(tok.idx, tok.idx + len(tok), label, tok.text, tok.i))
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


def canon_people(mentions: list[Mention]) -> None:
    """Each person mention joins the fullest name whose words include its own (among equally full names, the
    one with the same last word); the form of that name the article uses most names them all."""
    people = [m for m in mentions if m.label == "PER"]
    forms: dict[tuple[str, ...], Counter] = {}
    first: dict[tuple[str, ...], int] = {}
    for m in people:
        forms.setdefault(tuple(m.words), Counter())[m.text] += 1
        first.setdefault(tuple(m.words), m.start)
    names = list(forms)
    for m in people:
        words = tuple(m.words)
        owners = [f for f in names if set(words) <= set(f)]
        # ties ("Hallyday" with David and Laeticia named): the most mentioned, then the first mentioned
        owners.sort(key=lambda f: (-len(f), f[-1] != words[-1], -sum(forms[f].values()), first[f]))
        owner = owners[0] if owners else words
        m.canonical = forms[owner].most_common(1)[0][0] if owner in forms else m.text


_ALIAS = re.compile(FR.pattern("actors.alias"), re.I)


def known_as(mentions: list[Mention], text: str) -> None:
    """ "Panusaya Sithijirawattanakul, dit Rung": the nickname names the same person wherever it stands."""
    alias: dict[str, str] = {}
    for m, nxt in zip(mentions, mentions[1:], strict=False):
        gap = _ALIAS.match(text, m.end)
        if m.label == "PER" and gap is not None and gap.end() == nxt.start:
            alias[fold(nxt.text)] = m.canonical
    for m in mentions:
        if (name := alias.get(fold(m.text))) is not None:
            m.label, m.canonical = "PER", name


def canon_orgs(mentions: list[Mention], text: str, aliases: dict[str, str]) -> None:
    """Organisations keep their name; an acronym takes its long form when the article also writes it,
    spelled out in brackets ("Parquet national financier (PNF)") or as a known alias."""
    spelled = {acr: full for long, acr in _ACRONYM_DEF.findall(text)
               if (full := _starting_with(long, acr[0])) and _spells(acr, full)}
    folded = fold(text)
    for m in mentions:
        if m.label in ("ORG", "MISC"):
            alias = aliases.get(fold(m.text))
            name = spelled.get(m.text) or (alias if alias and fold(alias) in folded else m.canonical or m.text)
            m.canonical = name[0].upper() + name[1:]


def _spells(acronym: str, words: str) -> bool:
    """ "PNF" spells "Parquet national financier" (initials, small words aside, in order); "LREM" after
    "Laurent Saint-Martin" is his party, not his name."""
    initials = "".join(fold(w)[0] for w in re.split(r"[\s\-']+", words) if w and fold(w) not in _SMALL_WORDS)
    letters = fold(acronym).replace(" ", "")
    return _subsequence(initials, letters) or _subsequence(letters, initials)


def _subsequence(a: str, b: str) -> bool:
    it = iter(b)
    return all(ch in it for ch in a)


_SMALL_WORDS = FR.set("actors.small_words")


def _starting_with(words: str, letter: str) -> str | None:
    """ "Le Parquet national financier" for "PNF": the words from the first one that starts with P."""
    parts = words.split()
    for i, w in enumerate(parts):
        if w[:1].isupper() and fold(w)[:1] == fold(letter):
            return " ".join(parts[i:])
    return None


def _looks_like_name(text: str) -> bool:
    """ "Edouard Philippe" after a stripped title: two or three capitalised words."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def after_locative(doc: Doc, m: Mention) -> bool:
    tok = doc[m.first_token]
    return tok.i > 0 and doc[tok.i - 1].lower_ in ("à", "en", "au", "aux", "dans", "vers", "depuis", "près")
