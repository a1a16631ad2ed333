"""Ordinals: "the second section" against a page that gives the date to the first, third and fifth.

A clause's ordinal (second to tenth; "first" is left out, it is mostly an idiom: "for the
first time") contradicts its evidence sentences when they hold ordinals of their own and not
the clause's. Page ordinals are read from lemmas (Russian «второй», Ukrainian «другий») and
from digits with a case ending ("2-й", "3-го").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.verify.contradict import Conflict
from citecheck.verify.retrieve import PageIndex
from citecheck.verify.text import Token

# English ordinals a clause may hold (not "first": see the module docstring).
CLAIM_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
# Russian and Ukrainian ordinal lemmas (Russian «другой» is "other", so only Ukrainian «другий»).
PAGE_ORDINALS = {
    "первый": 1, "второй": 2, "третий": 3, "четвёртый": 4, "четвертый": 4, "пятый": 5, "шестой": 6,
    "седьмой": 7, "восьмой": 8, "девятый": 9, "десятый": 10, "перший": 1, "другий": 2, "третій": 3,
    "четвертий": 4, "п'ятий": 5, "шостий": 6, "сьомий": 7, "восьмий": 8, "дев'ятий": 9, "десятий": 10,
}  # fmt: skip
# English ordinals on same-language pages.
EN_PAGE_ORDINALS = {"first": 1, **CLAIM_ORDINALS}
# A digit ordinal: "2-й", "3-го", "2nd", "3rd".
_DIGIT_ORDINAL = re.compile(r"(?<!\d)(10|[1-9])(?:-?(?:й|го|м|я|е|ий|ого|ому|st|nd|rd|th))\b", re.I)
# Strength of the conflict (a different item of a numbered series).
ORDINAL_STRENGTH = 0.6


def _page_ordinals(page: PageIndex, seg: int) -> set[int]:
    found = {(PAGE_ORDINALS if t.cyr else EN_PAGE_ORDINALS).get(t.lemma, 0) for t in page.tokens[seg]}
    found.update(int(m.group(1)) for m in _DIGIT_ORDINAL.finditer(page.segments[seg].text))
    found.discard(0)
    return found


def ordinal_conflict(page: PageIndex, tokens: Sequence[Token], sentences: Sequence[int]) -> Conflict | None:
    """The clause's ordinal, when its evidence sentences number other items and not this one.

    Args:
        page: the prepared page.
        tokens: the clause's words.
        sentences: the clause's core evidence sentences.

    Returns:
        The conflict, or None.
    """
    claimed = {CLAIM_ORDINALS[t.text.lower()]: t.text for t in tokens if t.text.lower() in CLAIM_ORDINALS}
    if not claimed or not sentences:
        return None
    present: set[int] = set()
    for seg in sentences:
        present |= _page_ordinals(page, seg)
    if not present or present & set(claimed):
        return None
    word = next(iter(claimed.values()))
    return Conflict("number", word, page.segments[sentences[0]].text.strip(), ORDINAL_STRENGTH)
