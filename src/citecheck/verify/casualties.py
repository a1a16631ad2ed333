"""Casualties a page rules out: "wounding several of its crew" against «Ніхто з моряків не постраждав».

Reports of strikes and accidents say who was hurt, and as often that nobody was. A claim that
people were wounded, injured or killed is contradicted when the sentences around its evidence
say that nobody was hurt and none of them reports anybody hurt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.verify.contradict import Conflict, negated
from citecheck.verify.retrieve import PageIndex
from citecheck.verify.text import Token

# Words of a claim that say people were hurt.
CLAIM_HURT_RE = re.compile(r"\b(?:wound|injur|hurt|kill|casualt|dead\b|died\b)\w*", re.IGNORECASE)
# Page phrases that nobody was hurt (Russian, Ukrainian, English).
NOBODY_HURT_RE = re.compile(
    r"(?:никто|ніхто)(?:\s+[^\s.]+){0,3}?\s+не\s+(?:пострадал|ранен|погиб|постраждав|загинув|поранен)|"
    r"пострадавших нет|без пострадавших|жертв нет|без жертв|обошлось без|постраждалих немає|без постраждалих|"
    r"жертв немає|обійшлося без|"
    r"(?:летальн|смертельн)\w*\s+(?:исход|случа|випадк)\w*\s+(?:не\s+(?:зафиксир|зарегистр|зафіксов|зареєстр)\w*|нет|немає)|"
    r"no (?:deaths|fatalities) (?:were|have been|had been) (?:recorded|reported|registered)|"
    r"no(?: one|body|\s+(?:\w+\s+){0,3}?(?:\w+s)) (?:was|were) (?:hurt|injured|killed|wounded)|"
    r"no (?:casualties|injuries|one hurt)|without casualties",
    re.IGNORECASE,
)
# Page words that report somebody hurt («пострадали двое», "injuring two").
HURT_RE = re.compile(
    r"пострадал|ранен|ранил|погиб|травм|госпитализ|постраждал|поранен|загин|шпиталіз|"
    r"\b(?:injur|wound|kill|hurt|died|dead)",
    re.IGNORECASE,
)
# Words of a claim, and of a page, that say people died.
CLAIM_DEATH_RE = re.compile(r"\b(?:kill|dead\b|died\b|death|fatal)", re.IGNORECASE)
DEATH_RE = re.compile(
    r"погиб|загин|умер|помер|скончал|смерт|летальн|\b(?:killed|died|dead|deaths?|fatal)", re.IGNORECASE
)
# Sentences either side of the window read for "nobody was hurt".
REACH = 1
# Strength of the conflict (a contradiction).
NOBODY_STRENGTH = 0.6


def nobody_hurt(
    page: PageIndex, tokens: Sequence[Token], text: str, window: Sequence[int]
) -> Conflict | None:
    """A clause saying people were hurt, near sentences saying nobody was.

    Args:
        page: the prepared page.
        tokens: the clause's words.
        text: the clause's text.
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    claimed = CLAIM_HURT_RE.search(text)
    if not window or claimed is None or negated(tokens):
        return None
    near = page.around(window, REACH)
    denials = [s for s in near if NOBODY_HURT_RE.search(page.segments[s].text)]
    if not denials:
        return None
    # A claim of deaths against «летальных исходов не зафиксировано»: people in hospital are
    # no deaths reported.
    reported = (
        DEATH_RE
        if CLAIM_DEATH_RE.search(text) and DEATH_RE.search(page.segments[denials[0]].text)
        else HURT_RE
    )
    others = [s for s in near if s not in denials and reported.search(page.segments[s].text)]
    if others:
        return None  # the page reports people hurt too (elsewhere in the same report)
    return Conflict("negation", claimed.group(), page.segments[denials[0]].text.strip(), NOBODY_STRENGTH)
