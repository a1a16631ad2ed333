"""Property-based tests: the parser never raises, and every span points back at its claim."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.articles import detect_format, parse_article
from citecheck.models import ArticleFormat, ParsedArticle

# Modest example counts: the suite must stay fast on two cores.
EXAMPLES = 60
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
# Pieces that exercise the parser's special cases more often than random text would.
_PIECES = [
    "[1]",
    "[iv]",
    "[^a]",
    "¹",
    "(2)",
    "[1, 2]",
    "[^a]: ",
    "[1] https://ria.ru/1",
    "\n",
    "\n\n",
    " ",
    ".",
    ":",
    "- ",
    "1. ",
    "# ",
    "“",
    "”",
    "«",
    "»",
    '"',
    "https://a.ru/x",
    "htps://b",
    "doi:10.1000/x",
    "References",
    "Notes",
    "Примечания",
    "The views of the author",
    "read more in our Telegram-channel https://t.me/x",
    "[text](https://c.ru/y)",
    "[ref][r]",
    "[r]: https://d.ru/",
    "<sup>",
    "</sup>",
    '<a href="#fn1">',
    "</a>",
    '<li id="fn1">',
    "<p>",
    "</p>",
    "<h2>",
    "</h2>",
    "<ol>",
    "</ol>",
    "<br>",
    "<ref>",
    "</ref>",
    '<ref name="a" />',
    "<blockquote>",
    "> ",
    "- [x] ",
    "²³",
    "Jan. 5. ",
    "Read also: ",
    "<script>",
    "</script>",
    "&amp;",
    "Putin said",
    "Mr. Smith",
    "No. 5",
    "6,000",
    "U.S.",
    "Statements by the side",
    "\t",
    "    ",
]
_FRAGMENTS = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(_ALPHABET, max_size=12)), max_size=40).map(
    "".join
)


def _check(parsed: ParsedArticle) -> None:
    text = parsed.article.text
    for citation in parsed.citations:
        assert 0 <= citation.span.start <= citation.span.end <= len(text)
        assert text[citation.span.start : citation.span.end] == citation.claim
        assert citation.url is not None and citation.url == citation.urls[0]
        assert citation.kind in {
            "footnote",
            "markdown-footnote",
            "reference-link",
            "inline-link",
            "html-endnote",
        }
    for warning in parsed.warnings:
        assert warning.offset is None or 0 <= warning.offset <= len(text)


@SETTINGS
@given(raw=st.one_of(st.text(_ALPHABET, max_size=300), _FRAGMENTS), fmt=st.sampled_from(list(ArticleFormat)))
def test_parser_never_raises_and_spans_point_at_claims(raw: str, fmt: ArticleFormat) -> None:
    _check(parse_article(raw, fmt=fmt))
    detect_format(raw)


_TAGS = st.sampled_from(
    ["p", "div", "li", "ol", "ul", "h2", "sup", "b", "blockquote", "section", "nav", "span"]
)
_HTML_TEXT = st.one_of(
    st.sampled_from(["Putin spoke. ", "A claim. ", "“Q.” ", "1", " ", "Notes"]),
    st.text(_ALPHABET, max_size=8),
)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    plain = st.tuples(_TAGS, st.lists(children, max_size=4)).map(
        lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"
    )
    ref = st.integers(1, 4).map(lambda n: f'<sup><a href="#fn{n}">{n}</a></sup>')
    note = st.tuples(st.integers(1, 4), children).map(
        lambda t: f'<li id="fn{t[0]}">{t[1]} https://ria.ru/{t[0]}</li>'
    )
    link = children.map(lambda c: f'<a href="https://tass.ru/x">{c}</a>')
    return st.one_of(plain, ref, note, link)


_HTML = st.recursive(_HTML_TEXT, _element, max_leaves=25)


@SETTINGS
@given(body=st.lists(_HTML, max_size=6).map("".join))
def test_html_never_raises_and_spans_point_at_claims(body: str) -> None:
    _check(parse_article(f"<html><body><article>{body}</article></body></html>", fmt=ArticleFormat.HTML))


_WORDS = st.lists(
    st.sampled_from(
        ["the", "Kremlin", "said", "talks", "would", "go", "on", "in", "Istanbul", "next", "week"]
    ),
    min_size=2,
    max_size=8,
)


@SETTINGS
@given(
    sentences=st.lists(st.tuples(_WORDS, st.none() | st.integers(1, 6)), min_size=1, max_size=12),
    noted=st.sets(st.integers(1, 6)),
    breaks=st.lists(st.booleans(), min_size=12, max_size=12),
)
def test_generated_articles_yield_one_citation_per_noted_marker(
    sentences: list[tuple[list[str], int | None]], noted: set[int], breaks: list[bool]
) -> None:
    parts = []
    for i, (words, marker) in enumerate(sentences):
        sentence = " ".join(words).capitalize() + "."
        parts.append(sentence + (f"[{marker}]" if marker else "") + ("\n" if breaks[i] else " "))
    notes = "".join(f"[{n}] https://ria.ru/{n}\n" for n in sorted(noted))
    parsed = parse_article("".join(parts) + "\n\n" + notes, fmt=ArticleFormat.TEXT)
    _check(parsed)
    markers = [m for _, m in sentences if m]
    assert [c.marker for c in parsed.citations] == [str(m) for m in markers if m in noted]
    for citation in parsed.citations:
        assert not re.search(r"\[\d\]", citation.claim)
        assert citation.claim.endswith(".") and citation.claim[0].isupper()
    unnoted = sum(1 for m in markers if m not in noted)
    assert sum(w.kind == "marker-without-note" for w in parsed.warnings) == unnoted


def _render_generated(
    fmt: ArticleFormat, sentences: list[tuple[list[str], int | None]], noted: set[int]
) -> str:
    """Write generated sentences with markers and their notes in one format."""
    body = []
    for words, marker in sentences:
        sentence = " ".join(words).capitalize() + "."
        if marker and fmt is ArticleFormat.MARKDOWN:
            sentence += f"[^{marker}]"
        elif marker and fmt is ArticleFormat.HTML:
            sentence += f'<sup><a href="#fn{marker}">{marker}</a></sup>'
        body.append(sentence)
    if fmt is ArticleFormat.MARKDOWN:
        notes = "".join(f"[^{n}]: https://ria.ru/{n}\n" for n in sorted(noted))
        return " ".join(body) + "\n\n" + notes
    items = "".join(f'<li id="fn{n}"><a href="https://ria.ru/{n}">RIA</a></li>' for n in sorted(noted))
    return f"<article><p>{' '.join(body)}</p><ol>{items}</ol></article>"


@SETTINGS
@given(
    sentences=st.lists(st.tuples(_WORDS, st.none() | st.integers(1, 6)), min_size=1, max_size=12),
    noted=st.sets(st.integers(1, 6)),
    fmt=st.sampled_from([ArticleFormat.MARKDOWN, ArticleFormat.HTML]),
)
def test_generated_markdown_and_html_yield_one_citation_per_noted_marker(
    sentences: list[tuple[list[str], int | None]], noted: set[int], fmt: ArticleFormat
) -> None:
    parsed = parse_article(_render_generated(fmt, sentences, noted), fmt=fmt)
    _check(parsed)
    markers = [str(m) for _, m in sentences if m]
    assert [c.marker for c in parsed.citations] == [m for m in markers if int(m) in noted]
    for citation in parsed.citations:
        assert citation.claim.endswith(".") and citation.claim[0].isupper()
        assert citation.claim.count(".") == 1 and citation.url == f"https://ria.ru/{citation.marker}"
    assert sum(w.kind == "marker-without-note" for w in parsed.warnings) == sum(
        1 for m in markers if int(m) not in noted
    )
