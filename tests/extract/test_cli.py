"""``citecheck extract FILE_OR_URL [--json]``: what citecheck reads from one page."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from tests.extract._pages import PARAGRAPHS_RU, TITLE, URL, jsonld, page, paragraphs_html

HEAD = jsonld({"@type": "NewsArticle", "headline": TITLE, "datePublished": "2025-03-14T10:05:00+03:00"})
HTML = page(paragraphs_html(PARAGRAPHS_RU), head=HEAD)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_bytes(HTML.encode("cp1251", errors="xmlcharrefreplace"))  # no charset label that fits
    return path


def test_json(saved: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(saved), "--json", "--url", URL], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert list(data)[:8] == ["title", "date", "author", "site", "lang", "url", "outcome", "text"]
    assert data["title"] == TITLE
    assert data["date"] == "2025-03-14T10:05:00+03:00"
    assert data["lang"] == "ru" and data["outcome"] == "ok" and data["url"] == URL
    assert data["text"].splitlines()[0] == PARAGRAPHS_RU[0]
    assert len(data["normalized_hash"]) == 64


def test_text(saved: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(saved)], catch_exceptions=False)
    assert result.exit_code == 0
    head, _, body = result.output.partition("\n\n")
    assert head.splitlines()[0] == f"title:     {TITLE}"
    assert f"url:       {saved.resolve().as_uri()}" in head.splitlines()
    assert "outcome:   ok (trafilatura, " in head
    assert body.strip().splitlines() == list(PARAGRAPHS_RU)


def test_nothing_to_read(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><div id='app'></div></body></html>", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["outcome"] == "no_text" and data["text"] == "" and data["lang"] is None


def test_missing_file() -> None:
    result = CliRunner().invoke(main, ["extract", "no/such/page.html"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "file not found: no/such/page.html" in result.output


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/news/1.html")
            self.end_headers()
            return
        body = HTML.encode("cp1251", errors="xmlcharrefreplace")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=windows-1251")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Silence the server's request log."""


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_url_follows_redirects_and_decodes(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITECHECK_ALLOW_PRIVATE_NETWORKS", "1")
    result = CliRunner().invoke(main, ["extract", f"{server}/old", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["url"] == f"{server}/news/1.html"
    assert data["status"] == 200 and data["lang"] == "ru"
    assert data["text"].splitlines() == list(PARAGRAPHS_RU)
