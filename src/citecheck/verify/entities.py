"""Names in claims and pages, matched across scripts, and who is said to be speaking.

Claim names are found by capitalisation (English claims) or pymorphy3 name tags (Russian
claims); page names by pymorphy3 tags and, for speakers, natasha's NER (its models ship in
its wheel). Names meet through the transliterated keys of :mod:`citecheck.verify.text`:
"Ushakov" ~ "Ушакова", "Rosselkhozbank" ~ "Россельхозбанка".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from citecheck.verify.aliases import alias_keys, country_keys, known_acronym
from citecheck.verify.dates import month_of
from citecheck.verify.lexicon import is_translatable
from citecheck.verify.numbers import _word_value
from citecheck.verify.text import EN_STOPWORDS, QUOTE_RE, Token, analyse_latin, tokenize

LOGGER = logging.getLogger(__name__)

# Verbs that introduce reported speech (closed class; lemmas or English surface forms).
SPEECH_EN = frozenset(
    [
        "said",
        "say",
        "says",
        "told",
        "tell",
        "tells",
        "declared",
        "declare",
        "announced",
        "announce",
        "claimed",
        "claim",
        "called",
        "described",
        "recalled",
        "noted",
        "stated",
        "added",
        "warned",
        "conceded",
        "dismissed",
        "insisted",
        "argued",
        "reported",
        "wrote",
        "urged",
        "promised",
        "cautioned",
        "threatened",
        "rated",
        "suggested",
        "explained",
        "confirmed",
        "denied",
        "admitted",
        "stressed",
        "acknowledged",
        "accused",
        "assured",
        "vowed",
        "predicted",
        "estimated",
        "quoted",
        "according",
        "blamed",
        "blames",
        "attributed",
        "praised",
        "criticised",
        "criticized",
        "complained",
        "pledged",
        "condemned",
    ]
)
SPEECH_CYR = frozenset(
    [
        "заявить",
        "сказать",
        "сообщить",
        "отметить",
        "подчеркнуть",
        "назвать",
        "рассказать",
        "добавить",
        "пояснить",
        "признать",
        "напомнить",
        "оценить",
        "написать",
        "призвать",
        "предупредить",
        "уточнить",
        "указать",
        "говорить",
        "ответить",
        "выразить",
        "считать",
        "констатировать",
        "объявить",
        "пообещать",
        "пригрозить",
        "потребовать",
        "заявлять",
        "сообщать",
        "отмечать",
        "подчёркивать",
        "называть",
        "рассказывать",
        "добавлять",
        "признавать",
        "заявити",
        "сказати",
        "повідомити",
        "зазначити",
        "наголосити",
        "назвати",
        "розповісти",
        "додати",
        "пояснити",
        "визнати",
        "написати",
        "нагадати",
        "заявляти",
        "повідомляти",
        "вважати",
        "попередити",
        "закликати",
        "підкреслити",
        "відзначити",
        "говорити",
        "відповісти",
        "уточнити",
        "зауважити",
        "наголошувати",
        "зазначати",
        "пообіцяти",
        "запевнити",
        "подтвердить",
        "заверить",
        "підтвердити",
        "попередить",
        "закликать",
    ]
)
# "по словам Лаврова", "за словами", "according to".
# Characters from "according" to the name it introduces ("according to the IIHF").
ACCORDING_REACH = 12
_ACCORDING_RE = re.compile(r"\b(?:по словам|по мнению|за словами|according to)\b", re.IGNORECASE)
# Capitalised English words that are not names: days and closed-class words.
_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
# Words that join the parts of one name ("Power of Siberia", "bin Salman").
_NAME_JOINERS = frozenset({"of", "de", "bin", "al", "al-", "von", "van", "da"})
# Demonyms and directions: capitalised in English, lower-case adjectives in Russian.
_WEAK_ENDINGS = ("an", "ese", "ish", "ern", "ic")
_ACRONYM_MAX = 4
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;\n•]|\n\s*[-*])\s*[\"'“‘«(]*$")
# A sentence-initial word followed by a speech verb ("Ushakov said") is a name.
_SPEAKS_NEXT_RE = re.compile(r"\s+(?:\w+ly\s+|later\s+|also\s+)?(\w+)")
# What may stand between a speaker and its verb: an adverb or auxiliary, or an appositive.
_SUBJECT_GAP_RE = re.compile(
    r"(?:'s|’s)?\s*(?:(?:\w+ly|later|also|then|has|had|have|was|is|once|again)\s+)*|\s*,[^,;]{1,80},\s*"
)
# Tokens between a speech verb and the person it belongs to ("сообщила газета X", "Лавров заявил").
SPEAKER_REACH = 4
# The definite article right before a name.
_ARTICLE_RE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# natasha entity type for people.
_PER = "PER"


@dataclass(frozen=True, slots=True)
class Name:
    """A name in a claim: its words' keys, whether missing it matters, and if it speaks."""

    text: str
    start: int
    end: int
    keys: tuple[str, ...]
    weak: bool = False
    speaker: bool = False
    aliases: tuple[str, ...] = ()
    article: bool = False  # "the" stands before it ("the Foreign Ministry"): likely translated
    country: tuple[str, ...] = ()  # a capital's country, where the page names no capital


# A preposition of place before a capital: it names the city, not the government.
_PLACE_BEFORE_RE = re.compile(
    r"\b(?:in|to|from|at|near|outside|around|into|via|through|of)\s+$", re.IGNORECASE
)
# Words of a person's name after a title ("Andrii Sybiha").
MIN_PERSON_WORDS = 2
# A number right after a word ("Article 208", "Flight 17").
_NUMBER_NEXT_RE = re.compile(r"\s\d")


def _sentence_initial(text: str, start: int) -> bool:
    return bool(_SENTENCE_START_RE.search(text[max(0, start - 6) : start]))


def _is_candidate(token: Token, text: str, context_caps: frozenset[str], next_cap: bool) -> bool:
    """True when a capitalised token is likely part of a name."""
    if not token.cap or token.text.isdigit():
        return False
    low = token.lemma
    if low in EN_STOPWORDS or low in _WEEKDAYS or month_of(token.text) is not None:
        return False
    if token.cyr:
        if not token.content:
            return False  # a capitalised preposition or particle («По итогам», «В Москве»)
        return token.name_tag or not _sentence_initial(text, token.start)
    if _sentence_initial(text, token.start):
        follows = _SPEAKS_NEXT_RE.match(text, token.end)
        # "Investigators say", "Officials said": a common word that speaks is no name.
        speaks = (
            follows is not None and follows.group(1).lower() in SPEECH_EN and not is_translatable(token.text)
        )
        possessive = token.text.endswith(("'s", "’s"))
        known = bool(alias_keys(token.text))  # a place, language or demonym CLDR knows
        return next_cap or speaks or possessive or known or token.text in context_caps or token.text.isupper()
    return True


def _translated_title(quote: str) -> bool:
    """True for an English quotation made mostly of common words: a title a Russian or
    Ukrainian page gives in translation (a play called 'Page Not Found' / «Страница не найдена»),
    not a name in quotes ('Gazprom Neft')."""
    words = re.findall(r"[A-Za-z][\w'’-]*", quote)
    common = sum(1 for w in words if w.lower() in EN_STOPWORDS or is_translatable(w))
    return bool(words) and common * 2 >= len(words)


def _title_word(token: Token, quoted: Sequence[tuple[int, int]]) -> bool:
    """True for a capitalised English word inside a translated title, unless it names a place."""
    return (
        not token.cyr
        and any(start < token.start < end for start, end in quoted)
        and not alias_keys(token.text)
    )


def _caps_inside(text: str) -> frozenset[str]:
    """Capitalised words that stand inside sentences of a text (so are names there)."""
    found = set()
    for match in re.finditer(r"(?<=[a-z0-9,;)] )[A-Z][\w'’-]+", text):
        found.add(match.group().split("'")[0].split("’")[0])
    return frozenset(found)


def _without_title(group: list[Token]) -> list[list[Token]]:
    """A person's name apart from the title before it: "Foreign Minister Andrii Sybiha" is the
    title "Foreign Minister" (common words the page translates) and the name "Andrii Sybiha",
    which must itself be found. A group is left whole unless two or more untranslatable words
    follow the title ("United Russia" stays one name)."""
    cut = 0
    while cut < len(group) and not group[cut].cyr and is_translatable(group[cut].text):
        cut += 1
    rest = group[cut:]
    if (
        not cut
        or len(rest) < MIN_PERSON_WORDS
        or any(is_translatable(t.text) or alias_keys(t.text, cities=False) for t in rest)
    ):
        return [group]
    return [rest]


def claim_names(text: str, tokens: Sequence[Token], context: str = "") -> list[Name]:
    """Find the names in a claim and mark the ones that speak.

    Args:
        text: the claim.
        tokens: its tokens (from :func:`citecheck.verify.text.tokenize`).
        context: the citing paragraph, which shows which words are names mid-sentence.

    Returns:
        The names in order.
    """
    caps = _caps_inside(text + "\n" + context)
    quoted = [m.span() for m in QUOTE_RE.finditer(text) if _translated_title(m.group(m.lastindex or 0))]
    groups: list[list[Token]] = []
    for i, token in enumerate(tokens):
        next_cap = i + 1 < len(tokens) and tokens[i + 1].cap and tokens[i + 1].start - token.end <= 1
        if _title_word(token, quoted):
            continue
        if _is_candidate(token, text, caps, next_cap):
            joined = groups and (
                text[groups[-1][-1].end : token.start] in (" ", "-")
                or (i >= 2 and tokens[i - 1].lemma in _NAME_JOINERS and groups[-1][-1] is tokens[i - 2])
            )
            if joined and not re.search(r"[,;:.]", text[groups[-1][-1].end : token.start]):
                groups[-1].append(token)
            else:
                groups.append([token])
    names = []
    # "Three Ukrainian drones": a number word opening the sentence is no part of a name.
    groups = [
        g[1:] if len(g) > 1 and not g[0].cyr and _word_value(g[0].text) is not None else g for g in groups
    ]
    for group in [part for g in groups for part in _without_title(g)]:
        keys = tuple(t.key for t in group if len(t.lemma) >= 2)
        if not keys:
            continue
        start, end = group[0].start, group[-1].end
        # "Article 208", "Resolution 2231": a label before a number is a translated noun
        label = len(group) == 1 and bool(_NUMBER_NEXT_RE.match(text, end))
        listed = len(group) == 1 and known_acronym(group[0].text)  # "OSCE": we know its Cyrillic name
        weak = label or (all(_weak(t) for t in group) and not listed)
        article = bool(_ARTICLE_RE.search(text[max(0, start - 5) : start]))
        aliases = _aliases(text[start:end], group)
        # "Moscow said", "accused Moscow of": the government; "a visit to Moscow": the city.
        located = bool(_PLACE_BEFORE_RE.search(text[max(0, start - 12) : start]))
        country = country_keys(text[start:end]) if len(group) == 1 and not located else ()
        names.append(
            Name(text[start:end], start, end, keys, weak, aliases=aliases, article=article, country=country)
        )
    return names


# Latin letter pairs that Russian and Ukrainian write otherwise: "au"/"eu" as «ав»/«ев»
# ("Autostat" / «Автостат», "Eurostat" / «Евростат»), English "ee"/"oo" as «и»/«у» ("Lee" /
# «Ли», "Moon" / «Мун»).
_DIPHTHONGS = (("au", "av"), ("eu", "ev"), ("ee", "i"), ("oo", "u"))


def _aliases(text: str, group: Sequence[Token]) -> tuple[str, ...]:
    """Keys of the exonyms of an English name and of each of its words ("Kyiv" -> "kiev"), and
    of its words with letter pairs read as Russian writes them ("autostat" -> "avtostat")."""
    if any(t.cyr for t in group):
        return ()
    keys = list(alias_keys(text))
    if len(group) > 1:
        keys.extend(k for t in group for k in alias_keys(t.text, cities=False) if k not in keys)
    keys.extend(
        analyse_latin(t.lemma.replace(a, b))[1] for t in group for a, b in _DIPHTHONGS if a in t.lemma
    )
    return tuple(dict.fromkeys(k for k in keys if k not in {t.key for t in group}))


def _weak(token: Token) -> bool:
    """Acronyms and demonyms often have no look-alike in the page's language."""
    if token.text.isupper() and len(token.text) <= _ACRONYM_MAX:
        return True
    return not token.cyr and token.lemma.endswith(_WEAK_ENDINGS)


def mark_speakers(text: str, tokens: Sequence[Token], names: Sequence[Name]) -> list[Name]:
    """Mark the name that speaks in a clause: the subject of its first speech verb.

    Args:
        text: the claim (offsets of tokens and names index into it).
        tokens: the clause's tokens.
        names: the clause's names.

    Returns:
        The names, the speaker (if any) marked.
    """
    for token in tokens:
        if token.lemma not in SPEECH_EN and token.lemma not in SPEECH_CYR:
            continue
        if token.lemma == "according":
            after = [n for n in names if n.start > token.end and n.start - token.end < ACCORDING_REACH]
            return _with_speaker(names, after[0] if after else None)
        for name in reversed([n for n in names if n.end <= token.start and not n.weak]):
            if _SUBJECT_GAP_RE.fullmatch(text[name.end : token.start]):
                return _with_speaker(names, name)
            if re.fullmatch(r",\s*", text[name.end : token.start]) and re.search(
                r",\s*$", text[: name.start]
            ):
                return _with_speaker(names, name)  # "Primorye's vice-governor, Konstantin Belov, said"
        return list(names)
    return list(names)


def _with_speaker(names: Sequence[Name], speaker: Name | None) -> list[Name]:
    return [replace(n, speaker=n is speaker) for n in names]


@lru_cache(maxsize=1)
def _ner() -> tuple[Any, Any]:
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


@lru_cache(maxsize=4096)
def people(sentence: str) -> tuple[str, ...]:
    """The people natasha finds in a (Russian) sentence, as texts (cached)."""
    from natasha import Doc

    segmenter, tagger = _ner()
    doc = Doc(sentence)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    found = tuple(span.text for span in doc.spans if span.type == _PER)
    return found or _tagged_people(sentence)


def _tagged_people(sentence: str) -> tuple[str, ...]:
    """Runs of two or more capitalised words the dictionaries tag as names ("Володимир Омельченко"):
    natasha's model is Russian and misses Ukrainian first names."""
    runs: list[list[Token]] = [[]]
    for token in tokenize(sentence):
        if token.cyr and token.cap and token.name_tag:
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    return tuple(sentence[run[0].start : run[-1].end] for run in runs if len(run) >= 2)


def has_speech_cue(tokens: Sequence[Token], text: str) -> bool:
    """True when a sentence reports speech (a speech verb, "по словам", a dash after a quote)."""
    if _ACCORDING_RE.search(text) or re.search(r"[»\"”]\s*[,—–-]+\s*[—–-]?\s*\w", text):
        return True
    return any(t.lemma in SPEECH_CYR or t.lemma in SPEECH_EN for t in tokens)


def speaker_keys(sentence: str, tokens: Sequence[Token]) -> list[str]:
    """Keys of the people a sentence quotes (empty when it quotes nobody).

    Args:
        sentence: the sentence text.
        tokens: its tokens.

    Returns:
        The keys of the words of each person named in a sentence that reports speech.
    """
    if not has_speech_cue(tokens, sentence):
        return []
    local = tokenize(sentence)
    cues = [i for i, t in enumerate(local) if t.lemma in SPEECH_CYR or t.lemma in SPEECH_EN]
    cues += [
        i for i, t in enumerate(local) if t.lemma in ("слово", "мнение") and i and local[i - 1].lemma == "по"
    ]
    quote_end = [
        i for i, t in enumerate(local) if re.match(r"\s*[»\"”]\s*[,]?\s*[—–-]", sentence[t.end : t.end + 6])
    ]
    keys: list[str] = []
    persons = people(sentence)
    for person in persons:
        at = sentence.find(person)
        positions = [i for i, t in enumerate(local) if at <= t.start < at + len(person)]
        near = any(abs(p - c) <= SPEAKER_REACH for p in positions for c in cues + quote_end)
        if near or len(persons) == 1 or (not cues and not quote_end):
            keys.extend(t.key for t in tokenize(person) if t.cap and len(t.lemma) > 2)
    return keys
