"""Counted nouns: a number that counts a noun, contradicted by another count of that noun.

"The memorandum is made up of three sections" against a page saying "состоит из двух
разделов": each number alone is small and weak, but both count the same thing (sections ~
разделы, matched by key or through the lexicon), so the page contradicts the claim. A count
of another noun ("two versions" against "двух разделов") is no conflict.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from citecheck.verify.binding import MIN_MATCH
from citecheck.verify.claims import Clause
from citecheck.verify.contradict import Conflict
from citecheck.verify.lexicon import translation_keys
from citecheck.verify.numbers import Quantity, quantity_conflict, quantity_match
from citecheck.verify.retrieve import MIN_SIMILARITY, PageIndex
from citecheck.verify.text import Token, _morph, key_similarity, prefix_hit

LOGGER = logging.getLogger(__name__)

# Strength of a conflict between two counts of one noun (as a differing value with a unit).
COUNTED_STRENGTH = 0.8
# Words looked at after a number for the noun it counts ("three new sections", "двух основных разделов").
MAX_NOUN_DISTANCE = 3
# pymorphy3 parts of speech that may stand between a number and its noun (adjectives, participles).
_MODIFIER_POS = frozenset({"ADJF", "PRTF", "ADJS"})
# Text between two words of one noun phrase: spaces only (a comma or dash ends the phrase).
_GAP_RE = re.compile(r"[\s\u00a0]*")
# Letters only Ukrainian has (a word with one is analysed with the Ukrainian dictionaries).
_UK_ONLY_RE = re.compile(r"[іїєґ]", re.IGNORECASE)


@lru_cache(maxsize=50_000)
def _cyrillic_pos(word: str, uk: bool) -> str:
    """The most likely part of speech of a Cyrillic word."""
    parse = _morph("uk" if uk else "ru").parse(word.lower())[0]
    return str(parse.tag.POS) if parse.tag.POS else ""


@dataclass(frozen=True, slots=True)
class Counted:
    """What a number counts, as keys: its head word and the words before it.

    Each role holds (own keys, translation keys); a page's words have no translation keys.
    """

    heads: tuple[tuple[str, ...], tuple[str, ...]]
    modifiers: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    def __bool__(self) -> bool:
        return bool(self.heads[0])


def counted_words(
    text: str, tokens: Sequence[Token], quantity: Quantity, *, offset: int = 0, uk: bool = False
) -> tuple[list[int], list[int]]:
    """Positions in ``tokens`` of the word a number counts and of the words before it.

    Cyrillic text gives its first noun after the number, with the adjectives before it as
    modifiers; adjectives with no noun after them are the counted word ("пятеро военных").
    English gives the last of the (up to two) content words right after the number, the other
    as modifier, or the word a hyphen joins to it ("a five-year term" counts years);
    capitalised words ("Ukrainian") are left out.

    Args:
        text: the text the tokens' offsets point into.
        tokens: the text's words.
        quantity: a number of that text (offsets as the tokens').
        offset: where ``text`` starts in the tokens' offsets (a clause of a longer claim).
        uk: analyse Cyrillic words with the Ukrainian dictionaries.

    Returns:
        (head positions, modifier positions); no heads when nothing is counted ("two of
        them", "3%").
    """
    if quantity.unit:
        return [], []
    found: list[int] = []
    cursor = quantity.end
    for position, token in enumerate(tokens):
        if token.start < quantity.end:
            continue
        if len(found) >= MAX_NOUN_DISTANCE or token.text.isdigit():
            break
        gap = text[cursor - offset : token.start - offset]
        if cursor == quantity.end and gap == "-" and not token.cyr:
            return [position], []  # a compound: "a five-year term" counts years
        if not _GAP_RE.fullmatch(gap):
            break
        cursor = token.end
        if token.cyr:
            pos = _cyrillic_pos(token.text, uk or bool(_UK_ONLY_RE.search(token.text)))
            if pos == "NOUN":
                return [position], found
            if pos not in _MODIFIER_POS:
                break
            found.append(position)  # a modifier: keep looking for the noun
            continue
        if not token.content or (found and tokens[found[-1]].cyr):
            break
        if not token.cap:
            found.append(position)
        if len(found) >= 2:
            break
    if found and tokens[found[0]].cyr:
        return found, []  # adjectives used as nouns
    return found[-1:], found[:-1]


def claim_counted(text: str, tokens: Sequence[Token], quantity: Quantity, offset: int = 0) -> Counted:
    """What a claim's number counts, with the keys of the translations of its words.

    Args:
        text: the clause's text.
        tokens: the clause's words.
        quantity: a number of the clause.
        offset: where ``text`` starts in the offsets of tokens and number.

    Returns:
        The counted words (false when the number counts nothing).
    """
    heads, modifiers = counted_words(text, tokens, quantity, offset=offset)
    if not heads:
        return Counted(((), ()))
    translations = translation_keys(tokens)

    def role(positions: Sequence[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        own = tuple(tokens[p].key for p in positions)
        return own, tuple(k for p in positions for k in translations.get(p, ()))

    return Counted(role(heads), role(modifiers))


def _same_word(claim_keys: Sequence[str], page_key: str) -> bool:
    """True when a page noun's key matches one of a claim's counted words' keys."""
    return any(key_similarity(key, page_key) >= MIN_SIMILARITY for key in claim_keys)


def _translation_match(translations: Sequence[str], page_key: str) -> bool:
    """A translation key equal to the page key or sharing a long prefix with it (as the lexicon)."""
    return bool(prefix_hit(translations, (page_key,)))


def counted_conflict(
    claim: Quantity, counted: Counted, window: Sequence[tuple[Quantity, Counted]]
) -> Conflict | None:
    """A window number that counts the claim number's noun with another value.

    The words meet head to head or head to modifier ("civilians" ~ "мирных жителей"), never
    modifier to modifier ("three new sections" is not "двух новых законов").

    Args:
        claim: a number of the claim.
        counted: what the claim's number counts.
        window: the window's numbers, each with what it counts.

    Returns:
        The conflict, or None when the window also holds the claim's value for that noun (or
        with no noun), or counts the noun nowhere.
    """
    if not counted or claim.unit:
        return None
    closest: tuple[float, Quantity] | None = None
    for page, other in window:
        same = bool(other) and _same_thing(counted, other)
        if quantity_match(claim, page):
            if not other or same:
                return None  # the page says the claim's number of this noun (or of nothing named)
            continue
        if same and quantity_conflict(claim, page):
            distance = _distance(claim.value, page.value)
            if closest is None or distance < closest[0]:
                closest = (distance, page)
    if closest is None:
        return None
    return Conflict("number", claim.text, closest[1].text, COUNTED_STRENGTH)


def _distance(a: float, b: float) -> float:
    """How far apart two values are, by ratio (the page value most like the claim's is shown)."""
    if a <= 0 or b <= 0:
        return abs(a - b)
    return abs(math.log(a / b))


def _same_thing(claim: Counted, page: Counted) -> bool:
    """True when a claim's and a page's counted words name the same thing."""

    def meets(role: tuple[tuple[str, ...], tuple[str, ...]], keys: Sequence[str]) -> bool:
        own, translated = role
        return any(_same_word(own, k) or _translation_match(translated, k) for k in keys)

    return (
        meets(claim.heads, page.heads[0])
        or meets(claim.heads, page.modifiers[0])
        or meets(claim.modifiers, page.heads[0])
    )


def window_counts(
    text: str,
    tokens: Sequence[Sequence[Token]],
    quantities: Sequence[Sequence[Quantity]],
    window: Sequence[int],
) -> list[tuple[Quantity, Counted]]:
    """The numbers of a window's sentences, each with the keys of the words it may count.

    Args:
        text: the page's text (the offsets of tokens and numbers point into it).
        tokens: each sentence's words.
        quantities: each sentence's numbers.
        window: the window's sentence indexes.

    Returns:
        ``(number, what it counts)`` pairs in window order.
    """
    found: list[tuple[Quantity, Counted]] = []
    for seg in window:
        words = tokens[seg]
        for quantity in quantities[seg]:
            heads, modifiers = counted_words(text, words, quantity)
            keys = (tuple(words[p].key for p in heads), tuple(words[p].key for p in modifiers))
            found.append((quantity, Counted((keys[0], ()), (keys[1], ()))))
    return found


# "eight of the nearly 50 judges": a part of a whole, both figures in the claim.
_OF_RE = re.compile(
    r"\s+of\s+(?:the\s+|its\s+|their\s+|[^\W\d_]+['’]s\s+)?"
    r"(?:(?:nearly|almost|about|some|roughly|around|over|more\s+than)\s+)?",
    re.I,
)
# «трех из почти 50 судей», «трьох із майже 50»: the page's part of a whole.
_IZ_RE = re.compile(
    r"\s+(?:из|з|із|зі)\s+(?:(?:почти|около|примерно|более|свыше|майже|близько|понад|приблизно)\s+)?", re.I
)


def part_of_whole_conflict(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """A claim's "N of M" against the page's «K из M»: the whole matches, the part does not.

    "dismissed eight of the nearly 50 judges" against «уволить только трех из почти 50 судей»:
    a small part alone is a weak anchor, but the same whole makes the two parts one count.

    Args:
        page: the prepared page.
        clause: the clause (its text and numbers).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    pairs = [
        (part, whole)
        for part, whole in itertools.pairwise(clause.quantities)
        if _OF_RE.fullmatch(clause.text[part.end - clause.start : whole.start - clause.start])
    ]
    for part, whole in pairs:
        for seg in window:
            found = page.quantities[seg]
            for page_part, page_whole in itertools.pairwise(found):
                if not _IZ_RE.fullmatch(page.text[page_part.end : page_whole.start]):
                    continue
                if quantity_match(whole, page_whole) < MIN_MATCH or quantity_match(part, page_part):
                    continue
                if quantity_conflict(part, page_part):
                    return Conflict(
                        "number", part.text, page.text[page_part.start : page_whole.end], COUNTED_STRENGTH
                    )
    return None
