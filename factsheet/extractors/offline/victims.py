"""Every named person the strike touched, with a fate read from the words around the name.

Reports name several people: two commanders in one car, the ministers at a meeting, the
children of a family, the journalists in a tent. A name counts when it stands in a
sentence about death, injury, survival or a target ('Among the dead was X', 'killing X
and Y', 'X was wounded', 'the strike targeted X'), or in a list that follows one ('The
list included Information Minister X, Foreign Minister Y and ...'). What is left out
matters as much: speakers ('X said'), relatives named to place a victim ('the son of X'),
facilities and places named like people ('the Ras Isa port'), officials who only comment.

The fate is the nearest cue to the name in its sentence; a list inherits the fate of the
sentence it continues. A person is `targeted` when a target word stands near the name, or
when a killed person is given an armed role ('commander', 'leader', 'operative'): a strike
report that says it killed a commander is reporting whom it was after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsheet.extractors.offline.context import SentenceInfo
from factsheet.extractors.offline.dates import find_dates
from factsheet.extractors.offline.gazetteer import Gazetteer
from factsheet.extractors.offline.lexicons import ARMED_ROLES, JOB_WORDS, ROLE_ADJECTIVES, ROLE_NOUNS, TITLES
from factsheet.extractors.offline.names import NameSpan, name_runs, title_case
from factsheet.extractors.offline.people import RELATION_BEFORE, is_name, speaker_after, strip_titles
from factsheet.models import Evidence, PersonValue

_KILL = re.compile(
    r"\b(?:killed|killing|kills|dead|died|dies|slain|martyred|perished|bodies|body|assassinated|"
    r"assassinating|lost\s+their\s+lives|death|deaths)\b",
    re.I,
)
_INJURED = re.compile(r"\b(?:wounded|injured|injuring|wounding|hurt)\b", re.I)
_SURVIVED = re.compile(
    r"\b(?:survived|escaped|unharmed|unhurt|alive|safe\s+and\s+sound"
    # 'X was not at the residence at the time', 'X and his family were not home'
    r"|(?:was|were)\s+not\s+(?:at\s+)?(?:home|present|(?:the|his|her|their)\s+(?:home|house|residence))"
    r"|(?:was|were)\s+not\s+(?:in|inside)\s+(?:the|his|her|their)\s+(?:home|house|residence|car|vehicle|building))\b",
    re.I,
)
_TARGET = re.compile(r"\b(?:targeted|targeting|targets?|aimed\s+at|assassination|assassinated)\b", re.I)
# Between a target word and the name only the person's description may stand ('targeted the
# senior Hamas commander X'), not other words ('the targeted area with the Explosives Unit').
_GAP_WORD = (
    r"(?i:the|a|an|of|in|its|his|her|their|two|three|several|"
    + "|".join(sorted(ROLE_ADJECTIVES | ROLE_NOUNS | JOB_WORDS, key=len, reverse=True))
    + r")s?|[A-Z][\w’'-]*"
)
# A person's home or car: a strike on it is aimed at them.
_HOME = r"(?:(?:private|family|holiday)\s+)?(?:home|house|residence|villa|apartment|car|vehicle)"
# The target word must bear on the name: 'targeted X', 'an attempt on X's life', 'X was the
# target'. 'killed in the strike targeting the hospital' says what was aimed at, not who.
_TARGET_BEFORE = re.compile(
    r"\b(?:(?:targeted|targeting|targets)(?:\s+and\s+(?:killed|killing|assassinated|eliminated))?|"
    # 'struck the house of Prime Minister X': a strike on a person's home or car is aimed at them.
    r"(?:targeted|targeting|targets|struck|hit|hits|bombed|strike\s+on|attack\s+on)\s+(?:the\s+)?"
    rf"{_HOME}\s+of|(?:launched|fired)\s+(?:at|towards?)|"
    r"aimed\s+at|assassination\s+of|assassinated|assassinating|"
    r"attempt\s+on(?:\s+the\s+life\s+of)?|target\s+(?:of\s+the\s+(?:\w+\s+){0,3}?(?:strike|raid|attack|operation)\s+)?(?:was|is|were))\s+"
    rf"(?:(?:{_GAP_WORD})[\s,]+){{0,6}}$",
)
_TARGET_AFTER = re.compile(
    # 'X's private residence was hit by an attack drone'
    rf"^[’']s?\s+(?:\w+\s+)?{_HOME}\s+(?:was|had\s+been|has\s+been)\s+(?:hit|struck|targeted|bombed)\b|"
    r"^[^.;:“”\"]{0,100}?\s(?:was|were|had\s+been|has\s+been|is|are|appeared\s+to\s+be|"
    r"(?:was|is)\s+believed\s+to\s+(?:be|have\s+been))\s*(?:,[^,;.]{1,60},\s*)?(?:the\s+)?"
    r"(?:(?:main|intended|apparent|likely|primary|real)\s+)?(?:among\s+(?:those|the\s+\w+)\s+)?"
    r"(?:targeted|target)\b",
    re.I,
)
_HEARSAY = re.compile(
    r"\b(?:social\s+media|unconfirmed|unverified|rumou?r\w*|(?:reports?|posts?|accounts?)\s+\w*\s*claimed)\b",
    re.IGNORECASE,
)
_NOT_TARGET = re.compile(r"\b(?:not\s+the\s+target|was\s+not\s+targeted)\b", re.I)
_LIST_START = re.compile(
    r"^\s*(?:the\s+list\s+included|they\s+(?:were|included)|among\s+them|those\s+killed|the\s+dead\s+"
    r"(?:were|included)|also\s+killed\s+were|the\s+victims\s+(?:were|included)|they\s+are)\b",
    re.I,
)
_PLACE_AFTER = re.compile(
    r"^\s+(?:international\s+|military\s+|oil\s+)?(?:port|fuel\s+port|oil\s+terminal|terminal|airport|air\s*base|base|hospital|camp|refinery|"
    r"market|district|province|governorate|village|town|city|neighbou?rhood|square|street|road|mosque|"
    r"school|university|bridge|dam|field|facility|plant|complex|building|tower|hall|cemetery)\b",
    re.I,
)
_FAMILY_AFTER = re.compile(r"^\s+(?:family|families|clan|tribe|household)\b", re.I)
# 'near the town of Urm al-Kubra': a place named like a person.
_PLACE_BEFORE = re.compile(
    r"\b(?:town|village|city|hamlet|district|province|governorate|neighbou?rhood|suburb|camp)\s+of\s+$", re.I
)
_SPEAKER_AFTER = speaker_after(
    "pledged|vowed|described|condemned|called|urged|denied|accused|blamed|insisted|confirmed|expressed|"
    "apologi[sz]ed|defended|ordered|authori[sz]ed|approved"
)
_SPEAKER_BEFORE = re.compile(r"(?:according\s+to|told|quoted|by)\s+(?:[\w.]+\s+){0,3}$", re.I)
# Roles of armed groups: a killed 'commander' was what the strike was after; a killed 'chief
# of staff to the prime minister' or a mayor may have been a bystander.
_ARMED_ROLES = ARMED_ROLES | {"fighter", "strategist", "financier", "bombmaker", "co-founder"}
_DEATH_CONTEXT = re.compile(
    r"\b(?:killed|(?:killing|deaths?)\s+of|dead|died|slain|martyred|wounded|injured|survived|targeted|targets?|assassinat\w+|victims?|"
    rf"funeral|bodies|body|{_HOME}\s+of)\b|[’']s\s+(?:\w+\s+)?{_HOME}\b",
    re.I,
)


@dataclass(frozen=True)
class Named:
    """One person named in one sentence, with what the words around the name say."""

    person: PersonValue
    score: float


def split_title(span: NameSpan) -> tuple[str | None, NameSpan]:
    """'Information Minister Hashim Sharafuddin' -> ('Information Minister', 'Hashim Sharafuddin')."""
    words = span.text.split()
    roles = ROLE_NOUNS | {t.lower() for t in TITLES}
    last_role = max((i for i, w in enumerate(words) if w.lower().strip(",") in roles), default=-1)
    if last_role < 0 or len(words) - last_role - 1 < 2:
        return None, span
    title = " ".join(words[: last_role + 1])
    rest = " ".join(words[last_role + 1 :])
    start = span.start + span.text.index(rest, len(title))
    return title, NameSpan(rest, start, start + len(rest), span.possessive)


def _nearest(text: str, at: int, patterns: dict[str, re.Pattern[str]]) -> str | None:
    best: tuple[int, str] | None = None
    for fate, pattern in patterns.items():
        for m in pattern.finditer(text):
            distance = min(abs(m.start() - at), abs(m.end() - at))
            if best is None or distance < best[0]:
                best = (distance, fate)
    return best[1] if best else None


_FATES = {"killed": _KILL, "injured": _INJURED, "survived": _SURVIVED}


def _role_after(text: str) -> str | None:
    """', a senior Hezbollah commander' after a name: the role noun, if any."""
    m = re.match(r"^\s*,\s+(?:who\s+(?:was|is)\s+)?(?:the\s+|a\s+|an\s+)?([^,.;]{1,80})", text)
    if not m:
        return None
    words = [w.lower().strip(",") for w in m.group(1).split()]
    return next((w for w in words if w in ROLE_NOUNS), None)


_YEAR_CUE = re.compile(r"cue:(?:in|since|of)\s+(?:19|20)\d\d$")


def _before_other_date(text: str) -> int:
    """Where the clause about another day begins ('..., a commander killed in Damascus in 2008')."""
    found = find_dates(text)
    year = re.search(r"\b(?:19|20)\d\d\b", text)
    starts = [m.start for m in found if not m.relative] + ([year.start()] if year else [])
    if not starts:
        return len(text)
    first = min(starts)
    comma = text.rfind(",", 0, first)
    return comma if comma > 0 else 0


def named_people(info: SentenceInfo, gaz: Gazetteer, inherited: str | None = None) -> list[Named]:
    """The people a sentence names as touched by the strike; `inherited` is a list's fate.

    A sentence the orchestrator set aside only for naming another day is read up to the
    clause that names it: 'Among the dead was X, the son of Y, a commander killed in 2008'.
    """
    s = info.sentence
    text = s.text
    if s.is_title and title_case(text):
        return []  # 'Texas Jihadis Killed in Drone Strike': capitals tell no names apart
    if info.background:
        if not all(r == "date" or _YEAR_CUE.match(r) for r in info.background):
            return []
        text = text[: _before_other_date(text)]
    listed = inherited is not None and bool(_LIST_START.search(text))
    if not listed and not (_DEATH_CONTEXT.search(text) or _SURVIVED.search(text)):
        return []
    out: list[Named] = []
    for raw in name_runs(text):
        title, span = split_title(_without_nationality(strip_titles(raw), gaz))
        if not is_name(span, gaz):
            continue
        before, after = text[max(0, span.start - 80) : span.start], text[span.end :]
        if _SPEAKER_AFTER.match(after) or _SPEAKER_BEFORE.search(before[-40:]) or _speaks_last(before, after):
            continue
        if RELATION_BEFORE.search(before) or _PLACE_AFTER.match(after) or _PLACE_BEFORE.search(before):
            continue
        if _FAMILY_AFTER.match(after):
            continue  # 'the home of the Abu Anza family': a family's name, not one person's
        if any(a <= span.start < b for a, b in info.foreign):
            continue
        fate = inherited if listed else _nearest(text, span.start, _FATES)
        hearsay = fate is not None and bool(_HEARSAY.search(text[: span.start]))
        if hearsay:
            # 'Reports on social media claimed X was killed': named, but the fate is a rumour.
            fate = "unknown"
        role = (title.split()[-1].lower() if title else None) or _role_after(after)
        targeted = _targeted(before, after) and not _NOT_TARGET.search(text)
        if not targeted and fate == "killed" and role in _ARMED_ROLES:
            targeted = True
        if fate is None and not targeted:
            continue
        value = PersonValue(
            text=span.text,
            evidence=Evidence(quote=text, start=s.start, end=s.end, match="exact"),
            role=title or role,
            targeted=targeted,
            fate=fate or ("targeted" if targeted else "unknown"),  # type: ignore[arg-type]
        )
        out.append(Named(value, info.relevance + (1.0 if targeted else 0.0)))
    return out


def _without_nationality(span: NameSpan, gaz: Gazetteer) -> NameSpan:
    """'American Warren Weinstein', 'Italian Giovanni Lo Porto': the nationality is no part of the name."""
    first, _, rest = span.text.partition(" ")
    if " " not in rest.strip() or not gaz.demonym(first):
        return span
    start = span.start + len(first) + 1
    return NameSpan(rest, start, span.end, span.possessive)


_SAID_BEFORE = re.compile(r"\b(?:said|says)\s+$")
_CLAUSE_GOES_ON = re.compile(
    r"^[’']?s?\s*(?:,[^,.;]*,\s*)?(?:was|were|had|has|is|are|died|survived|and|who)\b"
)


def _speaks_last(before: str, after: str) -> bool:
    """'..., said Charles Lister, a fellow at the Brookings Doha Center': the speaker of a quote
    comes after 'said'; 'said X was killed' goes on to say what happened to X."""
    return bool(_SAID_BEFORE.search(before)) and not _CLAUSE_GOES_ON.match(after)


def _targeted(before: str, after: str) -> bool:
    """A target word governs this name: it stands just before it, or the name is said to be the target."""
    return bool(_TARGET_BEFORE.search(before) or _TARGET_AFTER.match(after))


def list_fate(info: SentenceInfo) -> str | None:
    """The fate a following list sentence inherits ('... among the dead, along with nine ministers.')."""
    return _nearest(info.sentence.text, len(info.sentence.text), _FATES)
