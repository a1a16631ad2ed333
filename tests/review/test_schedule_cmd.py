"""`citecheck schedule` prints working cron and systemd snippets, and the docs show them as printed."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from cogapp import Cog

from citecheck.cli import main
from tests.conftest import REPO

DOCS = sorted((REPO / "docs").glob("*.md"))


def _schedule(*args: str) -> str:
    result = CliRunner().invoke(main, ["schedule", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_cron_line() -> None:
    out = _schedule("--print", "cron", "--executable", "/opt/cc/bin/citecheck", "--workdir", "/srv/my checks")
    line = [x for x in out.splitlines() if not x.startswith("#")]
    assert line == [
        "17 * * * * cd '/srv/my checks' && /opt/cc/bin/citecheck recheck --due --quiet"
        " >> '/srv/my checks/recheck.log' 2>&1"
    ]
    command = line[0].split(" ", 5)[5]
    assert shlex.split(command)[:2] == ["cd", "/srv/my checks"]


def test_systemd_units_pass_the_store_and_settings() -> None:
    out = _schedule(
        "--print", "systemd", "--executable", "/usr/bin/citecheck", "--workdir", "/srv/c",
        "--db", "/srv/c/my store.db", "--config", "/etc/citecheck.toml",
    )  # fmt: skip
    assert (
        'ExecStart=/usr/bin/citecheck recheck --due --quiet --db "/srv/c/my store.db" --config /etc/citecheck.toml'
        in out
    )
    assert "WorkingDirectory=/srv/c" in out and "SuccessExitStatus=1" in out
    assert "[Timer]\nOnCalendar=hourly" in out and "WantedBy=timers.target" in out


def test_schedule_needs_a_kind() -> None:
    result = CliRunner().invoke(main, ["schedule"], catch_exceptions=False)
    assert result.exit_code == 2 and "--print" in result.output


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_docs_are_current(doc: Path) -> None:
    assert Cog().main(["cog", "--check", str(doc)]) == 0, f"{doc.name} is stale: run `cog -r {doc}`"
