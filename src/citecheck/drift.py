"""Content drift: how a cited page's extracted text changed between two checks.

Each new live extraction of a citation's page is compared with the previous live extraction
of the same citation, and the comparison is recorded in the ``drift`` table as one of:

``unchanged``
    the same normalised text (:func:`citecheck.extract.normalize.normalize_text`: quotes,
    dashes, invisible characters and whitespace folded), i.e. equal ``normalized_hash``.
``cosmetic``
    equal after a stronger folding (:func:`strong_fold`: case, ``ё``/``е``, every
    punctuation mark and symbol, whitespace), or differing only by a few spelling fixes: a
    word-level diff whose every change replaces one word by one word, neither holding a
    digit, both at least :data:`COSMETIC_MIN_WORD` letters long and within
    :data:`COSMETIC_MAX_DISTANCE` edits of each other, at most :data:`COSMETIC_MAX_EDITS`
    such words in all. A changed number, an added or removed word, or a different name is
    never cosmetic.
``changed``
    anything else. A unified diff of the two texts, split into one sentence per line, is
    kept (at most :data:`DIFF_MAX_LINES` lines and :data:`DIFF_MAX_CHARS` characters).

``similarity`` is rapidfuzz's normalised Indel similarity (0..1) of the strongly folded texts.
The verdict is recomputed by the pipeline on every check; drift only says what moved.
"""

from __future__ import annotations

import difflib
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio
from sqlite_utils import Database

from citecheck.extract.normalize import normalize_text, text_hash
from citecheck.store.db import insert_row, writing

LOGGER = logging.getLogger(__name__)

KINDS = ("unchanged", "cosmetic", "changed")
# Below this similarity of the folded texts a word-level look for spelling fixes is skipped.
COSMETIC_MIN_SIMILARITY = 0.97
# Most single-word spelling fixes a change may hold and still be cosmetic.
COSMETIC_MAX_EDITS = 3
# Most character edits (Levenshtein) between a word and its fix: a typo, a dropped letter.
COSMETIC_MAX_DISTANCE = 2
# Shortest word whose respelling counts as cosmetic: "и" -> "а" changes the meaning.
COSMETIC_MIN_WORD = 4
# Lines of unified diff kept for a change: enough to read, small enough for a report.
DIFF_MAX_LINES = 200
# Characters of unified diff kept (the diff column stays small in the store).
DIFF_MAX_CHARS = 20_000
# Context lines around each change in the diff.
DIFF_CONTEXT = 1
TRUNCATION_MARK = "… (diff truncated)"

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Drift:
    """The comparison of two extracted texts."""

    kind: str  # unchanged | cosmetic | changed
    similarity: float
    diff: str = ""
    truncated: bool = False
    added: int = 0
    removed: int = 0


def strong_fold(text: str) -> str:
    """Fold a text harder than the stored hash does: case, ё, punctuation, symbols, whitespace.

    Args:
        text: any text.

    Returns:
        The words and numbers of ``text``, casefolded, separated by single spaces.
    """
    folded = normalize_text(text).casefold().replace("ё", "е")
    kept = [ch if unicodedata.category(ch)[0] in "LN" else " " for ch in folded]
    return " ".join("".join(kept).split())


def _spelling_fix(old: str, new: str) -> bool:
    """True when ``new`` is a small respelling of ``old`` (no digits, long enough, close)."""
    if _DIGIT.search(old) or _DIGIT.search(new):
        return False
    if min(len(old), len(new)) < COSMETIC_MIN_WORD:
        return False
    return bool(Levenshtein.distance(old, new) <= COSMETIC_MAX_DISTANCE)


def _only_spelling_fixes(old_words: list[str], new_words: list[str]) -> bool:
    """True when the word-level diff holds only a few one-for-one spelling fixes."""
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    edits = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag != "replace" or (i2 - i1) != (j2 - j1):
            return False
        for old, new in zip(old_words[i1:i2], new_words[j1:j2], strict=True):
            if not _spelling_fix(old, new):
                return False
            edits += 1
        if edits > COSMETIC_MAX_EDITS:
            return False
    return True


def sentence_lines(text: str) -> list[str]:
    """Split a text into one sentence (or paragraph fragment) per line, for a readable diff."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        lines.extend(part.strip() for part in _SENTENCE_END.split(paragraph) if part.strip())
    return lines


def unified_diff(
    old: str, new: str, *, old_label: str = "previous", new_label: str = "current"
) -> tuple[str, bool, int, int]:
    """A capped unified diff of two texts, one sentence per line.

    Args:
        old: the previous text.
        new: the current text.
        old_label: the ``---`` file label (e.g. when it was checked).
        new_label: the ``+++`` file label.

    Returns:
        The diff text, whether it was truncated, and the counts of added and removed lines.
    """
    lines = list(
        difflib.unified_diff(
            sentence_lines(old), sentence_lines(new), old_label, new_label, n=DIFF_CONTEXT, lineterm=""
        )
    )
    added = sum(1 for line in lines if line.startswith("+") and not line.startswith("+++"))
    removed = sum(1 for line in lines if line.startswith("-") and not line.startswith("---"))
    truncated = len(lines) > DIFF_MAX_LINES
    text = "\n".join(lines[:DIFF_MAX_LINES])
    if len(text) > DIFF_MAX_CHARS:
        text = text[:DIFF_MAX_CHARS].rsplit("\n", 1)[0]
        truncated = True
    if truncated:
        text += "\n" + TRUNCATION_MARK
    return text, truncated, added, removed


def compare(
    old: str,
    new: str,
    *,
    old_hash: str | None = None,
    new_hash: str | None = None,
    old_label: str = "previous",
    new_label: str = "current",
) -> Drift:
    """Classify how ``new`` differs from ``old`` (see the module docstring).

    Args:
        old: the previous extracted text.
        new: the new extracted text.
        old_hash: the previous text's ``normalized_hash`` (computed when missing).
        new_hash: the new text's ``normalized_hash`` (computed when missing).
        old_label: label of the old side in a diff.
        new_label: label of the new side in a diff.

    Returns:
        The drift kind, similarity, and for a change its diff.
    """
    if (old_hash or text_hash(old)) == (new_hash or text_hash(new)):
        return Drift("unchanged", 1.0)
    old_folded, new_folded = strong_fold(old), strong_fold(new)
    similarity = round(ratio(old_folded, new_folded) / 100.0, 4)
    if old_folded == new_folded:
        return Drift("cosmetic", 1.0)
    if similarity >= COSMETIC_MIN_SIMILARITY and _only_spelling_fixes(old_folded.split(), new_folded.split()):
        return Drift("cosmetic", similarity)
    diff, truncated, added, removed = unified_diff(old, new, old_label=old_label, new_label=new_label)
    return Drift("changed", similarity, diff, truncated, added, removed)


def _one(db: Database, sql: str, params: list[Any]) -> dict[str, Any] | None:
    """The first row of a query as a dict (plain SQL: no sqlite-utils savepoint or view lookups)."""
    cursor = db.conn.execute(sql, params)
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row is not None else None


def record_drift(
    db: Database,
    citation_id: int,
    extraction_id: int,
    *,
    previous_extraction_id: int | None = None,
    verdict_id: int | None = None,
    run_id: int | None = None,
    now: datetime,
    commit: bool = True,
) -> int | None:
    """Compare a citation's new live extraction with its previous one and store the drift.

    Args:
        db: the store.
        citation_id: the citation checked.
        extraction_id: the new extraction (of the live page).
        previous_extraction_id: the extraction to compare with; default the newest earlier
            extraction behind a live verdict of this citation.
        verdict_id: the verdict of this check, if already saved.
        run_id: the run of this check.
        now: when the comparison is recorded.
        commit: False leaves the row in the caller's open transaction (``with db.conn:``).

    Returns:
        The drift row id, or None when there is nothing to compare with (a first check) or the
        pair was already recorded.
    """
    if previous_extraction_id is None:
        found = _one(
            db,
            """SELECT v.extraction_id AS id, v.created_at FROM verdicts v
               WHERE v.citation_id = ? AND v.basis = 'live' AND v.extraction_id IS NOT NULL
               AND v.extraction_id < ? ORDER BY v.extraction_id DESC LIMIT 1""",
            [citation_id, extraction_id],
        )
        if found is None:
            return None
        previous_extraction_id = int(found["id"])
    if previous_extraction_id == extraction_id:
        return None
    if _one(
        db, "SELECT id FROM drift WHERE citation_id = ? AND extraction_id = ?", [citation_id, extraction_id]
    ):
        return None
    sql = "SELECT id, url, text, normalized_hash, created_at FROM extractions WHERE id = ?"
    old = _one(db, sql, [previous_extraction_id])
    new = _one(db, sql, [extraction_id])
    if old is None or new is None:
        LOGGER.warning("drift: extraction %s or %s is missing", previous_extraction_id, extraction_id)
        return None
    result = compare(
        old["text"] or "",
        new["text"] or "",
        old_hash=old["normalized_hash"] or None,
        new_hash=new["normalized_hash"] or None,
        old_label=f"checked {old['created_at']}",
        new_label=f"checked {new['created_at']}",
    )
    row = {
        "citation_id": citation_id,
        "run_id": run_id,
        "verdict_id": verdict_id,
        "url": new["url"],
        "previous_extraction_id": previous_extraction_id,
        "extraction_id": extraction_id,
        "kind": result.kind,
        "similarity": result.similarity,
        "added_lines": result.added,
        "removed_lines": result.removed,
        "diff": result.diff or None,
        "diff_truncated": int(result.truncated),
        "previous_checked_at": old["created_at"],
        "created_at": now.isoformat(),
    }
    with writing(db, commit):
        return insert_row(db, "drift", row)


def record_for_verdict(db: Database, verdict_id: int, *, now: datetime) -> int | None:
    """Record drift for a saved verdict when it rests on a live extraction (idempotent).

    Args:
        db: the store.
        verdict_id: a verdict just saved by the pipeline.
        now: when the comparison is recorded.

    Returns:
        The drift row id, or None (not live, no extraction, first check, already recorded).
    """
    verdict = _one(
        db, "SELECT citation_id, extraction_id, basis, run_id FROM verdicts WHERE id = ?", [verdict_id]
    )
    if verdict is None or verdict["basis"] != "live" or verdict["extraction_id"] is None:
        return None
    return record_drift(
        db,
        int(verdict["citation_id"]),
        int(verdict["extraction_id"]),
        verdict_id=verdict_id,
        run_id=verdict["run_id"],
        now=now,
    )
