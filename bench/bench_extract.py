"""Extraction speed and memory on real news pages, beside trafilatura's plain ``extract()``.

Usage: python bench/bench_extract.py [--rounds R] [--dirs DIR ...]

Reads every page of ../shared/real-html (``--dirs`` adds others, e.g. ../shared/eval/dev/pages;
decoded once, outside
the timings). Every variant runs on every page in the same run, interleaved page by page and
round by round, so machine noise hits them alike. Prints pages per second and the ratio to
trafilatura's plain ``extract()`` for:

- ``trafilatura.extract``       plain default extraction, no metadata (the baseline);
- ``trafilatura.extract+meta``  the same with ``with_metadata=True``;
- ``ours: main text``           our pruning + trafilatura (precision mode) + line rules;
- ``ours: selectolax pass``     JSON-LD / OpenGraph / canonical read with selectolax lexbor;
- ``ours: extract()``           the whole of :func:`citecheck.extract.extract` (metadata,
                                embedded bodies, language, hash);

then time per KiB across page-size bands, peak Python memory (tracemalloc) per page, and
the peak resident memory each of the baseline and ``extract()`` adds over all pages (each
in a fresh process, after imports; lazily loaded models such as py3langid's count).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import multiprocessing
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import trafilatura

from citecheck.extract import embedded, extract
from citecheck.extract.main_text import extract_main_text, sanitize
from citecheck.extract.postprocess import clean_body
from citecheck.fetch.decode import decode_body

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIRS = (ROOT.parent / "shared" / "real-html",)
URL = "https://example.org/article"
# Size bands (KiB) for the per-KiB table.
BANDS = ((0, 50), (50, 150), (150, 400), (400, 10_000))


def _plain(page: str) -> Any:
    return trafilatura.extract(page, url=URL)


def _plain_meta(page: str) -> Any:
    return trafilatura.extract(page, url=URL, with_metadata=True)


def _ours_main(page: str) -> Any:
    main = extract_main_text(sanitize(page), URL, with_metadata=False)
    return clean_body(main.text, [], None)


def _ours_selectolax(page: str) -> Any:
    return embedded.read_embedded(embedded.parse(page), URL)


def _ours_full(page: str) -> Any:
    return extract(page, URL)


VARIANTS: dict[str, Callable[[str], Any]] = {
    "trafilatura.extract": _plain,
    "trafilatura.extract+meta": _plain_meta,
    "ours: main text": _ours_main,
    "ours: selectolax pass": _ours_selectolax,
    "ours: extract()": _ours_full,
}
BASELINE = "trafilatura.extract"


def load_pages(dirs: list[Path]) -> list[tuple[str, str]]:
    """``(name, decoded html)`` for every page in ``dirs``."""
    pages = []
    for folder in dirs:
        for path in sorted(folder.glob("*.html")):
            text, _ = decode_body(path.read_bytes(), None)
            pages.append((path.name, text))
    return pages


def time_all(pages: list[tuple[str, str]], rounds: int) -> dict[str, list[list[float]]]:
    """Seconds per (variant, page), ``rounds`` samples each, interleaved."""
    times: dict[str, list[list[float]]] = {name: [[] for _ in pages] for name in VARIANTS}
    for _name, page in pages:  # warm-up: imports, models, caches
        for function in VARIANTS.values():
            function(page)
    for _ in range(rounds):
        for index, (_name, page) in enumerate(pages):
            for name, function in VARIANTS.items():
                started = time.perf_counter()
                function(page)
                times[name][index].append(time.perf_counter() - started)
    return times


def peak_memory(function: Callable[[str], Any], page: str) -> int:
    """Peak bytes tracemalloc sees while ``function`` reads ``page``."""
    gc.collect()
    tracemalloc.start()
    function(page)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def _reset_peak_rss() -> None:
    """Reset the kernel's high-water mark of resident memory (Linux), so decoding does not count."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_rss() -> int:
    """Peak resident memory (KiB) since the last reset (Linux), else since the process began."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _rss_child(variant: str, dirs: list[Path], queue: Any) -> None:
    """In a fresh process: max RSS growth (KiB) while ``variant`` reads every page."""
    pages = load_pages(dirs)
    function = VARIANTS[variant]
    gc.collect()
    _reset_peak_rss()
    before = _peak_rss()
    for _, page in pages:
        function(page)
    queue.put(_peak_rss() - before)


def rss_growth(variant: str, dirs: list[Path]) -> int:
    """Peak resident memory added (KiB) by one variant over all pages, in its own process."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_rss_child, args=(variant, dirs, queue))
    process.start()
    growth = int(queue.get())
    process.join()
    return growth


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per page and variant")
    parser.add_argument("--dirs", nargs="*", type=Path, default=list(DEFAULT_DIRS), help="page folders")
    args = parser.parse_args()
    dirs = [d for d in args.dirs if d.is_dir()]
    pages = load_pages(dirs)
    if not pages:
        print("no pages found in", *args.dirs)
        return 1
    sizes = [len(page.encode("utf-8")) / 1024 for _, page in pages]
    print(
        f"{len(pages)} pages, median {statistics.median(sizes):.0f} KiB, "
        f"{args.rounds} rounds, trafilatura {trafilatura.__version__}"
    )
    times = time_all(pages, args.rounds)
    per_page = {name: [min(samples) for samples in rows] for name, rows in times.items()}
    base_total = sum(per_page[BASELINE])
    print(f"\n{'variant':<26}{'ms/page':>9}{'pages/s':>9}{'x plain':>9}")
    for name, values in per_page.items():
        total = sum(values)
        print(
            f"{name:<26}{1000 * total / len(values):>9.2f}{len(values) / total:>9.1f}{total / base_total:>9.2f}"
        )
    full, meta = sum(per_page["ours: extract()"]), sum(per_page["trafilatura.extract+meta"])
    print(f"\nours extract() / trafilatura.extract with metadata: {full / meta:.2f}x")

    print(f"\n{'size band':<14}{'pages':>6}{'plain ms/KiB':>14}{'ours ms/KiB':>13}{'ratio':>7}")
    for low, high in BANDS:
        chosen = [i for i, size in enumerate(sizes) if low <= size < high]
        if not chosen:
            continue
        kib = sum(sizes[i] for i in chosen)
        plain = 1000 * sum(per_page[BASELINE][i] for i in chosen) / kib
        ours = 1000 * sum(per_page["ours: extract()"][i] for i in chosen) / kib
        print(f"{f'{low}-{high} KiB':<14}{len(chosen):>6}{plain:>14.3f}{ours:>13.3f}{ours / plain:>7.2f}")

    plain_peaks = [peak_memory(_plain, page) for _, page in pages]
    ours_peaks = [peak_memory(_ours_full, page) for _, page in pages]
    print(
        f"\npeak memory per page (tracemalloc, median / max): plain "
        f"{statistics.median(plain_peaks) / 2**20:.1f} / {max(plain_peaks) / 2**20:.1f} MiB, ours "
        f"{statistics.median(ours_peaks) / 2**20:.1f} / {max(ours_peaks) / 2**20:.1f} MiB "
        f"(ratio of medians {statistics.median(ours_peaks) / statistics.median(plain_peaks):.2f}; "
        "Python objects only: lxml and lexbor trees are C memory)"
    )
    plain_rss, ours_rss = rss_growth(BASELINE, dirs), rss_growth("ours: extract()", dirs)
    print(
        f"peak RSS growth over all pages, models included (own process each): plain {plain_rss / 1024:.1f} MiB, "
        f"ours {ours_rss / 1024:.1f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
