"""Helpers for fetch tests: settings for loopback servers and a fake clock."""

from __future__ import annotations

from typing import Any

import pytest

from citecheck.config import Settings, load
from tests.fetch.servers import FakeTime


def make_settings(**overrides: Any) -> Settings:
    """Settings for tests on 127.0.0.1: private networks allowed, no polite spacing, fast retries."""
    base: dict[str, Any] = {
        "allow_private_networks": True,
        "per_host_interval": 0.0,
        "backoff_base": 0.5,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "total_timeout": 5.0,
        "mirrors": [],
    }
    base.update(overrides)
    return load(read_file=False, read_env=False, overrides=base)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()
