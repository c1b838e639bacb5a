"""What each article says about which strike it reports, reduced to what grouping compares.

Built once per article from its verified, normalised Extraction: the strike day (resolved
against the publication date, and dropped when it cannot be the day of a strike the
article reports, e.g. a date after the article was published), the place (country as a
firm or a weak reading), the attacker, target groups, people, the toll and the text's
rare names and numbers. Everything here is plain data, so comparing two articles costs a
few set look-ups and integer subtractions: grouping a feed of 10,000 articles must not
call the gazetteer or a name matcher once per pair.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from factsheet.grouping.text import TextVector, anchors, vectors
from factsheet.models import DateValue, Extraction, Value
from factsheet.normalise import organisations
from factsheet.normalise.actors import country_actor
from factsheet.normalise.countries import find_countries, lookup_country
from factsheet.normalise.entities import fold
from factsheet.normalise.places import city_coordinates, country_for_city, known_city

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A strike is reported within days; a date more than this before publication is more likely
# a background date (an earlier attack the article recalls) than the day of the strike.
MAX_REPORT_DELAY = 90
# With only a publication date, the strike is taken to be within this many days before it.
PUBLICATION_LOOKBACK = 14
# How late a day worked out from 'today' or a weekday may be (see compare.SOFT_DAY_GAP).
SOFT_LATENESS = 7


@dataclass(frozen=True, slots=True)
class Person:
    """One named person, as loose keys: every spelling of the full name, and the surname."""

    names: frozenset[tuple[str, ...]]
    surname: str | None
    targeted: bool


@dataclass(frozen=True, slots=True)
class Profile:
    """One article as grouping sees it (plain data: comparing two costs no look-up)."""

    index: int
    is_strike: bool
    day: int | None  # date.toordinal() of the strike day
    exact: bool  # written out in full ('7 February 2024'), not worked out from 'today' or 'Wednesday'
    month_day: tuple[int, int] | None  # a day and month without a year
    weekday: int | None  # 0 = Monday
    named_weekday: int | None  # the weekday the text itself names ('on Friday'), not one worked out
    published: int | None
    country: str | None
    country_weight: float  # FIRM, NAMED or INFERRED
    city: str | None  # the city as the sheet will show it
    city_key: str | None  # spelling-folded, so Sanaa = Sana'a = Saña
    district_key: str | None
    coords: tuple[float, float] | None
    attacker: str | None
    organisations: frozenset[str]
    people: tuple[Person, ...]
    killed: tuple[int, int] | None  # (lowest, highest) the article allows
    text: TextVector

    def window(self) -> tuple[int, int] | None:
        """The days the strike can have been on: its day, else the days before publication."""
        if self.day is not None:
            # A day worked out from 'today' or a weekday and the publication date may be late
            # (a page re-published days after the strike), never early.
            return (self.day, self.day) if self.exact else (self.day - SOFT_LATENESS, self.day)
        if self.published is not None:
            return self.published - PUBLICATION_LOOKBACK, self.published + 1
        return None


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def place_key(name: str | None) -> str | None:
    """A place name folded across transliterations (Kryvyy Rih = Kryvyi Rih, Sanaa = Saña)."""
    if not name or not name.strip():
        return None
    key = fold(name)
    return key or _plain(name)


def _loose(word_key: str) -> str:
    """A folded word without its vowels: Arabic short vowels are not written (Kuntar = Qantar)."""
    key = word_key.replace("_", "")
    return key[1:] if key[:1] in ("a", "u") and len(key) > 1 else key


@lru_cache(maxsize=65536)
def _name_key(name: str) -> tuple[str, ...]:
    words = [w for w in fold(name).split() if not w.startswith("<")]
    return tuple(_loose(w) for w in words if len(_loose(w)) >= 2)


def person(value: Value, aliases: Sequence[str], targeted: bool) -> Person | None:
    names = {_name_key(n) for n in [value.canonical or value.text, *aliases]}
    names = {n for n in names if n}
    if not names:
        return None
    main = _name_key(value.canonical or value.text)
    surname = main[-1] if main and len(main) >= 2 and len(main[-1]) >= 3 else None
    return Person(frozenset(names), surname, targeted)


def _day(value: DateValue | None, published: date | None) -> tuple[int | None, tuple[int, int] | None]:
    """(strike day, month and day without year); a day after publication or long before it is dropped."""
    if value is None or not value.canonical:
        return None, None
    canonical = value.canonical
    if value.precision == "month_day" and re.fullmatch(r"--\d\d-\d\d", canonical):
        return None, (int(canonical[2:4]), int(canonical[5:7]))
    if value.precision != "day":
        return None, None
    try:
        found = date.fromisoformat(canonical)
    except ValueError:
        return None, None
    if published is not None:
        delay = (published - found).days
        if delay < -1 or delay > MAX_REPORT_DELAY:
            return None, None
    return found.toordinal(), None


def _weekday(value: DateValue | None, day: int | None) -> int | None:
    if day is not None:
        return date.fromordinal(day).weekday()
    if value is None or not value.weekday:
        return None
    name = value.weekday.strip().lower()
    return WEEKDAYS.index(name) if name in WEEKDAYS else None


def _published(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _city_country(city: str) -> str | None:
    return country_for_city(city) if known_city(city) else None


@lru_cache(maxsize=4096)
def _coords(city: str) -> tuple[float, float] | None:
    return city_coordinates(city) if known_city(city) else None


@lru_cache(maxsize=4096)
def _attacker_country(attacker: str) -> str | None:
    return lookup_country(attacker) or country_actor(attacker)


@lru_cache(maxsize=4096)
def _attacker_key(attacker: str) -> str | None:
    """The state or listed group behind an attacker phrase ('Syrian aviation' -> Syria), else None:
    two phrases compare only when both resolve, since 'the regime' and 'Assad's forces' may be one."""
    country = _attacker_country(attacker)
    if country:
        return country
    mentioned = {c for c, _, _ in find_countries(attacker)}
    if len(mentioned) == 1:
        return next(iter(mentioned))
    return organisations.known(attacker)


_WORD = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*")


@lru_cache(maxsize=65536)
def _word_country(word: str) -> str | None:
    return lookup_country(word) if word[:1].isupper() or not word[:1].isalpha() or word.isupper() else None


def _text_country(text: str, attacker: str | None) -> str | None:
    """The country the opening mentions most, the attacker's own aside (a report of a US strike
    names the US throughout); None unless it clearly leads."""
    counts: dict[str, int] = {}
    for match in _WORD.finditer(text[:2500]):
        word = match.group()
        if len(word) < 4 and word not in ("U.S", "US", "UK", "U.K"):
            continue
        country = _word_country(word)
        if country is not None and country != attacker:
            counts[country] = counts.get(country, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top, n = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0
    return top if n >= 2 and n >= 2 * runner else None


# How much an article's country counts: named and confirmed by its city; named; only inferred
# (from the text, from a city name several countries share, or the attacker's own country named
# as the place, which in many reports is the attacker rather than the place).
FIRM, NAMED, INFERRED = 2.0, 1.0, 0.5


def _place(e: Extraction, attacker_country: str | None) -> tuple[str | None, float]:
    """(country, weight): FIRM when the named country and the city's agree, NAMED when only named,
    INFERRED when only guessed; reports name the countries of the people killed and of the
    attacker in the same breath as the place, so one article's word alone is never firm."""
    named = _canonical(e.event.country)
    city = _canonical(e.event.city)
    of_city = _city_country(city) if city else None
    if named and of_city:
        return named, FIRM if named == of_city else NAMED
    if named:
        return named, INFERRED if named == attacker_country else NAMED
    if of_city:
        # A city name several countries share ('Sana' in Peru), or a capital named for its
        # government ('Tehran blamed...'): only as good as the text's own country.
        return of_city, NAMED if _text_country(e.article.text, attacker_country) == of_city else INFERRED
    return _text_country(e.article.text, attacker_country), INFERRED


def _killed(e: Extraction) -> tuple[int, int] | None:
    k = e.event.killed
    if k is None:
        return None
    figures = [n for n in (k.low, k.best, k.high) if n is not None]
    if not figures:
        return None
    low = k.low if k.low is not None else min(figures)
    high = k.high if k.high is not None else max(figures)
    return low, high


def _canonical(value: Value | None) -> str | None:
    if value is None or not value.evidence.verified:
        return None
    return value.canonical or None


def build_profiles(extractions: Sequence[Extraction]) -> list[Profile]:
    """One Profile per extraction, in the same order; text weights come from the whole feed."""
    texts = vectors([anchors(e.article.text) for e in extractions])
    out = []
    for i, e in enumerate(extractions):
        ev = e.event
        published = _published(e.article.published)
        date_value = ev.date if ev.date is not None and ev.date.evidence.verified else None
        day, month_day = _day(date_value, published)
        attacker = _canonical(ev.attacker)
        attacker_country = _attacker_country(attacker) if attacker else None
        country, weight = _place(e, attacker_country)
        city = _canonical(ev.city)
        district = _canonical(ev.district)
        people = []
        for p in ev.people:
            found = person(p, p.aliases, p.targeted)
            if found is not None:
                people.append(found)
        if ev.target_person is not None:
            found = person(ev.target_person, ev.target_person.aliases, True)
            if found is not None:
                people.append(found)
        organisation = _canonical(ev.target_organisation)
        out.append(
            Profile(
                index=i,
                is_strike=e.is_strike,
                day=day,
                exact=day is not None and date_value is not None and date_value.anchor is None,
                month_day=month_day,
                weekday=_weekday(date_value, day),
                named_weekday=_weekday(date_value, None),
                published=published.toordinal() if published else None,
                country=country,
                country_weight=weight if country else 0.0,
                city=city,
                city_key=place_key(city),
                district_key=place_key(district),
                coords=_coords(city) if city else None,
                attacker=_attacker_key(attacker) if attacker else None,
                organisations=frozenset({place_key(organisation) or ""} - {""})
                if organisation
                else frozenset(),
                people=tuple(people),
                killed=_killed(e),
                text=texts[i],
            )
        )
    return out
