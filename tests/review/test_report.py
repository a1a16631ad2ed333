"""The report's data: what needs a look, in which order, with which filters, and its JSON schema."""

from __future__ import annotations

import json
from datetime import timedelta

import jsonschema
import pytest
from sqlite_utils import Database

from citecheck import report, report_anchors, review
from citecheck.errors import CitecheckError, InputError
from citecheck.models import Label, Outcome
from citecheck.store import db as store
from tests.review._fixtures import T0, add_article, add_check, at

PAGE = "Меморандум состоит из трех разделов. Второй раздел описывает перемирие."
MATCH = {"matched": [{"type": "name", "claim": "memorandum", "status": "matched", "page": "Меморандум"}]}


@pytest.fixture
def db() -> Database:
    """Two articles: a supported, a page that changed, a page that died, a never-checked one."""
    database = store.open_db(":memory:")
    a = add_article(
        database,
        "/work/news/istanbul.txt",
        [
            ("Memorandum has three sections.", "https://rbc.ru/m"),
            ("The meeting is in June.", "https://tass.ru/t"),
            ("Bodies will be handed over.", "https://ria.ru/r"),
        ],
        title="Istanbul",
    )
    b = add_article(database, "/work/news/other.md", [("Other claim.", "https://ex.ua/o")], title="Other")
    add_article(database, "eval:dev/1", [("Eval claim.", "https://ex.ua/e")])  # evaluation runs stay out
    add_check(database, a[0], now=at(0), label=Label.SUPPORTED, text=PAGE, evidence=PAGE, reasons=MATCH)
    add_check(database, a[1], now=at(0), label=Label.SUPPORTED, text="Встреча в июне.")
    add_check(database, a[2], now=at(0), label=Label.PARTIAL, text="Тела передадут.")
    add_check(
        database,
        a[0],
        now=at(10),
        label=Label.UNSUPPORTED,
        text=PAGE.replace("трех", "двух"),
        evidence=PAGE.replace("трех", "двух"),
        reasons=MATCH,
        wayback="https://web.archive.org/web/1/x",
    )
    add_check(database, a[1], now=at(20), label=Label.DEAD, outcome=Outcome.DEAD)
    add_check(database, a[2], now=at(15), label=Label.PARTIAL, text="Тела передадут.")  # unchanged
    add_check(database, b[0], now=at(5), label=Label.PARTIAL, text="Другое.")
    return database


def _ids(data: dict) -> list[list[int]]:
    return [[c["id"] for c in a["citations"]] for a in data["articles"]]


def test_problems_first_newest_first_and_what_changed(db: Database) -> None:
    data = report.collect(db, now=at(30))
    assert [a["title"] for a in data["articles"]] == ["Istanbul", "Other"]
    assert _ids(data) == [[2, 1, 3], [4]]  # newest problem first
    dead, changed, partial = data["articles"][0]["citations"]
    assert (
        dead["new"]
        and dead["previous_verdict"] == "supported"
        and dead["problem_since"] == at(20).isoformat()
    )
    assert changed["new"] and changed["drift"]["kind"] == "changed" and changed["drift"]["current"]
    assert "+Меморандум состоит из двух разделов." in changed["drift"]["diff"]
    assert changed["wayback"] == "https://web.archive.org/web/1/x"
    assert changed["warc"] == {"path": "archive/citecheck-1.warc.gz", "offset": 1001, "length": 500}
    assert not partial["new"] and partial["drift"]["kind"] == "unchanged"  # partial since its first check
    assert partial["problem_since"] == at(0).isoformat()
    assert data["summary"] == {
        "articles": 2, "citations": 4, "needs_look": 4, "new_problems": 3,
        "by_verdict": {"dead": 1, "partial": 2, "unsupported": 1},
    }  # fmt: skip


def test_a_dead_page_points_at_its_last_good_local_copy(db: Database) -> None:
    dead = report.collect(db, now=at(30))["articles"][0]["citations"][0]
    assert dead["verdict"] == "dead"
    assert dead["warc"]["offset"] == 1002  # both checks share the fixture offset; the usable one is chosen
    good = db.execute("SELECT outcome FROM snapshots WHERE warc_offset = 1002 ORDER BY id").fetchall()
    assert [g[0] for g in good] == ["ok", "dead"]


def test_dismissal_hides_until_the_page_changes(db: Database) -> None:
    review.record_review(db, 3, "dismiss", note="says it in other words", by="ann", now=at(21))
    data = report.collect(db, only_problems=True, now=at(30))
    assert _ids(data) == [[2, 1], [4]]
    everything = report.collect(db, now=at(30))
    hidden = next(c for c in everything["articles"][0]["citations"] if c["id"] == 3)
    assert not hidden["needs_look"] and hidden["review"]["holds"] and hidden["review"]["by"] == "ann"
    # The page changes after the dismissal: the problem is back, and new.
    add_check(db, 3, now=at(40), label=Label.PARTIAL, text="Тела передадут на следующей неделе.")
    back = report.collect(db, only_problems=True, now=at(41))["articles"][0]["citations"]
    item = next(c for c in back if c["id"] == 3)
    assert item["needs_look"] and item["new"] and item["review"]["holds"] is False


def test_dismissal_lapses_when_the_label_changes(db: Database) -> None:
    review.record_review(db, 3, "dismiss", by="ann", now=at(21))
    add_check(db, 3, now=at(40), label=Label.DEAD, outcome=Outcome.DEAD)  # the page died: a new problem
    item = next(c for c in report.collect(db, now=at(41))["articles"][0]["citations"] if c["id"] == 3)
    assert item["needs_look"] and item["new"]


def test_accepted_problems_stay_and_notes_do_not_decide(db: Database) -> None:
    review.record_review(db, 1, "accept", by="bob", now=at(21))
    review.record_review(db, 1, "note", note="told the author", by="bob", now=at(22))
    item = next(c for c in report.collect(db, now=at(30))["articles"][0]["citations"] if c["id"] == 1)
    assert item["needs_look"]
    assert item["review"]["action"] == "accept"
    assert [r["action"] for r in item["review_history"]] == ["accept", "note"]
    assert store.citation_row(db, 1)["review_state"] == "accepted"


def test_filters(db: Database) -> None:
    assert _ids(report.collect(db, verdicts=["dead"])) == [[2]]
    assert _ids(report.collect(db, verdicts=["partial", "dead"])) == [[2, 3], [4]]
    assert _ids(report.collect(db, articles=["2"])) == [[4]]
    assert _ids(report.collect(db, articles=["other.md"])) == [[4]]
    assert _ids(report.collect(db, articles=["/work/news/istanbul.txt"])) == [[2, 1, 3]]
    assert _ids(report.collect(db, since=at(9))) == [[2, 1]]  # problems that began since
    assert _ids(report.collect(db, since=at(21))) == []
    with pytest.raises(InputError, match="no article matches 'nope'"):
        report.collect(db, articles=["nope"])
    with pytest.raises(CitecheckError, match="unknown verdict"):
        report.collect(db, verdicts=["wrong"])


def test_unchecked_citations_need_a_look() -> None:
    database = store.open_db(":memory:")
    add_article(database, "a.txt", [("Claim.", "https://ex.ru/a")])
    (item,) = report.collect(database)["articles"][0]["citations"]
    assert item["verdict"] == "unchecked" and item["needs_look"] and item["new"]
    assert report.exit_code(report.collect(database)) == 1


def test_exit_codes(db: Database) -> None:
    assert report.exit_code(report.collect(db)) == 1
    assert report.exit_code(report.collect(db, verdicts=["supported"])) == 0
    assert report.exit_code(report.collect(store.open_db(":memory:"))) == 0
    for cid in (1, 2, 3, 4):
        review.record_review(db, cid, "dismiss", now=at(50))
    assert report.exit_code(report.collect(db)) == 0


def test_json_output_validates_against_the_schema(db: Database) -> None:
    review.record_review(db, 1, "dismiss", note="fine", by="ann", now=at(21))
    jsonschema.Draft202012Validator.check_schema(report.REPORT_SCHEMA)
    for data in (report.collect(db, now=at(30)), report.collect(store.open_db(":memory:"), now=at(30))):
        parsed = json.loads(report.render(data, "json"))
        jsonschema.validate(parsed, report.REPORT_SCHEMA)
    broken = json.loads(report.render(report.collect(db, now=at(30)), "json"))
    broken["articles"][0]["citations"][0]["verdict"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, report.REPORT_SCHEMA)


def test_anchors_of_tolerates_any_reasons() -> None:
    assert report_anchors.anchors_of({}) == {"matched": [], "missing": [], "contradicting": []}
    assert (
        report_anchors.anchors_of({"matched": "oops", "missing": [1, None, {"no": "claim"}]})["missing"] == []
    )
    got = report_anchors.anchors_of(
        {"matched": ["Песков", {"claim": "6,000", "page": "6 тыс.", "type": "number"}], "missing": ["three"]}
    )
    assert got["matched"][0] == {"claim": "Песков", "page": "Песков"}
    assert got["matched"][1]["page"] == "6 тыс."
    assert got["missing"] == [{"claim": "three", "page": None}]


def test_highlights_are_case_insensitive_merged_and_ordered() -> None:
    evidence = "Песков заявил: ПЕСКОВ и Мединский. Мединский согласен."
    anchors = report_anchors.anchors_of(
        {"matched": ["песков", "Мединский", "ков и Мед"], "contradicting": ["согласен"]}
    )
    spans = report_anchors.highlights(evidence, anchors)
    pieces = [(evidence[s["start"] : s["end"]], s["kind"]) for s in spans]
    assert pieces == [
        ("Песков", "matched"),
        ("ПЕСКОВ и Мединский", "matched"),
        ("Мединский", "matched"),
        ("согласен", "contradicting"),
    ]
    assert (
        report_anchors.highlights("abc", report_anchors.anchors_of({"matched": ["a", ""]})) == []
    )  # too short


def test_parse_since() -> None:
    assert report.parse_since("7d", T0) == T0 - timedelta(days=7)
    assert report.parse_since("12h", T0) == T0 - timedelta(hours=12)
    assert report.parse_since("2026-02-01", T0).isoformat() == "2026-02-01T00:00:00+00:00"
    assert report.parse_since("2026-02-01T10:00+03:00", T0).isoformat() == "2026-02-01T07:00:00+00:00"
    with pytest.raises(InputError, match="--since"):
        report.parse_since("last week", T0)
