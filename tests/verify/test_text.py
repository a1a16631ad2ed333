"""Cross-lingual keys, lemmas and sentence segmentation."""

from __future__ import annotations

import pytest

from citecheck.verify.text import fold, key_similarity, segment, tokenize, translit


def _key(word: str) -> str:
    return tokenize(word)[0].key


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Medinsky", "Мединский"),
        ("Ushakov", "Ушаков"),
        ("Rosselkhozbank", "Россельхозбанк"),
        ("Peskov", "Пескову"),
        ("memorandum", "меморандум"),
        ("NATO", "НАТО"),
        ("Moscow", "Москвы"),
        ("Geneva", "Женеве"),
        ("Khyliuk", "Хилюк"),
    ],
)
def test_names_and_cognates_meet_across_scripts(latin: str, cyrillic: str) -> None:
    assert key_similarity(_key(latin), _key(cyrillic)) >= 0.74


@pytest.mark.parametrize(("a", "b"), [("Lavrov", "Песков"), ("summit", "санкции"), ("state", "статья")])
def test_unrelated_words_do_not_meet(a: str, b: str) -> None:
    assert key_similarity(_key(a), _key(b)) < 0.72


def test_lemmas_undo_case_endings() -> None:
    tokens = tokenize("встреча Путина с Лавровым")
    assert [t.lemma for t in tokens if t.cap] == ["путин", "лавров"]
    assert tokens[1].name_tag


def test_ukrainian_letters_transliterate() -> None:
    assert translit("Київ") == "kiyiv"
    assert fold("Kyiv") == fold(translit("Київ"))


def test_function_words_are_not_content() -> None:
    tokens = tokenize("Он сказал, что в Москве не было встречи")
    content = {t.lemma for t in tokens if t.content}
    assert "москва" in content
    assert not {"что", "в", "не"} & content


def test_a_capitalised_preposition_is_no_surname() -> None:
    first = tokenize("По итогам года Песков заявил")
    assert not first[0].content and not first[0].name_tag  # «По», not the surname Poe
    assert first[3].lemma == "песков" and first[3].name_tag


def test_segments_flag_headline_lines() -> None:
    text = (
        "Министр заявил, что переговоры прошли успешно. Стороны договорились.\n"
        "Читайте также\n"
        "Рубио назвал переговоры первым шагом на долгом пути\n"
        "Встреча длилась четыре часа."
    )
    segments = segment(text)
    flags = [(s.text.strip()[:12], s.headline) for s in segments]
    assert flags == [
        ("Министр заяв", False),
        ("Стороны дого", False),
        ("Читайте такж", True),
        ("Рубио назвал", True),
        ("Встреча длил", False),
    ]
    assert all(text[s.start : s.end] == s.text for s in segments)


def test_table_cells_are_split() -> None:
    text = "| Кобзев переизбран губернатором. Явка составила 30,9%. |  | \n| 14.09 21:30 Явка к 18:00 составила 28% |"
    segments = segment(text)
    assert [s.headline for s in segments] == [False, False, True]


def test_a_capitalised_word_reads_as_a_surname_when_it_can() -> None:
    assert tokenize("сообщил Песков")[1].lemma == "песков"
    assert tokenize("много песков")[1].lemma == "песок"
    assert tokenize("встреча в Рияде")[2].lemma == "рияд"  # not the first name «Рияда» it may guess


def test_a_month_or_article_abbreviation_before_a_number_does_not_end_a_sentence() -> None:
    text = "Banks have until Nov. 21 to comply. See art. 5 of the law. He left. 5 people stayed."
    assert [s.text.strip() for s in segment(text)] == [
        "Banks have until Nov. 21 to comply.",
        "See art. 5 of the law.",
        "He left.",
        "5 people stayed.",
    ]


def test_a_capitalised_ukrainian_locative_is_the_city() -> None:
    tokens = tokenize("у Києві, у Харкові, у Львові, Шмигалю", uk=True)
    assert [t.lemma for t in tokens if t.cap] == ["київ", "харків", "львів", "шмигаль"]


def test_an_unknown_foreign_name_on_a_vowel_does_not_decline() -> None:
    lemmas = {t.text: t.lemma for t in tokenize("Марк Рютте и Стивен Уиткофф, Уиткоффе")}
    assert lemmas["Рютте"] == "рютте"  # not pymorphy3's guess «рютта»
    assert lemmas["Уиткоффе"] == "уиткофф"  # a case ending is still dropped


def test_a_scale_abbreviation_before_a_capitalised_unit_does_not_end_a_sentence() -> None:
    text = "Імпорт заплановано на рівні 18 тис. МВт·год на добу. Далі 5 тис. Люди прийшли."
    assert [s.text.strip() for s in segment(text)] == [
        "Імпорт заплановано на рівні 18 тис. МВт·год на добу.",
        "Далі 5 тис.",
        "Люди прийшли.",
    ]
