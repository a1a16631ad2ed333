"""Direction read from a change the page gives only as figures."""

from __future__ import annotations

import pytest

from citecheck.models import Label
from citecheck.verify.direction import claim_direction, figure_changes
from citecheck.verify.retrieve import page_index
from citecheck.verify.text import tokenize
from tests.verify.test_phenomena import FILLER, judge


@pytest.mark.parametrize(
    ("sentence", "pairs"),
    [
        ("Ставка выросла с 16% до 17,5% годовых.", [("16%", "17,5%")]),
        ("Банк погіршив прогноз інфляції – до 10,3% з 9,7%.", [("9,7%", "10,3%")]),
        (
            "Добыча составит 680 млрд кубометров против 685 млрд кубометров в 2024 году.",
            [("685 млрд", "680 млрд")],
        ),
        ("В 2024 году было 16%, а в 2025 году 17%.", []),
        ("Turnout was 64.2%, down from a record 70.9% in 2022.", [("70.9%", "64.2%")]),
    ],
)
def test_the_two_ends_of_a_change_are_read_in_order(sentence: str, pairs: list[tuple[str, str]]) -> None:
    page = page_index(sentence, "ru")
    seg = page.segments[0]
    found = figure_changes(page.text, seg.start, page.quantities[0])
    assert [(a.text.strip(), b.text.strip()) for a, b in found] == pairs


def test_a_clause_says_up_or_down() -> None:
    assert claim_direction(tokenize("Output was up on 2024.")) == 1
    assert claim_direction(tokenize("The bank lowered its forecast.")) == -1
    assert claim_direction(tokenize("The bank kept its forecast.")) == 0
    assert claim_direction(tokenize("They set up a fund.")) == 0


@pytest.mark.parametrize(
    ("claim", "page_text", "lang"),
    [
        (
            "The central bank {verb} its year-end inflation forecast.",
            "Нацбанк погіршив прогноз інфляції на кінець року – до 10,3% з 9,7%.",
            "uk",
        ),
        (
            "Gas output this year will be about 680 billion cubic metres, {adverb} on 2024.",
            "Добыча газа в этом году составит около 680 млрд кубометров против 685 млрд кубометров в 2024 году.",
            "ru",
        ),
    ],
)
def test_a_direction_the_figures_reverse_contradicts(claim: str, page_text: str, lang: str) -> None:
    page = FILLER + page_text + "\n"
    rising = page_text.startswith("Нацбанк")
    right = claim.format(verb="raised" if rising else "lowered", adverb="up" if rising else "down")
    wrong = claim.format(verb="lowered" if rising else "raised", adverb="down" if rising else "up")
    assert judge(right, page, lang)[0] == Label.SUPPORTED
    label, reasons = judge(wrong, page, lang)
    assert label == Label.UNSUPPORTED
    assert "direction" in [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]


def test_a_share_said_to_be_more_against_a_page_that_says_less_contradicts() -> None:
    page = FILLER + "Товарооборот составил 68,7 млрд долларов — на 4% меньше, чем годом ранее.\n"
    assert judge("Trade reached $68.7 billion, 4% less than a year earlier.", page)[0] == Label.SUPPORTED
    label, reasons = judge("Trade reached $68.7 billion, 4% more than a year earlier.", page)
    assert label == Label.UNSUPPORTED
    assert "direction" in [c["type"] for cl in reasons["clauses"] for c in cl["conflicts"]]  # type: ignore[attr-defined]
