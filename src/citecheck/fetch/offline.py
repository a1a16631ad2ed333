"""A run in which no host answered: the machine is likely offline, not every link dead.

A DNS failure or a refused connection is a dead link when it is one host's problem. When
every fetch of a run failed that way across several hosts, the likelier cause is the
network of the machine running citecheck; the verdicts stand (they say what was seen) but
the run says so, so that nobody reports a whole bibliography as link rot.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from citecheck.models import FetchResult, Outcome

# Distinct hosts that must all have failed before the network itself is suspected.
MIN_HOSTS = 2


def offline_warning(fetches: Iterable[FetchResult | None]) -> str | None:
    """A warning when no host of a run answered at all (no HTTP status from any of them).

    Args:
        fetches: the run's fetch results (None for citations without a fetch).

    Returns:
        The warning's text, or None when some host answered or too few were tried.
    """
    hosts: set[str] = set()
    example = ""
    for fetch in fetches:
        if fetch is None or fetch.not_modified:
            continue
        if fetch.status is not None or fetch.outcome is not Outcome.DEAD:
            return None  # a host answered (or was refused by our own guard): not the network
        hosts.add(urlsplit(fetch.url).hostname or fetch.url)
        example = example or fetch.error or fetch.reason
    if len(hosts) < MIN_HOSTS:
        return None
    return (
        f"no host answered ({len(hosts)} hosts tried; e.g. {example}): is this machine offline? "
        "Its 'dead' verdicts may only mean that; check again when it is online."
    )
