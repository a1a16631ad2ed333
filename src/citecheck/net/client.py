"""The one place that builds an ``httpx.AsyncClient``.

Every network stage takes the client as a parameter, so tests, WARC replay and evaluation
sets swap only the transport.
"""

from __future__ import annotations

import logging

import httpx

from citecheck.config import Settings

LOGGER = logging.getLogger(__name__)


def make_timeout(settings: Settings) -> httpx.Timeout:
    """Connect/read/write/pool timeouts from the settings."""
    return httpx.Timeout(
        settings.total_timeout,
        connect=settings.connect_timeout,
        read=settings.read_timeout,
    )


def make_client(settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    """Build the shared async client.

    Args:
        settings: user agent, timeouts, pool limits and HTTP/2 come from here.
        transport: replaces the live transport (replay, evaluation set, tests).

    Returns:
        A client that does not follow redirects itself (the fetch stage records each hop)
        and keeps no cookies between hosts.
    """
    limits = httpx.Limits(
        max_connections=max(1, settings.concurrency),
        max_keepalive_connections=max(1, settings.concurrency),
    )
    if transport is None:
        from citecheck.net.guard import make_live_transport

        transport = make_live_transport(settings, limits=limits)
    return httpx.AsyncClient(
        transport=transport,
        headers={"User-Agent": settings.user_agent_string},
        timeout=make_timeout(settings),
        follow_redirects=False,
        trust_env=False,
    )
