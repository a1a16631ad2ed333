"""Human review of verdicts: what counts as a problem, and accepting, dismissing or noting one.

A citation is a *problem* when its latest verdict is not ``supported`` (or it was never
checked), or when its live page is gone (the last fetch was ``dead`` or ``soft-404``) even if
an archived copy still supports the claim: the article should then cite the archive.

Every decision is a row in ``reviews`` (who, when, why, which verdict); the history is never
rewritten. ``citations.review_state`` holds the current decision (``accepted`` or
``dismissed``; a note alone leaves it as it was).

*Accept* means the reviewer agrees with the verdict: the problem is real and stays listed.
*Dismiss* means the reviewer judged it a false alarm: the problem leaves the report until the
page changes (a ``changed`` drift after the dismissal), the verdict's label changes, or the live
page dies or comes back; then the dismissal no longer holds and it is a new problem.
"""

from __future__ import annotations

import getpass
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from citecheck.errors import CitecheckError, StoreError

LOGGER = logging.getLogger(__name__)

ACTIONS = ("accept", "dismiss", "note")
# Live fetch outcomes meaning the cited page is gone (blocked or paywalled pages are not gone).
GONE_OUTCOMES = frozenset({"dead", "soft-404"})
# The citations.review_state each deciding action sets.
STATE_OF_ACTION = {"accept": "accepted", "dismiss": "dismissed"}


@dataclass(frozen=True, slots=True)
class Review:
    """One recorded human decision on a citation."""

    id: int
    citation_id: int
    verdict_id: int | None
    label: str | None  # the label of the verdict reviewed
    action: str
    note: str | None
    by: str | None
    at: str
    outcome: str | None = None  # the live fetch outcome of the verdict reviewed


def is_gone(outcome: str | None) -> bool:
    """True when a live fetch outcome means the cited page is gone."""
    return outcome in GONE_OUTCOMES


def is_problem(label: str | None, outcome: str | None) -> bool:
    """True when a citation needs a look: not supported, never checked, or its page is gone."""
    return label != "supported" or is_gone(outcome)


def is_new_problem(
    previous: tuple[str | None, str | None] | None, current: tuple[str | None, str | None], changed: bool
) -> bool:
    """True when a check made a citation a problem, or changed an existing problem.

    Args:
        previous: (label, live outcome) of the check before, or None for a first check.
        current: (label, live outcome) of this check.
        changed: whether this check found the page's text ``changed``.

    Returns:
        False when this check leaves no problem; else True for a first check, a new label,
        a page that died (or came back), or a changed text.
    """
    if not is_problem(*current):
        return False
    if previous is None or current[0] is None:
        return True
    return previous[0] != current[0] or is_gone(previous[1]) != is_gone(current[1]) or changed


def default_reviewer() -> str:
    """The reviewer's name when ``--by`` is not given: the login name ($LOGNAME, $USER, ...)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        return "unknown"


def record_review(
    db: Database,
    citation_id: int,
    action: str,
    *,
    note: str | None = None,
    by: str | None = None,
    now: datetime,
) -> Review:
    """Record a decision on a citation's current verdict.

    Args:
        db: the store.
        citation_id: the citation reviewed.
        action: ``accept``, ``dismiss`` or ``note``.
        note: why (required for ``note``).
        by: who decided.
        now: when.

    Returns:
        The stored review.

    Raises:
        StoreError: no citation has this id.
        CitecheckError: an unknown action, or a note action without text.
    """
    if action not in ACTIONS:
        raise CitecheckError(f"unknown review action {action!r}: use one of {', '.join(ACTIONS)}")
    if action == "note" and not (note and note.strip()):
        raise CitecheckError("a note needs some text")
    sql = """SELECT c.last_verdict_id, c.last_label, v.outcome FROM citations c
             LEFT JOIN verdicts v ON v.id = c.last_verdict_id WHERE c.id = ?"""
    row = db.execute(sql, [citation_id]).fetchone()
    if row is None:
        raise StoreError(f"no citation with id {citation_id}")
    values = {
        "citation_id": citation_id,
        "verdict_id": row[0],
        "action": action,
        "note": note.strip() if note else None,
        "by": by,
        "at": now.isoformat(),
    }
    with db.conn:
        review_id = int(db["reviews"].insert(values).last_pk)  # type: ignore[union-attr, arg-type]
        if action in STATE_OF_ACTION:
            db.execute(
                "UPDATE citations SET review_state = ? WHERE id = ?", [STATE_OF_ACTION[action], citation_id]
            )
    LOGGER.info("citation %s: %s by %s", citation_id, action, by)
    return Review(review_id, citation_id, row[0], row[1], action, values["note"], by, values["at"], row[2])


_HISTORY = """SELECT r.id, r.citation_id, r.verdict_id, v.label, r.action, r.note, r.by, r.at, v.outcome
FROM reviews r LEFT JOIN verdicts v ON v.id = r.verdict_id
WHERE r.citation_id = ? ORDER BY r.id"""


def history(db: Database, citation_id: int) -> list[Review]:
    """Every review of a citation, oldest first."""
    return [Review(*row) for row in db.execute(_HISTORY, [citation_id]).fetchall()]


def current_decision(reviews: list[Review]) -> Review | None:
    """The latest accept or dismiss in a review history (notes do not decide)."""
    decisions = [r for r in reviews if r.action in STATE_OF_ACTION]
    return decisions[-1] if decisions else None


def dismissal_holds(
    decision: Review | None,
    current_label: str | None,
    last_changed_at: str | None,
    current_outcome: str | None = None,
) -> bool:
    """True when a dismissal still hides a problem: same label, page neither changed nor died since.

    Args:
        decision: the citation's current decision (see :func:`current_decision`).
        current_label: the label of the citation's latest verdict (None when unchecked).
        last_changed_at: when a ``changed`` drift was last recorded for it (ISO), if ever.
        current_outcome: the live fetch outcome of the latest verdict.

    Returns:
        False unless the decision is a dismissal of a verdict with the same label, the page
        is as gone (or as alive) as it was, and its text has not changed since.
    """
    if decision is None or decision.action != "dismiss":
        return False
    if (decision.label or None) != (current_label or None):
        return False
    if is_gone(decision.outcome) != is_gone(current_outcome):
        return False
    return last_changed_at is None or last_changed_at <= decision.at
