"""The bundled example through the real pipeline: valid WARCs, revisits, replay, dead-link fallback."""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner
from sqlite_utils import Database
from warcio.archiveiterator import ArchiveIterator

from citecheck.cli import main
from citecheck.config import Settings, load
from citecheck.models import Basis, Label
from citecheck.net.evalset import EvalSetTransport
from citecheck.net.replay import WarcReplayTransport
from citecheck.recheck import recheck_async
from citecheck.runner import RunResult, check_sources
from citecheck.store.db import open_db
from tests.archive.builders import run_warcio
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "istanbul"
ARTICLE = EXAMPLE / "article.txt"
SOURCES = EXAMPLE / "sources.warc.gz"


def _settings(tmp_path: Path) -> Settings:
    return load(
        read_file=False,
        read_env=False,
        overrides={
            "archive_dir": str(tmp_path / "archive"),
            "per_host_interval": 0.0,
            "wayback_enabled": False,
        },
    )


def _check(settings: Settings, db: Database, transport: Any, mode: str) -> RunResult:
    return asyncio.run(check_sources([str(ARTICLE)], settings, db=db, transport=transport, mode=mode))


def _verdicts(run: RunResult) -> list[tuple[str, str, str]]:
    return [
        (r.citation.marker, str(r.verdict.label), str(r.fetch.outcome if r.fetch else None))
        for a in run.articles
        for r in a.citations
    ]


def _records(path: Path) -> list[Any]:
    """Every record of a WARC, read through warcio with digest checking on."""
    found = []
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle, check_digests=True):
            record.content_stream().read()
            assert not record.digest_checker.problems, (path, record.digest_checker.problems)
            found.append(record)
    return found


def _archive_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.warc.gz"))


@pytest.fixture
def first_check(tmp_path: Path) -> tuple[Settings, Database, RunResult]:
    settings = _settings(tmp_path)
    db = open_db(tmp_path / "c.db")
    return settings, db, _check(settings, db, EvalSetTransport(EXAMPLE / "site"), "evalset")


def test_pipeline_warcs_pass_warcio_check_and_second_check_adds_only_revisits(
    first_check: tuple[Settings, Database, RunResult],
) -> None:
    settings, db, _run = first_check
    archive = Path(settings.archive_dir)
    [first_file] = archive.glob("*.warc.gz")
    first_bytes = _archive_bytes(archive)
    _check(settings, db, EvalSetTransport(EXAMPLE / "site"), "evalset")
    files = sorted(archive.glob("*.warc.gz"))
    assert len(files) == 2
    for path in files:
        checked = run_warcio("check", "-v", str(path))
        assert checked.returncode == 0 and "digest pass" in checked.stdout, checked.stdout + checked.stderr
    second = [r for r in _records(files[1]) if r.rec_type in ("response", "revisit")]
    pages = [r for r in second if r.http_headers and r.http_headers.get_statuscode() == "200"]
    assert pages and all(r.rec_type == "revisit" for r in pages)
    profile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
    assert all(r.rec_headers.get_header("WARC-Profile") == profile for r in pages)
    assert all(int(r.rec_headers.get_header("Content-Length")) < 400 for r in pages)  # headers, no body
    assert _archive_bytes(archive) - first_bytes < first_file.stat().st_size


def test_replaying_the_run_gives_the_same_verdicts(
    first_check: tuple[Settings, Database, RunResult], tmp_path: Path
) -> None:
    settings, _db, run = first_check
    replay_db = open_db(tmp_path / "replay.db")
    replayed = _check(
        settings.replace(archive_dir=str(tmp_path / "replay-archive")),
        replay_db,
        WarcReplayTransport([settings.archive_dir]),
        "replay",
    )
    assert _verdicts(replayed) == _verdicts(run) and len(_verdicts(run)) == 5


def test_bundled_warc_is_valid_current_and_replays(
    first_check: tuple[Settings, Database, RunResult], tmp_path: Path
) -> None:
    run = first_check[2]
    records = _records(SOURCES)
    assert records[0].rec_type == "warcinfo"
    # Replay tools index records by URI: only HTTP records may carry a cited page's URL.
    metadata = [r.rec_headers.get_header("WARC-Target-URI") for r in records if r.rec_type == "metadata"]
    assert len(metadata) == 4 and all(uri.startswith("metadata://") for uri in metadata)
    assert run_warcio("check", str(SOURCES)).returncode == 0
    build = _load_build_script()
    rebuilt = build.build(tmp_path / "sources.warc.gz")

    def payloads(recs: list[Any]) -> list[tuple[str, str | None, str | None]]:
        return [
            (
                r.rec_type,
                r.rec_headers.get_header("WARC-Target-URI"),
                r.rec_headers.get_header("WARC-Payload-Digest"),
            )
            for r in recs
            if r.rec_type in ("response", "revisit", "request")
        ]

    assert payloads(records) == payloads(_records(rebuilt)), "rerun examples/istanbul/build_warc.py"
    replayed = _check(
        _settings(tmp_path / "r"), open_db(tmp_path / "r.db"), WarcReplayTransport([SOURCES]), "replay"
    )
    assert _verdicts(replayed) == _verdicts(run)


def _load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_warc", EXAMPLE / "build_warc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dead_link_is_verified_from_its_local_archive_copy(
    first_check: tuple[Settings, Database, RunResult],
) -> None:
    settings, db, run = first_check
    tass = next(r for a in run.articles for r in a.citations if "tass.ru" in (r.citation.url or ""))
    assert tass.verdict.basis is Basis.LIVE
    result = asyncio.run(
        recheck_async(
            settings, db=db, transport=EvalSetTransport(EXAMPLE / "later"), mode="evalset", due_only=False
        )
    )
    [item] = [i for i in result.items if i.result and "tass.ru" in (i.result.citation.url or "")]
    assert item.result is not None
    assert str(item.result.fetch.outcome if item.result.fetch else "") == "dead"
    assert item.result.verdict.basis is Basis.LOCAL_ARCHIVE
    assert item.result.verdict.label is tass.verdict.label and item.result.verdict.label is not Label.DEAD
    assert item.result.snapshot is not None and item.result.snapshot.warc_path
    row = db.execute(
        "SELECT v.basis, s.source FROM verdicts v JOIN snapshots s ON s.id = v.snapshot_id "
        "WHERE v.citation_id = ? ORDER BY v.id DESC LIMIT 1",
        [item.citation_id],
    ).fetchone()
    assert row == ("local-archive", "local")


def test_export_warc_command(first_check: tuple[Settings, Database, RunResult], tmp_path: Path) -> None:
    settings, _db, run = first_check
    runner = CliRunner()
    db_path = str(tmp_path / "c.db")
    unknown = runner.invoke(main, ["export-warc", "--article", "99", "--db", db_path], catch_exceptions=False)
    assert unknown.exit_code == 2
    assert "no article matches '99'" in unknown.output
    out = tmp_path / "evidence.warc.gz"
    args = [
        "export-warc",
        "--article",
        "1",
        "--db",
        db_path,
        "--archive",
        settings.archive_dir,
        "-o",
        str(out),
    ]
    done = runner.invoke(main, args, catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert done.output == f"{out}: 4 snapshot(s) of article 1\n"
    uris = {r.rec_headers.get_header("WARC-Target-URI") for r in _records(out)}
    assert {c.citation.url for a in run.articles for c in a.citations} <= uris


def test_the_examples_verdicts_are_the_ones_the_readme_shows(
    first_check: tuple[Settings, Database, RunResult],
) -> None:
    labels = {marker: label for marker, label, _ in _verdicts(first_check[2])}
    assert labels == {
        "i": "supported",
        "ii": "supported",
        "iii": "supported",
        "iv": "supported",
        "v": "partial",
    }
