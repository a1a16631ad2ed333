"""Warnings: reported, never citations, never fatal."""

from __future__ import annotations

from citecheck.articles import parse_article
from citecheck.models import ArticleFormat


def test_every_warning_kind_in_one_article() -> None:
    raw = (
        "Cited twice.[1] Again.[1] No note here.[9] A book.[2] A typo.[3] Mixed.[4]\n\n"
        "References\n[1] https://a.ru/1\n[2] Smith, A Book, 2020.\n[3] htps://b.ru/3\n"
        "[4] https://c.ru/4 and https//d.ru/4\n[5] https://e.ru/5\n"
    )
    parsed = parse_article(raw, fmt=ArticleFormat.TEXT)
    assert [(c.marker, c.occurrence) for c in parsed.citations] == [("1", 0), ("1", 1), ("4", 0)]
    assert [(w.kind, w.marker) for w in parsed.warnings] == [
        ("repeated-marker", "1"),
        ("marker-without-note", "9"),
        ("note-without-url", "2"),
        ("bad-url", "3"),
        ("bad-url", "4"),
        ("unused-note", "5"),
    ]
    offsets = {w.kind: w.offset for w in parsed.warnings}
    text = parsed.article.text
    assert text[: offsets["marker-without-note"]].endswith("No note here.")
    assert next(w for w in parsed.warnings if w.kind == "unused-note").url == "https://e.ru/5"
    assert next(w for w in parsed.warnings if w.marker == "4").url == "https//d.ru/4"


def test_markdown_unused_definitions_are_warned() -> None:
    raw = "Claim.[^a]\n\n[^a]: https://a.ru/a\n[^b]: https://b.ru/b\n\n[old]: https://old.ru/\n"
    parsed = parse_article(raw, fmt=ArticleFormat.MARKDOWN)
    assert [c.url for c in parsed.citations] == ["https://a.ru/a"]
    assert sorted((w.kind, w.marker) for w in parsed.warnings) == [
        ("unused-note", "b"),
        ("unused-note", "old"),
    ]


def test_malformed_inline_href_is_a_warning() -> None:
    raw = '<article><p>The bank <a href="https://cbr">cut rates</a> today. Then more.</p></article>'
    parsed = parse_article(raw, fmt=ArticleFormat.HTML)
    assert parsed.citations == ()
    assert [(w.kind, w.url) for w in parsed.warnings] == [("bad-url", "https://cbr")]
