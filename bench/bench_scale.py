"""Scale: a store of 100,000 citations, and the pipeline over N loopback pages at two sizes.

Usage: python bench/bench_scale.py [--citations 100000] [--pages 20] [--json FILE]
                                  [--store-only] [--rebuild]

Two parts, each measured side by side in one run (no timed assertions anywhere):

* store: ``--citations`` citations over citations/5 articles, each with a fetch, a local
  snapshot (half of them also a Wayback one), an extraction and a verdict, written through
  the real store functions (``save_article``, ``save_fetch``, ``save_snapshot``,
  ``save_extraction``, ``save_verdict``, ``update_citation``). It prints the build time, the
  database size, ``report --only-problems`` (``report.collect``) time, ``recheck --due``
  selection (``recheck.due``) time and one claim of a batch (``recheck.claim_batch``), each
  canned Datasette query's time and peak memory (wall times; CPU times too where noted).
  The build runs with ``PRAGMA synchronous = OFF`` and commits every
  :data:`COMMIT_EVERY_ARTICLES` articles (only the build: it is not what is timed); the built
  store is cached in the temp folder, keyed by schema version, size and seed (``--rebuild``
  builds anew), and each measurement runs on a fresh copy of it.
* pipeline: ``check_sources`` over ``--pages`` and 4x ``--pages`` citations of pages served
  by a loopback web, each size in its own subprocess so peak RSS is its own; prints time per
  citation and peak RSS for both sizes, and their ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from citecheck import recheck, report
from citecheck.config import load
from citecheck.models import (
    Article,
    ArticleFormat,
    Basis,
    Citation,
    Extraction,
    FetchResult,
    Label,
    Outcome,
    ParsedArticle,
    Snapshot,
    Span,
    Verdict,
)
from citecheck.runner import check_sources
from citecheck.store import db as store
from citecheck.store.migrations import latest_version

# Citations per synthetic article (100,000 citations -> 20,000 articles, as issue 9 sets).
CITATIONS_PER_ARTICLE = 5
# Articles written per transaction while building (the store functions commit per row).
COMMIT_EVERY_ARTICLES = 200
# Factor between the two pipeline sizes compared.
SIZE_FACTOR = 4
T0 = datetime(2026, 1, 1, tzinfo=UTC)
DATASETTE_YAML = Path(__file__).resolve().parent.parent / "src" / "citecheck" / "datasette.yaml"
LABELS = [Label.SUPPORTED] * 6 + [Label.PARTIAL, Label.UNSUPPORTED, Label.DEAD]
OUTCOMES = [Outcome.OK] * 8 + [Outcome.DEAD, Outcome.BLOCKED]
SENTENCE = "Песков заявил, что переговоры продолжатся в Стамбуле на следующей неделе. "


def peak_rss_mib() -> float:
    """This process's peak resident memory so far, in MiB.

    Reads ``VmHWM`` (reset by exec) where /proc exists: ``ru_maxrss`` survives fork+exec on
    Linux, so a child started by a large parent would report the parent's peak.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(func: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = func(*args, **kwargs)
    return time.perf_counter() - start, value


def _timed_cpu(func: Any, *args: Any, **kwargs: Any) -> tuple[float, float, Any]:
    """Wall and CPU seconds of one call (CPU time is less disturbed by a busy machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = func(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu, value


class _BatchedConnection:
    """A connection whose ``with conn:`` blocks do not commit: the build commits every batch.

    The store functions commit once per row (``with db.conn:``), right for a pipeline but
    slow for filling 100,000 citations; the rows and SQL stay the store functions' own.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def __enter__(self) -> _BatchedConnection:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is not None:
            self._conn.rollback()


def cached_store(citations: int, seed: int = 1, *, rebuild: bool = False) -> tuple[Path, dict[str, Any]]:
    """A built store under the temp folder, keyed by schema version, size and seed; built if absent.

    Without ``rebuild``, a store built by an older schema version is reused: opening its copy
    applies the newer migrations, as it would to a user's store (reported as ``cached_from_v``).
    """
    folder = Path(tempfile.gettempdir())
    path = folder / f"citecheck-bench-scale-v{latest_version()}-{citations}-{seed}.db"
    meta = path.with_suffix(".json")
    if not rebuild:
        for version in range(latest_version(), 0, -1):
            older = folder / f"citecheck-bench-scale-v{version}-{citations}-{seed}.db"
            if older.exists() and older.with_suffix(".json").exists():
                info = json.loads(older.with_suffix(".json").read_text(encoding="utf-8"))
                return older, {**info, "cached_from_v": version}
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    # Built in its own process, so the measuring process's memory and heap are its own.
    proc = subprocess.run(
        [sys.executable, __file__, "--build-store", str(partial), "--citations", str(citations)],
        capture_output=True,
        text=True,
        check=True,
    )
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    partial.replace(path)
    meta.write_text(json.dumps(info), encoding="utf-8")
    return path, {**info, "cached_from_v": None}


def build_store(path: Path, citations: int, seed: int = 1) -> dict[str, Any]:
    """Fill a store through the real store functions; return build time and sizes."""
    rng = random.Random(seed)
    db = store.open_db(path)
    db.execute("PRAGMA synchronous = OFF")
    raw = db.conn
    db.conn = _BatchedConnection(raw)  # type: ignore[assignment]
    start = time.perf_counter()
    articles = max(1, citations // CITATIONS_PER_ARTICLE)
    snapshots = 0
    for a in range(articles):
        now = T0 + timedelta(minutes=a)
        text = "".join(f"{SENTENCE}[{i + 1}] " for i in range(CITATIONS_PER_ARTICLE))
        cites = tuple(
            Citation(
                marker=str(i + 1),
                url=f"https://site{rng.randrange(500)}.example/news/{a}-{i}",
                claim=SENTENCE.strip(),
                span=Span(i * len(SENTENCE), (i + 1) * len(SENTENCE) - 1),
            )
            for i in range(CITATIONS_PER_ARTICLE)
        )
        parsed = ParsedArticle(Article(f"bench:{a}", text, ArticleFormat.TEXT, f"Article {a}"), cites)
        _article_id, ids = store.save_article(db, parsed, now=now)
        for citation, cid in zip(cites, ids, strict=True):
            outcome = rng.choice(OUTCOMES)
            url = citation.url or ""
            fetch = FetchResult(url=url, final_url=url, outcome=outcome, status=200, fetched_at=now)
            fetch_id = store.save_fetch(db, fetch, run_id=None, citation_id=cid)
            snap = Snapshot(
                url, f"citecheck-{a // 1000:05d}.warc.gz", a * 4096, 4096, f"sha1:{cid}", captured_at=now
            )
            snap_id = store.save_snapshot(db, snap, fetch_id=fetch_id, source="local", outcome=str(outcome))
            snapshots += 1
            if cid % 2 == 0:
                wb = Snapshot(
                    url, None, None, None, None, wayback_url=f"https://web.archive.org/web/2026/{url}"
                )
                store.save_snapshot(db, wb, fetch_id=fetch_id, source="wayback", outcome="ok")
                snapshots += 1
            ext = Extraction(
                url, "ok", SENTENCE * 3, title=f"Page {cid}", lang="ru", normalized_hash=str(cid)
            )
            ext_id = store.save_extraction(db, ext, snapshot_id=snap_id, fetch_id=fetch_id, now=now)
            label = rng.choice(LABELS) if outcome is Outcome.OK else Label.DEAD
            verdict = Verdict(label, rng.random(), evidence=SENTENCE, basis=Basis.LIVE)
            store.save_verdict(
                db,
                verdict,
                citation_id=cid,
                run_id=None,
                fetch_id=fetch_id,
                snapshot_id=snap_id,
                extraction_id=ext_id,
                outcome=str(outcome),
                now=now,
            )
            due = now + timedelta(days=rng.uniform(-30, 30))
            store.update_citation(
                db, cid, {"last_outcome": str(outcome), "next_check_at": store.iso(due), "link_status": "ok"}
            )
        if a % COMMIT_EVERY_ARTICLES == COMMIT_EVERY_ARTICLES - 1:
            raw.commit()
    raw.commit()
    db.conn = raw
    build = time.perf_counter() - start
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return {
        "articles": articles,
        "citations": articles * CITATIONS_PER_ARTICLE,
        "snapshots": snapshots,
        "build_s": round(build, 2),
    }


def measure_queries(path: Path) -> dict[str, Any]:
    """Time the report, the due selection and every canned Datasette query on a built store."""
    db = store.open_db(path)
    out: dict[str, Any] = {"db_mib": round(path.stat().st_size / 2**20, 1)}
    seconds, cpu, data = _timed_cpu(report.collect, db, only_problems=True, now=T0)
    out["report_only_problems_s"] = round(seconds, 3)
    out["report_only_problems_cpu_s"] = round(cpu, 3)
    out["report_problems"] = data["summary"]["citations"]
    due_at = T0 + timedelta(days=15)
    seconds, cpu, rows = _timed_cpu(recheck.due, db, now=due_at)
    out["recheck_due_s"] = round(seconds, 3)
    out["recheck_due_cpu_s"] = round(cpu, 3)
    out["recheck_due_rows"] = len(rows)
    # What a running recheck waits for before each batch: claiming the next URLs.
    seconds, rows = _timed(recheck.claim_batch, db, worker="bench", now=due_at, started=due_at)
    out["recheck_claim_batch_s"] = round(seconds, 4)
    out["recheck_claim_batch_rows"] = len(rows)
    queries = yaml.safe_load(DATASETTE_YAML.read_text(encoding="utf-8"))["databases"]["citecheck"]["queries"]
    sample = db.execute(
        "SELECT a.source, c.url FROM citations c JOIN articles a ON a.id = c.article_id LIMIT 1 OFFSET ?",
        [db.execute("SELECT count(*) FROM citations").fetchone()[0] // 2],
    ).fetchone()
    params = {"article": sample[0], "url": sample[1]}
    for name, query in queries.items():
        seconds, rows = _timed(lambda q=query: db.execute(q["sql"], params).fetchall())
        out[f"query_{name}_s"] = round(seconds, 3)
        out[f"query_{name}_rows"] = len(rows)
    out["peak_rss_mib"] = round(peak_rss_mib(), 1)
    db.close()
    return out


def _serve_pages() -> tuple[ThreadingHTTPServer, int]:
    page = (
        "<html><head><title>Новости</title></head><body><article>"
        + f"<p>{SENTENCE}</p>" * 30
        + "</article></body></html>"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if not self.path.startswith("/p"):
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def pipeline_once(pages: int) -> dict[str, Any]:
    """Check one article citing ``pages`` loopback pages; time per citation and peak RSS."""
    server, port = _serve_pages()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        article = folder / "a.txt"
        body = " ".join(
            f"Peskov said the talks would continue in Istanbul next week. [{i}]" for i in range(1, pages + 1)
        )
        notes = "\n".join(f"[{i}] http://127.0.0.1:{port}/p{i}" for i in range(1, pages + 1))
        article.write_text(f"Talks\n\n{body}\n\nSources\n{notes}\n", encoding="utf-8")
        settings = load(
            read_file=False,
            read_env=False,
            overrides={
                "allow_private_networks": True,
                "per_host_interval": 0.0,
                "per_host_concurrency": 4,
                "wayback_enabled": False,
                "wayback_save": False,
                "archive_dir": str(folder / "arch"),
                "respect_robots": False,
            },
        )
        db = store.open_db(folder / "c.db")
        start = time.perf_counter()
        run = asyncio.run(check_sources([str(article)], settings, db=db))
        seconds = time.perf_counter() - start
    server.shutdown()
    done = sum(len(a.citations) for a in run.articles)
    return {
        "pages": pages,
        "citations": done,
        "seconds": round(seconds, 2),
        "ms_per_citation": round(1000 * seconds / max(done, 1), 1),
        "peak_rss_mib": round(peak_rss_mib(), 1),
    }


def pipeline_pair(pages: int) -> dict[str, Any]:
    """Run the pipeline at two sizes, each in a fresh subprocess, and compare them."""
    results = []
    for size in (pages, pages * SIZE_FACTOR):
        proc = subprocess.run(
            [sys.executable, __file__, "--pipeline-once", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    small, large = results
    return {
        "small": small,
        "large": large,
        "ms_per_citation_ratio": round(large["ms_per_citation"] / max(small["ms_per_citation"], 1e-9), 2),
        "peak_rss_ratio": round(large["peak_rss_mib"] / max(small["peak_rss_mib"], 1e-9), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citations", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--store-only", action="store_true", help="skip the pipeline part")
    parser.add_argument("--rebuild", action="store_true", help="build the store even if one is cached")
    parser.add_argument("--pipeline-once", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--build-store", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_store is not None:
        print(json.dumps(build_store(args.build_store, args.citations)))
        return
    if args.pipeline_once is not None:
        print(json.dumps(pipeline_once(args.pipeline_once)))
        return
    results: dict[str, Any] = {}
    built, results["store"] = cached_store(args.citations, rebuild=args.rebuild)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scale.db"
        shutil.copyfile(built, path)  # measured on a copy: opening it may migrate and ANALYZE
        results["store"] |= measure_queries(path)
    for key, value in results["store"].items():
        print(f"store  {key:<40} {value}")
    if args.store_only:
        if args.json:
            args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
        return
    results["pipeline"] = pipeline_pair(args.pages)
    pipe = results["pipeline"]
    print(f"\npipeline {'':<22}{'small':>10}{'large':>10}{'ratio':>8}")
    for key in ("citations", "seconds", "ms_per_citation", "peak_rss_mib"):
        ratio = (
            pipe["ms_per_citation_ratio"]
            if key == "ms_per_citation"
            else (pipe["peak_rss_ratio"] if key == "peak_rss_mib" else "")
        )
        print(f"pipeline {key:<22}{pipe['small'][key]:>10}{pipe['large'][key]:>10}{ratio!s:>8}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
