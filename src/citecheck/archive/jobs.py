"""Save Page Now jobs kept in the store: request a capture during a run, collect it later.

A run calls :func:`request_capture` (in the background) after a usable live fetch: it
submits the URL to Save Page Now unless a recent job for it is pending or succeeded, and
records the job in ``wayback_jobs``. The capture usually finishes after the run ends; the
next ``citecheck recheck`` calls :func:`collect_jobs`, which polls pending jobs and records
each finished capture as a ``snapshots`` row with ``source = 'wayback'``. Neither function
raises for Wayback trouble: a failure is a job row with status ``error`` and a message.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from citecheck.archive.captures import SaveJob, SaveStatus, WaybackCapture
from citecheck.archive.heads import utc
from citecheck.archive.wayback import Wayback, WaybackError
from citecheck.models import Snapshot
from citecheck.store import db as store

LOGGER = logging.getLogger(__name__)

TABLE = "wayback_jobs"
QUEUED = "queued"  # recorded, not yet submitted (a run that ended first leaves it so)
# A successful capture this recent makes another needless (the weekly recheck interval).
SAVE_MIN_INTERVAL = timedelta(days=7)
# A job still pending after this long is taken as lost (SPN2 jobs finish within minutes).
PENDING_EXPIRY = timedelta(days=1)
# After an error, wait this long before submitting the URL again (SPN quota is scarce).
ERROR_BACKOFF = timedelta(hours=6)
# Pending jobs polled per call of collect_jobs (status calls share the CDX pace: ~24 a minute).
COLLECT_LIMIT = 20


def _iso(moment: datetime | None) -> str | None:
    return utc(moment).isoformat() if moment is not None else None


def _moment(text: str | None) -> datetime | None:
    return utc(datetime.fromisoformat(text)) if text else None


def _last_job(db: Database, url: str) -> dict[str, Any] | None:
    rows = list(db.query(f"SELECT * FROM {TABLE} WHERE url = ? ORDER BY id DESC LIMIT 1", [url]))
    return rows[0] if rows else None


def _blocks_new_request(row: dict[str, Any] | None, now: datetime) -> bool:
    """True when the URL's last job makes a new submission needless (or unwise) now."""
    if row is None:
        return False
    requested = _moment(row["requested_at"]) or now
    age = now - requested
    status = row["status"]
    if status == SaveStatus.SUCCESS:
        return age < SAVE_MIN_INTERVAL
    if status == SaveStatus.PENDING:
        return age < PENDING_EXPIRY
    if status == SaveStatus.ERROR:
        return age < ERROR_BACKOFF
    return False  # queued by a run that ended before submitting, or stale: submit again


def _as_job(row: dict[str, Any], now: datetime) -> SaveJob:
    capture = None
    if row.get("capture_timestamp"):
        capture = WaybackCapture(url=row["url"], timestamp=row["capture_timestamp"])
    status = row["status"] if row["status"] in set(SaveStatus) else SaveStatus.ERROR
    return SaveJob(
        url=row["url"],
        job_id=row["job_id"],
        submitted_at=_moment(row["submitted_at"]) or _moment(row["requested_at"]) or now,
        status=SaveStatus(status),
        capture=capture,
        status_ext=row.get("status_ext") or "",
        message=row.get("message") or "",
    )


def _job_values(job: SaveJob) -> dict[str, Any]:
    return {
        "job_id": job.job_id,
        "status": str(job.status),
        "submitted_at": _iso(job.submitted_at),
        "capture_timestamp": job.capture.timestamp if job.capture else None,
        "capture_url": job.capture.wayback_url if job.capture else None,
        "status_ext": job.status_ext,
        "message": job.message,
    }


def _update(db: Database, job_row_id: int, values: dict[str, Any]) -> None:
    with db.conn:
        db[TABLE].update(job_row_id, values)  # type: ignore[union-attr]


def _record_capture(db: Database, job_row_id: int, job: SaveJob) -> None:
    """Store a finished capture as a wayback snapshot row (once per job)."""
    if job.status != SaveStatus.SUCCESS or job.capture is None or not job.capture.timestamp:
        return
    snapshot = Snapshot(
        url=job.url,
        warc_path=None,
        offset=None,
        length=None,
        payload_digest=None,
        wayback_url=job.capture.wayback_url,
        captured_at=job.capture.captured_at,
    )
    snapshot_id = store.save_snapshot(db, snapshot, fetch_id=None, source="wayback", outcome="ok")
    _update(db, job_row_id, {"snapshot_id": snapshot_id})


async def request_capture(db: Database, wayback: Wayback, url: str, *, now: datetime) -> None:
    """Ask Save Page Now to capture ``url`` unless a recent job makes it needless; record the job.

    Args:
        db: the store (with the ``wayback_jobs`` table).
        wayback: the run's Wayback client (its ``wayback_save`` setting decides).
        url: the page fetched live.
        now: the current time.

    Never raises for Wayback trouble (401, 429, an outage): the job is recorded as an error.
    """
    last = _last_job(db, url)
    if _blocks_new_request(last, now):
        LOGGER.debug("Save Page Now: %s has a recent %s job", url, last["status"] if last else "")
        return
    previous = _as_job(last, now) if last is not None and last["status"] == SaveStatus.ERROR else None
    with db.conn:
        row_id = int(
            db[TABLE].insert({"url": url, "status": QUEUED, "requested_at": _iso(now)}).last_pk  # type: ignore[union-attr, arg-type]
        )
    try:
        job = await wayback.save(url, previous=previous)
    except WaybackError as exc:
        LOGGER.warning("Save Page Now for %s failed: %s", url, exc)
        _update(db, row_id, {"status": str(SaveStatus.ERROR), "message": str(exc)})
        return
    if job is None:  # saving is switched off
        with db.conn:
            db[TABLE].delete(row_id)  # type: ignore[union-attr]
        return
    _update(db, row_id, _job_values(job))
    _record_capture(db, row_id, job)


async def collect_jobs(db: Database, wayback: Wayback, *, now: datetime, limit: int = COLLECT_LIMIT) -> int:
    """Poll pending Save Page Now jobs once each and record their results.

    Args:
        db: the store.
        wayback: a Wayback client (polling uses its read pace).
        now: the current time; pending jobs older than a day are marked expired errors.
        limit: most jobs to poll, oldest first.

    Returns:
        How many jobs finished (success, stale or error) in this call.
    """
    rows = list(
        db.query(
            f"SELECT * FROM {TABLE} WHERE status = ? ORDER BY submitted_at, id LIMIT ?",
            [str(SaveStatus.PENDING), limit],
        )
    )
    finished = 0
    for row in rows:
        job = _as_job(row, now)
        try:
            updated = await wayback.job_status(job)
        except WaybackError as exc:
            LOGGER.info("Save Page Now status of %s unavailable: %s", job.url, exc)
            if now - job.submitted_at > PENDING_EXPIRY:
                _update(db, row["id"], {"status": str(SaveStatus.ERROR), "message": f"expired: {exc}"})
                finished += 1
            else:
                _update(db, row["id"], {"checked_at": _iso(now)})
            continue
        values = _job_values(updated) | {"checked_at": _iso(now)}
        if updated.status == SaveStatus.PENDING and now - job.submitted_at > PENDING_EXPIRY:
            values |= {"status": str(SaveStatus.ERROR), "message": "expired: still pending after a day"}
        _update(db, row["id"], values)
        if values["status"] != SaveStatus.PENDING:
            finished += 1
            _record_capture(db, row["id"], updated)
    return finished


__all__ = ["COLLECT_LIMIT", "collect_jobs", "request_capture"]
