"""Parse speed: time per KB for text, Markdown and HTML, small articles beside 1 MB ones.

Usage: python bench/bench_parse.py [--size-kb N] [--rounds R]

Builds the same article in the three formats from the seed's paragraphs (headings, lists closed
by a marker, quotations, one footnote per paragraph, a notes list at the end), at the seed's
size and at ``--size-kb`` (1 MB by default), and parses each ``--rounds`` times in one run.
Prints the best CPU time per article and per KB, citations found, and ratios side by side: each
format against text, and each large article's time per KB against the small one's (near 1.0
means parsing scales linearly). The issue asks that a 1 MB article parse well under a second.
"""

from __future__ import annotations

import argparse
import html
import sys
import time
from collections.abc import Callable
from pathlib import Path

from citecheck.articles import parse_article
from citecheck.models import ArticleFormat

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT.parent / "shared" / "seed"
# Paragraphs used when the seed is absent.
FALLBACK = [
    "Ukraine and Russia met in Istanbul on June 2. The talks lasted about an hour.",
    "Russia handed over a memorandum:",
    "- a ceasefire along the line of contact;",
    "- elections in Ukraine.",
    "Zelensky said: “We will not withdraw from our land.”",
    "Statements by the parties",
]


def seed_paragraphs() -> list[str]:
    """Return the seed's body lines (notes and blank lines dropped)."""
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        return FALLBACK
    lines = files[0].read_text(encoding="utf-8").splitlines()
    body = [x.strip() for x in lines if x.strip() and not x.startswith("[") and "://" not in x]
    return [x.replace("[", "").replace("]", "") for x in body] or FALLBACK


def _blocks(paragraphs: list[str], size: int) -> list[tuple[str, str, int]]:
    """Return (kind, text, note number) blocks adding up to about ``size`` characters."""
    out: list[tuple[str, str, int]] = []
    total, note, i = 0, 0, 0
    while total < size:
        text = paragraphs[i % len(paragraphs)]
        kind = "item" if text.startswith("- ") else "heading" if len(text.split()) <= 6 else "para"
        nxt = paragraphs[(i + 1) % len(paragraphs)]
        cited = kind == "para" or (kind == "item" and not nxt.startswith("- "))
        note += cited
        out.append((kind, text.removeprefix("- "), note if cited else 0))
        total += len(text) + 40
        i += 1
    return out


def as_text(blocks: list[tuple[str, str, int]]) -> str:
    """Render blocks as a plain-text article with [n] markers and a notes list."""
    lines = [f"{'- ' if k == 'item' else ''}{t}{f' [{n}]' if n else ''}" for k, t, n in blocks]
    notes = [f"[{n}] https://news.example.ru/{n}.html" for _, _, n in blocks if n]
    return "\n".join(lines) + "\n\nNotes\n" + "\n".join(notes) + "\n"


def as_markdown(blocks: list[tuple[str, str, int]]) -> str:
    """Render blocks as Markdown with [^n] footnotes."""
    parts = []
    for kind, text, n in blocks:
        mark = f"[^{n}]" if n else ""
        if kind == "heading":
            parts.append(f"\n## {text}{mark}\n")
        elif kind == "item":
            parts.append(f"- {text}{mark}")
        else:
            parts.append(f"\n{text}{mark}\n")
    notes = [f"[^{n}]: https://news.example.ru/{n}.html" for _, _, n in blocks if n]
    return "\n".join(parts) + "\n\n" + "\n".join(notes) + "\n"


def as_html(blocks: list[tuple[str, str, int]]) -> str:
    """Render blocks as an HTML page with <sup> anchors and an endnote <ol>."""
    parts = [
        "<!doctype html><html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav><article>"
    ]
    in_list = False
    for kind, text, n in blocks:
        mark = f'<sup><a href="#fn{n}" id="r{n}">{n}</a></sup>' if n else ""
        if kind != "item" and in_list:
            parts.append("</ul>")
            in_list = False
        if kind == "item" and not in_list:
            parts.append("<ul>")
            in_list = True
        tag = {"heading": "h2", "item": "li"}.get(kind, "p")
        parts.append(f"<{tag}>{html.escape(text)}{mark}</{tag}>")
    if in_list:
        parts.append("</ul>")
    notes = [
        f'<li id="fn{n}"><a href="https://news.example.ru/{n}.html">Source {n}</a> <a href="#r{n}">↩</a></li>'
        for _, _, n in blocks
        if n
    ]
    parts.append('<h2>Notes</h2><ol class="footnotes">' + "".join(notes) + "</ol></article></body></html>")
    return "\n".join(parts)


def stress_articles(size: int) -> dict[str, tuple[str, ArticleFormat, int]]:
    """Return shapes that once made parsing quadratic: (raw, format, citations expected)."""
    n = size // 90
    items = "\n".join(f"- The army moved {i} tanks to the front near the river [{i}]" for i in range(1, n))
    notes = "\n".join(f"[{i}] https://a.ru/{i}" for i in range(1, n))
    lead_ins = "\n\n".join(
        f"Comments from party {i} [{i}] after the talks:\n\nThey said {i} tanks moved." for i in range(1, n)
    )
    headings = "".join(
        f'<h2>Part {i}<sup><a href="#n{i}">{i}</a></sup></h2><p>They said {i} tanks moved.</p>'
        for i in range(1, n // 2)
    )
    endnotes = "".join(f'<li id="n{i}"><a href="https://a.ru/{i}">s</a></li>' for i in range(1, n // 2))
    sentences = " ".join(f"Zelensky said the army moved {i} tanks near the river." for i in range(n))
    return {
        "every list item cited (text)": (f"Intro:\n{items}\n\nNotes\n{notes}\n", ArticleFormat.TEXT, n - 1),
        "lead-ins ending ':' (text)": (f"{lead_ins}\n\nNotes\n{notes}\n", ArticleFormat.TEXT, n - 1),
        "cited headings (html)": (
            f"<article>{headings}<ol>{endnotes}</ol></article>",
            ArticleFormat.HTML,
            n // 2 - 1,
        ),
        "one long paragraph (text)": (
            f"{sentences} [1]\n\nNotes\n[1] https://a.ru/1\n",
            ArticleFormat.TEXT,
            1,
        ),
    }


def best_time(raw: str, fmt: ArticleFormat, rounds: int) -> tuple[float, int]:
    """Return the best parse CPU time in seconds over ``rounds`` runs, and the citations found.

    CPU time of this process, not wall time: the figure stays put on a shared, busy machine.
    """
    best, found = float("inf"), 0
    for _ in range(rounds):
        started = time.process_time()
        parsed = parse_article(raw, fmt=fmt)
        best = min(best, time.process_time() - started)
        found = len(parsed.citations)
    return best, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-kb", type=int, default=1024, help="size of the large articles")
    parser.add_argument("--rounds", type=int, default=3, help="parses per article (best is kept)")
    args = parser.parse_args()
    paragraphs = seed_paragraphs()
    small_size = sum(len(p) for p in paragraphs)
    renderers: dict[ArticleFormat, Callable[[list[tuple[str, str, int]]], str]] = {
        ArticleFormat.TEXT: as_text,
        ArticleFormat.MARKDOWN: as_markdown,
        ArticleFormat.HTML: as_html,
    }
    rows: dict[tuple[str, ArticleFormat], tuple[float, float, int, int]] = {}
    for label, size in (("small", small_size), ("large", args.size_kb * 1024)):
        blocks = _blocks(paragraphs, size)
        expected = sum(1 for _, _, n in blocks if n)
        for fmt, render in renderers.items():
            raw = render(blocks)
            seconds, found = best_time(raw, fmt, args.rounds)
            kb = len(raw.encode("utf-8")) / 1024
            rows[(label, fmt)] = (seconds, seconds / kb * 1000, found, expected)
            print(
                f"{label:5} {fmt.value:8} {kb:8.1f} KB  {seconds * 1000:8.1f} ms  "
                f"{seconds / kb * 1000:6.3f} ms/KB  citations {found}/{expected}"
            )
    print()
    text_large = rows[("large", ArticleFormat.TEXT)][1]
    text_small = rows[("small", ArticleFormat.TEXT)][1]
    print("ms/KB ratio vs text (small, large):")
    for fmt in renderers:
        small, large = rows[("small", fmt)][1], rows[("large", fmt)][1]
        print(f"  {fmt.value:8} {small / text_small:5.2f}  {large / text_large:5.2f}")
    print("ms/KB ratio large vs small (1.0 = linear):")
    for fmt in renderers:
        print(f"  {fmt.value:8} {rows[('large', fmt)][1] / rows[('small', fmt)][1]:5.2f}")
    slowest = max(rows[("large", fmt)][0] for fmt in renderers)
    print(f"slowest {args.size_kb} KB article: {slowest:.3f} s")
    print("stress shapes (ms/KB ratio vs the large text article):")
    ok = all(found == expected for _, _, found, expected in rows.values())
    for name, (raw, fmt, expected) in stress_articles(args.size_kb * 1024).items():
        seconds, found = best_time(raw, fmt, 1)
        kb = len(raw.encode("utf-8")) / 1024
        ok = ok and found == expected
        print(
            f"  {name:30} {kb:7.1f} KB {seconds * 1000:8.1f} ms  ratio {seconds / kb * 1000 / text_large:5.2f}"
            f"  citations {found}/{expected}"
        )
    if not ok:
        print("citation counts differ from the markers written")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
