"""Body reading: raw bytes kept, content decoded with a cap on decoded bytes."""

from __future__ import annotations

import gzip
import zlib

import brotli
import httpx
import pytest

from citecheck.fetch.body import read_body

pytestmark = pytest.mark.asyncio

TEXT = b"<p>" + b"The talks will continue next week. " * 2000 + b"</p>"


class Chunks(httpx.AsyncByteStream):
    def __init__(self, data: bytes, size: int = 1000) -> None:
        self.parts = [data[i : i + size] for i in range(0, len(data), size)]

    async def __aiter__(self):  # type: ignore[no-untyped-def]
        for part in self.parts:
            yield part


def response(data: bytes, encoding: str | None, *, streamed: bool = True) -> httpx.Response:
    headers = {"Content-Encoding": encoding} if encoding else {}
    request = httpx.Request("GET", "https://example.test/")
    if streamed:
        return httpx.Response(200, headers=headers, stream=Chunks(data), request=request)
    return httpx.Response(200, headers=headers, content=data, request=request)


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        (None, lambda b: b),
        ("gzip", lambda b: gzip.compress(b)),
        ("deflate", zlib.compress),
        ("deflate", lambda b: zlib.compress(b)[2:-4]),  # raw deflate, as some servers send it
        ("br", brotli.compress),
        ("gzip, br", lambda b: brotli.compress(gzip.compress(b))),
    ],
)
async def test_decodes_and_keeps_raw(encoding: str | None, encode) -> None:  # type: ignore[no-untyped-def]
    raw = encode(TEXT)
    body = await read_body(response(raw, encoding), max_bytes=10**7)
    assert body.decoded == TEXT and body.raw == raw
    assert not body.cut and not body.incomplete and body.error is None


async def test_prebuilt_in_memory_responses_still_give_raw_bytes() -> None:
    raw = gzip.compress(TEXT)
    body = await read_body(response(raw, "gzip", streamed=False), max_bytes=10**7)
    assert body.raw == raw and body.decoded == TEXT


@pytest.mark.parametrize(
    ("encoding", "encode"), [("gzip", gzip.compress), ("br", brotli.compress), ("deflate", zlib.compress)]
)
async def test_bombs_stop_at_the_cap(encoding: str, encode) -> None:  # type: ignore[no-untyped-def]
    bomb = encode(b"\0" * 30_000_000)
    body = await read_body(response(bomb, encoding), max_bytes=100_000)
    assert body.cut and len(body.decoded) == 100_000


async def test_truncated_stream_is_flagged() -> None:
    whole = gzip.compress(TEXT)
    raw = whole[: len(whole) // 2]
    body = await read_body(response(raw, "gzip"), max_bytes=10**7)
    assert body.incomplete and 0 < len(body.decoded) < len(TEXT)


async def test_corrupt_stream_is_an_error() -> None:
    body = await read_body(response(b"\x1f\x8b\x08\x00" + b"\xff" * 100, "gzip"), max_bytes=10**7)
    assert body.error is not None and "gzip" in body.error


async def test_identity_body_over_the_cap_is_cut() -> None:
    body = await read_body(response(TEXT, None), max_bytes=5000)
    assert body.cut and body.decoded == TEXT[:5000]


async def test_identity_body_at_the_cap_is_whole_and_read_once() -> None:
    body = await read_body(response(TEXT, None), max_bytes=len(TEXT))
    assert not body.cut and not body.incomplete and body.error is None
    assert body.decoded == TEXT and body.raw is body.decoded  # one buffer, not a decoded copy
