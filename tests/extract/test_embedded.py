"""Bodies that sit only in embedded JSON, application shells, and pages with nothing to read."""

from __future__ import annotations

import json

import pytest

from citecheck.extract import extract, normalize_text
from tests.extract._pages import PARAGRAPHS_RU, TITLE, URL, jsonld, page

SHELL = (
    '<html><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
    '<body><div id="root"></div><noscript>Включите JavaScript</noscript>{tail}</body></html>'
)


def _next_data(data: object) -> str:
    return (
        f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data, ensure_ascii=False)}</script>'
    )


def _lines(text: str) -> list[str]:
    return [normalize_text(line) for line in text.splitlines()]


def test_json_ld_article_body_when_the_html_has_none() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS_RU)
    head = jsonld({"@type": "NewsArticle", "headline": TITLE, "articleBody": body})
    result = extract(SHELL.format(title=TITLE, head=head, tail=""), URL)
    assert result.outcome == "ok" and result.method == "jsonld"
    assert _lines(result.text) == [normalize_text(p) for p in PARAGRAPHS_RU]
    assert result.lang == "ru"


def test_json_ld_teaser_does_not_replace_a_fuller_html_body() -> None:
    head = jsonld({"@type": "NewsArticle", "headline": TITLE, "articleBody": PARAGRAPHS_RU[0]})
    result = extract(page("".join(f"<p>{p}</p>" for p in PARAGRAPHS_RU), head=head), URL)
    assert result.method == "trafilatura"
    assert len(result.text.splitlines()) == len(PARAGRAPHS_RU)


def test_next_data_body() -> None:
    data = {
        "props": {
            "pageProps": {
                "article": {"title": TITLE, "blocks": [{"type": "p", "text": p} for p in PARAGRAPHS_RU]},
                # a list of other headlines: no sentences, never the body
                "related": [
                    {"title": f"Другая новость номер {i} про совсем другое событие"} for i in range(9)
                ],
            }
        }
    }
    result = extract(SHELL.format(title=TITLE, head="", tail=_next_data(data)), URL)
    assert result.outcome == "ok" and result.method == "next-data"
    assert _lines(result.text) == [normalize_text(p) for p in PARAGRAPHS_RU]


def test_next_data_with_only_headlines_is_no_text() -> None:
    data = {
        "props": {
            "pageProps": {"feed": [{"title": f"Заголовок новости номер {i} о разном"} for i in range(20)]}
        }
    }
    result = extract(SHELL.format(title=TITLE, head="", tail=_next_data(data)), URL)
    assert result.outcome == "no_text"
    assert result.text == "" and result.lang is None and result.method == ""


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body></body></html>",
        SHELL.format(title="Загрузка", head="", tail=""),
        "<html><body><p>Please enable JavaScript and cookies to continue.</p></body></html>",
        "\x00\x01<html><body><div>   </div></body>",
        "<html><body><p>12:05 | 13.03.2025</p></body></html>",
    ],
)
def test_nothing_to_read_is_no_text(html: str) -> None:
    result = extract(html, URL)
    assert result.outcome == "no_text"
    assert result.text == ""
    assert result.extractor_version and result.settings  # how it was read is still recorded


def test_fallback_reads_the_article_container() -> None:
    # One long run of text that trafilatura's precision mode declines, inside <article>.
    paragraphs = "".join(f"<div><span>{p}</span></div>" for p in PARAGRAPHS_RU[:2])
    html = (
        '<html><head><meta charset="utf-8"></head><body>'
        f'<article><div itemprop="articleBody">{paragraphs}</div></article></body></html>'
    )
    result = extract(html, URL)
    assert result.outcome == "ok"
    for paragraph in PARAGRAPHS_RU[:2]:
        assert normalize_text(paragraph) in normalize_text(result.text)


def test_hash_and_settings_travel_with_the_text() -> None:
    result = extract(page("".join(f"<p>{p}</p>" for p in PARAGRAPHS_RU)), URL)
    again = extract(page("".join(f"<p>{p.replace(' — ', ' - ')}</p>" for p in PARAGRAPHS_RU)), URL)
    assert result.normalized_hash == again.normalized_hash
    assert result.settings["favor_precision"] is True
    assert "trafilatura/" in result.extractor_version
