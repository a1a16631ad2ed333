"""Large runs extract and judge in worker processes, with the same verdicts as the CPU thread."""

from __future__ import annotations

import asyncio
import os
import threading
from pathlib import Path

import pytest

from citecheck import workers
from citecheck.config import Settings
from citecheck.runner import check
from citecheck.workers import CpuPool
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "istanbul"
PARENT = os.getpid()


def _labels(tmp: Path, processes: int) -> list[tuple[str, str, float]]:
    settings = Settings(
        db_path=str(tmp / f"p{processes}.db"), archive_dir=str(tmp / f"a{processes}"), cpu_processes=processes
    )
    result = check([str(EXAMPLE / "article.txt")], settings=settings, evalset=EXAMPLE / "site")
    return [(c.citation.marker, str(c.verdict.label), c.verdict.score) for c in result.articles[0].citations]


def test_worker_processes_give_the_thread_verdicts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_thread = _labels(tmp_path, 1)
    monkeypatch.setattr(workers, "POOL_AFTER_JOBS", 0)
    in_workers = _labels(tmp_path, 2)
    assert in_workers == on_thread
    assert len(on_thread) == 5


def _pid() -> int:
    return os.getpid()


def _die_in_worker(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)
    return "on the thread"


def test_pool_is_used_only_after_enough_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "POOL_AFTER_JOBS", 2)

    async def run() -> list[int]:
        pool = CpuPool(2)
        try:
            return [await pool.run(_pid) for _ in range(4)]
        finally:
            pool.shutdown()

    pids = asyncio.run(run())
    assert pids[:2] == [os.getpid()] * 2
    assert os.getpid() not in pids[2:]


def test_a_run_announced_as_large_uses_the_pool_from_its_first_job(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "POOL_AFTER_JOBS", 2)

    async def run() -> list[int]:
        pool = CpuPool(2)
        try:
            pool.expect(3)
            return [await pool.run(_pid) for _ in range(2)]
        finally:
            pool.shutdown()

    assert os.getpid() not in asyncio.run(run())


def _thread_name() -> str:
    return threading.current_thread().name


def test_archiving_has_its_own_thread() -> None:
    async def run() -> tuple[str, str]:
        pool = CpuPool(1)
        try:
            return await pool.on_thread(_thread_name), await pool.on_archive_thread(_thread_name)
        finally:
            pool.shutdown()

    cpu, archive = asyncio.run(run())
    assert cpu.startswith("citecheck-cpu") and archive.startswith("citecheck-archive")


def test_a_broken_pool_falls_back_to_the_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "POOL_AFTER_JOBS", 0)

    async def run() -> tuple[list[str], bool]:
        pool = CpuPool(2)
        try:
            done = [await pool.run(_die_in_worker, PARENT), await pool.run(_die_in_worker, PARENT)]
            return done, pool._broken
        finally:
            pool.shutdown()

    assert asyncio.run(run()) == (["on the thread", "on the thread"], True)


def test_process_count() -> None:
    assert workers.process_count(3) == 3
    assert 1 <= workers.process_count(0) <= workers.MAX_AUTO_PROCESSES
