"""The HTML report in a real headless browser: hostile page text renders as text and runs nothing."""

from __future__ import annotations

import html
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from citecheck import report
from citecheck.models import Label
from citecheck.store import db as store
from tests.review._fixtures import add_article, add_check, at

pytestmark = pytest.mark.browser

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None)
# Seconds chromium may take to start, render and dump one local page.
BROWSER_TIMEOUT = 90

ATTACKS = (
    "<script>document.body.dataset.x=1</script>"
    "<img src=x onerror=\"document.title='pwned'\">"
    '<svg onload="document.body.dataset.y=1"></svg>'
    '<a id="jslink" href="javascript:document.body.dataset.z=1">click</a>'
    '<meta http-equiv="refresh" content="0;url=javascript:document.body.dataset.w=1">'
)


def _browser(url: str, profile: Path, *extra: str) -> str:
    """Run headless chromium on a URL and return its stdout (the DOM with --dump-dom)."""
    assert CHROMIUM is not None
    args = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", *extra, url,
    ]  # fmt: skip
    done = subprocess.run(args, capture_output=True, text=True, timeout=BROWSER_TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def _elements(dom: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every element (tag and attributes) of a dumped DOM."""
    parser = _Elements()
    parser.feed(dom)
    return parser.found


def _executed(dom: str) -> list[str]:
    """Signs in a dumped DOM that one of ATTACKS ran."""
    signs = []
    if "<title>pwned</title>" in dom:
        signs.append("title")
    for key in ("x", "y", "z", "w"):
        if f'data-{key}="1"' in dom:
            signs.append(key)
    return signs


@pytest.fixture
def hostile_report(tmp_path: Path) -> Path:
    db = store.open_db(tmp_path / "c.db")
    (cid,) = add_article(db, "evil.txt", [(f"Claim {ATTACKS}", "https://ex.ru/e")], title=f"Title {ATTACKS}")
    page = f"Песков сказал. {ATTACKS} Конец."
    add_check(db, cid, now=at(0), label=Label.SUPPORTED, text="Песков сказал.")
    add_check(
        db,
        cid,
        now=at(1),
        label=Label.UNSUPPORTED,
        text=page,
        evidence=page,
        reasons={"matched": ["Песков", "<script>"]},
        wayback="javascript:document.body.dataset.v=1",
    )
    path = tmp_path / "report.html"
    path.write_text(report.render(report.collect(db, now=at(2)), "html"), encoding="utf-8")
    return path


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_the_harness_sees_script_run_in_an_unsafe_page(tmp_path: Path) -> None:
    """Control: the same attacks, unescaped and without CSP, do run (so the next test can fail)."""
    unsafe = tmp_path / "unsafe.html"
    unsafe.write_text(f"<!DOCTYPE html><html><head><title>t</title></head><body>{ATTACKS}</body></html>")
    dom = _browser(unsafe.as_uri(), tmp_path / "profile", "--dump-dom")
    assert {"title", "x", "y"} <= set(_executed(dom))


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_hostile_text_renders_as_text_and_runs_nothing(hostile_report: Path, tmp_path: Path) -> None:
    dom = _browser(hostile_report.as_uri(), tmp_path / "profile", "--dump-dom")
    assert _executed(dom) == []
    assert "<title>citecheck report</title>" in dom
    elements = _elements(dom)
    tags = {tag for tag, _ in elements}
    assert not tags & {"script", "img", "svg", "iframe", "object", "embed"}, tags
    assert [a for t, a in elements if t == "meta" and a.get("http-equiv") == "refresh"] == []
    assert [a for _, a in elements if a.get("id") == "jslink"] == []
    for _, attrs in elements:
        assert not any(name.startswith("on") for name in attrs), attrs
        assert (attrs.get("href") or "https:").startswith(("https:", "http:")), attrs
    body = dom.split("<body", 1)[1]
    # The attack text is shown to the reader, escaped, and the anchors are highlighted.
    assert html.escape("<img src=x onerror=", quote=False) in body
    assert '<mark class="m">Песков</mark>' in body
    assert '<mark class="m">&lt;script&gt;</mark>' in body
    assert "Wayback: javascript:document.body.dataset.v=1" in body  # a non-http URL is text, not a link


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_phone_screenshot(hostile_report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "phone.png"
    _browser(hostile_report.as_uri(), tmp_path / "profile", f"--screenshot={shot}", "--window-size=390,1400")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width == 390
