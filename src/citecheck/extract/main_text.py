"""The article's main text from trafilatura, run once per page on a pruned tree."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from citecheck.extract.prune import prune_chrome

LOGGER = logging.getLogger(__name__)

# The options every trafilatura call uses; recorded with each extraction.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
}
# Characters lxml refuses in a document (C0 controls other than tab, newline, return).
_XML_INCOMPATIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udfff]")


# Containers the fallback reads, in order, when trafilatura finds no text.
FALLBACK_XPATHS = ("//*[@itemprop='articleBody']", "//article", "//*[@role='main']", "//main")
# Elements whose text is never page text.
_NON_TEXT = ("script", "style", "noscript", "template", "button", "select", "svg")
# Elements whose text forms one paragraph each in the fallback.
_BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "li", "blockquote", "pre", "dd"})


@dataclass(frozen=True, slots=True)
class MainText:
    """trafilatura's body text, the metadata it found, and the pruned tree it read."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    tree: HtmlElement | None = None


def sanitize(page: str) -> str:
    """Drop characters no HTML parser should see (NUL, C0 controls, lone surrogates)."""
    return _XML_INCOMPATIBLE.sub("", page)


def extract_main_text(page: str, url: str | None, *, with_metadata: bool = True) -> MainText:
    """Prune furniture from the page, then read its body (and metadata) with trafilatura.

    Args:
        page: the HTML, already decoded and sanitised.
        url: the page's URL (helps trafilatura resolve links and the site name).
        with_metadata: also read title, author, date (htmldate) and site name.

    Returns:
        The body text ("" when trafilatura finds none) and the metadata found.
    """
    try:
        tree = load_html(page)
    except (ValueError, TypeError) as exc:
        LOGGER.debug("unparseable page %s: %s", url, exc)
        return MainText("")
    if tree is None:
        return MainText("")
    try:
        prune_chrome(tree)
        document = trafilatura.bare_extraction(
            tree, url=url or None, with_metadata=with_metadata, **TRAFILATURA_OPTIONS
        )
    # trafilatura and its dependencies (htmldate, courlan, justext) raise a wide range of
    # errors on hostile markup; a page must yield an outcome, never stop the pipeline.
    except Exception as exc:
        LOGGER.warning("trafilatura failed on %s: %s: %s", url, type(exc).__name__, exc)
        return MainText("")
    if document is None or isinstance(document, dict):
        return MainText("", tree=tree)
    return MainText(
        text=document.text or "",
        title=document.title or None,
        author=document.author or None,
        date=document.date or None,
        site=document.sitename or None,
        url=document.url or None,
        tree=tree,
    )


def _paragraphs(container: HtmlElement) -> list[str]:
    """The text of each outermost block element in a container, or its lines if none."""
    texts: list[str] = []
    for element in container.iter(*_BLOCKS):
        if any(a.tag in _BLOCKS for a in element.iterancestors() if a is not container):
            continue
        text = " ".join(element.text_content().split())
        if text:
            texts.append(text)
    if not texts:
        lines = (" ".join(line.split()) for line in "\n".join(container.itertext()).splitlines())
        texts = [line for line in lines if line]
    return list(dict.fromkeys(texts))


def fallback_text(tree: HtmlElement | None) -> str | None:
    """Paragraphs of the page's article container, for pages trafilatura gives up on.

    Args:
        tree: the pruned tree from :func:`extract_main_text` (widgets already removed);
            its scripts and styles are stripped in place.

    Returns:
        The paragraphs of the fullest match of the first ``FALLBACK_XPATHS`` expression that
        matches anything with text, or None.
    """
    if tree is None:
        return None
    etree.strip_elements(tree, *_NON_TEXT, with_tail=False)
    for xpath in FALLBACK_XPATHS:
        candidates = [_paragraphs(node) for node in tree.xpath(xpath)]
        best = max(candidates, key=lambda texts: sum(map(len, texts)), default=[])
        if best:
            return "\n".join(best)
    return None
