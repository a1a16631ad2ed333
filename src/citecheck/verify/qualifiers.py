"""Qualifiers the page puts on a plain claim: a suspended sentence, an acting post, early results.

"Pakhomov was sent to prison for four years" names the right man, figure and month, but the
page's «приговорен к 4 годам лишения свободы условно» gives a suspended sentence: nobody went
to prison. The pairs live in ``data/qualifiers.tsv``: claim words of the plain thing, the
page's markers of the qualifier, and the claim words that would carry it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from citecheck.verify.contradict import Conflict
from citecheck.verify.markers import claim_words, find_phrase, marker_hit, words_of
from citecheck.verify.retrieve import PageIndex
from citecheck.verify.text import Token
from citecheck.verify.tsv import tsv_rows

LOGGER = logging.getLogger(__name__)

# Strength of a qualifier the claim leaves out: a contradiction (from 0.5).
QUALIFIER_STRENGTH = 0.6
_COLUMNS = 3


@dataclass(frozen=True, slots=True)
class Qualifier:
    """One row of qualifiers.tsv."""

    plain: tuple[tuple[str, ...], ...]  # claim phrases of the plain thing
    markers: tuple[str, ...]  # page markers of the qualifier
    carried: tuple[tuple[str, ...], ...]  # claim phrases that carry the qualifier


def _phrases(cell: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.lower().split()) for p in cell.split(",") if p.strip())


def parse_qualifiers(text: str) -> tuple[Qualifier, ...]:
    """Parse qualifiers.tsv; rows without three columns are skipped with a warning."""
    rows = []
    for cells in tsv_rows(text, "qualifiers", (_COLUMNS,), LOGGER):
        markers = tuple(m.strip().lower() for m in cells[1].split(",") if m.strip())
        rows.append(Qualifier(_phrases(cells[0]), markers, _phrases(cells[2])))
    return tuple(rows)


@lru_cache(maxsize=1)
def load_qualifiers() -> tuple[Qualifier, ...]:
    """The packaged qualifier rows (read once)."""
    path = resources.files("citecheck.verify").joinpath("data", "qualifiers.tsv")
    return parse_qualifiers(path.read_text(encoding="utf-8"))


def _has(words: Sequence[str], phrases: tuple[tuple[str, ...], ...]) -> str:
    """The first of the phrases found in a word list (joined), or ""."""
    for phrase in phrases:
        if any(True for _ in find_phrase(words, phrase)):
            return " ".join(phrase)
    return ""


def qualifier_conflict(page: PageIndex, tokens: Sequence[Token], core: Sequence[int]) -> Conflict | None:
    """A qualifier in the clause's evidence sentences that the clause's plain words leave out.

    Args:
        page: the prepared page.
        tokens: the clause's words.
        core: the window's sentences that hold the clause (see ``scope.core_sentences``).

    Returns:
        The conflict, or None.
    """
    words = claim_words(tokens)
    for row in load_qualifiers():
        plain = _has(words, row.plain)
        if not plain or _has(words, row.carried):
            continue
        for seg in core:
            lemmas, forms = words_of(page.tokens[seg])
            if any(marker_hit(m, lemmas, forms) for m in row.markers):
                return Conflict("qualifier", plain, page.segments[seg].text.strip(), QUALIFIER_STRENGTH)
    return None
