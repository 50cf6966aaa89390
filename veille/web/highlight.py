"""An article's text as HTML with its layers marked, in the manner of displaCy: entities and dates as labelled
marks, quotes linked to their speaker's page, event evidence underlined with its type.

Spans overlap (a quote holds entities, an event's evidence holds a quote), so the text is cut at every span
boundary and each piece is wrapped in the marks that cover it, outermost first. Every piece of text goes
through `markupsafe.escape`: article text is untrusted, and `<script>` in it must show as `<script>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote as urlquote

from markupsafe import Markup, escape

from veille.model import Article


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    rank: int
    """Nesting order: lower is outer."""
    open: str
    close: str
    tail: str = ""
    """Shown after the span (a label, a speaker link)."""


def marks_of(article: Article) -> list[Mark]:
    out: list[Mark] = []
    for e in article.events:
        href = f"/events?event={urlquote(e.event_id or '')}"
        out.append(Mark(e.evidence.start, e.evidence.end, 0, f'<span class="evt evt-{escape(e.type)}">', "</span>",
                        f'<a class="badge evt-badge" href="{escape(href)}">{escape(e.type)}</a>'))
    for q in article.quotes:
        tail = ""
        if q.speaker is not None:
            who = escape(q.speaker.name)
            tail = (f'<a class="speaker" href="/actor/{escape(urlquote(q.speaker.actor_id))}">— {who}</a>'
                    if q.speaker.actor_id else f'<span class="speaker">— {who}</span>')
        out.append(Mark(q.start, q.end, 1, f'<span class="quote quote-{escape(q.kind)}">', "</span>", tail))
    for ent in article.entities:
        label = escape(ent.label)
        tail = f'<span class="lbl">{label}</span>'
        if ent.actor_id:
            out.append(Mark(ent.start, ent.end, 2, f'<a class="ent ent-{label}" href="/actor/'
                            f'{escape(urlquote(ent.actor_id))}">', "</a>", tail))
        else:
            out.append(Mark(ent.start, ent.end, 2, f'<mark class="ent ent-{label}">', "</mark>", tail))
    for d in article.dates:
        out.append(Mark(d.start, d.end, 3, f'<mark class="date" title="{escape(d.value)}">', "</mark>",
                        f'<span class="lbl">{escape(d.value)}</span>'))
    return out


def render(article: Article) -> Markup:
    """The text, paragraph by paragraph, with every mark; marks cut by a paragraph end reopen after it."""
    text = article.text
    marks = [m for m in marks_of(article) if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks),
                   *(i for i, ch in enumerate(text) if ch == "\n")})
    html: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = text[a:b]
        on = sorted((m for m in marks if m.start <= a and b <= m.end), key=lambda m: (m.rank, m.start))
        html += [m.open for m in on]
        html.append(str(escape(piece)).replace("\n", "<br>"))
        for m in reversed(on):
            html.append(m.close)
            if m.end == b:
                html.append(m.tail)
    return Markup("".join(html))
