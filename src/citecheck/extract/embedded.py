"""What a page declares about itself: JSON-LD, OpenGraph, canonical link, ``__NEXT_DATA__``.

Read with selectolax's lexbor engine (about 0.5 ms for a 100 KiB page). These values check
and complete trafilatura's metadata, and give the body of pages whose text sits only in
embedded JSON (a JSON-LD ``articleBody``, a Next.js ``__NEXT_DATA__`` blob).
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import chompjs
from selectolax.lexbor import LexborHTMLParser

LOGGER = logging.getLogger(__name__)

# schema.org types whose JSON-LD describes the article itself.
ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "report",
    }
)
# A string in __NEXT_DATA__ shorter than this is a label or headline, not a paragraph.
NEXT_MIN_PARAGRAPH = 40
# A group of paragraphs in __NEXT_DATA__ shorter than this in all is not an article body.
NEXT_MIN_BODY = 200
# Share of a group's strings that must end like sentences (headline lists do not).
NEXT_SENTENCE_SHARE = 0.5
# Deepest JSON nesting walked (Next.js blobs nest about 15 levels deep).
NEXT_MAX_DEPTH = 40
_TAG = re.compile(r"<[^>]+>")
_BLOCK_BREAK = re.compile(r"(?i)<\s*(?:br|/p|/div|/h[1-6]|/li|/blockquote)\b[^>]*>")
_SENTENCE_END = re.compile(r"[.!?…»\"”)]\s*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Embedded:
    """Metadata and bodies a page declares in its markup."""

    headline: str | None = None
    og_title: str | None = None
    h1: str | None = None
    date: str | None = None
    author: str | None = None
    site: str | None = None
    publisher: str | None = None
    canonical: str | None = None
    jsonld_body: str | None = None


def parse(page: str) -> LexborHTMLParser:
    """Parse a page with selectolax's lexbor engine."""
    return LexborHTMLParser(page)


def _clean(value: Any) -> str | None:
    """A JSON or attribute value as one tidy line, or None."""
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(_TAG.sub(" ", value)).split())
    return text or None


def _meta(parser: LexborHTMLParser, *names: str) -> str | None:
    """The first non-empty ``<meta property|name=...>`` content among ``names``."""
    for name in names:
        for attr in ("property", "name", "itemprop"):
            node = parser.css_first(f'meta[{attr}="{name}"]')
            if node is not None:
                value = _clean(node.attributes.get("content"))
                if value:
                    return value
    return None


def absolute_url(url: str | None, base: str) -> str | None:
    """``url`` resolved against ``base`` when that gives an http(s) URL, else None."""
    if not url:
        return None
    try:
        resolved = urljoin(base, url.strip())
        parts = urlsplit(resolved)
    except ValueError:
        return None
    return resolved if parts.scheme in ("http", "https") and parts.netloc else None


def _walk_jsonld(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in a script's data (lists, ``@graph``, nested ``mainEntity``)."""
    if depth > NEXT_MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk_jsonld(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(node.get(key), list | dict):
                yield from _walk_jsonld(node[key], depth + 1)


def _types(item: dict[str, Any]) -> set[str]:
    raw = item.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {v.lower() for v in values if isinstance(v, str)}


def _names(value: Any) -> list[str]:
    """Author or publisher names from a string, an object or a list of either."""
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    if isinstance(value, dict):
        name = _clean(value.get("name"))
        return [name] if name else []
    name = _clean(value)
    return [name] if name else []


def _iso_date(value: Any) -> str | None:
    """An ISO date or datetime string as given, when it parses."""
    text = _clean(value)
    if not text or not _ISO_DATE.match(text):
        return None
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return text[:10]
    return text


def _load_json(raw: str) -> Any:
    """Parse a JSON-LD block; lenient (single quotes, trailing commas) when strict JSON fails."""
    try:
        return json.loads(raw, strict=False)
    except (ValueError, RecursionError):
        pass
    data: Any
    try:
        data = chompjs.parse_js_object(raw)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict | list):
        LOGGER.debug("unreadable JSON-LD block skipped")
        return None
    return data


def _jsonld_articles(parser: LexborHTMLParser) -> list[dict[str, Any]]:
    """The article-typed JSON-LD objects of a page, in order."""
    found: list[dict[str, Any]] = []
    for script in parser.css('script[type="application/ld+json"]'):
        data = _load_json(script.text(deep=True))
        if data is None:
            continue
        found.extend(item for item in _walk_jsonld(data) if _types(item) & ARTICLE_TYPES)
    return found


def _body_text(value: Any) -> str | None:
    """An ``articleBody`` (plain text or HTML) as paragraphs separated by newlines."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = html.unescape(_TAG.sub("", _BLOCK_BREAK.sub("\n", value)))
    lines = (" ".join(line.split()) for line in text.splitlines())
    joined = "\n".join(line for line in lines if line)
    return joined or None


def read_embedded(parser: LexborHTMLParser, url: str) -> Embedded:
    """Read JSON-LD, OpenGraph and link metadata from a parsed page.

    Args:
        parser: the page parsed by :func:`parse`.
        url: the page's URL, for resolving a relative canonical link.

    Returns:
        What the page declares; fields it does not declare are None.
    """
    articles = _jsonld_articles(parser)
    headline = next((h for a in articles if (h := _clean(a.get("headline") or a.get("name")))), None)
    date = next(
        (d for a in articles if (d := _iso_date(a.get("datePublished") or a.get("dateCreated")))), None
    )
    authors = next((n for a in articles if (n := _names(a.get("author")))), [])
    publisher = next((n for a in articles if (n := _names(a.get("publisher")))), [])
    bodies = [b for a in articles if (b := _body_text(a.get("articleBody")))]
    link = parser.css_first('link[rel="canonical"]')
    canonical = absolute_url(link.attributes.get("href") if link is not None else None, url)
    if canonical is None:
        canonical = absolute_url(_meta(parser, "og:url"), url)
    if canonical is None:
        canonical = next((c for a in articles if (c := absolute_url(_clean(a.get("url")), url))), None)
    h1 = parser.css_first("h1")
    return Embedded(
        headline=headline,
        og_title=_meta(parser, "og:title", "twitter:title"),
        h1=_clean(h1.text(deep=True)) if h1 is not None else None,
        date=date or _iso_date(_meta(parser, "article:published_time", "datePublished")),
        author="; ".join(dict.fromkeys(authors)) or _meta(parser, "article:author", "author"),
        site=_meta(parser, "og:site_name", "og:siteName"),
        publisher=publisher[0] if publisher else None,
        canonical=canonical,
        jsonld_body=max(bodies, key=len) if bodies else None,
    )


def _prose_groups(
    node: Any, path: tuple[str, ...], out: dict[tuple[str, ...], list[str]], depth: int
) -> None:
    """Collect paragraph-like strings grouped by their JSON path (list indices as ``*``)."""
    if depth > NEXT_MAX_DEPTH:
        return
    if isinstance(node, dict):
        for key, value in node.items():
            _prose_groups(value, (*path, str(key)), out, depth + 1)
    elif isinstance(node, list):
        for value in node:
            _prose_groups(value, (*path, "*"), out, depth + 1)
    elif isinstance(node, str) and len(node) >= NEXT_MIN_PARAGRAPH and " " in node:
        text = _body_text(node)
        if text and not text.startswith(("http://", "https://", "{", "[")):
            out.setdefault(path, []).append(text)


def next_data_body(parser: LexborHTMLParser) -> str | None:
    """The article body held in a Next.js ``__NEXT_DATA__`` blob, if any.

    Returns:
        The paragraphs of the largest group of sentence-like strings that share one JSON
        path (``props.pageProps.article.blocks.*.text``), joined by newlines; None when no
        group looks like an article (headline lists end without full stops).
    """
    script = parser.css_first("script#__NEXT_DATA__")
    if script is None:
        return None
    try:
        data = json.loads(script.text(deep=True), strict=False)
    except (ValueError, RecursionError):
        return None
    groups: dict[tuple[str, ...], list[str]] = {}
    _prose_groups(data, (), groups, 0)
    best: list[str] = []
    for texts in groups.values():
        sentences = sum(1 for t in texts if _SENTENCE_END.search(t))
        if sum(map(len, texts)) < NEXT_MIN_BODY or sentences < NEXT_SENTENCE_SHARE * len(texts):
            continue
        if sum(map(len, texts)) > sum(map(len, best)):
            best = texts
    return "\n".join(dict.fromkeys(best)) or None
