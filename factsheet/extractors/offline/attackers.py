"""Who carried out the strike, from the agent phrases of strike reporting.

'a US drone strike', 'an Israeli airstrike' (actor modifying the weapon); 'US forces
carried out', 'Israeli warplanes struck', 'the Russian military said it hit' (a state's
forces as subject of a strike verb); 'killed by a Russian missile' (agent after 'by');
'The United States kills', 'Hamas fired' (a state or armed group as subject); 'X claimed
responsibility for the attack'. Actors followed by '-backed'/'-aligned', or after 'pro-'
and 'anti-', are allegiances, not attackers; forces after 'on'/'against' are victims.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factsheet.extractors.offline.candidates import Candidate
from factsheet.extractors.offline.context import SentenceInfo
from factsheet.extractors.offline.gazetteer import Gazetteer
from factsheet.extractors.offline.lexicons import (
    ACTOR_ABBREVIATIONS,
    AMBIGUOUS_COUNTRY_NAMES,
    ARMED_GROUPS,
    DEMONYMS,
    FORCE_NOUNS,
    STRIKE_VERBS,
)
from factsheet.extractors.offline.names import ORG_RUN

_WEAPON_HEAD = (
    r"(?:(?:drone|air|missile|rocket|artillery|mortar|tank|naval|helicopter)[- ]?)?"
    r"(?:strikes?|airstrikes?|attacks?|raids?|bombings?|shelling|bombardments?|missiles?|rockets?|drones?|"
    r"warplanes?|jets?|fighter\s+jets?|helicopters?|shells?|bombs?|munitions?|fire|barrage|offensive|operation|"
    r"assault)"
)
# Words that may stand between an actor and its weapon ('a Russian ballistic missile').
_WEAPON_ADJ = (
    r"(?:(?:ballistic|cruise|hypersonic|guided|precision|kamikaze|suicide|unmanned|armed|long-range|"
    r"short-range|air-launched|military|army|Iskander|Kalibr|Shahed)\s+){0,2}"
)
_VICTIM_BEFORE = re.compile(
    r"\b(?:on|against|at|targeting|targeted|killed|killing|kill|wounded|wounding|injuring|with|and|"
    r"hit|hitting|struck|strike|striking|fighting|battling|backing|backed|supporting|opposing)\s+"
    # 'hit dozens of Iranian military targets'
    r"(?:(?:dozens|scores|hundreds|several|some|many|two|three|four|five|six)\s+of\s+)?(?:the\s+|(?!by\s)\w+\s+)?$",
    re.IGNORECASE,
)
# 'at the request of the Iraqi security forces, the coalition struck': who asked, not who struck.
_REQUESTER_BEFORE = re.compile(
    r"\b(?:request\s+of|behalf\s+of|in\s+support\s+of|help\s+of|alongside|together\s+with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# 'U.S. fighter jets are not involved', 'Israel did not carry out': a denial, not an agent.
_NOT_INVOLVED = re.compile(
    r"^\s+(?:(?:fighter\s+)?jets?\s+|forces\s+|warplanes\s+|aircraft\s+)?(?:are|were|was|is|did|does|had)\s+"
    r"(?:not|n[o’']t)\b",
    re.IGNORECASE,
)
# 'by U.S. allies', 'Iran's proxies': someone acting with or for the state, not the state.
_ALLY_AFTER = re.compile(r"^(?:['’]s)?\s+(?:allies|ally|partners|proxies|backers|clients)\b", re.IGNORECASE)
# 'a coalition battling in Yemen said it carried out': where, not who.
_PLACE_BEFORE = re.compile(
    r"\b(?:in|inside|across|within|from|over)\s+(?:(?:the\s+)?(?:north|south|east|west|central)[\w-]*\s+)?$",
    re.IGNORECASE,
)
# 'launched by the paramilitary Rapid Support Forces': a word for the kind of group before its name.
_KIND = r"(?:(?:paramilitary|rebel|militant|jihadist|Islamist|armed|Iran-backed|Iranian-backed)\s+)?"
_UNCLEAR = re.compile(
    r"\b(?:not\s+(?:immediately\s+|yet\s+)?clear|unclear|unknown|uncertain)\s+(?:whether|who|if|which)\b",
    re.I,
)
_EITHER_AFTER = re.compile(r"^\s+or\s+(?:by\s+)?(?:the\s+)?[A-Z]")
_EITHER_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+or\s+(?:by\s+)?(?:the\s+)?$")
_HELD_BY = re.compile(
    r"\b(?:controlled|held|run|used|operated|owned|occupied|manned|besieged|surrounded)\s+by\b", re.I
)
# 'the Syrian army claims to have hit an Israeli F-16': what it hit was an aircraft, in the air.
_AIRCRAFT_AFTER = re.compile(
    r"^\s+(?:an?\s+|the\s+|two\s+|three\s+)?(?:(?!(?:with|using|by|from|in|on|at)\s)[\w-]+\s+){0,2}?"
    r"(?:F-?\d+s?|fighter\s+jets?|jets?|warplanes?|aircraft|planes?|drones?|missiles?|helicopters?)\b",
    re.I,
)
_HIT_VERB = re.compile(r"\b(?:hit|hits|struck|strikes?|targeted|targets|attacked)$", re.I)


def _hits_aircraft(m: re.Match[str], text: str) -> bool:
    """The strike verb's object is an aircraft or missile in flight: air defence, not the strike."""
    return bool(_HIT_VERB.search(m.group()) and _AIRCRAFT_AFTER.match(text[m.end() :]))


_SHOT_DOWN_BEFORE = re.compile(
    r"\b(?:shot\s+down|shooting\s+down|downed|downing|intercepted|intercepting|destroyed|destroying)\s+"
    r"(?:by\s+)?(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
_ACCUSED_BY = re.compile(
    r"\b(?:accused|blamed|condemned|denounced|critici[sz]ed|faulted|held\s+responsible)\s+by\s+"
    r"(?:an?\s+|the\s+)?(?:[\w.’'-]+\s+){0,2}$",
    re.I,
)
_NOUN_BEFORE = re.compile(r"\b(?:in|a|an|of|deadly|latest|new|another|fresh)\s+$", re.I)
_PLATFORM_END = re.compile(r"(?:drones?|jets?|aircraft|warplanes?|artillery)$", re.IGNORECASE)
# ('the Syrian army destroyed 71 of the missiles with which the coalition attacked': the
# coalition's clause, not the army's)
_CLAUSE_BREAK = re.compile(r"[.;:!?]|,\s+(?:which|who|but)\b|\b(?:with|by|from|through)\s+which\b")
# 'to deter future Islamic State attacks', 'after previous Israeli strikes': other attacks.
_OTHER_ATTACKS_BEFORE = re.compile(
    r"\b(?:future|further|previous|past|earlier|prior|more|deter|deterring|prevent|preventing)\s+$", re.I
)
# 'Syria strikes: What sites were targeted': a headline's label, where 'strikes' is a noun.
_LABEL_AFTER = re.compile(r"^\s*(?:[:\u2013\u2014|]|-\s|$)")
_RESPONSIBILITY = re.compile(
    # 'Yemen's Houthi rebels on Tuesday claimed', 'Houthi rebels in Yemen have taken responsibility'
    r"(?:\s+(?:rebels?|militants?|fighters|movement|group|militia))?(?:\s+in\s+[A-Z]\w+)?"
    r"(?:\s+(?:late\s+|early\s+)?on\s+\w+day)?"
    r"\s+(?:has\s+|had\s+|have\s+)?(?:claimed|taken|took)\s+responsibility\s+for\s+(?:the|this|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)\S*\s+(?:\w+\s+){0,2}?(?:attack|bombing|strike|blast|explosion|assault|raid)"
)


# Counted forces, or forces the bodies are of, are the dead: '10 Saudi troops', 'Bodies of UAE troops'.
_COUNTED_BEFORE = re.compile(
    r"(?:\b\d+|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens|scores|several|bod(?:y|ies)\s+of))\s+$",
    re.I,
)
# '... troops killed in Friday blast': a headline's participle, not a verb with an object.
_PARTICIPLE_AFTER = re.compile(r"\s*(?:$|[,.;:]|\s(?:in|on|at|near|when|after|as|by|during)\b)", re.I)


def _alternation(names: list[str]) -> str:
    unique = sorted({n for n in names if n and n not in AMBIGUOUS_COUNTRY_NAMES}, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in unique)


@lru_cache(maxsize=1)
def _patterns(gaz: Gazetteer) -> tuple[re.Pattern[str], ...]:
    # Coordinated actors count as one ('The United States and Britain', 'US, UK').
    state = _alternation([*gaz.country_labels, *ACTOR_ABBREVIATIONS, *ARMED_GROUPS])
    states = rf"(?:{state})(?:(?:\s*,\s*|\s+and\s+)(?:the\s+)?(?:{state}))*"
    actor = _alternation([*gaz.country_labels, *DEMONYMS, *ACTOR_ABBREVIATIONS, *ARMED_GROUPS])
    actors = rf"(?:{actor})(?:(?:\s*,\s*|\s+and\s+)(?:{actor}))*"
    # Before a weapon a bare country name is ambiguous ('Pakistan drone strike' may say where);
    # demonyms, 'US'/'UK' and group names are not.
    adjective = _alternation([*DEMONYMS, *ACTOR_ABBREVIATIONS, *ARMED_GROUPS])
    adjectives = rf"(?:{adjective})(?:(?:\s*,\s*|\s+and\s+)(?:{adjective}))*"
    modifier = re.compile(
        rf"(?<![\w-])(?P<actor>{adjectives})(?:-led(?:\s+coalition)?|['’]s)?\s+"
        rf"(?:(?:military|army|air\s+force|navy|coalition|forces['’]?)\s+)?{_WEAPON_ADJ}{_WEAPON_HEAD}\b"
    )
    forces = re.compile(
        rf"(?<![\w-])(?P<actor>(?:[Tt]he\s+)?(?:{actors})(?:['’]s)?\s+{FORCE_NOUNS})\b"
        rf"(?P<rest>[^.;]{{0,80}}?)\b{STRIKE_VERBS}\b"
    )
    # 'the Saudi-led Arab military coalition': a coalition named by the state that leads it.
    led = r"(?:-led(?:\s+[A-Za-z]+){0,2}?\s+(?:coalition|alliance))?"
    agent = re.compile(
        rf"\bby\s+(?:an?\s+|the\s+)?{_KIND}(?P<actor>(?:{actors}){led}(?:\s+{FORCE_NOUNS})?)"
        rf"(?=\s+{_WEAPON_ADJ}{_WEAPON_HEAD}\b|\s*[,.;:?!(]|\s*$|\s+(?:in|on|at|near)\b)"
    )
    subject = re.compile(
        rf"(?<![\w-])(?P<actor>(?:[Tt]he\s+)?{states})(?:\s+\([A-Z]{{2,6}}\))?\s+(?:on\s+\w+day\s+)?"
        rf"(?:has\s+|had\s+|have\s+)?(?:also\s+)?(?:said\s+(?:it|they)\s+(?:had\s+|has\s+)?)?[“\"]?{STRIKE_VERBS}\b"
    )
    # 'authorities have blamed the Rapid Support Forces (RSF) for these drone attacks'
    blamed = re.compile(
        rf"\b(?:blamed|blames|blaming)\s+(?:the\s+)?{_KIND}(?P<actor>(?:{actors}){led})(?:\s+\([A-Z]{{2,6}}\))?"
        rf"\s+for\s+(?:the|these|this|that|[A-Z]\w+day[’']s)\s+(?:[\w-]+\s+){{0,2}}?"
        rf"(?:attacks?|strikes?|bombing|raids?)\b"
        # 'an air strike blamed on the Saudi-led coalition'
        rf"|\b(?:strikes?|attacks?|raids?|bombing|bombings)(?:\s+[^,.;]{{0,50}}?)?\s+blamed\s+on\s+"
        rf"(?:an?\s+|the\s+)?{_KIND}(?P<actor2>(?:{actors}){led})"
        # 'the warplanes were from the Saudi-led coalition', 'planes, thought to be from the ...'
        rf"|\b(?:planes|warplanes|jets|aircraft|drones?|missiles?)\b[^.;]{{0,30}}?\bfrom\s+(?:the\s+)?"
        rf"(?P<actor3>(?:{actors}){led})"
        # 'Saudi Arabia has been accused by Yemen's Houthi rebels of carrying out a deadly attack'
        rf"|(?<![\w-])(?P<actor4>(?:{actors}){led})\s+(?:has|have|had|was|were|is|are)\s+(?:been\s+)?accused\s+"
        rf"(?:by\s+[^,.;]{{1,60}}?\s+)?of\s+(?:carrying\s+out|launching|conducting|being\s+behind)\b"
    )
    return modifier, forces, agent, subject, blamed


def attacker_candidates(info: SentenceInfo, gaz: Gazetteer) -> list[Candidate]:
    s = info.sentence
    text = s.text
    modifier, forces, agent, subject, blamed = _patterns(gaz)
    out: list[Candidate] = []
    if _UNCLEAR.search(text):
        return out  # 'it was not immediately clear whether Syrian or Russian warplanes struck'

    def add(m: re.Match[str], tier: float, group: str = "actor", blamed: bool = False) -> None:
        a, b = m.start(group), m.end(group)
        if _NOT_INVOLVED.match(text[b:]):
            return  # 'U.S. fighter jets are not involved in the bombing campaign'
        if _EITHER_AFTER.match(text[b:]) or _EITHER_BEFORE.search(text[max(0, a - 30) : a]):
            return  # 'Syrian or Russian planes': the outlet does not know which
        if (not blamed and _VICTIM_BEFORE.search(text[max(0, a - 30) : a])) or _REQUESTER_BEFORE.search(
            text[max(0, a - 30) : a]
        ):
            return  # ('a strike blamed on the coalition': 'on' names the one blamed, not a victim)
        if re.match(r"\.?-(?:backed|aligned|allied|linked|sponsored|supported|based)", text[b:]):
            return
        if _SHOT_DOWN_BEFORE.search(text[max(0, a - 40) : a]):
            return  # 'Israel shot down an Iranian drone', 'shot down by Syrian fire': air defence
        if _ACCUSED_BY.search(text[max(0, a - 60) : a]):
            return  # 'Saudi Arabia has been accused by Yemen's Houthi rebels of ...': the accuser
        if _ALLY_AFTER.match(text[b:]) or _PLACE_BEFORE.search(text[max(0, a - 30) : a]):
            return
        if any(c.start < s.start + b and s.start + a < c.end for c in out):
            return
        out.append(Candidate(text[a:b], s.start + a, s.start + b, info, tier=tier))

    for m in modifier.finditer(text):
        if not _OTHER_ATTACKS_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            add(m, 3.0)
    for m in forces.finditer(text):
        phrase = m.group("actor")
        if re.search(r"(?:\bair|\bdrone|\bmissile|-led|\bthe|\ba)\s*$", text[: m.end()].rsplit(None, 1)[0]):
            continue  # '... against Saudi-led air strikes': 'strikes' is a noun here, not their act
        first = phrase.split()[0]
        bare_country = gaz.country(first) and not gaz.demonym(first) and first not in ACTOR_ABBREVIATIONS
        if bare_country and _PLATFORM_END.search(phrase):
            # 'Pakistan drone strike kills': the country may be where, not who.
            continue
        if re.search(r"\b(?:were|was|been|being|are|is)\s*$", m.group("rest")):
            continue  # 'Taliban fighters were killed': the forces suffered the strike
        if _COUNTED_BEFORE.search(text[max(0, m.start() - 20) : m.start()]) or (
            not m.group("rest").strip()
            and m.group().endswith("killed")
            and _PARTICIPLE_AFTER.match(text[m.end() :])
        ):
            continue  # '10 Saudi troops killed', 'Bodies of UAE troops killed in Friday blast'

        if m.group().endswith("targets") and not m.group("rest").strip():
            continue  # 'dozens of Iranian military targets': a noun
        if _hits_aircraft(m, text):
            continue
        if not _CLAUSE_BREAK.search(m.group("rest")):
            add(m, 3.0)
    for m in agent.finditer(text):
        if not _HELD_BY.search(text[max(0, m.start() - 20) : m.start() + 2]):
            add(m, 3.0)  # ('the city, which is controlled by Houthi rebels': who holds it)
    for m in subject.finditer(text):
        if _LABEL_AFTER.match(text[m.end() :]) or _hits_aircraft(m, text):
            continue
        if not _NOUN_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            add(m, 2.0)  # ('in deadly Yemen strike': a noun, its country not an actor)
    for m in blamed.finditer(text):
        group = next(g for g in ("actor", "actor2", "actor3", "actor4") if m.group(g))
        add(m, 2.0, group, blamed=True)
    for run in ORG_RUN.finditer(text):
        if _RESPONSIBILITY.match(text, run.end()):
            out.append(Candidate(run.group(), s.start + run.start(), s.start + run.end(), info, tier=3.5))
    return out
