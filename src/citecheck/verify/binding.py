"""Numbers bound to the wrong predicate: "17 of 28 expected a hold" against "17 из 28 ожидали снижения".

A page sentence may hold both of a claim's predicates, each with its own group ("17 из 28
экспертов ожидали снижения, остальные ... сохранит ставку"): the window-level antonym check
then sees the claim's word and lets it pass. Here the check is made inside the part of the
sentence (between commas, semicolons, colons and dashes) that holds the claim's number: if that
part says the opposite of a claim word (``data/antonyms.tsv``) and not the word itself, the
number belongs to the other group.

:func:`bound_to_another_item` is the same idea for subjects: a claim figure that the page
gives to another item of a sentence listing several ("US crude fell 3.4%, and Brent 2.7%").
:func:`figure_bound_elsewhere` finds a claim figure standing in the window only among words the
claim does not use ("45 депутатских мандатов"), while another part holds the claim's words with
another figure ("во всех 22 одномандатных округах").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from citecheck.verify.antonyms import _attributive, compound_modifiers, load_antonyms
from citecheck.verify.claims import Clause
from citecheck.verify.contradict import PART_RE, Conflict, comparable, negated, sentence_parts
from citecheck.verify.dates import date_conflict, date_match, month_of
from citecheck.verify.entities import Name
from citecheck.verify.lexicon import _stem, _target_keys, translation_keys
from citecheck.verify.numbers import Quantity, quantity_conflict, quantity_match
from citecheck.verify.retrieve import MIN_SIMILARITY, PageIndex
from citecheck.verify.text import Token, key_similarity, prefix_hit

LOGGER = logging.getLogger(__name__)

# Similarity at which a page word is a claim's name (as names are matched).
NAME_MATCH = 0.8
# Strength of a number bound to the opposite predicate (a contradiction from 0.5).
BINDING_STRENGTH = 0.6
# Smallest match of a claim number with a page number for the page number to be the claim's.
MIN_MATCH = 0.9


def _part(text: str, start: int, position: int) -> tuple[int, int]:
    """The (start, end) page offsets of the part of a sentence around one position."""
    parts = sentence_parts(text, start, PART_RE)
    return next(((lo, hi) for lo, hi in parts if position < hi), parts[-1])


def binding_conflict(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """A claim word whose opposite, not itself, stands in the sentence part holding the claim's number.

    Args:
        page: the prepared page.
        clause: the clause (its numbers and words).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    if not page.cyrillic or not clause.quantities or negated(clause.tokens):
        return None
    opposites = load_antonyms()
    claim_stems = compound_modifiers(clause.tokens)
    words = [
        (t.text, _stem(t.text))
        for i, t in enumerate(clause.tokens)
        if not t.cyr
        and _stem(t.text) in opposites
        and not _attributive(clause.tokens, i)
        and not claim_stems.intersection(opposites[_stem(t.text)])  # "cut its growth forecast"
    ]
    if not words:
        return None
    for seg in window:
        segment = page.segments[seg]
        for q in clause.quantities:
            for p in page.quantities[seg]:
                if quantity_match(q, p) < MIN_MATCH:
                    continue
                lo, hi = _part(segment.text, segment.start, p.start)
                keys = {t.key for t in page.tokens[seg] if lo <= t.start < hi and t.cyr}
                for text, stem in words:
                    if prefix_hit(_target_keys((stem,)), keys):
                        continue
                    for other in opposites[stem]:
                        found = prefix_hit(_target_keys((other,)), keys)
                        if found:
                            part = page.text[lo:hi].strip()
                            return Conflict("binding", f"{q.text} {text}", part, BINDING_STRENGTH)
    return None


# Items a sentence needs for a figure to be bound to another one.
MIN_ITEMS = 2
# Where the items of a sentence that lists several figures part: semicolons and "and"-like
# joiners ("US crude fell 3.4%, and Brent 2.7%"; "нефть подешевела на 3,4%, а Brent — на 2,7%").
# Not commas, colons or dashes: they part a subject from its figure ("а поставки — с 10 до 12").
ITEM_RE = re.compile(r";\s|,?\s(?:and|while|whereas|и|а|і|та|тоді як)\s", re.IGNORECASE)


def _clause_keys(
    clause: Clause, span: tuple[int, int] | None = None, keep: Callable[[Token], bool] | None = None
) -> list[set[str]]:
    """Per content word of a clause (numbers aside; within ``span`` when given, claim offsets;
    only the words ``keep`` accepts when given): its own key and its translations' keys."""
    translations = translation_keys(clause.tokens)
    found = []
    for i, token in enumerate(clause.tokens):
        if not token.content or any(ch.isdigit() for ch in token.text):
            continue
        if span is not None and not span[0] <= token.start < span[1]:
            continue
        if keep is not None and not keep(token):
            continue
        found.append({token.key, *translations.get(i, ())})
    return found


def _held(page: PageIndex, seg: int, span: tuple[int, int], words: Sequence[set[str]]) -> float:
    """How much of a clause's words a part of a page sentence holds, rare words weighing more."""
    keys = {t.key for t in page.tokens[seg] if span[0] <= t.start < span[1] and not t.text.isdigit()}
    hits = (prefix_hit(tuple(options), keys) or _similar(options, keys) for options in words)
    return sum(page.idf.get(h, 1.0) for h in hits if h)


def _similar(options: set[str], keys: set[str]) -> str:
    """A page key spelt like one of a word's keys ("flag" for "flags"), else ""."""
    return next((k for k in keys for o in options if key_similarity(o, k) >= MIN_SIMILARITY), "")


def bound_to_another_item(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """A claim figure that the page gives to another item of the same sentence.

    "US crude fell 2.74%" against "US crude fell 3.38% to $55.12, and Brent was at $60.73,
    down 2.74%": 2.74% is on the page, but in the item about Brent; the item that holds most
    of the claim's words (weighed by their rarity on the page) gives a different figure of the
    same unit. Both conditions are needed: a figure alone in an item with few claim words is
    no conflict.

    Args:
        page: the prepared page.
        clause: the clause (its numbers and words).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    if not clause.quantities:
        return None
    words = _clause_keys(clause)
    if not words:
        return None
    for seg in window:
        segment = page.segments[seg]
        items = sentence_parts(segment.text, segment.start, ITEM_RE)
        if len(items) < MIN_ITEMS:
            continue
        held = []
        for lo, hi in items:
            held.append(_held(page, seg, (lo, hi), words))
        best = max(range(len(items)), key=lambda i: held[i])
        lo, hi = items[best]
        for q in clause.quantities:
            matched = [p for p in page.quantities[seg] if quantity_match(q, p) >= MIN_MATCH]
            if not matched or any(lo <= p.start < hi for p in matched):
                continue
            home = [i for i, (a, b) in enumerate(items) if any(a <= p.start < b for p in matched)]
            if any(held[i] >= held[best] for i in home):
                continue
            others = [
                p
                for p in page.quantities[seg]
                if lo <= p.start < hi
                and quantity_conflict(q, p) in ("value", "scale")
                and not any(quantity_match(o, p) for o in clause.quantities)  # another claim figure's place
            ]
            if others:
                part = page.text[lo:hi].strip()
                return Conflict("binding", q.text, f"{others[0].text} ({part})", BINDING_STRENGTH)
    return None


# A figure that is part of a name: "the S&P 500", "Su-35", "G7".
_NAMED_RE = re.compile(r"\b[A-Z][\w&]*[-\s]?$")


def figure_bound_elsewhere(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """A claim figure that stands in the window only among words the claim does not use.

    "United Russia won all 45 single-member districts" against «победили во всех 22
    одномандатных округах. Всего в Думе 45 депутатских мандатов»: 45 is on the page, but in a
    part of a sentence that holds none of the claim's words, while another part of the window
    holds them with a different figure of the same kind (and no figure of the claim's).

    Args:
        page: the prepared page.
        clause: the clause (its numbers and words).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    if not clause.quantities:
        return None
    words = _clause_keys(clause)
    if not words:
        return None
    parts: list[tuple[int, int, int, float]] = []
    for seg in window:
        segment = page.segments[seg]
        for lo, hi in sentence_parts(segment.text, segment.start, PART_RE):
            parts.append((seg, lo, hi, _held(page, seg, (lo, hi), words)))
    for q in clause.quantities:
        if q.unit in ("year", "time") or _NAMED_RE.search(clause.text[: q.start - clause.start]):
            continue
        homes = [
            i
            for i, (seg, lo, hi, _) in enumerate(parts)
            if any(lo <= p.start < hi and quantity_match(q, p) >= MIN_MATCH for p in page.quantities[seg])
        ]
        if not homes or not all(_lonely(page, clause, q, parts, i) for i in homes):
            continue
        if any(i and parts[i - 1][0] == parts[i][0] and _named_item(page, parts, i, clause) for i in homes):
            # «47 ... над территорией семи регионов, в том числе 12 — над Самарской областью»: the
            # claim's place binds the figure in a later item (a name in a sentence's first part
            # governs the whole sentence: "Mexico's central bank raised rates to 11.25% and
            # inflation is at 6.85%").
            continue
        for seg, lo, hi, held in parts:
            inside = [p for p in page.quantities[seg] if lo <= p.start < hi]
            if held < MIN_HELD or any(quantity_match(o, p) for o in clause.quantities for p in inside):
                continue
            other = next((p for p in inside if _rival(clause, q, p)), None)
            if other is not None:
                part = page.text[lo:hi].strip()
                return Conflict("binding", q.text, f"{other.text} ({part})", BINDING_STRENGTH)
    return None


def _named_item(
    page: PageIndex, parts: Sequence[tuple[int, int, int, float]], i: int, clause: Clause
) -> bool:
    """True when a sentence part, with its figure-free tail, names one of the clause's places."""
    return _holds_clause_name(page, parts[i][0], _with_tail(page, parts, i), clause)


def _with_tail(page: PageIndex, parts: Sequence[tuple[int, int, int, float]], i: int) -> tuple[int, int]:
    """A sentence part with the next part when that one gives no figure («12 — над Самарской»)."""
    seg, lo, hi, _ = parts[i]
    if i + 1 < len(parts) and parts[i + 1][0] == seg:
        _, next_lo, next_hi, _ = parts[i + 1]
        if not any(next_lo <= p.start < next_hi for p in page.quantities[seg]):
            return lo, next_hi
    return lo, hi


def _lonely(
    page: PageIndex, clause: Clause, figure: Quantity, parts: Sequence[tuple[int, int, int, float]], i: int
) -> bool:
    """True when a sentence part holds no claim word and does not go on from a part that does
    ("снизил ставку на 50 б.п., до 15,5%": the figure continues the part before it)."""
    seg, _, _, held = parts[i]
    if held:
        return False
    if i == 0 or parts[i - 1][0] != seg:
        return True  # the first part of its sentence
    _, before_lo, before_hi, before_held = parts[i - 1]
    figures = [p for p in page.quantities[seg] if before_lo <= p.start < before_hi]
    return not before_held or any(_rival(clause, figure, p) for p in figures)


def _same_kind(figure: Quantity, page: Quantity) -> bool:
    """True when a page figure of the claim figure's kind gives another value."""
    return quantity_conflict(figure, page) in ("value", "value?") and comparable(figure, page)


def _rival(clause: Clause, figure: Quantity, page: Quantity) -> bool:
    """True when a page figure of the claim figure's kind is none of the claim's figures."""
    return _same_kind(figure, page) and not any(quantity_match(q, page) for q in clause.quantities)


# Where the items of a listing sentence part: commas and semicolons too
# («на Чукотке — 213,6 тысячи, в ЯНАО — 189,2 тысячи и в Москве — 178,4 тысячи»).
LIST_ITEM_RE = re.compile(r"[,;]\s|\s(?:and|и|і|та|а)\s", re.IGNORECASE)
# Where a claim's parts end when looking for the name its figure belongs to.
_CLAIM_PART_RE = re.compile(r"[,;:]\s|\s[—–]\s")


def figure_of_another_name(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """A claim figure that a listing sentence gives to another place or body than the claim's.

    "Moscow topped the wage table at 213,600 roubles" against «на Чукотке — 213,6 тысячи рублей,
    ... и в Москве — 178,4 тысячи»: the figure stands in the item of another name, and the
    claim's name in an item with a figure of its own.

    Args:
        page: the prepared page.
        clause: the clause (its numbers and names).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    names = [n for n in clause.names if not n.speaker]
    if not names or not clause.quantities:
        return None
    for q in clause.quantities:
        if q.unit in ("year", "time"):
            continue
        name = _name_of_figure(clause, q, names)
        if name is None:
            continue
        keys = (*name.keys, *name.aliases)
        for seg in window:
            segment = page.segments[seg]
            items = sentence_parts(segment.text, segment.start, LIST_ITEM_RE)
            if len(items) < MIN_ITEMS:
                continue
            home = [i for i, (lo, hi) in enumerate(items) if _holds_figure(page, seg, (lo, hi), q)]
            named = [i for i, (lo, hi) in enumerate(items) if _holds_name(page, seg, (lo, hi), keys)]
            if not home or not named or set(home) & set(named):
                continue
            lo, hi = items[named[0]]
            # The rival may be another figure of the claim: two places' figures traded
            # ("Sierra Leone ... 31, followed by Gambia with 24" against «Гамбии (31), Сьерра-Леоне (24)»).
            # ... but not a figure the claim gives to the same name ("Ukraine built four million
            # drones in 2025 and aims to make seven million this year").
            own = [o for o in clause.quantities if o is not q and _name_of_figure(clause, o, names) is name]
            rival = next(
                (
                    p
                    for p in page.quantities[seg]
                    if lo <= p.start < hi and _same_kind(q, p) and not any(quantity_match(o, p) for o in own)
                ),
                None,
            )
            if rival is not None:
                part = page.text[lo:hi].strip()
                return Conflict("binding", q.text, f"{rival.text} ({part})", BINDING_STRENGTH)
    # The clause's subject (its first name) may own a figure set after other names ("Slovakia
    # was the biggest buyer ..., taking about 7.5 bcm under its contract with Gazprom").
    subject = next((n for n in names if not n.weak), None)
    for q in clause.quantities:
        if q.unit in ("year", "time"):
            continue
        for name in dict.fromkeys(n for n in (_name_of_figure(clause, q, names), subject) if n is not None):
            across = _figure_across_sentences(page, clause, window, q, (*name.keys, *name.aliases))
            if across is not None:
                return across
    return None


def _figure_across_sentences(
    page: PageIndex, clause: Clause, window: Sequence[int], q: Quantity, keys: Sequence[str]
) -> Conflict | None:
    """The same, sentence by sentence: "Slovakia was the biggest buyer, taking about 7.5 bcm"
    against «Крупнейшим покупателем остается Венгрия ... около 7,5 млрд кубометров. Словакия ...
    около 3 млрд кубометров»: the figure's sentence names another place, the name's sentence
    gives a figure of its own (one the clause does not give)."""
    if len(window) < MIN_ITEMS or q.words or (q.scale == 1 and q.value < MIN_ACROSS_FIGURE):
        return None
    claim_keys = {k for n in clause.names for k in (*n.keys, *n.aliases)}
    home, named = [], []
    for seg in window:
        whole = (page.segments[seg].start, page.segments[seg].end)
        has_figure = _holds_figure(page, seg, whole, q)
        has_name = _holds_name(page, seg, whole, keys)
        if has_figure and not has_name and _names_another(page, seg, claim_keys):
            home.append(seg)
        elif has_name and not has_figure:
            named.append(seg)
    if not home or not named:
        return None
    rival = next(
        (
            p
            for p in page.quantities[named[0]]
            if _same_kind(q, p) and not any(quantity_match(o, p) for o in clause.quantities)
        ),
        None,
    )
    if rival is None:
        return None
    shown = f"{rival.text} ({page.segments[named[0]].text.strip()})"
    return Conflict("binding", q.text, shown, BINDING_STRENGTH)


# Smallest plain figure read across sentences (a small count is too common to bind).
MIN_ACROSS_FIGURE = 10


def _names_another(page: PageIndex, seg: int, claim_keys: set[str]) -> bool:
    """True when a sentence names a place or person (a capitalised name word) the claim does not."""
    return any(
        t.cyr
        and t.cap
        and t.name_tag
        and t.content
        and not any(key_similarity(k, t.key) >= NAME_MATCH for k in claim_keys)
        for t in page.tokens[seg][1:]
    )


# A preposition of place before a name ("over the Samara region", "in Moscow").
_PLACE_RE = re.compile(r"\b(?:in|over|at|near|from|across)\s+(?:the\s+)?$", re.IGNORECASE)


def _name_of_figure(clause: Clause, figure: Quantity, names: Sequence[Name]) -> Name | None:
    """The one name standing in the same part of the claim as a figure, if there is one."""
    parts = sentence_parts(clause.text, clause.start, _CLAIM_PART_RE)
    lo, hi = next(((a, b) for a, b in parts if a <= figure.start < b), (clause.start, clause.end))
    inside = [n for n in names if lo <= n.start < hi]
    if len(inside) == 1:
        return inside[0]
    # "The ministry said 47 Ukrainian drones were downed over the Samara region": the place
    # after the figure.
    placed = sorted(
        (
            n
            for n in inside
            if n.start >= figure.end and _PLACE_RE.search(clause.text[: n.start - clause.start])
        ),
        key=lambda n: n.start,
    )
    if not placed or any(figure.end <= q.start < placed[0].start for q in clause.quantities):
        return None  # "$3.1 billion under the EU's facility and $1.5 billion from the IMF"
    return placed[0]


def _holds_clause_name(page: PageIndex, seg: int, span: tuple[int, int], clause: Clause) -> bool:
    """True when a sentence part names one of the clause's places or bodies (not its speaker)."""
    return any(_holds_name(page, seg, span, (*n.keys, *n.aliases)) for n in clause.names if not n.speaker)


def gives_figure(page: PageIndex, figure: Quantity, segments: Sequence[int]) -> bool:
    """True when one of the sentences gives the claim's figure."""
    return any(quantity_match(figure, p) >= MIN_MATCH for s in segments for p in page.quantities[s])


def _holds_figure(page: PageIndex, seg: int, span: tuple[int, int], figure: Quantity) -> bool:
    """True when a part of a page sentence gives the claim's figure."""
    return any(
        span[0] <= p.start < span[1] and quantity_match(figure, p) >= MIN_MATCH for p in page.quantities[seg]
    )


def _holds_name(page: PageIndex, seg: int, span: tuple[int, int], keys: Sequence[str]) -> bool:
    """True when a part of a page sentence names the claim's name (a capitalised word like it)."""
    words = {t.key for t in page.tokens[seg] if span[0] <= t.start < span[1] and t.cap}
    return any(key_similarity(k, w) >= NAME_MATCH for k in keys for w in words)


# "including food and medicines": the items a clause says its figure covers.
_INCLUDING_RE = re.compile(r"\b(?:including|includ(?:es|ed))\s+([^,;:()]+)", re.IGNORECASE)
# Sentences either side of the window searched for an included item's own figure.
INCLUDED_REACH = 2


def included_item_conflict(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """A figure the clause extends to items ("including food") that the page gives another figure.

    "All goods, including food and medicines, will be taxed at 22%" against a page whose next
    paragraph keeps food and medicines at 10%: the items stand near the evidence with a figure
    of the same unit, and not with the claim's.

    Args:
        page: the prepared page.
        clause: the clause (its numbers and words).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    match = _INCLUDING_RE.search(clause.text)
    if not match or not clause.quantities or not window:
        return None
    items = _clause_keys(clause, (clause.start + match.start(1), clause.start + match.end(1)))
    if not items:
        return None
    for seg in page.around(window, INCLUDED_REACH):
        keys = {t.key for t in page.tokens[seg]}
        if not any(prefix_hit(tuple(options), keys) for options in items):
            continue
        for q in clause.quantities:
            if not q.unit or any(quantity_match(q, p) >= MIN_MATCH for p in page.quantities[seg]):
                continue
            others = [
                p for p in page.quantities[seg] if p.unit == q.unit and quantity_conflict(q, p) == "value"
            ]
            if others:
                part = page.segments[seg].text.strip()
                return Conflict("binding", q.text, f"{others[0].text} ({part})", BINDING_STRENGTH)
    return None


# Claim words a sentence part must hold for its date to be the claim's.
MIN_HELD = 2.0


def date_bound_elsewhere(
    page: PageIndex, clause: Clause, window: Sequence[int], main: Sequence[Token] = ()
) -> Conflict | None:
    """A claim date that the page gives to another part of the sentence than the claim's subject.

    "The average Urals price in September was $57.55" against «Средняя цена Urals в августе,
    которая учитывается при расчете налогов за сентябрь, составила $57,55»: September is on the
    page, but the part that speaks of the average price gives August.

    Args:
        page: the prepared page.
        clause: the clause (its dates and words).
        window: the clause's evidence sentences.
        main: the clause's words outside its relative clauses (all of them when empty).

    Returns:
        The conflict, or None.
    """
    if not clause.dates:
        return None
    own = {id(t) for t in (main or clause.tokens)}
    words = _clause_keys(clause, keep=lambda t: id(t) in own and month_of(t.text) is None)
    for seg in window:
        segment = page.segments[seg]
        dated = [(d, p) for d in clause.dates for p in page.dates[seg] if date_match(d, p)]
        if not dated:
            continue
        parts = sentence_parts(segment.text, segment.start, PART_RE)
        held = []
        for lo, hi in parts:
            held.append(_held(page, seg, (lo, hi), words))
        best = max(range(len(parts)), key=lambda i: held[i])
        lo, hi = parts[best]
        if held[best] < MIN_HELD:
            continue
        for d, _ in dated:
            inside = [p for p in page.dates[seg] if lo <= p.start < hi]
            if any(date_match(d, p) for p in inside):
                continue
            # Months only ("in September" against «в августе»): a day may be a dateline or a deadline.
            other = next(
                (
                    p
                    for p in inside
                    if d.day is None
                    and p.day is None
                    and date_conflict(d, p)
                    and not any(date_match(c, p) for c in clause.dates)  # "January-March": the range's end
                ),
                None,
            )
            if other is not None:
                return Conflict(
                    "binding", d.text, f"{other.text} ({page.text[lo:hi].strip()})", BINDING_STRENGTH
                )
    return _date_of_another_sentence(page, clause, window, words)


def _date_of_another_sentence(
    page: PageIndex, clause: Clause, window: Sequence[int], words: Sequence[set[str]]
) -> Conflict | None:
    """A claim month that the window gives in a sentence about something else, while the
    sentence holding the claim's words gives another month ("restricted calls in December"
    against «В августе Роскомнадзор ограничил звонки ... В декабре ведомство начало замедлять
    WhatsApp»)."""
    if len(window) < MIN_ITEMS:
        return None
    held = {
        seg: _held(page, seg, (page.segments[seg].start, page.segments[seg].end), words) for seg in window
    }
    for d in clause.dates:
        if d.day is not None:
            continue
        homes = [seg for seg in window if any(date_match(d, p) for p in page.dates[seg])]
        best = max(window, key=lambda seg: held[seg])
        if not homes or best in homes or held[best] < MIN_HELD or held[best] <= max(held[h] for h in homes):
            continue
        if any(gives_figure(page, q, homes) for q in clause.quantities):
            continue  # «В январе месячная инфляция составила 1,62%»: the claim's figure is with its month
        other = next(
            (
                p
                for p in page.dates[best]
                if p.day is None and date_conflict(d, p) and not any(date_match(c, p) for c in clause.dates)
            ),
            None,
        )
        if other is not None:
            shown = f"{other.text} ({page.segments[best].text.strip()})"
            return Conflict("binding", d.text, shown, BINDING_STRENGTH)
    return None
