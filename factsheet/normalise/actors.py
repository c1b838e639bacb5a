"""Who carried out the strike: a state's forces fold to the state, anything else keeps its name.

'US forces', 'the United States', 'the U.S. military', 'an American drone' all say the
United States did it. 'Iranian-backed militia' names Iran too, but not as the attacker:
a phrase only folds to a country when every other word in it is a word for a state's
armed forces or its weapons.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factsheet.normalise.countries import find_countries
from factsheet.normalise.entities import clean_name

# Words that, next to a country, still mean that country's state acting.
_STATE_WORDS = {
    "the",
    "a",
    "an",
    "its",
    "forces",
    "force",
    "military",
    "army",
    "armed",
    "troops",
    "soldiers",
    "navy",
    "naval",
    "air",
    "airforce",
    "marines",
    "defense",
    "defence",
    "ministry",
    "department",
    "government",
    "administration",
    "state",
    "coalition",
    "led",
    "special",
    "operations",
    "command",
    "central",
    "drone",
    "drones",
    "aircraft",
    "warplane",
    "warplanes",
    "jets",
    "jet",
    "fighter",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "missile",
    "missiles",
    "unmanned",
    "aerial",
    "vehicle",
    "personnel",
    "officials",
    "itself",
    # How the other side names a state's forces ('the Israeli occupation', 'the Saudi
    # aggression', 'the Zionist enemy'): still that state acting.
    # 'the Armed Forces of Ukraine', 'the Security Service of Ukraine'
    "of",
    "security",
    "service",
    "services",
    "intelligence",
    "occupation",
    "occupying",
    "occupiers",
    "occupier",
    "invaders",
    "regime",
    "enemy",
    "entity",
    "aggression",
    "authorities",
    "plane",
    "planes",
    "helicopter",
    "helicopters",
    "gunship",
    "gunships",
    "artillery",
    "rocket",
    "rockets",
    "raid",
    "raids",
    "bombing",
    "bombers",
    "warship",
    "warships",
    "tomahawk",
    "tomahawks",
}

# Names of a state's forces that carry no country word, and what the other side calls them.
_STATE_ALIASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:zionists?|idf|iaf|israel defen[cs]e forces)\b", re.I), "Israel"),
    (
        re.compile(
            r"\b(?:pentagon|centcom|africom|cia|jsoc|central\s+intelligence\s+agency|"
            r"(?:u\.?s\.?\s+)?(?:africa|central|european|indo-pacific)\s+command)\b",
            re.I,
        ),
        "United States",
    ),
    (re.compile(r"\b(?:kremlin|fsb)\b", re.I), "Russia"),
    (re.compile(r"\b(?:sbu|gur)\b", re.I), "Ukraine"),
    (re.compile(r"\b(?:trump|biden|obama|bush)\s+administration\b", re.I), "United States"),
    (re.compile(r"\bmossad\b", re.I), "Israel"),
    (re.compile(r"\birgc\b|\brevolutionary guards?\b", re.I), "Iran"),
]
# A capital standing for its government ('Washington blamed Tehran'), as a whole phrase only:
# inside a longer phrase it is a place ('a Damascus suburb').
_CAPITALS = {
    "washington": "United States",
    "the white house": "United States",
    "white house": "United States",
    "moscow": "Russia",
    "tehran": "Iran",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "beijing": "China",
    "riyadh": "Saudi Arabia",
    "ankara": "Turkey",
    "damascus": "Syria",
    "london": "United Kingdom",
    "paris": "France",
    "abu dhabi": "United Arab Emirates",
    "doha": "Qatar",
    "cairo": "Egypt",
}
# 'Iranian-backed', 'US-supported': the backer is not the one acting.
_BACKERS = re.compile(r"\b[\w.]+(?:-|\s+)(?:backed|supported|sponsored|allied|aligned)\b", re.I)


_LED_COALITION = re.compile(r"-led\s+(?:[\w-]+\s+){0,2}?coalition\b", re.I)


@lru_cache(maxsize=8192)
def country_actor(text: str) -> str | None:
    """The country a phrase names as an actor ('US forces' -> 'United States'), else None."""
    capital = _CAPITALS.get(" ".join(text.lower().split()).strip(" .,"))
    if capital is not None:
        return capital
    text = _BACKERS.sub(" ", text)
    for pattern, country in _STATE_ALIASES:
        if pattern.search(text):
            rest = pattern.sub(" ", text)
            if not find_countries(rest) or country_actor(rest) == country:
                return country
    mentions = find_countries(text)
    countries = {country for country, _, _ in mentions}
    if len(countries) > 1 and _LED_COALITION.search(text):
        # 'the Saudi and Emirati-led coalition', 'the Saudi-UAE-led coalition': the state named
        # first leads it, as 'the Saudi-led coalition' folds to Saudi Arabia.
        first = min(mentions, key=lambda m: m[1])[0]
        return first if _only_state_words(text, mentions, {"and"}) else None
    if len(countries) != 1:
        return None
    return next(iter(countries)) if _only_state_words(text, mentions) else None


def listed_states(text: str) -> set[str]:
    """The states a phrase lists as acting together ('US, UK and French strikes'), else none.

    Such a phrase agrees with an outlet naming one of them ('US strikes'): both are true of
    one raid, though neither says all the other does.
    """
    text = _BACKERS.sub(" ", text)  # the offsets below are into the text without its backers
    mentions = find_countries(text)
    states = {country for country, _, _ in mentions}
    if len(states) < 2 or not _only_state_words(text, mentions, {"and"}):
        return set()
    return states


def _only_state_words(
    text: str, mentions: list[tuple[str, int, int]], also: frozenset[str] | set[str] = frozenset()
) -> bool:
    """Is every word but the countries named a word for a state's forces (or one of `also`)?"""
    rest = text
    for _, start, end in sorted(mentions, key=lambda m: -m[1]):
        rest = rest[:start] + " " + rest[end:]
    words = re.findall(r"[^\W\d_]+", rest.lower())
    return all(word in _STATE_WORDS or word in also for word in words)


def canonical_actor(text: str) -> str:
    """A country name for a state actor, else the name as written, tidied."""
    return country_actor(text) or clean_name(text)
