"""Markdown articles: footnotes, named footnotes, reference-style and inline links."""

from __future__ import annotations

from citecheck.articles import parse_article
from citecheck.models import ArticleFormat, ParsedArticle


def _parse(raw: str) -> ParsedArticle:
    parsed = parse_article(raw, fmt=ArticleFormat.MARKDOWN)
    for citation in parsed.citations:
        assert parsed.article.text[citation.span.start : citation.span.end] == citation.claim
    return parsed


ARTICLE = """# The Title

Lavrov spoke in **Riyadh** on 18 February.[^lav] He said the sides agreed on *three* things.[^2]

Analysts were [sceptical][cnn], and [RBC][] agreed. Read the [full text](https://kremlin.ru/events/1 "t").

[^lav]: TASS, 18 February 2025,
    https://tass.ru/politika/1 and an archive copy
    https://web.archive.org/web/2025/https://tass.ru/politika/1
[^2]: Kommersant, [link](https://www.kommersant.ru/doc/2)

[cnn]: https://edition.cnn.com/x "CNN"
[RBC]: https://rbc.ru/y
"""


def test_markup_is_removed_and_links_keep_their_text() -> None:
    parsed = _parse(ARTICLE)
    body = parsed.article.text
    assert "Lavrov spoke in Riyadh on 18 February. He said the sides agreed on three things." in body
    assert "Analysts were sceptical, and RBC agreed. Read the full text." in body
    assert "**" not in body and "[^" not in body and "](" not in body
    assert parsed.article.title == "The Title"


def test_named_and_numbered_footnotes_with_continuation_lines() -> None:
    parsed = _parse(ARTICLE)
    lav, two = parsed.citations[:2]
    assert (lav.marker, lav.kind, lav.claim) == (
        "lav",
        "markdown-footnote",
        "Lavrov spoke in Riyadh on 18 February.",
    )
    assert lav.urls == (
        "https://tass.ru/politika/1",
        "https://web.archive.org/web/2025/https://tass.ru/politika/1",
    )
    assert "archive copy" in lav.note
    assert (two.marker, two.url) == ("2", "https://www.kommersant.ru/doc/2")


def test_reference_style_and_inline_links() -> None:
    parsed = _parse(ARTICLE)
    links = [(c.marker, c.kind, c.url, c.claim) for c in parsed.citations[2:]]
    assert links == [
        ("sceptical", "reference-link", "https://edition.cnn.com/x", "Analysts were sceptical"),
        ("RBC", "reference-link", "https://rbc.ru/y", "RBC agreed."),
        ("full text", "inline-link", "https://kremlin.ru/events/1", "Read the full text."),
    ]
    assert parsed.warnings == ()


def test_inline_link_claim_is_the_clause_of_a_compound_sentence() -> None:
    raw = (
        "In August Ukraine recovered soldiers, and [Russia said it recovered eight residents](https://a.ru/1).\n\n"
        "[Lavrov said BRICS backed a multipolar order](https://b.ru/2), but the autumn was different.\n\n"
        'After the round, [Rubio called the plan "a living document"](https://c.ru/3).\n'
    )
    parsed = _parse(raw)
    assert [c.claim for c in parsed.citations] == [
        "Russia said it recovered eight residents.",
        "Lavrov said BRICS backed a multipolar order",
        'After the round, Rubio called the plan "a living document".',
    ]


def test_list_closed_by_a_footnote_takes_its_intro() -> None:
    raw = "Some context. The figures were these:\n\n- first item;\n- second item.[^3]\n\nNext para.\n\n[^3]: https://a.ru/3\n"
    (citation,) = _parse(raw).citations
    assert citation.claim == "The figures were these:\n\n- first item;\n- second item."


def test_heading_marker_takes_the_section_up_to_a_sibling_heading() -> None:
    raw = "## What Moscow said[^1]\n\nOne.\n\n### Detail\n\nTwo.\n\n## Other\n\nThree.\n\n[^1]: https://a.ru/1\n"
    (citation,) = _parse(raw).citations
    assert citation.claim == "What Moscow said\n\nOne.\n\nDetail\n\nTwo."


def test_markdown_numbered_sources_list_with_bracket_markers() -> None:
    raw = "Putin spoke [1]. Trump answered [2].\n\n## Sources\n\n1. RIA, https://ria.ru/1\n2. [TASS](https://tass.ru/2)\n"
    parsed = _parse(raw)
    assert [(c.marker, c.url, c.claim) for c in parsed.citations] == [
        ("1", "https://ria.ru/1", "Putin spoke."),
        ("2", "https://tass.ru/2", "Trump answered."),
    ]


def test_link_whose_text_is_a_number_cites_directly() -> None:
    raw = "Putin spoke first.[[1]](https://ria.ru/1) Then Trump.\n"
    (citation,) = _parse(raw).citations
    assert (citation.marker, citation.url, citation.claim) == ("1", "https://ria.ru/1", "Putin spoke first.")
    assert "1" not in _parse(raw).article.text


def test_promo_share_and_relative_links_are_not_citations() -> None:
    raw = (
        "Subscribe to [our Telegram channel](https://t.me/mychannel). "
        "Share on [Facebook](https://facebook.com/sharer/sharer.php?u=x). See [about us](/about).\n"
    )
    parsed = _parse(raw)
    assert parsed.citations == ()
    assert parsed.warnings == ()


def test_footnote_definitions_are_listed_after_the_body() -> None:
    parsed = _parse("A claim.[^a]\n\n[^a]: RIA https://ria.ru/a\n")
    assert parsed.article.text.endswith("[a] RIA https://ria.ru/a")
