"""Direction read from the page's figures: "lowered its forecast" against «до 10,3% з 9,7%».

A page often gives a change only as its two ends ("from 9.7% to 10.3%", «с 16% до 17,5%»,
«до 10,3% з 9,7%») or as a figure set against an earlier one («680 ... против 685 в 2024
году»), with a verb the word lists do not know («погіршив прогноз»). The direction then lies in
the numbers. A clause that says the opposite (a word of the rise/fall pair of
``data/antonyms.tsv``) is contradicted.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Sequence
from functools import lru_cache

from citecheck.verify.antonyms import _attributive, load_rows
from citecheck.verify.contradict import Conflict
from citecheck.verify.lexicon import _stem, _target_keys
from citecheck.verify.numbers import Quantity, quantity_match
from citecheck.verify.retrieve import PageIndex
from citecheck.verify.text import Token, prefix_hit

LOGGER = logging.getLogger(__name__)


# Strength of a direction the page's figures contradict (a contradiction from 0.5).
DIRECTION_STRENGTH = 0.6
# Smallest match of a claim figure with one end of a change for the change to be the claim's
# (a bound counts: "above 70 per cent" and 70.9%).
MIN_MATCH = 0.8
# Prepositions after "up"/"down" that make them a change ("up on 2024", "down from 9.7%").
CHANGE_PREPOSITIONS = frozenset({"on", "from", "by"})
# Characters between two figures that may still join them ("680 млрд кубометров против 685").
JOIN_REACH = 40
# "from A to B": the text before A and between A and B.
_FROM_BEFORE = re.compile(r"(?:^|\s)(?:с|со|з|із|from)\s*$", re.IGNORECASE)
_TO_BETWEEN = re.compile(r"^[^\d.;:]{0,25}?\s(?:до|to)\s*$|^\s*(?:до|to)\s*$", re.IGNORECASE)
# "to B from A" («до 10,3% з 9,7%»).
_TO_BEFORE = re.compile(r"(?:^|\s)(?:до|to)\s*$", re.IGNORECASE)
_FROM_BETWEEN = re.compile(
    r"^[^\d.;:]{0,25}?\s(?:с|со|з|із|from)\s*$|^\s*(?:с|со|з|із|from)\s*$", re.IGNORECASE
)
# "A, down from B" / "A, up from a record B" (B the earlier figure).
_DOWN_FROM_BETWEEN = re.compile(
    r"(?:down|up)\s+from\s+(?:an?\s+)?(?:record\s+)?(?:(?:high|low|peak)\s+of\s+)?$", re.I
)
# "A against B" (B the earlier figure).
_AGAINST_BETWEEN = re.compile(
    r"(?:против|проти|порівняно з|по сравнению с|compared with|compared to|against|vs\.?)\s*$", re.IGNORECASE
)


# Words after a share that compare it with an earlier one ("4% more than a year earlier").
_MORE = frozenset({"more", "higher", "up", "ahead", "above"})
_LESS = frozenset({"less", "lower", "fewer", "down", "behind", "below"})


def _compared(tokens: Sequence[Token], quantities: Sequence[Quantity]) -> int:
    """+1 for a share followed by "more"/"higher"/"ahead", -1 by "less"/"lower"/"behind", else 0."""
    for q in quantities:
        if q.unit not in ("%", "pp"):
            continue
        after = next((t.text.lower() for t in tokens if t.start >= q.end), "")
        if after in _MORE:
            return 1
        if after in _LESS:
            return -1
    return 0


@lru_cache(maxsize=1)
def rise_and_fall() -> tuple[frozenset[str], frozenset[str]]:
    """The stems of the rise and the fall groups (the antonym row that holds "increase")."""
    for up, down in load_rows():
        if "increas" in up:
            return frozenset(up), frozenset(down)
    return frozenset(), frozenset()


def claim_direction(tokens: Sequence[Token], quantities: Sequence[Quantity] = ()) -> int:
    """+1 when a clause says a thing rose, -1 when it fell, 0 when neither or both."""
    up, down = rise_and_fall()
    stems = {_stem(t.text) for i, t in enumerate(tokens) if not t.cyr and not _attributive(tokens, i)}
    # "up on 2024", "down from 9.7%", "up by a third": the adverb of a change.
    adverbs = {
        t.text.lower() for t, after in itertools.pairwise(tokens) if after.text.lower() in CHANGE_PREPOSITIONS
    }
    compared = _compared(tokens, quantities)
    says_up = bool(stems & up or "up" in adverbs or compared > 0)
    says_down = bool(stems & down or "down" in adverbs or compared < 0)
    return 0 if says_up == says_down else (1 if says_up else -1)


def figure_changes(text: str, offset: int, quantities: Sequence[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """(earlier, later) pairs of same-unit figures that a sentence gives as a change's two ends.

    Args:
        text: the page text.
        offset: where the sentence starts (quantities carry page offsets).
        quantities: the sentence's figures, in order.

    Returns:
        The pairs found.
    """
    pairs = []
    for a, b in itertools.pairwise(quantities):
        if a.unit != b.unit or a.unit in ("year", "time") or b.start - a.end > JOIN_REACH:
            continue
        before = text[max(offset, a.start - 8) : a.start]
        between = text[a.end : b.start]
        if _FROM_BEFORE.search(before) and _TO_BETWEEN.search(between):
            pairs.append((a, b))
        elif _AGAINST_BETWEEN.search(between) or _DOWN_FROM_BETWEEN.search(between):
            pairs.append((b, a))  # "680 против 685": the second figure is the earlier one
        elif _TO_BEFORE.search(before) and _FROM_BETWEEN.search(between):
            pairs.append((b, a))
    return pairs


def direction_conflict(
    page: PageIndex, tokens: Sequence[Token], quantities: Sequence[Quantity], core: Sequence[int]
) -> Conflict | None:
    """A clause's rise or fall that the change its core sentence gives in figures reverses.

    Args:
        page: the prepared page.
        tokens: the clause's words.
        quantities: the clause's figures (a pair must hold one of them, when there are any).
        core: the window's sentences that hold the clause best.

    Returns:
        The conflict, or None.
    """
    direction = claim_direction(tokens, quantities)
    if not direction:
        return None
    up, down = rise_and_fall()
    own = {k for stem in (up if direction > 0 else down) for k in _target_keys((stem,))}
    other = {k for stem in (down if direction > 0 else up) for k in _target_keys((stem,))}
    compared = bool(_compared(tokens, quantities))
    for seg in core:
        keys = {t.key for t in page.tokens[seg]}
        if prefix_hit(own, keys):
            continue  # the sentence says the claim's direction in words
        opposite = prefix_hit(other, keys) if compared and page.cyrillic else ""
        if opposite:  # "4% more than a year earlier" against «на 4% меньше, чем годом ранее»
            return Conflict("direction", "rose" if direction > 0 else "fell", opposite, DIRECTION_STRENGTH)
        segment = page.segments[seg]
        for earlier, later in figure_changes(page.text, segment.start, page.quantities[seg]):
            if quantities and not any(
                quantity_match(q, p) >= MIN_MATCH for q in quantities for p in (earlier, later)
            ):
                continue
            change = later.value - earlier.value
            if change and (change > 0) != (direction > 0):
                shown = f"{earlier.text} → {later.text}"
                return Conflict("direction", "rose" if direction > 0 else "fell", shown, DIRECTION_STRENGTH)
    return None
