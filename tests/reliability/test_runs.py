"""Runs left ``running`` by a process that is gone are marked ``interrupted`` when the next run starts."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from citecheck.store import db as store

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _status(db: Database) -> dict[int, str]:
    return dict(db.execute("SELECT id, status FROM runs ORDER BY id").fetchall())


def _gone_pid() -> int:
    """The id of a process that has exited and been reaped."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait(30)
    return proc.pid


def test_start_run_records_host_and_pid() -> None:
    db = store.open_db(":memory:")
    run = store.start_run(db, command="check", mode="live", now=T0, settings={})
    row = db.execute("SELECT host, pid, status FROM runs WHERE id = ?", [run]).fetchone()
    assert row == (socket.gethostname(), os.getpid(), "running")


def test_only_runs_whose_process_is_gone_on_this_host_are_marked() -> None:
    db = store.open_db(":memory:")
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        rows = [
            {"host": socket.gethostname(), "pid": _gone_pid()},  # killed: marked
            {"host": socket.gethostname(), "pid": live.pid},  # still running: left
            {"host": "another-host.invalid", "pid": _gone_pid()},  # cannot tell from here: left
            {"host": None, "pid": None},  # recorded before the store kept pids: left
            {"host": socket.gethostname(), "pid": os.getpid()},  # this very process: left
        ]
        for row in rows:
            db["runs"].insert(  # type: ignore[union-attr]
                {"command": "check", "mode": "live", "status": "running", "started_at": T0.isoformat(), **row}
            )
        done = store.start_run(db, command="check", mode="live", now=T0, settings={})
        store.finish_run(db, done, status="done", now=T0, counts={})
        assert _status(db) == {
            1: "interrupted",
            2: "running",
            3: "running",
            4: "running",
            5: "running",
            6: "done",
        }
        live.kill()
        live.wait(30)
        assert store.mark_interrupted_runs(db) == [2]
        assert _status(db)[2] == "interrupted"
        assert store.mark_interrupted_runs(db) == []  # idempotent
    finally:
        live.kill()
        live.wait(30)


def test_a_zombie_counts_as_gone() -> None:
    """A killed child not yet reaped still answers ``kill(pid, 0)``; it is gone all the same."""
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert store.process_alive(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # exited, left unreaped
        if Path(f"/proc/{proc.pid}/stat").exists():
            assert not store.process_alive(proc.pid)
    finally:
        proc.kill()
        proc.wait(30)


def test_sigkilled_run_is_interrupted_by_the_next(tmp_path: Path) -> None:
    """A process that starts a run and is SIGKILLed leaves it running; the next run marks it."""
    path = tmp_path / "c.db"
    script = textwrap.dedent(
        f"""
        import sys, time
        from datetime import datetime, UTC
        from citecheck.store import db as store
        db = store.open_db({str(path)!r})
        run = store.start_run(db, command="check", mode="live", now=datetime.now(UTC), settings={{}})
        print(run, flush=True)
        time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    killed = int(proc.stdout.readline())
    db = store.open_db(path)
    assert _status(db) == {killed: "running"}
    assert store.start_run(db, command="check", mode="live", now=T0, settings={}) == killed + 1
    assert _status(db) == {killed: "running", killed + 1: "running"}  # its process is alive
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    proc.stdout.close()
    store.start_run(db, command="recheck", mode="live", now=T0, settings={})
    assert _status(db) == {killed: "interrupted", killed + 1: "running", killed + 2: "running"}
