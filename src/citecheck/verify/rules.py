"""The default judge's rule: clause results -> label, calibrated score and JSON reasons.

Each clause is *supported* (its anchors found together in one window), *contradicted*
(a different number, scale or date where the rest of the clause aligns, a negation flip, or
another speaker), *missing* (a number, date, name or quote the page does not hold outside
its headline lists), *partial* (backed, but a scope word, vague quantity or the like says more
than the page: ``scope.py``), or *unverified* (nothing checkable; judged by word coverage alone).
All clauses supported -> supported; some, or any partial -> partial; none -> unsupported.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from citecheck.models import Extraction, Label, Span, Verdict
from citecheck.verify.aliases import alias_keys
from citecheck.verify.align import AnchorResult, ClauseResult, align
from citecheck.verify.claims import split_claim
from citecheck.verify.lexicon import is_translatable
from citecheck.verify.retrieve import PageIndex, page_index
from citecheck.verify.scope import SOFT_KINDS, scope_conflicts
from citecheck.verify.swap import swapped_across, swapped_people_across

LOGGER = logging.getLogger(__name__)

JUDGE_NAME = "default"
# Weight of a missing anchor by type: numbers and dates are reliable; a name may be missing
# only because it has another form in the page's language (TurkStream/Турецкий поток).
MISSING_WEIGHT = {"number": 1.0, "date": 1.0, "name": 0.5, "speaker": 0.5, "quote": 0.8}
# A name that transliterates ("Kemerovo", "Xi Jinping"; exonyms and vowel shifts already tried)
# but is absent from the whole page is as telling as a number; a person said to speak who is
# named nowhere is a wrong attribution. Translated names ("the Foreign Ministry") keep the
# lower weight.
PROPER_NAME_WEIGHT = 1.0
# A name found only in headline-like lines (link lists, sidebars) is a strong sign of a distractor.
BOILERPLATE_WEIGHT = 1.0
# A number or date found only paragraphs away from the clause's other anchors is a distractor
# ("cut the rate to 18% on 25 July", 25 July being the next meeting) when the window is held by
# one figure or by names; in a window that already matches LOCATED_ANCHORS figures or dates the
# claim more likely joins facts from two paragraphs ("20 million tonnes from 15 February to
# 30 June, almost twice the 10.6 million of a year earlier"): alone it does not make the
# clause missing, with another gap it does.
DISPLACED_WEIGHT = 0.5
LOCATED_ANCHORS = 2
# Missing weight at which a clause counts as missing.
MISSING_LIMIT = 0.8
# Conflict strength at which a clause counts as contradicted.
CONFLICT_LIMIT = 0.5
# Word coverage at which a clause without anchors counts as supported.
COVERAGE_SUPPORTED = 0.5
# In the page's own language words are found as they are: a clause whose words are mostly
# not in its window is missing.
SAME_LANGUAGE_COVERAGE = 0.4
# Word coverage below which a clause without anchors counts as unrelated to the page.
COVERAGE_UNRELATED = 0.15
# Whether a clause that shares nothing with the page, beside clauses that check out, makes the
# claim partial.
UNRELATED_CLAUSE_FAILS = False
# Score of a verdict with no evidence either way.
BASE_SCORE = 0.5
# Largest score the rule gives (it is never certain).
MAX_SCORE = 0.95


def _person_like(name: str) -> bool:
    """True for a name of two or more words none of which translates or names a place
    ("Andrii Sybiha"; not "Black Sea", "Far Eastern")."""
    words = name.removesuffix("'s").removesuffix("’s").split()
    return len(words) > 1 and not any(is_translatable(w) or alias_keys(w, cities=False) for w in words)


def _weight(anchor: AnchorResult, coverage: float, located: bool = False) -> float:
    """How much a missing anchor counts.

    A name that transliterates, absent from the whole page, counts fully, unless the clause's other
    words are well covered in its window (then the name is likely a paraphrase: "Washington"
    for "the Americans").
    """
    if anchor.kind == "speaker" and anchor.proper and anchor.status == "absent" and " " in anchor.claim:
        return PROPER_NAME_WEIGHT  # a person's full name, said to speak, named nowhere on the page
    if anchor.kind == "name" and anchor.proper and anchor.status == "absent" and _person_like(anchor.claim):
        return PROPER_NAME_WEIGHT  # a person's full name ("led by Andrii Sybiha") named nowhere on the page
    if anchor.kind == "speaker" and anchor.status == "displaced":
        return PROPER_NAME_WEIGHT  # a person said to speak, named on the page only far away
    if anchor.kind in ("number", "date") and anchor.status == "displaced" and located:
        return DISPLACED_WEIGHT
    if anchor.kind == "name" and anchor.known_form and anchor.status == "absent":
        return PROPER_NAME_WEIGHT  # a place whose Russian name is known, absent from the whole page
    if (
        anchor.kind in ("name", "speaker")
        and anchor.proper
        and anchor.status == "absent"
        and coverage < COVERAGE_SUPPORTED
    ):
        return PROPER_NAME_WEIGHT
    return MISSING_WEIGHT[anchor.kind]


def clause_status(result: ClauseResult) -> str:
    """Decide one clause: supported | partial | contradicted | missing | unverified."""
    if any(c.strength >= CONFLICT_LIMIT for c in result.conflicts):
        return "contradicted"
    strong = [a for a in result.anchors if not a.weak]
    located = (
        sum(1 for a in strong if a.kind in ("number", "date") and a.status == "matched") >= LOCATED_ANCHORS
    )
    missing = sum(
        BOILERPLATE_WEIGHT
        if a.status == "boilerplate" or result.same_language
        else _weight(a, result.coverage, located)
        for a in strong
        if a.status in ("absent", "boilerplate", "contradicted", "displaced")
    )
    matched = [a for a in result.anchors if a.status in ("matched", "elsewhere")]
    if missing >= MISSING_LIMIT:
        absent = [a for a in strong if a.status in ("absent", "boilerplate", "contradicted", "displaced")]
        if all(a.listed and a.kind == "name" and a.status == "absent" for a in absent) and any(
            a.listed and a.status == "matched" for a in result.anchors
        ):
            return "partial"  # one item of a list the page does not name ("Donetsk and Luhansk")
        return "missing"
    if result.same_language and result.coverage < SAME_LANGUAGE_COVERAGE:
        return "missing" if strong or result.coverage < COVERAGE_UNRELATED else "unverified"
    backed = (
        any(a.status == "matched" for a in result.anchors)
        or (matched and result.coverage >= COVERAGE_UNRELATED)
        or result.coverage >= COVERAGE_SUPPORTED
    )
    if not backed:
        return "unverified"
    # Backed, but a scope word ("every", "the best") or a vague quantity says more than the page.
    return "partial" if any(c.kind in SOFT_KINDS for c in result.conflicts) else "supported"


def decide(results: list[ClauseResult]) -> tuple[Label, float]:
    """Aggregate clause statuses into a label and a calibrated confidence.

    Args:
        results: one result per clause, status set.

    Returns:
        The label and a confidence in it (0..1).
    """
    counted = [r for r in results if not r.clause.lead or r.clause.anchors]
    if not counted:
        counted = results
    statuses = [r.status for r in counted]
    # A partial clause (backed, but overstated) counts both ways: the claim is at most partial.
    good = statuses.count("supported") + statuses.count("partial")
    bad = sum(1 for s in statuses if s in ("contradicted", "missing", "partial"))
    unrelated = sum(1 for r in counted if r.status == "unverified" and r.coverage < COVERAGE_UNRELATED)
    if good and UNRELATED_CLAUSE_FAILS:
        bad += unrelated
    open_ = statuses.count("unverified")
    anchors_matched = sum(1 for r in counted for a in r.anchors if a.status == "matched" and not a.weak)
    coverage = sum(r.coverage for r in counted) / len(counted)
    if bad and good:
        return Label.PARTIAL, _squash(0.2 + 0.15 * min(good, bad))
    if bad:
        strength = max((c.strength for r in counted for c in r.conflicts), default=0.0)
        return Label.UNSUPPORTED, _squash(0.4 + 0.6 * strength + 0.1 * bad)
    if good and not open_:
        return Label.SUPPORTED, _squash(0.2 + 0.35 * anchors_matched + coverage)
    if good:
        return Label.SUPPORTED, _squash(0.1 * anchors_matched + coverage - 0.2 * open_)
    if coverage < COVERAGE_UNRELATED:
        return Label.UNSUPPORTED, _squash(0.3 - coverage)
    return Label.PARTIAL, _squash(0.0)


def _squash(evidence: float) -> float:
    """Map an evidence sum to a confidence between BASE_SCORE and MAX_SCORE."""
    return round(BASE_SCORE + (MAX_SCORE - BASE_SCORE) * (1 - math.exp(-max(evidence, 0.0))), 3)


def _reasons(page: PageIndex, results: list[ClauseResult], label: Label, score: float) -> dict[str, Any]:
    clauses = []
    matched: list[dict[str, Any]] = []
    missing: list[dict[str, Any]] = []
    contradicting: list[dict[str, Any]] = []
    for r in results:
        span = _window_span(page, r.window)
        clauses.append(
            {
                "text": r.clause.text,
                "lead": r.clause.lead,
                "status": r.status,
                "evidence_span": [span.start, span.end] if span else None,
                "anchors": [a.as_dict() for a in r.anchors],
                "conflicts": [{"type": c.kind, "claim": c.claim, "page": c.page} for c in r.conflicts],
                "coverage": round(r.coverage, 3),
                "window_score": round(r.window_score, 3),
            }
        )
        for a in r.anchors:
            target = matched if a.status in ("matched", "elsewhere") else missing
            if a.status == "contradicted":
                target = contradicting
            target.append(a.as_dict())
    return {
        "clauses": clauses,
        "matched": matched,
        "missing": missing,
        "contradicting": contradicting,
        "negation_flip": any(c.kind == "negation" for r in results for c in r.conflicts),
        "attribution": [
            {"claim": c.claim, "page": c.page} for r in results for c in r.conflicts if c.kind == "speaker"
        ],
        "scores": {"label": str(label), "score": score},
    }


def _window_span(page: PageIndex, window: tuple[int, ...]) -> Span | None:
    if not window:
        return None
    return Span(page.segments[window[0]].start, page.segments[window[-1]].end)


def assess(claim: str, context: str, extraction: Extraction) -> Verdict:
    """Judge a claim against a page's text with the offline rules.

    Args:
        claim: the sentence, list or passage the citation vouches for.
        context: the citing paragraph around it.
        extraction: the page's extracted text.

    Returns:
        The verdict with its evidence passage and reasons.
    """
    if extraction.outcome == "no_text" or not extraction.text.strip():
        return Verdict(Label.DEAD, 1.0, reasons={"reason": "no_text"}, judge=JUDGE_NAME)
    page = page_index(extraction.text, extraction.lang, extraction.date)
    clauses = split_claim(claim, context)
    if not clauses:
        return Verdict(Label.UNSUPPORTED, BASE_SCORE, reasons={"reason": "empty_claim"}, judge=JUDGE_NAME)
    results = [align(page, clause) for clause in clauses]
    windows = [r.window for r in results]
    for position, conflict in [
        *swapped_across(page, clauses, windows),
        *swapped_people_across(page, clauses, windows),
    ]:
        results[position].conflicts.append(conflict)
    for result in results:
        result.conflicts.extend(scope_conflicts(page, result))
        result.status = clause_status(result)
    label, score = decide(results)
    best = max(results, key=lambda r: (r.status == "supported", r.window_score))
    span = _window_span(page, best.window)
    evidence = page.text[span.start : span.end] if span else ""
    return Verdict(label, score, evidence, span, _reasons(page, results, label, score), JUDGE_NAME)
