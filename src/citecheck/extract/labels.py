"""Words that mark page furniture: widget headings, class names and line prefixes.

News templates label their widgets in words a reader sees ("Читайте также", "Новости
партнеров", "Read more") and name them in class and id attributes ("related",
"ReadAlso_container", "share"). These lists hold both, for Russian, Ukrainian and English.
"""

from __future__ import annotations

import functools
import re

# Headings that open a widget of links to other pages, compared after casefolding,
# folding "ё" to "е" and stripping punctuation at the ends.
WIDGET_LABELS = frozenset(
    {
        # Russian
        "читайте также",
        "читайте тоже",
        "читать также",
        "смотрите также",
        "см также",
        "читайте материал",
        "по теме",
        "материалы по теме",
        "новости по теме",
        "статьи по теме",
        "еще по теме",
        "другие новости",
        "лента новостей",
        "новости партнеров",
        "партнерские материалы",
        "материалы партнеров",
        "реклама",
        "популярное",
        "самое популярное",
        "самое читаемое",
        "самое интересное",
        "главное",
        "главные новости",
        "главное за день",
        "последние новости",
        "свежие новости",
        "новости дня",
        "рекомендуем",
        "рекомендуем прочитать",
        "вам может быть интересно",
        "вас может заинтересовать",
        "это интересно",
        "выбор редакции",
        "теги",
        "метки",
        "темы",
        "поделиться",
        "комментарии",
        "обсуждение",
        # Ukrainian
        "читайте також",
        "дивіться також",
        "до теми",
        "на тему",
        "за темою",
        "новини за темою",
        "матеріали за темою",
        "зверніть увагу",
        "вас може зацікавити",
        "новини партнерів",
        "стрічка новин",
        "популярне",
        "найпопулярніше",
        "головне",
        "головні новини",
        "останні новини",
        "рекомендуємо",
        "поділитися",
        "коментарі",
        # English
        "read more",
        "read also",
        "read next",
        "see also",
        "related",
        "related stories",
        "related articles",
        "related news",
        "related content",
        "related topics",
        "more on this story",
        "more stories",
        "more from",
        "more news",
        "most read",
        "most popular",
        "most viewed",
        "latest news",
        "latest stories",
        "top stories",
        "trending",
        "trending now",
        "recommended",
        "recommended for you",
        "you may also like",
        "you might also like",
        "up next",
        "sponsored",
        "sponsored content",
        "partner content",
        "from our partners",
        "tags",
        "topics",
        "share",
        "share this article",
        "comments",
        "advertisement",
    }
)

# Labels too common as real subheadings to remove without widget evidence around them.
WEAK_LABELS = frozenset(
    {"главное", "головне", "темы", "related", "trending", "topics", "share", "comments", "реклама"}
)

# Words in class/id attributes that name furniture. Matched against the words of a class or
# id split at punctuation and camelCase, and against adjacent pairs joined ("read"+"also").
CHROME_CLASS_WORDS = frozenset(
    {
        "related",
        "relatedlinks",
        "readalso",
        "readmore",
        "seealso",
        "alsoread",
        "mostread",
        "mostpopular",
        "mostviewed",
        "lastnews",
        "latestnews",
        "newsfeed",
        "lenta",
        "recommend",
        "recommended",
        "recommendation",
        "recommendations",
        "partner",
        "partners",
        "sponsored",
        "promo",
        "share",
        "sharing",
        "sharebar",
        "social",
        "socials",
        "tags",
        "taglist",
        "comments",
        "caption",
        "copyright",
        "credits",
        "sidebar",
        "breadcrumbs",
        "breadcrumb",
        "subscribe",
        "subscription",
        "newsletter",
        "banner",
        "adfox",
        "advert",
        "advertisement",
        "cookie",
        "cookies",
    }
)

# Distinct class/id strings remembered across pages (a page has a few hundred).
CLASS_CACHE_SIZE = 8192
_CLASS_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_LABEL_STRIP = " \t\r\n\xa0:.;,!?»«\"'•·→>|-—–_()[]*"


@functools.lru_cache(maxsize=CLASS_CACHE_SIZE)
def class_words(value: str) -> frozenset[str]:
    """The words of a class or id attribute, and each adjacent pair joined (cached: templates
    repeat the same few class strings on thousands of elements)."""
    words = [w for w in _CLASS_SPLIT.split(_CAMEL.sub(" ", value).lower()) if w]
    return frozenset(words) | {a + b for a, b in zip(words, words[1:], strict=False)}  # noqa: RUF007


def label_key(text: str) -> str:
    """A heading's text in the form :data:`WIDGET_LABELS` holds (casefolded, ё as е)."""
    key = " ".join(text.split()).strip(_LABEL_STRIP).casefold().replace("ё", "е")
    return key.replace(".", "")
