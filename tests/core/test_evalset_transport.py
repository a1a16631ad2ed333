"""The evaluation-set transport serves statuses, headers, redirects and wire encodings as described."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from citecheck.errors import ReplayError
from citecheck.net.evalset import EvalSetTransport


def _make_set(tmp_path: Path) -> Path:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_text("<p>Привет, мир</p>", encoding="utf-8")
    lines = [
        {
            "url": "https://ex.ru/a",
            "file": "pages/a.html",
            "status": 200,
            "headers": {"Content-Type": "text/html; charset=windows-1251"},
            "encoding": "windows-1251",
        },
        {"url": "https://ex.ru/old", "status": 301, "headers": {"Location": "/a"}},
        {
            "url": "https://ex.ru/gone",
            "file": "pages/a.html",
            "status": 410,
            "headers": {},
            "encoding": "koi8-r",
        },
    ]
    (tmp_path / "pages.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    return tmp_path


async def test_serves_pages_as_described(tmp_path: Path) -> None:
    transport = EvalSetTransport(_make_set(tmp_path))
    async with httpx.AsyncClient(transport=transport) as client:
        page = await client.get("https://ex.ru/a")
        assert page.status_code == 200
        assert page.content == "<p>Привет, мир</p>".encode("windows-1251")
        assert page.text == "<p>Привет, мир</p>"
        moved = await client.get("https://ex.ru/old")
        assert (moved.status_code, moved.headers["location"]) == (301, "/a")
        gone = await client.get("https://EX.ru/gone")
        assert gone.status_code == 410
        assert gone.content == "<p>Привет, мир</p>".encode("koi8-r")
        missing = await client.get("https://ex.ru/other")
        assert missing.status_code == 404
        with pytest.raises(httpx.ConnectError):
            await client.get("https://unknown.example/")


def test_not_a_set(tmp_path: Path) -> None:
    with pytest.raises(ReplayError, match=r"pages\.jsonl"):
        EvalSetTransport(tmp_path)
    (tmp_path / "pages.jsonl").write_text("{not json", encoding="utf-8")
    with pytest.raises(ReplayError, match="bad page line"):
        EvalSetTransport(tmp_path)
