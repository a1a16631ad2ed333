"""export_warc: one self-contained WARC per article, and the CDXJ helpers it relies on."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from citecheck.archive import cdxj
from citecheck.archive.export import export_warc
from citecheck.archive.warc import WarcWriter
from citecheck.config import Settings
from citecheck.net.client import make_client
from citecheck.net.replay import WarcReplayTransport
from tests.archive.builders import PAGE, T0, FixedClock, exchange, fetch, redirect, run_warcio


def _types(path: Path) -> list[tuple[str, str]]:
    with open(path, "rb") as handle:
        return [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI") or "") for r in ArchiveIterator(handle)
        ]


@pytest.fixture
def snapshots(archive_dir: Path) -> dict[str, object]:
    """Two runs: a redirected page and another page, then both again (revisits, new file)."""
    with WarcWriter(archive_dir) as writer:
        cited = writer.write_fetch(
            fetch(redirect("http://a.example/x", "https://a.example/x"), exchange("https://a.example/x")),
            metadata={},
        )
        other = writer.write_fetch(fetch(exchange("https://b.example/y", PAGE + b"b")), metadata={})
        unrelated = writer.write_fetch(fetch(exchange("https://c.example/z", PAGE + b"c")), metadata={})
    later = T0 + timedelta(days=1)
    with WarcWriter(archive_dir) as writer:
        cited_again = writer.write_fetch(
            fetch(
                redirect("http://a.example/x", "https://a.example/x", at=later),
                exchange("https://a.example/x", at=later),
            ),
            metadata={},
            previous=cited,
        )
    return {"cited": cited, "other": other, "unrelated": unrelated, "cited_again": cited_again}


def test_export_is_self_contained_and_valid(snapshots: dict[str, object], tmp_path: Path) -> None:
    chosen = [snapshots["cited_again"], snapshots["other"], snapshots["cited_again"]]
    path = export_warc(chosen, tmp_path / "out" / "article-1.warc.gz")
    assert path == tmp_path / "out" / "article-1.warc.gz" and not list(path.parent.glob("*.part"))
    kinds = _types(path)
    assert kinds[0][0] == "warcinfo"
    assert ("revisit", "https://a.example/x") in kinds
    assert ("response", "https://a.example/x") in kinds  # the revisit's original, from the other file
    assert ("response", "http://a.example/x") in kinds  # the redirect hop, listed in the metadata record
    assert ("response", "https://b.example/y") in kinds
    assert all("c.example" not in uri for _, uri in kinds)
    with open(path, "rb") as handle:
        ids = [r.rec_headers.get_header("WARC-Record-ID") for r in ArchiveIterator(handle)]
    assert len(ids) == len(set(ids))  # a snapshot named twice is copied once
    checked = run_warcio("check", str(path))
    assert checked.returncode == 0, checked.stdout + checked.stderr


async def test_export_replays_on_its_own(snapshots: dict[str, object], tmp_path: Path) -> None:
    path = export_warc([snapshots["cited_again"]], tmp_path)
    assert path.parent == tmp_path and path.name.startswith("citecheck-export-")
    async with make_client(Settings(), transport=WarcReplayTransport([path])) as client:
        hop = await client.get("http://a.example/x")
        page = await client.get(hop.headers["location"])
    assert hop.status_code == 301 and page.content == PAGE


def test_export_skips_snapshots_without_a_file(tmp_path: Path) -> None:
    from citecheck.models import Snapshot

    empty = Snapshot(url="https://x.example/", warc_path=None, offset=None, length=None, payload_digest=None)
    path = export_warc([empty], tmp_path / "e.warc.gz", clock=FixedClock())
    assert [k for k, _ in _types(path)] == ["warcinfo"]


def test_sorted_index_and_line_parsing(snapshots: dict[str, object], archive_dir: Path) -> None:
    sorted_path = cdxj.sort_index(archive_dir / cdxj.INDEX_NAME, archive_dir / "sorted.cdxj")
    lines = sorted_path.read_text().splitlines()
    assert lines == sorted(lines) and len(lines) == 6
    entries = [cdxj.parse_line(line + "\n") for line in lines]
    assert all(e is not None for e in entries)
    assert entries[0].urlkey == "example,a)/x"
    assert cdxj.parse_line("garbage\n") is None
    assert cdxj.parse_line(lines[0]) is None  # no newline: a partial line
    assert cdxj.surt_key("https://www.Example.com:443/A?b=2&a=1") == "com,example)/a?a=1&b=2"
