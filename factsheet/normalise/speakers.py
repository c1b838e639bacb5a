"""Who makes a claim, reduced to the institution behind it.

Outlets name one speaker many ways: 'CENTCOM', 'US Central Command', 'the Pentagon',
'the U.S. military' are all the US military; 'two security sources who spoke on
condition of anonymity' and 'officials who were not authorised to speak' are anonymous
sources. Grouping claims by speaker needs these to meet, so the rules below work on the
shape of the phrase (country + military word, a *COM acronym, an anonymity formula),
not on any one outlet's wording.
"""

from __future__ import annotations

import re

from factsheet.normalise.countries import adjective, find_countries
from factsheet.normalise.entities import clean_name

_ANONYMOUS = re.compile(
    r"\banonymity\b|\banonymous(?:ly)?\b|\bunnamed\b|\bnot authori[sz]ed to\b"
    r"|\bdeclined to be (?:named|identified)\b"
    r"|\bwho asked not to be (?:named|identified)\b|\bfamiliar with\b|\bsources?\b|\binsiders?\b"
)
_MILITARY = re.compile(
    r"\bmilitary\b|\barmy\b|\barmed forces\b|\bforces\b|\btroops\b|\bnavy\b|\bair force\b|\bmarines\b"
    r"|\bdefen[cs]e (?:ministry|department|forces)\b|\b(?:ministry|department|secretary) of defen[cs]e\b"
    r"|\bcommand\b|\bjoint operations\b|\bsecurity (?:forces|media cell|services)\b"
    r"|\bgenerals?\b|\bcommanders?\b"
    r"|\bspokesm[ae]n for the (?:military|army)\b"
)
_GOVERNMENT = re.compile(
    r"\bgovernment\b|\badministration\b|\bofficials?\b|\bministry\b|\bminister\b|\bpresident\b"
    r"|\bstate department\b|\bforeign office\b|\bembassy\b|\bspokesm[ae]n\b|\bspokeswoman\b|\bspokesperson\b"
    r"|\bcabinet\b|\bparliament\b|\bauthorities\b"
)
# US unified combatant commands are written NAMECOM (CENTCOM, AFRICOM, INDOPACOM).
_US_COMMAND_ACRONYM = re.compile(
    r"\b[A-Z]{2,8}COM\b|\b(?:cent|afri|eu|indopa|pa|south|north|soc|cyber|strat|trans|space)com\b", re.I
)
_US_COMMAND_NAME = re.compile(
    r"\b(?:central|africa|european|indo-pacific|pacific|southern|northern|special operations|cyber|strategic|"
    r"transportation|space) command\b",
    re.I,
)
# Names that stand for a state's military or government without naming the country.
_INSTITUTIONS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"\bpentagon\b|\bdepartment of defen[cs]e\b|\bdefen[cs]e department\b|\bdod\b", re.I),
        "US military",
    ),
    (re.compile(r"\bwhite house\b|\bstate department\b", re.I), "US government"),
    (re.compile(r"\bidf\b|\bisrael defen[cs]e forces\b", re.I), "Israeli military"),
    (re.compile(r"\bkremlin\b", re.I), "Russian government"),
    (re.compile(r"\bdowning street\b|\bwhitehall\b", re.I), "British government"),
]
_AGENCIES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"\bassociated press\b|\bthe ap\b|^ap$|\bap\b(?= (?:reported|said|news))", re.I),
        "Associated Press",
    ),
    (re.compile(r"\bagence france[- ]presse\b|\bafp\b", re.I), "AFP"),
    (re.compile(r"\breuters\b", re.I), "Reuters"),
]
# 'officials', 'a security official', 'local officials in the area': no name, no institution.
_UNNAMED_OFFICIALS = re.compile(
    r"^(?:the\s+|an?\s+|two\s+|three\s+|several\s+|some\s+)?(?:(?:local|senior|security|police|health|"
    r"government|provincial|iraqi\s+security)\s+)*officials?(?:\s+(?:in|at|on|from|near)\s+the\s+(?:area|scene))?$"
)
_WITNESS = re.compile(r"\bwitness(?:es)?\b|\bresidents?\b|\bonlookers?\b|\beyewitness(?:es)?\b|\blocals\b")
# 'a channel affiliated with X on Telegram', "X's Telegram channel", 'a statement by X'.
_VOICE_OF = re.compile(
    r"\b(?:channel|account|statement|spokes(?:man|woman|person)|media (?:office|arm|wing)|website|outlet"
    r"|page)s?\b"
    r".*?\b(?:affiliated with|linked to|close to|belonging to|run by|of|by|from)\s+(?P<group>.+?)"
    r"(?:\s+(?:on|via)\s+(?:the\s+)?(?:telegram|x|twitter|facebook|its)\b.*)?$",
    re.I,
)
_POSSESSIVE_VOICE = re.compile(
    r"^(?:the\s+|an?\s+)?(?P<group>.+?)(?:['’]s?)?\s+(?:official\s+)?(?:telegram\s+)?(?:channel|account|statement|spokes\w+|"
    r"media (?:office|arm|wing)|website)\b",
    re.I,
)


def _group_name(speaker: str) -> str | None:
    for pattern in (_VOICE_OF, _POSSESSIVE_VOICE):
        match = pattern.search(speaker)
        if match:
            name = clean_name(
                re.sub(r"\b(?:the\s+)?(?:telegram|messaging platform)\b.*$", "", match.group("group"))
            )
            if name and not find_countries(name):
                return name
    return None


def canonical_speaker(speaker: str, speaker_type: str) -> str:
    """The institution behind a speaker: 'US military', 'Iraqi military', 'anonymous sources', a group."""
    text = " ".join(speaker.split())
    lowered = text.lower()
    if speaker_type == "anonymous_official" or _ANONYMOUS.search(lowered):
        return "anonymous sources"
    for pattern, name in _AGENCIES:
        if pattern.search(text):
            return name
    if _US_COMMAND_ACRONYM.search(text) or _US_COMMAND_NAME.search(text):
        return "US military"
    for pattern, name in _INSTITUTIONS:
        if pattern.search(text):
            return name
    if speaker_type == "group":
        group = _group_name(text)
        if group:
            return group
    countries = [country for country, _, _ in find_countries(text)]
    if countries:
        country = adjective(countries[0])
        if _MILITARY.search(lowered) or speaker_type == "military":
            return f"{country} military"
        if _GOVERNMENT.search(lowered) or speaker_type == "government":
            return f"{country} government"
    if speaker_type == "witness" or _WITNESS.search(lowered):
        return "witnesses"
    if _UNNAMED_OFFICIALS.match(lowered):
        return "unnamed officials"
    group = _group_name(text)
    if group:
        return group
    return clean_name(text)
