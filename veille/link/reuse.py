"""Who copied whom: republications found by containment, not by whole-document similarity.

A copy padded with scraping noise, cut to half, re-titled or lightly edited shares long runs of words with its
source while its overall Jaccard similarity may be low. So each article is fingerprinted in pieces:
- chunks of consecutive sentences (≥ CHUNK_WORDS words), each a MinHash (rensa) of its word 5-grams, cut
  into LSH bands: two articles sharing one well-copied chunk meet in a band, whatever else either contains;
- sentence hashes: two articles sharing several whole sentences meet too (rewrites);
- sentences that many articles share (agency templates, "le point sur la pandémie") are "stock" and count
  for nothing, neither as candidates nor in containment.
Candidates are then verified: containment of the smaller text in the larger on 5-grams, and a sentence
alignment (rapidfuzz) that says which passages are shared, changed, added or removed. The earlier article is the
source; then the known original publisher; then the longer (copies are cut more often than padded).

Fingerprinting and verification are pure functions of two Articles; the index of bands and sentences is either
in memory (`MemoryIndex`, for `veille reuse FILES`) or in the store (incremental, for `veille ingest`).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from veille.model import Article
from veille.settings import STOCK_DF
from veille.text import fold

SHINGLE = 5
CHUNK_WORDS = 30
NUM_PERM = 64
BANDS = 16
MIN_SENTENCE_WORDS = 6
MIN_CONTAINMENT = 0.5
MIN_SHARED_SENTENCES = 3
ALIGN_RATIO = 85
"""rapidfuzz ratio at which two sentences are the same sentence, edited."""
AGENCIES = ("afp", "reuters", "associated press", "ap", "rt france", "rt", "sputnik", "belga", "ats")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?…»\"])\s+(?=[«\"A-ZÀÂÉÈÊÎÔÙÇ0-9])")


def stable_hash(s: str) -> int:
    """A 63-bit hash that is the same in every process (Python's hash() is salted)."""
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def body_of(article: Article) -> str:
    """The text without its title: a re-titled copy is still a copy."""
    if article.title and article.text.startswith(article.title):
        return article.text[len(article.title):].lstrip("\n")
    return article.text


def sentences_of(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in `text`, paragraph breaks included as boundaries."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _SENTENCE_END.finditer(para.group(0)):
            spans.append((start, para.start() + m.start()))
            start = para.start() + m.end()
        spans.append((start, para.end()))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def shingles(ws: list[str]) -> set[str]:
    if len(ws) < SHINGLE:
        return {" ".join(ws)} if ws else set()
    return {" ".join(ws[i:i + SHINGLE]) for i in range(len(ws) - SHINGLE + 1)}


@dataclass
class Fingerprint:
    doc: str
    sentences: list[int]
    """Hashes of the sentences long enough to mean something, in order."""
    bands: set[int]
    words: int
    published: str | None = None
    source: str | None = None
    external_id: str | None = None


def fingerprint(article: Article) -> Fingerprint:
    body = body_of(article)
    sents = [body[s:e] for s, e in sentences_of(body)]
    sent_hashes = [stable_hash(" ".join(w)) for s in sents if len(w := words(s)) >= MIN_SENTENCE_WORDS]
    return Fingerprint(article.id, sent_hashes, chunk_bands(sents), len(words(body)), article.published,
                       article.source, article.external_id)


def chunk_bands(sents: list[str]) -> set[int]:
    from rensa import RMinHash

    bands: set[int] = set()
    chunk: list[str] = []
    for s in sents + [""]:
        chunk += words(s)
        if len(chunk) >= CHUNK_WORDS or (not s and chunk):
            mh = RMinHash(num_perm=NUM_PERM, seed=7)
            mh.update(sorted(shingles(chunk)))
            digest = mh.digest()
            rows = NUM_PERM // BANDS
            bands |= {stable_hash(f"{b}:{digest[b * rows:(b + 1) * rows]}") for b in range(BANDS)}
            chunk = []
    return bands


class Index(Protocol):
    """Where fingerprints live: in memory for one run, in the store across runs."""

    def add(self, fp: Fingerprint) -> None: ...

    def candidates(self, fp: Fingerprint) -> set[str]: ...

    def stock(self, hashes: Iterable[int]) -> set[int]: ...


class MemoryIndex:
    def __init__(self) -> None:
        self.by_band: dict[int, set[str]] = defaultdict(set)
        self.by_sentence: dict[int, set[str]] = defaultdict(set)

    def add(self, fp: Fingerprint) -> None:
        for b in fp.bands:
            self.by_band[b].add(fp.doc)
        for h in set(fp.sentences):
            self.by_sentence[h].add(fp.doc)

    def candidates(self, fp: Fingerprint) -> set[str]:
        found = {d for b in fp.bands for d in self.by_band.get(b, ())}
        stock = self.stock(fp.sentences)
        shared: dict[str, int] = defaultdict(int)
        for h in set(fp.sentences) - stock:
            for d in self.by_sentence.get(h, ()):
                shared[d] += 1
        found |= {d for d, n in shared.items() if n >= 2}
        found.discard(fp.doc)
        return found

    def stock(self, hashes: Iterable[int]) -> set[int]:
        return {h for h in hashes if len(self.by_sentence.get(h, ())) >= STOCK_DF}


@dataclass
class Link:
    source: Article
    copy: Article
    containment: float
    relation: str
    shared_sentences: int
    basis: str
    passages: list[dict[str, Any]] = field(default_factory=list)
    languages: tuple[str | None, str | None] | None = None
    """(source language, copy language) of a translated copy (`link.translation`)."""

    def to_dict(self) -> dict[str, Any]:
        langs = {"source_language": self.languages[0], "copy_language": self.languages[1]} if self.languages else {}
        return {"source": self.source.id, "copy": self.copy.id, "source_external_id": self.source.external_id,
                "copy_external_id": self.copy.external_id, "containment": self.containment,
                "relation": self.relation, **langs, "shared_sentences": self.shared_sentences,
                "direction_basis": self.basis, "passages": self.passages}


def verify(a: Article, b: Article, stock: set[int] | frozenset[int] = frozenset()) -> Link | None:
    """Is one article a republication of the other? Containment of the smaller in the larger on 5-grams,
    stock sentences left out, then a sentence alignment for the relation and the passages."""
    sa, sb = _content(a, stock), _content(b, stock)
    if not sa or not sb:
        return None
    containment = len(sa & sb) / min(len(sa), len(sb))
    alignment = align(body_of(a), body_of(b))
    shared = sum(1 for p in alignment if p["kind"] in ("shared", "changed"))
    if containment < MIN_CONTAINMENT and shared < MIN_SHARED_SENTENCES:
        return None
    source, copy, basis = direction(a, b)
    if source is not a:
        alignment = [_swap(p) for p in alignment]
    rel = relation(containment, len(sa), len(sb), alignment)
    noise = [{"kind": "added", "text": r.text, "reason": f"scraping noise ({r.reason}), removed by cleaning"}
             for r in copy.removed]
    return Link(source, copy, round(containment, 3), rel, shared, basis, alignment + noise)


def _content(article: Article, stock: set[int] | frozenset[int]) -> set[str]:
    body = body_of(article)
    kept: list[str] = []
    for s, e in sentences_of(body):
        ws = words(body[s:e])
        if stable_hash(" ".join(ws)) not in stock:
            kept += ws
    return shingles(kept)


def relation(containment: float, size_a: int, size_b: int, alignment: list[dict[str, Any]]) -> str:
    """verbatim: the same text, noise aside; partial: one holds a large part of the other (cut or padded);
    edited: the same story with words changed; rewrite: a few shared sentences in otherwise new text."""
    if containment < MIN_CONTAINMENT:
        return "rewrite"
    ratio = min(size_a, size_b) / max(size_a, size_b)
    changed = sum(1 for p in alignment if p["kind"] == "changed")
    matched = sum(1 for p in alignment if p["kind"] in ("shared", "changed")) or 1
    if ratio < 0.8:
        return "partial"
    return "verbatim" if containment >= 0.95 and changed / matched <= 0.1 else "edited"


def direction(a: Article, b: Article) -> tuple[Article, Article, str]:
    """(source, copy, basis): earlier publication; then an agency or state outlet; then the longer text."""
    pa, pb = a.published or "", b.published or ""
    if pa and pb and pa != pb:
        return (a, b, "published") if pa < pb else (b, a, "published")
    ga, gb = _is_agency(a.source), _is_agency(b.source)
    if ga != gb:
        return (a, b, "source") if ga else (b, a, "source")
    la, lb = len(body_of(a)), len(body_of(b))
    if la != lb:
        return (a, b, "length") if la > lb else (b, a, "length")
    return (a, b, "order") if a.id < b.id else (b, a, "order")


def _is_agency(source: str | None) -> bool:
    return fold(source or "") in AGENCIES


def align(source: str, copy: str) -> list[dict[str, Any]]:
    """Sentence-level diff: each copy sentence matched to its best source sentence (shared if identical,
    changed if similar), copy sentences left over are additions, source ones removals. Offsets in each body."""
    from rapidfuzz import fuzz, process

    src = sentences_of(source)
    src_text = [" ".join(words(source[s:e])) for s, e in src]
    used: set[int] = set()
    out: list[dict[str, Any]] = []
    for s, e in sentences_of(copy):
        norm = " ".join(words(copy[s:e]))
        best = process.extractOne(norm, src_text, scorer=fuzz.ratio, score_cutoff=ALIGN_RATIO) if norm else None
        if best is None:
            out.append({"kind": "added", "copy": [s, e], "text": copy[s:e]})
            continue
        _, score, i = best
        used.add(i)
        out.append({"kind": "shared" if score >= 100 else "changed", "source": list(src[i]), "copy": [s, e],
                    "text": copy[s:e], **({"source_text": source[src[i][0]:src[i][1]]} if score < 100 else {})})
    out += [{"kind": "removed", "source": [s, e], "text": source[s:e]}
            for i, (s, e) in enumerate(src) if i not in used]
    return out


def _swap(p: dict[str, Any]) -> dict[str, Any]:
    """An alignment made copy-first, seen from the other side."""
    q = dict(p)
    q["kind"] = {"added": "removed", "removed": "added"}.get(p["kind"], p["kind"])
    if "source" in p or "copy" in p:
        q["source"], q["copy"] = p.get("copy"), p.get("source")
        q = {k: v for k, v in q.items() if v is not None}
    if "source_text" in p:
        q["source_text"], q["text"] = p["text"], p["source_text"]
    return q


def link_all(articles: list[Article], index: Index | None = None) -> list[Link]:
    """Every republication among the articles (and those already in the index)."""
    index = index or MemoryIndex()
    prints = {a.id: fingerprint(a) for a in articles}
    for fp in prints.values():
        index.add(fp)
    by_id = {a.id: a for a in articles}
    links, seen = [], set()
    for a in articles:
        for other in sorted(index.candidates(prints[a.id])):
            pair = tuple(sorted((a.id, other)))
            if pair in seen or other not in by_id:
                continue
            seen.add(pair)
            stock = index.stock(prints[a.id].sentences + prints[other].sentences)
            found = verify(a, by_id[other], stock)
            if found is not None:
                links.append(found)
    return links


def clusters(links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Union-find over links: every article -> the id of its cluster's origin (an article no one copied
    from within the cluster, the earliest source seen)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    copies = set()
    for source, copy in links:
        copies.add(copy)
        rs, rc = find(source), find(copy)
        if rs != rc:
            parent[rc] = rs
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    out = {}
    for members in groups.values():
        origins = sorted(m for m in members if m not in copies) or sorted(members)
        for m in members:
            out[m] = origins[0]
    return out
