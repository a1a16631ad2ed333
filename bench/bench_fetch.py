"""Speed of polite checking on a fixture web, against its floors and trafilatura's CLI.

Usage: python bench/bench_fetch.py [--pages 2000] [--hosts 20] [--delay 0.1] [--interval 0.25]
                                   [--compare-pages 200] [--parallel N] [--no-trafilatura] [--json F]

The fixture web: ``--pages`` news pages spread over ``--hosts`` loopback hosts
(127.0.0.1 to 127.0.0.N, each its own aiohttp server, in a child process), every answer
delayed ``--delay`` seconds. Pages are copies of ``../shared/real-html`` when it is there,
else of the bundled example's pages (``examples/istanbul/site/pages``), so the script runs
from a clone alone. The servers count, per host, requests in flight and the gaps between
request starts, so each run's politeness is observed, not assumed. In one run it prints:

* the fetch stage alone at global concurrency 1 vs N on ``--compare-pages`` pages, with
  the smallest gap between two requests to one host as sent (httpx request hook) and as
  seen by the servers;
* the politeness floor: the busiest host's pages x max(delay, interval);
* citecheck's whole pipeline (``citecheck.runner.check_sources``: fetch, WARC, extract,
  verify, store, in a temporary folder) on an article citing every page, its wall time and
  its ratio to the larger floor (target: at most 1.2x);
* the CPU floor: the time this machine's cores need for the same extraction and
  verification (``extract`` + the default judge) on the pages just fetched, measured in a
  process pool as CPU seconds / cores (so other programs on the machine do not inflate it);
* the CPU the pipeline spends beyond that work (fetching, classifying, WARC, store, process
  plumbing) as a share of it, and the ratio this sets as a lower bound when every core is busy
  (run with ``--interval 0.5`` to see the ratio when politeness, not CPU, is the floor);
* trafilatura's own CLI on the same web (``trafilatura -i urls.txt --parallel N
  --backup-dir DIR``, SLEEP_TIME set to the interval) and citecheck's speed-up over it.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import multiprocessing
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REAL_HTML = ROOT.parent / "shared" / "real-html"
EXAMPLE_PAGES = ROOT / "examples" / "istanbul" / "site" / "pages"
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.S | re.I)
_TAGS = re.compile(r"<[^>]+>|\s+")
# Per-host statistics slots kept by the servers: in flight, max in flight, requests,
# smallest gap between request starts (ms), last start (s).
_STATS = 5
# Gap reported before a host has seen two requests.
_NO_GAP = 1e9
# Seconds between readings of the pipeline's per-thread CPU (its threads end with the run).
_THREAD_POLL_S = 0.5


# --------------------------------------------------------------------------- fixture web
def _templates() -> tuple[list[bytes], str]:
    """Real pages when ../shared/real-html is present, else the bundled example's pages."""
    for folder, what in ((REAL_HTML, "real pages"), (EXAMPLE_PAGES, "bundled example pages")):
        pages = [p.read_bytes() for p in sorted(folder.glob("*.html"))] if folder.is_dir() else []
        if pages:
            return pages, f"{len(pages)} {what} from {folder}"
    raise SystemExit(f"no page templates: neither {REAL_HTML} nor {EXAMPLE_PAGES} holds .html files")


def _title(body: bytes) -> str:
    match = _TITLE.search(body)
    raw = match.group(1).decode("utf-8", "replace") if match else "the news"
    return _TAGS.sub(" ", raw).strip()


def build_web(
    n_pages: int, n_hosts: int, port: int
) -> tuple[dict[str, dict[str, bytes]], list[str], list[str], str]:
    """``{host: {path: body}}``, the URL list (hosts interleaved), claims, and the pages' origin."""
    templates, origin = _templates()
    web: dict[str, dict[str, bytes]] = {f"127.0.0.{h + 1}": {} for h in range(n_hosts)}
    urls, claims = [], []
    for i in range(n_pages):
        host = f"127.0.0.{i % n_hosts + 1}"
        path = f"/news/2025/09/{i:05d}-fixture-article-about-talks.html"
        body = templates[i % len(templates)]
        claims.append(f"The outlet reported: {_title(body)}.")
        match = _TITLE.search(body)
        if match:  # a distinct title per page, as on a real site
            body = body[: match.end(1)] + f" #{i}".encode() + body[match.end(1) :]
        web[host][path] = body
        urls.append(f"http://{host}:{port}{path}")
    return web, urls, claims, origin


def _serve(web: dict[str, dict[str, bytes]], port: int, delay: float, stats: Any, ready: Any) -> None:
    """Child process: one aiohttp server per host, each answer delayed, politeness counted."""
    from aiohttp import web as aioweb

    async def main() -> None:
        runners = []
        for index, (host, pages) in enumerate(web.items()):
            base = index * _STATS

            async def handle(
                request: aioweb.Request, pages: dict[str, bytes] = pages, base: int = base
            ) -> aioweb.StreamResponse:
                now = time.monotonic()
                if stats[base + 4] > 0:
                    stats[base + 3] = min(stats[base + 3], (now - stats[base + 4]) * 1000)
                stats[base + 4] = now
                stats[base + 2] += 1
                stats[base] += 1
                stats[base + 1] = max(stats[base + 1], stats[base])
                try:
                    await asyncio.sleep(delay)
                    body = pages.get(request.path)
                    if body is None:
                        return aioweb.Response(status=404, text="not found")
                    return aioweb.Response(body=body, content_type="text/html", charset="utf-8")
                finally:
                    stats[base] -= 1

            app = aioweb.Application()
            app.router.add_get("/{tail:.*}", handle)
            runner = aioweb.AppRunner(app, access_log=None)
            await runner.setup()
            await aioweb.TCPSite(runner, host, port).start()
            runners.append(runner)
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def reset_stats(stats: Any, hosts: int) -> None:
    """Zero the servers' counters before a run."""
    for h in range(hosts):
        for k in range(_STATS):
            stats[h * _STATS + k] = _NO_GAP if k == 3 else 0.0


def read_stats(stats: Any, hosts: int) -> dict[str, float]:
    """Max requests in flight on any host, the smallest gap between starts, requests served."""
    rows = [stats[h * _STATS : (h + 1) * _STATS] for h in range(hosts)]
    gaps = [r[3] for r in rows if r[3] < _NO_GAP]
    return {
        "max_in_flight_per_host": max(r[1] for r in rows),
        "min_gap_s": (min(gaps) / 1000) if gaps else float("nan"),
        "requests": sum(r[2] for r in rows),
    }


def _politeness_text(seen: dict[str, float], limit: int, interval: float) -> str:
    return (
        f"politeness observed by the servers: max {seen['max_in_flight_per_host']:.0f} in flight per host "
        f"(limit {limit}), smallest gap between starts to one host {seen['min_gap_s']:.3f} s "
        f"(interval {interval:g} s; stamped when the server's handler runs, so its own scheduling "
        f"delays show), {seen['requests']:.0f} requests"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- citecheck
def _settings(interval: float, concurrency: int, workdir: Path | None = None) -> Any:
    from citecheck.config import load

    overrides: dict[str, Any] = {
        "allow_private_networks": True,
        "per_host_concurrency": 1,
        "per_host_interval": interval,
        "concurrency": concurrency,
        "mirrors": [],
        "wayback_enabled": False,
        "wayback_save": False,
    }
    if workdir is not None:
        overrides.update(db_path=str(workdir / "bench.db"), archive_dir=str(workdir / "archive"))
    return load(read_file=False, read_env=False, overrides=overrides)


async def fetch_only(urls: list[str], interval: float, concurrency: int) -> tuple[list[Any], float]:
    """The fetch stage alone (one Fetcher, polite settings) on ``urls``, and the smallest gap
    between two requests to one host as the client sent them (httpx's request hook)."""
    import httpx

    from citecheck.fetch import Fetcher
    from citecheck.net.client import make_client

    sent: dict[str, list[float]] = {}

    async def stamp(request: httpx.Request) -> None:
        sent.setdefault(request.url.host, []).append(time.monotonic())

    settings = _settings(interval, concurrency)
    async with make_client(settings) as client:
        client.event_hooks["request"].append(stamp)
        fetcher = Fetcher(client, settings)
        results = list(await asyncio.gather(*(fetcher.fetch(url) for url in urls)))
    gaps = [b - a for times in sent.values() for a, b in itertools.pairwise(times)]
    return results, min(gaps, default=float("nan"))


def write_article(path: Path, urls: list[str], claims: list[str]) -> None:
    """A plain-text article with one footnoted claim per URL."""
    body = [f"{claim} [{n}]" for n, claim in enumerate(claims, start=1)]
    notes = [f"[{n}] {url}" for n, url in enumerate(urls, start=1)]
    text = "A benchmark article\n\n" + "\n".join(body) + "\n\nSources\n" + "\n".join(notes) + "\n"
    path.write_text(text, encoding="utf-8")


def run_pipeline(urls: list[str], claims: list[str], interval: float, hosts: int, workdir: Path) -> Any:
    """The whole pipeline (``check_sources``) on an article citing every URL, in ``workdir``."""
    from citecheck.runner import check_sources, run_async
    from citecheck.store.db import open_db

    article = workdir / "article.txt"
    write_article(article, urls, claims)
    settings = _settings(interval, max(16, hosts), workdir)
    db = open_db(settings.db_path)
    return run_async(check_sources([str(article)], settings, db=db, mode="live"))


_CPU_ITEMS: list[tuple[str, str, str, str]] = []


def _cpu_one(index: int) -> float:
    """Extraction and verification of one fetched page (the pipeline's CPU work); CPU seconds."""
    from citecheck.extract import extract
    from citecheck.verify import DefaultJudge

    started = time.process_time()
    url, text, claim, context = _CPU_ITEMS[index]
    extraction = extract(text, url)
    if extraction.outcome == "ok":
        DefaultJudge().judge_sync(claim, context, extraction)
    return time.process_time() - started


def _warm(_: int) -> None:
    _cpu_one(0)
    time.sleep(0.3)  # keep this worker busy so every worker takes one warm-up


def cpu_floor(items: list[tuple[str, str, str, str]]) -> tuple[float, float]:
    """Seconds this machine's cores need for :func:`_cpu_one` on every item, all cores busy.

    Returns:
        ``(cpu_seconds / cores, wall seconds)``: the first is the floor (it does not grow
        when other programs share the machine); the second is the pool's wall time.
    """
    global _CPU_ITEMS
    _CPU_ITEMS = items
    cores = os.cpu_count() or 1
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        pool.map(_warm, range(cores), chunksize=1)
        start = time.perf_counter()
        used = sum(pool.imap_unordered(_cpu_one, range(len(items)), chunksize=4))
        return used / cores, time.perf_counter() - start


# --------------------------------------------------------------------------- trafilatura
def run_trafilatura(urls: list[str], interval: float, parallel: int, workdir: Path) -> tuple[float, int]:
    """Wall time of trafilatura's CLI on the same URLs, and how many pages it saved."""
    exe = shutil.which("trafilatura") or str(Path(sys.executable).with_name("trafilatura"))
    (workdir / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    config = workdir / "settings.cfg"
    import trafilatura  # its own defaults, with the sleep set and loopback allowed

    defaults = (Path(trafilatura.__file__).parent / "settings.cfg").read_text(encoding="utf-8")
    defaults = re.sub(r"(?m)^SLEEP_TIME\s*=.*$", f"SLEEP_TIME = {interval}", defaults)
    defaults = re.sub(r"(?m)^SSRF_PROTECTION\s*=.*$", "SSRF_PROTECTION = off", defaults)
    config.write_text(defaults, encoding="utf-8")
    backup, out = workdir / "backup", workdir / "out"
    command = [exe, "-i", str(workdir / "urls.txt"), "--parallel", str(parallel), "--backup-dir", str(backup)]
    command += ["-o", str(out), "--config-file", str(config)]
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=workdir)
    elapsed = time.perf_counter() - start
    saved = sum(1 for p in backup.rglob("*") if p.is_file()) if backup.exists() else 0
    return elapsed, saved


# --------------------------------------------------------------------------- main
def _compare_concurrency(urls: list[str], args: argparse.Namespace, stats: Any) -> dict[str, Any]:
    """The fetch stage alone at global concurrency 1 and at N, on the same pages."""
    wide = max(16, args.hosts)
    timings = {}
    for concurrency in (1, wide):
        reset_stats(stats, args.hosts)
        start = time.perf_counter()
        results, client_gap = asyncio.run(fetch_only(urls, args.interval, concurrency))
        timings[concurrency] = time.perf_counter() - start
        ok = sum(1 for r in results if r.outcome.usable)
        print(
            f"fetch stage, concurrency {concurrency:>2}: {len(urls)} pages ({ok} ok) in {timings[concurrency]:.2f} s "
            f"= {len(urls) / timings[concurrency]:.1f} pages/s"
        )
    seen = read_stats(stats, args.hosts)
    print(f"  concurrency {wide} vs 1: {timings[1] / timings[wide]:.2f}x the throughput")
    print("  " + _politeness_text(seen, 1, args.interval) + f"; as sent by the client {client_gap:.3f} s")
    return {
        "fetch_c1_s": timings[1],
        f"fetch_c{wide}_s": timings[wide],
        "fetch_speedup": timings[1] / timings[wide],
    }


class _ThreadCpu:
    """CPU seconds of this process's threads over a block, grouped by role (Linux /proc; else empty).

    The pipeline's threads end with the run, so their counters are read every
    :data:`_THREAD_POLL_S` seconds and the last reading of each thread is kept.
    """

    def __init__(self) -> None:
        self._seen: dict[int, tuple[str, float]] = {}
        self._start: dict[int, float] = {}
        self._stop = threading.Event()
        self._poller = threading.Thread(target=self._poll, name="bench-thread-cpu", daemon=True)

    @staticmethod
    def _read() -> dict[int, float]:
        ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        out: dict[int, float] = {}
        try:
            tids = os.listdir("/proc/self/task")
        except OSError:
            return out
        for tid in tids:
            try:
                fields = Path(f"/proc/self/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            out[int(tid)] = (int(fields[11]) + int(fields[12])) / ticks
        return out

    def _sample(self) -> None:
        names = {t.native_id: t.name for t in threading.enumerate() if t.native_id is not None}
        for tid, cpu in self._read().items():
            name = names.get(tid) or (self._seen[tid][0] if tid in self._seen else "?")
            self._seen[tid] = (name, cpu)

    def _poll(self) -> None:
        while not self._stop.wait(_THREAD_POLL_S):
            self._sample()

    def __enter__(self) -> _ThreadCpu:
        self._start = self._read()
        self._sample()
        self._poller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._poller.join()
        self._sample()

    def groups(self) -> dict[str, float]:
        """CPU seconds per role: event loop, archive thread, CPU thread, process-pool plumbing."""
        out: dict[str, float] = {}
        for tid, (name, cpu) in self._seen.items():
            if name == "bench-thread-cpu":
                continue
            role = (
                "event loop"
                if name == "MainThread"
                else "archive thread"
                if name.startswith("citecheck-archive")
                else "CPU thread"
                if name.startswith("citecheck-cpu")
                else "pool plumbing"
            )
            out[role] = out.get(role, 0.0) + cpu - self._start.get(tid, 0.0)
        return {role: round(cpu, 2) for role, cpu in sorted(out.items(), key=lambda item: -item[1])}

    def text(self) -> str:
        """The groups as ``role X s`` pairs."""
        return ", ".join(f"{role} {cpu:.1f} s" for role, cpu in self.groups().items()) or "unknown"


def _pipeline(
    urls: list[str], claims: list[str], args: argparse.Namespace, stats: Any, politeness: float
) -> tuple[dict[str, Any], float]:
    reset_stats(stats, args.hosts)
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp, _ThreadCpu() as threads:
        start, cpu_start = time.perf_counter(), time.process_time()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        run = run_pipeline(urls, claims, args.interval, args.hosts, Path(tmp))
        wall, pipeline_cpu = time.perf_counter() - start, time.process_time() - cpu_start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        workers_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
        warcs = sum(p.stat().st_size for p in (Path(tmp) / "archive").rglob("*.warc*"))
    seen = read_stats(stats, args.hosts)
    cites = [c for a in run.articles for c in a.citations]
    outcomes = Counter(str(c.fetch.outcome) if c.fetch else "none" for c in cites)
    labels = Counter(str(c.verdict.label) for c in cites)
    items = [
        (c.fetch.final_url, c.fetch.text, c.citation.claim, c.citation.context)
        for c in cites
        if c.fetch is not None and c.fetch.text
    ]
    cpu, cpu_wall = cpu_floor(items)
    floor = max(politeness, cpu)
    print(
        f"CPU floor: {cpu:.2f} s (CPU seconds / {os.cpu_count()} cores) for extraction + verification of "
        f"{len(items)} fetched pages, {1000 * cpu * (os.cpu_count() or 1) / max(1, len(items)):.0f} ms CPU "
        f"a page (process pool wall {cpu_wall:.2f} s)"
    )
    print(
        f"citecheck pipeline (check_sources: fetch, WARC, extract, verify, store): {wall:.2f} s wall for "
        f"{len(cites)} citations ({pipeline_cpu:.1f} s CPU in its process); outcomes {dict(outcomes)}; "
        f"verdicts {dict(labels)}; WARC {warcs / 2**20:.0f} MiB"
    )
    print(f"  CPU in its process by thread: {threads.text()}; in its worker processes {workers_cpu:.1f} s")
    print("  " + _politeness_text(seen, 1, args.interval))
    cores = os.cpu_count() or 1
    overhead = pipeline_cpu + workers_cpu - cpu * cores
    share = overhead / max(1e-9, cpu * cores)
    bound = max(politeness, (cpu * cores + overhead) / cores) / floor
    print(
        f"  CPU beyond extraction + verification (fetching, classifying, WARC, store, pool): {overhead:.1f} s "
        f"= {1000 * overhead / max(1, len(items)):.1f} ms a page, {100 * share:.0f}% of that work; with every "
        f"core busy the wall time cannot go under {bound:.2f}x the larger floor"
    )
    which = "politeness" if politeness >= cpu else "CPU"
    print(f"citecheck / larger floor ({which}, {floor:.2f} s): {wall / floor:.2f}x (target <= 1.2x)")
    figures = {
        "cpu_floor_s": cpu,
        "cpu_pool_wall_s": cpu_wall,
        "pipeline_wall_s": wall,
        "pipeline_cpu_s": pipeline_cpu,
        "pipeline_thread_cpu_s": threads.groups(),
        "pipeline_workers_cpu_s": workers_cpu,
        "citations": len(cites),
        "outcomes": dict(outcomes),
        "verdicts": dict(labels),
        "ratio_to_floor": wall / floor,
        "overhead_cpu_s": overhead,
        "overhead_share": share,
        "ratio_bound": bound,
        "pipeline_politeness": seen,
    }
    return figures, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.1, help="seconds each answer is delayed")
    parser.add_argument(
        "--interval", type=float, default=0.25, help="polite seconds between requests to a host"
    )
    parser.add_argument(
        "--compare-pages", type=int, default=200, help="pages for concurrency 1 vs N (0: skip)"
    )
    parser.add_argument("--parallel", type=int, default=0, help="trafilatura --parallel (default: hosts)")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura's CLI")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    port = _free_port()
    web, urls, claims, origin = build_web(args.pages, args.hosts, port)
    context = multiprocessing.get_context("fork")
    stats = context.Array("d", args.hosts * _STATS, lock=False)
    ready = context.Event()
    server = context.Process(target=_serve, args=(web, port, args.delay, stats, ready), daemon=True)
    server.start()
    if not ready.wait(30):
        raise SystemExit("fixture servers did not start")
    busiest = max(Counter(u.split("/")[2] for u in urls).values())
    politeness = busiest * max(args.delay, args.interval)
    figures: dict[str, Any] = {
        "pages": args.pages,
        "hosts": args.hosts,
        "delay": args.delay,
        "interval": args.interval,
        "fixture": origin,
        "politeness_floor_s": politeness,
    }
    try:
        print(
            f"fixture web: {args.pages} pages on {args.hosts} loopback hosts ({origin}); each answer delayed "
            f"{args.delay:g} s; polite interval {args.interval:g} s, one request at a time per host"
        )
        if args.compare_pages:
            figures.update(_compare_concurrency(urls[: args.compare_pages], args, stats))
        print(
            f"politeness floor: {busiest} pages on the busiest host x {max(args.delay, args.interval):g} s "
            f"= {politeness:.2f} s"
        )
        pipeline, wall = _pipeline(urls, claims, args, stats, politeness)
        figures.update(pipeline)
        if not args.no_trafilatura:
            parallel = args.parallel or args.hosts
            reset_stats(stats, args.hosts)
            with tempfile.TemporaryDirectory(prefix="bench-trafilatura-") as tmp:
                peer, saved = run_trafilatura(urls, args.interval, parallel, Path(tmp))
            seen = read_stats(stats, args.hosts)
            print(
                f"trafilatura CLI (--parallel {parallel}, SLEEP_TIME={args.interval:g}; download + extraction, "
                f"no verification, no WARC): {peer:.2f} s wall, {saved} pages saved"
            )
            print("  " + _politeness_text(seen, 1, args.interval))
            print(f"citecheck speed-up over trafilatura: {peer / wall:.2f}x")
            figures.update(trafilatura_wall_s=peer, trafilatura_saved=saved, speedup=peer / wall)
            figures["trafilatura_politeness"] = seen
    finally:
        server.terminate()
        server.join(5)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
