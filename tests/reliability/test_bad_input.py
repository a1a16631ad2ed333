"""Bad input through the real CLI: one clear message, the right exit code, nothing stored lost."""

from __future__ import annotations

import gzip
import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from citecheck.cli import main
from tests.reliability.web import fixture_web, write_article, write_config

TABLES = ("articles", "citations", "fetches", "snapshots", "extractions", "verdicts")


def _invoke(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _warc_digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*.warc*"))}


@pytest.fixture
def stored(tmp_path: Path) -> tuple[dict[str, int], dict[str, str]]:
    """A store holding one good run (two citations), and what it held."""
    write_config(tmp_path)
    with fixture_web() as web:
        article = write_article(tmp_path / "good.txt", [web.url("/p1"), web.url("/p2")])
        result = _invoke("check", str(article))
    assert result.exit_code in (0, 1), result.output
    counts = _counts(tmp_path / "c.db")
    assert counts["verdicts"] == 2
    return counts, _warc_digests(tmp_path / "arch")


def _assert_one_error(result: Result, expected: str, code: int = 2) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.lower().startswith(("error", "warning"))]
    assert len(errors) == 1, result.output
    assert expected in errors[0]


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


BAD_FILES: dict[str, tuple[bytes | None, str]] = {
    "missing": (None, "article not found"),
    "empty": (b"", "is empty"),
    "whitespace": (b"  \n\t\n", "is empty"),
    "binary": (bytes(range(256)) * 40, "binary"),
    "png": (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x01" * 400, "binary"),
    "gzip": (gzip.compress(b"[1] http://127.0.0.1/x\n" * 50), "binary"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_article_file(case: str, tmp_path: Path, stored: tuple[dict[str, int], dict[str, str]]) -> None:
    data, expected = BAD_FILES[case]
    target = tmp_path / f"bad-{case}.txt"
    name = str(target) if data is None else _write(target, data)
    result = _invoke("check", name)
    _assert_one_error(result, expected)
    assert _counts(tmp_path / "c.db") == stored[0]
    assert _warc_digests(tmp_path / "arch") == stored[1]


def test_folder_as_article(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    _assert_one_error(_invoke("check", str(tmp_path / "folder"), "--db", "x.db"), "folder")


def test_empty_stdin(tmp_path: Path) -> None:
    _assert_one_error(_invoke("check", "-", "--db", "x.db", stdin=b""), "is empty")


def test_no_footnotes_needs_a_look(tmp_path: Path, stored: tuple[dict[str, int], dict[str, str]]) -> None:
    article = tmp_path / "plain.txt"
    article.write_text("An article that cites nothing at all.\n\nIt has two paragraphs.\n")
    result = _invoke("check", str(article))
    assert result.exit_code == 1, result.output
    assert "no citations found" in result.output
    assert "Traceback" not in result.output
    after = _counts(tmp_path / "c.db")
    assert after["articles"] == stored[0]["articles"] + 1
    assert {k: v for k, v in after.items() if k != "articles"} == {
        k: v for k, v in stored[0].items() if k != "articles"
    }


def test_unresolvable_article_url(tmp_path: Path, stored: tuple[dict[str, int], dict[str, str]]) -> None:
    result = _invoke("check", "http://no-such-host.invalid/article.html")
    _assert_one_error(result, "cannot fetch article")
    assert _counts(tmp_path / "c.db")["verdicts"] == stored[0]["verdicts"]


def test_dead_article_url(tmp_path: Path, stored: tuple[dict[str, int], dict[str, str]]) -> None:
    with fixture_web() as web:
        result = _invoke("check", web.url("/missing"))
    _assert_one_error(result, "cannot fetch article")
    assert _counts(tmp_path / "c.db")["verdicts"] == stored[0]["verdicts"]


def test_one_bad_article_among_good(tmp_path: Path, stored: tuple[dict[str, int], dict[str, str]]) -> None:
    with fixture_web() as web:
        good = write_article(tmp_path / "good2.txt", [web.url("/p3")])
        result = _invoke("check", str(tmp_path / "nope.txt"), str(good))
    assert result.exit_code == 2, result.output
    assert "article not found" in result.output
    assert "1 citations in 2 article(s)" in result.output
    assert _counts(tmp_path / "c.db")["verdicts"] == stored[0]["verdicts"] + 1


CORRUPT_WARCS: dict[str, bytes] = {
    "random-gz": gzip.compress(bytes(range(256)) * 8),
    "random": bytes(reversed(range(256))) * 8,
    "truncated-header": b"WARC/1.0\r\nWARC-Type: resp\x00\x01garbage",
    "empty": b"",
    "html": b"<html><body>not a warc</body></html>",
    "bad-gzip": b"\x1f\x8b\x08\x00" + b"\xff" * 300,
}


@pytest.mark.parametrize("case", sorted(CORRUPT_WARCS))
def test_corrupt_replay_warc(
    case: str, tmp_path: Path, stored: tuple[dict[str, int], dict[str, str]]
) -> None:
    suffix = ".warc.gz" if "gz" in case else ".warc"
    warc = _write(tmp_path / f"bad{suffix}", CORRUPT_WARCS[case])
    article = write_article(tmp_path / "a.txt", ["https://example.org/a"])
    result = _invoke("check", str(article), "--replay", warc)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: "), result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert "bad" in result.output
    assert all(ch.isprintable() for ch in result.output.strip())
    assert result.output.count("cannot read WARC") <= 1, result.output  # no doubled prefix
    assert _counts(tmp_path / "c.db") == stored[0]
    assert _warc_digests(tmp_path / "arch") == stored[1]


def test_corrupt_database_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(b"this is not sqlite" * 100)
    article = write_article(tmp_path / "a.txt", ["https://example.org/a"])
    result = _invoke("check", str(article), "--db", str(db))
    assert result.exit_code == 2
    assert result.output.startswith("Error: cannot open the database"), result.output
    assert db.read_bytes() == b"this is not sqlite" * 100


def test_bad_config_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("[fetch]\nread_timeout = 'soon'\n")
    article = write_article(tmp_path / "a.txt", ["https://example.org/a"])
    result = _invoke("check", str(article))
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and "read_timeout" in result.output, result.output
