"""Retry, backoff and Retry-After logic, with respx and a fake sleep that records delays."""

from __future__ import annotations

import json
from datetime import timedelta
from email.utils import format_datetime

import httpx
import pytest
import respx

from citecheck.fetch import Fetcher
from citecheck.models import Outcome
from citecheck.net.client import make_client
from tests.fetch.conftest import make_settings
from tests.fetch.servers import FakeTime, article_html

pytestmark = pytest.mark.asyncio

URL = "https://news.example/world/2025/talks-continue-in-geneva"
ARTICLE = article_html("Talks continue in Geneva")


def _ok() -> httpx.Response:
    return httpx.Response(200, html=ARTICLE)


async def run(router: respx.Router, fake: FakeTime, *, jitter: float = 0.0, **overrides: object):  # type: ignore[no-untyped-def]
    settings = make_settings(allow_private_networks=False, **overrides)
    async with make_client(settings, transport=httpx.MockTransport(router.async_handler)) as client:
        fetcher = Fetcher(client, settings, clock=fake.clock, sleep=fake.sleep)
        fetcher.random = lambda: jitter
        return await fetcher.fetch(URL)


async def test_5xx_backs_off_exponentially(fake_time: FakeTime) -> None:
    router = respx.Router(assert_all_called=True)
    router.get(URL).mock(side_effect=[httpx.Response(502), httpx.Response(500), httpx.Response(503), _ok()])
    result = await run(router, fake_time, retries=3, backoff_base=0.5)
    assert result.outcome is Outcome.OK and result.attempts == 4
    assert fake_time.sleeps == [0.5, 1.0, 2.0]


async def test_jitter_stretches_delays_by_at_most_half(fake_time: FakeTime) -> None:
    router = respx.Router(assert_all_called=True)
    router.get(URL).mock(side_effect=[httpx.Response(503), _ok()])
    await run(router, fake_time, jitter=0.999, backoff_base=1.0)
    assert fake_time.sleeps == [pytest.approx(1.4995)]


async def test_retry_after_seconds_and_date(fake_time: FakeTime) -> None:
    when = format_datetime(fake_time.now + timedelta(seconds=30), usegmt=True)
    router = respx.Router(assert_all_called=True)
    router.get(URL).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "12"}),
            httpx.Response(503, headers={"Retry-After": when}),
            _ok(),
        ]
    )
    result = await run(router, fake_time, retries=2)
    assert result.outcome is Outcome.OK
    assert fake_time.sleeps == [pytest.approx(12.0), pytest.approx(18.0)]  # the date is 30 s after the start


async def test_persistent_429_is_blocked(fake_time: FakeTime) -> None:
    router = respx.Router(assert_all_called=True)
    router.get(URL).mock(return_value=httpx.Response(429, headers={"Retry-After": "1"}))
    result = await run(router, fake_time, retries=2)
    assert result.outcome is Outcome.BLOCKED and result.attempts == 3
    assert "429" in result.reason


async def test_persistent_500_is_an_error_after_retries(fake_time: FakeTime) -> None:
    router = respx.Router(assert_all_called=True)
    router.get(URL).mock(return_value=httpx.Response(500))
    result = await run(router, fake_time, retries=2)
    assert result.outcome is Outcome.ERROR and result.reason == "HTTP 500" and result.attempts == 3


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (404, Outcome.DEAD),
        (410, Outcome.DEAD),
        (403, Outcome.BLOCKED),
        (451, Outcome.BLOCKED),
        (401, Outcome.BLOCKED),
        (400, Outcome.ERROR),
        (501, Outcome.ERROR),
    ],
)
async def test_4xx_and_permanent_5xx_are_not_retried(
    fake_time: FakeTime, status: int, outcome: Outcome
) -> None:
    router = respx.Router(assert_all_called=True)
    route = router.get(URL).respond(status)
    result = await run(router, fake_time)
    assert result.outcome is outcome and result.attempts == 1 and route.call_count == 1
    assert fake_time.sleeps == []


async def test_anti_bot_503_page_is_blocked(fake_time: FakeTime) -> None:
    page = "<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"
    router = respx.Router(assert_all_called=True)
    router.get(URL).respond(503, html=page)
    result = await run(router, fake_time, retries=1)
    assert result.outcome is Outcome.BLOCKED and "anti-bot" in result.reason


async def test_unresolvable_connect_error_is_dead_at_once(fake_time: FakeTime) -> None:
    router = respx.Router(assert_all_called=True)
    route = router.get(URL).mock(side_effect=httpx.ConnectError("[Errno -2] Name or service not known"))
    result = await run(router, fake_time, retries=3)
    assert result.outcome is Outcome.DEAD and result.attempts == 1 and route.call_count == 1
    assert fake_time.sleeps == []


async def test_replay_miss_is_dead_at_once(fake_time: FakeTime) -> None:
    router = respx.Router(assert_all_called=True)
    router.get(URL).mock(side_effect=httpx.ConnectError(f"not in replay archive: {URL}"))
    result = await run(router, fake_time, retries=3)
    assert result.outcome is Outcome.DEAD and result.attempts == 1


async def test_other_connect_errors_are_retried(fake_time: FakeTime) -> None:
    router = respx.Router(assert_all_called=True)
    route = router.get(URL).mock(side_effect=[httpx.ConnectError("Network is unreachable"), _ok()])
    result = await run(router, fake_time, retries=2)
    assert result.outcome is Outcome.OK and route.call_count == 2 and fake_time.sleeps == [0.5]


async def test_tls_failures_are_not_retried(fake_time: FakeTime) -> None:
    router = respx.Router(assert_all_called=True)
    router.get(URL).mock(
        side_effect=httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate expired")
    )
    result = await run(router, fake_time, retries=2)
    assert result.outcome is Outcome.ERROR and result.attempts == 1 and "cannot connect" in result.reason


async def test_read_timeouts_are_retried_then_an_error(fake_time: FakeTime) -> None:
    router = respx.Router(assert_all_called=True)
    router.get(URL).mock(side_effect=httpx.ReadTimeout("timed out"))
    result = await run(router, fake_time, retries=2)
    assert result.outcome is Outcome.ERROR and result.attempts == 3
    assert result.error == "ReadTimeout: timed out"
    assert fake_time.sleeps == [0.5, 1.0]


async def test_every_attempt_is_logged_and_stored(fake_time: FakeTime) -> None:
    from citecheck.store import db as store

    router = respx.Router(assert_all_called=True)
    router.get(URL).mock(side_effect=[httpx.ConnectTimeout("slow"), httpx.Response(503), _ok()])
    result = await run(router, fake_time, retries=3, backoff_base=0.5)
    assert [(a.status, a.error is not None) for a in result.attempt_log] == [
        (None, True),
        (503, False),
        (200, False),
    ]
    assert "ConnectTimeout" in (result.attempt_log[0].error or "")
    database = store.open_db(":memory:")
    fetch_id = store.save_fetch(database, result, run_id=None, citation_id=None)
    logged = database.execute("SELECT attempt_log FROM fetches WHERE id = ?", [fetch_id]).fetchone()[0]
    assert [a["status"] for a in json.loads(logged)] == [None, 503, 200]
