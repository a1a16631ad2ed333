"""The anchors a verdict matched, and where they sit in the evidence passage (for highlighting).

The judge records each anchor (a number, date, name or quote of the claim) with its status and,
for names, the *page* form it matched: the page's own words when they are Latin, or the
judge's transliterated, stemmed key of a Cyrillic word (``ministr`` for ``министр``). The
report highlights those anchors in the evidence, in the page's own language.
"""

from __future__ import annotations

import re
from typing import Any

# Shortest anchor text highlighted in evidence: one or two letters match everywhere.
MIN_ANCHOR_CHARS = 2
# Shortest transliterated word key matched by prefix ("pr" would match half the words).
MIN_KEY_CHARS = 4
_NUMBER = re.compile(r"\d+(?:[ ,\u00a0\u202f]\d{3})*(?:[.,]\d+)?")
_GROUP_SEP = re.compile(r"(?<=\d)[ ,\u00a0\u202f](?=\d{3}\b)")
_NUMBER_SCALED = re.compile(
    r"(\d+(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?)(?:[\s\u00a0]*(тыс|млн|млрд|thousand|million|billion)\b\.?)?",
    re.IGNORECASE,
)
# Scale words after a number on Russian/Ukrainian and English pages.
_SCALES = {"тыс": 1e3, "thousand": 1e3, "млн": 1e6, "million": 1e6, "млрд": 1e9, "billion": 1e9}
_WORD = re.compile(r"\w+")


def anchors_of(reasons: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The matched, missing and contradicting anchors a verdict's reasons list (strings or dicts)."""
    result: dict[str, list[dict[str, Any]]] = {}
    for key in ("matched", "missing", "contradicting"):
        items = reasons.get(key)
        found: list[dict[str, Any]] = []
        for item in items if isinstance(items, list) else []:
            if isinstance(item, str):
                found.append({"claim": item, "page": item if key != "missing" else None})
            elif isinstance(item, dict) and isinstance(item.get("claim", item.get("text")), str):
                page = item.get("page")
                found.append(
                    {
                        "type": item.get("type") if isinstance(item.get("type"), str) else None,
                        "claim": item.get("claim", item.get("text")),
                        "page": page if isinstance(page, str) else None,
                        "status": item.get("status") if isinstance(item.get("status"), str) else None,
                    }
                )
        result[key] = found
    return result


def _claim_numbers(text: str) -> set[float]:
    """The numbers written in digits in an anchor's claim text ("6,000" -> 6000, "20 and 30" -> 20, 30)."""
    values = set()
    for match in _NUMBER.finditer(text):
        digits = _GROUP_SEP.sub("", match.group(0)).replace(",", ".")
        try:
            values.add(float(digits))
        except ValueError:
            continue
    return values


def _number_spans(evidence: str, values: set[float]) -> list[tuple[int, int]]:
    """Spans of numbers in the evidence equal to one of ``values`` (``6 тыс.`` equals 6000)."""
    spans = []
    for match in _NUMBER_SCALED.finditer(evidence):
        number = float(_GROUP_SEP.sub("", match.group(1)).replace(",", "."))
        scale = _SCALES.get((match.group(2) or "").casefold(), 1)
        if number in values or number * scale in values:
            spans.append((match.start(), match.end() if number * scale in values else match.end(1)))
    return spans


def _word_spans(evidence: str, key: str, lang: str | None) -> list[tuple[int, int]]:
    """Spans of Cyrillic words whose folded Latin key (the judge's ``page`` form) fits ``key``."""
    from citecheck.verify.text import analyse_cyrillic, is_cyrillic  # the judge's own folding

    spans = []
    for match in _WORD.finditer(evidence):
        word = match.group(0)
        if not is_cyrillic(word):
            continue
        found = analyse_cyrillic(word.lower(), lang == "uk")[1]
        if min(len(found), len(key)) >= MIN_KEY_CHARS and (found.startswith(key) or key.startswith(found)):
            spans.append((match.start(), match.end()))
    return spans


def highlights(
    evidence: str, anchors: dict[str, list[dict[str, Any]]], lang: str | None = None
) -> list[dict[str, Any]]:
    """Where matched (and contradicting) anchors occur in the evidence, in its own language.

    Args:
        evidence: the evidence passage.
        anchors: as from :func:`anchors_of`.
        lang: the page's language (``uk`` selects Ukrainian word forms).

    Returns:
        Non-overlapping ``{"start", "end", "kind"}`` spans, in order. An anchor is found by its
        page text (or, without one, its claim text) searched case-insensitively; failing that,
        a number anchor by the values of its digits (``6,000`` finds ``6 тыс.``) and a name
        anchor by the judge's transliterated key of each Cyrillic word (``ministr`` finds
        ``министр``).
    """
    spans: list[tuple[int, int, str]] = []
    folded = evidence.casefold()
    fold = len(folded) == len(evidence)  # casefold can change lengths (ß): then search as is
    haystack = folded if fold else evidence
    for kind in ("contradicting", "matched"):
        for anchor in anchors.get(kind, []):
            needle = (anchor.get("page") or anchor.get("claim") or "").strip()
            if len(needle) < MIN_ANCHOR_CHARS:
                continue
            needle = needle.casefold() if fold else needle
            found: list[tuple[int, int]] = []
            start = haystack.find(needle)
            while start >= 0:
                found.append((start, start + len(needle)))
                start = haystack.find(needle, start + len(needle))
            if not found and anchor.get("type") in ("number", "date", "quantity"):
                found = _number_spans(evidence, _claim_numbers(anchor.get("claim") or ""))
            elif not found and anchor.get("page") and needle.isascii() and needle.isalpha():
                found = _word_spans(evidence, needle, lang)
            spans.extend((a, b, kind) for a, b in found)
    merged: list[dict[str, Any]] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1]["end"]:
            merged[-1]["end"] = max(merged[-1]["end"], end)
            continue
        merged.append({"start": start, "end": end, "kind": kind})
    return merged
