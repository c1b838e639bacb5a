"""Dates across outlets: a weekday or a year-less date is completed by another outlet's date.

Most outlets write only 'on Thursday'; one writes 'March 3' or 'on Oct. 9'; a wire story
carries no year. Read alone, each article leaves its date incomplete, and a vote over
incomplete dates prints nothing. Read together, they complete each other:

- a day and month without a year takes the year of another outlet's full date on the same
  day and month, else the year that puts it on or before the earliest publication date;
- a bare weekday becomes the calendar date another outlet gives when that date falls on the
  weekday; with no such date, the latest such weekday on or before the earliest
  publication date among the articles (a strike is reported after it happens).
A weekday that no calendar date fits stays a weekday, so its conflict with the others shows.
Every completed value records the date it was resolved against in `anchor`.
"""

from __future__ import annotations

import calendar
from collections import Counter
from datetime import date, timedelta

from factsheet.consensus.ballots import Ballot
from factsheet.models import DateValue
from factsheet.normalise.dates import parse_anchor


def _full_dates(ballots: list[Ballot]) -> Counter[date]:
    """Calendar dates the outlets state, each copy group counted once."""
    seen: set[tuple[str, date]] = set()
    for b in ballots:
        v = b.value
        if isinstance(v, DateValue) and v.precision == "day" and (day := parse_anchor(v.canonical)):
            seen.add((b.group, day))
    return Counter(day for _, day in seen)


def _with_year(month: int, day: int, full: Counter[date], earliest: date | None) -> date | None:
    same = [d for d in full if (d.month, d.day) == (month, day)]
    if same:
        return max(same, key=lambda d: (full[d], d))
    anchor = earliest or (max(full, key=lambda d: (full[d], d)) if full else None)
    if anchor is None:
        return None
    for year in (anchor.year, anchor.year - 1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= anchor or not earliest:
            return found
    return None


def resolve_dates(ballots: list[Ballot], published: list[str | None]) -> list[Ballot]:
    """The ballots with incomplete dates completed from the others; complete ones untouched."""
    full = _full_dates(ballots)
    days = [d for d in (parse_anchor(p) for p in published) if d is not None]
    earliest = min(days) if days else None
    out: list[Ballot] = []
    for b in ballots:
        v = b.value
        if not isinstance(v, DateValue):
            out.append(b)
            continue
        resolved: date | None = None
        anchor: date | None = None
        if v.precision == "month_day" and v.canonical:
            month, day = int(v.canonical[2:4]), int(v.canonical[5:7])
            resolved = _with_year(month, day, full, earliest)
            anchor = resolved
        elif v.precision == "weekday" and v.weekday:
            target = [n.lower() for n in calendar.day_name].index(v.weekday.lower())
            fitting = [d for d in full if d.weekday() == target]
            if fitting:
                resolved = max(fitting, key=lambda d: (full[d], d))
                anchor = resolved
            elif not full and earliest is not None:
                resolved = earliest - timedelta(days=(earliest.weekday() - target) % 7)
                anchor = earliest
        if resolved is None or anchor is None:
            out.append(b)
            continue
        value = v.model_copy(
            update={"canonical": resolved.isoformat(), "precision": "day", "anchor": anchor.isoformat()}
        )
        out.append(Ballot(b.source, b.outlet, b.group, value))
    return out
