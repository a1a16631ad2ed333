"""Open the SQLite store and write pipeline records to it (sqlite-utils, WAL mode)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import socket
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from citecheck import __version__
from citecheck.errors import StoreError
from citecheck.models import (
    Citation,
    Extraction,
    FetchResult,
    ParsedArticle,
    ParseWarning,
    Snapshot,
    Verdict,
)
from citecheck.store.migrations import MIGRATIONS, latest_version, schema_version

LOGGER = logging.getLogger(__name__)

# Milliseconds a writer waits for another process's lock before failing.
BUSY_TIMEOUT_MS = 30_000
# Rows ANALYZE samples per index: enough for the planner to see which index is selective.
ANALYSIS_LIMIT = 400


_EXTRACTION_FIELDS = tuple(f.name for f in fields(Extraction))


def iso(moment: datetime | None) -> str | None:
    """A timestamp as stored: ISO 8601 with its UTC offset."""
    return moment.isoformat() if moment is not None else None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def insert_row(db: Database, table: str, row: Mapping[str, Any]) -> int:
    """Insert one row with plain SQL and return its id.

    The per-citation hot path: sqlite-utils' ``Table.insert`` introspects the table on every
    call (several PRAGMA queries), which dominated a large run's database time.
    """
    columns = ", ".join(f"[{c}]" for c in row)
    marks = ", ".join("?" for _ in row)
    cursor = db.conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(row.values()))
    return int(cursor.lastrowid or 0)


def writing(db: Database, commit: bool) -> contextlib.AbstractContextManager[Any]:
    """The transaction of one save: committed here, or (``commit=False``) by the caller's own."""
    return db.conn if commit else contextlib.nullcontext()


def _update(db: Database, table: str, row_id: int, values: Mapping[str, Any]) -> None:
    """Update one row by id with plain SQL (see :func:`insert_row`)."""
    if values:
        sets = ", ".join(f"[{c}] = ?" for c in values)
        db.conn.execute(f"UPDATE [{table}] SET {sets} WHERE id = ?", [*values.values(), row_id])


def open_db(target: str | Path | Database | sqlite3.Connection, *, migrate: bool = True) -> Database:
    """Open (creating and migrating) the store.

    Args:
        target: a file path, ``":memory:"``, a ``sqlite3.Connection`` or a ``Database``.
        migrate: apply pending migrations (refuses a store newer than this citecheck).

    Returns:
        A ``sqlite_utils.Database`` in WAL mode with foreign keys enforced.
    """
    try:
        if isinstance(target, Database):
            db = target
        elif isinstance(target, sqlite3.Connection):
            db = Database(target)
        elif str(target) == ":memory:":
            db = Database(memory=True)
        else:
            path = Path(target)
            if path.exists() and path.is_dir():
                raise StoreError(f"database path is a folder: {path}")
            if path.parent and not path.parent.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
            db = Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if not db.memory:
            db.enable_wal()
            # In WAL mode NORMAL never corrupts the database and survives a killed process; only a
            # power cut can lose the last commits (SQLite's own recommendation for WAL).
            db.execute("PRAGMA synchronous = NORMAL")
        if migrate:
            applied = schema_version(db)
            if applied > latest_version():
                raise StoreError(
                    f"the store has schema version {applied}, newer than this citecheck knows "
                    f"({latest_version()}): upgrade citecheck"
                )
            MIGRATIONS.apply(db)
            _refresh_statistics(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open the database {target}: {exc}") from exc
    return db


def _refresh_statistics(db: Database) -> None:
    """Refresh the query planner's statistics (bounded, a few ms even at 100,000 citations).

    Without them SQLite picks ``verdicts(label)`` over ``verdicts(citation_id, ...)`` for the
    per-citation subqueries of reports, which turns them quadratic (bench/bench_scale.py).
    """
    try:
        db.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        db.execute("ANALYZE")
        db.conn.commit()
    except sqlite3.OperationalError as exc:  # a read-only or busy store: plans without fresh stats
        LOGGER.info("cannot refresh query statistics: %s", exc)


def process_alive(pid: int) -> bool:
    """True when a process with this id runs on this machine (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    except OSError:  # an id the system rejects
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        # The state follows the parenthesised command name: Z is a zombie (exited, not reaped).
        return stat.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):  # no /proc (macOS) or the process just went
        return True


def mark_interrupted_runs(db: Database, *, alive: Callable[[int], bool] = process_alive) -> list[int]:
    """Mark ``interrupted`` the runs still ``running`` whose process on this host is gone.

    A killed process (SIGKILL, power loss) cannot record its own end; the next run does. Runs of
    other hosts, and runs recorded before the store kept a pid, are left as they are.

    Args:
        db: the store.
        alive: tells whether a pid is a live process (injectable for tests).

    Returns:
        The ids of the runs marked.
    """
    rows = db.execute(
        "SELECT id, pid FROM runs WHERE status = 'running' AND host = ? AND pid IS NOT NULL",
        [socket.gethostname()],
    ).fetchall()
    gone = [int(run_id) for run_id, pid in rows if int(pid) != os.getpid() and not alive(int(pid))]
    if gone:
        with db.conn:
            db.execute(
                "UPDATE runs SET status = 'interrupted' WHERE status = 'running' "
                "AND id IN (SELECT value FROM json_each(?))",
                [json.dumps(gone)],
            )
        LOGGER.warning("marked %d run(s) interrupted (their process is gone): %s", len(gone), gone)
    return gone


def start_run(db: Database, *, command: str, mode: str, now: datetime, settings: Mapping[str, Any]) -> int:
    """Record the start of a run (with this host and pid) and return its id.

    Runs left ``running`` by a process of this host that is gone are first marked
    ``interrupted`` (:func:`mark_interrupted_runs`).
    """
    mark_interrupted_runs(db)
    with db.conn:
        row = {
            "command": command,
            "mode": mode,
            "status": "running",
            "started_at": iso(now),
            "version": __version__,
            "settings": _json(dict(settings)),
            "host": socket.gethostname(),
            "pid": os.getpid(),
        }
        return int(db["runs"].insert(row).last_pk)  # type: ignore[union-attr, arg-type]


def finish_run(db: Database, run_id: int, *, status: str, now: datetime, counts: Mapping[str, Any]) -> None:
    """Mark a run finished with its status and counts."""
    with db.conn:
        db["runs"].update(  # type: ignore[union-attr]
            run_id, {"status": status, "finished_at": iso(now), "counts": _json(dict(counts))}
        )


def citation_key(citation: Citation) -> str:
    """A stable identity for one use of a footnote within its article."""
    raw = "\x1f".join([citation.marker, citation.url or "", citation.claim, str(citation.occurrence)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def save_article(db: Database, parsed: ParsedArticle, *, now: datetime) -> tuple[int, list[int]]:
    """Upsert an article and its citations; citations no longer in it are marked inactive.

    Returns:
        The article id and the citation ids, in the order of ``parsed.citations``.
    """
    article = parsed.article
    text_hash = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    with db.conn:
        existing = list(db["articles"].rows_where("source = ?", [article.source], limit=1))
        values = {
            "source": article.source,
            "format": str(article.format),
            "title": article.title,
            "text": article.text,
            "text_hash": text_hash,
            "updated_at": iso(now),
        }
        if existing:
            article_id = int(existing[0]["id"])
            db["articles"].update(article_id, values)  # type: ignore[union-attr]
        else:
            values["added_at"] = iso(now)
            article_id = int(db["articles"].insert(values).last_pk)  # type: ignore[union-attr, arg-type]
        db.execute("UPDATE citations SET active = 0 WHERE article_id = ?", [article_id])
        ids: list[int] = []
        for position, citation in enumerate(parsed.citations):
            key = citation_key(citation)
            row = {
                "position": position,
                "marker": citation.marker,
                "url": citation.url,
                "urls": _json(list(citation.urls)),
                "claim": citation.claim,
                "context": citation.context,
                "note": citation.note,
                "kind": citation.kind,
                "occurrence": citation.occurrence,
                "span_start": citation.span.start,
                "span_end": citation.span.end,
                "active": 1,
                "last_seen_at": iso(now),
            }
            found = db.execute(
                "SELECT id FROM citations WHERE article_id = ? AND key = ?", [article_id, key]
            ).fetchone()
            if found:
                db["citations"].update(found[0], row)  # type: ignore[union-attr]
                ids.append(int(found[0]))
            else:
                row |= {"article_id": article_id, "key": key, "first_seen_at": iso(now)}
                ids.append(int(db["citations"].insert(row).last_pk))  # type: ignore[union-attr, arg-type]
    return article_id, ids


def save_warnings(
    db: Database, article_id: int, run_id: int | None, warnings: Iterable[ParseWarning]
) -> None:
    """Record the parser's warnings for an article in this run."""
    rows = [{"article_id": article_id, "run_id": run_id, **asdict(w)} for w in warnings]
    if rows:
        with db.conn:
            db["parse_warnings"].insert_all(rows)  # type: ignore[union-attr]


def save_fetch(
    db: Database, fetch: FetchResult, *, run_id: int | None, citation_id: int | None, commit: bool = True
) -> int:
    """Record one fetch (the final attempt, with its whole redirect chain).

    With ``commit=False`` the row joins the caller's transaction (``with db.conn:``).
    """
    row = {
        "run_id": run_id,
        "citation_id": citation_id,
        "url": fetch.url,
        "final_url": fetch.final_url,
        "status": fetch.status,
        "outcome": str(fetch.outcome),
        "reason": fetch.reason,
        "chain": _json([{"url": h.url, "status": h.status, "location": h.location} for h in fetch.chain]),
        "headers": _json([list(h) for h in fetch.headers]),
        "content_type": fetch.content_type,
        "encoding": fetch.encoding,
        "bytes": len(fetch.body),
        "elapsed": round(fetch.elapsed, 4),
        "attempts": fetch.attempts,
        "attempt_log": _json(
            [
                {"started_at": iso(a.started_at), "elapsed": a.elapsed, "status": a.status, "error": a.error}
                for a in fetch.attempt_log
            ]
        ),
        "error": fetch.error,
        "mirror": fetch.mirror,
        "not_modified": int(fetch.not_modified),
        "fetched_at": iso(fetch.fetched_at),
    }
    with writing(db, commit):
        return insert_row(db, "fetches", row)


def save_snapshot(
    db: Database,
    snapshot: Snapshot,
    *,
    fetch_id: int | None,
    source: str,
    outcome: str | None,
    commit: bool = True,
) -> int:
    """Record where a response was archived (locally or in the Wayback Machine); see :func:`save_fetch`."""
    row = {
        "fetch_id": fetch_id,
        "url": snapshot.url,
        "source": source,
        "outcome": outcome,
        "captured_at": iso(snapshot.captured_at),
        "warc_path": snapshot.warc_path,
        "warc_offset": snapshot.offset,
        "warc_length": snapshot.length,
        "payload_digest": snapshot.payload_digest,
        "record_id": snapshot.record_id,
        "revisit": int(snapshot.revisit),
        "wayback_url": snapshot.wayback_url,
    }
    with writing(db, commit):
        return insert_row(db, "snapshots", row)


def save_extraction(
    db: Database,
    extraction: Extraction,
    *,
    snapshot_id: int | None,
    fetch_id: int | None,
    now: datetime,
    commit: bool = True,
) -> int:
    """Record what was read from a page (full text, searchable with FTS); see :func:`save_fetch`."""
    # Field by field: ``asdict`` deep-copies the settings dict only for it to become JSON.
    row = {name: getattr(extraction, name) for name in _EXTRACTION_FIELDS}
    row["settings"] = _json(extraction.settings)
    row |= {"snapshot_id": snapshot_id, "fetch_id": fetch_id, "created_at": iso(now)}
    with writing(db, commit):
        return insert_row(db, "extractions", row)


def save_verdict(
    db: Database,
    verdict: Verdict,
    *,
    citation_id: int,
    run_id: int | None,
    fetch_id: int | None,
    snapshot_id: int | None,
    extraction_id: int | None,
    outcome: str | None,
    now: datetime,
    citation_values: Mapping[str, Any] | None = None,
    commit: bool = True,
) -> int:
    """Record a verdict and make it the citation's latest.

    ``citation_values`` (link health, schedule) go into the same update of the citation;
    with ``commit=False`` the rows join the caller's transaction (``with db.conn:``).
    """
    row = {
        "citation_id": citation_id,
        "run_id": run_id,
        "fetch_id": fetch_id,
        "snapshot_id": snapshot_id,
        "extraction_id": extraction_id,
        "label": str(verdict.label),
        "score": round(verdict.score, 4),
        "evidence": verdict.evidence,
        "evidence_start": verdict.evidence_span.start if verdict.evidence_span else None,
        "evidence_end": verdict.evidence_span.end if verdict.evidence_span else None,
        "reasons": _json(verdict.reasons),
        "judge": verdict.judge,
        "basis": str(verdict.basis),
        "outcome": outcome,
        "created_at": iso(now),
    }
    with writing(db, commit):
        verdict_id = insert_row(db, "verdicts", row)
        _update(
            db,
            "citations",
            citation_id,
            {
                **(citation_values or {}),
                "last_verdict_id": verdict_id,
                "last_label": row["label"],
                "last_checked_at": iso(now),
            },
        )
    return verdict_id


def update_citation(db: Database, citation_id: int, values: Mapping[str, Any]) -> None:
    """Update scheduling or status columns of a citation."""
    with db.conn:
        _update(db, "citations", citation_id, values)


def citation_row(db: Database, citation_id: int) -> dict[str, Any]:
    """One citation as a dict (raises StoreError if absent)."""
    cursor = db.execute("SELECT * FROM citations WHERE id = ?", [citation_id])
    row = cursor.fetchone()
    if row is None:
        raise StoreError(f"no citation with id {citation_id}")
    return dict(zip([c[0] for c in cursor.description], row, strict=True))


def last_snapshot(db: Database, url: str, *, usable_only: bool = False) -> Snapshot | None:
    """The newest local snapshot of ``url``; with ``usable_only``, of a usable (ok/moved) page."""
    usable = "AND outcome IN ('ok', 'moved')" if usable_only else ""
    row = db.execute(
        f"""SELECT url, warc_path, warc_offset, warc_length, payload_digest, record_id, revisit,
                  wayback_url, captured_at
           FROM snapshots WHERE url = ? AND source = 'local' {usable}
           AND warc_path IS NOT NULL ORDER BY id DESC LIMIT 1""",
        [url],
    ).fetchone()
    if row is None:
        return None
    return Snapshot(
        url=row[0],
        warc_path=row[1],
        offset=row[2],
        length=row[3],
        payload_digest=row[4],
        record_id=row[5],
        revisit=bool(row[6]),
        wayback_url=row[7],
        captured_at=datetime.fromisoformat(row[8]) if row[8] else None,
    )
