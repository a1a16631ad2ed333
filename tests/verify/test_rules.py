"""Verdicts of the default judge on small synthetic pages."""

from __future__ import annotations

import asyncio

import pytest

from citecheck.models import Extraction, Label
from citecheck.verify import DefaultJudge, verify

PAGE = (
    "МОСКВА, 18 марта. Министр иностранных дел России Сергей Лавров заявил, что стороны договорились "
    "о прекращении ударов по энергетическим объектам на 30 дней.\n"
    "По словам Лаврова, мораторий отсчитывается с 18 марта и может быть продлен по взаимному согласию.\n"
    "Отвечая на вопрос о санкциях, министр сказал, что российская сторона ни о чем американцев не просила.\n"
    "Министр финансов Антон Силуанов сообщил, что дефицит бюджета составит 3,786 трлн рублей.\n"
    "Читайте также\n"
    "Песков назвал переговоры в Эр-Рияде успешными\n"
    "Президент Украины Владимир Зеленский заявил, что Украина не признает меморандум, подписанный без ее участия.\n"
)
ENGLISH = (
    "A tank 1.34 km away in Israel fired two 120 mm rounds at the reporters, the report found.\n"
    "The Israel Defense Forces did not respond to requests for comment.\n"
)


def judge(claim: str, text: str = PAGE, lang: str = "ru") -> tuple[Label, dict[str, object]]:
    extraction = Extraction("https://example.org/a", "ok", text, lang=lang)
    verdict = DefaultJudge().judge_sync(claim, "", extraction)
    assert 0.0 <= verdict.score <= 1.0
    if verdict.evidence_span is not None:
        assert text[verdict.evidence_span.start : verdict.evidence_span.end] == verdict.evidence
    return verdict.label, verdict.reasons


def test_supported_with_numbers_dates_and_names() -> None:
    label, reasons = judge(
        "Lavrov said the moratorium on strikes on energy facilities would last 30 days from 18 March."
    )
    assert label == Label.SUPPORTED
    matched = " ".join(a["claim"] for a in reasons["matched"])  # type: ignore[union-attr]
    assert "30" in matched and "18 March" in matched


def test_changed_scale_is_unsupported() -> None:
    label, reasons = judge("Siluanov said the budget deficit would be 3.786 billion roubles.")
    assert label == Label.UNSUPPORTED
    assert reasons["contradicting"][0]["page"] == "3,786 трлн"  # type: ignore[index]


def test_one_clause_right_one_wrong_is_partial() -> None:
    label, _ = judge(
        "Lavrov said the moratorium would last 30 days from 18 March, and Siluanov said the deficit "
        "would be 5 trillion roubles."
    )
    assert label == Label.PARTIAL


def test_negation_flip_is_unsupported() -> None:
    label, reasons = judge("Lavrov said the Russian side had asked the Americans to ease sanctions.")
    assert label == Label.UNSUPPORTED
    assert reasons["negation_flip"] is True


def test_another_speaker_is_unsupported() -> None:
    label, reasons = judge(
        "Siluanov said Ukraine would not recognise a memorandum signed without its participation."
    )
    assert label == Label.UNSUPPORTED
    assert reasons["attribution"]


def test_statement_only_in_a_related_link_is_unsupported() -> None:
    label, reasons = judge("Peskov called the talks in Riyadh successful.")
    assert label == Label.UNSUPPORTED
    assert any(a["status"] == "boilerplate" for a in reasons["missing"])  # type: ignore[union-attr]


def test_same_language_numbers() -> None:
    assert judge("The tank fired two 120 mm rounds from 1.34 km away.", ENGLISH, "en")[0] == Label.SUPPORTED
    assert judge("The tank fired two 125 mm rounds from 1.34 km away.", ENGLISH, "en")[0] != Label.SUPPORTED
    assert (
        judge("The IDF said it had fired by mistake at the reporters in Gaza.", ENGLISH, "en")[0]
        != Label.SUPPORTED
    )


@pytest.mark.parametrize("outcome,text", [("no_text", ""), ("ok", "   ")])
def test_no_text_is_dead(outcome: str, text: str) -> None:
    verdict = asyncio.run(verify("Anything.", "", Extraction("https://example.org/", outcome, text)))
    assert verdict.label == Label.DEAD
    assert verdict.reasons == {"reason": "no_text"}
