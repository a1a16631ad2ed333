"""Wire the stages for one citation: fetch -> archive -> extract -> verify -> store.

For each citation :func:`check_citation`:

1. fetches the URL (once per run, shared by citations of the same URL), politely;
2. archives every HTTP exchange into the local WARC (a revisit record when unchanged);
3. extracts the main text of a usable page (or of a 304's previous snapshot);
4. when the live page is dead, blocked, a soft-404, paywalled or empty, falls back to the
   newest usable local snapshot, then to the Wayback snapshot closest to the article date;
5. asks the judge for a verdict (``dead`` when no copy can stand in), recording its basis;
6. stores the fetch, snapshot, extraction and verdict, and updates the link's health and
   its next recheck time.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
from sqlite_utils import Database

from citecheck import drift, schedule, workers
from citecheck.archive.captures import WaybackCapture, judge_capture
from citecheck.archive.jobs import request_capture
from citecheck.archive.warc import WarcWriter, read_response
from citecheck.archive.wayback import Wayback
from citecheck.config import Settings
from citecheck.fetch import Fetcher, decode_body
from citecheck.fetch.classify import classify_page
from citecheck.fetch.page import page_signals
from citecheck.models import (
    Basis,
    Citation,
    CitationResult,
    Extraction,
    FetchResult,
    Label,
    Snapshot,
    Verdict,
)
from citecheck.store import db as store
from citecheck.verify import Judge
from citecheck.verify.judges import DefaultJudge
from citecheck.workers import CpuPool

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")
# Seconds a run waits at its end for background work (Save Page Now submissions, which the
# shared pace allows about 3 a minute); what is left is cancelled and done by a later run.
BACKGROUND_GRACE_SECONDS = 20.0


@dataclass
class Runtime:
    """Everything a run shares: injected effects and per-run caches."""

    settings: Settings
    client: httpx.AsyncClient
    db: Database
    fetcher: Fetcher
    writer: WarcWriter | None
    wayback: Wayback | None
    judge: Judge
    clock: Callable[[], datetime]
    run_id: int | None
    mode: str
    cpu: CpuPool
    fetches: dict[str, asyncio.Task[_Fetched]] = field(default_factory=dict)
    extractions: dict[tuple[str, str], Extraction] = field(default_factory=dict)
    background: set[asyncio.Task[Any]] = field(default_factory=set)

    async def in_cpu(self, func: Callable[..., T], *args: Any) -> T:
        """Run CPU-bound work on the CPU thread, off the event loop, so fetch waits overlap it."""
        return await self.cpu.on_thread(func, *args)

    async def in_archive(self, func: Callable[..., T], *args: Any) -> T:
        """Run WARC writing or reading on the archive thread, off the event loop and the CPU thread."""
        return await self.cpu.on_archive_thread(func, *args)

    async def in_worker(self, func: Callable[..., T], *args: Any) -> T:
        """Run a picklable module-level job in a worker process (large runs) or on the CPU thread."""
        return await self.cpu.run(func, *args)

    def spawn(self, work: Coroutine[Any, Any, Any]) -> None:
        """Run ``work`` in the background; the run never waits for it before its end."""
        task = asyncio.ensure_future(work)
        self.background.add(task)
        task.add_done_callback(self._background_done)

    def _background_done(self, task: asyncio.Task[Any]) -> None:
        self.background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            LOGGER.warning("background work failed: %s", task.exception())

    async def finish_background(self, grace: float = BACKGROUND_GRACE_SECONDS) -> None:
        """Wait up to ``grace`` seconds for background work, then cancel what is left."""
        pending = set(self.background)
        if not pending:
            return
        current = asyncio.current_task()
        if current is not None and current.cancelling():  # interrupted (Ctrl-C): do not linger
            grace = 0.0
        _done, late = await asyncio.wait(pending, timeout=grace) if grace > 0 else (set(), pending)
        for task in late:
            task.cancel()
        if late:
            LOGGER.info("cancelled %d background task(s) at the end of the run", len(late))
            await asyncio.gather(*late, return_exceptions=True)


@dataclass(frozen=True, slots=True)
class _Fetched:
    """One URL's fetch in this run, with where it was stored and archived."""

    result: FetchResult
    fetch_id: int | None
    snapshot: Snapshot | None
    snapshot_id: int | None


@dataclass(frozen=True, slots=True)
class _Reading:
    """A page copy the judge can read, and what it rests on."""

    extraction: Extraction
    basis: Basis
    snapshot: Snapshot | None
    snapshot_id: int | None  # None with a Wayback snapshot: stored with the verdict
    verdict: Verdict | None = None  # the default judge's, when it ran in the extraction's job


def _content_type(headers: Iterable[tuple[str, str]]) -> str | None:
    """The Content-Type of a stored or fetched response's headers (names in any case; the last wins)."""
    return {k.lower(): v for k, v in headers}.get("content-type")


def _archive_path(rt: Runtime, snapshot: Snapshot) -> Path:
    path = Path(snapshot.warc_path or "")
    return path if path.is_absolute() else Path(rt.settings.archive_dir) / path


async def _fetch_and_archive(rt: Runtime, citation_id: int | None, url: str, row: dict[str, Any]) -> _Fetched:
    """Fetch ``url``, archive its exchanges, and store the fetch and snapshot in one transaction."""
    result = await rt.fetcher.fetch(url, etag=row.get("etag"), last_modified=row.get("last_modified"))
    if rt.wayback is not None and rt.settings.wayback_save and result.outcome.usable:
        rt.spawn(request_capture(rt.db, rt.wayback, url, now=rt.clock()))
    snapshot: Snapshot | None = None
    if rt.writer is not None and result.exchanges:
        previous = store.last_snapshot(rt.db, result.final_url)
        metadata = {"run_id": rt.run_id, "mode": rt.mode, "citation_id": citation_id}
        writer = rt.writer
        try:
            snapshot = await rt.in_archive(
                lambda: writer.write_fetch(result, metadata=metadata, previous=previous)
            )
        except BaseException:  # the fetch is still recorded when archiving it fails
            store.save_fetch(rt.db, result, run_id=rt.run_id, citation_id=citation_id)
            raise
    snapshot_id: int | None = None
    with rt.db.conn:  # one commit for the fetch and where it was archived
        fetch_id = store.save_fetch(rt.db, result, run_id=rt.run_id, citation_id=citation_id, commit=False)
        if snapshot is not None:
            snapshot_id = store.save_snapshot(
                rt.db, snapshot, fetch_id=fetch_id, source="local", outcome=str(result.outcome), commit=False
            )
    return _Fetched(result, fetch_id, snapshot, snapshot_id)


async def _read_live(
    rt: Runtime, citation: Citation, result: FetchResult, snapshot: Snapshot | None
) -> tuple[Extraction | None, Verdict | None]:
    """Extract the live page (or, for a 304, the previous snapshot's copy).

    A page first read in this run with the default judge is judged in the same worker job
    (the verdict comes back with the extraction; None when the page holds no text).
    """
    if result.not_modified:
        previous = store.last_snapshot(rt.db, result.final_url, usable_only=True)
        if previous is None:
            return None, None
        archived = await rt.in_archive(read_response, _archive_path(rt, previous), previous.offset or 0)
        content_type = _content_type(archived.headers)
        url = result.final_url
        return await rt.in_worker(workers.extract_bytes_job, archived.body, url, content_type), None
    if not result.outcome.usable or result.text is None:
        return None, None
    digest = snapshot.payload_digest if snapshot and snapshot.payload_digest else None
    key = (result.final_url, digest or str(hash(result.text)))
    if key in rt.extractions:
        return rt.extractions[key], None
    verdict: Verdict | None = None
    if type(rt.judge) is DefaultJudge:  # the body's bytes travel cheaper than its decoded text
        extraction, verdict = await rt.in_worker(
            workers.extract_and_judge_job,
            result.body,
            result.final_url,
            result.content_type,
            citation.claim,
            citation.context,
        )
    else:
        extraction = await rt.in_worker(workers.extract_job, result.text, result.final_url)
    rt.extractions[key] = extraction
    return extraction, verdict


async def _read_local_archive(rt: Runtime, url: str) -> tuple[Extraction, Snapshot] | None:
    """The newest usable local snapshot of ``url``, extracted."""
    previous = store.last_snapshot(rt.db, url, usable_only=True)
    if previous is None or previous.offset is None:
        return None
    try:
        archived = await rt.in_archive(read_response, _archive_path(rt, previous), previous.offset)
    except Exception as exc:  # a damaged archive must not stop the run
        LOGGER.warning("cannot read local snapshot of %s: %s", url, exc)
        return None
    content_type = _content_type(archived.headers)
    extraction = await rt.in_worker(workers.extract_bytes_job, archived.body, url, content_type)
    return (extraction, previous) if extraction.outcome == "ok" else None


async def _read_wayback(rt: Runtime, url: str, when: datetime | None) -> tuple[Extraction, Snapshot] | None:
    """The Wayback snapshot closest to ``when``, judged like a live page, extracted."""
    if rt.wayback is None:
        return None
    try:
        capture = await rt.wayback.closest(url, when)
        if capture is None:
            return None
        response = await rt.wayback.fetch_capture(capture)
    except Exception as exc:  # Wayback trouble never stops a run
        LOGGER.warning("Wayback fallback for %s failed: %s", url, exc)
        return None
    outcome = judge_capture(response)
    if not outcome.usable:
        LOGGER.info("Wayback capture of %s is unusable: %s", url, outcome)
        return None
    content_type = _content_type(response.headers)
    text, _encoding = decode_body(response.body, content_type)
    if "html" in (content_type or "html"):
        verdict = classify_page(url, response.url, page_signals(text))
        if not verdict.outcome.usable:
            LOGGER.info("Wayback capture of %s looks like %s: %s", url, verdict.outcome, verdict.reason)
            return None
    extraction = await rt.in_worker(workers.extract_bytes_job, response.body, url, content_type)
    if extraction.outcome != "ok":
        return None
    snapshot = Snapshot(
        url=url,
        warc_path=None,
        offset=None,
        length=len(response.body),
        payload_digest=None,
        wayback_url=response.wayback_url,
        captured_at=WaybackCapture(response.url, response.timestamp).captured_at,
    )
    return extraction, snapshot


def _citation_date(rt: Runtime, fetch_id: int | None) -> datetime | None:
    """When the cited page was first seen in its article (the article's date as far as known)."""
    if fetch_id is None:
        return None
    row = rt.db.execute(
        "SELECT c.first_seen_at FROM fetches f JOIN citations c ON c.id = f.citation_id WHERE f.id = ?",
        [fetch_id],
    ).fetchone()
    return datetime.fromisoformat(row[0]) if row and row[0] else None


def _local_snapshot_id(rt: Runtime, snapshot: Snapshot) -> int | None:
    """The store id of a local snapshot (found by its file and offset)."""
    row = rt.db.execute(
        "SELECT id FROM snapshots WHERE source = 'local' AND warc_path = ? AND warc_offset = ? "
        "ORDER BY id DESC LIMIT 1",
        [snapshot.warc_path, snapshot.offset],
    ).fetchone()
    return int(row[0]) if row else None


async def _reading(
    rt: Runtime, citation: Citation, fetched: _Fetched, fetch_id: int | None
) -> _Reading | None:
    live, verdict = await _read_live(rt, citation, fetched.result, fetched.snapshot)
    if live is not None and live.outcome == "ok":
        return _Reading(live, Basis.LIVE, fetched.snapshot, fetched.snapshot_id, verdict)
    url = citation.url or ""
    # local snapshot first, then the Wayback capture closest to the article's date
    found = await _read_local_archive(rt, url)
    if found is None:
        found = await _read_wayback(rt, url, _citation_date(rt, fetch_id))
    if found is not None:
        extraction, archived = found
        basis = Basis.WAYBACK if archived.wayback_url and archived.warc_path is None else Basis.LOCAL_ARCHIVE
        # the verdict names the local snapshot it rests on; a Wayback one is stored with it
        snap_id = _local_snapshot_id(rt, archived) if basis is Basis.LOCAL_ARCHIVE else None
        return _Reading(extraction, basis, archived, snap_id)
    return None


async def _judge(rt: Runtime, citation: Citation, extraction: Extraction) -> Verdict:
    """Ask the judge; a synchronous (CPU-bound) judge runs on the CPU thread, off the event loop.

    The one CPU thread also serialises the judge, whose stemmers are not thread-safe.
    """
    if type(rt.judge) is DefaultJudge:
        return await rt.in_worker(workers.judge_job, citation.claim, citation.context, extraction)
    judge_sync = getattr(rt.judge, "judge_sync", None)
    if callable(judge_sync):
        verdict: Verdict = await rt.in_cpu(judge_sync, citation.claim, citation.context, extraction)
        return verdict
    return await rt.judge.judge(citation.claim, citation.context, extraction)


def _dead_verdict(result: FetchResult) -> Verdict:
    """A dead verdict: the page is unusable (or holds no text) and no archived copy stands in."""
    if result.outcome.usable:
        reason = "the page holds no article text (no_text)"
        outcome = "no_text"
    else:
        reason = result.reason or str(result.outcome)
        outcome = str(result.outcome)
    return Verdict(
        label=Label.DEAD,
        score=1.0,
        reasons={"outcome": outcome, "reason": reason, "status": result.status, "archived_copy": None},
        judge="pipeline",
        basis=Basis.NONE,
    )


def _link_values(rt: Runtime, row: dict[str, Any], result: FetchResult) -> dict[str, Any]:
    """The citation's link health and next check after this fetch (``row``: its stored state)."""
    now = rt.clock()
    previous = schedule.LinkState(
        row["link_status"],
        int(row["consecutive_failures"] or 0),
        datetime.fromisoformat(row["first_failure_at"]) if row["first_failure_at"] else None,
    )
    state = schedule.next_link_state(previous, result.outcome, now, rt.settings)
    added = datetime.fromisoformat(row["first_seen_at"])
    values: dict[str, Any] = {
        "link_status": state.link_status,
        "consecutive_failures": state.consecutive_failures,
        "first_failure_at": store.iso(state.first_failure_at),
        "last_outcome": str(result.outcome),
        "next_check_at": store.iso(
            schedule.next_check_at(added_at=added, now=now, state=state, settings=rt.settings)
        ),
    }
    if result.outcome.usable and not result.not_modified:
        headers = {k.lower(): v for k, v in result.headers}
        values["etag"] = headers.get("etag")
        values["last_modified"] = headers.get("last-modified")
    return values


def _store_check(
    rt: Runtime,
    citation_id: int,
    row: dict[str, Any],
    fetch_id: int | None,
    result: FetchResult,
    reading: _Reading | None,
    verdict: Verdict,
    snapshot_id: int | None,
) -> None:
    """Store the reading, the verdict, the link's state and any drift in one transaction.

    It commits before the citation's check returns, so a finished citation's verdict is durable;
    it holds no ``await``, so no other citation's writes join it.
    """
    extraction_id: int | None = None
    with rt.db.conn:
        if reading is not None:
            if reading.basis is Basis.WAYBACK and reading.snapshot is not None:
                snapshot_id = store.save_snapshot(
                    rt.db, reading.snapshot, fetch_id=fetch_id, source="wayback", outcome="ok", commit=False
                )
            extraction_id = store.save_extraction(
                rt.db,
                reading.extraction,
                snapshot_id=snapshot_id,
                fetch_id=fetch_id,
                now=rt.clock(),
                commit=False,
            )
        link = _link_values(rt, row, result)
        verdict_id = store.save_verdict(
            rt.db,
            verdict,
            citation_id=citation_id,
            run_id=rt.run_id,
            fetch_id=fetch_id,
            snapshot_id=snapshot_id,
            extraction_id=extraction_id,
            outcome=str(result.outcome),
            now=rt.clock(),
            citation_values=link,
            commit=False,
        )
        if verdict.basis is Basis.LIVE and extraction_id is not None:
            try:
                drift.record_drift(
                    rt.db,
                    citation_id,
                    extraction_id,
                    verdict_id=verdict_id,
                    run_id=rt.run_id,
                    now=rt.clock(),
                    commit=False,
                )
            except Exception:  # drift is a report aid; the verdict is stored all the same
                LOGGER.exception("recording drift for citation %s failed", citation_id)


async def check_citation(rt: Runtime, citation: Citation, citation_id: int) -> CitationResult:
    """Run fetch -> archive -> extract -> verify -> store for one citation (see module doc)."""
    url = citation.url or ""
    row = store.citation_row(rt.db, citation_id)
    task = rt.fetches.get(url)
    if task is None:
        task = asyncio.ensure_future(_fetch_and_archive(rt, citation_id, url, row))
        rt.fetches[url] = task
        fetched = await task
        fetch_id = fetched.fetch_id
    else:  # a second citation of the same URL in this run: one request, one fetch row each
        fetched = await task
        fetch_id = store.save_fetch(rt.db, fetched.result, run_id=rt.run_id, citation_id=citation_id)
    result = fetched.result
    reading = await _reading(rt, citation, fetched, fetch_id)
    if reading is None:
        verdict = _dead_verdict(result)
        extraction = None
        used_snapshot = fetched.snapshot
        snapshot_id = fetched.snapshot_id
    else:
        verdict = reading.verdict or await _judge(rt, citation, reading.extraction)
        verdict = replace(verdict, basis=reading.basis)
        if reading.basis is not Basis.LIVE:
            verdict = replace(
                verdict,
                reasons={
                    **verdict.reasons,
                    "live_outcome": str(result.outcome),
                    "live_reason": result.reason,
                },
            )
        extraction = reading.extraction
        used_snapshot = reading.snapshot
        snapshot_id = reading.snapshot_id
    _store_check(rt, citation_id, row, fetch_id, result, reading, verdict, snapshot_id)
    return CitationResult(citation, result, used_snapshot, extraction, verdict, citation_id)
