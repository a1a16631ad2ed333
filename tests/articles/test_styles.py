"""Every footnote style of issue 3, one small article each, in text, Markdown and HTML.

Each case lists the citations an editor would expect (marker, URLs, claim) and the warnings.
The articles are written unlike the dev set on purpose (other sites, layouts and labels).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from citecheck.articles import parse_article
from citecheck.models import ArticleFormat, ParsedArticle

TEXT, MD, HTML = ArticleFormat.TEXT, ArticleFormat.MARKDOWN, ArticleFormat.HTML


@dataclass(frozen=True)
class Case:
    """One article and what parsing it must give."""

    fmt: ArticleFormat
    raw: str
    cites: tuple[tuple[str, tuple[str, ...], str], ...]  # (marker, urls, claim)
    warnings: tuple[tuple[str, str | None], ...] = ()  # (kind, marker)


CASES = {
    "text-roman-trailing-list": Case(
        TEXT,
        "Grain deal\n\nThe corridor reopened on Monday.[i] Ships left Odesa.[ii]\n\n"
        "[i] https://www.interfax.ru/world/1\n[ii] https://suspilne.media/odesa/2\n",
        (
            ("i", ("https://www.interfax.ru/world/1",), "The corridor reopened on Monday."),
            ("ii", ("https://suspilne.media/odesa/2",), "Ships left Odesa."),
        ),
    ),
    "text-upper-roman-istochniki": Case(
        TEXT,
        "Umerov said the sides will meet again.[IV]\n\nИсточники:\n[IV] https://rbc.ru/politics/4\n",
        (("IV", ("https://rbc.ru/politics/4",), "Umerov said the sides will meet again."),),
    ),
    "text-arabic-brackets-notes-numbered": Case(
        TEXT,
        "Dr. J. Smith of the No. 5 unit said 6,000 troops left on Jan. 5. [1] The U.S. was silent.[2]\n\n"
        "Notes\n1. https://tass.ru/1\n2. https://ria.ru/2\n",
        (
            (
                "1",
                ("https://tass.ru/1",),
                "Dr. J. Smith of the No. 5 unit said 6,000 troops left on Jan. 5.",
            ),
            ("2", ("https://ria.ru/2",), "The U.S. was silent."),
        ),
    ),
    "text-parenthesised-sources": Case(
        TEXT,
        "The delegation left at noon (1). The memorandum has 31 points (2).\n\n"
        "Sources:\n(1) https://tass.ru/1\n(2) RIA Novosti, https://ria.ru/2\n",
        (
            ("1", ("https://tass.ru/1",), "The delegation left at noon."),
            ("2", ("https://ria.ru/2",), "The memorandum has 31 points."),
        ),
    ),
    "text-superscripts-primechaniya": Case(
        TEXT,
        "The talks lasted an hour.¹ They covered 20 km² of land and 3 villages.²³\n\n"
        "Примечания\n¹ https://tass.ru/1\n² https://ria.ru/2\n³ https://meduza.io/3\n",
        (
            ("1", ("https://tass.ru/1",), "The talks lasted an hour."),
            ("2", ("https://ria.ru/2",), "They covered 20 km² of land and 3 villages."),
            ("3", ("https://meduza.io/3",), "They covered 20 km² of land and 3 villages."),
        ),
    ),
    "text-one-note-several-urls-and-doi": Case(
        TEXT,
        "Prices rose by 9%.[1]\n\nReferences\n"
        "[1] Rosstat, https://rosstat.gov.ru/a; mirror https://web.archive.org/web/2025/x; doi:10.1000/182\n",
        (
            (
                "1",
                (
                    "https://rosstat.gov.ru/a",
                    "https://web.archive.org/web/2025/x",
                    "https://doi.org/10.1000/182",
                ),
                "Prices rose by 9%.",
            ),
        ),
    ),
    "text-list-closed-by-marker-on-own-line": Case(
        TEXT,
        "Russia demands the following:\n1) recognition of four regions;\n2) a neutral status.\n[iii]\n\n"
        "[iii] https://ria.ru/memo\n",
        (
            (
                "iii",
                ("https://ria.ru/memo",),
                "Russia demands the following:\n1) recognition of four regions;\n2) a neutral status.",
            ),
        ),
    ),
    "text-heading-marker-takes-passage": Case(
        TEXT,
        "Background [i]\n\nThe parties met twice in May. They exchanged drafts.\n\n"
        "Reaction\n\nKyiv was silent.[ii]\n\n[i] https://a.ru/1\n[ii] https://a.ru/2\n",
        (
            ("i", ("https://a.ru/1",), "Background\n\nThe parties met twice in May. They exchanged drafts."),
            ("ii", ("https://a.ru/2",), "Kyiv was silent."),
        ),
    ),
    "text-marker-inside-quote": Case(
        TEXT,
        "Umerov said: “We are ready to meet again[1].” Medinsky disagreed.[2]\n\n"
        "Sources\n[1] https://a.ru/1\n[2] https://a.ru/2\n",
        (
            ("1", ("https://a.ru/1",), "Umerov said: “We are ready to meet again.”"),
            ("2", ("https://a.ru/2",), "Medinsky disagreed."),
        ),
    ),
    "text-bare-url-inline": Case(
        TEXT,
        "Russia struck Kharkiv overnight (https://suspilne.media/123). The mayor confirmed it.\n",
        (
            (
                "https://suspilne.media/123",
                ("https://suspilne.media/123",),
                "Russia struck Kharkiv overnight (https://suspilne.media/123).",
            ),
        ),
    ),
    "text-russian-guillemets-marker-before-period": Case(
        TEXT,
        "Песков заявил: «Переговоры были полезными»[1]. Лавров промолчал.[2]\n\n"
        "Примечания:\n1) https://tass.ru/1\n2) https://ria.ru/2\n",
        (
            ("1", ("https://tass.ru/1",), "Песков заявил: «Переговоры были полезными»."),
            ("2", ("https://ria.ru/2",), "Лавров промолчал."),
        ),
    ),
    "md-block-quote-closed-by-marker": Case(
        MD,
        "Intro paragraph.\n\nZelensky said after the call:\n\n> “We are ready,” he said.\n>\n"
        "> “We will come to Istanbul.”[^q]\n\nThen he left.\n\n[^q]: https://president.gov.ua/q\n",
        (
            (
                "q",
                ("https://president.gov.ua/q",),
                "Zelensky said after the call:\n\n“We are ready,” he said.\n\n“We will come to Istanbul.”",
            ),
        ),
    ),
    "md-named-footnotes-and-list": Case(
        MD,
        "# Swap\n\nThe talks lasted an hour.[^tass]\n\nThe deal provides:\n\n"
        "- 1,000 prisoners each;\n- bodies of the fallen.[^deal]\n\n"
        "[^tass]: TASS, https://tass.ru/politika/1 and https://tass.com/politics/1\n"
        "[^deal]: https://www.kommersant.ru/doc/2\n",
        (
            (
                "tass",
                ("https://tass.ru/politika/1", "https://tass.com/politics/1"),
                "The talks lasted an hour.",
            ),
            (
                "deal",
                ("https://www.kommersant.ru/doc/2",),
                "The deal provides:\n\n- 1,000 prisoners each;\n- bodies of the fallen.",
            ),
        ),
    ),
    "md-reference-links-and-sources-heading": Case(
        MD,
        "Reuters [reported][r] that talks ended. Kyiv lost 3 villages.[1]\n\n## Sources\n\n"
        "1. [RBC](https://www.rbc.ru/politics/1)\n\n[r]: https://www.reuters.com/world/1\n",
        (
            ("reported", ("https://www.reuters.com/world/1",), "Reuters reported that talks ended."),
            ("1", ("https://www.rbc.ru/politics/1",), "Kyiv lost 3 villages."),
        ),
    ),
    "md-heading-and-lead-in-passages": Case(
        MD,
        "# T\n\n## Background[^bg]\n\nThe parties met twice.\n\n## Reactions\n\n"
        "Comments from the parties[^c] after the talks:\n\nPeskov said they were useful.\n\n"
        "Yermak said nothing changed.\n\n## Analysis\n\nAnalysts doubt it.\n\n"
        "[^bg]: https://a.ru/bg\n[^c]: https://a.ru/c\n",
        (
            ("bg", ("https://a.ru/bg",), "Background\n\nThe parties met twice."),
            (
                "c",
                ("https://a.ru/c",),
                "Comments from the parties after the talks:\n\nPeskov said they were useful.\n\n"
                "Yermak said nothing changed.",
            ),
        ),
    ),
    "md-roman-markers-as-link-definitions": Case(
        MD,
        "## Talks [i]\n\nThe parties met twice.\n\nPeskov said the talks were useful.[ii] He said it again.[ii]\n\n"
        "[i]: https://a.ru/1\n[ii]: https://a.ru/2\n[iii]: https://a.ru/3\n",
        (
            ("i", ("https://a.ru/1",), "Talks\n\nThe parties met twice."),
            ("ii", ("https://a.ru/2",), "Peskov said the talks were useful."),
            ("ii", ("https://a.ru/2",), "He said it again."),
        ),
        (("unused-note", "iii"), ("repeated-marker", "ii")),
    ),
    "html-wikipedia-cite-note": Case(
        HTML,
        '<html><body><div class="mw-parser-output"><p>Kyiv said 6,000 troops moved.<sup id="cite_ref-3" '
        'class="reference"><a href="#cite_note-3">[3]</a></sup> Moscow denied it.<sup class="reference">'
        '<a href="#cite_note-4">[4]</a></sup></p><h2>References</h2><ol class="references">'
        '<li id="cite_note-3"><span class="mw-cite-backlink"><a href="#cite_ref-3">^</a></span> '
        '<span class="reference-text"><a class="external text" href="https://www.pravda.com.ua/news/1/">'
        '"Title"</a>. Ukrainska Pravda.</span></li><li id="cite_note-4"><span class="reference-text">'
        '<a class="external text" href="https://ria.ru/x.html">RIA</a></span></li><li id="cite_note-5">'
        '<span class="reference-text"><a href="https://kommersant.ru/doc/1">K</a></span></li></ol></div>'
        "</body></html>",
        (
            ("3", ("https://www.pravda.com.ua/news/1/",), "Kyiv said 6,000 troops moved."),
            ("4", ("https://ria.ru/x.html",), "Moscow denied it."),
        ),
        (("unused-note", "3"),),
    ),
    "html-wikitext-ref-elements": Case(
        HTML,
        '<p>Talks resumed.<ref name="tass">TASS, https://tass.ru/1</ref> Kyiv sent 12 people.'
        '<ref>[https://ria.ru/2 RIA]</ref> Both confirmed it.<ref name="tass" /> A book says so.'
        "<ref>Smith 2020, p. 5</ref></p>",
        (
            ("1", ("https://tass.ru/1",), "Talks resumed."),
            ("2", ("https://ria.ru/2",), "Kyiv sent 12 people."),
            ("1", ("https://tass.ru/1",), "Both confirmed it."),
        ),
        (("repeated-marker", "1"), ("note-without-url", "3")),
    ),
    "html-fn-endnotes-heading-list-quote": Case(
        HTML,
        "<article><h1>T</h1><p>Intro.</p>"
        '<h2>Demands<sup><a href="#fn1">1</a></sup></h2><p>Recognition of regions.</p><p>Sanctions relief.</p>'
        '<h2>Reaction</h2><p>The memorandum lists:</p><ul><li>a ceasefire;</li><li>elections.<sup><a href="#fn2">'
        '2</a></sup></li></ul><blockquote><p>“We are ready,” Umerov said.<sup><a href="#fn3">3</a></sup>'
        '</p></blockquote><ol class="footnotes"><li id="fn1">Kommersant, <a href="https://kommersant.ru/1">'
        'link</a> <a href="#fnref1">↩</a></li><li id="fn2"><a href="https://ria.ru/2">RIA</a></li>'
        '<li id="fn3">https://b.ru/3 and https://c.ru/3</li></ol></article>',
        (
            ("1", ("https://kommersant.ru/1",), "Demands\n\nRecognition of regions.\n\nSanctions relief."),
            ("2", ("https://ria.ru/2",), "The memorandum lists:\n\n- a ceasefire;\n- elections."),
            ("3", ("https://b.ru/3", "https://c.ru/3"), "“We are ready,” Umerov said."),
        ),
    ),
    "html-bracketed-anchors-without-sup": Case(
        HTML,
        '<article><h2>Demands <a href="#fn1">[1]</a></h2><p>Recognition of regions.</p><p>Peskov spoke.'
        '<a href="#fn2">[2]</a></p><ol><li id="fn1"><a href="https://a.ru/1">A</a></li><li id="fn2">'
        '<a href="https://a.ru/2">B</a></li></ol></article>',
        (
            ("1", ("https://a.ru/1",), "Demands\n\nRecognition of regions."),
            ("2", ("https://a.ru/2",), "Peskov spoke."),
        ),
    ),
    "html-plain-sup-with-sources-list": Case(
        HTML,
        "<p>Talks resumed in Istanbul.<sup>[1]</sup> Kyiv sent 12 people.<sup>2</sup></p>"
        '<h3>Sources</h3><ol><li>TASS https://tass.ru/1</li><li><a href="https://ria.ru/2">RIA</a></li></ol>',
        (
            ("1", ("https://tass.ru/1",), "Talks resumed in Istanbul."),
            ("2", ("https://ria.ru/2",), "Kyiv sent 12 people."),
        ),
    ),
    "html-inline-links-not-chrome": Case(
        HTML,
        '<html><body><article><p>Zelensky met Trump, <a href="https://www.pravda.com.ua/n/1">Pravda reports'
        '</a>.</p><p>Read also: <a href="https://site.com/news/2025/06/story">Zelensky and Trump discussed '
        'sanctions in Rome</a></p><p>Читайте также: <a href="https://site.com/n/2">Зеленский и Трамп</a></p>'
        '<p>Tags: <a href="https://site.com/tag/ukraine">Ukraine</a></p><p>Follow us on <a '
        'href="https://twitter.com/site">Twitter</a>.</p></article><div class="share"><a '
        'href="https://www.facebook.com/sharer.php?u=x">Facebook</a></div></body></html>',
        (("Pravda reports", ("https://www.pravda.com.ua/n/1",), "Zelensky met Trump, Pravda reports."),),
    ),
}


def _check_offsets(parsed: ParsedArticle) -> None:
    for citation in parsed.citations:
        assert parsed.article.text[citation.span.start : citation.span.end] == citation.claim


@pytest.mark.parametrize("name", sorted(CASES))
def test_style(name: str) -> None:
    case = CASES[name]
    parsed = parse_article(case.raw, fmt=case.fmt)
    _check_offsets(parsed)
    got = tuple((c.marker, c.urls, c.claim) for c in parsed.citations)
    assert got == case.cites
    assert tuple((w.kind, w.marker) for w in parsed.warnings) == case.warnings


@pytest.mark.parametrize("name", sorted(CASES))
def test_style_is_detected_without_a_hint(name: str) -> None:
    case = CASES[name]
    parsed = parse_article(case.raw)
    if case.fmt is not HTML or case.raw.startswith(("<html", "<article")):
        assert parsed.article.format is case.fmt
    assert len(parsed.citations) == len(case.cites)


def test_forced_format_overrides_detection() -> None:
    raw = CASES["md-named-footnotes-and-list"].raw
    as_text = parse_article(raw, source="a.md", fmt=TEXT)
    as_md = parse_article(raw, source="a.md")
    assert as_md.article.format is MD and as_text.article.format is TEXT
    assert "# Swap" in as_text.article.text and "# Swap" not in as_md.article.text
    html = CASES["html-inline-links-not-chrome"].raw
    assert parse_article(html, source="a.txt").article.format is TEXT
    assert parse_article(html, source="a.txt", fmt=HTML).citations[0].marker == "Pravda reports"


def test_malformed_hrefs_in_html_notes_and_body_are_bad_url_warnings() -> None:
    raw = (
        '<article><p>One.<sup><a href="#n1">1</a></sup> Two <a href="htps://ria.ru/x">RIA said</a>.</p>'
        '<ol><li id="n1"><a href="htps://broken.ru/1">link</a></li></ol></article>'
    )
    parsed = parse_article(raw, fmt=HTML)
    assert parsed.citations == ()
    assert sorted((w.kind, w.url) for w in parsed.warnings) == [
        ("bad-url", "htps://broken.ru/1"),
        ("bad-url", "htps://ria.ru/x"),
    ]


def test_markdown_malformed_inline_link_is_a_warning() -> None:
    parsed = parse_article("Rates [were cut](htps://cbr.ru/press) today.\n", fmt=MD)
    assert parsed.citations == ()
    assert [(w.kind, w.url) for w in parsed.warnings] == [("bad-url", "htps://cbr.ru/press")]


def test_html_note_labels_follow_the_markers() -> None:
    raw = (
        '<p>A.<sup><a href="#fn7">7</a></sup> B.<sup><a href="#fn7">7</a></sup></p>'
        '<ol><li id="fn7"><a href="https://a.ru/7">a</a></li><li id="fn8"><a href="https://a.ru/8">b</a></li></ol>'
    )
    parsed = parse_article(raw, fmt=HTML)
    assert [(w.kind, w.marker) for w in parsed.warnings] == [("repeated-marker", "7"), ("unused-note", "2")]
    assert "note [7]" in parsed.warnings[0].message


def test_every_item_of_a_long_list_cited_gives_each_its_own_sentence() -> None:
    items = "\n".join(f"- The army moved {i} tanks to the front [{i}]" for i in range(1, 300))
    notes = "\n".join(f"[{i}] https://a.ru/{i}" for i in range(1, 300))
    parsed = parse_article(f"Intro:\n{items}\n\nNotes\n{notes}\n", fmt=TEXT)
    _check_offsets(parsed)
    assert len(parsed.citations) == 299
    assert all(c.claim == f"The army moved {c.marker} tanks to the front" for c in parsed.citations)


def test_task_boxes_and_letter_brackets_are_not_markers() -> None:
    raw = "# Plan\n\n- [x] ceasefire agreed\n- [ ] elections held\n\nHe wrote [c]ommitted, [sic] and [m].[^1]\n\n[^1]: https://a.ru/1\n"
    parsed = parse_article(raw, fmt=MD)
    assert parsed.warnings == ()
    assert [(c.marker, c.claim) for c in parsed.citations] == [("1", "He wrote [c]ommitted, [sic] and [m].")]
    assert "- [x] ceasefire agreed" in parsed.article.text


def test_roman_markers_up_to_xxxix_are_markers_without_a_note() -> None:
    parsed = parse_article("One.[xx] Two.[xxxix] Three.[xl]\n\n[i] https://a.ru/1\n", fmt=TEXT)
    assert [(w.kind, w.marker) for w in parsed.warnings] == [
        ("marker-without-note", "xx"),
        ("marker-without-note", "xxxix"),
        ("unused-note", "i"),
    ]


def test_lines_of_short_links_and_related_leads_are_not_citations() -> None:
    raw = (
        "<html><body><article><h1>Verdict</h1>"
        '<p><a href="https://site.ua/authors/1x">Ярослав Кузишин</a> <a href="https://site.ua/a/2">Антон '
        'Зелинский</a> 8 января, 17:46</p><p><a href="https://site.ru/t/1">ЦИК</a> <a href="https://site.ru/t/2">'
        'Владимир Путин</a> <a href="https://site.ru/t/3">Белоруссия</a></p>'
        '<p>Читайте також <a href="https://site.ua/news/9">Прорив в українському правосудді: чому варто пишатись'
        '</a></p><p>Follow Newsbeat on <a href="https://instagram.com/nb">Instagram</a> and '
        '<a href="https://youtube.com/nb">YouTube</a>.</p><p>The court <a href="https://court.gov.ua/1">ruled'
        '</a> on Monday<a href="https://x.ua/2">.</a></p><p><a href="https://reuters.com/r">Reuters reported'
        "</a> the deal.</p></article></body></html>"
    )
    parsed = parse_article(raw, fmt=HTML)
    assert [(c.marker, c.claim) for c in parsed.citations] == [
        ("ruled", "The court ruled on Monday."),
        ("Reuters reported", "Reuters reported the deal."),
    ]


def test_markdown_with_notes_written_in_raw_html() -> None:
    raw = (
        '# Talks\n\nThe talks lasted an hour.<sup><a href="#fn1">1</a></sup> Kyiv agreed.[^k]\n\n'
        '<ol>\n<li id="fn1"><a href="https://tass.ru/1">TASS</a></li>\n<li id="fn2">https://ria.ru/2</li>\n</ol>\n\n'
        "[^k]: https://kyiv.ua/k\n"
    )
    parsed = parse_article(raw, source="a.md")
    _check_offsets(parsed)
    assert parsed.article.format is MD
    assert [(c.marker, c.url, c.claim) for c in parsed.citations] == [
        ("1", "https://tass.ru/1", "The talks lasted an hour."),
        ("k", "https://kyiv.ua/k", "Kyiv agreed."),
    ]
    assert [(w.kind, w.marker) for w in parsed.warnings] == [("unused-note", "2")]
