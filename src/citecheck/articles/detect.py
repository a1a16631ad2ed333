"""Format detection: by the source's extension, else by sniffing the text."""

from __future__ import annotations

import logging
import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from citecheck.models import ArticleFormat

LOGGER = logging.getLogger(__name__)

_EXTENSIONS = {
    ".txt": ArticleFormat.TEXT,
    ".text": ArticleFormat.TEXT,
    ".md": ArticleFormat.MARKDOWN,
    ".markdown": ArticleFormat.MARKDOWN,
    ".mdown": ArticleFormat.MARKDOWN,
    ".mkd": ArticleFormat.MARKDOWN,
    ".html": ArticleFormat.HTML,
    ".htm": ArticleFormat.HTML,
    ".xhtml": ArticleFormat.HTML,
}
# How much of the text is sniffed; formats show themselves early.
SNIFF_CHARS = 200_000
_HTML_START_RE = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)", re.IGNORECASE)
_HTML_TAG_RE = re.compile(
    r"<(?:html|head|body|article|main|section|div|p|span|a\s+href|sup|ol|ul|li|h[1-6]|br|em|strong|table)\b[^>]*>",
    re.IGNORECASE,
)
# A wikitext reference, <ref>...</ref> or <ref name="x" />: HTML with any other tag.
_WIKI_REF_RE = re.compile(r"<ref\b[^<>]*/>|</ref\s*>", re.IGNORECASE)
# Enough distinct HTML tags to call a text HTML.
HTML_MIN_TAGS = 3
_MARKDOWN_RE = re.compile(
    r"^\[\^[^\]\s]+\]:"  # footnote definition
    r"|\[\^[^\]\s]+\]"  # footnote reference
    r"|\[[^\]\n]+\]\((?:https?://|/|#)[^)\s]*\)"  # inline link
    r"|^\s{0,3}\[[^\]\n]+\]:\s*\S+"  # reference definition
    r"|^#{1,6}\s+\S"  # ATX heading
    r"|\*\*[^*\n]+\*\*",  # strong emphasis
    re.MULTILINE,
)


def _extension(source: str) -> str:
    """Return the lower-case extension of a path or URL's path."""
    path = urlsplit(source).path if "://" in source else source
    return PurePosixPath(path.replace("\\", "/")).suffix.lower()


def detect_format(raw: str, source: str = "") -> ArticleFormat:
    """Tell an article's format.

    Args:
        raw: the article's text.
        source: its path or URL; a known extension (.txt, .md, .markdown, .html, .htm) decides.

    Returns:
        the format: by extension when the source has a known one, else sniffed (HTML tags,
        then Markdown footnote/link/heading syntax, else plain text).
    """
    fmt = _EXTENSIONS.get(_extension(source)) if source else None
    if fmt is not None:
        return fmt
    head = raw[:SNIFF_CHARS]
    if _HTML_START_RE.match(head):
        return ArticleFormat.HTML
    tags = {m.group(0).split()[0].strip("<>").lower() for m in _HTML_TAG_RE.finditer(head)}
    if len(tags) >= HTML_MIN_TAGS or (tags and _WIKI_REF_RE.search(head)):
        return ArticleFormat.HTML
    if _MARKDOWN_RE.search(head):
        return ArticleFormat.MARKDOWN
    return ArticleFormat.TEXT
