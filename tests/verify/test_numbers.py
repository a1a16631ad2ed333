"""Quantities in digits and words, with scales, units and conflicts."""

from __future__ import annotations

import pytest

from citecheck.verify.numbers import extract_quantities, quantity_conflict, quantity_match


def values(text: str, **kwargs: bool) -> list[tuple[float, str]]:
    return [(q.value, q.unit) for q in extract_quantities(text, **kwargs)]


@pytest.mark.parametrize(
    "text",
    ["Russia would hand over 6,000 bodies", "передаст 6 тыс. тел", "передаст шесть тысяч тел", "6 000 тел"],
)
def test_six_thousand_in_every_form(text: str) -> None:
    assert values(text) == [(6000.0, "")]


def test_scales_and_decimal_commas() -> None:
    assert values("a deficit of 3.786 trillion roubles") == [(3.786e12, "")]
    assert values("Дефицит составит 3,786 трлн руб.") == [(3.786e12, "")]
    assert values("около 15 млрд кубометров") == [(15e9, "")]
    assert values("50 billion cubic metres") == [(50e9, "")]


def test_an_amount_in_two_scales_is_one_number() -> None:
    assert values("составила 1 млрд 91,6 млн т") == [(1.0916e9, "")]
    assert values("составила 20 млн 512 тыс. человек") == [(20.512e6, "")]
    assert values("2 млн, 500 тыс. человек") == [(2e6, ""), (5e5, "")]
    page = extract_quantities("2 млн 362 тыс. человек")[0]
    assert quantity_match(extract_quantities("to 2.36 million")[0], page) >= 0.9
    assert not quantity_conflict(extract_quantities("to 2.36 million")[0], page)


def test_percent_words_and_signs() -> None:
    assert values("about 90 per cent") == values("около 90 процентов") == [(90.0, "%")]
    assert values("60,79% избирателей") == [(60.79, "%")]
    assert values("на 100 базисных пунктов") == values("by one percentage point") == [(1.0, "pp")]


def test_number_words_combine() -> None:
    assert values("восемьсот сорок девять военнослужащих") == [(849.0, "")]
    assert values("Seventeen of the twenty-eight analysts") == [(17.0, ""), (28.0, "")]
    assert values("два часа сорок пять минут") == [(2.0, ""), (45.0, "")]
    assert values("вісімсот сорок дев'ять осіб") == [(849.0, "")]


def test_one_as_a_pronoun_is_not_a_number() -> None:
    assert values("one of the main results") == []
    assert values("один из участников") == []


def test_ranges_share_unit_and_scale() -> None:
    assert values("7-8 per cent") == [(7.0, "%"), (8.0, "%")]
    assert values("снизят с 60 млн до 10 млн руб.") == [(60e6, ""), (10e6, "")]
    assert values("from 10 to 12 bcm a year") == [(10e9, ""), (12e9, "")]


def test_years_and_times() -> None:
    assert values("since 2019") == [(2019.0, "year")]
    assert values("after 08:00 Moscow time") == [(480, "time")]
    assert values("the talks began at 10.30") == [(630, "time")]
    # a decimal with a scale or a unit is no time of day
    assert values("from 1.44 million to 1.26 million") == [(1_440_000.0, ""), (1_260_000.0, "")]
    assert values("rose 2.15 per cent") == [(2.15, "%")]


def test_power_units_scale_like_million_and_billion() -> None:
    claim = extract_quantities("an all-time high of about 21.4 GW")[0]
    page = extract_quantities("исторический максимум 21 437 МВт")[0]
    assert claim.value == 21.4e9 and page.value == 21_437e6
    assert quantity_match(claim, page) > 0
    assert values("500 MWh") == [(500e6, "")]
    assert values("the 5 Gwent riders") == [(5.0, "")]


def test_clock_times_with_am_and_pm() -> None:
    assert values("power limits from 6 a.m. to 10 p.m.") == [(360, "time"), (1320, "time")]
    assert values("at 10.30pm on Monday") == [(1350, "time")]
    assert values("з 06:00 до 22:00") == [(360, "time"), (1320, "time")]


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("over 200 children", ">"),
        ("more than 5 people", ">"),
        ("no more than 5 people", "<"),
        ("at most 3 people", "<"),
        ("не менее 100 человек", ">"),
        ("не более 50 человек", "<"),
        ("более 30 домов", ">"),
        ("менее 10 домов", "<"),
    ],
)
def test_bounds_read_their_direction(text: str, bound: str) -> None:
    assert [q.bound for q in extract_quantities(text)] == [bound]


def test_counts_of_times() -> None:
    assert values("Twice a year it publishes forecasts") == [(2, "times")]
    assert values("four times a year") == [(4, "times")]
    assert values("прогноз публикуют дважды в год") == [(2, "times")]
    assert values("три раза в неделю") == [(3, "times")]


def test_a_ten_as_a_noun() -> None:
    assert values("задержаны около десятка человек") == [(10, "")]
    assert values("десятки людей") == []  # "tens of people" is no figure


def _one(text: str) -> object:
    return extract_quantities(text)[0]


def test_matching_tolerates_rounding_and_approximation() -> None:
    assert quantity_match(_one("roughly 61 per cent"), _one("60,79%")) > 0  # type: ignore[arg-type]
    assert quantity_match(_one("about twelve hours"), _one("около 12 часов")) == 1.0  # type: ignore[arg-type]
    assert quantity_match(_one("4,394 people"), _one("4349 осіб")) == 0.0  # type: ignore[arg-type]


def test_changed_scale_and_value_are_conflicts() -> None:
    assert quantity_conflict(_one("40.3 billion roubles"), _one("40,3 трлн руб.")) == "scale"  # type: ignore[arg-type]
    assert quantity_conflict(_one("800,000 personnel"), _one("600,000 personnel")) == "value?"  # type: ignore[arg-type]
    assert quantity_conflict(_one("22%"), _one("22%")) == ""  # type: ignore[arg-type]


def test_several_dozen_is_a_vague_count_not_twelve() -> None:
    assert [q.text for q in extract_quantities("several dozen MPs", cyrillic=False)] == []
    assert [q.text for q in extract_quantities("несколько десятков депутатов", cyrillic=True)] == []
    assert [q.value for q in extract_quantities("a dozen MPs", cyrillic=False)] == [12.0]


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("щонайменше два предмети", ">"),
        ("принаймні 40 осіб", ">"),
        ("как минимум 40 человек", ">"),
        ("максимум 7 дней", "<"),
    ],
)
def test_at_least_and_at_most_in_russian_and_ukrainian(text: str, bound: str) -> None:
    assert [q.bound for q in extract_quantities(text, cyrillic=True)] == [bound]


def test_fractions_are_coarse_shares() -> None:
    third = extract_quantities("exports fell by about a third", cyrillic=False)
    assert [(q.text, round(q.value), q.unit) for q in third] == [("a third", 33, "%")]
    assert [round(q.value) for q in extract_quantities("two thirds of the staff", cyrillic=False)] == [67]
    assert [round(q.value) for q in extract_quantities("сократился на треть", cyrillic=True)] == [33]
    assert [round(q.value) for q in extract_quantities("майже половину видатків", cyrillic=True)] == [50]
    # A fraction rounds to tens of percent: it matches 35% and contradicts 48% and 18%.
    assert quantity_match(third[0], _one("на 35%")) > 0  # type: ignore[arg-type]
    assert quantity_conflict(third[0], _one("на 48%")) == "value"  # type: ignore[arg-type]
    quarter = extract_quantities("about a quarter below", cyrillic=False)[0]
    assert quantity_conflict(quarter, _one("на 18% меньше")) == "value"  # type: ignore[arg-type]
    # A page fraction against a claim percentage.
    assert quantity_match(_one("a 33% cut"), extract_quantities("на треть", cyrillic=True)[0]) > 0  # type: ignore[arg-type]


def test_halves_and_thirds_that_are_no_shares() -> None:
    assert extract_quantities("in the first half of the year", cyrillic=False) == []
    assert extract_quantities("в первой половине года", cyrillic=True) == []
    assert extract_quantities("cut the rate by half a percentage point", cyrillic=False) == []
    assert extract_quantities("a third round of talks", cyrillic=False) == []  # an ordinal
    # "more than half" is a vague share, judged as one (data/vague.tsv).
    assert extract_quantities("a turnout of more than half", cyrillic=False) == []


def test_a_scale_inside_a_hyphenated_compound() -> None:
    assert values("a 25-million-rouble fine") == [(25_000_000.0, "")]
    assert values("a 42-kilometre pipeline") == [(42.0, "")]
    assert values("a 5-member board") == [(5.0, "")]


def test_a_dotted_number_is_a_time_only_after_a_clock_word() -> None:
    assert values("kept the price at 4.32 hryvnias per kilowatt-hour") == [(4.32, "")]
    assert values("fired from 1.34 km away") == [(1.34, "")]
    assert values("at 10.30 on Monday") == [(630, "time")]
    assert values("inflation was 7.45 in March") == [(7.45, "")]
    assert values("the meeting starts at 10.30") == [(630, "time")]
    assert values("в 10.30 по Москве", cyrillic=True) == [(630, "time")]
    assert values("at 14:30") == [(870, "time")]


def test_durations_meet_across_units() -> None:
    two_years = extract_quantities("spent more than two years in detention", cyrillic=False)[0]
    months = extract_quantities("майже 19 місяців вона провела в ізоляторі", cyrillic=True)[0]
    assert (two_years.unit, months.unit) == ("dur", "dur")
    assert quantity_match(two_years, months) == 0.0
    assert quantity_conflict(two_years, months) == "bound"
    twelve = extract_quantities("на 12 месяцев", cyrillic=True)[0]
    assert quantity_match(extract_quantities("for one year", cyrillic=False)[0], twelve) == 1.0
    assert (
        quantity_match(_one("nine years"), extract_quantities("к 9 годам колонии", cyrillic=True)[0]) == 1.0
    )
    # A bare count still meets a duration of its value; a compound or a calendar year is none.
    assert quantity_match(_one("nine"), extract_quantities("9 лет", cyrillic=True)[0]) == 1.0
    assert [q.unit for q in extract_quantities("a five-year term", cyrillic=False)] == [""]
    assert [q.unit for q in extract_quantities("в 2025 году", cyrillic=True)] == ["year"]


def test_the_short_end_of_a_span_of_years_is_a_year() -> None:
    years = [
        (q.value, q.unit) for q in extract_quantities("the 2022-23 grain initiative and the 2026–27 loan")
    ]
    assert years == [(2022, "year"), (2023, "year"), (2026, "year"), (2027, "year")]
    assert [q.unit for q in extract_quantities("the score was 2020-5")] == ["year", ""]


def test_power_in_words_is_power_in_symbols() -> None:
    short = extract_quantities("2.3 GW of capacity")[0]
    for text in ("2.3 gigawatts", "2,3 гигаватта", "2300 мегаватів"):
        assert quantity_match(short, extract_quantities(text)[0]) == 1.0, text
    assert quantity_conflict(short, extract_quantities("2.5 gigawatts")[0])


def test_a_duration_is_no_scaled_figure() -> None:
    year, million = extract_quantities("serve for one year for a total of one million hryvnias")
    assert year.unit == "dur"
    page = extract_quantities("отримують 1 мільйон гривень")[0]
    assert quantity_conflict(year, page) == ""
    assert quantity_match(million, page) == 1.0
    assert quantity_conflict(year, extract_quantities("служать два роки")[0])


def test_a_scale_word_alone_is_one_of_itself() -> None:
    (thousand,) = extract_quantities("не менее тысячи человек с каждой стороны")
    assert (thousand.value, thousand.bound) == (1000, ">")
    assert [q.value for q in extract_quantities("обмен тысяча на тысячу")] == [1000, 1000]
    assert [q.value for q in extract_quantities("a thousand prisoners")] == [1000]
    assert extract_quantities("тысячи людей вышли на улицы") == []  # thousands: no figure


def test_two_joined_counts_give_a_share() -> None:
    from citecheck.verify.numbers import shares_of_counts

    assert [round(q.value) for q in shares_of_counts("из 27 опрошенных аналитиков 18 ожидали")] == [67]
    assert [round(q.value) for q in shares_of_counts("дефицит в 41 из 89 регионов")] == [46]
    assert shares_of_counts("в 2025 году из 12 стран") == []


def test_a_decimal_glued_to_its_scale_keeps_its_decimals() -> None:
    assert [(q.value, q.text) for q in extract_quantities("to $32.1bn, according")] == [(32.1e9, "32.1bn")]
    assert [q.value for q in extract_quantities("some €2.5bn")] == [2.5e9]
    assert [q.value for q in extract_quantities("a $500m deal, £2.4m in fines")] == [5e8, 2.4e6]
    assert [q.value for q in extract_quantities("500m away")] == [500]  # metres, no money sign


def test_a_word_scale_before_a_power_unit_multiplies_it() -> None:
    assert values("близько 18 тис. МВт·год") == values("about 18,000 MWh") == [(18e9, "")]
    assert values("223,4 миллиарда киловатт-часов") == values("223.4 billion kWh") == [(223.4e12, "")]
    assert values("5 тыс. мест") == [(5000.0, "")]


def test_hyphenated_fractions_are_shares() -> None:
    assert values("about two-fifths of all electricity") == [(40.0, "%")]
    assert values("three-quarters of the staff") == [(75.0, "%")]


def test_one_unit_of_time_after_a_bound_is_a_duration() -> None:
    month = extract_quantities("repairs would take at least a month")[0]
    week = extract_quantities("відновлення триватиме щонайменше тиждень")[0]
    assert (month.unit, month.days, month.bound) == ("dur", 30.44, ">")
    assert (week.unit, week.days, week.bound) == ("dur", 7.0, ">")
    assert quantity_conflict(month, week)
    assert quantity_match(month, extract_quantities("не менее месяца")[0])
    assert values("for a year") == []
    assert [q.unit for q in extract_quantities("about a third more than a year ago")] == ["%"]


def test_an_older_span_of_years_after_a_preposition() -> None:
    assert values("built in 1785-95 and") == [(1785.0, "year"), (1795.0, "year")]
    assert values("costs 1250-60 roubles") == [(1250.0, ""), (60.0, "")]
