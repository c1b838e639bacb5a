"""The person the strike targeted or killed, with role and organisation as the article gives them.

A capitalised name counts only in a death or target context and with a cue that ties it
to the strike: 'identified as X', 'named as X', 'the dead commander was X', 'killed X',
'Hamas commander X', 'the commander in charge of ..., X', 'X, a senior commander of Y'.
Names followed by 'said' are speakers, not victims. Role and organisation come from the
apposition next to the name ('a high-ranking leader in Kataib Hezbollah').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsheet.extractors.offline.candidates import Candidate
from factsheet.extractors.offline.context import SentenceInfo
from factsheet.extractors.offline.gazetteer import Gazetteer
from factsheet.extractors.offline.lexicons import (
    JOB_WORDS,
    NON_ARMED_BODIES,
    NOT_NAME_WORDS,
    PLACE_WORDS,
    REGION_DEMONYMS,
    ROLE_ADJECTIVES,
    ROLE_NOUNS,
    SHIP_PREFIXES,
    TITLES,
)
from factsheet.extractors.offline.names import ORG_RUN, NameSpan, clean_span, name_runs, title_case, tokens_of
from factsheet.normalise.organisations import known

_ROLE = "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
_ROLE_ADJ = "|".join(sorted(ROLE_ADJECTIVES, key=len, reverse=True))

_IDENTIFIED = re.compile(r"\b(?:identified|named)\s+(?:him\s+|her\s+|them\s+|the\s+\w+\s+)?as\s+$", re.I)
_WAS_DEAD = re.compile(
    rf"\b(?:dead|slain|killed|targeted|deceased|assassinated)\s+(?:(?:{_ROLE}|man|person|victim)\s+)?(?:was|is)\s+$"
    rf"|\b(?:{_ROLE}|victim|target)\s+(?:killed\s+|targeted\s+)?(?:was|is)\s+$",
    re.I,
)
_KILLED_BEFORE = re.compile(
    rf"\b(?:killed|killing|kills|assassinated|assassinating|targeted|targeting|eliminated|eliminating|"
    rf"among\s+the\s+dead\s+(?:was|were)|among\s+those\s+killed\s+(?:was|were))\s+"
    rf"(?:(?:the|a|an)\s+)?(?:(?:{_ROLE_ADJ})\s+)*(?:[A-Z][\w’'\-]*\s+){{0,3}}?(?:(?:{_ROLE})\s+)?$",
    re.I,
)
# 'the strikes killed several senior figures, including the head of the IRGC, Hossein Salami'
_KILLED_INCLUDING = re.compile(
    r"\b(?:killed|killing|kills)\s+[^.;]{0,80}?\bincluding\s+(?:[^,.;]{0,80},\s+)?$", re.I
)
# 'senior Hezbollah commander X': adjectives, then the organisation, then the role noun.
_TITLE_BEFORE = re.compile(
    rf"(?P<adj>(?:\b(?:{_ROLE_ADJ})\s+)*)(?P<org>(?:[A-Z][\w’'\-]*\s+){{1,3}})?"
    rf"(?P<adj2>(?:\b(?:{_ROLE_ADJ})\s+)*)\b(?P<role>(?:{_ROLE}))\s*,?\s+$",
)
_APPOSITION_BEFORE = re.compile(rf"\b(?P<role>{_ROLE})\b[^.;“”\"]{{0,80}},\s+$", re.I)
_APPOSITION_AFTER = re.compile(
    r"^\s*,\s+(?:a|an|the|who\s+(?:was|is)\s+(?:a|an|the))\s+(?P<np>[^,.;]{1,90})", re.I
)
_DIED_AFTER = re.compile(
    r"^(?:\s*,[^,;.]{1,90},)?\s+(?:was|were|has\s+been|had\s+been|is)\s+(?:\w+\s+){0,2}?(?:killed|identified|among\s+the\s+dead|slain|"
    r"assassinated|targeted)\b",
    re.I,
)


def speaker_after(more_verbs: str = "") -> re.Pattern[str]:
    """'X said', 'X, a spokesman, told', 'X on Tuesday denounced': X speaks and is no victim;
    so does 'X, a member of the PLO and the spokesman for ... in Lebanon, who said'.

    One pattern for the target cues and the victims; the victims' reading adds verbs of its own.
    """
    verbs = (
        "said|says|told|added|wrote|stated|warned|announced|denounced|decried|slammed|critici[sz]ed|confirmed|"
        "downplayed|insisted|tweeted|posted|explained|saying|noted|stressed|indicated|provided|shared|"
        # 'X reported an increase in the toll', not 'X reported killed'
        r"reported(?!\s+(?:to\s|killed|dead|wounded|injured|missing|among|as\s))"
    )
    return re.compile(
        r"^\s*,?\s*(?:(?:[^,.;]{0,90},\s*){0,2}|,[^.;]{0,160}?,\s*who\s+)"
        r"(?:also\s+|later\s+|earlier\s+|then\s+)?(?:on\s+\w+day\s+)?"
        r"(?:in\s+an?\s+(?:statement|interview|tweet|post|briefing)\s+|on\s+(?:twitter|telegram|x)\s+)?"
        r"(?:has\s+|had\s+|have\s+)?"
        rf"(?:{verbs}{'|' + more_verbs if more_verbs else ''})\b"
    )


_SPEAKER_AFTER = speaker_after()
# 'the son of X', 'X's widow': the relative places the victim, and is not one.
RELATION_BEFORE = re.compile(
    r"\b(?:(?:son|sons|daughter|daughters|father|mother|brother|sister|wife|husband|widow|nephew|niece|"
    r"cousin|uncle|grandson|granddaughter|successor|predecessor)\s+of"
    # 'a senior aide to ISIS leader Abu Bakr al-Baghdadi': the man placed, not the one named.
    r"|(?:aide|adviser|advisor|deputy|lieutenant|assistant|confidant|right-hand\s+man)\s+(?:to|of)"
    # 'forces loyal to Khalifa Haftar': the leader of a side, named to place it.
    r"|loyal\s+to|led\s+by|commanded\s+by|allied\s+(?:to|with))\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$",
    re.I,
)
_SPEAKER_BEFORE = re.compile(
    r"(?:according\s+to|President|Prime\s+Minister|Minister|spokes(?:man|woman|person)|Secretary|said|told)[\s,]+"
    r"(?:[\w.]+\s+){0,2}[\s,]*$",
    re.I,
)
# 'Strike on Iran will show the world Israel's might: Defence chief Yoav Gallant': a headline's
# speaker, after the colon that ends his words.
_BYLINE = re.compile(r":\s+(?:[A-Z][\w’'-]*\s+|[a-z]+\s+){0,3}$")


def _byline(before: str, after: str) -> bool:
    return bool(_BYLINE.search(before)) and not after.strip(" .\"”’'")


_IDENTIFIED_ANYWHERE = re.compile(r"\b(?:identified|named)\s+(?:\w+\s+){0,2}as\b", re.I)
_DEATH_WORDS = re.compile(
    r"\b(?:fatalit|dead|killed|died|slain|target|assassinat|victim|strike|struck)", re.I
)
_MIN_SCORE = 2
# A name word that is also a city this big is a place ('Iran-backed Baghdad militia'), not a person.
_BIG_CITY = 500_000


@dataclass(frozen=True)
class Person:
    role: str | None
    organisation: str | None


_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "dozens",
        "scores",
        "hundreds",
    ]
)


def is_name(span: NameSpan, gaz: Gazetteer) -> bool:
    if known(span.text) or span.text[:1] in '“”"' or span.text[-1:] in '“”"':
        return False  # 'a Hashd al-Shaabi (PMF) base': a group's name; '“Waziristani refugees”': a phrase
    words = tokens_of(span.text)
    plain = [w for w in words if w.lower() not in ("al", "el", "bin", "ibn", "bint", "abu", "de")]
    titled = len(words) == 2 and words[0] in TITLES
    if (len(words) < 2 or not plain) and not titled:
        return False
    if words[0] in SHIP_PREFIXES or any(w.lower() in PLACE_WORDS for w in words):
        return False
    if any(span.text == b or span.text.startswith(b + " ") for b in NON_ARMED_BODIES):
        return False
    if any(w in NOT_NAME_WORDS or w.rstrip(".") in NOT_NAME_WORDS for w in words):
        return False
    for word in words:
        if (
            re.search(r"-(?:backed|aligned|allied|linked|led|based|born)$", word)
            or gaz.country(word)
            or gaz.demonym(word)
            or word in REGION_DEMONYMS
            or word.lower() in _NUMBER_WORDS
            or word in ("FM", "PM", "MP")
        ):
            return False
        city = gaz.city(word)
        if city is not None and city.population >= _BIG_CITY:
            return False
    return not gaz.cities.get(span.text.lower()) or len(words) > 2


_DESCRIPTOR_WORD = re.compile(r"^[A-Z][a-z]+-(?:[a-z]+ed|born|based|backed|led|linked|trained)$")


def strip_titles(span: NameSpan) -> NameSpan:
    """'Gen. Qassem Soleimani' -> 'Qassem Soleimani', but 'Mullah Fazlullah' keeps the title it goes by;
    'Red-bearded Al-Shishani' -> 'Al-Shishani' (a descriptor opening the sentence)."""
    text, start = span.text, span.start
    while True:
        first, _, rest = text.partition(" ")
        described = bool(_DESCRIPTOR_WORD.match(first)) and bool(rest)
        if (first.lower() in JOB_WORDS and rest) or (first in TITLES and " " in rest.strip()) or described:
            start += len(first) + 1
            text = rest.lstrip()
        else:
            return NameSpan(text, start, start + len(text), span.possessive)


def _role_from_np(np: str) -> Person:
    """'senior Hezbollah commander' or 'high-ranking leader in Kataib Hezbollah' -> role and organisation."""
    words = np.split()
    role_at = next((i for i, w in enumerate(words) if w.lower().strip(",") in ROLE_NOUNS), None)
    if role_at is None:
        return Person(None, None)
    role_end = role_at + 1
    while role_end < len(words) and words[role_end].lower() in ROLE_NOUNS:
        role_end += 1
    adjectives = [w for w in words[:role_at] if w.lower() in ROLE_ADJECTIVES]
    role = " ".join([*adjectives, *words[role_at:role_end]])
    org_words = [w for w in words[:role_at] if w[:1].isupper() and w.lower() not in ROLE_ADJECTIVES]
    organisation = " ".join(org_words) or None
    rest = " ".join(words[role_end:])
    m = re.match(r"(?:of|in|within|with|from)\s+(?:the\s+)?(.*)", rest)
    if m and not organisation:
        run = ORG_RUN.match(m.group(1))
        cleaned = clean_span(m.group(1), 0, run.end()) if run else None
        organisation = cleaned.text if cleaned else None
    return Person(role, organisation)


def person_candidates(info: SentenceInfo, gaz: Gazetteer) -> list[Candidate]:
    s = info.sentence
    text = s.text
    if s.is_title and title_case(text):
        return []  # capitals tell no names apart in a Title Case headline
    if not (info.kills or _DEATH_WORDS.search(text) or _IDENTIFIED_ANYWHERE.search(text)):
        return []
    out: list[Candidate] = []
    for raw in name_runs(text):
        span = strip_titles(raw)
        if not is_name(span, gaz):
            continue
        before, after = text[max(0, span.start - 120) : span.start], text[span.end :]
        if _SPEAKER_AFTER.match(after) or _SPEAKER_BEFORE.search(before[-40:]) or _byline(before, after):
            continue
        if RELATION_BEFORE.search(before):
            continue
        score = 0
        person = Person(None, None)
        if _IDENTIFIED.search(before):
            score += 4
        m = _WAS_DEAD.search(before)
        if m:
            score += 4
            role_word = re.search(rf"\b({_ROLE})\b", m.group(), re.I)
            person = Person(role_word.group(1) if role_word else None, None)
        if _KILLED_BEFORE.search(before) or _KILLED_INCLUDING.search(before):
            score += 3
        title = _TITLE_BEFORE.search(before)
        if title:
            score += 2
            org = (title.group("org") or "").strip() or None
            if org and (gaz.demonym(org) or gaz.country(org) or org.split()[0] in ("The", "A", "An")):
                org = None
            role = " ".join([*title.group("adj").split(), *title.group("adj2").split(), title.group("role")])
            person = Person(role, org)
        elif _APPOSITION_BEFORE.search(before) and re.match(r"^\s*(?:[.;]|$)", after):
            score += 2
            role_word = _APPOSITION_BEFORE.search(before).group("role")  # type: ignore[union-attr]
            person = Person(role_word, None)
        appos = _APPOSITION_AFTER.match(after)
        if appos:
            parsed = _role_from_np(appos.group("np"))
            if parsed.role:
                score += 2
                person = Person(parsed.role, parsed.organisation or person.organisation)
        if _DIED_AFTER.match(after):
            score += 3
        if score >= _MIN_SCORE:
            out.append(
                Candidate(
                    span.text,
                    s.start + span.start,
                    s.start + span.end,
                    info,
                    tier=min(score, 6) * 0.5,
                    data=person,
                )
            )
    return out
