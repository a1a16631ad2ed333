"""Who speaks: a claim's speaker against the people the evidence quotes.

"Rubio said X" is contradicted when the window quotes someone else, or when the clause's words
stand in narrative with the speaker named nowhere near them. An institution ("the Kremlin")
speaks through a spokesperson, so a spokesperson's title in the window is no conflict.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from citecheck.verify.claims import Clause
from citecheck.verify.contradict import Conflict, same_person
from citecheck.verify.entities import SPEECH_EN, Name, has_speech_cue, people, speaker_keys
from citecheck.verify.lexicon import is_translatable, translation_keys
from citecheck.verify.retrieve import PageIndex
from citecheck.verify.text import Token, is_surname, prefix_hit, tokenize

LOGGER = logging.getLogger(__name__)

# Sentences before a window searched for the speaker of a quotation.
SPEAKER_LOOKBACK = 2
# Sentences looked back from «сказал он» for the person "he" is.
PRONOUN_LOOKBACK = 6
# Strength of the conflict when the window quotes someone else.
SPEAKER_STRENGTH = 0.7
# Strength of the conflict for words said by someone the page names nowhere near them, in
# sentences that report no speech (or someone else's).
UNATTRIBUTED_STRENGTH = 0.6
# Lemmas of a spokesperson's title: an institution ("the Kremlin", "the ministry") speaks through one.
SPOKESPERSON = frozenset({"секретарь", "представитель", "спикер", "речник", "спокесмен"})


def speaker_conflicts(page: PageIndex, clause: Clause, window: tuple[int, ...]) -> list[Conflict]:
    """Conflicts over who speaks: another person quoted in the window, or nobody near it.

    Args:
        page: the prepared page.
        clause: the clause, with its speakers marked.
        window: the clause's evidence sentences.

    Returns:
        At most one conflict.
    """
    speakers = [n for n in clause.names if n.speaker]
    if not speakers or not window:
        return []
    claim_keys = [k for n in speakers for k in (*n.keys, *n.aliases)]
    first, last = window[0], window[-1]
    nearby = list(range(max(0, first - SPEAKER_LOOKBACK), min(len(page.segments), last + 2)))
    mentioned = any(
        same_person(claim_keys, [t.key for t in page.tokens[s] if t.cap])
        for s in nearby
        if not page.segments[s].headline
    )
    if mentioned:
        return _core_quotes_another(page, clause, window, claim_keys)
    if any(_pronoun_for(page, s, claim_keys) for s in window):
        return []  # «отметил он», the last person named before being the claim's speaker
    if all(n.article for n in speakers) and any(
        t.lemma in SPOKESPERSON for s in window for t in page.tokens[s]
    ):
        return []  # "the Kremlin said" is its spokesperson speaking
    others: list[str] = []
    for s in window:
        seg_text = page.segments[s].text
        if page.cyrillic:
            others.extend(speaker_keys(seg_text, page.tokens[s]))
        else:
            others.extend(latin_speakers(page.tokens[s]))
    if others:
        return [Conflict("speaker", speakers[0].text, " ".join(others[:4]), SPEAKER_STRENGTH)]
    if page.cyrillic and not clause.lead and not any(n.article or n.aliases for n in speakers):
        # The clause's words stand in narrative, with the person said to speak them named
        # nowhere near: whoever speaks nearby, if anyone, is someone else.
        near = [
            k for s in nearby if s not in window for k in speaker_keys(page.segments[s].text, page.tokens[s])
        ]
        if near or not any(has_speech_cue(page.tokens[s], page.segments[s].text) for s in nearby):
            return [Conflict("speaker", speakers[0].text, " ".join(near[:4]), UNATTRIBUTED_STRENGTH)]
    return []


def latin_speakers(tokens: list[Token]) -> list[str]:
    """Keys of capitalised words right before or after an English speech verb.

    Args:
        tokens: a sentence's tokens.

    Returns:
        The keys of the speakers found.
    """
    found: list[str] = []
    for i, token in enumerate(tokens):
        if token.lemma in SPEECH_EN and token.lemma != "according":
            near = tokens[max(0, i - 2) : i] + tokens[i + 1 : i + 2]
            found.extend(t.key for t in near if t.cap and t.content)
    return found


# English verbs after which a capitalised word is their subject ("..., said Orban").
INVERTED_SPEECH = frozenset({"said", "says", "added", "told"})


# A source named after "according to" («по данным шведской газеты Expressen»).
SOURCE_RE = re.compile(
    r"\b(?i:по данным|по информации|по сведениям|согласно|за даними|за інформацією|according to)\s+"
    r"(?:[^\W\d]+\s+){0,3}?[«\"“]?([A-ZА-ЯЁІЇЄҐ][\w-]+)",
)


def _sentence_speakers(page: PageIndex, seg: int) -> list[str]:
    """Keys of who a sentence quotes: for English, the subject of a speech verb, not its object;
    and a source named after "according to" / «по данным»."""
    tokens = page.tokens[seg]
    sources = [tokenize(m.group(1))[0].key for m in SOURCE_RE.finditer(page.segments[seg].text)]
    if page.cyrillic:
        return [*speaker_keys(page.segments[seg].text, tokens), *sources]
    found: list[str] = []
    for i, token in enumerate(tokens):
        if token.lemma in SPEECH_EN and token.lemma != "according":
            after = tokens[i + 1 : i + 2] if token.text.lower() in INVERTED_SPEECH else []
            found.extend(t.key for t in [*tokens[max(0, i - 2) : i], *after] if t.cap and t.content)
    return [*found, *sources]


def _with_title(tokens: Sequence[Token], name: Name) -> tuple[int, int]:
    """A speaker's span with the title right before the name ("Deputy mayor Andrei Bochkaryov"):
    the title says who speaks, not what is said."""
    start = name.start
    before = [t for t in tokens if t.end <= name.start]
    for token in reversed(before[-TITLE_WORDS:]):
        if start - token.end > 1 or not (token.cap or is_translatable(token.text)) or not token.content:
            break
        start = token.start
    return start, name.end


def _core_quotes_another(
    page: PageIndex, clause: Clause, window: tuple[int, ...], claim_keys: list[str]
) -> list[Conflict]:
    """The window sentence holding the most of the clause's words quotes someone else.

    "The White House confirmed the exemption was open-ended" against "A White House official
    said the exemption had been granted for one year. Orban told reporters the arrangement was
    open-ended.": the speaker is named nearby, but the words are Orban's.
    """
    spans = [_with_title(clause.tokens, n) for n in clause.names if n.speaker]
    translations = translation_keys(clause.tokens)
    words = [
        {t.key, *translations.get(i, ())}
        for i, t in enumerate(clause.tokens)
        if t.content and t.lemma not in SPEECH_EN and not any(a <= t.start < b for a, b in spans)
    ]
    held = {s: sum(1 for w in words if prefix_hit(tuple(w), {t.key for t in page.tokens[s]})) for s in window}
    if not held:
        return []
    best = max(held.values())
    top = [s for s, n in held.items() if n == best]
    if len(top) != 1 or not best:
        return []
    seg = top[0]
    if same_person(claim_keys, [t.key for t in page.tokens[seg] if t.cap]):
        return []
    if _pronoun_for(page, seg, claim_keys):
        return []  # «отметил он», the person named before being the claim's speaker
    others = _sentence_speakers(page, seg)
    following = seg + 1
    while (
        not others
        and _open_quote(page.segments[following - 1].text)
        and following < min(len(page.segments), seg + 1 + QUOTE_REACH)
    ):
        # «Головний ризик — не гроші, а безпека. ... доведеться збільшувати», — вважає Омельченко:
        # a quotation cut into sentences names its speaker where it closes.
        if same_person(claim_keys, [t.key for t in page.tokens[following] if t.cap]):
            return []
        others = _sentence_speakers(page, following)
        following += 1
    if not others and _pronoun_speaks(page, seg):
        # «"Вариант снижения на 100 б.п. не обсуждался", — сказал он»: "he" is the person the
        # sentences before name.
        for back in range(seg - 1, max(-1, seg - 1 - SPEAKER_LOOKBACK), -1):
            named = _people_keys(page, back)
            if named:
                others = named
                break
    if not others or same_person(claim_keys, others):
        return []
    speaker = next(n.text for n in clause.names if n.speaker)
    return [Conflict("speaker", speaker, " ".join(others[:4]), SPEAKER_STRENGTH)]


# Pronouns that speak for the person named before them.
PRONOUNS = frozenset({"он", "она", "він", "вона", "he", "she"})


def _pronoun_speaks(page: PageIndex, seg: int) -> bool:
    """True when a sentence's speaker is a pronoun («— сказал он», "he said")."""
    tokens = page.tokens[seg]
    return any(t.text.lower() in PRONOUNS for t in tokens) and has_speech_cue(tokens, page.segments[seg].text)


def _pronoun_for(page: PageIndex, seg: int, claim_keys: list[str]) -> bool:
    """True when a sentence's speaker is a pronoun («отметил он») standing for the claim's person:
    the last person named before it (within PRONOUN_LOOKBACK)."""
    if not _pronoun_speaks(page, seg):
        return False
    for back in range(seg - 1, max(-1, seg - 1 - PRONOUN_LOOKBACK), -1):
        named = _people_keys(page, back)
        if named:
            return same_person(claim_keys, named)
    return False


def _people_keys(page: PageIndex, seg: int) -> list[str]:
    """Keys of the people a sentence names (natasha on a Cyrillic page; speakers on an English one)."""
    if not page.cyrillic:
        return _sentence_speakers(page, seg)
    return [t.key for person in people(page.segments[seg].text) for t in tokenize(person) if t.cap]


# Words before a speaker's name read as the speaker's title.
TITLE_WORDS = 3
# Sentences after a quotation's first one searched for where it closes and who speaks it.
QUOTE_REACH = 2


def _open_quote(text: str) -> bool:
    """True when a sentence opens a quotation it does not close."""
    return text.count("«") > text.count("»") or text.count("“") > text.count("”") or text.count('"') % 2 == 1


def person_elsewhere(
    page: PageIndex, clause: Clause, anchors: Sequence[Any], core: Sequence[int]
) -> Conflict | None:
    """A person the clause names, found on the page only outside its window, whose core sentence
    names another person instead ("the court sentenced Gladilin" against «суд приговорил Ольгу
    Пестову», Gladilin named in another paragraph).

    Args:
        page: the prepared page (a Cyrillic one: people are found by natasha).
        clause: the clause.
        anchors: the clause's anchor results (``align.AnchorResult``).
        core: the window's sentences that hold the clause best.

    Returns:
        The conflict, or None.
    """
    if not page.cyrillic or not core:
        return None
    names = {n.text: n for n in clause.names}
    for anchor in anchors:
        name = names.get(anchor.claim)
        if anchor.kind != "name" or anchor.status != "elsewhere" or not anchor.proper or name is None:
            continue
        if name.aliases or anchor.known_form or not _a_surname(page, anchor.page):
            continue  # a place or an institution («Кремль»), not a person
        claim_keys = [k for n in clause.names for k in n.keys]
        for seg in core:
            if _pronoun_for(page, seg, list(name.keys)):
                continue  # «отметил он»: "he" is the person named before
            for person in people(page.segments[seg].text):
                keys = [t.key for t in tokenize(person) if t.cap]
                if keys and not same_person(claim_keys, keys):
                    return Conflict("speaker", anchor.claim, person, UNATTRIBUTED_STRENGTH)
    return None


def _a_surname(page: PageIndex, key: str) -> bool:
    """True when the page's word with this key reads as a surname («Гладилина»)."""
    segments = page.key_segments.get(key, ())
    word = next((t.text for seg in segments for t in page.tokens[seg] if t.key == key and t.cyr), "")
    return bool(word) and is_surname(word)
