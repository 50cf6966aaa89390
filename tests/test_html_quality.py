"""Quality gate for HTML reading on the 300 original OrangeSum pages (trafilatura + veille's cleaning)."""

from __future__ import annotations

import pytest

from veille.eval.html import evaluate, same_title, site_suffixes

from .conftest import SAMPLE, SHARED, needs_shared

PAGES = SHARED / "corpus" / "orangesum_html_sample.tar.gz"
SEO = "actualité automobile, infos, scoop"


@needs_shared
@pytest.mark.slow
def test_html_body_and_title_quality():
    res = evaluate(PAGES, SAMPLE)
    assert res["pages"] == 300
    assert res["mean_bow_f1"] >= 0.96
    assert res["titles_right"] >= 0.95


def test_site_suffix_is_not_part_of_the_headline():
    assert same_title("Nissan : deux concepts", f"Nissan : deux concepts : {SEO}", {SEO})
    assert not same_title("Nissan", "Nissan : deux concepts", {SEO})
    assert not same_title("Nissan", "Nissan Leaf : la nouvelle", {SEO})
    assert not same_title("", "x", {SEO})


def test_a_suffix_is_the_sites_only_when_many_titles_end_with_it():
    titles = [f"Titre {i} : {SEO}" for i in range(5)] + ["Retraites : la réforme", "Santé : la réforme"]
    assert site_suffixes(titles) == {SEO}
