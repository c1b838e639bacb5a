"""When the article was published: from metadata, or from a date stamp at the top of the page.

The publication date anchors relative words ('on Wednesday') for the whole pipeline, so a
wrong one shifts the strike's date. Hence only a line that is a date stamp and nothing else
('Wednesday 07 February 2024 22:13 GMT', 'Updated Feb. 7, 2024') counts; dates inside the
reporting ('on January 28') never do, and a date with a missing part is not completed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from email.utils import parsedate_to_datetime


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_PATTERNS = (
    # 2024-02-07, 2024-02-07T22:13:00Z
    re.compile(
        r"(?<!\d)(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?!\d)(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?"
    ),
    # 7 February 2024, 07 Feb. 2024, 7th of February, 2024
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}}){_ORDINAL}\.?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.IGNORECASE),
    # February 7, 2024, Feb. 7 2024
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+{_YEAR}", re.IGNORECASE),
    # 13/02/2024 (only when unambiguous, see _from_match)
    re.compile(r"(?<!\d)(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})(?!\d)"),
)

# Everything else a date stamp may hold: labels, weekdays, clock times, zones.
_STAMP_WORDS = _wordset(
    """published updated posted last first modified date on at and am pm a m p
    mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday sunday
    gmt utc bst cet cest eet eest ast est edt cst cdt pst pdt mst mdt et pt ist msk irst"""
)
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?|[+-]\d{1,2}(?::?\d{2})?")
_NON_LETTERS = re.compile(r"[^A-Za-z]+")
# Where one stamp ends and the next begins: separators, or a new label.
_STAMP_PARTS = re.compile(
    r"\s*[|•·]\s*|\s+(?=(?:updated|published|posted|last updated|modified)\b)", re.IGNORECASE
)
_UPDATED = re.compile(r"\b(?:updated|modified|last)\b", re.IGNORECASE)
_TOP_LINES = 15
_MAX_STAMP_WORDS = 12


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_match(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        return _valid(year, _MONTHS[groups["month"].lower()], int(groups["day"]))
    if groups.get("mon"):
        return _valid(year, int(groups["mon"]), int(groups["day"]))
    a, b = int(groups["a"]), int(groups["b"])
    if a > 12 >= b:  # 13/02/2024 can only be day-first
        return _valid(year, b, a)
    if b > 12 >= a:
        return _valid(year, a, b)
    return None  # 07/02/2024: February or July depends on the country; do not guess


def _find(text: str) -> tuple[date, re.Match[str]] | None:
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found = _from_match(match)
            if found:
                return found, match
    return None


def parse_date(value: str | None) -> str | None:
    """A stated date (metadata) as YYYY-MM-DD; None when it lacks a day, month or year."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()  # 'Wed, 07 Feb 2024 22:13:00 GMT'
    except (TypeError, ValueError, IndexError):
        pass
    found = _find(value)
    if found:
        return found[0].isoformat()
    return _parse_other_language(value) if re.search(r"\d{4}", value) else None


def _parse_other_language(value: str) -> str | None:
    """'7 février 2024': dateparser knows the month names of many languages."""
    try:
        import dateparser
    except ImportError:
        return None
    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date().isoformat() if parsed else None


def stamp_date(line: str) -> tuple[date, bool] | None:
    """(date, is_update) when the line is a date stamp and nothing else.

    A line may hold several stamps ('Feb 8, 2024 1:05 AM GMT Updated 2 hours ago'); each
    part is judged alone, so a relative 'Updated' part does not spoil the dated one.
    """
    norm = " ".join(line.split())
    if not norm or len(norm.split()) > _MAX_STAMP_WORDS:
        return None
    parts = [part for part in _STAMP_PARTS.split(norm) if part.strip()]
    if len(parts) > 1:
        stamps = [_stamp_part(part) for part in parts]
        if all(s is not None or not _has_date(part) for s, part in zip(stamps, parts, strict=True)):
            return next((s for s in stamps if s is not None), None)
        return None
    return _stamp_part(norm)


def _has_date(text: str) -> bool:
    return _find(text) is not None


def _stamp_part(norm: str) -> tuple[date, bool] | None:
    found = _find(norm)
    if not found:
        return None
    day, match = found
    rest = _CLOCK.sub(" ", norm[: match.start()] + " " + norm[match.end() :])
    if any(ch.isdigit() for ch in rest):
        return None
    if any(word.lower() not in _STAMP_WORDS for word in _NON_LETTERS.split(rest) if word):
        return None
    return day, bool(_UPDATED.search(rest))


def published_from_text(lines: Sequence[str]) -> str | None:
    """The first publication stamp near the top; an 'Updated' stamp only when there is no other."""
    updated: date | None = None
    for line in lines[:_TOP_LINES]:
        found = stamp_date(line)
        if found is None:
            continue
        day, is_update = found
        if not is_update:
            return day.isoformat()
        updated = updated or day
    return updated.isoformat() if updated else None
