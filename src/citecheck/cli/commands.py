"""Imports every command module so each registers itself on the group."""

from __future__ import annotations

from citecheck.cli import (  # noqa: F401
    check_cmd,
    eval_cmd,
    export_cmd,
    extract_cmd,
    recheck_cmd,
    report_cmd,
    review_cmd,
    schedule_cmd,
    serve_cmd,
)
