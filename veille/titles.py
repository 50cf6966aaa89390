"""An HTML page's headline without the site's name around it.

`<title>` is written for search engines and browser tabs: `Le titre - Orange Actualités`, `Le Monde | Le titre`,
`Le titre : actualité automobile, infos, scoop`. The page's own metadata usually carries the bare headline
(`og:title`, a JSON-LD `headline`, the `<h1>`), so where one of them is what `<title>` wraps, that one is the
title; where none is, a separator-delimited part naming the site is cut off.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html as lxml_html

SEPARATORS = re.compile(r"\s+(?:[-|–—·:»]|::)\s+")
SEPARATOR_CHARS = tuple("-|–—·:»")
STRIP = " " + "".join(SEPARATOR_CHARS)
H1_WORDS = 3
"""An <h1> shorter than this is more often the site's logo or a section name than the headline."""
MAX_JSON_LD = 200_000
"""Bytes of one JSON-LD block worth parsing for a headline; larger ones are data dumps, not page metadata."""


def page_title(page: str, fallback: str = "", site: str | None = None) -> str:
    """The headline of `page`, else `fallback` (trafilatura's guess) without the site's affix."""
    try:
        root = lxml_html.document_fromstring(page[:2_000_000])
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return fallback
    tag = clean(" ".join(root.xpath("//head/title//text()")))
    sites = {s.casefold() for s in (site, *site_names(root)) if s}
    meta = [h for h in map(clean, meta_headlines(root)) if h and h.casefold() not in sites]
    h1 = [h for h in (clean(e.text_content()) for e in root.xpath("//h1")[:1]) if len(h.split()) >= H1_WORDS]
    for h in (*meta, *h1):
        if h and wraps(tag, h):
            return h
    if meta:
        return strip_site(meta[0], sites)
    return strip_site(fallback or tag, sites)


def meta_content(root: Any, *props: str) -> Iterator[str]:
    for prop in props:
        yield from root.xpath('//meta[@property=$p or @name=$p]/@content', p=prop)


def meta_headlines(root: Any) -> Iterator[str]:
    yield from meta_content(root, "og:title", "twitter:title")
    for block in root.xpath('//script[@type="application/ld+json"]/text()'):
        yield from json_ld_values(block, "headline")


def site_names(root: Any) -> Iterator[str]:
    yield from map(clean, meta_content(root, "og:site_name", "application-name"))
    for block in root.xpath('//script[@type="application/ld+json"]/text()'):
        for publisher in json_ld_values(block, "publisher"):
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                yield clean(publisher["name"])


def json_ld_values(block: str, key: str) -> Iterator[Any]:
    """Values of `key` anywhere in a JSON-LD block (a graph, a list or one object), walked without recursion."""
    if len(block) > MAX_JSON_LD:
        return
    try:
        stack = [json.loads(block)]
    except ValueError:
        return
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if key in node and (key != "headline" or isinstance(node[key], str)):
                yield node[key]
            stack.extend(v for v in reversed(node.values()) if isinstance(v, list | dict))


def wraps(tag: str, headline: str) -> bool:
    """`tag` is `headline` with something before or after it, behind a separator."""
    a, b = tag.casefold(), headline.casefold()
    if a == b or not b:
        return False
    if a.startswith(b):
        rest = a[len(b):].lstrip()
        return rest[:1] in SEPARATOR_CHARS and rest[1:2] in (" ", "")
    if a.endswith(b):
        head = a[: -len(b)].rstrip()
        return head[-1:] in SEPARATOR_CHARS
    return False


def strip_site(title: str, sites: set[str]) -> str:
    """Cut a first or last separator-delimited part that names the site (`… - Orange Actualités`)."""
    parts = SEPARATORS.split(title)
    if len(parts) < 2 or not sites:
        return title
    if parts[-1].casefold() in sites:
        return title[: title.rfind(parts[-1])].rstrip(STRIP)
    if parts[0].casefold() in sites:
        return title[len(parts[0]):].lstrip(STRIP)
    return title


def clean(s: str) -> str:
    return " ".join(s.split())
