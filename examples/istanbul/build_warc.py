"""Check the example article against its fixture web (site/) and write sources.warc.gz.

The WARC holds every exchange of the check (redirects, requests, responses, citecheck's
metadata records), exported with ``export_warc`` as ``citecheck export-warc`` does. The
clock and record ids are fixed and fetches run one at a time, so rebuilding gives the same
bytes until citecheck's output changes. Run from anywhere:
``python examples/istanbul/build_warc.py [-o FILE]``.

Then, with no network::

    citecheck check examples/istanbul/article.txt --replay examples/istanbul/sources.warc.gz
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import itertools
import tempfile
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

from citecheck import runner
from citecheck.archive.export import article_snapshots, export_warc
from citecheck.archive.warc import WarcWriter
from citecheck.config import Settings, load
from citecheck.net.evalset import EvalSetTransport
from citecheck.store.db import open_db

HERE = Path(__file__).resolve().parent
ARTICLE = HERE / "article.txt"
SITE = HERE / "site"
OUTPUT = HERE / "sources.warc.gz"
# The moment the example's check is recorded at (the day after the talks it describes).
CHECKED_AT = datetime(2025, 6, 3, 9, 0, 0, tzinfo=UTC)


def _clock() -> datetime:
    return CHECKED_AT


def _ids() -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: str(uuid.uuid5(uuid.NAMESPACE_URL, f"citecheck-example-istanbul-{next(counter)}"))


def _settings(work: Path) -> Settings:
    return load(
        read_file=False,
        read_env=False,
        overrides={
            "archive_dir": str(work / "archive"),
            "db_path": str(work / "check.db"),
            "concurrency": 1,  # one fetch at a time: records are written in a fixed order
            "per_host_interval": 0.0,
            "wayback_enabled": False,
            "wayback_save": False,
        },
    )


def build(output: Path = OUTPUT, site: Path = SITE) -> Path:
    """Check the article against ``site`` in a temporary folder and export its WARC to ``output``."""
    with tempfile.TemporaryDirectory(prefix="citecheck-example-") as tmp:
        work = Path(tmp)
        settings = _settings(work)
        db = open_db(settings.db_path)
        writer = functools.partial(WarcWriter, clock=_clock, id_factory=_ids())
        with mock.patch.object(runner, "WarcWriter", writer):
            run = asyncio.run(
                runner.check_sources(
                    [str(ARTICLE)],
                    settings,
                    db=db,
                    transport=EvalSetTransport(site),
                    mode="evalset",
                    clock=_clock,
                )
            )
        [article] = run.articles
        if article.article_id is None or not article.citations:
            raise SystemExit(f"the example article was not checked: {article.error}")
        snapshots = article_snapshots(db, article.article_id, archive_dir=settings.archive_dir)
        path = export_warc(snapshots, output, clock=_clock, id_factory=_ids())
        db.close()
    return path


def main() -> None:
    """Build the example WARC (default examples/istanbul/sources.warc.gz)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="the WARC to write")
    args = parser.parse_args()
    path = build(args.output)
    print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
