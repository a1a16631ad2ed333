"""Rates and totals: a figure per day or year against the same figure as a total (invented pages)."""

from __future__ import annotations

import pytest

from citecheck.models import Extraction, Label
from citecheck.verify import DefaultJudge

FILLER = (
    "Погода в столиці цими днями була мінливою, синоптики обіцяли дощі.\n"
    "Міські служби повідомили про ремонт кількох вулиць у центрі.\n"
    "Театральний сезон відкрився прем'єрою нової вистави.\n"
)


def judge(claim: str, text: str) -> tuple[Label, dict[str, object]]:
    extraction = Extraction("https://example.org/n", "ok", text, lang="uk")
    verdict = DefaultJudge().judge_sync(claim, "", extraction)
    return verdict.label, verdict.reasons


DAILY = FILLER + "У жовтні середньодобовий імпорт газу в Україну становив близько 25 млн кубометрів.\n"
SINCE = FILLER + "З серпня 2023 року коридором пройшло близько шести тисяч суден.\n"


@pytest.mark.parametrize(
    ("claim", "page", "expected"),
    [
        ("Ukraine imported about 25 million cubic metres of gas a day in October.", DAILY, Label.SUPPORTED),
        ("Ukraine imported about 25 million cubic metres of gas in October.", DAILY, Label.UNSUPPORTED),
        (
            "Ukraine imported about 25 million cubic metres of gas a month in October.",
            DAILY,
            Label.UNSUPPORTED,
        ),
        ("Around 6,000 ships have used the corridor since August 2023.", SINCE, Label.SUPPORTED),
        ("Around 6,000 ships a year use the corridor.", SINCE, Label.UNSUPPORTED),
    ],
)
def test_a_rate_is_no_total_and_a_total_no_rate(claim: str, page: str, expected: Label) -> None:
    label, _ = judge(claim, page)
    assert label == expected


def test_a_date_a_change_takes_effect_is_no_count_since() -> None:
    page = FILLER + "Мінімальна зарплата з 1 січня 2026 року зросте до 8 647 гривень на місяць.\n"
    label, _ = judge("The minimum wage will rise to 8,647 hryvnias a month from 1 January 2026.", page)
    assert label == Label.SUPPORTED
