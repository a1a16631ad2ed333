"""Extraction and judging in worker processes, so a large run uses every core.

A run starts on one CPU thread (cheap for the small runs most checks are). Once it has asked
for :data:`POOL_AFTER_JOBS` extraction or judging jobs, or as soon as it knows it will (an
article with many citations), the rest go to a pool of ``spawn``-ed processes
(``cpu_processes`` setting; 0 picks the core count, 1 keeps the thread only). Each worker
keeps its own :class:`~citecheck.verify.judges.DefaultJudge`. A broken pool (a worker
killed, Ctrl-C) falls back to the thread, so a job is never lost. Archiving (WARC writes and
reads) has a thread of its own, so it never queues behind extraction on the CPU thread.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from citecheck.models import Extraction, Verdict

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

# Jobs done on the thread before a pool is worth its start-up (each worker imports the
# extraction and verification stacks: about 2 s and 300 MB).
POOL_AFTER_JOBS = 40
# Most worker processes chosen automatically (memory grows by about 300 MB per worker).
MAX_AUTO_PROCESSES = 4

_JUDGE: Any = None


def extract_job(html: str, url: str) -> Extraction:
    """Extract one page (runs in a worker)."""
    from citecheck.extract import extract

    return extract(html, url)


def extract_bytes_job(body: bytes, url: str, content_type: str | None) -> Extraction:
    """Extract one page from its bytes (runs in a worker)."""
    from citecheck.extract import extract_bytes

    return extract_bytes(body, url, content_type)


def judge_job(claim: str, context: str, extraction: Extraction) -> Verdict:
    """Judge one claim with this process's default judge (runs in a worker)."""
    global _JUDGE
    if _JUDGE is None:
        from citecheck.verify.judges import DefaultJudge

        _JUDGE = DefaultJudge()
    verdict: Verdict = _JUDGE.judge_sync(claim, context, extraction)
    return verdict


def extract_and_judge_job(
    body: bytes, url: str, content_type: str | None, claim: str, context: str
) -> tuple[Extraction, Verdict | None]:
    """Extract a fetched page and, when it holds text, judge the claim on it (runs in a worker).

    One job instead of two: the page's extraction does not travel to the worker and back again.
    """
    extraction = extract_bytes_job(body, url, content_type)
    if extraction.outcome != "ok":
        return extraction, None
    return extraction, judge_job(claim, context, extraction)


def process_count(setting: int) -> int:
    """Worker processes for a ``cpu_processes`` setting (0: the cores, at most a few)."""
    if setting > 0:
        return setting
    return min(os.cpu_count() or 1, MAX_AUTO_PROCESSES)


class CpuPool:
    """One CPU thread for every job, plus a process pool for picklable jobs of large runs."""

    def __init__(self, processes: int) -> None:
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="citecheck-cpu")
        self.archive_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="citecheck-archive")
        self.processes = process_count(processes)
        self._pool: ProcessPoolExecutor | None = None
        self._jobs = 0
        self._expected = 0
        self._broken = False

    async def on_thread(self, func: Callable[..., T], *args: Any) -> T:
        """Run ``func`` on the CPU thread (for work bound to this process's objects)."""
        return await asyncio.get_running_loop().run_in_executor(self.thread, func, *args)

    async def on_archive_thread(self, func: Callable[..., T], *args: Any) -> T:
        """Run ``func`` on the archive thread (WARC writes and reads)."""
        return await asyncio.get_running_loop().run_in_executor(self.archive_thread, func, *args)

    def expect(self, jobs: int) -> None:
        """Announce ``jobs`` more jobs: past :data:`POOL_AFTER_JOBS` in all, the pool starts now."""
        self._expected += jobs

    def _executor(self) -> Executor:
        self._jobs += 1
        small = max(self._jobs, self._expected) <= POOL_AFTER_JOBS
        if self._broken or self.processes < 2 or small:
            return self.thread
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=context)
            LOGGER.info("extraction and judging now run in %d worker processes", self.processes)
        return self._pool

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """Run a module-level ``func`` in a worker process when the run is large, else on the thread."""
        executor = self._executor()
        loop = asyncio.get_running_loop()
        if executor is self.thread:
            return await loop.run_in_executor(self.thread, func, *args)
        try:
            return await loop.run_in_executor(executor, func, *args)
        except (BrokenProcessPool, pickle.PicklingError, OSError) as exc:  # the pool, not the job
            LOGGER.warning("worker processes unusable (%s); going on with one CPU thread", exc)
            self._broken = True
            return await loop.run_in_executor(self.thread, func, *args)

    def shutdown(self) -> None:
        """Stop the thread and the workers (pending jobs are cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self.thread.shutdown(wait=True)
        self.archive_thread.shutdown(wait=True)
