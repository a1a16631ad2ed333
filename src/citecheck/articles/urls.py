"""Finding, checking and normalising URLs and DOIs in notes, and telling promo links apart."""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote, urljoin, urlsplit

LOGGER = logging.getLogger(__name__)

DOI_PREFIX = "https://doi.org/"

# Characters that end a URL written in running text.
_URL_CHARS = r"[^\s<>\"'«»“”‘’`|\[\]{}]"
_URL_RE = re.compile(
    r"(?P<url>https?://" + _URL_CHARS + r"+)"
    r"|(?P<www>(?<![\w@./])www\.[a-z0-9-]+\." + _URL_CHARS + r"+)"
    r"|(?P<doi>(?<![\w/.])(?:doi:\s*|DOI:?\s*)?10\.\d{4,9}/" + _URL_CHARS + r"+)"
    r"|(?P<bad>(?<![\w/])(?:https?:/(?!/)|https?//|https?:\\\\|"
    r"(?:htp|htps|htttps?|hhtps?|ttps?|htpps?)://)" + _URL_CHARS + r"+)",
    re.IGNORECASE,
)
# Punctuation that ends a sentence rather than a URL when it trails one.
_TRAILING = ".,;:!?'\"»”’…"
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}
_HOST_LABEL_RE = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$", re.UNICODE)
_TLD_RE = re.compile(r"^(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{2,59})$", re.UNICODE | re.IGNORECASE)
_IPV4_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")

# Share buttons and subscription promos: never citations.
_SHARE_RE = re.compile(
    r"(?:facebook\.com/shar|twitter\.com/(?:intent|share)|x\.com/intent|vk\.com/share|"
    r"t\.me/share|telegram\.me/share|wa\.me/|api\.whatsapp\.com|linkedin\.com/share|"
    r"reddit\.com/submit|pinterest\.\w+/pin/create|connect\.ok\.ru|ok\.ru/dk\?|"
    r"news\.google\.com/publications|/rss\b|addtoany\.com|getpocket\.com/save|"
    r"apps\.apple\.com|itunes\.apple\.com|play\.google\.com/store|\.apk$|[?&]modal=|"
    r"mailto:|javascript:|tel:)",
    re.IGNORECASE,
)
# A Telegram (or similar) channel's front page, as promos link it (a post has a number).
_CHANNEL_ROOT_RE = re.compile(
    r"^https?://(?:www\.)?(?:t\.me|telegram\.me|dzen\.ru|zen\.yandex\.ru|vk\.com|ok\.ru)"
    r"/(?:s/)?[\w.+-]+/?(?:\?.*)?$",
    re.IGNORECASE,
)
# A site's own navigation: author, tag, rubric and archive pages.
_NAV_PATH_RE = re.compile(
    r"^https?://[^/]+/(?:[a-z]{2}/)?(?:authors?|tags?|topics?|rubrics?|category|categories|sections?"
    r"|search|archive|login|register|signup|subscribe|podcasts?|export)(?:/|$|\?)",
    re.IGNORECASE,
)
PROMO_TEXT_RE = re.compile(
    r"(?:read (?:more|us) (?:in|on|at) our|subscribe|join us|our (?:telegram|channel)|"
    r"follow (?:us|[\w ]{1,30} on (?:instagram|facebook|twitter|x|telegram|youtube|tiktok|vk)\b)|"
    r"telegram[- ]channel|share (?:on|this|via)|sign up for|newsletter|"
    r"подписывайтесь|подпишитесь|читайте (?:нас|также|нас в)|наш (?:телеграм|канал)|"
    r"телеграм-канал|поделиться|підписуйтесь|читайте нас)",
    re.IGNORECASE,
)
# A line that points at more of the site's own stories: "Read also: <headline>".
_RELATED_LEAD_RE = re.compile(
    r"^\W*(?:(?:read also|also read|read more|see also|related(?: stories| articles| news)?|more on this"
    r"|по теме|до теми|по темі|зверніть увагу|обратите внимание)\s*[:—–-]"
    r"|(?:читайте (?:также|також|материал|ещё|еще)|также читайте|смотрите также|дивіться також)\b)",
    re.IGNORECASE,
)
# A promo line is short; a long paragraph that says "subscribe" is still an article paragraph.
PROMO_LINE_MAX = 200


def _strip_trailing(url: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets from a URL's end."""
    while url:
        last = url[-1]
        if last in _TRAILING or (last in _CLOSERS and url.count(_CLOSERS[last]) < url.count(last)):
            url = url[:-1]
        else:
            break
    return url


def is_valid_url(url: str) -> bool:
    """Return True for an absolute http(s) URL with a plausible host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or any(c.isspace() for c in url):
        return False
    host = unquote(parts.hostname or "").rstrip(".")
    if not host or (port is not None and not 0 < port < 65536):
        return False
    if _IPV4_RE.match(host):
        return all(int(x) < 256 for x in host.split("."))
    if host == "localhost" or (host.startswith("[") or ":" in host):
        return True
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL_RE.match(x) for x in labels):
        return False
    return bool(_TLD_RE.match(labels[-1]))


def normalize_url(url: str) -> str:
    """Normalise a URL lightly: strip spaces and trailing punctuation, lower-case scheme and host."""
    url = _strip_trailing(url.strip())
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    path = parts.path if parts.path not in ("", "/") or parts.query or parts.fragment else ""
    out = f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}"
    if parts.query:
        out += "?" + parts.query
    if parts.fragment:
        out += "#" + parts.fragment
    return out


def doi_url(doi: str) -> str:
    """Return the https://doi.org/ URL of a DOI written as ``doi:10.x/y`` or ``10.x/y``."""
    doi = re.sub(r"^(?:doi:?\s*)", "", doi.strip(), flags=re.IGNORECASE)
    return DOI_PREFIX + doi


def find_urls(text: str) -> tuple[list[str], list[str]]:
    """Find the URLs and DOIs in a note's text.

    Args:
        text: the note's text.

    Returns:
        ``(urls, bad)``: valid URLs in order (DOIs as https://doi.org/..., no duplicates) and
        URL-like strings that are malformed.
    """
    urls: list[str] = []
    bad: list[str] = []
    for match in _URL_RE.finditer(text):
        raw = _strip_trailing(match.group(0))
        if not raw:
            continue
        if match.group("doi"):
            url = doi_url(raw)
        elif match.group("www"):
            url = "http://" + raw
        elif match.group("bad"):
            bad.append(raw)
            continue
        else:
            url = raw
        if is_valid_url(url):
            if url not in urls:
                urls.append(url)
        else:
            bad.append(raw)
    return urls, bad


def resolve_href(href: str, base: str) -> str | None:
    """Return an absolute http(s) URL for a link target, or None when it is not one."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
        return href if href.lower().startswith(("http:", "https:")) else None
    if href.startswith("//"):
        return "https:" + href
    if base.lower().startswith(("http://", "https://")):
        return urljoin(base, href)
    return None


def is_malformed_href(href: str) -> bool:
    """Return True for a link target that was meant as a web URL but is malformed ("htps://x")."""
    href = href.strip()
    if not href or href.startswith("#") or resolve_href(href, "") is not None:
        return False
    _, bad = find_urls(href)
    return bool(bad) and bad[0] == _strip_trailing(href)


def is_promo_link(url: str, text: str = "", block_text: str = "") -> bool:
    """Return True for share buttons, subscription promos and channel front pages."""
    url = url.strip()
    if _SHARE_RE.search(url) or _CHANNEL_ROOT_RE.match(url) or _NAV_PATH_RE.match(url):
        return True
    return bool(PROMO_TEXT_RE.search(text) or is_promo_line(block_text))


def is_promo_line(text: str) -> bool:
    """Return True for a short line such as "read more in our Telegram channel ...".

    Args:
        text: one line or block of the article.

    Returns:
        whether the line is promotional chrome rather than article text.
    """
    text = text.strip()
    if not 0 < len(text) < PROMO_LINE_MAX:
        return False
    return bool(PROMO_TEXT_RE.search(text) or _RELATED_LEAD_RE.match(text))
