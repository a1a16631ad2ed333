"""The judge registry and the public API."""

from __future__ import annotations

import asyncio

import httpx
import pytest

import citecheck.verify as verify_pkg
from citecheck.config import Settings
from citecheck.errors import ConfigError
from citecheck.models import Extraction, Label
from citecheck.verify import DefaultJudge, Judge, get_judge, verify


def test_public_api_is_sorted() -> None:
    assert verify_pkg.__all__ == sorted(verify_pkg.__all__)


def test_default_judge_is_chosen_by_default() -> None:
    judge = get_judge(Settings())
    assert isinstance(judge, DefaultJudge)
    assert isinstance(judge, Judge)


def test_llm_judge_is_chosen_by_name() -> None:
    client = httpx.AsyncClient()
    judge = get_judge(Settings(judge="llm", llm_endpoint="http://x.test/v1", llm_model="m"), client=client)
    assert judge.name == "llm"
    asyncio.run(client.aclose())


def test_unknown_judge_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown judge"):
        get_judge(Settings(judge="oracle"))


def test_verify_uses_the_given_judge() -> None:
    class Always:
        name = "always"

        async def judge(self, claim: str, context: str, extraction: Extraction) -> object:
            from citecheck.models import Verdict

            return Verdict(Label.PARTIAL, 0.5, judge=self.name)

    verdict = asyncio.run(verify("c", "", Extraction("u", "ok", "text"), judge=Always()))  # type: ignore[arg-type]
    assert verdict.judge == "always"


def test_nli_with_escalate_below_loads_its_model_only_for_doubtful_verdicts(tmp_path: object) -> None:
    page = "Министр иностранных дел Сергей Лавров заявил, что мораторий на удары продлится 30 дней.\n"
    extraction = Extraction("https://example.org/", "ok", page, lang="ru")
    judge = get_judge(Settings(judge="nli", nli_model_path="/nonexistent/model", escalate_below=0.8))
    sure = asyncio.run(judge.judge("Lavrov said the moratorium would last 30 days.", "", extraction))
    assert sure.judge == "default" and sure.label == Label.SUPPORTED
    assert "escalation" in sure.reasons and "fallback" not in sure.reasons
    doubtful = asyncio.run(judge.judge("The moratorium was praised by observers.", "", extraction))
    assert "fallback" in doubtful.reasons  # the model was asked for (and is missing)
