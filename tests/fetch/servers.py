"""A tiny raw HTTP/1.1 server on 127.0.0.x for fault tests: every byte is under the test's control."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


Handler = Callable[[Request, asyncio.StreamWriter], Awaitable[None]]


def response_bytes(
    status: int = 200,
    body: bytes = b"",
    headers: dict[str, str] | list[tuple[str, str]] | None = None,
    *,
    length: int | None = None,
) -> bytes:
    """A complete HTTP/1.1 response (Connection: close), Content-Length = ``length`` or len(body)."""
    pairs = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
    names = {k.lower() for k, _ in pairs}
    if "content-length" not in names and "transfer-encoding" not in names:
        pairs.append(("Content-Length", str(len(body) if length is None else length)))
    pairs.append(("Connection", "close"))
    head = f"HTTP/1.1 {status} X\r\n" + "".join(f"{k}: {v}\r\n" for k, v in pairs) + "\r\n"
    return head.encode("latin-1") + body


def html_response(html: str, status: int = 200, charset: str | None = "utf-8", **extra: str) -> bytes:
    """An HTML response encoded in ``charset`` (declared unless None)."""
    ctype = f"text/html; charset={charset}" if charset else "text/html"
    headers = {"Content-Type": ctype, **{k.replace("_", "-"): v for k, v in extra.items()}}
    return response_bytes(status, html.encode(charset or "utf-8"), headers)


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


@dataclass
class RawServer:
    """Serves ``handler`` on ``host``; records every request."""

    handler: Handler
    host: str = "127.0.0.1"
    port: int = 0
    requests: list[Request] = field(default_factory=list)
    _server: asyncio.Server | None = None

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()
            return
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        request = Request(method, path, headers)
        self.requests.append(request)
        try:
            await self.handler(request, writer)
            with contextlib.suppress(ConnectionError):
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def start(self) -> RawServer:
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 1)


@contextlib.asynccontextmanager
async def serve(handler: Handler, host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[RawServer]:
    server = await RawServer(handler, host=host, port=port).start()
    try:
        yield server
    finally:
        await server.stop()


def routes(table: dict[str, bytes | Handler], default: bytes | None = None) -> Handler:
    """A handler answering fixed bytes (or calling a handler) by path."""

    async def handle(request: Request, writer: asyncio.StreamWriter) -> None:
        answer = table.get(request.path, default)
        if answer is None:
            writer.write(response_bytes(404, b"not found", {"Content-Type": "text/plain"}))
        elif isinstance(answer, bytes):
            writer.write(answer)
        else:
            await answer(request, writer)

    return handle


class FakeTime:
    """A clock that only moves when the injected sleep is awaited; records every sleep."""

    def __init__(self) -> None:
        self.now = datetime(2025, 1, 1, tzinfo=UTC)
        self.sleeps: list[float] = []

    def clock(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += timedelta(seconds=seconds)
        await asyncio.sleep(0)


def article_html(title: str, paragraphs: int = 8, *, lang: str = "en", extra_head: str = "") -> str:
    """A realistic article page with enough own text to read as an article."""
    sentence = {
        "en": "The ministry said on Tuesday that the talks would continue next week in Geneva.",
        "ru": "В министерстве во вторник заявили, что переговоры продолжатся на следующей неделе в Женеве.",
        "uk": "У міністерстві у вівторок заявили, що переговори продовжаться наступного тижня в Женеві.",
    }[lang]
    body = "".join(f"<p>{sentence} {i}.</p>" for i in range(paragraphs))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:type" content="article">{extra_head}</head><body>'
        f'<nav><a href="/">Home</a> <a href="/politics/">Politics</a></nav>'
        f"<article><h1>{title}</h1>{body}</article><footer>© Outlet</footer></body></html>"
    )
