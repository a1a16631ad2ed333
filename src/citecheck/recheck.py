"""Recheck stored citations that are due, safely when several rechecks run at once.

Work is claimed in batches of URLs inside ``BEGIN IMMEDIATE``: a walk of the claimable
citations in due order (the index ``idx_citations_due``) picks the batch's URLs, and one
``UPDATE ... RETURNING`` claims them. A citation is claimable when it is active, due
(``next_check_at`` passed or never checked; any citation without ``--due``), not checked since
this recheck started, and no citation of its URL is held by a live claim (``claimed_until`` in
the future). All claimable citations of a URL are claimed together, so each URL is fetched once.
Claims are released after their batch; a crashed recheck's claims lapse after
:data:`CLAIM_LEASE`.

Each claimed citation runs through :func:`citecheck.pipeline.check_citation` (fetch, archive,
extract, verify, store, link health and next check time), then its drift is recorded.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlite_utils import Database

from citecheck import drift
from citecheck.config import Settings
from citecheck.models import Citation, CitationResult, Span
from citecheck.review import is_new_problem
from citecheck.store import db as store

LOGGER = logging.getLogger(__name__)

# How long a claim holds: far longer than one batch takes, so a crashed recheck's rows return soon.
CLAIM_LEASE = timedelta(minutes=30)
# URLs claimed per batch: enough for concurrency across hosts, small enough to release often.
BATCH_URLS = 16

# The columns recheck.due returns: enough to list and count what a recheck would take (all held
# by the index idx_citations_due, so the selection never reads the table).
DUE_COLUMNS = ("id", "article_id", "marker", "url", "next_check_at")

# Longest due first, never checked before all: the order of the index idx_citations_due
# (migration m004), which also serves the due condition as a range.
DUE_ORDER = "COALESCE(next_check_at, ''), id"

ResultCallback = Callable[["RecheckItem"], None]


def utcnow() -> datetime:
    """The current time, in UTC (the default clock)."""
    return datetime.now(UTC)


def new_worker_id() -> str:
    """A name for this recheck's claims: host, process id and a random suffix."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True, slots=True)
class RecheckItem:
    """One rechecked citation: its result, what it was before, and whether it is a new problem."""

    citation_id: int
    article_id: int
    result: CitationResult | None
    previous_label: str | None
    drift: str | None = None
    new_problem: bool = False
    error: str | None = None
    previous_outcome: str | None = None  # the live fetch outcome before this check


@dataclass(frozen=True, slots=True)
class RecheckResult:
    """What a recheck did, with its exit-code policy."""

    run_id: int | None
    items: tuple[RecheckItem, ...]
    urls: int = 0
    interrupted: bool = False

    @property
    def label_counts(self) -> dict[str, int]:
        """How many rechecked citations got each label."""
        return dict(sorted(Counter(str(i.result.verdict.label) for i in self.items if i.result).items()))

    @property
    def exit_code(self) -> int:
        """0: no new problem; 1: a citation became a problem, or its page died or changed; 2: error."""
        if self.interrupted or any(i.error for i in self.items):
            return 2
        return 1 if any(i.new_problem for i in self.items) else 0


def citation_from_row(row: dict[str, Any]) -> Citation:
    """Rebuild the :class:`Citation` a stored citations row came from."""
    try:
        urls = tuple(json.loads(row.get("urls") or "[]"))
    except (TypeError, ValueError):
        urls = ()
    return Citation(
        marker=row["marker"] or "",
        url=row["url"],
        claim=row["claim"] or "",
        span=Span(int(row["span_start"] or 0), int(row["span_end"] or 0)),
        context=row.get("context") or "",
        note=row.get("note") or "",
        kind=row.get("kind") or "footnote",
        urls=urls or ((row["url"],) if row["url"] else ()),
        occurrence=int(row.get("occurrence") or 0),
    )


def _eligible(due_only: bool, article_ids: Sequence[int] | None) -> str:
    """The WHERE conditions a claimable citation meets (named parameters)."""
    sql = """active = 1 AND url IS NOT NULL AND url != ''
        AND (last_checked_at IS NULL OR last_checked_at < :started)
        AND id NOT IN (SELECT value FROM json_each(:done))"""
    if due_only:
        sql += " AND COALESCE(next_check_at, '') <= :now"  # never checked ('') is due; see DUE_ORDER
    if article_ids is not None:
        sql += " AND article_id IN (SELECT value FROM json_each(:articles))"
    return sql


def due(
    db: Database,
    *,
    now: datetime,
    due_only: bool = True,
    article_ids: Sequence[int] | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The citations a recheck would take now (read-only; ignores claims held by others).

    Args:
        db: the store.
        now: the current time.
        due_only: only citations whose ``next_check_at`` has passed (or never checked).
        article_ids: only citations of these articles.
        limit: at most this many, the longest due first (default: all).

    Returns:
        Rows of :data:`DUE_COLUMNS`, never-checked first, then by ``next_check_at`` and id.
    """
    params: dict[str, Any] = {"now": now.astimezone(UTC).isoformat(), "started": "\uffff", "done": "[]"}
    params["articles"] = json.dumps(list(article_ids or []))
    params["limit"] = -1 if limit is None else limit
    sql = f"""SELECT {", ".join(DUE_COLUMNS)} FROM citations WHERE {_eligible(due_only, article_ids)}
        ORDER BY {DUE_ORDER} LIMIT :limit"""
    cursor = db.execute(sql, params)
    return [dict(zip(DUE_COLUMNS, row, strict=True)) for row in cursor]


def claim_batch(
    db: Database,
    *,
    worker: str,
    now: datetime,
    started: datetime,
    due_only: bool = True,
    article_ids: Sequence[int] | None = None,
    exclude: Sequence[int] = (),
    max_urls: int = BATCH_URLS,
    lease: timedelta = CLAIM_LEASE,
) -> list[dict[str, Any]]:
    """Atomically claim the claimable citations of up to ``max_urls`` URLs (see module doc).

    Args:
        db: the store (its own connection; not shared with another thread).
        worker: this recheck's name, written to ``claimed_by``.
        now: the current time (claims held past it are live).
        started: when this recheck started (citations checked since are left alone).
        due_only: take only citations whose ``next_check_at`` has passed (or never checked).
        article_ids: take only citations of these articles.
        exclude: citation ids this recheck already tried.
        max_urls: most distinct URLs to claim.
        lease: how long the claims hold.

    Returns:
        The claimed citations rows, oldest due first. URLs are taken in the order their
        citations come due (never checked first, then ``next_check_at``, then id).
    """
    now_iso = now.astimezone(UTC).isoformat()
    params = {
        "worker": worker,
        "now": now_iso,
        "until": (now + lease).astimezone(UTC).isoformat(),
        "started": started.astimezone(UTC).isoformat(),
        "done": json.dumps(list(exclude)),
        "articles": json.dumps(list(article_ids or [])),
        "max_urls": max_urls,
    }
    eligible = _eligible(due_only, article_ids)
    claimable = f"""{eligible} AND (claimed_until IS NULL OR claimed_until <= :now)
        AND url NOT IN (SELECT url FROM citations WHERE claimed_until > :now AND url IS NOT NULL)"""
    # Walk the claimable citations in due order (the index idx_citations_due), stopping at the
    # max_urls-th distinct URL: no aggregate over every due citation.
    walk = f"SELECT url FROM citations WHERE {claimable} ORDER BY {DUE_ORDER}"
    claim = f"""UPDATE citations SET claimed_by = :worker, claimed_until = :until
        WHERE url IN (SELECT value FROM json_each(:picked)) AND {claimable} RETURNING id"""
    conn = db.conn
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        picked: list[str] = []
        for (url,) in conn.execute(walk, params):
            if url not in picked:
                picked.append(url)
                if len(picked) >= max_urls:
                    break
        ids = [row[0] for row in conn.execute(claim, {**params, "picked": json.dumps(picked)}).fetchall()]
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return list(db.query(f"SELECT * FROM citations WHERE id IN ({marks}) ORDER BY next_check_at, id", ids))


def release(db: Database, worker: str, ids: Sequence[int]) -> None:
    """Release this worker's claims on ``ids``."""
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    with db.conn:
        db.execute(
            "UPDATE citations SET claimed_by = NULL, claimed_until = NULL "
            f"WHERE claimed_by = ? AND id IN ({marks})",
            [worker, *ids],
        )


def _drift_kind(db: Database, citation_id: int, now: datetime) -> str | None:
    """Record (if the pipeline has not) and return this check's drift kind."""
    row = db.execute(
        "SELECT v.id, v.extraction_id FROM citations c "
        "JOIN verdicts v ON v.id = c.last_verdict_id WHERE c.id = ?",
        [citation_id],
    ).fetchone()
    if row is None or row[1] is None:
        return None
    drift.record_for_verdict(db, int(row[0]), now=now)
    found = db.execute(
        "SELECT kind FROM drift WHERE citation_id = ? AND extraction_id = ?", [citation_id, row[1]]
    ).fetchone()
    return str(found[0]) if found else None


async def recheck_async(
    settings: Settings,
    *,
    db: Database,
    transport: httpx.AsyncBaseTransport | None = None,
    mode: str = "live",
    due_only: bool = True,
    article_ids: Sequence[int] | None = None,
    limit: int | None = None,
    clock: Callable[[], datetime] = utcnow,
    worker: str | None = None,
    on_result: ResultCallback | None = None,
) -> RecheckResult:
    """Claim and recheck citations batch by batch until none is left (or ``limit`` URLs).

    Args:
        settings: the run's settings.
        db: the store (this coroutine's own connection).
        transport: an httpx transport (replay, evalset, tests); None for the live web.
        mode: ``live``, ``replay`` or ``evalset``.
        due_only: recheck only citations that are due.
        article_ids: recheck only citations of these articles.
        limit: most URLs to recheck.
        clock: the time source.
        worker: the claim owner's name (default :func:`new_worker_id`).
        on_result: called with each citation's outcome as it completes.

    Returns:
        The rechecked citations and the run id.
    """
    # Imported here: claims, ``due`` and the CLI's help load without the pipeline's dependencies.
    from citecheck.pipeline import check_citation
    from citecheck.runner import open_runtime

    worker = worker or new_worker_id()
    started = clock()
    items: list[RecheckItem] = []
    urls = 0
    async with open_runtime(
        settings, db=db, transport=transport, mode=mode, command="recheck", clock=clock
    ) as rt:
        if rt.wayback is not None:  # Save Page Now results of earlier runs, in the background
            from citecheck.archive.jobs import collect_jobs

            rt.spawn(collect_jobs(db, rt.wayback, now=clock()))

        async def one(row: dict[str, Any]) -> RecheckItem:
            cid, previous, was = int(row["id"]), row["last_label"], row["last_outcome"]
            try:
                result = await check_citation(rt, citation_from_row(row), cid)
                kind = _drift_kind(db, cid, clock())
            except Exception as exc:  # one broken citation must not stop the others
                LOGGER.exception("recheck of citation %s failed", cid)
                error = f"{type(exc).__name__}: {exc}"
                aid = int(row["article_id"])
                return RecheckItem(cid, aid, None, previous, error=error, previous_outcome=was)
            current = (str(result.verdict.label), str(result.fetch.outcome) if result.fetch else None)
            before = (previous, was) if previous is not None else None
            new = is_new_problem(before, current, kind == "changed")
            item = RecheckItem(cid, int(row["article_id"]), result, previous, kind, new, previous_outcome=was)
            if on_result is not None:
                on_result(item)
            return item

        status = "interrupted"
        try:
            while limit is None or urls < limit:
                batch_urls = BATCH_URLS if limit is None else min(BATCH_URLS, limit - urls)
                rows = claim_batch(
                    db,
                    worker=worker,
                    now=clock(),
                    started=started,
                    due_only=due_only,
                    article_ids=article_ids,
                    exclude=[i.citation_id for i in items],
                    max_urls=batch_urls,
                )
                if not rows:
                    break
                urls += len({r["url"] for r in rows})
                rt.cpu.expect(2 * len(rows))  # an extraction and a verdict each: big batches start the pool
                try:
                    items.extend(await asyncio.gather(*(one(r) for r in rows)))
                finally:
                    release(db, worker, [int(r["id"]) for r in rows])
            status = "done"
        finally:
            counts = Counter(str(i.result.verdict.label) for i in items if i.result)
            if rt.run_id is not None:
                store.finish_run(db, rt.run_id, status=status, now=clock(), counts=counts)
    return RecheckResult(rt.run_id, tuple(items), urls, interrupted=status != "done")


def recheck(
    *,
    settings: Settings | None = None,
    db: Database | str | Path | None = None,
    replay: Sequence[str | Path] = (),
    evalset: str | Path | None = None,
    due_only: bool = True,
    articles: Sequence[str] = (),
    limit: int | None = None,
    on_result: ResultCallback | None = None,
) -> RecheckResult:
    """Recheck stored citations (the Python API behind ``citecheck recheck``).

    Args:
        settings: defaults to :func:`citecheck.config.load`.
        db: a Database, a path, or None for ``settings.db_path``.
        replay: WARC files or folders to answer every request from (offline).
        evalset: an evaluation-set folder whose fixture web answers every request.
        due_only: recheck only citations that are due.
        articles: recheck only these articles (ids or sources).
        limit: most URLs to recheck.
        on_result: called with each rechecked citation.

    Returns:
        The recheck's results; ``exit_code`` gives the CLI's policy.
    """
    from citecheck.config import load
    from citecheck.report import resolve_articles
    from citecheck.runner import make_transport, run_async

    settings = settings or load()
    database = db if isinstance(db, Database) else store.open_db(db or settings.db_path)
    article_ids = resolve_articles(database, list(articles)) if articles else None
    transport, mode = make_transport(replay=replay, evalset=evalset)
    return run_async(
        recheck_async(
            settings,
            db=database,
            transport=transport,
            mode=mode,
            due_only=due_only,
            article_ids=article_ids,
            limit=limit,
            on_result=on_result,
        )
    )
