"""Crash safety: SIGKILL and SIGINT a real ``citecheck check`` subprocess against a slow loopback web."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from citecheck.archive.records import iter_records, read_record_at
from citecheck.errors import ReplayError
from tests.reliability.web import FixtureWeb, fixture_web, write_article, write_config

CITECHECK = str(Path(sys.executable).parent / "citecheck")
# Pages in the article and the web's delay per page: a run takes about PAGES * DELAY seconds.
PAGES = 10
DELAY = 0.25
# Kills per test, each at a random moment after the first request reached the web (about
# 2.5 s each); set CRASH_KILLS=100 for a long soak.
KILLS = int(os.environ.get("CRASH_KILLS", "5"))
SEED = 20261125


def _start(folder: Path, article: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [CITECHECK, "check", str(article)],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_hits(web: FixtureWeb, count: int, proc: subprocess.Popen[str], limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while sum(p.startswith("/p") for p in web.hits) < count:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the run never reached the web"
        time.sleep(0.02)


def _wait_for_verdict(db: Path, proc: subprocess.Popen[str], limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while True:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no verdict was stored"
        with sqlite3.connect(db, timeout=10) as conn:
            if conn.execute("SELECT count(*) FROM verdicts").fetchone()[0]:
                return
        time.sleep(0.05)


def _db_state(db: Path) -> dict[str, object]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return {
            "verdicts": conn.execute("SELECT id, citation_id, label FROM verdicts ORDER BY id").fetchall(),
            "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
            "citations": conn.execute("SELECT count(*) FROM citations").fetchone()[0],
            "snapshots": conn.execute(
                "SELECT warc_path, warc_offset FROM snapshots WHERE warc_path IS NOT NULL"
            ).fetchall(),
            "runs": conn.execute("SELECT id, status FROM runs ORDER BY id").fetchall(),
        }


def _check_warcs(folder: Path, snapshots: list[tuple[str, int]]) -> int:
    """Every WARC reads cleanly up to its last complete record; every indexed record reads."""
    complete = 0
    for path in sorted(folder.rglob("*.warc*")):
        try:
            complete += sum(1 for _ in iter_records(path))
        except ReplayError:  # a torn tail from the kill: warcio must still read what precedes it
            with open(path, "rb") as handle:
                read = 0
                try:
                    for _ in ArchiveIterator(handle):
                        read += 1
                except Exception:
                    pass
            assert read >= 1, path
            complete += read
    for warc_path, offset in snapshots:
        path = Path(warc_path) if Path(warc_path).is_absolute() else folder / warc_path
        assert read_record_at(path, offset).rec_type in ("response", "revisit")
    index = folder / "index.cdxj"
    if index.exists():
        for line in index.read_text(encoding="utf-8").splitlines():
            fields = json.loads(line.split(" ", 2)[2])
            read_record_at(folder / fields["filename"], int(fields["offset"]))
    return complete


@pytest.mark.slow
def test_sigkill_then_rerun(tmp_path: Path) -> None:
    write_config(tmp_path)
    rng = random.Random(SEED)
    with fixture_web(delay=DELAY) as web:
        article = write_article(tmp_path / "a.txt", [web.url(f"/p{i}") for i in range(PAGES)])
        before: list[tuple[int, int, str]] = []
        for _ in range(KILLS):
            web.hits.clear()
            proc = _start(tmp_path, article)
            _wait_for_hits(web, 1, proc)
            time.sleep(rng.uniform(0, PAGES * DELAY * 0.8))
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            state = _db_state(tmp_path / "c.db")
            verdicts = state["verdicts"]
            assert isinstance(verdicts, list)
            assert verdicts[: len(before)] == before, "a stored verdict was lost or changed"
            before = verdicts
            assert state["articles"] == 1 and state["citations"] == PAGES
            snapshots = state["snapshots"]
            assert isinstance(snapshots, list)
            _check_warcs(tmp_path / "arch", snapshots)
        proc = _start(tmp_path, article)
        out, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, 1), err
    assert f"{PAGES} citations in 1 article(s)" in out
    assert "Traceback" not in err
    state = _db_state(tmp_path / "c.db")
    verdicts = state["verdicts"]
    assert isinstance(verdicts, list) and verdicts[: len(before)] == before
    assert len(verdicts) == len(before) + PAGES
    assert state["articles"] == 1 and state["citations"] == PAGES
    runs = state["runs"]
    assert isinstance(runs, list) and runs[-1][1] == "done"
    # Each killed run was marked interrupted by the run after it (its process was gone).
    assert [status for _id, status in runs] == ["interrupted"] * KILLS + ["done"]
    snapshots = state["snapshots"]
    assert isinstance(snapshots, list)
    assert _check_warcs(tmp_path / "arch", snapshots) >= PAGES


@pytest.mark.slow
def test_sigint_stops_cleanly(tmp_path: Path) -> None:
    write_config(tmp_path)
    with fixture_web(delay=DELAY) as web:
        article = write_article(tmp_path / "a.txt", [web.url(f"/p{i}") for i in range(PAGES)])
        proc = _start(tmp_path, article)
        _wait_for_hits(web, 1, proc)
        _wait_for_verdict(tmp_path / "c.db", proc)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in err and "Traceback" not in out
    summary = out.strip().splitlines()[-1]
    assert summary.startswith("interrupted:"), out
    state = _db_state(tmp_path / "c.db")
    runs = state["runs"]
    assert isinstance(runs, list) and runs[-1][1] == "interrupted"
    verdicts = state["verdicts"]
    assert isinstance(verdicts, list) and 0 < len(verdicts) < PAGES
    assert f"not checked: {PAGES - len(verdicts)} citation(s)" in summary
    assert f"{len(verdicts)} citations in 1 article(s)" in summary
    snapshots = state["snapshots"]
    assert isinstance(snapshots, list)
    assert _check_warcs(tmp_path / "arch", snapshots) >= len(verdicts)


def _replay_torn(tmp_path: Path, cut_in: str) -> tuple[list[str], list[str]]:
    """Archive three pages, cut the WARC inside its last ``cut_in`` record, replay the cut file."""
    write_config(tmp_path)
    with fixture_web() as web:
        urls = [web.url(f"/p{i}") for i in range(3)]
        article = write_article(tmp_path / "a.txt", urls)
        first = subprocess.run(
            [CITECHECK, "check", str(article)], cwd=tmp_path, capture_output=True, text=True
        )
    assert first.returncode in (0, 1), first.stderr
    (warc,) = sorted((tmp_path / "arch").rglob("*.warc.gz"))
    last = [r for r in iter_records(warc) if r.rec_type == cut_in][-1]
    torn = tmp_path / "torn.warc.gz"
    torn.write_bytes(warc.read_bytes()[: last.offset + last.length // 2])
    replayed = subprocess.run(
        [CITECHECK, "check", str(article), "--replay", str(torn), "--db", "replay.db", "--archive", "arch2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert replayed.returncode in (0, 1), replayed.stderr
    assert "Traceback" not in replayed.stderr
    with sqlite3.connect(tmp_path / "replay.db") as conn:
        rows = conn.execute("SELECT url, outcome FROM fetches ORDER BY url").fetchall()
    return urls, [outcome for _url, outcome in rows]


def test_torn_metadata_tail_still_replays(tmp_path: Path) -> None:
    """A WARC cut inside its last (metadata) record replays every response before the cut."""
    _urls, outcomes = _replay_torn(tmp_path, "metadata")
    assert outcomes == ["ok", "ok", "ok"]


def test_torn_response_is_not_served(tmp_path: Path) -> None:
    """A response cut mid-record (a crash mid-write) must not be replayed as a whole page."""
    _urls, outcomes = _replay_torn(tmp_path, "response")
    assert outcomes[:2] == ["ok", "ok"]
    assert outcomes[2] != "ok"


def test_sigint_stops_a_recheck_cleanly(tmp_path: Path) -> None:
    write_config(tmp_path)
    with fixture_web(delay=DELAY) as web:
        article = write_article(tmp_path / "a.txt", [web.url(f"/p{i}") for i in range(PAGES)])
        first = _start(tmp_path, article)
        first.communicate(timeout=120)
        assert first.returncode in (0, 1)
        before = _db_state(tmp_path / "c.db")["verdicts"]
        assert isinstance(before, list)
        hits = sum(p.startswith("/p") for p in web.hits)
        proc = subprocess.Popen(
            [CITECHECK, "recheck"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        _wait_for_hits(web, hits + 1, proc)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in err and "Traceback" not in out
    assert err.strip().splitlines()[-1].startswith("interrupted:")
    state = _db_state(tmp_path / "c.db")
    runs = state["runs"]
    assert isinstance(runs, list) and runs[-1][1] == "interrupted"
    after = state["verdicts"]
    assert isinstance(after, list) and len(after) >= len(before)
