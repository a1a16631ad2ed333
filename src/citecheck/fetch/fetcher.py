"""The Fetcher: URL -> FetchResult, politely, safely, with retries, probes and mirrors."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import random
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import httpx

from citecheck.config import Settings
from citecheck.errors import UnsafeURLError
from citecheck.fetch import urlshape
from citecheck.fetch.classify import (
    Classification,
    ProbeAnswer,
    classify_exception,
    classify_page,
    classify_status,
    is_permanent_connect_error,
    matches_probe,
)
from citecheck.fetch.decode import decode_body
from citecheck.fetch.page import ANTI_BOT, PageSignals, page_signals
from citecheck.fetch.politeness import HostGate, backoff_delay, parse_retry_after
from citecheck.fetch.robots import RobotsPolicy
from citecheck.fetch.transfer import RedirectError, Transfer, Transferer
from citecheck.models import Attempt, Exchange, FetchResult, Outcome
from citecheck.net.guard import check_url

LOGGER = logging.getLogger(__name__)

DEFAULT_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# 5xx statuses that say the request itself will never work: no retry.
_PERMANENT_5XX = frozenset({501, 505})
_TEXTUAL = re.compile(
    r"^(?:text/|application/(?:[\w.-]+\+)?(?:xml|json)$|application/xhtml|application/javascript)"
)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)", re.I | re.S)
# Bytes at the start of an untyped body sniffed for markup.
_SNIFF_BYTES = 1024


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _is_textual(content_type: str | None, body: bytes) -> bool:
    mime = _mime(content_type)
    if mime in ("", "application/octet-stream"):
        return body[:_SNIFF_BYTES].lstrip()[:1] == b"<"
    return bool(_TEXTUAL.match(mime))


def _is_html(content_type: str | None, body: bytes) -> bool:
    mime = _mime(content_type)
    if "html" in mime:
        return True
    if mime in ("", "application/octet-stream", "text/plain"):
        return bool(_HTML_START.match(body[:_SNIFF_BYTES]))
    return False


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _mirror_worthy(result: FetchResult) -> bool:
    """Dead, blocked, or unreachable (no HTTP answer at all: timeouts, resets, TLS failures)."""
    if result.outcome in (Outcome.DEAD, Outcome.BLOCKED):
        return True
    if result.outcome is not Outcome.ERROR or result.status is not None or result.error is None:
        return False
    return not result.error.startswith(UnsafeURLError.__name__)


class Fetcher:
    """Fetches URLs through one client with shared politeness, and classifies the answers."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = _utc_now,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """Share one politeness gate, probe cache and robots cache over every fetch.

        Args:
            client: from :func:`citecheck.net.client.make_client` (redirects not followed).
            settings: timeouts, retries, politeness, caps, mirrors and safety settings.
            clock: the current time (aware); injected for tests.
            sleep: waits between retries and polite spacing; injected for tests.
        """
        self._settings = settings
        self._clock = clock
        self._sleep = sleep
        self._gate = HostGate(
            concurrency=settings.concurrency,
            per_host_concurrency=settings.per_host_concurrency,
            per_host_interval=settings.per_host_interval,
            clock=clock,
            sleep=sleep,
        )
        self._transferer = Transferer(client, settings, self._gate, clock)
        self._probes: dict[str, asyncio.Task[ProbeAnswer | None]] = {}
        self._robots = RobotsPolicy(self._read_robots) if settings.respect_robots else None
        self.random: Callable[[], float] = random.random

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """Fetch one URL and classify what it answered.

        Args:
            url: the cited URL.
            etag: the previous fetch's ETag; sent as ``If-None-Match``.
            last_modified: the previous fetch's Last-Modified; sent as ``If-Modified-Since``.

        Returns:
            A :class:`~citecheck.models.FetchResult`; failures are outcomes, never raised.
        """
        started = self._clock()
        headers = {"Accept": DEFAULT_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            check_url(url, allow_private=self._settings.allow_private_networks)
        except UnsafeURLError as exc:
            cls = classify_exception(exc, 0)
            return self._plain(url, started, cls, error=_error_text(exc), attempts=0)
        if self._robots is not None and not await self._robots.allowed(url):
            cls = Classification(Outcome.BLOCKED, "robots.txt")
            return self._plain(url, started, cls, attempts=0)
        result = await self._fetch_one(url, headers, started, conditional=bool(etag or last_modified))
        if self._settings.mirrors and _mirror_worthy(result):
            result = await self._try_mirrors(url, result, started)
        return result

    def _plain(
        self, url: str, started: datetime, cls: Classification, *, error: str | None = None, attempts: int
    ) -> FetchResult:
        return FetchResult(
            url=url,
            final_url=url,
            outcome=cls.outcome,
            status=None,
            error=error,
            reason=cls.reason,
            attempts=attempts,
            fetched_at=started,
            elapsed=(self._clock() - started).total_seconds(),
        )

    async def _fetch_one(
        self, url: str, headers: dict[str, str], started: datetime, *, conditional: bool
    ) -> FetchResult:
        retries = self._settings.retries
        attempt = 0
        earlier: list[Exchange] = []  # answers of attempts that were retried (a 503, a 429)
        log: list[Attempt] = []
        while True:
            began = self._clock()
            transfer = await self._transferer.run(url, headers)
            log.append(
                Attempt(
                    began,
                    round((self._clock() - began).total_seconds(), 4),
                    transfer.status,
                    _error_text(transfer.error) if transfer.error is not None else None,
                )
            )
            delay = self._retry_delay(transfer, attempt)
            if delay is None or attempt >= retries:
                break
            earlier.extend(transfer.exchanges)
            attempt += 1
            LOGGER.info(
                "retry %d of %s in %.2fs (%s)", attempt, url, delay, transfer.error or transfer.status
            )
            if transfer.error is None:  # the server asked for a pause: hold every request to it
                self._gate.defer(urlshape.host_key(httpx.URL(transfer.final_url)), delay)
            else:
                await self._sleep(delay)
        transfer.exchanges[:0] = earlier  # every attempt is archived; the final answer stays last
        result = await self._conclude(url, transfer, attempt + 1, started, conditional=conditional)
        return dataclasses.replace(result, attempt_log=tuple(log))

    def _retry_delay(self, transfer: Transfer, attempt: int) -> float | None:
        """Seconds to wait before retrying, or ``None`` when the answer is final."""
        backoff = backoff_delay(attempt, self._settings.backoff_base, self.random)
        exc = transfer.error
        if exc is not None:
            if isinstance(exc, UnsafeURLError | RedirectError) or is_permanent_connect_error(exc):
                return None
            if isinstance(exc, httpx.TransportError | TimeoutError):
                return backoff
            return None
        status = transfer.status or 0
        if status == 429 or (500 <= status < 600 and status not in _PERMANENT_5XX):
            asked = parse_retry_after(transfer.retry_after, self._clock())
            if asked is not None:
                return min(asked, self._settings.max_retry_after)
            return backoff
        body = transfer.body
        if body is not None and (body.error or body.incomplete):
            return backoff
        return None

    async def _conclude(
        self, url: str, transfer: Transfer, attempts: int, started: datetime, *, conditional: bool
    ) -> FetchResult:
        """Decode, classify (probing the host when in doubt) and assemble the result."""
        body = transfer.body
        raw = body.decoded if body is not None and transfer.error is None else b""
        text: str | None = None
        encoding: str | None = None
        if raw and _is_textual(transfer.content_type, raw):
            text, encoding = decode_body(raw, transfer.content_type)
        error: str | None = None
        if transfer.error is not None:
            cls = classify_exception(transfer.error, attempts)
            error = _error_text(transfer.error)
        else:
            cls = await self._classify(url, transfer, text, conditional=conditional)
            if body is not None and (body.error or body.incomplete) and cls.outcome is not Outcome.DEAD:
                problem = body.error or "compressed body ended early (truncated)"
                cls = Classification(Outcome.ERROR, f"{problem}; {len(raw)} bytes decoded")
                error = f"BodyDecodingError: {problem}"
        reason = cls.reason
        if body is not None and body.cut:
            cut = f"body cut at {self._settings.max_body_bytes} bytes"
            reason = f"{reason}; {cut}" if reason else cut
        return FetchResult(
            url=url,
            final_url=transfer.final_url,
            outcome=cls.outcome,
            status=transfer.status,
            chain=tuple(transfer.chain),
            headers=transfer.headers,
            body=raw,
            text=text,
            encoding=encoding,
            content_type=transfer.content_type,
            error=error,
            reason=reason,
            elapsed=(self._clock() - started).total_seconds(),
            attempts=attempts,
            fetched_at=started,
            exchanges=tuple(transfer.exchanges),
            not_modified=conditional and transfer.status == 304,
        )

    async def _classify(
        self, url: str, transfer: Transfer, text: str | None, *, conditional: bool
    ) -> Classification:
        status = transfer.status or 0
        body = transfer.body.decoded if transfer.body is not None else b""
        signals: PageSignals | None = None
        if text is not None and _is_html(transfer.content_type, body):
            signals = page_signals(text)
        by_status = classify_status(status, conditional=conditional)
        if by_status is not None:
            if by_status.outcome is Outcome.ERROR and status >= 500 and signals is not None:
                cue = ANTI_BOT.search(f"{signals.title_cue_text}\n{signals.lead}")
                if cue:
                    return Classification(Outcome.BLOCKED, f"HTTP {status} anti-bot page: {cue.group(0)!r}")
            return by_status
        cls = classify_page(url, transfer.final_url, signals)
        if cls.suspicious and self._settings.soft404_probe:
            probe = await self._probe(transfer.final_url)
            why = matches_probe(transfer.final_url, signals, probe) if probe is not None else None
            if why:
                return Classification(Outcome.SOFT_404, why)
        return cls

    async def _probe(self, url: str) -> ProbeAnswer | None:
        """The host's answer to a surely-missing URL (one probe per host per Fetcher)."""
        parsed = httpx.URL(url)
        key = f"{parsed.scheme}://{urlshape.host_key(parsed)}"
        task = self._probes.get(key)
        if task is None:
            task = self._probes[key] = asyncio.ensure_future(self._run_probe(url))
        try:
            return await asyncio.shield(task)
        except Exception:
            LOGGER.debug("probe of %s failed", key, exc_info=True)
            return None

    async def _run_probe(self, url: str) -> ProbeAnswer | None:
        target = urlshape.probe_url(url)
        transfer = await self._transferer.run(target, {"Accept": DEFAULT_ACCEPT})
        if transfer.error is not None or transfer.status is None or transfer.body is None:
            return None
        signals = None
        raw = transfer.body.decoded
        if 200 <= transfer.status < 300 and raw and _is_html(transfer.content_type, raw):
            signals = page_signals(decode_body(raw, transfer.content_type)[0])
        return ProbeAnswer(url=target, status=transfer.status, final_url=transfer.final_url, signals=signals)

    async def _read_robots(self, robots_url: str) -> tuple[int, str] | None:
        transfer = await self._transferer.run(robots_url, {"Accept": "text/plain,*/*;q=0.5"})
        if transfer.error is not None or transfer.status is None or transfer.body is None:
            return None
        return transfer.status, decode_body(transfer.body.decoded, transfer.content_type)[0]

    def _mirror_urls(self, url: str) -> list[tuple[str, str]]:
        parsed = httpx.URL(url)
        host = urlshape.bare_host(parsed.host)
        for group in self._settings.mirrors:
            bare = [urlshape.bare_host(d) for d in group]
            if host in bare:
                return [
                    (str(parsed.copy_with(host=d)), d) for d, b in zip(group, bare, strict=True) if b != host
                ]
        return []

    async def _try_mirrors(self, url: str, original: FetchResult, started: datetime) -> FetchResult:
        """Try the same path on the URL's known mirror domains; keep the first usable answer."""
        tried: list[str] = []
        for mirror_url, domain in self._mirror_urls(url):
            try:
                check_url(mirror_url, allow_private=self._settings.allow_private_networks)
            except UnsafeURLError:
                continue
            result = await self._fetch_one(mirror_url, {"Accept": DEFAULT_ACCEPT}, started, conditional=False)
            tried.append(f"{domain}: {result.outcome}")
            if result.outcome.usable:
                host = httpx.URL(url).host
                why = f"{original.outcome} at {host} ({original.reason}); mirror {domain} answered"
                return dataclasses.replace(
                    result,
                    url=url,
                    mirror=domain,
                    reason=f"{why}; {result.reason}" if result.reason else why,
                    exchanges=original.exchanges + result.exchanges,
                    attempts=original.attempts + result.attempts,
                    attempt_log=original.attempt_log + result.attempt_log,
                )
        if not tried:
            return original
        return dataclasses.replace(original, reason=f"{original.reason}; mirrors tried: {', '.join(tried)}")
