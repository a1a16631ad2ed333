"""Query plans at scale must not hang on ANALYZE statistics: none, or skewed ones, give the same shape.

The canned Datasette queries, the report's look-ups and the recheck selection are planned on a
store without statistics and on one whose statistics claim the low-selectivity indexes
(``verdicts(label)``, ``drift(kind)``, ``reviews(action)``) pick out single rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from sqlite_utils import Database

from citecheck import recheck
from citecheck import report_query as query
from citecheck.store import db as store

DATASETTE_YAML = Path(store.__file__).resolve().parent.parent / "datasette.yaml"
# Statistics claiming the wrong indexes are the selective ones: each label, kind or action
# value matches one row, while a citation id matches half the table.
SKEWED = [
    ("verdicts", "idx_verdicts_label", "100000 1"),
    ("verdicts", "idx_verdicts_citation_id_created_at", "100000 50000 50000"),
    ("drift", "idx_drift_kind", "100000 1"),
    ("drift", "idx_drift_citation_id_created_at", "100000 50000 50000"),
    ("reviews", "idx_reviews_action", "100000 1"),
    ("reviews", "idx_reviews_citation_id_at", "100000 50000 50000"),
    ("snapshots", "idx_snapshots_url_captured_at", "150000 75000 75000"),
]
# Indexes a plan must never use: a full walk of one label, kind or action per citation.
LOW_SELECTIVITY = ("idx_verdicts_label", "idx_reviews_action")


def _store(stats: str) -> Database:
    db = store.open_db(":memory:")
    db.execute("DELETE FROM sqlite_stat1")
    if stats == "skewed":
        db.conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", SKEWED)
    db.execute("ANALYZE sqlite_schema")  # reload the statistics the planner uses
    return db


def _plan(db: Database, sql: str, params: object) -> list[str]:
    return [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()]


@pytest.mark.parametrize("stats", ["none", "skewed"])
def test_canned_queries_keep_their_plan(stats: str) -> None:
    db = _store(stats)
    queries = yaml.safe_load(DATASETTE_YAML.read_text(encoding="utf-8"))["databases"]["citecheck"]["queries"]
    plans = {
        name: _plan(db, q["sql"], {"article": "1", "url": "https://x.example/"})
        for name, q in queries.items()
    }
    for name, plan in plans.items():
        assert not any(index in step for step in plan for index in LOW_SELECTIVITY), (name, plan)
    problems = plans["problems_to_review"]
    assert sum("idx_verdicts_citation_id_created_at (citation_id=?)" in step for step in problems) >= 2, (
        problems
    )
    assert any("idx_citations_article_id (article_id=?)" in s for s in plans["citations_of_article"])
    assert not any(step.startswith("SCAN s") for step in plans["archive_of_url"]), plans["archive_of_url"]


@pytest.mark.parametrize("stats", ["none", "skewed"])
def test_report_lookups_search_by_citation_url_or_digest(stats: str) -> None:
    db = _store(stats)
    expected = {
        "_HISTORY_OF": "idx_verdicts_citation_id_created_at (citation_id=?)",
        "_DRIFT": "drift USING",
        "_CHANGED": "drift USING",
        "_HISTORY": "idx_reviews_citation_id_at (citation_id=?)",
        "_LOCAL": "idx_snapshots_url_captured_at (url=?)",
        "_WAYBACK": "idx_snapshots_url_captured_at (url=?)",
        "_ORIGINAL": "idx_snapshots_payload_digest (payload_digest=?)",
    }
    for name, index in expected.items():
        plan = _plan(db, getattr(query, name), ["[]"])
        assert any(index in step and step.startswith("SEARCH") for step in plan), (name, plan)
        avoid = (*LOW_SELECTIVITY, "idx_drift_kind")
        assert not any(low in step for step in plan for low in avoid), (name, plan)
    rows = _plan(db, query._CITATIONS.format(where=query._PROBLEM), {"articles": "[]", "labels": "[]"})
    assert any("idx_citations_article_id (article_id=?)" in step for step in rows), rows


@pytest.mark.parametrize("stats", ["none", "skewed"])
def test_due_selection_is_a_range_of_the_due_index(stats: str) -> None:
    db = _store(stats)
    params = {"now": "2026", "started": "\uffff", "done": "[]", "articles": json.dumps([]), "limit": -1}
    columns = ", ".join(recheck.DUE_COLUMNS)
    sql = (
        f"SELECT {columns} FROM citations WHERE {recheck._eligible(True, None)} ORDER BY {recheck.DUE_ORDER}"
    )
    plan = _plan(db, sql, params)
    assert "SEARCH citations USING COVERING INDEX idx_citations_due (<expr><?)" in plan, plan
    assert not any("TEMP B-TREE" in step for step in plan), plan  # served in index order
