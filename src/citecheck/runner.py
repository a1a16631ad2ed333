"""Run checks: build the runtime (client, store, archive, judge), parse articles, check citations."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
from sqlite_utils import Database

from citecheck.archive.warc import WarcWriter
from citecheck.archive.wayback import Wayback
from citecheck.articles import parse_article
from citecheck.config import Settings
from citecheck.errors import InputError, ReplayError
from citecheck.fetch import Fetcher
from citecheck.inputs import decode_article, is_url, read_article_file
from citecheck.models import (
    ArticleFormat,
    Basis,
    Citation,
    CitationResult,
    Label,
    ParsedArticle,
    ParseWarning,
    Verdict,
)
from citecheck.net.client import make_client
from citecheck.net.evalset import EvalSetTransport
from citecheck.net.replay import WarcReplayTransport
from citecheck.pipeline import Runtime, check_citation
from citecheck.store import db as store
from citecheck.verify import get_judge
from citecheck.workers import CpuPool

LOGGER = logging.getLogger(__name__)

T = TypeVar("T")
ResultCallback = Callable[[CitationResult], None]
ArticleCallback = Callable[[ParsedArticle], None]


def run_async(work: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(work)``, its result handed back outside the main task.

    When it restores the Ctrl-C handler, Python 3.11's ``asyncio.run`` formats the repr of its
    main task, result included; for a large run (every page's bytes) that took seconds.

    Args:
        work: the coroutine to run in a new event loop.

    Returns:
        What ``work`` returned.
    """
    box: list[T] = []

    async def main() -> None:
        box.append(await work)

    asyncio.run(main())
    return box[0]


def utcnow() -> datetime:
    """The current time, in UTC (the default clock)."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What one article's check found."""

    source: str
    article_id: int | None
    title: str | None
    citations: tuple[CitationResult, ...]
    warnings: tuple[ParseWarning, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class RunResult:
    """What a whole run found, with its exit-code policy."""

    run_id: int | None
    articles: tuple[ArticleResult, ...]
    interrupted: bool = False
    pending: int = 0
    label_counts: dict[str, int] = field(default_factory=dict)
    unstarted: int = 0

    @property
    def exit_code(self) -> int:
        """0: every citation supported; 1: something needs a human look; 2: an error."""
        if any(a.error for a in self.articles) or self.interrupted:
            return 2
        if any(not a.citations for a in self.articles):
            return 1
        labels = [c.verdict.label for a in self.articles for c in a.citations]
        return 0 if all(label is Label.SUPPORTED for label in labels) else 1


def make_transport(
    *, replay: Sequence[str | Path] = (), evalset: str | Path | None = None
) -> tuple[httpx.AsyncBaseTransport | None, str]:
    """The transport for a run and its mode name: live (None), replay, or evalset."""
    if replay and evalset:
        raise ReplayError("use either --replay or --evalset, not both")
    if replay:
        transport = WarcReplayTransport(list(replay))
        if not transport.urls:  # a damaged or foreign file that yields no HTTP response at all
            names = ", ".join(str(p) for p in replay)
            raise ReplayError(f"no readable HTTP responses in replay archive {names} (corrupt WARC?)")
        return transport, "replay"
    if evalset:
        return EvalSetTransport(evalset), "evalset"
    return None, "live"


def offline_settings(settings: Settings) -> Settings:
    """Settings for a replay: no waits between requests to a host, no Wayback calls."""
    return settings.replace(per_host_interval=0.0, wayback_enabled=False, wayback_save=False, retries=0)


@contextlib.asynccontextmanager
async def open_runtime(
    settings: Settings,
    *,
    db: Database,
    transport: httpx.AsyncBaseTransport | None = None,
    mode: str = "live",
    command: str = "check",
    clock: Callable[[], datetime] = utcnow,
    archive: bool = True,
) -> AsyncIterator[Runtime]:
    """Build the runtime of one run and record the run in the store."""
    if mode != "live":
        settings = offline_settings(settings)
    run_id = store.start_run(db, command=command, mode=mode, now=clock(), settings=asdict(settings))
    client = make_client(settings, transport=transport)
    writer = WarcWriter(Path(settings.archive_dir), max_bytes=settings.warc_max_bytes) if archive else None
    cpu = CpuPool(settings.cpu_processes)
    wayback = Wayback(client, settings) if (settings.wayback_enabled and mode == "live") else None
    rt = Runtime(
        settings=settings,
        client=client,
        db=db,
        fetcher=Fetcher(client, settings, clock=clock),
        writer=writer,
        wayback=wayback,
        judge=get_judge(settings, client=client),
        clock=clock,
        run_id=run_id,
        mode=mode,
        cpu=cpu,
    )
    try:
        yield rt
    finally:
        await rt.finish_background()
        cpu.shutdown()
        if writer is not None:
            writer.close()
        await client.aclose()


async def _load_article(rt: Runtime, name: str, fmt: ArticleFormat | None) -> ParsedArticle:
    """Read (or fetch and archive) an article and parse it."""
    if is_url(name):
        result = await rt.fetcher.fetch(name)
        if rt.writer is not None and result.exchanges:
            writer = rt.writer
            snapshot = await rt.in_archive(
                lambda: writer.write_fetch(result, metadata={"role": "article"}, previous=None)
            )
            if snapshot is not None:
                store.save_snapshot(
                    rt.db, snapshot, fetch_id=None, source="local", outcome=str(result.outcome)
                )
        if not result.outcome.usable or not result.body:
            raise InputError(
                f"cannot fetch article {name}: {result.outcome} ({result.reason or result.error})"
            )
        loaded = decode_article(result.body, name, result.content_type)
        if fmt is None and result.content_type and "html" in result.content_type:
            fmt = ArticleFormat.HTML
    else:
        loaded = read_article_file(name)
    return await rt.in_cpu(lambda: parse_article(loaded.raw, source=loaded.source, fmt=fmt))


async def check_article(
    rt: Runtime,
    parsed: ParsedArticle,
    *,
    on_result: ResultCallback | None = None,
) -> ArticleResult:
    """Store an article and check all its citations concurrently (politeness is the fetcher's)."""
    article_id, ids = store.save_article(rt.db, parsed, now=rt.clock())
    store.save_warnings(rt.db, article_id, rt.run_id, parsed.warnings)
    rt.cpu.expect(2 * len(ids))  # an extraction and a verdict each: a large article starts the pool now

    failed: list[str] = []

    async def one(index: int) -> CitationResult:
        citation = parsed.citations[index]
        try:
            result = await check_citation(rt, citation, ids[index])
        except Exception as exc:  # a bug on one page must not lose the other citations
            LOGGER.exception("checking [%s] %s failed", citation.marker, citation.url)
            failed.append(f"[{citation.marker}] {citation.url}: {type(exc).__name__}: {exc}")
            result = _failed_result(citation, ids[index], exc)
        if on_result is not None:
            on_result(result)
        return result

    results = await asyncio.gather(*(one(i) for i in range(len(ids))))
    error = f"{len(failed)} citation(s) could not be checked: " + "; ".join(failed) if failed else None
    return ArticleResult(
        parsed.article.source, article_id, parsed.article.title, tuple(results), parsed.warnings, error
    )


def _failed_result(citation: Citation, citation_id: int, exc: Exception) -> CitationResult:
    """What a citation whose check raised shows: no verdict is stored, so a recheck retries it."""
    verdict = Verdict(
        label=Label.DEAD,
        score=0.0,
        reasons={"error": f"{type(exc).__name__}: {exc}", "stored": False},
        judge="pipeline",
        basis=Basis.NONE,
    )
    return CitationResult(citation, None, None, None, verdict, citation_id)


async def check_sources(
    sources: Sequence[str],
    settings: Settings,
    *,
    db: Database,
    transport: httpx.AsyncBaseTransport | None = None,
    mode: str = "live",
    fmt: ArticleFormat | None = None,
    on_article: ArticleCallback | None = None,
    on_result: ResultCallback | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> RunResult:
    """Check every article in ``sources`` (paths, URLs or ``-``) and record the run."""
    articles: list[ArticleResult] = []
    async with open_runtime(settings, db=db, transport=transport, mode=mode, clock=clock) as rt:
        status = "interrupted"
        try:
            for name in sources:
                try:
                    parsed = await _load_article(rt, name, fmt)
                except InputError as exc:
                    articles.append(ArticleResult(name, None, None, (), (), str(exc)))
                    continue
                if on_article is not None:
                    on_article(parsed)
                articles.append(await check_article(rt, parsed, on_result=on_result))
            status = "done"
        finally:
            counts = Counter(str(c.verdict.label) for a in articles for c in a.citations)
            if rt.run_id is not None:
                store.finish_run(rt.db, rt.run_id, status=status, now=clock(), counts=counts)
    return RunResult(rt.run_id, tuple(articles), label_counts=dict(counts))


def check(
    sources: Sequence[str],
    *,
    settings: Settings | None = None,
    db: Database | str | Path | None = None,
    replay: Sequence[str | Path] = (),
    evalset: str | Path | None = None,
    fmt: ArticleFormat | None = None,
    on_article: ArticleCallback | None = None,
    on_result: ResultCallback | None = None,
) -> RunResult:
    """Check articles end to end (the Python API behind ``citecheck check``).

    Args:
        sources: article paths, URLs, or ``-`` for standard input.
        settings: defaults to :func:`citecheck.config.load`.
        db: a Database, a path, or None for ``settings.db_path``.
        replay: WARC files or folders to answer every request from (offline).
        evalset: an evaluation-set folder whose fixture web answers every request.
        fmt: force the article format instead of detecting it.
        on_article: called with each parsed article before its citations are checked.
        on_result: called with each citation's result as it completes.

    Returns:
        The run's results; ``exit_code`` gives the CLI's policy.
    """
    from citecheck.config import load

    settings = settings or load()
    database = db if isinstance(db, Database) else store.open_db(db or settings.db_path)
    transport, mode = make_transport(replay=replay, evalset=evalset)
    seen: list[ParsedArticle] = []
    done: list[CitationResult] = []

    def _on_article(parsed: ParsedArticle) -> None:
        seen.append(parsed)
        if on_article is not None:
            on_article(parsed)

    def _on_result(result: CitationResult) -> None:
        done.append(result)
        if on_result is not None:
            on_result(result)

    try:
        return run_async(
            check_sources(
                sources,
                settings,
                db=database,
                transport=transport,
                mode=mode,
                fmt=fmt,
                on_article=_on_article,
                on_result=_on_result,
            )
        )
    except KeyboardInterrupt:  # Ctrl-C: the run is already marked interrupted in the store
        return _interrupted_result(database, sources, seen, done)


def _interrupted_result(
    db: Database, sources: Sequence[str], seen: list[ParsedArticle], done: list[CitationResult]
) -> RunResult:
    """What an interrupted run finished: completed citations, and how many were left."""
    by_article: list[ArticleResult] = []
    for parsed in seen:
        mine = tuple(r for r in done if any(r.citation is c for c in parsed.citations))
        by_article.append(
            ArticleResult(parsed.article.source, None, parsed.article.title, mine, parsed.warnings)
        )
    pending = sum(len(p.citations) for p in seen) - len(done)
    row = db.execute("SELECT max(id) FROM runs WHERE status = 'interrupted'").fetchone()
    counts = Counter(str(r.verdict.label) for r in done)
    return RunResult(
        row[0] if row else None,
        tuple(by_article),
        interrupted=True,
        pending=pending,
        label_counts=dict(counts),
        unstarted=max(0, len(sources) - len(seen)),
    )
