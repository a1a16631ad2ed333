"""A thing stated as done that the page puts in the future."""

from __future__ import annotations

import pytest

from citecheck.models import Label
from tests.verify.test_phenomena import FILLER, judge

FLAGGED = (Label.PARTIAL, Label.UNSUPPORTED)


@pytest.mark.parametrize(
    ("claim", "done", "future", "lang"),
    [
        (
            "The remaining criminal cases against Orlov were closed.",
            "Остальные уголовные дела против Орлова закрыты.",
            "Остальные уголовные дела против Орлова, вероятно, будут закрыты.",
            "ru",
        ),
        (
            "The ministry has already approved the order on betting limits.",
            "Министерство уже утвердило приказ о лимитах для игроков.",
            "Министерство утвердит приказ о лимитах для игроков в январе.",
            "ru",
        ),
        (
            "The ministry has already created a register of gamblers.",
            "Міністерство вже створило реєстр гравців.",
            "Міністерство створить реєстр гравців наступного року.",
            "uk",
        ),
        (
            "The tax law, already signed by the president, takes effect on 1 March.",
            "Налоговый закон вступит в силу 1 марта. Его уже подписал президент.",
            "Налоговый закон вступит в силу 1 марта. Перед этим его должны одобрить сенаторы и подписать президент.",
            "ru",
        ),
        (
            "The striker has already passed his medical in Kazan.",
            "Нападающий уже прошел медицинское обследование в Казани.",
            "Нападающий прибудет в Казань в среду, где пройдет медицинское обследование.",
            "ru",
        ),
    ],
)
def test_a_thing_done_is_contradicted_by_a_page_that_puts_it_in_the_future(
    claim: str, done: str, future: str, lang: str
) -> None:
    label, _ = judge(claim, FILLER + done + "\n", lang)
    assert label == Label.SUPPORTED
    label, reasons = judge(claim, FILLER + future + "\n", lang)
    assert label in FLAGGED
    clauses = reasons["clauses"]
    assert any(c["type"] == "pending" for cl in clauses for c in cl["conflicts"])  # type: ignore[attr-defined]


def test_a_hedged_claim_agrees_with_a_future_page() -> None:
    page = FILLER + "Остальные уголовные дела против Орлова, вероятно, будут закрыты.\n"
    label, _ = judge("The remaining criminal cases against Orlov will probably be closed.", page)
    assert label == Label.SUPPORTED


def test_a_past_form_beside_the_future_one_backs_the_claim() -> None:
    page = FILLER + "Одно дело против Орлова закрыли в мае, остальные будут закрыты позже.\n"
    label, _ = judge("One case against Orlov was closed in May.", page)
    assert label == Label.SUPPORTED


def test_an_infinitive_states_nothing_done() -> None:
    page = FILLER + "Время в пути между городами сократится до 2 часов 15 минут.\n"
    reasons = judge(
        "The new line is designed to cut the journey between the cities to 2 hours 15 minutes.", page
    )[1]
    assert not any(c["type"] == "pending" for cl in reasons["clauses"] for c in cl["conflicts"])
    label, _ = judge("The new line cut the journey between the cities to 2 hours 15 minutes.", page)
    assert label in FLAGGED


def test_a_hedge_in_a_sentence_that_only_shares_the_claims_number_is_no_pending() -> None:
    agreed = (
        "European Union countries on Monday agreed their negotiating position on a law to phase out "
        "imports of Russian natural gas by January 1, 2028, with Hungary and Slovakia voting against.\n"
    )
    plan = (
        "Under the plan, new contracts for Russian pipeline gas would be banned from January 1, 2026. "
        "Existing short-term contracts could run until June 17, 2026, and long-term deals until the start of 2028.\n"
    )
    claim = (
        "EU governments agreed their position on a law to end imports of Russian gas by the start of 2028."
    )
    label, _ = judge(claim, agreed + plan, "en")
    assert label == Label.SUPPORTED
    label, _ = judge(claim, agreed.replace("on Monday agreed", "may agree") + plan, "en")
    assert label in FLAGGED


def test_a_past_event_verb_is_a_thing_done() -> None:
    done = "Міністерство запустило реєстр гравців у березні.\n"
    planned = "Міністерство планує запустити реєстр гравців у березні.\n"
    claim = "The ministry launched the register of gamblers in March."
    assert judge(claim, FILLER + done, "uk")[0] == Label.SUPPORTED
    assert judge(claim, FILLER + planned, "uk")[0] in FLAGGED


def test_a_future_beside_a_word_far_from_already_is_no_pending_statement() -> None:
    claim = (
        "The ministry said the relatives had already been told of the release and promised the families help."
    )
    page = FILLER + (
        "«Родственники уже получили известие об освобождении. Министерство окажет семьям помощь», "
        "— сообщили в министерстве.\n"
    )
    assert judge(claim, page)[0] == Label.SUPPORTED
