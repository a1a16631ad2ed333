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
