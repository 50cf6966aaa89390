"""Synthetic scraped pages: real articles wrapped in real-looking noise at the top, between paragraphs and at
the end, to measure how much noise cleaning removes and how many body paragraphs it keeps.

    python -m veille.eval.cleaning tests/data/noise_lines.json [ARTICLES.jsonl[.gz]]
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from veille.clean import Cleaner, normalize_line
from veille.read import Raw

TOP = ("hash", "related_headline", "breadcrumb", "share", "byline", "advertisement", "read_also")
BETWEEN = ("read_also", "advertisement", "share", "newsletter", "copyright", "comments", "cookie", "hash")
END = ("promo", "share", "newsletter", "cookie", "comments", "copyright", "read_also", "related_headline")
SEPARATORS = ("\n\n", "\n\n\n", "\n\n \n\n", "\n")


@dataclass
class Case:
    title: str
    body: str
    paragraphs: list[str]
    noise: list[tuple[str, str]] = field(default_factory=list)


def build_cases(articles: Iterable[dict], noise: dict[str, list[str]], seed: int = 0) -> list[Case]:
    rng = random.Random(seed)
    return [_wrap(a, noise, rng) for a in articles]


def _wrap(article: dict, noise: dict[str, list[str]], rng: random.Random) -> Case:
    paragraphs = [p.strip() for p in article["body"].split("\n\n") if p.strip()]
    case = Case(article["title"], "", paragraphs)
    out: list[str] = []

    def add(kinds: tuple[str, ...], k: int) -> None:
        for kind in rng.sample(kinds, k):
            line = rng.choice(noise[kind])
            case.noise.append((kind, line))
            out.append(line)

    add(TOP, rng.randint(1, 3))
    for i, p in enumerate(paragraphs):
        out.append(p)
        if 0 < i < len(paragraphs) - 1 and rng.random() < 0.3:
            add(BETWEEN, 1)
    add(END, rng.randint(1, 3))
    case.body = "".join(line + rng.choice(SEPARATORS[:3]) for line in out)
    return case


def score(cases: list[Case], cleaner: Cleaner | None = None) -> dict:
    cleaner = cleaner or Cleaner()
    kept = total = 0
    removed: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    misses: list[tuple[str, str]] = []
    for case in cases:
        art = cleaner(Raw(input="synthetic", title=case.title, body=case.body, fmt="txt", language="fr"))
        lines = {normalize_line(x) for x in art.text.split("\n")}
        for kind, line in case.noise:
            seen[kind] += 1
            if normalize_line(line) not in lines:
                removed[kind] += 1
            else:
                misses.append((kind, line))
        body_lines = [normalize_line(x) for p in case.paragraphs for x in p.split("\n") if x.strip()]
        total += len(body_lines)
        kept += sum(1 for x in body_lines if x in lines)
        misses += [("BODY LOST", x) for x in body_lines if x not in lines]
    return {"articles": len(cases), "noise_lines": sum(seen.values()),
            "noise_removed": round(sum(removed.values()) / max(1, sum(seen.values())), 4),
            "body_lines": total, "body_kept": round(kept / max(1, total), 4),
            "by_kind": {k: f"{removed[k]}/{seen[k]}" for k in sorted(seen)}, "misses": misses}


def load_jsonl(path: Path) -> list[dict]:
    import gzip

    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str]) -> None:
    from importlib import resources

    noise = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    src = Path(argv[1]) if len(argv) > 1 else \
        Path(str(resources.files("veille").joinpath("data/demo/orangesum-demo.jsonl.gz")))
    res = score(build_cases(load_jsonl(src), noise))
    misses = res.pop("misses")
    print(json.dumps(res, ensure_ascii=False, indent=1))
    for kind, line in misses:
        print(f"missed {kind}: {line}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
