"""The judge interface, the default (offline) judge and the registry that picks one by name."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol, runtime_checkable

import httpx

from citecheck.config import Settings
from citecheck.errors import ConfigError
from citecheck.models import Extraction, Verdict
from citecheck.verify.rules import assess

LOGGER = logging.getLogger(__name__)


@runtime_checkable
class Judge(Protocol):
    """Decides whether a page's text supports a claim."""

    name: str

    async def judge(self, claim: str, context: str, extraction: Extraction) -> Verdict:
        """Judge one claim against one extracted page."""
        ...


class DefaultJudge:
    """The offline judge: anchors, cross-lingual keys and contradiction rules; no model."""

    name = "default"

    def judge_sync(self, claim: str, context: str, extraction: Extraction) -> Verdict:
        """Judge synchronously (CPU work only).

        Args:
            claim: the text the citation vouches for.
            context: the citing paragraph.
            extraction: the page's extracted text.

        Returns:
            The verdict.
        """
        return assess(claim, context, extraction)

    async def judge(self, claim: str, context: str, extraction: Extraction) -> Verdict:
        """Judge a claim (runs the synchronous rules in the caller's thread).

        Args:
            claim: the text the citation vouches for.
            context: the citing paragraph.
            extraction: the page's extracted text.

        Returns:
            The verdict.
        """
        return self.judge_sync(claim, context, extraction)


JudgeFactory = Callable[[Settings, "httpx.AsyncClient | None"], Judge]


def _default(settings: Settings, client: httpx.AsyncClient | None) -> Judge:
    return DefaultJudge()


def _nli(settings: Settings, client: httpx.AsyncClient | None) -> Judge:
    from citecheck.verify.nli import NliJudge

    return NliJudge.from_settings(settings)


def _llm(settings: Settings, client: httpx.AsyncClient | None) -> Judge:
    from citecheck.verify.llm import LlmJudge

    if client is None:
        raise ConfigError("the llm judge needs an HTTP client")
    return LlmJudge.from_settings(settings, client)


JUDGES: dict[str, JudgeFactory] = {"default": _default, "llm": _llm, "nli": _nli}


def get_judge(settings: Settings, *, client: httpx.AsyncClient | None = None) -> Judge:
    """The judge named by ``settings.judge``.

    Args:
        settings: the settings (``judge`` and its options).
        client: the project's HTTP client (needed by the llm judge).

    Returns:
        A ready judge.

    Raises:
        ConfigError: unknown judge name, or the judge's requirements are not met.
    """
    factory = JUDGES.get(settings.judge)
    if factory is None:
        raise ConfigError(f"unknown judge {settings.judge!r}; choose one of {', '.join(sorted(JUDGES))}")
    return factory(settings, client)


async def verify(claim: str, context: str, extraction: Extraction, *, judge: Judge | None = None) -> Verdict:
    """Judge a claim against an extracted page (with the default judge unless one is given).

    Args:
        claim: the text the citation vouches for.
        context: the citing paragraph.
        extraction: the page's extracted text.
        judge: the judge to use.

    Returns:
        The verdict.
    """
    return await (judge or DefaultJudge()).judge(claim, context, extraction)
