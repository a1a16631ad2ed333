"""The report's reads from the store, set-based: a handful of queries per batch of citations.

:func:`citation_rows` reads every active citation of the reported articles with its latest
verdict in one query; :func:`lookups` then fetches, for a batch of them at once, what the report
adds to each (the verdict before, when the problem began, the latest drift, the last ``changed``
drift, the review history, the newest usable local copy and Wayback copy of its URLs, and the
full record behind a revisit). Each look-up is one query over ``json_each`` of the batch's ids,
URLs or digests, served by an index whatever ANALYZE says (``+column`` keeps the planner off
the low-selectivity ones).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from citecheck.review import GONE_OUTCOMES, Review

LOGGER = logging.getLogger(__name__)

# Citations looked up per batch: large enough to amortise each query, small enough for json_each.
BATCH = 2000

_CITATIONS = """
SELECT c.id, c.article_id, c.position, c.marker, c.url, c.claim, c.last_checked_at AS checked_at,
       c.link_status, c.last_verdict_id, v.label AS verdict, v.score, v.evidence, v.basis, v.reasons,
       v.created_at AS verdict_at, v.extraction_id, e.lang,
       f.outcome, f.final_url, s.source AS snap_source, s.outcome AS snap_outcome,
       s.warc_path, s.warc_offset, s.warc_length, s.revisit, s.payload_digest, s.wayback_url
FROM citations c
LEFT JOIN verdicts v ON v.id = c.last_verdict_id
LEFT JOIN fetches f ON f.id = v.fetch_id
LEFT JOIN snapshots s ON s.id = v.snapshot_id
LEFT JOIN extractions e ON e.id = v.extraction_id
WHERE c.active = 1 AND c.article_id IN (SELECT value FROM json_each(:articles)) {where}
ORDER BY c.article_id, c.position, c.id
"""
_GONE = ", ".join(f"'{o}'" for o in sorted(GONE_OUTCOMES))
# review.is_problem in SQL: not supported (or never checked), or the live page is gone.
_PROBLEM = f"AND (v.label IS NOT 'supported' OR f.outcome IN ({_GONE}))"
_LABELS = "AND COALESCE(v.label, 'unchecked') IN (SELECT value FROM json_each(:labels))"
_JSON_VALUES = "(SELECT value FROM json_each(?))"
# Per citation: the verdict before the latest (label, outcome), and when the problem began (the
# first verdict after the last one that was no problem: supported, page not gone).
_HISTORY_OF = f"""SELECT c.id, p.id IS NOT NULL, p.label, p.outcome,
  (SELECT MIN(created_at) FROM verdicts WHERE citation_id = c.id AND id > COALESCE(
    (SELECT MAX(id) FROM verdicts WHERE citation_id = c.id AND +label = 'supported'
     AND COALESCE(outcome, '') NOT IN ({_GONE})), 0))
FROM citations c
LEFT JOIN verdicts p
  ON p.id = (SELECT MAX(id) FROM verdicts WHERE citation_id = c.id AND id < c.last_verdict_id)
WHERE c.id IN {_JSON_VALUES}"""
# The newest drift row per citation (SQLite returns the bare columns of the MAX(id) row).
_DRIFT = f"""SELECT citation_id, MAX(id), kind, created_at, previous_checked_at, similarity, diff,
diff_truncated, extraction_id FROM drift WHERE citation_id IN {_JSON_VALUES} GROUP BY citation_id"""
_CHANGED = f"""SELECT citation_id, MAX(created_at) FROM drift
WHERE citation_id IN {_JSON_VALUES} AND +kind = 'changed' GROUP BY citation_id"""
_HISTORY = f"""SELECT r.id, r.citation_id, r.verdict_id, v.label, r.action, r.note, r.by, r.at, v.outcome
FROM reviews r LEFT JOIN verdicts v ON v.id = r.verdict_id
WHERE r.citation_id IN {_JSON_VALUES} ORDER BY r.citation_id, r.id"""
# The newest usable local record per URL.
_LOCAL = f"""SELECT url, MAX(id), warc_path, warc_offset, warc_length, revisit, payload_digest
FROM snapshots WHERE url IN {_JSON_VALUES} AND +source = 'local' AND warc_path IS NOT NULL
AND +outcome IN ('ok', 'moved') GROUP BY url"""
# A revisit record holds no payload: the newest full record with the same payload.
_ORIGINAL = f"""SELECT payload_digest, MAX(id), warc_path, warc_offset, warc_length FROM snapshots
WHERE payload_digest IN {_JSON_VALUES} AND +source = 'local' AND +revisit = 0 AND warc_path IS NOT NULL
GROUP BY payload_digest"""
_WAYBACK = f"""SELECT url, MAX(id), wayback_url FROM snapshots
WHERE url IN {_JSON_VALUES} AND wayback_url IS NOT NULL GROUP BY url"""

Record = tuple[Any, Any, Any, Any, Any]  # (warc_path, offset, length, revisit, payload_digest)


@dataclass(slots=True)
class Lookups:
    """What the report adds to a batch of citations, keyed by citation id (or URL, digest)."""

    previous: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    since: dict[int, str | None] = field(default_factory=dict)
    drift: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    changed: dict[int, str] = field(default_factory=dict)
    reviews: dict[int, list[Review]] = field(default_factory=dict)
    local: dict[str, tuple[int, Record]] = field(default_factory=dict)
    wayback: dict[str, tuple[int, str]] = field(default_factory=dict)
    original: dict[str, tuple[Any, Any, Any]] = field(default_factory=dict)

    def newest(self, table: dict[str, tuple[int, Any]], urls: Iterable[str]) -> Any:
        """The newest (highest id) entry of ``table`` for any of ``urls``."""
        found = [table[u] for u in set(urls) if u in table]
        return max(found, key=lambda item: item[0])[1] if found else None

    def full_record(self, found: Record | None) -> tuple[Any, Any, Any] | None:
        """(path, offset, length) of a local record, a revisit resolved to its full record."""
        if not found:
            return None
        if found[3] and found[4] and found[4] in self.original:
            return self.original[found[4]]
        return (found[0], found[1], found[2])


def citation_rows(
    db: Database, article_ids: Sequence[int], *, problems_only: bool = False, labels: Sequence[str] = ()
) -> dict[int, list[dict[str, Any]]]:
    """The active citations of these articles with their latest verdict, by article, in order.

    Args:
        db: the store.
        article_ids: the articles.
        problems_only: only citations that are problems (:func:`citecheck.review.is_problem`).
        labels: only citations whose latest label (``unchecked`` when none) is one of these.

    Returns:
        Rows by article id, in position order.
    """
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    where = (_PROBLEM if problems_only else "") + (f" {_LABELS}" if labels else "")
    params = {"articles": json.dumps(list(article_ids)), "labels": json.dumps(list(labels))}
    cursor = db.execute(_CITATIONS.format(where=where), params)
    names = [d[0] for d in cursor.description]
    for raw in cursor:
        row = dict(zip(names, raw, strict=True))
        out[row["article_id"]].append(row)
    return out


def _rows(db: Database, sql: str, keys: Iterable[Any]) -> list[Any]:
    values = sorted({k for k in keys if k is not None})
    return db.execute(sql, [json.dumps(values)]).fetchall() if values else []


def lookups(db: Database, rows: Sequence[dict[str, Any]]) -> Lookups:
    """Fetch everything the report adds to ``rows`` (one batch) in a few queries.

    Args:
        db: the store.
        rows: citation rows from :func:`citation_rows`.

    Returns:
        The batch's :class:`Lookups`.
    """
    found = Lookups()
    ids = [row["id"] for row in rows]
    checked = [row["id"] for row in rows if row["last_verdict_id"]]
    for cid, has_previous, label, outcome, since in _rows(db, _HISTORY_OF, checked):
        if has_previous:
            found.previous[cid] = (label, outcome)
        found.since[cid] = since
    for row in _rows(db, _DRIFT, ids):
        found.drift[row[0]] = row[2:]
    found.changed = dict(_rows(db, _CHANGED, ids))
    for raw in _rows(db, _HISTORY, ids):
        found.reviews.setdefault(raw[1], []).append(Review(*raw))
    need_local = [row for row in rows if not _own_usable(row)]
    for url, sid, *record in _rows(db, _LOCAL, (u for row in need_local for u in urls_of(row))):
        found.local[url] = (sid, tuple(record))  # type: ignore[assignment]
    for url, sid, wayback in _rows(
        db, _WAYBACK, (u for row in rows if not row["wayback_url"] for u in urls_of(row))
    ):
        found.wayback[url] = (sid, wayback)
    digests = [row["payload_digest"] for row in rows if row["revisit"] and row["snap_source"] == "local"]
    digests += [rec[4] for _sid, rec in found.local.values() if rec[3]]
    for digest, _sid, *where in _rows(db, _ORIGINAL, digests):
        found.original[digest] = tuple(where)  # type: ignore[assignment]
    return found


def urls_of(row: dict[str, Any]) -> list[str]:
    """The cited URL and where it led (the keys its copies are stored under)."""
    return [row["url"] or "", row["final_url"] or row["url"] or ""]


def own_record(row: dict[str, Any]) -> Record | None:
    """The local record the verdict rests on, if it rests on one."""
    if row["snap_source"] == "local" and row["warc_path"]:
        return (
            row["warc_path"],
            row["warc_offset"],
            row["warc_length"],
            row["revisit"],
            row["payload_digest"],
        )
    return None


def _own_usable(row: dict[str, Any]) -> bool:
    return own_record(row) is not None and row["snap_outcome"] in ("ok", "moved")
