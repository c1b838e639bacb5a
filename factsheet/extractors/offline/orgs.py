"""The organisation the strike targeted, or that its target belonged to.

Strongest evidence ties the organisation to the target: 'head of X', 'a commander of X',
'a leader in X', 'an X commander'. Weaker: 'the X militia/group/movement', 'militia X'.
Weakest: a well-known armed group named in a strike sentence. States, demonyms and places
are never organisations here ('a US commander', 'Iraqi militias').
"""

from __future__ import annotations

import re

from factsheet.extractors.offline.candidates import Candidate
from factsheet.extractors.offline.context import SentenceInfo
from factsheet.extractors.offline.gazetteer import Gazetteer
from factsheet.extractors.offline.lexicons import (
    ARMED_GROUPS,
    CITY_NOUNS,
    DISTRICT_NOUNS,
    NON_ARMED_BODIES,
    NOT_ORG_WORDS,
    NUMBER_WORD,
    ORG_NOUNS,
    REGION_DEMONYMS,
    ROLE_ADJECTIVES,
    ROLE_NOUNS,
)
from factsheet.extractors.offline.names import ORG_RUN, NameSpan, name_runs, title_case, tokens_of
from factsheet.extractors.offline.people import speaker_after
from factsheet.normalise.organisations import known

# Spokesmen, officials and heads speak for a body ('a United Nations official said'); they
# rarely tie it to what a strike targets. Armed roles do ('a commander of X').
_SPEAKING_ROLES = {
    "spokesman",
    "spokesperson",
    "official",
    "head",
    "minister",
    "secretary",
    "chairman",
    "adviser",
    "advisor",
    "engineer",
    "secretary-general",
    "figure",
}
_ROLE = "|".join(sorted(ROLE_NOUNS - _SPEAKING_ROLES, key=len, reverse=True))
_ANY_ROLE = "|".join(sorted(ROLE_NOUNS - {"spokesman", "spokesperson"}, key=len, reverse=True))
_SPEECH = re.compile(r"\b(?:said|says|told|stated|according\s+to|announced|added|confirmed)\b", re.I)
# 'Houthi-led administration', 'Saudi-backed forces': an adjective, not a group named as a target.
_COMPOUND = re.compile(
    r"-(?:led|backed|back|run|controlled|held|aligned|allied|affiliated|linked|based|supported|born|owned|"
    r"funded|made|built|supplied|manufactured)$"
)
# 'Russia claimed the missile targeted X': what follows a claim verb is the claim's content,
# not a fact of the strike.
_CLAIMED = re.compile(
    # ('Hezbollah claimed responsibility for the attack on a base used by X': the attack as it was)
    r"\b(?:claimed|claims|claiming|asserted|alleged|alleging|insisted|accused|accuses|accusing)\b"
    r"(?!\s+(?:full\s+|complete\s+)?responsibility)",
    re.I,
)
# The group that acts or speaks in the sentence is not what the strike hit: 'Houthi rebels
# blamed the attack on ...', 'Taliban fighters fired on ...', 'the Houthi movement said'.
_ACTS_AFTER = re.compile(
    rf"^(?:\s+(?:{ORG_NOUNS}|forces|troops|leaders?|spokes(?:man|person|woman)|officials?|rebels?|militants?|"
    r"fighters))?"
    r"(?:\s+[A-Z][\w’'-]*){0,3}(?:\s*,\s*(?:however|meanwhile|in\s+turn|for\s+its\s+part)\s*,)?"
    r"(?:[)\]]|\s*,[^,.;]{1,60},)?"  # '(The Houthi movement) denies', 'the group, in a statement, said'
    r"(?i:(?:\s+(?:(?:late\s+|early\s+)?on\s+\w+day|yesterday|today))?(?:\s+(?:has|have|had|were|was))?"
    r"(?:\s+(?:reportedly|also|quickly|later))?"
    r"\s+(?:fired|launched|claimed|claiming|claim|claims|taken|took|blamed|blaming|decried|condemned|accused|denied|denies|deny|said|says|"
    r"vowed|threatened|carried\s+out|attacked|retaliated|warned|mourned|posted|issued|released|published|"
    r"announces|announced))\b"
)
# The war a strike belongs to is not its target: 'the coalition fighting Houthi rebels',
# 'clashes between Afghan forces and Taliban fighters'. Nor is the party blamed for it.
_CONTEXT_BEFORE = re.compile(
    r"\b(?:fighting|battling|at\s+war\s+with|war\s+(?:with|against)|clashes\s+(?:between|with)"
    r"(?:\s+[\w’'-]+){0,5}?\s+and|attributed\s+to|blamed\s+on|claimed\s+by|carried\s+out\s+by|"
    r"(?:launched|fired|conducted)\s+by|partners?\s+of|(?:blamed|blames|blaming|accused|accuses|accusing)|"
    # 'a joint operation between the U.S. and Syrian Democratic Forces': the attacking side.
    r"joint\s+(?:[\w-]+\s+)?(?:operation|raid|mission|strike)s?\s+(?:between|with|by)(?:\s+the)?"
    r"(?:\s+[\w.’'-]+\s+and)?)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$",
    re.I,
)
# 'Reporters Without Borders (RSF)': an acronym in brackets stands for the name before it.
_ACRONYM_OF = re.compile(r"([A-Z][\w’'-]*(?:\s+[\w’'-]+){0,5}?)\s+\($")
# Words that say what kind of group follows, never its name.
_DESCRIPTORS = {
    "shiite",
    "shi'ite",
    "shi\u2019ite",
    "shia",
    "sunni",
    "islamist",
    "jihadist",
    "jihadi",
    "activist",
    "significant",
    "militant",
    "rebel",
    "pro-iranian",
    "pro-government",
    "armed",
    "powerful",
    "notorious",
    "banned",
    "outlawed",
    "proscribed",
    "hardline",
    "extremist",
}
# The tier of a group named by the site a strike hit ('Houthi positions'), between its kind
# ('Houthi rebels') and a role tied to a victim ('a Houthi commander').
SITE_TIER = 2.5
_ROLE_TITLE = "|".join(sorted((w.capitalize() for w in ROLE_NOUNS), key=len, reverse=True))
_CIVIL_BODIES = {
    "Ministry",
    "Government",
    "Cabinet",
    "Parliament",
    "Council",
    "Court",
    "Embassy",
    "Agency",
    "Affairs",
    "Interior",
    "Department",
    # 'Hospital chief Mohammed al-Sawmali said': an institution's head speaks for it.
    "Hospital",
    "Clinic",
    "University",
    "School",
    "Municipality",
}
_RELIGIONS = {"muslim", "muslims", "christian", "christians", "islamic", "jewish", "druze", "alawite"}
_ROLE_ADJ = "|".join(sorted(ROLE_ADJECTIVES, key=len, reverse=True))
_ROLE_OF_PATTERN = (
    r"\b(?:{role})s?\s+(?:of|in|within|from|with)\s+(?:the\s+)?"
    r"(?:(?:[\w’'\-]+\s+){{0,3}}?(?:militia|group|movement|faction|organi[sz]ation)\s+)?$"
)
_AFTER_PATTERN = r"^\s+(?:(?:{adj})\s+)?(?:{role})s?\b"
# In a sentence that quotes someone, 'a United Nations official' or 'the head of X' is the
# speaker's affiliation; elsewhere 'the head of Kataib Hezbollah ... was targeted' is the victim's.
_ROLE_OF = re.compile(_ROLE_OF_PATTERN.format(role=_ROLE), re.I)
_ROLE_AFTER = re.compile(_AFTER_PATTERN.format(adj=_ROLE_ADJ, role=_ROLE), re.I)
_ANY_ROLE_OF = re.compile(_ROLE_OF_PATTERN.format(role=_ANY_ROLE), re.I)
_ANY_ROLE_AFTER = re.compile(_AFTER_PATTERN.format(adj=_ROLE_ADJ, role=_ANY_ROLE), re.I)
# 'the Kataib Hezbollah militia', and what a strike hits: 'Houthi targets', 'Hamas positions'.
_ORG_NOUN_AFTER = re.compile(
    rf"^\s+(?:{ORG_NOUNS}|(?P<site>(?:military\s+)?(?:targets?|positions?|sites?|"
    rf"infrastructure|command(?:\s+and\s+control)?\s+(?:centres?|centers?|posts?|rooms?)|strongholds?|"
    rf"hideouts?|compounds?)))\b",
    re.I,
)
_BARE_KINDS = frozenset(
    {"Brigade", "Brigades", "Battalion", "Battalions", "Forces", "Force", "Movement", "Front", "Army"}
    | {"Unit", "Units", "Group", "Militia", "Corps", "Regiment", "Division"}
)
# Aircraft and weapon designations ('F-16', 'F16', 'MQ-9', 'Su-24', 'S-300').
_MODEL = re.compile(r"[A-Z]{1,3}-?\d{1,4}[A-Z]?s?")
_COUNT = re.compile(rf"(?i:{NUMBER_WORD})")
_AT_THE = re.compile(r"\b(?:at|in|near|inside|outside)\s+the\s+$", re.I)
_PLACE_NOUN_AFTER = re.compile(
    rf"^\s+(?:{DISTRICT_NOUNS}|{CITY_NOUNS}|province|governorate|region|countryside)\b", re.I
)
_ORG_NOUN_BEFORE = re.compile(
    r"\b(?:militia|group|movement|faction|organi[sz]ation)\s+(?:called\s+|named\s+|known\s+as\s+)?$", re.I
)
# 'a Houthi spokesman', 'the group's al-Manar television': the group speaks, it is not named as hit.
_SPEAKS_FOR_AFTER = re.compile(
    r"^[’']?s?\s+(?:[\w-]+\s+){0,2}(?:spokes(?:man|person|woman)|officials?|media\s+office|television|"
    r"TV|channel|news\s+agency|statements?|ministry|government|administration|authorities|claims?|"
    r"accounts?|figures|allegations?)\b",
    re.I,
)
_NAMED_SPEAKER = re.compile(rf"^\s+(?:[A-Z][\w’'-]+\s+){{0,3}}[A-Z][\w’'-]+(?={speaker_after().pattern[1:]})")
_SPEAKER_BEFORE = re.compile(
    r"\b(?:according\s+to|affiliated\s+with|linked\s+to|spokes(?:man|person|woman)\s+for)\s+(?:the\s+)?$"
    # 'Pak airstrikes kill 46 in Afghanistan: Taliban': the source a headline credits
    r"|:\s*$",
    re.I,
)
_GROUPS = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(g) for g in sorted(ARMED_GROUPS, key=len, reverse=True))
    + r")(?![\w-])"
)


def _valid(span: NameSpan, gaz: Gazetteer) -> bool:
    if _COMPOUND.search(span.text) or any(
        span.text == b or span.text.endswith(b) or span.text.startswith(b + " ") for b in NON_ARMED_BODIES
    ):
        return False
    words = tokens_of(span.text)
    if not words or words[0] in NOT_ORG_WORDS or all(w in NOT_ORG_WORDS for w in words):
        return False
    if len(words) == 1 and words[0] in _BARE_KINDS:
        return False  # 'the Turkmen Brigades' stripped of its people's name: a kind, not a group
    if all(_MODEL.fullmatch(w) or _COUNT.fullmatch(w) for w in words):
        return False  # 'an Israeli F-16 fighter jet', '"Twelve targets ...': a model, a count
    if any(w in _CIVIL_BODIES for w in words):
        return False  # 'the Interior Ministry of the Houthi government' speaks; it is not hit
    if gaz.country(span.text) or gaz.demonym(span.text) or gaz.cities.get(span.text.lower()):
        return False
    if span.text in REGION_DEMONYMS:
        return False  # 'European leaders meet in Brussels': a region's people, not a group
    return not (len(words) == 1 and (gaz.demonym(words[0]) or gaz.country(words[0])))


def _descriptor(word: str, gaz: Gazetteer) -> bool:
    """A word that describes a group before its name ('Yemeni', 'Shiite', 'Iran-aligned')."""
    bare = word.strip("\"\u201c\u201d\u2018\u2019'")
    return bool(
        _COMPOUND.search(bare)
        or bare.lower() in _DESCRIPTORS
        or gaz.demonym(bare)
        or (gaz.country(bare) and len(bare) > 3)
    )


def _strip_descriptors(span: NameSpan, gaz: Gazetteer) -> NameSpan | None:
    """'Significant Lebanese Hezbollah' names Hezbollah; 'Shiite Muslim' names no group at all."""
    text, start = span.text, span.start
    while not known(text):
        m = re.match(r"(\S+)\s+", text)
        if m is None or not _descriptor(m.group(1), gaz):
            break
        text, start = text[m.end() :], start + m.end()
    if _descriptor(text, gaz) or text.lower() in _RELIGIONS:
        return None
    return NameSpan(text, start, span.end, span.possessive)


# A capitalised preposition opening a sentence joins the name run ('Among the al-Qaeda
# operatives'); it is not part of the group's name.
_OPENING_PREPOSITIONS = (
    "Among|Amongst|Against|Including|Despite|Unlike|Like|Between|Besides|Beyond|Within|Inside|Outside"
    "|Near|Towards?|Without|Through|Across|Amid|Alongside|For|From|With|By|Under|Over|During|After|Before"
)

# 'Thirteen Hamas members were killed': a count opening the sentence is no part of the name.
_OPENING_QUANTITIES = rf"(?i:{NUMBER_WORD}|dozens|scores|hundreds|several|many|some|both|all)"


def _runs(text: str, gaz: Gazetteer) -> list[NameSpan]:
    out = []
    for found in name_runs(text, ORG_RUN):
        # Drop a leading 'The' so 'The Kataib Hezbollah militia' gives the name itself.
        span: NameSpan | None = found
        # 'Head of Hezbollah's Media Relations Office': the body after a leading role.
        lead = re.match(
            rf"(?:(?:The|A|An)\s+)?(?:{_ROLE_TITLE})\s+of\s+(?:the\s+)?|(?:The|A|An)\s+"
            rf"|(?:{_OPENING_PREPOSITIONS})\s+(?:the\s+)?|(?:{_OPENING_QUANTITIES})\s+(?:of\s+the\s+)?",
            found.text,
        )
        if lead:
            span = NameSpan(found.text[lead.end() :], found.start + lead.end(), found.end, found.possessive)
        span = _strip_descriptors(span, gaz) if span else None
        if span is None:
            continue
        long_name = re.match(r"\s+and\s+(?:the\s+)?(?:Levant|Syria|al-Sham)\b", text[span.end :])
        if long_name and known(span.text + long_name.group()):
            # 'Islamic State of Iraq and the Levant': the run stops at 'and'; the name does not.
            span = NameSpan(
                text[span.start : span.end + long_name.end()], span.start, span.end + long_name.end()
            )
        # 'X in Y' is one name only when Y is a country and X alone names no known group
        # ('Islamic Resistance in Iraq', but 'Houthi in Saudi Arabia' is the Houthis).
        inside = re.search(r"\s+in\s+(?P<place>.+)$", span.text)
        if inside and (not gaz.country(inside.group("place")) or known(span.text[: inside.start()])):
            cut = inside.start()
            span = NameSpan(span.text[:cut], span.start, span.start + cut)
        if span.start > 0 and (text[span.start - 1].isalnum() or text[span.start - 1] == "-"):
            continue  # 'MiG-31K': the end of a model name, not a name of its own
        out.append(_without_person(span))
    return out


# Words that carry a group's name on ('Hamas Political Bureau'); after them, no person begins.
_BODY_WORDS = frozenset(
    {
        *("Brigades", "Brigade", "Movement", "Council", "Bureau", "Front", "Forces", "Force", "Army"),
        *("Group", "Wing", "Office", "Party", "Unit", "Units", "Command", "Corps", "Network", "Province"),
        *("Organisation", "Organization", "Committee", "Division", "Battalion", "Media"),
    }
)


def _without_person(span: NameSpan) -> NameSpan:
    """'the leader of al-Qaeda Abu al-Khayr al-Masri': the group's name stops before the person's."""
    if known(span.text):
        return span
    words = list(re.finditer(r"\S+", span.text))
    for n in range(len(words) - 2, 0, -1):
        head = span.text[: words[n - 1].end()]
        rest = [w.group() for w in words[n:]]
        if known(head) and not any(w in _BODY_WORDS for w in rest):
            return NameSpan(head, span.start, span.start + len(head), span.possessive)
    return span


# A state's forces, or forces loyal to it, as what the strike hit: 'the first attack against the
# Syrian army', 'killed about 100 pro-government fighters', 'a strike on government-backed troops'.
_FORCES_HIT = re.compile(
    r"\b(?:against|on|targeting|targeted|struck|hit|killed|killing)\s+(?:the\s+)?"
    r"(?:(?:an\s+estimated|about|around|more\s+than|at\s+least|dozens\s+of|scores\s+of|some|nearly)\s+)?"
    r"(?:\d[\d,]*\s+)?"
    r"(?P<org>(?P<dem>[A-Z][a-z]+)\s+(?:army|military|armed\s+forces|government\s+forces|regime\s+forces)"
    r"|pro-[\w-]+(?:\s+government)?\s+(?:forces|fighters|troops|militias?)"
    r"|(?:government|regime)-(?:backed|allied|aligned)\s+(?:forces|fighters|troops|militias?))\b"
    # 'hit Ukrainian military airfields': the army's sites, named by the attacker as its targets.
    r"(?!\s+(?:airfields?|facilities|targets|infrastructure|installations|sites|depots?|bases?|equipment|"
    r"positions|enterprises|objects))"
)


def _forces_hit(text: str, gaz: Gazetteer) -> list[NameSpan]:
    """A state's forces named as the ones struck (the demonym must be a state's)."""
    out = []
    for m in _FORCES_HIT.finditer(text):
        if m.group("dem") and not gaz.demonym(m.group("dem")):
            continue
        out.append(NameSpan(m.group("org"), m.start("org"), m.end("org")))
    return out


def _stands_for_another(before: str, name: str) -> bool:
    """An acronym in brackets after another body's name is that body ('Reporters Without Borders (RSF)')."""
    m = _ACRONYM_OF.search(before)
    return bool(m) and known(m.group(1)) != known(name)


# 'an attack on a base by the rebel Houthi movement', 'a drone flown by Houthi rebels': the agent.
_BY_BEFORE = re.compile(r"\b(?P<verb>[\w-]+)\s+by\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", re.I)
# ... but not who uses or holds the place hit ('a base used by Hezbollah').
_HOLDING_VERBS = frozenset(
    {"used", "run", "controlled", "held", "operated", "owned", "occupied", "manned", "frequented", "led"}
)


# 'a Houthi drone attack on a base': the group's own attack, so the group is the attacker.
_ACTION_AFTER = re.compile(
    r"^\s+(?:(?:drone|missile|rocket|suicide|bomb|mortar|artillery)\s+)?(?:attacks?|assaults?|offensive|"
    r"barrage|fire)\b",
    re.I,
)


def _agent(before: str) -> bool:
    m = _BY_BEFORE.search(before)
    return m is not None and m.group("verb").lower() not in _HOLDING_VERBS


_USED_BY = re.compile(
    r"\b(?:centres?|centers?|posts?|sites?|positions?|compounds?|facility|facilities|buildings?|base|bases|"
    r"depots?|hideouts?|rooms?)[”\"]?\s+(?:used|utili[sz]ed|operated|run|manned)\s+by\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,3}$"
    # 'a training base of the Golani Brigade': a unit's own base
    r"|\b(?:base|bases|barracks|camp|camps)\s+of\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,3}$",
    re.I,
)
_SPOKE_AFTER = speaker_after("denied")


def _speaks_through(after: str, role_after: re.Pattern[str]) -> bool:
    """'X commander Mazloum Kobane announced': a named member of the group speaks for it."""
    role = role_after.match(after)
    return role is not None and bool(_NAMED_SPEAKER.match(after[role.end() :]))


def _acts_or_speaks(before: str, after: str, role_after: re.Pattern[str]) -> bool:
    """The group named here acts, speaks or is the context of the war, so is not what was hit:
    the checks every kind of group mention goes through."""
    return bool(
        _agent(before)
        or _ACTION_AFTER.match(after)
        or _SPEAKS_FOR_AFTER.match(after)
        or _CONTEXT_BEFORE.search(before)
        or _ACTS_AFTER.match(after)
        or _speaks_through(after, role_after)
    )


def org_candidates(info: SentenceInfo, gaz: Gazetteer) -> list[Candidate]:
    s = info.sentence
    text = s.text
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    claim = _CLAIMED.search(text)
    claimed_from = claim.start() if claim else len(text)
    quoting = bool(_SPEECH.search(text))
    role_of, role_after = (_ROLE_OF, _ROLE_AFTER) if quoting else (_ANY_ROLE_OF, _ANY_ROLE_AFTER)

    headline = title_case(text)

    def add(span: NameSpan, tier: float) -> None:
        if (span.start, span.end) in seen or not _valid(span, gaz) or span.start > claimed_from:
            return
        if _PLACE_NOUN_AFTER.match(text[span.end :]):
            return  # 'rebel leaders in the Marj area': a place, not a group
        if headline and len(span.text.split()) > 3 and not known(span.text):
            return  # 'Houthi Forces Develop New Missile Launcher': a headline's words, not a name
        seen.add((span.start, span.end))
        out.append(Candidate(span.text, s.start + span.start, s.start + span.end, info, tier=tier))

    def taken(span: NameSpan) -> bool:
        return any(c.start < s.start + span.end and s.start + span.start < c.end for c in out)

    runs = _runs(text, gaz)
    for span in runs:
        before, after = text[max(0, span.start - 80) : span.start], text[span.end :]
        if (
            _acts_or_speaks(before, after, role_after)
            or _SPEAKER_BEFORE.search(before)
            or re.match(r"-(?:led|backed|run|controlled|held)\b", after)
        ):
            continue
        if role_of.search(before) and _SPOKE_AFTER.match(after):
            continue  # 'the Commander of X confirmed': the group speaks through him
        if role_of.search(before) or (role_after.match(after) and not span.possessive):
            add(span, 3.0)
        elif (noun := _ORG_NOUN_AFTER.match(after)) and not span.possessive:
            if noun.group("site") and _AT_THE.search(before):
                continue  # 'its team at the Chornobyl site': where, not whose
            # What a strike hits ('a Hamas compound') ties the group to it more than its kind does.
            add(span, SITE_TIER if noun.group("site") else 2.0)
        elif _USED_BY.search(before):
            add(span, SITE_TIER)  # 'a command and control centre used by the armed group Hamas'
        elif _ORG_NOUN_BEFORE.search(before):
            add(span, 2.0)

    for span in _forces_hit(text, gaz):
        if span.start <= claimed_from and not taken(span):
            out.append(Candidate(span.text, s.start + span.start, s.start + span.end, info, tier=SITE_TIER))
    for m in _GROUPS.finditer(text):
        # A known group inside a longer name ('Kataib Hezbollah') stands for that name.
        span = next((r for r in runs if r.start <= m.start() and m.end() <= r.end), None)
        span = span or NameSpan(m.group(), m.start(), m.end())
        if taken(span):
            continue
        before = text[max(0, span.start - 80) : span.start]
        if (
            _acts_or_speaks(before, text[span.end :], role_after)
            or _SPEAKER_BEFORE.search(before[-30:])
            or _stands_for_another(before, span.text)
        ):
            continue
        add(span, 1.0)
    return out
