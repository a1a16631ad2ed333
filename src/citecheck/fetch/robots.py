"""Optional robots.txt respect (``settings.respect_robots``, off by default).

Why off: robots.txt is addressed to crawlers that discover and harvest pages. A citation
check fetches single pages that a human chose to cite, once per recheck, as a reader's
browser would, and archiving cited sources is what the Wayback Machine and Wikipedia's
InternetArchiveBot do regardless of robots.txt. Sites that forbid all robots would
otherwise make every citation to them unverifiable. Users who want to honour it can.

When on: rules for the ``citecheck`` token (else ``*``) decide, parsed by Protego (the
parser Scrapy uses: wildcards, ``$``, longest match). A 4xx robots.txt allows everything
(RFC 9309); a 5xx or unreachable one does not block the page fetch, which then reports
the server's trouble itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import httpx
from protego import Protego

LOGGER = logging.getLogger(__name__)

# The product token matched against robots.txt User-agent lines.
ROBOTS_TOKEN = "citecheck"
# Largest robots.txt read (RFC 9309 asks parsers to handle at least 500 KiB).
ROBOTS_MAX_BYTES = 512 * 1024

# (status, text) of GET /robots.txt, or None when unreachable.
RobotsFetch = Callable[[str], Awaitable[tuple[int, str] | None]]


class RobotsPolicy:
    """Cached robots.txt rules per origin."""

    def __init__(self, fetch: RobotsFetch, token: str = ROBOTS_TOKEN) -> None:
        """``fetch`` reads one robots.txt URL (through the Fetcher's politeness and guard)."""
        self._fetch = fetch
        self._token = token
        self._rules: dict[str, asyncio.Task[Protego | None]] = {}

    async def _load(self, robots_url: str) -> Protego | None:
        answer = await self._fetch(robots_url)
        if answer is None:
            return None
        status, text = answer
        if 200 <= status < 300:
            return Protego.parse(text[:ROBOTS_MAX_BYTES])
        return None

    async def allowed(self, url: str) -> bool:
        """True when robots.txt lets ``citecheck`` fetch ``url`` (or says nothing).

        Args:
            url: an http(s) URL.

        Returns:
            Whether the fetch may go ahead.
        """
        parsed = httpx.URL(url)
        robots_url = str(parsed.copy_with(path="/robots.txt", query=None, fragment=None))
        task = self._rules.get(robots_url)
        if task is None:
            task = self._rules[robots_url] = asyncio.ensure_future(self._load(robots_url))
        try:
            rules = await asyncio.shield(task)
        except Exception:
            LOGGER.debug("robots.txt of %s unreadable", robots_url, exc_info=True)
            return True
        if rules is None:
            return True
        return bool(rules.can_fetch(url, self._token))
