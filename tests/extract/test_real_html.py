"""Saved news pages (../shared/real-html): the body starts and ends where MANIFEST says.

Each page's manifest entry gives the first and last words of the article body
(``body_starts``, ``body_ends``). The extraction must begin and end there, give or take
``SLACK`` characters (a standfirst before the first paragraph), after folding cosmetic
differences with ``normalize_text``; and the furniture the notes describe must be gone.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest

from citecheck.extract import extract_bytes, normalize_text
from tests.conftest import SHARED

REAL_HTML = SHARED / "real-html"
# Characters allowed before the manifest's first words (a subtitle) and after its last.
SLACK = 100
# How much of body_starts / body_ends is compared.
PROBE = 40

# Furniture each page is known to carry near or inside its body (from the manifest notes).
CHROME: dict[str, tuple[str, ...]] = {
    "ria-1.html": ("В WSJ оценили потери",),
    "rbc-1.html": ("Как в Южной Корее кандидаты в президенты разошлись",),
    "rbc-2.html": ("Подпишитесь на телеграм-канал",),
    "kommersant-1.html": ("Фото: Дмитрий Азаров",),
    "pravda-1.html": ("Реклама:", "Правила комментирования"),
    "mk-1.html": ("Читайте материал",),
    "ukrinform-1.html": ("Читайте также",),
    "24tv-1.html": ("Читайте також", "До теми", "Зверніть увагу", "/ Фото"),
    "zaxid-1.html": ("До теми", "Ctrl+Enter"),
    "informkz-1.html": ("Новости по теме",),
    "wday-1.html": ("Материалы по теме",),
    "aif-1.html": ("Подробнее",),
    "reuters-1.html": ("(Graphic:", "Reporting by"),
    "reuters-2.html": ("Reporting by", "opens new tab", "Our Standards"),
    "bbc-1.html": ("Follow Newsbeat",),
    "ap-2.html": ("___", "contributed to this report"),
}


def _manifest() -> list[dict[str, Any]]:
    path = REAL_HTML / "MANIFEST.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


ENTRIES = _manifest()
pytestmark = pytest.mark.skipif(not ENTRIES, reason="../shared/real-html is not present")


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_body_bounds_and_chrome(entry: dict[str, Any]) -> None:
    result = extract_bytes((REAL_HTML / entry["file"]).read_bytes(), entry["original_url"])
    assert result.outcome == "ok"
    text = normalize_text(result.text)
    start = normalize_text(entry["body_starts"])[:PROBE]
    end = normalize_text(entry["body_ends"])[-PROBE:]
    assert start in text[: SLACK + len(start)], f"body should start with {start!r}; got {text[:160]!r}"
    assert end in text[-(SLACK + len(end)) :], f"body should end with {end!r}; got {text[-160:]!r}"
    for chrome in CHROME.get(entry["file"], ()):
        assert normalize_text(chrome) not in text
    assert result.lang == entry["lang"]
    assert result.title and normalize_text(result.title) in normalize_text(entry["title"])


# Dates that URLs spell: /20220611/, /2020/09/23/, /03/06/2025/, -2024-03-07/.
_URL_DATES = (
    (re.compile(r"/(20\d\d)(\d\d)(\d\d)/"), (1, 2, 3)),
    (re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/"), (1, 2, 3)),
    (re.compile(r"/(\d\d)/(\d\d)/(20\d\d)/"), (3, 2, 1)),
    (re.compile(r"-(20\d\d)-(\d\d)-(\d\d)/?$"), (1, 2, 3)),
)
# Longest plausible site name.
SITE_MAX = 40


def _url_day(url: str) -> str | None:
    for pattern, order in _URL_DATES:
        match = pattern.search(url)
        if match:
            return "-".join(match.group(i) for i in order)
    return None


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_metadata(entry: dict[str, Any]) -> None:
    url = entry["original_url"]
    result = extract_bytes((REAL_HTML / entry["file"]).read_bytes(), url)
    assert result.date is not None
    datetime.fromisoformat(result.date)  # ISO 8601, whatever the page wrote
    day = _url_day(url)
    if day is not None:
        assert result.date[:10] == day
    assert result.canonical is not None
    assert urlsplit(result.canonical).hostname == urlsplit(url).hostname
    assert result.site and len(result.site) <= SITE_MAX
    assert normalize_text(entry["title"]) not in normalize_text(result.site)
    if result.author:
        assert not re.match(r"(?i)(by|авторы?|текст|analysis by)\b", result.author)
        assert "editor" not in result.author.casefold()
