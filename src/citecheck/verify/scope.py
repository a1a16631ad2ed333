"""Scope checks: universal and superlative claims, vague quantities, and pending statements.

Three ways a claim can say more than its page while every name and number matches:

- a scope word ("every", "all", "the only", "the first", "the best", "a record", "fully",
  "unanimously", "doubled") whose evidence window holds no word of the same scope (все, каждый,
  единственный, впервые, самый, рекорд, полностью, единогласно, вдвое, ...): the clause
  overstates the page and is at most partial;
- a vague quantity ("more than half", "a third", "dozens") next to a word whose figure on the
  page (a percentage, "N из M", a count) lies outside the range the phrase stands for;
- a thing stated as done ("the date had been fixed", "agreed") whose evidence says it is still
  pending (предстоит обсудить, пока нет, планируется, не исключил): a contradiction.

The words live in ``data/scope.tsv`` and ``data/vague.tsv``; this module only reads them.
``scope_conflicts`` also gathers the other relation checks of one clause (bindings, swaps,
qualifiers, direction, a person named elsewhere, a thing put in the future).
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from citecheck.verify.align import ClauseResult
from citecheck.verify.attribution import person_elsewhere
from citecheck.verify.binding import (
    binding_conflict,
    bound_to_another_item,
    date_bound_elsewhere,
    figure_bound_elsewhere,
    figure_of_another_name,
    included_item_conflict,
)
from citecheck.verify.casualties import nobody_hurt
from citecheck.verify.contradict import Conflict
from citecheck.verify.counted import part_of_whole_conflict
from citecheck.verify.direction import direction_conflict
from citecheck.verify.lexicon import _stem, _target_keys
from citecheck.verify.markers import claim_words, find_phrase, marker_hit, word_hit, words_of
from citecheck.verify.numbers import Quantity, _word_value
from citecheck.verify.ordinals import ordinal_conflict
from citecheck.verify.qualifiers import qualifier_conflict
from citecheck.verify.rates import rate_conflict
from citecheck.verify.regions import region_conflict
from citecheck.verify.retrieve import PageIndex
from citecheck.verify.suspended import suspended_conflict
from citecheck.verify.swap import swapped_figures, swapped_names, swapped_titles, swapped_years
from citecheck.verify.tense import future_of_done
from citecheck.verify.text import Token, prefix_hit
from citecheck.verify.tsv import tsv_rows

LOGGER = logging.getLogger(__name__)

# Strength of a scope word the window does not back: below CONFLICT_LIMIT (0.5), so it makes a
# clause partial, not contradicted.
OVERSTATED_STRENGTH = 0.3
# Words before a done-word where a hedge makes it no statement of a thing done ("may be signed").
HEDGE_REACH = 2
# Strength of a pending statement against a claim of a thing done, and of a vague quantity that
# is the clause's only checkable fact: a contradiction.
PENDING_STRENGTH = 0.6
# Conflict kinds that make an otherwise supported clause partial.
SOFT_KINDS = frozenset({"overstated", "vague", "denied"})
# Classes of data/scope.tsv whose cues must be backed in the window.
SCOPE_CLASSES = ("universal", "exclusive", "first", "superlative", "complete", "unanimous", "multiple")
# Words either side of a vague quantity that name what it counts ("turnout of more than half").
LINK_REACH = 3
# Characters between a linked word and a page figure for the figure to be its value.
FIGURE_REACH = 80
# Words after "all" in which a number makes it a count ("all of the 146").
COUNT_REACH = 3
# Smallest such number: "every one of them" is still universal.
MIN_COUNT = 2
# Rows of data/scope.tsv and data/vague.tsv.
_SCOPE_COLUMNS = 3
_VAGUE_COLUMNS = (4, 5)  # the page words are optional
# "17 из 28", "17 з 28", "17 of 28", "17 out of 28".
RATIO_RE = re.compile(r"(\d+)\s+(?:из|з|із|of|out of)\s+(\d+)", re.IGNORECASE)
WORD_SPLIT_RE = re.compile(r"[\w'-]+")


@dataclass(frozen=True, slots=True)
class Vague:
    """A vague quantity phrase and the range it stands for."""

    words: tuple[str, ...]
    kind: str  # share | count
    low: float
    high: float
    markers: tuple[str, ...] = ()  # page words saying the same vague quantity


@dataclass(frozen=True, slots=True)
class ScopeData:
    """The parsed word lists."""

    cues: dict[str, tuple[tuple[str, ...], ...]]  # class -> cue phrases (lower-case words)
    markers: dict[str, tuple[str, ...]]  # class -> page markers
    vague: tuple[Vague, ...]


def _phrases(cell: str) -> tuple[tuple[str, ...], ...]:
    found = (tuple(w.lower() for w in WORD_SPLIT_RE.findall(item)) for item in cell.split(","))
    return tuple(sorted((p for p in found if p), key=len, reverse=True))


def parse_scope(scope_text: str, vague_text: str) -> ScopeData:
    """Parse ``scope.tsv`` (class, cues, markers) and ``vague.tsv`` (phrases, kind, low, high).

    Args:
        scope_text: the text of scope.tsv.
        vague_text: the text of vague.tsv.

    Returns:
        The cue phrases and markers per class and the vague quantities, longest phrases first.
    """
    cues: dict[str, tuple[tuple[str, ...], ...]] = {}
    markers: dict[str, tuple[str, ...]] = {}
    for cells in tsv_rows(scope_text, "scope", (_SCOPE_COLUMNS,), LOGGER):
        cues[cells[0]] = _phrases(cells[1])
        markers[cells[0]] = tuple(m.strip().lower() for m in cells[2].split(",") if m.strip())
    vague: list[Vague] = []
    for cells in tsv_rows(vague_text, "vague", _VAGUE_COLUMNS, LOGGER):
        marks = tuple(m.strip().lower() for m in cells[4].split(",") if m.strip()) if len(cells) > 4 else ()
        vague.extend(Vague(p, cells[1], float(cells[2]), float(cells[3]), marks) for p in _phrases(cells[0]))
    return ScopeData(cues, markers, tuple(sorted(vague, key=lambda v: len(v.words), reverse=True)))


@lru_cache(maxsize=1)
def load_scope() -> ScopeData:
    """The packaged word lists (read once)."""
    root = resources.files("citecheck.verify").joinpath("data")
    return parse_scope(
        root.joinpath("scope.tsv").read_text(encoding="utf-8"),
        root.joinpath("vague.tsv").read_text(encoding="utf-8"),
    )


def _ignored(words: Sequence[str], i: int, data: ScopeData) -> bool:
    """True when the word at i is part of a phrase that is not a scope word ("each other")."""
    for phrase in data.cues.get("ignore", ()):
        for j in range(max(0, i - len(phrase) + 1), i + 1):
            if tuple(words[j : j + len(phrase)]) == phrase:
                return True
    return False


def _cue_spans(words: Sequence[str], data: ScopeData, group: str) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of each cue of a class in a word list, longest first, not overlapping."""
    taken: set[int] = set()
    spans = []
    for phrase in data.cues.get(group, ()):
        for i in find_phrase(words, phrase):
            span = range(i, i + len(phrase))
            if taken.intersection(span) or _ignored(words, i, data):
                continue
            taken.update(span)
            spans.append((i, i + len(phrase), " ".join(phrase)))
    return spans


def _backed(group: str, cue: str, window: list[Token], data: ScopeData) -> bool:
    """True when the window holds a marker of the cue's class or a translation of the cue."""
    lemmas, forms = words_of(window)
    if any(marker_hit(m, lemmas, forms) for m in data.markers.get(group, ())):
        return True
    keys = _target_keys(tuple(_stem(w) for w in cue.split()))
    page_keys = {t.key for t in window}
    return any(k in page_keys for k in keys)


def core_sentences(page: PageIndex, tokens: Sequence[Token], window: Sequence[int]) -> list[int]:
    """The window's sentences that share the most words with the clause, or one of its numbers.

    A window may span a neighbour that speaks of someone else ("the highest result was in
    Tambov"); a scope word there does not back the clause.

    Args:
        page: the prepared page.
        tokens: the clause's words.
        window: the clause's evidence sentences.

    Returns:
        The sentences with the largest overlap (all of the window when it has one sentence).
    """
    return _core(page, tokens, window)[1]


def _keys_of(token: Token) -> set[str]:
    """A clause word's key and, for an English word, its translations' keys."""
    keys = {token.key}
    if not token.cyr:
        keys.update(_target_keys((_stem(token.text),)))
    return keys


def _core(page: PageIndex, tokens: Sequence[Token], window: Sequence[int]) -> tuple[list[int], list[int]]:
    """(the window's sentences with the largest overlap, those and the ones holding a clause number)."""
    if len(window) <= 1:
        return list(window), list(window)
    wanted = [{t.text} if t.text.isdigit() else _keys_of(t) for t in tokens if t.text.isdigit() or t.content]
    scores = {}
    for seg in window:
        keys = {t.key for t in page.tokens[seg]} | {t.text for t in page.tokens[seg] if t.text.isdigit()}
        scores[seg] = sum(1 for options in wanted if prefix_hit(options, keys))
    best = max(scores.values())
    # A sentence that holds one of the clause's numbers ("since September 2022") is evidence too.
    digits = {t.text for t in tokens if t.text.isdigit()}
    closest = [seg for seg in window if scores[seg] == best]
    core = [
        seg for seg in window if scores[seg] == best or digits.intersection(t.text for t in page.tokens[seg])
    ]
    return closest, core


def _counted(words: Sequence[str]) -> bool:
    """True when a number follows a universal word ("all 146", "all three", "all of the 45"):
    the count is the set. Not a number further on ("everyone freed on 14 August")."""
    for word in words:
        if word in ("the", "of", "these", "those", "its", "their"):
            continue
        value = float(word) if word.isdigit() else _word_value(word)
        return value is not None and value >= MIN_COUNT
    return False


def overstated(
    page: PageIndex, tokens: Sequence[Token], window: Sequence[int], text: str = "", offset: int = 0
) -> list[Conflict]:
    """Scope words of a clause ("every", "the best", "fully") that its window does not back.

    A cue joined to the next word by a hyphen is part of a compound adjective
    ("highest-profile", "best-selling", "all-night"), not a claim of scope.

    Args:
        page: the prepared page.
        tokens: the clause's words.
        window: the clause's evidence sentences.
        text: the clause's text (to see hyphens between words).
        offset: where ``text`` starts in the tokens' offsets.

    Returns:
        One soft conflict per unbacked cue.
    """
    if not window:
        return []
    data = load_scope()
    words = [t.text.lower() for t in tokens]
    sentences = [t for s in core_sentences(page, tokens, window) for t in page.tokens[s]]
    figures = {float(t.text) for t in tokens if t.text.isdigit()}
    found = []
    for group in SCOPE_CLASSES:
        for start, end, cue in _cue_spans(words, data, group):
            if group == "universal" and _counted(words[end : end + COUNT_REACH]):
                continue
            if cue == "all" and _in_all(words, end, tokens, text, offset):
                continue
            if text and text[tokens[end - 1].end - offset : tokens[end - 1].end - offset + 1] == "-":
                continue
            if group == "multiple" and _multiple_given(
                page, window, cue, words[max(0, end - 4) : end - 1], figures
            ):
                continue
            if cue == "all" and _floating_all(words, end, text):
                continue
            if _backed(group, cue, sentences, data):
                continue
            near = _near_sentences(page, tokens, window, start, end)
            if near and _backed(group, cue, [t for s in near for t in page.tokens[s]], data):
                continue
            found.append(Conflict("overstated", cue, group, OVERSTATED_STRENGTH))
    return found


# Content words either side of a scope cue that tie it to a sentence of its window.
CUE_REACH = 4
# Of those, how many a window sentence must share to vouch for the cue.
CUE_SHARED = 2


def _near_sentences(
    page: PageIndex, tokens: Sequence[Token], window: Sequence[int], start: int, end: int
) -> list[int]:
    """The window's sentences sharing two content words with the cue's neighbours in the clause.

    "Kyivstar became the first mobile operator in Europe" against a window whose best sentence
    is about Kyivstar's service and whose next says «Україна стала першою країною в Європі, де
    мобільний оператор ...»: the scope word sits in that next sentence.
    """
    near = [
        t for t in (*tokens[max(0, start - CUE_REACH) : start], *tokens[end : end + CUE_REACH]) if t.content
    ]
    wanted = [_keys_of(token) for token in near]
    found = []
    for seg in window:
        keys = {t.key for t in page.tokens[seg]}
        if sum(1 for options in wanted if prefix_hit(options, keys)) >= CUE_SHARED:
            found.append(seg)
    return found


# Words before a floating "all": "Qatar, the Vatican and Turkey have all acted".
_FLOAT_BEFORE = frozenset({"have", "has", "had", "are", "were", "will", "would", "did", "can", "could"})


def _floating_all(words: Sequence[str], end: int, text: str) -> bool:
    """True for "all" after an auxiliary whose subject is a list the clause names ("X, Y and Z
    have all acted"): it sums up the list, it claims no wider scope."""
    if end < 2 or words[end - 2] not in _FLOAT_BEFORE:
        return False
    head = text.lower().split(f" {words[end - 2]} all", 1)[0] if text else ""
    return "," in head and " and " in head


# The factor a claim's word of multiplying names.
_FACTORS = {"doubled": 2.0, "twofold": 2.0, "tripled": 3.0, "threefold": 3.0}
# How far above the named factor a page's figure may lie ("doubled" for «в 2,2 раза»).
FACTOR_SLACK = 1.15


def _multiple_given(
    page: PageIndex, window: Sequence[int], cue: str, before: Sequence[str], figures: Collection[float] = ()
) -> bool:
    """True when the window gives the factor in figures: "more than doubled" for «в 2,2 раза», or
    for two figures of the clause the window gives ("from 11 categories to 27": «11 позиций ... 27»)."""
    factor = _FACTORS.get(cue)
    if factor is None:
        return False
    more = "than" in before and "more" in before

    def meets(value: float) -> bool:
        return factor <= value <= factor * FACTOR_SLACK or (more and value > factor)

    for seg in window:
        for quantity in page.quantities[seg]:
            if quantity.unit == "times" and meets(quantity.value):
                return True
    given = sorted({q.value for seg in window for q in page.quantities[seg] if not q.unit} & set(figures))
    return any(meets(high / low) for i, low in enumerate(given) if low > 0 for high in given[i + 1 :])


def _in_all(words: Sequence[str], end: int, tokens: Sequence[Token], text: str, offset: int) -> bool:
    """True for "in all" closing a phrase ("1,900 returned in all", "twelve minutes in all, then",
    "in all and took no questions"): a total, not "in all retail segments"."""
    if end < 2 or words[end - 2] != "in":
        return False
    if end == len(words):
        return True
    rest = text[tokens[end - 1].end - offset :].lstrip() if text else ""
    return rest[:1] in tuple(",.;:)—–") or rest.split(" ", 1)[0].lower() in ("and", "but", "or", "while")


# Done-cues that a date settles: "scheduled for 29 January", "set for June" are borne out by
# a window that gives that date, whatever else in it is still pending.
SCHEDULE_CUES = frozenset({"scheduled", "set"})


# Pending cues that name a plan, which a claim's "scheduled" says too.
_PLAN_STEMS = ("заплан", "план")


def pending(
    page: PageIndex, tokens: Sequence[Token], window: Sequence[int], main: Sequence[Token] = ()
) -> Conflict | None:
    """A clause stating a thing done ("had been fixed") whose evidence says it is still pending.

    Args:
        page: the prepared page.
        tokens: the clause's words.
        window: the clause's evidence sentences.
        main: the clause's words outside its relative clauses, where a hedge speaks of the
            clause's own statement (all of them when empty).

    Returns:
        The conflict, or None.
    """
    if not window:
        return None
    data = load_scope()
    words = claim_words(tokens)
    done = _cue_spans(words, data, "done")
    if not done or _cue_spans(claim_words(main or tokens), data, "hedge"):
        return None
    affirmed = {k for _, _, cue in done for k in _target_keys(tuple(_stem(w) for w in cue.split()))}
    own = {t.key for t in tokens if any(t.text.lower() in cue.split() for _, _, cue in done)}
    best, _ = _core(page, main or tokens, window)
    closest = set(best)
    # "Scheduled at 18,000 MWh for the day" says a plan, as «заплановано» does.
    planned = all(cue in SCHEDULE_CUES for _, _, cue in done)
    # A strong pending cue anywhere in the window counts («подписать его рассчитывают», «ФХР
    # намерена оспорить» beside the sentence that names the decision); a weak one only in the
    # sentences that hold the clause best.
    for seg in window:
        lemmas, forms = words_of(page.tokens[seg])
        markers = data.markers.get("pending", ())
        if planned:
            markers = tuple(m for m in markers if not m.startswith(_PLAN_STEMS))
        # A weak hedge ("may") counts only in a sentence that does not itself say the thing was
        # done ("agreed on an exchange, which may take place next week"), and only in one that
        # shares the clause's words, not one that merely holds its number ("contracts could run
        # until the start of 2028").
        keys = {t.key for t in page.tokens[seg]}
        if seg in closest and not prefix_hit(affirmed, keys) and not _says_done(page.tokens[seg], own, data):
            markers = (*markers, *data.markers.get("pending_weak", ()))
        if any(marker_hit(marker, lemmas, forms) for marker in markers):
            return Conflict("pending", done[0][2], page.segments[seg].text.strip(), PENDING_STRENGTH)
    return None


# A relative clause set off by commas ("the plant, which will employ 80 people, has opened").
_RELATIVE_RE = re.compile(r",\s*(?:which|who|whose|whom)\b[^,;]*(?:,|$)", re.IGNORECASE)


def outside_relatives(text: str, start: int, tokens: Sequence[Token]) -> list[Token]:
    """A clause's tokens outside the relative clauses set off by commas.

    "The plant, which will fully meet demand, has already opened": "will" hedges the relative
    clause, not the statement that the plant has opened.
    """
    spans = [(start + m.start(), start + m.end()) for m in _RELATIVE_RE.finditer(text)]
    return [t for t in tokens if not any(lo <= t.start < hi for lo, hi in spans)]


def _says_done(tokens: Sequence[Token], own: set[str], data: ScopeData) -> bool:
    """True when a same-language sentence holds the claim's done-word with no hedge just before
    it ("agreed on an exchange, which may take place": yes; "may be signed": no)."""
    weak = data.markers.get("pending_weak", ())
    _, forms = words_of(tokens)
    for i, token in enumerate(tokens):
        if token.key in own and not any(
            word_hit(m, w) for m in weak for w in forms[max(0, i - HEDGE_REACH) : i]
        ):
            return True
    return False


def _link_keys(tokens: Sequence[Token], start: int, end: int) -> set[str]:
    """Page keys of the content words next to a vague quantity (own key and translations)."""
    keys: set[str] = set()
    for token in [*tokens[max(0, start - LINK_REACH) : start], *tokens[end : end + LINK_REACH]]:
        if not token.content or token.text.isdigit():
            continue
        keys.add(token.key)
        if not token.cyr:
            keys.update(_target_keys((_stem(token.text),)))
    return keys


def _figures(page: PageIndex, seg: int, kind: str) -> list[tuple[int, float]]:
    """(offset, value) of a sentence's shares (percent as a fraction, "N из M") or counts."""
    found: list[tuple[int, float]] = []
    segment = page.segments[seg]
    for q in page.quantities[seg]:
        if kind == "share" and q.unit == "%":
            found.append((q.start, q.value / 100))
        elif kind == "count" and q.unit == "":
            found.append((q.start, q.value))
    if kind == "share":
        for m in RATIO_RE.finditer(segment.text):
            whole = float(m.group(2))
            if whole:
                found.append((segment.start + m.start(), float(m.group(1)) / whole))
    return found


def vague_conflicts(
    page: PageIndex,
    tokens: Sequence[Token],
    alone: bool,
    window: Sequence[int] = (),
    quantities: Sequence[Quantity] = (),
) -> list[Conflict]:
    """Vague quantities of a clause whose linked figure on the page lies outside their range.

    A phrase said in so many words by the clause's evidence ("most" against "в большинстве
    отраслей") is backed as it stands: no figure is compared.

    Args:
        page: the prepared page.
        tokens: the clause's words.
        window: the clause's evidence sentences.
        alone: whether the vague quantity is the clause's only checkable fact (then a mismatch
            contradicts the clause; otherwise it makes the clause partial).
        quantities: the clause's figures, whose ratio may give the share.

    Returns:
        The conflicts found.
    """
    data = load_scope()
    words = [t.text.lower() for t in tokens]
    taken: set[int] = set()
    found = []
    for vague in data.vague:
        for i in find_phrase(words, vague.words):
            end = i + len(vague.words)
            superlative = vague.words == ("most",) and i > 0 and words[i - 1] == "the"  # "the most X"
            if taken.intersection(range(i, end)) or superlative:
                continue
            taken.update(range(i, end))
            if _said(page, window, vague) or _ratio_given(page, quantities, window, vague):
                continue
            conflict = _vague_conflict(page, tokens, i, end, vague, alone)
            if conflict is not None:
                found.append(conflict)
    return found


# Widest range of a share ("about half": 0.40-0.56) read as the ratio of two figures.
RATIO_SPAN = 0.2


def _ratio_given(
    page: PageIndex, quantities: Sequence[Quantity], window: Sequence[int], vague: Vague
) -> bool:
    """True when two figures of the clause and its window stand in the share's ratio: "21.6
    against 31.9, a drop of almost a third" (a third lost), "5.2%, roughly half the previous
    year's pace" beside the window's 10.5%."""
    if vague.kind != "share" or vague.high - vague.low > RATIO_SPAN:
        return False  # "more than half" holds for most pairs of figures
    claimed = [q for q in quantities if q.unit not in ("year", "time")]
    found = [q for s in window for q in page.quantities[s] if q.unit not in ("year", "time")]
    figures = {(q.value, q.unit) for q in (*claimed, *found) if q.value > 0}
    return any(
        unit_a == unit_b and a < b and any(vague.low <= share <= vague.high for share in (a / b, 1 - a / b))
        for (a, unit_a), (b, unit_b) in itertools.combinations(sorted(figures), 2)
    )


def _said(page: PageIndex, window: Sequence[int], vague: Vague) -> bool:
    """True when the clause's evidence sentences hold a page word of the vague phrase."""
    if not window or not vague.markers:
        return False
    for seg in window:
        lemmas, forms = words_of(page.tokens[seg])
        if any(marker_hit(m, lemmas, forms) for m in vague.markers):
            return True
    return False


def _vague_conflict(
    page: PageIndex, tokens: Sequence[Token], start: int, end: int, vague: Vague, alone: bool
) -> Conflict | None:
    """The nearest figure to a linked word, in every sentence naming it; a conflict if none fits."""
    keys = _link_keys(tokens, start, end)
    if not keys:
        return None
    nearest: list[float] = []
    for seg in page.body():
        places = [t.start for t in page.tokens[seg] if t.cyr == page.cyrillic and prefix_hit((t.key,), keys)]
        if not places:
            continue
        figures = _figures(page, seg, vague.kind)
        close = [
            (min(abs(offset - p) for p in places), value)
            for offset, value in figures
            if min(abs(offset - p) for p in places) <= FIGURE_REACH
        ]
        if close:
            nearest.append(min(close)[1])
    if not nearest or any(vague.low <= v <= vague.high for v in nearest):
        return None
    shown = f"{nearest[0]:.0%}" if vague.kind == "share" else f"{nearest[0]:g}"
    strength = PENDING_STRENGTH if alone else OVERSTATED_STRENGTH
    return Conflict("vague" if not alone else "number", " ".join(vague.words), shown, strength)


def scope_conflicts(page: PageIndex, result: ClauseResult) -> list[Conflict]:
    """All scope signals of one aligned clause: overstated scope, pending statements, vague quantities.

    Args:
        page: the prepared page.
        result: the clause's alignment (window and anchors).

    Returns:
        The conflicts to add to the clause's result.
    """
    tokens = result.clause.tokens
    found = overstated(page, tokens, result.window, result.clause.text, result.clause.start)
    main = outside_relatives(result.clause.text, result.clause.start, tokens)
    late = pending(page, tokens, result.window, main)
    dated = any(a.kind == "date" and a.status == "matched" for a in result.anchors)
    if late is not None and not (late.claim in SCHEDULE_CUES and dated):
        found.append(late)  # "scheduled for 29 January" stands when the page gives that date
    elif late is None and not _cue_spans(claim_words(main), load_scope(), "hedge"):
        later = future_of_done(page, main, result.window)
        if later is not None:
            found.append(later)
    core = core_sentences(page, tokens, result.window)
    numbered = ordinal_conflict(page, tokens, core)
    if numbered is not None:
        found.append(numbered)
    other_person = person_elsewhere(page, result.clause, result.anchors, core)
    if other_person is not None:
        found.append(other_person)
    other_region = region_conflict(page, result.clause.text, tokens, result.clause.names, result.window)
    if other_region is not None:
        found.append(other_region)
    qualified = qualifier_conflict(page, tokens, core)
    if qualified is not None:
        found.append(qualified)
    turned = direction_conflict(page, tokens, result.clause.quantities, core)
    if turned is not None:
        found.append(turned)
    alone = not any(
        a.status == "matched" and not a.weak and a.kind in ("number", "date") for a in result.anchors
    )
    found.extend(vague_conflicts(page, tokens, alone, result.window, result.clause.quantities))
    unhurt = nobody_hurt(page, tokens, result.clause.text, result.window)
    if unhurt is not None:
        found.append(unhurt)
    served = suspended_conflict(page, result.clause.text, result.window)
    if served is not None:
        found.append(served)
    rated = rate_conflict(page, result.clause, result.window)
    if rated is not None:
        found.append(rated)
    shifted = date_bound_elsewhere(page, result.clause, result.window, main)
    if shifted is not None:
        found.append(shifted)
    for check in (
        binding_conflict,
        bound_to_another_item,
        figure_bound_elsewhere,
        figure_of_another_name,
        part_of_whole_conflict,
        included_item_conflict,
        swapped_figures,
        swapped_years,
        swapped_titles,
        swapped_names,
    ):
        bound = check(page, result.clause, result.window)
        if bound is not None:
            found.append(bound)
            break
    return found
