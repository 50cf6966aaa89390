"""Draw the articles of the annotated corpus at random, with a fixed seed, and write `gold/splits.json`.

    python gold/tools/draw.py            # rewrites gold/splits.json (the same ids every time)

The population is every article of the sample and of the annotation pool (../shared/corpus), less today's 40
development articles (kept as gold/dev) and less any article whose body shares a third or more of its 5-word
shingles with an article already drawn: a near-copy on both sides of a split would let a model be scored on
text it was trained on. Nothing is chosen for being easy: the order is a seeded shuffle, nothing else.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1]
CORPUS = GOLD.parent.parent / "shared" / "corpus"
SEED = 20261203
SIZES = {"test": 90, "train": 280}
AGREEMENT = 24
WORD = re.compile(r"\w+")


def population() -> dict[int, dict]:
    recs = [json.loads(line) for line in (CORPUS / "orangesum_fr_sample.jsonl").read_text("utf-8").splitlines()]
    with gzip.open(CORPUS / "orangesum_fr_pool.jsonl.gz", "rt", encoding="utf-8") as f:
        recs += [json.loads(line) for line in f]
    return {r["id"]: r for r in recs if r.get("body", "").strip()}


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = WORD.findall(text.casefold())
    return {tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}


def near(a: set, b: set) -> bool:
    return len(a & b) >= min(len(a), len(b)) / 3


def draw() -> dict:
    arts = population()
    dev = sorted(int(p.stem) for p in (GOLD / "dev").glob("*.json"))
    taken = [shingles(arts[i]["body"]) for i in dev]
    order = sorted(set(arts) - set(dev))
    random.Random(SEED).shuffle(order)
    chosen: list[int] = []
    for i in order:
        if len(chosen) == sum(SIZES.values()):
            break
        sh = shingles(arts[i]["body"])
        if any(near(sh, t) for t in taken):
            continue
        taken.append(sh)
        chosen.append(i)
    test, train = chosen[:SIZES["test"]], chosen[SIZES["test"]:]
    agreement = random.Random(SEED + 1).sample(chosen, AGREEMENT)
    return {"seed": SEED, "dev": dev, "test": sorted(test), "train": sorted(train), "agreement": sorted(agreement)}


if __name__ == "__main__":
    out = draw()
    (GOLD / "splits.json").write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    print({k: len(v) for k, v in out.items() if isinstance(v, list)})
