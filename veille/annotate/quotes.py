"""Who said what: direct quotes (between quotation marks), indirect ones (a reporting verb and its que-clause,
"selon X, …"), and their speakers, resolved to the people and bodies the article names.

A speaker is found, in order, from: the reporting verb flanking the quote in its sentence ("…», a déclaré X";
"X a affirmé : «…»") and its subject; "selon X" / "d'après X"; a headline colon ("X : «…»"); the subject of the
verb that governs a partial quote ("X a appelé à "une union sacrée""); else the speaker of the quote just before
(a quotation continued over paragraphs). Subjects are then resolved: a name is its actor; a pronoun is the last
speaker or person compatible in gender; a description ("le président vénézuélien", "le dirigeant socialiste")
is the person whose role and nationality match it, else the last speaker; an indefinite one ("un porte-parole de
la police") is an unnamed speaker named as written.

Where it stops: no coreference model (none can be downloaded here), so a pronoun two paragraphs away from its
antecedent, or a description no role word or nationality ties to a person, may go to the wrong speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from veille.annotate.actors import ACTOR_KINDS, entity_ref
from veille.annotate.entities import in_embedded
from veille.annotate.lexicon import ActorLexicon
from veille.annotate.marks import Quoted, find_quoted
from veille.annotate.resolve import DOCUMENTS, SUBJECT_DEPS, Resolver, cue_text, is_gerund
from veille.lang import FR
from veille.model import ActorRef, Article, Quote
from veille.model import Span as TextSpan
from veille.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SOURCE_MARKERS = FR.tuple("quotes.source_markers")
CLAUSE_OPENERS = FR.set("quotes.clause_openers")
WORDING = FR.set("quotes.wording")
"""Words for words: "selon les mots de X" is X speaking."""
_INCISE = re.compile(FR.pattern("quotes.incise"))
MIN_SCARE_WORDS = 4
"""A quotation this short with nobody saying it is a scare quote or a name, not a quote."""
MIN_CLAUSE_WORDS = 3
INCISE_REACH = 8
"""Tokens read past the end of the quotation's sentence, when the parser split it at the closing mark."""
_WORDS = re.compile(r"[\w]+(?:['’](?=\w))?")


def n_words(text: str) -> int:
    """Words as the annotation guide counts them: an elided article is a word (`l'agressivité` is two)."""
    return len(_WORDS.findall(text))


class Quotes:
    name = "quotes"
    languages = ("fr",)
    needs = ("doc", "entities")
    adds = ("quotes",)

    def __init__(self, lexicon: ActorLexicon):
        self.lex = lexicon

    def __call__(self, article: Article, doc: Doc) -> None:
        """Quotes are attributed in reading order, direct and indirect together, so that "il" and a quotation
        left unattributed can go to whoever spoke just before."""
        ctx = Context(article, doc, self.lex)
        ctx.quoted = [q for q in find_quoted(article.text) if not in_embedded(article, q.start, q.end)]
        doc.user_data["veille_quoted"] = ctx.quoted
        todo = [(q.open_mark, 1, lambda q=q: self.direct(ctx, q)) for q in ctx.quoted]
        todo += [(pos, 0, make) for pos, make in self.indirect(ctx)]
        found = [quote for _, _, make in sorted(todo, key=lambda t: t[:2]) if (quote := make()) is not None]
        repeated_speakers(found)
        same_paragraph_speakers(article.text, found)
        for quote in found:
            quote.cue_span = cue_span(article, quote)
        article.quotes.extend(sorted(found, key=lambda x: (x.start, x.kind)))

    # --- direct ---------------------------------------------------------------------------------------

    def direct(self, ctx: Context, q: Quoted) -> Quote | None:
        text = ctx.article.text[q.start:q.end]
        words = n_words(text)
        complete = text.rstrip().endswith((".", "!", "?", "…")) or ctx.whole_sentence(q)
        if words < 2 and not complete or self.is_title(ctx.article.text, q):
            return None
        speaker, cue, how = ctx.attribute(q)
        if speaker is None and words < MIN_SCARE_WORDS and not complete:
            return None
        if how != "passive_agent":  # words quoted from an accuser do not make them the one the story follows
            ctx.spoke(speaker, q.close_mark)
        return Quote(q.start, q.end, text, kind="direct", speaker=speaker, cue=cue, attribution=how)

    def is_title(self, text: str, q: Quoted) -> bool:
        """"le film "…"", "un groupe baptisé "…"": a name, not a quote."""
        before = text[max(0, q.open_mark - 40):q.open_mark].rsplit("\n", 1)[-1].split()
        return bool(before) and fold(before[-1].strip(",:")) in self.lex.title_words

    # --- indirect -------------------------------------------------------------------------------------

    def indirect(self, ctx: Context) -> list[tuple[int, Callable[[], Quote | None]]]:
        """Where indirect speech may start, with how to read it: a reporting verb with a que-clause, "selon X",
        "pour X" (an opinion), or an unquoted statement followed by ", assure X."."""
        out: list[tuple[int, Callable[[], Quote | None]]] = []
        for tok in ctx.doc:
            if ctx.inside_quote(tok.idx):
                continue
            if ctx.speaks(tok) and tok.pos_ in ("VERB", "AUX"):
                out += [(tok.idx, lambda t=tok, c=c: self.que_clause(ctx, t, c)) for c in tok.children
                        if c.dep_ == "ccomp"]
                if _inverted(tok):
                    out.append((tok.sent.start_char, lambda t=tok: self.inverted_clause(ctx, t)))
            elif tok.lower_ in SOURCE_MARKERS or (tok.lower_ == "pour" and _opens_sentence(tok)
                                                   and ctx.entity_at(tok.head) is not None):
                out.append((tok.idx, lambda t=tok: self.selon_clause(ctx, t)))
        return out

    def inverted_clause(self, ctx: Context, verb: Token) -> Quote | None:
        """ "Ils vont devoir être repensés, assure l'architecte X." """
        comma = ctx.doc[verb.i - 1]
        while comma.i > verb.sent.start and comma.text != ",":
            comma = ctx.doc[comma.i - 1]
        clause = ctx.doc[verb.sent.start:comma.i]
        # a statement of its own: "Benoist Apparu, proche d'Alain Juppé, a déploré" has no verb before the comma,
        # "…des masques, qui, a souligné X, …" stops on a relative pronoun
        if not any(t.pos_ in ("VERB", "AUX") for t in clause) or clause and clause[-1].lower_ in ("qui", "que"):
            return None
        subj = ctx.subject_after(verb)  # the subject stands after the verb, whatever the parser hung before it
        speaker = ctx.resolve(subj, verb.idx) if subj is not None else ctx.speaker_of(verb)
        return self.clause_quote(ctx, verb.sent.start_char, comma.idx, speaker, cue_text(verb))

    def que_clause(self, ctx: Context, verb: Token, clause: Token) -> Quote | None:
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in ("que", "qu'", "qu’")), None)
        if mark is None or mark.i > clause.i:
            return None
        start = ctx.doc[mark.i + 1].idx
        end = _clause_end(ctx.doc, clause)
        return self.clause_quote(ctx, start, end, ctx.speaker_of(verb), cue_text(verb))

    def selon_clause(self, ctx: Context, marker: Token) -> Quote | None:
        """ "Selon X, …" / "…, selon X" / "Pour X, …": the rest of the sentence is what X says or thinks."""
        sent = marker.sent
        np = marker.head
        hi = max(t.i for t in np.subtree)
        if marker.i == sent.start or ctx.doc[marker.i - 1].is_sent_start:
            j = hi + 1
            while j < sent.end and ctx.doc[j].is_punct:
                j += 1
            start, end = (ctx.doc[j].idx if j < sent.end else sent.end_char), _sent_end(sent)
        else:
            start, end = sent.start_char, ctx.doc[marker.i - 1].idx
        speaker = ctx.resolve(np, marker.idx)
        ctx.spoke(speaker, marker.idx)
        return self.clause_quote(ctx, start, end, speaker, marker.text.lower())

    def clause_quote(self, ctx: Context, start: int, end: int, speaker: ActorRef | None,
                     cue: str) -> Quote | None:
        text = ctx.article.text
        while end > start and text[end - 1] in " ,;:.\n":
            end -= 1
        if n_words(text[start:end]) < MIN_CLAUSE_WORDS or ctx.fully_quoted(start, end) or speaker is None:
            return None
        if in_embedded(ctx.article, start, end):
            return None
        ctx.spoke(speaker, end)
        return Quote(start, end, text[start:end], kind="indirect", speaker=speaker, cue=cue, attribution="clause")


class Context(Resolver):
    """One article's quoting state: the resolver's, plus the quotations and the finders of their speakers."""

    def fully_quoted(self, start: int, end: int) -> bool:
        return any(q.open_mark - 1 <= start and end <= q.close_mark + 1 for q in self.quoted)

    def whole_sentence(self, q: Quoted) -> bool:
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return False
        sent = span[0].sent
        return q.open_mark <= sent.start_char + 1 and sent.end_char - 3 <= q.close_mark

    # --- attribution ----------------------------------------------------------------------------------

    def attribute(self, q: Quoted) -> tuple[ActorRef | None, str | None, str]:
        sents = self.sentences(q)
        if not sents:
            return self.last_speaker, None, "continued"
        for find in (self.passive_agent, self.incise_after, self.verb_before, self.source_marker, self.colon,
                     self.verb_after, self.governor):
            found = find(q, sents)
            if found is not None and found[0] is not None:
                return found[0], found[1], find.__name__
        return self.continued(q), None, "continued"

    def sentences(self, q: Quoted) -> list[Span]:
        first = self.doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
        last = self.doc.char_span(q.close_mark, q.close_mark + 1, alignment_mode="expand")
        if first is None or last is None:
            return []
        a, b = first[0].sent, last[0].sent
        return [a] if a == b else [a, b]

    def incise_after(self, q: Quoted, sents: list[Span]) -> tuple[ActorRef | None, str] | None:
        """ "«…», a déclaré X" / "«…», a-t-il ajouté" / "«…», estime le ministre" / "«…», selon X"."""
        sent = sents[-1]
        joined = False  # "«…», et souhaité «…»": a verb coordinated with an earlier one, whose subject it shares
        # the parser may end the sentence at the quotation mark: read on into the next one, up to a full stop
        for tok in self.doc[sent.start:min(len(self.doc), sent.end + INCISE_REACH)]:
            if tok.idx <= q.close_mark or self.inside_quote(tok.idx):
                continue
            if tok.text in (".", "!", "?") or "\n" in tok.text:
                break
            if self.speaks(tok):
                return self.speaker_of(tok, after_quote=not joined), cue_text(tok)
            if tok.lower_ in SOURCE_MARKERS and (source := self.named_source(tok.head)) is not None:
                return self.resolve(source, tok.idx), tok.lower_
            joined = joined or tok.pos_ == "CCONJ"
            # "…», même s'il se disait…", "…» pour avoir assuré…": a clause of its own, not an incise
            if tok.pos_ == "SCONJ" and tok.lower_ != "comme" or tok.lower_ in CLAUSE_OPENERS:
                break
            if not (tok.is_punct or tok.pos_ in ("AUX", "ADV", "PRON", "SCONJ", "CCONJ", "ADP", "DET")):
                break
        return self.incise_by_text(q)

    def named_source(self, head: Token) -> Token | None:
        """Who "selon …" right after a quotation names: a person or body ("selon les mots du directeur général,
        Jérôme Salomon", "selon le mot d'un instructeur"). Not a pronoun or a document ("selon lui", "selon un
        communiqué"): a reporting verb before the quotation says more."""
        if head.lemma_ in WORDING:
            head = next((c for c in head.children if c.dep_ == "nmod"), head)
        if self.entity_at(head) is not None:
            return head
        return head if head.pos_ == "NOUN" and fold(head.text) not in DOCUMENTS | WORDING else None

    def incise_by_text(self, q: Quoted) -> tuple[ActorRef | None, str] | None:
        """The same read off the words when the parse is wrong (headlines, a sentence split at the quote):
        ", avancent les maires", ", insiste Edouard Philippe", ", souligne-t-elle"."""
        m = _INCISE.match(self.article.text, q.close_mark + 1)
        if m is None or not self.speech_form(m.group("verb")):
            return None
        verb_tok = self.doc.char_span(m.start("verb"), m.end("verb"), alignment_mode="expand")
        if verb_tok is not None and (found := self.subject_after(verb_tok.root)) is not None:
            return self.resolve(found, q.close_mark), m.group(0).strip(" ,")
        after = self.doc.char_span(m.end("verb"), min(len(self.article.text), m.end("verb") + 80),
                                   alignment_mode="expand")
        if after is None:
            return None
        for tok in after:
            if tok.is_punct and tok.text not in ("-",):
                break
            if tok.lower_.lstrip("-t") in ("il", "elle", "ils", "elles") or tok.pos_ in ("NOUN", "PROPN"):
                return self.resolve(tok, q.close_mark), m.group(0).strip(" ,")
        return None

    def verb_after(self, q: Quoted, sents: list[Span]) -> tuple[ActorRef | None, str] | None:
        """ "le bureau partagé "peut devenir…" car il est plus facile…, estime X." """
        verbs = [t for t in sents[-1] if t.idx > q.close_mark and self.speaks(t)
                 and t.pos_ == "VERB" and not self.inside_quote(t.idx)]
        return (self.speaker_of(verbs[0]), cue_text(verbs[0])) if verbs else None

    def verb_before(self, q: Quoted, sents: list[Span]) -> tuple[ActorRef | None, str] | None:
        """ "X a déclaré : «…»", "X a affirmé que «…»": the nearest reporting verb before, same sentence."""
        verbs = [t for t in sents[0] if t.idx < q.open_mark and self.speaks(t)
                 and t.pos_ == "VERB" and not self.inside_quote(t.idx)]
        # the verb whose clause holds the quote, not one in a relative clause on the way ("Le Conseil, auquel X a
        # demandé un avis, estime que «…»")
        governing = [t for t in verbs if t.left_edge.idx <= q.open_mark <= t.right_edge.idx]
        verb = (governing or verbs)[-1] if verbs else None
        return (self.speaker_of(verb), cue_text(verb)) if verb is not None else None

    def source_marker(self, q: Quoted, sents: list[Span]) -> tuple[ActorRef | None, str] | None:
        for sent in sents:
            for tok in sent:
                pour = tok.lower_ == "pour" and (_opens_sentence(tok) or self.doc[tok.i - 1].idx == q.close_mark) \
                    and self.entity_at(tok.head) is not None  # «…» pour X, secrétaire de…
                if (tok.lower_ in SOURCE_MARKERS or pour) and not self.inside_quote(tok.idx):
                    return self.resolve(tok.head, tok.idx), tok.lower_
        return None

    def colon(self, q: Quoted, sents: list[Span]) -> tuple[ActorRef | None, str] | None:
        """Headline style: "Macron : «…»"."""
        before = self.article.text[sents[0].start_char:q.open_mark].rstrip()
        if not before.endswith(":"):
            return None
        ents = [e for e in self.ents.between(sents[0].start_char, q.open_mark) if e.end <= q.open_mark
                and e.kind in ACTOR_KINDS]
        return (entity_ref(self.article, ents[-1]), ":") if ents else None

    def governor(self, q: Quoted, sents: list[Span]) -> tuple[ActorRef | None, str] | None:
        """A partial quote inside a statement: the subject of the verb it hangs from ("X a vu des "…"")."""
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return None
        tok = span.root
        subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS and c.idx < q.open_mark), None)
        if tok.pos_ in ("VERB", "AUX") and subj is not None:
            ref = self.resolve(subj, q.open_mark, strict=True)
            return (ref, None) if ref else None
        for _ in range(4):
            if tok.pos_ in ("VERB", "AUX") and not self.inside_quote(tok.idx):
                subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
                if subj is not None and not self.inside_quote(subj.idx):
                    ref = self.resolve(subj, q.open_mark, strict=True)
                    return (ref, None) if ref else None
            if tok.head == tok:
                return None
            tok = tok.head
        return None

    def passive_agent(self, q: Quoted, sents: list[Span]) -> tuple[ActorRef | None, str] | None:
        """ "accusé par Jean-Christophe Lagarde de «mensonge d'État»": the agent of the passive verb a partial
        quote hangs from said the words."""
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return None
        tok = span.root
        verb = tok.head if tok.head.pos_ == "VERB" else tok.head.head  # "…par X de «…»" may hang from X
        if verb.pos_ != "VERB" or verb == tok or not self.speaks(verb) or not ("Part" in verb.morph.get("VerbForm")
                                                      and "Past" in verb.morph.get("Tense")):
            return None
        agent = next((c for c in verb.children if c.dep_ == "obl:agent" or c.dep_.startswith("obl")
                      and any(x.lower_ == "par" for x in c.children if x.dep_ == "case")), None)
        if agent is None or agent.i > tok.i:
            return None
        return self.resolve(agent, agent.idx, strict=True), cue_text(verb)

    def continued(self, q: Quoted) -> ActorRef | None:
        """A quote with no attribution of its own goes on from the last speaker, unless someone new has been
        introduced since ("Carine Suissa, 53 ans… «…»") other than as a complement ("…la loyauté de Christian
        Jacob")."""
        person = self.last_person(q.open_mark)
        if person is not None and (at := max(x for x in person.positions if x < q.open_mark)) > self.last_speaker_at \
                and not self.complement_at(at):
            return entity_ref(self.article, person.entity)
        return self.last_speaker or self.title_speaker()


CUE_REACH = 200
"""How far from its quote a reporting verb is looked for, in characters."""


def cue_span(article: Article, quote: Quote) -> TextSpan | None:
    """Where the reporting verb stands: after the quote (an incise), else before it in the same sentence."""
    cue = quote.cue
    if not cue or not any(ch.isalpha() for ch in cue) or cue in SOURCE_MARKERS:
        return None
    text = article.text
    at = text.find(cue, quote.end, quote.end + CUE_REACH)
    if at < 0:
        at = text.rfind(cue, max(0, quote.start - CUE_REACH), quote.start)
    return article.span(at, at + len(cue)) if at >= 0 else None


def repeated_speakers(quotes: list[Quote]) -> None:
    """A headline or subheading often repeats words quoted in the body ("- "Mon sang se glace" -"): it is
    said by whoever says them there."""
    explicit = [(x, fold(x.text)) for x in quotes if x.attribution not in ("continued", None)
                and x.speaker is not None]
    for q in quotes:
        if q.attribution != "continued":
            continue
        key = fold(q.text)
        source = next((x for x, folded in explicit if x is not q and key in folded), None)
        if source is not None:
            q.speaker, q.attribution = source.speaker, "repeated"


def same_paragraph_speakers(text: str, quotes: list[Quote]) -> None:
    """A quotation with no attribution of its own, in a paragraph where another one has one ("«A». «B», a dit
    X."), is that speaker's, the nearest such quotation deciding."""
    breaks = [m.start() for m in re.finditer("\n\n", text)]

    def paragraph(q: Quote) -> int:
        return bisect.bisect_left(breaks, q.start)

    explicit = [q for q in quotes if q.attribution not in ("continued", None) and q.speaker is not None]
    by_paragraph: dict[int, list[Quote]] = {}
    for x in explicit:
        by_paragraph.setdefault(paragraph(x), []).append(x)
    for q in quotes:
        if q.attribution != "continued":
            continue
        near = by_paragraph.get(paragraph(q), [])
        if near:
            best = min(near, key=lambda x: abs(x.start - q.start))
            q.speaker, q.attribution = best.speaker, "paragraph"


def _opens_sentence(tok: Token) -> bool:
    """ "Pour X, …" at the head of a sentence or clause (an opinion), not "pour" anywhere ("un plan pour Paris",
    "nie tout "coup dur" pour Macron")."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return tok.i == tok.sent.start or prev is not None and prev.is_punct and not prev.is_quote \
        and prev.text not in "()"


def _inverted(verb: Token) -> bool:
    """ "…, assure X." : a reporting verb right after a comma, its subject after it, at the end of a sentence."""
    prev = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    while prev is not None and prev.pos_ == "AUX" or prev is not None and prev.text.startswith("-t"):
        prev = verb.doc[prev.i - 1]
    subj_after = any(c.i > verb.i and c.dep_ in ("nsubj", "obj", "expl:subj") for c in verb.children)
    return prev is not None and prev.text == "," and subj_after and verb.i > verb.sent.start + 3 \
        and not is_gerund(verb)  # "…, niant tout"


def _clause_end(doc: Doc, clause: Token) -> int:
    last = max(t.i for t in clause.subtree)
    return doc[last].idx + len(doc[last])


def _sent_end(sent: Span) -> int:
    return sent.end_char
