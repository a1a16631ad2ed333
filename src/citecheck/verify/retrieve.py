"""A page prepared for verification, and passage ranking over its cross-lingual keys.

The page is split into sentences (razdel), each tokenised to keys (lemma, stem,
transliteration) with its quantities and dates. Claim words are matched to the page's
vocabulary by key similarity in bulk (rapidfuzz ``cdist``); a window of up to three
sentences is scored by the idf-weighted best match of each claim word, BM25-style.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Prefix

from citecheck.verify.dates import DateRef, extract_dates
from citecheck.verify.numbers import Quantity, extract_quantities, shares_of_counts
from citecheck.verify.text import (
    MIN_PREFIX,
    PREFIX_SHARE,
    RATIO_CUTOFF,
    Segment,
    Token,
    is_cyrillic,
    segment,
    tokenize,
)

LOGGER = logging.getLogger(__name__)

# Longest evidence window, in sentences.
MAX_WINDOW = 3
# Each extra sentence in a window costs this share of the window's score.
WINDOW_COST = 0.12
# Similarity below which two keys are not the same word.
MIN_SIMILARITY = 0.72
# Vowels dropped from a name's key to compare consonant skeletons (vowels shift across scripts).
_VOWELS = frozenset("aeiou")
# Shortest skeleton compared ("trmp"); shorter ones collide by chance.
MIN_SKELETON = 4
# Similarity given to a skeleton match: above a name's NAME_FOUND, below a spelling match.
SKELETON_SIMILARITY = 0.8
# Largest difference in key length between two skeleton-matched keys.
SKELETON_LENGTH_SLACK = 1
# Prepared pages kept in memory (several claims usually cite one page).
PAGE_CACHE_SIZE = 32


@dataclass
class PageIndex:
    """A page's sentences with their tokens, quantities and dates, and its vocabulary."""

    text: str
    segments: list[Segment]
    tokens: list[list[Token]]
    quantities: list[list[Quantity]]
    dates: list[list[DateRef]]
    cyrillic: bool
    published: DateRef | None = None
    vocab: list[str] = field(default_factory=list)
    key_segments: dict[str, list[int]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    skeletons: dict[str, list[str]] = field(default_factory=dict)
    uk: bool = False  # analysed as Ukrainian

    def body(self) -> list[int]:
        """Indexes of the sentences that are not headline-like."""
        return [s.index for s in self.segments if not s.headline]

    def around(self, window: Sequence[int], reach: int) -> range:
        """A window's sentences and ``reach`` sentences either side of it, within the page."""
        return range(max(0, window[0] - reach), min(len(self.segments), window[-1] + reach + 1))


# Ukrainian names of a region after its centre («Донеччина», «Луганщина», «Одещина»): the
# ending and what it may stand for in the centre's name (Донецьк, Луганськ, Одеса).
_REGION_ENDINGS = (("chchin", ("tsk", "ts")), ("shchin", ("sk", "a", "")))


def region_aliases(tokens: Sequence[Token]) -> set[str]:
    """Keys of the centres named by a sentence's region words ("donechchin" -> "donetsk")."""
    found: set[str] = set()
    for token in tokens:
        if not token.cyr or not token.cap:
            continue
        for ending, stands_for in _REGION_ENDINGS:
            if token.key.endswith(ending) and len(token.key) > len(ending) + 2:
                base = token.key[: -len(ending)]
                found.update(base + tail for tail in stands_for)
    return found


def _build(text: str, lang: str | None, published: str | None) -> PageIndex:
    segments = segment(text)
    cyrillic = sum(1 for ch in text[:5000] if is_cyrillic(ch)) > len(text[:5000]) / 4
    uk = lang == "uk"
    tokens, quantities, dates = [], [], []
    key_segments: dict[str, list[int]] = defaultdict(list)
    for seg in segments:
        seg_tokens = tokenize(seg.text, uk=uk, offset=seg.start)
        tokens.append(seg_tokens)
        seg_dates = [
            replace(d, start=d.start + seg.start, end=d.end + seg.start) for d in extract_dates(seg.text)
        ]
        local_spans = [(d.start - seg.start, d.end - seg.start) for d in seg_dates]
        seg_quantities = [
            replace(q, start=q.start + seg.start, end=q.end + seg.start)
            for q in extract_quantities(seg.text, cyrillic=cyrillic, skip=local_spans)
            + shares_of_counts(seg.text)
        ]
        dates.append(seg_dates)
        quantities.append(seg_quantities)
        for key in {t.key for t in seg_tokens if t.content or t.cap} | region_aliases(seg_tokens):
            key_segments[key].append(seg.index)
    total = max(len(segments), 1)
    idf = {k: math.log(1 + total / len(v)) for k, v in key_segments.items()}
    return PageIndex(
        text,
        segments,
        tokens,
        quantities,
        dates,
        cyrillic,
        _published(published),
        list(key_segments),
        dict(key_segments),
        idf,
        uk=uk,
    )


def _published(date: str | None) -> DateRef | None:
    """The page's publication date (ISO "2025-11-23...") as a DateRef."""
    if not date:
        return None
    found = extract_dates(date[:10])
    return found[0] if found else None


_CACHE: OrderedDict[str, PageIndex] = OrderedDict()


def page_index(text: str, lang: str | None = None, published: str | None = None) -> PageIndex:
    """Prepare a page's text for verification (cached for the last few pages).

    Args:
        text: the extracted main text.
        lang: the page's language if known ("uk" selects Ukrainian morphology).
        published: the page's publication date (ISO), which claims often name.

    Returns:
        The prepared page.
    """
    digest = hashlib.blake2b(f"{lang}\0{published}\0{text}".encode(), digest_size=16).hexdigest()
    if digest in _CACHE:
        _CACHE.move_to_end(digest)
        return _CACHE[digest]
    index = _build(text, lang, published)
    _CACHE[digest] = index
    while len(_CACHE) > PAGE_CACHE_SIZE:
        _CACHE.popitem(last=False)
    return index


def match_keys(page: PageIndex, keys: Sequence[str]) -> list[dict[str, float]]:
    """For each claim key, the page keys it matches and how well (0..1).

    Args:
        page: the prepared page.
        keys: keys of claim words.

    Returns:
        One ``{page_key: similarity}`` per claim key.
    """
    if not keys or not page.vocab:
        return [{} for _ in keys]
    ratio = process.cdist(keys, page.vocab, scorer=fuzz.ratio, score_cutoff=RATIO_CUTOFF, dtype=np.uint8)
    prefix = process.cdist(keys, page.vocab, scorer=Prefix.similarity, dtype=np.int32)
    klen = np.array([len(k) for k in keys], dtype=np.float32)[:, None]
    vlen = np.array([len(v) for v in page.vocab], dtype=np.float32)[None, :]
    shorter, longer = np.minimum(klen, vlen), np.maximum(klen, vlen)
    prefix_ok = (prefix >= MIN_PREFIX) & (prefix >= PREFIX_SHARE * shorter)
    prefix_score = np.where(prefix_ok, 0.75 + 0.25 * prefix / longer, 0.0)
    ratio_score = np.where(shorter >= 4, ratio.astype(np.float32) / 100.0 * 0.9, 0.0)
    exact = (prefix == shorter) & (klen == vlen)
    score = np.maximum(np.where(exact, 1.0, 0.0), np.maximum(prefix_score, ratio_score))
    score = np.where(shorter < 3, np.where(exact, 1.0, 0.0), score)
    result: list[dict[str, float]] = []
    for row in score:
        hits = np.nonzero(row >= MIN_SIMILARITY)[0]
        result.append({page.vocab[j]: float(row[j]) for j in hits})
    return result


def skeleton(key: str) -> str:
    """A key's consonants after its first letter: "trump" and "tramp" both give "trmp"."""
    return key[:1] + "".join(ch for ch in key[1:] if ch not in _VOWELS)


def skeleton_matches(page: PageIndex, key: str) -> dict[str, float]:
    """Page keys of a name's key that differ only in vowels ("Trump" ~ "Трамп").

    Args:
        page: the prepared page.
        key: the key of a word of a name.

    Returns:
        ``{page_key: SKELETON_SIMILARITY}`` for every page key with the same consonants.
    """
    if not page.skeletons:
        for vocab_key in page.vocab:
            page.skeletons.setdefault(skeleton(vocab_key), []).append(vocab_key)
    bone = skeleton(key)
    if len(bone) < MIN_SKELETON:
        return {}
    return {
        k: SKELETON_SIMILARITY
        for k in page.skeletons.get(bone, ())
        if abs(len(k) - len(key)) <= SKELETON_LENGTH_SLACK
    }


def term_segment_scores(
    page: PageIndex, matches: Sequence[dict[str, float]]
) -> list[dict[int, tuple[float, str]]]:
    """For each claim key, its best similarity in each sentence (with the page key that gave it)."""
    result: list[dict[int, tuple[float, str]]] = []
    for match in matches:
        per_segment: dict[int, tuple[float, str]] = {}
        for key, sim in match.items():
            for seg in page.key_segments.get(key, ()):
                if sim > per_segment.get(seg, (0.0, ""))[0]:
                    per_segment[seg] = (sim, key)
        result.append(per_segment)
    return result


def windows(page: PageIndex, candidates: Sequence[int]) -> list[tuple[int, ...]]:
    """Windows of up to MAX_WINDOW consecutive body sentences, starting at each candidate."""
    body = page.body()
    position = {seg: n for n, seg in enumerate(body)}
    found: set[tuple[int, ...]] = set()
    for seg in candidates:
        if seg not in position:
            continue
        n = position[seg]
        for start in range(max(0, n - MAX_WINDOW + 1), n + 1):
            for size in range(1, MAX_WINDOW + 1):
                window = tuple(body[start : start + size])
                if seg in window and len(window) == size:
                    found.add(window)
    return sorted(found)


def best_window(scores: dict[tuple[int, ...], float]) -> tuple[tuple[int, ...], float]:
    """The highest-scoring window after the cost of its length."""
    best: tuple[tuple[int, ...], float] = ((), 0.0)
    for window, value in scores.items():
        adjusted = value * (1 - WINDOW_COST * (len(window) - 1))
        if adjusted > best[1] + 1e-9 or (abs(adjusted - best[1]) <= 1e-9 and len(window) < len(best[0])):
            best = (window, adjusted)
    return best
