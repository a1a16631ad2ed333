"""The plain-text reader: lines become blocks; hard-wrapped sentences are joined."""

from __future__ import annotations

import logging
import re

from citecheck.articles.doc import RawBlock, RawDoc, Run
from citecheck.articles.text_notes import parse_note_line

LOGGER = logging.getLogger(__name__)

# A bulleted or numbered list item: "- ", "* ", "• ", "1. ", "2) ", "a) ".
ITEM_RE = re.compile(r"^\s*(?:[-*•–·]|\d{1,3}[.)]|[a-z][.)])\s+\S")
# Line ends after which the next line is a new paragraph, not a wrapped continuation.
_TERMINAL = tuple('.!?:;…"”»)')


def _wraps(line: str, nxt: str) -> bool:
    """Return True when ``nxt`` continues the sentence that ``line`` breaks off."""
    head = nxt.lstrip()
    if not head or not head[0].islower() or ITEM_RE.match(nxt) or line.rstrip().endswith(_TERMINAL):
        return False
    last_word = line.split()[-1] if line.split() else ""
    return parse_note_line(line) is None and parse_note_line(nxt) is None and "://" not in last_word


def read_text(raw: str) -> RawDoc:
    """Read a plain-text article into blocks, one per line (wrapped lines joined).

    Args:
        raw: the article's text, newlines normalised to ``\\n``.

    Returns:
        the document; its headings are guessed later from each line's shape.
    """
    lines = raw.split("\n")
    blocks: list[RawBlock] = []
    gap = 0
    list_id = -1
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            gap += 1
            i += 1
            continue
        runs = [Run("text", line)]
        while i + 1 < len(lines) and _wraps(lines[i], lines[i + 1]):
            i += 1
            runs.extend((Run("break", "\n"), Run("text", lines[i].rstrip())))
        is_item = bool(ITEM_RE.match(line))
        if is_item and not (blocks and blocks[-1].kind == "item" and gap <= 1):
            list_id += 1
        blocks.append(
            RawBlock(
                "item" if is_item else "para",
                runs,
                list_id=list_id if is_item else -1,
                sep="\n" * (gap + 1),
            )
        )
        gap = 0
        i += 1
    return RawDoc(blocks, plain_headings=True)
