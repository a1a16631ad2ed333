"""Sentence and clause boundaries: razdel, plus repairs for English abbreviations."""

from __future__ import annotations

import logging
import re

from razdel import sentenize

LOGGER = logging.getLogger(__name__)

# Abbreviations after which razdel may cut but an English sentence goes on.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "sen",
        "rep",
        "gov",
        "pres",
        "rev",
        "hon",
        "st",
        "mt",
        "ft",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "vol",
        "vols",
        "pp",
        "p",
        "art",
        "ch",
        "fig",
        "approx",
        "est",
        "vs",
        "v",
        "cf",
        "al",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "govt",
        "ca",
    ]
)
# Only these abbreviations are taken to go on before a capitalised word (titles, "No. 5").
_TITLE_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "sen",
        "rep",
        "gov",
        "rev",
        "hon",
        "st",
        "mt",
        "no",
        "nos",
        "vol",
        "art",
        "fig",
    ]
)
# A quotation that does not close within this many sentences is taken as a stray mark.
MAX_QUOTE_SENTENCES = 8
_LAST_WORD_RE = re.compile(r"(\w+)\.\W*$")
# A number that ends a sentence razdel ran on: "Jan." | "5. The U.S. ..." -> cut after "5.".
_NUMBER_END_RE = re.compile(r"^\d{1,4}\.(?=\s+[\"“«„(]?[A-ZА-ЯЁІЇЄҐ])")
# A "sentence" with no letters or digits, e.g. "(…)" inside a quotation.
_NO_WORDS_RE = re.compile(r"^[\W_]*$")
# Boundaries between the clauses of a compound sentence (", and ...", "; ...").
_CLAUSE_RE = re.compile(
    r",\s+(?:and|but|while|whereas|although|though|yet|so|or|а|но|и|однако|хотя|тогда как)\s+"
    r"|;\s+",
    re.IGNORECASE,
)


def _joins(prev: str, nxt: str) -> bool:
    """Return True when razdel's cut between ``prev`` and ``nxt`` is not a sentence end."""
    if not nxt or _NO_WORDS_RE.match(nxt) or _NO_WORDS_RE.match(prev):
        return True
    first = nxt[0]
    if first.islower():
        return True
    match = _LAST_WORD_RE.search(prev)
    if not match:
        return False
    word = match.group(1).lower()
    if word in _TITLE_ABBREVIATIONS:
        return True
    return word in _ABBREVIATIONS and first.isdigit()


def _open_quotes(text: str) -> int:
    """Return how many quotations a text opens and leaves open (negative: closes more)."""
    if "„" in text:  # „…“ (Russian, German): “ closes  # noqa: SIM108
        curly = text.count("„") - text.count("“")
    else:
        curly = text.count("“") - text.count("”")
    return curly + text.count("«") - text.count("»") + text.count('"') % 2


def _join_quotations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge the sentences of a quotation that closes within a few sentences."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        j = i
        if _open_quotes(text[start:end]) > 0:
            for k in range(i + 1, min(len(spans), i + MAX_QUOTE_SENTENCES)):
                if _open_quotes(text[start : spans[k][1]]) <= 0:
                    j = k
                    break
        out.append((start, spans[j][1]))
        i = j + 1
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split text into sentences.

    Args:
        text: one block of the article.

    Returns:
        ``(start, end)`` offsets of each sentence, in order, without surrounding whitespace;
        a quotation of several sentences stays inside one.
    """
    spans: list[tuple[int, int]] = []
    for sent in sentenize(text):
        start = sent.start
        if spans and _joins(text[spans[-1][0] : spans[-1][1]], sent.text):
            number = _NUMBER_END_RE.match(sent.text)
            if number is None:
                spans[-1] = (spans[-1][0], sent.stop)
                continue
            spans[-1] = (spans[-1][0], sent.start + number.end())
            start = _skip_space(text, spans[-1][1], sent.stop)
            if start >= sent.stop:
                continue
        spans.append((start, sent.stop))
    return _join_quotations(text, spans)


def _skip_space(text: str, pos: int, stop: int) -> int:
    """Return the first non-space position of ``text`` from ``pos`` (at most ``stop``)."""
    while pos < stop and text[pos].isspace():
        pos += 1
    return pos


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a sentence to the clauses that ``[start, end)`` touches.

    Args:
        text: the sentence.
        start: where the cited part (a link's text) begins in it.
        end: where it ends.

    Returns:
        ``(start, end)`` of the clauses of the compound sentence that hold the cited part.
    """
    left, right = 0, len(text)
    for match in _CLAUSE_RE.finditer(text):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start()
            break
    return left, right
