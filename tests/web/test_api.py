"""Every endpoint with FastAPI's TestClient: answers, pagination, 422 on bad parameters, 404 on unknown ids,
and hostile article text that stays text."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from veille.web.app import create_app

from .conftest import ATTRIBUTE, HOSTILE


@pytest.fixture
def client(small_db):
    return TestClient(create_app(small_db))


def test_stats_and_search(client):
    assert client.get("/api/stats").json()["articles"] == 2
    found = client.get("/api/articles", params={"q": "maduro"}).json()
    assert found["total"] == 1 and found["items"][0]["id"] == "hostile"
    assert client.get("/api/articles", params={"source": "AFP"}).json()["total"] == 1
    assert client.get("/api/articles", params={"since": "2020-01-01", "limit": 1}).json()["items"][0]["id"] == "plain"
    assert client.get("/api/articles", params={"offset": 5}).json()["items"] == []


def test_article_and_unknown_ids(client):
    art = client.get("/api/articles/hostile").json()
    assert art["title"].endswith(HOSTILE) and art["events"][0]["type"] == "ACCUSE"
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/actors/nope").status_code == 404
    assert client.get("/api/clusters/nope").status_code == 404


def test_actors_quotes_events(client):
    actors = client.get("/api/actors", params={"country": "VEN"}).json()["items"]
    assert [a["name"] for a in actors] == ["Nicolas Maduro"]
    one = client.get("/api/actors/m1").json()
    assert one["actor"]["name"] == "Nicolas Maduro" and len(one["quotes"]) == 1
    assert one["events_as_actor"][0]["type"] == "ACCUSE" and one["events_as_target"] == []
    assert client.get("/api/quotes", params={"speaker": "maduro"}).json()["items"][0]["speaker"] == "Nicolas Maduro"
    events = client.get("/api/events", params={"type": "ACCUSE", "actor": "VEN"}).json()["items"]
    assert len(events) == 1 and events[0]["place"]["lat"] == 10.48
    eid = events[0]["event_id"]
    assert client.get("/api/events", params={"event": eid}).json()["items"][0]["event_id"] == eid
    csv = client.get("/api/events", params={"format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.startswith("event_id,")
    assert client.get("/api/reuse").json()["items"] == [] and client.get("/api/clusters").json()["items"] == []


@pytest.mark.parametrize("url, params", [
    ("/api/articles", {"limit": 0}), ("/api/articles", {"limit": 501}), ("/api/articles", {"offset": -1}),
    ("/api/articles", {"since": "yesterday"}), ("/api/articles", {"language": "français"}),
    ("/api/actors", {"kind": "alien"}), ("/api/actors", {"country": "VENEZUELA"}),
    ("/api/events", {"type": "PARTY"}), ("/api/events", {"until": "2020-13"}), ("/api/events", {"format": "xml"}),
    ("/api/events", {"event": "<script>"}), ("/api/quotes", {"limit": "many"}),
])
def test_bad_parameters_are_422_with_the_parameter_named(client, url, params):
    r = client.get(url, params=params)
    assert r.status_code == 422
    assert list(params)[0] in str(r.json()["detail"])


def test_empty_form_fields_mean_no_filter(client):
    assert client.get("/api/events?type=&since=&actor=").status_code == 200
    assert client.get("/events?type=&since=&actor=").status_code == 200


def test_hostile_text_is_escaped_on_every_page(client):
    eid = client.get("/api/events").json()["items"][0]["event_id"]
    for url in ("/", "/?q=maduro", "/articles/hostile", "/actor/m1", "/events", f"/events?event={eid}", "/reuse"):
        html = client.get(url).text
        assert HOSTILE not in html and ATTRIBUTE not in html, url
        assert "&lt;script&gt;" in html or url == "/reuse", url
    page = client.get("/articles/hostile")
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page.text or "&quot;&gt;&lt;img" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_pages_answer(client):
    for url in ("/", "/articles/hostile", "/actor/m1", "/events", "/reuse", "/docs"):
        assert client.get(url).status_code == 200, url
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/static/vendor/d3.min.js").status_code == 200


def test_health_counts_the_articles(client):
    assert client.get("/api/health").json() == {"status": "ok", "articles": 2}


def test_article_page_lives_at_the_contract_address(client):
    assert client.get("/articles/hostile").status_code == 200
    moved = client.get("/article/hostile", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == "/articles/hostile"


@pytest.mark.parametrize("url", ["/docs", "/redoc"])
def test_api_docs_need_no_network(client, url):
    """Every script and stylesheet of the docs pages is one of ours, and each is served."""
    import re

    html = client.get(url).text
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/static/") for a in assets), assets
    for a in assets:
        assert client.get(a).status_code == 200, a
    policy = dict(d.strip().split(" ", 1) for d in client.get(url).headers["content-security-policy"].split(";"))
    assert policy["script-src"] == "'self'"


def test_only_web_addresses_become_links(client):
    page = client.get("/articles/hostile").text
    assert 'href="javascript:' not in page and "javascript:alert(document.cookie)" in page


def test_like_wildcards_in_a_speaker_match_themselves(client):
    assert client.get("/api/quotes", params={"speaker": "%"}).json()["items"] == []
    assert client.get("/api/quotes", params={"speaker": "_"}).json()["items"] == []
    assert len(client.get("/api/quotes", params={"speaker": "madur"}).json()["items"]) == 1


@pytest.mark.parametrize("url", ["/?since=2020-13", "/events?until=zzz", "/events?since=2019-02-30"])
def test_a_bad_date_in_a_form_is_a_readable_page(client, url):
    r = client.get(url)
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "Invalid filter" in r.text and ("since" in r.text or "until" in r.text) and '"detail"' not in r.text


def test_events_pages_are_slices_of_the_whole_list(client):
    whole = [e["event_id"] for e in client.get("/api/events", params={"limit": 500}).json()["items"]]
    paged = [e["event_id"] for off in range(len(whole) + 1)
             for e in client.get("/api/events", params={"limit": 1, "offset": off}).json()["items"]]
    assert paged == whole and whole


def test_the_alerts_page_shows_new_matches_escaped_and_leaves_them_new(tmp_path):
    from veille.collect import alerts
    from veille.store import Store

    from .conftest import hostile_article

    path = tmp_path / "alerts.db"
    with Store(path) as s:
        alerts.add(s, alerts.Alert(HOSTILE, query="titre"))
        alerts.add(s, alerts.Alert("maduro", actor="Maduro"))
        s.write([hostile_article()])
    client = TestClient(create_app(path))
    for _ in range(2):  # the page only looks: what it shows stays new for `veille alerts check`
        html = client.get("/alerts").text
        assert HOSTILE not in html and ATTRIBUTE not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "1 new since the last check" in html
        assert "2 new since the last check" in html  # maduro: his event and his quote
    with Store(path) as s:
        assert len(alerts.check(s)) == 3 and alerts.check(s) == []
    assert "Nothing new since the last check" in client.get("/alerts").text


def test_the_alerts_page_of_a_store_without_alerts(client):
    assert "No alert saved" in client.get("/alerts").text
