"""Tokens, sentences and a cross-lingual key for each word (lemmas, stems, transliteration).

A word's *key* is a Latin phonetic skeleton of its stem: Cyrillic lemmas are transliterated
(iuliia's Wikipedia schema), English words are stemmed (Snowball), and both sides are folded
the same way (``c``/``k``, ``y``/``i``, doubled letters) so that cognates and names meet:
``Мединский`` ~ ``Medinsky``, ``меморандум`` ~ ``memorandum``, ``Москвы`` ~ ``Moscow``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import razdel
import snowballstemmer
from rapidfuzz import fuzz
from rapidfuzz.distance import Prefix

LOGGER = logging.getLogger(__name__)

# A word: letters (with inner apostrophes: "п'ять") or digits; hyphens split ("Тель-Авив").
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+", re.UNICODE)
_CYR_RE = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_UK_ONLY_RE = re.compile(r"[іїєґ]", re.IGNORECASE)
# Ukrainian letters iuliia's Russian schema does not know.
_UK_LETTERS = str.maketrans({"і": "i", "ї": "yi", "є": "ye", "ґ": "g"})
# Sentence-final punctuation: a line ending otherwise is headline-like.
_TERMINAL = ".!?…»\"”“)':;"
# Lines up to this many words without final punctuation count as headline-like.
HEADLINE_MAX_WORDS = 24
# Fold spellings that differ between transliterations and English spellings of one sound.
_FOLDS = (
    ("tch", "ch"),
    ("kh", "h"),
    ("zh", "g"),
    ("ck", "k"),
    ("ph", "f"),
    ("x", "ks"),
    ("q", "k"),
    ("w", "v"),
    ("ch", "4"),
    ("c", "k"),
    ("4", "ch"),
    ("j", "i"),
    ("y", "i"),
    ("z", "s"),
)
_DOUBLE_RE = re.compile(r"(.)\1+")
# Shortest key compared by prefix (shorter keys must match exactly or by high ratio).
MIN_PREFIX = 5
# Share of the shorter key a common prefix must cover to count as a cognate.
PREFIX_SHARE = 0.8
# rapidfuzz ratio (0..100) above which two keys count as the same word.
RATIO_CUTOFF = 80.0
# A quotation in a claim or page: double quotes, guillemets, or single quotes not inside a word.
QUOTE_RE = re.compile(r"[\"“«]([^\"”»]{3,200})[\"”»]|(?<![\w])['‘]([^'’]{3,200})['’](?![\w])")
# English function words: a closed class that carries no evidence.
EN_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "its",
        "it's",
        "s",
        "t",
        "said",
        "says",
        "told",
        "would",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "per",
        "cent",
        "percent",
    ]
)
# pymorphy3 parts of speech that carry no evidence (prepositions, conjunctions, particles...).
_RU_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED"})
# pymorphy3 grammemes that mark names.
_NAME_TAGS = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
# Grammemes of the readings a capitalised word prefers over a common noun.
_SURNAME_TAGS = frozenset({"Surn", "Patr"})


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text with its cross-lingual forms."""

    text: str
    start: int
    end: int
    lemma: str
    key: str
    cap: bool
    cyr: bool
    content: bool
    name_tag: bool = False


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence of a page with its offsets and whether it looks like a headline or link."""

    index: int
    start: int
    end: int
    text: str
    line: int
    headline: bool


def is_cyrillic(word: str) -> bool:
    """True when a word holds Cyrillic letters."""
    return bool(_CYR_RE.search(word))


def fold(latin: str) -> str:
    """Fold a Latin spelling into the phonetic skeleton shared by both languages."""
    text = "".join(ch for ch in latin.lower() if ch.isalpha() or ch.isdigit())
    for old, new in _FOLDS:
        text = text.replace(old, new)
    return _DOUBLE_RE.sub(r"\1", text)


@lru_cache(maxsize=1)
def _schema() -> Any:
    import iuliia

    return iuliia.WIKIPEDIA


@lru_cache(maxsize=200_000)
def translit(word: str) -> str:
    """Transliterate a Cyrillic word to Latin (Russian and Ukrainian letters)."""
    return str(_schema().translate(word.lower().translate(_UK_LETTERS)))


@lru_cache(maxsize=4)
def _morph(lang: str) -> Any:
    import pymorphy3

    try:
        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ValueError, ImportError, OSError):  # dictionaries for this language absent
        LOGGER.info("pymorphy3 dictionaries for %s unavailable; using Russian", lang)
        return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=4)
def _stemmer(lang: str) -> Any:
    return snowballstemmer.stemmer(lang)


@lru_cache(maxsize=400_000)
def analyse_cyrillic(word: str, uk: bool = False) -> tuple[str, str, bool, bool]:
    """Lemma, key, content-word flag and name flag of a Cyrillic word (cached).

    A capitalised word takes its likeliest surname reading when it has one: "Песков" is the
    surname, not the genitive plural of «песок» (sand) that pymorphy3 ranks first. (First
    names are left alone: pymorphy3 guesses them for unknown place names, "Рияде" -> «Рияда»;
    so are prepositions and particles: a sentence's first «По» is not the surname Poe.)
    """
    parses = _morph("uk" if uk else "ru").parse(word)
    parse = parses[0]
    # «у Києві», «у Харкові»: the Ukrainian dictionary ranks a person («кий», «Харко») before the
    # city in the locative; a place is the likelier reading of a capitalised locative.
    place = (
        next((p for p in parses if {"NOUN", "inan", "loct"} <= set(p.tag.grammemes)), None)
        if uk and word[:1].isupper()
        else None
    )
    parse = place or parse
    top_pos = str(parse.tag.POS) if parse.tag.POS else ""
    if (
        place is None
        and word[:1].isupper()
        and top_pos not in _RU_FUNCTION_POS
        and not _NAME_TAGS.intersection(parse.tag.grammemes)
    ):
        parse = next((p for p in parses if _SURNAME_TAGS.intersection(p.tag.grammemes)), parse)
    lemma = str(parse.normal_form)
    low = word.lower()
    if (
        word[:1].isupper()
        and len(lemma) == len(low) >= MIN_PREFIX
        and lemma[:-1] == low[:-1]
        and low[-1] in "еэиоу"
        and not _morph_knows(low, uk)
    ):
        # An unknown foreign name on a vowel does not decline: pymorphy3 guesses «Рютте» ->
        # «рютта» (while «Уиткоффе» -> «уиткофф» drops a case ending, as it should).
        lemma = low
    tag = parse.tag
    pos = str(tag.POS) if tag.POS else ""
    content = pos not in _RU_FUNCTION_POS and len(lemma) > 1
    name = bool(_NAME_TAGS.intersection(tag.grammemes))
    stem = str(_stemmer("russian").stemWord(lemma))
    return lemma, fold(translit(stem if len(stem) >= MIN_PREFIX else lemma)), content, name


def _morph_knows(word: str, uk: bool) -> bool:
    """True when pymorphy3's dictionary holds the word (not a guess from its ending)."""
    return bool(_morph("uk" if uk else "ru").word_is_known(word))


@lru_cache(maxsize=50_000)
def is_surname(word: str) -> bool:
    """True when a capitalised Cyrillic word's likeliest name reading is a surname ("Путина")."""
    if not word[:1].isupper():
        return False
    parses = _morph("uk" if _UK_ONLY_RE.search(word) else "ru").parse(word)
    names = [p for p in parses if _NAME_TAGS.intersection(p.tag.grammemes)]
    return bool(names) and "Surn" in names[0].tag.grammemes


@lru_cache(maxsize=400_000)
def analyse_latin(word: str) -> tuple[str, str, bool]:
    """Lemma (lower-case), key and content-word flag of a Latin word (cached)."""
    low = word.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    stem = str(_stemmer("english").stemWord(low))
    return low, fold(stem if len(stem) >= MIN_PREFIX else low), low not in EN_STOPWORDS and len(low) > 1


# Letters only Russian writes.
_RU_ONLY_RE = re.compile(r"[ыэъё]", re.IGNORECASE)
# Ukrainian letters a text must hold to be read as Ukrainian.
MIN_UK_LETTERS = 2


def is_ukrainian(text: str) -> bool:
    """True for Cyrillic text with Ukrainian letters (і, ї, є, ґ) and none only Russian has."""
    return len(_UK_ONLY_RE.findall(text)) >= MIN_UK_LETTERS and not _RU_ONLY_RE.search(text)


def tokenize(text: str, *, uk: bool = False, offset: int = 0) -> list[Token]:
    """Split text into word tokens with lemmas and cross-lingual keys.

    Args:
        text: the text to split.
        uk: analyse Cyrillic words with the Ukrainian dictionaries.
        offset: added to every token's offsets.

    Returns:
        The tokens in order (numbers included, with their digits as lemma and key).
    """
    tokens: list[Token] = []
    for match in WORD_RE.finditer(text):
        word = match.group()
        start, end = match.start() + offset, match.end() + offset
        cap = word[:1].isupper()
        if word.isdigit():
            tokens.append(Token(word, start, end, word, word, False, False, False))
        elif is_cyrillic(word):
            lemma, key, content, name = analyse_cyrillic(word, uk or bool(_UK_ONLY_RE.search(word)))
            tokens.append(Token(word, start, end, lemma, key, cap, True, content, name))
        else:
            lemma, key, content = analyse_latin(word)
            tokens.append(Token(word, start, end, lemma, key, cap, False, content))
    return tokens


def prefix_hit(keys: Iterable[str], page_keys: Collection[str]) -> str:
    """The first page key equal to one of ``keys`` or sharing a long prefix with it, else "".

    Args:
        keys: keys to look for (a word's own key, its translations' keys).
        page_keys: the keys of a stretch of page text.

    Returns:
        The key found (truthy), or "".
    """
    for key in keys:
        if key in page_keys:
            return key
        for page_key in page_keys:
            if _long_prefix(key, page_key):
                return page_key
    return ""


def _long_prefix(a: str, b: str) -> int:
    """The length of the prefix two keys share when long enough to call them one word, else 0."""
    common = int(Prefix.similarity(a, b))
    return common if common >= MIN_PREFIX and common >= PREFIX_SHARE * min(len(a), len(b)) else 0


def key_similarity(a: str, b: str) -> float:
    """How alike two keys are, 0..1: equal, a long shared prefix, or a close spelling."""
    if a == b:
        return 1.0
    shorter = min(len(a), len(b))
    if shorter < 3:
        return 0.0
    common = _long_prefix(a, b)
    if common:
        return 0.75 + 0.25 * common / max(len(a), len(b))
    if shorter < 4:
        return 0.0
    ratio = fuzz.ratio(a, b, score_cutoff=RATIO_CUTOFF)
    return ratio / 100.0 * 0.9 if ratio else 0.0


def _line_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """Offsets of each line (and each table cell of a line) with its line number."""
    pos = 0
    for number, line in enumerate(text.split("\n")):
        end = pos + len(line)
        cell_start = pos
        for cell in re.finditer(r"\s\|\s|\s\|$|^\|\s", line):
            yield cell_start, pos + cell.start(), number
            cell_start = pos + cell.end()
        yield cell_start, end, number
        pos = end + 1


def _headline_like(chunk: str) -> bool:
    """True for short text without sentence-final punctuation (titles, link lists, captions)."""
    stripped = chunk.strip().rstrip("|").strip()
    if not stripped:
        return True
    words = len(stripped.split())
    return (stripped[-1] not in _TERMINAL and words <= HEADLINE_MAX_WORDS) or words <= 2


# Abbreviations that razdel ends a sentence after when a number follows ("Nov. 21", "art. 5").
ABBREVIATION_END_RE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|Nos|[Aa]rt|[Pp]p?|[Vv]ol|"
    r"янв|февр?|апр|авг|сент?|окт|нояб?|дек|ст|п|ч|гл|лют|квіт|трав|черв|лип|серп|вер|жовт|лист|груд)\.$"
)

# A number's scale abbreviation that razdel ends a sentence after when a capitalised unit follows
# («близько 18 тис. МВт·год», «1,2 млн. USD»).
_SCALE_END_RE = re.compile(r"\d\s?(?:тыс|тис|млн|млрд|трлн)\.$")
_UNIT_START_RE = re.compile(r"(?:[кМГТ]Вт|Гкал|USD|EUR|[$€])")


def segment(text: str) -> list[Segment]:
    """Split a page's text into sentences, each flagged headline-like or not.

    Args:
        text: the page's main text.

    Returns:
        The sentences in order, with offsets into ``text``.
    """
    segments: list[Segment] = []
    for start, end, line in _line_spans(text):
        chunk = text[start:end]
        if not chunk.strip():
            continue
        headline = _headline_like(chunk)
        spans: list[tuple[int, int]] = []
        for sent in razdel.sentenize(chunk):
            after_abbreviation = spans and ABBREVIATION_END_RE.search(chunk[spans[-1][0] : spans[-1][1]])
            after_scale = spans and _SCALE_END_RE.search(chunk[spans[-1][0] : spans[-1][1]])
            if (after_abbreviation and sent.text[:1].isdigit()) or (
                after_scale and _UNIT_START_RE.match(sent.text)
            ):
                spans[-1] = (spans[-1][0], sent.stop)  # "until Nov. 21 to wind down" is one sentence
            else:
                spans.append((sent.start, sent.stop))
        for lo, hi in spans:
            s_text = chunk[lo:hi].strip()
            if not s_text or not WORD_RE.search(s_text):
                continue
            segments.append(Segment(len(segments), start + lo, start + hi, chunk[lo:hi], line, headline))
    return segments
