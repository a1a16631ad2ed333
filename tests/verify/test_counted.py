"""Counted nouns: a small number contradicted by another count of the same noun on the page.

Each judge test pairs a page that keeps the claim's count with one that changes it, so that
neither passes by a judge that always says the same thing.
"""

from __future__ import annotations

from citecheck.models import Extraction, Label
from citecheck.verify import DefaultJudge
from citecheck.verify.counted import Counted, claim_counted, counted_conflict, counted_words
from citecheck.verify.numbers import extract_quantities
from citecheck.verify.text import tokenize

FILLER = (
    "Погода в столице в эти дни была переменчивой, синоптики обещали дожди.\n"
    "Городские службы сообщили о ремонте нескольких улиц в центре.\n"
    "Театральный сезон открылся премьерой нового спектакля.\n"
)


def judge(claim: str, text: str, lang: str = "ru") -> tuple[Label, dict[str, object]]:
    extraction = Extraction("https://example.org/n", "ok", text + "\n" + FILLER, lang=lang)
    verdict = DefaultJudge().judge_sync(claim, "", extraction)
    return verdict.label, verdict.reasons


def nouns(text: str) -> list[str]:
    tokens = tokenize(text)
    heads, _ = counted_words(text, tokens, extract_quantities(text)[0])
    return [tokens[p].text for p in heads]


def conflict_between(claim: str, page: str) -> str | None:
    claim_tokens = tokenize(claim)
    number = extract_quantities(claim)[0]
    page_tokens = tokenize(page)
    window = []
    for quantity in extract_quantities(page):
        heads, modifiers = counted_words(page, page_tokens, quantity)
        keys = tuple(page_tokens[p].key for p in heads), tuple(page_tokens[p].key for p in modifiers)
        window.append((quantity, Counted((keys[0], ()), (keys[1], ()))))
    found = counted_conflict(number, claim_counted(claim, claim_tokens, number), window)
    return found.page if found else None


def test_the_counted_noun_follows_the_number_past_its_adjectives() -> None:
    assert nouns("состоит из двух основных разделов") == ["разделов"]
    assert nouns("загинули п'ятеро військових") == ["військових"]
    assert nouns("five Ukrainian soldiers were killed") == ["soldiers"]
    assert nouns("three sections") == ["sections"]
    assert nouns("two of them") == []
    assert nouns("рост на 5% за год") == []
    assert nouns("их было три, а не два") == []


def test_same_noun_with_another_count_conflicts_across_languages() -> None:
    assert conflict_between("made up of three sections", "состоит из двух разделов") == "двух"
    assert conflict_between("made up of three sections", "состоит из трех разделов") is None
    assert conflict_between("the plan has four chapters", "план містить шість розділів") == "шість"


def test_a_hyphenated_compound_counts_its_second_word() -> None:
    """ "A five-year term" counts years, so it does not back "five members"."""
    assert nouns("whose five-year term began in October") == ["year"]
    page = "It has three members, including the chair, whose five-year term began in October 2020."
    assert conflict_between("a committee of five members", page) == "three"
    assert conflict_between("a committee of three members", page) is None


def test_another_noun_is_no_conflict() -> None:
    assert conflict_between("offered in two versions", "состоит из трех разделов") is None
    assert conflict_between("offered in two versions", "предложены два варианта") is None
    assert conflict_between("offered in two versions", "предложены три варианта") == "три"


def test_the_claim_count_of_the_noun_beside_another_count_is_no_conflict() -> None:
    page = "погибли 3 мирных жителя, еще 7 мирных жителей ранены"
    assert conflict_between("7 civilians were wounded", page) is None
    assert conflict_between("9 civilians were wounded", page) is not None


def test_a_changed_small_count_makes_a_list_claim_partial() -> None:
    claim = (
        "The commission's report is made up of three sections:\n"
        "- the causes of the accident;\n"
        "- the list of the victims;\n"
        "- recommendations to the ministry."
    )
    kept = (
        "Доклад комиссии состоит из трех разделов.\n"
        "Первый раздел описывает причины аварии.\n"
        "Второй раздел содержит список пострадавших.\n"
        "Третий раздел содержит рекомендации министерству."
    )
    changed = (
        "Доклад комиссии состоит из двух разделов.\n"
        "Первый раздел описывает причины аварии.\n"
        "Второй раздел содержит список пострадавших."
    )
    assert judge(claim, kept)[0] == Label.SUPPORTED
    label, reasons = judge(claim, changed)
    assert label == Label.PARTIAL
    clauses = reasons["clauses"]
    assert isinstance(clauses, list)
    assert clauses[0]["conflicts"] == [{"type": "number", "claim": "three", "page": "двух"}]


def test_digits_counting_the_same_noun_contradict_a_sentence() -> None:
    claim = "The shelling of Nikopol wounded 7 civilians on Sunday."
    kept = "Унаслідок обстрілу Нікополя в неділю поранено 7 мирних жителів."
    in_words = "Унаслідок обстрілу Нікополя в неділю поранено сімох мирних жителів."
    changed = "Унаслідок обстрілу Нікополя в неділю поранено 3 мирних жителів."
    assert judge(claim, kept, "uk")[0] == Label.SUPPORTED
    assert judge(claim, in_words, "uk")[0] == Label.SUPPORTED
    label, reasons = judge(claim, changed, "uk")
    assert label == Label.UNSUPPORTED
    assert reasons["contradicting"] == [
        {"type": "number", "claim": "7", "status": "contradicted", "page": "3"}
    ]


def test_a_count_of_another_noun_leaves_a_sentence_supported() -> None:
    claim = "The ministry said two versions of the bill were drafted."
    page = "Министерство сообщило, что подготовлены два варианта законопроекта из трех разделов."
    assert judge(claim, page)[0] == Label.SUPPORTED
    assert judge(claim, page.replace("два варианта", "четыре варианта"))[0] != Label.SUPPORTED
