"""The language of an extracted text, detected from the text itself.

``<html lang>`` is not trusted: templates copy it between editions (a Russian edition of a
Ukrainian site often says ``uk``). Two signals are combined:

1. py3langid (a naive Bayes model over byte n-grams, shipped in its wheel; 97 languages).
2. The alphabet. Among Cyrillic languages, Ukrainian alone writes і ї є ґ together with no
   ы э ъ ё, and Russian alone writes ы э ъ ё with no і ї є ґ. When a Cyrillic text shows
   such letters on one side only, that decides between ``ru`` and ``uk`` whatever the
   model says; the model decides when the letters are silent or mixed (Belarusian has
   both і and ы), and for every other script.
3. A prior for short, ambiguous snippets (a few words of tickers or menu): when the model
   is unsure, Cyrillic text is Russian and Latin text English, the commonest languages of
   each script among the pages citecheck reads.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

LOGGER = logging.getLogger(__name__)

# Characters of the text the detector reads; the opening of an article settles its language.
SAMPLE_CHARS = 4000
# Fewer letters than this is too little to call a language.
MIN_LETTERS = 12
# Letters that only one of the two languages writes; this many, with none of the other
# language's, decides between them (one stray quotation does not).
MIN_DISTINCT_LETTERS = 3
# Below this normalised probability the alphabet may overrule any model answer.
MIN_MODEL_PROBABILITY = 0.5
# Share of Cyrillic letters for the text to count as Cyrillic.
SCRIPT_MAJORITY = 0.6

_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")
_EAST_SLAVIC = frozenset({"ru", "uk", "be"})


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    """The py3langid model with normalised probabilities (loaded once, about 0.4 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _model_guess(sample: str) -> tuple[str | None, float]:
    """py3langid's language and probability for ``sample``."""
    try:
        lang, prob = _identifier().classify(sample)
    except (ImportError, OSError, ValueError) as exc:  # model missing or unreadable
        LOGGER.warning("language model unavailable: %s", exc)
        return None, 0.0
    return str(lang), float(prob)


def _letter_verdict(sample: str) -> str | None:
    """``uk`` or ``ru`` when the letters unique to one of them appear alone, else None."""
    uk = len(_UK_ONLY.findall(sample))
    ru = len(_RU_ONLY.findall(sample))
    if uk >= MIN_DISTINCT_LETTERS and ru == 0:
        return "uk"
    if ru >= MIN_DISTINCT_LETTERS and uk == 0:
        return "ru"
    return None


def detect_language(text: str) -> str | None:
    """Detect the language of a text.

    Args:
        text: extracted body text (the first ``SAMPLE_CHARS`` characters are read).

    Returns:
        An ISO 639-1 code such as ``ru``, ``uk`` or ``en``, or None when the text has too
        few letters to tell.
    """
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return None
    guess, prob = _model_guess(sample)
    unsure = guess is None or prob < MIN_MODEL_PROBABILITY
    if len(_CYRILLIC.findall(sample)) >= SCRIPT_MAJORITY * letters:
        by_letters = _letter_verdict(sample)
        if by_letters and (unsure or guess in _EAST_SLAVIC):
            return by_letters
        if unsure:
            return "ru"
    elif unsure and len(_LATIN.findall(sample)) >= SCRIPT_MAJORITY * letters:
        return "en"
    return guess
