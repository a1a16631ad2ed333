"""The Wayback Machine through the shared httpx client: find, fetch and request captures.

- :meth:`Wayback.closest`: the CDX API (``closest``, ``sort=closest``,
  ``filter=statuscode:200``), then the availability API as a second try.
- :meth:`Wayback.fetch_capture`: a capture's original bytes from its ``id_`` URL (no
  banner, no link rewriting), following Wayback's own redirects to nearby timestamps.
- :meth:`Wayback.save` / :meth:`Wayback.job_status`: Save Page Now 2 (``POST /save`` with
  ``Authorization: LOW key:secret`` when keys are set, then ``/save/status/<job_id>``).
  Saving never waits for the capture: a job is returned pending and polled later. A job
  result older than the submission is marked stale; after an SPN error the CDX API is
  asked whether the capture exists anyway before anything is resubmitted.

Every call goes through one process-wide pace per API (:mod:`citecheck.archive.ratelimit`):
a 429 pauses all callers for at least a minute and a call is never retried at once.
waybackpy is not used: it is built on requests, unreleased since 2022, and saves through
the old ``GET /save/<url>`` without keys or job polling.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

import httpx

from citecheck.archive.captures import (
    WAYBACK,
    CaptureResponse,
    SaveJob,
    SaveStatus,
    WaybackCapture,
    judge_capture,
    same_page,
)
from citecheck.archive.heads import timestamp14, utc
from citecheck.archive.ratelimit import Pace, WaybackLimits, shared_limits
from citecheck.archive.records import one_line
from citecheck.config import Settings
from citecheck.errors import NetworkError

LOGGER = logging.getLogger(__name__)

CDX_URL = f"{WAYBACK}/cdx/search/cdx"
AVAILABILITY_URL = "https://archive.org/wayback/available"
SAVE_URL = f"{WAYBACK}/save"
STATUS_URL = f"{WAYBACK}/save/status/{{job_id}}"
CDX_FIELDS = "timestamp,original,statuscode,mimetype,digest"
# Rows asked of the CDX API: the closest few, in case the first is unusable.
CDX_LIMIT = 3
# Wayback's own hops (to a nearby timestamp) plus the page's archived redirects.
MAX_CAPTURE_REDIRECTS = 5
# Clock skew allowed between us and the Archive when judging a job result stale.
STALE_TOLERANCE = timedelta(minutes=2)
# Retries of a read call after a 429 (each only after the pause of at least a minute).
RETRIES_AFTER_429 = 1
# SPN2 error codes that mean the account's quota is spent: pause saving like a 429.
_QUOTA_ERRORS = ("error:too-many-daily-captures", "error:user-session-limit", "error:too-many-requests")
_BLOCKED_MARKERS = ("AdministrativeAccessControlException", "Blocked Site Error", "excluded from the Wayback")
_WAYBACK_PATH = re.compile(r"/web/(\d{1,14})(?:[a-z]{2}_)?/(.+)$")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class WaybackError(NetworkError):
    """The Wayback Machine could not be reached or answered something unusable."""


class BlockedSiteError(WaybackError):
    """The site is excluded from the Wayback Machine."""


class TooManyRequestsError(WaybackError):
    """The Wayback Machine answered 429; every call now waits at least a minute."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError as exc:
        if not response.content.strip():
            return None
        raise WaybackError(f"Wayback answered {response.url} with something other than JSON") from exc


def _check(response: httpx.Response, what: str) -> None:
    """Raise for an exclusion or a server failure."""
    if response.status_code == 403 and any(m in response.text for m in _BLOCKED_MARKERS):
        raise BlockedSiteError(f"{what}: the site is excluded from the Wayback Machine")
    if response.status_code >= 500:
        raise WaybackError(f"{what}: Wayback answered {response.status_code}")


class Wayback:
    """Client for the Wayback Machine's lookup, snapshot and Save Page Now 2 APIs."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = _utcnow,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        limits: WaybackLimits | None = None,
    ) -> None:
        """Args:
        client: the shared client (``make_client``); no other connection is opened.
        settings: keys, ``wayback_save`` and the per-minute rates.
        clock: the current time, for pacing and for judging job results stale.
        sleep: how to wait (tests pass a fake that advances ``clock``).
        limits: the paces to use; default the process-wide ones.
        """
        self._client = client
        self._settings = settings
        self._clock = clock
        self._sleep = sleep
        self._limits = limits or shared_limits(
            settings.wayback_cdx_per_minute, settings.wayback_save_per_minute
        )
        self._errors: dict[str, SaveJob] = {}
        self._refused: str | None = None  # set by a 401: no further submissions this run

    @property
    def has_keys(self) -> bool:
        """True when both SPN2 keys are set."""
        return bool(self._settings.wayback_access_key and self._settings.wayback_secret_key)

    def _now(self) -> float:
        return utc(self._clock()).timestamp()

    async def _call(
        self,
        method: str,
        url: str,
        *,
        pace: Pace,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        retry_429: bool = True,
    ) -> httpx.Response:
        """One paced request; 429 pauses every caller, then (reads only) one retry."""
        retries = RETRIES_AFTER_429 if retry_429 else 0
        while True:
            delay = pace.reserve(self._now())
            if delay > 0:
                await self._sleep(delay)
            try:
                response = await self._client.request(method, url, params=params, data=data, headers=headers)
            except httpx.HTTPError as exc:
                raise WaybackError(f"Wayback Machine unreachable: {one_line(exc)}") from exc
            if response.status_code != 429:
                pace.succeeded()
                return response
            pause = pace.penalize(self._now(), _retry_after(response))
            LOGGER.warning("Wayback answered 429 for %s; pausing all calls for %.0f s", url, pause)
            if retries <= 0:
                raise TooManyRequestsError(
                    f"Wayback Machine rate limit (429); calls paused for {pause:.0f} s"
                )
            retries -= 1

    def _spn_headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.has_keys:
            key, secret = self._settings.wayback_access_key, self._settings.wayback_secret_key
            headers["Authorization"] = f"LOW {key}:{secret}"
        return headers

    # -- lookup -------------------------------------------------------------------------

    async def closest(self, url: str, when: datetime | None = None) -> WaybackCapture | None:
        """The 200 capture closest to ``when`` (default now), or None when there is none.

        Args:
            url: the page.
            when: the moment to be close to (the article's publication date).

        Returns:
            The capture, or None.

        Raises:
            WaybackError: both APIs failed (BlockedSiteError, TooManyRequestsError included).
        """
        stamp = timestamp14(when or self._clock())
        try:
            found = await self._cdx(url, {"closest": stamp, "sort": "closest", "filter": "statuscode:200"})
        except (BlockedSiteError, TooManyRequestsError):
            raise
        except WaybackError as exc:
            LOGGER.info("CDX lookup of %s failed (%s); trying the availability API", url, exc)
            cdx_error: WaybackError | None = exc
            found = None
        else:
            cdx_error = None
        if found is not None:
            return found
        try:
            return await self._available(url, stamp)
        except (BlockedSiteError, TooManyRequestsError):
            raise
        except WaybackError as exc:
            if cdx_error is not None:
                raise WaybackError(f"Wayback lookup failed: {cdx_error}; {exc}") from exc
            LOGGER.info("availability API failed for %s: %s", url, exc)
            return None

    async def _cdx(self, url: str, extra: Mapping[str, str], limit: int = CDX_LIMIT) -> WaybackCapture | None:
        params = {"url": url, "output": "json", "fl": CDX_FIELDS, "limit": str(limit), **extra}
        response = await self._call("GET", CDX_URL, pace=self._limits.cdx, params=params)
        _check(response, "CDX lookup")
        if response.status_code != 200:
            raise WaybackError(f"CDX lookup: Wayback answered {response.status_code}")
        rows = _json(response)
        if not isinstance(rows, list) or len(rows) < 2 or not isinstance(rows[0], list):
            return None
        for row in rows[1:]:
            item = dict(zip(rows[0], row, strict=False))
            if item.get("timestamp") and item.get("original"):
                status = str(item.get("statuscode", ""))
                return WaybackCapture(
                    url=str(item["original"]),
                    timestamp=str(item["timestamp"]),
                    status=int(status) if status.isdigit() else None,
                    mime=item.get("mimetype"),
                    digest=item.get("digest"),
                )
        return None

    async def _available(self, url: str, stamp: str) -> WaybackCapture | None:
        params = {"url": url, "timestamp": stamp}
        response = await self._call("GET", AVAILABILITY_URL, pace=self._limits.cdx, params=params)
        _check(response, "availability lookup")
        if response.status_code != 200:
            raise WaybackError(f"availability lookup: Wayback answered {response.status_code}")
        data = _json(response)
        closest = (
            (data or {}).get("archived_snapshots", {}).get("closest") if isinstance(data, dict) else None
        )
        if (
            not isinstance(closest, dict)
            or not closest.get("available")
            or str(closest.get("status")) != "200"
        ):
            return None
        match = _WAYBACK_PATH.search(str(closest.get("url", "")))
        return WaybackCapture(
            url=match.group(2) if match else url, timestamp=str(closest["timestamp"]), status=200
        )

    # -- snapshots ----------------------------------------------------------------------

    async def fetch_capture(self, capture: WaybackCapture) -> CaptureResponse:
        """Fetch a capture's original bytes from its ``id_`` URL.

        Args:
            capture: from :meth:`closest` or a finished :class:`SaveJob`.

        Returns:
            Status, headers and body as archived, after Wayback's hops to a nearby
            timestamp and the page's own archived redirects (listed in ``redirects``).

        Raises:
            WaybackError: Wayback is down, has no such capture, or redirects too often.
        """
        original, stamp = capture.url, capture.timestamp
        target = capture.raw_url
        redirects: list[str] = []
        for _ in range(MAX_CAPTURE_REDIRECTS + 1):
            response = await self._call("GET", target, pace=self._limits.cdx)
            _check(response, "Wayback snapshot")
            location = response.headers.get("Location")
            if response.status_code not in _REDIRECTS or not location:
                break
            match = _WAYBACK_PATH.search(httpx.URL(urljoin(target, location)).raw_path.decode("ascii"))
            if match is None:
                break
            if not same_page(match.group(2), original):
                redirects.append(match.group(2))
            stamp, original = match.group(1), match.group(2)
            target = f"{WAYBACK}/web/{stamp}id_/{original}"
        else:
            raise WaybackError(f"Wayback snapshot of {capture.url}: too many redirects")
        if response.status_code >= 400 and "memento-datetime" not in response.headers:
            raise WaybackError(f"Wayback has no capture of {capture.url} at {capture.timestamp}")
        return CaptureResponse(
            requested_url=capture.url,
            url=original,
            timestamp=stamp,
            status=response.status_code,
            headers=tuple(response.headers.multi_items()),
            body=response.content,
            wayback_url=f"{WAYBACK}/web/{stamp}/{original}",
            redirects=tuple(redirects),
        )

    # -- Save Page Now 2 ----------------------------------------------------------------

    async def save(self, url: str, *, previous: SaveJob | None = None) -> SaveJob | None:
        """Ask Save Page Now for a capture; return at once with the job (never waits for it).

        Args:
            url: the page to capture.
            previous: the last job for this URL, if stored; after an error the CDX API is
                asked first whether the capture exists anyway.

        Returns:
            A pending job (or an error job, or a success found through CDX); None when
            ``wayback_save`` is off.

        Raises:
            WaybackError: 401 (anonymous saving refused, or bad keys), Wayback down, or a
                429 (TooManyRequestsError: saving pauses, nothing is retried).
        """
        if not self._settings.wayback_save:
            return None
        if self._refused is not None:
            raise WaybackError(self._refused)
        prior = (
            previous
            if previous is not None and previous.status == SaveStatus.ERROR
            else self._errors.get(url)
        )
        if prior is not None:
            found = await self._capture_since(url, prior.submitted_at)
            if found is not None:
                self._errors.pop(url, None)
                return replace(
                    prior, status=SaveStatus.SUCCESS, capture=found, message="captured despite the error"
                )
        submitted = utc(self._clock())
        response = await self._call(
            "POST",
            SAVE_URL,
            pace=self._limits.save,
            data={"url": url, "skip_first_archive": "1"},
            headers=self._spn_headers(),
            retry_429=False,
        )
        if response.status_code == 401:
            self._refused = (
                "Save Page Now rejected the access keys (401)"
                if self.has_keys
                else "Save Page Now refused an anonymous request (401): set wayback_access_key and "
                "wayback_secret_key (CITECHECK_WAYBACK_ACCESS_KEY/_SECRET_KEY)"
            )
            raise WaybackError(self._refused)
        _check(response, "Save Page Now")
        data = _json(response) or {}
        job_id = data.get("job_id") if isinstance(data, dict) else None
        if job_id:
            return SaveJob(
                url, str(job_id), submitted, SaveStatus.PENDING, message=str(data.get("message", ""))
            )
        status_ext = str(data.get("status_ext", "")) if isinstance(data, dict) else ""
        message = str(data.get("message", "")) if isinstance(data, dict) else response.text[:200]
        if status_ext in _QUOTA_ERRORS:
            self._limits.save.penalize(self._now())
        job = SaveJob(url, None, submitted, SaveStatus.ERROR, status_ext=status_ext, message=message)
        self._errors[url] = job
        LOGGER.warning("Save Page Now refused %s: %s %s", url, status_ext or response.status_code, message)
        return job

    async def job_status(self, job: SaveJob) -> SaveJob:
        """Poll a pending job once (other jobs are returned as they are).

        Args:
            job: from :meth:`save` (kept across runs: ``recheck`` collects late results).

        Returns:
            The job, updated: a success older than the submission becomes ``STALE``; an
            error whose capture CDX shows anyway becomes ``SUCCESS``.

        Raises:
            WaybackError: the status endpoint failed.
        """
        if job.status != SaveStatus.PENDING or not job.job_id:
            return job
        response = await self._call(
            "GET", STATUS_URL.format(job_id=job.job_id), pace=self._limits.cdx, headers=self._spn_headers()
        )
        _check(response, "Save Page Now status")
        if response.status_code != 200:
            raise WaybackError(f"Save Page Now status: Wayback answered {response.status_code}")
        data = _json(response) or {}
        status = str(data.get("status", "")) if isinstance(data, dict) else ""
        if status == "pending":
            return job
        if status == "success":
            capture = WaybackCapture(
                url=str(data.get("original_url") or job.url), timestamp=str(data.get("timestamp", ""))
            )
            if capture.captured_at < job.submitted_at - STALE_TOLERANCE:
                return replace(
                    job, status=SaveStatus.STALE, capture=capture, message="older than the submission"
                )
            return replace(job, status=SaveStatus.SUCCESS, capture=capture)
        if status == "error":
            status_ext, message = str(data.get("status_ext", "")), str(data.get("message", ""))
            found = await self._capture_since(job.url, job.submitted_at)
            if found is not None:
                return replace(
                    job, status=SaveStatus.SUCCESS, capture=found, status_ext=status_ext, message=message
                )
            failed = replace(job, status=SaveStatus.ERROR, status_ext=status_ext, message=message)
            self._errors[job.url] = failed
            return failed
        raise WaybackError(f"Save Page Now status: unexpected answer {response.text[:100]!r}")

    async def _capture_since(self, url: str, since: datetime) -> WaybackCapture | None:
        """The first capture of ``url`` at or after ``since`` (any status), via CDX."""
        try:
            return await self._cdx(url, {"from": timestamp14(since - STALE_TOLERANCE)}, limit=1)
        except TooManyRequestsError:
            raise
        except WaybackError as exc:
            LOGGER.info("cannot check CDX for a capture of %s: %s", url, exc)
            return None


__all__ = [
    "BlockedSiteError",
    "CaptureResponse",
    "SaveJob",
    "SaveStatus",
    "TooManyRequestsError",
    "Wayback",
    "WaybackCapture",
    "WaybackError",
    "judge_capture",
]
