"""The store's schema, as forward migrations (sqlite-utils ``Migrations``).

The schema lives only here. Each migration is applied once and recorded in
``_sqlite_migrations``; :func:`schema_version` counts the applied ones.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("citecheck")


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    """Articles, citations, runs, warnings, fetches, snapshots, extractions, verdicts, reviews."""
    db.execute(
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            mode TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            version TEXT,
            counts TEXT,
            settings TEXT
        )"""
    )
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL UNIQUE,
            format TEXT NOT NULL,
            title TEXT,
            text TEXT,
            text_hash TEXT,
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE citations (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            key TEXT NOT NULL,
            position INTEGER NOT NULL,
            marker TEXT,
            url TEXT,
            urls TEXT,
            claim TEXT,
            context TEXT,
            note TEXT,
            kind TEXT,
            occurrence INTEGER NOT NULL DEFAULT 0,
            span_start INTEGER,
            span_end INTEGER,
            active INTEGER NOT NULL DEFAULT 1,
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            last_checked_at TEXT,
            next_check_at TEXT,
            last_outcome TEXT,
            last_label TEXT,
            last_verdict_id INTEGER,
            link_status TEXT NOT NULL DEFAULT 'unchecked',
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            first_failure_at TEXT,
            etag TEXT,
            last_modified TEXT,
            review_state TEXT,
            UNIQUE (article_id, key)
        )"""
    )
    db.execute(
        """
        CREATE TABLE parse_warnings (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            run_id INTEGER REFERENCES runs(id),
            kind TEXT NOT NULL,
            message TEXT NOT NULL,
            marker TEXT,
            url TEXT,
            offset INTEGER
        )"""
    )
    db.execute(
        """
        CREATE TABLE fetches (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            citation_id INTEGER REFERENCES citations(id),
            url TEXT NOT NULL,
            final_url TEXT,
            status INTEGER,
            outcome TEXT NOT NULL,
            reason TEXT,
            chain TEXT,
            headers TEXT,
            content_type TEXT,
            encoding TEXT,
            bytes INTEGER,
            elapsed REAL,
            attempts INTEGER,
            error TEXT,
            mirror TEXT,
            not_modified INTEGER NOT NULL DEFAULT 0,
            fetched_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            fetch_id INTEGER REFERENCES fetches(id),
            url TEXT NOT NULL,
            source TEXT NOT NULL,
            outcome TEXT,
            captured_at TEXT,
            warc_path TEXT,
            warc_offset INTEGER,
            warc_length INTEGER,
            payload_digest TEXT,
            record_id TEXT,
            revisit INTEGER NOT NULL DEFAULT 0,
            wayback_url TEXT
        )"""
    )
    db.execute(
        """
        CREATE TABLE extractions (
            id INTEGER PRIMARY KEY,
            snapshot_id INTEGER REFERENCES snapshots(id),
            fetch_id INTEGER REFERENCES fetches(id),
            url TEXT NOT NULL,
            outcome TEXT NOT NULL,
            title TEXT,
            date TEXT,
            author TEXT,
            site TEXT,
            lang TEXT,
            canonical TEXT,
            text TEXT,
            normalized_hash TEXT,
            method TEXT,
            extractor_version TEXT,
            settings TEXT,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE verdicts (
            id INTEGER PRIMARY KEY,
            citation_id INTEGER NOT NULL REFERENCES citations(id),
            run_id INTEGER REFERENCES runs(id),
            fetch_id INTEGER REFERENCES fetches(id),
            snapshot_id INTEGER REFERENCES snapshots(id),
            extraction_id INTEGER REFERENCES extractions(id),
            label TEXT NOT NULL,
            score REAL,
            evidence TEXT,
            evidence_start INTEGER,
            evidence_end INTEGER,
            reasons TEXT,
            judge TEXT,
            basis TEXT,
            outcome TEXT,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            citation_id INTEGER NOT NULL REFERENCES citations(id),
            verdict_id INTEGER REFERENCES verdicts(id),
            action TEXT NOT NULL,
            note TEXT,
            by TEXT,
            at TEXT NOT NULL
        )"""
    )
    for table, columns in (
        ("citations", ["article_id"]),
        ("citations", ["next_check_at"]),
        ("citations", ["url"]),
        ("citations", ["last_label"]),
        ("parse_warnings", ["article_id"]),
        ("fetches", ["citation_id"]),
        ("fetches", ["url"]),
        ("fetches", ["run_id"]),
        ("snapshots", ["url", "captured_at"]),
        ("snapshots", ["fetch_id"]),
        ("extractions", ["snapshot_id"]),
        ("extractions", ["normalized_hash"]),
        ("verdicts", ["citation_id", "created_at"]),
        ("verdicts", ["label"]),
        ("verdicts", ["run_id"]),
        ("reviews", ["citation_id", "at"]),
    ):
        db[table].create_index(columns)  # type: ignore[union-attr]
    db["extractions"].enable_fts(["title", "text"], create_triggers=True)  # type: ignore[union-attr]


def schema_version(db: Database) -> int:
    """How many of the store's migrations have been applied."""
    return len(MIGRATIONS.applied(db))


def latest_version() -> int:
    """How many migrations this version of citecheck knows."""
    return len(MIGRATIONS._migrations)


@MIGRATIONS()
def m002_review_loop(db: Database) -> None:
    """Recheck claims on citations, and the drift table (how a page's text changed between checks)."""
    db.execute("ALTER TABLE citations ADD COLUMN claimed_by TEXT")
    db.execute("ALTER TABLE citations ADD COLUMN claimed_until TEXT")
    db.execute(
        """
        CREATE TABLE drift (
            id INTEGER PRIMARY KEY,
            citation_id INTEGER NOT NULL REFERENCES citations(id),
            run_id INTEGER REFERENCES runs(id),
            verdict_id INTEGER REFERENCES verdicts(id),
            url TEXT,
            previous_extraction_id INTEGER NOT NULL REFERENCES extractions(id),
            extraction_id INTEGER NOT NULL REFERENCES extractions(id),
            kind TEXT NOT NULL,
            similarity REAL,
            added_lines INTEGER,
            removed_lines INTEGER,
            diff TEXT,
            diff_truncated INTEGER NOT NULL DEFAULT 0,
            previous_checked_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (citation_id, extraction_id)
        )"""
    )
    for table, columns in (
        ("drift", ["citation_id", "created_at"]),
        ("drift", ["kind"]),
        ("citations", ["claimed_until"]),
        ("reviews", ["action"]),
    ):
        db[table].create_index(columns)  # type: ignore[union-attr]


@MIGRATIONS()
def m003_wayback_jobs(db: Database) -> None:
    """Save Page Now jobs: submitted during a run, their results collected by later runs."""
    db.execute(
        """
        CREATE TABLE wayback_jobs (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            job_id TEXT,
            status TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            submitted_at TEXT,
            checked_at TEXT,
            capture_timestamp TEXT,
            capture_url TEXT,
            status_ext TEXT,
            message TEXT,
            snapshot_id INTEGER REFERENCES snapshots(id)
        )"""
    )
    for columns in (["url", "requested_at"], ["status", "submitted_at"], ["job_id"]):
        db["wayback_jobs"].create_index(columns)  # type: ignore[union-attr]


@MIGRATIONS()
def m004_scale_indexes(db: Database) -> None:
    """Indexes for reports and rechecks at 100,000 citations (bench/bench_scale.py).

    ``recheck --due`` reads citations by ``COALESCE(next_check_at, '')`` (never checked first)
    as a range, in order; the index also holds every column the due selection and a claim read,
    so neither visits the table. It is not partial on ``active = 1``: SQLite would then pick it
    for full scans of active citations that need other columns (it is smaller than the table),
    turning sequential scans into scans in index order. A report resolves a revisit record to
    the full record with the same payload digest; "archive of one URL" finds copies by where a
    fetch ended.
    """
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_citations_due ON citations (COALESCE(next_check_at, ''), id, "
        "active, last_checked_at, claimed_until, next_check_at, url, article_id, marker)"
    )
    for table, columns in (("snapshots", ["payload_digest"]), ("fetches", ["final_url"])):
        db[table].create_index(columns, if_not_exists=True)  # type: ignore[union-attr]


@MIGRATIONS()
def m005_run_owner(db: Database) -> None:
    """Which process runs a run (host and pid), so a killed run can be told from a live one."""
    db.execute("ALTER TABLE runs ADD COLUMN host TEXT")
    db.execute("ALTER TABLE runs ADD COLUMN pid INTEGER")


@MIGRATIONS()
def m006_fetch_attempts(db: Database) -> None:
    """Every attempt of a fetch (retries after timeouts, resets, 429 and 5xx) as JSON."""
    db.execute("ALTER TABLE fetches ADD COLUMN attempt_log TEXT")
