"""Rates and totals: "25 million cubic metres in October" against «середньодобовий імпорт ... 25 млн».

A figure the page gives per day, week, month or year is no total, and a total the page counts
since a date is no yearly rate. A clause whose figure matches a window figure contradicts the
page when the page gives that figure as a rate and the clause, naming a period ("in October"),
gives it as a total; or when the clause gives a rate ("6,000 ships a year") and the page counts
the figure since a date («з серпня 2023 року ... близько шести тисяч суден»).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.verify.claims import Clause
from citecheck.verify.contradict import Conflict
from citecheck.verify.numbers import Quantity, quantity_match
from citecheck.verify.retrieve import PageIndex
from citecheck.verify.text import Segment

# Words of a rate, by period, in the three languages.
_RATE_WORDS = {
    "day": r"среднесуточн\w*|середньодобов\w*|суточн\w*|(?:в|за)\s+сутки|(?:на|за)\s+добу|"
    r"ежедневн\w*|щоденн\w*|щодня|per\s+day|a\s+day|each\s+day|every\s+day|daily|for\s+the\s+day",
    "week": r"в\s+неделю|еженедельн\w*|щотижн\w*|на\s+тиждень|per\s+week|a\s+week|weekly",
    "month": r"в\s+месяц|ежемесячн\w*|щомісячн\w*|щомісяця|на\s+місяць|per\s+month|a\s+month|monthly",
    "year": r"в\s+год|ежегодн\w*|щорічн\w*|щороку|на\s+рік|per\s+year|a\s+year|each\s+year|annual\w*|yearly",
}
# "a year earlier", "a day after": a time, not a rate.
_NOT_RATE_AFTER = r"(?!\s+(?:earlier|later|after|before|ago|previously|old))"
_RATE_RES = {
    period: re.compile(rf"(?<!\w)(?:{words})(?!\w){_NOT_RATE_AFTER}", re.IGNORECASE)
    for period, words in _RATE_WORDS.items()
}
# A count since a month or year (a day is mostly a date a change takes effect: «с 1 января»), or
# a total: «с августа 2023 года», «з початку року», "since 2022", «всего».
_MONTHS_SINCE = (
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|січня|лютого|"
    r"березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|january|february|march|"
    r"april|may|june|july|august|september|october|november|december"
)
_CUMULATIVE_RE = re.compile(
    rf"(?<!\w)(?:с|со|з|із|since)\s+(?:начала|початку|the\s+start|{_MONTHS_SINCE}|\d{{4}})(?!\w)|"
    r"(?<!\w)(?:в\s+общей\s+сложности|всего|загалом|усього|in\s+total|in\s+all)(?!\w)",
    re.IGNORECASE,
)
# A period a clause names for its figure, which makes the figure a total ("in October").
_PERIOD_RE = re.compile(
    r"\b(?:in|during|over|for|last)\s+(?:the\s+)?(?:(?:first|second|third|fourth|past|whole)\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"\d{4}|year|month|quarter|week|half)\b",
    re.IGNORECASE,
)
# Characters either side of a figure read for its rate.
RATE_REACH_BEFORE = 120
RATE_REACH_AFTER = 30
# How well the window figure must match the clause's for the two to be one.
SAME_FIGURE = 0.9
# Strength of the conflict (a contradiction).
RATE_STRENGTH = 0.6


def _rate(text: str, start: int, end: int) -> str:
    """The period a figure is given per ("day", "year", ...), read around it in its sentence
    (``text``): before it back to a semicolon or colon, after it up to a comma, or ""."""
    before = re.split(r"[;:]", text[max(0, start - RATE_REACH_BEFORE) : start])[-1]
    after = re.split(r"[,;:]|\.\s+[A-ZА-ЯІЇЄ]", text[end : end + RATE_REACH_AFTER], maxsplit=1)[0]
    around = before + text[start:end] + after
    for period, pattern in _RATE_RES.items():
        if pattern.search(around):
            return period
    return ""


def _cumulative(text: str, start: int, end: int) -> bool:
    """True when a figure is counted since a date or called a total (``text``: its sentence)."""
    return bool(_CUMULATIVE_RE.search(text[max(0, start - RATE_REACH_BEFORE) : end + RATE_REACH_AFTER]))


def rate_conflict(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """A clause figure that is a rate on the page and a total in the clause, or the reverse.

    Args:
        page: the prepared page.
        clause: the clause (its text and numbers).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    for quantity in clause.quantities:
        if quantity.unit in ("year", "time", "%", "pp", "dur"):
            continue
        claimed = _rate(clause.text, quantity.start - clause.start, quantity.end - clause.start)
        for seg in window:
            for found in page.quantities[seg]:
                if quantity_match(quantity, found) < SAME_FIGURE:
                    continue
                conflict = _mismatch(page.segments[seg], quantity, found, claimed, clause.text)
                if conflict is not None:
                    return conflict
    return None


def _mismatch(
    segment: Segment, quantity: Quantity, found: Quantity, claimed: str, text: str
) -> Conflict | None:
    """The conflict between one clause figure and the window figure it matches, if any."""
    sentence, start, end = segment.text, found.start - segment.start, found.end - segment.start
    given = _rate(sentence, start, end)
    shown = sentence.strip()
    if given and not claimed and _PERIOD_RE.search(text):
        return Conflict("number", f"{quantity.text} (a total)", shown, RATE_STRENGTH)
    if given and claimed and given != claimed:
        return Conflict("number", f"{quantity.text} (per {claimed})", shown, RATE_STRENGTH)
    if claimed and not given and _cumulative(sentence, start, end):
        return Conflict("number", f"{quantity.text} (per {claimed})", shown, RATE_STRENGTH)
    return None
