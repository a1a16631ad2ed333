"""Format detection by extension and by sniffing."""

from __future__ import annotations

import pytest

from citecheck.articles import detect_format
from citecheck.models import ArticleFormat

TEXT, MD, HTML = ArticleFormat.TEXT, ArticleFormat.MARKDOWN, ArticleFormat.HTML


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a.txt", TEXT),
        ("dir/a.MD", MD),
        ("a.markdown", MD),
        ("a.html", HTML),
        ("C:\\x\\a.htm", HTML),
        ("https://site.ru/news/a.html?x=1#y", HTML),
    ],
)
def test_extension_decides(source: str, expected: ArticleFormat) -> None:
    assert detect_format("<p>whatever</p> [^1]", source) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", HTML),
        ("<div><p>One <a href='x'>two</a></p></div>", HTML),
        ("Text with a footnote.[^1]\n\n[^1]: https://a.ru", MD),
        ("See [the report](https://a.ru/x).", MD),
        ("# Title\n\nBody.", MD),
        ("Plain text [i] with notes.\n\n[i] https://a.ru/1\n", TEXT),
        ("5 < 6 and 7 > 3 in plain text.", TEXT),
        ("", TEXT),
    ],
)
def test_sniffing_without_a_known_extension(raw: str, expected: ArticleFormat) -> None:
    assert detect_format(raw) is expected
    assert detect_format(raw, "https://site.ru/news/123") is expected
