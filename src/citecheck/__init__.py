"""citecheck: check that cited pages say what an article claims, and keep a copy of each.

The public API (imported lazily, so ``import citecheck`` stays cheap)::

    check(sources, ...)       parse, fetch, archive, extract, verify and store (``citecheck check``)
    recheck_citations(...)    re-verify stored citations that are due (``citecheck recheck``)
    run_eval(set_dir, ...)    score the pipeline on an evaluation set (``citecheck eval``)
    parse_article(raw, ...)   the citations of one article
    extract_page(html, url)   the main text and metadata of one page
    load_settings(...)        Settings from defaults < config.toml < CITECHECK_* < overrides
    open_db(path)             the SQLite store, migrated forward
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# Public name -> "module:attribute" it is imported from on first use.
_LAZY = {
    "Article": "citecheck.models:Article",
    "Citation": "citecheck.models:Citation",
    "Extraction": "citecheck.models:Extraction",
    "FetchResult": "citecheck.models:FetchResult",
    "Label": "citecheck.models:Label",
    "Outcome": "citecheck.models:Outcome",
    "ParsedArticle": "citecheck.models:ParsedArticle",
    "Settings": "citecheck.config:Settings",
    "Snapshot": "citecheck.models:Snapshot",
    "Verdict": "citecheck.models:Verdict",
    "check": "citecheck.runner:check",
    "extract_page": "citecheck.extract:extract",
    "load_settings": "citecheck.config:load",
    "open_db": "citecheck.store.db:open_db",
    "parse_article": "citecheck.articles:parse_article",
    "recheck_citations": "citecheck.recheck:recheck",
    "run_eval": "citecheck.evaluate:run_eval",
}

__all__ = [
    "Article",
    "Citation",
    "Extraction",
    "FetchResult",
    "Label",
    "Outcome",
    "ParsedArticle",
    "Settings",
    "Snapshot",
    "Verdict",
    "__version__",
    "check",
    "extract_page",
    "load_settings",
    "open_db",
    "parse_article",
    "recheck_citations",
    "run_eval",
]

if TYPE_CHECKING:
    from citecheck.articles import parse_article
    from citecheck.config import Settings
    from citecheck.config import load as load_settings
    from citecheck.evaluate import run_eval
    from citecheck.extract import extract as extract_page
    from citecheck.models import (
        Article,
        Citation,
        Extraction,
        FetchResult,
        Label,
        Outcome,
        ParsedArticle,
        Snapshot,
        Verdict,
    )
    from citecheck.recheck import recheck as recheck_citations
    from citecheck.runner import check
    from citecheck.store.db import open_db


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'citecheck' has no attribute {name!r}")
    module, attribute = target.split(":")
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value
