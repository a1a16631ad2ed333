"""One attempt at a URL: follow redirects by hand, recording every hop and exchange.

Each hop is checked by the safety guard, sent through the politeness gate, read with a
cap on decoded bytes, and recorded twice: as a :class:`~citecheck.models.Hop` of the
chain and as an :class:`~citecheck.models.Exchange` (raw body as received) for the WARC.
Cookies live only for one attempt's chain and follow the usual domain rules, so nothing
set by one site reaches another; ``Authorization`` is dropped when a hop leaves the host.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from citecheck.config import Settings
from citecheck.fetch.body import Body, read_body
from citecheck.fetch.politeness import Clock, HostGate
from citecheck.fetch.urlshape import host_key
from citecheck.models import Exchange, Hop
from citecheck.net.guard import check_url

LOGGER = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# A meta refresh on a small page with at most this delay (seconds) is followed as a redirect;
# longer delays are "reload this page" timers on full pages.
META_REFRESH_MAX_DELAY = 5.0
# Only bodies this small are searched for a meta refresh (redirect stubs are tiny).
META_REFRESH_MAX_BODY = 16 * 1024
_META_REFRESH = re.compile(
    rb"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["']\s*([\d.]+)\s*[;,]\s*url\s*=\s*['"]?([^"'>\s]+)""",
    re.I,
)
# httpcore trace event (``http11.`` or ``http2.`` prefixed) fired once the request headers are written.
_HEADERS_SENT = "send_request_headers.complete"
# Headers that set cookies (the only ones httpx's cookie jar reads).
_COOKIE_HEADERS = ("set-cookie", "set-cookie2")
_REFRESH_HEADER = re.compile(r"^\s*([\d.]+)\s*[;,]\s*url\s*=\s*['\"]?([^'\"\s]+)", re.I)


class RedirectError(httpx.TooManyRedirects):
    """A redirect loop or a chain longer than ``max_redirects``."""


@dataclass(slots=True)
class Transfer:
    """What one attempt saw: hops, exchanges, the last response, or the error it hit."""

    url: str
    final_url: str
    chain: list[Hop] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: Body | None = None
    content_type: str | None = None
    error: BaseException | None = None
    retry_after: str | None = None


def _raw_headers(headers: httpx.Headers) -> tuple[tuple[str, str], ...]:
    return tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in headers.raw)


def _remote_ip(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    if stream is None:
        return None
    try:
        address = stream.get_extra_info("server_addr")
    except Exception:
        return None
    if isinstance(address, tuple) and address:
        return str(address[0])
    return None


def refresh_target(response: httpx.Response, body: Body) -> str | None:
    """The URL a ``Refresh`` header or a small page's meta refresh sends the reader to."""
    header = response.headers.get("refresh")
    match = _REFRESH_HEADER.match(header) if header else None
    if match and float(match.group(1)) <= META_REFRESH_MAX_DELAY:
        return match.group(2)
    if len(body.decoded) > META_REFRESH_MAX_BODY or "html" not in response.headers.get(
        "content-type", "html"
    ):
        return None
    found = _META_REFRESH.search(body.decoded)
    if found and float(found.group(1)) <= META_REFRESH_MAX_DELAY:
        return found.group(2).decode("latin-1")
    return None


class Transferer:
    """Runs single attempts (redirects followed) over one client and politeness gate."""

    def __init__(self, client: httpx.AsyncClient, settings: Settings, gate: HostGate, clock: Clock) -> None:
        """Share ``gate`` with every other attempt of the same Fetcher."""
        self._client = client
        self._settings = settings
        self._gate = gate
        self._clock = clock

    def _request(
        self, url: httpx.URL, headers: Mapping[str, str], cookies: httpx.Cookies, first_host: str
    ) -> httpx.Request:
        request = self._client.build_request("GET", url, headers=dict(headers))
        request.headers.pop("cookie", None)  # only this chain's cookies, by domain rules
        if cookies:  # an empty jar adds nothing, but costs a urllib request to find that out
            cookies.set_cookie_header(request)
        if url.host.lower() != first_host:
            request.headers.pop("authorization", None)
        return request

    def _tracer(self, key: str) -> Callable[[str, dict[str, Any]], Awaitable[None]]:
        """An httpcore trace hook telling the gate when the request headers left."""

        async def trace(event: str, info: dict[str, Any]) -> None:
            if event.endswith(_HEADERS_SENT):
                self._gate.sent(key)

        return trace

    async def run(self, url: str, headers: Mapping[str, str]) -> Transfer:
        """Follow ``url``'s redirects, at most ``settings.max_redirects`` of them.

        Args:
            url: the URL to fetch.
            headers: extra request headers (conditional ones) sent on every hop.

        Returns:
            The :class:`Transfer`; errors are caught and stored in it, never raised.
        """
        transfer = Transfer(url=url, final_url=url)
        cookies = httpx.Cookies()
        seen: set[str] = set()
        budget = self._settings.total_timeout
        try:
            current = httpx.URL(url)
            first_host = current.host.lower()
            for hops in range(self._settings.max_redirects + 1):
                check_url(current, allow_private=self._settings.allow_private_networks)
                seen.add(str(current))
                transfer.final_url = str(current)
                request = self._request(current, headers, cookies, first_host)
                request.extensions["trace"] = self._tracer(host_key(current))
                async with self._gate.slot(host_key(current)):
                    started = self._clock()
                    clock_start = asyncio.get_running_loop().time()
                    async with asyncio.timeout(budget):
                        response, body = await self._exchange(request, transfer, started)
                    budget -= asyncio.get_running_loop().time() - clock_start
                if any(name in response.headers for name in _COOKIE_HEADERS):  # costly even with none
                    cookies.extract_cookies(response)
                target = self._next_url(current, response, body)
                refresh = target is not None and response.status_code not in REDIRECT_STATUSES
                if refresh and str(target) in seen:  # a page that reloads itself: not a redirect
                    target = None
                transfer.chain.append(
                    Hop(str(current), response.status_code, str(target) if target else None)
                )
                if target is None:
                    return transfer
                if str(target) in seen:
                    raise RedirectError(f"redirect loop: {current} -> {target}")
                if hops == self._settings.max_redirects:
                    raise RedirectError(
                        f"more than {self._settings.max_redirects} redirects (last to {target})"
                    )
                current = target
        except Exception as exc:
            transfer.error = exc
        return transfer

    async def _exchange(
        self, request: httpx.Request, transfer: Transfer, started: datetime
    ) -> tuple[httpx.Response, Body]:
        """Send one request, read its body (capped), and record it."""
        response = await self._client.send(request, stream=True)
        try:
            remote_ip = _remote_ip(response)
            body = await read_body(response, max_bytes=self._settings.max_body_bytes)
        finally:
            await response.aclose()
        transfer.status = response.status_code
        transfer.headers = _raw_headers(response.headers)
        transfer.body = body
        transfer.content_type = response.headers.get("content-type")
        transfer.retry_after = response.headers.get("retry-after")
        transfer.exchanges.append(
            Exchange(
                url=str(request.url),
                method=request.method,
                request_headers=_raw_headers(request.headers),
                status=response.status_code,
                reason=response.reason_phrase,
                http_version=response.http_version,
                headers=transfer.headers,
                raw_body=body.raw,
                started_at=started,
                remote_ip=remote_ip,
            )
        )
        return response, body

    @staticmethod
    def _next_url(current: httpx.URL, response: httpx.Response, body: Body) -> httpx.URL | None:
        """Where a response sends the reader next, resolved against ``current``."""
        location: str | None = None
        if response.status_code in REDIRECT_STATUSES:
            location = response.headers.get("location")
        elif 200 <= response.status_code < 300:
            location = refresh_target(response, body)
        if not location:
            return None
        target = current.join(location.strip())
        if target.fragment:
            target = target.copy_with(fragment=None)
        return target
