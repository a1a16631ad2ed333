"""Opposite words: a claim that says "cut" where its evidence says only "raised".

``data/antonyms.tsv`` pairs groups of English words (rise/fall, win/lose, agree/reject, ...).
When a clause uses one and its aligned evidence holds none of its forms or translations but
does hold an opposite, the clause is contradicted. On a Cyrillic page the opposite is looked
for through its translations in the lexicon; on an English page by its stem.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from citecheck.verify.contradict import Conflict, negated
from citecheck.verify.lexicon import _stem, _target_keys
from citecheck.verify.retrieve import PageIndex
from citecheck.verify.text import WORD_RE, Token, prefix_hit
from citecheck.verify.tsv import tsv_rows

LOGGER = logging.getLogger(__name__)

# Strength of an antonym conflict (a clause is contradicted from CONFLICT_LIMIT = 0.5).
ANTONYM_STRENGTH = 0.6
# Words before a participle that make it an adjective ("the reduced rate").
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her"})
# Rows of data/antonyms.tsv: two groups of English words.
_COLUMNS = 2


def parse_rows(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The rows of antonyms.tsv (``group A<TAB>group B``, comma-separated words; ``#``
    comments) as pairs of stem groups; rows without two columns are skipped with a warning."""
    rows = []
    for cells in tsv_rows(text, "antonyms", (_COLUMNS,), LOGGER):
        left, right = (tuple(_stem(w) for w in WORD_RE.findall(cell)) for cell in cells)
        rows.append((left, right))
    return rows


def parse_antonyms(text: str) -> dict[str, tuple[str, ...]]:
    """Parse antonym rows (see :func:`parse_rows`).

    Args:
        text: the file's text.

    Returns:
        English stem -> the stems of its opposites.
    """
    return _opposites(parse_rows(text))


def _opposites(rows: list[tuple[tuple[str, ...], tuple[str, ...]]]) -> dict[str, tuple[str, ...]]:
    opposites: dict[str, dict[str, None]] = {}
    for left, right in rows:
        for group, other in ((left, right), (right, left)):
            for stem in group:
                opposites.setdefault(stem, {}).update(dict.fromkeys(s for s in other if s not in group))
    return {stem: tuple(others) for stem, others in opposites.items()}


@lru_cache(maxsize=1)
def load_rows() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The packaged antonym rows (read once)."""
    text = resources.files("citecheck.verify").joinpath("data/antonyms.tsv").read_text(encoding="utf-8")
    return parse_rows(text)


@lru_cache(maxsize=1)
def load_antonyms() -> dict[str, tuple[str, ...]]:
    """The packaged antonym pairs (read once)."""
    return _opposites(load_rows())


@lru_cache(maxsize=1024)
def _same_side(stem: str) -> tuple[str, ...]:
    """The stems with the same opposites as ``stem``: its own side of its pair ("grown" is
    backed by "growth", «рост» by "grew")."""
    opposites = load_antonyms()
    return tuple(x for x, others in opposites.items() if others == opposites[stem])


# Scale words that end a figure before a participle ("the 3.79 trillion planned").
FIGURE_WORDS = frozenset({"million", "billion", "trillion", "thousand", "hundred", "bn", "m"})


def _attributive(tokens: Sequence[Token], i: int) -> bool:
    """True for a participle used as an adjective ("the reduced rate", "the 3.79 trillion planned
    for the year"), which names, not reports."""
    if not tokens[i].lemma.endswith("ed") or i == 0:
        return False
    before = tokens[i - 1].lemma
    return before in DETERMINERS or before[:1].isdigit() or before in FIGURE_WORDS


# Comparatives of time that are also adverbs ("Trump later said"; «Ранее сообщалось»): only a
# comparison ("a later date", "earlier than planned") is opposed.
TIME_COMPARATIVES = frozenset({"later", "earlier", "sooner"})


def compound_modifiers(tokens: Sequence[Token]) -> set[str]:
    """Stems of English words that modify the noun right after them ("growth" in "cut its growth
    forecast"): such a word names a topic, so the page's word for it is no opposite of the
    claim's verb."""
    return {
        _stem(t.text)
        for t, nxt in itertools.pairwise(tokens)
        if not t.cyr and nxt.start == t.end + 1 and nxt.content and not nxt.cyr
    }


def _time_adverb(tokens: Sequence[Token], i: int) -> bool:
    """True for "later"/"earlier" used as an adverb, not set against another time."""
    if tokens[i].text.lower() not in TIME_COMPARATIVES:
        return False
    after = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
    return not ((i and tokens[i - 1].lemma in DETERMINERS) or after == "than")


def antonym_conflict(
    page: PageIndex, tokens: Sequence[Token], segments: Sequence[int], claim_negated: bool
) -> Conflict | None:
    """A word of the clause whose opposite, not itself, stands in its evidence sentences.

    Args:
        page: the prepared page.
        tokens: the clause's words.
        segments: the evidence sentences that align with the clause.
        claim_negated: whether the clause is negated; a word after its negation ("did not raise")
            is left to the negation check.

    Returns:
        The conflict, or None.
    """
    if not segments:
        return None
    opposites = load_antonyms()
    window = [t for s in segments for t in page.tokens[s]]
    stems = {_stem(t.text) for t in window if not t.cyr}
    page_keys = {t.key for t in window if t.cyr}
    claim_stems = compound_modifiers(tokens)
    for i, token in enumerate(tokens):
        stem = _stem(token.text) if not token.cyr else ""
        if stem not in opposites or _attributive(tokens, i) or _time_adverb(tokens, i):
            continue
        if claim_negated and negated(tokens[:i]):
            continue  # "did not raise": left to the negation check (a "no" after the word is not its own)
        if claim_stems.intersection(opposites[stem]):
            continue  # "cut its growth forecast": the page's «роста» is the claim's own topic
        side = _same_side(stem)
        if page.cyrillic:
            if prefix_hit((token.key, *(k for x in side for k in _target_keys((x,)))), page_keys):
                continue
            for other in opposites[stem]:
                found = prefix_hit(_target_keys((other,)), page_keys)
                if found:
                    return Conflict("antonym", token.text, found, ANTONYM_STRENGTH)
        elif not stems.intersection(side):
            for other in opposites[stem]:
                if other in stems:
                    return Conflict("antonym", token.text, other, ANTONYM_STRENGTH)
    return None
