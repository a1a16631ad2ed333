"""Recheck policy: when a citation is due again, and when a failing link is confirmed dead.

Pure functions of a citation's state and the current time; the store keeps the results
(``next_check_at``, ``link_status``) per citation so ``recheck --due`` only selects rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from citecheck.config import Settings
from citecheck.models import Outcome

# Outcomes that count as a failed check of a link (a blocked or paywalled page is not rot).
FAILURE_OUTCOMES = frozenset({Outcome.DEAD, Outcome.SOFT_404, Outcome.ERROR})


@dataclass(frozen=True, slots=True)
class LinkState:
    """What the store keeps about a link's health between checks."""

    link_status: str  # unchecked | alive | first-failure | failing | confirmed-dead | unreachable
    consecutive_failures: int
    first_failure_at: datetime | None


def next_link_state(previous: LinkState, outcome: Outcome, now: datetime, settings: Settings) -> LinkState:
    """Fold one check's outcome into the link's state.

    A link is confirmed dead only after ``dead_confirm_checks`` failed checks spanning at least
    ``dead_confirm_days`` (as InternetArchiveBot does); one failure is a first failure.
    """
    if outcome not in FAILURE_OUTCOMES:
        status = "alive" if outcome.usable else "unreachable"
        return LinkState(status, 0, None)
    failures = previous.consecutive_failures + 1
    first = previous.first_failure_at or now
    span = now - first
    if failures >= settings.dead_confirm_checks and span >= timedelta(days=settings.dead_confirm_days):
        status = "confirmed-dead"
    elif failures == 1:
        status = "first-failure"
    else:
        status = "failing"
    return LinkState(status, failures, first)


def next_check_at(*, added_at: datetime, now: datetime, state: LinkState, settings: Settings) -> datetime:
    """When a citation should be checked next.

    Young articles are checked often, then weekly, then monthly; a failing link comes back
    soon (so that its death can be confirmed) with exponential backoff once confirmed dead.
    """
    if state.consecutive_failures:
        if state.link_status == "confirmed-dead":
            exponent = state.consecutive_failures - settings.dead_confirm_checks
            days = min(settings.dead_backoff_max_days, settings.recheck_weekly_days * 2 ** max(0, exponent))
            return now + timedelta(days=days)
        # Space the confirming checks so that they span dead_confirm_days.
        checks_left = max(1, settings.dead_confirm_checks - 1)
        spacing_hours = max(settings.failure_recheck_hours, 24 * settings.dead_confirm_days / checks_left)
        return now + timedelta(hours=spacing_hours)
    age = now - added_at
    if age < timedelta(days=settings.young_days):
        return now + timedelta(hours=settings.recheck_young_hours)
    if age < timedelta(days=settings.recheck_monthly_after_days):
        return now + timedelta(days=settings.recheck_weekly_days)
    return now + timedelta(days=settings.recheck_monthly_days)
