"""``extract()``: a page's HTML in, an :class:`~citecheck.models.Extraction` out."""

from __future__ import annotations

import logging
import re
from typing import Any

import trafilatura

from citecheck.extract import embedded
from citecheck.extract.lang import detect_language
from citecheck.extract.main_text import (
    TRAFILATURA_OPTIONS,
    MainText,
    extract_main_text,
    fallback_text,
    sanitize,
)
from citecheck.extract.metadata import (
    choose_date,
    choose_site,
    choose_title,
    clean_author,
    complete_from_html,
)
from citecheck.extract.normalize import normalize_text, text_hash
from citecheck.extract.postprocess import clean_body
from citecheck.fetch.decode import decode_body
from citecheck.models import Extraction

LOGGER = logging.getLogger(__name__)

# Bump when a change here can change the text extracted from the same page.
EXTRACT_RULES_VERSION = "2"
EXTRACTOR_VERSION = f"citecheck-extract/{EXTRACT_RULES_VERSION} trafilatura/{trafilatura.__version__}"
# An embedded body replaces trafilatura's only when this many times longer (normalised):
# a JSON-LD teaser or a slightly different rendering of the same text does not.
EMBEDDED_LONGER = 1.3
# trafilatura text shorter than this sends us looking in __NEXT_DATA__ as well.
NEXT_DATA_BELOW = 600
# Fewer letters than this in the chosen body means there is no text to verify against.
MIN_TEXT_LETTERS = 20
# A short body that only asks for JavaScript or cookies is an application shell.
_SHELL = re.compile(
    r"(?i)(enable javascript|javascript is (?:disabled|required)|включите javascript|"
    r"увімкніть javascript|please enable cookies|checking your browser|access denied)"
)
_LETTER = re.compile(r"[^\W\d_]")
# Length of a body under which a shell notice is believed to be all there is.
SHELL_MAX_CHARS = 400

SETTINGS: dict[str, Any] = {
    **TRAFILATURA_OPTIONS,
    "with_metadata": False,
    "metadata": ["json-ld", "opengraph", "htmldate", "trafilatura-title-author-if-undeclared"],
    "prune": ["layout-tables", "class-words", "widget-labels", "captions"],
    "line_rules": ["title-echo", "furniture", "tail-credits"],
    "embedded_longer": EMBEDDED_LONGER,
    "next_data_below": NEXT_DATA_BELOW,
}


def _usable(text: str) -> bool:
    """True when a body has enough letters and is not a JavaScript/cookie shell."""
    if len(_LETTER.findall(text[: MIN_TEXT_LETTERS * 20])) < MIN_TEXT_LETTERS:
        return False
    return not (len(text) < SHELL_MAX_CHARS and _SHELL.search(text))


def _choose_body(
    parser: Any, main: MainText, meta: embedded.Embedded, titles: list[str | None]
) -> tuple[str, str]:
    """``(text, method)``: trafilatura's body unless an embedded one is clearly fuller."""
    body, method = clean_body(main.text, titles, main.author or meta.author), "trafilatura"
    length = len(normalize_text(body)) if _usable(body) else 0
    if meta.jsonld_body:
        candidate = clean_body(meta.jsonld_body, titles, meta.author)
        if _usable(candidate) and len(normalize_text(candidate)) > EMBEDDED_LONGER * length:
            body, method, length = candidate, "jsonld", len(normalize_text(candidate))
    if length < NEXT_DATA_BELOW:
        next_body = embedded.next_data_body(parser)
        if next_body:
            candidate = clean_body(next_body, titles, meta.author)
            if _usable(candidate) and len(normalize_text(candidate)) > EMBEDDED_LONGER * length:
                body, method, length = candidate, "next-data", len(normalize_text(candidate))
    if length == 0:
        fallback = fallback_text(main.tree)
        if fallback:
            candidate = clean_body(fallback, titles, meta.author)
            if _usable(candidate):
                body, method = candidate, "fallback"
    return body, method


def extract(html: str, url: str) -> Extraction:
    """Read the article body and metadata from one page.

    Steps: (1) drop characters no parser accepts; (2) read JSON-LD, OpenGraph and the
    canonical link with selectolax; (3) prune furniture from an lxml tree and run
    trafilatura once, for the body only; (4) read the date with htmldate, and the title and
    byline from the HTML only where the page declares none; (5) remove leftover furniture
    lines; (6) prefer an embedded body (JSON-LD, ``__NEXT_DATA__``) when clearly fuller, or a
    container's text when trafilatura finds nothing; (7) merge the metadata; (8) detect the
    language and hash the text.

    Args:
        html: the page as text.
        url: the page's URL (final URL after redirects), recorded and used for links.

    Returns:
        An Extraction whose ``outcome`` is ``"ok"``, or ``"no_text"`` (with empty text)
        when the page holds nothing to verify against. Never raises for malformed HTML.
    """
    page = sanitize(html)
    parser = embedded.parse(page)
    meta = embedded.read_embedded(parser, url)
    main = complete_from_html(extract_main_text(page, url, with_metadata=False), meta, url)
    titles = [main.title, meta.headline, meta.og_title, meta.h1]
    body, method = _choose_body(parser, main, meta, titles)
    ok = _usable(body)
    text = body if ok else ""
    title = choose_title(main, meta)
    return Extraction(
        url=url,
        outcome="ok" if ok else "no_text",
        text=text,
        title=title,
        date=choose_date(main, meta),
        author=clean_author(main.author or meta.author),
        site=choose_site(main, meta, url, title),
        lang=detect_language(text) if ok else None,
        canonical=meta.canonical or embedded.absolute_url(main.url, url),
        normalized_hash=text_hash(text),
        method=method if ok else "",
        extractor_version=EXTRACTOR_VERSION,
        settings=dict(SETTINGS),
    )


def extract_bytes(body: bytes, url: str, content_type: str | None = None) -> Extraction:
    """Decode a response body (declared charset checked against the bytes), then extract.

    Args:
        body: the response body as received (content-encoding already removed).
        url: the page's URL.
        content_type: the Content-Type header, whose charset is tried first.

    Returns:
        The same as :func:`extract`.
    """
    page, _encoding = decode_body(body, content_type)
    return extract(page, url)
