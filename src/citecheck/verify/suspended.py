"""A suspended sentence told as prison, or prison as a suspended sentence.

Court reports give a term and say whether it is served: «четыре года лишения свободы условно»
is four years suspended, not "sent to prison for four years". A claim that puts someone in
prison is contradicted when every sentence of its evidence that gives a term calls it
suspended; a claim of a suspended sentence is contradicted when the terms its evidence gives
are never called suspended anywhere near.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.verify.contradict import Conflict
from citecheck.verify.retrieve import PageIndex

# A claim that someone is (to be) held in custody.
CLAIM_CUSTODY_RE = re.compile(
    r"\b(?:prison|jail|jailed|gaol|imprison\w*|behind bars|penal colony|colony|incarcerat\w*|locked up)\b",
    re.IGNORECASE,
)
# A claim of a sentence not served in custody.
# ("provisionally suspended" from a sport is no sentence).
CLAIM_SUSPENDED_RE = re.compile(
    r"\bsuspended\s+(?:[\w-]+\s+){0,2}?(?:sentence|term|jail|prison)\w*|\b(?:sentence|term)s?\s+(?:was\s+)?suspended\b"
    r"|\byears?\s+suspended\b|\bprobation\b",
    re.IGNORECASE,
)
# Page words of a suspended sentence or probation (Russian, Ukrainian, English).
PAGE_SUSPENDED_RE = re.compile(
    r"условн\w*|умовн\w*|испытательн\w* срок\w*|випробувальн\w* строк\w*|іспитов\w* строк\w*"
    r"|\bsuspended\b|\bprobation\b",
    re.IGNORECASE,
)
# Page words of a term of years («четыре года», «восьми років», "five years").
PAGE_TERM_RE = re.compile(r"\b(?:год(?:а|у|ам|ами|ах)?|лет|рок(?:у|и|ів|ам)?|рік|years?)\b", re.IGNORECASE)
# Sentences either side of the window read for a suspended sentence.
REACH = 1
# Strength of the conflict (a contradiction).
SUSPENDED_STRENGTH = 0.6


def suspended_conflict(page: PageIndex, text: str, window: Sequence[int]) -> Conflict | None:
    """A claim of prison whose evidence gives only suspended terms, or the other way round.

    Args:
        page: the prepared page.
        text: the clause's text.
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    custody = CLAIM_CUSTODY_RE.search(text)
    suspended = CLAIM_SUSPENDED_RE.search(text)
    if not window or not (custody or suspended):
        return None
    terms = [s for s in window if PAGE_TERM_RE.search(page.segments[s].text)]
    if not terms:
        return None
    told = [s for s in terms if PAGE_SUSPENDED_RE.search(page.segments[s].text)]
    if custody and not suspended and len(told) == len(terms):
        return Conflict("suspended", custody.group(), "suspended", SUSPENDED_STRENGTH)
    near = page.around(window, REACH)
    if suspended and not custody and not any(PAGE_SUSPENDED_RE.search(page.segments[s].text) for s in near):
        return Conflict("suspended", suspended.group(), "a term in custody", SUSPENDED_STRENGTH)
    return None
