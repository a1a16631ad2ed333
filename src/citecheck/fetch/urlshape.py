"""What a URL looks like: an article, a home page, a section; the same resource as another.

Used to judge redirects (an article URL sent to the home page or a section is a soft-404;
sent to another article is ``moved``) and to build a surely-missing probe URL that takes
the same route through the site as the cited one.
"""

from __future__ import annotations

import logging
import re
import secrets
from urllib.parse import parse_qsl, unquote, urlencode

import httpx

LOGGER = logging.getLogger(__name__)

# A run of this many digits is an id or a date, the mark of an article URL.
_ID_DIGITS = 4
# Digit runs this long (and not a date) are record ids a probe replaces.
_PROBE_ID_DIGITS = 5
# Digits in the last segment of a parent path that make it an article of its own, not a
# year or a day ("/2026/03/18/75214903/" for ".../75214903/amp/").
_PARENT_ID_DIGITS = 6
# Words in a slug ("lavrov-rasskazal-o-vstreche") that make it an article's, not a section's.
_SLUG_WORDS = 3
# Letters of a slug's joining words («армия и ОПК» is "armiya-i-opk", a section, not an article).
_CONNECTOR_MAX = 2
# Path depth from which a URL is an article's even without ids or slugs.
_ARTICLE_DEPTH = 3
# Deepest path a section page has ("/politics/", "/rubric/politika/").
_SECTION_DEPTH = 2
_HOME_NAMES = frozenset(
    {"index.html", "index.htm", "index.php", "index.shtml", "default.aspx", "default.asp", "home", "main"}
)
# Language prefixes that make "/ru/", "/uk/" or "/en/" a home page.
_LANG_SEGMENTS = frozenset({"en", "ru", "uk", "ua", "rus", "ukr", "eng", "be", "kz", "de", "fr", "es"})
_NOT_FOUND_PATH = re.compile(
    r"(?:^|[/_.-])(?:404|not[-_]?found|notfound|error|page-not-found)(?:$|[/_.?-])", re.I
)
_TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|yclid|ysclid|_openstat|from|ref|rss|mc_cid|mc_eid)$", re.I
)
_DIGITS = re.compile(r"\d+")
_DATE8 = re.compile(r"^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$")
_SLUG_SPLIT = re.compile(r"[-_+.]")
_EXTENSION = re.compile(r"^(.*?)(\.[A-Za-z0-9]{1,6})?$")
_HOST_PREFIXES = ("www.", "m.", "amp.")


def host_key(url: httpx.URL) -> str:
    """``host:port`` of a URL, the unit of politeness."""
    port = url.port or (443 if url.scheme == "https" else 80)
    return f"{url.host.lower()}:{port}"


def bare_host(host: str) -> str:
    """A host name without ``www.``/``m.``/``amp.`` and a trailing dot, lowercased."""
    host = host.lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def _segments(url: httpx.URL) -> list[str]:
    return [unquote(s) for s in url.path.split("/") if s]


def _normal_query(url: httpx.URL) -> str:
    pairs = [(k, v) for k, v in parse_qsl(url.query.decode("ascii", "replace"), keep_blank_values=True)]
    return urlencode(sorted((k, v) for k, v in pairs if not _TRACKING_PARAMS.match(k)))


def same_resource(a: str | httpx.URL, b: str | httpx.URL) -> bool:
    """True when two URLs name the same page up to scheme, ``www.``, a trailing slash,
    an index file name, tracking parameters and the fragment."""
    if isinstance(a, str) and a == b:  # no redirect: nothing to parse
        return True
    ua, ub = httpx.URL(a), httpx.URL(b)
    if bare_host(ua.host) != bare_host(ub.host):
        return False
    sa, sb = _segments(ua), _segments(ub)
    if sa and sa[-1].lower() in _HOME_NAMES:
        sa = sa[:-1]
    if sb and sb[-1].lower() in _HOME_NAMES:
        sb = sb[:-1]
    return sa == sb and _normal_query(ua) == _normal_query(ub)


def is_home(url: str | httpx.URL) -> bool:
    """True for a site's front page: ``/``, ``/index.html``, or a language root like ``/ru/``."""
    parsed = httpx.URL(url)
    segments = [s.lower() for s in _segments(parsed)]
    if segments and segments[-1] in _HOME_NAMES:
        segments = segments[:-1]
    if _normal_query(parsed):
        return False
    return not segments or (len(segments) == 1 and segments[0] in _LANG_SEGMENTS)


def _slug_words(segment: str, shorter: int = 0) -> int:
    """Words of a path segment's slug, leaving out those of ``shorter`` letters or fewer."""
    name = _EXTENSION.match(segment)
    stem = name.group(1) if name else segment
    return len([w for w in _SLUG_SPLIT.split(stem) if len(w) > shorter])


def looks_like_article(url: str | httpx.URL) -> bool:
    """True when a URL has an article's shape: an id or date, a long slug, or depth."""
    parsed = httpx.URL(url)
    segments = _segments(parsed)
    query = parsed.query.decode("ascii", "replace")
    if any(len(run) >= _ID_DIGITS for run in _DIGITS.findall("/".join(segments) + "?" + query)):
        return True
    if len(segments) >= _ARTICLE_DEPTH:
        return True
    return any(_slug_words(s) >= _SLUG_WORDS for s in segments)


def is_section(url: str | httpx.URL, original: str | httpx.URL | None = None) -> bool:
    """True for a section or listing page: shallow, no ids, no long slug; or a parent of
    ``original``'s path (``/news/2025/07/07/`` for an article under it) that is no article
    itself (``/2026/03/18/75214903/`` for its ``.../amp/`` version)."""
    parsed = httpx.URL(url)
    segments = _segments(parsed)
    if original is not None:
        origin_segments = _segments(httpx.URL(original))
        if len(segments) < len(origin_segments) and origin_segments[: len(segments)] == segments:
            # Only the last segment says whether the parent is an article (an id or a long
            # slug); dates and depth do not (``/news/2025/07/07/`` is a day's listing).
            last = segments[-1] if segments else ""
            return not (
                any(len(run) >= _PARENT_ID_DIGITS for run in _DIGITS.findall(last))
                or _slug_words(last, _CONNECTOR_MAX) >= _SLUG_WORDS
            )
    if is_home(parsed) or looks_like_article(parsed):
        return False
    return len(segments) <= _SECTION_DEPTH


def is_error_path(url: str | httpx.URL) -> bool:
    """True when a URL's path names an error page (``/404``, ``/not-found``, ``/error.html``)."""
    return bool(_NOT_FOUND_PATH.search(httpx.URL(url).path))


def _random_digits(length: int) -> str:
    # A leading "99" puts the id far above the site's current range, so it is surely missing.
    tail = "".join(secrets.choice("0123456789") for _ in range(max(1, length - 2)))
    return "99" + tail


def _replace_ids(text: str) -> tuple[str, int]:
    count = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal count
        run = match.group(0)
        if len(run) < _PROBE_ID_DIGITS or _DATE8.match(run):
            return run
        count += 1
        return _random_digits(len(run))

    return _DIGITS.sub(swap, text), count


def probe_url(url: str | httpx.URL) -> str:
    """A URL on the same host, shaped like ``url``, that surely does not exist.

    Record ids (long digit runs, not dates) are replaced by ids far above the site's
    range, so the probe takes the same route as the cited URL; a URL without ids gets
    its last path segment replaced by a random slug (keeping extension and slash).
    """
    parsed = httpx.URL(url)
    path = parsed.path or "/"
    new_path, swapped = _replace_ids(path)
    query = parsed.query.decode("ascii", "replace")
    new_query, swapped_query = _replace_ids(query)
    if not swapped and not swapped_query:
        token = f"citecheck-probe-{secrets.token_hex(6)}"
        head, _, last = path.rstrip("/").rpartition("/")
        match = _EXTENSION.match(last)
        extension = match.group(2) if match and match.group(2) and last.lower() not in _HOME_NAMES else ""
        new_path = f"{head}/{token}{extension}" + ("/" if path.endswith("/") and not extension else "")
    return str(parsed.copy_with(path=new_path, query=new_query.encode("ascii") or None, fragment=None))
