"""The English -> Russian/Ukrainian lexicon and what it lets the default judge match.

Pages and claims here are invented for the phenomena (ordinary words that share no cognate).
"""

from __future__ import annotations

import pytest

from citecheck.models import Extraction, Label
from citecheck.verify import DefaultJudge, align
from citecheck.verify.antonyms import parse_antonyms
from citecheck.verify.contradict import negated, same_person
from citecheck.verify.lexicon import (
    load_lexicon,
    parse_lexicon,
    quote_found,
    translation_keys,
)
from citecheck.verify.text import analyse_cyrillic, tokenize

# An invented news page: the age limit stands in a sentence with no cognate of the claim's words,
# and the same number stands elsewhere in an unrelated sentence.
SWAP_PAGE = (
    "КИЕВ, 3 марта. В городе продолжается ремонт дорог и мостов.\n"
    "По словам министра, стороны договорились об обмене ранеными военными в возрасте до 25 лет.\n"
    "Новый парк откроется весной, его площадь составит 25 гектаров."
)
SWAP_CLAIM = "Both sides agreed to exchange wounded soldiers younger than 25."


def _judge(claim: str, text: str, lang: str = "ru") -> Label:
    extraction = Extraction("https://example.org/news", "ok", text, lang=lang)
    return DefaultJudge().judge_sync(claim, "", extraction).label


def test_packaged_lexicon_has_news_vocabulary_in_both_languages() -> None:
    lexicon = load_lexicon()
    assert len(lexicon) >= 600
    assert all(ru and uk for ru, uk in lexicon.values())
    assert ("ceasefir",) in lexicon  # English side is stemmed: "ceasefire" and "ceasefires" meet


def test_parse_lexicon_reads_synonyms_phrases_and_skips_bad_rows() -> None:
    text = "# comment\nweek,weeks\tнеделя\tтиждень\nat least\tминимум\tщонайменше\nbroken row\n"
    lexicon = parse_lexicon(text)
    assert lexicon[("week",)] == (("неделя",), ("тиждень",))
    assert ("at", "least") in lexicon
    assert not any("broken" in word for entry in lexicon for word in entry)


def test_exact_word_wins_over_a_colliding_stem() -> None:
    lexicon = parse_lexicon("important\tважный\tважливий\nimport\tимпорт\tімпорт\n")
    assert lexicon[("import",)][0] == ("важный", "импорт")  # Snowball: important -> import
    tokens = tokenize("important imports")
    keys = translation_keys(tokens)
    assert analyse_cyrillic("импорт")[1] not in keys[0]


def test_translation_keys_are_in_the_key_space_of_page_words() -> None:
    tokens = tokenize("The exchange of prisoners took a week")
    keys = translation_keys(tokens)
    by_word = {tokens[p].text: set(k) for p, k in keys.items()}
    assert analyse_cyrillic("обменом")[1] in by_word["exchange"]
    assert analyse_cyrillic("пленных")[1] in by_word["prisoners"]
    assert analyse_cyrillic("неделю")[1] in by_word["week"]
    assert analyse_cyrillic("тиждень", True)[1] in by_word["week"]


def test_phrase_translation_goes_to_its_content_words_only() -> None:
    tokens = tokenize("at least a thousand")
    keys = translation_keys(tokens)
    words = {tokens[p].text for p in keys}
    assert "least" in words and "at" not in words


def test_small_number_counts_where_translated_words_support_it() -> None:
    assert _judge(SWAP_CLAIM, SWAP_PAGE) == Label.SUPPORTED


def test_small_number_is_unsupported_without_the_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(align, "merge_translations", lambda *args, **kwargs: None)
    assert _judge(SWAP_CLAIM, SWAP_PAGE) != Label.SUPPORTED


def test_wrong_age_limit_still_fails_with_the_lexicon() -> None:
    claim = "Both sides agreed to exchange wounded soldiers younger than 30."
    assert _judge(claim, SWAP_PAGE) != Label.SUPPORTED


def test_translated_quote_counts_as_found_in_its_window() -> None:
    window = tokenize("Министр назвал это «справедливым обменом всех пленных на всех».")
    assert quote_found(tokenize("exchange of all prisoners"), window)
    assert not quote_found(tokenize("a ceasefire for a week"), window)


def test_translated_quote_becomes_a_matched_anchor() -> None:
    page = "МОСКВА, 5 мая. Стороны договорились о перемирии на неделю, сообщил министр."
    extraction = Extraction("https://example.org/q", "ok", page, lang="ru")
    verdict = DefaultJudge().judge_sync(
        'The minister said the sides agreed a "week-long ceasefire".', "", extraction
    )
    quotes = [a for c in verdict.reasons["clauses"] for a in c["anchors"] if a["type"] == "quote"]
    assert quotes and quotes[0]["status"] == "matched"
    assert verdict.label == Label.SUPPORTED


def test_word_asserted_by_the_claim_but_negated_on_the_page_is_unsupported() -> None:
    page = (
        "Вечером неизвестный сообщил по телефону о взрывчатке на станции метро.\n"
        "Полиция проверила станцию, но не обнаружила взрывчатки."
    )
    assert _judge("Police found explosives at the metro station.", page) == Label.UNSUPPORTED


def test_bound_after_ne_is_not_a_negation() -> None:
    assert not negated(tokenize("Освободят не менее тысячи человек."))
    assert negated(tokenize("Освобождать никого не будут."))


def test_vowel_shifted_names_are_the_same_speaker() -> None:
    assert same_person(["trump"], ["tramp"])
    assert not same_person(["trump"], ["lavrov"])


def test_institution_speaks_through_its_spokesperson() -> None:
    page = (
        "Москва пока не получила никакой официальной информации о переговорах в Женеве, "
        "сообщил журналистам пресс-секретарь президента Дмитрий Песков."
    )
    claim = "The Kremlin said it had received no official information about the talks in Geneva."
    assert _judge(claim, page) == Label.SUPPORTED


def test_person_named_far_from_narrative_evidence_is_not_its_speaker() -> None:
    page = (
        "В переговорах участвовали министр Иван Петров и посол Олег Сидоров.\n"
        "Встреча прошла во дворце на окраине столицы.\n"
        "Гостей встречал оркестр, затем подали обед.\n"
        "После обеда делегации сфотографировались у фонтана.\n"
        "Министр Петров поблагодарил хозяев за теплый прием.\n"
        "Эта встреча стала первым шагом к восстановлению отношений двух стран."
    )
    assert _judge("Sidorov called the meeting the first step towards restoring relations.", page) != (
        Label.SUPPORTED
    )


def test_parse_antonyms_pairs_both_ways() -> None:
    opposites = parse_antonyms("# c\nrise,increase\tfall,cut\n")
    assert "fall" in opposites["rise"] and "increas" in opposites["cut"]
    assert "rise" not in opposites["rise"]


@pytest.mark.parametrize(
    ("claim", "text", "lang"),
    [
        (
            "The central bank cut its key rate to 18%.",
            "The central bank raised its key rate to 18% on Friday, citing inflation.",
            "en",
        ),
        (
            "The central bank cut its key rate to 18%.",
            "Центральный банк в пятницу повысил ключевую ставку до 18%, сославшись на инфляцию.",
            "ru",
        ),
    ],
)
def test_opposite_verb_in_the_evidence_contradicts(claim: str, text: str, lang: str) -> None:
    assert _judge(claim, text, lang) == Label.UNSUPPORTED
    same = claim.replace("cut", "raised")
    assert _judge(same, text, lang) == Label.SUPPORTED


def test_participle_used_as_adjective_is_not_an_antonym() -> None:
    text = "Основная ставка налога повышается до 22%, льготная ставка 10% для продуктов сохраняется."
    assert _judge("The reduced 10% tax rate for food stays.", text) == Label.SUPPORTED


def test_inflections_in_different_rows_share_their_translations() -> None:
    lexicon = parse_lexicon("case,cases\tслучай\tвипадок\ncase\tдело\tсправа\nimportant\tважный\tважливий\n")
    assert lexicon[("=cases",)][0] == ("случай", "дело")
    assert lexicon[("=case",)][0] == ("случай", "дело")
    # one stem, but not an inflection: kept apart
    lexicon = parse_lexicon("important\tважный\tважливий\nimports\tимпорт\tімпорт\n")
    assert lexicon[("=imports",)][0] == ("импорт",)


def test_mandatory_and_voluntary_translate() -> None:
    from citecheck.verify.lexicon import _stem, _target_keys
    from citecheck.verify.text import tokenize

    page = {t.key for t in tokenize("максимальний час гри та тривалість обов'язкової перерви", uk=True)}
    assert set(_target_keys((_stem("mandatory"),))) & page
    page = {t.key for t in tokenize("Вакцинація буде добровільною", uk=True)}
    assert set(_target_keys((_stem("voluntary"),))) & page
