"""Rendering: exact text output, and hostile page text kept inert in Markdown and HTML."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from sqlite_utils import Database

from citecheck import report, report_render
from citecheck.models import Label
from citecheck.store import db as store
from tests.review._fixtures import add_article, add_check, at

HOSTILE = (
    "<script>document.body.dataset.x=1</script><img src=x onerror=\"document.title='pwned'\">"
    '<a href="javascript:alert(1)">click</a><style>body{display:none}</style>\x1b[31mred\x1b[0m'
    " **bold** [link](javascript:alert(2)) | pipe"
)


@pytest.fixture
def hostile_db() -> Database:
    """A store whose page text, claim, title and URL are all hostile."""
    db = store.open_db(":memory:")
    (cid,) = add_article(db, "evil.txt", [(f"Claim {HOSTILE}", "javascript:alert(3)")], title=f"T {HOSTILE}")
    page = f"Песков сказал. {HOSTILE}"
    add_check(db, cid, now=at(0), label=Label.SUPPORTED, text="Песков сказал.")
    add_check(
        db,
        cid,
        now=at(1),
        label=Label.UNSUPPORTED,
        text=page,
        evidence=page,
        reasons={"matched": ["Песков", "<script>"]},
        wayback="javascript:alert(4)",
    )
    return db


def test_text_report_exact() -> None:
    db = store.open_db(":memory:")
    (cid,) = add_article(
        db, "/a/article.txt", [("Russia will hand over 6,000 bodies.", "https://ria.ru/a")], title="Istanbul"
    )
    add_check(
        db,
        cid,
        now=at(0),
        label=Label.PARTIAL,
        text="Россия передаст 6 тыс. тел.",
        score=0.61,
        evidence="Россия передаст 6 тыс. тел.",
        reasons={"matched": [{"claim": "6,000", "page": "6 тыс."}], "missing": [{"claim": "Russia"}]},
    )
    text = report.render(report.collect(db, now=at(1)), "text")
    assert text == (
        "== Istanbul  (article 1)\n"
        "  [1] partial NEW  score 0.61  fetch ok  citation 1\n"
        "      claim: Russia will hand over 6,000 bodies.\n"
        "      evidence: Россия передаст [[6 тыс.]] тел.\n"
        "      not found on the page: Russia\n"
        "      live: https://ria.ru/a\n"
        "      archive: archive/citecheck-1.warc.gz @ offset 1001 (500 bytes)\n"
        "1 of 1 citation(s) need a look (1 new)\n"
    )
    assert report.render(report.collect(store.open_db(":memory:")), "text") == "nothing to report\n"


def test_text_report_drops_terminal_escapes(hostile_db: Database) -> None:
    text = report.render(report.collect(hostile_db), "text")
    assert "\x1b" not in text
    assert "[31mred" in text  # the printable rest stays, inert


def test_markdown_escapes_html_and_links(hostile_db: Database) -> None:
    md = report.render(report.collect(hostile_db), "markdown")
    fenced = re.findall(r"~~~~~diff\n(.*?)\n    ~~~~~", md, re.S)
    assert len(fenced) == 1 and "+<script>" in fenced[0]  # code: shown, never run
    md = md.replace(fenced[0], "")
    assert "<script" not in md and "<img" not in md and "<a " not in md and "<style" not in md
    assert "&lt;script&gt;" in md
    assert "\\[link\\](javascript:" in md and " [link](" not in md  # link syntax broken by escaping
    assert "<javascript:" not in md  # non-http URLs are never autolinks
    assert "\\*\\*bold\\*\\*" in md
    assert "**Песков**" in md


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_escaped_self_contained_and_locked_down(hostile_db: Database) -> None:
    page = report.render(report.collect(hostile_db), "html")
    parser = _Collector()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags and "img" not in tags and "iframe" not in tags
    assert tags.count("style") == 1  # only our own stylesheet
    for tag, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action"):
            value = attrs.get(name)
            assert value is None or value.startswith(("http://", "https://")), (tag, attrs)
    assert not re.search(r"(src|href)=[\"']?(//|file:)", page)  # nothing loaded from anywhere
    csp = next(
        a["content"]
        for t, a in parser.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp and "script-src 'none'" in csp
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp  # the inline style is the only one allowed
    assert '<mark class="m">Песков</mark>' in page
    assert '<mark class="m">&lt;script&gt;</mark>' in page
    assert 'name="viewport"' in page


def test_clean_keeps_tabs_and_newlines() -> None:
    assert report_render.clean("a\tb\nc\x00\x07\x9b") == "a\tb\nc"
