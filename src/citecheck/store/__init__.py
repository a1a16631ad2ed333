"""The SQLite store: schema migrations and functions that save pipeline records."""

from __future__ import annotations

from citecheck.store.db import open_db
from citecheck.store.migrations import schema_version

__all__ = ["open_db", "schema_version"]
