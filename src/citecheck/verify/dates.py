"""Dates and periods in English, Russian and Ukrainian: "18 March" = "18 марта" = "18 березня".

Month names come from dateparser's locale data (nominative, genitive and short forms) and
other cases are reached through pymorphy3 lemmas ("в декабре" -> "декабрь"). Ranges are
expanded to their two ends: "June 20 to 30" = "с 20 по 30 июня" = (20 June), (30 June).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from citecheck.verify.text import WORD_RE, _morph, is_cyrillic

LOGGER = logging.getLogger(__name__)

_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
# Locales whose month names are read.
_LANGS = ("en", "ru", "uk")
# Forms this short are abbreviations: only a date when a day or year stands next to them
# (except the short months' own words: «в июне», «июля», "May").
_ABBREVIATION_MAX = 4
_SHORT_MONTHS = frozenset(
    {"май", "мая", "мае", "маю", "июнь", "июня", "июне", "июль", "июля", "июле", "may", "june", "july"}
)
_DAY_BEFORE_RE = re.compile(
    r"(?:(?:с|від|from|between)\s+)?(?P<d1>\d{1,2})(?:st|nd|rd|th|-?го)?\s*"
    r"(?:(?:[-–—]|по|до|to|and|и|і|та|through)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th|-?го)?\s*)?(?:of\s+)?$",
    re.IGNORECASE,
)
_DAY_AFTER_RE = re.compile(
    r"^\.?\s*(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?!\d|[.,:]\d)"
    r"(?:\s*(?:[-–—]|to|and|through)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?!\d))?",
    re.IGNORECASE,
)
_YEAR_AFTER_RE = re.compile(r"^\.?,?\s*(?P<y>(?:19|20)\d\d)(?!\d)(?:\s*(?:года|году|г\.|року|р\.))?", re.I)
_NUMERIC_RE = re.compile(
    r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?![\d])"
    r"|(?<![\d-])(?P<Y>(?:19|20)\d\d)-(?P<M>[01]\d)-(?P<D>[0-3]\d)(?!\d)"
)
# Readings of a Cyrillic word searched for a month: pymorphy3 ranks «березні», «вересні»,
# «квітні», «грудні», «січні» (in March, September, April, December, January) as other words
# first (the month is the seventh reading of «січні»).
_MONTH_READINGS = 10
# "Since the start of the year" is since January: «с начала года», «від початку року», "since the
# beginning of 2026".
_YEAR_START_RE = re.compile(
    r"\b(?:(?:the\s+)?(?:start|beginning|outset)\s+of\s+(?:the\s+|this\s+)?(?:year\b|(?P<y>(?:19|20)\d\d)\b)"
    r"|(?:начала|начале|початку)\s+(?:этого\s+|текущего\s+|цього\s+|поточного\s+)?(?:года|року)\b"
    r"|(?:начала|начале|початку)\s+(?P<y2>(?:19|20)\d\d)\s+(?:года|року)\b)",
    re.IGNORECASE,
)
# Periods of a year, read as their first and last months: "the third quarter" / «III квартал» =
# July to September; "the first half" / «первое полугодие» = January to June; "the first nine
# months of 2025" / «девяти месяцев 2025 года» = January to September.
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "перв": 1, "перш": 1, "втор": 2, "друг": 2, "трет": 3, "четверт": 4, "четвёрт": 4,
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
}  # fmt: skip
_MONTH_COUNTS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7,
    "восьми": 8, "девяти": 9, "десяти": 10, "одиннадцати": 11, "двох": 2, "трьох": 3, "чотирьох": 4,
    "п'яти": 5, "дев'яти": 9, "одинадцяти": 11,
}  # fmt: skip
_YEAR_TAIL = (
    r"(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"
    r"|\s+(?:of\s+the\s+year|(?:этого|текущего|цього|поточного)\s+(?:года|року)))"
)
_QUARTER_RE = re.compile(
    r"\b(?:(?:the\s+)?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
    r"|(?P<r>перв|втор|трет|четв[её]рт|перш|друг|I{1,3}|IV|[1-4])(?:\w*|-?м|-?й)\s+квартал\w*"
    r"|Q(?P<q>[1-4]))" + _YEAR_TAIL + "?",
    re.IGNORECASE,
)
_HALF_RE = re.compile(
    r"\b(?:(?:the\s+)?(?P<o>first|second)\s+half|(?P<r>перв|втор|перш|друг)\w*\s+(?:полугоди|півріч)\w*|H(?P<q>[12]))"
    + _YEAR_TAIL
    + "?",
    re.IGNORECASE,
)
_MONTHS_RE = re.compile(
    r"\b(?:(?:the\s+)?first\s+)?(?P<n>\d{1,2}|[a-zа-яёіїє']+)\s+(?:months|месяцев|місяців)" + _YEAR_TAIL,
    re.IGNORECASE,
)
# Months' adjectives in Russian and Ukrainian (lemmas), and the endings their forms take.
_MONTH_ADJECTIVES = {
    word: number
    for number, words in enumerate(
        (
            ("январский", "січневий"), ("февральский", "лютневий"), ("мартовский", "березневий"),
            ("апрельский", "квітневий"), ("майский", "травневий"), ("июньский", "червневий"),
            ("июльский", "липневий"), ("августовский", "серпневий"), ("сентябрьский", "вересневий"),
            ("октябрьский", "жовтневий"), ("ноябрьский", "листопадовий"), ("декабрьский", "грудневий"),
        ),
        start=1,
    )
    for word in words
}  # fmt: skip
_ADJECTIVE_ENDS: tuple[str, ...] = (
    "ий", "ый", "ой", "ая", "ое", "ые", "ого", "ому", "ом", "ей", "ую", "их", "ым", "ими",
    "ыми", "я", "е", "і", "ої", "ою", "ім", "им", "ій",
)  # fmt: skip
# Weekday names are not anchors, but a day number after them belongs to the date.
_LAST_DAY = 31


@dataclass(frozen=True, slots=True)
class DateRef:
    """A calendar date or month in a text; missing parts are None."""

    day: int | None
    month: int
    year: int | None
    start: int
    end: int
    text: str
    period: bool = False  # an end of a quarter, half or count of months (never a conflict)


@lru_cache(maxsize=1)
def _month_forms() -> dict[str, int]:
    """Every month form dateparser knows for English, Russian and Ukrainian."""
    from dateparser.languages.loader import default_loader

    forms: dict[str, int] = {}
    for lang in _LANGS:
        info = default_loader.get_locale(lang).info
        for number, key in enumerate(_MONTH_KEYS, start=1):
            for form in info.get(key, []):
                forms[str(form).lower()] = number
    return forms


@lru_cache(maxsize=50_000)
def month_of(word: str) -> tuple[int, bool] | None:
    """The month a word names and whether it is an abbreviation, or None."""
    low = word.lower().rstrip(".")
    forms = _month_forms()
    if low in forms:
        return forms[low], len(low) <= _ABBREVIATION_MAX and low not in _SHORT_MONTHS
    # «октябрьского опроса», «жовтневого»: a month's adjective in lower case names the month (in
    # capitals it is a name: «Октябрьский район»).
    if is_cyrillic(low) and word[:1].islower() and low.endswith(_ADJECTIVE_ENDS):
        for lang in ("ru", "uk"):
            for parse in _morph(lang).parse(low)[:_MONTH_READINGS]:
                month = _MONTH_ADJECTIVES.get(str(parse.normal_form))
                if month:
                    return month, False
    # «в мае», «маю»: the short month's other cases are read through its lemma too.
    if is_cyrillic(low) and (len(low) > _ABBREVIATION_MAX or low.startswith(("ма", "июн", "июл"))):
        for lang in ("ru", "uk"):
            for parse in _morph(lang).parse(low)[:_MONTH_READINGS]:
                form = str(parse.normal_form)
                if lang == "uk" and form in _SHORT_MONTHS:
                    continue  # Ukrainian «має» (has) reads as the name Мая, not Russian «мая»
                if form in forms and (len(form) > _ABBREVIATION_MAX or form in _SHORT_MONTHS):
                    return forms[form], False
    return None


def extract_dates(text: str) -> list[DateRef]:
    """Find the dates (day and month, month and year, ranges) in a text.

    Args:
        text: English, Russian or Ukrainian text.

    Returns:
        The dates in order of position; a range gives one date per end.
    """
    found: list[DateRef] = []
    for match in _NUMERIC_RE.finditer(text):
        day, month, year = (match.group("d"), match.group("m"), match.group("y"))
        if day is None:
            day, month, year = match.group("D"), match.group("M"), match.group("Y")
        if 1 <= int(day) <= _LAST_DAY and 1 <= int(month) <= 12:
            found.append(DateRef(int(day), int(month), int(year), match.start(), match.end(), match.group()))
    for match in WORD_RE.finditer(text):
        offset = match.start()
        for word in re.split(r"[-–—]", match.group()):  # «январе—июне» is two months
            start, offset = offset, offset + len(word) + 1
            month_info = month_of(word)
            if month_info is None or (word.lower() == "may" and not word[0].isupper()):
                continue
            month, abbreviation = month_info
            found.extend(_around_month(text, start, start + len(word), month, abbreviation))
    found.extend(_periods(text))
    ends = _year_ends(text)
    found = [d for d in found if not any(e.start <= d.start < e.end for e in ends)] + ends
    for match in _YEAR_START_RE.finditer(text):
        year = match.group("y") or match.group("y2")
        found.append(DateRef(None, 1, int(year) if year else None, match.start(), match.end(), match.group()))
    found.sort(key=lambda d: d.start)
    return found


# The end of a year, read as its last day: "until the end of the year", «до конца 2026 года».
_YEAR_END_RE = re.compile(
    r"\b(?:the\s+)?end\s+of\s+(?:the\s+year|this\s+year|(?P<y>(?:19|20)\d\d))\b|\byear-end\b"
    r"|(?<!\w)(?:конец|конц[аеу]|кінець|кінц[яюі]|наприкінці)\s+(?:(?:этого|текущего|цього|поточного)\s+)?"
    r"(?:года|року|(?P<y2>(?:19|20)\d\d)\s+(?:года|г\.|року|р\.))",
    re.IGNORECASE,
)
# The last day of December.
_DECEMBER_END = 31


def _year_ends(text: str) -> list[DateRef]:
    """Ends of a year as 31 December ("by the end of the year" against «до 30 сентября»)."""
    found = []
    for match in _YEAR_END_RE.finditer(text):
        year = match.group("y") or match.group("y2")
        found.append(
            DateRef(_DECEMBER_END, 12, int(year) if year else None, match.start(), match.end(), match.group())
        )
    return found


def _periods(text: str) -> list[DateRef]:
    """Quarters, halves and counts of months of a year as their first and last months."""
    found: list[DateRef] = []
    for pattern, length in ((_QUARTER_RE, 3), (_HALF_RE, 6)):
        for match in pattern.finditer(text):
            word = (match.group("o") or match.group("r") or match.group("q") or "").lower()
            number = _ORDINALS.get(word) or next((n for k, n in _ORDINALS.items() if word.startswith(k)), 0)
            if not number or number * length > 12:
                continue
            found.extend(_span(match, (number - 1) * length + 1, number * length))
    for match in _MONTHS_RE.finditer(text):
        word = match.group("n").lower()
        count = int(word) if word.isdigit() else _MONTH_COUNTS.get(word, 0)
        if 1 < count < 12:
            found.extend(_span(match, 1, count))
    return found


def _span(match: re.Match[str], first: int, last: int) -> list[DateRef]:
    year = int(match.group("y")) if match.group("y") else None
    return [
        DateRef(None, m, year, match.start(), match.end(), match.group(), period=True) for m in (first, last)
    ]


def _around_month(text: str, start: int, end: int, month: int, abbreviation: bool) -> list[DateRef]:
    """Read the day(s) and year around a month word."""
    before = _DAY_BEFORE_RE.search(text[max(0, start - 40) : start])
    days: list[int] = []
    span_start, span_end = start, end
    if before:
        days = [int(d) for d in (before.group("d1"), before.group("d2")) if d]
        span_start = start - (len(text[max(0, start - 40) : start]) - before.start())
    else:
        after = _DAY_AFTER_RE.match(text[end : end + 30])
        if after and not re.match(r"^\.?\s*\d{4}", text[end : end + 8]):
            days = [int(d) for d in (after.group("d1"), after.group("d2")) if d]
            span_end = end + after.end()
    year_match = _YEAR_AFTER_RE.match(text[span_end : span_end + 20])
    year = int(year_match.group("y")) if year_match else None
    if year_match:
        span_end += year_match.end()
    days = [d for d in days if 1 <= d <= _LAST_DAY]
    if abbreviation and not days and year is None:
        return []
    if (
        not abbreviation
        and not days
        and year is None
        and not text[start].isupper()
        and not is_cyrillic(text[start])
    ):
        return []
    snippet = text[span_start:span_end]
    if not days:
        return [DateRef(None, month, year, span_start, span_end, snippet)]
    return [DateRef(d, month, year, span_start, span_end, snippet) for d in days]


def date_match(claim: DateRef, page: DateRef) -> float:
    """How well a page date matches a claim date: 1 same, <1 less specific, 0 different.

    Args:
        claim: the date from the claim.
        page: a date from the page.

    Returns:
        A similarity in 0..1.
    """
    if claim.month != page.month:
        return 0.0
    if claim.year is not None and page.year is not None and claim.year != page.year:
        return 0.0
    if claim.day is not None and page.day is not None:
        return 1.0 if claim.day == page.day else 0.0
    if claim.day is not None:
        return 0.6  # the page names only the month
    return 1.0 if page.day is None else 0.9


def date_conflict(claim: DateRef, page: DateRef) -> bool:
    """True when a page date of the same precision differs from the claim's date (a period's
    months lie between its ends: "May" is not contradicted by "the first half")."""
    if claim.period or page.period or date_match(claim, page):
        return False
    if claim.day is not None and page.day is not None:
        return True
    if claim.year is not None and page.year is not None and claim.year != page.year:
        return claim.month == page.month
    return claim.day is None and page.day is None and claim.month != page.month
