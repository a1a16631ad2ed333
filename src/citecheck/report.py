"""Turn the store's latest verdicts into reports (text, Markdown, HTML, JSON, CSV) and an exit code.

:func:`collect` reads the store into one dict; :func:`render` draws it. The JSON form is a
contract other tools read; :data:`REPORT_SCHEMA` (JSON Schema 2020-12, printed by
``citecheck report --schema``) describes it::

    {"schema_version": 1, "generated_at", "filters": {...},
     "summary": {"articles", "citations", "needs_look", "new_problems", "by_verdict"},
     "articles": [{"id", "source", "title",
                   "citations": [{"id", "marker", "url", "claim", "outcome", "final_url",
                                  "verdict", "score", "evidence", "checked_at", "warc", "wayback",
                                  "basis", "reasons", "needs_look", "new", "problem_since",
                                  "previous_verdict", "link_status", "lang", "anchors",
                                  "highlights", "drift", "last_changed_at", "review",
                                  "review_history"}]}]}

Keys may be added, never renamed. ``warc`` is ``{"path", "offset", "length"}`` or null.

A citation *needs a look* when its latest verdict is not ``supported`` (or it was never
checked) unless a dismissal still holds (:func:`citecheck.review.dismissal_holds`). Within an
article, citations needing a look come first, newest problem first (``problem_since``: the
first verdict after the last ``supported`` one); articles with the newest problems come first.
A problem is ``new`` when its latest check gave it a different label than the check before (a
first check included) or found the page's text ``changed``.
"""

from __future__ import annotations

import contextlib
import gc
import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from citecheck import report_query as query
from citecheck.errors import CitecheckError, InputError
from citecheck.models import Label
from citecheck.report_anchors import anchors_of, highlights
from citecheck.report_render import render_csv, render_html, render_markdown, render_text
from citecheck.review import Review, current_decision, dismissal_holds, is_new_problem, is_problem

FORMATS = ("text", "markdown", "html", "json", "csv")
SCHEMA_VERSION = 1
VERDICTS = (*(label.value for label in Label), "unchecked")
_NULL_STR = {"type": ["string", "null"]}
_NULL_NUM = {"type": ["number", "null"]}
_ANCHOR = {
    "type": "object",
    "required": ["claim"],
    "properties": {"type": _NULL_STR, "claim": {"type": "string"}, "page": _NULL_STR, "status": _NULL_STR},
}
REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "citecheck report",
    "type": "object",
    "required": ["schema_version", "generated_at", "filters", "summary", "articles"],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "generated_at": {"type": "string", "format": "date-time"},
        "filters": {"type": "object"},
        "summary": {
            "type": "object",
            "required": ["articles", "citations", "needs_look", "new_problems", "by_verdict"],
            "properties": {
                "articles": {"type": "integer"},
                "citations": {"type": "integer"},
                "needs_look": {"type": "integer"},
                "new_problems": {"type": "integer"},
                "by_verdict": {"type": "object", "additionalProperties": {"type": "integer"}},
            },
        },
        "articles": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "source", "title", "citations"],
                "properties": {
                    "id": {"type": "integer"},
                    "source": {"type": "string"},
                    "title": _NULL_STR,
                    "citations": {"type": "array", "items": {"$ref": "#/$defs/citation"}},
                },
            },
        },
    },
    "$defs": {
        "citation": {
            "type": "object",
            "required": [
                "id",
                "marker",
                "url",
                "claim",
                "outcome",
                "final_url",
                "verdict",
                "score",
                "evidence",
                "checked_at",
                "warc",
                "wayback",
                "basis",
                "reasons",
                "needs_look",
                "new",
                "problem_since",
                "previous_verdict",
                "link_status",
                "lang",
                "anchors",
                "highlights",
                "drift",
                "last_changed_at",
                "review",
                "review_history",
            ],
            "properties": {
                "id": {"type": "integer"},
                "marker": _NULL_STR,
                "url": _NULL_STR,
                "claim": _NULL_STR,
                "outcome": _NULL_STR,
                "final_url": _NULL_STR,
                "verdict": {"enum": list(VERDICTS)},
                "score": _NULL_NUM,
                "evidence": _NULL_STR,
                "checked_at": _NULL_STR,
                "warc": {
                    "oneOf": [
                        {"type": "null"},
                        {
                            "type": "object",
                            "required": ["path", "offset", "length"],
                            "properties": {
                                "path": {"type": "string"},
                                "offset": {"type": ["integer", "null"]},
                                "length": {"type": ["integer", "null"]},
                            },
                        },
                    ]
                },
                "wayback": _NULL_STR,
                "basis": _NULL_STR,
                "reasons": {"type": "object"},
                "needs_look": {"type": "boolean"},
                "new": {"type": "boolean"},
                "problem_since": _NULL_STR,
                "previous_verdict": _NULL_STR,
                "link_status": _NULL_STR,
                "lang": _NULL_STR,
                "anchors": {
                    "type": "object",
                    "required": ["matched", "missing", "contradicting"],
                    "properties": {
                        key: {"type": "array", "items": _ANCHOR}
                        for key in ("matched", "missing", "contradicting")
                    },
                },
                "highlights": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["start", "end", "kind"],
                        "properties": {
                            "start": {"type": "integer", "minimum": 0},
                            "end": {"type": "integer", "minimum": 0},
                            "kind": {"enum": ["matched", "contradicting"]},
                        },
                    },
                },
                "drift": {
                    "oneOf": [
                        {"type": "null"},
                        {
                            "type": "object",
                            "required": ["kind", "at", "similarity", "diff", "truncated", "current"],
                            "properties": {
                                "kind": {"enum": ["unchanged", "cosmetic", "changed"]},
                                "at": {"type": "string"},
                                "previous_checked_at": _NULL_STR,
                                "similarity": _NULL_NUM,
                                "diff": _NULL_STR,
                                "truncated": {"type": "boolean"},
                                "current": {"type": "boolean"},
                            },
                        },
                    ]
                },
                "last_changed_at": _NULL_STR,
                "review": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/review"}]},
                "review_history": {"type": "array", "items": {"$ref": "#/$defs/review"}},
            },
        },
        "review": {
            "type": "object",
            "required": ["action", "by", "at", "note", "verdict"],
            "properties": {
                "action": {"enum": ["accept", "dismiss", "note"]},
                "by": _NULL_STR,
                "at": {"type": "string"},
                "note": _NULL_STR,
                "verdict": _NULL_STR,
                "holds": {"type": "boolean"},
            },
        },
    },
}

_RELATIVE = re.compile(r"^(\d+(?:\.\d+)?)\s*([mhdw])$")
_UNIT = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(text: str, now: datetime) -> datetime:
    """Read a ``--since`` value: an ISO date or time (UTC when naive), or ``30m``/``12h``/``7d``/``2w`` ago.

    Args:
        text: the value given.
        now: the current time, for relative values.

    Returns:
        An aware datetime in UTC.
    """
    match = _RELATIVE.match(text.strip().lower())
    if match:
        return (now - timedelta(**{_UNIT[match.group(2)]: float(match.group(1))})).astimezone(UTC)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(f"--since: expected an ISO date/time or an age like 7d, got {text!r}") from exc
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def resolve_articles(db: Database, refs: tuple[str, ...] | list[str]) -> list[int]:
    """Article ids for ``--article`` values: an id, or a source (exact, or its end: a file name).

    Raises:
        InputError: a value matches no article.
    """
    ids: list[int] = []
    for ref in refs:
        rows = db.execute(
            "SELECT id FROM articles WHERE CAST(id AS TEXT) = ? OR source = ?", [ref, ref]
        ).fetchall()
        if not rows:
            rows = db.execute(
                "SELECT id FROM articles WHERE source LIKE '%' || ? ESCAPE '\\'",
                [ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")],
            ).fetchall()
        if not rows:
            raise InputError(f"no article matches {ref!r} (give an id or a source from the store)")
        ids.extend(int(r[0]) for r in rows if int(r[0]) not in ids)
    return ids


def _review_dict(review: Review, holds: bool | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "action": review.action,
        "by": review.by,
        "at": review.at,
        "note": review.note,
        "verdict": review.label,
    }
    if holds is not None:
        data["holds"] = holds
    return data


def _citation(row: dict[str, Any], found: query.Lookups) -> dict[str, Any]:
    """One citation of the report, from its row and its batch's look-ups."""
    cid = row["id"]
    reasons = json.loads(row["reasons"]) if row["reasons"] else {}
    reasons = reasons if isinstance(reasons, dict) else {}
    label = row["verdict"]
    previous = found.previous.get(cid) if row["last_verdict_id"] else None
    problem = is_problem(label, row["outcome"])
    since = found.since.get(cid) if label and problem else None
    drift_row = found.drift.get(cid)
    changed_at = found.changed.get(cid)
    drift = None
    if drift_row:
        drift = {
            "kind": drift_row[0],
            "at": drift_row[1],
            "previous_checked_at": drift_row[2],
            "similarity": drift_row[3],
            "diff": drift_row[4],
            "truncated": bool(drift_row[5]),
            "current": drift_row[6] is not None and drift_row[6] == row["extraction_id"],
        }
    urls = query.urls_of(row)
    # The local copy: the one the verdict rests on if usable, else the newest usable one, else any.
    own = query.own_record(row)
    local: Any = own if own and row["snap_outcome"] in ("ok", "moved") else None
    local = found.full_record(local or found.newest(found.local, urls) or own)
    wayback = row["wayback_url"] or found.newest(found.wayback, urls)
    reviews = found.reviews.get(cid, [])
    decision = current_decision(reviews)
    holds = dismissal_holds(decision, label, changed_at, row["outcome"])
    needs_look = problem and not holds
    evidence = row["evidence"] or ""
    anchors = anchors_of(reasons)
    fresh_change = drift is not None and drift["current"] and drift["kind"] == "changed"
    return {
        "id": cid,
        "marker": row["marker"],
        "url": row["url"],
        "claim": row["claim"],
        "outcome": row["outcome"],
        "final_url": row["final_url"],
        "verdict": label or "unchecked",
        "score": row["score"],
        "evidence": row["evidence"],
        "checked_at": row["checked_at"],
        "warc": {"path": local[0], "offset": local[1], "length": local[2]} if local else None,
        "wayback": wayback,
        "basis": row["basis"],
        "reasons": reasons,
        "needs_look": needs_look,
        "new": needs_look and is_new_problem(previous, (label, row["outcome"]), fresh_change),
        "problem_since": since,
        "previous_verdict": previous[0] if previous else None,
        "link_status": row["link_status"],
        "lang": row["lang"],
        "anchors": anchors,
        "highlights": highlights(evidence, anchors, row["lang"]) if evidence else [],
        "drift": drift,
        "last_changed_at": changed_at,
        "review": _review_dict(decision, holds) if decision else None,
        "review_history": [_review_dict(r) for r in reviews],
    }


def _recent(citation: dict[str, Any], since: str) -> bool:
    """True when the citation's problem began, or its page changed, at or after ``since``."""
    moments = [citation["problem_since"], citation["last_changed_at"]]
    if not citation["needs_look"]:
        moments.append(citation["checked_at"])
    return any(m is not None and m >= since for m in moments)


def _problem_order(citation: dict[str, Any]) -> tuple[int, str]:
    return (0 if citation["needs_look"] else 1, citation["problem_since"] or citation["checked_at"] or "")


def _article_order(article: dict[str, Any]) -> tuple[bool, str]:
    """Articles with problems first, the one with the newest problem first."""
    moments = [c["problem_since"] or c["checked_at"] or "" for c in article["citations"] if c["needs_look"]]
    return (bool(moments), max(moments, default=""))


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building the report's acyclic dicts.

    A report holds about ten containers per citation, none in a cycle (reference counting frees
    them); the collector would walk them all again and again, a third of the report's time at
    100,000 citations (bench/bench_scale.py).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _citations(
    db: Database, article_ids: list[int], *, only_problems: bool, verdicts: tuple[str, ...] | list[str]
) -> dict[int, list[dict[str, Any]]]:
    """The report's citations of these articles, by article, in position order (batched look-ups)."""
    # Filters that need no look-up (problems, labels) are applied in the query.
    by_article = query.citation_rows(db, article_ids, problems_only=only_problems, labels=verdicts)
    rows = [row for rows in by_article.values() for row in rows]
    built: dict[int, dict[str, Any]] = {}
    for start in range(0, len(rows), query.BATCH):
        batch = rows[start : start + query.BATCH]
        found = query.lookups(db, batch)
        built |= {row["id"]: _citation(row, found) for row in batch}
    return {aid: [built[r["id"]] for r in rows] for aid, rows in by_article.items()}


def collect(
    db: Database,
    *,
    only_problems: bool = False,
    since: datetime | None = None,
    articles: tuple[str, ...] | list[str] = (),
    verdicts: tuple[str, ...] | list[str] = (),
    now: datetime | None = None,
) -> dict[str, Any]:
    """The report's data (see the module docstring and :data:`REPORT_SCHEMA`).

    Args:
        db: the store.
        only_problems: keep only citations that need a look.
        since: keep only citations whose problem began or page changed at or after this time.
        articles: keep only these articles (ids or sources; see :func:`resolve_articles`).
        verdicts: keep only citations whose latest verdict has one of these labels.
        now: the report's time stamp (default: the current time).

    Returns:
        A JSON-able dict.
    """
    unknown = [v for v in verdicts if v not in VERDICTS]
    if unknown:
        raise CitecheckError(f"unknown verdict {unknown[0]!r}: use one of {', '.join(VERDICTS)}")
    wanted = resolve_articles(db, articles) if articles else None
    since_iso = since.astimezone(UTC).isoformat() if since else None
    listed = [
        article
        for article in db.query(
            "SELECT id, source, title FROM articles WHERE source NOT LIKE 'eval:%' ORDER BY id"
        )
        if wanted is None or article["id"] in wanted
    ]
    with _cyclic_gc_paused():
        by_article = _citations(db, [a["id"] for a in listed], only_problems=only_problems, verdicts=verdicts)
    out = []
    for article in listed:
        citations = [
            c
            for c in by_article.get(article["id"], [])
            if (not only_problems or c["needs_look"])
            and (not verdicts or c["verdict"] in verdicts)
            and (since_iso is None or _recent(c, since_iso))
        ]
        problems = sorted((c for c in citations if c["needs_look"]), key=_problem_order, reverse=True)
        citations = problems + [c for c in citations if not c["needs_look"]]
        if citations or not (only_problems or verdicts or since_iso):
            out.append({**article, "citations": citations})
    out.sort(key=_article_order, reverse=True)
    cites = [c for a in out for c in a["citations"]]
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": (now or datetime.now(UTC)).astimezone(UTC).isoformat(),
        "filters": {
            "only_problems": only_problems,
            "since": since_iso,
            "articles": list(articles),
            "verdicts": list(verdicts),
        },
        "summary": {
            "articles": len(out),
            "citations": len(cites),
            "needs_look": sum(1 for c in cites if c["needs_look"]),
            "new_problems": sum(1 for c in cites if c["new"]),
            "by_verdict": dict(sorted(Counter(c["verdict"] for c in cites).items())),
        },
        "articles": out,
    }


def needs_look(citation: dict[str, Any]) -> bool:
    """A citation needs a human look unless supported or its dismissal still holds."""
    return bool(citation.get("needs_look", citation.get("verdict") != Label.SUPPORTED.value))


def exit_code(data: dict[str, Any]) -> int:
    """0 when no citation in the report needs a look, 1 when any does (2 is for errors)."""
    return 1 if any(needs_look(c) for a in data["articles"] for c in a["citations"]) else 0


def render(data: dict[str, Any], fmt: str) -> str:
    """Render report data in one of :data:`FORMATS`."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt not in FORMATS:
        raise CitecheckError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    renderers = {"text": render_text, "markdown": render_markdown, "html": render_html, "csv": render_csv}
    return renderers[fmt](data)
