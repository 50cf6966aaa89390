"""Print one corpus article the way annotators see it: its id, publication day (with the weekday, for resolving
`samedi` or `la semaine dernière`) and the text every span must be copied from, `title + "\\n\\n" + body`.

    python gold/tools/article.py 12413
"""

from __future__ import annotations

import datetime as dt
import sys

from check_gold import articles


def main(argv: list[str]) -> int:
    arts = articles()
    for arg in argv:
        a = arts.get(int(arg))
        if a is None:
            print(f"{arg}: not a sample or pool article", file=sys.stderr)
            return 1
        day = dt.date.fromisoformat(a["date"])
        print(f"id {a['id']}   published {a['date']} ({day.strftime('%A')})   source {a.get('source_contenu')!r}")
        print("-" * 100)
        print(a["title"] + "\n\n" + a["body"])
        print("-" * 100)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
