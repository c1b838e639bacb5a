"""Does a capitalised phrase look like the name of a news outlet?

Used only on phrases found in places where a page names its publisher (a byline line, a
title suffix, a notification prompt); the shape test keeps place names, people and
headline fragments out of those places. The list of major outlets is a sanity prior
and the way to spell them consistently, not the definition of an outlet.
"""

from __future__ import annotations

import re


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


KNOWN_OUTLETS: tuple[str, ...] = (
    "ABC News", "AFP", "Agence France-Presse", "Al Arabiya", "Al Jazeera", "Al-Monitor", "Anadolu Agency",
    "AP", "Arab News", "Asharq Al-Awsat", "Associated Press", "Axios", "BBC", "BBC News", "Bloomberg",
    "CBC News", "CBS News", "Channel 4 News", "CNN", "Daily Mail", "Deutsche Welle", "DW", "Euronews",
    "Financial Times", "Fox News", "France 24", "Haaretz", "IRNA", "Kurdistan24", "Le Monde",
    "Los Angeles Times", "Middle East Eye", "NBC News", "Newsweek", "NPR", "PBS", "Politico", "Reuters",
    "RT", "Rudaw", "Shafaq News", "Sky News", "Tasnim", "TASS", "The Atlantic", "The Economist",
    "The Guardian", "The Hill", "The Independent", "The Jerusalem Post", "The National",
    "The New York Times", "The Telegraph", "The Times", "The Times of Israel", "The Wall Street Journal",
    "The Washington Post", "Time", "USA Today", "Vox", "Xinhua",
)  # fmt: skip

# Words that make a capitalised phrase read as a publication's name.
_NEWS_WORDS = _wordset(
    """news times post press journal herald tribune guardian telegraph independent express mail gazette
    observer monitor chronicle daily today radio tv television network media agency wire insider review
    standard star sun record courier dispatch reporter bulletin broadcasting channel weekly magazine
    online eye voice"""
)
# Words that also label site sections: a phrase made only of these ('World News') is not a name.
_GENERIC = _wordset(
    """world latest breaking top local international national middle east us uk more related live news
    online daily today the of and"""
)
# Credits for pictures, not publishers of articles.
_PHOTO_WORDS = _wordset("getty images shutterstock photo photos pool epa-efe sipa")
# Capitalised acronyms common in strike reporting that are actors, not outlets.
_NOT_OUTLETS = _wordset(
    """US USA UK UN EU NATO IDF ISIS ISIL IRGC PMF PMU CENTCOM SWAT GMT UTC EST BST CET AST PT ET HTS
    SDF YPG PKK KRG IAEA WHO ICRC MSF UNICEF"""
)
_CONNECTORS = _wordset("of the and & al el de du la le for on in")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{2,6}$")

_KNOWN = {name.casefold(): name for name in KNOWN_OUTLETS}
_KNOWN.update(
    {name.casefold().removeprefix("the "): name for name in KNOWN_OUTLETS if name.startswith("The ")}
)


def tidy(name: str) -> str:
    """Spaces normalised (pages use non-breaking ones) and edge punctuation removed."""
    return " ".join(name.split()).strip(" .,;:!?\"'“”‘’()[]")


def known_outlet(name: str) -> str | None:
    return _KNOWN.get(tidy(name).casefold())


def outlet_like(name: str, *, allow_the: bool = True) -> str | None:
    """The outlet's name as it should be shown, or None when the phrase is not outlet-shaped.

    allow_the admits any 'The Xxx' (right in a title suffix or a notification prompt,
    too loose in a byline where 'The Pentagon' could stand).
    """
    name = tidy(name)
    known = known_outlet(name)
    if known:
        return known
    words = name.split()
    if not 1 <= len(words) <= 6 or any(ch.isdigit() or ch in ":;!?/" for ch in name):
        return None
    lowered = [w.casefold() for w in words]
    if any(w in _PHOTO_WORDS for w in lowered):
        return None
    if not all(w[0].isupper() or w.casefold() in _CONNECTORS for w in words) or not words[0][0].isupper():
        return None
    if len(words) == 1 and _ACRONYM.match(words[0]):
        return None if words[0] in _NOT_OUTLETS else name
    if allow_the and lowered[0] == "the" and 2 <= len(words) <= 4:
        return name
    stems = {w.strip(".'’") for w in lowered}
    if stems & _NEWS_WORDS and not stems <= _GENERIC:
        return name
    return None
