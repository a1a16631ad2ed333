"""The ``llm`` judge: any OpenAI-compatible ``/chat/completions`` endpoint.

The default judge finds the passages; the model gets the claim, its context and those
passages, and answers ``{"label", "score", "evidence", "reasons"}`` in JSON. Requests go
through the project's one ``httpx.AsyncClient`` with a timeout and retries; answers are
cached by a hash of the request (in memory, and on disk when ``llm_cache_dir`` is set).
Failures fall back to the default verdict, marked as such.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from citecheck.config import Settings
from citecheck.errors import ConfigError
from citecheck.models import Extraction, Label, Span, Verdict
from citecheck.verify.escalate import kept, settled
from citecheck.verify.nli import clause_passages
from citecheck.verify.rules import assess

LOGGER = logging.getLogger(__name__)

# Seconds one completion may take (local models are slow).
REQUEST_TIMEOUT = 120.0
# Extra attempts after a timeout, a connection error, 429 or 5xx.
RETRIES = 2
# First retry delay in seconds; doubles each retry.
BACKOFF = 1.0
# Characters of page text sent beside the passages (the lead of the article).
LEAD_CHARS = 1500
# Statuses worth another try.
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_LABELS = {"supported": Label.SUPPORTED, "partial": Label.PARTIAL, "unsupported": Label.UNSUPPORTED}
_FENCE_RE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)

SYSTEM_PROMPT = """You check citations. Given a CLAIM from an article, its CONTEXT, and PASSAGES
from the cited web page (often in Russian or Ukrainian), decide whether the page supports the
claim. Translation and paraphrase are allowed. Labels:
- supported: the page states everything the claim says;
- partial: the page supports part of the claim, and another part is absent or different;
- unsupported: the page does not say it, or says something else (a different number, date,
  person or speaker, or the opposite).
Answer with one JSON object only:
{"label": "supported|partial|unsupported", "score": <confidence 0..1>,
 "evidence": "<the page sentence(s) you rely on, copied>", "reasons": {"explanation": "..."}}"""


class LlmError(Exception):
    """The endpoint failed or answered something that is not a verdict."""


def parse_answer(content: str) -> dict[str, Any]:
    """Read the JSON verdict out of a model's answer (code fences and chatter tolerated).

    Args:
        content: the message content the model returned.

    Returns:
        ``{"label": Label, "score": float, "evidence": str, "reasons": dict}``.

    Raises:
        LlmError: no JSON object with a known label is in the answer.
    """
    candidates = [m.group(1) for m in _FENCE_RE.finditer(content)] + [content]
    decoder = json.JSONDecoder()
    for text in candidates:
        for start in [i for i, ch in enumerate(text) if ch == "{"]:
            try:
                data, _ = decoder.raw_decode(text[start:])
            except json.JSONDecodeError:
                continue
            if isinstance(data, dict) and str(data.get("label", "")).strip().lower() in _LABELS:
                return _normalise(data)
    raise LlmError(f"no verdict in the answer: {content[:200]!r}")


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    try:
        score = float(data.get("score", 0.5))
    except (TypeError, ValueError):
        score = 0.5
    reasons = data.get("reasons", {})
    if not isinstance(reasons, dict):
        reasons = {"explanation": str(reasons)}
    return {
        "label": _LABELS[str(data["label"]).strip().lower()],
        "score": min(max(score, 0.0), 1.0),
        "evidence": str(data.get("evidence", "") or ""),
        "reasons": reasons,
    }


class LlmJudge:
    """Asks an OpenAI-compatible chat endpoint; falls back to the default judge."""

    name = "llm"

    def __init__(
        self,
        client: httpx.AsyncClient,
        endpoint: str,
        model: str,
        *,
        api_key: str = "",
        cache_dir: str | Path | None = None,
        retries: int = RETRIES,
        backoff: float = BACKOFF,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        escalate_below: float = 0.0,
    ) -> None:
        """Set up the judge.

        Args:
            client: the project's HTTP client.
            endpoint: base URL ending before ``/chat/completions`` (e.g. ``.../v1``).
            model: the model name to send.
            api_key: sent as a bearer token when set.
            cache_dir: folder for cached answers (memory only when None).
            retries: extra attempts on timeouts, connection errors, 429 and 5xx.
            backoff: first retry delay in seconds.
            sleep: the sleep used between retries (injected in tests).
            escalate_below: ask only when the default verdict scores below this (0: always).
        """
        self.client = client
        self.url = endpoint.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.escalate_below = escalate_below
        self._memory: dict[str, dict[str, Any]] = {}

    @classmethod
    def from_settings(cls, settings: Settings, client: httpx.AsyncClient) -> LlmJudge:
        """Build the judge from settings.

        Args:
            settings: ``llm_endpoint``, ``llm_model``, ``llm_api_key``, ``llm_cache_dir``,
                ``escalate_below``.
            client: the project's HTTP client.

        Returns:
            The judge.

        Raises:
            ConfigError: endpoint or model missing.
        """
        if not settings.llm_endpoint or not settings.llm_model:
            raise ConfigError("the llm judge needs llm_endpoint and llm_model")
        cache = settings.llm_cache_dir or None
        return cls(
            client,
            settings.llm_endpoint,
            settings.llm_model,
            api_key=settings.llm_api_key,
            cache_dir=cache,
            escalate_below=settings.escalate_below,
        )

    def request_body(self, claim: str, context: str, passages: list[str], lead: str) -> dict[str, Any]:
        """The chat-completions request for one claim."""
        numbered = "\n".join(f"[{n}] {p}" for n, p in enumerate(passages, start=1)) or "(none found)"
        user = (
            f"CLAIM:\n{claim}\n\nCONTEXT:\n{context or '(none)'}\n\n"
            f"PASSAGES:\n{numbered}\n\nPAGE LEAD:\n{lead}"
        )
        return {
            "model": self.model,
            "temperature": 0,
            "response_format": {"type": "json_object"},
            "messages": [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}],
        }

    async def ask(self, body: dict[str, Any]) -> dict[str, Any]:
        """Send a request (or answer it from the cache) and parse the verdict.

        Args:
            body: the request body.

        Returns:
            The parsed verdict fields.

        Raises:
            LlmError: every attempt failed or the answer has no verdict.
        """
        key = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        cached = self._cached(key)
        if cached is not None:
            return parse_answer(cached["content"])
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                await self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = await self.client.post(
                    self.url, json=body, headers=headers, timeout=REQUEST_TIMEOUT
                )
            except httpx.TransportError as exc:
                last = exc
                continue
            if response.status_code in _RETRY_STATUSES:
                last = LlmError(f"HTTP {response.status_code}")
                continue
            if response.status_code != 200:
                raise LlmError(f"HTTP {response.status_code}: {response.text[:200]}")
            try:
                content = str(response.json()["choices"][0]["message"]["content"])
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                raise LlmError(f"unexpected response: {response.text[:200]!r}") from exc
            parsed = parse_answer(content)
            self._store(key, {"content": content})
            return parsed
        raise LlmError(f"no answer after {self.retries + 1} attempts: {last}")

    def _cached(self, key: str) -> dict[str, Any] | None:
        if key in self._memory:
            return self._memory[key]
        if self.cache_dir is not None:
            path = self.cache_dir / f"{key}.json"
            if path.is_file():
                try:
                    data = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    return None
                if isinstance(data, dict):
                    self._memory[key] = data
                    return data
        return None

    def _store(self, key: str, data: dict[str, Any]) -> None:
        self._memory[key] = data
        if self.cache_dir is not None:
            try:
                self.cache_dir.mkdir(parents=True, exist_ok=True)
                (self.cache_dir / f"{key}.json").write_text(
                    json.dumps(data, ensure_ascii=False), encoding="utf-8"
                )
            except OSError as exc:
                LOGGER.warning("cannot write llm cache: %s", exc)

    async def judge(self, claim: str, context: str, extraction: Extraction) -> Verdict:
        """Judge a claim with the model, on the default judge's passages.

        Args:
            claim: the text the citation vouches for.
            context: the citing paragraph.
            extraction: the page's extracted text.

        Returns:
            The model's verdict, or the default verdict (marked) when the model fails.
        """
        base = assess(claim, context, extraction)
        if base.label == Label.DEAD:
            return replace(base, judge=self.name)
        if settled(base, self.escalate_below):
            return kept(base, self.escalate_below)
        passages = list(dict.fromkeys(p for _, p in clause_passages(extraction, base)))
        body = self.request_body(claim, context, passages, extraction.text[:LEAD_CHARS])
        try:
            answer = await self.ask(body)
        except LlmError as exc:
            LOGGER.warning("llm judge failed, using the default verdict: %s", exc)
            return replace(base, reasons={**base.reasons, "fallback": f"llm: {exc}"})
        evidence = answer["evidence"] or base.evidence
        start = extraction.text.find(evidence) if evidence else -1
        span = base.evidence_span if start < 0 else Span(start, start + len(evidence))
        reasons = {**answer["reasons"], "default": base.reasons, "passages": passages}
        return Verdict(answer["label"], answer["score"], evidence, span, reasons, self.name, base.basis)
