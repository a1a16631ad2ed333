"""Figures swapped between two items: "312 voted for martial law and 320 for mobilisation".

A page that gives "320 for martial law, 312 for mobilisation" holds both of the claim's numbers
and all of its words, so every anchor matches; only the pairing is wrong. Here each item of the
claim (parts joined by "and", "while", semicolons) that holds one figure is checked against the
part of the page sentence (between commas, semicolons and joiners) where that figure stands:
when each figure's page part holds more of the *other* item's own words than of its own, and
the two figures trade places both ways, the claim has swapped them.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Sequence

from citecheck.verify.binding import ITEM_RE, MIN_MATCH, _clause_keys, gives_figure
from citecheck.verify.claims import Clause
from citecheck.verify.contradict import Conflict, comparable, same_person, sentence_parts
from citecheck.verify.entities import Name
from citecheck.verify.lexicon import is_translatable, translation_keys
from citecheck.verify.numbers import Quantity, quantity_match
from citecheck.verify.retrieve import PageIndex, match_keys, skeleton_matches
from citecheck.verify.text import prefix_hit

LOGGER = logging.getLogger(__name__)

# Strength of a swapped pair: a contradiction (from 0.5).
SWAP_STRENGTH = 0.6
# Where the parts of a page sentence end: commas and semicolons as well as joiners.
PAGE_PART_RE = re.compile(r"[,;]\s|,?\s(?:and|while|whereas|и|а|і|та|тоді як)\s", re.IGNORECASE)
# Items a claim needs for a swap.
MIN_ITEMS = 2
# A code's letters before a number ("A-107", "Су-34"): the number is no figure.
CODE_RE = re.compile(r"\b[^\W\d_]{1,3}-$")


def _unit_keys(clause: Clause) -> set[str]:
    """Keys of the word right after each figure ("nine years"): a parallel item often leaves it
    out ("and gave him 12"), so it tells the items apart by accident."""
    keys = set()
    for q in clause.quantities:
        after = [t for t in clause.tokens if t.start >= q.end]
        if after:
            keys.add(after[0].key)
    return keys


def _keys_without_units(clause: Clause, span: tuple[int, int] | None = None) -> list[set[str]]:
    """A clause's word keys (see binding._clause_keys) without its figures' units or number words."""
    units = _unit_keys(clause)
    numbers = {t.key for t in clause.tokens for q in clause.quantities if q.start <= t.start < q.end}
    return [options for options in _clause_keys(clause, span) if not options & (units | numbers)]


def _distinct(words: Sequence[list[set[str]]]) -> list[list[set[str]]]:
    """Per list of word key sets, the sets that share no key with any other list's."""
    own = []
    for i, item in enumerate(words):
        others = {k for j, other in enumerate(words) if j != i for options in other for k in options}
        own.append([options for options in item if not options & others])
    return own


def _own_words(clause: Clause, items: list[tuple[int, int]]) -> list[list[set[str]]]:
    """Per claim item, the key sets of its content words that no other item shares."""
    return _distinct([_keys_without_units(clause, span) for span in items])


def _held(options: list[set[str]], keys: set[str]) -> int:
    return sum(1 for o in options if prefix_hit(tuple(o), keys))


def _traded(own_a: list[set[str]], own_b: list[set[str]], keys_a: set[str], keys_b: set[str]) -> bool:
    """True when the page part of item a holds more of b's own words than of a's, and the other
    way round: the two items have traded places."""
    if not own_a or not own_b:
        return False
    return _held(own_b, keys_a) > _held(own_a, keys_a) and _held(own_a, keys_b) > _held(own_b, keys_b)


def before(clause: Clause, q: Quantity) -> str:
    """The clause's text before one of its figures."""
    return clause.text[: q.start - clause.start]


def _figure(clause: Clause, lo: int, hi: int) -> Quantity | None:
    """The one figure between two claim offsets (years and codes like "A-107" left out), or None."""
    inside = [
        q
        for q in clause.quantities
        if lo <= q.start < hi and q.unit != "year" and not CODE_RE.search(before(clause, q))
    ]
    return inside[0] if len(inside) == 1 else None


def _homes(page: PageIndex, q: Quantity, segments: Sequence[int]) -> list[tuple[int, int, int]]:
    """The (sentence, start, end) of the sentence parts that hold a page figure matching ``q``."""
    found = []
    for seg in segments:
        segment = page.segments[seg]
        for lo, hi in sentence_parts(segment.text, segment.start, PAGE_PART_RE):
            if any(lo <= p.start < hi and quantity_match(q, p) >= MIN_MATCH for p in page.quantities[seg]):
                found.append((seg, lo, hi))
    return found


def _swap_in(
    page: PageIndex, figures: dict[int, Quantity], own: list[list[set[str]]], groups: Sequence[Sequence[int]]
) -> Conflict | None:
    """Two figures whose page parts, within one group of sentences, each hold the other item's words."""
    for segments in groups:
        placed: dict[int, tuple[set[str], str]] = {}
        for i, q in figures.items():
            homes = _homes(page, q, segments)
            if len(homes) == 1:
                seg, lo, hi = homes[0]
                placed[i] = (
                    {t.key for t in page.tokens[seg] if lo <= t.start < hi},
                    page.text[lo:hi].strip(),
                )
        for i, (keys_i, text_i) in placed.items():
            for j, (keys_j, text_j) in placed.items():
                if j > i and keys_i != keys_j and _traded(own[i], own[j], keys_i, keys_j):
                    a, b = figures[i].text, figures[j].text
                    return Conflict("binding", f"{a} / {b} swapped", f"{text_i} / {text_j}", SWAP_STRENGTH)
    return None


def swapped_figures(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """Two claim figures whose page parts each speak of the other figure's item.

    Args:
        page: the prepared page.
        clause: the clause (its numbers and words).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    if len(clause.quantities) < MIN_ITEMS:
        return None
    items = sentence_parts(clause.text, clause.start, ITEM_RE)
    if len(items) < MIN_ITEMS:
        return None
    figures = {i: q for i, (lo, hi) in enumerate(items) if (q := _figure(clause, lo, hi)) is not None}
    if len(figures) < MIN_ITEMS:
        return None
    return _swap_in(page, figures, _own_words(clause, items), [[seg] for seg in window])


def swapped_across(
    page: PageIndex, clauses: Sequence[Clause], windows: Sequence[Sequence[int]]
) -> list[tuple[int, Conflict]]:
    """Clauses whose one figure each has traded places with another clause's on the page.

    "The biggest falls were in books, down 18.22%, and household appliances, down 13.93%"
    against «бытовой техникой (18,22%) ... книгами и канцтоварами (13,93%)».

    Args:
        page: the prepared page.
        clauses: the claim's clauses.
        windows: each clause's evidence sentences.

    Returns:
        The positions of the clauses of the first swapped pair, each with the conflict (empty when none).
    """
    for a in range(len(clauses)):
        for b in range(a + 1, len(clauses)):
            pair = (clauses[a], clauses[b])
            figures = {i: q for i, c in enumerate(pair) if (q := _figure(c, c.start, c.end)) is not None}
            if len(figures) < MIN_ITEMS:
                continue
            own = _distinct([_keys_without_units(c) for c in pair])
            shared = sorted(set(windows[a]) & set(windows[b]))
            either = sorted(set(windows[a]) | set(windows[b]))
            # One sentence they share, else the two windows together ("asked for 12 years." /
            # "sentenced him to nine years").
            found = _swap_in(page, figures, own, [*([seg] for seg in shared), either])
            if found is not None:
                return [(a, found), (b, found)]
    return []


# Where a claim's parts end when pairing a figure with its year: commas, semicolons, dashes.
_YEAR_PART_RE = re.compile(r"[,;:]\s|\s[—–]\s")


def swapped_years(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """Two claim figures traded between a year and another time.

    "Online voting in only seven regions this time, down from 30 in the 2021 election" against
    «будет доступно как минимум в 30 регионах. На выборах 2021 года ... в семи регионах»: the
    window's sentence that gives the claim's year gives the claim's other figure, not the one
    the claim pairs with that year.

    Args:
        page: the prepared page.
        clause: the clause (its numbers and years).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    years = [q for q in clause.quantities if q.unit == "year"]
    figures = [q for q in clause.quantities if q.unit not in ("year", "time")]
    if not years or len(figures) < MIN_ITEMS:
        return None
    for year in years:
        lo, hi = next(
            (a, b) for a, b in sentence_parts(clause.text, clause.start, _YEAR_PART_RE) if a <= year.start < b
        )
        own = [q for q in figures if lo <= q.start < hi]
        if len(own) != 1:
            continue
        paired = own[0]
        rivals = [q for q in figures if not (lo <= q.start < hi) and comparable(paired, q)]
        dated = [
            s for s in window if any(p.unit == "year" and p.value == year.value for p in page.quantities[s])
        ]
        if not rivals or not dated:
            continue
        if gives_figure(page, paired, dated) or not gives_figure(page, paired, window):
            continue
        rival = next((q for q in rivals if gives_figure(page, q, dated)), None)
        if rival is not None:
            text = page.segments[dated[0]].text.strip()
            swapped = f"{paired.text} / {rival.text} swapped ({year.text})"
            return Conflict("binding", swapped, text, SWAP_STRENGTH)
    return None


# Words from a clause's start within which its subject's name stands.
SUBJECT_REACH = 3


def _subject(clause: Clause) -> Name | None:
    """The person a clause opens with ("Umerov offered ..."), not a place or a body."""
    for name in clause.names:
        starts = sum(1 for t in clause.tokens if t.start < name.start)
        if starts <= SUBJECT_REACH and not name.weak and not name.aliases and not name.country:
            return name
    first = clause.tokens[0] if clause.tokens else None
    if (
        first is not None
        and first.cap
        and not first.cyr
        and first.content
        and not is_translatable(first.text)
    ):
        # "Umerov offered ...": a sentence's first word is no name to claim_names, but an
        # untranslatable one opening a clause is its subject.
        return Name(first.text, first.start, first.end, (first.key,))
    return None


def _core(page: PageIndex, clause: Clause, window: Sequence[int]) -> int | None:
    """The window sentence holding the most of the clause's words (names and figures aside)."""
    words = _distinct([_keys_without_units(clause)])[0] if clause.tokens else []
    if not words or not window:
        return None
    held = {s: _held(words, {t.key for t in page.tokens[s]}) for s in window}
    best = max(held.values())
    top = [s for s, n in held.items() if n == best]
    return top[0] if best and len(top) == 1 else None


def _names_person(page: PageIndex, seg: int, name: Name) -> bool:
    return any(same_person(name.keys, [t.key]) for t in page.tokens[seg] if t.cap)


def swapped_people_across(
    page: PageIndex, clauses: Sequence[Clause], windows: Sequence[Sequence[int]]
) -> list[tuple[int, Conflict]]:
    """Two clauses whose people trade places on the page.

    "Umerov offered a series of 72-hour truces, while Medinsky held out for a 30-day ceasefire"
    against "Medinsky told reporters that Moscow had offered a series of 72-hour local truces
    ... Umerov said Kyiv still insisted on a full 30-day ceasefire": each clause's core
    sentence names the other clause's person and not its own.

    Args:
        page: the prepared page.
        clauses: the claim's clauses.
        windows: each clause's evidence sentences.

    Returns:
        The positions of the two clauses, each with the conflict (empty when none).
    """
    people = [_subject(c) for c in clauses]
    cores = [_core(page, c, w) for c, w in zip(clauses, windows, strict=True)]
    for a, b in itertools.combinations(range(len(clauses)), 2):
        pa, pb, ca, cb = people[a], people[b], cores[a], cores[b]
        if pa is None or pb is None or ca is None or cb is None or ca == cb or same_person(pa.keys, pb.keys):
            continue
        if (
            _names_person(page, ca, pb)
            and not _names_person(page, ca, pa)
            and _names_person(page, cb, pa)
            and not _names_person(page, cb, pb)
        ):
            shown = f"{page.segments[ca].text.strip()} / {page.segments[cb].text.strip()}"
            found = Conflict("binding", f"{pa.text} / {pb.text} swapped", shown, SWAP_STRENGTH)
            return [(a, found), (b, found)]
    return []


# Words before a name that may be its title ("transport minister Marat Khusnullin").
TITLE_REACH = 4
# Words that end a title going backwards from its name.
TITLE_STOPS = frozenset({"and", "or", "with", "by", "from", "to", "и", "і", "та", "с", "з"})


def _title_keys(clause: Clause, name: Name, translations: dict[int, tuple[str, ...]]) -> list[set[str]]:
    """Key sets of the words right before a claim name (its title), nearest first."""
    tokens = clause.tokens
    first = next((i for i, t in enumerate(tokens) if t.start >= name.start), None)
    if first is None:
        return []
    title: list[set[str]] = []
    for i in range(first - 1, max(-1, first - 1 - TITLE_REACH), -1):
        token = tokens[i]
        gap = clause.text[token.end - clause.start : tokens[i + 1].start - clause.start]
        if token.text.lower() in TITLE_STOPS or any(ch in gap for ch in ",;:()"):
            break
        if any(n.start <= token.start < n.end for n in clause.names if n is not name):
            break
        if token.content:
            title.append({token.key, *translations.get(i, ())})
    return title


def swapped_titles(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """Two people whose titles the claim has traded ("transport minister Khusnullin" against
    «вице-премьер Марат Хуснуллин, министр транспорта РФ Евгений Дитрих»).

    Args:
        page: the prepared page.
        clause: the clause (its names and words).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    translations = translation_keys(clause.tokens)
    titled = [(n, t) for n in clause.names if (t := _title_keys(clause, n, translations))]
    if len(titled) < MIN_ITEMS:
        return None
    own = _distinct([t for _, t in titled])
    for seg in window:
        tokens = page.tokens[seg]
        page_titles: dict[int, set[str]] = {}
        for i, (name, _) in enumerate(titled):
            places = [p for p, t in enumerate(tokens) if t.cap and same_person(name.keys, [t.key])]
            if places:
                p = places[0]
                page_titles[i] = {t.key for t in tokens[max(0, p - TITLE_REACH) : p]}
        for i, keys_i in page_titles.items():
            for j, keys_j in page_titles.items():
                if j > i and _traded(own[i], own[j], keys_i, keys_j):
                    a, b = titled[i][0].text, titled[j][0].text
                    text = page.segments[seg].text.strip()
                    return Conflict("binding", f"{a} / {b} titles swapped", text, SWAP_STRENGTH)
    return None


# Where a claim's items part for a swap of names: the joints of ITEM_RE and subordinators
# ("formed a coalition with Komeito after Ishin walked out").
NAME_ITEM_RE = re.compile(ITEM_RE.pattern + r"|\s(?:after|before|when|until|since|because)\s", re.IGNORECASE)


# Similarity at which a page word is a claim name's (see retrieve.match_keys).
NAME_MATCH = 0.8


def _part_keys(page: PageIndex, window: Sequence[int], name: Name) -> tuple[set[str], str] | None:
    """The keys and text of the one sentence part of the window where a claim name stands (None
    when it stands in none or in several)."""
    found = match_keys(page, list(name.keys))
    wanted = {k for match in found for k, sim in match.items() if sim >= NAME_MATCH}
    for key in name.keys:
        wanted.update(skeleton_matches(page, key))
    homes: set[tuple[int, int, int]] = set()
    for seg in window:
        segment = page.segments[seg]
        parts = sentence_parts(segment.text, segment.start, PAGE_PART_RE)
        for token in page.tokens[seg]:
            if token.cap and token.key in wanted:
                lo, hi = next(((lo, hi) for lo, hi in parts if token.start < hi), parts[-1])
                homes.add((seg, lo, hi))
    if len(homes) != 1:
        return None
    seg, lo, hi = homes.pop()
    return {t.key for t in page.tokens[seg] if lo <= t.start < hi}, page.text[lo:hi].strip()


def swapped_names(page: PageIndex, clause: Clause, window: Sequence[int]) -> Conflict | None:
    """Two names that the claim puts in each other's place ("formed a coalition with Komeito
    after Ishin walked out" against a page where Ishin joined and Komeito walked out).

    Args:
        page: the prepared page.
        clause: the clause (its names and words).
        window: the clause's evidence sentences.

    Returns:
        The conflict, or None.
    """
    items = sentence_parts(clause.text, clause.start, NAME_ITEM_RE)
    if len(items) < MIN_ITEMS:
        return None
    named = [[n for n in clause.names if lo <= n.start < hi and not n.speaker] for lo, hi in items]
    name_keys = {k for n in clause.names for k in n.keys}
    own = [[o for o in words if not o & name_keys] for words in _own_words(clause, items)]
    parts: dict[int, tuple[set[str], str] | None] = {}  # by id(name): each looked up once
    for i, j in itertools.combinations(range(len(items)), 2):
        if not own[i] or not own[j]:
            continue
        for a in named[i]:
            for b in named[j]:
                for name in (a, b):
                    if id(name) not in parts:
                        parts[id(name)] = _part_keys(page, window, name)
                part_a, part_b = parts[id(a)], parts[id(b)]
                if part_a is None or part_b is None or part_a[0] == part_b[0]:
                    continue
                if _traded(own[i], own[j], part_a[0], part_b[0]):
                    shown = f"{part_a[1]} / {part_b[1]}"
                    return Conflict("binding", f"{a.text} / {b.text} swapped", shown, SWAP_STRENGTH)
    return None
