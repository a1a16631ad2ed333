"""Scoring parsed citations against an evaluation set's expected citations."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from citecheck.articles.urls import normalize_url
from citecheck.models import Citation

LOGGER = logging.getLogger(__name__)

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
# Two claims are the same citation's only when at least this share of the shorter claim's
# tokens is in the longer one: a nested or overlapping span pairs, a different sentence that
# merely shares function words ("the", "of", "said") does not.
MIN_OVERLAP = 0.5


def tokens(text: str) -> Counter[str]:
    """Return the multiset of lower-cased word tokens of a text (punctuation and markup ignored)."""
    return Counter(t.casefold() for t in _TOKEN_RE.findall(text))


def token_f1(expected: str, predicted: str) -> float:
    """Return the token-level F1 of a predicted claim against the expected one."""
    exp, pred = tokens(expected), tokens(predicted)
    common = sum((exp & pred).values())
    if not common:
        return 1.0 if not exp and not pred else 0.0
    precision = common / sum(pred.values())
    recall = common / sum(exp.values())
    return 2 * precision * recall / (precision + recall)


def _overlap(expected: str, predicted: str) -> float:
    """Return the overlap coefficient of two claims' token multisets."""
    exp, pred = tokens(expected), tokens(predicted)
    smaller = min(sum(exp.values()), sum(pred.values()))
    return sum((exp & pred).values()) / smaller if smaller else 0.0


def _pair(expected: Sequence[Mapping[str, Any]], predicted: Sequence[Citation]) -> list[float]:
    """Pair one article's citations one-to-one; return the claim token-F1 of each pair."""
    candidates: list[tuple[float, int, int]] = []
    for i, exp in enumerate(expected):
        exp_url = normalize_url(str(exp["url"]))
        for j, pred in enumerate(predicted):
            if pred.url is None or normalize_url(pred.url) != exp_url:
                continue
            if _overlap(str(exp["claim"]), pred.claim) >= MIN_OVERLAP:
                candidates.append((token_f1(str(exp["claim"]), pred.claim), i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_exp: set[int] = set()
    used_pred: set[int] = set()
    scores: list[float] = []
    for f1, i, j in candidates:
        if i in used_exp or j in used_pred:
            continue
        used_exp.add(i)
        used_pred.add(j)
        scores.append(f1)
    return scores


def score_articles(pairs: list[tuple[list[dict[str, Any]], list[Citation]]]) -> dict[str, float]:
    """Score predicted citations against expected ones, article by article.

    Pairing rule: within one article, an expected citation (an ``articles.jsonl`` entry whose
    ``url`` and ``claim`` are both set; entries with a null one are warnings and are ignored)
    and a predicted :class:`Citation` can pair when their URLs are equal after light
    normalisation (whitespace and trailing sentence punctuation stripped, scheme and host
    lower-cased, a bare trailing "/" dropped) and their claims overlap: at least
    ``MIN_OVERLAP`` of the shorter claim's word tokens occur in the other. Pairs are then
    taken greedily by descending claim token-F1, one-to-one (a note cited twice pairs each use
    with its own claim). Markers are not scored.

    Args:
        pairs: per article, the expected citations (dicts with ``url`` and ``claim``) and the
            predicted citations.

    Returns:
        ``precision`` (matched / predicted), ``recall`` (matched / expected), ``f1``,
        ``claim_token_f1`` (mean token-F1 of claims over expected citations, 0 for an
        unmatched one), and the counts ``expected``, ``predicted``, ``matched``.
    """
    n_expected = n_predicted = n_matched = 0
    f1_sum = 0.0
    for expected, predicted in pairs:
        valid = [e for e in expected if e.get("url") and e.get("claim")]
        scores = _pair(valid, predicted)
        n_expected += len(valid)
        n_predicted += len(predicted)
        n_matched += len(scores)
        f1_sum += sum(scores)
    precision = n_matched / n_predicted if n_predicted else float(n_expected == 0)
    recall = n_matched / n_expected if n_expected else float(n_predicted == 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "claim_token_f1": f1_sum / n_expected if n_expected else 1.0,
        "expected": float(n_expected),
        "predicted": float(n_predicted),
        "matched": float(n_matched),
    }
