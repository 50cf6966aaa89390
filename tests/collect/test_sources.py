from __future__ import annotations

import re

import pytest

from veille.collect.sources import Source, listing, load_sources, normalised
from veille.errors import InputError

BASE = "http://news.test"


def test_tracking_parameters_and_fragments_go():
    assert normalised("HTTP://News.Test/a/1?utm_source=rss&utm_medium=x&id=3#top") == "http://news.test/a/1?id=3"
    assert normalised("/a/2", BASE + "/feed.xml") == "http://news.test/a/2"
    assert normalised("javascript:alert(1)") is None
    assert normalised("mailto:x@y.z") is None


def test_a_feed_lists_its_items_once():
    rss = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
           f"<item><link>{BASE}/a/1?utm_source=rss</link></item><item><link>{BASE}/a/1</link></item>"
           f"<item><link>{BASE}/a/2</link></item></channel></rss>").encode()
    found = listing(BASE + "/feed.xml", rss, "application/rss+xml")
    assert found.kind == "feed" and found.articles == [f"{BASE}/a/1", f"{BASE}/a/2"]


def test_an_atom_feed():
    atom = (f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>"
            f"<entry><title>x</title><link href='{BASE}/b/1'/><id>1</id><updated>2020-01-01T00:00:00Z</updated>"
            f"</entry></feed>").encode()
    assert listing(BASE + "/atom", atom, "application/atom+xml").articles == [f"{BASE}/b/1"]


def test_a_sitemap_index_points_to_sitemaps_and_a_news_sitemap_to_pages():
    index = (f"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
             f"<sitemap><loc>{BASE}/sitemap-1.xml</loc></sitemap></sitemapindex>").encode()
    found = listing(BASE + "/sitemap.xml", index)
    assert found.kind == "index" and found.sources == [f"{BASE}/sitemap-1.xml"] and not found.articles
    news = (f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
            f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><url><loc>{BASE}/n/1</loc><news:news>"
            f"<news:publication_date>2020-01-01</news:publication_date></news:news></url></urlset>").encode()
    assert listing(BASE + "/sitemap-1.xml", news).articles == [f"{BASE}/n/1"]


def test_a_page_points_to_its_feeds():
    page = (f"<html><head><link rel='alternate' type='application/rss+xml' href='{BASE}/rss.xml'></head>"
            "<body>hello</body></html>").encode()
    found = listing(BASE + "/", page, "text/html")
    assert found.kind == "page" and found.sources == [f"{BASE}/rss.xml"]


def test_source_files(tmp_path):
    lines = tmp_path / "sources.txt"
    lines.write_text(f"# my sources\n{BASE}/feed.xml\n\n{BASE}/sitemap.xml\n", "utf-8")
    toml = tmp_path / "sources.toml"
    toml.write_text(f'[[source]]\nurl = "{BASE}/feed.xml"\nname = "Test"\ninterval = 300\nlanguage = "fr"\n', "utf-8")
    assert load_sources([str(lines)]) == [Source(f"{BASE}/feed.xml"), Source(f"{BASE}/sitemap.xml")]
    assert load_sources([str(toml), BASE]) == [Source(f"{BASE}/feed.xml", "Test", 300, "fr"), Source(BASE)]


@pytest.mark.parametrize("content, name, why", [
    ("ftp://x/feed\n", "s.txt", "not an http(s) URL"),
    ("[[source]]\nname = 'x'\n", "s.toml", "no http(s) url"),
    ("[[source]]\nurl = 'http://x'\ninterval = -1\n", "s.toml", "interval"),
    ("[[source\n", "s.toml", "not valid TOML"),
])
def test_bad_source_files_are_named(tmp_path, content, name, why):
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=re.escape(why)) as err:
        load_sources([str(path)])
    assert err.value.where == str(path)


def test_neither_url_nor_file():
    with pytest.raises(InputError, match="neither an http"):
        load_sources(["no-such-thing"])
