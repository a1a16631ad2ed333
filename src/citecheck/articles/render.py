"""Render a RawDoc to plain text, removing footnote markers and recording where they were.

The rendered text is ``Article.text``. Markers are cut out (with the space before them when
punctuation follows: "currencies [1]." -> "currencies."), so that every claim is one
contiguous span of the text that holds no marker.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from citecheck.articles.doc import (
    KIND_FOOTNOTE,
    KIND_INLINE_LINK,
    KIND_MD_FOOTNOTE,
    ROLE_BODY,
    Note,
    RawBlock,
    RawDoc,
    Run,
)
from citecheck.articles.text_notes import SUPERSCRIPT_DIGITS, is_strong_label, label_key, norm_label

LOGGER = logging.getLogger(__name__)

# Characters after which the space before a removed marker is dropped too.
_CLOSE_PUNCT = frozenset(".,;:!?)]}»”’…")
_SUP = "[" + SUPERSCRIPT_DIGITS + "]"
_MARKER_RE = re.compile(
    r"\[\^(?P<caret>[^\]\s]{1,40})\]"
    r"|\[(?P<bracket>[^\[\]\n]{1,30})\](?![(\w])"
    r"|⁽?(?P<sup>" + _SUP + r"+(?:[,⁻‐-]" + _SUP + r"+)*)⁾?"
    r"|\((?P<paren>\d{1,3})\)"
)
_PIECE_RE = re.compile(r"\s+|\S+")
_SPACE_RE = re.compile(r"\s+")
_BARE_URL_RE = re.compile(r"https?://[^\s<>\"'«»“”\[\]{}|]+[^\s<>\"'«»“”\[\]{}|.,;:!?)»”’]")
# Units written with a superscript 2 or 3 (m², km³): exponents, not footnotes.
_UNIT_BEFORE_RE = re.compile(r"(?:\d|\b[kcmd]?m|\bft|\bin|\bmi)$")
# Longest list of labels in one bracket ("[1, 2, 5]") and widest range ("[1-3]") expanded.
MAX_RANGE = 20
_HEADING_TERMINAL = tuple(".,;:!…")
# A guessed (plain-text) heading is short.
HEADING_MAX_WORDS = 14
HEADING_MAX_CHARS = 120


@dataclass(slots=True)
class Block:
    """A rendered block: where it is in the text and what it is."""

    start: int
    end: int
    kind: str
    level: int
    list_id: int
    role: str
    heading: bool = False
    markers: list[int] = field(default_factory=list)
    links: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Marker:
    """A footnote marker removed from the text at ``pos``."""

    label: str
    key: str
    pos: int
    block: int
    kind: str
    href: str = ""


@dataclass(slots=True)
class Link:
    """An inline link (or a bare URL) whose text spans ``[start, end)``."""

    text: str
    href: str
    start: int
    end: int
    block: int
    kind: str


@dataclass(slots=True)
class Rendered:
    """The rendered text with its blocks, markers and links."""

    text: str
    blocks: list[Block]
    markers: list[Marker]
    links: list[Link]


class _Builder:
    """Accumulate text, holding whitespace back until something visible follows."""

    def __init__(self, collapse: bool) -> None:
        self.parts: list[str] = []
        self.n = 0
        self.collapse = collapse
        self.pending = ""
        self.started = False
        self.after_marker = False
        self.sep = ""
        self.block_start = 0

    def _put(self, s: str) -> None:
        self.parts.append(s)
        self.n += len(s)

    def start_block(self, sep: str) -> None:
        self.pending = ""
        self.started = False
        self.after_marker = False
        self.sep = sep if self.n else ""

    def _ensure_started(self) -> None:
        if not self.started:
            self._put(self.sep)
            self.block_start = self.n
            self.started = True
            self.pending = ""

    def _space(self, piece: str) -> None:
        """Hold whitespace back until something visible follows."""
        if self.started:
            if self.collapse:
                self.pending = "\n" if "\n" in self.pending else " "
            elif self.after_marker and self.pending:
                self.pending = piece  # "a [1] b" -> "a b", not "a  b"
            else:
                self.pending += piece

    def text(self, s: str) -> int:
        """Append text; return where its first visible character landed (or -1)."""
        for match in _PIECE_RE.finditer(s):
            piece = match.group()
            if piece[0].isspace():
                self._space(piece)
                continue
            self._ensure_started()
            if self.pending and not (self.after_marker and piece[0] in _CLOSE_PUNCT):
                self._put(self.pending)
            self.pending = ""
            self.after_marker = False
            first = self.n
            # The rest up to its last visible character goes in at once, whitespace kept or
            # collapsed to one space: the same as piece by piece, but linear in big articles.
            visible_end = len(s.rstrip())
            middle = s[match.start() : max(visible_end, match.end())]
            self._put(_SPACE_RE.sub(" ", middle) if self.collapse else middle)
            if visible_end < len(s):
                self._space(s[visible_end:])
            return first
        return -1

    def tail(self, size: int = 8) -> str:
        """Return the last characters emitted (pending whitespace included)."""
        return ("".join(self.parts[-size:]) + self.pending)[-size:]

    def brk(self) -> None:
        if self.started:
            self.pending = "\n" if self.collapse else self.pending + "\n"

    def marker(self) -> int:
        self._ensure_started()
        self.after_marker = True
        return self.n


def looks_like_heading(text: str) -> bool:
    """Return True for a line shaped like a title: short, capitalised, no closing punctuation."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > HEADING_MAX_WORDS or len(text) > HEADING_MAX_CHARS:
        return False
    if text.endswith(_HEADING_TERMINAL) or "\n" in text or "://" in text:
        return False
    first = text[0]
    return (first.isupper() or first.isdigit()) and any(c.isalpha() for c in text)


def _expand(content: str) -> list[str] | None:
    """Split a bracket's content into labels ("1, 2", "1-3"); None when it holds other text."""
    labels: list[str] = []
    for part in re.split(r"\s*[,;]\s*", content.strip()):
        match = re.fullmatch(r"(\d{1,3})\s*[-–—]\s*(\d{1,3})", part)
        if match:
            low, high = int(match.group(1)), int(match.group(2))
            if not 0 < high - low <= MAX_RANGE:
                return None
            labels.extend(str(x) for x in range(low, high + 1))
        elif part:
            labels.append(part)
        else:
            return None
    return labels or None


class _Renderer:
    """Render blocks; find text markers using the notes that exist."""

    def __init__(self, doc: RawDoc, notes: dict[str, Note], collapse: bool) -> None:
        self.doc = doc
        self.notes = notes
        self.b = _Builder(collapse)
        self.blocks: list[Block] = []
        self.markers: list[Marker] = []
        self.links: list[Link] = []
        self.allow_paren = not any(self._has_strong_marker(blk) for blk in doc.blocks)

    def _has_strong_marker(self, block: RawBlock) -> bool:
        if block.role != ROLE_BODY:
            return False
        for run in block.runs:
            if run.kind == "ref":
                return True
            if run.kind == "text":
                for match in _MARKER_RE.finditer(run.text):
                    if match.group("paren") is None and self._labels(match, run.text):
                        return True
        return False

    def _known(self, label: str) -> bool:
        return label_key(label) in self.notes

    def _split_run(self, label: str) -> list[str]:
        """Split run-together superscripts ("²³" read as "23") when each digit has a note."""
        if self._known(label) or len(label) < 2 or not all(self._known(d) for d in label):
            return [label]
        return list(label)

    def _labels(self, match: re.Match[str], text: str) -> list[str] | None:
        """Return the labels a marker match stands for, or None when it is not a marker."""
        if match.group("caret") is not None:
            return [match.group("caret")]
        if match.group("bracket") is not None:
            labels = _expand(match.group("bracket"))
            if not labels or not all(self._known(x) or is_strong_label(x) for x in labels):
                return None
            if labels == ["x"] and not self._known("x") and not text[: match.start()].strip(" -*+•"):
                return None  # a task-list box, "- [x] done"
            return labels
        if match.group("sup") is not None:
            labels = [norm_label(x) for x in re.split(r"[,⁻‐-]", match.group("sup"))]
            labels = [part for x in labels for part in self._split_run(x)]
            before = text[: match.start()]
            if _UNIT_BEFORE_RE.search(before) and labels[0] in ("2", "3"):
                return None  # m², 10³: an exponent
            if all(self._known(x) for x in labels):
                return labels
            return labels if before and not before[-1].isdigit() and not before[-1].isspace() else None
        label = match.group("paren")
        return [label] if self.allow_paren and self._known(label) else None

    def _add_marker(self, label: str, key: str, kind: str, href: str = "") -> None:
        pos = self.b.marker()
        self.markers.append(Marker(label, key, pos, len(self.blocks), kind, href))

    def _text_run(self, text: str, body: bool) -> None:
        if not body:
            self.b.text(text)
            return
        last = 0
        for match in _MARKER_RE.finditer(text):
            labels = self._labels(match, text)
            if labels is None:
                continue
            self._plain(text[last : match.start()])
            kind = KIND_MD_FOOTNOTE if match.group("caret") is not None else KIND_FOOTNOTE
            for label in labels:
                self._add_marker(label.strip(), label_key(label), kind)
            last = match.end()
        self._plain(text[last:])

    def _plain(self, text: str) -> None:
        """Append text, turning bare URLs into links (not in HTML, where links are anchors)."""
        if self.b.collapse:
            self.b.text(text)
            return
        last = 0
        for match in _BARE_URL_RE.finditer(text):
            self.b.text(text[last : match.start()])
            start = self.b.text(match.group(0))
            self.links.append(
                Link(match.group(0), match.group(0), start, self.b.n, len(self.blocks), KIND_INLINE_LINK)
            )
            last = match.end()
        self.b.text(text[last:])

    def _ref_run(self, run: Run) -> None:
        key = run.key or label_key(run.label)
        exponent = run.label in ("2", "3") and bool(_UNIT_BEFORE_RE.search(self.b.tail()))
        if run.weak and not run.href and (key not in self.notes or exponent):
            self.b.text(run.label)
            return
        self._add_marker(run.label, key, run.cite_kind, run.href)

    def _link_run(self, run: Run) -> None:
        text = " ".join(run.text.split())
        if not text:
            return
        start = self.b.text(text)
        self.links.append(Link(text, run.href, start, self.b.n, len(self.blocks), run.cite_kind))

    def render(self) -> Rendered:
        for raw in self.doc.blocks:
            body = raw.role == ROLE_BODY and raw.kind != "code"
            self.b.start_block(raw.sep)
            start_marker, start_link = len(self.markers), len(self.links)
            for run in raw.runs:
                if run.kind == "text":
                    self._text_run(run.text, body)
                elif run.kind == "break":
                    self.b.brk()
                elif run.kind == "link":
                    if body and run.href:
                        self._link_run(run)
                    else:
                        self.b.text(run.text)
                elif run.kind == "ref" and body:
                    self._ref_run(run)
            start = self.b.block_start if self.b.started else self.b.n
            block = Block(start, self.b.n, raw.kind, raw.level, raw.list_id, raw.role)
            block.markers = list(range(start_marker, len(self.markers)))
            block.links = list(range(start_link, len(self.links)))
            self.blocks.append(block)
        text = "".join(self.b.parts)
        for block in self.blocks:
            block.heading = block.kind == "heading" or (
                self.doc.plain_headings
                and block.kind == "para"
                and looks_like_heading(text[block.start : block.end])
            )
        return Rendered(text, self.blocks, self.markers, self.links)


def render(doc: RawDoc, notes: dict[str, Note], *, collapse: bool) -> Rendered:
    """Render a document to text.

    Args:
        doc: the reader's output, with block roles set.
        notes: every note, by key; a weak marker ("(1)", "²") counts only when its note exists.
        collapse: collapse runs of whitespace (HTML) instead of keeping them (text, Markdown).

    Returns:
        the text with its blocks, markers and links.
    """
    return _Renderer(doc, notes, collapse).render()
