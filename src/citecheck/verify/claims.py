"""A claim cut into the clauses a page must each support, with each clause's anchors.

Lists become one clause per item, passages one per sentence, and coordinated sentences
("X, and Y", "X; Y", "X, while Y") and verbs ("confiscated his property and barred him from
office") one per part, so that a claim half right is *partial*.
A heading or a lead-in line ending in a colon is kept as a *lead*: it counts only through
its anchors.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import razdel

from citecheck.verify.dates import DateRef, extract_dates
from citecheck.verify.entities import Name, claim_names, mark_speakers
from citecheck.verify.numbers import Quantity, extract_quantities
from citecheck.verify.text import QUOTE_RE, Token, is_cyrillic, is_ukrainian, tokenize

LOGGER = logging.getLogger(__name__)

_LIST_ITEM_RE = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")
# Where a sentence splits into clauses that each must hold: "said X and that Y" and "did X and
# said Y" report two statements (with or without a comma), as do "X, then Y" and "X, after Y
# fell" (a second event, with its own figures); a closing ", which ...", ", whose
# ..." or ", with ..." adds one, while one set off on both sides ("the plant, which will employ
# 80, has opened", "the section, with five stations, should open in 2027") stays inside.
_SPLIT_RE = re.compile(
    r";\s+|,\s+(?:and|while|but|whereas|although|(?:even\s+)?though|adding that|and that)\s+|\s+and\s+that\s+"
    r"|\s+and\s+(?=(?:said|says|signalled|signaled|added|noted|warned|stressed|announced|insisted)\s)"
    r"|(?P<verb>\s+and\s+(?=(?:also\s+)?(?:(?:is|are|was|were|has|have|had|will|would)\s+)?(?:(?:also|not|now)\s+)?[a-z]+ed\s))"
    r"|,\s+(?=(?:which|whose)\s[^,]*$)|,\s+with\s+(?![^,]*,\s+(?:should|will|would|shall|has|have|had|is|are|was|were|can|could|may|might|must)\s)|:\s+(?=[a-z])"
    r"|,\s+(?:and\s+)?then\s+(?=[a-z])|,\s+yet\s+|,\s+(?=at\s+a\s+cost\s+of\s)"
    r"|,\s+(?:after|as|even\s+as)\s+(?=(?!\w+(?:ing|ed)\b)[^,]*?\b(?:\w+ed|fell|rose|grew|slowed|sank)\b)"
    r"|\s+—\s+|,\s+(?:а|но|и|однако|причем|а також|але|і)\s+",
    re.IGNORECASE,
)
# "X said A and called for B": the second verb is the speaker's too, so the sentence stays whole.
_SPEECH_RE = re.compile(
    r"\b(?:said|says|told|tells|according\s+to|wrote|writes|announced|claimed)\b", re.IGNORECASE
)
# Parts shorter than this many words stay with their neighbour.
MIN_CLAUSE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Clause:
    """One part of a claim with what can be checked in it."""

    text: str
    start: int
    end: int
    lead: bool
    tokens: tuple[Token, ...]
    names: tuple[Name, ...]
    quantities: tuple[Quantity, ...]
    dates: tuple[DateRef, ...]
    quotes: tuple[str, ...]

    @property
    def anchors(self) -> int:
        """How many checkable anchors (numbers, dates, strong names, quotes) the clause has."""
        strong = sum(1 for n in self.names if not n.weak and not n.speaker)
        return strong + len(self.quantities) + len(self.dates) + len(self.quotes)


def _pieces(claim: str) -> list[tuple[int, int, bool]]:
    """Lines and sentences of a claim as spans, each flagged as lead or not."""
    spans: list[tuple[int, int, bool]] = []
    lines = claim.split("\n")
    pos = 0
    multi = sum(1 for line in lines if line.strip()) > 1
    for number, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        item = _LIST_ITEM_RE.match(line)
        if item:
            spans.append((start + item.end(), end, False))
            continue
        lead = multi and (stripped.endswith(":") or (number == 0 and stripped[-1] not in ".!?\"'”»"))
        if lead:
            spans.append((start, end, True))
            continue
        for sentence in razdel.sentenize(line):
            spans.append((start + sentence.start, start + sentence.stop, False))
    return spans


def _split(claim: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a sentence at coordinating joints, keeping parts of at least MIN_CLAUSE_WORDS."""
    parts: list[tuple[int, int]] = []
    cursor = start
    joints = list(_SPLIT_RE.finditer(claim, start, end))
    for i, match in enumerate(joints):
        left = claim[cursor : match.start()]
        # The part up to the next joint: a short one ("..., with $4.2 billion, while ...") stays
        # with the clause before it.
        right = claim[match.end() : joints[i + 1].start() if i + 1 < len(joints) else end]
        if match.group("verb") and _SPEECH_RE.search(left):
            continue
        if len(left.split()) >= MIN_CLAUSE_WORDS and len(right.split()) >= MIN_CLAUSE_WORDS:
            parts.append((cursor, match.start()))
            cursor = match.end()
    parts.append((cursor, end))
    return parts


def split_claim(claim: str, context: str = "") -> list[Clause]:
    """Cut a claim into clauses and find each one's anchors.

    Args:
        claim: the sentence, list or passage a citation vouches for.
        context: the citing paragraph (helps tell names from sentence-initial words).

    Returns:
        The clauses in order (at least one for a non-empty claim).
    """
    clauses: list[Clause] = []
    cyrillic = sum(1 for ch in claim if is_cyrillic(ch)) > len(claim) / 4
    all_tokens = tokenize(claim, uk=is_ukrainian(claim))
    all_names = claim_names(claim, all_tokens, context)
    dates = extract_dates(claim)
    quantities = extract_quantities(claim, cyrillic=cyrillic, skip=[(d.start, d.end) for d in dates])
    quotes = [(m.start(), m.group(1) or m.group(2)) for m in QUOTE_RE.finditer(claim)]
    for piece_start, piece_end, lead in _pieces(claim):
        for start, end in _split(claim, piece_start, piece_end) if not lead else [(piece_start, piece_end)]:
            while end > start and claim[end - 1] in " .,;:":
                end -= 1

            def inside(a: int, b: int, s: int = start, e: int = end) -> bool:
                return s <= a and b <= e

            clause_tokens = [t for t in all_tokens if inside(t.start, t.end)]
            clause_names = mark_speakers(
                claim, clause_tokens, [n for n in all_names if inside(n.start, n.end)]
            )

            clauses.append(
                Clause(
                    text=claim[start:end],
                    start=start,
                    end=end,
                    lead=lead,
                    tokens=tuple(clause_tokens),
                    names=tuple(clause_names),
                    quantities=tuple(q for q in quantities if inside(q.start, q.start + 1)),
                    dates=tuple(d for d in dates if inside(d.start, d.start + 1)),
                    quotes=tuple(q for s, q in quotes if inside(s, s + 1)),
                )
            )
    return [c for c in clauses if c.tokens]
