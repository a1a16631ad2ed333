"""HTTP/2 where the server offers it: a real TLS server on 127.0.0.1 speaking h2 (ALPN) or HTTP/1.1."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import h2.config
import h2.connection
import h2.events
import httpx
import pytest
import trustme

from citecheck.fetch import Fetcher
from citecheck.models import Outcome
from citecheck.net.guard import GuardedTransport
from tests.fetch.conftest import make_settings
from tests.fetch.servers import article_html

OLD = "/news/2025/06/02/12345-talks-in-istanbul"
NEW = "/news/2025/06/02/12345-talks-in-istanbul-continue"
PAGE = article_html("Talks in Istanbul continue").encode()


@dataclass
class TlsServer:
    """Answers OLD with a 301 to NEW and NEW with an article, over h2 or HTTP/1.1 (ALPN)."""

    context: ssl.SSLContext
    port: int = 0
    connections: list[str] = field(default_factory=list)

    def _answer(self, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
        if path == OLD:
            return 301, [("location", NEW), ("content-length", "0")], b""
        if path == NEW:
            return (
                200,
                [("content-type", "text/html; charset=utf-8"), ("content-length", str(len(PAGE)))],
                PAGE,
            )
        return 404, [("content-length", "0")], b""

    async def _h2(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=False))
        conn.initiate_connection()
        writer.write(conn.data_to_send())
        while data := await reader.read(65536):
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    headers = {bytes(k): bytes(v) for k, v in event.headers}
                    status, extra, body = self._answer(headers[b":path"].decode())
                    conn.send_headers(
                        event.stream_id, [(":status", str(status)), *extra], end_stream=not body
                    )
                    if body:
                        conn.send_data(event.stream_id, body, end_stream=True)
            writer.write(conn.data_to_send())
            await writer.drain()

    async def _http11(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        path = head.split(b" ", 2)[1].decode()
        status, extra, body = self._answer(path)
        lines = [f"HTTP/1.1 {status} X", *(f"{k}: {v}" for k, v in extra), "Connection: close", "", ""]
        writer.write("\r\n".join(lines).encode() + body)
        await writer.drain()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        ssl_object = writer.get_extra_info("ssl_object")
        protocol = ssl_object.selected_alpn_protocol() if ssl_object else None
        self.connections.append(protocol or "none")
        try:
            await (self._h2 if protocol == "h2" else self._http11)(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
async def tls_server(ca: trustme.CA) -> AsyncIterator[TlsServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost").configure_cert(context)
    context.set_alpn_protocols(["h2", "http/1.1"])
    server = TlsServer(context)
    listener = await asyncio.start_server(server.handle, "127.0.0.1", 0, ssl=context)
    server.port = listener.sockets[0].getsockname()[1]
    async with listener:
        yield server


async def _loopback(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]


async def _fetch(server: TlsServer, ca: trustme.CA, *, http2: bool) -> tuple[Fetcher, httpx.AsyncClient]:
    settings = make_settings(http2=http2)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    transport = GuardedTransport(
        http2=settings.http2,
        limits=httpx.Limits(max_connections=4),
        allow_private=True,
        resolver=_loopback,
        ssl_context=client_context,
    )
    from citecheck.net.client import make_client

    client = make_client(settings, transport=transport)
    return Fetcher(client, settings), client


@pytest.mark.asyncio
async def test_http2_is_used_when_offered_and_one_connection_serves_the_chain(
    tls_server: TlsServer, ca: trustme.CA
) -> None:
    fetcher, client = await _fetch(tls_server, ca, http2=True)
    async with client:
        result = await fetcher.fetch(f"https://localhost:{tls_server.port}{OLD}")
    assert result.outcome is Outcome.MOVED
    assert [hop.status for hop in result.chain] == [301, 200]
    assert [e.http_version for e in result.exchanges] == ["HTTP/2", "HTTP/2"]
    assert result.text is not None and "Talks in Istanbul continue" in result.text
    assert tls_server.connections == ["h2"]  # TLS verified on the name, connection pinned and reused


@pytest.mark.asyncio
async def test_http11_when_http2_is_turned_off(tls_server: TlsServer, ca: trustme.CA) -> None:
    fetcher, client = await _fetch(tls_server, ca, http2=False)
    async with client:
        result = await fetcher.fetch(f"https://localhost:{tls_server.port}{NEW}")
    assert result.outcome is Outcome.OK
    assert [e.http_version for e in result.exchanges] == ["HTTP/1.1"]
    assert tls_server.connections == ["http/1.1"]
