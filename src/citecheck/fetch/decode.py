"""Turn response bytes into text, whatever encoding the page claims or hides.

Order of evidence: a byte-order mark; then the bytes themselves where they are decisive
(a body that is valid UTF-8 with non-ASCII text is UTF-8, whatever is declared, because
Cyrillic in a single-byte code page is never valid UTF-8 at length); then the declared
charset (HTTP header, ``<meta>``, XML declaration) unless it reads as garbage while a
Cyrillic code page reads as Russian or Ukrainian; finally sniffing (Cyrillic code pages
scored by letter case and frequency, then charset_normalizer).
"""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

LOGGER = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""", re.I)
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"[^\W\d_]+")
# Bytes of the document head searched for a <meta charset> (the HTML spec's prescan uses 1024;
# real pages put it after long inline scripts, so look further).
_META_SCAN_BYTES = 8192
# Characters examined when scoring a candidate decoding (enough for any page's body text).
_SAMPLE_CHARS = 200_000
# A UTF-8 body may carry this many broken sequences per 100 non-ASCII characters (a cut
# multi-byte character at a truncation, one bad byte in an ad) and still be UTF-8.
_UTF8_ERRORS_PER_100 = 2
# Fewest Cyrillic letters for a Cyrillic plausibility score to mean anything.
_MIN_CYRILLIC = 20
# A Cyrillic decoding scoring at least this reads as real Russian/Ukrainian text.
_CYRILLIC_PLAUSIBLE = 0.3
# A declared Cyrillic code page scoring at least this is taken without trying the others
# (right decodings of news pages score about 0.9; wrong ones below 0.5).
_CYRILLIC_CONFIDENT = 0.7
# Share of non-ASCII letters, inside words that have any, above which a Latin code page is
# not the page's real encoding (accented letters are a minority even in French or Czech words).
_LATIN_DISGUISE_RATIO = 0.5
# Single-byte code pages tried for Cyrillic text, most common first (ties go to the first).
_CYRILLIC_CANDIDATES = ("cp1251", "koi8-u", "koi8-r", "iso8859-5", "cp866", "mac-cyrillic")
# Letter frequencies (per cent) of running Russian and Ukrainian text (national corpora).
_RU_FREQ = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
        (
            10.97,
            8.45,
            8.01,
            7.35,
            6.70,
            6.26,
            5.47,
            4.73,
            4.54,
            4.40,
            3.49,
            3.21,
            2.98,
            2.81,
            2.62,
            2.01,
            1.90,
            1.74,
            1.70,
            1.65,
            1.59,
            1.44,
            1.21,
            0.97,
            0.94,
            0.73,
            0.64,
            0.48,
            0.36,
            0.32,
            0.26,
            0.04,
            0.04,
        ),
        strict=True,
    )
)
_UK_FREQ = dict(
    zip(
        "оаниівтерскдлумпязьгбчхйжцшюєїщфґ",
        (
            9.4,
            7.2,
            6.5,
            6.1,
            5.9,
            5.3,
            5.7,
            5.0,
            4.7,
            4.1,
            3.6,
            3.2,
            3.5,
            3.3,
            3.1,
            2.9,
            2.2,
            2.3,
            1.6,
            1.6,
            1.6,
            1.2,
            1.2,
            1.1,
            0.9,
            0.7,
            0.8,
            0.7,
            0.8,
            0.6,
            0.6,
            0.3,
            0.1,
        ),
        strict=True,
    )
)
# Non-letter characters normal in Cyrillic pages (typography, not mojibake).
_TYPOGRAPHY = frozenset("«»—–…“”„’‘№\xa0•·©®°×−")
# Another Cyrillic code page must read this much better than a declared one to override it.
_DECLARED_MARGIN = 1.2
# A later candidate code page must beat an earlier one by this factor to replace it.
_CANDIDATE_MARGIN = 1.03
_ALIASES = {
    "win-1251": "cp1251",
    "windows1251": "cp1251",
    "x-cp1251": "cp1251",
    "cp-1251": "cp1251",
    "win1251": "cp1251",
    "x-mac-cyrillic": "mac-cyrillic",
    # The WHATWG encoding standard reads these labels as windows-1252.
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CYRILLIC_CODECS = frozenset(codecs.lookup(n).name for n in _CYRILLIC_CANDIDATES)
_KOI8_R = codecs.lookup("koi8-r").name
_KOI8_U = codecs.lookup("koi8-u").name


def normalize_charset(name: str | None) -> str | None:
    """A Python codec name for a charset label, or ``None`` when unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def http_charset(content_type: str | None) -> str | None:
    """The charset named in a Content-Type header, as a codec name."""
    if not content_type:
        return None
    match = _HTTP_CHARSET.search(content_type)
    return normalize_charset(match.group(1)) if match else None


def document_charset(body: bytes) -> str | None:
    """The charset named inside the document: ``<meta>`` or an XML declaration."""
    head = body[:_META_SCAN_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if match:
        return normalize_charset(match.group(1).decode("ascii", "replace"))
    return None


def bom_charset(body: bytes) -> str | None:
    """The encoding named by a byte-order mark, if the body starts with one."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    return None


def declared_charset(body: bytes, content_type: str | None) -> str | None:
    """The charset named by the BOM, the HTTP header, or the document, in that order."""
    return bom_charset(body) or http_charset(content_type) or document_charset(body)


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page, checking the declared charset against the bytes.

    Args:
        body: the content-decoded response body.
        content_type: the Content-Type header (its charset is one piece of evidence).

    Returns:
        ``(text, encoding)`` with ``encoding`` a Python codec name. A declared charset
        that fails to decode, or reads as mojibake while another encoding reads cleanly,
        is overridden.
    """
    bom = bom_charset(body)
    if bom:
        return body.decode(bom, errors="replace"), bom
    declared = [c for c in (http_charset(content_type), document_charset(body)) if c]
    if not body:
        return "", declared[0] if declared else "utf-8"
    utf8 = _as_utf8(body)
    if utf8 is not None:
        text, has_non_ascii = utf8
        if has_non_ascii or not declared:
            return text, "utf-8"
        return text, declared[0]
    for name in dict.fromkeys(declared):
        if name == "utf-8":
            continue
        try:
            text = body.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        better = _better_cyrillic(body, text, name)
        if better is not None:
            LOGGER.debug("declared charset %s overridden by %s", name, better[1])
            return better
        return text, name
    return _sniff(body)


def _as_utf8(body: bytes) -> tuple[str, bool] | None:
    """``(text, has_non_ascii)`` when the body is UTF-8 (allowing a few broken bytes)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text, not body.isascii()
    try:  # a body cut inside its last character (a size cap, a truncated download)
        text = codecs.getincrementaldecoder("utf-8")().decode(body, final=False)
    except UnicodeDecodeError:
        pass
    else:
        return text + "\ufffd", True
    text = body.decode("utf-8", errors="replace")
    errors = text.count("\ufffd") - body.count(b"\xef\xbf\xbd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if errors * 100 <= (non_ascii - errors) * _UTF8_ERRORS_PER_100:
        return text, True
    return None


def cyrillic_score(text: str) -> float:
    """How much ``text`` reads like Russian/Ukrainian: 0 (garbage or none) to about 1.

    The overlap of its letter frequencies with Russian's or Ukrainian's (case folded),
    times the share of non-ASCII characters that are Cyrillic letters or typography.
    """
    chars = _NON_ASCII.findall(text[:_SAMPLE_CHARS])
    cyrillic = [c.lower() for c in chars if "\u0400" <= c <= "\u04ff"]
    if len(cyrillic) < _MIN_CYRILLIC:
        return 0.0
    counts: dict[str, int] = {}
    for c in cyrillic:
        counts[c] = counts.get(c, 0) + 1
    total = len(cyrillic)
    overlap = max(
        sum(min(n * 100 / total, table.get(c, 0.0)) for c, n in counts.items()) / sum(table.values())
        for table in (_RU_FREQ, _UK_FREQ)
    )
    clean = (total + sum(1 for c in chars if c in _TYPOGRAPHY)) / len(chars)
    return overlap * clean


def _best_cyrillic(body: bytes) -> tuple[str, str, float] | None:
    """The best-scoring Cyrillic code page for ``body``: ``(text, codec, score)``."""
    best: tuple[str, str, float] | None = None
    for name in _CYRILLIC_CANDIDATES:
        try:
            text = body.decode(name)
        except UnicodeDecodeError:
            continue
        score = cyrillic_score(text)
        if best is None or score > best[2] * _CANDIDATE_MARGIN:
            best = (text, codecs.lookup(name).name, score)
    if best is not None and best[1] == _KOI8_U and body.decode(_KOI8_R, errors="replace") == best[0]:
        return best[0], _KOI8_R, best[2]
    return best


def _better_cyrillic(body: bytes, text: str, name: str) -> tuple[str, str] | None:
    """A Cyrillic decoding that reads clearly better than the declared one, if any."""
    if name in _CYRILLIC_CODECS:
        own = cyrillic_score(text)
        if name == _KOI8_R:  # Ukrainian pages in KOI8-U are often labelled KOI8-R
            ukrainian = body.decode(_KOI8_U)
            if ukrainian != text and cyrillic_score(ukrainian) > own:
                return ukrainian, _KOI8_U
        if own >= _CYRILLIC_CONFIDENT:
            return None
        floor = max(own, _CYRILLIC_PLAUSIBLE) * _DECLARED_MARGIN
    else:
        words = [w for w in _WORD.findall(text[:_SAMPLE_CHARS]) if not w.isascii()]
        letters = sum(len(w) for w in words)
        foreign = sum(1 for w in words for c in w if not c.isascii())
        if not letters or foreign / letters < _LATIN_DISGUISE_RATIO:
            return None
        floor = _CYRILLIC_PLAUSIBLE
    best = _best_cyrillic(body)
    if best is not None and best[1] != name and best[2] > floor:
        return best[0], best[1]
    return None


def _sniff(body: bytes) -> tuple[str, str]:
    """Guess an undeclared (or wrongly declared) encoding."""
    best = _best_cyrillic(body)
    if best is not None and best[2] >= _CYRILLIC_PLAUSIBLE:
        return best[0], best[1]
    match = charset_normalizer.from_bytes(body).best()
    if match is not None and match.encoding:
        return str(match), codecs.lookup(match.encoding).name
    return body.decode("utf-8", errors="replace"), "utf-8"
