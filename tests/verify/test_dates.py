"""Dates and periods across English, Russian and Ukrainian."""

from __future__ import annotations

from citecheck.verify.dates import date_conflict, date_match, extract_dates


def triples(text: str) -> list[tuple[int | None, int, int | None]]:
    return [(d.day, d.month, d.year) for d in extract_dates(text)]


def test_periods_expand_to_both_ends() -> None:
    assert triples("June 20 to 30") == triples("с 20 по 30 июня") == [(20, 6, None), (30, 6, None)]


def test_genitive_and_other_cases() -> None:
    assert triples("18 March") == triples("18 марта") == triples("18 березня") == [(18, 3, None)]
    assert triples("in December 2019") == triples("в декабре 2019 года") == [(None, 12, 2019)]
    assert triples("вышла из сделки 17 июля 2023 года") == [(17, 7, 2023)]


def test_numeric_dates_and_abbreviations() -> None:
    assert triples("15.09.2025 10:05") == [(15, 9, 2025)]
    assert triples("Aug 15 (Reuters)") == [(15, 8, None)]
    assert triples("She may come") == []
    assert triples("засідання має відбутися у квітні") == [(None, 4, None)]
    assert triples("в мае 2024 года") == [(None, 5, 2024)]


def test_match_and_conflict() -> None:
    claim = extract_dates("17 June 2023")[0]
    page = extract_dates("17 июля 2023 года")[0]
    assert date_match(claim, page) == 0.0
    assert date_conflict(claim, page)
    assert date_match(extract_dates("December 2019")[0], extract_dates("5 декабря 2019")[0]) > 0
    assert date_conflict(extract_dates("in April")[0], extract_dates("в марте")[0])


def test_ukrainian_months_in_the_locative() -> None:
    """«у березні», «у вересні», «у грудні»: pymorphy3 ranks other readings first."""
    from citecheck.verify.dates import extract_dates

    assert [(d.month, d.year) for d in extract_dates("у березні 2025 року")] == [(3, 2025)]
    assert [d.month for d in extract_dates("у вересні інфляція сповільнилася")] == [9]
    assert [d.month for d in extract_dates("у грудні")] == [12]
    assert [d.month for d in extract_dates("у січні")] == [1]


def test_the_start_of_the_year_is_january() -> None:
    for text in (
        "since the start of the year",
        "С начала года",
        "від початку року",
        "с начала текущего года",
    ):
        (date,) = extract_dates(text)
        assert (date.day, date.month, date.year) == (None, 1, None), text
    (date,) = extract_dates("since the beginning of 2026")
    assert (date.month, date.year) == (1, 2026)
    assert extract_dates("at the start of the war") == []


def test_short_month_words_are_months() -> None:
    assert [(d.month, d.year) for d in extract_dates("в июне 2025 года")] == [(6, 2025)]
    assert [d.month for d in extract_dates("в январе—июне")] == [1, 6]
    assert [d.month for d in extract_dates("в июле")] == [7]


def test_quarters_halves_and_counts_of_months_are_periods() -> None:
    cases = {
        "in the third quarter of 2025": [(7, 2025), (9, 2025)],
        "в III квартале 2025 года": [(7, 2025), (9, 2025)],
        "у першому кварталі 2026 року": [(1, 2026), (3, 2026)],
        "in the first half of 2025": [(1, 2025), (6, 2025)],
        "по итогам девяти месяцев 2025 года": [(1, 2025), (9, 2025)],
    }
    for text, expected in cases.items():
        assert [(d.month, d.year) for d in extract_dates(text)] == expected, text
    assert extract_dates("he served 9 months in prison") == []
    may = extract_dates("in May")[0]
    assert not any(date_conflict(may, d) for d in extract_dates("в первом полугодии"))


def test_a_months_adjective_in_lower_case_names_the_month() -> None:
    assert triples("следует из октябрьского опроса") == [(None, 10, None)]
    assert triples("за результатами жовтневого опитування") == [(None, 10, None)]
    assert triples("жители Октябрьского района") == []  # a name, in capitals


def test_the_end_of_a_year_is_its_last_day() -> None:
    assert triples("banning exports until the end of the year") == [(31, 12, None)]
    assert triples("by the end of 2026") == triples("до конца 2026 года") == [(31, 12, 2026)]
    assert triples("прогноз на конец текущего года") == [(31, 12, None)]
    claim = extract_dates("until the end of the year")[0]
    assert date_conflict(claim, extract_dates("до 30 сентября")[0])
    assert date_match(claim, extract_dates("до кінця року")[0])
    assert (
        triples("від утворення ПЦУ наприкінці 2018 року") == triples("at the end of 2018") == [(31, 12, 2018)]
    )
