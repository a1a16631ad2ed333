"""Recheck policy and dead-link confirmation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from citecheck.config import load
from citecheck.models import Outcome
from citecheck.schedule import LinkState, next_check_at, next_link_state

NOW = datetime(2026, 1, 10, tzinfo=UTC)
SETTINGS = load(read_file=False, read_env=False)


def test_one_failure_is_not_a_confirmed_death() -> None:
    state = next_link_state(LinkState("alive", 0, None), Outcome.DEAD, NOW, SETTINGS)
    assert state.link_status == "first-failure"
    assert state.consecutive_failures == 1


def test_three_failures_in_one_day_are_not_enough() -> None:
    state = LinkState("alive", 0, None)
    for hours in (0, 1, 2):
        state = next_link_state(state, Outcome.DEAD, NOW + timedelta(hours=hours), SETTINGS)
    assert state.link_status == "failing"


def test_three_failures_days_apart_confirm_death_and_success_resets() -> None:
    state = LinkState("alive", 0, None)
    for days in (0, 2, 4):
        state = next_link_state(state, Outcome.SOFT_404, NOW + timedelta(days=days), SETTINGS)
    assert state.link_status == "confirmed-dead"
    state = next_link_state(state, Outcome.OK, NOW + timedelta(days=5), SETTINGS)
    assert state == LinkState("alive", 0, None)


def test_blocked_is_not_rot() -> None:
    state = next_link_state(LinkState("alive", 0, None), Outcome.BLOCKED, NOW, SETTINGS)
    assert state.consecutive_failures == 0
    assert state.link_status == "unreachable"


def test_intervals_grow_with_age_and_failures_come_back_soon() -> None:
    healthy = LinkState("alive", 0, None)
    young = next_check_at(added_at=NOW, now=NOW, state=healthy, settings=SETTINGS) - NOW
    weekly = next_check_at(added_at=NOW - timedelta(days=20), now=NOW, state=healthy, settings=SETTINGS) - NOW
    monthly = (
        next_check_at(added_at=NOW - timedelta(days=200), now=NOW, state=healthy, settings=SETTINGS) - NOW
    )
    assert young < weekly < monthly
    failing = (
        next_check_at(
            added_at=NOW - timedelta(days=200),
            now=NOW,
            state=LinkState("first-failure", 1, NOW),
            settings=SETTINGS,
        )
        - NOW
    )
    assert failing < weekly
    dead = [
        next_check_at(added_at=NOW, now=NOW, state=LinkState("confirmed-dead", n, NOW), settings=SETTINGS)
        - NOW
        for n in (3, 4, 5, 30)
    ]
    assert dead[0] < dead[1] < dead[2] <= dead[3] == timedelta(days=SETTINGS.dead_backoff_max_days)
