"""A small English -> Russian/Ukrainian lexicon of news words, in the key space of ``text.py``.

Cognates and names meet across scripts by their keys ("memorandum" ~ "меморандум"), but
ordinary words do not ("exchange" / "обмен", "wounded" / "раненые", "week" / "неделя"). The
lexicon (``data/lexicon.tsv``, written for citecheck) gives each English word's translations;
they are keyed like page words (pymorphy3 lemma, stem, transliteration), so a claim word can
be matched to the page through its translations as well as by its own key. A lexicon match
weighs a little less than a match of the word itself.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Prefix

from citecheck.verify.retrieve import MIN_SIMILARITY, PageIndex
from citecheck.verify.text import (
    MIN_PREFIX,
    PREFIX_SHARE,
    WORD_RE,
    Token,
    _stemmer,
    analyse_cyrillic,
    key_similarity,
)

LOGGER = logging.getLogger(__name__)

# Weight of a match through a translation against a match of the word itself (1.0).
LEXICON_WEIGHT = 0.9
# Longest English phrase in the lexicon, in words ("prime minister", "at least").
MAX_PHRASE = 3
# Share of a quotation's words (those with a translation, or content words) that must be
# found in the evidence window for a quotation to count as found across scripts.
QUOTE_SHARE = 0.6
# Marks a lexicon entry made of exact words rather than stems.
EXACT = "="
# Shortest translation key used: shorter ones ("po", "do") meet prepositions.
MIN_TARGET_KEY = 3
# Rows of data/lexicon.tsv: english synonyms, Russian lemmas, Ukrainian lemmas.
_COLUMNS = 3

# (english stems, ...) -> (russian lemmas, ukrainian lemmas)
Lexicon = dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]]]


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    """The Snowball stem of an English word (lower-cased, possessive dropped)."""
    low = word.lower().replace("’", "'").removesuffix("'s")
    return str(_stemmer("english").stemWord(low))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split(",") if item.strip())


def parse_lexicon(text: str) -> Lexicon:
    """Parse lexicon rows (``en<TAB>ru<TAB>uk``, comma-separated synonyms; ``#`` comments).

    Args:
        text: the file's text.

    Returns:
        English stem sequences (one per synonym, phrases as several stems) -> their translations.
    """
    lexicon: Lexicon = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != _COLUMNS:
            LOGGER.warning("lexicon line %d: expected %d columns, got %d", number, _COLUMNS, len(cells))
            continue
        russian, ukrainian = _split(cells[1]), _split(cells[2])
        for english in _split(cells[0]):
            words = WORD_RE.findall(english)
            if not words or len(words) > MAX_PHRASE:
                continue
            # By stem ("ceasefires" finds "ceasefire") and by the exact words, which win where
            # stems collide ("important" and "imports" both stem to "import").
            for entry in (tuple(_stem(w) for w in words), _exact(words)):
                old_ru, old_uk = lexicon.get(entry, ((), ()))
                lexicon[entry] = (
                    tuple(dict.fromkeys(old_ru + russian)),
                    tuple(dict.fromkeys(old_uk + ukrainian)),
                )
    _merge_inflections(lexicon)
    return lexicon


def _inflects(base: str, form: str) -> bool:
    """True when ``form`` is a regular English inflection of ``base`` ("cases", "bodies")."""
    forms = {base + "s", base + "es", base + "ed", base + "d", base + "ing"}
    if base.endswith("y"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    if base.endswith("e"):
        forms.add(base[:-1] + "ing")
    return form in forms


def _merge_inflections(lexicon: Lexicon) -> None:
    """Give inflections of one word, written in different rows, each other's translations (in place).

    Exact-word entries win over stem entries (see :func:`parse_lexicon`), so a row "case,cases"
    would otherwise hide another row's "case" from "cases". Words of one stem that are not
    regular inflections of each other ("imports", "important") stay apart.
    """
    by_stem: dict[str, list[str]] = {}
    for entry in lexicon:
        if len(entry) == 1 and entry[0].startswith(EXACT):
            word = entry[0][len(EXACT) :]
            by_stem.setdefault(_stem(word), []).append(word)
    for words in by_stem.values():
        for base in words:
            for form in words:
                if form == base or not _inflects(base, form):
                    continue
                a, b = lexicon[(EXACT + base,)], lexicon[(EXACT + form,)]
                merged = (tuple(dict.fromkeys(a[0] + b[0])), tuple(dict.fromkeys(a[1] + b[1])))
                lexicon[(EXACT + base,)] = lexicon[(EXACT + form,)] = merged


def _exact(words: Sequence[str]) -> tuple[str, ...]:
    """The lexicon entry of a phrase by its exact (lower-cased) words."""
    return tuple(EXACT + w.lower().replace("’", "'") for w in words)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (read once)."""
    text = resources.files("citecheck.verify").joinpath("data/lexicon.tsv").read_text(encoding="utf-8")
    lexicon = parse_lexicon(text)
    LOGGER.debug("lexicon: %d English entries", len(lexicon))
    return lexicon


def is_translatable(word: str) -> bool:
    """True when the lexicon translates an English word (so it is a common word, not a name)."""
    stem = _stem(word)
    return stem != "" and (stem,) in load_lexicon()


def _head(lemma: str) -> str:
    """The word of a multi-word translation that carries it: its longest ("прекращение огня")."""
    words = WORD_RE.findall(lemma)
    return max(words, key=len) if words else ""


@lru_cache(maxsize=20_000)
def _target_keys(stems: tuple[str, ...]) -> tuple[str, ...]:
    """Keys of the translations of one lexicon entry, keyed as page words are."""
    russian, ukrainian = load_lexicon().get(stems, ((), ()))
    keys: dict[str, None] = {}
    for lemma in russian:
        head = _head(lemma)
        if head:
            keys[analyse_cyrillic(head.lower())[1]] = None
    for lemma in ukrainian:
        head = _head(lemma)
        if head:
            # A Ukrainian page whose language is unknown is analysed with Russian morphology.
            keys[analyse_cyrillic(head.lower(), True)[1]] = None
            keys[analyse_cyrillic(head.lower())[1]] = None
    return tuple(k for k in keys if len(k) >= MIN_TARGET_KEY)


def translation_keys(tokens: Sequence[Token]) -> dict[int, tuple[str, ...]]:
    """Keys of the translations of each English word of a text, phrases first.

    Args:
        tokens: the words of a claim or clause, in order.

    Returns:
        ``{token position: translation keys}`` for the words the lexicon knows.
    """
    lexicon = load_lexicon()
    stems = [_stem(t.text) if not t.cyr and not t.text.isdigit() else "" for t in tokens]
    found: dict[int, tuple[str, ...]] = {}
    for size in range(MAX_PHRASE, 0, -1):
        for start in range(len(tokens) - size + 1):
            span = tuple(stems[start : start + size])
            exact = _exact([t.text for t in tokens[start : start + size]])
            if not all(span):
                continue
            if exact in lexicon:
                span = exact
            elif span not in lexicon:
                continue
            positions = range(start, start + size)
            if any(p in found for p in positions):
                continue  # a word of a longer phrase already translated
            keys = _target_keys(span)
            for p in positions:
                if size > 1 and not tokens[p].content:
                    continue
                found[p] = tuple(dict.fromkeys((*found.get(p, ()), *keys)))
    return found


def merge_translations(
    page: PageIndex,
    tokens: Sequence[Token],
    by_key: dict[str, dict[int, tuple[float, str]]],
    skip: Collection[str] = (),
) -> None:
    """Credit claim words with the sentences where their translations stand (in place).

    Args:
        page: the prepared page (only Cyrillic pages are looked at).
        tokens: the clause's words.
        by_key: ``{claim key: {sentence: (similarity, page key)}}`` for the clause's words.
        skip: claim keys not to translate (names that transliterate).
    """
    if not page.cyrillic:
        return
    wanted: dict[str, set[str]] = {}
    for position, translations in translation_keys(tokens).items():
        key = tokens[position].key
        if key in by_key and key not in skip:
            wanted.setdefault(key, set()).update(translations)
    targets = list(dict.fromkeys(k for found in wanted.values() for k in found))
    if not targets:
        return
    target_segments: dict[str, dict[int, tuple[float, str]]] = {}
    for target, found in zip(targets, prefix_matches(page, targets), strict=True):
        per_segment: dict[int, tuple[float, str]] = {}
        for page_key, sim in found.items():
            for seg in page.key_segments.get(page_key, ()):
                if sim > per_segment.get(seg, (0.0, ""))[0]:
                    per_segment[seg] = (sim, page_key)
        target_segments[target] = per_segment
    for key, translated in wanted.items():
        own = by_key[key]
        for target in translated:
            for seg, (sim, page_key) in target_segments[target].items():
                value = sim * LEXICON_WEIGHT
                if value > own.get(seg, (0.0, ""))[0]:
                    own[seg] = (value, page_key)


def prefix_matches(page: PageIndex, keys: Sequence[str]) -> list[dict[str, float]]:
    """Page keys equal to each key or sharing a long prefix with it (no looser spelling match).

    A translation is already a guess: the fuzzy ratio that lets cognates meet would let it
    meet unrelated words too ("snait" ~ "sait").

    Args:
        page: the prepared page.
        keys: translation keys.

    Returns:
        One ``{page_key: similarity}`` per key.
    """
    if not keys or not page.vocab:
        return [{} for _ in keys]
    common = process.cdist(keys, page.vocab, scorer=Prefix.similarity, dtype=np.int32)
    klen = np.array([len(k) for k in keys], dtype=np.int32)[:, None]
    vlen = np.array([len(v) for v in page.vocab], dtype=np.int32)[None, :]
    shorter, longer = np.minimum(klen, vlen), np.maximum(klen, vlen)
    exact = (common == klen) & (klen == vlen)
    prefix_ok = (common >= MIN_PREFIX) & (common >= PREFIX_SHARE * shorter)
    score = np.where(exact, 1.0, np.where(prefix_ok, 0.75 + 0.25 * common / longer, 0.0))
    result: list[dict[str, float]] = []
    for row in score:
        hits = np.nonzero(row >= MIN_SIMILARITY)[0]
        result.append({page.vocab[j]: float(row[j]) for j in hits})
    return result


def quote_found(quote_tokens: Sequence[Token], window_tokens: Iterable[Token]) -> bool:
    """True when most words of an English quotation stand in a window of another script.

    A word counts when it has a translation or is a content word; it is found when its own key
    or one of its translations' keys matches a word of the window.

    Args:
        quote_tokens: the quotation's words.
        window_tokens: the words of the evidence window.

    Returns:
        Whether at least QUOTE_SHARE of the counted words were found.
    """
    page_keys = {t.key for t in window_tokens if not t.text.isdigit()}
    if not page_keys:
        return False
    translations = translation_keys(quote_tokens)
    counted = found = 0
    for position, token in enumerate(quote_tokens):
        keys = translations.get(position, ())
        if token.text.isdigit() or not (keys or token.content):
            continue
        counted += 1
        if any(k in page_keys for k in keys) or any(
            key_similarity(candidate, page_key) >= MIN_SIMILARITY
            for candidate in (token.key, *keys)
            for page_key in page_keys
        ):
            found += 1
    return counted > 0 and found >= QUOTE_SHARE * counted
