"""Contrasted tails ("X, а не Y") and claims that deny a word themselves."""

from __future__ import annotations

from citecheck.verify.contrast import claim_denies, contrasted_spans, inside
from citecheck.verify.text import tokenize


def test_the_tail_after_a_ne_runs_to_punctuation() -> None:
    text = "Встреча пройдет в Стамбуле, а не в Женеве, сообщил Песков."
    spans = contrasted_spans(text, tokenize(text))
    assert [text[a:b] for a, b in spans] == ["в Женеве"]
    assert inside(spans, text.index("Женеве")) and not inside(spans, text.index("Стамбуле"))


def test_a_plain_negation_has_no_contrasted_tail() -> None:
    text = "Встреча не пройдет в Женеве."
    assert contrasted_spans(text, tokenize(text)) == []


def test_claim_denials() -> None:
    claim = "They will meet in Istanbul, not Geneva, and want steps rather than declarations."
    assert claim_denies(claim, claim.index("Geneva"))
    assert claim_denies(claim, claim.index("declarations"))
    assert not claim_denies(claim, claim.index("Istanbul"))
