"""Helpers for Wayback tests: a clock that sleeping advances, settings, a client on a respx router."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import respx

from citecheck.archive.ratelimit import WaybackLimits
from citecheck.archive.wayback import Wayback
from citecheck.config import Settings, load

T0 = datetime(2026, 11, 25, 9, 0, 0, tzinfo=UTC)
PAGE_URL = "https://tass.ru/politika/example-24100001"
CDX = "https://web.archive.org/cdx/search/cdx"
AVAILABLE = "https://archive.org/wayback/available"
SAVE = "https://web.archive.org/save"
CDX_HEADER = ["timestamp", "original", "statuscode", "mimetype", "digest"]


class SleepyClock:
    """A clock that only moves when someone sleeps; records every sleep."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += timedelta(seconds=seconds)


def settings(**overrides: Any) -> Settings:
    """Settings with no stray file or environment; Wayback on, saving on."""
    return load(read_file=False, read_env=False, overrides=overrides)


def make_wayback(
    router: respx.Router, clock: SleepyClock, **overrides: Any
) -> tuple[Wayback, httpx.AsyncClient]:
    """A Wayback client with fresh paces (24 reads, 3 saves a minute) on the router."""
    client = httpx.AsyncClient(transport=httpx.MockTransport(router.async_handler))
    wayback = Wayback(client, settings(**overrides), clock=clock, sleep=clock.sleep, limits=WaybackLimits())
    return wayback, client


def cdx_rows(*rows: tuple[str, str, str]) -> list[list[str]]:
    """A CDX JSON answer: header, then (timestamp, original, status) rows."""
    return [CDX_HEADER] + [[ts, url, status, "text/html", "ABCDEF"] for ts, url, status in rows]
