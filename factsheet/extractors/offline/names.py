"""Capitalised name sequences: the raw material for people, organisations and places.

English news capitalises proper names, and Arabic, Persian and Pashto names keep their
lower-case particles ('al-Saadi', 'bin Laden', 'Abd al-Rahman') and sometimes a quoted
kunya ('Wissam Mohammed "Abu Bakr" al-Saadi'). One pattern covers them all so that the
person, organisation and place rules agree on where a name starts and ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_APOS = "'\u2019"
# 'al-Saadi', 'el-Sisi', 'bin', 'ibn': particles that may stand lower case inside a name.
_PARTICLE_PREFIX = r"(?:al|el|an|ad|ar|as|ash|at|az|ez|es|ed|ul|ud|bin|ibn|abu|abd|abdul|ben|bou|ould)"
_CAP_WORD = (
    rf"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z]{{1,3}}-?\d{{1,3}}\b|[A-Z][A-Za-z{_APOS}\-]*"
    rf"|{_PARTICLE_PREFIX}[-{_APOS}][A-Za-z][A-Za-z{_APOS}\-]*)"
)
_LOWER_LINK = r"(?:al|el|bin|ibn|bint|abu|de|da|del|der|van|von|la|le|du|ul|ud|ben)"
_QUOTED = r"(?:[\"\u201c\u2018][A-Z][A-Za-z'\u2019\- ]{1,30}[\"\u201d\u2019])"
NAME_TOKEN = rf"(?:{_CAP_WORD}|{_QUOTED})"
# A run of name tokens, with lower-case particles allowed between two of them.
NAME_RUN = re.compile(rf"{NAME_TOKEN}(?:\s+(?:{_LOWER_LINK}\s+)?{NAME_TOKEN})*")
# Organisation names may also take 'of', 'in', 'for', 'the' between capitalised words
# ('Islamic Resistance in Iraq', 'Islamic State of Iraq').
# Quoted words are kunyas in names of people, never parts of an organisation's name.
ORG_RUN = re.compile(rf"{_CAP_WORD}(?:\s+(?:(?:{_LOWER_LINK}|of|in|for|the|of\s+the)\s+)?{_CAP_WORD})*")

_POSSESSIVE = re.compile(rf"[{_APOS}]s?$")
_TRAILING = re.compile(r"[.,;:]+$")
_INNER_POSSESSIVE = re.compile(rf"[{_APOS}]s(?=\s)")


@dataclass(frozen=True)
class NameSpan:
    """A name found in a sentence: local offsets into the sentence text."""

    text: str
    start: int
    end: int
    possessive: bool = False


def clean_span(text: str, start: int, end: int) -> NameSpan | None:
    """Strip trailing punctuation and a possessive from a matched run."""
    raw = text[start:end]
    trimmed = _TRAILING.sub("", raw)
    # Keep the final period of an abbreviation such as 'U.S.'.
    if raw.endswith(".") and re.search(r"(?:^|\W)(?:[A-Z]\.){2,}$", raw):
        trimmed = raw
    possessive = False
    m = _POSSESSIVE.search(trimmed)
    if m and len(trimmed) > 2:
        trimmed = trimmed[: m.start()]
        possessive = True
    trimmed = trimmed.rstrip(" -")
    if not trimmed:
        return None
    return NameSpan(trimmed, start, start + len(trimmed), possessive)


# A weekday says when, never who or where: 'the town of Caesarea Saturday morning' names
# Caesarea, and 'on Saturday Hezbollah said' names Hezbollah.
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _without_weekdays(start: int, end: int, text: str) -> list[tuple[int, int]]:
    pieces = []
    for day in _WEEKDAY.finditer(text, start, end):
        if text[start : day.start()].strip():
            pieces.append((start, len(text[: day.start()].rstrip())))
        start = day.end() + len(text[day.end() : end]) - len(text[day.end() : end].lstrip())
    if start < end:
        pieces.append((start, end))
    return pieces


def name_runs(text: str, pattern: re.Pattern[str] = NAME_RUN) -> list[NameSpan]:
    """Every capitalised run in the text (sentence-initial words included; callers filter)."""
    out: list[NameSpan] = []
    for m in pattern.finditer(text):
        for first, last in _without_weekdays(m.start(), m.end(), text):
            # A possessive ends a name: "Baghdad's Mashtal" is two names.
            start = first
            for cut in _INNER_POSSESSIVE.finditer(text, first, last):
                span = clean_span(text, start, cut.end())
                if span is not None:
                    out.append(span)
                start = cut.end() + len(text[cut.end() : last]) - len(text[cut.end() : last].lstrip())
            span = clean_span(text, start, last)
            if span is not None:
                out.append(span)
    return out


def tokens_of(name: str) -> list[str]:
    """The words of a name, quotes removed ('"Abu Bakr"' -> 'Abu', 'Bakr')."""
    return [
        t.strip("\"\u201c\u201d\u2018\u2019'") for t in name.split() if t.strip("\"\u201c\u201d\u2018\u2019'")
    ]


def title_case(text: str) -> bool:
    """A headline in Title Case ('Texas Jihadis Killed in Drone Strike'): every word looks like a name."""
    words = [w for w in re.findall(r"[A-Za-z’'-]+", text) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
