"""The normalised text and its hash ignore cosmetic edits and notice real ones."""

from __future__ import annotations

import pytest

from citecheck.extract import normalize_text, text_hash

TEXT = "«Бюджет сбалансирован», — заявил министр. Дефицит — 1,5% ВВП.\nДоходы: 38,2 трлн рублей."


@pytest.mark.parametrize(
    "variant",
    [
        TEXT.replace("«", '"').replace("»", '"'),  # straight quotes
        TEXT.replace("«", "“").replace("»", "”"),  # English curly quotes
        TEXT.replace(" — ", " - "),  # hyphen for em dash
        TEXT.replace(" — ", " – "),  # en dash
        TEXT.replace(" ", "\u00a0"),  # non-breaking spaces
        TEXT.replace("сбалансирован", "сба\u00adлан\u00adси\u00adро\u00adван"),  # soft hyphens
        TEXT.replace("\n", "\n\n   "),  # re-wrapped paragraphs
        "\ufeff" + TEXT + "  \n",  # BOM and trailing space
        TEXT.replace("министр", "мини\u200bстр"),  # zero-width space
    ],
)
def test_cosmetic_edits_keep_the_hash(variant: str) -> None:
    assert text_hash(variant) == text_hash(TEXT)


@pytest.mark.parametrize(
    "variant",
    [
        TEXT.replace("38,2", "38,3"),  # a number
        TEXT.replace("министр", "премьер"),  # a word
        TEXT.replace("Дефицит — 1,5% ВВП.", ""),  # a sentence removed
        TEXT.replace("1,5%", "-1,5%"),  # a sign
    ],
)
def test_real_edits_change_the_hash(variant: str) -> None:
    assert text_hash(variant) != text_hash(TEXT)


def test_normalised_form() -> None:
    assert normalize_text(" «Да» — сказал\u00a0он…\n\nНо\u00adвость ") == '"Да" - сказал он... Новость'
    assert normalize_text("e\u0301") == "\u00e9"  # NFC
    assert len(text_hash("")) == 64
