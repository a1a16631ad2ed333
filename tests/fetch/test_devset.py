"""The development evaluation set through the Fetcher: a case is labelled dead exactly when
its page is unusable (error status, soft-404, redirect to home, paywall or block)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from citecheck.config import load
from citecheck.fetch import Fetcher
from citecheck.net.client import make_client
from citecheck.net.evalset import EvalSetTransport


@pytest.mark.asyncio
async def test_dev_set_outcomes_match_dead_labels(dev_set: Path) -> None:
    cases = [json.loads(line) for line in (dev_set / "cases.jsonl").read_text().splitlines() if line.strip()]
    expected = {case["url"]: case["label"] == "dead" for case in cases}
    settings = load(read_file=False, read_env=False, overrides={"per_host_interval": 0.0})
    async with make_client(settings, transport=EvalSetTransport(dev_set)) as client:
        fetcher = Fetcher(client, settings)
        results = await asyncio.gather(*(fetcher.fetch(url) for url in expected))
    wrong = [(r.url, r.outcome, r.reason) for r in results if (not r.outcome.usable) != expected[r.url]]
    assert wrong == []
    assert all(r.text for r in results if r.outcome.usable)


@pytest.mark.asyncio
async def test_dev_set_pages_decode_to_their_source_text(dev_set: Path) -> None:
    """Every page, whatever its wire encoding and declared charset, decodes to the set's text."""
    pages = [json.loads(line) for line in (dev_set / "pages.jsonl").read_text().splitlines() if line.strip()]
    with_files = [p for p in pages if p.get("file")]
    assert {p["encoding"] for p in with_files} - {"utf-8"}  # the set holds non-UTF-8 pages
    settings = load(read_file=False, read_env=False, overrides={"per_host_interval": 0.0})
    async with make_client(settings, transport=EvalSetTransport(dev_set)) as client:
        fetcher = Fetcher(client, settings)
        results = await asyncio.gather(*(fetcher.fetch(p["url"]) for p in with_files))
    wrong = [
        (p["url"], p["encoding"], r.encoding)
        for p, r in zip(with_files, results, strict=True)
        if r.text != (dev_set / p["file"]).read_text(encoding="utf-8")
    ]
    assert wrong == []
