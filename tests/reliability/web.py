"""A threaded fixture web on 127.0.0.1 and article files citing it, for CLI and subprocess tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.fetch.servers import article_html

# Claims paired with the Russian sentence article_html() repeats, so verdicts are real.
CLAIM = "The ministry said on Tuesday that the talks would continue next week in Geneva."


class FixtureWeb:
    """Serves ``/pN`` article pages; ``delay`` seconds before each answer (a slow web)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.hits: list[str] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                web.hits.append(self.path)
                if not self.path.startswith("/p"):
                    self.send_error(404)
                    return
                time.sleep(web.delay)
                body = article_html(f"Page {self.path}", lang="ru").encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@contextmanager
def fixture_web(delay: float = 0.0) -> Iterator[FixtureWeb]:
    """Run a FixtureWeb in a background thread for the duration of the block."""
    web = FixtureWeb(delay)
    thread = threading.Thread(target=web.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield web
    finally:
        web.server.shutdown()
        web.server.server_close()


def write_article(path: Path, urls: list[str]) -> Path:
    """An English article whose footnotes [1]..[n] cite ``urls``."""
    body = " ".join(f"{CLAIM} [{i}]" for i in range(1, len(urls) + 1))
    notes = "\n".join(f"[{i}] {url}" for i, url in enumerate(urls, 1))
    path.write_text(f"Talks in Geneva\n\n{body}\n\nSources\n{notes}\n", encoding="utf-8")
    return path


def write_config(folder: Path) -> Path:
    """A config.toml for loopback runs: private networks allowed, no waits, no Wayback."""
    path = folder / "config.toml"
    path.write_text(
        "[store]\ndb_path = 'c.db'\n[archive]\narchive_dir = 'arch'\n"
        "[fetch]\nallow_private_networks = true\nper_host_interval = 0.0\nretries = 0\n"
        "read_timeout = 5.0\ntotal_timeout = 10.0\n"
        "[wayback]\nwayback_enabled = false\nwayback_save = false\n",
        encoding="utf-8",
    )
    return path
