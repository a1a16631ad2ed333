"""A thing stated as done that the page puts in the future ("were closed" / «будут закрыты»).

Claims often turn a plan into a fact: "the ministry has already approved the order" against
«министерство утвердит приказ», "the cases were closed" against «дела, вероятно, будут
закрыты». The page's verb that carries the claim's predicate is then in the future tense (a
perfective future, or «будет» / «будут» / «буде» / «будуть» with a verb or participle). This
check flags a clause whose done-looking verb (a past form, or any word when the clause says
"already") is found in its evidence sentences only as such a future, never in another form.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from citecheck.verify.contradict import Conflict
from citecheck.verify.lexicon import _stem, _target_keys
from citecheck.verify.retrieve import PageIndex
from citecheck.verify.text import Token, _morph, prefix_hit

# The future forms of "to be" that make a compound future (Russian and Ukrainian).
FUTURE_AUX = frozenset(
    {"буду", "будешь", "будет", "будем", "будете", "будут"} | {"буде", "будемо", "будуть", "будеш"}
)
# Modal words after which an infinitive is still to be done («его должны подписать»,
# «має бути підписаний»).
MODAL_AUX = frozenset({"должен", "должна", "должно", "должны"} | {"повинен", "повинна", "повинно", "повинні"})
# Words after a modal that may still hold its infinitive («должны одобрить Совет Федерации и подписать»).
MODAL_REACH = 6
# Words after a future verb that are its object («пройдет медицинское обследование»): with
# "already" in the claim, a claim word found there is put in the future too.
OBJECT_REACH = 2
# Claim words after "already" that may be the object of the thing done.
ALREADY_REACH = 4
# Parts of speech of a future verb («вступит») or of what follows a future "to be"; after it,
# short adjectives count too («будут закрыты» reads first as one).
VERB_POS = ("VERB", "INFN", "PRTS", "PRTF")
# Words after a future "to be" that may still belong to its verb ("будут, вероятно, закрыты").
AUX_REACH = 3
# English past forms without "-ed" that state a thing done.
IRREGULAR_PAST = frozenset(
    {"began", "became", "broke", "brought", "built", "came", "chose", "cut", "drove", "fell", "found"}
    | {"gave", "got", "held", "kept", "laid", "led", "left", "lost", "made", "met", "paid", "put", "ran"}
    | {"rose", "sold", "sent", "shut", "spent", "stood", "struck", "took", "went", "won", "wrote"}
)
# Readings of a word looked at for a future one.
READINGS = 3
# Strength of the conflict (as a pending statement).
FUTURE_STRENGTH = 0.6


@lru_cache(maxsize=100_000)
def _readings(word: str, uk: bool) -> tuple[Any, ...]:
    """The first pymorphy3 readings of a Cyrillic word (cached)."""
    return tuple(_morph("uk" if uk else "ru").parse(word)[:READINGS])


def _future_verb(word: str, uk: bool) -> bool:
    """True for a verb with a future reading among its first ones («вступит», «створить»).

    Ukrainian "створить" reads first as a colloquial infinitive, then as the future.
    """
    parses = _readings(word, uk)
    return (
        bool(parses)
        and parses[0].tag.POS in VERB_POS
        and any(p.tag.POS == "VERB" and p.tag.tense == "futr" for p in parses)
    )


def _verbal(word: str, uk: bool) -> bool:
    """True when a Cyrillic word reads first as a verb, infinitive, participle or short form."""
    parses = _readings(word, uk)
    return bool(parses) and parses[0].tag.POS in (*VERB_POS, "ADJS")


def _infinitive(word: str, uk: bool) -> bool:
    parses = _readings(word, uk)
    return bool(parses) and parses[0].tag.POS == "INFN"


def _past_looking(token: Token) -> bool:
    low = token.text.lower()
    return not token.cyr and (low.endswith("ed") or low in IRREGULAR_PAST)


def _future_positions(tokens: Sequence[Token], uk: bool) -> set[int]:
    """Indexes of a sentence's verbs in the future tense, or verbs after a future "to be"."""
    found: set[int] = set()
    for i, token in enumerate(tokens):
        if not token.cyr:
            continue
        low = token.text.lower()
        if low in FUTURE_AUX:
            after = range(i + 1, min(len(tokens), i + 1 + AUX_REACH))
            found.update(j for j in after if _verbal(tokens[j].text.lower(), uk))
        elif low in MODAL_AUX:
            after = range(i + 1, min(len(tokens), i + 1 + MODAL_REACH))
            found.update(j for j in after if _infinitive(tokens[j].text.lower(), uk))
        elif _future_verb(low, uk):
            found.add(i)
    return found


def future_of_done(page: PageIndex, tokens: Sequence[Token], sentences: Sequence[int]) -> Conflict | None:
    """A clause stating a thing done whose evidence puts that thing only in the future.

    The caller leaves out hedged clauses ("will", "plans to": scope.tsv's ``hedge`` class).

    Args:
        page: the prepared page.
        tokens: the clause's words.
        sentences: the clause's core evidence sentences.

    Returns:
        The conflict, or None.
    """
    if not page.cyrillic or not sentences:
        return None
    already_at = [i for i, t in enumerate(tokens) if t.text.lower() == "already"]
    already = bool(already_at)
    for i, token in enumerate(tokens):
        if not token.content or token.cyr or not (already or _past_looking(token)):
            continue
        if i and tokens[i - 1].text.lower() == "to":
            continue  # an infinitive ("is meant to cut the journey") states nothing done
        keys = set(_target_keys((_stem(token.text),)))
        if not keys:
            continue
        # "has already passed his medical": a word just after "already" may be the object of the
        # page's future verb («пройдет медицинское обследование»).
        near_already = any(0 < i - a <= ALREADY_REACH for a in already_at)
        future_hit, other_hit, where = False, False, -1
        for seg in sentences:
            seg_tokens = page.tokens[seg]
            futures = _future_positions(seg_tokens, page.uk)
            for p, page_token in enumerate(seg_tokens):
                if not prefix_hit(keys, (page_token.key,)):
                    continue
                if p in futures or (near_already and any(j in futures for j in range(p - OBJECT_REACH, p))):
                    future_hit, where = True, seg
                else:
                    other_hit = True
        if future_hit and not other_hit:
            return Conflict("pending", token.text, page.segments[where].text.strip(), FUTURE_STRENGTH)
    return None
