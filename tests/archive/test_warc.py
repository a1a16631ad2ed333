"""WarcWriter: records, digests, revisits, index, rotation, crash safety; read_response."""

from __future__ import annotations

import gzip
import json
import os
import re
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from citecheck.archive import cdxj, warc
from citecheck.archive.warc import WarcWriter, payload_digest, read_response
from citecheck.errors import ReplayError
from citecheck.models import FetchResult, Outcome
from tests.archive.builders import PAGE, T0, FixedClock, counting_ids, exchange, fetch, redirect, run_warcio

GOLDEN = Path(__file__).parent / "golden"
REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"


def _records(path: Path) -> list[tuple[str, dict[str, str], bytes]]:
    """(type, WARC headers, raw payload) of every record, read with warcio's own iterator."""
    found = []
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle):
            found.append((record.rec_type, dict(record.rec_headers.headers), record.raw_stream.read()))
    return found


def _scenario(archive_dir: Path, monkeypatch: pytest.MonkeyPatch, *, compress: bool = True) -> list[object]:
    """A redirect then a page, the same page a day later, and a fetch that got no answer."""
    monkeypatch.setattr(warc, "SOFTWARE", "citecheck/test warcio/test")
    with WarcWriter(archive_dir, clock=FixedClock(), id_factory=counting_ids(), compress=compress) as writer:
        first = writer.write_fetch(
            fetch(
                redirect("http://news.example/a", "https://news.example/a"),
                exchange("https://news.example/a", gzipped=False),
            ),
            metadata={"citation": "1", "article": "golden"},
        )
        later = T0 + timedelta(days=1)
        second = writer.write_fetch(
            fetch(exchange("https://news.example/a", at=later, gzipped=False)),
            metadata={"citation": "1"},
            previous=first,
        )
        failed = writer.write_fetch(
            FetchResult(
                url="https://gone.example/x",
                final_url="https://gone.example/x",
                outcome=Outcome.DEAD,
                status=None,
                error="DNS lookup failed",
                reason="no such host",
                fetched_at=later,
            ),
            metadata={},
        )
    return [first, second, failed]


def test_golden_warc_and_index(archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _scenario(archive_dir, monkeypatch, compress=False)
    files = sorted(archive_dir.glob("*.warc*"))
    assert [f.name for f in files] == ["citecheck-20261125T091500Z-00000.warc"]
    text = files[0].read_bytes()
    index = (archive_dir / "index.cdxj").read_text(encoding="utf-8")
    if os.environ.get("REGEN_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        (GOLDEN / "basic.warc").write_bytes(text)
        (GOLDEN / "basic.cdxj").write_text(index, encoding="utf-8")
    assert text == (GOLDEN / "basic.warc").read_bytes()
    assert index == (GOLDEN / "basic.cdxj").read_text(encoding="utf-8")


@pytest.mark.parametrize("deflate", ["installed", "zlib"])
def test_gzip_file_holds_the_golden_records_one_member_each(
    archive_dir: Path, monkeypatch: pytest.MonkeyPatch, deflate: str
) -> None:
    if deflate == "zlib":  # the fallback when ISA-L (the isal package) is not installed
        monkeypatch.setattr(warc, "_DEFLATE", zlib)
    _scenario(archive_dir, monkeypatch)
    path = next(archive_dir.glob("*.warc.gz"))
    data = path.read_bytes()
    offsets = [0] + [e.offset for _, e in cdxj.read_index(archive_dir / "index.cdxj")]
    assert all(data[o : o + 2] == b"\x1f\x8b" for o in offsets)  # every record starts a gzip member
    golden = (GOLDEN / "basic.warc").read_bytes()
    # the same records as the plain golden file, apart from file name and offsets in metadata
    plain = gzip.decompress(data)
    assert plain.count(b"WARC/1.1\r\n") == golden.count(b"WARC/1.1\r\n") == 10
    strip = re.compile(
        rb"(WARC-Filename|filename|WARC-Block-Digest|WARC-Payload-Digest|Content-Length)[^\n]*|"
        rb'"offset": \d+, "length": \d+|\.warc(\.gz)?'
    )
    assert strip.sub(b"", plain) == strip.sub(b"", golden)


def test_record_structure_and_links(archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, _, failed = _scenario(archive_dir, monkeypatch)
    records = _records(next(archive_dir.glob("*.warc.gz")))
    types = [r[0] for r in records]
    assert types == [
        "warcinfo",
        "response",
        "request",
        "response",
        "request",
        "metadata",
        "revisit",
        "request",
        "metadata",
        "metadata",
    ]
    by_id = {r[1]["WARC-Record-ID"]: r for r in records}
    for kind, headers, _ in records:
        assert headers["WARC-Record-ID"].startswith("<urn:uuid:")
        if kind == "request":
            assert by_id[headers["WARC-Concurrent-To"]][0] in ("response", "revisit")
        if kind in ("response", "revisit"):
            assert headers["WARC-IP-Address"] == "203.0.113.7"
            assert headers["WARC-Payload-Digest"].startswith("sha1:")
            assert headers["WARC-Block-Digest"].startswith("sha1:")
    final = records[3]
    assert final[2] == PAGE
    assert final[1]["WARC-Payload-Digest"] == payload_digest(final[2])
    meta = json.loads(records[5][2])
    assert meta["outcome"] == "ok" and meta["final_url"] == "https://news.example/a"
    assert meta["context"] == {"citation": "1", "article": "golden"}
    assert [r["type"] for r in meta["records"]] == ["response", "request", "response", "request"]
    assert records[5][1]["WARC-Refers-To"] == final[1]["WARC-Record-ID"]
    revisit = records[6][1]
    assert revisit["WARC-Profile"] == REVISIT_PROFILE
    assert revisit["WARC-Refers-To"] == final[1]["WARC-Record-ID"]
    assert revisit["WARC-Refers-To-Target-URI"] == "https://news.example/a"
    assert revisit["WARC-Refers-To-Date"] == final[1]["WARC-Date"]
    assert records[6][2] == b""  # headers only
    dead = json.loads(records[9][2])
    assert dead["outcome"] == "dead" and dead["error"] == "DNS lookup failed"
    assert failed is None


def test_snapshots_point_at_their_records(archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second, _ = _scenario(archive_dir, monkeypatch)
    assert not first.revisit and second.revisit
    assert first.payload_digest == second.payload_digest
    assert Path(first.warc_path).is_absolute() and Path(first.warc_path).parent == archive_dir.resolve()
    for snap in (first, second):
        response = read_response(snap.warc_path, snap.offset)
        assert response.body == PAGE
        assert response.status == 200 and response.reason == "OK"
        assert response.record_id == snap.record_id and response.revisit == snap.revisit
        assert response.date == snap.captured_at
        assert response.content_type == "text/html; charset=utf-8"


def test_warcio_validates_and_indexes_our_files(archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _scenario(archive_dir, monkeypatch)
    path = next(archive_dir.glob("*.warc.gz"))
    checked = run_warcio("check", "-v", str(path))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("digest pass") == 9  # all but the revisit, which warcio skips
    assert "revisit" in checked.stdout
    indexed = run_warcio(
        "index", "-f", "warc-type,warc-target-uri,warc-payload-digest,offset,length", str(path)
    )
    assert indexed.returncode == 0, indexed.stderr
    theirs = [json.loads(line) for line in indexed.stdout.splitlines()]
    served = [t for t in theirs if t["warc-type"] in ("response", "revisit")]
    ours = [entry for _, entry in cdxj.read_index(archive_dir / "index.cdxj")]
    assert [(e.url, e.digest, e.offset, e.length) for e in ours] == [
        (t["warc-target-uri"], t["warc-payload-digest"], int(t["offset"]), int(t["length"])) for t in served
    ]


def test_revisit_costs_little_and_changed_page_is_stored(archive_dir: Path) -> None:
    writer = WarcWriter(archive_dir)
    first = writer.write_fetch(fetch(exchange("https://a.example/p")), metadata={})
    size_after_first = writer.current_path.stat().st_size
    second = writer.write_fetch(fetch(exchange("https://a.example/p")), metadata={})
    size_after_second = writer.current_path.stat().st_size
    changed = writer.write_fetch(fetch(exchange("https://a.example/p", PAGE + b"<p>update</p>")), metadata={})
    writer.close()
    assert second.revisit and not changed.revisit and not first.revisit
    assert size_after_second - size_after_first < 2000  # revisit + request + metadata
    assert changed.payload_digest != first.payload_digest


def test_previous_snapshot_dedupes_without_index(archive_dir: Path) -> None:
    with WarcWriter(archive_dir) as writer:
        first = writer.write_fetch(fetch(exchange("https://a.example/old")), metadata={})
    (archive_dir / "index.cdxj").unlink()
    with WarcWriter(archive_dir) as writer:
        # same payload, new URL: only `previous` knows of it
        second = writer.write_fetch(fetch(exchange("https://a.example/new")), metadata={}, previous=first)
        third = writer.write_fetch(fetch(exchange("https://a.example/other")), metadata={})
    assert second.revisit and not third.revisit
    assert second.warc_path != first.warc_path  # a new run starts a new file
    # the original is not in the (rebuilt) index: read_response falls back to a scan
    assert read_response(second.warc_path, second.offset).body == PAGE


def test_revisit_of_a_revisit_names_the_original(archive_dir: Path) -> None:
    with WarcWriter(archive_dir) as writer:
        first = writer.write_fetch(fetch(exchange("https://a.example/p")), metadata={})
        second = writer.write_fetch(fetch(exchange("https://a.example/p")), metadata={})
    with WarcWriter(archive_dir) as writer:
        third = writer.write_fetch(fetch(exchange("https://a.example/p")), metadata={}, previous=second)
    records = {r[1]["WARC-Record-ID"]: r for p in archive_dir.glob("*.warc.gz") for r in _records(p)}
    assert records[third.record_id][1]["WARC-Refers-To"] == first.record_id
    assert read_response(third.warc_path, third.offset).body == PAGE


def test_transfer_encoding_removed_and_content_length_fixed(archive_dir: Path) -> None:
    chunked = exchange(
        "https://a.example/chunked",
        headers=(("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")),
        gzipped=False,
        version="HTTP/2",
    )
    cut = exchange(
        "https://a.example/cut",
        headers=(("Content-Type", "text/html"), ("Content-Length", "999999")),
        gzipped=False,
    )
    with WarcWriter(archive_dir) as writer:
        snap = writer.write_fetch(fetch(chunked), metadata={})
        cut_snap = writer.write_fetch(fetch(cut), metadata={})
    response = read_response(snap.warc_path, snap.offset)
    assert [k.lower() for k, _ in response.headers] == ["content-type", "content-length"]
    assert dict(response.headers)["Content-Length"] == str(len(PAGE))
    records = {r[1]["WARC-Record-ID"]: r for r in _records(Path(snap.warc_path))}
    assert records[cut_snap.record_id][1]["WARC-Truncated"] == "length"
    assert "WARC-Truncated" not in records[snap.record_id][1]
    assert dict(read_response(cut_snap.warc_path, cut_snap.offset).headers)["Content-Length"] == str(
        len(PAGE)
    )
    with open(snap.warc_path, "rb") as handle:
        heads = [r.http_headers.protocol for r in ArchiveIterator(handle) if r.rec_type == "response"]
    assert heads == ["HTTP/1.1", "HTTP/1.1"]  # HTTP/2 written in the form WARC readers parse


def test_rotation_and_time_sorted_names(archive_dir: Path) -> None:
    clock = FixedClock()
    with WarcWriter(archive_dir, max_bytes=500, clock=clock) as writer:
        snaps = [
            writer.write_fetch(fetch(exchange(f"https://a.example/{i}", PAGE + bytes([i]))), metadata={})
            for i in range(4)
        ]
    names = [p.name for p in archive_dir.glob("*.warc.gz")]
    assert len(names) == 4 and len({Path(s.warc_path).name for s in snaps}) == 4
    assert [Path(s.warc_path).name for s in snaps] == sorted(names)
    for name in names:
        assert _records(archive_dir / name)[0][0] == "warcinfo"
    for snap in snaps:
        assert read_response(snap.warc_path, snap.offset).status == 200


def test_same_second_writers_never_share_a_file(archive_dir: Path) -> None:
    one = WarcWriter(archive_dir, clock=lambda: T0)
    two = WarcWriter(archive_dir, clock=lambda: T0)
    a = one.write_fetch(fetch(exchange("https://a.example/1")), metadata={})
    b = two.write_fetch(fetch(exchange("https://a.example/2", PAGE + b"2")), metadata={})
    one.close()
    two.close()
    assert a.warc_path != b.warc_path
    assert read_response(b.warc_path, b.offset).url == "https://a.example/2"


def test_crash_leftovers_are_skipped_and_repaired(archive_dir: Path) -> None:
    with WarcWriter(archive_dir) as writer:
        good = writer.write_fetch(fetch(exchange("https://a.example/p")), metadata={})
    whole = Path(good.warc_path).read_bytes()
    with open(good.warc_path, "ab") as handle:  # a record cut off mid-write
        handle.write(whole[good.offset : good.offset + good.length // 2])
    with open(archive_dir / "index.cdxj", "a", encoding="utf-8") as handle:
        handle.write('com,example)/half 2026 {"url": "https://a.exa')
    with WarcWriter(archive_dir) as writer:
        again = writer.write_fetch(fetch(exchange("https://a.example/p")), metadata={})
    assert again.revisit and again.warc_path != good.warc_path
    lines = (archive_dir / "index.cdxj").read_text().splitlines()
    assert all(cdxj.parse_line(line + "\n") for line in lines) and len(lines) == 2
    assert read_response(again.warc_path, again.offset).body == PAGE


def test_read_response_errors(archive_dir: Path) -> None:
    with WarcWriter(archive_dir) as writer:
        snap = writer.write_fetch(fetch(exchange("https://a.example/p")), metadata={})
    with pytest.raises(ReplayError, match="is a warcinfo, not a response"):
        read_response(snap.warc_path, 0)
    with pytest.raises(ReplayError, match="offset 5"):
        read_response(snap.warc_path, 5)
    with pytest.raises(ReplayError):
        read_response(archive_dir / "missing.warc.gz", 0)


def test_missing_original_is_a_replay_error(archive_dir: Path) -> None:
    with WarcWriter(archive_dir) as writer:
        first = writer.write_fetch(fetch(exchange("https://a.example/p")), metadata={})
    with WarcWriter(archive_dir) as writer:
        second = writer.write_fetch(fetch(exchange("https://a.example/p")), metadata={})
    Path(first.warc_path).unlink()
    with pytest.raises(ReplayError, match="original record"):
        read_response(second.warc_path, second.offset)
