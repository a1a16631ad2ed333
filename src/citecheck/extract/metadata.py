"""Merge what trafilatura found with what the page declares: title, date, author, site.

Each value has several sources (trafilatura/htmldate, JSON-LD, OpenGraph, the ``<h1>``) and
each source has its own failure: an ``og:site_name`` naming a section ("U.S.") or holding a
whole slogan, a site name that is really the page title, a byline starting "Авторы" or
"Analysis by", a date written with a basic offset ("+0300"). The rules below pick and tidy.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from datetime import datetime
from urllib.parse import urlsplit

from htmldate import find_date
from trafilatura.metadata import extract_author, extract_title

from citecheck.extract.embedded import Embedded
from citecheck.extract.main_text import MainText

LOGGER = logging.getLogger(__name__)

# A site name longer than this is a slogan or a description, not a name.
SITE_MAX_CHARS = 40
# A declared name must have this many letters before its presence in the host name counts
# ("us" sits inside many host names by chance; "reuters" does not).
HOST_MATCH_MIN_LETTERS = 4
# Words that open a byline and are not part of a name (compared casefolded).
_BYLINE_PREFIX = re.compile(
    r"^(?:авторы|автор|автори|текст|беседовал[аи]?|analysis by|opinion by|written by|"
    r"reporting by|text by|story by|by|от)\s*:?\s+",
    re.IGNORECASE,
)
# A byline part that names a job, not a person ("CNN Editor-at-large", "корреспондент").
_ROLE = re.compile(
    r"(?i)\b(?:editor|correspondent|reporter|writer|columnist|contributor|staff|"
    r"редактор|корреспондент|обозреватель|журналист|кореспондент|оглядач)"
)
_NON_WORD = re.compile(r"[^\w]+")
# A site name followed by a slogan: "АНГИ.RU — новости Иркутска", "Example | News".
_SLOGAN = re.compile(r"\s+[—–|]\s+")
# Bylines separate names with ";", and a job title with a comma ("Chris Cillizza, CNN Editor").
_AUTHOR_SPLIT = re.compile(
    r"(?i);|,\s+(?=[^,]*\b(?:editor|correspondent|reporter|редактор|корреспондент|обозреватель))"
)
# A name found by searching the HTML has at most this many words (longer finds are forms,
# "Написать автору Тема Сообщение ...", or sentences).
MAX_NAME_WORDS = 5


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b and _letters(a) == _letters(b))


def complete_from_html(main: MainText, meta: Embedded, url: str) -> MainText:
    """Fill in what the page does not declare, from its HTML, with trafilatura's own readers.

    Cheaper than trafilatura's full metadata pass (which also reads categories, tags and
    licence, and searches for a byline even when JSON-LD names the author): htmldate always
    (about 2 ms; it cross-checks the declared date), the ``<title>`` only when no headline is
    declared, and the byline search only when no author is declared or the declared "author"
    is the site itself.

    Args:
        main: trafilatura's body, read without metadata, and the pruned tree.
        meta: what the page declares.
        url: the page's URL (htmldate reads dates in it).

    Returns:
        ``main`` with ``title``, ``date`` and ``author`` filled where found.
    """
    tree = main.tree
    if tree is None:
        return main
    try:
        date = find_date(tree, url=url, extensive_search=True, original_date=True)
    # htmldate parses arbitrary markup and date strings; a failure means "no date found".
    except Exception as exc:
        LOGGER.debug("htmldate failed on %s: %s", url, exc)
        date = None
    title = None if (meta.headline or meta.og_title or meta.h1) else extract_title(tree)
    author = None
    declared = meta.author
    if not declared or any(_same_name(declared, n) for n in (meta.site, meta.publisher)):
        found = clean_author(extract_author(tree))
        if found and all(len(name.split()) <= MAX_NAME_WORDS for name in found.split(";")):
            author = found
    return dataclasses.replace(main, title=title, date=date, author=author)


def choose_title(main: MainText, meta: Embedded) -> str | None:
    """trafilatura's title, shortened to an embedded headline it merely decorates."""
    title = main.title or meta.headline or meta.og_title or meta.h1
    if title is None:
        return None
    for other in (meta.headline, meta.og_title, meta.h1):
        if other and other != title and other in title and len(other) * 2 >= len(title):
            title = other
    return title


def iso_date(value: str | None) -> str | None:
    """A date or datetime in ISO 8601 form ("+0300" becomes "+03:00", a space becomes "T")."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) == len("2000-01-01"):
        return parsed.date().isoformat()
    return parsed.replace(microsecond=0).isoformat()


def choose_date(main: MainText, meta: Embedded) -> str | None:
    """The declared publication datetime when it agrees with htmldate's day, else htmldate's."""
    declared = iso_date(meta.date)
    if declared and (main.date is None or declared[:10] == main.date):
        return declared
    if declared and main.date:
        LOGGER.debug("date disagreement: htmldate %s, declared %s", main.date, declared)
    return iso_date(main.date)


def clean_author(author: str | None) -> str | None:
    """Names from a byline, without "By"/"Авторы" openers and job titles; ``;``-separated."""
    if not author:
        return None
    names = []
    for part in _AUTHOR_SPLIT.split(author):
        name = _BYLINE_PREFIX.sub("", " ".join(part.split())).strip(" ,:")
        if not name or _ROLE.search(name) or name.startswith(("http://", "https://", "@")):
            continue
        names.append(name)
    return "; ".join(dict.fromkeys(names)) or None


def _letters(text: str) -> str:
    return _NON_WORD.sub("", text).casefold()


def _sane_site(name: str | None, title: str | None) -> str | None:
    """A site name unless it is too long to be a name or is the page's title."""
    if not name:
        return None
    name = _SLOGAN.split(name.strip(" @_|-"), maxsplit=1)[0]
    if not name or len(name) > SITE_MAX_CHARS:
        return None
    if title and _letters(title) and _letters(title) in _letters(name):
        return None
    return name


def choose_site(main: MainText, meta: Embedded, url: str, title: str | None) -> str | None:
    """The site's name: a declared name the host name spells, else og:site_name, the JSON-LD
    publisher, trafilatura's guess, and finally the host name itself."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    candidates = [
        name
        for name in (_sane_site(n, title) for n in (meta.site, meta.publisher, main.site))
        if name is not None
    ]
    host_letters = _letters(host)
    for name in candidates:
        letters = _letters(name)
        if len(letters) >= HOST_MATCH_MIN_LETTERS and letters in host_letters:
            return name
    if candidates:
        return candidates[0]
    return host or None
