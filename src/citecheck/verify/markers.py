"""Matching the words of the packaged lists (scope, pending, qualifiers) against text.

A marker is a lemma or form ("x"), consecutive words ("a b"), a prefix ("x*"), a suffix ("*x")
or an infix ("*x*"); a sentence is matched by its lemmas and its lower-case forms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from citecheck.verify.text import Token


def marker_hit(marker: str, lemmas: Sequence[str], forms: Sequence[str]) -> bool:
    """True when a marker ("x", "a b", "x*", "*x") is found in a sentence's words."""
    parts = marker.split()
    if len(parts) > 1:
        return any(
            all(word_hit(p, w) for p, w in zip(parts, words[i : i + len(parts)], strict=True))
            for words in (lemmas, forms)
            for i in range(len(words) - len(parts) + 1)
        )
    return any(word_hit(marker, w) for w in (*lemmas, *forms))


def word_hit(marker: str, word: str) -> bool:
    """True when one word matches a one-word marker ("x", "x*", "*x", "*x*")."""
    if marker.endswith("*") and not marker.startswith("*"):
        stem = marker[:-1]
        return word.startswith(stem) and len(word) > len(stem) + 2
    if marker.startswith("*") and marker.endswith("*"):
        inner = marker[1:-1]
        return inner in word[1:] and len(word) > len(inner) + 2
    if marker.startswith("*"):
        tail = marker[1:]
        return word.endswith(tail) and len(word) > len(tail) + 2
    return word == marker


def claim_words(tokens: Sequence[Token]) -> list[str]:
    """A clause's words, lower-cased, but for the month "May" (no hedge "may")."""
    return [t.text if t.text == "May" else t.text.lower() for t in tokens]


def words_of(tokens: Sequence[Token]) -> tuple[list[str], list[str]]:
    """A sentence's lemmas (the month "May" kept as written) and its lower-case forms."""
    return [t.text if t.text == "May" else t.lemma.lower() for t in tokens], claim_words(tokens)


def find_phrase(words: Sequence[str], phrase: Sequence[str], start: int = 0) -> Iterable[int]:
    """Positions where a phrase (a sequence of words) starts in a word list."""
    n = len(phrase)
    for i in range(start, len(words) - n + 1):
        if tuple(words[i : i + n]) == tuple(phrase):
            yield i
