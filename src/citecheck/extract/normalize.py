"""A normalised form of extracted text, and its hash, that ignore cosmetic edits.

A recheck compares hashes: typographic quotes swapped for straight ones, a dash style, a
soft hyphen, a non-breaking space or a re-wrapped paragraph must not look like a changed
article, while any change of words, numbers or names must.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Every quotation mark folds to its ASCII form.
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2036\u275d\u275e\u301d\u301e\uff02"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2039\u203a\u2032\u2035\u275b\u275c\uff07\u02bc"
# Hyphens, dashes and the minus sign fold to "-".
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Invisible characters dropped outright: soft hyphen, zero-width and bidi marks, BOM.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u180e"

_TABLE: dict[int, str | None] = {}
_TABLE.update(dict.fromkeys(map(ord, _DOUBLE_QUOTES), '"'))
_TABLE.update(dict.fromkeys(map(ord, _SINGLE_QUOTES), "'"))
_TABLE.update(dict.fromkeys(map(ord, _DASHES), "-"))
_TABLE.update(dict.fromkeys(map(ord, _INVISIBLE), None))
_TABLE[ord("\u2026")] = "..."

# \s covers NBSP, thin and other Unicode spaces, and the line/paragraph separators.
_WHITESPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Fold cosmetic differences out of a text.

    Args:
        text: any text (an extraction's body, a title, a quotation).

    Returns:
        The text in Unicode NFC with typographic quotes made ASCII, dashes and minus signs
        made "-", the ellipsis made "...", soft hyphens and zero-width characters removed,
        and every run of whitespace (newlines and non-breaking spaces included) made one
        space, with no leading or trailing space.
    """
    folded = unicodedata.normalize("NFC", text).translate(_TABLE)
    return _WHITESPACE.sub(" ", folded).strip()


def text_hash(text: str) -> str:
    """The SHA-256 of a text's normalised form.

    Args:
        text: the text to fingerprint.

    Returns:
        64 lowercase hex digits; equal for texts that differ only cosmetically.
    """
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()
