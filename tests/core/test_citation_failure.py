"""A citation whose check raises is reported, stores no verdict, and spares the others."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citecheck import pipeline, runner
from citecheck.cli import main
from citecheck.store import db as store
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "istanbul"
TASS = "https://tass.ru/politika/example-24100001"


def _break_tass(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.check_citation

    async def flaky(rt: Any, citation: Any, citation_id: int) -> Any:
        if citation.url == TASS:
            raise RuntimeError("extractor bug")
        return await real(rt, citation, citation_id)

    monkeypatch.setattr(runner, "check_citation", flaky)


def test_one_failing_citation_spares_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_tass(monkeypatch)
    result = CliRunner().invoke(
        main,
        ["check", str(EXAMPLE / "article.txt"), "--evalset", str(EXAMPLE / "site"), "--db", "c.db"],
        catch_exceptions=False,
    )
    assert result.exit_code == 2
    assert "1 citation(s) could not be checked: [iii] https://tass.ru" in result.output
    assert "RuntimeError: extractor bug" in result.output
    assert "Traceback" not in result.output
    assert "5 citations in 1 article(s)" in result.output
    db = store.open_db(Path("c.db"))
    labels = dict(db.execute("SELECT marker, last_label FROM citations").fetchall())
    assert labels["iii"] is None
    assert {labels[m] for m in ("i", "ii", "iv", "v")} <= {"supported", "unsupported", "partial"}
