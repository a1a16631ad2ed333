"""The report's set-based look-ups: batch boundaries, filters in SQL and revisit records change nothing."""

from __future__ import annotations

import random

import pytest
from sqlite_utils import Database

from citecheck import report, review
from citecheck import report_query as query
from citecheck.models import FetchResult, Label, Outcome, Snapshot
from citecheck.store import db as store
from tests.review._fixtures import add_article, add_check, at

# Small stores with every kind of history: several checks, dead pages, extra (revisit) records,
# reviews; seeds are fixed so a failure reproduces.
SEEDS = range(12)


def _random_store(seed: int) -> Database:
    rng = random.Random(seed)
    db = store.open_db(":memory:")
    ids: list[int] = []
    for a in range(rng.randrange(2, 6)):
        claims = [(f"claim {a}.{i}", f"https://s{rng.randrange(3)}.ru/{rng.randrange(5)}") for i in range(4)]
        ids += add_article(db, f"/news/{a}.txt", claims, title=f"A{a}")
    for step in range(30):
        cid = rng.choice(ids)
        outcome = rng.choice([Outcome.OK, Outcome.OK, Outcome.DEAD])
        text = rng.choice([None, "Текст один.", "Совсем другой текст."])
        add_check(db, cid, now=at(step), label=rng.choice(list(Label)), text=text, outcome=outcome)
        url = store.citation_row(db, cid)["url"]
        if rng.random() < 0.4:
            fetch = FetchResult(url=url, final_url=url, outcome=Outcome.OK, status=200, fetched_at=at(step))
            fid = store.save_fetch(db, fetch, run_id=None, citation_id=cid)
            snap = Snapshot(url, f"w{step}.warc.gz", step, 9, "sha1:X", revisit=rng.random() < 0.5)
            store.save_snapshot(db, snap, fetch_id=fid, source="local", outcome=rng.choice(["ok", "dead"]))
        if rng.random() < 0.3:
            review.record_review(db, cid, rng.choice(["accept", "dismiss"]), by="r", now=at(step + 0.5))
    return db


@pytest.mark.parametrize("seed", SEEDS)
def test_batch_size_does_not_change_the_report(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _random_store(seed)
    whole = report.collect(db, now=at(99))
    monkeypatch.setattr(query, "BATCH", 3)
    assert report.collect(db, now=at(99)) == whole


@pytest.mark.parametrize("seed", SEEDS)
def test_filters_in_sql_match_filtering_the_whole_report(seed: int) -> None:
    db = _random_store(seed)
    whole = [c for a in report.collect(db, now=at(99))["articles"] for c in a["citations"]]
    problems = [
        c for a in report.collect(db, now=at(99), only_problems=True)["articles"] for c in a["citations"]
    ]
    assert sorted(c["id"] for c in problems) == sorted(c["id"] for c in whole if c["needs_look"])
    for label in ("partial", "dead", "unchecked"):
        picked = report.collect(db, now=at(99), verdicts=[label])["articles"]
        assert sorted(c["id"] for a in picked for c in a["citations"]) == sorted(
            c["id"] for c in whole if c["verdict"] == label
        )


def test_a_revisit_points_at_the_full_record() -> None:
    db = store.open_db(":memory:")
    (cid,) = add_article(db, "/news/r.txt", [("Claim.", "https://rbc.ru/a")])
    add_check(db, cid, now=at(0), label=Label.PARTIAL, text="Текст.")  # full record: offset 1000 + cid
    fetch = FetchResult(
        url="https://rbc.ru/a", final_url="https://rbc.ru/a", outcome=Outcome.OK, status=200, fetched_at=at(1)
    )
    fid = store.save_fetch(db, fetch, run_id=None, citation_id=cid)
    revisit = Snapshot("https://rbc.ru/a", "archive/citecheck-2.warc.gz", 7, 300, "sha1:X", revisit=True)
    sid = store.save_snapshot(db, revisit, fetch_id=fid, source="local", outcome="ok")
    db.execute("UPDATE verdicts SET snapshot_id = ? WHERE citation_id = ?", [sid, cid])
    db.conn.commit()
    (citation,) = report.collect(db, now=at(2))["articles"][0]["citations"]
    assert citation["warc"] == {"path": "archive/citecheck-1.warc.gz", "offset": 1000 + cid, "length": 500}
