"""citecheck: check that cited pages say what an article claims, and keep a copy of each."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
