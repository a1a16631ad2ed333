"""WarcReplayTransport: serve citecheck's and other tools' WARCs through the shared client."""

from __future__ import annotations

import asyncio
import gzip
import io
import logging
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from citecheck.archive.warc import WarcWriter
from citecheck.config import Settings
from citecheck.errors import ReplayError
from citecheck.models import Exchange
from citecheck.net.client import make_client
from citecheck.net.replay import WarcReplayTransport
from tests.archive.builders import PAGE, T0, exchange, fetch, redirect

RUSSIAN = "<html><head><meta charset=windows-1251></head><body><p>Кремль ответил на вопрос</p></body></html>"


def _client(paths: list[Path]) -> httpx.AsyncClient:
    return make_client(Settings(), transport=WarcReplayTransport(paths))


@pytest.fixture
def our_archive(tmp_path: Path) -> Path:
    """citecheck's own WARCs: a redirect to a gzip page, a later revisit, a cp1251 page."""
    folder = tmp_path / "archive"
    with WarcWriter(folder) as writer:
        writer.write_fetch(
            fetch(
                redirect("http://news.example/a", "https://news.example/a/"),
                exchange("https://news.example/a/"),
            ),
            metadata={},
        )
        writer.write_fetch(fetch(exchange("https://news.example/a/", at=T0 + timedelta(days=1))), metadata={})
        cp1251 = exchange(
            "https://ru.example/story?id=7",
            RUSSIAN.encode("cp1251"),
            headers=(("Content-Type", "text/html"),),
            gzipped=False,
        )
        writer.write_fetch(fetch(cp1251), metadata={})
    return folder


async def test_serves_our_records_as_recorded(our_archive: Path) -> None:
    async with _client([our_archive]) as client:
        hop = await client.get("http://news.example/a")
        assert hop.status_code == 301 and hop.headers["location"] == "https://news.example/a/"
        page = await client.get(hop.headers["location"])
        assert page.status_code == 200 and page.reason_phrase == "OK"
        assert page.headers["content-encoding"] == "gzip"  # kept: httpx decodes as it did live
        assert page.content == PAGE
        ru = await client.get("https://ru.example/story?id=7")
        assert "Кремль ответил" in ru.content.decode("cp1251")


async def test_url_matching_is_tolerant_but_not_loose(our_archive: Path) -> None:
    async with _client([our_archive]) as client:
        for variant in (
            "https://news.example:443/a/",
            "https://NEWS.example/a",
            "https://news.example/a/#top",
        ):
            assert (await client.get(variant)).content == PAGE
        for missing in (
            "https://news.example/b",
            "https://news.example/a/b",
            "https://ru.example/story?id=8",
        ):
            with pytest.raises(httpx.ConnectError, match=re.escape(f"not in replay archive: {missing}")):
                await client.get(missing)


async def test_head_gets_headers_only(our_archive: Path) -> None:
    async with _client([our_archive]) as client:
        response = await client.head("https://news.example/a/")
    assert response.status_code == 200 and response.content == b""


def _standard_warc(path: Path, *, compress: bool) -> None:
    """A WARC as another crawler writes it: raw HTTP blocks, chunked body kept, a revisit."""
    body = gzip.compress(RUSSIAN.encode("cp1251"), mtime=0)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:40], body[40:])) + b"0\r\n\r\n"
    raw = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n"
        b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked
    )
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "another crawler"}))
        first = writer.create_warc_record(
            "http://other.example/page",
            "response",
            payload=io.BytesIO(raw),
            length=len(raw),
            warc_headers_dict={"WARC-Date": "2020-01-01T00:00:00Z"},
        )
        writer.write_record(first)
        head = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=windows-1251"), ("Content-Encoding", "gzip")],
            "HTTP/1.1",
        )
        revisit = writer.create_revisit_record(
            "http://other.example/page",
            first.rec_headers.get_header("WARC-Payload-Digest"),
            "http://other.example/page",
            "2020-01-01T00:00:00Z",
            http_headers=head,
            warc_headers_dict={"WARC-Date": "2021-01-01T00:00:00Z"},
        )
        writer.write_record(revisit)


@pytest.mark.parametrize("compress", [True, False])
async def test_standard_warc_with_chunked_response(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("other.warc.gz" if compress else "other.warc")
    _standard_warc(path, compress=compress)
    transport = WarcReplayTransport([path])
    assert transport.lookup("http://other.example/page").rec_type == "revisit"  # newest first
    async with make_client(Settings(), transport=transport) as client:
        response = await client.get("http://other.example/page")
    assert "transfer-encoding" not in response.headers
    assert response.text == RUSSIAN  # de-chunked, gunzipped, charset from the header


async def test_newest_response_wins(tmp_path: Path) -> None:
    with WarcWriter(tmp_path) as writer:
        writer.write_fetch(
            fetch(exchange("https://a.example/", b"new", at=T0 + timedelta(hours=1))), metadata={}
        )
        writer.write_fetch(fetch(exchange("https://a.example/", b"old", at=T0)), metadata={})
    async with _client([tmp_path]) as client:
        assert (await client.get("https://a.example")).content == b"new"


def test_unreadable_archives_fail_at_construction(tmp_path: Path) -> None:
    garbage = tmp_path / "bad.warc.gz"
    garbage.write_bytes(b"this is not a WARC file\n" * 10)
    with pytest.raises(ReplayError, match=r"cannot read WARC .*bad\.warc\.gz") as caught:
        WarcReplayTransport([garbage])
    assert "\n" not in str(caught.value)
    with pytest.raises(ReplayError, match="replay archive not found"):
        WarcReplayTransport([tmp_path / "missing"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(ReplayError, match=r"no \.warc or \.warc\.gz files"):
        WarcReplayTransport([tmp_path / "empty"])


def test_trailing_garbage_is_skipped(our_archive: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = next(our_archive.glob("*.warc.gz"))
    with open(path, "ab") as handle:
        handle.write(b"\x1f\x8b\x08\x00 truncated gzip member from a crash")
    with caplog.at_level(logging.WARNING):
        transport = WarcReplayTransport([our_archive])
    assert transport.lookup("https://news.example/a/") is not None
    assert "unreadable tail" in caplog.text


def test_revisit_without_original_is_dropped(our_archive: Path, caplog: pytest.LogCaptureFixture) -> None:
    files = sorted(our_archive.glob("*.warc.gz"))
    with WarcWriter(our_archive) as writer:
        writer.write_fetch(fetch(exchange("https://news.example/a/", at=T0 + timedelta(days=2))), metadata={})
    new_file = next(p for p in our_archive.glob("*.warc.gz") if p not in files)
    with caplog.at_level(logging.WARNING):
        transport = WarcReplayTransport([new_file])  # the original lives in the other file
    assert transport.lookup("https://news.example/a/") is None
    assert "has no original" in caplog.text


# -- a real server on 127.0.0.1: capture live, replay, compare --------------------------------

_LIVE_PAGE = RUSSIAN.encode("cp1251") * 20


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    request = await reader.readuntil(b"\r\n\r\n")
    path = request.split(b" ", 2)[1]
    if path == b"/old":
        writer.write(b"HTTP/1.1 302 Found\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n")
    else:
        body = gzip.compress(_LIVE_PAGE)
        chunks = b"".join(
            b"%x\r\n%s\r\n" % (len(body[i : i + 100]), body[i : i + 100]) for i in range(0, len(body), 100)
        )
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\nContent-Encoding: gzip\r\n"
            b"Transfer-Encoding: chunked\r\nX-Custom: \xe9t\xe9\r\n\r\n" + chunks + b"0\r\n\r\n"
        )
    await writer.drain()
    writer.close()


@pytest.fixture
async def live_server() -> AsyncIterator[str]:
    """A tiny HTTP/1.1 server: /old redirects to /new, a chunked gzip cp1251 page."""
    server = await asyncio.start_server(_serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        await server.wait_closed()


async def _capture(client: httpx.AsyncClient, url: str) -> tuple[Exchange, httpx.Response, bytes]:
    """Fetch once, keeping the raw (still content-encoded) body, as the fetch stage does."""
    started = datetime.now(UTC)
    async with client.stream("GET", url) as response:
        raw = b"".join([chunk async for chunk in response.aiter_raw()])
    decoded = httpx.Response(
        200, headers=[("Content-Encoding", response.headers.get("content-encoding", ""))], content=raw
    )
    ex = Exchange(
        url=str(response.request.url),
        method="GET",
        request_headers=tuple(
            (k.decode("latin-1"), v.decode("latin-1")) for k, v in response.request.headers.raw
        ),
        status=response.status_code,
        reason=response.reason_phrase,
        http_version=response.http_version,
        headers=tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw),
        raw_body=raw,
        started_at=started,
        remote_ip="127.0.0.1",
    )
    return ex, response, decoded.content


async def test_live_capture_replays_identically(live_server: str, tmp_path: Path) -> None:
    async with httpx.AsyncClient(trust_env=False) as live:
        hop, _, _ = await _capture(live, f"{live_server}/old")
        page, page_response, live_body = await _capture(live, f"{live_server}/new")
    assert live_body == _LIVE_PAGE and page_response.headers["transfer-encoding"] == "chunked"
    with WarcWriter(tmp_path) as writer:
        writer.write_fetch(fetch(hop, page), metadata={})
    async with _client([tmp_path]) as client:
        replayed_hop = await client.get(f"{live_server}/old")
        replayed = await client.get(f"{live_server}/new")
    assert replayed_hop.status_code == 302 and replayed_hop.headers["location"] == "/new"
    assert replayed.content == live_body
    assert replayed.text == _LIVE_PAGE.decode("cp1251")
    assert replayed.encoding == "windows-1251"
    expected = [(k, v) for k, v in page_response.headers.multi_items() if k != "transfer-encoding"]
    got = [(k, v) for k, v in replayed.headers.multi_items() if k != "content-length"]
    assert got == expected
