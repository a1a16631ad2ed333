"""Claim spans: what a careful editor would say a marker (or a link) vouches for.

Rules, in the order they are tried for a footnote marker:

1. A marker alone on its line vouches for what precedes it (the list it closes, or the
   previous paragraph's last sentence).
2. A marker that closes a bulleted or numbered list (it ends the last item and no other item
   is cited) vouches for the whole list, with the line that introduces it (the intro's last
   sentence when it ends with ":", or a heading right above the list).
3. A marker in a heading vouches for the heading and the passage under it.
4. A marker in a lead-in sentence that ends its paragraph with ":" ("Comments from the
   parties [iv] after the negotiations:") vouches for that sentence and the passage under it.
5. A marker that closes a block quotation (Markdown ``>``, HTML ``<blockquote>``) vouches for
   the whole quotation (its paragraphs since the last cited one) with a lead-in ending ":".
   A marker that closes a quotation in running text vouches for the quotation, from the start
   of the sentence that opens it (so the attribution "X said:" is kept) to the closing quote
   (and the punctuation right before or after the marker: ``”.[1]``, ``»[1].``).
6. Otherwise: the sentence that holds the marker; a marker between two sentences belongs to
   the one before it.

A passage runs to the paragraph that holds the next marker or link (exclusive; at least one
paragraph is always taken), the end of the body, an author's disclaimer, or a heading that
ends it. Headings written in Markdown or HTML end a heading's passage at the same or a higher
level, and a lead-in's passage at the level of the section holding the lead-in or higher.
Plain text has no heading levels: a title-shaped line ends a heading's passage, but inside a
lead-in's passage it is taken as a sub-heading of the passage. In the seed article "Comments
from the parties [iv] after the negotiations:" is followed by the Russian delegation's
statements and then "Statements by the Ukrainian side": both sides are "the parties", so the
passage runs on through that sub-heading to the paragraph that holds the next marker.

An inline link vouches for the sentence that holds it, narrowed to the clauses of a compound
sentence the link touches ("X said A, and [B](url)." -> "B.").
"""

from __future__ import annotations

import bisect
import logging
import re

from citecheck.articles.doc import ROLE_BODY
from citecheck.articles.render import Block, Rendered
from citecheck.articles.sentences import clause_bounds, sentence_spans

LOGGER = logging.getLogger(__name__)

# An author's or editor's disclaimer: never part of a cited passage.
DISCLAIMER_RE = re.compile(
    r"^\W*(?:the views (?:of|expressed)|views expressed|the opinions? expressed|opinions expressed"
    r"|мнение автора|точка зрения автора|позиция автора|мнение редакции|думка автора)",
    re.IGNORECASE,
)
# Closing quotation marks and the opening marks they pair with.
_OPENERS = {"”": "“„", "»": "«", '"': '"', "’": "‘", "“": "„"}
# Punctuation that may follow a closed quotation before the marker: ”.[1]
_AFTER_QUOTE = ".,;"
# Level used when no section heading encloses a lead-in: every heading ends its passage.
_ANY_LEVEL = 6
# Punctuation that may follow a marker placed right after a closing quote: «...»[1].
_SENTENCE_END = ".!?…"
# The bullet or number that opens a rendered list item: "- ", "• ", "3. ", "2) ".
_BULLET_RE = re.compile(r"(?:[-*•–·]|\d{1,3}[.)]|[a-z][.)])[ \t]+")
# Characters that may follow a marker at the end of a list item.
_TAIL_CHARS = " \t\n.,;:!?\"'”»’)"

Span = tuple[int, int]


class SpanFinder:
    """Compute claim spans over one rendered article."""

    def __init__(self, rendered: Rendered) -> None:
        self.r = rendered
        self.text = rendered.text
        self.blocks = rendered.blocks
        self._starts = [b.start for b in self.blocks]
        self._sentences: dict[int, list[Span]] = {}
        self._levels: list[int] | None = None  # per block: level of the section holding it
        self._runs: list[tuple[int, int]] | None = None  # per block: its list's first, last item
        self._cited_before: list[int] = []  # per block: how many blocks before it are cited

    def _trim(self, start: int, end: int) -> Span:
        """Shrink a span to exclude surrounding whitespace."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def sentences(self, bi: int) -> list[Span]:
        """Return the sentences of block ``bi`` as absolute spans."""
        if bi not in self._sentences:
            block = self.blocks[bi]
            spans = sentence_spans(self.text[block.start : block.end])
            self._sentences[bi] = [(block.start + s, block.start + e) for s, e in spans]
        return self._sentences[bi]

    def _cited(self, block: Block) -> bool:
        return bool(block.markers or block.links)

    def _blank(self, block: Block) -> bool:
        return not self.text[block.start : block.end].strip()

    def _body(self, bi: int) -> bool:
        return 0 <= bi < len(self.blocks) and self.blocks[bi].role == ROLE_BODY

    def sentence_at(self, bi: int, pos: int) -> Span:
        """Return the sentence of block ``bi`` that a marker at ``pos`` belongs to."""
        sents = self.sentences(bi)
        for start, end in sents:
            if start < pos <= end:
                return start, end
        for start, end in sents:
            if start <= pos < end:
                return start, end
        before = [s for s in sents if s[1] <= pos]
        if before:
            return before[-1]
        if sents:
            return sents[0]
        block = self.blocks[bi]
        return block.start, block.end

    def context(self, start: int, end: int) -> Span:
        """Return the span of the blocks (paragraphs) that a claim overlaps."""
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        last = max(first, bisect.bisect_left(self._starts, max(start, end - 1) + 1) - 1)
        return self._trim(self.blocks[first].start, self.blocks[last].end)

    def _prev_body(self, bi: int) -> int | None:
        k = bi - 1
        while k >= 0 and self._body(k):
            if not self._blank(self.blocks[k]):
                return k
            k -= 1
        return None

    def _section_level(self, bi: int) -> int:
        """Return the level of the explicit heading whose section holds block ``bi``."""
        if self._levels is None:
            first_body = next((k for k in range(len(self.blocks)) if self._body(k)), 0)
            self._levels = []
            level = _ANY_LEVEL
            for k, block in enumerate(self.blocks):
                self._levels.append(level)  # the nearest heading above k, after the first body block
                if k > first_body and block.heading and block.level > 0:
                    level = block.level
        return self._levels[bi]

    def _ends_passage(self, block: Block, head: Block, lead_in: bool, level: int) -> bool:
        if not block.heading:
            return False
        if lead_in:
            return block.level > 0 and block.level <= level
        return block.level == 0 or head.level == 0 or block.level <= head.level

    def passage_end(self, bi: int, *, lead_in: bool) -> int:
        """Return where the passage introduced by block ``bi`` (a heading or lead-in) ends."""
        head = self.blocks[bi]
        level = self._section_level(bi) if lead_in else head.level
        end = head.end
        taken = 0
        for k in range(bi + 1, len(self.blocks)):
            block = self.blocks[k]
            if block.role != ROLE_BODY:
                break
            if self._blank(block):
                continue
            if self._ends_passage(block, head, lead_in, level):
                break
            body = self.text[block.start : block.end]
            if taken and (self._cited(block) or DISCLAIMER_RE.match(body)):
                break
            end = block.end
            taken += 1
        return end

    def _list_runs(self) -> list[tuple[int, int]]:
        """Return, for each block, the first and last item of the list it is in (computed once)."""
        if self._runs is None:
            runs = [(k, k) for k in range(len(self.blocks))]
            k = 0
            while k < len(self.blocks):
                end = k
                while self._body(end) and self.blocks[end].kind == "item":
                    end += 1
                for j in range(k, end):
                    runs[j] = (k, end - 1)
                k = max(end, k + 1)
            self._runs = runs
            self._cited_before = [0]
            for block in self.blocks:
                self._cited_before.append(self._cited_before[-1] + self._cited(block))
        return self._runs

    def _list_claim(self, bi: int, pos: int) -> Span | None:
        """Return the list + intro span when the marker at ``pos`` closes the list."""
        block = self.blocks[bi]
        if self.text[pos : block.end].strip(_TAIL_CHARS):
            return None
        first, last = self._list_runs()[bi]
        if last != bi or self._cited_before[bi] > self._cited_before[first]:
            return None
        start = self.blocks[first].start
        intro = first - 1
        if self._body(intro):
            intro_block = self.blocks[intro]
            intro_text = self.text[intro_block.start : intro_block.end].rstrip()
            if intro_block.heading:
                start = intro_block.start
            elif intro_text.endswith(":") and self.sentences(intro):
                start = self.sentences(intro)[-1][0]
        return self._trim(start, block.end)

    def _quote_open(self, bi: int, pos: int) -> int | None:
        """Return where the quotation that a marker at ``pos`` closes opens, if it does."""
        block = self.blocks[bi]
        before = self.text[block.start : pos].rstrip()
        if len(before) >= 2 and before[-1] in _AFTER_QUOTE and before[-2] in _OPENERS:
            before = before[:-1]
        if not before or before[-1] not in _OPENERS:
            return None
        close = len(before) - 1
        found = max(before.rfind(ch, 0, close) for ch in _OPENERS[before[-1]])
        return block.start + found if found >= 0 else None

    def marker_claim(self, bi: int, pos: int) -> Span:
        """Return the claim span of a footnote marker at ``pos`` in block ``bi``."""
        block = self.blocks[bi]
        if self._blank(block):
            prev = self._prev_body(bi)
            if prev is None:
                return pos, pos
            prev_block = self.blocks[prev]
            if prev_block.kind == "item":
                span = self._list_claim(prev, prev_block.end)
                if span is not None:
                    return span
            sents = self.sentences(prev)
            return sents[-1] if sents else self._trim(prev_block.start, prev_block.end)
        if block.kind == "item":
            span = self._list_claim(bi, pos)
            if span is not None:
                return span
        if block.kind == "quote" and not self.text[pos : block.end].strip(_TAIL_CHARS):
            return self._block_quote_claim(bi)
        if block.heading:
            return self._trim(block.start, self.passage_end(bi, lead_in=False))
        start, end = self.sentence_at(bi, pos)
        if self.text[start:end].endswith(":") and not self.text[end : block.end].strip():
            return self._trim(start, self.passage_end(bi, lead_in=True))
        opened = self._quote_open(bi, pos)
        if opened is not None:
            quote_start = self.sentence_at(bi, opened + 1)[0]
            stop = end if self.text[pos:end].strip() and not self.text[pos:end].strip(_SENTENCE_END) else pos
            return self._trim(min(start, quote_start), stop)
        return self._unbullet(bi, start, end)

    def _unbullet(self, bi: int, start: int, end: int) -> Span:
        """Drop a list item's bullet or number from the front of a claim taken from the item."""
        if self.blocks[bi].kind == "item" and start == self.blocks[bi].start:
            bullet = _BULLET_RE.match(self.text, start, end)
            if bullet and bullet.end() < end:
                return bullet.end(), end
        return start, end

    def _block_quote_claim(self, bi: int) -> Span:
        """Return a block quotation a marker closes: its uncited paragraphs and a ":" intro."""
        first = bi
        while self._body(first - 1) and self.blocks[first - 1].kind == "quote":
            if self._cited(self.blocks[first - 1]):
                break
            first -= 1
        start = self.blocks[first].start
        intro = first - 1
        if self._body(intro) and self.blocks[intro].kind == "para" and not self._cited(self.blocks[intro]):
            sents = self.sentences(intro)
            if sents and self.text[sents[-1][0] : sents[-1][1]].rstrip().endswith(":"):
                start = sents[-1][0]
        return self._trim(start, self.blocks[bi].end)

    def link_claim(self, bi: int, start: int, end: int) -> Span:
        """Return the claim span of an inline link whose text is ``[start, end)``."""
        covering = [s for s in self.sentences(bi) if s[0] < end and s[1] > start]
        if not covering:
            return self._trim(start, end)
        first, last = covering[0][0], covering[-1][1]
        if len(covering) == 1:
            left, right = clause_bounds(self.text[first:last], start - first, end - first)
            first, last = first + left, first + right
        first, last = self._trim(first, last)
        return self._unbullet(bi, first, last) if first < start else (first, last)
