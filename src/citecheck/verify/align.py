"""Align one clause of a claim with its best evidence window and check each anchor there.

For a clause: match its words to the page's keys, score windows of up to three sentences by
idf-weighted word matches plus matched numbers and dates, then look at each anchor in the
best window: matched, found only elsewhere, found only in headline-like lines (link lists,
sidebars), contradicted by a different value, or absent.
"""

from __future__ import annotations

import datetime
import itertools
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from citecheck.verify.aliases import alias_keys
from citecheck.verify.antonyms import _attributive, antonym_conflict
from citecheck.verify.attribution import SPEAKER_LOOKBACK, speaker_conflicts
from citecheck.verify.claims import Clause
from citecheck.verify.contradict import (
    BOUND_WORDS,
    Conflict,
    date_conflicts,
    negated,
    quantity_conflicts,
    sentence_parts,
)
from citecheck.verify.contrast import claim_denies, contrasted_spans, inside
from citecheck.verify.counted import Counted, claim_counted, counted_conflict, window_counts
from citecheck.verify.dates import DateRef, date_match
from citecheck.verify.entities import SPEECH_EN, Name
from citecheck.verify.lexicon import _stem, _target_keys, is_translatable, merge_translations, quote_found
from citecheck.verify.numbers import Quantity, quantity_match
from citecheck.verify.retrieve import (
    PageIndex,
    best_window,
    match_keys,
    skeleton_matches,
    term_segment_scores,
    windows,
)
from citecheck.verify.text import Token, is_cyrillic, is_surname, prefix_hit, tokenize

LOGGER = logging.getLogger(__name__)

# Weight of a matched number or date in a window's score, against 1 per matched word x idf.
ANCHOR_WEIGHT = 3.0
# Weight of a name's words against other words.
NAME_WEIGHT = 2.0
# Similarity at which a name's word counts as found (a ratio of 82: "Israel" ~ "Израиль").
NAME_FOUND = 0.74
# Least match of a figure that places it in a sentence when pairing figures (see _paired_elsewhere).
FIGURE_FOUND = 0.9
# How well a weekday read back from the dateline matches a claim's date.
WEEKDAY_MATCH = 0.9
# Similarity at which a quoted phrase counts as found in the same language (rapidfuzz 0..100).
QUOTE_FOUND = 85.0
# Plain numbers from this value up are distinctive; smaller ones count only in a sentence
# that shares other words of the clause ("nine years" is not "9 grams").
DISTINCTIVE_VALUE = 100
# Sentences either side of one with other words of the clause where a small number may stand.
NEIGHBOURS = 1
# Numbers up to this, written in words ("the two sides", "ten days later"), are weak anchors.
SMALL_WORD_NUMBER = 10
# Sentences after a window searched for the negation a negated claim needs.
NEGATION_REACH = 1
# Years apart within which a window's one other year stands for the clause's (see _year_conflict).
YEAR_REACH = 5
# Strength of that conflict.
YEAR_STRENGTH = 0.6
# A year the clause names without its number ("this year", «в прошлом году»): the window's
# other year may be that one.
_RELATIVE_YEAR_RE = re.compile(
    r"\b(?:this|last|next|current|previous|coming|past) year\b"
    r"|(?:этом|прошлом|следующем|текущем|будущем|цьому|минулому|наступному|поточному)\s+(?:году|році)\b",
    re.IGNORECASE,
)
# A hyphen joining a number to a word ("100-point", "five-year").
_COMPOUND_RE = re.compile(r"-[^\W\d_]")
# Words either side of a claim's negating word that it denies (see _negation_scope).
NEGATION_SCOPE = 2
# Sentences from a window within which a number or date of the clause still counts as near it.
DISPLACED_REACH = 2
# Where a sentence's parts end for the negation check (see _negated_near).
NEGATION_PART_RE = re.compile(
    r"[;:]\s|\s(?:[—–-]|--)\s|,\s(?=[A-ZА-ЯЁІЇЄҐ])|[,.!?][\"»”]\s|,\s(?=(?i:и|а|но|і|та|але|and|but)\s)"
)
# Words that open a relative clause (Russian, Ukrainian, English).
RELATIVE_PRONOUNS = frozenset({"который", "котрий", "який", "who", "which"})
# Particles that negate the word right after them ("не обнаружили", "ні не").
# Strength of a clause word the page only denies outside the window: it makes the clause partial.
DENIED_STRENGTH = 0.3
# Farthest sentence from the window whose denial of a claim word still counts.
DENIAL_REACH = 8
# Verbs of speech that state a fact, checked for a denial elsewhere on the page.
FACTIVE_SPEECH = frozenset({"admitted", "acknowledged", "conceded", "confirmed"})
NEGATING_PARTICLES = frozenset({"не", "ни", "ні"})
# A conflict is trusted only in a window that matches this much of the rest of the clause.
MIN_ALIGNMENT = 2


@dataclass
class AnchorResult:
    """How one anchor of a clause fared on the page."""

    kind: str  # number | date | name | quote
    claim: str
    status: str  # matched | elsewhere | displaced | boilerplate | contradicted | absent
    page: str = ""
    similarity: float = 0.0
    weak: bool = False
    proper: bool = False  # transliterates rather than translates ("Kemerovo", not "the Black Sea")
    known_form: bool = False  # a one-word place whose Russian name CLDR gives ("Qatar": «Катар»)
    listed: bool = False  # one of names listed together ("the Donetsk and Luhansk regions")

    def as_dict(self) -> dict[str, Any]:
        """A JSON-able view."""
        data: dict[str, Any] = {"type": self.kind, "claim": self.claim, "status": self.status}
        if self.page:
            data["page"] = self.page
        if self.similarity:
            data["similarity"] = round(self.similarity, 3)
        if self.weak:
            data["weak"] = True
        return data


@dataclass
class ClauseResult:
    """A clause with its evidence window, anchors, coverage and contradiction signals."""

    clause: Clause
    window: tuple[int, ...]
    anchors: list[AnchorResult] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    coverage: float = 0.0
    window_score: float = 0.0
    same_language: bool = False
    matched_terms: list[str] = field(default_factory=list)
    status: str = "unverified"


# A title set off by commas beside a speaker's name: "Primorye's vice-governor, Konstantin Belov,"
# or "Konstantin Belov, Primorye's vice-governor, said".
_TITLE_BEFORE_RE = re.compile(r"(?:^|[,;:]\s+)([^,;:]{3,60}),\s*$")
_TITLE_AFTER_RE = re.compile(r"^,\s*([^,;:]{3,60}),\s+\w+")


def _speaker_spans(clause: Clause, name: Name) -> list[tuple[int, int]]:
    """The claim offsets of a speaker's name and of a title set off beside it."""
    spans = [(name.start, name.end)]
    before = clause.text[: name.start - clause.start]
    after = clause.text[name.end - clause.start :]
    match = _TITLE_BEFORE_RE.search(before)
    if match and after.startswith(","):  # the name is set off too: "the envoy, Kim, said"
        spans.append((clause.start + match.start(1), clause.start + match.end(1)))
    match = _TITLE_AFTER_RE.match(after)
    if match and match.group(0).split()[-1].lower() in SPEECH_EN:
        spans.append((name.end + match.start(1), name.end + match.end(1)))
    return spans


def _terms(clause: Clause) -> list[tuple[str, float, bool]]:
    """The clause's words to look for: (key, weight, is-name), speakers and their titles left out
    ("Primorye's vice-governor, Konstantin Belov, said ...": the words said find the window)."""
    speaker_spans = [span for n in clause.names if n.speaker for span in _speaker_spans(clause, n)]
    name_spans = [(n.start, n.end) for n in clause.names if not n.speaker]
    seen: dict[str, tuple[str, float, bool]] = {}
    for token in clause.tokens:
        if token.text.isdigit() or token.lemma in SPEECH_EN:
            continue
        if any(s <= token.start < e for s, e in speaker_spans):
            continue
        is_name = any(s <= token.start < e for s, e in name_spans)
        if not token.content and not is_name:
            continue
        weight = NAME_WEIGHT if is_name else 1.0
        if token.key not in seen or seen[token.key][1] < weight:
            seen[token.key] = (token.key, weight, is_name)
    return list(seen.values())


def align(page: PageIndex, clause: Clause) -> ClauseResult:
    """Find a clause's best evidence window on a page and check its anchors there.

    Args:
        page: the prepared page.
        clause: one clause of the claim.

    Returns:
        The clause's result (status is set later by the rules).
    """
    terms = _terms(clause)
    names_keys = [k for n in clause.names for k in (*n.keys, *n.aliases, *n.country)]
    term_keys = {t[0] for t in terms}
    all_keys = [t[0] for t in terms] + list(dict.fromkeys(k for k in names_keys if k not in term_keys))
    matches = match_keys(page, all_keys)
    name_only = {k for n in clause.names for k in n.keys}
    for key, found in zip(all_keys, matches, strict=True):
        if key in name_only:
            for page_key, sim in skeleton_matches(page, key).items():
                found[page_key] = max(found.get(page_key, 0.0), sim)
    per_term = term_segment_scores(page, matches)
    by_key = dict(zip(all_keys, per_term, strict=True))
    _merge_aliases(clause, by_key)
    if not is_cyrillic(clause.text):
        proper = {k for n in clause.names if _proper(n) for k in n.keys}
        merge_translations(page, clause.tokens, by_key, skip=proper)
    body = set(page.body())
    q_scores = [
        {
            s: m
            for s in range(len(page.segments))
            if (
                m := max((quantity_match(q, p) for p in page.quantities[s]), default=0.0)
                or _year_of_date(q, page, s)
            )
        }
        for q in clause.quantities
    ]
    d_scores = [
        {
            s: m
            for s in range(len(page.segments))
            if (m := max((date_match(d, p) for p in page.dates[s]), default=0.0))
        }
        for d in clause.dates
    ]
    evidence = {s for scores in by_key.values() for s in scores} | {s for d in d_scores for s in d}
    # A distinctive figure ("312 trees", "1.9 million") marks evidence as surely as a word does.
    evidence |= {
        s for q, scores in zip(clause.quantities, q_scores, strict=True) if _distinctive(q) for s in scores
    }
    supported_segments = {n for s in evidence for n in range(s - NEIGHBOURS, s + NEIGHBOURS + 1)}
    q_scores = [
        scores if _distinctive(q) else {s: v for s, v in scores.items() if s in supported_segments}
        for q, scores in zip(clause.quantities, q_scores, strict=True)
    ]
    candidates: set[int] = set()
    for scores in [by_key[t[0]] for t in terms] + q_scores + d_scores:
        candidates.update(s for s in scores if s in body)
    window_scores: dict[tuple[int, ...], float] = {}
    for window in windows(page, sorted(candidates)):
        value = 0.0
        for key, weight, _ in terms:
            best = max((by_key[key].get(s, (0.0, ""))[0] for s in window), default=0.0)
            if best:
                matched_key = max(by_key[key].get(s, (0.0, "")) for s in window)[1]
                value += weight * best * page.idf.get(matched_key, 1.0)
        for scores in q_scores + d_scores:
            value += ANCHOR_WEIGHT * max((scores.get(s, 0.0) for s in window), default=0.0)
        window_scores[window] = value
    window, score = best_window(window_scores)
    result = ClauseResult(clause, window, window_score=score)
    result.same_language = is_cyrillic(clause.text) == page.cyrillic
    _check_anchors(page, clause, result, by_key, q_scores, d_scores)
    _coverage(page, result, terms, by_key)
    _check_negation(page, clause, result, by_key, terms)
    aligned = _aligned_segments(clause, result, by_key, terms)
    opposite = antonym_conflict(page, clause.tokens, aligned, negated(clause.tokens))
    if opposite is not None:
        result.conflicts.append(opposite)
    result.conflicts.extend(speaker_conflicts(page, clause, result.window))
    return result


def _year_of_date(quantity: Quantity, page: PageIndex, seg: int) -> float:
    """1.0 when a claim's year is the year of a date the sentence gives («в январе—июне 2025
    года», read as dates, not as a number), else 0."""
    if quantity.unit != "year":
        return 0.0
    return 1.0 if any(d.year == quantity.value for d in page.dates[seg]) else 0.0


def _merge_aliases(clause: Clause, by_key: dict[str, dict[int, tuple[float, str]]]) -> None:
    """Credit a name's own words with the sentences where its exonyms were found (and, for a
    capital the page never names, where its country is)."""
    for name in clause.names:
        aliases = name.aliases
        hits = [v for k in (*name.keys, *name.aliases) for v in by_key.get(k, {}).values()]
        if name.country and not any(sim >= NAME_FOUND for sim, _ in hits):
            aliases = (*aliases, *name.country)  # "Kyiv wants" on a page that says Україна
        if not aliases:
            continue
        found: dict[int, tuple[float, str]] = {}
        for alias in aliases:
            for seg, value in by_key.get(alias, {}).items():
                if value[0] > found.get(seg, (0.0, ""))[0]:
                    found[seg] = value
        for key in name.keys:
            own = by_key.setdefault(key, {})
            for seg, value in found.items():
                if value[0] > own.get(seg, (0.0, ""))[0]:
                    own[seg] = value


def _distinctive(quantity: Quantity) -> bool:
    """True for numbers unlikely to match by chance (large, decimal, percent, scaled, years)."""
    return (
        quantity.value >= DISTINCTIVE_VALUE
        or quantity.decimals > 0
        or quantity.scale > 1
        or quantity.unit in ("%", "pp", "time", "year")
    )


# A day named by its weekday or relative to the dateline: «в среду», «до вечора середи», "today".
_DAY_WORD_RE = re.compile(
    r"\b(?:понедельник|вторник|сред[аыуе]|четверг|пятниц|суббот|воскресень|понеділ|вівтор|серед[аиу]|"
    r"четвер|п['’]ятниц|субот|неділ|сегодня|вчера|сьогодні|учора|вчора|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|today|yesterday)\w*",
    re.IGNORECASE,
)


# Weekday stems (Monday = 0) and the days before a dateline that "today" and "yesterday" name.
_WEEKDAY_STEMS = (
    ("понедельник", "понеділ", "monday"),
    ("вторник", "вівтор", "tuesday"),
    ("сред", "серед", "wednesday"),
    ("четверг", "четвер", "thursday"),
    ("пятниц", "п'ятниц", "п’ятниц", "friday"),
    ("суббот", "субот", "saturday"),
    ("воскресень", "неділ", "sunday"),
)
_DAYS_BACK = {"сегодня": 0, "сьогодні": 0, "today": 0, "вчера": 1, "учора": 1, "вчора": 1, "yesterday": 1}
# Most days a weekday reaches back from the dateline ("on Thursday" in a Friday's piece).
WEEK = 7


def _weekday_elsewhere(page: PageIndex, date: DateRef) -> bool:
    """True when a sentence of the page names the date by its weekday, read from the dateline."""
    return page.published is not None and any(
        (date.month, date.day) in _weekday_dates(page.segments[s].text, page.published)
        for s in range(len(page.segments))
    )


def _weekday_dates(text: str, published: DateRef | None) -> set[tuple[int, int]]:
    """The (month, day) dates a sentence's weekdays and "today"/"yesterday" name, read back from
    the dateline («поздно вечером в четверг» in a piece of Friday 6 March is 5 March)."""
    if published is None or published.day is None or published.year is None:
        return set()
    try:
        dateline = datetime.date(published.year, published.month, published.day)
    except ValueError:
        return set()
    found = set()
    for match in _DAY_WORD_RE.finditer(text):
        if re.match(r"[\s,]*\d", text[match.end() :]):
            continue  # «в четверг, 11 июня» dates itself
        word = match.group().lower()
        back = _DAYS_BACK.get(word)
        if back is None:
            weekday = next((i for i, stems in enumerate(_WEEKDAY_STEMS) if word.startswith(stems)), None)
            if weekday is None:
                continue
            back = (dateline.weekday() - weekday) % WEEK
        day = dateline - datetime.timedelta(days=back)
        found.add((day.month, day.day))
    return found


def _weaken_range_ends(dates: Sequence[DateRef], anchors: list[AnchorResult]) -> None:
    """One end of a range the page gives only in part ("overnight on 13-14 March" against «в ночь
    на 14 марта») is not missing when the other end is found (in place)."""
    dated = [a for a in anchors if a.kind == "date"]
    for date, anchor in zip(dates, dated, strict=True):
        partners = [a for d, a in zip(dates, dated, strict=True) if d.start == date.start and a is not anchor]
        if anchor.status == "absent" and any(a.status == "matched" for a in partners):
            anchor.weak = True


def _day_word_alone(text: str) -> bool:
    """True when a sentence names a day by its weekday or as "today" without giving its date
    («до вечора середи»; not «в четверг, 11 июня», which dates itself)."""
    return any(not re.match(r"[\s,]*\d", text[m.end() :]) for m in _DAY_WORD_RE.finditer(text))


def _unit_lost(quantity: Quantity, window: Sequence[Quantity]) -> bool:
    """True when a claim share (percent, points) meets only bare numbers of its value in a window
    that gives shares of its own."""
    if quantity.unit not in ("%", "pp"):
        return False
    same_unit = [q for q in window if q.unit == quantity.unit]
    return bool(same_unit) and not any(quantity_match(quantity, q) for q in same_unit)


def _locate(scores: dict[int, float], window: tuple[int, ...], page: PageIndex) -> tuple[str, float]:
    """Where an anchor was found: in the window, elsewhere in the body, in headlines, or nowhere."""
    inside = max((scores.get(s, 0.0) for s in window), default=0.0)
    if inside:
        return "matched", inside
    body = [v for s, v in scores.items() if not page.segments[s].headline]
    if body:
        return "elsewhere", max(body)
    if scores:
        return "boilerplate", max(scores.values())
    return "absent", 0.0


# What stands between two names listed together: a comma, "and", "or", "&" (and a "the").
_LIST_JOINT_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)(?:the\s+)?", re.IGNORECASE)


def _listed_names(clause: Clause) -> list[Name]:
    """The clause's names that stand in a list with another ("Donetsk and Luhansk", "A, B or C")."""
    names = sorted((n for n in clause.names if not n.speaker), key=lambda n: n.start)
    listed: list[Name] = []
    for a, b in itertools.pairwise(names):
        gap = clause.text[a.end - clause.start : b.start - clause.start]
        if _LIST_JOINT_RE.fullmatch(gap):
            listed.extend(n for n in (a, b) if n not in listed)
    return listed


def _year_conflict(
    year: Quantity, claimed: Sequence[Quantity], window: Sequence[Quantity]
) -> Conflict | None:
    """The one other year a window gives where the clause's year is not ("by 2025" against the
    window «к цели в 4% в 2026 году»).

    Years are not compared like other figures (a window often names several); only a window
    whose years, apart from the clause's own, are a single value near the clause's contradicts.
    """
    own = {q.value for q in claimed if q.unit == "year"}
    others = {q.value: q for q in window if q.unit == "year" and q.value not in own}
    if len(others) != 1:
        return None
    ((value, page),) = others.items()
    if abs(value - year.value) > YEAR_REACH:
        return None
    return Conflict("number", year.text, page.text, YEAR_STRENGTH)


# What stands before a year that is a comparison's base: "than in 2025", «чем в 2024 году».
_COMPARED_BEFORE_RE = re.compile(
    r"(?:\bthan|\bcompared (?:with|to)|\bчем|\bніж|по сравнению с|порівняно з|порівняно із)"
    r"\s+(?:(?:in|в|во|у|с|со|з|із)\s+)?$",
    re.IGNORECASE,
)


def _compared_year(text: str, quantity: Quantity) -> bool:
    """True for a page's year that a comparison measures from («больше, чем в 2025 году»)."""
    return quantity.unit == "year" and bool(
        _COMPARED_BEFORE_RE.search(text[max(0, quantity.start - 30) : quantity.start])
    )


# Years from the dateline that a claim's relative year names.
_RELATIVE_OFFSETS = {"this": 0, "current": 0, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}


def _relative_year_conflict(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """A window that gives one other year where the clause says "this year" or "next year".

    "Lenta would open at least 300 stores before the end of this year" in a piece dated 2025,
    against «в 2026 г. компания планирует открыть не менее 300 магазинов».
    """
    match = _RELATIVE_YEAR_RE.search(clause.text)
    dateline = _dateline_year(page)
    if match is None or dateline is None or any(q.unit == "year" for q in clause.quantities):
        return None
    offset = _RELATIVE_OFFSETS.get(match.group().split()[0].lower())
    if offset is None or any(_RELATIVE_YEAR_RE.search(page.segments[s].text) for s in window):
        return None
    years = {q.value: q for s in window for q in page.quantities[s] if q.unit == "year"}
    if len(years) != 1:
        return None
    ((value, quantity),) = years.items()
    if value == dateline + offset or abs(value - dateline - offset) > YEAR_REACH:
        return None
    return Conflict("number", match.group(), quantity.text, YEAR_STRENGTH)


def _paired_elsewhere(
    quantity: Quantity, clause: Clause, q_scores: list[dict[int, float]], window: Sequence[int]
) -> bool:
    """True when a sentence outside the window gives the figure beside another figure of the
    clause: "a deficit of 2.87 trillion roubles, or 1.2% of GDP, ... of the 3.79 trillion
    planned" against a window about the 3.79 trillion (1.6% of GDP) has its 1.2% where the
    page gives it, with the 2.87 trillion."""
    own = q_scores[clause.quantities.index(quantity)]
    homes = {s for s, sim in own.items() if sim >= FIGURE_FOUND and s not in window}
    return any(
        homes.intersection(s for s, sim in scores.items() if sim >= FIGURE_FOUND)
        for other, scores in zip(clause.quantities, q_scores, strict=True)
        if other is not quantity and other.value != quantity.value
    )


# The year before, as a page says it without its number.
_YEAR_BEFORE_RE = re.compile(
    r"\b(?:a year (?:earlier|ago|before)|last year|the previous year)\b"
    r"|(?:годом|роком)\s+(?:ранее|раньше|раніше)|год\s+назад|рік\s+тому|в\s+прошлом\s+году|"
    r"(?:у|в)\s+минулому\s+році|минулого\s+року|прошлого\s+года|аналогичн\w+\s+период\w*\s+прошлого",
    re.IGNORECASE,
)
# How well "the year before" in a window matches a claim's year.
YEAR_BEFORE_MATCH = 0.9


def _year_before(page: PageIndex, clause: Clause, year: Quantity, window: Sequence[int]) -> bool:
    """True when the window says "a year earlier" («годом ранее») of the year after the claim's
    year, which the clause or the dateline gives ("485 billion in 2025, down 12% from 551 billion
    in 2024" against «485,2 млрд ... на 12% меньше, чем годом ранее (551,4 млрд)»)."""
    later = {q.value for q in clause.quantities if q.unit == "year"} | {_dateline_year(page)}
    if year.value + 1 not in later:
        return False
    return any(_YEAR_BEFORE_RE.search(page.segments[s].text) for s in window)


# What joins two counts a claim may add up ("three crew and nine passengers", «3 и 9»).
_PAIR_JOINT_RE = re.compile(r"^[^\d.;:!?]{0,40}?\b(?:и|і|та|and|plus|а также)\s+$", re.IGNORECASE)
# How well a sum of two window counts matches a claim count.
SUM_MATCH = 0.8


def _sum_of_pair(page: PageIndex, quantity: Quantity, window: Sequence[int]) -> bool:
    """True when two counts joined in one sentence at or near the window add up to a claim count
    the page never gives ("a helicopter carrying twelve people" against «три члена экипажа и девять
    пассажиров»)."""
    if quantity.unit or quantity.scale != 1 or quantity.decimals or not window:
        return False
    for seg in page.around(window, DISPLACED_REACH):
        counts = [q for q in page.quantities[seg] if not q.unit and q.scale == 1 and not q.decimals]
        for a, b in itertools.pairwise(counts):
            if a.value + b.value == quantity.value and _PAIR_JOINT_RE.match(page.text[a.end : b.start]):
                return True
    return False


def _dateline_year(page: PageIndex) -> int | None:
    """The year of the page's dateline, or None."""
    return page.published.year if page.published is not None else None


def _check_anchors(
    page: PageIndex,
    clause: Clause,
    result: ClauseResult,
    by_key: dict[str, dict[int, tuple[float, str]]],
    q_scores: list[dict[int, float]],
    d_scores: list[dict[int, float]],
) -> None:
    window = result.window
    w_quantities = [q for s in window for q in page.quantities[s]]
    w_dates = [d for s in window for d in page.dates[s]]
    placed: list[tuple[AnchorResult, dict[int, float]]] = []
    w_counted: list[tuple[Quantity, Counted]] = []
    for quantity, scores in zip(clause.quantities, q_scores, strict=True):
        status, sim = _locate(scores, window, page)
        if status == "absent" and quantity.unit == "year" and _dateline_year(page) == quantity.value:
            status, sim = "elsewhere", 1.0  # "since the start of 2026" in a piece dated 2026
        if status == "absent" and _sum_of_pair(page, quantity, window):
            status, sim = "matched", SUM_MATCH  # "twelve people" / «три члена экипажа и девять пассажиров»
        if status != "matched" and quantity.unit == "year" and _year_before(page, clause, quantity, window):
            status, sim = "matched", YEAR_BEFORE_MATCH  # "from 551 billion in 2024" / «годом ранее»
        # A number inside a hyphenated compound ("100-point scores", "a five-year term") is often
        # one word on the page («стобалльных», «пятилетний»): it may be missing.
        compound = clause.text[quantity.end - clause.start : quantity.end - clause.start + 2]
        # A fraction ("almost half of which") may be the claim's own arithmetic on the page's figures.
        weak = (
            (quantity.words and quantity.value <= SMALL_WORD_NUMBER)
            or bool(_COMPOUND_RE.match(compound))
            or quantity.decimals < 0
        )
        anchor = AnchorResult("number", quantity.text, status, similarity=sim, weak=weak)
        counted = claim_counted(clause.text, clause.tokens, quantity, clause.start)
        conflict = None
        # A window figure that another figure of the clause matches ("from 8 to 15 hryvnias")
        # is accounted for: it contradicts none of the others ("costs 24.6 hryvnias").
        others = [q for q in clause.quantities if q is not quantity]
        # (A window figure equal to this one stays: "two cities ... 2 hours 15 minutes".)
        free = [
            q
            for q in w_quantities
            if quantity_match(quantity, q) or not any(quantity_match(o, q) for o in others)
        ]
        if quantity.unit == "year":  # «вдвічі більше, ніж у 2025 році»: the base, not the year
            free = [q for q in free if not _compared_year(page.text, q)]
        if counted and window:
            w_counted = w_counted or window_counts(page.text, page.tokens, page.quantities, window)
            conflict = counted_conflict(quantity, counted, [(q, c) for q, c in w_counted if q in free])
        if conflict is None and status == "matched" and _unit_lost(quantity, w_quantities):
            # "cut output by 14 per cent" matched only to a bare 14 ("14 strikes") while the
            # window gives its share in percent ("up to 40%"): the figure belongs to another thing.
            conflict = quantity_conflicts(quantity, [q for q in free if q.unit == quantity.unit])
        if (
            conflict is None
            and status != "matched"
            and not _paired_elsewhere(quantity, clause, q_scores, window)
        ):
            conflict = quantity_conflicts(quantity, free)
            if conflict is None and quantity.unit == "year" and not _RELATIVE_YEAR_RE.search(clause.text):
                conflict = _year_conflict(
                    quantity, clause.quantities, [q for q in w_quantities if not _compared_year(page.text, q)]
                )
        if conflict:
            anchor.status, anchor.page = "contradicted", conflict.page
            result.conflicts.append(conflict)
        result.anchors.append(anchor)
        placed.append((anchor, scores if _distinctive(quantity) else {}))
    weekdays = (
        {d for s in window for d in _weekday_dates(page.segments[s].text, page.published)}
        if any(d.day is not None for d in clause.dates)
        else set()
    )
    for date, scores in zip(clause.dates, d_scores, strict=True):
        status, sim = _locate(scores, window, page)
        on_dateline = page.published is not None and date_match(date, page.published)
        if status == "absent" and on_dateline:
            status, sim = "elsewhere", on_dateline
        if status != "matched" and (date.month, date.day) in weekdays:
            status, sim = "matched", WEEKDAY_MATCH  # "late on Thursday, 5 March" for «в четверг»
        if status == "absent" and date.day is not None and _weekday_elsewhere(page, date):
            status, sim = "elsewhere", WEEKDAY_MATCH  # the lead says «прошедший в четверг»
        # "by Wednesday evening" in a piece dated that Wednesday: the window's other dates
        # ("schedules on 15 January") are about other days.
        dated_by_day = bool(on_dateline) and any(_day_word_alone(page.segments[s].text) for s in window)
        anchor = AnchorResult("date", date.text, status, similarity=sim)
        if status != "matched" and not dated_by_day:
            # A window date that another date of the clause matches ("overnight on 13-14 March"
            # against «14 мар») is accounted for.
            other_dates = [d for d in clause.dates if d is not date]
            conflict = date_conflicts(
                date, [d for d in w_dates if not any(date_match(o, d) for o in other_dates)]
            )
            if conflict:
                anchor.status, anchor.page = "contradicted", conflict.page
                result.conflicts.append(conflict)
        result.anchors.append(anchor)
        placed.append((anchor, {} if on_dateline else scores))
    _weaken_range_ends(clause.dates, result.anchors)
    relative = _relative_year_conflict(page, clause, window)
    if relative is not None:
        result.conflicts.append(relative)
    listed = _listed_names(clause)
    away: set[int] = set()  # sentences outside the window naming a claim name the window lacks
    for name in clause.names:
        merged: dict[int, float] = {}
        page_word = ""
        for key in (*name.keys, *name.aliases):
            for seg, (sim, matched_key) in by_key.get(key, {}).items():
                if sim >= NAME_FOUND and sim > merged.get(seg, 0.0):
                    merged[seg] = sim
                    page_word = page_word or matched_key
        if name.speaker:
            near = set(range(window[0] - SPEAKER_LOOKBACK, window[-1] + 2)) if window else set()
            status, sim = _locate(merged, tuple(s for s in near if s in merged), page)
            if status == "elsewhere" and _surname_only(page, merged, page_word):
                status = "displaced"  # a person said to speak, named on the page but far away
        else:
            status, sim = _locate(merged, window, page)
            if status == "elsewhere" and not name.weak:
                away.update(merged)
        kind = "speaker" if name.speaker else "name"
        proper = _proper(name)
        bare = name.text.removesuffix("'s").removesuffix("’s")
        # One word only: a several-word place is often abbreviated on the page (США, ОАЭ, КНДР);
        # and not a possessive, which often only places what the page names ("Russia's southern
        # grid" for «ОЭС Юга»).
        known = " " not in bare and bare == name.text and bool(alias_keys(bare))
        if bare != name.text and " " not in bare and alias_keys(bare):
            proper = False  # "Russia's southern grid": a possessive place, weighed as a translated name
        result.anchors.append(
            AnchorResult(
                kind,
                name.text,
                status,
                page_word if sim else "",
                sim,
                name.weak,
                proper,
                known,
                listed=name in listed,
            )
        )
    _mark_displaced(placed, window, result.anchors, away)
    _check_contrast(page, clause, result, by_key)
    same_script = is_cyrillic(clause.text) == page.cyrillic
    for quote in clause.quotes if same_script else ():
        window_text = " ".join(page.segments[s].text for s in window).lower()
        found = fuzz.partial_ratio(quote.lower(), window_text) >= QUOTE_FOUND if window_text else False
        status = "matched" if found else "absent"
        if not found:
            body_text = " ".join(page.segments[s].text for s in page.body()).lower()
            if fuzz.partial_ratio(quote.lower(), body_text) >= QUOTE_FOUND:
                status = "elsewhere"
        result.anchors.append(AnchorResult("quote", quote, status))
    for quote in clause.quotes if not same_script and window else ():
        # Across scripts a quotation is a translation: found when most of its words are.
        if quote_found(tokenize(quote), [t for s in window for t in page.tokens[s]]):
            result.anchors.append(AnchorResult("quote", quote, "matched"))
    aligned = sum(1 for a in result.anchors if a.status == "matched") + len(result.matched_terms)
    if result.conflicts and aligned + _terms_in_window(result, by_key) < MIN_ALIGNMENT:
        for anchor in result.anchors:
            if anchor.status == "contradicted":
                anchor.status = "absent"
        result.conflicts.clear()


def _check_contrast(
    page: PageIndex, clause: Clause, result: ClauseResult, by_key: dict[str, dict[int, tuple[float, str]]]
) -> None:
    """Contradict a name or figure of the clause that its window gives only after "а не".

    "Delegations will meet in Geneva" against "встреча пройдет в Стамбуле, а не в Женеве";
    a claim that denies the same thing itself ("in Istanbul, not Geneva") agrees.
    """
    spans = {s: contrasted_spans(page.text, page.tokens[s]) for s in result.window}
    if not any(spans.values()):
        return
    found: list[tuple[AnchorResult, list[tuple[int, int]]]] = []
    names = {n.text: n for n in clause.names}
    for anchor in result.anchors:
        if anchor.status != "matched" or anchor.kind not in ("name", "number"):
            continue
        places: list[tuple[int, int]] = []  # (segment, page offset) of each occurrence in the window
        if anchor.kind == "name":
            name = names.get(anchor.claim)
            if name is None or claim_denies(clause.text, name.start - clause.start):
                continue
            keys = {by_key[k][s][1] for k in (*name.keys, *name.aliases) if k in by_key for s in by_key[k]}
            places = [(s, t.start) for s in result.window for t in page.tokens[s] if t.key in keys]
        else:
            quantity = next((q for q in clause.quantities if q.text == anchor.claim), None)
            if quantity is None or claim_denies(clause.text, quantity.start - clause.start):
                continue
            places = [
                (s, q.start)
                for s in result.window
                for q in page.quantities[s]
                if q.value == quantity.value and q.unit == quantity.unit
            ]
        if places and all(inside(spans[s], start) for s, start in places):
            found.append((anchor, places))
    for anchor, places in found:
        anchor.status = "contradicted"
        result.conflicts.append(
            Conflict("negation", f"{anchor.claim} (denied)", page.segments[places[0][0]].text.strip(), 0.6)
        )


def _surname_only(page: PageIndex, merged: dict[int, float], page_key: str) -> bool:
    """True when the page word matched for a speaker reads as a person's surname there.

    "Putin said ..." whose evidence is far from any mention of Putin is a wrong attribution;
    "Moscow said" or "the Kremlin said" found far away is not (an institution speaks through
    whoever the window names).
    """
    for seg in merged:
        for token in page.tokens[seg]:
            if token.key == page_key and token.cyr:
                return is_surname(token.text)
    return False


def _proper(name: Name) -> bool:
    """True for a name that transliterates rather than translates.

    One word without inner capitals ("Kemerovo", "Tolyatti-Odesa", not "TurkStream"), or
    several such words with no "the" before them and no lower-case joiner ("Xi Jinping", not
    "the Black Sea" or "Power of Siberia"), unless every word is a common word the lexicon
    translates ("Security Service").
    """
    words = name.text.removesuffix("'s").removesuffix("’s").split()
    for word in words:
        if any(ch.isupper() and word[i - 1] != "-" for i, ch in enumerate(word) if i):
            return False
    if all(is_translatable(w) for w in words):
        return False  # common words in capitals ("Security Service", "Intelligence") translate
    if len(words) == 1:
        return True
    return not name.article and all(w[:1].isupper() for w in words)


def _mark_displaced(
    placed: list[tuple[AnchorResult, dict[int, float]]],
    window: tuple[int, ...],
    anchors: list[AnchorResult],
    away: set[int],
) -> None:
    """Mark numbers and dates found only far from the window where the clause's others stand.

    "Cut the rate to 20% at its 25 July meeting" against a page with the cut in one paragraph
    and 25 July as the date of the *next* meeting in another: each anchor exists, but the page
    does not put them together. The others may be names too: "the Adel Kus plant will cost
    12 billion" where the page names the plant in one paragraph and gives 12 billion as the
    cost of another project in a third. A figure that stands with a claim name the window
    lacks (``away``) is a second fact the claim joins ("310 flights, 190 of them Lufthansa's"
    with Lufthansa and its 190 in a later paragraph): it stays "elsewhere".
    """
    if not window or not any(a.status == "matched" and not a.weak for a in anchors):
        return
    for anchor, scores in placed:
        if anchor.status != "elsewhere" or not scores or away.intersection(scores):
            continue
        distance = min(min(abs(s - w) for w in window) for s in scores)
        if distance > DISPLACED_REACH:
            anchor.status = "displaced"


def _terms_in_window(result: ClauseResult, by_key: dict[str, dict[int, tuple[float, str]]]) -> int:
    return sum(1 for scores in by_key.values() if any(s in scores for s in result.window))


def _coverage(
    page: PageIndex,
    result: ClauseResult,
    terms: list[tuple[str, float, bool]],
    by_key: dict[str, dict[int, tuple[float, str]]],
) -> None:
    total = found = 0.0
    for key, weight, is_name in terms:
        if is_name:
            continue
        total += weight
        best = max((by_key[key].get(s, (0.0, ""))[0] for s in result.window), default=0.0)
        found += weight * best
        if best:
            result.matched_terms.append(key)
    result.coverage = found / total if total else 0.0


def _aligned_segments(
    clause: Clause,
    result: ClauseResult,
    by_key: dict[str, dict[int, tuple[float, str]]],
    terms: list[tuple[str, float, bool]],
) -> list[int]:
    """The window's sentences that hold at least MIN_ALIGNMENT of the clause's words or anchors."""
    name_keys = {k for n in clause.names for k in (*n.keys, *n.aliases)}
    anchors = sum(1 for a in result.anchors if a.status == "matched" and a.kind in ("number", "date"))
    aligned = []
    for seg in result.window:
        hits = sum(1 for key, _, _ in terms if key not in name_keys and seg in by_key[key])
        hits += sum(1 for n in clause.names if any(seg in by_key.get(k, {}) for k in (*n.keys, *n.aliases)))
        if hits + anchors >= MIN_ALIGNMENT:
            aligned.append(seg)
    return aligned


def _check_negation(
    page: PageIndex,
    clause: Clause,
    result: ClauseResult,
    by_key: dict[str, dict[int, tuple[float, str]]],
    terms: list[tuple[str, float, bool]],
) -> None:
    """Flag a polarity flip: a negated claim with no negation near its evidence, or the reverse.

    An affirmed claim conflicts only when every aligned sentence of its window is negated; a
    negated claim only when neither its window nor the sentence after it negates anything (the
    negation of a reported statement often follows the sentence that introduces it).
    """
    aligned = _aligned_segments(clause, result, by_key, terms)
    if not aligned:
        return
    claim_neg = negated(_without_short_of_figure(clause.tokens))
    if claim_neg:
        said = _affirmed_near(page, clause, result.window, _denied_words(clause.tokens), by_key)
        if said is not None:  # "never admitted his guilt" / «Он полностью признал вину»
            text = page.segments[said].text.strip()
            result.conflicts.append(Conflict("negation", "negated", text, 0.6))
            return
        near = range(result.window[0], min(len(page.segments), result.window[-1] + 1 + NEGATION_REACH))
        if any(_denies(page.tokens[s]) for s in near):
            return
        scope = _negation_scope(clause.tokens)
        held = [s for s in aligned if any(s in by_key.get(key, {}) for key in scope)]
        if not held and any(_denies(page.tokens[s]) for key in scope for s in by_key.get(key, {})):
            return  # the window is silent on what the claim denies, which another sentence denies
        seg = held[0] if held else aligned[0]
    else:
        lacking = _without_scope(clause)
        if lacking and any(
            _negated_near(page, s, {by_key[k][s][1] for k in lacking if s in by_key.get(k, {})})
            for s in aligned
        ):
            return  # "without taking on more commercial debt" / «заимствования увеличивать не планируем»
        flipped = _negated_match(page, clause, result, by_key, terms)
        if flipped is None and not all(_negated_near(page, s, _page_keys(s, by_key)) for s in aligned):
            denied = _denied_elsewhere(page, clause, result, by_key, terms)
            if denied is not None:
                word, seg = denied
                text = page.segments[seg].text.strip()
                result.conflicts.append(Conflict("denied", word, text, DENIED_STRENGTH))
            return
        seg = aligned[0] if flipped is None else flipped
    result.conflicts.append(
        Conflict("negation", "negated" if claim_neg else "affirmed", page.segments[seg].text.strip(), 0.6)
    )


# Words after "without" that are what a clause says is lacking.
WITHOUT_REACH = 5


def _without_scope(clause: Clause) -> set[str]:
    """Keys of the clause's words after "without": what it says did not happen ("covered from
    balances, without taking on more commercial debt")."""
    tokens = clause.tokens
    found: set[str] = set()
    for i, token in enumerate(tokens):
        if token.lemma == "without":
            found.update(t.key for t in tokens[i + 1 : i + 1 + WITHOUT_REACH] if t.content)
    return found


def _without_short_of_figure(tokens: Sequence[Token]) -> list[Token]:
    """A clause's words without a "short of" before a figure: "bail of 51 million, well short of
    the 90 million sought" compares two figures, which the number checks judge; it denies
    nothing the page must deny."""
    kept = list(tokens)
    for i in range(len(tokens) - 2):
        if tokens[i].lemma != "short" or tokens[i + 1].text.lower() != "of":
            continue
        nxt = tokens[i + 3] if tokens[i + 2].text.lower() == "the" and i + 3 < len(tokens) else tokens[i + 2]
        if nxt.text[:1].isdigit():
            kept.remove(tokens[i])
    return kept


# Stems of a ban, which denies what a list after it names.
_BAN_STEMS = ("запрет", "запрещ", "заборон", "ban", "prohibit")
# Sentences either side of a window where a negated claim's words, affirmed, contradict it.
AFFIRMED_REACH = 2


def _affirmed_near(
    page: PageIndex,
    clause: Clause,
    window: Sequence[int],
    scope: set[str],
    by_key: dict[str, dict[int, tuple[float, str]]],
) -> int | None:
    """A sentence near the window that says, without negation, what a negated claim denies.

    "He never admitted his guilt" against «Он полностью признал вину»: every sentence of the
    page holding two of the denied words affirms them, and one stands near the window. (A
    speech verb such as "admitted" is no search term, so its sentences are looked up here.)
    """
    if len(scope) < 2 or not window:
        return None
    if any(t.lemma.startswith(_BAN_STEMS) for seg in window for t in page.tokens[seg]):
        return None  # "may no longer drive taxis" against a ban («запрещающий») and its list
    where = {key: dict(by_key[key]) for key in scope if key in by_key}
    missing = [key for key in scope if key not in by_key]
    if missing:
        where.update(zip(missing, term_segment_scores(page, match_keys(page, missing)), strict=True))
        if not is_cyrillic(clause.text):
            merge_translations(page, clause.tokens, where)
    found = [key for key in scope if where.get(key)]
    if len(found) < 2:
        return None
    counts: dict[int, int] = defaultdict(int)
    for key in found:
        for seg in where[key]:
            counts[seg] += 1
    holders = sorted(seg for seg, n in counts.items() if n >= 2)
    if not holders or any(
        _negated_near(page, seg, {where[k][seg][1] for k in found if seg in where[k]})
        or _denies_otherwise(page.tokens[seg], stance=False)
        for seg in holders
    ):
        return None
    near = set(page.around(window, AFFIRMED_REACH))
    return next((seg for seg in holders if seg in near), None)


# Words that deny what follows them (not "instead", "declined to", "short of").
_PLAIN_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "nobody",
        "none",
        "nothing",
        "neither",
        "nor",
        "не",
        "ни",
        "ні",
        "нет",
        "немає",
        "никогда",
        "ніколи",
    ]
)


def _denied_words(tokens: Sequence[Token]) -> set[str]:
    """Keys of the first content words after a clause's negating words ("never admitted his
    guilt" -> admit, guilt; "will no longer nominate the head" -> nominate, head)."""
    found: set[str] = set()
    for i, token in enumerate(tokens):
        if token.lemma in _PLAIN_NEGATORS or token.lemma.endswith(("n't", "n’t")):
            after = [
                t
                for t in tokens[i + 1 : i + 1 + 2 * NEGATION_SCOPE + 1]
                if t.content and not negated([t]) and t.lemma not in ("longer", "more")
            ]
            found.update(t.key for t in after[: NEGATION_SCOPE + 1])
    return found


def _negation_scope(tokens: Sequence[Token]) -> set[str]:
    """Keys of the content words next to a clause's negating words: what the clause denies.

    "Rescuers had found no trace of the kayakers" denies finding a trace; a window about how
    many rescuers searched, with no word of finding or of a trace, does not contradict that
    when another sentence («следов пока не найдено») denies it.
    """
    scope: set[str] = set()
    for i, token in enumerate(tokens):
        if negated([token]):
            before = tokens[max(0, i - NEGATION_SCOPE) : i]
            # After it, its first content words ("had not given up on the Istanbul format").
            after = [t for t in tokens[i + 1 : i + 1 + 2 * NEGATION_SCOPE + 1] if t.content][
                : NEGATION_SCOPE + 1
            ]
            scope.update(t.key for t in (*before, *after) if t.content and not negated([t]))
    return scope


# Nouns of lack: a negated claim ("short of staff", "no workers") is borne out by them.
LACK_WORDS = frozenset({"нехватка", "недостаток", "дефицит", "нестача", "брак", "дефіцит", "нестаток"})


# Verbs of a thing lost: a claim that someone no longer may do it is borne out by them.
LOSS_WORDS = frozenset({"лишиться", "лишитися", "позбавити", "позбавитися", "лишить"})


# Words of a stance against: a claim that someone opposed a thing is borne out by them.
STANCE_AGAINST = frozenset({"против", "проти"})


def _denies(tokens: Sequence[Token]) -> bool:
    """True when a sentence negates, or bounds with «не» ("cuts unlikely before the second
    quarter" against «зниження ... не раніше другого кварталу»)."""
    return negated(tokens) or _denies_otherwise(tokens)


def _denies_otherwise(tokens: Sequence[Token], stance: bool = True) -> bool:
    """True when a sentence denies without a negating word: a bound with «не», «без», a noun of
    lack, a stance against, a right lost («лишится права»)."""
    return (
        any(
            t.lemma in NEGATING_PARTICLES and tokens[i + 1].text.lower() in BOUND_WORDS
            for i, t in enumerate(tokens[:-1])
        )
        or any(t.lemma == "без" for t in tokens)  # "had no heating" against «без отопления»
        or any(t.lemma in LACK_WORDS for t in tokens)  # "short of staff" against «нестача працівників»
        # "came out against" / «выступил против»
        or (stance and any(t.lemma in STANCE_AGAINST for t in tokens))
        or any(t.lemma in LOSS_WORDS for t in tokens)  # "no longer nominate" / «лишится права»
    )


def _page_keys(seg: int, by_key: dict[str, dict[int, tuple[float, str]]]) -> set[str]:
    """The page keys of one sentence that matched a word or name of the clause."""
    return {scores[seg][1] for scores in by_key.values() if seg in scores}


def _negated_near(page: PageIndex, seg: int, keys: set[str]) -> bool:
    """True when the part of a sentence holding most of the clause's words is negated.

    A sentence's parts end at semicolons, colons, spaced dashes, the end of a quotation
    ('"There's no deal until there's a deal," Trump said, adding that "many points" had been
    agreed'), and commas before a capital (a spliced sentence): "the programme was not carried
    out in full: the lunch was cancelled" negates the part the claim's words are in; "five
    candidates took part, For the first time none of them was a woman" does not. A negation
    inside a relative clause ("Sheiko, who did not pass the assessment, ...") speaks of that
    clause's own subject and is left out.
    """
    tokens = page.tokens[seg]
    if not negated(tokens):
        return False
    segment = page.segments[seg]
    parts = [
        [t for t in tokens if lo <= t.start < hi]
        for lo, hi in sentence_parts(segment.text, segment.start, NEGATION_PART_RE)
    ]
    held = [sum(1 for t in part if t.key in keys) for part in parts]
    if not any(held):
        return _negated_outside_relative(page, tokens)
    most = max(held)
    return any(_negated_outside_relative(page, p) for p, n in zip(parts, held, strict=True) if n == most)


def _negated_outside_relative(page: PageIndex, tokens: list[Token]) -> bool:
    """True when tokens negate outside the relative clauses among them (split at commas)."""
    if not tokens:
        return False
    pieces: list[list[Token]] = [[]]
    for token in tokens:
        if pieces[-1] and page.text[pieces[-1][-1].end : token.start].strip().startswith(","):
            pieces.append([])
        pieces[-1].append(token)
    return any(negated(p) for p in pieces if not any(t.lemma in RELATIVE_PRONOUNS for t in p))


def _negated_match(
    page: PageIndex,
    clause: Clause,
    result: ClauseResult,
    by_key: dict[str, dict[int, tuple[float, str]]],
    terms: list[tuple[str, float, bool]],
) -> int | None:
    """The sentence where a word of an affirmed clause is matched only right after "не"/"ні".

    "Police found explosives" against "правоохранители не обнаружили ... взрывоопасных веществ":
    the window holds the clause's words, but the one it asserts is directly negated.
    """
    for key in _asserted(clause, terms):
        hits = [(s, by_key[key][s][1]) for s in result.window if s in by_key[key]]
        if not hits:
            continue
        negated_hits = [s for s, page_key in hits if _directly_negated(page.tokens[s], page_key)]
        if len(negated_hits) == len(hits):
            return negated_hits[0]
    for _, found in _factive_hits(page, clause, result.window):
        if found and all(_directly_negated(page.tokens[s], page_key) for s, page_key in found):
            return found[0][0]
    return None


def _factive_hits(
    page: PageIndex, clause: Clause, segments: Sequence[int]
) -> list[tuple[str, list[tuple[int, str]]]]:
    """The clause's verbs of speech that state a fact ("admitted", "confirmed": no search terms,
    but «Вину он не признал» denies them), each with its (sentence, page key) hits among the
    segments; verbs the clause itself denies are left out."""
    denied = _denied_keys(clause)
    found = []
    for token in clause.tokens:
        if token.text.lower() not in FACTIVE_SPEECH or token.key in denied:
            continue
        keys = set(_target_keys((_stem(token.text),)))
        found.append(
            (token.text, [(s, t.key) for s in segments for t in page.tokens[s] if prefix_hit(keys, {t.key})])
        )
    return found


def _denied_elsewhere(
    page: PageIndex,
    clause: Clause,
    result: ClauseResult,
    by_key: dict[str, dict[int, tuple[float, str]]],
    terms: list[tuple[str, float, bool]],
) -> tuple[str, int] | None:
    """A word of an affirmed clause that its window lacks and the page only denies.

    "Vereshchagin admitted taking 48 million" against a page whose window gives the 48 million
    and whose one word of admitting is «Свою вину он не признал»: the figures stand, the
    admission does not.

    Returns:
        The claim word and the sentence that denies it, or None.
    """
    body = page.body()
    attributive = {t.key for i, t in enumerate(clause.tokens) if _attributive(clause.tokens, i)}
    # "the planned deficit" states no planning; "power grid" no power
    naming = attributive | _modifiers_of_found(clause, result.window, by_key)
    body_set = set(body)
    # Sentences holding two or more of the clause's words: a far denial of one of them counts
    # only there (of a factive verb, which is no clause word, beside any of them).
    held = Counter(s for key, _, _ in terms for s in by_key.get(key, {}))
    shared = {s for s, n in held.items() if n > 1}
    asserted = _asserted(clause, terms)
    # The clause's first asserted word, mostly its subject ("the amendment").
    subject = asserted[0] if asserted else ""
    subject_sentences = set(by_key.get(subject, {})) - set(result.window)
    for key in asserted:
        if key in naming:
            continue
        hits = [(s, v[1]) for s, v in by_key.get(key, {}).items() if s in body_set]
        # "the amendment was adopted" on a page where the resolution was adopted and «поправка
        # не была принята»: the sentences holding another word of the clause decide.
        beside = [(s, k) for s, k in hits if s in subject_sentences] if key != subject else []
        if _only_denied_outside(page, result.window, hits, shared) or (
            beside
            and not any(s in result.window for s, _ in hits)
            and _only_denied_outside(page, result.window, beside, shared)
        ):
            word = next((t.text for t in clause.tokens if t.key == key), key)
            return word, (beside or hits)[0][0]
    for word, hits in _factive_hits(page, clause, body):
        if _only_denied_outside(page, result.window, hits, held):
            return word, hits[0][0]
    return None


def _modifiers_of_found(
    clause: Clause, window: Sequence[int], by_key: dict[str, dict[int, tuple[float, str]]]
) -> set[str]:
    """Keys of English words right before a word the window holds: the first word of a compound
    ("repairs to Ukraine's power grid" against "energy grid") names, and asserts nothing."""
    tokens = clause.tokens
    return {
        t.key
        for t, nxt in itertools.pairwise(tokens)
        if not t.cyr
        and clause.text[t.end - clause.start : nxt.start - clause.start] == " "
        and any(s in window for s in by_key.get(nxt.key, {}))
    }


def _denied_keys(clause: Clause) -> set[str]:
    """Keys of the words a clause itself denies ("did not sign")."""
    return {t.key for t in clause.tokens if claim_denies(clause.text, t.start - clause.start)}


def _asserted(clause: Clause, terms: list[tuple[str, float, bool]]) -> list[str]:
    """Keys of a clause's search terms that it asserts: not names, not words it denies."""
    name_keys = {k for n in clause.names for k in (*n.keys, *n.aliases)}
    denied = _denied_keys(clause)
    return [key for key, _, is_name in terms if not is_name and key not in name_keys and key not in denied]


def _only_denied_outside(
    page: PageIndex, window: Sequence[int], hits: list[tuple[int, str]], shared: Collection[int] = ()
) -> bool:
    """True when a word's page hits all lie outside the window and are all directly negated (far
    from the window, only in a sentence holding another word of the clause, ``shared``)."""
    if not hits or any(s in window for s, _ in hits):
        return False
    far = window and min(abs(s - w) for s, _ in hits for w in window) > DENIAL_REACH
    if far and not any(s in shared for s, _ in hits):
        # «доход не превышает» far away, with no other word of the clause: about something else
        return False
    return all(_directly_negated(page.tokens[s], page_key) for s, page_key in hits)


# "Be" between «не» and a participle: «поправка не была принята», «не був ухвалений».
_BE_AUXILIARIES = frozenset({"быть", "бути"})


def _directly_negated(tokens: list[Token], page_key: str) -> bool:
    """True when every occurrence of a page key in a sentence follows a negating particle
    («не обнаружили»), or an English "no" with only words of evidence between ("no indications
    of a cyberattack")."""
    places = [i for i, t in enumerate(tokens) if t.key == page_key]
    return bool(places) and all(
        i
        and (
            tokens[i - 1].lemma in NEGATING_PARTICLES
            or (
                i > 1 and tokens[i - 2].lemma in NEGATING_PARTICLES and tokens[i - 1].lemma in _BE_AUXILIARIES
            )
            or _no_sign_of(tokens, i)
            or _still_due(tokens, i)
        )
        for i in places
    )


def _still_due(tokens: list[Token], i: int) -> bool:
    """True for an infinitive after "has to" («документ має підписати президент», «должен
    подписать») or a thing sent "for signature": still to be done, not done."""
    if tokens[i - 1].lemma == "на" and tokens[i].lemma in ("подпись", "підпис"):
        return True  # «направить на подпись»: sent to be signed
    infinitive = tokens[i].cyr and tokens[i].text.lower().endswith(_INFINITIVE_ENDS)
    return infinitive and tokens[i - 1].lemma in DUE_MODALS


# Modal words before an infinitive that leave it to be done (Russian and Ukrainian lemmas).
DUE_MODALS = frozenset({"должен", "должный", "предстоять", "мати", "належати", "повинен", "повинний"})
_INFINITIVE_ENDS = ("ть", "ти", "ться", "тися", "чь")
# English words that may stand between "no" and what it denies ("no sign of an attack").
EVIDENCE_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "any",
        "of",
        "sign",
        "signs",
        "indication",
        "indications",
        "evidence",
        "trace",
        "traces",
    }
)
# Words looked back from a denied word for its "no".
NO_REACH = 4


def _no_sign_of(tokens: list[Token], i: int) -> bool:
    for j in range(i - 1, max(-1, i - 1 - NO_REACH), -1):
        low = tokens[j].text.lower()
        if low in ("no", "without"):
            return True
        if low not in EVIDENCE_WORDS:
            return False
    return False
