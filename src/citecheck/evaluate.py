"""``citecheck eval``: run the real pipeline over an evaluation set and score it.

Cases (``cases.jsonl``) go through fetch -> archive -> extract -> verify -> store against the
set's fixture web, exactly as a check does; articles (``articles.jsonl``) go through the parser.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citecheck.articles import parse_article, score_articles
from citecheck.config import Settings
from citecheck.errors import ReplayError
from citecheck.models import (
    Article,
    ArticleFormat,
    Citation,
    CitationResult,
    Label,
    ParsedArticle,
    Span,
)
from citecheck.net.evalset import EvalSetTransport
from citecheck.runner import check_article, open_runtime, run_async
from citecheck.store import db as store

LABELS = [label.value for label in Label]


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled claim/source pair."""

    id: str
    claim: str
    context: str
    url: str
    label: str
    tags: tuple[str, ...]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ReplayError(f"{path}:{number}: not JSON: {exc}") from exc
    return rows


def load_cases(set_dir: Path) -> list[Case]:
    """The set's labelled cases."""
    return [
        Case(
            id=str(row["id"]),
            claim=str(row["claim"]),
            context=str(row.get("context") or ""),
            url=str(row["url"]),
            label=str(row["label"]),
            tags=tuple(row.get("tags") or ()),
        )
        for row in _read_jsonl(set_dir / "cases.jsonl")
    ]


def _cases_article(set_dir: Path, cases: list[Case]) -> ParsedArticle:
    """The cases as one synthetic article whose citations are the claims."""
    parts: list[str] = []
    citations: list[Citation] = []
    offset = 0
    for case in cases:
        parts.append(case.claim)
        citations.append(
            Citation(
                marker=case.id,
                url=case.url,
                claim=case.claim,
                span=Span(offset, offset + len(case.claim)),
                context=case.context,
                kind="eval-case",
                urls=(case.url,),
            )
        )
        offset += len(case.claim) + 2
    text = "\n\n".join(parts)
    article = Article(source=f"eval:{set_dir.resolve()}/cases.jsonl", text=text, format=ArticleFormat.TEXT)
    return ParsedArticle(article, tuple(citations))


def classification_metrics(
    gold: list[str], predicted: list[str], tags: list[tuple[str, ...]]
) -> dict[str, Any]:
    """Accuracy, macro-F1, per-label P/R/F1, confusion matrix, per-tag accuracy, flag rates."""
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, predicted, strict=True):
        confusion.setdefault(g, dict.fromkeys(LABELS, 0))[p] = confusion[g].get(p, 0) + 1
    per_label: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        n_pred = sum(1 for p in predicted if p == label)
        n_gold = sum(1 for g in gold if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1, "support": n_gold}
    present = [label for label in LABELS if per_label[label]["support"]]
    by_tag: dict[str, list[bool]] = defaultdict(list)
    for g, p, case_tags in zip(gold, predicted, tags, strict=True):
        for tag in case_tags:
            by_tag[tag].append(g == p)
    need_look = [g != Label.SUPPORTED for g in gold]
    flagged = [p != Label.SUPPORTED for p in predicted]
    flagged_right = sum(1 for n, f in zip(need_look, flagged, strict=True) if n and f)
    return {
        "cases": len(gold),
        "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0,
        "macro_f1": sum(per_label[label]["f1"] for label in present) / len(present) if present else 0.0,
        "per_label": per_label,
        "confusion": confusion,
        "per_tag": {t: {"accuracy": sum(v) / len(v), "cases": len(v)} for t, v in sorted(by_tag.items())},
        "flag_recall": flagged_right / sum(need_look) if any(need_look) else 1.0,
        "flag_precision": flagged_right / sum(flagged) if any(flagged) else 1.0,
    }


async def _run_cases(set_dir: Path, cases: list[Case], settings: Settings) -> list[CitationResult]:
    parsed = _cases_article(set_dir, cases)
    database = store.open_db(settings.db_path)
    transport = EvalSetTransport(set_dir)
    async with open_runtime(settings, db=database, transport=transport, mode="evalset", command="eval") as rt:
        result = await check_article(rt, parsed)
        if rt.run_id is not None:
            counts = Counter(str(c.verdict.label) for c in result.citations)
            store.finish_run(rt.db, rt.run_id, status="done", now=rt.clock(), counts=counts)
    return list(result.citations)


def _run_articles(set_dir: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    pairs = []
    predictions = []
    for row in _read_jsonl(set_dir / "articles.jsonl"):
        path = set_dir / row["file"]
        raw = path.read_text(encoding="utf-8")
        parsed = parse_article(raw, source=str(path), fmt=ArticleFormat(row.get("format", "text")))
        pairs.append((list(row.get("citations") or []), list(parsed.citations)))
        predictions.append(
            {
                "kind": "article",
                "file": row["file"],
                "citations": [{"marker": c.marker, "url": c.url, "claim": c.claim} for c in parsed.citations],
                "warnings": [{"kind": w.kind, "marker": w.marker, "url": w.url} for w in parsed.warnings],
            }
        )
    return (score_articles(pairs) if pairs else {}), predictions


def run_eval(
    set_dir: str | Path,
    settings: Settings,
    *,
    predictions_path: str | Path | None = None,
    workdir: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Evaluate the pipeline on one set.

    Args:
        set_dir: the set folder (pages.jsonl, pages/, cases.jsonl, articles.jsonl, articles/).
        settings: the settings to run with; db and archive go to ``workdir``.
        predictions_path: write one JSON line per case and per article there.
        workdir: where the run's database and WARCs go (a temporary folder by default).
        progress: called with a short message as each part finishes.

    Returns:
        ``{"set", "cases": {metrics}, "articles": {metrics}}``.
    """
    set_dir = Path(set_dir)
    if not (set_dir / "pages.jsonl").is_file():
        raise ReplayError(f"not an evaluation set (no pages.jsonl): {set_dir}")
    cases = load_cases(set_dir)
    with tempfile.TemporaryDirectory(prefix="citecheck-eval-") as tmp:
        base = Path(workdir) if workdir else Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        run_settings = settings.replace(db_path=str(base / "eval.db"), archive_dir=str(base / "archive"))
        results = run_async(_run_cases(set_dir, cases, run_settings)) if cases else []
    if progress:
        progress(f"verified {len(results)} cases")
    article_metrics, article_predictions = _run_articles(set_dir)
    gold = [c.label for c in cases]
    predicted = [str(r.verdict.label) for r in results]
    report = {
        "set": str(set_dir),
        "cases": classification_metrics(gold, predicted, [c.tags for c in cases]),
        "articles": article_metrics,
    }
    if predictions_path:
        with open(predictions_path, "w", encoding="utf-8") as out:
            for case, result in zip(cases, results, strict=True):
                line = {
                    "kind": "case",
                    "id": case.id,
                    "verdict": str(result.verdict.label),
                    "score": result.verdict.score,
                    "evidence": result.verdict.evidence,
                    "reasons": result.verdict.reasons,
                    "outcome": str(result.fetch.outcome) if result.fetch else None,
                    "basis": str(result.verdict.basis),
                }
                out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
            for article_line in article_predictions:
                out.write(json.dumps(article_line, ensure_ascii=False) + "\n")
    return report


def format_report(report: dict[str, Any]) -> str:
    """The evaluation report as readable text."""
    lines = [f"Evaluation set: {report['set']}"]
    cases = report["cases"]
    lines.append(
        f"Verdicts: {cases['cases']} cases  accuracy {cases['accuracy']:.3f}  macro-F1 {cases['macro_f1']:.3f}"  # noqa: E501
        f"  flagged {cases['flag_recall']:.1%} of problems, {cases['flag_precision']:.1%} of flags right"
    )
    lines.append(f"  {'label':<12}{'precision':>10}{'recall':>8}{'f1':>7}{'n':>5}")
    for label, m in cases["per_label"].items():
        lines.append(
            f"  {label:<12}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}{m['support']:>5}"
        )
    lines.append("  confusion (rows gold, columns predicted): " + " ".join(f"{x[:5]:>6}" for x in LABELS))
    for gold_label, row in cases["confusion"].items():
        lines.append(f"  {gold_label:<12}" + " ".join(f"{row.get(p, 0):>6}" for p in LABELS))
    lines.append("  accuracy per tag:")
    for tag, m in cases["per_tag"].items():
        lines.append(f"    {tag:<16}{m['accuracy']:.3f}  ({m['cases']})")
    arts = report.get("articles") or {}
    if arts:
        lines.append(
            f"Citations: precision {arts['precision']:.3f}  recall {arts['recall']:.3f}"
            f"  claim-span token-F1 {arts['claim_token_f1']:.3f}"
            f"  ({arts['matched']}/{arts['expected']} expected, {arts['predicted']} predicted)"
        )
    return "\n".join(lines)
