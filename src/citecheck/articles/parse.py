"""parse_article: raw article -> plain text, citations with claim spans, and warnings."""

from __future__ import annotations

import logging
from collections import Counter

from citecheck.articles.detect import detect_format
from citecheck.articles.doc import ROLE_BODY, Note, RawDoc
from citecheck.articles.html import read_html
from citecheck.articles.markdown import has_html_notes, markdown_to_html, read_markdown
from citecheck.articles.plaintext import read_text
from citecheck.articles.render import Rendered, render
from citecheck.articles.spans import SpanFinder
from citecheck.articles.text_notes import extract_text_notes
from citecheck.articles.urls import is_promo_link, is_valid_url
from citecheck.models import Article, ArticleFormat, Citation, ParsedArticle, ParseWarning, Span

LOGGER = logging.getLogger(__name__)

# A link holding this share of its block's letters is the whole block (a menu item, a headline).
STANDALONE_SHARE = 0.9
# ... and it is still a claim when it is a sentence of at least this many words.
STANDALONE_MIN_WORDS = 6
# Short links holding this share of a line that is no sentence make it a list of links.
LINK_LIST_SHARE = 0.5
_SENTENCE_END = tuple('.!?…"”»')


def _read(raw: str, fmt: ArticleFormat, source: str) -> RawDoc:
    """Run the reader for a format."""
    if fmt is ArticleFormat.HTML:
        return read_html(raw, source)
    if fmt is ArticleFormat.MARKDOWN and has_html_notes(raw):
        html, md_notes = markdown_to_html(raw)  # notes in raw HTML: the HTML reader knows them
        doc = read_html(html, source)
        for key, note in md_notes.items():
            doc.notes.setdefault(key, note)
        return doc
    if fmt is ArticleFormat.MARKDOWN:
        return read_markdown(raw, source)
    return read_text(raw)


class _Assembler:
    """Turn rendered markers and links into citations and warnings."""

    def __init__(self, rendered: Rendered, notes: dict[str, Note]) -> None:
        self.r = rendered
        self.notes = notes
        self.finder = SpanFinder(rendered)
        self.citations: list[tuple[int, Citation]] = []
        self.warnings: list[ParseWarning] = []
        self.uses: Counter[str] = Counter()

    def _citation(
        self, marker: str, urls: list[str], span: tuple[int, int], *, note: str, kind: str, occurrence: int
    ) -> Citation:
        start, end = span
        ctx_start, ctx_end = self.finder.context(start, end)
        return Citation(
            marker=marker,
            url=urls[0],
            claim=self.r.text[start:end],
            span=Span(start, end),
            context=self.r.text[ctx_start:ctx_end],
            note=note,
            kind=kind,
            urls=tuple(urls),
            occurrence=occurrence,
        )

    def _warn(self, kind: str, message: str, marker: str | None, url: str | None, offset: int | None) -> None:
        self.warnings.append(ParseWarning(kind, message, marker, url, offset))

    def markers(self) -> None:
        for marker in self.r.markers:
            span = self.finder.marker_claim(marker.block, marker.pos)
            if marker.href:
                self._direct(marker.label, marker.href, span, marker.kind, marker.pos)
                continue
            note = self.notes.get(marker.key)
            if note is None:
                self._warn(
                    "marker-without-note",
                    f"marker [{marker.label}] has no note",
                    marker.label,
                    None,
                    marker.pos,
                )
                continue
            use = self.uses[marker.key]
            self.uses[marker.key] += 1
            if use:
                self._warn(
                    "repeated-marker",
                    f"note [{note.label}] is cited {use + 1} times",
                    marker.label,
                    note.urls[0] if note.urls else None,
                    marker.pos,
                )
            if not note.urls:
                if not use and not note.bad_urls:
                    self._warn(
                        "note-without-url", f"note [{note.label}] has no URL", marker.label, None, marker.pos
                    )
                continue
            citation = self._citation(
                marker.label, note.urls, span, note=note.text, kind=marker.kind, occurrence=use
            )
            self.citations.append((marker.pos, citation))

    def _direct(self, label: str, href: str, span: tuple[int, int], kind: str, pos: int) -> None:
        """A marker that is itself a link ("[1]" linking to the source)."""
        if not is_valid_url(href):
            self._warn("bad-url", f"malformed URL {href!r}", label, href, pos)
            return
        use = self.uses["url:" + href]
        self.uses["url:" + href] += 1
        repeat = self.uses[f"direct:{label}:{href}"]
        self.uses[f"direct:{label}:{href}"] += 1
        if repeat:
            self._warn("repeated-marker", f"marker [{label}] is cited {repeat + 1} times", label, href, pos)
        self.citations.append((pos, self._citation(label, [href], span, note="", kind=kind, occurrence=use)))

    def links(self) -> None:
        for link in self.r.links:
            block = self.r.blocks[link.block]
            block_text = self.r.text[block.start : block.end]
            if (
                not any(c.isalnum() for c in link.text)
                or is_promo_link(link.href, link.text, block_text)
                or _standalone(link.text, block_text)
                or _link_list(self.r, link.block, block_text)
            ):
                continue
            if not is_valid_url(link.href):
                self._warn("bad-url", f"malformed URL {link.href!r}", link.text, link.href, link.start)
                continue
            span = self.finder.link_claim(link.block, link.start, link.end)
            use = self.uses["url:" + link.href]
            self.uses["url:" + link.href] += 1
            citation = self._citation(link.text, [link.href], span, note="", kind=link.kind, occurrence=use)
            self.citations.append((link.start, citation))

    def note_warnings(self) -> None:
        for key, note in sorted(self.notes.items(), key=lambda item: item[1].order):
            first = note.urls[0] if note.urls else None
            if not self.uses[key]:
                self._warn("unused-note", f"note [{note.label}] is never cited", note.label, first, None)
            for bad in note.bad_urls:
                self._warn("bad-url", f"malformed URL {bad!r} in note [{note.label}]", note.label, bad, None)


def _standalone(link_text: str, block_text: str) -> bool:
    """Return True for a link that is its whole block and no sentence: a menu or headline list."""
    letters = sum(c.isalnum() for c in block_text)
    if not letters or sum(c.isalnum() for c in link_text) < STANDALONE_SHARE * letters:
        return False
    text = link_text.strip()
    return not (text.endswith(_SENTENCE_END) and len(text.split()) >= STANDALONE_MIN_WORDS)


def _link_list(rendered: Rendered, bi: int, block_text: str) -> bool:
    """Return True for a line of short links that is no sentence: tags, bylines, breadcrumbs."""
    block = rendered.blocks[bi]
    links = [rendered.links[i] for i in block.links]
    if block_text.rstrip().endswith(_SENTENCE_END):
        return False
    if any(len(link.text.split()) >= STANDALONE_MIN_WORDS for link in links):
        return False
    letters = sum(c.isalnum() for c in block_text)
    linked = sum(c.isalnum() for link in links for c in link.text)
    return bool(letters) and linked >= LINK_LIST_SHARE * letters


def _title(doc: RawDoc, rendered: Rendered) -> str | None:
    """Return the document's title: the reader's, or a heading that opens the body."""
    if doc.title:
        return doc.title
    for block in rendered.blocks:
        if block.role == ROLE_BODY and block.end > block.start:
            return rendered.text[block.start : block.end].strip() if block.heading else None
    return None


def parse_article(raw: str, *, source: str = "", fmt: ArticleFormat | None = None) -> ParsedArticle:
    """Parse an article into plain text, citations and warnings.

    Args:
        raw: the article as written (plain text, Markdown or HTML).
        source: where it came from (a path or URL); its extension picks the format and,
            for HTML, relative links are resolved against it when it is a URL.
        fmt: force a format instead of detecting it.

    Returns:
        the article (plain text in ``article.text``), its citations in document order (every
        ``span`` indexes ``article.text`` and ``text[span] == claim``) and its warnings.
    """
    fmt = fmt or detect_format(raw, source)
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    doc = _read(text, fmt, source)
    notes = dict(doc.notes)
    for key, note in extract_text_notes(doc.blocks, start_order=len(notes)).items():
        notes.setdefault(key, note)
    rendered = render(doc, notes, collapse=fmt is ArticleFormat.HTML)
    assembler = _Assembler(rendered, notes)
    assembler.markers()
    assembler.links()
    assembler.note_warnings()
    citations = tuple(c for _, c in sorted(assembler.citations, key=lambda item: item[0]))
    article = Article(source=source, text=rendered.text, format=fmt, title=_title(doc, rendered), raw=raw)
    LOGGER.debug(
        "parsed %s: %d citations, %d warnings", source or "<article>", len(citations), len(assembler.warnings)
    )
    return ParsedArticle(article, citations, tuple(doc.warnings + assembler.warnings))
