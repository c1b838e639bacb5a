"""Who says who struck: denials, claims of responsibility and blame, as typed claims.

The merge decides whether blame is disputed from these claims (consensus/blame.py), so an
article that says 'Russia denied its jets were involved' or 'Pompeo pointed the finger at
Tehran despite the Houthis claiming responsibility' must say so in its claims, not only in
the attacker it names. Three shapes of wire copy are read:

- a denial by a party: 'X denied (any) involvement / it was behind the attack / the
  accusations', 'X reacted furiously to accusations';
- a claim of responsibility: 'X claimed responsibility', 'X said it carried out the strike';
- blame of another: 'X blamed Y for the attack', 'X blamed the attack on Y', 'X pointed the
  finger at Y', 'X accused Y of carrying out the strike'.

A blame counts only when its object is this strike ('the attack', 'the strike'): 'blamed Assad
for this week's chemical attack' names the culprit of another event. Parties must be states,
their capitals or governments, or known armed groups; 'Syrian or Russian planes' names no one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from factsheet.extractors.offline.candidates import evidence_for
from factsheet.extractors.offline.claims import speaker_type
from factsheet.extractors.offline.context import SentenceInfo
from factsheet.models import Claim
from factsheet.normalise.actors import country_actor
from factsheet.normalise.organisations import known

_ACTOR = (
    r"(?<![\w’'-])(?:[Tt]he\s+)?(?:[A-Z][\w’'.-]*(?:’s|'s)?(?:\s+of)?\s+){0,3}?[A-Z][\w’'.-]*"
    r"(?:\s+(?:government|military|army|ministry|forces|rebels|movement|regime|militia|group|"
    r"defen[cs]e\s+ministry|foreign\s+ministry|officials?))?"
)
# A party named as the object: as many capitalised words as there are ('the Saudi-led coalition').
_PARTY = (
    r"(?<![\w’'-])(?:[Tt]he\s+)?(?:[A-Z][\w’'.-]*(?:’s|'s)?\s+){0,3}[A-Z][\w’'.-]*"
    r"(?:\s+(?:government|military|army|forces|rebels|movement|regime|militia|group|coalition|alliance))?"
)
_AUX = r"(?:\s+(?:has|have|had|also|quickly|strongly|flatly|swiftly|later|immediately))*"
# What a denial denies, when it is the strike: involvement, a role, the accusation itself.
_DENIED = (
    r"(?:any\s+|all\s+)?(?:involvement|responsibility|role|part|participation|links?|"
    r"(?:the\s+)?(?:accusations?|allegations?|claims?|charges?|reports?)|"
    r"(?:that\s+)?(?:it|its\s+\w+|they|their\s+\w+)\s+(?:was|were|had|did)\b|"
    r"(?:that\s+)?(?:the\s+)?(?:government|army|military|regime|forces|government\s+forces|troops)\s+"
    r"(?:had\s+|have\s+)?(?:used|carried\s+out|conducted|launched|struck|bombed|targeted|hit)\b|"
    r"using\s+(?:chemical|any|such|the)|"
    r"(?:carrying\s+out|being\s+behind|conducting|launching|striking|bombing|targeting|attacking|hitting))"
)
# This strike, named as the object of blame: 'the attack', 'Saturday's strike', 'the bombing'.
_THIS_STRIKE = (
    r"(?i:(?:the|this|that|today['’]s|\w+day['’]s)\s+(?:(?:deadly|latest|air|drone|missile|rocket)\s+)?"
    r"(?:attacks?|strikes?|airstrikes?|bombings?|raids?|assault|massacre|explosions?|blasts?))\b"
)
_DENIAL = re.compile(
    rf"(?P<who>{_ACTOR})(?:,\s+(?:[^,.;]{{0,60}},\s+)?who|,\s+(?:which|who)\s+[^,.;]{{0,90}},)?{_AUX}\s+(?:denied|denies|deny|rejected|rejects|dismissed|dismisses|refuted)\s+"
    rf"(?:\w+\s+){{0,2}}?{_DENIED}"
    rf"|(?P<who2>{_ACTOR})(?:,\s+(?:[^,.;]{{0,60}},\s+)?who)?{_AUX}\s+(?:reacted|responded)\s+(?:[\w’'\"“”]+\s+){{0,4}}?to\s+"
    r"(?:[\w’'\"“”]+\s+){0,3}?(?:accusations|allegations|claims)"
)
_RESPONSIBILITY = re.compile(
    rf"(?P<who>{_ACTOR})(?:,\s+(?:[^,.;]{{0,60}},\s+)?who)?{_AUX}\s+(?:claimed|claiming|claims|took|takes|has\s+taken)\s+(?:full\s+)?responsibility"
    rf"(?:\s+for\s+(?:it\b|{_THIS_STRIKE})|(?!\s+for\b))"
    rf"|(?P<who2>{_ACTOR})(?:,\s+(?:[^,.;]{{0,60}},\s+)?who)?{_AUX}\s+(?:said|says|announced)\s+(?:that\s+)?(?:it|they)\s+(?:had\s+|has\s+)?"
    r"(?:(?:carried\s+out|launched|conducted)\s+(?:\S+\s+){0,3}?(?i:(?:air\s*)?strikes?|attacks?|raids?|operations?|bombings?)\b"
    r"|struck|targeted|hit|bombed)\b"
)
# The denial or claim is about another event: 'denies any involvement in that killing'.
_OTHER_EVENT_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:that|those|earlier|previous|past|his|her|their)\s+(?:\w+\s+)?"
    r"(?:killing|attacks?|assassination|strikes?|bombings?|death)\b|^[^.;]{0,40}?\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# 'Russia denies targeting civilians', 'denied hitting a mosque': a denial of what was hit, not
# of the strike, which the party may well admit.
_DENIED_TARGET = re.compile(
    r"^\s+(?:\w+\s+){0,2}?(?:civilians?|residential|homes?|houses?|hospitals?|schools?|mosques?|churche?s?|"
    r"markets?|non-military|civilian\s+\w+)\b",
    re.IGNORECASE,
)
# 'a coalition battling in Yemen said it ...': a name after a preposition is not the subject.
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|on|at|from|of|against|with|near|by|to|for|into|over)\s+$", re.I)
_BLAME = re.compile(
    rf"(?P<who>{_ACTOR})(?:,\s+(?:[^,.;]{{0,60}},\s+)?who)?{_AUX}\s+(?i:blamed|blames|blaming)\s+(?P<party>{_PARTY})\s+for\s+{_THIS_STRIKE}"
    rf"|(?P<who2>{_ACTOR})(?:,\s+(?:[^,.;]{{0,60}},\s+)?who)?{_AUX}\s+(?i:blamed|blames|blaming)\s+{_THIS_STRIKE}\s+on\s+(?P<party2>{_PARTY})"
    rf"|(?:(?P<who3>{_ACTOR})(?:,\s+(?:[^,.;]{{0,60}},\s+)?who)?{_AUX}|\band)\s+(?i:pointed|points|pointing)\s+the\s+finger\s+(?:of\s+blame\s+)?at\s+"
    rf"(?P<party3>{_PARTY})"
    rf"|(?P<who4>{_ACTOR})(?:,\s+(?:[^,.;]{{0,60}},\s+)?who)?{_AUX}\s+(?i:accused|accuses|accusing)\s+(?P<party4>{_PARTY})\s+of\s+"
    rf"(?:carrying\s+out|being\s+behind|launching|conducting)\s+{_THIS_STRIKE}",
)


_SUBJECT = re.compile(r"(?:[A-Z][\w’'.-]*(?:\s+of(?:\s+[a-z]+)?)?\s+){0,4}[A-Z][\w’'.-]*")


@dataclass(frozen=True)
class _Found:
    kind: str
    speaker: str
    party: str
    start: int
    end: int


def _party(text: str) -> str | None:
    """The state or group a phrase names, trimmed of 'the'; None for anyone else."""
    phrase = re.sub(r"^(?:[Tt]he)\s+", "", text.strip())
    if country_actor(phrase) or known(phrase):
        return phrase
    # 'Yemen's Houthi rebels': the group after a country's possessive.
    tail = re.sub(r"^[A-Z][\w.-]*(?:’s|'s)\s+", "", phrase)
    if tail != phrase and (country_actor(tail) or known(tail)):
        return tail
    return None


def _group(m: re.Match[str], name: str) -> str | None:
    for key in (name, f"{name}2", f"{name}3", f"{name}4"):
        if key in m.re.groupindex and m.group(key):
            return m.group(key)
    return None


def _subject(text: str, m: re.Match[str]) -> str:
    """The actor opening the match, unless a preposition makes it something else's object."""
    who = _group(m, "who") or ""
    if not who or _PREPOSITION_BEFORE.search(text[: m.start()]):
        return ""
    return who


def _found(text: str) -> Iterator[_Found]:
    for m in _DENIAL.finditer(text):
        party = _party(_subject(text, m))
        after = text[m.end() :]
        if party and not _OTHER_EVENT_AFTER.match(after) and not _DENIED_TARGET.match(after):
            yield _Found("denial", party, party, m.start(), m.end())
    for m in _RESPONSIBILITY.finditer(text):
        party = _party(_subject(text, m))
        if party:
            yield _Found("responsibility", party, party, m.start(), m.end())
    for m in _BLAME.finditer(text):
        # '... X described the attack as unprecedented and pointed the finger at Y': X, the
        # sentence's subject, blames.
        opening = _SUBJECT.match(text)
        who = (_group(m, "who") or (opening.group() if opening else "")).strip()
        party = _party(_group(m, "party") or "")
        if party and who:
            yield _Found("responsibility", re.sub(r"^(?:[Tt]he)\s+", "", who), party, m.start(), m.end())


def blame_claims(info: SentenceInfo) -> list[Claim]:
    """The denials, claims of responsibility and blame a sentence states about this strike."""
    text = info.sentence.text
    out: list[Claim] = []
    for found in _found(text):
        if any(a <= found.start < b for a, b in info.foreign):
            continue
        out.append(
            Claim(
                statement=text[found.start : found.end],
                speaker=found.speaker,
                speaker_type=speaker_type(found.speaker),
                kind=found.kind,  # type: ignore[arg-type]
                party=found.party,
                evidence=evidence_for(info),
            )
        )
    return out
