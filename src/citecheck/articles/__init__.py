"""Article parsing: find every citation in an article and the claim each one vouches for.

``parse_article`` reads plain text, Markdown or HTML (``detect_format`` tells which) into an
:class:`~citecheck.models.ParsedArticle`; ``score_articles`` scores parsed citations against
an evaluation set's expected ones.
"""

from __future__ import annotations

import logging

from citecheck.articles.detect import detect_format
from citecheck.articles.parse import parse_article
from citecheck.articles.score import score_articles

LOGGER = logging.getLogger(__name__)

__all__ = ["detect_format", "parse_article", "score_articles"]
