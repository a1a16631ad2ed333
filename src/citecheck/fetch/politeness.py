"""Politeness shared by every fetch through one Fetcher: concurrency caps, spacing, backoff.

A request first takes its host's slot (``per_host_concurrency`` at once), waits until
``per_host_interval`` has passed since the previous request to that host started (or a
``Retry-After`` the host sent has expired), and only then takes one of the global slots,
so polite waiting never holds a global slot that another host could use. Once the global
slot is held, and again when the request headers are written (:meth:`HostGate.sent`), the
host's next start is pushed to ``interval`` after that moment, so neither a wait for a
global slot nor a busy event loop squeezes two requests to one host closer than the interval.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

LOGGER = logging.getLogger(__name__)

# Jitter widens each backoff delay by up to this share, so retries from many fetches spread out.
BACKOFF_JITTER = 0.5

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]


@dataclass(slots=True)
class _Host:
    slots: asyncio.Semaphore
    next_start: float = 0.0


class HostGate:
    """Global and per-host concurrency plus a minimum interval between starts to one host."""

    def __init__(
        self,
        *,
        concurrency: int,
        per_host_concurrency: int,
        per_host_interval: float,
        clock: Clock,
        sleep: Sleep,
    ) -> None:
        """Caps below 1 are read as 1; the clock and sleep are injected for tests."""
        self._global = asyncio.Semaphore(max(1, concurrency))
        self._per_host = max(1, per_host_concurrency)
        self._interval = max(0.0, per_host_interval)
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}

    def _now(self) -> float:
        return self._clock().timestamp()

    def _host(self, key: str) -> _Host:
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(slots=asyncio.Semaphore(self._per_host))
        return host

    def sent(self, key: str) -> None:
        """A request to ``key`` is going out now: its next start is at least ``interval`` away.

        Called when the global slot is taken and again, through an httpcore trace hook,
        when the request headers are on the wire, so time the event loop spent elsewhere
        between the two never squeezes the spacing the host sees.
        """
        host = self._host(key)
        host.next_start = max(host.next_start, self._now() + self._interval)

    def defer(self, key: str, seconds: float) -> None:
        """Start no request to ``key`` for ``seconds`` from now (a Retry-After)."""
        host = self._host(key)
        host.next_start = max(host.next_start, self._now() + max(0.0, seconds))

    @asynccontextmanager
    async def slot(self, key: str) -> AsyncIterator[None]:
        """Hold a request slot for host ``key`` (``host:port``) while the body is read.

        The start time is reserved when the host slot is taken, so requests to one host
        start at least ``per_host_interval`` apart (with ``per_host_concurrency`` of 1) and
        the wait is one injected sleep, never a polling loop.
        """
        host = self._host(key)
        async with host.slots:
            now = self._now()
            start = max(now, host.next_start)
            host.next_start = start + self._interval
            if start > now:
                await self._sleep(start - now)
            async with self._global:
                self.sent(key)  # after any wait for a global slot, space from the real start
                yield


def backoff_delay(retry: int, base: float, rand: Callable[[], float] = random.random) -> float:
    """Delay before retry number ``retry`` (0 for the first): ``base * 2**retry``, plus jitter.

    Args:
        retry: how many retries came before this one.
        base: the first retry's delay in seconds.
        rand: a source of floats in [0, 1).

    Returns:
        Seconds, between ``base * 2**retry`` and ``(1 + BACKOFF_JITTER)`` times that.
    """
    floor: float = base * (2**retry)
    return floor * (1.0 + BACKOFF_JITTER * float(rand()))


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds asked by a ``Retry-After`` header (delta-seconds or an HTTP date), or ``None``.

    Args:
        value: the header's value.
        now: the current time (aware), for the date form.

    Returns:
        Non-negative seconds, or ``None`` when absent or unreadable.
    """
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())
