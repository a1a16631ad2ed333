"""Speed and memory of the default judge on long pages, beside the extraction of those pages.

Usage: python bench/bench_verify.py [--pages N] [--rounds R]

Builds long pages (5,000+ words) by joining the extracted texts of several real pages from
../shared/real-html, then judges every held-out and dev claim against them. Prints, from one
run: extraction time per page, page preparation time (sentences, lemmas, keys; once per page),
time per claim on a prepared page, claims per second cold (each claim on a new long page) and
warm, and peak memory (tracemalloc and max RSS). Times are taken with tracemalloc off; memory
is traced in a separate pass over one long page.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from citecheck.models import Extraction
from citecheck.verify import DefaultJudge, align, retrieve, rules

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real-html"
CLAIM_FILES = [
    ROOT / "tests" / "verify" / "heldout" / "cases.jsonl",
    ROOT.parent / "shared" / "eval" / "dev" / "cases.jsonl",
]
# Words a long page must reach.
LONG_PAGE_WORDS = 5000


def load_claims() -> list[tuple[str, str]]:
    claims = []
    for path in CLAIM_FILES:
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                case = json.loads(line)
                claims.append((case["claim"], case.get("context", "")))
    return claims


def _timed_pass(
    judge: DefaultJudge, long_pages: list[str], claims: list[tuple[str, str]]
) -> tuple[list[float], list[float]]:
    """Seconds to prepare each long page, and to judge each claim on a prepared page."""
    prepare, per_claim = [], []
    for n, page in enumerate(long_pages):
        retrieve._CACHE.clear()
        extraction = Extraction(f"https://example.org/long{n}", "ok", page, lang="ru")
        t0 = time.perf_counter()
        retrieve.page_index(page, "ru")
        prepare.append(time.perf_counter() - t0)
        for claim, context in claims:
            t1 = time.perf_counter()
            judge.judge_sync(claim, context, extraction)
            per_claim.append(time.perf_counter() - t1)
    return prepare, per_claim


def _lexicon_ratio(judge: DefaultJudge, page: str, claims: list[tuple[str, str]]) -> tuple[float, float]:
    """Mean seconds per claim on one prepared long page without and with the lexicon, interleaved."""
    original = align.merge_translations, align.quote_found  # type: ignore[attr-defined]
    without: list[float] = []
    with_lexicon: list[float] = []
    extraction = Extraction("https://example.org/lexicon", "ok", page, lang="ru")
    retrieve.page_index(page, "ru")
    try:
        for n, (claim, context) in enumerate(claims):
            order = ((without, False), (with_lexicon, True))
            for times, on in order if n % 2 else order[::-1]:  # alternate who meets cold caches
                if on:
                    align.merge_translations, align.quote_found = original  # type: ignore[attr-defined]
                else:
                    setattr(align, "merge_translations", lambda *a, **k: None)  # noqa: B010
                    setattr(align, "quote_found", lambda *a, **k: False)  # noqa: B010
                t0 = time.perf_counter()
                judge.judge_sync(claim, context, extraction)
                times.append(time.perf_counter() - t0)
    finally:
        align.merge_translations, align.quote_found = original  # type: ignore[attr-defined]
    return statistics.mean(without), statistics.mean(with_lexicon)


def _scope_ratio(judge: DefaultJudge, page: str, claims: list[tuple[str, str]]) -> tuple[float, float]:
    """Mean seconds per claim on one prepared long page without and with the scope checks, interleaved."""
    original = rules.scope_conflicts  # type: ignore[attr-defined]
    without: list[float] = []
    with_scope: list[float] = []
    extraction = Extraction("https://example.org/scope", "ok", page, lang="ru")
    retrieve.page_index(page, "ru")
    try:
        for n, (claim, context) in enumerate(claims):
            order = ((without, False), (with_scope, True))
            for times, on in order if n % 2 else order[::-1]:  # alternate who meets cold caches
                setattr(rules, "scope_conflicts", original if on else (lambda *a, **k: []))  # noqa: B010
                t0 = time.perf_counter()
                judge.judge_sync(claim, context, extraction)
                times.append(time.perf_counter() - t0)
    finally:
        setattr(rules, "scope_conflicts", original)  # noqa: B010
    return statistics.mean(without), statistics.mean(with_scope)


def _memory_pass(judge: DefaultJudge, page: str, claims: list[tuple[str, str]]) -> int:
    """Peak traced bytes while preparing one long page and judging every claim (timed apart)."""
    retrieve._CACHE.clear()
    tracemalloc.start()
    extraction = Extraction("https://example.org/memory", "ok", page, lang="ru")
    for claim, context in claims:
        judge.judge_sync(claim, context, extraction)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=4, help="long pages to build")
    args = parser.parse_args()
    from citecheck.extract import extract

    files = sorted(p for p in REAL.glob("*.html"))
    if not files:
        print("no pages in", REAL)
        return 1
    started = time.perf_counter()
    texts = []
    for path in files:
        html = path.read_text(encoding="utf-8", errors="replace")
        texts.append(extract(html, "https://example.org/" + path.stem).text)
    extract_per_page = (time.perf_counter() - started) / len(files)
    long_pages: list[str] = []
    parts_per_page: list[int] = []
    for shift in range(args.pages):
        order = texts[shift:] + texts[:shift]
        words, parts = 0, []
        for text in order:
            parts.append(text)
            words += len(text.split())
            if words >= LONG_PAGE_WORDS:
                break
        long_pages.append("\n".join(parts))
        parts_per_page.append(len(parts))
    claims = load_claims()
    judge = DefaultJudge()
    judge.judge_sync("warm-up of the dictionaries", "", Extraction("u", "ok", "Привет, мир. Hello world."))
    prepare, per_claim = _timed_pass(judge, long_pages, claims)
    peak = _memory_pass(judge, long_pages[0], claims)
    without, with_lexicon = _lexicon_ratio(judge, long_pages[0], claims)
    no_scope, with_scope = _scope_ratio(judge, long_pages[0], claims)
    page_words = [len(p.split()) for p in long_pages]
    mean_prepare = statistics.mean(prepare)
    mean_claim = statistics.mean(per_claim)
    extract_long = extract_per_page * statistics.mean(parts_per_page)
    p95 = sorted(per_claim)[int(0.95 * len(per_claim))]
    print(f"pages extracted: {len(files)} ({1000 * extract_per_page:.1f} ms/page)")
    print(
        f"long pages: {len(long_pages)}, words {min(page_words)}-{max(page_words)}; claims per page: {len(claims)}"
    )
    print(f"page preparation: {1000 * mean_prepare:.1f} ms per long page (once per page, cached)")
    print(
        f"claim on a prepared page: mean {1000 * mean_claim:.1f} ms, "
        f"median {1000 * statistics.median(per_claim):.1f} ms, p95 {1000 * p95:.1f} ms"
    )
    print(
        f"claims per second: warm {1 / mean_claim:.1f}, "
        f"cold (new long page each claim) {1 / (mean_claim + mean_prepare):.1f}"
    )
    print(
        f"ratio: verifying one claim = {mean_claim / extract_per_page:.2f} x extracting one page; "
        f"preparing a long page = {mean_prepare / extract_long:.2f} x extracting its "
        f"{statistics.mean(parts_per_page):.1f} parts"
    )
    print(
        f"lexicon (one long page, same claims, interleaved): {1000 * without:.1f} ms without, "
        f"{1000 * with_lexicon:.1f} ms with; ratio {with_lexicon / without:.2f}"
    )
    print(
        f"scope checks (one long page, same claims, interleaved): {1000 * no_scope:.1f} ms without, "
        f"{1000 * with_scope:.1f} ms with; ratio {with_scope / no_scope:.2f}"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak memory (one long page, all claims): tracemalloc {peak / 2**20:.1f} MiB; max RSS {rss:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
