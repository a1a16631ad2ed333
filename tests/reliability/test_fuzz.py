"""Hypothesis fuzzing of the extraction wrapper, the WARC reader and replay, and the config loader.

(The article parser's properties live in tests/articles/test_properties.py.)
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import os
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.archive.records import iter_records, read_record_at
from citecheck.archive.warc import WarcWriter
from citecheck.config import Settings, load
from citecheck.errors import ConfigError, ReplayError
from citecheck.extract import extract_bytes
from citecheck.models import Extraction
from citecheck.net.replay import WarcReplayTransport
from tests.archive.builders import FixedClock, counting_ids, exchange, fetch, redirect

# Modest example counts: the suite must stay fast on two cores.
FEW = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

_HTML_PIECES = st.sampled_from(
    [
        b"<html>",
        b"<body>",
        b"<p>",
        b"</p>",
        b"<script>",
        b"</script>",
        b"<meta charset=koi8-r>",
        b'<meta http-equiv="content-type" content="text/html; charset=x-unknown">',
        b"\x00",
        b"\xff\xfe",
        b"\xef\xbb\xbf",
        "Переговоры в Женеве продолжатся. ".encode("cp1251"),
        "Київ".encode(),
        b"&#0;",
        b"&#xD800;",
        b"<![CDATA[",
        b"<!--",
        b'<script type="application/ld+json">{"@type":"NewsArticle",',
        b'"articleBody": "',
        b"<article>",
        b"</article>",
        b"<div",
        b">",
        b"\r\n",
    ]
)
_BODIES = st.one_of(
    st.binary(max_size=4000),
    st.lists(st.one_of(_HTML_PIECES, st.binary(max_size=40)), max_size=60).map(b"".join),
)
_CONTENT_TYPES = st.one_of(
    st.none(),
    st.sampled_from(["text/html", "text/html; charset=utf-8", "text/html; charset=bogus", "application/pdf"]),
    st.text(max_size=40),
)


@FEW
@given(body=_BODIES, content_type=_CONTENT_TYPES)
def test_extract_bytes_never_raises(body: bytes, content_type: str | None) -> None:
    result = extract_bytes(body, "https://example.org/a", content_type)
    assert isinstance(result, Extraction)
    assert isinstance(result.text, str)
    assert "\x00" not in result.text


def _good_warc(folder: Path) -> bytes:
    """A citecheck WARC with a redirect, two pages and a revisit."""
    writer = WarcWriter(folder, clock=FixedClock(), id_factory=counting_ids())
    first = writer.write_fetch(
        fetch(redirect("http://a.test/x", "https://a.test/x"), exchange("https://a.test/x")), metadata={}
    )
    writer.write_fetch(fetch(exchange("https://b.test/y", b"<p>other page</p>")), metadata={})
    writer.write_fetch(fetch(exchange("https://a.test/x")), metadata={}, previous=first)
    writer.close()
    (path,) = sorted(folder.glob("*.warc.gz"))
    return path.read_bytes()


@pytest.fixture(scope="module")
def good_warc(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _good_warc(tmp_path_factory.mktemp("warc"))


_EDITS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "cut", "insert", "zero"]),
        st.floats(0, 1),
        st.binary(min_size=1, max_size=16),
    ),
    min_size=1,
    max_size=4,
)


def _corrupt(data: bytes, edits: list[tuple[str, float, bytes]]) -> bytes:
    buf = bytearray(data)
    for kind, where, junk in edits:
        at = int(where * max(len(buf) - 1, 0))
        if kind == "flip" and buf:
            buf[at] ^= junk[0] or 1
        elif kind == "cut":
            del buf[at:]
        elif kind == "insert":
            buf[at:at] = junk
        elif kind == "zero":
            buf[at : at + len(junk)] = bytes(len(buf[at : at + len(junk)]))
    return bytes(buf)


@settings(FEW, report_multiple_bugs=False)
@given(edits=_EDITS, gz=st.booleans())
def test_corrupt_warc_gives_replay_error_only(
    edits: list[tuple[str, float, bytes]], gz: bool, good_warc: bytes, tmp_path: Path
) -> None:
    data = good_warc if gz else gzip.decompress(good_warc)
    path = tmp_path / ("fuzz.warc.gz" if gz else "fuzz.warc")
    path.write_bytes(_corrupt(data, edits))
    offsets: list[int] = []
    with contextlib.suppress(ReplayError):
        offsets = [r.offset for r in iter_records(path, with_payload=True)]
    for offset in offsets:
        with contextlib.suppress(ReplayError):
            read_record_at(path, offset)
    try:
        transport = WarcReplayTransport([path])
    except ReplayError as exc:
        assert str(path) in str(exc)
        return
    for url in transport.urls[:5]:
        asyncio.run(_replay_one(transport, url))


def _check_reader(path: Path) -> None:
    with contextlib.suppress(ReplayError):
        WarcReplayTransport([path])


def test_damaged_warc_date_is_replay_error(good_warc: bytes, tmp_path: Path) -> None:
    data = gzip.decompress(good_warc)
    record = data.rindex(b"WARC/1.1\r\n", 0, data.index(b"WARC-Type: response"))
    start = data.index(b"WARC-Date: ", record) + len(b"WARC-Date: ")
    end = data.index(b"\r\n", start)
    path = tmp_path / "date.warc"
    path.write_bytes(data[:start] + b"2026-" + data[end:])  # a date cut short
    _check_reader(path)


def test_damaged_header_block_is_replay_error(good_warc: bytes, tmp_path: Path) -> None:
    path = tmp_path / "head.warc"
    path.write_bytes(_corrupt(gzip.decompress(good_warc), [("flip", 0.193359375, b"\x00")]))
    _check_reader(path)


async def _replay_one(transport: WarcReplayTransport, url: str) -> None:
    try:
        async with httpx.AsyncClient(transport=transport) as client:
            response = await client.get(url)
            await response.aread()
    except (httpx.HTTPError, httpx.InvalidURL):  # httpx's own: not reachable, undecodable, bad URL
        pass


_SETTING_NAMES = st.sampled_from([f.name for f in fields(Settings)])
_VALUES: st.SearchStrategy[Any] = st.one_of(
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _toml_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(repr(value), repr(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_literal(v) for v in value) + "]"
    return "{" + ", ".join(f'"{k.encode("unicode_escape").decode()}" = {v}' for k, v in value.items()) + "}"


@FEW
@given(name=_SETTING_NAMES, value=_VALUES)
def test_config_bad_types_name_the_key(name: str, value: Any, tmp_path: Path) -> None:
    section = next(f.metadata["section"] for f in fields(Settings) if f.name == name)
    path = tmp_path / "fuzz.toml"
    text = f"[{section}]\n{name} = {_toml_literal(value)}\n"
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # a literal TOML cannot hold (e.g. integers beyond 64 bits): covered below
    path.write_text(text, encoding="utf-8")
    try:
        loaded = load(path, read_env=False)
    except ConfigError as exc:
        assert name in str(exc)
        return
    assert isinstance(getattr(loaded, name), type(getattr(Settings(), name)))


@FEW
@given(name=_SETTING_NAMES, raw=st.text(max_size=30))
def test_config_env_values_name_the_variable(name: str, raw: str) -> None:
    if "\x00" in raw or any("\ud800" <= c <= "\udfff" for c in raw):
        return  # the environment cannot hold NUL or lone surrogates
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(f"CITECHECK_{name.upper()}", raw)
        try:
            load(read_file=False)
        except ConfigError as exc:
            assert f"CITECHECK_{name.upper()}" in str(exc)


@FEW
@given(text=st.text(max_size=200))
def test_config_garbage_toml_is_config_error(text: str, tmp_path: Path) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load(path, read_env=False)
    except ConfigError as exc:
        assert str(path) in str(exc)


def test_a_status_line_with_a_byte_beyond_ascii_replays() -> None:
    import httpx

    from citecheck.archive.records import RawRecord
    from citecheck.net.replay import _response

    # found by the fuzz test above: a flipped byte inside "HTTP/1.1"
    record = RawRecord("response", (), "HTTP/1.\xe9", "200 OK", (), b"ok", 0, 0)
    response = _response(httpx.Request("GET", "https://example.org/"), record, record)
    assert response.status_code == 200
