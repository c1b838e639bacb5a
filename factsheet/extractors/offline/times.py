"""Clock times and parts of the day at which the strike happened.

'21:30 local time (18:30 GMT)', 'at 9:30 p.m.', '2130 GMT', 'Wednesday night', 'in a
nighttime attack'. A clock with GMT/UTC is the UTC time; any other clock is local (news
gives local clock time unless it says otherwise); a part of the day is a local period.
Only strike sentences count, which keeps a byline's 'Updated 22:13 GMT' out.
"""

from __future__ import annotations

import re

from factsheet.extractors.offline.candidates import Candidate
from factsheet.extractors.offline.context import SentenceInfo
from factsheet.extractors.offline.lexicons import WEEKDAYS

_AMPM = r"(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
_ZONE = r"(?:local\s+time|local|GMT|UTC|Zulu|UTC\s*[+-]\s*\d{1,2}(?::\d\d)?|GMT\s*[+-]\s*\d{1,2}(?::\d\d)?)"
_CLOCK = re.compile(
    rf"\b(?:(?P<h1>[01]?\d|2[0-3]):(?P<m1>[0-5]\d)(?:\s*{_AMPM})?"
    rf"|(?P<h2>[01]?\d|2[0-3])\.(?P<m2>[0-5]\d)\s*(?={_AMPM}|{_ZONE})(?:{_AMPM})?"
    rf"|(?P<h3>1[0-2]|0?[1-9])\s*{_AMPM}"
    rf"|(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)\s*(?=GMT|UTC|local|hrs|hours|h\b))"
    rf"(?:\s*(?:hrs|hours|h)\b)?(?:\s*(?P<zone>{_ZONE}))?"
)
_UTC_ZONE = re.compile(r"GMT|UTC|Zulu")
_WD = "|".join(WEEKDAYS)
_PERIOD = re.compile(
    rf"\b(?:(?:{_WD})\s+)?(?:night|nighttime|night-time|morning|afternoon|evening)\b"
    r"|\bovernight\b|\bpre-dawn\b|\b(?:at|before|around)\s+(?:dawn|dusk|midnight)\b|\bearly\s+hours\b"
    r"|\blast\s+night\b|\bthis\s+morning\b",
    re.IGNORECASE,
)
# 'morning' in 'Good morning America' or 'the morning after' is not a time of the strike.
_NOT_PERIOD = re.compile(
    r"\b(?:the\s+)?(?:morning|night|evening)\s+(?:after|before|of\s+the)\b", re.IGNORECASE
)

CLOCK_TIER = 4.0
PERIOD_TIER = 1.0


def time_candidates(info: SentenceInfo) -> tuple[list[Candidate], list[Candidate]]:
    """(local, utc) candidates in one strike sentence."""
    s = info.sentence
    local: list[Candidate] = []
    utc: list[Candidate] = []
    for m in _CLOCK.finditer(s.text):
        start, end = s.start + m.start(), s.start + m.end()
        zone = m.group("zone") or ""
        cand = Candidate(m.group().strip(), start, end, info, tier=CLOCK_TIER)
        (utc if _UTC_ZONE.search(zone) else local).append(cand)
    if not local:
        for m in _PERIOD.finditer(s.text):
            if _NOT_PERIOD.match(s.text, m.start()):
                continue
            local.append(Candidate(m.group(), s.start + m.start(), s.start + m.end(), info, tier=PERIOD_TIER))
    return local, utc
