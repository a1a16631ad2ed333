"""Negation and conflicting values."""

from __future__ import annotations

from citecheck.verify.contradict import negated, quantity_conflicts, same_person
from citecheck.verify.numbers import extract_quantities
from citecheck.verify.text import tokenize


def test_negation_words_in_three_languages() -> None:
    assert negated(tokenize("He had not been notified"))
    assert negated(tokenize("the officials hadn't been told"))
    assert negated(tokenize("российская сторона ни о чем американцев не просила"))
    assert negated(tokenize("переговоры в расширенном составе отменили"))
    assert negated(tokenize("правоохоронці нічого не виявили"))
    assert not negated(tokenize("он был уведомлен заранее"))
    assert not negated(tokenize("He had been notified"))
    assert negated(tokenize("The company declined to comment"))  # like «отказалась комментировать»
    assert not negated(tokenize("Exports declined by 5%, the biggest declines since 2019"))


def test_a_contrast_is_not_a_negation_of_the_statement() -> None:
    # "guided by emotion rather than reason" still says what guided them
    assert not negated(tokenize("присяжные руководствовались эмоциями, а не разумом"))
    assert not negated(tokenize("Moscow expected concrete steps rather than declarations"))
    assert negated(tokenize("присяжные не руководствовались эмоциями"))
    assert negated(tokenize("He would rather not comment"))
    assert negated(tokenize("They agreed to meet but not to sign"))


def test_quantity_conflict_needs_a_comparable_value() -> None:
    claim = extract_quantities("4,394 people")[0]
    assert quantity_conflicts(claim, extract_quantities("досягла 4349 осіб")) is not None
    assert quantity_conflicts(claim, extract_quantities("4394 особи")) is None
    assert quantity_conflicts(claim, extract_quantities("в 12 регионах")) is None
    scale = quantity_conflicts(
        extract_quantities("15 million cubic metres")[0], extract_quantities("15 млрд кубометров")
    )
    assert scale is not None and scale.kind == "scale"


def test_short_of_negates_what_follows() -> None:
    assert negated(tokenize("That gives the party 80 seats, short of the 101 needed for a majority."))
    assert not negated(tokenize("That gives the party 80 seats, a short way from the centre."))


def test_ukrainian_h_and_russian_g_name_one_person() -> None:
    from citecheck.verify.contradict import same_person

    assert same_person([tokenize("Shmyhal")[0].key], [tokenize("Шмигаль")[0].key])
    assert same_person([tokenize("Halushchenko")[0].key], [tokenize("Галущенко")[0].key])
    assert not same_person([tokenize("Shmyhal")[0].key], [tokenize("Шмидт")[0].key])


def test_no_before_a_number_is_a_number_sign() -> None:
    assert not negated(tokenize("The rocket put the Meteor-M No. 2-5 satellite into orbit."))
    assert negated(tokenize("No satellite reached orbit."))


def test_english_j_is_russian_dzh() -> None:
    def key(word: str) -> str:
        return tokenize(word)[0].key

    assert same_person([key("Jaishankar")], [key("Джайшанкар")])
    assert not same_person([key("Jaishankar")], [key("Лавров")])


def test_ukrainian_there_is_no_negates() -> None:
    assert negated(tokenize("Конкретних домовленостей про такі переговори наразі немає.", uk=True))
    assert negated(tokenize("Світла нема третю добу.", uk=True))


def test_a_stance_against_negates_but_a_preposition_does_not() -> None:
    assert negated(tokenize("Gorelkin came out against a complete block."))
    assert negated(tokenize("Fourteen deputies voted against the bill."))
    assert not negated(tokenize("New sanctions against Russia took effect."))
    assert not negated(tokenize("It was against these assets that the leaders agreed to lend."))
    assert not negated(tokenize("He won 48.43% of the vote against 42.59% for his rival."))


def test_english_u_meets_russian_iu_in_names() -> None:
    assert same_person([tokenize("Rutte")[0].key], [tokenize("Рютте")[0].key])
    assert not same_person([tokenize("Rutte")[0].key], [tokenize("Рубио")[0].key])
