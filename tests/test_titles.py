"""Page titles without the site's name: the page's own metadata names the headline that <title> wraps."""

from __future__ import annotations

import pytest

from veille.titles import page_title

BODY = "<body><p>Le texte.</p></body>"


def page(head: str, body: str = BODY) -> str:
    return f"<html><head>{head}</head>{body}</html>"


@pytest.mark.parametrize("html", [
    page('<title>Le vrai titre - Orange Actualités</title><meta property="og:title" content="Le vrai titre">'),
    page('<title>Orange Actualités | Le vrai titre</title><script type="application/ld+json">'
         '{"@graph": [{"@type": "NewsArticle", "headline": "Le vrai titre"}]}</script>'),
    page("<title>Le vrai titre : actualité automobile, infos, scoop</title>",
         "<body><h1>Le vrai titre</h1><p>Le texte.</p></body>"),
    page('<title>RT France – Le vrai titre</title><meta name="twitter:title" content="Le vrai titre">'),
    page('<title>Le vrai titre | Le Monde</title><meta property="og:title" content="Le vrai titre | Le Monde">'
         '<meta property="og:site_name" content="Le Monde">'),
], ids=["og", "json-ld", "h1", "twitter", "og-with-site"])
def test_headline_without_the_site(html):
    assert page_title(html, "trafilatura's guess") == "Le vrai titre"


def test_a_short_h1_is_a_logo_not_the_headline():
    html = page("<title>Nissan : deux concepts pour Tokyo</title>", "<body><h1>Nissan</h1></body>")
    assert page_title(html, "Nissan : deux concepts pour Tokyo") == "Nissan : deux concepts pour Tokyo"


def test_a_title_that_merely_contains_a_separator_is_kept():
    html = page("<title>Retraites : la réforme passe</title>")
    assert page_title(html, "Retraites : la réforme passe") == "Retraites : la réforme passe"


def test_broken_json_ld_and_markup_fall_back():
    html = page('<title>Un titre</title><script type="application/ld+json">{not json</script>')
    assert page_title(html, "Un titre") == "Un titre"
    assert page_title("", "guess") == "guess"
