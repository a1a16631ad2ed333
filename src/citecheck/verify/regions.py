"""A region swapped for another: "deputy governor of the Tver region" against «заместителем
губернатора Вологодской области».

Regional news names a region by its adjective and a region word («Тверская область», «Пермский
край», «Житомирської області»). A claim that names a region the clause's best sentences do not,
while those sentences name another region in its place, cites the page for a different region,
however well its other words match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from citecheck.verify.contradict import Conflict
from citecheck.verify.entities import Name
from citecheck.verify.lexicon import _stem, _target_keys
from citecheck.verify.retrieve import PageIndex
from citecheck.verify.text import Token, key_similarity, prefix_hit

# English region words, and the region words after a place adjective on a Russian or Ukrainian page.
_REGION_WORDS_EN = frozenset({"region", "oblast", "province", "krai", "kray", "territory"})
_REGION_WORDS = frozenset({"область", "край", "регион", "обл", "регіон"})
# An English region: "the Tver region", "Perm Krai", "Zhytomyr oblast", "the region of Kursk".
CLAIM_REGION_RE = re.compile(
    r"\b([A-Z][\w'’-]+)(?:'s|’s)?\s+(?:" + "|".join(sorted(_REGION_WORDS_EN)) + r")\b|"
    r"\b(?:region|oblast|province) of ([A-Z][\w'’-]+)"
)
# The words between a head and its region ("governor of the").
_SLOT_JOINERS = frozenset({"of", "the", "in", "for", "from"})
# Words before (or after) a region read as the words it qualifies.
HEAD_WORDS = 2
# Endings of a place adjective's lemma («вологодский», «житомирський»).
_ADJECTIVE_ENDS = ("ский", "цкий", "ской", "ський", "цький")
# How alike a region's key and a page adjective's key must be to be one region.
SAME_REGION = 0.75
# Strength of the conflict (a contradiction).
REGION_STRENGTH = 0.6


def _claim_regions(text: str, names: Sequence[Name]) -> list[Name]:
    """The claim's names that stand before or after a region word ("the Tver region")."""
    starts = {m.start(1) if m.group(1) else m.start(2) for m in CLAIM_REGION_RE.finditer(text)}
    return [n for n in names if n.start in starts]


def _region_pairs(tokens: Sequence[Token]) -> list[tuple[Token, int]]:
    """(adjective, index) of each region a sentence names by adjective and region word."""
    return [
        (adjective, i)
        for i, (adjective, following) in enumerate(pairwise(tokens))
        if adjective.cyr
        and adjective.cap
        and adjective.lemma.endswith(_ADJECTIVE_ENDS)
        and following.lemma in _REGION_WORDS
    ]


def _names_region(name: Name, key: str) -> bool:
    """True when a page adjective's key is a form of the claim name (keys, exonyms, adjectives)."""
    return any(key_similarity(own, key) >= SAME_REGION for own in (*name.keys, *name.aliases))


def _heads(text: str, tokens: Sequence[Token], name: Name) -> list[Token]:
    """The claim's words that the region qualifies: "deputy governor" in "deputy governor of the
    Tver region", "governor" in "the Tver region's governor"."""
    before = [t for t in tokens if t.end <= name.start]
    while before and before[-1].lemma in _SLOT_JOINERS:
        before.pop()
    heads = [t for t in before[-HEAD_WORDS:] if t.content]
    if heads and heads[-1].end < name.start - len(" of the "):
        heads = []  # words far before the region are not its head
    after = [t for t in tokens if t.start >= name.end]
    if after and after[0].lemma in _REGION_WORDS_EN and re.match(r"\s*\w+(?:'s|’s)", text[after[0].start :]):
        heads.extend(t for t in after[1 : 1 + HEAD_WORDS] if t.content)
    return heads


def region_conflict(
    page: PageIndex, text: str, tokens: Sequence[Token], names: Sequence[Name], window: Sequence[int]
) -> Conflict | None:
    """A region of the claim whose place the window gives to another region: the page's region
    adjective after the claim's head words («заместителем губернатора Вологодской области» for
    "deputy governor of the Tver region").

    Args:
        page: the prepared page.
        text: the clause's text.
        tokens: the clause's words.
        names: the clause's names (those before or after a region word are its regions).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    for name in _claim_regions(text, names):
        heads = [{*_target_keys((_stem(t.text),)), t.key} for t in _heads(text, tokens, name)]
        if not heads:
            continue
        slots: list[tuple[int, bool, str]] = []
        for seg in window:
            seg_tokens = page.tokens[seg]
            for adjective, i in _region_pairs(seg_tokens):
                before = {t.key for t in seg_tokens[max(0, i - HEAD_WORDS - 1) : i]}
                hits = sum(1 for keys in heads if prefix_hit(keys, before))
                if hits:
                    slots.append((hits, _names_region(name, adjective.key), adjective.text))
        if not slots:
            continue
        best = max(hits for hits, _, _ in slots)
        top = [slot for slot in slots if slot[0] == best]
        if not any(same for _, same, _ in top):
            return Conflict("place", name.text, top[0][2], REGION_STRENGTH)
    return None
