"""Reading single WARC records by offset, and the HTTP payload they hold.

warcio errors become :class:`~citecheck.errors.ReplayError` here, once.
"""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from warcio.archiveiterator import WARCIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException
from warcio.timeutils import iso_date_to_datetime

from citecheck.archive import cdxj
from citecheck.errors import ReplayError

LOGGER = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
# Errors warcio and zlib raise on a damaged or foreign file.
_READ_ERRORS = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    EOFError,
    OSError,
    ValueError,
    zlib.error,
    AssertionError,
    AttributeError,  # warcio's header parser on a garbled header block
)
# Bytes read at a time while draining a record's body.
_BLOCK = 64 * 1024


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One WARC record as read: its WARC headers, HTTP head and transfer-decoded payload."""

    rec_type: str
    warc_headers: tuple[tuple[str, str], ...]
    protocol: str
    statusline: str
    http_headers: tuple[tuple[str, str], ...]
    payload: bytes
    offset: int
    length: int
    path: str = ""

    def warc(self, name: str) -> str | None:
        """A WARC header's value (case-insensitive), or None."""
        return _get(self.warc_headers, name)

    def http(self, name: str) -> str | None:
        """An HTTP header's value (case-insensitive), or None."""
        return _get(self.http_headers, name)

    @property
    def status(self) -> int:
        """The HTTP status code (0 when the record has none)."""
        try:
            return int(self.statusline.split(" ", 1)[0])
        except ValueError:
            return 0

    @property
    def reason(self) -> str:
        """The HTTP reason phrase."""
        parts = self.statusline.split(" ", 1)
        return parts[1] if len(parts) > 1 else ""

    @property
    def date(self) -> datetime:
        """The record's ``WARC-Date`` as an aware UTC datetime."""
        return warc_date(self.warc("WARC-Date") or "")


def header_bytes(value: str) -> bytes:
    """The bytes a header value was read from (warcio decodes UTF-8, else Latin-1)."""
    try:
        latin = value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")
    try:
        latin.decode("utf-8")
    except UnicodeDecodeError:
        return latin  # not UTF-8, so warcio read it as Latin-1
    return value.encode("utf-8")


def _get(headers: tuple[tuple[str, str], ...], name: str) -> str | None:
    lower = name.lower()
    for key, value in headers:
        if key.lower() == lower:
            return value
    return None


def warc_date(text: str) -> datetime:
    """Parse a ``WARC-Date`` (with or without fraction) to an aware UTC datetime."""
    try:
        parsed: datetime = iso_date_to_datetime(text)
    except (ValueError, IndexError, TypeError):  # a damaged date counts as the oldest
        return datetime(1970, 1, 1, tzinfo=UTC)
    return parsed.replace(tzinfo=UTC)


def one_line(exc: BaseException) -> str:
    """An exception's message on one line (warcio's span several)."""
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def _payload(record: Any, path: str | os.PathLike[str], *, keep: bool = True) -> bytes:
    """The payload with transfer-encoding removed and content-encoding kept (b"" unless ``keep``).

    Raises:
        ReplayError: the record ends before its Content-Length (a file cut mid-record).
    """
    raw = record.raw_stream
    stream = raw
    headers = record.http_headers
    if keep and headers is not None and "chunked" in (headers.get_header("Transfer-Encoding") or "").lower():
        stream = ChunkedDataReader(raw)
    chunks: list[bytes] = []
    while True:
        block = stream.read(_BLOCK)
        if not block:
            break
        if keep:
            chunks.append(block)
    missing = getattr(raw, "limit", 0)
    if isinstance(missing, int) and missing > 0:
        raise ReplayError(f"truncated WARC record in {path}: {missing} bytes of its block are missing")
    return b"".join(chunks)


def _to_raw(record: Any, path: str | os.PathLike[str], offset: int, length: int, payload: bytes) -> RawRecord:
    http = record.http_headers
    return RawRecord(
        rec_type=str(record.rec_type),
        warc_headers=tuple(record.rec_headers.headers),
        protocol=str(http.protocol) if http is not None else "",
        statusline=str(http.statusline) if http is not None else "",
        http_headers=tuple(http.headers) if http is not None else (),
        payload=payload,
        offset=offset,
        length=length,
        path=str(path),
    )


def read_record_at(path: str | os.PathLike[str], offset: int, *, with_payload: bool = True) -> RawRecord:
    """Read the one record that starts at ``offset`` (no scanning).

    Args:
        path: a ``.warc`` or ``.warc.gz`` file.
        offset: where the record (its gzip member, when compressed) starts.
        with_payload: False to skip reading the body.

    Returns:
        The record.
    """
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            iterator = WARCIterator(handle)
            record = next(iterator)
            payload = _payload(record, path, keep=with_payload)
            length = iterator.get_record_length()
            return _to_raw(record, path, offset, length, payload)
    except StopIteration:
        raise ReplayError(f"no WARC record at offset {offset} of {path}") from None
    except _READ_ERRORS as exc:
        raise ReplayError(f"cannot read WARC record at offset {offset} of {path}: {one_line(exc)}") from exc


def iter_records(path: str | os.PathLike[str], *, with_payload: bool = False) -> Iterator[RawRecord]:
    """Yield every record of a WARC file in order, with offsets and lengths.

    Args:
        path: a ``.warc`` or ``.warc.gz`` file.
        with_payload: read each record's body too.

    Returns:
        An iterator; it raises ReplayError where the file stops being readable.
    """
    try:
        with open(path, "rb") as handle:
            iterator = WARCIterator(handle)
            for record in iterator:
                payload = _payload(record, path, keep=with_payload)
                offset = iterator.get_record_offset()
                length = iterator.get_record_length()
                yield _to_raw(record, path, offset, length, payload)
    except _READ_ERRORS as exc:
        raise ReplayError(f"cannot read WARC {path}: {one_line(exc)}") from exc


def warc_files(paths: Iterator[Path] | list[Path]) -> list[Path]:
    """Expand files and folders into the WARC files they hold, in name order per folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(WARC_SUFFIXES)))
        elif path.is_file():
            found.append(path)
        else:
            raise ReplayError(f"replay archive not found: {path}")
    return found


def decode_content(raw: bytes, headers: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> bytes:
    """Undo Content-Encoding exactly as httpx does for a live response.

    Args:
        raw: the payload as stored (content-encoding kept).
        headers: the response headers (only Content-Encoding is read).

    Returns:
        The decoded body; the raw bytes when the encoding is unknown or broken (logged).
    """
    encoding = [(k, v) for k, v in headers if k.lower() == "content-encoding"]
    if not encoding or not raw:
        return raw
    try:
        return httpx.Response(200, headers=encoding, content=raw).content
    except httpx.DecodingError as exc:
        LOGGER.warning("cannot undo Content-Encoding %s: %s", encoding[0][1], exc)
        return raw


def _is_original(record: RawRecord, revisit: RawRecord) -> bool:
    """True when ``record`` is the response that ``revisit`` names."""
    if record.rec_type != "response":
        return False
    refers_to = revisit.warc("WARC-Refers-To")
    if refers_to:
        return record.warc("WARC-Record-ID") == refers_to
    target = revisit.warc("WARC-Refers-To-Target-URI") or revisit.warc("WARC-Target-URI")
    date = revisit.warc("WARC-Refers-To-Date")
    digest = revisit.warc("WARC-Payload-Digest")
    return (
        record.warc("WARC-Target-URI") == target
        and (not date or record.warc("WARC-Date") == date)
        and (not digest or record.warc("WARC-Payload-Digest") in (None, digest))
    )


def locate_original(
    path: str | os.PathLike[str], revisit: RawRecord, *, with_payload: bool = True
) -> RawRecord:
    """Find the response a revisit record names, in the folder of the revisit's file.

    Args:
        path: the file the revisit was read from; its folder's ``index.cdxj`` is consulted.
        revisit: the revisit record.
        with_payload: read the original's body too.

    Returns:
        The original response; the folder's WARCs are scanned only if the index fails.
    """
    folder = Path(path).resolve().parent
    target = revisit.warc("WARC-Refers-To-Target-URI") or revisit.warc("WARC-Target-URI")
    digest = revisit.warc("WARC-Payload-Digest")
    date = revisit.warc("WARC-Refers-To-Date")
    stamp = "".join(ch for ch in (date or "") if ch.isdigit())[:14]
    candidates = [
        entry
        for _, entry in cdxj.read_index(folder / cdxj.INDEX_NAME)
        if not entry.revisit and entry.url == target and (not digest or entry.digest == digest)
    ]
    candidates.sort(key=lambda entry: entry.timestamp != stamp)
    for entry in candidates:
        try:
            record = read_record_at(folder / entry.filename, entry.offset, with_payload=with_payload)
        except ReplayError:
            continue
        if _is_original(record, revisit):
            return record
    LOGGER.warning("revisit of %s: original not in the index; scanning %s", target, folder)
    for file in warc_files([folder]):
        try:
            for record in iter_records(file):
                if _is_original(record, revisit):
                    return read_record_at(file, record.offset, with_payload=with_payload)
        except ReplayError:
            continue
    raise ReplayError(f"revisit of {target}: the original record ({date}) is not in {folder}")


@dataclass(frozen=True, slots=True)
class ArchivedResponse:
    """A response read back from a WARC; a revisit's payload comes from its original."""

    url: str
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    raw_body: bytes
    body: bytes
    date: datetime
    record_id: str
    payload_digest: str | None
    revisit: bool
    warc_path: str
    offset: int

    @property
    def content_type(self) -> str | None:
        """The Content-Type header, if any."""
        return next((v for k, v in self.headers if k.lower() == "content-type"), None)


def read_response(warc_path: str | os.PathLike[str], offset: int) -> ArchivedResponse:
    """Read the response (or revisit) record at ``offset`` without scanning the file.

    Args:
        warc_path: the WARC file (a :class:`Snapshot`'s ``warc_path``).
        offset: the record's offset (a :class:`Snapshot`'s ``offset``).

    Returns:
        The response; for a revisit, the payload of the original it names (found through
        ``index.cdxj`` beside the file) under the revisit's own headers and date.
    """
    path = Path(warc_path)
    record = read_record_at(path, offset)
    if record.rec_type not in ("response", "revisit"):
        raise ReplayError(f"record at offset {offset} of {path} is a {record.rec_type}, not a response")
    source = locate_original(path, record) if record.rec_type == "revisit" else record
    headers = record.http_headers or source.http_headers
    status = record.status or source.status
    return ArchivedResponse(
        url=record.warc("WARC-Target-URI") or "",
        status=status,
        reason=record.reason or source.reason,
        headers=headers,
        raw_body=source.payload,
        body=decode_content(source.payload, headers),
        date=record.date,
        record_id=record.warc("WARC-Record-ID") or "",
        payload_digest=record.warc("WARC-Payload-Digest"),
        revisit=record.rec_type == "revisit",
        warc_path=str(path),
        offset=offset,
    )
