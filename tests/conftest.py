"""Fixtures for every test: no live internet, no stray CITECHECK_* settings."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEV_SET = SHARED / "eval" / "dev"

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _check_address(address: Any) -> None:
    if isinstance(address, tuple) and address:
        host = address[0]
        try:
            ip = ipaddress.ip_address(host.split("%")[0])
        except ValueError:
            raise RuntimeError(f"test tried to connect to a host name {host!r}") from None
        if not ip.is_loopback:
            raise RuntimeError(f"test tried to reach a non-loopback address {host}")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    _check_address(address)
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    _check_address(address)
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Refuse any socket connection that is not to a loopback address."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    yield


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Strip CITECHECK_* variables and run each test in its own folder."""
    for name in list(os.environ):
        if name.startswith("CITECHECK_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def dev_set() -> Path:
    """The shared development evaluation set (skips when ../shared is absent)."""
    if not DEV_SET.is_dir():
        pytest.skip("../shared/eval/dev is not present")
    return DEV_SET
