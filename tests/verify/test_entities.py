"""Names in claims, speakers, and people quoted on a page."""

from __future__ import annotations

from citecheck.verify.claims import split_claim
from citecheck.verify.entities import claim_names, speaker_keys
from citecheck.verify.text import key_similarity, tokenize


def names(text: str, context: str = "") -> list[str]:
    return [n.text for n in claim_names(text, tokenize(text), context)]


def test_capitalised_groups_are_names() -> None:
    assert names("Vladimir Medinsky said Russia would hand over bodies.") == ["Vladimir Medinsky", "Russia"]
    assert names("After the talks, Rubio left for Washington.") == ["Rubio", "Washington"]


def test_sentence_initial_words_need_evidence() -> None:
    assert names("Supplies will rise.") == []
    assert names("Putin spoke first.", context="On Friday Putin spoke.") == ["Putin"]


def test_speaker_is_the_subject_of_the_first_speech_verb() -> None:
    clauses = split_claim(
        "Maria Zakharova, the Foreign Ministry's spokeswoman, told reporters that Moscow had asked Washington."
    )
    speakers = [n.text for c in clauses for n in c.names if n.speaker]
    assert speakers == ["Maria Zakharova"]
    clauses = split_claim("A joint statement after the Geneva talks said the deal must hold.")
    assert not [n for c in clauses for n in c.names if n.speaker]


def test_page_speakers_come_from_ner_near_a_speech_verb() -> None:
    sentence = "Накануне президент Украины Владимир Зеленский заявил, что Киев не признает договоренностей."
    keys = speaker_keys(sentence, tokenize(sentence))
    claim_key = tokenize("Zelensky")[0].key
    assert any(key_similarity(claim_key, k) >= 0.74 for k in keys)
    quiet = "Зеленский провел встречу в Киеве."
    assert speaker_keys(quiet, tokenize(quiet)) == []


def test_a_label_before_a_number_is_a_weak_name() -> None:
    text = "The man was detained under Article 208 of the code, said Kovalenko."
    names = {n.text: n for n in claim_names(text, tokenize(text))}
    assert names["Article"].weak
    assert not names["Kovalenko"].weak
