"""URL and DOI finding, validation, normalisation and promo detection."""

from __future__ import annotations

import pytest

from citecheck.articles.urls import (
    find_urls,
    is_malformed_href,
    is_promo_line,
    is_promo_link,
    is_valid_url,
    normalize_url,
)


def test_find_urls_strips_sentence_punctuation_and_keeps_balanced_parens() -> None:
    urls, bad = find_urls("See https://ria.ru/x.html. Also (https://en.wikipedia.org/wiki/A_(b)).")
    assert urls == ["https://ria.ru/x.html", "https://en.wikipedia.org/wiki/A_(b)"]
    assert bad == []


def test_dois_become_doi_org_urls() -> None:
    urls, _ = find_urls("doi:10.1038/nature123, DOI 10.1000/xyz and https://doi.org/10.5/q")
    assert urls == [
        "https://doi.org/10.1038/nature123",
        "https://doi.org/10.1000/xyz",
        "https://doi.org/10.5/q",
    ]


@pytest.mark.parametrize(
    "text", ["http:/tass.ru/x", "https//ria.ru/a", "htps://a.ru", "https:///x", "https://ria"]
)
def test_malformed_urls_are_reported(text: str) -> None:
    assert find_urls(f"note {text} end") == ([], [text])


def test_validity() -> None:
    assert is_valid_url("https://xn--c1acbl2abdlkab1og.xn--p1ai/a")
    assert is_valid_url("https://россиясегодня.рф/a")
    assert is_valid_url("https://%D1%80%D1%84%D1%80.%D1%80%D1%84/")
    assert not is_valid_url("ftp://a.ru/x")
    assert not is_valid_url("https://a.ru:99999/")


def test_normalize_url() -> None:
    assert normalize_url(" HTTPS://RIA.ru/A?b=1 ") == "https://ria.ru/A?b=1"
    assert normalize_url("https://ria.ru/") == normalize_url("https://ria.ru")
    assert normalize_url("https://ria.ru/a),") == "https://ria.ru/a"


@pytest.mark.parametrize(
    ("url", "text", "promo"),
    [
        ("https://t.me/The_International_Affairs", "", True),
        ("https://t.me/rian_ru/12345", "", False),
        ("https://twitter.com/intent/tweet?url=x", "", True),
        ("https://ria.ru/20250602/a.html", "read more in our Telegram channel", True),
        ("https://site.ru/authors/ivanov/", "Ivanov", True),
        ("https://ria.ru/20250602/a.html", "said on Monday", False),
    ],
)
def test_promo_links(url: str, text: str, promo: bool) -> None:
    assert is_promo_link(url, text) is promo


@pytest.mark.parametrize(
    ("line", "promo"),
    [
        ("Read also: Zelensky and Trump discussed sanctions", True),
        ("Related: Kyiv prepares for new talks", True),
        ("Читайте також Прорив в українському правосудді", True),
        ("По теме: Песков о переговорах", True),
        ("Follow Newsbeat on Instagram, Facebook and YouTube.", True),
        ("По теме переговоров высказался Песков.", False),
        ("Обратите внимание, что Песков сказал это дважды.", False),
        ("See also the Kyiv Independent's account of the meeting.", False),
        ("Troops will follow the river on Monday.", False),
    ],
)
def test_related_and_follow_lines_are_promo(line: str, promo: bool) -> None:
    assert is_promo_line(line) is promo


@pytest.mark.parametrize(
    ("href", "malformed"),
    [
        ("htps://ria.ru/1", True),
        ("http//ria.ru/1", True),
        ("https://ria.ru/1", False),
        ("#fn1", False),
        ("mailto:a@b.ru", False),
        ("/news/1", False),
    ],
)
def test_malformed_hrefs(href: str, malformed: bool) -> None:
    assert is_malformed_href(href) is malformed
