"""Process-wide pacing for the Internet Archive's APIs, with a long pause after a 429.

The Internet Archive blocks clients that keep calling through 429 answers (for an hour,
doubling), so every :class:`~citecheck.archive.wayback.Wayback` in the process shares one
:class:`Pace` per API: calls are spaced at least ``60 / per_minute`` seconds apart, and a
429 stops every caller for at least a minute (doubling on each further 429).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

# Shortest pause after a 429: the Internet Archive asks for at least a minute.
MIN_429_PAUSE = 60.0
# Longest pause after repeated 429s (the block a misbehaving client gets is an hour).
MAX_429_PAUSE = 3600.0
SECONDS_PER_MINUTE = 60.0


class Pace:
    """Reserves start times for calls to one API; thread-safe, loop-agnostic."""

    def __init__(self, per_minute: float) -> None:
        """Args:
        per_minute: the most calls a minute; 0 or less means no spacing (tests).
        """
        self._lock = threading.Lock()
        self.per_minute = per_minute
        self._next_at = 0.0
        self._paused_until = 0.0
        self._strikes = 0

    @property
    def interval(self) -> float:
        """Seconds between two calls."""
        return SECONDS_PER_MINUTE / self.per_minute if self.per_minute > 0 else 0.0

    def reserve(self, now: float) -> float:
        """Book the next free start time; return how long to wait before calling.

        Args:
            now: the current time in seconds (any fixed origin).

        Returns:
            Seconds to sleep (0 when the call may go now).
        """
        with self._lock:
            start = max(now, self._next_at, self._paused_until)
            self._next_at = start + self.interval
            return start - now

    def penalize(self, now: float, retry_after: float | None = None) -> float:
        """Pause every caller after a 429; return the pause in seconds.

        Args:
            now: the current time in seconds.
            retry_after: the server's Retry-After in seconds, if it sent one.

        Returns:
            The pause: at least a minute, doubling per consecutive 429, at most an hour.
        """
        with self._lock:
            self._strikes += 1
            pause: float = MIN_429_PAUSE * 2.0 ** (self._strikes - 1)
            pause = min(MAX_429_PAUSE, max(pause, retry_after or 0.0))
            self._paused_until = max(self._paused_until, now + pause)
            self._next_at = max(self._next_at, self._paused_until)
            return pause

    def succeeded(self) -> None:
        """Forget earlier 429s after a call that went through."""
        with self._lock:
            self._strikes = 0

    @property
    def paused_until(self) -> float:
        """When the current 429 pause ends (0 when none was ever set)."""
        return self._paused_until


@dataclass
class WaybackLimits:
    """The paces for the read APIs (CDX, availability, status, snapshots) and for Save Page Now."""

    cdx: Pace = field(default_factory=lambda: Pace(24))
    save: Pace = field(default_factory=lambda: Pace(3))


_SHARED = WaybackLimits()
_SHARED_LOCK = threading.Lock()


def shared_limits(cdx_per_minute: float, save_per_minute: float) -> WaybackLimits:
    """The process-wide paces, set to the given rates (the latest settings win)."""
    with _SHARED_LOCK:
        _SHARED.cdx.per_minute = cdx_per_minute
        _SHARED.save.per_minute = save_per_minute
        return _SHARED
