"""Drift: unchanged / cosmetic / changed, the capped diff, and recording it per citation."""

from __future__ import annotations

import pytest

from citecheck import drift
from citecheck.models import Label
from citecheck.store import db as store
from tests.review._fixtures import add_article, add_check, at

BASE = (
    "Российский меморандум, переданный украинской стороне в Стамбуле, состоит из трех разделов.\n"
    "Первый раздел касается основ окончательного урегулирования. "
    "Второй раздел описывает условия прекращения огня, причем предлагаются два варианта перемирия.\n"
    "Третий раздел содержит последовательность шагов и сроки их реализации."
)


def test_identical_and_normalised_texts_are_unchanged() -> None:
    assert drift.compare(BASE, BASE).kind == "unchanged"
    respaced = BASE.replace(" ", "\u00a0", 3).replace("\n", "\n\n")
    assert drift.compare(BASE, respaced).kind == "unchanged"


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.upper(),  # case
        lambda t: t.replace(",", "").replace(".", "!"),  # punctuation
        lambda t: t.replace("трех", "трёх"),  # ё
        lambda t: t.replace("меморандум", "мемморандум"),  # one typo (doubled letter)
        lambda t: t.replace("урегулирования", "урегулированя").replace(
            "последовательность", "последовательнось"
        ),
    ],
)
def test_cosmetic_edits(edit) -> None:
    result = drift.compare(BASE, edit(BASE))
    assert result.kind == "cosmetic"
    assert result.diff == ""
    assert result.similarity >= drift.COSMETIC_MIN_SIMILARITY


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("из трех разделов", "из двух разделов"),  # a different word
        ("Третий раздел", "Четвертый раздел"),
        ("два варианта", "2 варианта"),  # a word became a number
        ("сроки их реализации", "сроки их реализации в 2026 году"),  # words added
        ("причем предлагаются два варианта перемирия", "причем"),  # words removed
        ("в Стамбуле", "в Анкаре"),  # a different place name
    ],
)
def test_substantive_edits_are_changed(old: str, new: str) -> None:
    assert old in BASE
    result = drift.compare(BASE, BASE.replace(old, new))
    assert result.kind == "changed"
    assert result.added >= 1 or result.removed >= 1
    assert result.diff.startswith("--- previous\n+++ current\n")


def test_a_changed_number_is_never_cosmetic() -> None:
    text = BASE + " Всего 1000 человек."
    assert drift.compare(text, text.replace("1000", "1001")).kind == "changed"


def test_diff_is_one_sentence_per_line_with_context() -> None:
    new = BASE.replace("из трех разделов", "из двух разделов")
    result = drift.compare(BASE, new, old_label="a", new_label="b")
    lines = result.diff.splitlines()
    assert (
        "-Российский меморандум, переданный украинской стороне в Стамбуле, состоит из трех разделов." in lines
    )
    assert (
        "+Российский меморандум, переданный украинской стороне в Стамбуле, состоит из двух разделов." in lines
    )
    assert (result.added, result.removed) == (1, 1)
    assert not any(line.startswith(("-Третий", "+Третий", " Третий")) for line in lines)  # beyond the context


def test_the_diff_is_capped() -> None:
    old = "\n".join(f"Предложение номер {i} о переговорах." for i in range(1000))
    new = "\n".join(f"Фраза номер {i} о перемирии." for i in range(1000))
    result = drift.compare(old, new)
    assert result.kind == "changed"
    assert result.truncated
    assert result.diff.endswith(drift.TRUNCATION_MARK)
    assert len(result.diff.splitlines()) <= drift.DIFF_MAX_LINES + 1
    assert len(result.diff) <= drift.DIFF_MAX_CHARS + len(drift.TRUNCATION_MARK) + 1


def test_strong_fold() -> None:
    assert drift.strong_fold("«Всё — ясно!»  Ёлка,\nNATO") == "все ясно елка nato"


def test_record_drift_compares_with_the_previous_live_check() -> None:
    db = store.open_db(":memory:")
    (cid,) = add_article(db, "a.txt", [("Memorandum has three sections.", "https://ex.ru/m")])
    add_check(db, cid, now=at(0), label=Label.SUPPORTED, text=BASE)
    assert db["drift"].count == 0  # a first check has nothing to compare with
    add_check(db, cid, now=at(1), label=Label.SUPPORTED, text=BASE.upper())
    add_check(db, cid, now=at(2), label=Label.DEAD, text=None)  # dead: no extraction, no drift
    add_check(db, cid, now=at(3), label=Label.UNSUPPORTED, text=BASE.replace("трех", "двух"))
    rows = list(db.query("SELECT kind, previous_checked_at, diff, verdict_id FROM drift ORDER BY id"))
    assert [r["kind"] for r in rows] == ["cosmetic", "changed"]
    assert rows[1]["previous_checked_at"] == at(1).isoformat()  # compared with the last live text
    assert (
        "+Российский меморандум, переданный украинской стороне в Стамбуле, состоит из двух разделов."
        in (rows[1]["diff"])
    )
    assert rows[1]["verdict_id"] is not None


def test_recording_is_idempotent() -> None:
    db = store.open_db(":memory:")
    (cid,) = add_article(db, "a.txt", [("Claim.", "https://ex.ru/m")])
    add_check(db, cid, now=at(0), label=Label.SUPPORTED, text=BASE)
    verdict_id = add_check(db, cid, now=at(1), label=Label.SUPPORTED, text=BASE + " Ещё.")
    assert drift.record_for_verdict(db, verdict_id, now=at(1)) is None
    assert db["drift"].count == 1
