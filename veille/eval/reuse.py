"""A republication test set built from real articles, and veille scored on it beside plain MinHash LSH.

    python -m veille.eval.reuse ../shared/corpus/orangesum_fr_full.jsonl.gz [--originals 300] [--background 2000]

What is in it (all seeded, so every run builds the same set):
- synthetic copies of `originals` articles, one of each kind: padded with scraping noise like the RT page,
  truncated to 60%, paragraphs shuffled, 5% of words edited, re-titled; each published a day later by
  another source;
- rewrites: three sentences of an original inside another story's text, published later;
- same-topic negatives: two different stories on the same subject within three days (shared proper names,
  little shared text) — any link between them is false;
- silver pairs of the corpus (machine-found near-duplicates, checked by reading a sample);
- background articles.
Found = a link between the pair; direction right = the original is the source.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from veille.clean import Cleaner
from veille.link.reuse import body_of, link_all, sentences_of, shingles, words
from veille.model import Article
from veille.read import Raw

COPY_KINDS = ("padded", "truncated", "shuffled", "edited", "retitled")
NOISE_TOP = ("094643347aa0f5ae11f15bc21d7dda00", "Partager sur Facebook", "Accueil > Monde")
NOISE_END = ("La Grande Interview : un entretien exclusif", "Suivez-nous sur Telegram", "Lire aussi : la suite")


@dataclass
class TestSet:
    articles: list[dict] = field(default_factory=list)
    copies: list[tuple[str, str, str]] = field(default_factory=list)
    """(original id, copy id, kind)"""
    rewrites: list[tuple[str, str]] = field(default_factory=list)
    negatives: list[tuple[str, str]] = field(default_factory=list)
    silver: list[tuple[str, str]] = field(default_factory=list)


def load(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def record(r: dict, **changes: Any) -> dict:
    out = {"id": str(r["id"]), "title": r["title"], "body": r["body"], "date": r.get("date"),
           "published": r.get("published_time") or r.get("date"), "source": r.get("source_contenu") or "AFP"}
    out.update(changes)
    return out


def later(r: dict, days: int = 1) -> str:
    return (date.fromisoformat(r["date"]) + timedelta(days=days)).isoformat()


def make_copy(r: dict, kind: str, rng: random.Random) -> dict:
    paras = [p for p in r["body"].split("\n\n") if p.strip()]
    title = r["title"]
    if kind == "padded":
        paras = [rng.choice(NOISE_TOP), rng.choice(NOISE_TOP), *paras, rng.choice(NOISE_END)]
    elif kind == "truncated":
        ws = r["body"].split(" ")
        paras = [" ".join(ws[: int(len(ws) * 0.6)])]
    elif kind == "shuffled":
        rng.shuffle(paras)
    elif kind == "edited":
        paras = [_edit(p, rng) for p in paras]
    elif kind == "retitled":
        title = "Ce qu'il faut retenir : " + title.lower()
    return record(r, id=f"{r['id']}-{kind}", title=title, body="\n\n".join(paras), date=later(r),
                  published=later(r), source="copycat.example")


def _edit(text: str, rng: random.Random) -> str:
    ws = text.split(" ")
    for i in range(len(ws)):
        if rng.random() < 0.05:
            ws[i] = rng.choice(("notamment", "également", "ainsi", "donc", "en effet", "par ailleurs"))
    return " ".join(ws)


def make_rewrite(original: dict, other: dict, rng: random.Random) -> dict:
    body = original["body"]
    sents = [body[s:e] for s, e in sentences_of(body) if len(words(body[s:e])) >= 10]
    start = rng.randrange(max(1, len(sents) - 3))
    borrowed = sents[start:start + 3]
    filler = [p for p in other["body"].split("\n\n") if p.strip()]
    body = "\n\n".join([filler[0], " ".join(borrowed), *filler[1:]])
    return record(other, id=f"{original['id']}-rewrite", body=body, date=later(original, 2),
                  published=later(original, 2), source="rewriter.example")


def proper_names(r: dict) -> set[str]:
    return set(re.findall(r"\b[A-ZÉ][a-zéèêëàâîïôöûüç]{3,}(?:\s[A-ZÉ][a-zéèêëàâîïôöûüç]{3,})?", r["title"] + " " +
                          r["body"][:600])) - {"Selon", "Mais", "Pour", "Dans", "Cette", "Alors", "Elle", "Ils"}


def same_topic_pairs(pool: list[dict], n: int, silver: set[tuple[str, str]], rng: random.Random) -> list[tuple]:
    """Different stories on the same subject within three days: shared names, little shared text."""
    by_day: dict[str, list[dict]] = {}
    for r in pool:
        by_day.setdefault(r["date"], []).append(r)
    out, tries = [], 0
    while len(out) < n and tries < n * 200:
        tries += 1
        a = rng.choice(pool)
        near = [b for k in range(-3, 4) for b in by_day.get((date.fromisoformat(a["date"]) + timedelta(k)).isoformat(),
                                                               []) if b["id"] != a["id"]]
        rng.shuffle(near)
        for b in near[:40]:
            pair = tuple(sorted((str(a["id"]), str(b["id"]))))
            if pair in silver or len(proper_names(a) & proper_names(b)) < 3:
                continue
            sa, sb = shingles(words(a["body"])), shingles(words(b["body"]))
            if sa and sb and len(sa & sb) / min(len(sa), len(sb)) < 0.1:
                out.append((a, b))
                break
    return out


def build(corpus: list[dict], silver_pairs: list[dict], originals: int, background: int, seed: int = 11) -> TestSet:
    rng = random.Random(seed)
    usable = [r for r in corpus if len(r["body"].split()) >= 150 and r.get("date")]
    rng.shuffle(usable)
    ts = TestSet()
    used: set[str] = set()

    def add(r: dict) -> None:
        if str(r["id"]) not in used:
            ts.articles.append(record(r))
            used.add(str(r["id"]))

    for r in usable[:originals]:
        add(r)
        for kind in COPY_KINDS:
            c = make_copy(r, kind, rng)
            ts.articles.append(c)
            ts.copies.append((str(r["id"]), c["id"], kind))
    others = usable[originals:]
    for r, other in zip(usable[: originals // 3], others[: originals // 3], strict=True):
        rw = make_rewrite(r, other, rng)
        ts.articles.append(rw)
        ts.rewrites.append((str(r["id"]), rw["id"]))
    silver_ids = {tuple(sorted((str(p["earlier_id"]), str(p["later_id"])))) for p in silver_pairs}
    pool = usable[originals + originals // 3:]
    for a, b in same_topic_pairs(pool, originals // 2, silver_ids, rng):
        add(a)
        add(b)
        ts.negatives.append((str(a["id"]), str(b["id"])))
    by_id = {str(r["id"]): r for r in corpus}
    for p in rng.sample(silver_pairs, min(len(silver_pairs), originals // 2)):
        ids = (str(p["earlier_id"]), str(p["later_id"]))
        if all(i in by_id for i in ids):
            add(by_id[ids[0]])
            add(by_id[ids[1]])
            ts.silver.append(ids)
    for r in pool[-background:]:
        add(r)
    return ts


def to_articles(ts: TestSet) -> list[Article]:
    cleaner = Cleaner()
    out = []
    for r in ts.articles:
        raw = Raw(input=r["id"], title=r["title"], body=r["body"], fmt="jsonl", external_id=r["id"],
                  published=r["published"], source=r["source"], language="fr")
        out.append(cleaner(raw))
    return out


def minhash_lsh(articles: list[Article], threshold: float) -> set[tuple[str, str]]:
    """The baseline: whole-document MinHash LSH on word 5-grams (datasketch), as dedup tools do it."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sigs = {}
    for a in articles:
        m = MinHash(num_perm=128, seed=1)
        m.update_batch([s.encode("utf-8") for s in shingles(words(body_of(a)))])
        sigs[a.external_id] = m
        lsh.insert(a.external_id, m)
    pairs = set()
    for key, m in sigs.items():
        for other in lsh.query(m):
            if other != key and m.jaccard(sigs[other]) >= threshold:
                pairs.add(tuple(sorted((key, other))))
    return pairs


def score(ts: TestSet, found: set[tuple[str, str]], directed: dict[tuple[str, str], str] | None = None) -> dict:
    def has(a: str, b: str) -> bool:
        return tuple(sorted((a, b))) in found

    by_kind = {k: [has(o, c) for o, c, kk in ts.copies if kk == k] for k in COPY_KINDS}
    out = {"copies_found": _ratio([x for v in by_kind.values() for x in v]),
           "by_kind": {k: _ratio(v) for k, v in by_kind.items()},
           "rewrites_found": _ratio([has(o, r) for o, r in ts.rewrites]),
           "same_topic_false_links": _ratio([has(a, b) for a, b in ts.negatives]),
           "silver_found": _ratio([has(a, b) for a, b in ts.silver])}
    if directed is not None:
        pairs = [(o, c) for o, c, _ in ts.copies] + ts.rewrites
        right = [directed.get(tuple(sorted((o, c)))) == o for o, c in pairs if has(o, c)]
        out["direction_right"] = _ratio(right)
    return out


def unexpected(ts: TestSet, links: list) -> list[dict]:
    """Links the set does not expect (not a copy, rewrite or silver pair, nor two copies of one original):
    either corpus duplicates nobody listed, or false links. Listed to be read."""
    family = {c: o for o, c, _ in ts.copies} | {r: o for o, r in ts.rewrites}
    silver = {tuple(sorted(p)) for p in ts.silver}
    out = []
    for lk in links:
        a, b = lk.source.external_id, lk.copy.external_id
        if family.get(a, a) == family.get(b, b) or tuple(sorted((a, b))) in silver:
            continue
        out.append({"source": a, "copy": b, "containment": lk.containment, "relation": lk.relation,
                    "titles": [lk.source.title[:70], lk.copy.title[:70]]})
    return out


def _ratio(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 3) if flags else 0.0


def run(ts: TestSet) -> dict:
    articles = to_articles(ts)
    t0 = time.perf_counter()
    links = link_all(articles)
    seconds = time.perf_counter() - t0
    found = {tuple(sorted((lk.source.external_id, lk.copy.external_id))) for lk in links}
    directed = {tuple(sorted((lk.source.external_id, lk.copy.external_id))): lk.source.external_id for lk in links}
    result = {"articles": len(articles), "copies": len(ts.copies), "rewrites": len(ts.rewrites),
              "negative_pairs": len(ts.negatives), "silver_pairs": len(ts.silver),
              "veille": {**score(ts, found, directed), "links": len(links), "unexpected_links": unexpected(ts, links),
                         "seconds": round(seconds, 1)}}
    for threshold in (0.5, 0.7):
        result[f"minhash_lsh_jaccard_{threshold}"] = score(ts, minhash_lsh(articles, threshold))
    return result


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(prog="python -m veille.eval.reuse")
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--silver", type=Path)
    ap.add_argument("--originals", type=int, default=300)
    ap.add_argument("--background", type=int, default=2000)
    args = ap.parse_args(argv)
    silver_path = args.silver or args.corpus.parent / "orangesum_neardup_pairs.silver.jsonl"
    silver = [json.loads(x) for x in silver_path.read_text("utf-8").splitlines() if x.strip()]
    ts = build(load(args.corpus), silver, args.originals, args.background)
    print(json.dumps(run(ts), indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
