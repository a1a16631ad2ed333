"""Serve an evaluation set's fixture web (``pages.jsonl`` + ``pages/``) as an httpx transport."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from citecheck.errors import ReplayError

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FixturePage:
    """One line of ``pages.jsonl``: what the server answers for a URL."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    file: Path | None
    encoding: str
    lang: str | None


def _key(url: str) -> str:
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def load_pages(set_dir: Path) -> dict[str, FixturePage]:
    """Read ``pages.jsonl`` of an evaluation set, keyed by normalised URL."""
    index = set_dir / "pages.jsonl"
    if not index.is_file():
        raise ReplayError(f"not an evaluation set (no pages.jsonl): {set_dir}")
    pages: dict[str, FixturePage] = {}
    for number, line in enumerate(index.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            file = set_dir / data["file"] if data.get("file") else None
            page = FixturePage(
                url=data["url"],
                status=int(data.get("status", 200)),
                headers=tuple((str(k), str(v)) for k, v in (data.get("headers") or {}).items()),
                file=file,
                encoding=str(data.get("encoding") or "utf-8"),
                lang=data.get("lang"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ReplayError(f"{index}:{number}: bad page line: {exc}") from exc
        pages[_key(page.url)] = page
    return pages


class EvalSetTransport(httpx.AsyncBaseTransport):
    """Answer requests exactly as an evaluation set's ``pages.jsonl`` describes.

    Bodies are stored as UTF-8 and sent in the page's wire ``encoding``. A URL the set does not
    hold answers 404 on a host the set knows, and a connection error on any other host.
    """

    def __init__(self, set_dir: str | Path) -> None:
        self.set_dir = Path(set_dir)
        self.pages = load_pages(self.set_dir)
        self.hosts = {urlsplit(p.url).netloc.lower() for p in self.pages.values()}

    def _body(self, page: FixturePage) -> bytes:
        if page.file is None:
            return b""
        try:
            text = page.file.read_text(encoding="utf-8")
        except OSError as exc:
            raise ReplayError(f"evaluation set page missing: {page.file}") from exc
        return text.encode(page.encoding, errors="xmlcharrefreplace")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Serve the page for ``request.url`` (any method; HEAD gets no body)."""
        url = str(request.url)
        page = self.pages.get(_key(url))
        if page is None:
            if request.url.netloc.decode("ascii", "replace").lower() in self.hosts:
                return httpx.Response(404, headers={"Content-Type": "text/plain"}, content=b"Not Found")
            raise httpx.ConnectError(f"[Errno -2] Name or service not known: {url}", request=request)
        body = self._body(page)
        headers = [(k, v) for k, v in page.headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(body))))
        if request.method == "HEAD":
            body = b""
        return httpx.Response(page.status, headers=headers, content=body, request=request)
