"""Ordinals: an item of a numbered series the evidence does not name."""

from __future__ import annotations

from citecheck.models import Label
from tests.verify.test_phenomena import FILLER, judge

PAGE = FILLER + "Первый, третий и пятый участки дороги должны быть построены в октябре 2026 года.\n"


def test_the_item_the_page_numbers_is_supported() -> None:
    assert judge("The third section of the road was due to be built in October 2026.", PAGE)[0] == (
        Label.SUPPORTED
    )


def test_an_item_the_page_leaves_out_of_its_series_is_contradicted() -> None:
    label, reasons = judge("The second section of the road was due to be built in October 2026.", PAGE)
    assert label == Label.UNSUPPORTED
    assert [c["claim"] for cl in reasons["clauses"] for c in cl["conflicts"]] == ["second"]  # type: ignore[attr-defined]


def test_digit_ordinals_count() -> None:
    page = FILLER + "Участки 1-й, 3-й и 5-й дороги должны быть построены в октябре 2026 года.\n"
    assert judge("The fifth section of the road was due to be built in October 2026.", page)[0] == (
        Label.SUPPORTED
    )
    assert judge("The fourth section of the road was due to be built in October 2026.", page)[0] != (
        Label.SUPPORTED
    )
