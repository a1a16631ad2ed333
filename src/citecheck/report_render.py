"""Draw report data (from :func:`citecheck.report.collect`) as text, Markdown or one HTML file.

Text from cited pages is hostile until proven otherwise: the text form drops control
characters (terminal escapes), the Markdown form escapes HTML and Markdown syntax, and the HTML
form escapes everything, links only ``http(s)`` URLs, carries no script, and forbids any other
content with a Content-Security-Policy whose only allowance is its own stylesheet's hash.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import re
from datetime import UTC, datetime
from typing import Any

from citecheck.review import GONE_OUTCOMES

# C0/C1 control characters other than tab and newline (terminal escape sequences start with ESC).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Markdown syntax that can act inside a line (HTML's < > & are escaped as entities first).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_SAFE_SCHEMES = ("http://", "https://")
# Text-form markers around highlighted anchors (kept plain so terminals and mail show them).
TEXT_MARK = ("[[", "]]")


def clean(value: Any) -> str:
    """A value as text with control characters (except tab and newline) removed."""
    return _CONTROL.sub("", "" if value is None else str(value))


def when(value: Any) -> str:
    """An ISO time as ``2026-03-01 14:00 UTC`` (other values unchanged)."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return clean(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


def _score(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, int | float) else "-"


def _segments(evidence: str, spans: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """Cut the evidence into (text, highlight kind or None) pieces."""
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for span in spans:
        start, end = max(span["start"], at), min(span["end"], len(evidence))
        if start >= end:
            continue
        if start > at:
            pieces.append((evidence[at:start], None))
        pieces.append((evidence[start:end], span["kind"]))
        at = end
    if at < len(evidence):
        pieces.append((evidence[at:], None))
    return pieces


def _warc(c: dict[str, Any]) -> str | None:
    warc = c.get("warc")
    if not warc:
        return None
    return f"{warc['path']} @ offset {warc['offset']}" + (
        f" ({warc['length']} bytes)" if warc.get("length") else ""
    )


def _state(c: dict[str, Any]) -> str:
    """A short line on the review state, or ''."""
    review = c.get("review")
    if not review:
        return ""
    verb = {"accept": "accepted", "dismiss": "dismissed"}.get(review["action"], review["action"])
    text = f"{verb} by {review['by'] or 'someone'} at {when(review['at'])}"
    if review["note"]:
        text += f": {review['note']}"
    if review["action"] == "dismiss" and not review.get("holds", True):
        text += " (no longer holds: the page or the verdict changed since)"
    return text


def _change(c: dict[str, Any]) -> str:
    """A short line on what changed at the last check, or ''."""
    parts = []
    drift = c.get("drift")
    if drift and drift["current"]:
        previous_check = when(drift["previous_checked_at"] or "the previous check")
        parts.append(f"page {drift['kind']} since {previous_check}")
        if drift["similarity"] is not None and drift["kind"] != "unchanged":
            parts[-1] += f" (similarity {drift['similarity']:.2f})"
    elif c.get("last_changed_at"):
        parts.append(f"page last changed {when(c['last_changed_at'])}")
    previous = c.get("previous_verdict")
    if previous and previous != c["verdict"]:
        parts.append(f"verdict was {previous}")
    return "; ".join(parts)


def _link(c: dict[str, Any]) -> str:
    """A short line on link rot and which copy the verdict rests on, or ''."""
    parts = []
    status = c.get("link_status")
    if c.get("outcome") and c["outcome"] not in ("ok", "moved"):
        parts.append(f"live page {c['outcome']}" + (f" ({status})" if status else ""))
    basis = c.get("basis")
    if basis in ("local-archive", "wayback"):
        parts.append(f"verdict rests on the {basis} copy")
    return "; ".join(parts)


def _why(c: dict[str, Any]) -> str:
    """Why a page could not be read (a dead verdict's reason), or ''."""
    reasons = c.get("reasons") or {}
    reason = reasons.get("reason") if c["verdict"] == "dead" else None
    return reason if isinstance(reason, str) else ""


def _headline(c: dict[str, Any]) -> str:
    flags = " NEW" if c.get("new") else ""
    score = _score(c["score"])
    return f"[{clean(c['marker'])}] {c['verdict']}{flags}  score {score}  fetch {clean(c['outcome'] or '-')}"


def render_text(data: dict[str, Any]) -> str:
    """Plain text, one block per article, anchors marked ``[[like this]]``."""
    lines: list[str] = []
    for article in data["articles"]:
        lines.append(f"== {clean(article['title'] or article['source'])}  (article {article['id']})")
        for c in article["citations"]:
            lines.append(f"  {_headline(c)}  citation {c['id']}")
            lines.append(f"      claim: {clean(c['claim'])}")
            if c["evidence"]:
                ev = "".join(
                    f"{TEXT_MARK[0]}{t}{TEXT_MARK[1]}" if kind else t
                    for t, kind in _segments(c["evidence"], c["highlights"])
                )
                lines.append(f"      evidence: {clean(ev)}")
            missing = [clean(a["claim"]) for a in c["anchors"]["missing"]]
            if missing:
                lines.append(f"      not found on the page: {', '.join(missing)}")
            notes = (("link", _link(c)), ("why", _why(c)), ("changed", _change(c)), ("review", _state(c)))
            for label, value in notes:
                if value:
                    lines.append(f"      {label}: {clean(value)}")
            drift = c.get("drift")
            if drift and drift["current"] and drift["kind"] == "changed" and drift["diff"]:
                lines.extend("        " + clean(d) for d in drift["diff"].splitlines())
            lines.append(f"      live: {clean(c['final_url'] or c['url'] or '-')}")
            if _warc(c):
                lines.append(f"      archive: {clean(_warc(c))}")
            if c["wayback"]:
                lines.append(f"      wayback: {clean(c['wayback'])}")
        if not article["citations"]:
            lines.append("  (no citations)")
    if not lines:
        return "nothing to report\n"
    s = data["summary"]
    lines.append(f"{s['needs_look']} of {s['citations']} citation(s) need a look ({s['new_problems']} new)")
    return "\n".join(lines) + "\n"


# Spreadsheet formula starters: a cell beginning with one is prefixed with ' so it stays text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "article_id", "article", "citation_id", "marker", "verdict", "score", "new", "needs_look",
    "problem_since", "outcome", "link_status", "basis", "claim", "evidence", "drift",
    "last_changed_at", "review", "review_by", "review_at", "review_holds", "url", "final_url",
    "warc_path", "warc_offset", "wayback", "checked_at",
)  # fmt: skip


def _cell(value: Any) -> Any:
    """A CSV cell: text from pages cannot start a spreadsheet formula."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float) or value is None:
        return "" if value is None else value
    text = clean(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(data: dict[str, Any]) -> str:
    """CSV, one row per citation (columns :data:`CSV_COLUMNS`), for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for article in data["articles"]:
        for c in article["citations"]:
            review, warc, drift = c.get("review") or {}, c.get("warc") or {}, c.get("drift") or {}
            row = {
                **{k: c.get(k) for k in CSV_COLUMNS if k in c},
                "article_id": article["id"],
                "article": article["title"] or article["source"],
                "citation_id": c["id"],
                "drift": drift.get("kind") if drift.get("current") else None,
                "review": review.get("action"),
                "review_by": review.get("by"),
                "review_at": review.get("at"),
                "review_holds": review.get("holds"),
                "warc_path": warc.get("path"),
                "warc_offset": warc.get("offset"),
            }
            writer.writerow([_cell(row.get(k)) for k in CSV_COLUMNS])
    return out.getvalue()


def md_escape(value: Any) -> str:
    """Text safe inside Markdown: HTML escaped, Markdown syntax backslashed, on one line."""
    text = html.escape(clean(value), quote=False).replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_link(url: Any) -> str:
    text = clean(url)
    if text.startswith(_SAFE_SCHEMES) and not re.search(r"[\s<>]", text):
        return f"<{text}>"
    return md_escape(text) or "-"


def render_markdown(data: dict[str, Any]) -> str:
    """Markdown: a section per article, a list item per citation, anchors in bold."""
    out: list[str] = ["# citecheck report", ""]
    for article in data["articles"]:
        out += [f"## {md_escape(article['title'] or article['source'])}", ""]
        for c in article["citations"]:
            new = " **new**" if c.get("new") else ""
            out.append(
                f"- **[{md_escape(c['marker'])}] {c['verdict']}**{new} · score {_score(c['score'])} · "
                f"fetch {md_escape(c['outcome'] or '-')} · citation {c['id']}"
            )
            out.append(f"  - Claim: {md_escape(c['claim'])}")
            if c["evidence"]:
                ev = "".join(
                    f"**{md_escape(t)}**" if kind else md_escape(t)
                    for t, kind in _segments(c["evidence"], c["highlights"])
                )
                out.append(f"  - Evidence: {ev}")
            missing = [md_escape(a["claim"]) for a in c["anchors"]["missing"]]
            if missing:
                out.append(f"  - Not found on the page: {', '.join(missing)}")
            notes = (("Link", _link(c)), ("Why", _why(c)), ("Changed", _change(c)), ("Review", _state(c)))
            for label, value in notes:
                if value:
                    out.append(f"  - {label}: {md_escape(value)}")
            drift = c.get("drift")
            if drift and drift["current"] and drift["kind"] == "changed" and drift["diff"]:
                fence = "~~~~~"  # a fence no diff line can close: runs of tildes are broken up
                body = clean(drift["diff"]).replace("~~~", "~ ~ ~")
                out += [f"    {fence}diff", *("    " + line for line in body.splitlines()), f"    {fence}"]
            out.append(f"  - Live: {_md_link(c['final_url'] or c['url'])}")
            if _warc(c):
                out.append(f"  - Archive: `{clean(_warc(c)).replace('`', '')}`")
            if c["wayback"]:
                out.append(f"  - Wayback: {_md_link(c['wayback'])}")
        out.append("")
    s = data["summary"]
    out.append(f"{s['needs_look']} of {s['citations']} citation(s) need a look ({s['new_problems']} new).")
    return "\n".join(out) + "\n"


_CSS = """:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--mu:#5c5c5c;--bd:#d0d0d0;--ev:#f4f4f4}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#161616;--mu:#a8a8a8;--bd:#444;--ev:#222}}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);
margin:0 auto;max-width:48rem;padding:.75rem}
h1{font-size:1.4rem;margin:.3rem 0}h2{font-size:1.15rem;margin:1.4rem 0 .3rem;overflow-wrap:anywhere}
.meta,.src,small{color:var(--mu);font-size:.85rem}
.c{border:1px solid var(--bd);border-left-width:6px;border-radius:6px;padding:.6rem .75rem;margin:.7rem 0;
overflow-wrap:anywhere}
.supported{border-left-color:#2a8a2a}.partial{border-left-color:#c98a00}.unsupported{border-left-color:#c62828}
.dead,.unchecked{border-left-color:#6d6d6d}
.badge{font-weight:700;text-transform:uppercase;font-size:.8rem;letter-spacing:.03em}
.new{background:#c62828;color:#fff;border-radius:3px;padding:0 .3rem;font-size:.75rem;margin-left:.3rem}
.rot{background:#6d6d6d;color:#fff;border-radius:3px;padding:0 .3rem;font-size:.75rem;margin-left:.3rem}
.claim{margin:.4rem 0;font-style:italic}
.ev{background:var(--ev);padding:.45rem .6rem;border-radius:4px;white-space:pre-wrap;margin:.4rem 0}
mark{background:#ffe36e;color:#000;padding:0 .1rem}mark.x{background:#ffb3b3}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.8rem;background:var(--ev);padding:.4rem;
margin:.3rem 0}
.add{color:#2a8a2a}.del{color:#c62828}
ul.links{padding-left:1.1rem;margin:.3rem 0}ul.links li{margin:.15rem 0}
a{color:#1565c0}@media (prefers-color-scheme:dark){a{color:#82b1ff}}"""
_CSS_HASH = base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode("ascii")
# Nothing may load or run but the inline stylesheet: no scripts, images, fonts, frames, forms.
CSP = (
    f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; img-src 'none'; script-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


def _e(value: Any) -> str:
    return html.escape(clean(value), quote=True)


def _a(url: Any) -> str:
    """A link for an http(s) URL, else the escaped text."""
    text = clean(url)
    if text.startswith(_SAFE_SCHEMES):
        return f'<a href="{_e(text)}" rel="noopener noreferrer nofollow">{_e(text)}</a>'
    return _e(text or "-")


def _html_citation(c: dict[str, Any]) -> list[str]:
    verdict = c["verdict"]
    lang = f' lang="{_e(c["lang"])}"' if c.get("lang") and re.fullmatch(r"[A-Za-z-]{2,12}", c["lang"]) else ""
    flags = "<span class=new>new</span>" if c.get("new") else ""
    if c.get("outcome") in GONE_OUTCOMES:
        flags += f"<span class=rot>link {_e(c['outcome'])}</span>"
    parts = [
        f'<section class="c {verdict}" id="c{c["id"]}">',
        f'<div><span class="badge">{_e(verdict)}</span>{flags}'
        f" <small>[{_e(c['marker'])}] · score {_score(c['score'])} · fetch {_e(c['outcome'] or '-')}"
        f" · citation {c['id']} · checked {_e(when(c['checked_at'] or 'never'))}</small></div>",
        f'<p class="claim">{_e(c["claim"])}</p>',
    ]
    if c["evidence"]:
        ev = "".join(
            f'<mark class="{"x" if kind == "contradicting" else "m"}">{_e(t)}</mark>' if kind else _e(t)
            for t, kind in _segments(c["evidence"], c["highlights"])
        )
        parts.append(f'<div class="ev"{lang}>{ev}</div>')
    missing = [a["claim"] for a in c["anchors"]["missing"]]
    if missing:
        parts.append(f"<p><small>Not found on the page: {_e(', '.join(missing))}</small></p>")
    for value in (_link(c), f"Why: {_why(c)}" if _why(c) else "", _change(c), _state(c)):
        if value:
            parts.append(f"<p><small>{_e(value)}</small></p>")
    drift = c.get("drift")
    if drift and drift["current"] and drift["kind"] == "changed" and drift["diff"]:
        rows = []
        for line in clean(drift["diff"]).splitlines():
            cls = "add" if line.startswith("+") else "del" if line.startswith("-") else ""
            rows.append(f'<span class="{cls}">{_e(line)}</span>' if cls else _e(line))
        parts.append(
            f"<details open><summary>What changed</summary><pre>{chr(10).join(rows)}</pre></details>"
        )
    links = [f"<li>Live: {_a(c['final_url'] or c['url'])}</li>"]
    if _warc(c):
        links.append(f"<li>Archive: <code>{_e(_warc(c))}</code></li>")
    if c["wayback"]:
        links.append(f"<li>Wayback: {_a(c['wayback'])}</li>")
    parts += [f'<ul class="links">{"".join(links)}</ul>', "</section>"]
    return parts


def render_html(data: dict[str, Any]) -> str:
    """One self-contained, escaped HTML page (no script, nothing loaded from anywhere)."""
    s = data["summary"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>citecheck report</title><style>{_CSS}</style></head><body>",
        "<h1>citecheck report</h1>",
        f'<p class="meta">{s["needs_look"]} of {s["citations"]} citation(s) need a look '
        f"({s['new_problems']} new) · generated {_e(when(data['generated_at']))}</p>",
    ]
    for article in data["articles"]:
        parts.append(f"<h2>{_e(article['title'] or article['source'])}</h2>")
        parts.append(f'<p class="src">{_e(article["source"])} · article {article["id"]}</p>')
        for c in article["citations"]:
            parts += _html_citation(c)
        if not article["citations"]:
            parts.append("<p><small>(no citations)</small></p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
