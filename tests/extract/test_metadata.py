"""Title, date, author, site and canonical URL: merged from trafilatura and the page's declarations."""

from __future__ import annotations

import pytest

from citecheck.extract import embedded, extract
from citecheck.extract.embedded import Embedded
from citecheck.extract.main_text import MainText
from citecheck.extract.metadata import choose_site, clean_author, iso_date
from tests.extract._pages import PARAGRAPHS_RU, TITLE, URL, jsonld, page, paragraphs_html

BODY = paragraphs_html(PARAGRAPHS_RU)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Авторы Дмитрий Попов", "Дмитрий Попов"),
        ("Текст: Лида Буслаева", "Лида Буслаева"),
        ("Analysis by Chris Cillizza; CNN Editor-at-large", "Chris Cillizza"),
        ("By Anna Smith; John Brown", "Anna Smith; John Brown"),
        ("Мария Кривошеева; Мария Кривошеева", "Мария Кривошеева"),
        ("Byron Wells", "Byron Wells"),  # a name that starts like "By"
        ("", None),
        ("Senior correspondent", None),
    ],
)
def test_clean_author(raw: str, expected: str | None) -> None:
    assert clean_author(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-09-23T20:12:38+0300", "2020-09-23T20:12:38+03:00"),
        ("2025-10-24 15:26:00", "2025-10-24T15:26:00"),
        ("2025-05-14T20:28:12.467+03:00", "2025-05-14T20:28:12+03:00"),
        ("2020-06-07T15:06Z", "2020-06-07T15:06:00+00:00"),
        ("2016-08-15", "2016-08-15"),
        ("not a date", "not a date"),
        (None, None),
    ],
)
def test_iso_date(raw: str | None, expected: str | None) -> None:
    assert iso_date(raw) == expected


@pytest.mark.parametrize(
    ("meta", "main_site", "url", "expected"),
    [
        # a section name in og:site_name loses to a publisher the host name spells
        (Embedded(site="U.S.", publisher="Reuters"), None, "https://www.reuters.com/a", "Reuters"),
        # a slogan-length og:site_name loses to the publisher
        (Embedded(site="Агентство новостей. " * 4, publisher="УНН"), None, "https://www.unn.com.ua/a", "УНН"),
        # a "site name" that is the page title is no name: the host name stands in
        (Embedded(), f"{TITLE} | В мире", "https://aif.ru/politics/a", "aif.ru"),
        (Embedded(site="РБК"), None, "https://www.rbc.ru/a", "РБК"),
        (Embedded(site="АНГИ.RU — новости Иркутска"), None, "http://www.angi.ru/a", "АНГИ.RU"),
        (Embedded(), None, "https://www.example.org/a", "example.org"),
    ],
)
def test_choose_site(meta: Embedded, main_site: str | None, url: str, expected: str) -> None:
    assert choose_site(MainText("", site=main_site), meta, url, TITLE) == expected


def test_declared_metadata_completes_the_result() -> None:
    head = (
        '<link rel="canonical" href="/2025/03/14/budget-vote.html">'
        '<meta property="og:site_name" content="Новости Примера">'
        + jsonld(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": TITLE,
                "datePublished": "2025-03-14T10:05:00+0300",
                "author": [{"@type": "Person", "name": "Иван Петров"}],
            }
        )
    )
    result = extract(page(BODY, head=head), "https://news.example.org/2025/03/14/budget-vote.html?utm=x")
    assert result.title == TITLE
    assert result.date == "2025-03-14T10:05:00+03:00"
    assert result.author == "Иван Петров"
    assert result.site == "Новости Примера"
    assert result.canonical == URL


def test_malformed_json_ld_is_still_read() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Бюджет",'
        " 'description': 'одинарные кавычки', \"datePublished\": \"2025-03-14T10:05:00Z\","
        ' "author": {"@type": "Person", "name": "Иван Петров"},}</script>'
    )
    declared = embedded.read_embedded(embedded.parse(page(BODY, head=head)), URL)
    assert declared.date == "2025-03-14T10:05:00Z"
    assert declared.author == "Иван Петров"
    assert extract(page(BODY, head=head), URL).date == "2025-03-14T10:05:00+00:00"
