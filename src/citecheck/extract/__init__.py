"""Extraction: the article body and its metadata, not the page's chrome.

::

    extract(html, url) -> Extraction            main text + title, date, author, site, lang
    extract_bytes(body, url, content_type)      the same, decoding the bytes first
    normalize_text(text) / text_hash(text)      cosmetic-insensitive form and its SHA-256
"""

from __future__ import annotations

from citecheck.extract.extractor import EXTRACTOR_VERSION, extract, extract_bytes
from citecheck.extract.lang import detect_language
from citecheck.extract.normalize import normalize_text, text_hash

__all__ = [
    "EXTRACTOR_VERSION",
    "detect_language",
    "extract",
    "extract_bytes",
    "normalize_text",
    "text_hash",
]
