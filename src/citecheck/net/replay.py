"""Answer requests from WARC files instead of the network (``--replay``).

Each request gets the newest archived response for its URL, served as it went over the
wire: status, reason and headers as recorded (minus ``Transfer-Encoding``, with a true
``Content-Length``) and the payload with its ``Content-Encoding`` kept, so httpx decodes
gzip, brotli and charsets exactly as it did live. Redirects are served as recorded (the
client does not follow them; the fetch stage does). Revisits are answered with their
original's payload. A URL matches ignoring a default port, the fragment, host case and a
trailing slash. Works with any standard WARC, not only citecheck's.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx

from citecheck.archive.records import RawRecord, header_bytes, iter_records, read_record_at, warc_files
from citecheck.errors import ReplayError

LOGGER = logging.getLogger(__name__)

_SERVED_TYPES = ("response", "revisit")


@dataclass(frozen=True, slots=True)
class _Entry:
    """Where one response or revisit record lies."""

    url: str
    date: datetime
    path: Path
    offset: int
    rec_type: str
    record_id: str
    digest: str
    refers_to: str
    refers_to_uri: str
    refers_to_date: str


def _keys(url: str) -> tuple[str, str]:
    """Two lookup keys: the normalised URL, and the same without a trailing slash."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return url, url.rstrip("/")
    default = {"http": 80, "https": 443}.get(parsed.scheme)
    port = "" if parsed.port in (None, default) else f":{parsed.port}"
    path = parsed.raw_path.split(b"?", 1)[0].decode("ascii") or "/"
    query = f"?{parsed.query.decode('ascii')}" if parsed.query else ""
    base = f"{parsed.scheme}://{parsed.raw_host.decode('ascii').lower()}{port}"
    loose = path.rstrip("/") or "/"
    return base + path + query, base + loose + query


class WarcReplayTransport(httpx.AsyncBaseTransport):
    """An httpx transport that serves every request from WARC files."""

    def __init__(self, paths: Sequence[str | os.PathLike[str]]) -> None:
        """Index the WARCs (records are read only when requested).

        Args:
            paths: ``.warc``/``.warc.gz`` files or folders holding them (searched recursively).

        Raises:
            ReplayError: a path is missing, holds no WARC, or a file cannot be read.
        """
        files = warc_files([Path(p) for p in paths])
        if not files:
            raise ReplayError(f"no .warc or .warc.gz files in {', '.join(str(p) for p in paths)}")
        entries: list[_Entry] = []
        for file in files:
            entries.extend(self._index_file(file))
        self._by_id = {e.record_id: e for e in entries if e.rec_type == "response" and e.record_id}
        self._by_digest: dict[tuple[str, str], _Entry] = {}
        for entry in entries:
            if entry.rec_type == "response" and entry.digest:
                self._by_digest.setdefault((entry.url, entry.digest), entry)
                self._by_digest.setdefault(("", entry.digest), entry)
        self._exact: dict[str, list[_Entry]] = {}
        self._loose: dict[str, list[_Entry]] = {}
        for entry in entries:
            if entry.rec_type == "revisit" and self._original(entry) is None:
                LOGGER.warning("replay: revisit of %s (%s) has no original; ignored", entry.url, entry.path)
                continue
            exact, loose = _keys(entry.url)
            self._exact.setdefault(exact, []).append(entry)
            self._loose.setdefault(loose, []).append(entry)
        for table in (self._exact, self._loose):
            for found in table.values():
                found.sort(key=lambda e: e.date)
        LOGGER.info(
            "replay: %d responses for %d URLs from %d files", len(entries), len(self._exact), len(files)
        )

    @staticmethod
    def _index_file(path: Path) -> list[_Entry]:
        found: list[_Entry] = []
        try:
            for record in iter_records(path):
                entry = _entry(path, record)
                if entry is not None:
                    found.append(entry)
        except ReplayError as exc:
            if not found:
                raise ReplayError(f"cannot read WARC {path}: {exc}") from exc
            LOGGER.warning("replay: %s: skipping an unreadable tail after %d responses", path, len(found))
        return found

    def _original(self, revisit: _Entry) -> _Entry | None:
        if revisit.refers_to and revisit.refers_to in self._by_id:
            return self._by_id[revisit.refers_to]
        return self._by_digest.get(
            (revisit.refers_to_uri or revisit.url, revisit.digest)
        ) or self._by_digest.get(("", revisit.digest))

    def lookup(self, url: str) -> _Entry | None:
        """The newest archived response for ``url``, or None."""
        exact, loose = _keys(url)
        found = self._exact.get(exact) or self._loose.get(loose)
        return found[-1] if found else None

    @property
    def urls(self) -> list[str]:
        """Every URL the archive can answer, in no particular order."""
        return [entries[-1].url for entries in self._exact.values()]

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Serve the archived response for the request's URL.

        Args:
            request: any method; HEAD gets the headers with an empty body.

        Returns:
            The archived response.

        Raises:
            httpx.ConnectError: the URL is not in the archive (as if it could not be reached).
        """
        url = str(request.url)
        entry = self.lookup(url)
        if entry is None:
            raise httpx.ConnectError(f"not in replay archive: {url}", request=request)
        try:
            record = read_record_at(entry.path, entry.offset)
            source = record
            if entry.rec_type == "revisit":
                original = self._original(entry)
                assert original is not None  # revisits without one were dropped at indexing
                source = read_record_at(original.path, original.offset)
        except ReplayError as exc:
            raise httpx.ConnectError(f"replay archive unreadable for {url}: {exc}", request=request) from exc
        return _response(request, record, source)


def _entry(path: Path, record: RawRecord) -> _Entry | None:
    uri = record.warc("WARC-Target-URI") or ""
    if record.rec_type not in _SERVED_TYPES or not uri.startswith(("http://", "https://")):
        return None
    if record.rec_type == "response" and not record.statusline:
        return None
    return _Entry(
        url=uri,
        date=record.date,
        path=path,
        offset=record.offset,
        rec_type=record.rec_type,
        record_id=record.warc("WARC-Record-ID") or "",
        digest=record.warc("WARC-Payload-Digest") or "",
        refers_to=record.warc("WARC-Refers-To") or "",
        refers_to_uri=record.warc("WARC-Refers-To-Target-URI") or "",
        refers_to_date=record.warc("WARC-Refers-To-Date") or "",
    )


def _response(request: httpx.Request, record: RawRecord, source: RawRecord) -> httpx.Response:
    """Build the httpx response: recorded head (revisit's own if present), original payload."""
    head = record if record.statusline else source
    body = b"" if request.method == "HEAD" else source.payload
    skip = ("transfer-encoding", "content-length")
    headers = [
        (k.encode("latin-1", "replace"), header_bytes(v))
        for k, v in head.http_headers
        if k.lower() not in skip
    ]
    if request.method != "HEAD":
        headers.append((b"Content-Length", str(len(body)).encode("ascii")))
    else:
        headers.extend(
            (k.encode("ascii"), header_bytes(v))
            for k, v in head.http_headers
            if k.lower() == "content-length"
        )
    protocol = head.protocol if head.protocol.upper().startswith("HTTP/") else "HTTP/1.1"
    return httpx.Response(
        status_code=head.status,
        headers=headers,
        stream=httpx.ByteStream(body),
        request=request,
        extensions={
            "http_version": protocol.upper().encode("ascii", "replace"),
            "reason_phrase": head.reason.encode("latin-1", "replace"),
        },
    )
