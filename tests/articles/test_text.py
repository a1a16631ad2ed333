"""Plain-text articles: every footnote style, notes sections, trailers and wrapped lines."""

from __future__ import annotations

import pytest

from citecheck.articles import parse_article
from citecheck.models import ArticleFormat, ParsedArticle


def _parse(raw: str) -> ParsedArticle:
    parsed = parse_article(raw, fmt=ArticleFormat.TEXT)
    for citation in parsed.citations:
        assert parsed.article.text[citation.span.start : citation.span.end] == citation.claim
    return parsed


def _pairs(parsed: ParsedArticle) -> list[tuple[str, str, str]]:
    return [(c.marker, c.url or "", c.claim) for c in parsed.citations]


@pytest.mark.parametrize(
    ("marker", "note"),
    [
        ("[1]", "[1] https://ria.ru/1.html"),
        ("[iv]", "[iv] https://ria.ru/1.html"),
        ("¹", "¹ https://ria.ru/1.html"),
        ("[^1]", "[^1]: https://ria.ru/1.html"),
    ],
)
def test_heading_less_notes_in_every_strong_style(marker: str, note: str) -> None:
    raw = f"Lavrov met Rubio in Riyadh.{marker} The talks lasted hours.\n\n{note}\n"
    parsed = _parse(raw)
    assert _pairs(parsed) == [
        (marker.strip("[]^").replace("¹", "1"), "https://ria.ru/1.html", "Lavrov met Rubio in Riyadh.")
    ]
    assert marker not in parsed.article.text.split("\n\n")[0]
    assert parsed.warnings == ()


@pytest.mark.parametrize("title", ["Notes", "References", "Sources:", "Примечания", "Источники", "Footnotes"])
@pytest.mark.parametrize("line", ["1. {url}", "(1) {url}", "1) RIA, {url}", "[1] {url}"])
def test_notes_sections_under_a_title(title: str, line: str) -> None:
    url = "https://ria.ru/20250602/a.html"
    raw = f"Putin spoke first [1]. Trump spoke second.\n\n{title}\n{line.format(url=url)}\n"
    parsed = _parse(raw)
    assert _pairs(parsed) == [("1", url, "Putin spoke first.")]


def test_paren_markers_need_a_note() -> None:
    raw = "The plan had parts (a) and (b). Putin met Xi (1). Xi agreed (3).\n\nSources\n(1) https://a.ru/1\n"
    parsed = _parse(raw)
    assert _pairs(parsed) == [("1", "https://a.ru/1", "Putin met Xi.")]
    assert "Xi agreed (3)." in parsed.article.text
    assert parsed.warnings == ()


def test_superscripts_are_not_exponents() -> None:
    raw = "The plot covers 5 km² and 10³ trees.¹ Nothing else.\n\nNotes\n¹ https://a.ru/1\n² https://a.ru/2\n"
    parsed = _parse(raw)
    assert _pairs(parsed) == [("1", "https://a.ru/1", "The plot covers 5 km² and 10³ trees.")]
    assert [w.kind for w in parsed.warnings] == ["unused-note"]


def test_several_markers_in_one_bracket_and_in_a_row() -> None:
    raw = "Both agreed [1, 2]. Then [3][4] they left.\n\n[1] https://a.ru/1\n[2] https://a.ru/2\n[3] https://a.ru/3\n[4] https://a.ru/4\n"
    parsed = _parse(raw)
    assert [(c.marker, c.claim) for c in parsed.citations] == [
        ("1", "Both agreed."),
        ("2", "Both agreed."),
        ("3", "Then they left."),
        ("4", "Then they left."),
    ]


def test_brackets_that_are_not_markers_stay() -> None:
    raw = "He said [sic] it [the deal] was done [...].[1]\n\n[1] https://a.ru/1\n"
    parsed = _parse(raw)
    assert parsed.citations[0].claim == "He said [sic] it [the deal] was done [...]."


def test_marker_text_is_removed_with_its_space() -> None:
    raw = "Comments from the parties [iv] after the talks: none.\nIt grew [i], they said [ii].\n\n[i] https://a.ru/1\n[ii] https://a.ru/2\n[iv] https://a.ru/4\n"
    parsed = _parse(raw)
    body = parsed.article.text.split("\n\n")[0]
    assert body == "Comments from the parties after the talks: none.\nIt grew, they said."


def test_note_with_text_several_urls_and_a_doi() -> None:
    raw = "A claim.[1]\n\n[1] RBC, 6 June 2025: https://www.rbc.ru/a; see also doi:10.1000/xyz and https://b.ru/c.\n"
    parsed = _parse(raw)
    (citation,) = parsed.citations
    assert citation.urls == ("https://www.rbc.ru/a", "https://doi.org/10.1000/xyz", "https://b.ru/c")
    assert citation.url == "https://www.rbc.ru/a"
    assert citation.note.startswith("RBC, 6 June 2025:")


def test_note_continued_on_an_indented_or_url_line() -> None:
    raw = "A claim.[1] Another.[2]\n\nReferences\n[1] RBC, 6 June 2025:\nhttps://www.rbc.ru/a\n[2] TASS\n    https://tass.ru/b\n"
    parsed = _parse(raw)
    assert [c.url for c in parsed.citations] == ["https://www.rbc.ru/a", "https://tass.ru/b"]


def test_promo_trailer_after_notes_is_ignored() -> None:
    raw = "A claim.[i]\n\n[i] https://ria.ru/a\nread more in our Telegram-channel https://t.me/SomeChannel\n"
    parsed = _parse(raw)
    assert _pairs(parsed) == [("i", "https://ria.ru/a", "A claim.")]
    assert parsed.citations[0].note == "https://ria.ru/a"
    assert parsed.warnings == ()


def test_bare_url_in_body_is_an_inline_citation_unless_promo() -> None:
    raw = "The Kremlin published the text at https://kremlin.ru/events/1 on Monday. Nothing else.\nSubscribe to our Telegram channel https://t.me/chan\n"
    parsed = _parse(raw)
    assert _pairs(parsed) == [
        (
            "https://kremlin.ru/events/1",
            "https://kremlin.ru/events/1",
            "The Kremlin published the text at https://kremlin.ru/events/1 on Monday.",
        )
    ]
    assert parsed.citations[0].kind == "inline-link"


def test_hard_wrapped_lines_form_one_sentence() -> None:
    raw = "Putin said that the talks would go on\nfor several weeks in Istanbul.[1] Then he left.\n\n[1] https://a.ru/1\n"
    parsed = _parse(raw)
    assert (
        parsed.citations[0].claim == "Putin said that the talks would go on\nfor several weeks in Istanbul."
    )


def test_title_line_is_the_title() -> None:
    parsed = _parse("From Riyadh to Anchorage\n\nA claim.[1]\n\n[1] https://a.ru/1\n")
    assert parsed.article.title == "From Riyadh to Anchorage"
    assert parsed.article.format is ArticleFormat.TEXT


def test_context_is_the_paragraph() -> None:
    raw = "First para.\nSecond para, first sentence. Claimed sentence.[1] Last one.\n\n[1] https://a.ru/1\n"
    (citation,) = _parse(raw).citations
    assert citation.context == "Second para, first sentence. Claimed sentence. Last one."
