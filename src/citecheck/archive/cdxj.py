"""The CDXJ index beside the WARCs, in the format pywb and other replay tools read.

One line per ``response`` or ``revisit`` record::

    com,example)/news/1 20261125091500 {"url": "https://example.com/news/1", "mime": "text/html",
      "status": "200", "digest": "sha1:...", "length": "1234", "offset": "0",
      "filename": "citecheck-20261125T091500Z-00000.warc.gz"}

The key is the SURT form of the URL (``surt.surt``, the same canonicaliser pywb uses to
look URLs up), the timestamp is the record's 14-digit ``WARC-Date``, and every JSON value
is a string, as pywb's own indexer writes them. ``index.cdxj`` is append-only and so in
write order; pywb binary-searches its indexes and needs them sorted (:func:`sort_index`).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import surt

LOGGER = logging.getLogger(__name__)

INDEX_NAME = "index.cdxj"
REVISIT_MIME = "warc/revisit"  # what pywb's indexer puts in ``mime`` for a revisit record


@dataclass(frozen=True, slots=True)
class CdxjEntry:
    """One index line: where a response or revisit record for a URL lies."""

    urlkey: str
    timestamp: str
    url: str
    mime: str
    status: str
    digest: str
    length: int
    offset: int
    filename: str

    @property
    def revisit(self) -> bool:
        """True for a revisit record (headers only; the payload is elsewhere)."""
        return self.mime == REVISIT_MIME

    def to_line(self) -> str:
        """The entry as one CDXJ line, newline included."""
        fields = {
            "url": self.url,
            "mime": self.mime,
            "status": self.status,
            "digest": self.digest,
            "length": str(self.length),
            "offset": str(self.offset),
            "filename": self.filename,
        }
        return f"{self.urlkey} {self.timestamp} {json.dumps(fields, ensure_ascii=False)}\n"


def surt_key(url: str) -> str:
    """The SURT key pywb would look ``url`` up by (the URL itself if it cannot be parsed)."""
    try:
        return str(surt.surt(url))
    except Exception:  # surt raises assorted errors on odd URLs; pywb falls back the same way
        return url


def make_entry(
    *, url: str, timestamp: str, mime: str, status: str, digest: str, length: int, offset: int, filename: str
) -> CdxjEntry:
    """Build an entry, computing its SURT key.

    Args:
        url: the record's ``WARC-Target-URI``.
        timestamp: 14 digits, ``YYYYmmddHHMMSS`` in UTC.
        mime: the response's media type without parameters, or ``warc/revisit``.
        status: the HTTP status code as text.
        digest: the ``WARC-Payload-Digest`` (``sha1:BASE32``).
        length: the record's length in the file (compressed).
        offset: the record's offset in the file.
        filename: the WARC file's name, relative to the index's folder.

    Returns:
        The entry.
    """
    return CdxjEntry(surt_key(url), timestamp, url, mime, status, digest, length, offset, filename)


def parse_line(line: str) -> CdxjEntry | None:
    """Parse one CDXJ line; None for a blank, partial or foreign line."""
    parts = line.rstrip("\n").split(" ", 2)
    if len(parts) != 3 or not line.endswith("\n"):
        return None
    try:
        data = json.loads(parts[2])
        return CdxjEntry(
            urlkey=parts[0],
            timestamp=parts[1],
            url=str(data["url"]),
            mime=str(data.get("mime", "")),
            status=str(data.get("status", "")),
            digest=str(data.get("digest", "")),
            length=int(data["length"]),
            offset=int(data["offset"]),
            filename=str(data["filename"]),
        )
    except (ValueError, KeyError, TypeError):
        return None


def read_index(path: str | os.PathLike[str], start: int = 0) -> Iterator[tuple[int, CdxjEntry]]:
    """Yield ``(end_offset, entry)`` for each complete line from byte ``start`` on.

    Args:
        path: an ``index.cdxj`` file (a missing file yields nothing).
        start: byte offset to read from (the end offset of a line read before).

    Returns:
        An iterator; a trailing line without its newline (a crash mid-write) is skipped.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    except FileNotFoundError:
        return
    try:
        handle.seek(start)
        position = start
        for raw in handle:
            position += len(raw)
            entry = parse_line(raw.decode("utf-8", errors="replace"))
            if entry is not None:
                yield position, entry
    finally:
        handle.close()


def complete_length(path: Path) -> int:
    """The length of the file up to and including its last newline (0 if missing)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return 0
    if size == 0:
        return 0
    with open(path, "rb") as handle:
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return size
        # Walk back to the last newline: only a crash mid-line leaves one out.
        block = 4096
        end = size
        while end > 0:
            begin = max(0, end - block)
            handle.seek(begin)
            chunk = handle.read(end - begin)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                return begin + cut + 1
            end = begin
        return 0


def repair_tail(path: Path) -> None:
    """Cut a partial last line (left by a crash mid-write) so appends start on a fresh line."""
    good = complete_length(path)
    if path.exists() and path.stat().st_size != good:
        LOGGER.warning("index %s: dropping a partial last line (%d bytes)", path, path.stat().st_size - good)
        with open(path, "r+b") as handle:
            handle.truncate(good)
            handle.flush()
            os.fsync(handle.fileno())


def append_entries(path: Path, entries: Iterable[CdxjEntry]) -> None:
    """Append lines in one write and fsync them (call only after the records are on disk)."""
    data = "".join(entry.to_line() for entry in entries).encode("utf-8")
    if not data:
        return
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def sort_index(src: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Path:
    """Write the entries of ``src`` sorted by key and timestamp (what pywb needs) to ``dest``.

    Args:
        src: an append-order ``index.cdxj``.
        dest: the sorted copy to write (may equal ``src``).

    Returns:
        ``dest`` as a Path.
    """
    lines = sorted(entry.to_line() for _, entry in read_index(src))
    target = Path(dest)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text("".join(lines), encoding="utf-8")
    os.replace(tmp, target)
    return target
