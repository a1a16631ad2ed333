"""Save Page Now jobs in the store: requested during a run, collected by a later one."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import respx
from sqlite_utils import Database

from citecheck.archive.jobs import collect_jobs, request_capture
from citecheck.archive.wayback import WaybackError
from citecheck.runner import open_runtime
from citecheck.store.db import open_db
from tests.archive.wayback_fakes import CDX, PAGE_URL, SAVE, SleepyClock, cdx_rows, make_wayback, settings

pytestmark = pytest.mark.asyncio

STATUS = "https://web.archive.org/save/status/spn2-1"


@pytest.fixture
def db() -> Database:
    return open_db(":memory:")


def _jobs(db: Database) -> list[dict[str, object]]:
    return list(db.query("SELECT * FROM wayback_jobs ORDER BY id"))


async def test_request_records_a_pending_job_and_skips_a_second_request(db: Database) -> None:
    router = respx.Router(assert_all_called=True)
    save = router.post(SAVE).respond(json={"job_id": "spn2-1"})
    clock = SleepyClock()
    wayback, client = make_wayback(router, clock)
    async with client:
        await request_capture(db, wayback, PAGE_URL, now=clock.now)
        await request_capture(db, wayback, PAGE_URL, now=clock.now + timedelta(hours=1))
    assert save.call_count == 1
    [job] = _jobs(db)
    assert job["status"] == "pending" and job["job_id"] == "spn2-1" and job["submitted_at"]


async def test_collect_records_the_capture_as_a_wayback_snapshot(db: Database) -> None:
    router = respx.Router(assert_all_called=True)
    router.post(SAVE).respond(json={"job_id": "spn2-1"})
    clock = SleepyClock()
    stamp = (clock.now + timedelta(minutes=1)).strftime("%Y%m%d%H%M%S")
    router.get(STATUS).mock(
        side_effect=[
            httpx.Response(200, json={"status": "pending"}),
            httpx.Response(200, json={"status": "success", "original_url": PAGE_URL, "timestamp": stamp}),
        ]
    )
    wayback, client = make_wayback(router, clock)
    async with client:
        await request_capture(db, wayback, PAGE_URL, now=clock.now)
        assert await collect_jobs(db, wayback, now=clock.now + timedelta(minutes=5)) == 0
        assert await collect_jobs(db, wayback, now=clock.now + timedelta(hours=2)) == 1
        assert await collect_jobs(db, wayback, now=clock.now + timedelta(hours=3)) == 0  # nothing pending
    [job] = _jobs(db)
    assert job["status"] == "success" and job["capture_timestamp"] == stamp
    [snapshot] = db.query("SELECT * FROM snapshots")
    assert snapshot["source"] == "wayback" and snapshot["id"] == job["snapshot_id"]
    assert snapshot["wayback_url"] == f"https://web.archive.org/web/{stamp}/{PAGE_URL}"


async def test_refused_save_is_recorded_not_raised_and_backs_off(db: Database) -> None:
    router = respx.Router(assert_all_called=True)
    save = router.post(SAVE).respond(401)
    clock = SleepyClock()
    wayback, client = make_wayback(router, clock)
    async with client:
        await request_capture(db, wayback, PAGE_URL, now=clock.now)
        await request_capture(db, wayback, PAGE_URL, now=clock.now + timedelta(minutes=10))
    assert save.call_count == 1
    [job] = _jobs(db)
    assert job["status"] == "error" and "401" in str(job["message"])


async def test_after_the_backoff_an_errored_url_is_looked_up_before_resubmitting(db: Database) -> None:
    router = respx.Router(assert_all_called=True)
    save = router.post(SAVE).respond(json={"status": "error", "status_ext": "error:bad-gateway"})
    clock = SleepyClock()
    router.get(CDX).respond(json=cdx_rows((clock.now.strftime("%Y%m%d%H%M%S"), PAGE_URL, "200")))
    first, client = make_wayback(router, clock)
    async with client:
        await request_capture(db, first, PAGE_URL, now=clock.now)
    later, client = make_wayback(router, clock)  # a new run: only the store remembers the error
    async with client:
        await request_capture(db, later, PAGE_URL, now=clock.now + timedelta(days=1))
    assert save.call_count == 1
    statuses = [job["status"] for job in _jobs(db)]
    assert statuses == ["error", "success"]
    assert db.execute("SELECT COUNT(*) FROM snapshots WHERE source = 'wayback'").fetchone()[0] == 1


async def test_status_outage_keeps_the_job_pending_until_it_expires(db: Database) -> None:
    router = respx.Router(assert_all_called=True)
    router.post(SAVE).respond(json={"job_id": "spn2-1"})
    router.get(STATUS).respond(503)
    clock = SleepyClock()
    wayback, client = make_wayback(router, clock)
    async with client:
        await request_capture(db, wayback, PAGE_URL, now=clock.now)
        assert await collect_jobs(db, wayback, now=clock.now + timedelta(hours=1)) == 0
        assert _jobs(db)[0]["status"] == "pending"
        assert await collect_jobs(db, wayback, now=clock.now + timedelta(days=2)) == 1
    assert _jobs(db)[0]["status"] == "error"


async def test_runtime_waits_briefly_for_background_work_then_cancels_it(tmp_path: Path) -> None:
    events: list[str] = []

    async def quick() -> None:
        await asyncio.sleep(0)
        events.append("quick done")

    async def slow() -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            events.append("slow cancelled")
            raise

    async def failing() -> None:
        raise WaybackError("down")

    config = settings(archive_dir=str(tmp_path / "archive"))
    transport = httpx.MockTransport(lambda request: httpx.Response(404))
    async with open_runtime(config, db=open_db(":memory:"), transport=transport, mode="evalset") as rt:
        for work in (quick(), slow(), failing()):
            rt.spawn(work)
        await rt.finish_background(grace=0.05)
        assert not rt.background
    assert sorted(events) == ["quick done", "slow cancelled"]
