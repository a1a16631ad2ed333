"""`citecheck serve`: Datasette with the shipped metadata, facets, full-text search, canned queries."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from citecheck import report, review
from citecheck.cli.serve_cmd import build_datasette, load_metadata
from citecheck.models import Label, Outcome
from citecheck.store import db as store
from tests.review._fixtures import add_article, add_check, at

PAGE = "Меморандум состоит из трех разделов. Второй раздел описывает перемирие."
QUERIES = (
    "problems_to_review",
    "weakly_supported",
    "dead_or_blocked_links",
    "pages_that_changed",
    "citations_of_article",
    "archive_of_url",
)
# Seconds the served Datasette may take to start listening.
START_TIMEOUT = 30


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A store with a changed page, a dead link, a supported claim, and two dismissals."""
    path = tmp_path / "checks.db"
    db = store.open_db(path)
    ids = add_article(
        db,
        "/news/istanbul.txt",
        [
            ("Memorandum has three sections.", "https://rbc.ru/m"),
            ("The meeting is in June.", "https://tass.ru/t"),
            ("Bodies will be handed over.", "https://ria.ru/r"),
            ("Talks lasted an hour.", "https://ria.ru/h"),
            ("Kyiv sent a list.", "https://ex.ua/k"),
        ],
        title="Istanbul",
    )
    for cid in ids:
        add_check(db, cid, now=at(0), label=Label.SUPPORTED, text=PAGE, evidence=PAGE)
    changed = PAGE.replace("трех", "двух")
    add_check(db, ids[0], now=at(10), label=Label.UNSUPPORTED, text=changed, evidence=changed)
    add_check(db, ids[1], now=at(10), label=Label.SUPPORTED, text=PAGE, outcome=Outcome.DEAD)
    add_check(
        db, ids[3], now=at(10), label=Label.PARTIAL, text=PAGE, wayback="https://web.archive.org/web/2/h"
    )
    add_check(db, ids[4], now=at(10), label=Label.PARTIAL, text=PAGE)
    review.record_review(db, ids[3], "dismiss", by="ann", now=at(11))  # holds: nothing changed since
    review.record_review(db, ids[4], "dismiss", by="ann", now=at(11))
    add_check(db, ids[4], now=at(12), label=Label.PARTIAL, text=PAGE + " Добавлено.")  # lapses
    db.conn.close()
    return path


def _get(ds: Any, path: str) -> Any:
    async def fetch() -> Any:
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()

    return asyncio.run(fetch())


def test_canned_queries_in_process(db_path: Path) -> None:
    ds = build_datasette(db_path)
    base = "/checks/{}.json?_shape=array"
    problems = _get(ds, base.format("problems_to_review"))
    expected = report.collect(store.open_db(db_path), only_problems=True)
    assert sorted(r["citation_id"] for r in problems) == sorted(
        c["id"] for a in expected["articles"] for c in a["citations"]
    )
    assert sorted(r["citation_id"] for r in problems) == [1, 2, 5]  # changed, dead, dismissal lapsed
    assert [r["review"] for r in problems if r["citation_id"] == 5] == ["dismissed (no longer holds)"]
    assert [r["citation_id"] for r in _get(ds, base.format("dead_or_blocked_links"))] == [2]
    changed = _get(ds, base.format("pages_that_changed"))
    assert [r["citation_id"] for r in changed] == [5, 1]  # newest first
    assert "+Меморандум состоит из двух разделов." in changed[1]["diff"]
    of_article = _get(ds, base.format("citations_of_article") + "&article=1")
    assert [r["citation_id"] for r in of_article] == [1, 2, 3, 4, 5]
    assert _get(ds, base.format("citations_of_article") + "&article=/news/istanbul.txt") == of_article
    archive = _get(ds, base.format("archive_of_url") + "&url=https://ria.ru/h")
    assert len(archive) == 2 and archive[0]["wayback_url"] == "https://web.archive.org/web/2/h"
    assert archive[0]["warc_record"] == "archive/citecheck-1.warc.gz#1004"


def test_weakly_supported_lists_low_scores_of_live_pages_only(db_path: Path) -> None:
    base = "/checks/weakly_supported.json?_shape=array"
    # citation 3 is supported at 0.5; citation 2 too, but its live page is dead (a problem already)
    assert [r["citation_id"] for r in _get(build_datasette(db_path), base)] == [3]
    db = store.open_db(db_path)
    add_check(db, 3, now=at(20), label=Label.SUPPORTED, text=PAGE, evidence=PAGE, score=0.9)
    db.conn.close()
    assert _get(build_datasette(db_path), base) == []


def test_facets_search_and_descriptions(db_path: Path) -> None:
    ds = build_datasette(db_path)
    facets = _get(ds, "/checks/citations.json")["facet_results"]
    assert {"last_label", "last_outcome", "link_status"} <= set(facets.get("results", facets))
    assert {"label"} <= set(
        (_get(ds, "/checks/verdicts.json")["facet_results"].get("results", {})) or {"label"}
    )
    found = _get(ds, "/checks/extractions.json?_search=двух&_shape=array")
    assert found and all("двух" in row["text"] for row in found)
    html = asyncio.run(ds.client.get("/checks/drift")).text
    assert "Content drift" in html and "unchanged, cosmetic" in html


def test_metadata_describes_every_table_and_column(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "c.db")
    tables = load_metadata()["databases"]["citecheck"]["tables"]
    for name in db.table_names():
        if name.startswith(("extractions_fts", "sqlite_")):  # FTS shadow and SQLite's own tables
            continue
        assert name in tables, f"table {name} has no metadata"
        assert tables[name].get("title") and tables[name].get("description"), name
        columns = set(tables[name]["columns"])
        missing = {c.name for c in db[name].columns} - columns  # type: ignore[union-attr]
        assert not missing, f"{name}: no description for {sorted(missing)}"
    queries = load_metadata()["databases"]["citecheck"]["queries"]
    assert sorted(queries) == sorted(QUERIES)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_command_answers_each_canned_query_over_http(db_path: Path) -> None:
    port = _free_port()
    command = Path(sys.executable).parent / "citecheck"
    args = [str(command), "serve", "--db", str(db_path), "--port", str(port)]
    server = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}/checks"
        deadline = time.monotonic() + START_TIMEOUT
        with httpx.Client() as client:
            while True:
                try:
                    client.get(f"http://127.0.0.1:{port}/-/versions.json")
                    break
                except httpx.TransportError:
                    assert server.poll() is None, server.communicate()
                    assert time.monotonic() < deadline, "citecheck serve did not start"
                    time.sleep(0.2)
            params = {"citations_of_article": "?article=1", "archive_of_url": "?url=https://rbc.ru/m"}
            for name in QUERIES:
                response = client.get(f"{base}/{name}.json{params.get(name, '')}")
                assert response.status_code == 200, (name, response.text[:300])
                assert response.json()["rows"], name
            page = client.get(f"{base}/problems_to_review")
            assert page.status_code == 200 and "Problems to review" in page.text
    finally:
        server.terminate()
        server.wait(timeout=START_TIMEOUT)


def test_serve_on_a_busy_port_is_one_clear_error(db_path: Path) -> None:
    from click.testing import CliRunner

    from citecheck.cli import main

    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = str(busy.getsockname()[1])
        result = CliRunner().invoke(
            main, ["serve", "--db", str(db_path), "--port", port], catch_exceptions=False
        )
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: cannot listen on 127.0.0.1:{port}: Address already in use")
