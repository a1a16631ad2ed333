"""Bytes the local archive adds per page: a first check vs a second check of unchanged pages.

Usage: python bench/bench_archive.py [--json FILE]

Two measurements, side by side in one run:

* archive stage on real pages: every ``../shared/real-html/*.html`` (else the bundled
  example's pages) written by :class:`WarcWriter` as a server would send it (gzip
  content-encoding, typical headers), once, then again unchanged in a new run: the second
  write is a ``revisit`` record (no body) plus the request and metadata records;
* whole pipeline on the bundled example: ``check_sources`` on ``examples/istanbul`` (its
  fixture web, no network) twice into one archive folder.

For each it prints bytes added per page by the first and by the second check, and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from citecheck.archive.warc import WarcWriter
from citecheck.config import load
from citecheck.models import Exchange, FetchResult, Hop, Outcome
from citecheck.net.evalset import EvalSetTransport
from citecheck.runner import check_sources
from citecheck.store.db import open_db

ROOT = Path(__file__).resolve().parents[1]
REAL_HTML = ROOT.parent / "shared" / "real-html"
EXAMPLE = ROOT / "examples" / "istanbul"
T0 = datetime(2026, 1, 5, 12, 0, 0, tzinfo=UTC)
# Headers a typical news server sends besides type, encoding and length (they are archived too).
SERVER_HEADERS = (
    ("Server", "nginx"),
    ("Date", "Mon, 05 Jan 2026 12:00:00 GMT"),
    ("Cache-Control", "max-age=60, public"),
    ("Vary", "Accept-Encoding"),
    ("X-Request-Id", "5f0c6a1e9b2d4c7a8e3f1b0d2c4a6e8f"),
)
REQUEST_HEADERS = (
    ("User-Agent", "citecheck/0.1 (+https://github.com/citecheck/citecheck)"),
    ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
    ("Accept-Encoding", "gzip, deflate, br"),
)


def _pages() -> tuple[list[Path], str]:
    for folder, what in ((REAL_HTML, "real pages"), (EXAMPLE / "site" / "pages", "example pages")):
        found = sorted(folder.glob("*.html"))
        if found:
            return found, what
    raise SystemExit("no pages: neither ../shared/real-html nor examples/istanbul/site/pages")


def _fetch(url: str, body: bytes, at: datetime) -> FetchResult:
    raw = gzip.compress(body, mtime=0)
    headers = (
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Encoding", "gzip"),
        ("Content-Length", str(len(raw))),
        *SERVER_HEADERS,
    )
    exchange = Exchange(url, "GET", REQUEST_HEADERS, 200, "OK", "HTTP/1.1", headers, raw, at, "203.0.113.7")
    return FetchResult(
        url, url, Outcome.OK, 200, (Hop(url, 200),), headers, body, fetched_at=at, exchanges=(exchange,)
    )


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.warc.gz"))


def archive_stage(work: Path) -> dict[str, Any]:
    """Write every page twice (two runs) and measure the bytes each run added."""
    pages, what = _pages()
    folder = work / "stage"
    bodies = {f"https://news.example/{p.stem}": p.read_bytes() for p in pages}
    first: dict[str, Any] = {}
    sizes = [0]
    for run in range(2):
        with WarcWriter(folder) as writer:
            for url, body in bodies.items():
                at = T0 + timedelta(days=run)
                snapshot = writer.write_fetch(
                    _fetch(url, body, at), metadata={"run": run}, previous=first.get(url)
                )
                first.setdefault(url, snapshot)
        sizes.append(_size(folder))
    body_bytes = sum(len(b) for b in bodies.values())
    return {
        "what": f"archive stage, {len(pages)} {what} (median {sorted(map(len, bodies.values()))[len(bodies) // 2]} B)",
        "pages": len(pages),
        "page_bytes": body_bytes / len(pages),
        "first": (sizes[1] - sizes[0]) / len(pages),
        "second": (sizes[2] - sizes[1]) / len(pages),
    }


def whole_pipeline(work: Path) -> dict[str, Any]:
    """Check the bundled example twice against its fixture web; measure the archive's growth."""
    folder = work / "pipeline"
    settings = load(
        read_file=False,
        read_env=False,
        overrides={"archive_dir": str(folder), "per_host_interval": 0.0, "wayback_enabled": False},
    )
    db = open_db(work / "pipeline.db")
    sizes = [0]
    fetched = 0
    for _run in range(2):
        result = asyncio.run(
            check_sources(
                [str(EXAMPLE / "article.txt")],
                settings,
                db=db,
                transport=EvalSetTransport(EXAMPLE / "site"),
                mode="evalset",
            )
        )
        fetched = len({c.citation.url for a in result.articles for c in a.citations})
        sizes.append(_size(folder))
    return {
        "what": f"whole pipeline, bundled example ({fetched} cited URLs, small synthetic pages)",
        "pages": fetched,
        "first": (sizes[1] - sizes[0]) / fetched,
        "second": (sizes[2] - sizes[1]) / fetched,
    }


def main() -> None:
    """Run both measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="citecheck-bench-archive-") as tmp:
        results = [archive_stage(Path(tmp)), whole_pipeline(Path(tmp))]
    for row in results:
        row["ratio"] = row["second"] / row["first"]
        print(row["what"])
        print(
            f"  first check:  {row['first']:9.0f} bytes/page\n"
            f"  second check: {row['second']:9.0f} bytes/page (revisits)\n"
            f"  ratio second/first: {row['ratio']:.3f}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
