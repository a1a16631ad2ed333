"""The Fetcher against real HTTP servers on 127.0.0.1: faults, redirects, retries, politeness."""

from __future__ import annotations

import asyncio
import itertools
import zlib

import pytest

from citecheck.fetch import Fetcher
from citecheck.models import Outcome
from citecheck.net.client import make_client
from tests.fetch.conftest import make_settings
from tests.fetch.servers import (
    FakeTime,
    Request,
    article_html,
    gzip_bytes,
    html_response,
    response_bytes,
    routes,
    serve,
)

pytestmark = pytest.mark.asyncio

ARTICLE = article_html("Talks to continue in Geneva")


async def fetch(url: str, fake: FakeTime, **overrides: object) -> object:
    settings = make_settings(**overrides)
    async with make_client(settings) as client:
        return await Fetcher(client, settings, clock=fake.clock, sleep=fake.sleep).fetch(url)


async def test_ok_page_keeps_raw_gzip_in_exchange_and_decoded_body(fake_time: FakeTime) -> None:
    raw = gzip_bytes(ARTICLE.encode())
    answer = response_bytes(
        200, raw, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
    )
    async with serve(routes({"/news/2025/talks-continue-geneva": answer})) as server:
        result = await fetch(server.url("/news/2025/talks-continue-geneva"), fake_time)
    assert result.outcome is Outcome.OK
    assert result.status == 200
    assert result.body == ARTICLE.encode()
    assert result.text == ARTICLE and result.encoding == "utf-8"
    assert result.content_type == "text/html; charset=utf-8"
    assert ("Content-Encoding", "gzip") in result.headers
    (exchange,) = result.exchanges
    assert exchange.raw_body == raw
    assert exchange.status == 200 and exchange.http_version == "HTTP/1.1" and exchange.reason == "X"
    assert exchange.remote_ip == "127.0.0.1"
    sent = dict((k.lower(), v) for k, v in exchange.request_headers)
    assert sent["user-agent"].startswith("citecheck/")
    assert server.requests[0].header("user-agent") == sent["user-agent"]
    assert result.fetched_at == fake_time.now and result.attempts == 1


async def test_redirect_chain_is_followed_by_hand_and_recorded(fake_time: FakeTime) -> None:
    async def absolute(request: Request, writer: asyncio.StreamWriter) -> None:
        location = f"http://{request.header('host')}/news/2025/new-article-slug-here"
        writer.write(response_bytes(302, headers={"Location": location}))

    table = {
        "/news/2024/old-article-slug-here": response_bytes(301, headers={"Location": "/tmp-hop"}),
        "/tmp-hop": absolute,
        "/news/2025/new-article-slug-here": html_response(ARTICLE),
    }
    async with serve(routes(table)) as server:
        result = await fetch(server.url("/news/2024/old-article-slug-here"), fake_time)
    assert result.outcome is Outcome.MOVED
    assert result.url == server.url("/news/2024/old-article-slug-here")
    assert result.final_url == server.url("/news/2025/new-article-slug-here")
    assert [(h.status, h.location) for h in result.chain] == [
        (301, server.url("/tmp-hop")),
        (302, server.url("/news/2025/new-article-slug-here")),
        (200, None),
    ]
    assert [e.status for e in result.exchanges] == [301, 302, 200]


async def test_cookies_live_only_within_one_chain_on_their_host(fake_time: FakeTime) -> None:
    table = {
        "/set": response_bytes(
            302, headers={"Location": "/news/2025/check-article-x", "Set-Cookie": "c=1; Path=/"}
        ),
        "/news/2025/check-article-x": html_response(ARTICLE),
    }
    async with serve(routes(table)) as server:
        await fetch(server.url("/set"), fake_time)
    assert server.requests[1].header("cookie") == "c=1"


async def test_redirect_loop_is_an_error_not_a_hang(fake_time: FakeTime) -> None:
    table = {
        "/a": response_bytes(302, headers={"Location": "/b"}),
        "/b": response_bytes(302, headers={"Location": "/a"}),
    }
    async with serve(routes(table)) as server:
        result = await fetch(server.url("/a"), fake_time)
    assert result.outcome is Outcome.ERROR
    assert "redirect loop" in result.reason
    assert result.error is not None and result.error.startswith("RedirectError")
    assert len(result.chain) == 2 and result.attempts == 1


async def test_chain_longer_than_the_limit_is_an_error(fake_time: FakeTime) -> None:
    async def endless(request: Request, writer: asyncio.StreamWriter) -> None:
        n = int(request.path.rsplit("/", 1)[1])
        writer.write(response_bytes(301, headers={"Location": f"/r/{n + 1}"}))

    async with serve(endless) as server:
        result = await fetch(server.url("/r/0"), fake_time, max_redirects=3)
    assert result.outcome is Outcome.ERROR
    assert "more than 3 redirects" in result.reason
    assert len(result.chain) == 4 and len(server.requests) == 4


async def test_slow_server_times_out_and_is_retried(fake_time: FakeTime) -> None:
    async def slow(request: Request, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(3)
        writer.write(html_response(ARTICLE))

    async with serve(slow) as server:
        result = await fetch(server.url("/slow"), fake_time, read_timeout=0.2, retries=1)
    assert result.outcome is Outcome.ERROR
    assert "timed out after 2 attempts" in result.reason
    assert result.error is not None and "Timeout" in result.error
    assert len(server.requests) == 2 and len(fake_time.sleeps) == 1


async def test_total_timeout_bounds_a_trickling_body(fake_time: FakeTime) -> None:
    async def trickle(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(response_bytes(200, b"", {"Content-Type": "text/html"}, length=10_000))
        for _ in range(100):
            writer.write(b"<p>x</p>")
            await writer.drain()
            await asyncio.sleep(0.05)

    async with serve(trickle) as server:
        result = await fetch(server.url("/trickle"), fake_time, total_timeout=0.3, retries=0)
    assert result.outcome is Outcome.ERROR and "timed out" in result.reason


async def test_reset_mid_body_is_retried_then_an_error(fake_time: FakeTime) -> None:
    async def reset(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(
            response_bytes(200, b"<html>" + b"x" * 100, {"Content-Type": "text/html"}, length=50_000)
        )
        await writer.drain()
        writer.transport.abort()

    async with serve(reset) as server:
        result = await fetch(server.url("/reset"), fake_time, retries=2)
    assert result.outcome is Outcome.ERROR
    assert "mid-response after 3 attempts" in result.reason
    assert result.attempts == 3 and len(server.requests) == 3
    assert result.exchanges == ()


async def test_reset_once_then_ok(fake_time: FakeTime) -> None:
    calls = []

    async def flaky(request: Request, writer: asyncio.StreamWriter) -> None:
        calls.append(1)
        if len(calls) == 1:
            writer.write(response_bytes(200, b"<html>", {"Content-Type": "text/html"}, length=9_000))
            await writer.drain()
            writer.transport.abort()
        else:
            writer.write(html_response(ARTICLE))

    async with serve(flaky) as server:
        result = await fetch(server.url("/news/2025/flaky-article-slug"), fake_time)
    assert result.outcome is Outcome.OK and result.attempts == 2
    assert len(result.exchanges) == 1


async def test_truncated_gzip_is_retried_then_an_error_with_partial_body(fake_time: FakeTime) -> None:
    whole = gzip_bytes(ARTICLE.encode() * 20)
    cut = whole[: len(whole) // 2]
    answer = response_bytes(200, cut, {"Content-Type": "text/html", "Content-Encoding": "gzip"})
    async with serve(routes({"/gz": answer})) as server:
        result = await fetch(server.url("/gz"), fake_time, retries=1)
    assert result.outcome is Outcome.ERROR
    assert "truncated" in result.reason
    assert result.error is not None and result.error.startswith("BodyDecodingError")
    assert 0 < len(result.body) < len(ARTICLE.encode()) * 20
    assert result.attempts == 2
    assert result.exchanges[0].raw_body == cut


async def test_corrupt_gzip_is_an_error(fake_time: FakeTime) -> None:
    answer = response_bytes(200, b"\x1f\x8b\x08\x00garbage-garbage", {"Content-Encoding": "gzip"})
    async with serve(routes({"/bad": answer})) as server:
        result = await fetch(server.url("/bad"), fake_time, retries=0)
    assert result.outcome is Outcome.ERROR and "corrupt gzip" in result.reason


async def test_endless_body_is_cut_at_the_cap(fake_time: FakeTime) -> None:
    async def endless(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(
            response_bytes(200, ARTICLE.encode()[:-14], {"Content-Type": "text/html"}, length=10**12)
        )
        chunk = b"<p>" + b"more text " * 1000 + b"</p>"
        for _ in range(10_000):
            writer.write(chunk)
            await writer.drain()

    async with serve(endless) as server:
        result = await fetch(server.url("/news/2025/endless-article-page"), fake_time, max_body_bytes=300_000)
    assert len(result.body) == 300_000
    assert "body cut at 300000 bytes" in result.reason
    assert result.outcome is Outcome.OK


async def test_decompression_bomb_is_capped_while_streaming(fake_time: FakeTime) -> None:
    bomb = zlib.compress(b"\0" * 50_000_000, 9)  # deflate: 50 MB of zeros in about 50 KB
    answer = response_bytes(
        200, bomb, {"Content-Type": "application/octet-stream", "Content-Encoding": "deflate"}
    )
    async with serve(routes({"/bomb": answer})) as server:
        result = await fetch(server.url("/bomb"), fake_time, max_body_bytes=1_000_000)
    assert len(result.body) == 1_000_000
    assert "body cut" in result.reason and result.text is None


async def test_429_with_retry_after_is_honoured(fake_time: FakeTime) -> None:
    answers = [response_bytes(429, b"slow down", {"Retry-After": "7"}), html_response(ARTICLE)]

    async def limited(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(answers.pop(0))

    async with serve(limited) as server:
        result = await fetch(server.url("/news/2025/limited-article-x"), fake_time)
    assert result.outcome is Outcome.OK and result.attempts == 2
    assert fake_time.sleeps == [pytest.approx(7.0)]


async def test_retry_after_is_capped(fake_time: FakeTime) -> None:
    answers = [response_bytes(503, b"", {"Retry-After": "3600"}), html_response(ARTICLE)]

    async def busy(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(answers.pop(0))

    async with serve(busy) as server:
        result = await fetch(server.url("/news/2025/busy-article-x"), fake_time, max_retry_after=5.0)
    assert result.outcome is Outcome.OK
    assert fake_time.sleeps == [pytest.approx(5.0)]


async def test_503_then_200_backs_off(fake_time: FakeTime) -> None:
    answers = [response_bytes(503, b"busy"), response_bytes(503, b"busy"), html_response(ARTICLE)]

    async def busy(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(answers.pop(0))

    async with serve(busy) as server:
        result = await fetch(server.url("/news/2025/busy-article-y"), fake_time, retries=2, backoff_base=0.5)
    assert result.outcome is Outcome.OK and result.attempts == 3
    first, second = fake_time.sleeps
    assert 0.5 <= first <= 0.75 and 1.0 <= second <= 1.5
    assert [e.status for e in result.exchanges] == [503, 503, 200]  # every attempt kept, final last
    assert [hop.status for hop in result.chain] == [200]


async def test_404_is_dead_without_retries(fake_time: FakeTime) -> None:
    async with serve(routes({})) as server:
        result = await fetch(server.url("/gone"), fake_time)
    assert result.outcome is Outcome.DEAD and result.attempts == 1 and fake_time.sleeps == []


async def test_connection_refused_is_dead_after_retries(fake_time: FakeTime) -> None:
    async with serve(routes({})) as server:
        url = server.url("/x")
    result = await fetch(url, fake_time, retries=2)
    assert result.outcome is Outcome.DEAD
    assert "connection refused after 3 attempts" in result.reason
    assert result.error is not None and result.error.startswith("ConnectError")
    assert len(fake_time.sleeps) == 2


async def test_conditional_request_yields_304_not_modified(fake_time: FakeTime) -> None:
    async def conditional(request: Request, writer: asyncio.StreamWriter) -> None:
        if request.header("if-none-match") == '"v1"':
            writer.write(response_bytes(304, headers={"ETag": '"v1"'}))
        else:
            writer.write(html_response(ARTICLE, ETag='"v1"'))

    settings = make_settings()
    async with serve(conditional) as server, make_client(settings) as client:
        fetcher = Fetcher(client, settings, clock=fake_time.clock, sleep=fake_time.sleep)
        first = await fetcher.fetch(server.url("/news/2025/cond-article-x"))
        again = await fetcher.fetch(server.url("/news/2025/cond-article-x"), etag='"v1"', last_modified="x")
    assert first.outcome is Outcome.OK and not first.not_modified
    assert again.outcome is Outcome.OK and again.not_modified and again.status == 304
    assert again.body == b""
    assert server.requests[1].header("if-modified-since") == "x"


async def test_hosts_are_spaced_by_the_interval_and_capped(fake_time: FakeTime) -> None:
    settings = make_settings(per_host_interval=1.0)
    async with serve(routes({}, default=html_response(ARTICLE))) as server, make_client(settings) as client:
        fetcher = Fetcher(client, settings, clock=fake_time.clock, sleep=fake_time.sleep)
        paths = [f"/news/2025/article-number-{i}" for i in range(4)]
        results = await asyncio.gather(*(fetcher.fetch(server.url(p)) for p in paths))
    starts = sorted(r.exchanges[0].started_at for r in results)
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(starts)]
    assert gaps == [pytest.approx(1.0)] * 3


async def test_the_gate_hears_when_request_headers_leave(
    fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citecheck.fetch.politeness import HostGate

    calls: list[str] = []
    original = HostGate.sent

    def spy(self: HostGate, key: str) -> None:
        calls.append(key)
        original(self, key)

    monkeypatch.setattr(HostGate, "sent", spy)
    async with serve(routes({"/news/2025/spaced-article-x": html_response(ARTICLE)})) as server:
        result = await fetch(server.url("/news/2025/spaced-article-x"), fake_time)
    assert result.outcome is Outcome.OK
    assert calls == [f"127.0.0.1:{server.port}"] * 2  # global slot taken, then headers written


async def test_mirror_answers_when_the_domain_is_dead(fake_time: FakeTime) -> None:
    async with serve(routes({})) as dead_host:
        alive = routes({"/news/498215-prisoner-exchange-slug.html": html_response(ARTICLE)})
        async with serve(alive, host="127.0.0.2", port=dead_host.port):
            url = dead_host.url("/news/498215-prisoner-exchange-slug.html")
            result = await fetch(url, fake_time, mirrors=[["127.0.0.1", "127.0.0.2"]])
    assert result.outcome is Outcome.OK
    assert result.mirror == "127.0.0.2"
    assert result.url == url
    assert result.final_url.startswith("http://127.0.0.2:")
    assert "mirror 127.0.0.2 answered" in result.reason and "HTTP 404" in result.reason
    assert [e.status for e in result.exchanges] == [404, 200]


async def test_mirror_answers_when_the_domain_is_unreachable(fake_time: FakeTime) -> None:
    async def reset(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.transport.abort()

    path = "/news/498215-prisoner-exchange-slug.html"
    mirrors = [["127.0.0.1", "127.0.0.2"]]
    async with serve(reset) as down, serve(routes({path: html_response(ARTICLE)}), "127.0.0.2", down.port):
        result = await fetch(down.url(path), fake_time, retries=0, mirrors=mirrors)
    assert result.outcome is Outcome.OK and result.mirror == "127.0.0.2"
    assert "error at 127.0.0.1" in result.reason


async def test_cookies_and_authorization_do_not_cross_hosts(fake_time: FakeTime) -> None:
    landing = "/news/2025/landing-article-x"
    async with serve(routes({landing: html_response(ARTICLE)}), host="127.0.0.2") as other:
        first = response_bytes(
            302, headers={"Location": other.url(landing), "Set-Cookie": "sid=secret; Path=/"}
        )
        async with serve(routes({"/start": first})) as start:
            settings = make_settings()
            async with make_client(settings) as client:
                client.headers["Authorization"] = "Bearer token"
                fetcher = Fetcher(client, settings, clock=fake_time.clock, sleep=fake_time.sleep)
                await fetcher.fetch(start.url("/start"))
                await fetcher.fetch(start.url("/start"))
    assert start.requests[0].header("authorization") == "Bearer token"
    assert other.requests[0].header("authorization") is None
    assert other.requests[0].header("cookie") is None
    assert start.requests[1].header("cookie") is None  # nothing kept between fetches


async def test_robots_txt_is_obeyed_when_asked(fake_time: FakeTime) -> None:
    robots = response_bytes(200, b"User-agent: *\nDisallow: /private\n", {"Content-Type": "text/plain"})
    table = {"/robots.txt": robots, "/news/2025/public-article-x": html_response(ARTICLE)}
    async with serve(routes(table, default=html_response(ARTICLE))) as server:
        settings = make_settings(respect_robots=True)
        async with make_client(settings) as client:
            fetcher = Fetcher(client, settings, clock=fake_time.clock, sleep=fake_time.sleep)
            blocked = await fetcher.fetch(server.url("/private/doc-2025-x"))
            allowed = await fetcher.fetch(server.url("/news/2025/public-article-x"))
    assert blocked.outcome is Outcome.BLOCKED and blocked.reason == "robots.txt"
    assert allowed.outcome is Outcome.OK
    assert [r.path for r in server.requests] == ["/robots.txt", "/news/2025/public-article-x"]
