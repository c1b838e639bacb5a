"""The dateline: the place a report was filed from ('BAGHDAD (Reuters) -', 'BBC News, Baghdad').

It is the place the reporter stood, which is usually (not always) where the strike was; the
normalise stage uses it as a hint for city names, never as the strike's place by itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factsheet.ingest.boilerplate import normalise_line
from factsheet.ingest.outlet import parse_byline, wire_agency


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TOP_LINES = 20
# An all-capitals opening counts as a dateline only at the head of a real paragraph, not in a headline.
_PARAGRAPH_WORDS = 12
_CAPS_WORD = r"[A-Z][A-Z'’.-]+"
_WORD = r"[A-Z][\w'’.-]+"
# 'BAGHDAD, Iraq, Feb 7 (Reuters) -' / 'Baghdad, Feb 7 (AFP) —'
_AGENCY = re.compile(
    rf"^(?P<place>{_WORD}(?: {_WORD}){{0,3}})(?:, [\w.]+(?: [\w.]+){{0,2}})*"
    r"(?P<gap>\s*)\((?P<agency>[^()]{2,40})\)\s*[-–—:]"
)
# 'BAGHDAD —' / 'BAGHDAD, Iraq —' : the capitals are what make it a dateline.
_CAPS = re.compile(
    rf"^(?P<place>{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}})(?:, [A-Za-z][\w.]*(?: [A-Za-z][\w.]*){{0,2}})?"
    r"\s*(?:[—–]|--?)\s+\S"
)
# Capitalised labels that open a paragraph the same way but are not places.
_NOT_PLACES = _wordset(
    """WATCH LIVE UPDATE UPDATES BREAKING EXCLUSIVE ANALYSIS OPINION EDITOR NOTE PHOTOS VIDEO CORRECTION
    UPDATED READ MORE LISTEN WARNING FACTBOX EXPLAINER US UK UN"""
)


def place_name(raw: str) -> str:
    """'BAGHDAD' -> 'Baghdad', 'AL-QAIM' -> 'Al-Qaim'; mixed case is kept as written."""
    if not raw.isupper():
        return raw
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in raw.split())


def _usable(place: str) -> bool:
    return len(place.replace(".", "")) > 2 and not set(place.upper().split()) & _NOT_PLACES


def find_dateline(lines: Sequence[str]) -> str | None:
    """lines: the cleaned article's non-blank lines."""
    for line in lines[:_TOP_LINES]:
        norm = normalise_line(line)
        match = _AGENCY.match(norm)
        if (
            match
            and wire_agency(norm[: match.start("gap")], match.group("agency"))
            and _usable(match.group("place"))
        ):
            return place_name(match.group("place"))
        match = _CAPS.match(norm)
        if match and len(norm.split()) >= _PARAGRAPH_WORDS and _usable(match.group("place")):
            return place_name(match.group("place"))
        byline = parse_byline(line)
        if byline and byline.place and _usable(byline.place):
            return place_name(byline.place)
    return None
