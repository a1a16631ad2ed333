"""HTTP heads, digests and dates as citecheck writes them into WARC records."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from http import HTTPStatus

from warcio.timeutils import datetime_to_iso_date

from citecheck.models import Exchange

# Statuses whose Content-Length does not describe a body in the message.
_NO_BODY_STATUSES = frozenset({204, 304})


def utc(moment: datetime) -> datetime:
    """An aware UTC datetime (a naive one is taken to be UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def iso_date(moment: datetime) -> str:
    """A ``WARC-Date``: ISO 8601 UTC, with microseconds when there are any (WARC 1.1)."""
    return str(datetime_to_iso_date(utc(moment).replace(tzinfo=None), use_micros=True))


def timestamp14(moment: datetime) -> str:
    """The 14-digit UTC timestamp of CDXJ lines and Wayback URLs."""
    return utc(moment).strftime("%Y%m%d%H%M%S")


def payload_digest(data: bytes) -> str:
    """The ``WARC-Payload-Digest`` of a payload: ``sha1:`` and base32, as warcio writes it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def http_protocol(version: str) -> str:
    """HTTP/2 and HTTP/3 heads are written as HTTP/1.1, the only form WARC readers parse."""
    return version if version in ("HTTP/1.0", "HTTP/1.1") else "HTTP/1.1"


def reason_phrase(status: int, reason: str) -> str:
    """The reason as received, or the standard phrase (HTTP/2 sends none)."""
    if reason:
        return reason
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def find_header(headers: list[tuple[str, str]], name: str) -> int | None:
    """The index of the first header called ``name`` (case-insensitive), or None."""
    lower = name.lower()
    return next((i for i, (k, _) in enumerate(headers) if k.lower() == lower), None)


def fix_response_headers(ex: Exchange) -> tuple[list[tuple[str, str]], bool]:
    """Headers as received minus Transfer-Encoding, Content-Length made true; and truncation."""
    headers = [(k, v) for k, v in ex.headers if k.lower() != "transfer-encoding"]
    had_te = len(headers) != len(ex.headers)
    truncated = False
    if ex.method.upper() == "HEAD" or ex.status in _NO_BODY_STATUSES or ex.status < 200:
        return headers, truncated
    where = find_header(headers, "content-length")
    actual = str(len(ex.raw_body))
    if where is None:
        if had_te:
            headers.append(("Content-Length", actual))
    elif headers[where][1].strip() != actual:
        try:
            truncated = int(headers[where][1].strip()) > len(ex.raw_body)
        except ValueError:
            truncated = False
        headers[where] = (headers[where][0], actual)
    return headers, truncated


def mime_type(headers: list[tuple[str, str]]) -> str:
    """The media type for CDXJ (``unk`` when absent, as pywb writes it)."""
    where = find_header(headers, "content-type")
    if where is None:
        return "unk"
    return headers[where][1].split(";", 1)[0].strip().lower() or "unk"
