"""Notes written as text: "[i] URL" lines, "References" sections, numbered source lists.

Shared by every format: a Markdown "## Sources" list or an HTML "<h3>Notes</h3><ol>" without
ids is found here too. A notes section is either introduced by a heading (Notes, References,
Sources, Примечания, Источники, ...) or, without one, is the run of labelled lines that ends
the article ("[i] https://..."), possibly followed by a few trailer lines (a "read more in our
Telegram channel" promo), which are neither body nor notes.
"""

from __future__ import annotations

import logging
import re

from citecheck.articles.doc import ROLE_BODY, ROLE_NOTES, ROLE_TRAILER, Note, RawBlock
from citecheck.articles.urls import find_urls, is_promo_line, is_valid_url

LOGGER = logging.getLogger(__name__)

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
# A valid lower-case Roman numeral (i..mmmcmxcix), as footnote labels are written.
ROMAN = r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
ROMAN_RE = re.compile(ROMAN + r"$")
# Footnotes numbered in Roman run "[i]".."[xx]" and a little beyond; "[l]", "[c]" are letters.
MAX_STRONG_ROMAN = 39
NOTES_TITLE_RE = re.compile(
    r"^[\W_]*(?:(?:end|foot)?notes?|references?|sources?|citations|bibliography|works cited"
    r"|(?:notes|references|sources) and (?:notes|references|sources)|source list"
    r"|примечани[яе]|источники|ссылки|сноски|литература|список (?:литературы|источников)"
    r"|использованные источники|примітки|джерела|посилання|виноски|список джерел)[\W_]*$",
    re.IGNORECASE,
)
# A title line is short; a longer "Sources say ..." line is a sentence.
NOTES_TITLE_MAX = 60
_NOTE_LINE_RE = re.compile(
    r"^\s*(?:\[\^(?P<caret>[^\]\s]{1,40})\]:?"
    r"|\[(?P<bracket>[^\]\s]{1,12})\]:?"
    r"|\((?P<paren>\d{1,3}|" + ROMAN + r")\)"
    r"|(?P<sup>[" + SUPERSCRIPT_DIGITS + r"]+)"
    r"|\^(?P<hat>\d{1,3})"
    r"|(?P<num>\d{1,3}|" + ROMAN + r")[.)]"
    r"|(?P<bare>\d{1,3})(?=\s))"
    r"(?:\s+|$)(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# Forms that mark a note even without a "Notes" heading.
_STRONG_FORMS = ("caret", "bracket", "sup", "hat")
# Lines after the notes that may be skipped as a trailer (promo, copyright) when looking for
# heading-less notes; more than this and the last lines are body text.
MAX_TRAILER_BLOCKS = 3
# A trailer line is short.
MAX_TRAILER_CHARS = 300


def norm_label(label: str) -> str:
    """Return the lookup form of a footnote label: trimmed, lower-case, superscripts as digits."""
    return label.strip().translate(_SUP_TO_DIGIT).lower()


def label_key(label: str) -> str:
    """Return the note key for a label-addressed note."""
    return "label:" + norm_label(label)


def _roman_value(label: str) -> int:
    """Return the value of a valid Roman numeral."""
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for ch, nxt in zip(label, [*label[1:], ""], strict=True):
        value = values[ch]
        total += -value if nxt and values[nxt] > value else value
    return total


def is_strong_label(label: str) -> bool:
    """Return True for labels that are markers even with no note: digits, lower-case Roman.

    Roman labels count up to ``MAX_STRONG_ROMAN``: "[c]", "[d]", "[m]" are letters, not notes.
    """
    label = label.strip()
    if label.isdigit():
        return True
    return label.islower() and bool(ROMAN_RE.match(label)) and _roman_value(label) <= MAX_STRONG_ROMAN


def _valid_bracket_label(label: str) -> bool:
    """Return True for a plausible bracketed note label ("1", "iv", "a", "note-3")."""
    return bool(re.fullmatch(r"[\w-]{1,12}", label)) and not label.startswith("-")


def parse_note_line(line: str) -> tuple[str, str, bool] | None:
    """Parse one line of a notes list.

    Args:
        line: the line.

    Returns:
        ``(label, rest, strong)`` where strong tells the line is a note in any position, or
        None when the line does not start with a note label.
    """
    match = _NOTE_LINE_RE.match(line)
    if not match:
        return None
    for form in ("caret", "bracket", "paren", "sup", "hat", "num", "bare"):
        label = match.group(form)
        if label is None:
            continue
        if form == "bracket" and not _valid_bracket_label(label):
            return None
        return norm_label(label), match.group("rest").strip(), form in _STRONG_FORMS
    return None


def _is_url_only(line: str) -> bool:
    """Return True for a line that is nothing but a URL or DOI."""
    stripped = line.strip()
    urls, bad = find_urls(stripped)
    return bool(stripped) and " " not in stripped and bool(urls or bad)


def _make_note(label: str, text: str, hrefs: list[str], order: int) -> Note:
    """Build a note from its text and the link targets on its line."""
    urls, bad = find_urls(text)
    valid_hrefs = [h for h in hrefs if is_valid_url(h)]
    merged = valid_hrefs + [u for u in urls if u not in valid_hrefs]
    return Note(label_key(label), label, text, merged, bad, order)


def _extend_note(note: Note, text: str, hrefs: list[str]) -> None:
    """Append a continuation line to a note."""
    more = _make_note(note.label, text, hrefs, note.order)
    note.text = f"{note.text}\n{text}".strip()
    note.urls.extend(u for u in more.urls if u not in note.urls)
    note.bad_urls.extend(more.bad_urls)


def _read_section(
    blocks: list[RawBlock], first: int, *, start_order: int, labelled_only: bool = False
) -> tuple[dict[str, Note], int]:
    """Read the notes listed from block ``first`` on; return them and the last block used."""
    notes: dict[str, Note] = {}
    current: Note | None = None
    last = first - 1
    running = 0
    for k in range(first, len(blocks)):
        block = blocks[k]
        if block.role == ROLE_NOTES:
            last = k
            continue
        if block.kind == "heading":
            break
        for number, (line, hrefs) in enumerate(block.lines()):
            if not line.strip():
                continue
            parsed = parse_note_line(line)
            if parsed is None and block.kind == "item" and number == 0:
                running = block.ordinal if block.ordinal is not None else running + 1
                parsed = (str(running), line.strip(), False)
            if parsed is not None:
                label, rest, _ = parsed
                if label.isdigit():
                    running = int(label)
                current = _make_note(label, rest, hrefs, start_order + len(notes))
                notes.setdefault(current.key, current)
            elif current is not None and (line[:1].isspace() or _is_url_only(line) or number > 0):
                _extend_note(current, line.strip(), hrefs)
            elif is_promo_line(line):
                continue
            elif not labelled_only and (find_urls(line)[0] or hrefs):
                running += 1
                current = _make_note(str(running), line.strip(), hrefs, start_order + len(notes))
                notes.setdefault(current.key, current)
            else:
                return notes, last
        last = k
    return notes, last


def _is_note_block(block: RawBlock) -> bool:
    """Return True for a block whose lines are all strongly labelled notes or URL lines."""
    lines = [(line, hrefs) for line, hrefs in block.lines() if line.strip()]
    if not lines or block.kind in ("heading", "code"):
        return False
    first = parse_note_line(lines[0][0])
    if first is None:
        return False
    label, rest, strong = first  # noqa: RUF059
    if not rest and len(lines) == 1:
        return False  # a marker alone on its line; a note only when a URL line follows
    has_url = bool(find_urls(rest)[0] or find_urls(rest)[1] or lines[0][1])
    if not strong and not has_url:
        return False
    return all(parse_note_line(line) is not None or _is_url_only(line) for line, _ in lines[1:])


def _is_label_line(block: RawBlock) -> bool:
    """Return True for a note block, or a strong label alone on its line ("[iv]")."""
    if _is_note_block(block):
        return True
    parsed = parse_note_line(block.plain())
    return parsed is not None and parsed[2] and not parsed[1] and block.kind not in ("heading", "code")


def _mark(blocks: list[RawBlock], first: int, last: int) -> None:
    """Mark blocks first..last as notes and everything after as trailer."""
    for k in range(first, len(blocks)):
        if blocks[k].role == ROLE_BODY:
            blocks[k].role = ROLE_NOTES if k <= last else ROLE_TRAILER


def extract_text_notes(blocks: list[RawBlock], *, start_order: int = 0) -> dict[str, Note]:
    """Find the notes section written as text, mark its blocks' roles, and return its notes.

    Args:
        blocks: the document's blocks; their ``role`` is updated in place.
        start_order: order number of the first note found (after structural notes).

    Returns:
        the notes by key (``label:<label>``).
    """
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        title = block.plain().strip()
        if block.role != ROLE_BODY or block.kind not in ("heading", "para"):
            continue
        if len(title) > NOTES_TITLE_MAX or not NOTES_TITLE_RE.match(title):
            continue
        notes, last = _read_section(blocks, i + 1, start_order=start_order)
        only_notes_follow = all(b.role != ROLE_BODY for b in blocks[i + 1 :])
        if notes or (only_notes_follow and i + 1 < len(blocks)):
            _mark(blocks, i, last)
            return notes
    return _trailing_notes(blocks, start_order=start_order)


def _trailing_notes(blocks: list[RawBlock], *, start_order: int) -> dict[str, Note]:
    """Find heading-less notes: the labelled lines that end the article."""
    k = len(blocks) - 1
    while k >= 0 and blocks[k].role != ROLE_BODY:
        k -= 1
    skipped = 0
    while (
        k >= 0
        and skipped < MAX_TRAILER_BLOCKS
        and blocks[k].role == ROLE_BODY
        and not _is_note_block(blocks[k])
        and len(blocks[k].plain()) < MAX_TRAILER_CHARS
    ):
        k -= 1
        skipped += 1
    end = k
    while k >= 0 and blocks[k].role == ROLE_BODY:
        block = blocks[k]
        if _is_note_block(block):
            k -= 1
        elif k > 0 and _is_url_only(block.plain()) and _is_label_line(blocks[k - 1]):
            k -= 2
        else:
            break
    first = k + 1
    if first > end:
        return {}
    notes, last = _read_section(blocks, first, start_order=start_order, labelled_only=True)
    if not notes:
        return {}
    _mark(blocks, first, last)
    return notes
