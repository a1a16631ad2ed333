"""The Wayback client against respx: lookups, snapshots, 429 pauses, Save Page Now jobs."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
import respx

from citecheck.archive.captures import SaveStatus, WaybackCapture
from citecheck.archive.ratelimit import MIN_429_PAUSE
from citecheck.archive.wayback import TooManyRequestsError, WaybackError
from tests.archive.wayback_fakes import (
    AVAILABLE,
    CDX,
    PAGE_URL,
    SAVE,
    SleepyClock,
    cdx_rows,
    make_wayback,
)

pytestmark = pytest.mark.asyncio

STATUS = "https://web.archive.org/save/status/spn2-abc"


async def test_closest_snapshot_found_and_fetched_without_banner() -> None:
    router = respx.Router(assert_all_called=True)
    cdx = router.get(CDX).respond(json=cdx_rows(("20250602120000", PAGE_URL, "200")))
    raw = router.get(f"https://web.archive.org/web/20250602120000id_/{PAGE_URL}").respond(
        200, html="<p>Умеров</p>", headers={"memento-datetime": "Mon, 02 Jun 2025 12:00:00 GMT"}
    )
    clock = SleepyClock()
    wayback, client = make_wayback(router, clock)
    async with client:
        capture = await wayback.closest(PAGE_URL, clock.now - timedelta(days=500))
        assert capture is not None and capture.timestamp == "20250602120000"
        params = cdx.calls.last.request.url.params
        assert params["closest"] == (clock.now - timedelta(days=500)).strftime("%Y%m%d%H%M%S")
        assert params["filter"] == "statuscode:200" and params["sort"] == "closest" and params["limit"]
        response = await wayback.fetch_capture(capture)
    assert raw.called and response.body.decode() == "<p>Умеров</p>"
    assert response.wayback_url == f"https://web.archive.org/web/20250602120000/{PAGE_URL}"


async def test_no_snapshot_in_either_api_is_none() -> None:
    router = respx.Router(assert_all_called=True)
    router.get(CDX).respond(json=[])
    router.get(AVAILABLE).respond(json={"url": PAGE_URL, "archived_snapshots": {}})
    wayback, client = make_wayback(router, SleepyClock())
    async with client:
        assert await wayback.closest(PAGE_URL) is None


async def test_availability_api_answers_when_cdx_is_empty() -> None:
    router = respx.Router(assert_all_called=True)
    router.get(CDX).respond(json=[])
    closest = {
        "available": True,
        "status": "200",
        "timestamp": "20250603000000",
        "url": f"http://web.archive.org/web/20250603000000/{PAGE_URL}",
    }
    router.get(AVAILABLE).respond(json={"archived_snapshots": {"closest": closest}})
    wayback, client = make_wayback(router, SleepyClock())
    async with client:
        capture = await wayback.closest(PAGE_URL)
    assert capture == WaybackCapture(PAGE_URL, "20250603000000", 200)


async def test_429_pauses_at_least_a_minute_then_retries_once() -> None:
    router = respx.Router(assert_all_called=True)
    route = router.get(CDX).mock(
        side_effect=[httpx.Response(429), httpx.Response(200, json=cdx_rows(("2025", PAGE_URL, "200")))]
    )
    clock = SleepyClock()
    wayback, client = make_wayback(router, clock)
    async with client:
        assert await wayback.closest(PAGE_URL) is not None
    assert route.call_count == 2
    assert clock.sleeps and clock.sleeps[0] >= MIN_429_PAUSE  # never retried at once


async def test_repeated_429_raises_and_pauses_every_caller() -> None:
    router = respx.Router(assert_all_called=True)
    route = router.get(CDX).respond(429)
    clock = SleepyClock()
    wayback, client = make_wayback(router, clock)
    async with client:
        with pytest.raises(TooManyRequestsError):
            await wayback.closest(PAGE_URL)
        assert route.call_count == 2  # the first call and one retry after a pause
        # A save is paced separately, but another read now waits out the doubled pause first.
        before = len(clock.sleeps)
        with pytest.raises(TooManyRequestsError):
            await wayback.closest(PAGE_URL)
    assert clock.sleeps[before] >= 2 * MIN_429_PAUSE


async def test_anonymous_save_refused_with_401_stops_further_submissions() -> None:
    router = respx.Router(assert_all_called=True)
    save = router.post(SAVE).respond(401, text="Unauthorized")
    wayback, client = make_wayback(router, SleepyClock())
    async with client:
        with pytest.raises(WaybackError, match="wayback_access_key"):
            await wayback.save(PAGE_URL)
        with pytest.raises(WaybackError, match="anonymous"):
            await wayback.save(PAGE_URL + "?2")
    assert save.call_count == 1
    assert "authorization" not in save.calls.last.request.headers


async def test_save_sends_keys_and_job_succeeds_later() -> None:
    router = respx.Router(assert_all_called=True)
    save = router.post(SAVE).respond(json={"url": PAGE_URL, "job_id": "spn2-abc"})
    clock = SleepyClock()
    status = router.get(STATUS).mock(
        side_effect=[
            httpx.Response(200, json={"status": "pending", "job_id": "spn2-abc"}),
            httpx.Response(
                200,
                json={
                    "status": "success",
                    "original_url": PAGE_URL,
                    "timestamp": (clock.now + timedelta(minutes=3)).strftime("%Y%m%d%H%M%S"),
                },
            ),
        ]
    )
    wayback, client = make_wayback(router, clock, wayback_access_key="ak", wayback_secret_key="sk")
    async with client:
        job = await wayback.save(PAGE_URL)
        assert job is not None and job.status is SaveStatus.PENDING and job.job_id == "spn2-abc"
        assert save.calls.last.request.headers["authorization"] == "LOW ak:sk"
        assert b"url=https" in save.calls.last.request.content
        still = await wayback.job_status(job)
        assert still.status is SaveStatus.PENDING
        done = await wayback.job_status(still)
    assert status.call_count == 2
    assert done.status is SaveStatus.SUCCESS and done.capture is not None
    assert done.capture.wayback_url.startswith("https://web.archive.org/web/2026")


async def test_job_result_older_than_the_submission_is_stale() -> None:
    router = respx.Router(assert_all_called=True)
    router.post(SAVE).respond(json={"job_id": "spn2-abc"})
    router.get(STATUS).respond(
        json={"status": "success", "original_url": PAGE_URL, "timestamp": "20240101000000"}
    )
    wayback, client = make_wayback(router, SleepyClock())
    async with client:
        job = await wayback.save(PAGE_URL)
        assert job is not None
        result = await wayback.job_status(job)
    assert result.status is SaveStatus.STALE


async def test_spn_error_whose_capture_exists_counts_as_success() -> None:
    router = respx.Router(assert_all_called=True)
    router.post(SAVE).respond(json={"job_id": "spn2-abc"})
    router.get(STATUS).respond(
        json={"status": "error", "status_ext": "error:job-failed", "message": "Job failed"}
    )
    clock = SleepyClock()
    stamp = (clock.now + timedelta(seconds=30)).strftime("%Y%m%d%H%M%S")
    cdx = router.get(CDX).respond(json=cdx_rows((stamp, PAGE_URL, "200")))
    wayback, client = make_wayback(router, clock)
    async with client:
        job = await wayback.save(PAGE_URL)
        assert job is not None
        result = await wayback.job_status(job)
    assert result.status is SaveStatus.SUCCESS and result.capture is not None
    assert result.capture.timestamp == stamp
    assert "from" in cdx.calls.last.request.url.params


async def test_after_an_error_answer_cdx_is_asked_before_resubmitting() -> None:
    router = respx.Router(assert_all_called=True)
    save = router.post(SAVE).respond(json={"status": "error", "status_ext": "error:bad-gateway"})
    clock = SleepyClock()
    stamp = clock.now.strftime("%Y%m%d%H%M%S")
    router.get(CDX).respond(json=cdx_rows((stamp, PAGE_URL, "200")))
    wayback, client = make_wayback(router, clock)
    async with client:
        failed = await wayback.save(PAGE_URL)
        assert failed is not None and failed.status is SaveStatus.ERROR
        again = await wayback.save(PAGE_URL)
    assert save.call_count == 1  # the capture existed: nothing resubmitted
    assert again is not None and again.status is SaveStatus.SUCCESS


async def test_wayback_down_is_a_wayback_error() -> None:
    router = respx.Router(assert_all_called=True)
    router.get(CDX).respond(503)
    router.get(AVAILABLE).mock(side_effect=httpx.ConnectError("connection refused"))
    router.post(SAVE).mock(side_effect=httpx.ConnectError("connection refused"))
    wayback, client = make_wayback(router, SleepyClock())
    async with client:
        with pytest.raises(WaybackError, match="lookup failed"):
            await wayback.closest(PAGE_URL)
        with pytest.raises(WaybackError, match="unreachable"):
            await wayback.save(PAGE_URL)


async def test_saving_switched_off_sends_nothing() -> None:
    router = respx.Router(assert_all_called=False)
    save = router.post(SAVE).respond(json={"job_id": "x"})
    wayback, client = make_wayback(router, SleepyClock(), wayback_save=False)
    async with client:
        assert await wayback.save(PAGE_URL) is None
    assert not save.called
