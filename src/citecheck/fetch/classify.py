"""Classify what a URL answered into an :class:`~citecheck.models.Outcome`, with the reason.

* ``dead``: 404/410, a name that does not resolve, a connection refused after retries.
* ``blocked``: 401/403/407/451, 429 after retries, anti-bot and geo-block pages.
* ``soft-404``: a page that says it does not exist (a title or heading that is the message,
  or holds it on a page that does not read as an article; a body cue on a thin page), one
  that matches a probe of a surely-missing URL on the same host, or a
  redirect of an article-shaped URL to the home page, a section or an error path.
* ``paywalled``: a subscription shell (schema.org ``isAccessibleForFree: false``, a
  paywall box or a subscribe prompt) with little text of its own.
* ``moved``: a redirect to a different article-shaped URL that reads as an article.
* ``error``: anything else (timeouts, resets, TLS, refused URLs, server errors), with why.
"""

from __future__ import annotations

import logging
import re
import socket
from dataclasses import dataclass

import httpx
from rapidfuzz import fuzz

from citecheck.errors import UnsafeURLError
from citecheck.fetch import urlshape
from citecheck.fetch.page import ANTI_BOT, GEO_BLOCK, NOT_FOUND, PAYWALL_PROMPT, PageSignals
from citecheck.models import Outcome

LOGGER = logging.getLogger(__name__)

# Own visible text (no navigation or links) below which a page is thin: error pages,
# shells and interstitials have a sentence or two; the shortest real news items have more.
THIN_TEXT = 500
# Own text from which a page with article markup is an article whatever its title says.
ARTICLE_TEXT = 1000
# A subscription's price ("$75 per month", «199 ₽ в месяц», «99 грн на місяць»).
PRICE_PITCH = re.compile(
    r"(?:[$€£]\s?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s?(?:руб\w*|₽|грн|uah|usd|eur))\s*"
    r"(?:per|a|/|в|за|на)\s*(?:month|week|year|мес\w*|месяц\w*|недел\w*|год|місяць|тиждень|рік)",
    re.IGNORECASE,
)
# Most own text a paywalled shell shows (a lead paragraph or two before the wall).
PAYWALL_TEXT = 1000
# Similarity (0-100) of a page's own text to the probe's from which they are one template.
PROBE_SIMILARITY = 85
# Characters of own text compared with the probe's.
_PROBE_COMPARE_CHARS = 3000
# Separators between the parts of a title ("Page not found | Outlet", "BBC - 404: Not Found").
_TITLE_PART = re.compile(r"\s+[|\-\u2013\u2014:/\u00b7\u2022]\s+|\s*[|:\u00b7\u2022]\s*")
# Characters around a title part that do not count towards its length.
_PART_STRIP = " \t.,!?\"'«»“”()[]#0123456789"
# Characters a title part may hold beyond its cue and still be the page's message ("Oops! ...").
_CUE_SLACK = 12
# Statuses that mean the page is gone.
DEAD_STATUSES = frozenset({404, 410})
# Statuses that mean we may not see the page.
BLOCKED_STATUSES = frozenset({401, 403, 407, 451, 999})
_DNS_FAILURE = re.compile(
    r"name or service not known|nodename nor servname|does not resolve|not resolve|failed to resolve"
    r"|no address associated|name resolution|getaddrinfo failed|nxdomain|no such host|unknown host"
    r"|not in (?:the )?replay",  # replay transports: a URL never captured cannot be reached
    re.I,
)
_REFUSED = re.compile(r"refused|errno 111|errno 61|winerror 10061", re.I)
_TLS = re.compile(r"certificate|ssl|tls", re.I)
_DIGITS = re.compile(r"\d+")
# Exceptions followed down a ``raise ... from`` chain.
_MAX_CAUSES = 10


@dataclass(frozen=True, slots=True)
class Classification:
    """An outcome, why, and whether a probe of the host could change it."""

    outcome: Outcome
    reason: str
    suspicious: bool = False


@dataclass(frozen=True, slots=True)
class ProbeAnswer:
    """What a surely-missing URL on the host answered."""

    url: str
    status: int | None
    final_url: str
    signals: PageSignals | None


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and the exceptions it was raised from, outermost first."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < _MAX_CAUSES:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def is_dns_failure(exc: BaseException) -> bool:
    """True when a connection error says the host name does not resolve."""
    if not isinstance(exc, httpx.ConnectError):
        return False
    return any(isinstance(e, socket.gaierror) or _DNS_FAILURE.search(str(e)) for e in _causes(exc))


def is_connection_refused(exc: BaseException) -> bool:
    """True when nothing listens at the address (the host is up, the site is not)."""
    if not isinstance(exc, httpx.ConnectError):
        return False
    return any(isinstance(e, ConnectionRefusedError) or _REFUSED.search(str(e)) for e in _causes(exc))


def is_permanent_connect_error(exc: BaseException) -> bool:
    """Connection errors not worth a retry: unresolvable names and TLS failures."""
    return isinstance(exc, httpx.ConnectError) and (is_dns_failure(exc) or bool(_TLS.search(str(exc))))


def classify_exception(exc: BaseException, attempts: int) -> Classification:
    """The outcome of a fetch that ended in an exception after ``attempts`` attempts."""
    name = type(exc).__name__
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    if isinstance(exc, UnsafeURLError):
        return Classification(Outcome.ERROR, f"refused by the safety guard: {exc}")
    if isinstance(exc, httpx.TooManyRedirects):
        return Classification(Outcome.ERROR, str(exc))
    if is_dns_failure(exc):
        return Classification(Outcome.DEAD, f"host name does not resolve ({exc})")
    if is_connection_refused(exc):
        return Classification(Outcome.DEAD, f"connection refused{tries}")
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return Classification(Outcome.ERROR, f"timed out{tries} ({name})")
    if isinstance(exc, httpx.ConnectError):
        return Classification(Outcome.ERROR, f"cannot connect{tries}: {exc}")
    if isinstance(exc, httpx.TransportError):
        return Classification(Outcome.ERROR, f"connection failed mid-response{tries}: {name}: {exc}")
    return Classification(Outcome.ERROR, f"{name}: {exc}")


def classify_status(status: int, *, conditional: bool) -> Classification | None:
    """The outcome a status decides on its own, or ``None`` when the page must be read."""
    if 200 <= status < 300:
        return None
    if status == 304:
        if conditional:
            return Classification(Outcome.OK, "not modified since the previous fetch (304)")
        return Classification(Outcome.ERROR, "304 Not Modified to an unconditional request")
    if status in DEAD_STATUSES:
        return Classification(Outcome.DEAD, f"HTTP {status}")
    if status in BLOCKED_STATUSES:
        return Classification(Outcome.BLOCKED, f"HTTP {status}")
    if status == 429:
        return Classification(Outcome.BLOCKED, "HTTP 429: rate limited after retries")
    if 300 <= status < 400:
        return Classification(Outcome.ERROR, f"HTTP {status} redirect without a usable Location")
    return Classification(Outcome.ERROR, f"HTTP {status}")


def _cue(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0) if match else None


def classify_page(url: str, final_url: str, signals: PageSignals | None) -> Classification:
    """Classify a 2xx answer by its content and by where redirects led.

    Args:
        url: the URL asked for.
        final_url: where the redirects ended.
        signals: the page's signals, ``None`` for non-HTML content.

    Returns:
        The classification; ``suspicious`` asks for a probe of the host.
    """
    redirected = not urlshape.same_resource(url, final_url)
    if signals is not None:
        decided = _by_content(signals)
        if decided is not None:
            return decided
    if redirected and urlshape.looks_like_article(url):
        if urlshape.is_home(final_url):
            return Classification(Outcome.SOFT_404, f"article URL redirected to the home page {final_url}")
        if urlshape.is_error_path(final_url):
            return Classification(Outcome.SOFT_404, f"article URL redirected to an error page {final_url}")
        if urlshape.is_section(final_url, url):
            return Classification(Outcome.SOFT_404, f"article URL redirected to a section page {final_url}")
    suspicious = signals is not None and _suspicious(signals)
    if redirected:
        return Classification(Outcome.MOVED, f"redirected to {final_url}", suspicious)
    return Classification(Outcome.OK, "", suspicious)


def reads_as_article(s: PageSignals) -> bool:
    """True when a page holds an article's mass of own text (with article markup, a short one)."""
    return s.text_length >= ARTICLE_TEXT or (s.article_markup and s.text_length >= THIN_TEXT)


def _headline_cue(pattern: re.Pattern[str], s: PageSignals) -> tuple[str, bool] | None:
    """A cue in the title or main heading, and whether it is the whole of a title part.

    An error page's title is its message ("Страница не найдена - РИА Новости", "BBC - 404: Not
    Found"); a headline that only holds the words ("Police have not found the stolen
    painting", a play called «Страница не найдена») is news about them.
    """
    for line in (s.title, s.heading):
        match = pattern.search(line)
        if match is None:
            continue
        part = _TITLE_PART.split(line[: match.start()])[-1] + _TITLE_PART.split(line[match.start() :])[0]
        whole = len(part.strip(_PART_STRIP)) <= len(match.group(0)) + _CUE_SLACK
        if _quoted(line, match.start(), match.end()):
            whole = False  # «"Сторінку не знайдено": company took the report down» quotes the message
        return match.group(0), whole
    return None


# Quotation marks that open and close a quoted message in a headline.
_OPENING_QUOTES = "\"'«“„‘"
_CLOSING_QUOTES = "\"'»”“’"
# Characters between the end of a cue and the quotation mark that closes it.
_QUOTE_REACH = 3
# Characters from an opening quotation mark to the cue inside it ("'Page not found'").
_QUOTED_PHRASE = 25


def _quoted(line: str, start: int, end: int) -> bool:
    """True when a cue in a headline stands inside quotation marks (the page quotes the message):
    an opening mark a few words before it ("'Page not found': ...") and a closing one just after."""
    before = line[max(0, start - _QUOTED_PHRASE) : start]
    opened = max(before.rfind(q) for q in _OPENING_QUOTES)
    after = line[end : end + _QUOTE_REACH + 1]
    return opened >= 0 and any(q in after for q in _CLOSING_QUOTES)


def _by_content(s: PageSignals) -> Classification | None:
    """Block pages, error pages and paywall shells, by their cues and their text mass.

    Title and main heading are always read; a cue there decides when it is the whole of a
    title part or the page does not read as an article. The text is read only on thin pages
    (in a long page such words are quotes or promos, and searching it would cost time on
    every article).
    """
    thin = s.text_length < THIN_TEXT
    article = reads_as_article(s)
    for pattern, outcome, what in (
        (ANTI_BOT, Outcome.BLOCKED, "anti-bot interstitial: "),
        (GEO_BLOCK, Outcome.BLOCKED, "access blocked page: "),
        (NOT_FOUND, Outcome.SOFT_404, ""),
    ):
        found = _headline_cue(pattern, s)
        if found is not None and (found[1] or not article):
            return Classification(outcome, f"{what}title says {found[0]!r}")
        cue = _cue(pattern, s.lead) if thin else None
        if cue:
            return Classification(outcome, f"{what}thin page says {cue!r}")
    if s.text_length >= PAYWALL_TEXT:
        return None
    prompt = _cue(PAYWALL_PROMPT, f"{s.paywall_text} {s.lead}")
    marked = s.accessible_for_free is False or s.paywall_markup
    # A prompt followed by the subscription's prices ("Only $1 for 4 weeks. Then $75 per month")
    # is the wall itself, though its offers make the page less thin.
    priced = bool(prompt) and bool(PRICE_PITCH.search(s.text))
    if marked or (prompt and (thin or priced)):
        evidence = []
        if s.accessible_for_free is False:
            evidence.append("isAccessibleForFree=false")
        if s.paywall_markup:
            evidence.append("paywall box")
        if prompt:
            evidence.append(f"prompt {prompt!r}")
        return Classification(
            Outcome.PAYWALLED, f"subscription shell ({', '.join(evidence)}; {s.text_length} chars of text)"
        )
    if s.text_length == 0 and s.link_text_length == 0:
        return Classification(Outcome.ERROR, "empty page")
    return None


def _suspicious(s: PageSignals) -> bool:
    """Pages worth a probe: thin, naming an error, link lists, or titled with the site's name."""
    if s.article_markup and s.text_length >= ARTICLE_TEXT:
        return False
    if s.text_length < THIN_TEXT or _cue(NOT_FOUND, s.lead):
        return True
    if not s.article_markup and s.link_text_length > s.text_length:
        return True
    return bool(s.site_name) and s.title.strip().lower() == s.site_name.strip().lower()


def _norm_title(title: str) -> str:
    return _DIGITS.sub("#", title.strip().lower())


def matches_probe(final_url: str, signals: PageSignals | None, probe: ProbeAnswer) -> str | None:
    """Why a page is the same as the host's answer for a surely-missing URL, or ``None``.

    Args:
        final_url: where the page's redirects ended.
        signals: the page's signals.
        probe: the host's answer to the probe.

    Returns:
        A reason when the page is the host's not-found template, else ``None``.
    """
    if probe.status is None or not 200 <= probe.status < 300:
        return None
    if urlshape.same_resource(final_url, probe.final_url) and not urlshape.same_resource(
        probe.url, probe.final_url
    ):
        return f"a missing URL on this host redirects to the same page ({probe.final_url})"
    if signals is None or probe.signals is None:
        return None
    if signals.title and _norm_title(signals.title) == _norm_title(probe.signals.title):
        return f"same title as a surely-missing URL on this host ({signals.title!r})"
    mine = signals.text[:_PROBE_COMPARE_CHARS]
    theirs = probe.signals.text[:_PROBE_COMPARE_CHARS]
    if mine and theirs and fuzz.ratio(mine, theirs) >= PROBE_SIMILARITY:
        return "same text as a surely-missing URL on this host"
    return None
