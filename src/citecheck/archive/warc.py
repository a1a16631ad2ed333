"""Write each fetch to WARC 1.1 files with warcio and index it in CDXJ.

Per fetch, in one file and in this order (one gzip member per record)::

    response|revisit, request      for each exchange (redirect hops, then the final answer)
    metadata                       JSON: outcome, reason, chain, the group's record offsets

File names sort by time: ``citecheck-20261125T091500Z-00000.warc.gz`` (the UTC time the
file was opened, then a sequence number). A writer never appends to a file it did not
open: a new run starts a new file. A fetch's records are written and fsynced before
their index lines are appended (and fsynced), so ``index.cdxj`` only points at complete
records; a crash mid-write leaves unindexed trailing bytes that readers skip.
"""

from __future__ import annotations

import importlib
import io
import json
import logging
import os
import threading
import uuid
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version as _dist_version
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter as _WarcioWriter

from citecheck import __version__
from citecheck.archive import cdxj
from citecheck.archive.heads import (
    find_header,
    fix_response_headers,
    http_protocol,
    iso_date,
    mime_type,
    payload_digest,
    reason_phrase,
    timestamp14,
    utc,
)
from citecheck.archive.records import (
    ArchivedResponse,
    RawRecord,
    locate_original,
    read_record_at,
    read_response,
)
from citecheck.errors import ReplayError
from citecheck.models import Exchange, FetchResult, Snapshot

LOGGER = logging.getLogger(__name__)

SOFTWARE = f"citecheck/{__version__} warcio/{_dist_version('warcio')}"
WARC_VERSION = "1.1"
FILE_PREFIX = "citecheck"
FILE_SUFFIX = ".warc.gz"
# Start a new file past this size (the IIPC's customary 1 GB halved: easy to copy and mail).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
# Deflate level of each record's gzip member (zlib and ISA-L both take 1). warcio's 9 cost
# about 5 ms of CPU per 200 KB news page, the largest share of a large run's work outside
# extraction; zlib's 1 costs a quarter of that for files about a fifth larger (any level
# reads back the same).
GZIP_LEVEL = 1
_NAME_TIME = "%Y%m%dT%H%M%SZ"


def _deflate_module() -> Any:
    """ISA-L's zlib-compatible deflate when the ``isal`` package is installed, else zlib.

    At level 1 ISA-L writes the same kind of gzip members (read back by any gzip reader) for
    about a quarter of zlib's CPU, and slightly smaller: 0.28 ms instead of 1.22 ms for a
    200 KB news page, the archive thread's largest cost.
    """
    try:
        return importlib.import_module("isal.isal_zlib")
    except ImportError:
        return zlib


_DEFLATE = _deflate_module()


@dataclass(frozen=True, slots=True)
class _Original:
    """What a revisit record names: the original's URI, date and record id."""

    uri: str
    date: str
    record_id: str


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _new_uuid() -> str:
    return str(uuid.uuid4())


class _Head(StatusAndHeaders):  # type: ignore[misc]
    """An HTTP head written with its original bytes (Latin-1) instead of warcio's %-escapes."""

    def to_ascii_bytes(self, filter_func: Any = None) -> bytes:
        text: str = self.to_str(filter_func)
        try:
            return text.encode("latin-1") + b"\r\n"
        except UnicodeEncodeError:  # a value decoded as UTF-8 by the caller
            return text.encode("utf-8") + b"\r\n"


class _GzipMember:
    """One record's gzip member at :data:`GZIP_LEVEL` (warcio's ``GzippingWrapper`` is fixed at 9)."""

    def __init__(self, out: IO[bytes]) -> None:
        self._compressor = _DEFLATE.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self._out = out

    def write(self, data: bytes) -> None:
        self._out.write(self._compressor.compress(data))

    def flush(self) -> None:
        self._out.write(self._compressor.flush())
        self._out.flush()


class _Builder(_WarcioWriter):  # type: ignore[misc]
    """warcio's writer with the clock and record ids injected, one gzip member per record."""

    def __init__(
        self,
        out: IO[bytes],
        clock: Callable[[], datetime],
        id_factory: Callable[[], str],
        *,
        compress: bool = True,
    ) -> None:
        super().__init__(out, gzip=False, warc_version=WARC_VERSION)
        self._compress = compress
        self._clock = clock
        self._id_factory = id_factory

    def _write_warc_record(self, out: IO[bytes], record: Any) -> None:
        super()._write_warc_record(_GzipMember(out) if self._compress else out, record)

    def _make_warc_id(self) -> str:  # type: ignore[override]
        value = self._id_factory()
        return value if value.startswith("<") else f"<urn:uuid:{value}>"

    def curr_warc_date(self) -> str:
        return iso_date(self._clock())


def new_builder(
    out: IO[bytes], *, clock: Callable[[], datetime] = _utcnow, id_factory: Callable[[], str] = _new_uuid
) -> Any:
    """A warcio ``WARCWriter`` (WARC 1.1, gzip per record) on ``out`` with injected clock and ids."""
    return _Builder(out, clock, id_factory)


class WarcWriter:
    """Append fetches to size-rotated, time-named WARC files under one folder, with a CDXJ index."""

    def __init__(
        self,
        archive_dir: str | os.PathLike[str],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        clock: Callable[[], datetime] = _utcnow,
        id_factory: Callable[[], str] = _new_uuid,
        compress: bool = True,
    ) -> None:
        """Prepare the folder (created if missing) and read its index; no file is opened yet.

        Args:
            archive_dir: where the WARCs and ``index.cdxj`` live.
            max_bytes: start a new file once the current one reaches this size.
            clock: the time for file names, ``warcinfo`` and ``metadata`` records.
            id_factory: returns a UUID string (or a full ``<urn:...>``) per record.
            compress: gzip each record (``.warc.gz``); False writes plain ``.warc`` files
                (readable in a text editor; used by the golden-file test).
        """
        self.archive_dir = Path(archive_dir).resolve()
        self.archive_dir.mkdir(parents=True, exist_ok=True)
        self.index_path = self.archive_dir / cdxj.INDEX_NAME
        self.max_bytes = max_bytes
        self._clock = clock
        self._id_factory = id_factory
        self._compress = compress
        self._suffix = FILE_SUFFIX if compress else ".warc"
        self._lock = threading.Lock()
        self._handle: IO[bytes] | None = None
        self._path: Path | None = None
        self._builder: _Builder | None = None
        self._seq = 0
        self._index_position = 0
        self._originals: dict[tuple[str, str], cdxj.CdxjEntry] = {}
        self._known: dict[tuple[str, int], _Original] = {}
        cdxj.repair_tail(self.index_path)

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def current_path(self) -> Path | None:
        """The file being written, if one is open."""
        return self._path

    def close(self) -> None:
        """Flush, fsync and close the current file."""
        with self._lock:
            self._close_file()

    def write_fetch(
        self, fetch: FetchResult, *, metadata: Mapping[str, Any], previous: Snapshot | None = None
    ) -> Snapshot | None:
        """Write a fetch's exchanges and a metadata record, then index them.

        Args:
            fetch: the fetch stage's result; each exchange becomes a request and a response
                (or a revisit when its payload is already archived for that URL).
            metadata: extra JSON-serialisable facts, stored under ``"context"``.
            previous: the last snapshot of this citation; a final payload with the same
                digest becomes a revisit of it even when the index has lost it.

        Returns:
            Where the final response (or revisit) lies; None when nothing was received
            (a metadata record with the failure is still written).
        """
        with self._lock:
            self._refresh_index()
            builder = self._open_if_needed()
            records: list[dict[str, Any]] = []
            entries: list[cdxj.CdxjEntry] = []
            final: Snapshot | None = None
            for position, ex in enumerate(fetch.exchanges):
                last = position == len(fetch.exchanges) - 1
                final, entry = self._write_exchange(builder, ex, records, previous if last else None)
                entries.append(entry)
            self._write_metadata(builder, fetch, metadata, records, final)
            self._sync()
            cdxj.append_entries(self.index_path, entries)
            self._refresh_index()
            return final

    # -- one exchange -------------------------------------------------------------------

    def _write_exchange(
        self, builder: _Builder, ex: Exchange, records: list[dict[str, Any]], previous: Snapshot | None
    ) -> tuple[Snapshot, cdxj.CdxjEntry]:
        headers, truncated = fix_response_headers(ex)
        digest = payload_digest(ex.raw_body)
        original = self._find_original(ex.url, digest, previous) if ex.raw_body else None
        response_id = builder._make_warc_id()
        http_head = _Head(
            f"{ex.status} {reason_phrase(ex.status, ex.reason)}".rstrip(),
            headers,
            protocol=http_protocol(ex.http_version),
        )
        warc_headers = {"WARC-Record-ID": response_id, "WARC-Date": iso_date(ex.started_at)}
        if ex.remote_ip:
            warc_headers["WARC-IP-Address"] = ex.remote_ip
        if original is not None:
            record = builder.create_revisit_record(
                ex.url,
                digest,
                original.uri,
                original.date,
                http_headers=http_head,
                warc_headers_dict=warc_headers,
            )
            record.rec_headers.add_header("WARC-Refers-To", original.record_id)
        else:
            if truncated:
                warc_headers["WARC-Truncated"] = "length"
            # The payload digest is already known: given, warcio does not hash the body again.
            rec_headers = builder._init_warc_headers(ex.url, "response", warc_headers)
            rec_headers.add_header("WARC-Payload-Digest", digest)
            record = builder.create_warc_record(
                ex.url,
                "response",
                payload=io.BytesIO(ex.raw_body),
                length=len(ex.raw_body),
                http_headers=http_head,
                warc_headers=rec_headers,
            )
        offset, length = self._write_record(builder, record)
        kind = "revisit" if original is not None else "response"
        records.append(
            {"type": kind, "uri": ex.url, "record_id": response_id, "offset": offset, "length": length}
        )
        if original is None:
            self._known[(self._name(), offset)] = _Original(ex.url, iso_date(ex.started_at), response_id)
        self._write_request(builder, ex, response_id, records)
        entry = cdxj.make_entry(
            url=ex.url,
            timestamp=timestamp14(ex.started_at),
            mime=cdxj.REVISIT_MIME if original is not None else mime_type(headers),
            status=str(ex.status),
            digest=digest,
            length=length,
            offset=offset,
            filename=self._name(),
        )
        snapshot = Snapshot(
            url=ex.url,
            warc_path=str(self._path),
            offset=offset,
            length=length,
            payload_digest=digest,
            record_id=response_id,
            revisit=original is not None,
            captured_at=utc(ex.started_at),
        )
        return snapshot, entry

    def _write_request(
        self, builder: _Builder, ex: Exchange, response_id: str, records: list[dict[str, Any]]
    ) -> None:
        url = httpx.URL(ex.url)
        target = url.raw_path.decode("ascii") or "/"
        headers = list(ex.request_headers)
        if find_header(headers, "host") is None:
            headers.insert(0, ("Host", url.netloc.decode("ascii")))
        request_id = builder._make_warc_id()
        warc_headers = {
            "WARC-Record-ID": request_id,
            "WARC-Date": iso_date(ex.started_at),
            "WARC-Concurrent-To": response_id,
        }
        if ex.remote_ip:
            warc_headers["WARC-IP-Address"] = ex.remote_ip
        head = _Head(f"{target} {http_protocol(ex.http_version)}", headers, protocol=ex.method.upper())
        record = builder.create_warc_record(
            ex.url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=head,
            warc_headers_dict=warc_headers,
        )
        offset, length = self._write_record(builder, record)
        records.append(
            {"type": "request", "uri": ex.url, "record_id": request_id, "offset": offset, "length": length}
        )

    def _write_metadata(
        self,
        builder: _Builder,
        fetch: FetchResult,
        metadata: Mapping[str, Any],
        records: list[dict[str, Any]],
        final: Snapshot | None,
    ) -> None:
        document = {
            "software": SOFTWARE,
            "url": fetch.url,
            "final_url": fetch.final_url,
            "outcome": str(fetch.outcome),
            "status": fetch.status,
            "reason": fetch.reason,
            "error": fetch.error,
            "chain": [{"url": h.url, "status": h.status, "location": h.location} for h in fetch.chain],
            "fetched_at": iso_date(fetch.fetched_at) if fetch.fetched_at else None,
            "attempts": fetch.attempts,
            "mirror": fetch.mirror,
            "http_versions": [ex.http_version for ex in fetch.exchanges],
            "records": records,
            "context": dict(metadata),
        }
        body = json.dumps(document, ensure_ascii=False, default=str).encode("utf-8")
        warc_headers = {"WARC-Record-ID": builder._make_warc_id(), "WARC-Date": iso_date(self._clock())}
        if final is not None and final.record_id:
            warc_headers["WARC-Concurrent-To"] = final.record_id
            warc_headers["WARC-Refers-To"] = final.record_id
        record = builder.create_warc_record(
            metadata_uri(fetch.url or fetch.final_url),
            "metadata",
            payload=io.BytesIO(body),
            length=len(body),
            warc_content_type="application/json",
            warc_headers_dict=warc_headers,
        )
        self._write_record(builder, record)

    # -- dedupe -------------------------------------------------------------------------

    def _refresh_index(self) -> None:
        """Read index lines appended since the last look (by this or another process)."""
        for end, entry in cdxj.read_index(self.index_path, self._index_position):
            self._index_position = end
            if not entry.revisit and entry.digest:
                self._originals[(entry.url, entry.digest)] = entry

    def _find_original(self, url: str, digest: str, previous: Snapshot | None) -> _Original | None:
        entry = self._originals.get((url, digest))
        if entry is not None:
            found = self._describe(self.archive_dir / entry.filename, entry.offset)
            if found is not None:
                return found
        if (
            previous is not None
            and previous.payload_digest == digest
            and previous.warc_path
            and previous.offset is not None
        ):
            return self._describe(Path(previous.warc_path), previous.offset)
        return None

    def _describe(self, path: Path, offset: int) -> _Original | None:
        """The original record a revisit should name, read from its header (cached)."""
        key = (path.name, offset)
        if key in self._known and path.parent == self.archive_dir:
            return self._known[key]
        try:
            record = read_record_at(path, offset, with_payload=False)
            if record.rec_type == "revisit":
                record = locate_original(path, record, with_payload=False)
        except ReplayError as exc:
            LOGGER.warning("cannot use %s@%d as a revisit original: %s", path, offset, exc)
            return None
        found = _original_of(record)
        if found is not None and path.parent == self.archive_dir:
            self._known[key] = found
        return found

    # -- files --------------------------------------------------------------------------

    def _name(self) -> str:
        assert self._path is not None
        return self._path.name

    def _open_if_needed(self) -> _Builder:
        if self._handle is not None and self._handle.tell() >= self.max_bytes:
            self._close_file()
        if self._handle is not None and self._builder is not None:
            return self._builder
        stamp = utc(self._clock()).strftime(_NAME_TIME)
        while True:
            path = self.archive_dir / f"{FILE_PREFIX}-{stamp}-{self._seq:05d}{self._suffix}"
            self._seq += 1
            try:
                handle = open(path, "xb")  # noqa: SIM115 - kept open until rotation or close()
            except FileExistsError:
                continue
            break
        self._handle, self._path = handle, path
        _fsync_dir(self.archive_dir)
        self._builder = _Builder(handle, self._clock, self._id_factory, compress=self._compress)
        info = {
            "software": SOFTWARE,
            "format": "WARC File Format 1.1",
            "conformsTo": "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "description": "Pages cited by articles, fetched by citecheck",
        }
        self._write_record(self._builder, self._builder.create_warcinfo_record(path.name, info))
        self._sync()
        LOGGER.info("writing WARC %s", path)
        return self._builder

    def _write_record(self, builder: _Builder, record: Any) -> tuple[int, int]:
        assert self._handle is not None
        start = self._handle.tell()
        builder.write_record(record)
        return start, self._handle.tell() - start

    def _sync(self) -> None:
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())

    def _close_file(self) -> None:
        if self._handle is not None:
            self._sync()
            self._handle.close()
        self._handle = self._path = self._builder = None


def _fsync_dir(folder: Path) -> None:
    """Make a new file's name durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def metadata_uri(url: str) -> str:
    """The target URI of a fetch's metadata record: ``metadata://`` + the page URL without scheme.

    pywb writes its own metadata records so; a record aimed at the page URL itself would be
    indexed by replay tools beside the response and could be served in the page's place.
    """
    _scheme, sep, rest = url.partition("://")
    return f"metadata://{rest if sep else url}"


def _original_of(record: RawRecord) -> _Original | None:
    uri, date, record_id = (
        record.warc("WARC-Target-URI"),
        record.warc("WARC-Date"),
        record.warc("WARC-Record-ID"),
    )
    if record.rec_type != "response" or not (uri and date and record_id):
        return None
    return _Original(uri, date, record_id)


__all__ = ["SOFTWARE", "ArchivedResponse", "WarcWriter", "payload_digest", "read_response"]
