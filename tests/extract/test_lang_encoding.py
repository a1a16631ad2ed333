"""Language is detected from the text (not ``<html lang>``); bytes decode whatever the label says."""

from __future__ import annotations

import pytest

from citecheck.extract import detect_language, extract, extract_bytes, normalize_text
from tests.extract._pages import PARAGRAPHS_EN, PARAGRAPHS_RU, PARAGRAPHS_UK, URL, page, paragraphs_html


@pytest.mark.parametrize(
    ("paragraphs", "declared", "expected"),
    [
        (PARAGRAPHS_RU, "uk", "ru"),  # a Russian edition whose template says "uk"
        (PARAGRAPHS_UK, "ru", "uk"),
        (PARAGRAPHS_EN, "ru", "en"),
    ],
)
def test_language_comes_from_the_text(paragraphs: tuple[str, ...], declared: str, expected: str) -> None:
    assert extract(page(paragraphs_html(paragraphs), lang=declared), URL).lang == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Голосование прошло в три дня, явка составила 30 процентов.", "ru"),
        ("Голосування тривало три дні, явка становила 30 відсотків.", "uk"),
        ("12:05", None),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def _html_bytes(encoding: str, meta: str = "") -> bytes:
    html = page(paragraphs_html(PARAGRAPHS_RU)).replace('<meta charset="utf-8">', meta)
    return html.encode(encoding, errors="xmlcharrefreplace")  # KOI8-R has no «» or —


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (
            _html_bytes(
                "cp1251", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            ),
            "text/html",
        ),
        (_html_bytes("cp1251"), "text/html; charset=windows-1251"),
        (_html_bytes("cp1251"), None),  # no label anywhere
        (_html_bytes("koi8-r"), "text/html; charset=koi8-r"),
        (_html_bytes("utf-8"), "text/html; charset=windows-1251"),  # mislabelled UTF-8
        (_html_bytes("cp1251", '<meta charset="utf-8">'), "text/html; charset=utf-8"),  # mislabelled cp1251
    ],
)
def test_cyrillic_encodings(body: bytes, content_type: str | None) -> None:
    result = extract_bytes(body, URL, content_type)
    assert result.outcome == "ok" and result.lang == "ru"
    assert [normalize_text(line) for line in result.text.splitlines()] == [
        normalize_text(p) for p in PARAGRAPHS_RU
    ]
