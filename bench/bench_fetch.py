"""Speed of polite fetching on a fixture web, against its floors and trafilatura's CLI.

Usage: python bench/bench_fetch.py [--pages 2000] [--hosts 20] [--delay 0.1] [--interval 0.25]
                                   [--parallel N] [--no-trafilatura]

The fixture web: ``--pages`` news pages spread over ``--hosts`` loopback hosts
(127.0.0.1 to 127.0.0.N, each its own server, in a child process), every answer delayed
``--delay`` seconds. Pages are built from ``../shared/real-html`` when it is there, else
synthesised, so the script runs from a clone alone. In one run it prints:

* the politeness floor: the busiest host's pages x max(delay, interval);
* the CPU floor: the time this machine's cores need for the per-page CPU work
  (:func:`cpu_work`) on the pages just fetched;
* citecheck's wall time (:func:`run_pipeline`) and its ratio to the larger floor;
* trafilatura's own CLI on the same web (``trafilatura -i urls.txt --parallel N
  --backup-dir DIR``, SLEEP_TIME set to the interval) and citecheck's speed-up over it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REAL_HTML = Path(__file__).resolve().parents[2] / "shared" / "real-html"
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.S | re.I)
_RU_WORDS = [
    "правительство",
    "заявило",
    "переговоры",
    "продолжатся",
    "следующей",
    "неделе",
    "министр",
    "иностранных",
    "дел",
    "сообщил",
    "журналистам",
    "делегации",
    "договорились",
    "восстановить",
    "работу",
    "посольств",
    "экономическое",
    "сотрудничество",
    "санкции",
    "бюджет",
    "доходы",
    "расходы",
    "регион",
    "губернатор",
    "выборы",
    "результаты",
    "голосования",
    "комиссия",
]


# --------------------------------------------------------------------------- fixture web
def _templates() -> tuple[list[bytes], str]:
    """Real pages when ../shared/real-html is present, else synthetic ones."""
    if REAL_HTML.is_dir():
        pages = [p.read_bytes() for p in sorted(REAL_HTML.glob("*.html"))]
        if pages:
            return pages, f"{len(pages)} real pages from {REAL_HTML}"
    rng = random.Random(7)
    pages = []
    for n in range(25):
        paragraphs = "".join(
            "<p>" + " ".join(rng.choice(_RU_WORDS) for _ in range(60)).capitalize() + ".</p>"
            for _ in range(12)
        )
        menu = "".join(f'<a href="/rubric/{i}">Рубрика {i}</a> ' for i in range(30))
        pages.append(
            (
                f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Новость {n}</title>'
                f'<meta property="og:type" content="article"></head><body><nav>{menu}</nav>'
                f"<article><h1>Новость {n}</h1>{paragraphs}</article><footer>© Outlet</footer></body></html>"
            ).encode()
        )
    return pages, "25 synthetic news pages (../shared/real-html absent)"


def build_web(n_pages: int, n_hosts: int, port: int) -> tuple[dict[str, dict[str, bytes]], list[str], str]:
    """``{host: {path: body}}``, the URL list (hosts interleaved) and where pages came from."""
    templates, origin = _templates()
    web: dict[str, dict[str, bytes]] = {f"127.0.0.{h + 1}": {} for h in range(n_hosts)}
    urls = []
    for i in range(n_pages):
        host = f"127.0.0.{i % n_hosts + 1}"
        path = f"/news/2025/09/{i:05d}-fixture-article-about-talks.html"
        body = templates[i % len(templates)]
        body = _TITLE.sub(
            lambda m, i=i: b"<title>" + m.group(1) + f" #{i}".encode() + b"</title>", body, count=1
        )
        web[host][path] = body
        urls.append(f"http://{host}:{port}{path}")
    return web, urls, origin


def _serve(web: dict[str, dict[str, bytes]], port: int, delay: float, ready: Any) -> None:
    """Child process: one aiohttp server per host, each answer delayed."""
    from aiohttp import web as aioweb

    async def main() -> None:
        runners = []
        for host, pages in web.items():

            async def handle(request: aioweb.Request, pages: dict[str, bytes] = pages) -> aioweb.Response:
                await asyncio.sleep(delay)
                body = pages.get(request.path)
                if body is None:
                    return aioweb.Response(status=404, text="not found")
                return aioweb.Response(body=body, content_type="text/html", charset="utf-8")

            app = aioweb.Application()
            app.router.add_get("/{tail:.*}", handle)
            runner = aioweb.AppRunner(app, access_log=None)
            await runner.setup()
            await aioweb.TCPSite(runner, host, port).start()
            runners.append(runner)
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- citecheck
async def run_pipeline(urls: list[str], interval: float, hosts: int) -> tuple[list[Any], str]:
    """HOOK FOR THE LEAD: run the whole pipeline on an article citing every URL.

    For now this runs the FETCH STAGE ONLY (citecheck.fetch.Fetcher with polite settings);
    replace its body with the pipeline (fetch, WARC, extract, verify, store) when wired.

    Returns:
        The per-URL results and a label saying what ran.
    """
    from citecheck.config import load
    from citecheck.fetch import Fetcher
    from citecheck.net.client import make_client

    settings = load(
        read_file=False,
        read_env=False,
        overrides={
            "allow_private_networks": True,
            "per_host_concurrency": 1,
            "per_host_interval": interval,
            "concurrency": max(16, hosts),
            "mirrors": [],
        },
    )
    async with make_client(settings) as client:
        fetcher = Fetcher(client, settings)
        results = await asyncio.gather(*(fetcher.fetch(url) for url in urls))
    return list(results), "fetch stage only (pipeline not wired yet)"


def cpu_work(url: str, html: bytes) -> int:
    """The per-page CPU work after fetching: for now trafilatura extraction only."""
    import trafilatura

    doc = trafilatura.bare_extraction(html.decode("utf-8", "replace"), url=url, with_metadata=True)
    text = getattr(doc, "text", None) if doc is not None else None
    return len(text or "")


def _cpu_chunk(items: list[tuple[str, bytes]]) -> int:
    return sum(cpu_work(url, html) for url, html in items)


def cpu_floor(
    pages: list[tuple[str, bytes]], work: Callable[[list[tuple[str, bytes]]], int] = _cpu_chunk
) -> float:
    """Seconds this machine's cores need for :func:`cpu_work` on every page, all cores busy."""
    cores = os.cpu_count() or 1
    chunks = [pages[i::cores] for i in range(cores)]
    with ProcessPoolExecutor(max_workers=cores) as pool:
        list(pool.map(work, [c[:1] for c in chunks]))  # warm up imports in every worker
        start = time.perf_counter()
        list(pool.map(work, chunks))
        return time.perf_counter() - start


# --------------------------------------------------------------------------- trafilatura
def run_trafilatura(urls: list[str], interval: float, parallel: int, workdir: Path) -> tuple[float, int]:
    """Wall time of trafilatura's CLI on the same URLs, and how many pages it saved."""
    exe = shutil.which("trafilatura") or str(Path(sys.executable).with_name("trafilatura"))
    (workdir / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    config = workdir / "settings.cfg"
    config.write_text(
        "[DEFAULT]\nDOWNLOAD_TIMEOUT = 30\nMAX_FILE_SIZE = 20000000\nMIN_FILE_SIZE = 10\n"
        f"SLEEP_TIME = {interval}\nUSER_AGENTS =\nCOOKIE =\nMAX_REDIRECTS = 2\nSSRF_PROTECTION = off\n"
        "INSECURE_SSL_FALLBACK = off\nMIN_EXTRACTED_SIZE = 250\nMIN_OUTPUT_SIZE = 1\nMIN_OUTPUT_COMM_SIZE = 1\n"
        "MAX_TREE_SIZE =\nEXTRACTION_TIMEOUT = 30\nMIN_DUPLCHECK_SIZE = 100\nMAX_REPETITIONS = 2\n"
        "EXTENSIVE_DATE_SEARCH = on\nEXTERNAL_URLS = off\n",
        encoding="utf-8",
    )
    backup, out = workdir / "backup", workdir / "out"
    command = [
        exe,
        "-i",
        str(workdir / "urls.txt"),
        "--parallel",
        str(parallel),
        "--backup-dir",
        str(backup),
        "-o",
        str(out),
        "--config-file",
        str(config),
    ]
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=workdir)
    elapsed = time.perf_counter() - start
    saved = sum(1 for _ in backup.rglob("*")) if backup.exists() else 0
    return elapsed, saved


# --------------------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.1, help="seconds each answer is delayed")
    parser.add_argument(
        "--interval", type=float, default=0.25, help="polite seconds between requests to a host"
    )
    parser.add_argument("--parallel", type=int, default=0, help="trafilatura --parallel (default: hosts)")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura's CLI")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    port = _free_port()
    web, urls, origin = build_web(args.pages, args.hosts, port)
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    server = context.Process(target=_serve, args=(web, port, args.delay, ready), daemon=True)
    server.start()
    if not ready.wait(30):
        raise SystemExit("fixture servers did not start")
    figures: dict[str, Any] = {
        "pages": args.pages,
        "hosts": args.hosts,
        "delay": args.delay,
        "interval": args.interval,
        "fixture": origin,
    }
    try:
        busiest = max(Counter(u.split("/")[2] for u in urls).values())
        politeness = busiest * max(args.delay, args.interval)
        print(
            f"fixture web: {args.pages} pages on {args.hosts} loopback hosts ({origin}); "
            f"each answer delayed {args.delay:g} s; polite interval {args.interval:g} s, one request per host"
        )
        print(
            f"politeness floor: {busiest} pages on the busiest host x {max(args.delay, args.interval):g} s "
            f"= {politeness:.2f} s"
        )

        start = time.perf_counter()
        results, what = asyncio.run(run_pipeline(urls, args.interval, args.hosts))
        wall = time.perf_counter() - start
        outcomes = Counter(str(r.outcome) for r in results)
        pages = [(r.final_url, r.body) for r in results if r.body]
        cpu = cpu_floor(pages)
        floor = max(politeness, cpu)
        print(
            f"CPU floor: {cpu:.2f} s for trafilatura extraction of {len(pages)} fetched pages on "
            f"{os.cpu_count()} cores (verification not included yet)"
        )
        print(f"citecheck [{what}]: {wall:.2f} s wall; outcomes {dict(outcomes)}")
        print(
            f"citecheck / larger floor ({'politeness' if politeness >= cpu else 'CPU'}): {wall / floor:.2f}x "
            "(target <= 1.2x for the whole pipeline)"
        )
        figures.update(
            politeness_floor=politeness,
            cpu_floor=cpu,
            citecheck_wall=wall,
            citecheck_ran=what,
            outcomes=dict(outcomes),
            ratio_to_floor=wall / floor,
        )

        if not args.no_trafilatura:
            parallel = args.parallel or args.hosts
            with tempfile.TemporaryDirectory(prefix="bench-fetch-") as tmp:
                peer, saved = run_trafilatura(urls, args.interval, parallel, Path(tmp))
            print(
                f"trafilatura CLI (--parallel {parallel}, SLEEP_TIME={args.interval:g}, downloads + extraction): "
                f"{peer:.2f} s wall, {saved} pages saved"
            )
            print(
                f"citecheck speed-up over trafilatura: {peer / wall:.2f}x"
                + (" (citecheck ran the fetch stage only)" if "only" in what else "")
            )
            figures.update(trafilatura_wall=peer, trafilatura_saved=saved, speedup=peer / wall)
    finally:
        server.terminate()
        server.join(5)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
