"""Line-level clean-up of an extracted body: furniture that survived the tree pruning.

Some furniture is plain text inside the article container, with no markup to tell it apart:
"Читайте также: <headline>", "Фото: ...", "(Graphic: ... - here)", "Reporting by ...;
Editing by ...", an author signature, the headline repeated as the first line. Each rule is a
pattern of such lines; short lines only, so a real paragraph is never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from citecheck.extract.labels import WEAK_LABELS, WIDGET_LABELS, label_key
from citecheck.extract.normalize import normalize_text

# Lines longer than this are paragraphs, never furniture.
MAX_FURNITURE_CHARS = 300
# Text after a "___" separator at the end, at most this long, is contributor credits.
MAX_CREDITS_TAIL_CHARS = 700
# A signature line has at most this many words.
MAX_SIGNATURE_WORDS = 12

_LABELS_BY_LENGTH = sorted(WIDGET_LABELS - WEAK_LABELS, key=len, reverse=True)
_LABEL_PREFIX = re.compile(
    r"^(?:" + "|".join(re.escape(label) for label in _LABELS_BY_LENGTH) + r")(?=[\s:.\-–—»]|$)",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"^(?:©|\(c\)\s|фото\b|фото:|photo:|photo by\b|photograph:|фотография:|иллюстрация:|ілюстрація:|"
    r"скриншот|источник фото|джерело фото|\(graphic:|\(video:|\(reporting by\b)",
    re.IGNORECASE,
)
_INLINE_CREDIT = re.compile(
    r"(?:\s[/|]\s*(?:фото|photo|скриншот|иллюстрация|ілюстрація)\b|\s(?:фото|photo|источник фото|джерело фото):)"  # noqa: E501
    r"[^.!?]*$",
    re.IGNORECASE,
)
# Table cells come out of trafilatura as "| cell | cell |".
_CELL_EDGES = " |"
_PROMO = re.compile(
    r"^(?:подписывайтесь|подпишитесь|підписуйтесь|підпишіться|больше (?:важных )?новостей в|"
    r"більше новин|все новости (?:по теме|в)|follow .{1,60} on (?:twitter|facebook|instagram|x|youtube|"
    r"telegram|tiktok)|sign up for|subscribe to|реклама\s*:?$)",
    re.IGNORECASE,
)
_ANYWHERE = re.compile(
    r"ctrl\s*\+\s*enter|правила комментирования|правила коментування|правилами комментирования|"
    r"commenting policy|community guidelines",
    re.IGNORECASE,
)
# A bare source credit ("Источник: «Медуза»") anywhere; longer "Источник: ..." lines may be
# quotations and are only removed at the end.
_SOURCE_CREDIT = re.compile(r"^(?:источник|джерело|source|фото|photo)\s*:\s*[^.!?]{1,60}$", re.IGNORECASE)
# A short opening line with a clock time or a numeric date and no sentence: a dateline/byline.
_DATELINE = re.compile(r"\b\d{1,2}:\d{2}|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
# Opening lines at most this long may be datelines.
MAX_DATELINE_CHARS = 100
_TRAILING = re.compile(
    r"^(?:listen to|listen back|watch:|watch live|reporting by|additional reporting|editing by|writing by|compiled by|reporting and writing|our standards:|"  # noqa: E501
    r"(?:источник|джерело|автор|авторы|автори|теги|метки|мітки|tags|source|фото|photo)\s*:)",
    re.IGNORECASE,
)
# What separates a widget heading from the headline in one line ("Читайте также: ...").
_JOINERS = frozenset(":—–-»")
_WORD = re.compile(r"\w")
_SEPARATOR = re.compile(r"^[_\-—–=*]{3,}$")
_SENTENCE_END = re.compile(r"[.!?…]\s*$")


def tidy_lines(text: str) -> list[str]:
    """Lines of a text with inner whitespace collapsed and empty lines dropped."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in lines if line]


def _is_furniture(line: str) -> bool:
    """Caption, credit, promotion or "read also" lines (short lines only)."""
    line = line.strip(_CELL_EDGES)
    if len(line) > MAX_FURNITURE_CHARS:
        return False
    if not _WORD.search(line):
        return True
    if _CAPTION.search(line) or _PROMO.search(line) or _INLINE_CREDIT.search(line) or _ANYWHERE.search(line):
        return True
    if _SOURCE_CREDIT.search(line):
        return True
    match = _LABEL_PREFIX.search(line)
    if match is None:
        return False
    rest = line[match.end() :]
    headline = rest.lstrip(" :.-–—»«\"'“„")
    if not headline:
        return True
    joined = rest.lstrip(" ")[:1] in _JOINERS or headline[0].isupper() or headline[0] != rest.lstrip(" ")[0]
    return joined and not _SENTENCE_END.search(headline)


def drop_furniture(lines: list[str]) -> list[str]:
    """Remove furniture lines; a bare widget heading also takes the headline after it."""
    kept: list[str] = []
    skip_headline = False
    for line in lines:
        if skip_headline:
            skip_headline = False
            if len(line) <= MAX_FURNITURE_CHARS and not _SENTENCE_END.search(line):
                continue
        key = label_key(line)
        if key in WIDGET_LABELS:
            skip_headline = key not in WEAK_LABELS
            continue
        if _is_furniture(line):
            continue
        kept.append(line)
    return kept


def drop_title_echo(lines: list[str], titles: Iterable[str | None]) -> list[str]:
    """Remove opening lines that repeat the headline or give only a date and time.

    Only the lines before the first paragraph (a line longer than ``MAX_DATELINE_CHARS``)
    are examined; a subtitle among them is kept.
    """
    keys = {normalize_text(t).casefold() for t in titles if t}
    kept: list[str] = []
    for index, line in enumerate(lines):
        if len(line) > MAX_DATELINE_CHARS:
            return kept + lines[index:]
        dateline = _DATELINE.search(line) and not _SENTENCE_END.search(line)
        if normalize_text(line).casefold() not in keys and not dateline:
            kept.append(line)
    return kept


def _is_signature(line: str, authors: str | None) -> bool:
    """A closing line that only names the authors."""
    if not authors or len(line.split()) > MAX_SIGNATURE_WORDS or _SENTENCE_END.search(line):
        return False
    names = {normalize_text(n).casefold() for n in re.split(r"[;,]| и | і | and ", authors) if n.strip()}
    parts = {normalize_text(p).casefold() for p in re.split(r"[;,]| и | і | and ", line) if p.strip()}
    return bool(parts) and (parts <= names or normalize_text(line).casefold() in names)


def trim_tail(lines: list[str], authors: str | None) -> list[str]:
    """Remove closing credits ("Reporting by ...", sources, tags, signatures, "___" blocks)."""
    end = len(lines)
    for index in range(len(lines) - 1, max(-1, len(lines) - 8), -1):
        if _SEPARATOR.match(lines[index]) and sum(map(len, lines[index + 1 :])) <= MAX_CREDITS_TAIL_CHARS:
            end = index
            break
    while end > 0:
        line = lines[end - 1]
        if len(line) <= MAX_FURNITURE_CHARS and (
            _TRAILING.search(line) or _SEPARATOR.match(line) or _is_signature(line, authors)
        ):
            end -= 1
            continue
        break
    return lines[:end]


def clean_body(text: str, titles: Iterable[str | None], authors: str | None) -> str:
    """Apply every line rule to an extracted body.

    Args:
        text: the body as extracted (paragraphs on separate lines).
        titles: headline candidates (trafilatura's, JSON-LD, OpenGraph, the ``<h1>``).
        authors: the page's author string, to recognise a closing signature.

    Returns:
        The body as paragraphs separated by single newlines.
    """
    lines = drop_title_echo(tidy_lines(text), titles)
    return "\n".join(trim_tail(drop_furniture(lines), authors))
