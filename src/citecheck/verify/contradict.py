"""Contradiction signals: negation flips, conflicting numbers and dates, another speaker.

Negation is read from closed-class words (particles and a few verbs of cancelling or
refusing) in English, Russian and Ukrainian; a claim and its evidence sentence disagree
when one is negated and the other is not.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.verify.contrast import contrast_start
from citecheck.verify.dates import DateRef, date_conflict, date_match
from citecheck.verify.numbers import Quantity, quantity_conflict, quantity_match
from citecheck.verify.retrieve import MIN_SKELETON, SKELETON_LENGTH_SLACK, skeleton
from citecheck.verify.text import Token, key_similarity

LOGGER = logging.getLogger(__name__)

# Negating words (lemmas for Cyrillic, lower-case forms for English; closed class).
NEGATION_EN = frozenset(
    [
        "not",
        "no",
        "never",
        "nothing",
        "none",
        "neither",
        "nor",
        "cannot",
        "unlikely",
        "cancelled",
        "canceled",
        "cancel",
        "rather",
        "instead",
        "refused",
        "refuse",
        "refuses",
        "rejected",
        "opposed",
        "exempt",
        "exempted",
        "opposes",
        "objected",
        "denied",
        "halted",
        "scrapped",
    ]
)
NEGATION_CYR = frozenset(
    [
        "не",
        "нет",
        "ни",
        "никто",
        "ничто",
        "ничего",
        "никогда",
        "нигде",
        "отменить",
        "отказаться",
        "отклонить",
        "опровергнуть",
        "сорвать",
        "вряд",
        "ні",
        "немає",
        "немати",  # pymorphy3's lemma of «немає»
        "нема",
        "жоден",
        "ніхто",
        "ніщо",
        "ніколи",
        "скасувати",
        "відмовитися",
        "відхилити",
        "отказать",
        "відмовити",
    ]
)
# Magnitude ratio within which two unit-less numbers are comparable (one may replace the other).
COMPARABLE_RATIO = 5.0
# Name similarity at which two keys name the same person.
NAME_SIMILARITY = 0.8


# Where a sentence's parts end (commas, semicolons, colons, spaced dashes).
PART_RE = re.compile(r"[,;:]\s|\s(?:[—–-]|--)\s")
# Words after "не" that make a bound, not a negation ("не менее тысячи" = at least a thousand).
BOUND_WORDS = frozenset(
    {"менее", "более", "меньше", "больше", "позднее", "позже", "раньше", "ранее", "свыше"}
    | {"менше", "більше", "пізніше", "раніше", "понад"}
)

# "а не" is a contrast, not a negation of the statement: "руководствовались эмоциями, а не
# разумом" (emotion rather than reason) still says they were guided by something (English
# "rather than" and a short "..., not Y" tail likewise; see contrast.py).
# Most words after an English "not" that make a contrasted tail ("..., not declarations").
CONTRAST_TAIL_WORDS = 3
# Words after which "not" negates what follows ("agreed to meet but not to sign" pairs with
# the page's «но не подписывать»).
NEGATION_JOINERS = frozenset({"but", "and", "or", "if", "whether", "yet"})
# Refusals only before "to": "declined to comment" pairs with «отказалась комментировать»,
# while "exports declined" and "the biggest declines" are falls; "failed to reach" is a
# negation, while "the website failed for five hours" is an outage that happened.
DECLINE_WORDS = frozenset({"decline", "declines", "declined", "fail", "fails", "failed"})
# Words before "against" that make it a stance ("came out against", "voted against"), unlike
# "sanctions against Russia" or "it was against these assets that".
OPPOSING_BEFORE = frozenset({"out", "voted", "argued", "campaigned", "lobbied"})
# Words after which "not" negates the verb ("had not", "did not", "will not").
AUXILIARIES = frozenset(
    {"am", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "have", "has", "had"}
    | {"will", "would", "shall", "should", "can", "could", "may", "might", "must", "ought", "need", "dare"}
)


def sentence_parts(text: str, start: int, separators: re.Pattern[str]) -> list[tuple[int, int]]:
    """The (start, end) page offsets of a sentence's parts, the separators left out.

    Args:
        text: the sentence.
        start: its offset in the page.
        separators: where parts end (:data:`PART_RE`, or a narrower pattern).

    Returns:
        The parts in order (the whole sentence when nothing separates it).
    """
    parts = []
    lo = start
    for m in separators.finditer(text):
        parts.append((lo, start + m.start()))
        lo = start + m.end()
    parts.append((lo, start + len(text)))
    return parts


@dataclass(frozen=True, slots=True)
class Conflict:
    """A claim value and the page value that contradicts it."""

    kind: str  # number | scale | date | speaker | negation | antonym | overstated | vague | pending | binding
    claim: str
    page: str
    strength: float


def negated(tokens: Sequence[Token]) -> bool:
    """True when a clause or sentence holds a negating word.

    Args:
        tokens: the tokens of the clause or sentence.

    Returns:
        Whether any token negates.
    """
    for i, token in enumerate(tokens):
        low = token.lemma
        if token.cyr:
            after = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
            if low in NEGATION_CYR and after not in BOUND_WORDS and not contrast_start(tokens, i):
                return True
        elif low == "rather" and i + 1 < len(tokens) and tokens[i + 1].text.lower() == "than":
            continue  # "steps rather than declarations": a contrast, like "а не"
        elif low == "not" and _contrast_tail(tokens, i):
            continue  # "concrete steps, not declarations"
        elif token.text == "No" and i + 1 < len(tokens) and tokens[i + 1].text[:1].isdigit():
            continue  # "Meteor-M No. 2-5": a number sign
        elif low == "short" and i + 1 < len(tokens) and tokens[i + 1].text.lower() == "of":
            return True  # "80 seats, short of the 101 needed for a majority"
        elif (
            low == "against"
            and i
            and tokens[i - 1].lemma in OPPOSING_BEFORE
            and not (i + 1 < len(tokens) and tokens[i + 1].text[:1].isdigit())
        ):
            return True  # "came out against a block" pairs with «не поддерживает блокировку»
        elif low in DECLINE_WORDS:
            if i + 1 < len(tokens) and tokens[i + 1].text.lower() == "to":
                return True  # "declined to comment" (but "exports declined 5%" is no refusal)
        elif low in NEGATION_EN or low.endswith("n't") or low.endswith("n’t"):
            return True
    return False


def _contrast_tail(tokens: Sequence[Token], i: int) -> bool:
    """True for an English "not" that sets a short tail against what precedes it.

    "Moscow expected concrete steps, not declarations" (the verb is affirmed), unlike "had not
    been told" or "did not respond" (an auxiliary before it), "but not to sign" (a joiner) or
    "not all goods" (at the start).
    """
    if i == 0 or len(tokens) - i - 1 > CONTRAST_TAIL_WORDS:
        return False
    return tokens[i - 1].text.lower() not in AUXILIARIES | NEGATION_JOINERS


def comparable(a: Quantity, b: Quantity) -> bool:
    """True when one quantity may stand for the other: the same share unit, or counts within
    COMPARABLE_RATIO of each other (or with the same mantissa)."""
    if a.unit == b.unit == "dur" and a.days > 0 and b.days > 0:
        return max(a.days, b.days) / min(a.days, b.days) <= COMPARABLE_RATIO
    if a.unit != b.unit or a.value <= 0 or b.value <= 0:
        return a.unit == b.unit and a.unit in ("%", "pp")
    ratio = max(a.value, b.value) / min(a.value, b.value)
    return ratio <= COMPARABLE_RATIO or a.mantissa == b.mantissa or _shifted_digits(a.value, b.value)


def _shifted_digits(a: float, b: float) -> bool:
    """True when two figures have the same two or more significant digits, the point shifted
    ("more than 18,000" against «понад 1 800»): a slip of scale, not another count."""

    def digits(value: float) -> str:
        return f"{value:.6e}".split("e")[0].replace(".", "").rstrip("0")

    ratio = max(a, b) / min(a, b)
    power = round(math.log10(ratio))
    shifted = 1 <= power <= 3 and math.isclose(ratio, 10**power)
    return shifted and len(digits(a)) >= 2 and digits(a) == digits(b)


def quantity_conflicts(claim: Quantity, window: Sequence[Quantity]) -> Conflict | None:
    """The window quantity that contradicts a claim quantity, if the claim's is not there.

    Args:
        claim: a quantity of the claim.
        window: the quantities of the evidence window.

    Returns:
        The strongest conflict, or None when the window matches or says nothing comparable.
    """
    if any(quantity_match(claim, q) for q in window):
        return None
    best: Conflict | None = None
    for page in window:
        kind = quantity_conflict(claim, page)
        if not kind:
            continue
        if kind == "scale":
            strength = 1.0
        elif kind in ("value", "bound") and comparable(claim, page):
            strength = 0.8
        elif kind == "value?" and comparable(claim, page) and claim.value >= 10:
            strength = 0.5
        else:
            continue
        conflict = Conflict("scale" if kind == "scale" else "number", claim.text, page.text, strength)
        if best is None or conflict.strength > best.strength:
            best = conflict
    return best


def date_conflicts(claim: DateRef, window: Sequence[DateRef]) -> Conflict | None:
    """The window date that contradicts a claim date, if the claim's date is not there."""
    if any(date_match(claim, d) for d in window):
        return None
    for page in window:
        if date_conflict(claim, page):
            return Conflict("date", claim.text, page.text, 0.8)
    return None


def same_person(keys: Sequence[str], other: Sequence[str]) -> bool:
    """True when any word of one name matches any word of another (by key or vowel-free skeleton).

    Ukrainian г is h in English ("Shmyhal" / «Шмигаль»), Russian г is g: the two letters are one.
    English j is Russian дж ("Jaishankar" / «Джайшанкар»), keyed "i" and "dg"; English u is
    often Russian ю ("Rutte" / «Рютте»), keyed "iu".
    """
    return any(
        key_similarity(a, b) >= NAME_SIMILARITY
        or _same_skeleton(a, b)
        or key_similarity(a.replace("g", "h"), b.replace("g", "h")) >= NAME_SIMILARITY
        or key_similarity(a.replace("dg", "i"), b.replace("dg", "i")) >= NAME_SIMILARITY
        or key_similarity(a.replace("iu", "u"), b.replace("iu", "u")) >= NAME_SIMILARITY
        for a in keys
        for b in other
        if len(a) > 2
    )


def _same_skeleton(a: str, b: str) -> bool:
    """True for keys that differ only in vowels ("trump" ~ "tramp"), as name anchors are matched."""
    bone = skeleton(a)
    return len(bone) >= MIN_SKELETON and abs(len(a) - len(b)) <= SKELETON_LENGTH_SLACK and bone == skeleton(b)
