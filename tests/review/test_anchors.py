"""Matched anchors are highlighted in the evidence in the page's own language."""

from __future__ import annotations

from typing import Any

from citecheck.report_anchors import anchors_of, highlights

EVIDENCE = (
    "Россия в одностороннем порядке передаст Украине 6 тыс. тел погибших, заявил помощник "
    "президента Владимир Мединский. Встреча пройдет с 20 по 30 июня, сообщил министр обороны."
)


def _marked(evidence: str, reasons: dict[str, Any]) -> list[str]:
    return [evidence[h["start"] : h["end"]] for h in highlights(evidence, anchors_of(reasons), "ru")]


def test_numbers_are_found_by_value_with_their_scale_word() -> None:
    reasons = {
        "matched": [{"type": "number", "claim": "6,000"}, {"type": "date", "claim": "between 20 and 30 June"}]
    }
    assert _marked(EVIDENCE, reasons) == ["6 тыс.", "20", "30"]
    assert _marked(EVIDENCE, {"matched": [{"type": "number", "claim": "7,000"}]}) == []


def test_names_are_found_by_the_judges_transliterated_key() -> None:
    reasons = {
        "matched": [
            {"type": "name", "claim": "Vladimir Medinsky", "page": "vladimir"},
            {"type": "name", "claim": "Defence Minister", "page": "ministr"},
        ]
    }
    assert _marked(EVIDENCE, reasons) == ["Владимир", "министр"]
    assert _marked(EVIDENCE, {"matched": [{"type": "name", "claim": "Peskov", "page": "peskov"}]}) == []


def test_contradicting_anchors_keep_their_kind() -> None:
    spans = highlights(EVIDENCE, anchors_of({"contradicting": [{"type": "number", "claim": "20"}]}))
    assert [(EVIDENCE[s["start"] : s["end"]], s["kind"]) for s in spans] == [("20", "contradicting")]
