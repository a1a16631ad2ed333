"""Saved news pages (../shared/real-html): the body starts and ends where MANIFEST says.

Each page's manifest entry gives the first and last words of the article body
(``body_starts``, ``body_ends``). The extraction must begin and end there, give or take
``SLACK`` characters (a standfirst before the first paragraph), after folding cosmetic
differences with ``normalize_text``; and the furniture the notes describe must be gone.
"""

from __future__ import annotations

import json
from typing import Any

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
