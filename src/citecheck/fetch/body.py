"""Read a response body twice over: raw as received (for the WARC) and content-decoded.

httpx's own decoders decode a whole network chunk at once, so a small gzip or brotli
"bomb" could expand to gigabytes before anyone counts. Here every decoder is asked for
at most the bytes still allowed, and reading stops as soon as the cap is reached.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import httpx

LOGGER = logging.getLogger(__name__)

try:  # httpx[brotli] brings the brotli package
    import brotli as _brotli
except ImportError:  # pragma: no cover - brotli is a dependency
    _brotli = None

# Largest slice of compressed input handed to a decoder at once (bounds its work per call).
_FEED_BYTES = 16 * 1024


class BodyDecodingError(Exception):
    """A content-encoded body that cannot be decoded (corrupt or truncated stream)."""


class _Decoder(Protocol):
    def decode(self, data: bytes, limit: int) -> bytes: ...
    def flush(self, limit: int) -> bytes: ...
    @property
    def complete(self) -> bool: ...


class _Identity:
    complete = True

    def decode(self, data: bytes, limit: int) -> bytes:
        return data

    def flush(self, limit: int) -> bytes:
        return b""


class _Zlib:
    """gzip or deflate (zlib-wrapped, or raw as some servers send it), output-limited."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._obj = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)
        self._first = True
        self._pending = b""

    @property
    def complete(self) -> bool:
        return self._obj.eof

    def decode(self, data: bytes, limit: int) -> bytes:
        if self._first and data:
            self._first = False
            if not self._gzip:  # "deflate" is zlib-wrapped by the RFC, raw by some servers
                probe = zlib.decompressobj(zlib.MAX_WBITS)
                try:
                    out = probe.decompress(data, max(1, limit))
                except zlib.error:
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                else:
                    self._obj = probe
                    self._pending = probe.unconsumed_tail
                    return out
        return self._run(data, limit)

    def _run(self, data: bytes, limit: int) -> bytes:
        if self._obj.eof:
            return b""
        try:
            out = self._obj.decompress(self._pending + data, max(1, limit))
        except zlib.error as exc:
            raise BodyDecodingError(f"corrupt {'gzip' if self._gzip else 'deflate'} stream: {exc}") from exc
        self._pending = self._obj.unconsumed_tail
        return out

    def flush(self, limit: int) -> bytes:
        return self._run(b"", limit) if self._pending else b""


class _Brotli:
    """Brotli with the output buffer limited (brotli >= 1.2)."""

    def __init__(self) -> None:
        if _brotli is None:  # pragma: no cover
            raise BodyDecodingError("brotli body but the brotli package is not installed")
        self._obj = _brotli.Decompressor()
        self._backlog = False

    @property
    def complete(self) -> bool:
        return bool(self._obj.is_finished())

    def decode(self, data: bytes, limit: int) -> bytes:
        out = bytearray()
        try:
            if self._backlog:
                while len(out) < limit and not self._obj.can_accept_more_data():
                    out += self._obj.process(b"", output_buffer_limit=max(1, limit - len(out)))
                self._backlog = not self._obj.can_accept_more_data()
                if self._backlog:
                    return bytes(out)
            if data and len(out) < limit:
                out += self._obj.process(data, output_buffer_limit=max(1, limit - len(out)))
                self._backlog = not self._obj.can_accept_more_data()
        except _brotli.error as exc:
            raise BodyDecodingError(f"corrupt brotli stream: {exc}") from exc
        return bytes(out)

    def flush(self, limit: int) -> bytes:
        return self.decode(b"", limit) if self._backlog else b""


def _make_decoder(encoding: str) -> _Decoder:
    if encoding in ("gzip", "x-gzip", "deflate"):
        return _Zlib(encoding)
    if encoding == "br":
        return _Brotli()
    return _Identity()  # identity, or an encoding httpx would not decode either


@dataclass(slots=True)
class Body:
    """What was read of one response body."""

    raw: bytes
    decoded: bytes
    cut: bool = False
    incomplete: bool = False
    error: str | None = None


class _Chain:
    """Content-Encoding layers, undone in reverse order of application."""

    def __init__(self, encodings: Sequence[str]) -> None:
        self._decoders = [_make_decoder(e) for e in reversed(encodings)]

    @property
    def complete(self) -> bool:
        return all(d.complete for d in self._decoders)

    def decode(self, data: bytes, limit: int, *, final: bool = False) -> bytes:
        for decoder in self._decoders:
            data = decoder.decode(data, limit)
            if final:
                data += decoder.flush(limit)
        return data


def content_encodings(headers: httpx.Headers) -> list[str]:
    """The Content-Encoding layers of a response, lowercased, identity dropped."""
    values = ",".join(headers.get_list("content-encoding"))
    return [v.strip().lower() for v in values.split(",") if v.strip() and v.strip().lower() != "identity"]


async def _raw_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """The raw (still content-encoded) body. In-memory transports (mocks, replays) build
    responses that httpx has already read; their raw bytes are still in ``stream``."""
    if not response.is_stream_consumed:
        async for chunk in response.aiter_raw():
            yield chunk
        return
    stream = response.stream
    if isinstance(stream, httpx.AsyncByteStream):
        async for chunk in stream:
            yield chunk
    else:  # pragma: no cover - a sync stream in an async client
        for chunk in stream:
            yield chunk


async def read_body(response: httpx.Response, *, max_bytes: int) -> Body:
    """Stream a response: keep raw bytes, decode with a cap on decoded (and raw) bytes.

    Args:
        response: a response opened with ``stream=True``; it is read, not closed.
        max_bytes: most decoded bytes kept; reading stops once they are reached.

    Returns:
        The raw and decoded bytes with flags: ``cut`` (the cap was hit), ``incomplete``
        (a compressed stream ended early) and ``error`` (a corrupt stream).

    Raises:
        httpx.TransportError: when the connection fails mid-body (the caller retries).
    """
    encodings = content_encodings(response.headers)
    if not encodings:
        return await _read_identity(response, max_bytes=max_bytes)
    chain = _Chain(encodings)
    raw = bytearray()
    decoded = bytearray()
    body = Body(raw=b"", decoded=b"")
    try:
        async for chunk in _raw_chunks(response):
            raw += chunk
            for start in range(0, len(chunk), _FEED_BYTES):
                piece = chunk[start : start + _FEED_BYTES]
                decoded += chain.decode(piece, max_bytes - len(decoded) + 1)
                if len(decoded) > max_bytes:
                    break
            if len(decoded) > max_bytes or len(raw) > max_bytes:
                body.cut = True
                break
        if not body.cut:
            decoded += chain.decode(b"", max_bytes - len(decoded) + 1, final=True)
            body.cut = len(decoded) > max_bytes
            body.incomplete = not body.cut and not chain.complete
    except BodyDecodingError as exc:
        body.error = str(exc)
    body.raw = bytes(raw)
    body.decoded = bytes(decoded[:max_bytes])
    if body.cut:
        LOGGER.info("body of %s cut at %d bytes", response.request.url, max_bytes)
    return body


async def _read_identity(response: httpx.Response, *, max_bytes: int) -> Body:
    """:func:`read_body` for a body sent as is: the raw bytes are the decoded ones, joined once.

    Most pages come so; joining the chunks once spares three copies of every body.
    """
    chunks: list[bytes] = []
    size = 0
    async for chunk in _raw_chunks(response):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            break
    raw = b"".join(chunks)
    if size <= max_bytes:
        return Body(raw=raw, decoded=raw)
    LOGGER.info("body of %s cut at %d bytes", response.request.url, max_bytes)
    return Body(raw=raw, decoded=raw[:max_bytes], cut=True)
