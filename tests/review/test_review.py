"""Reviews: recorded with history, the current state on the citation, and the review command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck import review
from citecheck.cli import main
from citecheck.errors import CitecheckError, StoreError
from citecheck.models import Label
from citecheck.store import db as store
from tests.review._fixtures import add_article, add_check, at


def _store(path: Path) -> int:
    db = store.open_db(path)
    (cid,) = add_article(db, "a.txt", [("Claim.", "https://ex.ru/a")])
    add_check(db, cid, now=at(0), label=Label.UNSUPPORTED, text="Текст.")
    db.conn.close()
    return cid


def test_history_is_kept_and_state_follows_the_last_decision(tmp_path: Path) -> None:
    cid = _store(tmp_path / "c.db")
    db = store.open_db(tmp_path / "c.db")
    review.record_review(db, cid, "dismiss", note=" other words ", by="ann", now=at(1))
    assert store.citation_row(db, cid)["review_state"] == "dismissed"
    review.record_review(db, cid, "note", note="asked the author", by="bob", now=at(2))
    assert store.citation_row(db, cid)["review_state"] == "dismissed"  # a note decides nothing
    review.record_review(db, cid, "accept", by="bob", now=at(3))
    assert store.citation_row(db, cid)["review_state"] == "accepted"
    got = review.history(db, cid)
    assert [(r.action, r.by, r.note, r.label) for r in got] == [
        ("dismiss", "ann", "other words", "unsupported"),
        ("note", "bob", "asked the author", "unsupported"),
        ("accept", "bob", None, "unsupported"),
    ]
    assert review.current_decision(got) == got[2]


def test_bad_reviews(tmp_path: Path) -> None:
    db = store.open_db(":memory:")
    with pytest.raises(StoreError, match="no citation with id 7"):
        review.record_review(db, 7, "accept", now=at(0))
    (cid,) = add_article(db, "a.txt", [("Claim.", "https://ex.ru/a")])
    with pytest.raises(CitecheckError, match="unknown review action"):
        review.record_review(db, cid, "approve", now=at(0))
    with pytest.raises(CitecheckError, match="needs some text"):
        review.record_review(db, cid, "note", note="  ", now=at(0))


def test_dismissal_holds() -> None:
    def dismissed(label: str | None) -> review.Review:
        return review.Review(1, 1, 1, label, "dismiss", None, "ann", at(5).isoformat())

    assert review.dismissal_holds(dismissed("partial"), "partial", None)
    assert review.dismissal_holds(dismissed("partial"), "partial", at(4).isoformat())  # changed before
    assert not review.dismissal_holds(dismissed("partial"), "partial", at(6).isoformat())  # changed after
    assert not review.dismissal_holds(dismissed("partial"), "dead", None)  # the page died
    assert not review.dismissal_holds(None, "partial", None)
    accepted = review.Review(1, 1, 1, "partial", "accept", None, "ann", at(5).isoformat())
    assert not review.dismissal_holds(accepted, "partial", None)


def test_review_command(tmp_path: Path) -> None:
    cid = _store(tmp_path / "c.db")
    runner = CliRunner()
    db = ["--db", str(tmp_path / "c.db")]
    result = runner.invoke(
        main, ["review", str(cid), "--dismiss", "--note", "fine", "--by", "ann", *db], catch_exceptions=False
    )
    assert (result.exit_code, result.output) == (0, "citation 1: dismissed (unsupported) by ann\n")
    result = runner.invoke(
        main, ["review", str(cid), "--note", "second look", "--by", "bob", *db], catch_exceptions=False
    )
    assert (result.exit_code, result.output) == (0, "citation 1: noted (unsupported) by bob\n")
    result = runner.invoke(main, ["review", str(cid), "--history", *db], catch_exceptions=False)
    lines = result.output.splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == [
        "dismiss unsupported ann  fine",
        "note    unsupported bob  second look",
    ]


def test_review_command_errors(tmp_path: Path) -> None:
    _store(tmp_path / "c.db")
    runner = CliRunner()
    db = ["--db", str(tmp_path / "c.db")]
    result = runner.invoke(main, ["review", "99", "--accept", *db], catch_exceptions=False)
    assert (result.exit_code, result.output) == (2, "Error: no citation with id 99\n")
    result = runner.invoke(main, ["review", "1", *db], catch_exceptions=False)
    assert result.exit_code == 2 and "give --accept, --dismiss, --note TEXT or --history" in result.output
    result = runner.invoke(
        main, ["review", "1", "--accept", "--db", str(tmp_path / "none.db")], catch_exceptions=False
    )
    assert result.exit_code == 2 and "no database at" in result.output
