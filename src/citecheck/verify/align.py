"""Align one clause of a claim with its best evidence window and check each anchor there.

For a clause: match its words to the page's keys, score windows of up to three sentences by
idf-weighted word matches plus matched numbers and dates, then look at each anchor in the
best window: matched, found only elsewhere, found only in headline-like lines (link lists,
sidebars), contradicted by a different value, or absent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from citecheck.verify.claims import Clause
from citecheck.verify.contradict import (
    Conflict,
    date_conflicts,
    negated,
    quantity_conflicts,
    same_person,
)
from citecheck.verify.dates import date_match
from citecheck.verify.entities import SPEECH_EN, speaker_keys
from citecheck.verify.numbers import Quantity, quantity_match
from citecheck.verify.retrieve import (
    PageIndex,
    best_window,
    match_keys,
    term_segment_scores,
    windows,
)
from citecheck.verify.text import Token, is_cyrillic

LOGGER = logging.getLogger(__name__)

# Weight of a matched number or date in a window's score, against 1 per matched word x idf.
ANCHOR_WEIGHT = 3.0
# Weight of a name's words against other words.
NAME_WEIGHT = 2.0
# Similarity at which a name's word counts as found (a ratio of 82: "Israel" ~ "Израиль").
NAME_FOUND = 0.74
# Similarity at which a quoted phrase counts as found in the same language (rapidfuzz 0..100).
QUOTE_FOUND = 85.0
# Sentences before a window searched for the speaker of a quotation.
SPEAKER_LOOKBACK = 2
# Plain numbers from this value up are distinctive; smaller ones count only in a sentence
# that shares other words of the clause ("nine years" is not "9 grams").
DISTINCTIVE_VALUE = 100
# Sentences either side of one with other words of the clause where a small number may stand.
NEIGHBOURS = 1
# Numbers up to this, written in words ("the two sides", "ten days later"), are weak anchors.
SMALL_WORD_NUMBER = 10
# A conflict is trusted only in a window that matches this much of the rest of the clause.
MIN_ALIGNMENT = 2


@dataclass
class AnchorResult:
    """How one anchor of a clause fared on the page."""

    kind: str  # number | date | name | quote
    claim: str
    status: str  # matched | elsewhere | boilerplate | contradicted | absent
    page: str = ""
    similarity: float = 0.0
    weak: bool = False

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


def _terms(clause: Clause) -> list[tuple[str, float, bool]]:
    """The clause's words to look for: (key, weight, is-name), speakers left out."""
    speaker_spans = [(n.start, n.end) for n in clause.names if n.speaker]
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
    names_keys = [k for n in clause.names for k in n.keys]
    all_keys = [t[0] for t in terms] + [k for k in names_keys if k not in {t[0] for t in terms}]
    matches = match_keys(page, all_keys)
    per_term = term_segment_scores(page, matches)
    by_key = dict(zip(all_keys, per_term, strict=True))
    body = set(page.body())
    q_scores = [
        {
            s: m
            for s in range(len(page.segments))
            if (m := max((quantity_match(q, p) for p in page.quantities[s]), default=0.0))
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
    _check_speaker(page, clause, result)
    return result


def _distinctive(quantity: Quantity) -> bool:
    """True for numbers unlikely to match by chance (large, decimal, percent, scaled, years)."""
    return (
        quantity.value >= DISTINCTIVE_VALUE
        or quantity.decimals > 0
        or quantity.scale > 1
        or quantity.unit in ("%", "pp", "time", "year")
    )


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
    for quantity, scores in zip(clause.quantities, q_scores, strict=True):
        status, sim = _locate(scores, window, page)
        weak = quantity.words and quantity.value <= SMALL_WORD_NUMBER
        anchor = AnchorResult("number", quantity.text, status, similarity=sim, weak=weak)
        if status != "matched":
            conflict = quantity_conflicts(quantity, w_quantities)
            if conflict:
                anchor.status, anchor.page = "contradicted", conflict.page
                result.conflicts.append(conflict)
        result.anchors.append(anchor)
    for date, scores in zip(clause.dates, d_scores, strict=True):
        status, sim = _locate(scores, window, page)
        if status == "absent" and page.published is not None and date_match(date, page.published):
            status, sim = "elsewhere", date_match(date, page.published)
        anchor = AnchorResult("date", date.text, status, similarity=sim)
        if status != "matched":
            conflict = date_conflicts(date, w_dates)
            if conflict:
                anchor.status, anchor.page = "contradicted", conflict.page
                result.conflicts.append(conflict)
        result.anchors.append(anchor)
    for name in clause.names:
        merged: dict[int, float] = {}
        page_word = ""
        for key in name.keys:
            for seg, (sim, matched_key) in by_key.get(key, {}).items():
                if sim >= NAME_FOUND and sim > merged.get(seg, 0.0):
                    merged[seg] = sim
                    page_word = page_word or matched_key
        if name.speaker:
            near = set(range(window[0] - SPEAKER_LOOKBACK, window[-1] + 2)) if window else set()
            status, sim = _locate(merged, tuple(s for s in near if s in merged), page)
        else:
            status, sim = _locate(merged, window, page)
        kind = "speaker" if name.speaker else "name"
        result.anchors.append(AnchorResult(kind, name.text, status, page_word if sim else "", sim, name.weak))
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
    aligned = sum(1 for a in result.anchors if a.status == "matched") + len(result.matched_terms)
    if result.conflicts and aligned + _terms_in_window(result, by_key) < MIN_ALIGNMENT:
        for anchor in result.anchors:
            if anchor.status == "contradicted":
                anchor.status = "absent"
        result.conflicts.clear()


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


def _best_segment(result: ClauseResult, by_key: dict[str, dict[int, tuple[float, str]]]) -> int | None:
    if not result.window:
        return None
    return max(result.window, key=lambda s: sum(scores.get(s, (0.0, ""))[0] for scores in by_key.values()))


def _check_negation(
    page: PageIndex,
    clause: Clause,
    result: ClauseResult,
    by_key: dict[str, dict[int, tuple[float, str]]],
    terms: list[tuple[str, float, bool]],
) -> None:
    seg = _best_segment(result, by_key)
    if seg is None:
        return
    name_keys = {k for n in clause.names for k in n.keys}
    hits = sum(1 for key, _, _ in terms if key not in name_keys and seg in by_key[key])
    hits += sum(1 for n in clause.names if any(seg in by_key.get(k, {}) for k in n.keys))
    hits += sum(1 for a in result.anchors if a.status == "matched" and a.kind in ("number", "date"))
    if hits < MIN_ALIGNMENT:
        return
    claim_neg = negated(clause.tokens)
    page_neg = negated(page.tokens[seg])
    if claim_neg != page_neg:
        result.conflicts.append(
            Conflict("negation", "negated" if claim_neg else "affirmed", page.segments[seg].text.strip(), 0.6)
        )


def _check_speaker(page: PageIndex, clause: Clause, result: ClauseResult) -> None:
    speakers = [n for n in clause.names if n.speaker]
    if not speakers or not result.window:
        return
    claim_keys = [k for n in speakers for k in n.keys]
    first, last = result.window[0], result.window[-1]
    nearby = list(range(max(0, first - SPEAKER_LOOKBACK), min(len(page.segments), last + 2)))
    mentioned = any(
        same_person(claim_keys, [t.key for t in page.tokens[s] if t.cap])
        for s in nearby
        if not page.segments[s].headline
    )
    if mentioned:
        return
    others: list[str] = []
    for s in result.window:
        seg_text = page.segments[s].text
        if page.cyrillic:
            others.extend(speaker_keys(seg_text, page.tokens[s]))
        else:
            others.extend(_latin_speakers(page.tokens[s]))
    if others:
        result.conflicts.append(Conflict("speaker", speakers[0].text, " ".join(others[:4]), 0.7))


def _latin_speakers(tokens: list[Token]) -> list[str]:
    """Keys of capitalised words right before or after an English speech verb."""
    found: list[str] = []
    for i, token in enumerate(tokens):
        if token.lemma in SPEECH_EN and token.lemma != "according":
            near = tokens[max(0, i - 2) : i] + tokens[i + 1 : i + 2]
            found.extend(t.key for t in near if t.cap and t.content)
    return found
