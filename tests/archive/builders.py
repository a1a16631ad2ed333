"""Builders for archive and replay tests: exchanges, fetches, a fixed clock and record ids."""

from __future__ import annotations

import gzip
import itertools
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from citecheck.models import Exchange, FetchResult, Hop, Outcome

T0 = datetime(2026, 11, 25, 9, 15, 0, tzinfo=UTC)
PAGE = ("<html><head><title>Новости</title></head><body><p>Песков заявил, что встреча " * 40).encode()
UA = (("User-Agent", "citecheck/test"), ("Accept-Encoding", "gzip, br"))


class FixedClock:
    """A clock that advances one second per reading."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        value = self.now
        self.now += timedelta(seconds=1)
        return value


def counting_ids() -> Callable[[], str]:
    """Record ids 00000000-0000-4000-8000-000000000001, ...002, ..."""
    counter = itertools.count(1)
    return lambda: f"00000000-0000-4000-8000-{next(counter):012d}"


def exchange(
    url: str,
    body: bytes = PAGE,
    *,
    status: int = 200,
    headers: tuple[tuple[str, str], ...] | None = None,
    at: datetime = T0,
    gzipped: bool = True,
    version: str = "HTTP/1.1",
    ip: str | None = "203.0.113.7",
) -> Exchange:
    """One exchange; by default a gzip-encoded HTML page as received over HTTP/1.1."""
    raw = gzip.compress(body, mtime=0) if gzipped and body else body
    if headers is None:
        headers = (("Content-Type", "text/html; charset=utf-8"),)
        if gzipped and body:
            headers += (("Content-Encoding", "gzip"),)
        headers += (("Content-Length", str(len(raw))),)
    return Exchange(
        url=url,
        method="GET",
        request_headers=UA,
        status=status,
        reason="",
        http_version=version,
        headers=headers,
        raw_body=raw,
        started_at=at,
        remote_ip=ip,
    )


def redirect(url: str, location: str, *, at: datetime = T0, status: int = 301) -> Exchange:
    """A redirect hop with an empty body."""
    return exchange(url, b"", status=status, headers=(("Location", location), ("Content-Length", "0")), at=at)


def fetch(*exchanges: Exchange, outcome: Outcome = Outcome.OK) -> FetchResult:
    """A fetch result made of these exchanges (the last is the final answer)."""
    chain = tuple(
        Hop(ex.url, ex.status, dict((k.lower(), v) for k, v in ex.headers).get("location"))
        for ex in exchanges
    )
    last = exchanges[-1]
    return FetchResult(
        url=exchanges[0].url,
        final_url=last.url,
        outcome=outcome,
        status=last.status,
        chain=chain,
        exchanges=exchanges,
        fetched_at=last.started_at,
    )


def run_warcio(*args: str) -> subprocess.CompletedProcess[str]:
    """Run warcio's own command line (``warcio check``, ``warcio index``)."""
    code = "import sys; from warcio.cli import main; main(sys.argv[1:])"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, timeout=120
    )
