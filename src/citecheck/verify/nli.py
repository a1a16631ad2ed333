"""The ``nli`` judge: a multilingual NLI cross-encoder over the default judge's passages.

Each clause of the claim is paired with the evidence window the default judge found for it
(premise = page passage, hypothesis = clause) and classified entailment / neutral /
contradiction; the clauses are aggregated like the default rule. The model is loaded with
transformers from ``settings.nli_model_path`` (a hub id only if ``nli_allow_hub``); install
the ``[nli]`` extra. Any failure falls back to the default verdict, which says so.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from typing import Any

from citecheck.config import Settings
from citecheck.errors import ConfigError
from citecheck.models import Extraction, Label, Verdict
from citecheck.verify.escalate import kept, settled
from citecheck.verify.rules import assess

LOGGER = logging.getLogger(__name__)

# Probability of entailment (or contradiction) at which a clause counts as such.
DECISION_PROBABILITY = 0.5
# Longest premise + hypothesis in model tokens.
MAX_TOKENS = 512
# Label order of most XNLI checkpoints when the config names its labels LABEL_0..2.
_DEFAULT_ORDER = ("entailment", "neutral", "contradiction")


def clause_passages(extraction: Extraction, verdict: Verdict) -> list[tuple[str, str]]:
    """(clause, evidence passage) pairs from a default verdict's reasons.

    Args:
        extraction: the page the verdict was made on.
        verdict: a default-judge verdict.

    Returns:
        One pair per clause that has an evidence window.
    """
    pairs = []
    for clause in verdict.reasons.get("clauses", []):
        span = clause.get("evidence_span")
        if span:
            pairs.append((str(clause["text"]), extraction.text[span[0] : span[1]]))
    return pairs


class NliJudge:
    """Judges clauses with an NLI cross-encoder; falls back to the default judge."""

    name = "nli"

    def __init__(self, model_path: str, *, allow_hub: bool = False, escalate_below: float = 0.0) -> None:
        """Remember where the model is; it is loaded on first use.

        Args:
            model_path: a local folder (or a hub id when ``allow_hub``).
            allow_hub: allow transformers to download the model.
            escalate_below: ask only when the default verdict scores below this (0: always).
        """
        self.model_path = model_path
        self.allow_hub = allow_hub
        self.escalate_below = escalate_below
        self._model: Any = None
        self._tokenizer: Any = None
        self._order: tuple[str, ...] = _DEFAULT_ORDER
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> NliJudge:
        """Build the judge from settings.

        Args:
            settings: ``nli_model_path``, ``nli_allow_hub`` and ``escalate_below`` are read.

        Returns:
            The judge.

        Raises:
            ConfigError: no model path is set.
        """
        if not settings.nli_model_path:
            raise ConfigError("the nli judge needs nli_model_path (a local model folder)")
        return cls(
            settings.nli_model_path, allow_hub=settings.nli_allow_hub, escalate_below=settings.escalate_below
        )

    def _load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            from transformers import AutoModelForSequenceClassification, AutoTokenizer

            local_only = not self.allow_hub
            self._tokenizer = AutoTokenizer.from_pretrained(self.model_path, local_files_only=local_only)
            model = AutoModelForSequenceClassification.from_pretrained(
                self.model_path, local_files_only=local_only
            )
            model.eval()
            names = [str(model.config.id2label[i]).lower() for i in range(model.config.num_labels)]
            if all(n.startswith("label_") for n in names):
                self._order = _DEFAULT_ORDER[: len(names)]
            else:
                self._order = tuple(
                    "entailment"
                    if n.startswith("entail")
                    else "contradiction"
                    if n.startswith("contra")
                    else "neutral"
                    for n in names
                )
            self._model = model

    def probabilities(self, premise: str, hypothesis: str) -> dict[str, float]:
        """Entailment, neutral and contradiction probabilities for one pair.

        Args:
            premise: the page passage.
            hypothesis: the claim clause.

        Returns:
            ``{"entailment": p, "neutral": p, "contradiction": p}``.
        """
        import torch

        self._load()
        inputs = self._tokenizer(
            premise, hypothesis, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        )
        with torch.no_grad():
            logits = self._model(**inputs).logits[0]
        probs = torch.softmax(logits.float(), dim=-1).tolist()
        result = {"entailment": 0.0, "neutral": 0.0, "contradiction": 0.0}
        for label, p in zip(self._order, probs, strict=False):
            result[label] += float(p)
        return result

    def judge_sync(self, claim: str, context: str, extraction: Extraction) -> Verdict:
        """Judge synchronously.

        Args:
            claim: the text the citation vouches for.
            context: the citing paragraph.
            extraction: the page's extracted text.

        Returns:
            The verdict (the default judge's, marked, if the model fails).
        """
        base = assess(claim, context, extraction)
        if base.label == Label.DEAD:
            return replace(base, judge=self.name)
        if settled(base, self.escalate_below):
            return kept(base, self.escalate_below)
        pairs = clause_passages(extraction, base)
        if not pairs:
            return replace(base, label=Label.UNSUPPORTED, judge=self.name)
        try:
            scored = [(clause, passage, self.probabilities(passage, clause)) for clause, passage in pairs]
        except (ImportError, OSError, ValueError, RuntimeError) as exc:
            LOGGER.warning("nli judge failed, using the default verdict: %s", exc)
            return replace(base, reasons={**base.reasons, "fallback": f"nli: {exc}"})
        entailed = [p["entailment"] >= DECISION_PROBABILITY for _, _, p in scored]
        contradicted = [p["contradiction"] >= DECISION_PROBABILITY for _, _, p in scored]
        if all(entailed):
            label = Label.SUPPORTED
        elif any(entailed):
            label = Label.PARTIAL
        else:
            label = Label.UNSUPPORTED
        mean = sum(max(p.values()) for _, _, p in scored) / len(scored)
        reasons = {
            **base.reasons,
            "nli": [
                {"clause": c, "passage": passage, **{k: round(v, 4) for k, v in p.items()}}
                for c, passage, p in scored
            ],
            "default_label": str(base.label),
            "contradicted_clauses": sum(contradicted),
        }
        return replace(base, label=label, score=round(mean, 3), reasons=reasons, judge=self.name)

    async def judge(self, claim: str, context: str, extraction: Extraction) -> Verdict:
        """Judge a claim (the model runs in the caller's thread).

        Args:
            claim: the text the citation vouches for.
            context: the citing paragraph.
            extraction: the page's extracted text.

        Returns:
            The verdict.
        """
        return self.judge_sync(claim, context, extraction)
