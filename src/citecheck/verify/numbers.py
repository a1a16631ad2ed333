"""Quantities in English, Russian and Ukrainian text: digits, number words, scales, percent.

``6,000`` = ``6 тыс.`` = ``шесть тысяч``; ``3.786 trillion`` = ``3,786 трлн``; ``90 per cent``
= ``90 процентов``; ``100 basis points`` = ``1 percentage point``. Each quantity keeps its value,
unit, the scale it was written with and how approximate it is, so that a changed number or a
changed scale (billion for trillion) can be told from a match.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from citecheck.verify.text import _morph, is_cyrillic

LOGGER = logging.getLogger(__name__)

# Number words by lemma (closed class). "One" counts only before a scale or unit ("one of").
_EN_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "one": 1, "twice": 2, "thrice": 3,
}  # fmt: skip
_RU_WORDS = {
    "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
    "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "четыреста": 400,
    "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
    "полтора": 1.5, "оба": 2, "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5,
    "чотири": 4, "п'ять": 5, "шість": 6, "сім": 7, "вісім": 8, "дев'ять": 9, "одинадцять": 11,
    "дванадцять": 12, "тринадцять": 13, "чотирнадцять": 14, "п'ятнадцять": 15, "шістнадцять": 16,
    "сімнадцять": 17, "вісімнадцять": 18, "дев'ятнадцять": 19, "двадцять": 20, "тридцять": 30,
    "п'ятдесят": 50, "шістдесят": 60, "сімдесят": 70, "вісімдесят": 80, "дев'яносто": 90,
    "двісті": 200, "чотириста": 400, "п'ятсот": 500, "шістсот": 600, "сімсот": 700,
    "вісімсот": 800, "дев'ятсот": 900, "двоє": 2, "троє": 3, "один": 1, "шестеро": 6, "семеро": 7,
    "п'ятеро": 5, "шістеро": 6, "восьмеро": 8, "вісьмеро": 8,
    "дважды": 2, "трижды": 3, "четырежды": 4, "двічі": 2, "тричі": 3, "чотирічі": 4,
    "десяток": 10, "десятка": 10, "десятку": 10, "десятком": 10, "дюжина": 12, "дюжины": 12,
}  # fmt: skip
# Words that are a count of times by themselves ("twice a year", «дважды в год»).
_MULTIPLICATIVE = frozenset(
    {"twice", "thrice", "дважды", "трижды", "четырежды", "двічі", "тричі", "чотирічі"}
)
# A count of times after a number ("four times a year", «три раза», «чотири рази»).
_TIMES_RE = re.compile(r"\s+(?:times|раза?|рази|разів)\b", re.IGNORECASE)
# Scale words by prefix, longest first (abbreviations with or without a dot).
_WORD_SCALES: tuple[tuple[str, float], ...] = (
    ("trillion", 1e12), ("tn", 1e12), ("трлн", 1e12), ("триллион", 1e12), ("трильйон", 1e12),
    ("billion", 1e9), ("bcm", 1e9), ("bn", 1e9), ("млрд", 1e9), ("миллиард", 1e9), ("мільярд", 1e9),
    ("million", 1e6), ("mln", 1e6), ("mn", 1e6), ("млн", 1e6), ("миллион", 1e6), ("мільйон", 1e6),
    ("thousand", 1e3), ("тыс", 1e3), ("тысяч", 1e3), ("тис", 1e3), ("тисяч", 1e3),
)  # fmt: skip
# "m" glued to an amount of money ("$500m") is millions; the sign and digits before it.
_MONEY_MILLIONS_RE = re.compile(r"m(?![^\W\d_])")
_CURRENCY_BEFORE_RE = re.compile(r"[$€£]\d[\d.,]*$")
# Power and energy: "21.4 GW" is "21 437 МВт" = "21.4 gigawatts" (watts, or watt-hours, in both);
# the short scales only as whole words (with "h" for watt-hours).
_POWER_SCALES: tuple[tuple[str, float], ...] = (
    ("tw", 1e12), ("твт", 1e12), ("gw", 1e9), ("гвт", 1e9), ("mw", 1e6), ("мвт", 1e6),
    ("kw", 1e3), ("квт", 1e3),
    ("terawatt", 1e12), ("тераватт", 1e12), ("терават", 1e12), ("gigawatt", 1e9), ("гигаватт", 1e9),
    ("гігават", 1e9), ("megawatt", 1e6), ("мегаватт", 1e6), ("мегават", 1e6), ("kilowatt", 1e3),
    ("киловатт", 1e3), ("кіловат", 1e3),
)  # fmt: skip
_SCALES = _WORD_SCALES + _POWER_SCALES
_POWER = frozenset(prefix for prefix, _ in _POWER_SCALES)
_SCALE_RE = re.compile(
    r"(?:" + "|".join(sorted((re.escape(s) for s, _ in _SCALES), key=len, reverse=True)) + r")\w*\.?",
    re.IGNORECASE,
)
# Units after a number: percent, percentage points, basis points.
_UNIT_RE = re.compile(
    r"%|per\s?cent\b|percent\b|процент\w*|відсот\w*|проц\.|"
    r"(?P<pp>percentage\s+points?\b|п\.\s?п\.|процентн\w+\s+пункт\w*|відсотков\w+\s+пункт\w*)|"
    r"(?P<bp>basis\s+points?\b|б\.\s?п\.|базисн\w+\s+пункт\w*|bps?\b)",
    re.IGNORECASE,
)
# Words before a number that make it approximate or a bound.
_APPROX_RE = re.compile(
    r"(?:about|around|roughly|nearly|almost|approximately|some|close to|up to|около|почти|порядка|"
    r"примерно|приблизительно|близько|майже|приблизно)\s*$",
    re.IGNORECASE,
)
_MORE_RE = re.compile(
    r"\b(?:(?<!no )more than|over|above|at least|in excess of|upwards of|no (?:fewer|less) than|"
    r"не (?:менее|меньше|менше)|(?<!не )(?:более|свыше|больше|більше)|понад|"
    r"щонайменше|принаймні|как минимум|минимум|мінімум)\s*$",
    re.IGNORECASE,
)
_LESS_RE = re.compile(
    r"\b(?:less than|under|below|fewer than|no more than|at most|не (?:более|больше|більше)|"
    r"(?<!не )(?:менее|меньше|менше)|нижче|щонайбільше|как максимум|максимум)\s*$",
    re.IGNORECASE,
)
# A number in digits, with thousands groups (comma, dot, space) and a decimal part.
# A number glued to a scale or unit keeps its decimals ("$32.1bn", "4.5km").
_DIGITS_RE = re.compile(
    r"(?<![\w.,])\d+(?:[ \u00a0\u202f]\d{3}(?!\d))*(?:[.,]\d+)*(?![\w])(?![.,]\d)"
    r"|(?<![\d.,])\d+(?:[.,]\d+)?(?=[^\W\d_])"
)
_TIME_RE = re.compile(r"(?<!\d)([01]?\d|2[0-3])[:.]([0-5]\d)(?!\d|[.,]\d)")
# What stands before a clock time written with a dot ("at 10.30", «в 10.30», «до 18.00»); without
# it "4.32" is a decimal.
_CLOCK_BEFORE_RE = re.compile(
    r"\b(?:at|by|from|until|till|to|before|after|around|about|в|с|со|до|к|по|о|об|від|з|із|на)\s+$",
    re.IGNORECASE,
)
# What may follow a clock time written with a dot: the end, punctuation, a zone or a
# preposition ("at 10.30 on Monday", «в 10.30 по Москве»); "from 1.34 km", "at 4.32 hryvnias"
# are decimals.
_CLOCK_AFTER_RE = re.compile(
    r"\s*(?:$|[.,;:!?)\]»\"”—–-]|(?:on|in|local|gmt|utc|cet|msk|мск|по|утра|вечера|дня|ночи|години|"
    r"часов|часа|hours?|hrs?|h|and|to|until|till|и|і|та|до|за|у|в|на)\b)",
    re.IGNORECASE,
)
# An English clock time with a.m. or p.m. ("6 a.m.", "10.30pm", "noon" is left alone).
_AMPM_RE = re.compile(r"(?<![\d.,])(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s?([ap])\.?\s?m\b\.?", re.IGNORECASE)
# Joiners between the two ends of a range: the first end takes the second's unit and scale.
_RANGE_RE = re.compile(r"^\s*(?:[-–—]|to|and|до|по|и|і|та)\s*$", re.IGNORECASE)
# Two counts joined as a share: "18 of 27", «18 из 27», «из 27 опрошенных аналитиков 18».
_COUNT_SHARE_RE = re.compile(
    r"(?<![\d.,])(?P<n>\d{1,5})\s+(?:из|із|з|of|out of)\s+(?P<m>\d{1,6})(?![\d.,%])"
    r"|\b(?:из|із|з)\s+(?P<m2>\d{1,6})\s+(?:[^\W\d]+\s+){1,3}(?P<n2>\d{1,5})(?![\d.,%])",
    re.IGNORECASE,
)
# Years are plain integers in this range written without scale or unit.
YEAR_MIN, YEAR_MAX = 1900, 2100
# How far past a bound a page figure may lie and still be what "more than 20,000" rounds
# (not a million elsewhere in the sentence).
BOUND_REACH = 2.0
# Most years a span written with a short end covers ("2022-23", "1998-2005" is written out).
_SHORT_YEAR_SPAN = 10
# Relative tolerance of an approximate claim ("about 12 hours" against "12.5 hours").
APPROX_TOLERANCE = 0.06
# Relative tolerance between durations in different units ("a year" against «12 месяцев»).
DURATION_TOLERANCE = 0.03
# A share written as a fraction: "by about a third", "two thirds of", «на треть», «половину».
_FRACTION_RE = re.compile(
    r"(?<![\w-])(?:(?P<num>a|one|two|three|four|две|дві|одну|одна)[\s-]+)?"
    r"(?P<den>half|halves|thirds?|quarters?|fifths?|половин[аиуеы]|трет(?:ь|и|ью)|третин[аиуі]|"
    r"четверт(?:ь|и|ью)|чверт(?:ь|і|ю))\b",
    re.IGNORECASE,
)
_FRACTION_DEN = {"hal": 2, "пол": 2, "thi": 3, "тре": 3, "qua": 4, "чет": 4, "чве": 4, "fif": 5}
_FRACTION_NUM = {"two": 2, "две": 2, "дві": 2, "three": 3, "four": 4}
# What must stand before an English fraction for it to be a share ("fell by a third", "to
# half"), unless "of" follows ("a third of its staff"); not "the first half of the year".
_FRACTION_BEFORE_RE = re.compile(
    r"\b(?:by|to|at|over|under|than|about|around|roughly|nearly|almost|some|only|just|more|less)\s+$",
    re.IGNORECASE,
)
_FRACTION_PERIOD_RE = re.compile(
    r"\b(?:first|second|the|this|that|last|next|перв\w+|втор\w+|перш\w+|друг\w+)\s+$", re.IGNORECASE
)
# A duration after a number ("two years", «19 місяців», «9 годам», "60 days"); not a compound
# ("a five-year term", "a 12-year-old": the counted noun reads them) or a year («2025 года»).
_DURATION_RE = re.compile(
    r"\s?(?P<u>years?|months?|weeks?|days?|лет|год(?:а|у|ам|ами|ах)?|месяц\w*|недел\w*|дн(?:я|ей|ям|ями)|день|"
    r"сут(?:ок|ки)|рок(?:и|ів|ам|ами)?|рік|місяц\w*|тиж(?:ні|нів|нями|день)\w*|днів|дні|доб[иу]?)\b(?![-‑]old)",
    re.IGNORECASE,
)
_DURATION_UNITS = (
    ("year", 365.25),
    ("лет", 365.25),
    ("год", 365.25),
    ("рок", 365.25),
    ("рік", 365.25),
    ("month", 30.44),
    ("месяц", 30.44),
    ("місяц", 30.44),
    ("week", 7.0),
    ("недел", 7.0),
    ("тиж", 7.0),
)
# Tokens of number words: letters with inner apostrophes or hyphens.
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a text, normalised to its value with scale and unit."""

    value: float
    unit: str  # "" | "%" | "pp" | "year" | "time" (of day) | "times" (a count of times)
    start: int
    end: int
    text: str
    mantissa: float
    scale: float = 1.0
    decimals: int = 0
    approx: bool = False
    bound: str = ""  # "" | ">" | "<"
    words: bool = False
    days: float = 0.0  # a duration's length in days (unit "dur"), else 0


def _parse_digits(raw: str, cyrillic: bool) -> tuple[float, int] | None:
    """Value and decimal places of a digit string; commas are decimal in Cyrillic text."""
    text = re.sub(r"[ \u00a0\u202f]", "", raw)
    if "," in text and "." in text:
        text = (
            text.replace(",", "")
            if text.rfind(".") > text.rfind(",")
            else text.replace(".", "").replace(",", ".")
        )
    elif "," in text:
        parts = text.split(",")
        if cyrillic or len(parts) != 2 or len(parts[1]) != 3:
            if len(parts) > 2 and all(len(p) == 3 for p in parts[1:]):
                text = "".join(parts)
            else:
                text = text.replace(",", ".", 1).replace(",", "")
        else:
            text = "".join(parts)
    elif text.count(".") > 1:
        text = text.replace(".", "")
    try:
        value = float(text)
    except ValueError:
        return None
    decimals = len(text.split(".")[1]) if "." in text else 0
    return value, decimals


@lru_cache(maxsize=50_000)
def _word_value(word: str) -> float | None:
    """The value of one number word (English, Russian or Ukrainian), or None."""
    low = word.lower().replace("’", "'")
    if not is_cyrillic(low):
        return _EN_WORDS.get(low)
    if low in _RU_WORDS:
        return _RU_WORDS[low]
    for lang in ("ru", "uk"):
        for parse in _morph(lang).parse(low):
            pos, form = str(parse.tag.POS), parse.normal_form
            if form in _RU_WORDS and (pos == "NUMR" or form in ("оба", "полтора", "один")):
                return _RU_WORDS[form]
    return None


def _scale_at(text: str, pos: int) -> tuple[float, int]:
    """A scale word right after ``pos`` (value and end offset), or (1, pos)."""
    at = pos + len(text[pos:]) - len(text[pos:].lstrip())
    if text[pos : pos + 1] == "-" and text[pos + 1 : pos + 2].isalpha():
        at = pos + 1  # "a 25-million-rouble fine", "a $1.2-billion deal"
    match = _SCALE_RE.match(text, at)
    if not match:
        if _MONEY_MILLIONS_RE.match(text, pos) and _CURRENCY_BEFORE_RE.search(text[max(0, pos - 24) : pos]):
            return 1e6, pos + 1  # "$500m", "£2.4m": millions of money, not metres
        return 1.0, pos
    word = match.group().lower().rstrip(".")
    for prefix, scale in _SCALES:
        if word.startswith(prefix):
            if len(prefix) <= 3 and len(word) > len(prefix) + 6:
                break
            if prefix in _POWER and len(prefix) <= 3 and word not in (prefix, prefix + "h"):
                break  # "GW" and "GWh", not "Gwent"
            if prefix not in _POWER:
                more, end = _scale_at(text, match.end())
                if more > 1 and _power_word(text[match.end() : end]):
                    return scale * more, end  # «18 тис. МВт·год», "billion kWh": thousands of MWh
            return scale, match.end()
    return 1.0, pos


def _power_word(word: str) -> bool:
    """True for a scale word of power or energy ("MWh", «киловатт-часов»)."""
    low = word.strip().lower()
    return any(low.startswith(prefix) for prefix in _POWER)


def _unit_at(text: str, pos: int) -> tuple[str, int]:
    """A unit right after ``pos`` (percent, points), or ("", pos)."""
    rest = text[pos:]
    skip = len(rest) - len(rest.lstrip())
    match = _UNIT_RE.match(text, pos + skip)
    if not match or skip > 1:
        return "", pos
    if match.group("pp"):
        return "pp", match.end()
    if match.group("bp"):
        return "bp", match.end()
    return "%", match.end()


# Words before a number word that make it a vague count ("several dozen", «несколько десятков»).
VAGUE_BEFORE_RE = re.compile(r"\b(?:several|a few|few|many|несколько|много|кілька|багато)\s+$", re.IGNORECASE)
# Number words that such a word makes vague (dozens, tens); "several thousand" keeps its scale.
VAGUE_WORDS = ("dozen", "десят", "дюжин")


def _word_runs(text: str) -> Iterable[tuple[int, int, float]]:
    """Runs of consecutive number words with their combined value."""
    run: list[tuple[int, int, float]] = []

    def flush() -> Iterable[tuple[int, int, float]]:
        if run:
            total, current = 0.0, 0.0
            for _, _, value in run:
                if value == 100 and current and current < 10:
                    current *= 100
                else:
                    current += value
            total += current
            yield run[0][0], run[-1][1], total

    last_end = -1
    for match in _WORD_RE.finditer(text):
        for part_start, part in _split_hyphen(match.start(), match.group()):
            value = _word_value(part)
            before = text[max(0, part_start - 12) : part_start]
            if value is not None and part.lower().startswith(VAGUE_WORDS) and VAGUE_BEFORE_RE.search(before):
                value = None  # "several dozen", «несколько десятков»: a vague count (vague.tsv)
            gap = text[last_end:part_start] if last_end >= 0 else ""
            joined = last_end >= 0 and re.fullmatch(r"[\s\-]*(?:and\s+)?", gap) is not None
            if value is None or (run and not (joined and _combines(run[-1][2], value))):
                yield from flush()
                run = []
            if value is not None:
                run.append((part_start, part_start + len(part), value))
            last_end = part_start + len(part)
    yield from flush()


def _split_hyphen(start: int, word: str) -> Iterable[tuple[int, str]]:
    """Split "twenty-eight" into its parts with offsets."""
    pos = start
    for part in word.split("-"):
        yield pos, part
        pos += len(part) + 1


def _combines(previous: float, value: float) -> bool:
    """True when ``value`` continues a number ending in ``previous`` ("сорок" + "пять")."""
    if value == 100:
        return previous < 10
    if previous >= 100 and previous % 100 == 0:
        return value < 100
    return previous >= 20 and previous % 10 == 0 and value < 10


def shares_of_counts(text: str) -> list[Quantity]:
    """Shares a text gives as counts ("18 of 27", «18 из 27»), as coarse percentages (67%).

    A claim's "two-thirds of the analysts" is the page's «из 27 опрошенных аналитиков 18» or
    «18 из 27»: the share is read only where the two counts stand joined.

    Args:
        text: a page sentence.

    Returns:
        One percentage per pair, spanning the pair.
    """
    found = []
    for match in _COUNT_SHARE_RE.finditer(text):
        part, whole = (
            (int(match.group("n")), int(match.group("m")))
            if match.group("n")
            else (int(match.group("n2")), int(match.group("m2")))
        )
        if 0 < part < whole:
            value = 100.0 * part / whole
            found.append(
                Quantity(
                    value, "%", match.start(), match.end(), match.group(), value, 1.0, -1, True, "", False
                )
            )
    return found


def extract_quantities(
    text: str, *, cyrillic: bool | None = None, skip: Iterable[tuple[int, int]] = ()
) -> list[Quantity]:
    """Find the quantities in a text.

    Args:
        text: English, Russian or Ukrainian text.
        cyrillic: whether commas are decimal marks (guessed from the text when None).
        skip: spans already taken by dates, ignored here.

    Returns:
        The quantities in order of position.
    """
    if cyrillic is None:
        cyrillic = sum(1 for ch in text if is_cyrillic(ch)) > len(text) / 4
    taken = list(skip)
    found: list[Quantity] = []
    for match in _AMPM_RE.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
        minutes = hour * 60 + int(match.group(2) or 0)
        found.append(Quantity(minutes, "time", match.start(), match.end(), match.group(), minutes))
        taken.append(match.span())
    for match in _TIME_RE.finditer(text):
        if text[match.end() : match.end() + 1] in ("%",) or _overlaps(match.span(), taken):
            continue
        if match.group()[match.end(1) - match.start()] == "." and (
            _scale_at(text, match.end())[0] > 1
            or _unit_at(text, match.end())[0]
            or not _CLOCK_BEFORE_RE.search(text[max(0, match.start() - 12) : match.start()])
            or not _CLOCK_AFTER_RE.match(text, match.end())
        ):
            continue  # "1.44 million", "2.15 per cent", "4.32 hryvnias": a decimal, not "at 10.30"
        minutes = int(match.group(1)) * 60 + int(match.group(2))
        found.append(Quantity(minutes, "time", match.start(), match.end(), match.group(), minutes))
        taken.append(match.span())
    raw: list[tuple[int, int, float, int, bool]] = []
    for match in _DIGITS_RE.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        parsed = _parse_digits(match.group(), cyrillic)
        if parsed is not None:
            raw.append((match.start(), match.end(), parsed[0], parsed[1], False))
    fractions = _fractions(text, taken + [(r[0], r[1]) for r in raw])
    found.extend(fractions)
    taken.extend((f.start, f.end) for f in fractions)
    for start, end, value in _word_runs(text):
        if not _overlaps((start, end), taken):
            raw.append((start, end, value, 0, True))
    for start in _bare_scales(text, taken + [(r[0], max(r[1], _scale_at(text, r[1])[1])) for r in raw]):
        raw.append((start, start, 1.0, 0, True))
    bare = _bare_durations(text, taken + [(r[0], r[1]) for r in raw])
    found.extend(bare)
    raw.sort()
    for start, end, mantissa, decimals, words in raw:
        quantity = _finish(text, start, end, mantissa, decimals, words)
        if words and mantissa == 1 and quantity.scale == 1 and not quantity.unit:
            continue  # "one of them", "один из": a pronoun, not a number
        found.append(quantity)
    found.sort(key=lambda q: q.start)
    return _spread_ranges(text, _short_year_ends(text, _compounds(text, found)))


# A scale word standing for one of itself: «тысяча», «тысячу», "a thousand"; the forms that are
# also plurals («тысячи», «миллиона»: thousands, millions) only after a bound («не менее тысячи»).
_BARE_SCALE_RE = re.compile(
    r"(?<![\w\d.,])(?:(?P<one>тысяча|тысячу|тысячей|тисяча|тисячу|тисячею|миллион|мільйон|миллиард|мільярд)"
    r"|(?<=\ba )(?:thousand|million|billion)"
    r"|(?P<plural>тысячи|тисячі|миллиона|мільйона|миллиарда|мільярда))\b",
    re.IGNORECASE,
)
# Words before a scale's plural-looking form that make it one («не менее тысячи», «около тысячи»).
_BARE_BOUND_RE = re.compile(
    r"(?:менее|более|около|свыше|почти|понад|близько|майже|щонайменше|до)\s+$", re.IGNORECASE
)


def _bare_scales(text: str, taken: Sequence[tuple[int, int]]) -> list[int]:
    """Offsets of scale words that stand alone for one of themselves ("не менее тысячи человек")."""
    found = []
    for match in _BARE_SCALE_RE.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        if match.group("plural") and not _BARE_BOUND_RE.search(
            text[max(0, match.start() - 12) : match.start()]
        ):
            continue
        found.append(match.start())
    return found


# One unit of time after a bound, with no number: "at least a month", «щонайменше тиждень».
_BARE_DURATION_RE = re.compile(
    r"(?:\b(?P<b>at least|more than|less than|about|nearly|almost|up to|over|under|within)\s+(?:a|one)\s+"
    r"(?P<en>day|week|month|year)\b(?!\s+(?:ago|earlier|before|later|after|previously)\b))"
    r"|(?<!\w)(?P<c>щонайменше|принаймні|не менее|не меньше|менее|более|больше|около|почти|понад|близько|"
    r"майже|протягом|в течение)\s+"
    r"(?P<cy>недел[юи]|тиждень|тижня|месяц[а]?|місяць|місяця|год[а]?|рік|року|сут(?:ки|ок)|доби?)(?!\w)",
    re.IGNORECASE,
)
_BARE_DAYS = {"day": 1.0, "сут": 1.0, "доб": 1.0, "wee": 7.0, "нед": 7.0, "тиж": 7.0}


def _bare_durations(text: str, taken: Sequence[tuple[int, int]]) -> list[Quantity]:
    """One unit of time a bound stands before, as a duration ("at least a month" = 30 days,
    at least): «щонайменше тиждень» contradicts it."""
    found = []
    for match in _BARE_DURATION_RE.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        unit = (match.group("en") or match.group("cy")).lower()
        days = _BARE_DAYS.get(unit[:3]) or _duration_days(unit)
        if not days:
            continue
        before = match.group("b") or match.group("c")
        approx = bool(_APPROX_RE.search(before))
        bound = ">" if _MORE_RE.search(before) else "<" if _LESS_RE.search(before) else ""
        found.append(
            Quantity(
                1.0, "dur", match.start(), match.end(), match.group(), 1.0, 1.0, 0, approx, bound, True, days
            )
        )
    return found


def _fractions(text: str, taken: Sequence[tuple[int, int]]) -> list[Quantity]:
    """Shares written as fractions, as coarse percentages ("a third" = 33%, give or take 5).

    A fraction rounds to tens of percent (``decimals=-1``): "about a third" matches 35% and
    contradicts 48%.
    """
    found = []
    for match in _FRACTION_RE.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        before = text[max(0, match.start() - 24) : match.start()]
        if _FRACTION_PERIOD_RE.search(before) or re.match(r"\s+an?\b", text[match.end() :]):
            continue  # "the first half of 2025", «в первой половине года», "half a point"
        if _MORE_RE.search(before) or _LESS_RE.search(before):
            continue  # "more than half": a vague share, judged as one (data/vague.tsv)
        latin = match.group("den")[0].isascii()
        if latin and not (_FRACTION_BEFORE_RE.search(before) or re.match(r"\s+of\b", text[match.end() :])):
            continue
        den = _FRACTION_DEN[match.group("den")[:3].lower()]
        num = _FRACTION_NUM.get((match.group("num") or "").lower(), 1)
        value = 100.0 * num / den
        approx = bool(_APPROX_RE.search(before))
        found.append(
            Quantity(value, "%", match.start(), match.end(), match.group(), value, 1.0, -1, approx, "", True)
        )
    return found


def _finish(text: str, start: int, end: int, mantissa: float, decimals: int, words: bool) -> Quantity:
    """Attach scale, unit and approximation marks to a bare number."""
    scale, after = _scale_at(text, end)
    unit, after = _unit_at(text, after)
    before = text[max(0, start - 16) : start]
    if before.endswith("$"):
        before = before[:-1]
    approx = bool(_APPROX_RE.search(before))
    bound = ">" if _MORE_RE.search(before) else "<" if _LESS_RE.search(before) else ""
    value = mantissa * scale
    if unit == "bp":
        unit, value, mantissa, decimals = "pp", value / 100, mantissa / 100, decimals + 2
    if not unit and scale == 1:  # a count of times: "twice", "four times", «три раза»
        times = _TIMES_RE.match(text, end)
        if times or text[start:end].lower() in _MULTIPLICATIVE:
            unit, after = "times", times.end() if times else after
    plain = not unit and scale == 1 and decimals == 0 and not words
    if plain and YEAR_MIN <= value <= YEAR_MAX and re.fullmatch(r"\d{4}", text[start:end]):
        unit = "year"
    days = 0.0
    duration = _DURATION_RE.match(text, after) if not unit and scale == 1 else None
    if duration:
        unit, days = "dur", value * _duration_days(duration.group("u"))
    stop = max(end, after)
    return Quantity(
        value,
        unit,
        start,
        stop,
        text[start:stop].strip(),
        mantissa,
        scale,
        decimals,
        approx,
        bound,
        words,
        days,
    )


def _duration_days(word: str) -> float:
    """Days in one unit of a duration word ("years" 365.25, «месяцев» 30.44, "week" 7, «дня» 1)."""
    low = word.lower()
    for prefix, days in _DURATION_UNITS:
        if low.startswith(prefix):
            return days
    return 1.0


# A preposition before an older year ("in 1785-95", «в 1785–95»).
_YEAR_BEFORE_RE = re.compile(r"\b(?:in|since|from|between|of|в|с|у|з)\s+$", re.IGNORECASE)


def _short_year_ends(text: str, found: list[Quantity]) -> list[Quantity]:
    """The short end of a span of years is a year too ("2022-23" = 2022 to 2023)."""
    result = list(found)
    for i in range(len(result) - 1):
        first, second = result[i], result[i + 1]
        if text[first.end : second.start] not in ("-", "–", "/"):
            continue
        if (
            first.unit != "year"
            and re.fullmatch(r"1[0-9]\d\d", text[first.start : first.end])
            and _YEAR_BEFORE_RE.search(text[max(0, first.start - 8) : first.start])
        ):
            first = result[i] = replace(first, unit="year")  # "built in 1785-95": an older span of years
        if first.unit != "year":
            continue
        if not re.fullmatch(r"\d{2}", second.text):
            continue
        year = first.value - first.value % 100 + second.value
        if first.value < year <= first.value + _SHORT_YEAR_SPAN:
            result[i + 1] = replace(second, value=year, mantissa=year, unit="year")
    return result


def _compounds(text: str, found: list[Quantity]) -> list[Quantity]:
    """Join an amount written in two scales: «1 млрд 91,6 млн т» = 1.0916 billion tonnes.

    The smaller part must follow the larger across spaces only and stay below one of its scale,
    so «2 млн 362 тыс.» is 2.362 million, while "2 million, 500,000" stays two numbers.
    """
    result: list[Quantity] = []
    for quantity in found:
        first = result[-1] if result else None
        if (
            first is not None
            and first.scale >= 1e6
            and 1e3 <= quantity.scale < first.scale
            and not (first.unit or quantity.bound or quantity.approx or quantity.words)
            and not re.search(r"вт|w", first.text + quantity.text, re.IGNORECASE)
            and quantity.value < first.scale
            and not text[first.end : quantity.start].strip()
        ):
            part = quantity.value / first.scale
            decimals = max(
                first.decimals, quantity.decimals + round(math.log10(first.scale / quantity.scale))
            )
            result[-1] = replace(
                first,
                value=first.value + quantity.value,
                mantissa=first.mantissa + part,
                decimals=decimals,
                unit=quantity.unit,
                end=quantity.end,
                text=text[first.start : quantity.end].strip(),
                days=quantity.days,
            )
            continue
        result.append(quantity)
    return result


def _spread_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """In "from 60 to 10 million" or "7-8%", give the first end the second's scale and unit."""
    result = list(found)
    for i in range(len(result) - 1):
        first, second = result[i], result[i + 1]
        if first.unit or first.scale != 1 or not _RANGE_RE.match(text[first.end : second.start]):
            continue
        if second.unit in ("", "year") and second.scale == 1:
            continue
        if first.mantissa > second.mantissa * 1000:
            continue
        result[i] = replace(first, value=first.mantissa * second.scale, unit=second.unit, scale=second.scale)
    return result


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _units_compatible(a: Quantity, b: Quantity) -> bool:
    if a.unit == b.unit:
        return True
    plain = {"", "year", "dur"}  # a bare "nine" may count the years of «9 лет»
    return a.unit in plain and b.unit in plain


def _in_days(q: Quantity) -> Quantity:
    """A duration with its length in days as its value (so that years meet months)."""
    return replace(q, value=q.days, mantissa=q.days, decimals=-1 if q.words or q.approx else 0)


def quantity_match(claim: Quantity, page: Quantity) -> float:
    """How well a page quantity matches a claim quantity: 1 exact, <1 rounded or unit-less, 0 no.

    Args:
        claim: the quantity from the claim.
        page: a quantity from the page.

    Returns:
        A similarity in 0..1.
    """
    if claim.unit == "time" or page.unit == "time":
        return 1.0 if claim.unit == page.unit and claim.value == page.value else 0.0
    if claim.unit == page.unit == "dur" and not math.isclose(
        claim.days / claim.value, page.days / page.value
    ):
        # "two years" against «19 місяців»: compared in days, a unit's rounding apart
        claim, page = _in_days(claim), _in_days(page)
        if math.isclose(claim.value, page.value, rel_tol=DURATION_TOLERANCE):
            return 1.0
    unit_ok = _units_compatible(claim, page)
    if not unit_ok and claim.unit and page.unit:
        return 0.0
    weight = 1.0 if unit_ok else 0.8
    c, p = claim.value, page.value
    if math.isclose(c, p, rel_tol=1e-9, abs_tol=1e-12):
        return weight
    unit_of_rounding = 10.0 ** (-claim.decimals) * claim.scale
    tolerance = unit_of_rounding / 2 + 1e-9 * max(abs(c), 1)
    if abs(c - p) <= tolerance and page.decimals > claim.decimals:
        return weight * 0.95
    if page.decimals < 0 and abs(c - p) <= 10.0 ** (-page.decimals) * page.scale / 2:
        return weight * 0.9  # a page fraction ("на треть") against a claim percentage
    if claim.bound == ">" and c < p <= c * BOUND_REACH:
        return weight * 0.8
    if claim.bound == "<" and c / BOUND_REACH <= p < c:
        return weight * 0.8
    if (claim.bound == ">" and p < c and page.bound != ">") or (
        claim.bound == "<" and p > c and page.bound != "<"
    ):
        return 0.0  # "more than 40%" against «около 38%»: the page's figure is on the wrong side
    if (claim.approx or page.approx or claim.bound) and abs(c - p) <= APPROX_TOLERANCE * max(abs(c), 1e-9):
        return weight * 0.85
    return 0.0


def quantity_conflict(claim: Quantity, page: Quantity) -> str:
    """Why a page quantity contradicts a claim quantity ("scale", "value", "bound"), or ""."""
    if quantity_match(claim, page) or not _units_compatible(claim, page):
        return ""
    if claim.unit == page.unit == "dur":
        return "bound" if claim.bound else "value"
    if "dur" in (claim.unit, page.unit) and max(claim.scale, page.scale) > 1:
        return ""  # "one year" is no "1 million"
    if claim.unit == "year" or page.unit == "year" or claim.unit == "time":
        return ""
    if claim.scale != page.scale and math.isclose(claim.mantissa, page.mantissa, rel_tol=1e-9):
        return "scale"
    if claim.bound:
        return "bound"
    if claim.unit and claim.unit == page.unit:
        return "value"
    if claim.scale > 1 and page.scale > 1:
        return "value"
    return "value?"
