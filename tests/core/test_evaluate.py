"""``citecheck eval`` runs the real pipeline over the dev set; pinned floors gate regressions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from tests.conftest import DEV_SET

# Floors a little under the scores measured when they were pinned (see the README's numbers):
# a change that loses more than a few cases fails here and must say why.
ACCURACY_FLOOR = 0.86
MACRO_F1_FLOOR = 0.86
DEAD_F1_FLOOR = 0.95
ARTICLE_F1_FLOOR = 0.95
CLAIM_TOKEN_F1_FLOOR = 0.90


@pytest.fixture(scope="module")
def dev_eval(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, list[dict]]:
    if not DEV_SET.is_dir():
        pytest.skip("../shared/eval/dev is not present")
    dev_set: Path = DEV_SET
    out = tmp_path_factory.mktemp("eval") / "predictions.jsonl"
    result = CliRunner().invoke(
        main, ["eval", str(dev_set), "--json", "--predictions", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return json.loads(result.output), lines


def test_verdict_scores_hold_their_floors(dev_eval: tuple[dict, list[dict]]) -> None:
    cases = dev_eval[0]["cases"]
    assert cases["cases"] == sum(1 for _ in open_cases())
    assert cases["accuracy"] >= ACCURACY_FLOOR
    assert cases["macro_f1"] >= MACRO_F1_FLOOR
    assert cases["per_label"]["dead"]["f1"] >= DEAD_F1_FLOOR


def test_article_scores_hold_their_floors(dev_eval: tuple[dict, list[dict]]) -> None:
    articles = dev_eval[0]["articles"]
    assert articles["f1"] >= ARTICLE_F1_FLOOR
    assert articles["claim_token_f1"] >= CLAIM_TOKEN_F1_FLOOR


def test_one_prediction_per_case_with_evidence(dev_eval: tuple[dict, list[dict]]) -> None:
    ids = {c["id"] for c in open_cases()}
    predicted = {p["id"]: p for p in dev_eval[1] if "id" in p}
    assert set(predicted) >= ids
    for case_id in ids:
        line = predicted[case_id]
        assert line["verdict"] in {"supported", "partial", "unsupported", "dead"}
        if line["verdict"] == "supported":
            assert line["evidence"], f"{case_id}: a supported verdict must quote its evidence"
    articles = [p for p in dev_eval[1] if p.get("kind") == "article"]
    assert len(articles) == len(DEV_SET.joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines())


def open_cases() -> list[dict]:
    path = DEV_SET / "cases.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
