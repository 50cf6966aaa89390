from __future__ import annotations

import pytest

from veille.collect.fetch import Fetcher

from .site import Site


@pytest.fixture
def site():
    with Site() as s:
        yield s


@pytest.fixture
def fetcher():
    pauses: list[float] = []
    f = Fetcher("veille-test/1.0", delay=0.0, timeout=1.0, retries=2, max_bytes=1_000_000,
                sleep=pauses.append)
    f.pauses = pauses
    yield f
    f.close()


def test_robots_txt_is_read_once_and_obeyed(site, fetcher):
    got = fetcher.get(site.base + "/private/draft")
    assert got.error == "disallowed by robots.txt" and site.hits("/private/draft") == 0
    assert fetcher.get(site.base + "/news/orange-0").ok
    assert site.hits("/robots.txt") == 1
    assert "Sitemap:" in fetcher.robots_text(site.base + "/")


def test_server_errors_are_retried_with_growing_pauses(site, fetcher):
    got = fetcher.get(site.base + "/flaky")
    assert got.ok and site.hits("/flaky") == 3
    assert fetcher.pauses == [0.5, 1.0]


def test_a_dead_link_is_an_answer_not_retried(site, fetcher):
    got = fetcher.get(site.base + "/dead-link")
    assert got.status == 404 and not got.ok and site.hits("/dead-link") == 1


def test_a_redirect_loop_a_slow_answer_and_an_oversized_page_are_named(site, fetcher):
    assert "redirects" in fetcher.get(site.base + "/loop").error
    assert "no answer within 1 s" in fetcher.get(site.base + "/slow").error
    assert "larger than 1,000,000 bytes" in fetcher.get(site.base + "/huge").error


def test_conditional_requests(site, fetcher):
    first = fetcher.get(site.base + "/feed.xml")
    again = fetcher.get(site.base + "/feed.xml", etag=first.header("etag"))
    assert first.status == 200 and again.status == 304
    sent = [h for m, p, h in site.log if p == "/feed.xml"]
    assert "If-None-Match" not in sent[0] and sent[1]["If-None-Match"] == '"feed-v1"'
    assert sent[0]["User-Agent"] == "veille-test/1.0"


def test_one_host_is_asked_at_most_once_per_delay(site):
    pauses: list[float] = []
    f = Fetcher(delay=5.0, sleep=pauses.append)
    f.get(site.base + "/news/orange-0")
    f.get(site.base + "/news/orange-1")
    f.close()
    assert len(pauses) >= 2 and all(4.0 < p <= 5.0 for p in pauses)  # before each request after robots.txt
