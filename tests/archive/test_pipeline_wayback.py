"""A live-mode run on a mocked web: Save Page Now in the background, Wayback fallback for a dead page."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import httpx
import respx

from citecheck.models import Basis, Label
from citecheck.runner import check_sources
from citecheck.store.db import open_db
from tests.archive.wayback_fakes import CDX, SAVE, settings

LIVE = "https://news.example/2025/06/talks"
GONE = "https://other.example/2025/06/memorandum"
ARTICLE = f"""Talks in Istanbul

Vladimir Medinsky said Russia would hand over 6,000 bodies of Ukrainian soldiers. [1]
The memorandum handed over in Istanbul has three sections. [2]

Sources
[1] {LIVE}
[2] {GONE}
"""
PARAGRAPH = " ".join(["Переговоры в Стамбуле продолжались чуть больше часа."] * 4)
LIVE_HTML = f"""<html lang="ru"><head><title>Мединский</title></head><body><article>
<h1>Мединский рассказал об итогах</h1>
<p>Россия передаст Украине 6 тыс. тел погибших украинских военнослужащих, заявил Владимир Мединский.</p>
<p>{PARAGRAPH}</p></article></body></html>"""
ARCHIVED_HTML = f"""<html lang="ru"><head><title>Меморандум</title></head><body><article>
<h1>Что говорится в меморандуме</h1>
<p>Российский меморандум, переданный в Стамбуле, состоит из трех разделов.</p>
<p>{PARAGRAPH}</p></article></body></html>"""


def test_run_requests_captures_and_falls_back_to_wayback(tmp_path: Path) -> None:
    router = respx.Router(assert_all_called=True)
    router.get(LIVE).respond(200, html=LIVE_HTML)
    router.get(GONE).respond(404, html="<html><body><h1>404</h1></body></html>")
    cdx = router.get(CDX).respond(
        json=[["timestamp", "original", "statuscode"], ["20250602150000", GONE, "200"]]
    )
    router.get(f"https://web.archive.org/web/20250602150000id_/{GONE}").respond(
        200, html=ARCHIVED_HTML, headers={"memento-datetime": "Mon, 02 Jun 2025 15:00:00 GMT"}
    )
    save = router.post(SAVE).respond(json={"job_id": "spn2-live"})
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    db = open_db(tmp_path / "c.db")
    config = settings(
        per_host_interval=0.0,
        retries=0,
        archive_dir=str(tmp_path / "archive"),
        wayback_cdx_per_minute=0,
        wayback_save_per_minute=0,
    )
    run = asyncio.run(
        check_sources(
            [str(tmp_path / "article.txt")],
            config,
            db=db,
            transport=httpx.MockTransport(router.async_handler),
            mode="live",
        )
    )
    [article] = run.articles
    by_url = {r.citation.url: r for r in article.citations}
    assert by_url[LIVE].verdict.basis is Basis.LIVE
    fallback = by_url[GONE]
    assert fallback.verdict.label is not Label.DEAD and fallback.verdict.basis is Basis.WAYBACK
    assert fallback.snapshot is not None and fallback.snapshot.wayback_url is not None
    assert "20250602150000" in fallback.snapshot.wayback_url
    # The lookup asked for the capture closest to when the citation was first seen.
    first_seen = db.execute("SELECT first_seen_at FROM citations WHERE url = ?", [GONE]).fetchone()[0]
    expected = datetime.fromisoformat(first_seen).astimezone(UTC).strftime("%Y%m%d%H%M%S")
    assert cdx.calls.last.request.url.params["closest"] == expected
    # Only the usable live page was submitted to Save Page Now, and its job was recorded.
    assert save.call_count == 1 and b"news.example" in save.calls.last.request.content
    jobs = list(db.query("SELECT url, status, job_id FROM wayback_jobs"))
    assert jobs == [{"url": LIVE, "status": "pending", "job_id": "spn2-live"}]
