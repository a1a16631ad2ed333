"""What the Wayback Machine client returns: captures, fetched snapshots, Save Page Now jobs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import httpx

from citecheck.models import Outcome

WAYBACK = "https://web.archive.org"


class SaveStatus(StrEnum):
    """Where a Save Page Now job stands."""

    PENDING = "pending"
    SUCCESS = "success"
    STALE = "stale"  # the job answered with a capture older than our submission
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class WaybackCapture:
    """One capture in the Wayback Machine."""

    url: str
    timestamp: str
    status: int | None = None
    mime: str | None = None
    digest: str | None = None

    @property
    def captured_at(self) -> datetime:
        """The capture time (UTC)."""
        try:
            moment = datetime.strptime(self.timestamp.ljust(14, "0")[:14], "%Y%m%d%H%M%S")
        except ValueError:  # a malformed timestamp counts as the oldest possible
            return datetime.min.replace(tzinfo=UTC)
        return moment.replace(tzinfo=UTC)

    @property
    def wayback_url(self) -> str:
        """The link to give readers (with the Wayback banner)."""
        return f"{WAYBACK}/web/{self.timestamp}/{self.url}"

    @property
    def raw_url(self) -> str:
        """The ``id_`` URL serving the original bytes."""
        return f"{WAYBACK}/web/{self.timestamp}id_/{self.url}"


@dataclass(frozen=True, slots=True)
class CaptureResponse:
    """A capture's original bytes and the status and headers Wayback served them with."""

    requested_url: str
    url: str
    timestamp: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    wayback_url: str
    redirects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SaveJob:
    """A Save Page Now request; store it and poll it with :meth:`Wayback.job_status`."""

    url: str
    job_id: str | None
    submitted_at: datetime
    status: SaveStatus
    capture: WaybackCapture | None = None
    status_ext: str = ""
    message: str = ""


def same_page(a: str, b: str) -> bool:
    """True when two URLs differ at most in scheme, ``www.``, case and a trailing slash."""

    def key(url: str) -> str:
        return re.sub(r"^https?://(www\.)?", "", url.lower()).rstrip("/")

    return key(a) == key(b)


def judge_capture(capture: CaptureResponse) -> Outcome:
    """Classify a fetched capture by status and redirects (the soft-404 check comes after).

    Args:
        capture: what :meth:`Wayback.fetch_capture` returned.

    Returns:
        ``OK`` for a 200 of the page asked for, ``MOVED`` for one reached by redirect,
        ``SOFT_404`` for a redirect to a site's home page, ``DEAD`` for an archived 404/410,
        ``BLOCKED``/``PAYWALLED`` for archived 401/403/451 and 402, else ``ERROR``.
    """
    if capture.status == 200:
        if not capture.redirects or same_page(capture.url, capture.requested_url):
            return Outcome.OK
        path = httpx.URL(capture.url).path
        return Outcome.SOFT_404 if path in ("", "/") else Outcome.MOVED
    if capture.status in (404, 410):
        return Outcome.DEAD
    if capture.status in (401, 403, 451):
        return Outcome.BLOCKED
    if capture.status == 402:
        return Outcome.PAYWALLED
    return Outcome.ERROR
