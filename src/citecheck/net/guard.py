"""Refuse URLs whose host resolves to a private address, checked at connection time.

Two layers, both turned off by ``settings.allow_private_networks``:

* :func:`check_url` (no DNS): only ``http``/``https``, a host must be present, and a host
  that is a literal address (or ``localhost``) must be public. The fetch stage calls it on
  the first URL and on every redirect hop, whatever the transport.
* :class:`GuardedNetworkBackend` (live transport only): resolves the host itself, refuses
  the connection if any answer is not a public address, then connects to the checked
  address. The connection is pinned to that address (httpcore keeps TLS SNI and the
  ``Host`` header on the name), so a second DNS answer cannot switch it to an internal one.

198.18.0.0/15 stays allowed: VPN "fake-IP" resolvers answer ordinary sites from it.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import anyio
import httpcore
import httpx

try:  # httpcore's own readability check (private): without it streams are left unwrapped
    from httpcore._utils import is_socket_readable
except ImportError:  # pragma: no cover - a future httpcore
    is_socket_readable = None  # type: ignore[assignment]

from citecheck.config import Settings
from citecheck.errors import UnsafeURLError

LOGGER = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

ALLOWED_SCHEMES = frozenset({"http", "https"})
# Benchmarking range that VPN fake-IP DNS (Clash, sing-box, Surge) hands out for public sites.
_FAKE_IP_RANGE = ipaddress.IPv4Network("198.18.0.0/15")
# Carrier-grade NAT shared space: internal to a provider or a mesh VPN, never a public site.
_SHARED_RANGE = ipaddress.IPv4Network("100.64.0.0/10")
# NAT64 well-known prefix: the low 32 bits are the IPv4 address really reached.
_NAT64_RANGE = ipaddress.IPv6Network("64:ff9b::/96")
# Local-use NAT64 prefix (RFC 8215): maps onto a network's own IPv4 space.
_NAT64_LOCAL_RANGE = ipaddress.IPv6Network("64:ff9b:1::/48")
# Host names that always mean this machine (RFC 6761).
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


def forbidden_reason(address: IPAddress) -> str | None:
    """Why connecting to ``address`` is refused, or ``None`` when it is a public address.

    Args:
        address: an IPv4 or IPv6 address; mapped, 6to4 and NAT64 forms are judged by the
            IPv4 address they carry.

    Returns:
        A short reason such as ``"loopback"`` or ``"private"``, or ``None``.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return forbidden_reason(embedded)
        if address in _NAT64_LOCAL_RANGE:
            return "private"
    elif address in _FAKE_IP_RANGE:
        return None
    for reason, flag in (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
    ):
        if flag:
            return reason
    if isinstance(address, ipaddress.IPv4Address) and address in _SHARED_RANGE:
        return "shared (carrier-grade NAT)"
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        return "site-local"
    if not address.is_global:
        return "not globally routable"
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv4-mapped, 6to4 or NAT64 IPv6 address."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64_RANGE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def parse_ip(host: str) -> IPAddress | None:
    """``host`` as an IP address (brackets and zone ids removed), or ``None`` for a name."""
    text = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def check_url(url: str | httpx.URL, *, allow_private: bool = False) -> None:
    """Refuse a URL without resolving it: bad scheme, no host, or a private literal host.

    Args:
        url: the URL about to be requested.
        allow_private: skip the address checks (the scheme is still checked).

    Raises:
        UnsafeURLError: with the reason in its message.
    """
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise UnsafeURLError(f"invalid URL {str(url)!r}: {exc}") from exc
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise UnsafeURLError(f"refused URL scheme {parsed.scheme or '(none)'!r}: only http and https")
    host = parsed.host
    if not host:
        raise UnsafeURLError(f"refused URL without a host: {url}")
    if allow_private:
        return
    lowered = host.lower().rstrip(".")
    if lowered in _LOCAL_NAMES or lowered.endswith(".localhost"):
        raise UnsafeURLError(f"refused host {host!r}: loopback name")
    address = parse_ip(host)
    if address is not None:
        reason = forbidden_reason(address)
        if reason:
            raise UnsafeURLError(f"refused address {address} ({reason}) in {url}")


async def system_resolver(host: str, port: int) -> list[str]:
    """Resolve ``host`` to its addresses with the system resolver (in a worker thread)."""
    infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        ip = str(sockaddr[0])
        if ip not in seen:
            seen.append(ip)
    return seen


class _SocketStream(httpcore.AsyncNetworkStream):
    """A network stream that looks up its socket and peer once, not on every question.

    httpcore's connection pool asks every idle connection whether its socket is readable
    each time it assigns a request, and anyio answers each such question by rebuilding all
    of the socket's attributes (a ``getpeername`` system call among them). A TCP stream's
    socket and peer never change, so they are read once here; every other question, and
    every read and write, goes to the wrapped stream.
    """

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        """Wrap a connected stream (plain TCP, or TLS over it)."""
        self._inner = inner
        self._socket = inner.get_extra_info("socket")
        self._server_addr = inner.get_extra_info("server_addr")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Delegate to the wrapped stream."""
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Delegate to the wrapped stream."""
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        """Delegate to the wrapped stream."""
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """TLS over the wrapped stream; the result is wrapped as well."""
        return _SocketStream(await self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        """The cached socket and peer; anything else from the wrapped stream."""
        if info == "is_readable" and is_socket_readable is not None:
            return is_socket_readable(self._socket)
        if info == "socket":
            return self._socket
        if info == "server_addr":
            return self._server_addr
        return self._inner.get_extra_info(info)


class GuardedNetworkBackend(httpcore.AsyncNetworkBackend):
    """An httpcore backend that resolves, checks every answer, then connects to a checked IP."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        resolver: Resolver = system_resolver,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        """Wrap ``inner`` (default anyio); ``resolver`` is injectable for tests."""
        self.allow_private = allow_private
        self._resolver = resolver
        self._inner = inner or httpcore.AnyIOBackend()

    async def resolve_checked(self, host: str, port: int, timeout: float | None = None) -> list[str]:
        """The addresses ``host`` resolves to, all checked; raises on any refused answer."""
        literal = parse_ip(host)
        if literal is not None:
            addresses = [str(literal)]
        else:
            try:
                with anyio.fail_after(timeout):
                    addresses = await self._resolver(host, port)
            except TimeoutError as exc:
                raise httpcore.ConnectTimeout(f"timed out resolving {host}") from exc
            except OSError as exc:
                raise httpcore.ConnectError(f"name does not resolve: {host} ({exc})") from exc
            if not addresses:
                raise httpcore.ConnectError(f"name does not resolve: {host} (no addresses)")
        if not self.allow_private:
            for text in addresses:
                parsed = parse_ip(text)
                reason = forbidden_reason(parsed) if parsed is not None else "unparseable"
                if reason:
                    raise UnsafeURLError(f"refused {host}: resolves to {text} ({reason})")
        return addresses

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve and check ``host``, then connect to the first checked address that answers."""
        addresses = await self.resolve_checked(host, port, timeout)
        last: Exception | None = None
        for address in addresses:
            try:
                stream = await self._inner.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
            else:
                wrap = is_socket_readable is not None and stream.get_extra_info("socket") is not None
                return _SocketStream(stream) if wrap else stream
        assert last is not None
        raise last

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Unix sockets are local by definition: allowed only with private networks on."""
        if not self.allow_private:
            raise UnsafeURLError(f"refused unix socket {path}")
        return await self._inner.connect_unix_socket(path, timeout=timeout, socket_options=socket_options)

    async def sleep(self, seconds: float) -> None:
        """Delegate to the wrapped backend."""
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport`` whose connection pool uses :class:`GuardedNetworkBackend`."""

    def __init__(
        self,
        *,
        http2: bool,
        limits: httpx.Limits,
        allow_private: bool = False,
        resolver: Resolver = system_resolver,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """Build the pool as httpx does, with the guarded backend plugged in.

        ``ssl_context`` replaces the default verifying context (a private CA in tests).
        """
        super().__init__(http2=http2, limits=limits, retries=0, trust_env=False)
        self.backend = GuardedNetworkBackend(allow_private=allow_private, resolver=resolver)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context or httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=http2,
            retries=0,
            network_backend=self.backend,
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Check scheme and literal host before handing the request to the pool."""
        check_url(request.url, allow_private=self.backend.allow_private)
        return await super().handle_async_request(request)


def make_live_transport(settings: Settings, *, limits: httpx.Limits) -> httpx.AsyncBaseTransport:
    """The live transport: HTTP/2 as configured, private addresses refused unless allowed.

    Args:
        settings: ``http2`` and ``allow_private_networks`` come from here.
        limits: connection pool limits.

    Returns:
        A :class:`GuardedTransport`.
    """
    return GuardedTransport(
        http2=settings.http2, limits=limits, allow_private=settings.allow_private_networks
    )


__all__ = [
    "ALLOWED_SCHEMES",
    "GuardedNetworkBackend",
    "GuardedTransport",
    "check_url",
    "forbidden_reason",
    "make_live_transport",
    "parse_ip",
    "system_resolver",
]
