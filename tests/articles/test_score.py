"""score_articles: pairing by URL and claim, one-to-one."""

from __future__ import annotations

from typing import Any

import pytest

from citecheck.articles import score_articles
from citecheck.articles.score import token_f1
from citecheck.models import Citation, Span


def _cite(url: str, claim: str) -> Citation:
    return Citation(marker="1", url=url, claim=claim, span=Span(0, len(claim)))


def _exp(url: str | None, claim: str | None) -> dict[str, Any]:
    return {"marker": "1", "url": url, "claim": claim}


def test_token_f1() -> None:
    assert token_f1("Putin spoke, then left.", "putin SPOKE then left") == 1.0
    assert token_f1("a b c d", "a b") == pytest.approx(2 / 3)
    assert token_f1("a b", "c d") == 0.0


def test_perfect_match_with_url_normalisation() -> None:
    expected = [
        _exp("https://RIA.ru/a.html", "Putin spoke."),
        _exp(None, "No note."),
        _exp("https://b.ru", None),
    ]
    predicted = [_cite(" https://ria.ru/a.html. ", "Putin spoke")]
    scores = score_articles([(expected, predicted)])
    assert scores == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "claim_token_f1": 1.0,
        "expected": 1.0,
        "predicted": 1.0,
        "matched": 1.0,
    }


def test_repeated_note_pairs_each_use_with_its_own_claim() -> None:
    url = "https://a.ru/1"
    expected = [_exp(url, "The first use of the note."), _exp(url, "A second, different sentence here.")]
    predicted = [_cite(url, "A second, different sentence here."), _cite(url, "The first use of the note.")]
    assert score_articles([(expected, predicted)])["claim_token_f1"] == 1.0


def test_wrong_url_or_unrelated_claim_does_not_pair() -> None:
    expected = [_exp("https://a.ru/1", "Putin met Xi in Beijing on Monday.")]
    predicted = [
        _cite("https://a.ru/2", "Putin met Xi in Beijing on Monday."),
        _cite("https://a.ru/1", "The weather in the capital was cold."),
    ]
    scores = score_articles([(expected, predicted)])
    assert (scores["matched"], scores["precision"], scores["recall"], scores["claim_token_f1"]) == (
        0,
        0,
        0,
        0,
    )


def test_partial_claim_pairs_with_its_token_f1() -> None:
    expected = [_exp("https://a.ru/1", "one two three four")]
    predicted = [_cite("https://a.ru/1", "one two")]
    scores = score_articles([(expected, predicted)])
    assert scores["matched"] == 1
    assert scores["claim_token_f1"] == pytest.approx(2 / 3)


def test_counts_over_several_articles_and_empty_cases() -> None:
    pairs = [
        ([_exp("https://a.ru/1", "a b c")], [_cite("https://a.ru/1", "a b c"), _cite("https://x.ru", "z")]),
        ([_exp("https://a.ru/2", "d e f")], []),
    ]
    scores = score_articles(pairs)
    assert (scores["expected"], scores["predicted"], scores["matched"]) == (2, 2, 1)
    assert scores["precision"] == 0.5 and scores["recall"] == 0.5 and scores["f1"] == 0.5
    assert score_articles([])["f1"] == 1.0
    assert score_articles([([], [_cite("https://a.ru", "x")])])["precision"] == 0.0
