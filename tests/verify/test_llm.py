"""The llm judge against a mocked OpenAI-compatible endpoint (respx)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from citecheck.config import Settings
from citecheck.errors import ConfigError
from citecheck.models import Extraction, Label
from citecheck.verify import get_judge
from citecheck.verify.llm import LlmError, LlmJudge, parse_answer

ENDPOINT = "http://llm.test/v1"
URL = ENDPOINT + "/chat/completions"
PAGE = "Министр иностранных дел Сергей Лавров заявил, что мораторий на удары продлится 30 дней.\n"
CLAIM = "Lavrov said the moratorium would last 30 days."
EXTRACTION = Extraction("https://example.org/", "ok", PAGE, lang="ru")


def completion(content: str) -> httpx.Response:
    return httpx.Response(200, json={"choices": [{"message": {"role": "assistant", "content": content}}]})


ANSWER = json.dumps(
    {
        "label": "partial",
        "score": 0.7,
        "evidence": "мораторий на удары продлится 30 дней",
        "reasons": {"x": 1},
    },
    ensure_ascii=False,
)


async def _no_sleep(seconds: float) -> None:
    return None


def run_judge(cache_dir: Path | None = None, retries: int = 2) -> tuple[LlmJudge, Any]:
    async def go() -> Any:
        async with httpx.AsyncClient() as client:
            judge = LlmJudge(
                client, ENDPOINT, "m", api_key="k", cache_dir=cache_dir, retries=retries, sleep=_no_sleep
            )
            first = await judge.judge(CLAIM, "context", EXTRACTION)
            second = await judge.judge(CLAIM, "context", EXTRACTION)
            return judge, (first, second)

    return asyncio.run(go())  # type: ignore[no-any-return]


@respx.mock(assert_all_called=True, assert_all_mocked=True)
def test_answer_is_parsed_and_cached(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post(URL).mock(return_value=completion(ANSWER))
    _, (first, second) = run_judge()
    assert route.call_count == 1
    assert first == second
    assert first.label == Label.PARTIAL and first.score == 0.7 and first.judge == "llm"
    assert first.evidence_span is not None
    assert PAGE[first.evidence_span.start : first.evidence_span.end] == first.evidence
    body = json.loads(route.calls[0].request.content)
    assert body["model"] == "m"
    assert CLAIM in body["messages"][1]["content"] and "мораторий" in body["messages"][1]["content"]
    assert route.calls[0].request.headers["Authorization"] == "Bearer k"


@respx.mock(assert_all_called=True, assert_all_mocked=True)
def test_retries_after_server_errors_and_timeouts(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post(URL).mock(
        side_effect=[httpx.Response(503), httpx.ReadTimeout("slow"), completion(ANSWER)]
    )
    _, (first, _) = run_judge()
    assert route.call_count == 3
    assert first.label == Label.PARTIAL


@respx.mock(assert_all_called=True, assert_all_mocked=True)
def test_failure_falls_back_to_the_default_judge(respx_mock: respx.MockRouter) -> None:
    respx_mock.post(URL).mock(return_value=httpx.Response(503))
    _, (first, _) = run_judge(retries=1)
    assert first.judge == "default"
    assert first.reasons["fallback"].startswith("llm:")
    assert first.label == Label.SUPPORTED


@respx.mock(assert_all_called=True, assert_all_mocked=True)
def test_disk_cache_survives_a_new_judge(respx_mock: respx.MockRouter, tmp_path: Path) -> None:
    route = respx_mock.post(URL).mock(return_value=completion(ANSWER))
    run_judge(cache_dir=tmp_path)
    run_judge(cache_dir=tmp_path)
    assert route.call_count == 1
    assert len(list(tmp_path.glob("*.json"))) == 1


@pytest.mark.parametrize(
    "content",
    [
        ANSWER,
        "```json\n" + ANSWER + "\n```",
        "Here is my verdict: " + ANSWER + " Hope this helps.",
        '{"label": "PARTIAL", "score": "0.7", "evidence": "", "reasons": "short"}',
    ],
)
def test_parse_answer_tolerates_wrapping(content: str) -> None:
    parsed = parse_answer(content)
    assert parsed["label"] == Label.PARTIAL
    assert parsed["score"] == 0.7
    assert isinstance(parsed["reasons"], dict)


@pytest.mark.parametrize("content", ["no json here", '{"label": "maybe"}', "{broken"])
def test_parse_answer_rejects_non_verdicts(content: str) -> None:
    with pytest.raises(LlmError):
        parse_answer(content)


def test_llm_needs_endpoint_model_and_client() -> None:
    with pytest.raises(ConfigError):
        get_judge(Settings(judge="llm"), client=None)
    with pytest.raises(ConfigError):
        get_judge(Settings(judge="llm", llm_endpoint=ENDPOINT), client=httpx.AsyncClient())


@respx.mock(assert_all_mocked=True)
def test_escalate_below_asks_only_about_doubtful_verdicts(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post(URL).mock(return_value=completion(ANSWER))

    async def go() -> Any:
        async with httpx.AsyncClient() as client:
            judge = LlmJudge.from_settings(
                Settings(judge="llm", llm_endpoint=ENDPOINT, llm_model="m", escalate_below=0.8), client
            )
            sure = await judge.judge(CLAIM, "", EXTRACTION)  # the rules score it 0.88
            doubtful = await judge.judge("The moratorium was praised by observers.", "", EXTRACTION)
            return sure, doubtful

    sure, doubtful = asyncio.run(go())
    assert route.call_count == 1
    assert sure.judge == "default" and sure.label == Label.SUPPORTED
    assert "escalate_below 0.8" in sure.reasons["escalation"]
    assert doubtful.judge == "llm" and doubtful.label == Label.PARTIAL
