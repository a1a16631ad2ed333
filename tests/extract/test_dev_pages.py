"""Evaluation-set and saved real pages: what is read is the article, never another page's headline.

For every page the dev set serves with status 200 (sent in its wire encoding, as the set's
transport does) and every page of ../shared/real-html:

- no line of the extracted text is mostly the text of one link on the page long enough to be
  a headline (a related-link, feed or "popular" widget that survived, label and all); a
  sentence whose words are mostly one in-body link still ends like a sentence;
- pages that a non-dead case cites yield text, in the language the set records.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from citecheck.extract import extract_bytes, normalize_text
from citecheck.fetch.decode import decode_body
from tests.conftest import DEV_SET, SHARED

# Link texts at least this long are headlines of other pages, not menu words.
HEADLINE_MIN_CHARS = 25
# A line at least this much made of one such link text is that headline (with a label, a
# bullet or a date around it); an in-body link is a small part of its paragraph.
HEADLINE_SHARE = 0.5
_LETTER = re.compile(r"[^\W\d_]")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _dev_pages() -> list[tuple[str, bytes, str | None, str]]:
    """``(url, wire bytes, content type, lang)`` for each dev page served with a body."""
    live_cases = {case["url"] for case in _jsonl(DEV_SET / "cases.jsonl") if case["label"] != "dead"}
    pages = []
    for row in _jsonl(DEV_SET / "pages.jsonl"):
        if row.get("file") and row["status"] == 200 and row["url"] in live_cases:
            text = (DEV_SET / row["file"]).read_text(encoding="utf-8")
            body = text.encode(row.get("encoding") or "utf-8", errors="xmlcharrefreplace")
            pages.append((row["url"], body, row.get("headers", {}).get("Content-Type"), row["lang"]))
    return pages


def _real_pages() -> list[tuple[str, bytes, str | None, str]]:
    folder = SHARED / "real-html"
    return [
        (row["original_url"], (folder / row["file"]).read_bytes(), None, row["lang"])
        for row in _jsonl(folder / "MANIFEST.jsonl")
    ]


def _is_headline(line: str, headlines: set[str]) -> bool:
    """A line made mostly of one headline link, with no sentence of its own around it."""
    for headline in headlines:
        if headline in line and len(headline) >= HEADLINE_SHARE * len(line):
            rest = line.replace(headline, " ")
            if not _LETTER.search(rest) or not line.rstrip().endswith((".", "!", "?")):
                return True
    return False


PAGES = _dev_pages() + _real_pages()
pytestmark = pytest.mark.skipif(not PAGES, reason="no dev set or real pages present")


@pytest.mark.parametrize(("url", "body", "content_type", "lang"), PAGES, ids=[p[0][-48:] for p in PAGES])
def test_text_is_the_article_not_its_widgets(
    url: str, body: bytes, content_type: str | None, lang: str
) -> None:
    result = extract_bytes(body, url, content_type)
    assert result.outcome == "ok"
    assert result.lang == lang
    page, _ = decode_body(body, content_type)
    headlines = {normalize_text(a.text(deep=True)) for a in LexborHTMLParser(page).css("a[href]")}
    headlines = {h for h in headlines if len(h) >= HEADLINE_MIN_CHARS}
    leaked = [line for line in map(normalize_text, result.text.splitlines()) if _is_headline(line, headlines)]
    assert not leaked, f"headline links in the text: {leaked}"
