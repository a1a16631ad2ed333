"""Run the default judge over an evaluation set's cases and print how it did.

Usage: python bench/dev_verify.py [SET_DIR] [--wrong] [--json OUT] [--pipeline]

For each case the page is found in pages.jsonl (redirects followed), its text extracted
(``citecheck.extract.extract`` when it exists, else trafilatura with favor_precision) and
judged. Pages whose final status is not 200, or redirects that land on a site's home page,
are "dead" here as a stand-in for the fetch stage; they are counted so the numbers compare
with ``citecheck eval``. Soft-404 and paywall shells (status 200) are left to the judge.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from citecheck.models import Extraction, Label, Verdict
from citecheck.verify import DefaultJudge

LABELS = [str(label) for label in Label]
DEFAULT_SET = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
MAX_HOPS = 10


def load_pages(root: Path) -> dict[str, dict[str, Any]]:
    """pages.jsonl as {url: entry}."""
    pages = {}
    for line in (root / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            pages[entry["url"]] = entry
    return pages


def resolve(pages: dict[str, dict[str, Any]], url: str) -> tuple[dict[str, Any] | None, list[str]]:
    """Follow Location headers; return the final entry and the chain of URLs."""
    chain = [url]
    entry = pages.get(url)
    for _ in range(MAX_HOPS):
        if entry is None:
            return None, chain
        location = {k.lower(): v for k, v in entry.get("headers", {}).items()}.get("location")
        if not location or entry.get("status", 200) not in (301, 302, 303, 307, 308):
            return entry, chain
        url = urljoin(url, location)
        chain.append(url)
        entry = pages.get(url)
    return entry, chain


def extract(html: str, url: str, lang: str | None, use_project: bool = True) -> Extraction:
    """Extract a page with the project's extractor if present (and wanted), else trafilatura."""
    try:
        if not use_project:
            raise ImportError("trafilatura asked for")
        from citecheck.extract import extract as project_extract
    except ImportError:
        import trafilatura

        doc = trafilatura.bare_extraction(html, url=url, favor_precision=True, with_metadata=True)
        text = (doc.text if doc else "") or ""
        date = doc.date if doc else None
        return Extraction(
            url, "ok" if text.strip() else "no_text", text, date=date, lang=lang, method="trafilatura"
        )
    result = project_extract(html, url)
    return result if isinstance(result, Extraction) else Extraction(url, "ok", str(result), lang=lang)


def pipeline_dead(entry: dict[str, Any] | None, chain: list[str]) -> str:
    """Why the fetch stage would call this page dead ("" when it would not)."""
    if entry is None:
        return "no-page"
    if entry.get("status") != 200:
        return f"status-{entry.get('status')}"
    if len(chain) > 1 and urlsplit(chain[-1]).path in ("", "/") and urlsplit(chain[0]).path not in ("", "/"):
        return "redirect-home"
    if not entry.get("file"):
        return "no-body"
    return ""


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(rows: list[dict[str, Any]], show_wrong: bool) -> None:
    """Print accuracy, macro-F1, per-label P/R, confusion, per-tag accuracy and wrong cases."""
    n = len(rows)
    correct = sum(r["gold"] == r["pred"] for r in rows)
    print(f"cases {n}  accuracy {correct / n:.3f}")
    f1s = []
    present = [lab for lab in LABELS if any(r["gold"] == lab or r["pred"] == lab for r in rows)]
    print(f"{'label':12} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    for label in present:
        tp = sum(r["gold"] == label and r["pred"] == label for r in rows)
        fp = sum(r["gold"] != label and r["pred"] == label for r in rows)
        fn = sum(r["gold"] == label and r["pred"] != label for r in rows)
        p, rec, f = f1(tp, fp, fn)
        f1s.append(f)
        print(f"{label:12} {p:6.3f} {rec:6.3f} {f:6.3f} {tp + fn:4d}")
    print(f"macro-F1 {sum(f1s) / len(f1s):.3f} over {len(present)} labels")
    need = [r for r in rows if r["gold"] != "supported"]
    flagged = [r for r in rows if r["pred"] != "supported"]
    hit = sum(1 for r in flagged if r["gold"] != "supported")
    print(
        f"needs-a-look recall {hit / max(len(need), 1):.3f} ({hit}/{len(need)})  "
        f"flag precision {hit / max(len(flagged), 1):.3f} ({hit}/{len(flagged)})"
    )
    print("confusion (rows gold, columns predicted):")
    print(" " * 12 + "".join(f"{lab[:11]:>12}" for lab in LABELS))
    for gold in LABELS:
        counts = Counter(r["pred"] for r in rows if r["gold"] == gold)
        print(f"{gold:12}" + "".join(f"{counts[p]:12d}" for p in LABELS))
    tags: dict[str, list[bool]] = defaultdict(list)
    for r in rows:
        for tag in r["tags"]:
            tags[tag].append(r["gold"] == r["pred"])
    print("accuracy per tag:")
    for tag, oks in sorted(tags.items(), key=lambda kv: -len(kv[1])):
        print(f"  {tag:15} {sum(oks) / len(oks):.3f}  ({sum(oks)}/{len(oks)})")
    dead = [r for r in rows if r["dead_by_pipeline"]]
    print(f"cases dead by the fetch stand-in (not judged): {len(dead)}")
    scored = [r for r in rows if not r["dead_by_pipeline"]]
    if scored:
        brier = sum((r["score"] - (r["gold"] == r["pred"])) ** 2 for r in scored) / len(scored)
        mean = sum(r["score"] for r in scored) / len(scored)
        accuracy = sum(r["gold"] == r["pred"] for r in scored) / len(scored)
        print(
            "score calibration on judged cases:",
            f"Brier {brier:.3f}, mean score {mean:.3f}, accuracy {accuracy:.3f}",
        )
    if show_wrong:
        print("\nwrong cases:")
        for r in rows:
            if r["gold"] != r["pred"]:
                tags = ",".join(r["tags"])
                print(f"- {r['id']} gold={r['gold']} pred={r['pred']} score={r['score']} tags={tags}")
                print(f"    claim: {r['claim'][:200]}")
                for clause in r["reasons"].get("clauses", []):
                    anchors = "; ".join(f"{a['type']}:{a['claim']}={a['status']}" for a in clause["anchors"])
                    conflicts = "; ".join(
                        f"{c['type']}:{c['claim']}->{c['page'][:60]}" for c in clause["conflicts"]
                    )
                    head = f"[{clause['status']}] cov={clause['coverage']} {clause['text'][:80]!r}"
                    print(f"    {head} | {anchors} | {conflicts}")


def pipeline_extractions(root: Path) -> dict[str, tuple[Extraction | None, str]]:
    """Each case's extraction as the real pipeline (``citecheck eval``) produced it, with its verdict."""
    import tempfile

    from citecheck.config import load
    from citecheck.evaluate import _run_cases, load_cases

    cases = load_cases(root)
    with tempfile.TemporaryDirectory(prefix="dev-verify-") as tmp:
        settings = load().replace(db_path=f"{tmp}/eval.db", archive_dir=f"{tmp}/archive")
        results = asyncio.run(_run_cases(root, cases, settings))
    return {c.id: (r.extraction, str(r.verdict.label)) for c, r in zip(cases, results, strict=True)}


def run_pipeline(root: Path) -> list[dict[str, Any]]:
    """Judge every case on the page text the real pipeline extracted (fetch, decode, extract)."""
    found = pipeline_extractions(root)
    judge = DefaultJudge()
    rows = []
    for line in (root / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        extraction, label = found[case["id"]]
        dead = label == "dead" or extraction is None
        if dead or extraction is None:
            verdict = Verdict(Label.DEAD, 1.0, reasons={"reason": "pipeline"})
        else:
            verdict = judge.judge_sync(case["claim"], case.get("context", ""), extraction)
        rows.append(
            {
                "id": case["id"], "gold": case["label"], "pred": str(verdict.label), "score": verdict.score,
                "tags": case.get("tags", []), "claim": case["claim"], "reasons": verdict.reasons,
                "evidence": verdict.evidence, "dead_by_pipeline": dead,
            }
        )  # fmt: skip
    return rows


async def run(root: Path, use_project: bool = True) -> list[dict[str, Any]]:
    pages = load_pages(root)
    judge = DefaultJudge()
    rows = []
    extractions: dict[str, Extraction] = {}
    for line in (root / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        entry, chain = resolve(pages, case["url"])
        dead = pipeline_dead(entry, chain)
        if dead or entry is None:
            verdict = Verdict(Label.DEAD, 1.0, reasons={"reason": dead})
        else:
            key = entry["file"]
            if key not in extractions:
                html = (root / entry["file"]).read_text(encoding="utf-8")
                extractions[key] = extract(html, chain[-1], entry.get("lang"), use_project)
            verdict = await judge.judge(case["claim"], case.get("context", ""), extractions[key])
        rows.append(
            {
                "id": case["id"], "gold": case["label"], "pred": str(verdict.label), "score": verdict.score,
                "tags": case.get("tags", []), "claim": case["claim"], "reasons": verdict.reasons,
                "evidence": verdict.evidence, "dead_by_pipeline": bool(dead),
            }
        )  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("set_dir", nargs="?", type=Path, default=DEFAULT_SET)
    parser.add_argument("--wrong", action="store_true", help="list the wrong cases with reasons")
    parser.add_argument("--json", type=Path, help="write every case's verdict here")
    parser.add_argument(
        "--trafilatura", action="store_true", help="extract with trafilatura, not citecheck.extract"
    )
    parser.add_argument(
        "--pipeline",
        action="store_true",
        help="judge the text the real pipeline extracted (as citecheck eval does; shows decoding faults)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    rows = (
        run_pipeline(args.set_dir) if args.pipeline else asyncio.run(run(args.set_dir, not args.trafilatura))
    )
    report(rows, args.wrong)
    print(f"\n{len(rows)} cases in {time.perf_counter() - started:.1f} s")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
