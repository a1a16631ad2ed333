"""HTML articles: endnotes, Wikipedia-style references, pandoc footnotes, inline links, chrome."""

from __future__ import annotations

from citecheck.articles import parse_article
from citecheck.models import ArticleFormat, ParsedArticle


def _parse(raw: str, source: str = "") -> ParsedArticle:
    parsed = parse_article(raw, source=source, fmt=ArticleFormat.HTML)
    for citation in parsed.citations:
        assert parsed.article.text[citation.span.start : citation.span.end] == citation.claim
    return parsed


WIKI = """<html><head><title>Talks - Wikipedia</title></head><body>
<div id="mw-navigation"><ul><li><a href="https://en.wikipedia.org/wiki/Main_Page">Main page</a></li></ul></div>
<main id="content"><h1>Istanbul talks</h1><div class="mw-parser-output">
<p>The second round took place on 2 June 2025.<sup id="cite_ref-tass_1-0" class="reference"><a href="#cite_note-tass-1"><span class="cite-bracket">[</span>1<span class="cite-bracket">]</span></a></sup> Russia handed over a memorandum.<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup><sup id="cite_ref-tass_1-1" class="reference"><a href="#cite_note-tass-1">[1]</a></sup><sup class="noprint Inline-Template"><a href="/wiki/Wikipedia:Citation_needed">citation needed</a></sup></p>
<h2><span class="mw-headline">Aftermath</span><span class="mw-editsection">[<a href="/w/index.php?action=edit">edit</a>]</span></h2>
<p>Ukraine released <a href="/wiki/Statement">a statement</a> and <a href="https://www.pravda.com.ua/news/1/">Pravda reported</a> on it, while Zelensky flew to Vilnius.</p>
<h2>References</h2><div class="reflist"><ol class="references">
<li id="cite_note-tass-1"><span class="mw-cite-backlink">^ <a href="#cite_ref-tass_1-0"><sup><i><b>a</b></i></sup></a> <a href="#cite_ref-tass_1-1"><sup><i><b>b</b></i></sup></a></span> <span class="reference-text"><cite><a class="external text" href="https://tass.ru/politika/24115599">"Talks"</a>. <i>TASS</i>. <a class="external text" href="https://web.archive.org/web/1/https://tass.ru/politika/24115599">Archived</a></cite></span></li>
<li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#cite_ref-2">^</a></b></span> <span class="reference-text">Smith, J. (2025). "Memo". <i>Journal</i>. doi:10.1000/182</span></li>
</ol></div></div></main><footer><a href="https://wikimedia.org/privacy">Privacy</a></footer></body></html>"""


def test_wikipedia_style_references() -> None:
    parsed = _parse(WIKI)
    refs = [
        (c.marker, c.kind, c.claim, c.urls, c.occurrence)
        for c in parsed.citations
        if c.kind == "html-endnote"
    ]
    tass = (
        "https://tass.ru/politika/24115599",
        "https://web.archive.org/web/1/https://tass.ru/politika/24115599",
    )
    assert refs == [
        ("1", "html-endnote", "The second round took place on 2 June 2025.", tass, 0),
        ("2", "html-endnote", "Russia handed over a memorandum.", ("https://doi.org/10.1000/182",), 0),
        ("1", "html-endnote", "Russia handed over a memorandum.", tass, 1),
    ]
    assert [w.kind for w in parsed.warnings] == ["repeated-marker"]
    assert parsed.citations[1].note.startswith('Smith, J. (2025). "Memo".')
    assert "^" not in parsed.citations[0].note


def test_wikipedia_chrome_is_not_text_or_citation() -> None:
    parsed = _parse(WIKI)
    text = parsed.article.text
    assert "Main page" not in text and "[edit]" not in text and "citation needed" not in text
    assert "Privacy" not in text
    assert parsed.article.title == "Istanbul talks"
    inline = [(c.marker, c.claim) for c in parsed.citations if c.kind == "inline-link"]
    assert inline == [("Pravda reported", "Ukraine released a statement and Pravda reported on it")]


PANDOC = """<p>Text one.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a> Text two.<a href="#fn2" class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a> Text three.<sup><a href="#fn9">9</a></sup></p>
<section id="footnotes" class="footnotes" role="doc-endnotes"><hr /><ol>
<li id="fn1"><p>RIA: <a href="https://ria.ru/1">ria</a><a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn2"><p>Broken htps://tass.ru/2 <a href="#fnref2" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn3"><p>Never cited <a href="https://c.ru/3">c</a></p></li>
</ol></section>"""


def test_pandoc_footnotes_and_warnings() -> None:
    parsed = _parse(PANDOC)
    assert [(c.marker, c.url, c.claim) for c in parsed.citations] == [("1", "https://ria.ru/1", "Text one.")]
    kinds = [(w.kind, w.marker) for w in parsed.warnings]
    assert kinds == [("marker-without-note", "9"), ("bad-url", "2"), ("unused-note", "3")]
    assert parsed.article.text.startswith("Text one. Text two. Text three.\n")


def test_plain_sup_markers_with_a_sources_list() -> None:
    raw = (
        "<article><p>Putin spoke.<sup>1</sup> Area 5 m<sup>2</sup>. Trump replied.<sup>2</sup></p>"
        "<h2>Sources</h2><ol><li>RIA https://ria.ru/1</li><li><a href='https://tass.ru/2'>TASS</a></li></ol></article>"
    )
    parsed = _parse(raw)
    assert [(c.marker, c.url, c.claim) for c in parsed.citations] == [
        ("1", "https://ria.ru/1", "Putin spoke."),
        ("2", "https://tass.ru/2", "Trump replied."),
    ]
    assert "Area 5 m2." in parsed.article.text or "Area 5 m." in parsed.article.text


def test_endnote_list_heading_marker_lead_in_and_quote() -> None:
    raw = """<html><body><article><h1>T</h1>
<p>Intro text. The memorandum listed the demands, namely:</p>
<ul><li>withdrawal of troops;</li><li>neutral status.<sup><a href="#n1">1</a></sup></li></ul>
<h2>What Moscow said<sup><a href="#n2">2</a></sup></h2>
<p>Zakharova said one thing. She said another.</p>
<p>Then Peskov spoke.<sup><a href="#n3">3</a></sup></p>
<p>Comments from the parties<sup><a href="#n4">4</a></sup> after the summit:</p>
<p>Putin said it was good.</p><h3>The American side</h3><p>Trump agreed.</p>
<h2>Next</h2><p>Lavrov said: “We are ready. We will wait.”<sup><a href="#n5">5</a></sup> Nothing more.</p>
<ol class="notes"><li id="n1">https://a.ru/1</li><li id="n2">https://b.ru/2</li><li id="n3">https://c.ru/3</li>
<li id="n4">https://d.ru/4</li><li id="n5"><a href="https://e.ru/5">e</a> and <a href="https://f.ru/5">f</a></li></ol>
</article></body></html>"""
    claims = [c.claim for c in _parse(raw).citations]
    assert claims == [
        "The memorandum listed the demands, namely:\n\n- withdrawal of troops;\n- neutral status.",
        "What Moscow said\n\nZakharova said one thing. She said another.",
        "Then Peskov spoke.",
        "Comments from the parties after the summit:\n\nPutin said it was good.\n\nThe American side\n\nTrump agreed.",
        "Lavrov said: “We are ready. We will wait.”",
    ]


def test_inline_links_skip_share_nav_and_promo_chrome() -> None:
    raw = """<html><body><nav><a href="https://site.ru/news">News</a></nav>
<article><p class="byline">By <a href="https://site.ru/authors/ivanov/">Ivanov</a></p>
<p>The ministry <a href="https://minfin.gov.ru/press/1">said on Monday</a> that taxes would rise. Nothing else.</p>
<ul class="related"><li><a href="https://site.ru/other">Another story</a></li></ul>
<div class="share-buttons"><a href="https://twitter.com/intent/tweet?url=x">Tweet</a></div>
<p>Read more in our <a href="https://t.me/sitechannel">Telegram channel</a>.</p>
<figure><img src="a.jpg"><figcaption>Photo: <a href="https://photo.ru/1">Agency</a></figcaption></figure>
</article><footer><a href="https://site.ru/about">About</a></footer></body></html>"""
    parsed = _parse(raw)
    assert [(c.marker, c.url, c.claim) for c in parsed.citations] == [
        (
            "said on Monday",
            "https://minfin.gov.ru/press/1",
            "The ministry said on Monday that taxes would rise.",
        )
    ]
    assert parsed.warnings == ()
    assert "Tweet" not in parsed.article.text and "News" not in parsed.article.text


def test_relative_links_resolve_against_a_url_source() -> None:
    raw = '<article><p>The bank <a href="/press/2025/1">cut the rate</a> by a point. Fine.</p></article>'
    parsed = _parse(raw, source="https://www.cbr.ru/news/")
    assert [c.url for c in parsed.citations] == ["https://www.cbr.ru/press/2025/1"]
    assert _parse(raw).citations == ()


def test_block_elements_are_on_their_own_lines() -> None:
    raw = "<div><h1>Title</h1><p>One <b>bold</b>\n   word.</p><p>Two<br>lines.</p><ul><li>a</li><li>b</li></ul></div>"
    assert _parse(raw).article.text == "Title\n\nOne bold word.\n\nTwo\nlines.\n\n- a\n- b"
