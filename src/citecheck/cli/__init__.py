"""The ``citecheck`` command line: a thin click layer over the Python API.

Each command lives in its own module and registers itself on :data:`main`.
"""

from __future__ import annotations

from citecheck.cli import commands as _commands  # noqa: F401  (registers the commands)
from citecheck.cli._base import main

__all__ = ["main"]
