"""The politeness gate, backoff and Retry-After parsing, with a fake clock."""

from __future__ import annotations

import asyncio
import itertools
from datetime import timedelta
from email.utils import format_datetime

import pytest

from citecheck.fetch.politeness import HostGate, backoff_delay, parse_retry_after
from tests.fetch.servers import FakeTime


def test_backoff_bounds() -> None:
    assert backoff_delay(0, 0.5, lambda: 0.0) == 0.5
    assert backoff_delay(3, 0.5, lambda: 0.0) == 4.0
    assert backoff_delay(1, 1.0, lambda: 0.5) == 2.5


def test_parse_retry_after(fake_time: FakeTime) -> None:
    now = fake_time.now
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after(format_datetime(now + timedelta(minutes=2), usegmt=True), now) == 120.0
    assert parse_retry_after(format_datetime(now - timedelta(minutes=2), usegmt=True), now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


async def _exercise(gate: HostGate, fake: FakeTime, hosts: list[str]) -> tuple[list[tuple[str, float]], int]:
    starts: list[tuple[str, float]] = []
    active = 0
    peak = 0

    async def one(host: str) -> None:
        nonlocal active, peak
        async with gate.slot(host):
            active += 1
            peak = max(peak, active)
            starts.append((host, fake.now.timestamp()))
            await asyncio.sleep(0.01)  # real time: lets others contend
            active -= 1

    await asyncio.gather(*(one(h) for h in hosts))
    return starts, peak


@pytest.mark.asyncio
async def test_per_host_interval_and_global_cap(fake_time: FakeTime) -> None:
    gate = HostGate(
        concurrency=2,
        per_host_concurrency=1,
        per_host_interval=2.0,
        clock=fake_time.clock,
        sleep=fake_time.sleep,
    )
    starts, peak = await _exercise(gate, fake_time, ["a", "b", "c", "a", "b", "a"])
    assert peak <= 2
    for host in "abc":
        times = [t for h, t in starts if h == host]
        assert all(later - earlier >= 2.0 for earlier, later in itertools.pairwise(times))


@pytest.mark.asyncio
async def test_defer_holds_a_host(fake_time: FakeTime) -> None:
    gate = HostGate(
        concurrency=4,
        per_host_concurrency=1,
        per_host_interval=0.0,
        clock=fake_time.clock,
        sleep=fake_time.sleep,
    )
    t0 = fake_time.now.timestamp()
    gate.defer("a", 30.0)
    starts, _ = await _exercise(gate, fake_time, ["b", "a"])
    assert dict(starts) == {"b": t0, "a": t0 + 30.0}
    assert fake_time.sleeps == [30.0]


@pytest.mark.asyncio
async def test_a_wait_for_a_global_slot_does_not_squeeze_a_hosts_starts(fake_time: FakeTime) -> None:
    gate = HostGate(
        concurrency=1,
        per_host_concurrency=1,
        per_host_interval=2.0,
        clock=fake_time.clock,
        sleep=fake_time.sleep,
    )
    starts: list[float] = []
    holding, release = asyncio.Event(), asyncio.Event()

    async def busy_other_host() -> None:
        async with gate.slot("x"):
            holding.set()
            await release.wait()

    async def request_a() -> None:
        async with gate.slot("a"):
            starts.append(fake_time.now.timestamp())

    other = asyncio.ensure_future(busy_other_host())
    await holding.wait()
    waiting = asyncio.ensure_future(asyncio.gather(request_a(), request_a()))
    for _ in range(5):
        await asyncio.sleep(0)  # both requests to "a" are queued behind the global slot
    fake_time.now += timedelta(seconds=3)  # "a"'s first request waited past its reserved start
    release.set()
    await waiting
    await other
    assert starts[1] - starts[0] >= 2.0


@pytest.mark.asyncio
async def test_sent_spaces_the_next_start_from_when_the_request_left(fake_time: FakeTime) -> None:
    gate = HostGate(
        concurrency=4,
        per_host_concurrency=1,
        per_host_interval=2.0,
        clock=fake_time.clock,
        sleep=fake_time.sleep,
    )
    t0 = fake_time.now.timestamp()
    async with gate.slot("a"):
        fake_time.now += timedelta(seconds=0.5)  # the event loop was busy before the headers left
        gate.sent("a")
    async with gate.slot("a"):
        assert fake_time.now.timestamp() == t0 + 2.5
