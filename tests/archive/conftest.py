"""Fixtures for archive tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    """An empty archive folder."""
    return tmp_path / "archive"
