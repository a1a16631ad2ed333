"""Claim-span rules and the sentence splitter behind them."""

from __future__ import annotations

import pytest

from citecheck.articles import parse_article
from citecheck.articles.sentences import clause_bounds, sentence_spans
from citecheck.models import ArticleFormat


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. delegation met No. 5 on Jan. 5 in Riyadh.",
        "Mr. J. R. Smith and Dr. Brown spoke to 6,000 people.",
        "Путин В.В. сказал, что т.е. всё решено.",
        'He said "we will not give up. Never." and left.',
        "The rate fell to 3.5% in 2025, e.g. in June.",
    ],
)
def test_splitter_keeps_one_sentence_whole(text: str) -> None:
    assert _sentences(text) == [text]


def test_splitter_splits_ordinary_sentences() -> None:
    assert _sentences("Putin spoke. Trump answered! Did Xi? Yes.") == [
        "Putin spoke.",
        "Trump answered!",
        "Did Xi?",
        "Yes.",
    ]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Troops left on Jan. 5. The U.S. did not comment.", "Troops left on Jan. 5."),
        ("See p. 12. Then he left.", "See p. 12."),
        ("It was signed in Sept. 2024. “Nothing changed,” he said.", "It was signed in Sept. 2024."),
    ],
)
def test_splitter_ends_a_sentence_at_a_number_after_an_abbreviation(text: str, first: str) -> None:
    assert _sentences(text) == [first, text[len(first) :].strip()]


def test_clause_bounds_narrow_compound_sentences() -> None:
    text = "Ukraine recovered soldiers, and Russia recovered residents, but talks stalled."
    start = text.index("Russia")
    left, right = clause_bounds(text, start, start + 6)
    assert text[left:right] == "Russia recovered residents"


def _claims(raw: str) -> list[str]:
    parsed = parse_article(raw, fmt=ArticleFormat.TEXT)
    return [c.claim for c in parsed.citations]


NOTES = "\n\n[1] https://a.ru/1\n[2] https://a.ru/2\n"


def test_marker_between_sentences_belongs_to_the_one_before() -> None:
    assert _claims("First sentence here. [1] Second sentence here." + NOTES) == ["First sentence here."]


def test_marker_mid_sentence_takes_the_whole_sentence() -> None:
    assert _claims("Before. Putin [1] said the talks went well. After." + NOTES) == [
        "Putin said the talks went well."
    ]


def test_marker_alone_on_a_line_takes_the_sentence_above() -> None:
    assert _claims("One. Two is the claim.\n[1]\nThree." + NOTES) == ["Two is the claim."]


def test_list_closed_by_marker_takes_intro_sentence_and_items() -> None:
    raw = "Context first. The demands:\n- one;\n- two.[1]\nAfter." + NOTES
    assert _claims(raw) == ["The demands:\n- one;\n- two."]


def test_marker_inside_a_list_item_takes_its_sentence() -> None:
    raw = "The demands:\n- one. More on one.[1]\n- two.\nAfter." + NOTES
    assert _claims(raw) == ["More on one."]


def test_list_with_a_cited_item_is_not_closed_by_the_last_marker() -> None:
    raw = "The demands:\n- one.[1]\n- two.[2]\nAfter." + NOTES
    assert _claims(raw) == ["one.", "two."]


def test_list_without_a_colon_intro_is_taken_alone() -> None:
    raw = "Context sentence.\n- one;\n- two.[1]\nAfter." + NOTES
    assert _claims(raw) == ["- one;\n- two."]


def test_heading_marker_takes_the_passage_to_the_next_cited_paragraph() -> None:
    raw = (
        "Intro para.\n\nWhat Moscow said [1]\n\nFirst para.\nSecond para.\nThird para with a claim.[2]"
        + NOTES
    )
    assert _claims(raw) == ["What Moscow said\n\nFirst para.\nSecond para.", "Third para with a claim."]


def test_heading_marker_passage_stops_at_the_next_heading() -> None:
    raw = "Intro para.\n\nWhat Moscow said [1]\n\nFirst para.\n\nAnother Heading\n\nMore." + NOTES
    assert _claims(raw)[0] == "What Moscow said\n\nFirst para."


def test_lead_in_passage_runs_through_a_plain_sub_heading_and_stops_at_a_disclaimer() -> None:
    raw = (
        "Comments from the parties [1] after the talks:\nOne side said yes.\nThe Other Side\nThe other said no.\n"
        "The views of the author are his own." + NOTES
    )
    assert _claims(raw) == [
        "Comments from the parties after the talks:\nOne side said yes.\nThe Other Side\nThe other said no."
    ]


def test_lead_in_must_end_its_paragraph() -> None:
    assert _claims("He listed them [1]: a, b and c. More text." + NOTES) == ["He listed them: a, b and c."]


def test_quotation_marker_takes_the_quotation_with_its_attribution() -> None:
    raw = "Before. Zelensky said: “No one will withdraw. (…) It means no.”[1] A tired line." + NOTES
    assert _claims(raw) == ["Zelensky said: “No one will withdraw. (…) It means no.”"]


@pytest.mark.parametrize(("opening", "closing"), [("«", "»"), ('"', '"'), ("„", "“")])
def test_quotation_marks_of_several_languages(opening: str, closing: str) -> None:
    raw = f"Before. Peskov said: {opening}We wait. We see.{closing}[1] After." + NOTES
    assert _claims(raw) == [f"Peskov said: {opening}We wait. We see.{closing}"]


def test_repeated_note_gives_one_citation_per_use_with_its_own_claim() -> None:
    parsed = parse_article("One claim.[1] Two claim.[1]" + NOTES, fmt=ArticleFormat.TEXT)
    assert [(c.claim, c.occurrence) for c in parsed.citations] == [("One claim.", 0), ("Two claim.", 1)]
