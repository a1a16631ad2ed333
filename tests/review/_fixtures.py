"""Build small stores through the store functions, as the pipeline would fill them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from citecheck import drift
from citecheck.extract.normalize import text_hash
from citecheck.models import (
    Article,
    ArticleFormat,
    Basis,
    Citation,
    Extraction,
    FetchResult,
    Label,
    Outcome,
    ParsedArticle,
    Snapshot,
    Span,
    Verdict,
)
from citecheck.store import db as store

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    """T0 plus some hours."""
    return T0 + timedelta(hours=hours)


def add_article(
    db: Database, source: str, claims: list[tuple[str, str]], *, title: str | None = None, now: datetime = T0
) -> list[int]:
    """Store an article whose citations are ``(claim, url)`` pairs; return the citation ids."""
    text = ""
    cites = []
    for n, (claim, url) in enumerate(claims, start=1):
        start = len(text)
        text += f"{claim} [{n}]\n"
        cites.append(
            Citation(str(n), url, claim, Span(start, start + len(claim)), context=claim, urls=(url,))
        )
    parsed = ParsedArticle(Article(source, text, ArticleFormat.TEXT, title), tuple(cites))
    _, ids = store.save_article(db, parsed, now=now)
    return ids


def add_check(
    db: Database,
    citation_id: int,
    *,
    now: datetime,
    label: Label,
    text: str | None = None,
    evidence: str = "",
    reasons: dict[str, Any] | None = None,
    outcome: Outcome = Outcome.OK,
    score: float = 0.5,
    wayback: str | None = None,
) -> int:
    """Store one check of a citation (fetch, local snapshot, extraction, verdict, drift)."""
    row = store.citation_row(db, citation_id)
    url = row["url"]
    run = store.start_run(db, command="check", mode="test", now=now, settings={})
    fetch = FetchResult(
        url=url, final_url=url, outcome=outcome, status=200 if outcome.usable else 404, fetched_at=now
    )
    fetch_id = store.save_fetch(db, fetch, run_id=run, citation_id=citation_id)
    snap = Snapshot(
        url=url,
        warc_path="archive/citecheck-1.warc.gz",
        offset=1000 + citation_id,
        length=500,
        payload_digest="sha1:X",
        wayback_url=wayback,
        captured_at=now,
    )
    snap_id = store.save_snapshot(db, snap, fetch_id=fetch_id, source="local", outcome=str(outcome))
    extraction_id = None
    basis = Basis.NONE
    if text is not None:
        extraction = Extraction(
            url=url, outcome="ok", text=text, lang="ru", site="Site", normalized_hash=text_hash(text)
        )
        extraction_id = store.save_extraction(db, extraction, snapshot_id=snap_id, fetch_id=fetch_id, now=now)
        basis = Basis.LIVE
    verdict = Verdict(label, score, evidence, None, reasons or {}, "test", basis)
    verdict_id = store.save_verdict(
        db,
        verdict,
        citation_id=citation_id,
        run_id=run,
        fetch_id=fetch_id,
        snapshot_id=snap_id,
        extraction_id=extraction_id,
        outcome=str(outcome),
        now=now,
    )
    store.update_citation(
        db, citation_id, {"last_outcome": str(outcome), "next_check_at": store.iso(now + timedelta(days=1))}
    )
    drift.record_for_verdict(db, verdict_id, now=now)
    store.finish_run(db, run, status="done", now=now, counts={})
    return verdict_id
