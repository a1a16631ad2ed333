"""The store: migrations, WAL, foreign keys, and no duplicate articles or citations on re-runs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from citecheck.errors import StoreError
from citecheck.models import (
    Article,
    ArticleFormat,
    Citation,
    FetchResult,
    Label,
    Outcome,
    ParsedArticle,
    ParseWarning,
    Span,
    Verdict,
)
from citecheck.store import db as store
from citecheck.store.migrations import latest_version

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _parsed(claim: str = "A claim.") -> ParsedArticle:
    text = f"{claim} [i]\n[i] https://ex.ru/a"
    cite = Citation("i", "https://ex.ru/a", claim, Span(0, len(claim)), context=claim)
    return ParsedArticle(
        Article("/tmp/a.txt", text, ArticleFormat.TEXT, "T"),
        (cite,),
        (ParseWarning("unused-note", "note [ii] is never referenced", "ii"),),
    )


def test_schema_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "c.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version(db) == latest_version()
    for table in (
        "articles",
        "citations",
        "fetches",
        "snapshots",
        "extractions",
        "verdicts",
        "runs",
        "reviews",
    ):
        assert db[table].exists()
    with pytest.raises(Exception, match="FOREIGN KEY"):
        db.execute(
            "INSERT INTO citations (article_id, key, position, first_seen_at, last_seen_at) "
            "VALUES (999, 'k', 0, 'x', 'x')"
        )


def test_rerun_adds_fetches_and_verdicts_but_no_duplicates(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "c.db")
    for _ in range(2):
        run = store.start_run(db, command="check", mode="live", now=NOW, settings={})
        article_id, (cid,) = store.save_article(db, _parsed(), now=NOW)
        store.save_warnings(db, article_id, run, _parsed().warnings)
        fetch = FetchResult(
            url="https://ex.ru/a", final_url="https://ex.ru/a", outcome=Outcome.OK, status=200, fetched_at=NOW
        )
        fid = store.save_fetch(db, fetch, run_id=run, citation_id=cid)
        store.save_verdict(
            db,
            Verdict(Label.SUPPORTED, 0.9),
            citation_id=cid,
            run_id=run,
            fetch_id=fid,
            snapshot_id=None,
            extraction_id=None,
            outcome="ok",
            now=NOW,
        )
    assert db["articles"].count == 1
    assert db["citations"].count == 1
    assert db["fetches"].count == 2
    assert db["verdicts"].count == 2
    assert db["parse_warnings"].count == 2
    assert store.citation_row(db, cid)["last_label"] == "supported"


def test_changed_claim_deactivates_the_old_citation(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "c.db")
    store.save_article(db, _parsed("Old claim."), now=NOW)
    store.save_article(db, _parsed("New claim."), now=NOW)
    rows = list(db.query("SELECT claim, active FROM citations ORDER BY id"))
    assert rows == [{"claim": "Old claim.", "active": 0}, {"claim": "New claim.", "active": 1}]


def test_unusable_database_paths(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder"):
        store.open_db(tmp_path)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        store.open_db(bad)


def test_a_newer_store_is_refused(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "c.db")
    db["_sqlite_migrations"].insert({"migration_set": "citecheck", "name": "m999_future", "applied_at": "x"})
    with pytest.raises(StoreError, match="newer"):
        store.open_db(tmp_path / "c.db")
