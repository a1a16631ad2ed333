"""Contrasted tails: "X, а не Y" says X and denies Y.

A page sentence "встреча пройдет в Стамбуле, а не в Женеве" affirms its statement (so "а не"
is no negation of it, see :func:`citecheck.verify.contradict.negated`) but denies the few
words after "а не": a claim that the meeting is in Geneva, or that 500 jobs go where the page
says "300, а не 500", is contradicted there. A claim that denies the same words itself
("in Istanbul, not Geneva", "steps rather than declarations") agrees with the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.verify.text import Token

# Words before "не"/"ні" that make a contrast ("а не", Ukrainian "а не").
CONTRAST_WORDS = frozenset({"а"})
# Most words a contrasted tail runs to (it also ends at punctuation).
TAIL_TOKENS = 4
# Punctuation that ends a contrasted tail.
_TAIL_END = re.compile(r"[,.;:!?()«»\"“”—–]")
# Claim words right before a word the claim itself denies.
_CLAIM_DENIAL = re.compile(r"(?:\bnot|\brather\s+than|\binstead\s+of|\bno)\s+(?:\w+\s+)?$", re.I)


def contrast_start(tokens: Sequence[Token], i: int) -> bool:
    """True when ``tokens[i]`` is the "не" of "а не"."""
    return i > 0 and tokens[i].lemma in ("не", "ні") and tokens[i - 1].text.lower() in CONTRAST_WORDS


def contrasted_spans(text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """The (start, end) offsets in ``text`` of the tails that "а не" denies in a sentence.

    Args:
        text: the text the tokens' offsets point into (the page).
        tokens: one sentence's tokens.

    Returns:
        One span per "а не", from the word after "не" to the tail's last word.
    """
    spans = []
    for i in range(len(tokens)):
        if not contrast_start(tokens, i) or i + 1 >= len(tokens):
            continue
        end = tokens[i + 1].end
        for j in range(i + 2, min(len(tokens), i + 1 + TAIL_TOKENS)):
            if _TAIL_END.search(text[tokens[j - 1].end : tokens[j].start]):
                break
            end = tokens[j].end
        spans.append((tokens[i + 1].start, end))
    return spans


def claim_denies(claim: str, start: int) -> bool:
    """True when the claim itself denies the word at ``start`` ("not Geneva", "rather than 500")."""
    return bool(_CLAIM_DENIAL.search(claim[max(0, start - 30) : start]))


def inside(spans: Sequence[tuple[int, int]], start: int) -> bool:
    """True when ``start`` falls in one of the spans."""
    return any(lo <= start < hi for lo, hi in spans)
