"""Verification: does the cited page support the claim? Cross-lingual, with evidence.

``verify(claim, context, extraction)`` returns a :class:`~citecheck.models.Verdict`. The default
judge works offline from anchors (numbers, dates, names, quotes) and cross-lingual word keys;
``get_judge(settings)`` can pick an NLI cross-encoder or an OpenAI-compatible LLM instead.
"""

from __future__ import annotations

from citecheck.verify.judges import DefaultJudge, Judge, get_judge, verify

__all__ = ["DefaultJudge", "Judge", "get_judge", "verify"]
