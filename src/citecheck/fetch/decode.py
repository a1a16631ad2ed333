"""Turn response bytes into text, whatever encoding the page claims or hides."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)
# Bytes of the document head searched for a <meta charset>.
_META_SCAN_BYTES = 4096
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def declared_charset(body: bytes, content_type: str | None) -> str | None:
    """The charset named by the BOM, the HTTP header, or a ``<meta>`` tag, in that order."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    if content_type:
        match = _HTTP_CHARSET.search(content_type)
        if match and _known(match.group(1)):
            return _known(match.group(1))
    match = _META_CHARSET.search(body[:_META_SCAN_BYTES])
    if match:
        return _known(match.group(1).decode("ascii", "replace"))
    return None


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page, checking the declared charset against the bytes.

    Returns:
        ``(text, encoding)``. A declared charset that fails to decode, or decodes to
        mojibake while another encoding reads cleanly, is overridden by sniffing.
    """
    declared = declared_charset(body, content_type)
    if declared:
        try:
            text = body.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            if declared.startswith("utf") or not _looks_like_mojibake(text):
                return text, declared
    best = charset_normalizer.from_bytes(body).best()
    if best is not None and best.encoding:
        return str(best), codecs.lookup(best.encoding).name
    return body.decode("utf-8", errors="replace"), "utf-8"


def _looks_like_mojibake(text: str) -> bool:
    """UTF-8 Cyrillic read as a single-byte code page shows runs like 'Ð\x9f' or 'Рџ'."""
    sample = text[:20000]
    return sample.count("Ð") + sample.count("Ñ") > 20 or len(re.findall("Р[ЃЉЊЌЋЏђѓ‚„…†‡€‰љ‹њќћџ]", sample)) > 20
