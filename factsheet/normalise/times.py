"""Clock times and parts of the day, each with the zone the article gave it in.

Reports often carry two clocks in one phrase ('21:30 local time (18:30 GMT)'); the field
decides which one is wanted. A clock the article labels with the other zone is not
converted by guesswork: an offset the article states ('GMT+3') is kept and converted
only when comparing. Vague words ('Wednesday night') become a period with a span of
local hours, so 'night' agrees with 21:30 local but not with 10:00.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsheet.models import TimeValue

_DAY_MINUTES = 24 * 60

# Spans of local clock time (start, end inclusive, in minutes; end < start wraps midnight).
PERIODS: dict[str, tuple[int, int]] = {
    "night": (18 * 60, 5 * 60 + 59),
    "overnight": (18 * 60, 6 * 60 + 59),
    "late night": (21 * 60, 2 * 60 + 59),
    "evening": (17 * 60, 21 * 60 + 59),
    "afternoon": (12 * 60, 17 * 60 + 59),
    "morning": (5 * 60, 11 * 60 + 59),
    "early morning": (0, 8 * 60 + 59),
    "dawn": (4 * 60, 7 * 60 + 29),
    "day": (6 * 60, 18 * 60 + 59),
}
# Longest phrases first: 'late at night' before 'night', 'early morning' before 'morning'.
_PERIOD_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\blate(?:[- ]at)?[- ]night\b|\blate\s+on\s+\w+\s+night\b"), "late night"),
    (
        re.compile(r"\bearly[- ]morning\b|\bearly hours\b|\bsmall hours\b|\bpre-?dawn\b|\bbefore dawn\b"),
        "early morning",
    ),
    (re.compile(r"\bovernight\b"), "overnight"),
    (re.compile(r"\bnight(?:[- ]?time)?\b|\btonight\b|\bnocturnal\b"), "night"),
    (re.compile(r"\bdawn\b|\bdaybreak\b|\bfirst light\b"), "dawn"),
    (re.compile(r"\bevening\b|\bdusk\b|\bsunset\b"), "evening"),
    (re.compile(r"\bafternoon\b"), "afternoon"),
    (re.compile(r"\bmorning\b"), "morning"),
    (re.compile(r"\bday[- ]?time\b|\bduring the day\b|\bbroad daylight\b"), "day"),
]

_AMPM = r"(?P<ampm>[ap])\.?\s?m\b\.?"
_CLOCKS = [
    re.compile(rf"(?<![\d:.])(?P<h>[01]?\d|2[0-3])[:.h](?P<m>[0-5]\d)(?!\d)(?:\s*{_AMPM})?"),
    re.compile(rf"(?<![\d:.])(?P<h>1[0-2]|0?[1-9])\s*{_AMPM}"),
    # '2130 GMT', '0400 hrs': four digits only count as a clock when a zone or 'hrs' follows.
    re.compile(
        r"(?<![\d:.])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?=\s*(?:hrs\b|hours\b|gmt|utc|z\b|zulu|local))"
    ),
]
_NAMED_CLOCKS = [(re.compile(r"\b(?:noon|midday)\b"), 12 * 60), (re.compile(r"\bmidnight\b"), 0)]
_ZONE = re.compile(
    r"\s*\(?\s*(?:hrs\b|hours\b)?\s*"
    r"(?P<zone>(?:gmt|utc)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|[+\-−]\d{2}:?\d{2}\b|local(?:\s+time)?\b"
    r"|gmt\b|utc\b|z\b|zulu\b|[a-z]{3,4}\b(?=\s*\)|\s*[,.;]|\s*$)|[a-z]+\s+time\b)"
)
_NAMED_OFFSETS = {
    "est": "-05:00",
    "edt": "-04:00",
    "cst": "-06:00",
    "cdt": "-05:00",
    "pst": "-08:00",
    "pdt": "-07:00",
    "cet": "+01:00",
    "cest": "+02:00",
    "eet": "+02:00",
    "eest": "+03:00",
    "bst": "+01:00",
    "msk": "+03:00",
}


@dataclass(frozen=True)
class Clock:
    minutes: int
    zone: str | None  # 'UTC', 'local', '+03:00', None when the article gives none


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u2212", "-").lower().split())


def _offset(sign: str, hours: str, minutes: str | None) -> str:
    sign = "-" if sign in "-−" else "+"
    return f"{sign}{int(hours):02d}:{int(minutes or 0):02d}"


def _zone_name(raw: str) -> str | None:
    raw = raw.strip()
    if raw in ("gmt", "utc", "z", "zulu"):
        return "UTC"
    found = re.fullmatch(r"(?:gmt|utc)?\s*([+\-−])\s*(\d{1,2}):?(\d{2})?", raw)
    if found:
        offset = _offset(found.group(1), found.group(2), found.group(3))
        return "UTC" if offset in ("+00:00", "-00:00") else offset
    if raw in _NAMED_OFFSETS:
        return _NAMED_OFFSETS[raw]
    if raw.startswith("local") or raw.endswith(" time"):
        # 'local time', 'Baghdad time', 'Iraq time': the clock of the place of the strike.
        return "UTC" if raw in ("universal time", "greenwich time") else "local"
    return None


def find_clocks(text: str) -> list[Clock]:
    """Every clock time in the phrase, in order, with the zone written after it."""
    folded = _fold(text)
    found: list[tuple[int, Clock]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _CLOCKS:
        for match in pattern.finditer(folded):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            hours = int(match.group("h"))
            minutes = int(match.groupdict().get("m") or 0)
            ampm = match.groupdict().get("ampm")
            if ampm == "p" and hours < 12:
                hours += 12
            elif ampm == "a" and hours == 12:
                hours = 0
            zone_match = _ZONE.match(folded, match.end())
            zone = _zone_name(zone_match.group("zone")) if zone_match else None
            taken.append((match.start(), match.end()))
            found.append((match.start(), Clock(hours * 60 + minutes, zone)))
    for pattern, minutes in _NAMED_CLOCKS:
        for match in pattern.finditer(folded):
            zone_match = _ZONE.match(folded, match.end())
            found.append(
                (match.start(), Clock(minutes, _zone_name(zone_match.group("zone")) if zone_match else None))
            )
    return [clock for _, clock in sorted(found, key=lambda item: item[0])]


def find_period(text: str) -> str | None:
    folded = _fold(text)
    for pattern, period in _PERIOD_WORDS:
        if pattern.search(folded):
            return period
    return None


def _is_offset(zone: str | None) -> bool:
    return zone is not None and re.fullmatch(r"[+-]\d{2}:\d{2}", zone) is not None


def _pick(clocks: list[Clock], utc: bool) -> Clock | None:
    """The clock the field asks for; None when the phrase only gives the other zone's."""
    wanted = ("UTC",) if utc else ("local",)
    for clock in clocks:
        if clock.zone in wanted:
            return clock
    for clock in clocks:
        if clock.zone is None:
            return clock
    for clock in clocks:
        if _is_offset(clock.zone) or (not utc and clock.zone not in ("UTC", "local")):
            return clock
    return None


def _hhmm(minutes: int) -> str:
    minutes %= _DAY_MINUTES
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(canonical: str) -> int:
    hours, minutes = canonical.split(":")
    return int(hours) * 60 + int(minutes)


def normalise_time(value: TimeValue, utc: bool) -> TimeValue:
    """Fill canonical ('HH:MM'), zone and period; `utc` says the field is utc_time."""
    text_clocks = find_clocks(value.text)
    clock = _pick(text_clocks, utc)
    if clock is None and (text_clocks or not find_period(value.text)):
        # The text names a clock in the other zone ('21:30 local time' for utc_time), or says
        # nothing: the quote may hold the wanted clock ('... (18:30 GMT)'). A text that gives
        # a part of the day is not overridden by some other clock in its quote.
        clock = _pick(find_clocks(value.evidence.quote), utc)
    if clock is not None:
        return value.model_copy(
            update={"canonical": _hhmm(clock.minutes), "zone": clock.zone, "period": None}
        )
    # A part of the day is local by nature: it says nothing about the UTC clock.
    period = None if utc else find_period(value.text)
    return value.model_copy(update={"canonical": None, "zone": "local" if period else None, "period": period})


def utc_minutes(value: TimeValue) -> int | None:
    """Minutes after midnight UTC, when the value's zone allows the conversion."""
    if not value.canonical:
        return None
    minutes = _minutes(value.canonical)
    if value.zone == "UTC":
        return minutes
    if _is_offset(value.zone):
        assert value.zone is not None
        sign = -1 if value.zone.startswith("-") else 1
        hours, mins = value.zone[1:].split(":")
        return (minutes - sign * (int(hours) * 60 + int(mins))) % _DAY_MINUTES
    return None


def sheet_clock(value: TimeValue, utc: bool) -> str | None:
    """'HH:MM' to print: in UTC for the utc field (converting a stated offset), else as written."""
    if not value.canonical:
        return None
    if utc and _is_offset(value.zone):
        converted = utc_minutes(value)
        return _hhmm(converted) if converted is not None else None
    return value.canonical


def _in_span(minutes: int, span: tuple[int, int]) -> bool:
    start, end = span
    return start <= minutes <= end if start <= end else minutes >= start or minutes <= end


def _spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return _in_span(a[0], b) or _in_span(b[0], a)


def _same_clock(a: TimeValue, b: TimeValue) -> bool | None:
    """Whether two clock times are the same instant; None when their zones cannot be compared."""
    ua, ub = utc_minutes(a), utc_minutes(b)
    if ua is not None and ub is not None:
        return ua == ub
    if a.zone == b.zone or a.zone is None or b.zone is None:
        assert a.canonical and b.canonical
        return _minutes(a.canonical) == _minutes(b.canonical)
    return None


def equivalent_times(a: TimeValue, b: TimeValue) -> bool:
    if a.canonical and b.canonical:
        return bool(_same_clock(a, b))
    if not a.canonical and not b.canonical and a.period and b.period:
        return a.period == b.period
    return False


def compatible_times(a: TimeValue, b: TimeValue) -> bool:
    """True unless the two cannot both be right: a clock outside the other's period, two clocks apart."""
    if a.canonical and b.canonical:
        same = _same_clock(a, b)
        return True if same is None else same
    for exact, vague in ((a, b), (b, a)):
        if exact.canonical and vague.period in PERIODS:
            if exact.zone not in (None, "local"):
                return True  # a UTC clock says nothing about the local part of the day
            return _in_span(_minutes(exact.canonical), PERIODS[vague.period or ""])
    if a.period in PERIODS and b.period in PERIODS:
        return _spans_overlap(PERIODS[a.period or ""], PERIODS[b.period or ""])
    return True
