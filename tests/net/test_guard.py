"""The safety guard: schemes, private addresses (all forms), connect-time checks and pinning."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import httpx
import pytest
import respx

from citecheck.config import load
from citecheck.errors import UnsafeURLError
from citecheck.fetch import Fetcher
from citecheck.models import Outcome
from citecheck.net.client import make_client
from citecheck.net.guard import (
    GuardedNetworkBackend,
    GuardedTransport,
    check_url,
    forbidden_reason,
    make_live_transport,
)
from tests.fetch.servers import article_html, html_response, routes, serve


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "shared (carrier-grade NAT)"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "private"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fc00::1", "private"),
        ("fe80::1", "link-local"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback"),  # 6to4 around 127.0.0.1
        ("2002:a9fe:a9fe::", "link-local"),  # 6to4 around 169.254.169.254
        ("64:ff9b::a00:1", "private"),  # NAT64 around 10.0.0.1
        ("64:ff9b:1::1", "private"),  # local-use NAT64
    ],
)
def test_forbidden_addresses(address: str, reason: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "93.184.216.34",
        "198.18.0.1",
        "198.19.255.254",
        "::ffff:198.18.3.4",
        "2606:4700::1111",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
    ],
)
def test_public_and_fake_ip_addresses_are_allowed(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/x",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://localhost/",
        "http://api.localhost:8080/",
        "http://127.0.0.1:8000/",
        "http://[::1]/",
        "http://[::ffff:7f00:1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http:///nohost",
    ],
)
def test_check_url_refuses(url: str) -> None:
    with pytest.raises(UnsafeURLError):
        check_url(url)


def test_check_url_allows_public_and_private_when_asked() -> None:
    check_url("https://ria.ru/20250218/lavrov-2000217384.html")
    check_url("http://198.18.0.7/")
    check_url("http://127.0.0.1:8000/", allow_private=True)
    with pytest.raises(UnsafeURLError):
        check_url("gopher://127.0.0.1/", allow_private=True)


def test_make_live_transport_is_guarded() -> None:
    settings = load(read_file=False, read_env=False, overrides={"http2": False})
    transport = make_live_transport(settings, limits=httpx.Limits(max_connections=2))
    assert isinstance(transport, GuardedTransport)
    assert transport.backend.allow_private is False


def _settings(**overrides: object):  # type: ignore[no-untyped-def]
    base = {"per_host_interval": 0.0, "retries": 2, "mirrors": []}
    base.update(overrides)
    return load(read_file=False, read_env=False, overrides=base)


@pytest.mark.asyncio
async def test_loopback_url_is_refused_and_never_contacted() -> None:
    async with serve(routes({}, default=html_response(article_html("x")))) as server:
        settings = _settings()
        async with make_client(settings) as client:
            result = await Fetcher(client, settings).fetch(server.url("/news/2025/article-x"))
    assert result.outcome is Outcome.ERROR
    assert "refused" in result.reason and "loopback" in result.reason
    assert result.error is not None and result.error.startswith("UnsafeURLError")
    assert server.requests == []


@pytest.mark.asyncio
async def test_redirect_hop_to_a_private_address_is_refused() -> None:
    router = respx.Router(assert_all_called=True)
    router.get("http://news.example/a/2025/story-slug-here").respond(
        301, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    settings = _settings()
    async with make_client(settings, transport=httpx.MockTransport(router.async_handler)) as client:
        result = await Fetcher(client, settings).fetch("http://news.example/a/2025/story-slug-here")
    assert result.outcome is Outcome.ERROR
    assert "169.254.169.254" in result.reason and "link-local" in result.reason
    assert [h.status for h in result.chain] == [301]


def _transport(resolver, allow_private: bool) -> GuardedTransport:  # type: ignore[no-untyped-def]
    return GuardedTransport(
        http2=False, limits=httpx.Limits(), allow_private=allow_private, resolver=resolver
    )


@pytest.mark.asyncio
async def test_resolved_private_address_is_refused_at_connect_time() -> None:
    asked: list[str] = []

    async def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["93.184.216.34", "10.0.0.5"]  # one public answer does not excuse a private one

    async with httpx.AsyncClient(transport=_transport(rebinding, allow_private=False)) as client:
        with pytest.raises(UnsafeURLError, match=r"10\.0\.0\.5"):
            await client.get("http://rebind.test/")
    assert asked == ["rebind.test"]


@pytest.mark.asyncio
async def test_connection_is_pinned_to_the_checked_address_keeping_the_host_name() -> None:
    async def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    transport = _transport(resolver, allow_private=True)
    async with (
        serve(routes({"/": html_response("<p>hi</p>")})) as server,
        httpx.AsyncClient(transport=transport) as client,
    ):
        response = await client.get(f"http://pinned.test:{server.port}/")
    assert response.status_code == 200
    assert server.requests[0].header("host") == f"pinned.test:{server.port}"


@pytest.mark.asyncio
async def test_unresolvable_name_is_dead_without_retries() -> None:
    calls: list[str] = []

    async def failing(host: str, port: int) -> list[str]:
        calls.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        await asyncio.sleep(0)

    settings = _settings()
    async with httpx.AsyncClient(transport=_transport(failing, allow_private=False)) as client:
        result = await Fetcher(client, settings, sleep=sleep).fetch("https://no-such-host.test/a/123456")
    assert result.outcome is Outcome.DEAD
    assert "does not resolve" in result.reason
    assert calls == ["no-such-host.test"] and sleeps == [] and result.attempts == 1


@pytest.mark.asyncio
async def test_guarded_stream_answers_socket_questions_like_the_stream_it_wraps() -> None:
    """The pool's questions (readable? which peer?) get the wrapped stream's answers."""
    closed = asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1)
        writer.close()
        closed.set()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    backend = GuardedNetworkBackend(allow_private=True)
    stream = await backend.connect_tcp("127.0.0.1", port, timeout=5)
    try:
        assert stream.get_extra_info("server_addr") == ("127.0.0.1", port)
        assert stream.get_extra_info("socket").getpeername() == ("127.0.0.1", port)
        assert stream.get_extra_info("client_addr")[0] == "127.0.0.1"
        assert stream.get_extra_info("ssl_object") is None
        assert stream.get_extra_info("is_readable") is False
        await stream.write(b"x", timeout=5)
        await closed.wait()
        assert await stream.read(10, timeout=5) == b""
        assert stream.get_extra_info("is_readable") is True
    finally:
        await stream.aclose()
        server.close()
        await server.wait_closed()
