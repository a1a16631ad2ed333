"""The Markdown reader: markdown-it-py tokens -> blocks; footnote definitions -> notes.

Footnote definitions (``[^1]: text URL``, with indented continuation lines) are taken out of
the source before markdown-it sees it, so ``[^1]`` stays literal text for the shared marker
scan. Reference-style links (``[text][ref]`` with ``[ref]: URL``) are resolved by markdown-it;
a link is told to be reference-style when its target is a definition's and the source does
not write it inline.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from citecheck.articles.doc import (
    KIND_INLINE_LINK,
    KIND_REFERENCE_LINK,
    ROLE_NOTES,
    Note,
    RawBlock,
    RawDoc,
    Run,
)
from citecheck.articles.text_notes import ROMAN, label_key, norm_label
from citecheck.articles.urls import find_urls, is_malformed_href, resolve_href
from citecheck.models import ParseWarning

LOGGER = logging.getLogger(__name__)

_FOOTNOTE_DEF_RE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_FENCE_RE = re.compile(r"^ {0,3}(```|~~~)")
# A link whose text is a footnote-like label ("1", "[2]", "iv") cites its target directly.
MARKER_TEXT_RE = re.compile(r"^[\[(]?(\d{1,3}|" + ROMAN + r")[\])]?$", re.IGNORECASE)
_SUP_OPEN_RE = re.compile(r"^<sup\b", re.IGNORECASE)
_SUP_CLOSE_RE = re.compile(r"^</sup\s*>", re.IGNORECASE)
_A_OPEN_RE = re.compile(r"""^<a\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_A_CLOSE_RE = re.compile(r"^</a\s*>", re.IGNORECASE)
_BR_RE = re.compile(r"^<br\b", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]*>")
_HTML_NOTE_REF_RE = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']?#([^"'\s>]+)""", re.IGNORECASE)
# In-page anchors checked for a matching id before the Markdown is read as HTML.
MAX_HTML_NOTE_CHECKS = 20


def _is_indented(line: str) -> bool:
    return line.startswith(("    ", "\t"))


def extract_footnotes(raw: str) -> tuple[str, dict[str, Note]]:
    """Take footnote definitions out of Markdown source.

    Args:
        raw: the Markdown source.

    Returns:
        ``(source, notes)``: the source with each definition's lines blanked (line numbers
        kept), and the notes by key.
    """
    lines = raw.split("\n")
    out: list[str] = []
    notes: dict[str, Note] = {}
    in_fence = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if _FENCE_RE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _FOOTNOTE_DEF_RE.match(line)
        if match is None:
            out.append(line)
            i += 1
            continue
        parts = [match.group(2)]
        out.append("")
        i += 1
        while i < len(lines) and (
            _is_indented(lines[i])
            or (not lines[i].strip() and i + 1 < len(lines) and _is_indented(lines[i + 1]))
        ):
            parts.append(lines[i].strip())
            out.append("")
            i += 1
        label = match.group(1)
        text = "\n".join(p for p in parts if p).strip()
        urls, bad = find_urls(text)
        key = label_key(label)
        if key not in notes:
            notes[key] = Note(key, norm_label(label), text, urls, bad, len(notes))
    return "\n".join(out), notes


def _identity(url: str) -> str:
    return url.strip()


def _accept(url: str) -> bool:
    return True


class _MarkdownReader:
    """Walk markdown-it's token stream and build blocks."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
        self.md.normalizeLink = _identity  # type: ignore[method-assign,assignment]
        self.md.normalizeLinkText = _identity  # type: ignore[method-assign,assignment]
        self.md.validateLink = _accept  # type: ignore[method-assign,assignment]
        self.env: dict[str, Any] = {}
        self.blocks: list[RawBlock] = []
        self.lists: list[list[Any]] = []  # [list_id, ordered, next ordinal]
        self.next_list = 0
        self.heading_level = 0
        self.quote_depth = 0
        self.item_ordinal: int | None = None
        self.item_new = False
        self.row: list[Run] | None = None
        self.title: str | None = None
        self.ref_hrefs_used: set[str] = set()

    def _kind(self) -> str:
        if self.heading_level:
            return "heading"
        if self.lists:
            return "item"
        return "quote" if self.quote_depth else "para"

    def _add(self, runs: list[Run], kind: str | None = None) -> None:
        kind = kind or self._kind()
        list_id = self.lists[-1][0] if self.lists and kind == "item" else -1
        prev = self.blocks[-1] if self.blocks else None
        sep = "\n" if prev is not None and kind == "item" and prev.kind == "item" else "\n\n"
        if kind == "item" and self.item_new:
            bullet = f"{self.item_ordinal}. " if self.item_ordinal is not None else "- "
            runs = [Run("text", bullet), *runs]
        block = RawBlock(kind, runs, level=self.heading_level, list_id=list_id, sep=sep)
        block.ordinal = self.item_ordinal if kind == "item" and self.item_new else None
        self.item_new = False
        self.blocks.append(block)

    def _link_kind(self, tok: Token, content: str) -> str:
        href = str(tok.attrs.get("href", ""))
        if tok.markup == "autolink":
            return KIND_INLINE_LINK
        refs = self.env.get("references", {})
        is_def = any(ref.get("href") == href for ref in refs.values())
        written_inline = f"]({href}" in content or f"](<{href}" in content
        if is_def and not written_inline:
            self.ref_hrefs_used.add(href)
            return KIND_REFERENCE_LINK
        return KIND_INLINE_LINK

    def _close_link(self, runs: list[Run], href: str, parts: list[str], kind: str) -> None:
        text = "".join(parts)
        url = resolve_href(href, self.source)
        if url is None and is_malformed_href(href):
            url = href.strip()  # reported as a bad URL, never fetched
        match = MARKER_TEXT_RE.match(text.strip())
        if url is None:
            runs.append(Run("text", text))
        elif match:
            runs.append(Run("ref", label=match.group(1), href=url, cite_kind=kind))
        else:
            runs.append(Run("link", text, href=url, cite_kind=kind))

    def _inline(self, tok: Token) -> list[Run]:
        runs: list[Run] = []
        link: tuple[str, list[str], str] | None = None
        sup: list[str] | None = None
        for child in tok.children or []:
            kind = child.type
            text = child.content if kind in ("text", "code_inline") else ""
            if kind in ("softbreak", "hardbreak"):
                text = "\n"
            if kind == "html_inline":
                html = child.content
                if _SUP_OPEN_RE.match(html):
                    sup = []
                elif _SUP_CLOSE_RE.match(html) and sup is not None:
                    label = "".join(sup).strip()
                    if MARKER_TEXT_RE.match(label):
                        runs.append(Run("ref", label=label.strip("[]()"), weak=True))
                    else:
                        runs.append(Run("text", label))
                    sup = None
                elif (m := _A_OPEN_RE.match(html)) and link is None:
                    link = (m.group(1), [], KIND_INLINE_LINK)
                elif _A_CLOSE_RE.match(html) and link is not None:
                    self._close_link(runs, link[0], link[1], link[2])
                    link = None
                elif _BR_RE.match(html):
                    text = "\n"
                if text != "\n":
                    continue
            if kind == "link_open" and link is None:
                link = (str(child.attrs.get("href", "")), [], self._link_kind(child, tok.content))
            elif kind == "link_close" and link is not None:
                self._close_link(runs, link[0], link[1], link[2])
                link = None
            elif sup is not None:
                sup.append(text)
            elif link is not None:
                link[1].append(" " if text == "\n" else text)
            elif text == "\n":
                runs.append(Run("break", "\n"))
            elif text:
                runs.append(Run("text", text))
        if link is not None:
            runs.append(Run("text", "".join(link[1])))
        return runs

    def _block_token(self, tok: Token) -> None:
        kind = tok.type
        if kind == "heading_open":
            self.heading_level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
        elif kind == "heading_close":
            if self.title is None and self.heading_level == 1 and self.blocks:
                self.title = self.blocks[-1].plain().strip() or None
            self.heading_level = 0
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append([self.next_list])
            self.next_list += 1
        elif kind in ("bullet_list_close", "ordered_list_close") and self.lists:
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_ordinal = int(tok.info) if tok.info.isdigit() else None
            self.item_new = True
        elif kind == "blockquote_open":
            self.quote_depth += 1
        elif kind == "blockquote_close":
            self.quote_depth = max(0, self.quote_depth - 1)
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close" and self.row is not None:
            self._add(self.row, "para")
            self.row = None
        elif kind == "inline":
            runs = self._inline(tok)
            if self.row is not None:
                self.row.extend([Run("text", " | ")] if self.row else [])
                self.row.extend(runs)
            else:
                self._add(runs)
        elif kind in ("fence", "code_block"):
            self._add([Run("text", tok.content.rstrip("\n"))], "code")
        elif kind == "html_block":
            text = _TAG_RE.sub(" ", tok.content).strip()
            if text:
                self._add([Run("text", text)], "para")

    def _plain_inline(self, text: str) -> str:
        """Render a note's Markdown as plain text; a link shows as "text (URL)"."""
        out: list[str] = []
        opened: list[tuple[int, str]] = []
        for tok in self.md.parseInline(text, dict(self.env)):
            for child in tok.children or []:
                if child.type in ("text", "code_inline"):
                    out.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    out.append("\n")
                elif child.type == "link_open":
                    opened.append((len(out), str(child.attrs.get("href", ""))))
                elif child.type == "link_close" and opened:
                    start, href = opened.pop()
                    label = "".join(out[start:])
                    out[start:] = [label if not href or label == href else f"{label} ({href})"]
        return "".join(out).strip()

    def read(self, raw: str) -> RawDoc:
        source, notes = extract_footnotes(raw)
        for tok in self.md.parse(source, self.env):
            self._block_token(tok)
        warnings = [
            ParseWarning(
                "unused-note",
                f"link definition [{label.lower()}] is never used",
                label.lower(),
                ref["href"],
                None,
            )
            for label, ref in self.env.get("references", {}).items()
            if ref.get("href") not in self.ref_hrefs_used and resolve_href(str(ref.get("href")), self.source)
        ]
        for note in sorted(notes.values(), key=lambda n: n.order):
            note.text = self._plain_inline(note.text)
            sep = "\n" if self.blocks and self.blocks[-1].role == ROLE_NOTES else "\n\n"
            line = " ".join(f"[{note.label}] {note.text}".split())
            self.blocks.append(RawBlock("para", [Run("text", line)], sep=sep, role=ROLE_NOTES))
        return RawDoc(self.blocks, notes, title=self.title, warnings=warnings)


def read_markdown(raw: str, source: str = "") -> RawDoc:
    """Read a Markdown article into blocks and notes.

    Args:
        raw: the Markdown source, newlines normalised to ``\\n``.
        source: its path or URL (relative links are resolved against a URL).

    Returns:
        the document, with footnote definitions as notes.
    """
    return _MarkdownReader(source).read(raw)


def has_html_notes(raw: str) -> bool:
    """Return True when Markdown writes its notes in raw HTML: ``<a href="#fn1">`` and ``id="fn1"``."""
    targets = list(dict.fromkeys(_HTML_NOTE_REF_RE.findall(raw)))[:MAX_HTML_NOTE_CHECKS]
    return any(re.search(r"""\bid\s*=\s*["']?""" + re.escape(t) + r"""["'\s>]""", raw) for t in targets)


def markdown_to_html(raw: str) -> tuple[str, dict[str, Note]]:
    """Render Markdown to HTML for the HTML reader, footnote definitions taken out first.

    Args:
        raw: the Markdown source.

    Returns:
        ``(html, notes)``: the rendered HTML and the Markdown footnote definitions.
    """
    source, notes = extract_footnotes(raw)
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return md.render(source), notes
