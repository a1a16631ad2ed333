"""A citation's check stores its records in few transactions, all committed when it finishes."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from citecheck import drift, runner
from citecheck.config import Settings, load
from citecheck.store import db as store
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "istanbul"
# Commits one citation's check may make: the fetch with its snapshot, then the rest.
COMMITS_PER_CITATION = 2


def _settings(tmp_path: Path) -> Settings:
    overrides = {"db_path": str(tmp_path / "c.db"), "archive_dir": str(tmp_path / "arch")}
    return load(read_file=False, read_env=False, overrides=overrides)


def _check(tmp_path: Path, statements: list[str] | None = None) -> runner.RunResult:
    settings = _settings(tmp_path)
    db = store.open_db(settings.db_path)
    if statements is not None:
        db.conn.set_trace_callback(statements.append)
    return runner.check([str(EXAMPLE / "article.txt")], settings=settings, db=db, evalset=EXAMPLE / "site")


def test_each_citation_commits_its_verdict_with_its_records(tmp_path: Path) -> None:
    statements: list[str] = []
    run = _check(tmp_path, statements)
    cites = [c for a in run.articles for c in a.citations]
    assert cites and not any(a.error for a in run.articles)
    db = store.open_db(tmp_path / "c.db")
    for result in cites:
        row = store.citation_row(db, result.citation_id or 0)
        verdict = db.execute(
            "SELECT label, extraction_id, snapshot_id, fetch_id, basis FROM verdicts WHERE id = ?",
            [row["last_verdict_id"]],
        ).fetchone()
        assert verdict[0] == str(result.verdict.label) == row["last_label"]
        assert row["link_status"] is not None and row["next_check_at"] is not None
        assert row["last_outcome"] == str(result.fetch.outcome if result.fetch else None)
        fetch = db.execute("SELECT citation_id FROM fetches WHERE id = ?", [verdict[3]]).fetchone()
        assert fetch[0] == result.citation_id
        if result.extraction is not None:  # the reading the verdict rests on is stored with it
            text = db.execute("SELECT text FROM extractions WHERE id = ?", [verdict[1]]).fetchone()
            assert text[0] == result.extraction.text
        if verdict[4] == "live":  # its snapshot is of this URL's fetch (shared by repeated URLs)
            snap = db.execute(
                "SELECT f.url FROM snapshots s JOIN fetches f ON f.id = s.fetch_id WHERE s.id = ?",
                [verdict[2]],
            ).fetchone()
            assert result.fetch is not None and snap[0] == result.fetch.url
    checking = statements[next(i for i, s in enumerate(statements) if "INSERT INTO [fetches]" in s) :]
    commits = sum(1 for s in checking if s.strip().upper() == "COMMIT")
    repeated = len(cites) - len({c.citation.url for c in cites})  # one more fetch row each
    # the fetch with its snapshot, then everything else; plus the end of the run
    assert commits <= COMMITS_PER_CITATION * len(cites) + repeated + 1, (commits, len(cites))


def test_a_drift_failure_keeps_the_verdict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _check(tmp_path)

    def broken(*_args: Any, **_kwargs: Any) -> int | None:
        raise RuntimeError("drift bug")

    monkeypatch.setattr(drift, "record_drift", broken)
    second = _check(tmp_path)
    cites = [c for a in second.articles for c in a.citations]
    assert not any(a.error for a in second.articles)
    db = store.open_db(tmp_path / "c.db")
    for result in cites:
        count = db.execute(
            "SELECT count(*) FROM verdicts WHERE citation_id = ?", [result.citation_id]
        ).fetchone()[0]
        assert count == 2
    assert db.execute("SELECT count(*) FROM drift").fetchone()[0] == 0


def test_drift_is_recorded_on_a_second_check(tmp_path: Path) -> None:
    first = _check(tmp_path)
    _check(tmp_path)
    live = [c for a in first.articles for c in a.citations if str(c.verdict.basis) == "live"]
    db = store.open_db(tmp_path / "c.db")
    kinds = [k for (k,) in db.execute("SELECT kind FROM drift").fetchall()]
    assert len(kinds) == len(live) > 0
    assert set(kinds) == {"unchanged"}


def test_run_async_hands_back_the_result() -> None:
    async def work() -> dict[str, int]:
        await asyncio.sleep(0)
        return {"pages": 3}

    assert runner.run_async(work()) == {"pages": 3}
