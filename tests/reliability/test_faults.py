"""The whole pipeline against a loopback web misbehaving in the ways a real web does.

Every fault must end in a recorded fetch outcome and a verdict, with no exception, and the run
must finish. The table of faults and outcomes is printed (see it with ``pytest -rP``).

TLS faults use real certificates made by ``trustme`` (a self-signed one, and one from a CA the
client does not trust). Redirects to private addresses run with the private-address guard on:
the first hop is answered by a mock "public" host, every other request goes to the real guarded
transport (with a stub resolver for names), and every socket connect is recorded, so a request
that reached the private address would show.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme

from citecheck.models import Label
from citecheck.net.guard import GuardedTransport
from citecheck.runner import check_sources
from citecheck.store import db as store
from tests.fetch.conftest import make_settings
from tests.fetch.servers import RawServer, Request, article_html, gzip_bytes, response_bytes, serve
from tests.reliability.web import CLAIM

Handler = Callable[[Request, asyncio.StreamWriter], Awaitable[None]]

# Small caps and timeouts so each fault resolves in about a second.
READ_TIMEOUT = 1.0
TOTAL_TIMEOUT = 3.0
MAX_BODY = 2 * 1024 * 1024
PAGE = article_html("Переговоры в Женеве", lang="ru").encode("utf-8")
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _ok(body: bytes = PAGE, headers: dict[str, str] | None = None) -> bytes:
    return response_bytes(200, body, headers or HTML)


def fixed(data: bytes) -> Handler:
    async def handle(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(data)

    return handle


def sequence(*answers: bytes) -> Handler:
    """Answer the page path with each of ``answers`` in turn (then the last one)."""
    seen: list[int] = []

    async def handle(request: Request, writer: asyncio.StreamWriter) -> None:
        if request.path != "/page":
            writer.write(response_bytes(404, b"no", {"Content-Type": "text/plain"}))
            return
        seen.append(1)
        writer.write(answers[min(len(seen), len(answers)) - 1])

    return handle


async def reset_mid_body(request: Request, writer: asyncio.StreamWriter) -> None:
    writer.write(response_bytes(200, PAGE[:500], HTML, length=len(PAGE)))
    await writer.drain()
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    writer.transport.abort()


async def stall_mid_body(request: Request, writer: asyncio.StreamWriter) -> None:
    writer.write(response_bytes(200, PAGE[:500], HTML, length=len(PAGE)))
    await writer.drain()
    await asyncio.sleep(READ_TIMEOUT * 4)


async def stall_before_headers(request: Request, writer: asyncio.StreamWriter) -> None:
    await asyncio.sleep(READ_TIMEOUT * 4)


async def slowloris(request: Request, writer: asyncio.StreamWriter) -> None:
    data = response_bytes(200, PAGE, HTML)
    for i in range(0, len(data), 64):
        writer.write(data[i : i + 64])
        await writer.drain()
        await asyncio.sleep(READ_TIMEOUT / 3)


async def endless_body(request: Request, writer: asyncio.StreamWriter) -> None:
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000000000\r\n\r\n"
    writer.write(head.encode() + b"<html><body>")
    chunk = b"<p>" + b"x" * 65536 + b"</p>"
    for _ in range(MAX_BODY // len(chunk) * 4):
        writer.write(chunk)
        await writer.drain()


async def endless_chunked(request: Request, writer: asyncio.StreamWriter) -> None:
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    writer.write(head.encode())
    chunk = b"<p>" + b"y" * 32768 + b"</p>"
    for _ in range(MAX_BODY // len(chunk) * 4):
        writer.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        await writer.drain()


async def endless_redirects(request: Request, writer: asyncio.StreamWriter) -> None:
    step = int(request.path.rsplit("/", 1)[-1]) if request.path[-1].isdigit() else 0
    writer.write(response_bytes(302, b"", {"Location": f"/hop/{step + 1}"}))


def redirect(table: dict[str, str]) -> Handler:
    async def handle(request: Request, writer: asyncio.StreamWriter) -> None:
        target = table.get(request.path)
        if target is None:
            writer.write(_ok())
        else:
            writer.write(response_bytes(301, b"", {"Location": target}))

    return handle


_BOMB = gzip_bytes(b"\x00" * (MAX_BODY * 16))
_CORRUPT_GZIP = gzip_bytes(PAGE)[:40] + b"\x00garbage\xff" * 20


@dataclass(frozen=True)
class Fault:
    handler: Handler
    outcomes: frozenset[str]  # acceptable recorded fetch outcomes
    usable_verdict: bool = False  # True: the page must be read (not dead)
    path: str = "/page"
    scheme: str = "http"


def _f(
    handler: Handler, *outcomes: str, usable: bool = False, path: str = "/page", scheme: str = "http"
) -> Fault:
    return Fault(handler, frozenset(outcomes), usable, path, scheme)


FAULTS: dict[str, Fault] = {
    "connection reset mid-body": _f(reset_mid_body, "error", "dead"),
    "stall mid-body (read timeout)": _f(stall_mid_body, "error", "dead"),
    "timeout before headers": _f(stall_before_headers, "error", "dead"),
    "slowloris trickle": _f(slowloris, "error", "dead", "ok"),
    "5 GB Content-Length, endless body": _f(endless_body, "ok", "error", "dead"),
    "endless chunked body": _f(endless_chunked, "ok", "error", "dead"),
    "20+ redirects": _f(endless_redirects, "error", "dead", path="/hop/0"),
    "redirect loop": _f(redirect({"/page": "/b", "/b": "/page"}), "error", "dead"),
    "redirect to ftp:": _f(redirect({"/page": "ftp://127.0.0.1/x"}), "error", "dead"),
    "redirect to javascript:": _f(redirect({"/page": "javascript:alert(1)"}), "error", "dead"),
    "gzip bomb": _f(
        fixed(response_bytes(200, _BOMB, {**HTML, "Content-Encoding": "gzip"})), "ok", "error", "dead"
    ),
    "corrupt gzip": _f(
        fixed(response_bytes(200, _CORRUPT_GZIP, {**HTML, "Content-Encoding": "gzip"})), "error", "dead"
    ),
    "corrupt brotli": _f(
        fixed(response_bytes(200, b"\xff\x00not brotli" * 30, {**HTML, "Content-Encoding": "br"})),
        "error",
        "dead",
    ),
    "Content-Length too long": _f(
        fixed(response_bytes(200, PAGE, HTML, length=len(PAGE) + 5000)), "error", "dead", "ok"
    ),
    "Content-Length too short": _f(
        fixed(response_bytes(200, PAGE, HTML, length=len(PAGE) // 2)), "ok", "error", "dead", "soft-404"
    ),
    "invalid UTF-8 in declared charset": _f(
        fixed(_ok(PAGE.replace("Женеве".encode(), b"\xff\xfe\xc3(") + b"\xed\xa0\x80")), "ok", usable=True
    ),
    "lying charset (cp1251 declared utf-8)": _f(
        fixed(_ok(PAGE.decode().encode("cp1251", "replace"))), "ok", usable=True
    ),
    "429 with Retry-After, then 200": _f(
        sequence(response_bytes(429, b"slow down", {"Retry-After": "1"}), _ok()), "ok", usable=True
    ),
    "503 then 200": _f(
        sequence(response_bytes(503, b"busy", {"Content-Type": "text/plain"}), _ok()), "ok", usable=True
    ),
    "500 every time": _f(
        fixed(response_bytes(500, b"boom", {"Content-Type": "text/plain"})), "error", "dead", "blocked"
    ),
    "garbage instead of HTTP": _f(
        fixed(b"\x16\x03\x01 this is not http at all\r\n\r\n" * 3), "error", "dead"
    ),
    "TLS to a plain-HTTP port": _f(fixed(_ok()), "error", "dead", scheme="https"),
    "PDF body": _f(
        fixed(response_bytes(200, b"%PDF-1.4\n" + b"\x00\x01" * 500, {"Content-Type": "application/pdf"})),
        "ok",
        "error",
        "dead",
        "soft-404",
    ),
    "image body": _f(
        fixed(response_bytes(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 900, {"Content-Type": "image/png"})),
        "ok",
        "error",
        "dead",
        "soft-404",
    ),
    "JSON body": _f(
        fixed(response_bytes(200, json.dumps({"a": [1, 2]}).encode(), {"Content-Type": "application/json"})),
        "ok",
        "error",
        "dead",
        "soft-404",
    ),
    "empty 200": _f(fixed(response_bytes(200, b"", HTML)), "ok", "error", "dead", "soft-404"),
    "HTML that is mostly script": _f(
        fixed(
            _ok(
                b"<html><head><script>"
                + b"var a=1;" * 50000
                + b"</script></head><body><p>Hi</p></body></html>"
            )
        ),
        "ok",
        "error",
        "dead",
        "soft-404",
    ),
    "10 MB page (cut at the cap)": _f(
        fixed(
            _ok(PAGE[:-14] + b"<p>" + "Переговоры продолжатся. ".encode() * 250000 + b"</p></body></html>")
        ),
        "ok",
        "error",
        "dead",
    ),
}


async def _run_one(
    tmp_path: Path, url: str, *, transport: httpx.AsyncBaseTransport | None = None, **overrides: Any
) -> tuple[str, str, int]:
    settings = make_settings(
        archive_dir=str(tmp_path / "arch"),
        read_timeout=READ_TIMEOUT,
        total_timeout=TOTAL_TIMEOUT,
        connect_timeout=1.0,
        retries=1,
        backoff_base=0.1,
        max_body_bytes=MAX_BODY,
        max_retry_after=2.0,
        wayback_enabled=False,
        wayback_save=False,
        **overrides,
    )
    article = tmp_path / "article.txt"
    article.write_text(f"Talks\n\n{CLAIM} [1]\n\nSources\n[1] {url}\n", encoding="utf-8")
    db = store.open_db(tmp_path / "c.db")
    run = await asyncio.wait_for(check_sources([str(article)], settings, db=db, transport=transport), 60)
    assert not run.interrupted and run.articles[0].error is None
    (result,) = run.articles[0].citations
    fetch = db.execute(
        "SELECT outcome, error FROM fetches WHERE citation_id = ?", [result.citation_id]
    ).fetchone()
    verdict = db.execute("SELECT label FROM verdicts WHERE citation_id = ?", [result.citation_id]).fetchone()
    status = db.execute("SELECT status FROM runs WHERE id = ?", [run.run_id]).fetchone()[0]
    assert fetch is not None and verdict is not None and status == "done"
    assert verdict[0] == str(result.verdict.label)
    db.close()
    return fetch[0], verdict[0], run.exit_code


@pytest.mark.parametrize("name", list(FAULTS))
async def test_fault(name: str, tmp_path: Path) -> None:
    fault = FAULTS[name]
    async with serve(fault.handler) as server:
        url = f"{fault.scheme}://127.0.0.1:{server.port}{fault.path}"
        outcome, label, code = await _run_one(tmp_path, url)
    print(f"FAULT | {name:<40} | outcome {outcome:<9} | verdict {label:<11} | exit {code}")
    assert outcome in fault.outcomes, (name, outcome)
    if fault.usable_verdict:
        assert label != str(Label.DEAD), name
    if outcome not in ("ok", "moved"):  # a fresh store holds no archived copy to stand in
        assert label == str(Label.DEAD), name
    assert code in (0, 1)


async def test_connection_refused(tmp_path: Path) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    outcome, label, _ = await _run_one(tmp_path, f"http://127.0.0.1:{port}/page")
    assert (outcome, label) in {("error", "dead"), ("dead", "dead")}


async def test_dns_failure(tmp_path: Path) -> None:
    outcome, label, _ = await _run_one(tmp_path, "http://no-such-host.invalid/page")
    assert (outcome, label) == ("dead", "dead")


async def test_many_faults_in_one_run(tmp_path: Path) -> None:
    """A run mixing faults and good pages checks every citation and stores every verdict."""
    picks = ["connection reset mid-body", "redirect loop", "503 then 200", "garbage instead of HTTP"]
    async with contextlib_servers([FAULTS[p].handler for p in picks]) as ports:
        urls = [f"http://127.0.0.1:{port}/page" for port in ports]
        settings = make_settings(
            archive_dir=str(tmp_path / "arch"),
            read_timeout=READ_TIMEOUT,
            total_timeout=TOTAL_TIMEOUT,
            retries=1,
            backoff_base=0.1,
            wayback_enabled=False,
            wayback_save=False,
        )
        body = " ".join(f"{CLAIM} [{i}]" for i in range(1, len(urls) + 1))
        notes = "\n".join(f"[{i}] {u}" for i, u in enumerate(urls, 1))
        article = tmp_path / "a.txt"
        article.write_text(f"T\n\n{body}\n\nSources\n{notes}\n", encoding="utf-8")
        db = store.open_db(tmp_path / "c.db")
        run = await check_sources([str(article)], settings, db=db)
    assert len(run.articles[0].citations) == len(picks)
    assert db.execute("SELECT count(*) FROM verdicts").fetchone()[0] == len(picks)
    labels = {r.citation.url: str(r.verdict.label) for r in run.articles[0].citations}
    assert labels[urls[2]] != "dead" and labels[urls[0]] == "dead"


class contextlib_servers:
    """Start one loopback server per handler."""

    def __init__(self, handlers: list[Handler]) -> None:
        self._cms = [serve(h) for h in handlers]

    async def __aenter__(self) -> list[int]:
        return [(await cm.__aenter__()).port for cm in self._cms]

    async def __aexit__(self, *exc: object) -> None:
        for cm in self._cms:
            await cm.__aexit__(None, None, None)


# --- TLS with real certificates ---------------------------------------------------------------


@contextlib.asynccontextmanager
async def serve_tls(context: ssl.SSLContext) -> AsyncIterator[RawServer]:
    """Serve the page over TLS on 127.0.0.1 with ``context``; records requests that got through."""
    server = RawServer(fixed(_ok()))
    server._server = await asyncio.start_server(server._serve, "127.0.0.1", 0, ssl=context)
    server.port = server._server.sockets[0].getsockname()[1]
    try:
        yield server
    finally:
        await server.stop()


def _self_signed() -> ssl.SSLContext:
    """A server context presenting a self-signed certificate (a CA certificate served as a leaf)."""
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    with ca.cert_pem.tempfile() as cert, ca.private_key_pem.tempfile() as key:
        context.load_cert_chain(cert, key)
    return context


def _unknown_ca() -> ssl.SSLContext:
    """A server context with a certificate for 127.0.0.1 from a CA the client does not trust."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trustme.CA().issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.mark.parametrize(
    ("name", "make_context"),
    [("TLS: self-signed certificate", _self_signed), ("TLS: certificate from an unknown CA", _unknown_ca)],
)
async def test_tls_certificate_refused(
    name: str, make_context: Callable[[], ssl.SSLContext], tmp_path: Path
) -> None:
    """A certificate that does not verify is an error outcome, recorded, and no request is sent."""
    async with serve_tls(make_context()) as server:
        outcome, label, code = await _run_one(tmp_path, f"https://127.0.0.1:{server.port}/page")
        requests = list(server.requests)
    db = store.open_db(tmp_path / "c.db")
    (error,) = db.execute("SELECT coalesce(error, '') || ' ' || coalesce(reason, '') FROM fetches").fetchone()
    print(f"FAULT | {name:<40} | outcome {outcome:<9} | verdict {label:<11} | exit {code}")
    assert (outcome, label) == ("error", "dead")
    assert "certificate" in error.lower(), error
    assert requests == []  # the handshake failed: no HTTP request reached the page
    assert code in (0, 1)


# --- Redirects to private addresses, guard on -------------------------------------------------

PUBLIC_HOST = "news.example.com"
# Names the stub resolver answers with a private address (DNS pointing inside the network).
INTERNAL_NAMES = {"loopback.example.net": "127.0.0.1", "metadata.example.net": "169.254.169.254"}
INTERNAL_NAMES |= {"v6-loopback.example.net": "::1"}


class _PublicThenGuarded(httpx.AsyncBaseTransport):
    """The public host's answers come from a mock; every other request goes to ``guarded``."""

    def __init__(self, location: str, guarded: httpx.AsyncBaseTransport) -> None:
        self.location = location
        self.guarded = guarded
        self.public = httpx.MockTransport(self._public)

    def _public(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/page":
            return httpx.Response(302, headers={"Location": self.location})
        return httpx.Response(404, text="not found")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == PUBLIC_HOST:
            return await self.public.handle_async_request(request)
        return await self.guarded.handle_async_request(request)

    async def aclose(self) -> None:
        await self.guarded.aclose()


async def _stub_resolver(host: str, port: int) -> list[str]:
    if host in INTERNAL_NAMES:
        return [INTERNAL_NAMES[host]]
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every address a socket tried to connect to during the test (before the loopback check)."""
    seen: list[str] = []
    for method in ("connect", "connect_ex"):
        inner = getattr(socket.socket, method)

        def record(self: socket.socket, address: Any, _inner: Any = inner) -> Any:
            if isinstance(address, tuple) and address:
                seen.append(str(address[0]).split("%", 1)[0])
            return _inner(self, address)

        monkeypatch.setattr(socket.socket, method, record)
    return seen


TARGETS = {
    "redirect to 127.0.0.1": ("http://127.0.0.1:{port}/secret", "127.0.0.1"),
    "redirect to 169.254.169.254": ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
    "redirect to [::1]": ("http://[::1]:{port}/secret", "::1"),
    "redirect to a name resolving to 127.0.0.1": ("http://loopback.example.net:{port}/secret", "127.0.0.1"),
    "redirect to a name resolving to 169.254.169.254": ("http://metadata.example.net/", "169.254.169.254"),
    "redirect to a name resolving to ::1": ("http://v6-loopback.example.net:{port}/secret", "::1"),
}


async def _redirect_run(
    tmp_path: Path, template: str, *, allow_private: bool
) -> tuple[str, str, int, str, list[Request]]:
    """Check a citation of the public host that redirects to ``template`` (a loopback server's port)."""
    async with serve(fixed(_ok())) as server:
        guarded = GuardedTransport(
            http2=False, limits=httpx.Limits(), allow_private=allow_private, resolver=_stub_resolver
        )
        transport = _PublicThenGuarded(template.format(port=server.port), guarded)
        outcome, label, code = await _run_one(
            tmp_path,
            f"http://{PUBLIC_HOST}/page",
            transport=transport,
            allow_private_networks=allow_private,
        )
        requests = list(server.requests)
    db = store.open_db(tmp_path / "c.db")
    (reason,) = db.execute(
        "SELECT coalesce(reason, '') || ' ' || coalesce(error, '') FROM fetches"
    ).fetchone()
    return outcome, label, code, reason, requests


@pytest.mark.parametrize("name", list(TARGETS))
async def test_redirect_to_private_address_is_refused(name: str, tmp_path: Path, connects: list[str]) -> None:
    template, address = TARGETS[name]
    outcome, label, code, reason, requests = await _redirect_run(tmp_path, template, allow_private=False)
    print(f"FAULT | {name:<40} | outcome {outcome:<9} | verdict {label:<11} | exit {code}")
    assert (outcome, label) == ("error", "dead")
    assert "safety guard" in reason and "refused" in reason, reason
    assert requests == [], "a request reached the private address"
    assert address not in connects, connects
    chain = json.loads(store.open_db(tmp_path / "c.db").execute("SELECT chain FROM fetches").fetchone()[0])
    assert chain and chain[0]["status"] == 302  # the public hop is recorded


async def test_redirect_to_private_address_control(tmp_path: Path, connects: list[str]) -> None:
    """With the guard off the same redirect does reach the loopback server (the test can fail)."""
    template, address = TARGETS["redirect to a name resolving to 127.0.0.1"]
    outcome, _label, _code, _reason, requests = await _redirect_run(tmp_path, template, allow_private=True)
    assert outcome in ("ok", "moved") and [r.path for r in requests] == ["/secret"]
    assert address in connects
