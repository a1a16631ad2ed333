"""Refuse URLs whose host resolves to a private address, checked at connection time."""

from __future__ import annotations

import httpx

from citecheck.config import Settings


def make_live_transport(settings: Settings, *, limits: httpx.Limits) -> httpx.AsyncBaseTransport:
    """The live transport (placeholder until the address guard lands)."""
    return httpx.AsyncHTTPTransport(http2=settings.http2, limits=limits, retries=0)
