"""Numbers bound to the wrong predicate: "17 of 28 expected a hold" against "17 из 28 ожидали снижения".

A page sentence may hold both of a claim's predicates, each with its own group ("17 из 28
экспертов ожидали снижения, остальные ... сохранит ставку"): the window-level antonym check
then sees the claim's word and lets it pass. Here the check is made inside the part of the
sentence (between commas, semicolons, colons and dashes) that holds the claim's number: if that
part says the opposite of a claim word (``data/antonyms.tsv``) and not the word itself, the
number belongs to the other group.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from citecheck.verify.antonyms import _attributive, _hit, load_antonyms
from citecheck.verify.claims import Clause
from citecheck.verify.contradict import PART_RE, Conflict, negated
from citecheck.verify.lexicon import _stem, _target_keys
from citecheck.verify.numbers import quantity_match
from citecheck.verify.retrieve import PageIndex

LOGGER = logging.getLogger(__name__)

# Strength of a number bound to the opposite predicate (a contradiction from 0.5).
BINDING_STRENGTH = 0.6
# Smallest match of a claim number with a page number for the page number to be the claim's.
MIN_MATCH = 0.9


def _part(text: str, start: int, position: int) -> tuple[int, int]:
    """The (start, end) page offsets of the part of a sentence around one position."""
    lo, hi = start, start + len(text)
    for m in PART_RE.finditer(text):
        cut = start + m.start()
        if cut < position:
            lo = start + m.end()
        else:
            hi = cut
            break
    return lo, hi


def binding_conflict(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """A claim word whose opposite, not itself, stands in the sentence part holding the claim's number.

    Args:
        page: the prepared page.
        clause: the clause (its numbers and words).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    if not page.cyrillic or not clause.quantities or negated(clause.tokens):
        return None
    opposites = load_antonyms()
    words = [
        (t.text, _stem(t.text))
        for i, t in enumerate(clause.tokens)
        if not t.cyr and _stem(t.text) in opposites and not _attributive(clause.tokens, i)
    ]
    if not words:
        return None
    for seg in window:
        segment = page.segments[seg]
        for q in clause.quantities:
            for p in page.quantities[seg]:
                if quantity_match(q, p) < MIN_MATCH:
                    continue
                lo, hi = _part(segment.text, segment.start, p.start)
                keys = {t.key for t in page.tokens[seg] if lo <= t.start < hi and t.cyr}
                for text, stem in words:
                    if _hit(_target_keys((stem,)), keys):
                        continue
                    for other in opposites[stem]:
                        found = _hit(_target_keys((other,)), keys)
                        if found:
                            part = page.text[lo:hi].strip()
                            return Conflict("binding", f"{q.text} {text}", part, BINDING_STRENGTH)
    return None
