"""The README's command reference is current, and every command documents itself."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from cogapp import Cog

from citecheck.cli import main
from tests.conftest import REPO


def test_readme_command_reference_is_current() -> None:
    cog = Cog()
    status = cog.main(["cog", "--check", str(REPO / "README.md")])
    assert status == 0, "README.md is stale: run `cog -r README.md`"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_with_examples(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert main.commands[name].help, f"{name} has no help text"
    assert "citecheck " + name in result.output, f"{name} --help shows no example"
