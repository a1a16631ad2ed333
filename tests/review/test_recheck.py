"""Rechecks claim their work: two at once never check a citation (or fetch a URL) twice."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from warcio.archiveiterator import ArchiveIterator

from citecheck import recheck
from citecheck.config import Settings
from citecheck.store import db as store
from tests.review._fixtures import T0, add_article, at

# Seconds each fake response waits, so that two rechecks overlap in time.
RESPONSE_DELAY = 0.02
PAGE = (
    "<html lang='ru'><head><title>Новость</title></head><body><article><h1>Новость</h1>"
    "<p>Песков заявил журналистам, что переговоры в Стамбуле продолжатся на следующей неделе.</p>"
    "<p>По его словам, делегации обсудят обмен пленными и гуманитарные вопросы.</p></article></body></html>"
)


class CountingTransport(httpx.AsyncBaseTransport):
    """Answers every URL with one news page, after a short wait, counting requests per URL."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.counts[str(request.url)] += 1
        await asyncio.sleep(RESPONSE_DELAY)
        if request.url.path == "/robots.txt":
            return httpx.Response(404, request=request)
        return httpx.Response(
            200, headers={"Content-Type": "text/html; charset=utf-8"}, content=PAGE.encode(), request=request
        )


def _urls(n: int) -> list[str]:
    return [f"https://site{i % 3}.example.ru/news/{i}" for i in range(n)]


def _store(path: Path, urls: list[str]) -> list[int]:
    """Two articles citing the same URLs (so a URL has two citations)."""
    db = store.open_db(path)
    claims = [(f"Песков заявил о переговорах {n}.", url) for n, url in enumerate(urls)]
    return add_article(db, "a.txt", claims) + add_article(db, "b.txt", claims)


def test_claims_are_exclusive_by_url_and_lapse(tmp_path: Path) -> None:
    _store(tmp_path / "c.db", _urls(4))
    one, two = store.open_db(tmp_path / "c.db"), store.open_db(tmp_path / "c.db")
    now = at(1)
    first = recheck.claim_batch(one, worker="A", now=now, started=now, due_only=False, max_urls=2)
    second = recheck.claim_batch(two, worker="B", now=now, started=now, due_only=False, max_urls=2)
    urls_a, urls_b = {r["url"] for r in first}, {r["url"] for r in second}
    assert len(first) == len(second) == 4  # 2 URLs, each cited by both articles
    assert len(urls_a) == len(urls_b) == 2 and not urls_a & urls_b
    assert recheck.claim_batch(two, worker="B", now=now, started=now, due_only=False) == []
    # A's claims lapse after the lease (a crashed recheck); then B may take them.
    later = now + recheck.CLAIM_LEASE + timedelta(seconds=1)
    mine = [r["id"] for r in second]  # what B already did
    taken = recheck.claim_batch(two, worker="B", now=later, started=now, due_only=False, exclude=mine)
    assert {r["url"] for r in taken} == urls_a
    recheck.release(two, "B", [r["id"] for r in taken])
    assert one.execute("SELECT COUNT(*) FROM citations WHERE claimed_by = 'B'").fetchone()[0] == 4


def test_due_only_takes_citations_whose_time_has_come(tmp_path: Path) -> None:
    ids = _store(tmp_path / "c.db", _urls(2))
    db = store.open_db(tmp_path / "c.db")
    store.update_citation(db, ids[0], {"next_check_at": store.iso(at(5))})
    store.update_citation(db, ids[1], {"next_check_at": store.iso(at(-1))})
    due = {r["id"] for r in recheck.due(db, now=at(0))}
    assert ids[0] not in due and ids[1] in due
    assert ids[0] in {r["id"] for r in recheck.due(db, now=at(6))}
    assert {r["id"] for r in recheck.due(db, now=at(0), due_only=False)} == set(ids)


def _worker(
    path: Path, settings: Settings, transport: httpx.AsyncBaseTransport, name: str, out: dict
) -> None:
    db = store.open_db(path)
    out[name] = asyncio.run(
        recheck.recheck_async(
            settings, db=db, transport=transport, mode="test", due_only=False, worker=name, clock=lambda: T0
        )
    )


def test_two_rechecks_at_once_check_each_citation_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    urls = _urls(9)
    ids = _store(tmp_path / "c.db", urls)
    monkeypatch.setattr(recheck, "BATCH_URLS", 1)  # many small batches: the two rechecks interleave
    settings = Settings().replace(archive_dir=str(tmp_path / "archive"), db_path=str(tmp_path / "c.db"))
    transport = CountingTransport()
    results: dict[str, recheck.RecheckResult] = {}
    threads = [
        threading.Thread(target=_worker, args=(tmp_path / "c.db", settings, transport, name, results))
        for name in ("A", "B")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    checked = [i.citation_id for r in results.values() for i in r.items]
    assert sorted(checked) == sorted(ids)  # every citation once, none twice
    assert all(not i.error for r in results.values() for i in r.items)
    assert all(results[name].items for name in ("A", "B"))  # both did part of the work
    assert {url: transport.counts[url] for url in urls} == dict.fromkeys(urls, 1)  # each URL fetched once
    db = store.open_db(tmp_path / "c.db")
    per_citation = db.execute("SELECT citation_id, COUNT(*) FROM verdicts GROUP BY citation_id").fetchall()
    assert sorted(per_citation) == [(cid, 1) for cid in sorted(ids)]
    assert db.execute("SELECT COUNT(*) FROM citations WHERE claimed_by IS NOT NULL").fetchone()[0] == 0
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    responses = []  # both rechecks wrote WARC files into one folder: every record reads back
    for path in sorted((tmp_path / "archive").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    responses.append(record.rec_headers.get_header("WARC-Target-URI"))
    assert sorted(u for u in responses if "robots.txt" not in u) == sorted(urls)
