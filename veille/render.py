"""Plain-text views of articles and of the store, for the terminal (the web face has its own templates)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from veille.model import ActorRef, Article

if TYPE_CHECKING:
    from veille.api import IngestReport
    from veille.store import Store

WIDTH = 100


def article_text(art: Article) -> str:
    head = [art.title, "=" * min(len(art.title), WIDTH),
            f"id {art.id} | external id {art.external_id or '-'} | source {art.source or '-'} | "
            f"published {art.published or '-'} | language {art.language}",
            f"input {art.input or '-'}" + (f" | url {art.url}" if art.url else ""), "", art.text, ""]
    return "\n".join(head + _layers(art))


def _layers(art: Article) -> list[str]:
    out: list[str] = []
    if art.removed:
        out += [f"Removed by cleaning ({len(art.removed)}):"]
        out += [f"  [{r.reason}] {_short(r.text)}" for r in art.removed]
    if art.entities:
        counts = Counter((e.canonical, e.label) for e in art.entities)
        out += [f"Entities ({len(counts)}): " + ", ".join(f"{n} ({lab})" + (f" x{c}" if c > 1 else "")
                                                          for (n, lab), c in counts.most_common())]
    if art.quotes:
        out += [f"Quotes ({len(art.quotes)}):"]
        out += [f"  [{q.kind}] «{_short(q.text)}» — {_who(q.speaker)}" + (f" ({q.cue})" if q.cue else "")
                for q in art.quotes]
    if art.dates:
        out += ["Dates: " + ", ".join(f"{d.text} = {d.value}" for d in art.dates)]
    if art.places:
        out += ["Places: " + ", ".join(sorted({f"{p.name} ({p.country or '?'})" for p in art.places}))]
    if art.events:
        out += [f"Events ({len(art.events)}):"]
        out += [f"  {e.type}: {_who(e.actor)} -> {_who(e.target)} | {e.date or '-'} | "
                f"{(e.place or {}).get('name', '-')} | {_short(e.evidence.text, 60)}" for e in art.events]
    for link in art.reuse:
        out += [f"Republication: {link.direction.replace('_', ' ')} {link.other_external_id or link.other_id} "
                f"(containment {link.containment:.2f}, {link.relation or '?'})"]
        out += diff_lines(link.passages, link.direction)
    return out


DIFF_MARKS = {"added": "+", "removed": "-", "changed": "~"}


def diff_lines(passages: list[dict], direction: str, limit: int = 12) -> list[str]:
    """What the copy changed, from either side: + in the copy only, - in the source only, ~ reworded."""
    translated = [p for p in passages if p.get("kind") == "translated"]
    if translated:  # a translated copy: its aligned sentences side by side
        more = [f"    … {len(translated) - limit} more"] if len(translated) > limit else []
        return [f"    = {p['similarity']:.2f}  {_short(p.get('source_text', ''), 60)}  |  "
                f"{_short(p.get('text', ''), 60)}" for p in translated[:limit]] + more
    shown = [p for p in passages if p.get("kind") in DIFF_MARKS]
    shared = sum(1 for p in passages if p.get("kind") == "shared")
    lines = [f"    {shared} sentence(s) shared word for word"] if shared else []
    for p in shown[:limit]:
        mark = DIFF_MARKS[p["kind"]]
        note = f"  [{p['reason']}]" if p.get("reason") else ""
        lines.append(f"    {mark} {_short(p.get('text', ''), 100)}{note}")
    if len(shown) > limit:
        lines.append(f"    … {len(shown) - limit} more")
    return lines


def _who(actor: ActorRef | None) -> str:
    if actor is None:
        return "?"
    codes = "/".join(x for x in (actor.country, actor.sector) if x)
    return actor.name + (f" [{codes}]" if codes else "")


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def demo_summary(store: Store, report: IngestReport, path: str) -> str:
    st = store.stats()
    people = store.top_entities("PER", 10)
    removed = store.removal_reasons()
    lines = [
        f"veille demo: {st['articles']} articles in {path} "
        f"({report.added} new, {report.skipped} already stored, {len(report.failures)} failed, "
        f"{report.seconds:.1f} s)",
        f"  sources:   {_counts(st['sources'], 6)}",
        f"  languages: {_counts(st['languages'], 4)}",
        f"  published: {st['published']['first']} .. {st['published']['last']}",
        f"  layers:    {st['entities']} entities, {st['quotes']} quotes, {st['dates']} dates, "
        f"{st['places']} places, {st['events']} events, {st['reuse']} republication links",
        f"  top named people: {', '.join(f'{n} ({c})' for n, c in people) or '-'}",
        f"  cleaning removed {st['removed_lines']} lines: {_counts(removed, 8)}",
    ]
    pages = [store.get(h.id) for h in store.search("Venezuela Russie renouvellent", limit=5)[1]]
    rt = max(pages, key=lambda a: len(a.removed), default=None)
    if rt is not None:
        lines += ["", "The RT page republished with scraping noise (bundled example):"]
        lines += [f"  removed [{r.reason}] {_short(r.text, 80)}" for r in rt.removed] or ["  (nothing removed)"]
    pairs = [(lk, store.get(lk["source"]), store.get(lk["copy"])) for lk in store.links(limit=500)]
    pairs.sort(key=lambda p: (p[1].source == p[2].source, -len(p[2].removed), -p[0]["containment"]))
    if pairs:
        lines += ["", f"Republications found ({st['reuse']} links), for example:"]
        for lk, src, cp in pairs[:4]:
            lines.append(f"  {lk['relation']:9} {lk['containment']:.2f}  {_short(src.title, 45)} ({src.source or '?'}) "
                         f"-> {_short(cp.title, 45)} ({cp.source or '?'})")
    lines += _merged_events(store)
    lines += ["", "Explore further:", "  veille search Maduro            full-text search",
              "  veille show ID                   one article with its layers (ID or input id)",
              "  veille quotes --speaker Macron   who said what", "  veille reuse --db veille.db      who copied whom",
              "  veille events --actor Maduro     who did what to whom (--format csv|jsonl|parquet)",
              "  veille stats --format json       counts", "  veille --help                    every command"]
    return "\n".join(lines)


def _merged_events(store: Store) -> list[str]:
    """How many real events the mentions make, and a few reported by more than one source."""
    from veille.link.merge import merged_of

    rows = merged_of(store, store.event_ids())
    multi = [r for r in rows if len(r["sources"]) > 1]
    named = sorted((r for r in multi if (r["actor"] or {}).get("actor_id") and (r["target"] or {}).get("actor_id")),
                   key=lambda r: (-r["confidence"], -r["articles"], r["event_id"]))
    out = ["", f"Events: {sum(len(r['mentions']) for r in rows)} mentions make {len(rows)} events; "
               f"{sum(r['articles'] > 1 for r in rows)} reported by several articles, {len(multi)} by several "
               "sources, for example:"]
    for r in named[:5]:
        who = f"{(r['actor'] or {}).get('name')} -> {(r['target'] or {}).get('name') or '-'}"
        out.append(f"  {r['date'] or '~' + (r['first_seen'] or '')[:10]:11} {r['type']:9} {_short(who, 60)}  "
                   f"({', '.join(r['sources'])})")
    return out


def _counts(counts: dict[str, int], n: int) -> str:
    items = list(counts.items())
    return ", ".join(f"{k} {v}" for k, v in items[:n]) + (f", … ({len(items) - n} more)" if len(items) > n else "")
