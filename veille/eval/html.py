"""HTML reading against the corpus's own text: bag-of-words F1 of the kept body against the `body` field,
and titles (exactly the corpus's, or the corpus's less a site-wide SEO suffix), on the original pages of sample
articles (`html/<id>.html`).

    python -m veille.eval.html ../shared/corpus/orangesum_html_sample.tar.gz ../shared/corpus/orangesum_fr_sample.jsonl
"""

from __future__ import annotations

import json
import re
import sys
import tarfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from veille.clean import Cleaner, normalize_line
from veille.errors import InputError
from veille.read import decode, html_record
from veille.settings import Settings

WORD = re.compile(r"\w+")
SITE_SUFFIX_TITLES = 5


def bow_f1(pred: str, gold: str) -> float:
    p, g = Counter(WORD.findall(pred.lower())), Counter(WORD.findall(gold.lower()))
    tp = sum((p & g).values())
    if not tp:
        return 0.0
    prec, rec = tp / sum(p.values()), tp / sum(g.values())
    return 2 * prec * rec / (prec + rec)


def pages(tar_path: Path) -> dict[str, bytes]:
    with tarfile.open(tar_path) as tar:
        return {Path(m.name).stem: tar.extractfile(m).read() for m in tar.getmembers()
                if m.isfile() and m.name.endswith(".html")}


def evaluate(tar_path: Path, sample_path: Path) -> dict:
    gold = {str(r["id"]): r for r in map(json.loads, sample_path.read_text("utf-8").splitlines())}
    settings, cleaner = Settings(), Cleaner()
    boilerplate = site_suffixes(r["title"] for r in gold.values())
    f1s, titles, strict, worst = [], 0, 0, []
    for pid, data in sorted(pages(tar_path).items()):
        g = gold[pid]
        try:
            art = cleaner(html_record(decode(data, pid, html=True), pid, settings))
            body = art.text[len(art.title):]
        except InputError:
            art, body = None, ""
        f1 = bow_f1(body, g["body"])
        f1s.append(f1)
        strict += art is not None and normalize_line(art.title) == normalize_line(g["title"])
        titles += art is not None and same_title(art.title, g["title"], boilerplate)
        worst.append((round(f1, 3), pid))
    return {"pages": len(f1s), "mean_bow_f1": round(sum(f1s) / len(f1s), 4),
            "titles_right": round(titles / len(f1s), 4), "titles_exact": round(strict / len(f1s), 4),
            "worst": sorted(worst)[:8]}


def site_suffixes(titles: Iterable[str], least: int = SITE_SUFFIX_TITLES) -> set[str]:
    """Last ` : `-parts that many titles end with: a site's SEO tag (`actualité automobile, infos, scoop`),
    which the corpus kept where it took the title from `<title>`, not part of any headline."""
    ends = Counter(normalize_line(t).casefold().rsplit(" : ", 1)[-1] for t in titles if " : " in t)
    return {end for end, n in ends.items() if n >= least}


def same_title(ours: str, theirs: str, suffixes: set[str]) -> bool:
    """Equal, or theirs is ours plus one of the site's SEO suffixes."""
    a, b = normalize_line(ours).casefold(), normalize_line(theirs).casefold()
    return bool(a) and (a == b or any(b == f"{a} : {end}" for end in suffixes))


if __name__ == "__main__":
    print(json.dumps(evaluate(Path(sys.argv[1]), Path(sys.argv[2])), indent=1))
