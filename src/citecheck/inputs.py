"""Read an article to check from a file, standard input, or (through the fetch stage) a URL."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from citecheck.errors import InputError
from citecheck.fetch.decode import decode_body

# Bytes inspected for NUL bytes when deciding whether a file is binary.
_BINARY_SNIFF_BYTES = 8192
# Largest article accepted (bytes): far beyond any real article, small enough to parse quickly.
MAX_ARTICLE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article's raw text and where it came from."""

    source: str
    raw: str


def is_url(value: str) -> bool:
    """True for an http(s) URL argument."""
    return value.lower().startswith(("http://", "https://"))


def decode_article(data: bytes, source: str, content_type: str | None = None) -> ArticleInput:
    """Validate and decode an article's bytes (rejecting binary and empty input)."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(f"{source}: article is larger than {MAX_ARTICLE_BYTES // 2**20} MiB")
    head = data[:_BINARY_SNIFF_BYTES]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{source}: not a text article (binary data)")
    text, _encoding = decode_body(data, content_type)
    if not text.strip():
        raise InputError(f"{source}: the article is empty")
    controls = sum(1 for ch in text[:_BINARY_SNIFF_BYTES] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > len(text[:_BINARY_SNIFF_BYTES]) // 20:
        raise InputError(f"{source}: not a text article (binary data)")
    return ArticleInput(source=source, raw=text.lstrip("\ufeff"))


def read_article_file(name: str) -> ArticleInput:
    """Read an article from a path, or from standard input for ``-``.

    Returns:
        The decoded text; the source is the absolute path, or ``stdin:<sha256 prefix>``.
    """
    if name == "-":
        data = sys.stdin.buffer.read()
        digest = hashlib.sha256(data).hexdigest()[:16]
        return decode_article(data, f"stdin:{digest}")
    path = Path(name)
    if not path.exists():
        raise InputError(f"article not found: {name}")
    if path.is_dir():
        raise InputError(f"article is a folder, not a file: {name}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read article {name}: {exc.strerror or exc}") from exc
    return decode_article(data, str(path.resolve()))
