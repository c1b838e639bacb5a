"""Death and injury counts, as the phrase the article uses ('All three', 'at least 12 people').

A count is a number phrase bound to a casualty verb: as its object ('killing three
people', 'wounded at least 12') or as its subject ('Three people ... died', 'All three of
them died', 'one of the three men killed'). Numbers inside clauses about other events
('in response to an attack that killed three troops'), subsets ('including two children'),
ages, dates and non-person nouns ('85 airstrikes') are not counts. 'No evidence of civilian
casualties' is not a count of zero; 'no one was hurt' is. Turning the phrase into numbers
is the normalise stage's job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from factsheet.extractors.offline.candidates import Candidate
from factsheet.extractors.offline.context import SentenceInfo
from factsheet.extractors.offline.lexicons import (
    FOREIGN_CLAUSE,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER,
    PERSON_NOUNS,
    QUALIFIER,
)

Kind = Literal["killed", "injured"]

_NUM = re.compile(rf"\b(?:{QUALIFIER}\s+)?{NUMBER}\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z’'\-]*|\d[\d,]*|[.,;:!?()“”\"—–]")
_VERBS: dict[Kind, re.Pattern[str]] = {
    "killed": re.compile(
        r"\b(?P<v>killed|killing|kills|kill|dead|died|die|perished|slain|lost\s+their\s+lives|"
        r"claimed\s+the\s+lives\s+of|deaths?\s+of|death\s+toll|martyred)\b",
        re.IGNORECASE,
    ),
    "injured": re.compile(
        r"\b(?P<v>wounded|wounding|wounds|injured|injuring|injures|hurt|hurting|injuries\s+to)\b",
        re.IGNORECASE,
    ),
}
# Verbs that take the victims as object ('killing three'); the others take them as subject.
_ACTIVE = re.compile(
    r"^(?:killed|killing|kills|kill|claimed\s+the\s+lives\s+of|deaths?\s+of|wounded|wounding|wounds|"
    r"injured|injuring|injures|hurt|hurting|injuries\s+to)$",
    re.IGNORECASE,
)
_TOLL = re.compile(
    rf"\bdeath\s+toll\s+(?:\w+\s+){{0,4}}?(?:to|at|of|is|was|reached|hit)\s+(?P<num>(?:{QUALIFIER}\s+)?{NUMBER})\b",
    re.IGNORECASE,
)
_EITHER = re.compile(
    r"\b(?:killed|dead)\s+(?:or|and/or)\s+(?:wounded|injured)\b|\b(?:wounded|injured)\s+or\s+killed\b"
)
_ZERO = re.compile(
    r"\b(?P<z>no\s+one|nobody|no-one)\s+(?:\w+\s+){0,2}?(?:was|were|has\s+been|had\s+been|is)\s+"
    r"(?:(?:reported|believed)\s+)?(?P<v>killed|hurt|injured|wounded|harmed)\b"
    r"|\b(?P<z2>no\s+(?:deaths|fatalities|injuries))\s+(?:were\s+|have\s+been\s+)?(?:reported|recorded)\b",
    re.IGNORECASE,
)
_OBJECT_GAP = re.compile(r"\s+(?:a\s+total\s+of\s+)?")
_PERSON_ALT = "|".join(sorted({n.lower() for n in PERSON_NOUNS if " " not in n}, key=len, reverse=True))
_SINGLE = re.compile(
    rf"\b(?P<np>(?:[Aa]|[Aa]n)\s+(?:[\w’'\-]+\s+){{0,3}}?(?:{_PERSON_ALT}))\s+(?:was|has\s+been|had\s+been)\s+"
    rf"killed\b|\b(?:killed|killing|kills)\s+(?P<np2>(?:a|an)\s+(?:[A-Za-z’'\-]+\s+){{0,3}}?(?:{_PERSON_ALT}))\b",
)
_AND_MORE = re.compile(
    # '10 members of his family and four close associates'
    r"(?:\s+of\s+(?:his|her|their|its|the)\s+\w+)?"
    rf",?\s+and\s+(?:their|his|her|its|a|an|the|one|two|three|four|five)\s+(?:[A-Za-z’'\-]+\s+){{0,2}}?"
    rf"(?:{_PERSON_ALT})\b"
)
_SUBSET_BEFORE = re.compile(
    r"(?:including|among\s+them|among\s+whom|among\s+those|of\s+whom|of\s+them)\s*$", re.I
)
_PARTITIVE_AFTER = re.compile(r"^\s+of\s+(?:the|those|these)\b", re.I)
_ENUM_AFTER = re.compile(r"^\s+(?:of\s+(?:his|her|their|its)\s+|others?\b)", re.I)
_OF_NOUN = re.compile(r"^\s+of(?:\s+(?:his|her|their|its))?(?=\s)", re.I)
_OF_THEM = re.compile(r"^\s+of\s+(?:them|whom|those)\b", re.I)
_AGE = re.compile(r"^-year-old|^\s*years?\s+old", re.I)
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join((*MONTHS, *MONTH_ABBREVIATIONS)) + r")\.?\s*$")
_BOUNDARY_AFTER = re.compile(
    r"^\s*(?:[.,;:)—–]|$|and\b|in\b|on\b|at\b|near\b|when\b|while\b|as\b|during\b|including\b|after\b|"
    r"across\b|inside\b|since\b|overnight\b|there\b|so\s+far\b)",
    re.I,
)
_AUX_AFTER = re.compile(
    r"^\s+(?:were|was|have|had|are|all|died|perished|dead|killed|wounded|injured|hurt)\b", re.I
)
# Counts of these name a subset of the dead ('at least one leader'), not the total.
_SUBSET_NOUNS = frozenset(
    [
        "leader",
        "leaders",
        "commander",
        "commanders",
        "official",
        "officials",
        "officer",
        "officers",
        "member",
        "members",
    ]
)
_MAX_GAP_WORDS = 10
_MAX_MODIFIERS = 3
_PERSON_LOWER = frozenset(n.lower() for n in PERSON_NOUNS)
# Words that end the modifiers between a number and its noun ('three [US] troops').
_NOT_MODIFIER = frozenset(
    [
        "of",
        "who",
        "which",
        "that",
        "were",
        "was",
        "is",
        "are",
        "and",
        "or",
        "in",
        "on",
        "at",
        "had",
        "have",
        "has",
        "when",
        "after",
        "as",
        "by",
        "with",
        "from",
        "to",
        "for",
        "a",
        "an",
        "the",
        "killed",
        "dead",
        "died",
        "wounded",
        "injured",
        "hurt",
        "killing",
        "wounding",
        "injuring",
        "said",
    ]
)


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    noun: str | None


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _person_after(text: str, pos: int) -> tuple[int, str] | None:
    """A person noun within a few modifiers after pos: (end offset, noun)."""
    m = re.match(r"((?:\s+[A-Za-z’'\-]+){1,4})", text[pos:])
    if not m:
        return None
    offset = pos
    for i, w in enumerate(re.finditer(r"\s+([A-Za-z’'\-]+)", m.group(1))):
        if i > _MAX_MODIFIERS:
            break
        word = w.group(1)
        if word.lower() in _PERSON_LOWER:
            return offset + w.end(), word.lower()
        if word.lower() in _NOT_MODIFIER:
            break
    return None


def _phrase_at(text: str, m: re.Match[str]) -> _Phrase | None:
    """The count phrase starting at a number match, or None when the number is not a head count."""
    before, after = text[: m.start()], text[m.end() :]
    if _AGE.match(after) or _MONTH_BEFORE.search(before) or re.match(r"^\s*(?:%|per\s*cent|percent)", after):
        return None
    if re.search(r"\bno\s*$", before, re.I):
        return None
    more = re.match(r"^\s+more\b", after)
    if more and (_AUX_AFTER.match(after[more.end() :]) or _BOUNDARY_AFTER.match(after[more.end() :])):
        # 'Dozens more were injured'
        return _Phrase(m.start(), m.end() + more.end(), None)
    if _OF_THEM.match(after):
        end = m.end() + _OF_THEM.match(after).end()  # type: ignore[union-attr]
        return _Phrase(m.start(), end, "of them")
    # 'two of his bodyguards', 'dozens of militants': the noun follows 'of'.
    of = _OF_NOUN.match(after)
    person = _person_after(text, m.end() + of.end()) if of else _person_after(text, m.end())
    if person:
        return _Phrase(m.start(), person[0], person[1])
    if _AUX_AFTER.match(after) or _BOUNDARY_AFTER.match(after):
        return _Phrase(m.start(), m.end(), None)
    return None


# Words after which a list of the dead begins ('Cook said Abu Wahib and three others were killed').
_LIST_OPENS = re.compile(r"\b(?:killing|killed|kills|including|when|that|said|says|told)\s+|[-–—]\s+")


def _enumeration_start(text: str, phrase: _Phrase) -> int | None:
    """'the commander and two of his bodyguards': where the enumeration begins, if it is one."""
    after = text[phrase.start :]
    num = _NUM.match(after)
    before = text[: phrase.start]
    if not num or not re.search(r"\b(?:and|along\s+with)\s+$", before):
        return None
    if not _ENUM_AFTER.match(after[num.end() :]):
        # '10 members of his family and four close associates': two counts make one toll.
        counted = [m for m in _NUM.finditer(before) if phrase.start - m.start() <= 80]
        first = counted[-1] if counted else None
        if first is None or re.search(
            r"[.;:]|\b(?:were|was|are|is|been|had|have|has|\w+ed)\b", before[first.start() :]
        ):
            return None  # ('18 of the 31 lorries were destroyed and 20 civilians': two clauses)
        return first.start()
    # Just after the last comma, semicolon or quote, or after a word that opens the list; a
    # comma just before 'and' closes an apposition ('Abu Wahib, the military emir of Anbar, and').
    comma = before.rfind(",") + 1
    apposition = before[comma:].strip() == "and"
    start = max(
        0 if apposition else comma,
        before.rfind(";") + 1,
        0 if apposition else before.rfind("“") + 1,
        *(m.end() for m in _LIST_OPENS.finditer(before)),
    )
    while start < len(before) and before[start] in ' "“':
        start += 1
    if re.fullmatch(r"\s*(?:and|along\s+with)\s*", before[start:]):
        return None  # 'were killed and 12 others were wounded': nobody is listed before 'and'
    return start if phrase.start - start <= 120 else None


def _object_enumeration(text: str, pos: int, add: Callable[[int, int, float], None]) -> bool:
    """'killed the commander and three others': the whole object names the dead (a total of four)."""
    clause = re.match(r"\s+([^.;:]{1,140})", text[pos:])
    if not clause or re.match(r"(?:and|or|in|on|at|by|when|as|after|while|during)\b", clause.group(1), re.I):
        return False
    start = pos + clause.start(1)
    for m in _NUM.finditer(text, start, pos + clause.end(1)):
        joined = re.search(r"\w.*\band\s+$", text[start : m.start()])
        # 'killed Abu Hatab, more than 20 other civilians inside': a comma joins 'other' ones too.
        listed = re.search(r"\w.*,\s+$", text[start : m.start()]) and re.match(
            r"(?:[\w-]+\s+){0,3}?others?\b", text[m.end() :].lstrip()
        )
        if not (joined or listed):
            continue
        phrase = _phrase_at(text, m)
        if phrase is not None and phrase.noun is not None:
            add(start, phrase.end, 2.5)
            return True
    return False


def _object_of_other(text: str, pos: int, kind: Kind) -> bool:
    """Is the count at `pos` the object of the other kind's active verb earlier in its clause?"""
    other: Kind = "injured" if kind == "killed" else "killed"
    clause = re.split(r"[.;:]", text[:pos])[-1]
    return any(
        _ACTIVE.match(v.group("v"))
        and not re.search(r"\b(?:was|were|been|be|is|are)\s+(?:\w+\s+)?$", clause[: v.start()])
        for v in _VERBS[other].finditer(clause)
    )


def _foreign(text: str, pos: int) -> bool:
    """Is the position inside a clause about another event ('in response to ... that killed N')?"""
    return any(
        m.end() <= pos and not re.search(r"[.;]", text[m.end() : pos]) for m in FOREIGN_CLAUSE.finditer(text)
    )


def _tier(phrase: _Phrase, text: str) -> float:
    if phrase.noun in _SUBSET_NOUNS:
        return 2.0
    return 3.0


def _candidate(info: SentenceInfo, start: int, end: int, tier: float) -> Candidate:
    s = info.sentence
    raw = s.text[start:end]
    num = _NUM.match(raw)
    if num and re.match(r"all\b", raw, re.I) and " of " not in raw.lower()[: num.end() + 1]:
        # 'All three individuals perished' -> 'All three': the noun repeats the group.
        end = start + num.end()
    return Candidate(s.text[start:end], s.start + start, s.start + end, info, tier=tier)


_NAME_COMMA_BEFORE = re.compile(r"\b[A-Z][\w’'.-]*\s*,\s*$")


def _age_apposition(text: str, start: int) -> bool:
    """A bare number between commas after a name is the person's age ('Al Masri, 59, was killed')."""
    num = _NUM.match(text, start)
    return (
        num is not None
        and bool(_NAME_COMMA_BEFORE.search(text[:start]))
        and bool(re.match(r"\s*,", text[num.end() :]))
        and num.group().isdigit()
        and int(num.group()) < 110
    )


_IN_DATE_BEFORE = re.compile(r"\d{4}-\d{1,2}-$")
_RANK_BEFORE = re.compile(r"\b(?:number|No\.|no\.|ranked|rank)\s*$", re.IGNORECASE)


def casualty_candidates(info: SentenceInfo, kind: Kind) -> list[Candidate]:
    """Counts of the dead (or injured) stated in one sentence."""
    text = info.sentence.text
    if _EITHER.search(text):
        return []
    numbers = [m for m in _NUM.finditer(text)]
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()

    def add(phrase: _Phrase, tier: float) -> None:
        if _foreign(text, phrase.start) or _SUBSET_BEFORE.search(text[: phrase.start]):
            return
        if _RANK_BEFORE.search(text[: phrase.start]) or _IN_DATE_BEFORE.search(text[: phrase.start]):
            return  # 'at number three on the kill list': a rank; 'date 2025-03-23': a day
        if _age_apposition(text, phrase.start):
            return  # 'Al Masri, 59, was killed': his age
        if _PARTITIVE_AFTER.match(text[_NUM.match(text, phrase.start).end() :]):  # type: ignore[union-attr]
            return
        start = phrase.start
        enum_start = _enumeration_start(text, phrase)
        if enum_start is not None:
            start, tier = enum_start, 2.5
        end = phrase.end
        more = _AND_MORE.match(text, end) if phrase.noun else None
        if more:
            # 'five Chinese nationals and their Pakistani driver': the enumeration is the count.
            end = more.end()
        if (start, end) in seen:
            return
        seen.add((start, end))
        out.append(_candidate(info, start, end, tier))

    def add_raw(start: int, end: int, tier: float) -> None:
        if (start, end) not in seen and not _foreign(text, start) and not _RANK_BEFORE.search(text[:start]):
            seen.add((start, end))
            out.append(_candidate(info, start, end, tier))

    verbs = list(_VERBS[kind].finditer(text))
    other = "injured" if kind == "killed" else "killed"
    all_verbs = sorted([*verbs, *_VERBS[other].finditer(text)], key=lambda m: m.start())
    for verb in verbs:
        word = verb.group("v")
        if word.lower().startswith("death toll"):
            continue
        if re.search(r"[’']s\s+$", text[: verb.start()]):
            continue  # 'in retaliation for al-Kaseasbeh's killing': a noun for his death, no toll
        bound = False
        if _ACTIVE.match(word):
            gap = _OBJECT_GAP.match(text, verb.end())
            nxt = _NUM.match(text, gap.end()) if gap else None
            if nxt:
                phrase = _phrase_at(text, nxt)
                if phrase:
                    add(phrase, _tier(phrase, text))
                    bound = True
            if not bound:
                bound = _object_enumeration(text, verb.end(), add_raw)
        if bound:
            continue
        if word.lower().endswith("ing"):
            continue  # 'with at least seven overnight drone strikes, killing ...': what kills, not who died
        # Subject: the nearest count before the verb in the same clause.
        for num in reversed([n for n in numbers if n.end() <= verb.start()]):
            phrase = _phrase_at(text, num)
            if phrase is None or phrase.end > verb.start():
                continue
            gap = text[phrase.end : verb.start()]
            if re.search(r"[;:]", gap) or len(_words(gap)) > _MAX_GAP_WORDS:
                break
            if any(phrase.end <= v.start() < verb.start() for v in all_verbs if v is not verb):
                break
            if _object_of_other(text, phrase.start, kind):
                break  # 'killed X, 20 other civilians inside, and injured Y': the dead, not the hurt
            add(phrase, _tier(phrase, text))
            break
    if kind == "killed":
        for m in _TOLL.finditer(text):
            num = _NUM.match(text, m.start("num"))
            if num and not _foreign(text, m.start()):
                out.append(_candidate(info, num.start(), num.end(), 3.0))
    for m in _ZERO.finditer(text):
        verb = (m.group("v") or "").lower()
        zero_kind: Kind | None = None
        if m.group("z"):
            zero_kind = "killed" if verb == "killed" else "injured"
        elif m.group("z2"):
            zero_kind = "killed" if re.search(r"deaths|fatalities", m.group("z2"), re.I) else "injured"
        if zero_kind == kind:
            out.append(_candidate(info, m.start(), m.end(), 1.0))
    if kind == "killed" and not out:
        for m in _SINGLE.finditer(text):
            group = "np" if m.group("np") else "np2"
            if not _foreign(text, m.start()):
                out.append(_candidate(info, m.start(group), m.end(group), 0.0))
    return out


# 'There were no casualties', 'no one was killed', 'no injuries were reported'.
_NOBODY = {
    "killed": re.compile(
        r"\b(?:no\s+(?:casualties|deaths|fatalities|immediate\s+(?:casualties|reports\s+of\s+casualties))"
        r"(?:\s+(?:were|was|have\s+been|had\s+been)\s+(?:reported|caused))?"
        r"|(?:no\s+one|nobody)\s+(?:was|were|had\s+been|has\s+been)\s+killed)\b",
        re.IGNORECASE,
    ),
    "injured": re.compile(
        r"\b(?:no\s+(?:casualties|injuries)(?:\s+(?:were|was|have\s+been)\s+reported)?"
        r"|(?:no\s+one|nobody)\s+(?:was|were|had\s+been|has\s+been)\s+(?:hurt|injured|wounded))\b",
        re.IGNORECASE,
    ),
}


def zero_candidates(info: SentenceInfo, kind: Kind) -> list[Candidate]:
    """A sentence saying nobody was killed (or hurt): a toll of zero, when nothing else is given.

    'No one' counts only with the verb of this kind ('no one was killed' is not 'no one was hurt').
    """
    text = info.sentence.text
    out = []
    for m in _NOBODY[kind].finditer(text):
        words = m.group()
        if not _foreign(text, m.start()):
            out.append(
                Candidate(
                    words, info.sentence.start + m.start(), info.sentence.start + m.end(), info, tier=1.0
                )
            )
    return out
