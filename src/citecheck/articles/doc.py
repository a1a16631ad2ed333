"""The intermediate document every reader (text, Markdown, HTML) produces.

A reader turns its syntax into :class:`RawDoc`: blocks (paragraphs, headings, list items,
quotes) made of runs (text, links, footnote references, line breaks), plus the notes it found
structurally (Markdown footnote definitions, HTML endnote elements). Everything after that
(notes sections written as text, marker detection, rendering, claim spans) is shared.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from citecheck.models import ParseWarning

LOGGER = logging.getLogger(__name__)

# Citation kinds, as Citation.kind spells them.
KIND_FOOTNOTE = "footnote"
KIND_MD_FOOTNOTE = "markdown-footnote"
KIND_REFERENCE_LINK = "reference-link"
KIND_INLINE_LINK = "inline-link"
KIND_HTML_ENDNOTE = "html-endnote"

# Block roles: only body blocks hold citations.
ROLE_BODY = "body"
ROLE_NOTES = "notes"
ROLE_TRAILER = "trailer"


@dataclass(slots=True)
class Run:
    """A piece of a block: text, a link, a footnote reference or a line break."""

    kind: str  # "text" | "link" | "ref" | "break"
    text: str = ""
    href: str = ""  # link target; for a ref, a URL cited directly (a "[1]" that is a link)
    label: str = ""  # ref: the label shown to the reader ("1", "iv", "note")
    key: str = ""  # ref: the note it points at; "" = look the label up among text notes
    cite_kind: str = KIND_FOOTNOTE  # the Citation.kind of what this run cites
    weak: bool = False  # ref: only a marker when a note with this label exists


@dataclass(slots=True)
class RawBlock:
    """A block of the document, before rendering."""

    kind: str  # "para" | "heading" | "item" | "quote" | "code"
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # heading level; 0 = unknown (plain text)
    list_id: int = -1  # items of one list share an id
    ordinal: int | None = None  # number of an ordered-list item
    sep: str = "\n\n"  # what separates it from the previous block in the rendered text
    role: str = ROLE_BODY

    def plain(self) -> str:
        """Return the block's text as written (links as their text, refs dropped)."""
        return "".join(r.text if r.kind in ("text", "link", "break") else "" for r in self.runs)

    def lines(self) -> list[tuple[str, list[str]]]:
        """Return the block's lines, each with the link targets it holds."""
        out: list[tuple[str, list[str]]] = [("", [])]
        for run in self.runs:
            if run.kind == "break":
                out.append(("", []))
                continue
            if run.kind not in ("text", "link"):
                continue
            pieces = run.text.split("\n")
            for i, piece in enumerate(pieces):
                if i:
                    out.append(("", []))
                text, hrefs = out[-1]
                out[-1] = (text + piece, hrefs)
            if run.kind == "link" and run.href:
                out[-1][1].append(run.href)
        return out


@dataclass(slots=True)
class Note:
    """A footnote or endnote: its label, text and the URLs found in it."""

    key: str
    label: str
    text: str
    urls: list[str] = field(default_factory=list)
    bad_urls: list[str] = field(default_factory=list)
    order: int = 0


@dataclass(slots=True)
class RawDoc:
    """What a reader produced: blocks, structural notes, and warnings of its own."""

    blocks: list[RawBlock]
    notes: dict[str, Note] = field(default_factory=dict)
    title: str | None = None
    plain_headings: bool = False  # headings must be guessed (plain text)
    warnings: list[ParseWarning] = field(default_factory=list)
