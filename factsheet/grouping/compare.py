"""Two articles, or two groups of articles: the same strike, another strike, or cannot tell.

`pair_score` adds up evidence that two articles report one strike, in rough log-odds
points: the same day, city, people, target and rare words count for; a different day,
a distant city, a toll ten times off count against. `contradiction` is the hard part: the
few facts that, once known on both sides, rule out one strike whatever else agrees
(days far apart, different weekdays, different countries, a report published before the
other strike happened, cities far apart). Groups are compared by their majority readings, so a single
misread article does not pull its group's date or place away.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from factsheet.grouping.profile import FIRM, NAMED, PUBLICATION_LOOKBACK, WEEKDAYS, Person, Profile
from factsheet.grouping.text import similarity

# Days apart beyond which two readings of a strike day cannot be one strike. Outlets differ
# by a day around midnight and across time zones; two days covers a late-night strike
# reported in another zone the morning after.
DAY_GAP = 2
# A day worked out from 'today' or a weekday and the publication date is only as good as that
# date, and a page re-published days later carries the later one: such days are let off up to
# a week before they rule anything out.
SOFT_DAY_GAP = 7
# Cities further apart than this (km) are different places; a suburb and its city are closer.
NEAR_KM = 40.0
FAR_KM = 60.0
# Total evidence two articles need before they are joined.
LINK_THRESHOLD = 3.0


def _weekday_distance(a: int, b: int) -> int:
    d = abs(a - b) % 7
    return min(d, 7 - d)


def _calendar_distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two month-days, ignoring the year (a leap year, so 29 February exists)."""
    da = date(2000, *a).toordinal()
    db = date(2000, *b).toordinal()
    d = abs(da - db)
    return min(d, 366 - d)


def _day_of_year(month_day: tuple[int, int]) -> int:
    return date(2000, *month_day).timetuple().tm_yday


def _month_day(ordinal: int) -> tuple[int, int]:
    d = date.fromordinal(ordinal)
    return d.month, d.day


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine): enough to tell a suburb from another town."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _date_points(a: Profile, b: Profile) -> float:
    """When: the same day counts most, a day apart less (midnight, time zones), further apart
    against; lacking a day, a month-day, a weekday or the publication dates say what they can
    (a report is published on or after the strike, usually within two weeks)."""
    points = 0.0
    if a.day is not None and b.day is not None:
        gap = abs(a.day - b.day)
        return {0: 2.5, 1: 1.5, 2: 0.5}.get(gap, -3.0)
    for x, y in ((a, b), (b, a)):
        if x.day is None:
            continue
        if y.month_day is not None:
            gap = _calendar_distance(_month_day(x.day), y.month_day)
            return {0: 2.0, 1: 1.0, 2: 0.0}.get(gap, -3.0)
        if y.published is not None:
            delay = y.published - x.day
            points += 0.5 if 0 <= delay + 1 <= PUBLICATION_LOOKBACK else -1.5
        if y.weekday is not None:
            gap = _weekday_distance(x.weekday or 0, y.weekday)
            points += {0: 1.0, 1: 0.0}.get(gap, -2.0)
        return points
    if a.month_day is not None and b.month_day is not None:
        gap = _calendar_distance(a.month_day, b.month_day)
        points += {0: 1.5, 1: 0.5, 2: 0.0}.get(gap, -3.0)
    elif a.month_day is not None or b.month_day is not None:
        x, y = (a, b) if a.month_day is not None else (b, a)
        if x.month_day is not None and y.published is not None:
            # 'March 17' in one report, published on 18 March in the other: the strike came first.
            delay = (_day_of_year(_month_day(y.published)) - _day_of_year(x.month_day)) % 366
            points += 0.5 if delay <= PUBLICATION_LOOKBACK else -1.5
    elif a.weekday is not None and b.weekday is not None:
        gap = _weekday_distance(a.weekday, b.weekday)
        points += {0: 0.5, 1: 0.0}.get(gap, -1.5)
    if a.published is not None and b.published is not None:
        gap = abs(a.published - b.published)
        points += 0.5 if gap <= 2 else (0.0 if gap <= 14 else -1.5)
    return points


def _place_points(a: Profile, b: Profile) -> float:
    """Where: the same city counts most; a suburb near the city a little; a city far away, or a
    named country that differs, against. A guessed country counts for little either way."""
    points = 0.0
    if a.country and b.country:
        surest = min(a.country_weight, b.country_weight)
        if a.country == b.country:
            points += 1.0 if surest >= FIRM else 0.5
        else:
            points -= 2.0 if surest >= NAMED else 0.5
    if a.city_key and b.city_key:
        if a.city_key == b.city_key:
            points += 2.5
        elif a.coords and b.coords:
            km = distance_km(a.coords, b.coords)
            points += 0.5 if km <= NEAR_KM else (0.0 if km <= FAR_KM else -2.5)
        else:
            points -= 0.5
    # One outlet's city is another's district ('Jaramana, near Damascus').
    if (a.city_key and a.city_key == b.district_key) or (b.city_key and b.city_key == a.district_key):
        points += 1.5
    return points


def _same_person(a: Person, b: Person) -> float:
    """A full name in any spelling (vowels aside) is strong, the strike's target more so; a
    shared surname alone is weak (brothers, namesakes)."""
    if a.names & b.names:
        return 3.0 if (a.targeted or b.targeted) else 2.5
    if a.surname and a.surname == b.surname:
        return 1.0
    return 0.0


def _people_points(a: Profile, b: Profile) -> float:
    """The best shared person, plus a little for each further one, capped."""
    if not a.people or not b.people:
        return 0.0
    found = sorted((_same_person(x, y) for x in a.people for y in b.people), reverse=True)
    found = [f for f in found if f > 0]
    if not found:
        return 0.0
    return min(4.0, found[0] + 0.5 * (len(found) - 1))


def _killed_points(a: Profile, b: Profile) -> tuple[float, float]:
    """(specific, generic): the same figure is specific ('68 killed' twice); tolls that merely
    overlap ('at least 3' and 40) are compatible but say little; ten times apart counts against."""
    if a.killed is None or b.killed is None:
        return 0.0, 0.0
    (alo, ahi), (blo, bhi) = a.killed, b.killed
    if a.killed == b.killed and alo >= 2:
        return 1.0, 0.0
    if alo <= bhi and blo <= ahi:
        return 0.0, 0.25
    low, high = min(ahi, bhi), max(alo, blo)
    if high - low >= 10 and high > 4 * max(low, 1):
        return 0.0, -1.0
    return 0.0, 0.0


def pair_score(a: Profile, b: Profile) -> float:
    """Points for 'one strike'; joined at LINK_THRESHOLD or more. The place, attacker and
    target group alone never join two reports: the same city, the same air force and the same
    militia in two undated reports may be two strikes years apart, so the date, the people,
    the toll or the rare words must back them."""
    when = _date_points(a, b)
    where = _place_points(a, b)
    same_toll, toll = _killed_points(a, b)
    specific = _people_points(a, b) + same_toll + text_points(similarity(a.text, b.text))
    generic = toll  # one attacker and one armed group strike many times
    if a.attacker and b.attacker:
        generic += 0.5 if a.attacker == b.attacker else -0.5
    if a.organisations and b.organisations:
        generic += 1.0 if a.organisations & b.organisations else -0.5
    total = when + where + specific + generic
    if when + specific < 1.0:
        return min(total, LINK_THRESHOLD - 0.5)
    return total


def text_points(sim: float) -> float:
    """Shared rare words: on the dev set, reports of one strike score 0.19 (median), of two
    strikes 0.006 (median) and 0.12 (99th percentile); so points start above 0.06."""
    return max(0.0, min(4.0, 12.0 * (sim - 0.06)))


K = TypeVar("K", int, str, tuple[int, int])
N = TypeVar("N", int, float)


def _top(counter: Mapping[K, N]) -> tuple[K, N] | None:
    """The most frequent key (ties: the smallest, so the result never depends on input order)."""
    if not counter:
        return None
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class Group:
    """A growing set of articles taken to report one strike, with its majority readings."""

    members: list[int]
    days: Counter[int] = field(default_factory=Counter)
    exact_days: Counter[int] = field(default_factory=Counter)
    month_days: Counter[tuple[int, int]] = field(default_factory=Counter)
    weekdays: Counter[int] = field(default_factory=Counter)  # of articles without a day
    named_weekdays: Counter[int] = field(default_factory=Counter)  # as the texts name them
    countries: Counter[str] = field(default_factory=Counter)  # summed weights
    stated_countries: Counter[str] = field(default_factory=Counter)  # named or the city's, not guessed
    cities: Counter[str] = field(default_factory=Counter)
    city_names: dict[str, str] = field(default_factory=dict)
    coords: dict[str, tuple[float, float]] = field(default_factory=dict)
    first_published: int | None = None

    @classmethod
    def of(cls, p: Profile) -> Group:
        g = cls([p.index])
        if p.day is not None:
            g.days[p.day] += 1
            if p.exact:
                g.exact_days[p.day] += 1
        if p.month_day is not None:
            g.month_days[p.month_day] += 1
        if p.weekday is not None and p.day is None:
            g.weekdays[p.weekday] += 1
        if p.named_weekday is not None:
            g.named_weekdays[p.named_weekday] += 1
        if p.country:
            g.countries[p.country] += p.country_weight
            if p.country_weight >= NAMED:
                g.stated_countries[p.country] += 1
        if p.city_key:
            g.cities[p.city_key] += 1
            g.city_names[p.city_key] = p.city or p.city_key
            if p.coords:
                g.coords[p.city_key] = p.coords
        g.first_published = p.published
        return g

    def absorb(self, other: Group) -> None:
        self.members += other.members
        for mine, theirs in (
            (self.days, other.days),
            (self.exact_days, other.exact_days),
            (self.weekdays, other.weekdays),
            (self.named_weekdays, other.named_weekdays),
            (self.countries, other.countries),
            (self.stated_countries, other.stated_countries),
            (self.cities, other.cities),
        ):
            mine.update(theirs)  # type: ignore[attr-defined]
        self.month_days.update(other.month_days)
        for key, name in other.city_names.items():
            self.city_names.setdefault(key, name)
        for key, where in other.coords.items():
            self.coords.setdefault(key, where)
        published = [d for d in (self.first_published, other.first_published) if d is not None]
        self.first_published = min(published) if published else None

    def day(self) -> int | None:
        """The majority day, written-out days first."""
        top = _top(self.exact_days or self.days)
        return top[0] if top else None

    def exact_day(self) -> int | None:
        top = _top(self.exact_days)
        return top[0] if top else None

    def month_day(self) -> tuple[int, int] | None:
        day = self.day()
        if day is not None:
            return _month_day(day)
        top = _top(self.month_days)
        return top[0] if top else None

    def weekday(self) -> int | None:
        top = _top(self.weekdays)
        return top[0] if top else None

    def named_weekday(self) -> int | None:
        top = _top(self.named_weekdays)
        return top[0] if top else None

    def country(self) -> tuple[str, bool] | None:
        """The majority country, and whether it is firm (one article's confirmed by its city, or
        two articles' word)."""
        top = _top(self.countries)
        return (top[0], top[1] >= FIRM) if top else None

    def stated_country(self) -> str | None:
        """The country most of its articles name (or place their city in), guesses aside."""
        top = _top(self.stated_countries)
        return top[0] if top else None

    def city(self) -> tuple[str, bool] | None:
        """The majority city (its key), firm when two or more articles name it."""
        top = _top(self.cities)
        return (top[0], top[1] >= 2) if top else None

    def when(self) -> str | None:
        day = self.day()
        if day is not None:
            return date.fromordinal(day).isoformat()
        month_day = self.month_day()
        if month_day is not None:
            return f"--{month_day[0]:02d}-{month_day[1]:02d}"
        weekday = self.weekday()
        return WEEKDAYS[weekday].capitalize() if weekday is not None else None

    def where(self) -> str | None:
        city, country = self.city(), self.country()
        parts = [self.city_names[city[0]] if city else None, country[0] if country else None]
        return ", ".join(p for p in parts if p) or None

    def describe(self) -> str:
        """'2017-04-07, Shayrat, Syria': what this group's articles say, as far as they say it."""
        return ", ".join(p for p in (self.when(), self.where()) if p) or "no date or place given"


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def contradiction(a: Group, b: Group, *, lenient: bool = False) -> str | None:
    """Why `b` cannot report the strike `a` reports (in words, for a reader), or None.

    Only facts both sides state count: days far apart (a week for days worked out from 'today'
    or a weekday), another weekday, a report published before the other strike happened,
    another country (firm on one side, two articles or one confirmed by its city, and named on
    the other), cities far apart. City and weekday must be firm on both sides, except with
    `lenient`, where `b`'s own word is enough: that is for setting one article aside from a
    folder's clear majority, never for joining groups.
    """
    da, db = a.day(), b.day()
    if da is not None and db is not None:
        gap = DAY_GAP if a.exact_days and b.exact_days else SOFT_DAY_GAP
        if abs(da - db) > gap:
            return f"it dates its strike {_iso(db)}, {abs(da - db)} days from {_iso(da)}"
    for x, y, x_is_b in ((a, b, False), (b, a, True)):
        dy = y.exact_day()
        if dy is not None and x.first_published is not None and x.first_published < dy - 1:
            if x_is_b:
                return f"it was published on {_iso(x.first_published)}, before the strike of {_iso(dy)}"
            return (
                f"its strike on {_iso(dy)} came after the others were published ({_iso(x.first_published)})"
            )
    if da is None or db is None:  # a day and month without the year: compared on the calendar
        ma, mb = a.month_day(), b.month_day()
        soft = (da is not None and not a.exact_days) or (db is not None and not b.exact_days)
        gap = SOFT_DAY_GAP if soft else DAY_GAP
        if ma is not None and mb is not None and _calendar_distance(ma, mb) > gap:
            return f"it dates its strike {mb[0]:02d}-{mb[1]:02d}, not {ma[0]:02d}-{ma[1]:02d}"
    for x, y, x_is_b in ((a, b, False), (b, a, True)):
        dx, wy = x.day(), y.weekday()
        if dx is not None and y.day() is None and y.month_day() is None and wy is not None:
            wx = date.fromordinal(dx).weekday()
            if _weekday_distance(wx, wy) > 1:
                named, dated = WEEKDAYS[wy].capitalize(), WEEKDAYS[wx].capitalize()
                if x_is_b:
                    return f"it dates its strike {_iso(dx)}, a {dated}, not a {named}"
                return f"it puts the strike on a {named}, not on {_iso(dx)} (a {dated})"
    wa, wb = a.named_weekday(), b.named_weekday()
    firm = lenient or (a.named_weekdays.total() >= 2 and b.named_weekdays.total() >= 2)
    if wa is not None and wb is not None and firm and _weekday_distance(wa, wb) > 1:
        # A day worked out from a weekday may be a week off; the weekday the text names is not.
        named, others = WEEKDAYS[wb].capitalize(), WEEKDAYS[wa].capitalize()
        return f"it puts the strike on a {named}, the others on a {others}"
    ca, cb = a.country(), b.country()
    sa, sb = a.stated_country(), b.stated_country()
    if ca and ca[1] and sb and sb != ca[0]:
        return f"its strike is in {sb}, not {ca[0]}"
    if cb and cb[1] and sa and sa != cb[0]:
        return f"its strike is in {cb[0]}, not {sa}"
    pa, pb = a.city(), b.city()
    if pa and pb and pa[1] and (pb[1] or lenient) and pa[0] != pb[0]:
        ka, kb = a.coords.get(pa[0]), b.coords.get(pb[0])
        if ka and kb and distance_km(ka, kb) > FAR_KM:
            km = distance_km(ka, kb)
            return f"its strike is in {b.city_names[pb[0]]}, {km:.0f} km from {a.city_names[pa[0]]}"
    return None
