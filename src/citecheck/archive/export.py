"""Hand an editor one WARC with everything an article cites (``citecheck export-warc``).

Records are copied byte for byte (each is its own gzip member): for every snapshot, the
response or revisit it points at, the request and the metadata record written with it,
the redirect hops listed in that metadata record, and the original of every revisit, so
the export replays on its own in pywb, ReplayWeb.page or ``citecheck --replay``.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from sqlite_utils import Database

from citecheck.archive.records import RawRecord, locate_original, read_record_at
from citecheck.archive.warc import SOFTWARE, new_builder
from citecheck.errors import ReplayError
from citecheck.models import Snapshot

LOGGER = logging.getLogger(__name__)

# Records read after a snapshot's response to find its request and metadata record.
_GROUP_LOOKAHEAD = 2

_Member = tuple[str, int, int]  # (file, offset, length)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _next(path: Path, record: RawRecord) -> RawRecord | None:
    try:
        return read_record_at(path, record.offset + record.length, with_payload=True)
    except ReplayError:
        return None


def _group(path: Path, offset: int) -> list[RawRecord]:
    """The snapshot's record, then the records of its fetch named by its metadata record."""
    first = read_record_at(path, offset, with_payload=False)
    found = [first]
    record_id = first.warc("WARC-Record-ID")
    current = first
    for _ in range(_GROUP_LOOKAHEAD):
        following = _next(path, current)
        if following is None:
            break
        if following.rec_type == "request" and following.warc("WARC-Concurrent-To") == record_id:
            found.append(following)
        elif following.rec_type == "metadata" and following.warc("WARC-Refers-To") == record_id:
            found.append(following)
            found.extend(_listed(path, following))
            break
        else:
            break
        current = following
    return found


def _listed(path: Path, metadata: RawRecord) -> list[RawRecord]:
    """The records a citecheck metadata record lists (redirect hops and their requests)."""
    try:
        listed = json.loads(metadata.payload.decode("utf-8")).get("records", [])
    except (ValueError, AttributeError):
        return []
    found: list[RawRecord] = []
    for item in listed if isinstance(listed, list) else []:
        try:
            found.append(read_record_at(path, int(item["offset"]), with_payload=False))
        except (KeyError, TypeError, ValueError, ReplayError) as exc:
            LOGGER.warning("export: skipping a listed record of %s: %s", path, exc)
    return found


def _members(snapshot: Snapshot) -> list[_Member]:
    if not snapshot.warc_path or snapshot.offset is None:
        return []
    path = Path(snapshot.warc_path)
    members: list[_Member] = []
    for record in _group(path, snapshot.offset):
        members.append((record.path, record.offset, record.length))
        if record.rec_type == "revisit":
            original = locate_original(path, record, with_payload=False)
            members.append((original.path, original.offset, original.length))
    return members


def _copy(out: IO[bytes], member: _Member) -> int:
    file, offset, length = member
    with open(file, "rb") as handle:
        handle.seek(offset)
        data = handle.read(length)
    if not file.endswith(".gz"):  # a record from an uncompressed WARC becomes its own member
        data = gzip.compress(data if data.endswith(b"\r\n\r\n") else data + b"\r\n\r\n")
    out.write(data)
    return len(data)


def export_warc(
    snapshots: Iterable[Snapshot],
    dest: str | os.PathLike[str],
    *,
    clock: Callable[[], datetime] = _utcnow,
    id_factory: Callable[[], str] | None = None,
) -> Path:
    """Write one WARC holding the records behind ``snapshots``.

    Args:
        snapshots: snapshots from :meth:`WarcWriter.write_fetch` (ones without a file are
            skipped; each record is copied once however often it is named).
        dest: the ``.warc.gz`` file to write, or a folder to write
            ``citecheck-export-<time>.warc.gz`` in.
        clock: the time for the name and the ``warcinfo`` record.
        id_factory: the ``warcinfo`` record's id (a UUID string); default random.

    Returns:
        The file written (written under a temporary name, then renamed).
    """
    target = Path(dest)
    if target.is_dir():
        target = target / f"citecheck-export-{clock().astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}.warc.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    seen: set[tuple[str, int]] = set()
    count = 0
    with open(partial, "wb") as out:
        builder = (
            new_builder(out, clock=clock)
            if id_factory is None
            else new_builder(out, clock=clock, id_factory=id_factory)
        )
        info = {"software": SOFTWARE, "format": "WARC File Format 1.1", "description": "citecheck export"}
        builder.write_record(builder.create_warcinfo_record(target.name, info))
        for snapshot in snapshots:
            for member in _members(snapshot):
                key = (str(Path(member[0]).resolve()), member[1])
                if key in seen:
                    continue
                seen.add(key)
                _copy(out, member)
                count += 1
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, target)
    LOGGER.info("exported %d records to %s", count, target)
    return target


def _locate(path: str, archive_dir: Path | None) -> str:
    """A stored WARC path, resolved against the archive folder (it may have moved there)."""
    candidate = Path(path)
    if archive_dir is not None and not candidate.is_absolute():
        candidate = archive_dir / candidate
    if not candidate.exists() and archive_dir is not None and (archive_dir / candidate.name).exists():
        candidate = archive_dir / candidate.name
    return str(candidate)


def article_snapshots(
    db: Database, article_id: int, *, archive_dir: str | os.PathLike[str] | None = None, latest: bool = False
) -> list[Snapshot]:
    """The local snapshots of every URL an article cites, oldest first.

    Args:
        db: the store.
        article_id: the article.
        archive_dir: where relative (or moved) WARC paths are looked for.
        latest: only the newest snapshot of each URL.

    Returns:
        Snapshots with a WARC file and offset (article pages fetched as input are left out).
    """
    rows = db.execute(
        """SELECT s.id, s.url, s.warc_path, s.warc_offset, s.warc_length, s.payload_digest, s.record_id,
                  s.revisit, s.captured_at, f.url
           FROM snapshots s JOIN fetches f ON f.id = s.fetch_id
           WHERE s.source = 'local' AND s.warc_path IS NOT NULL AND s.warc_offset IS NOT NULL
             AND f.url IN (SELECT url FROM citations WHERE article_id = ? AND url IS NOT NULL)
           ORDER BY s.id""",
        [article_id],
    ).fetchall()
    folder = Path(archive_dir) if archive_dir is not None else None
    chosen = {row[9]: row for row in rows} if latest else {row[0]: row for row in rows}
    return [
        Snapshot(
            url=row[1],
            warc_path=_locate(row[2], folder),
            offset=row[3],
            length=row[4],
            payload_digest=row[5],
            record_id=row[6],
            revisit=bool(row[7]),
            captured_at=datetime.fromisoformat(row[8]) if row[8] else None,
        )
        for row in sorted(chosen.values(), key=lambda r: int(r[0]))
    ]
