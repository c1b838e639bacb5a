"""Disputed blame: who struck is contested when a party denies it or someone names another.

Outlets often write the accused party as the attacker ('the Saudi-led coalition strike'),
so the vote on `attacker` alone can show a confident answer where the parties themselves
disagree. The claims decide:

- the attacker the vote chose is disputed when it denies the strike, or when any speaker
  names another party as the one that struck (a group claiming it, a government blaming a
  third state);
- it is settled when the attacker itself acknowledges the strike and nobody names another
  party (a routine denial beside an admission is not a dispute), or when the accused's
  denial stands against witnesses who saw its aircraft and every outlet (three or more
  independent ones) names it;
- a generic party ('terrorist groups', 'the coalition') blames nobody in particular and
  names no rival, nor does a party claiming its own attack on the accused's land (the
  Houthis saying they targeted Tel Aviv, beside Israel's strike on Yemen).
A disputed attacker is `contested` with its value removed, the claims of every side listed
on the field, and a disagreement that names each party with the outlets reporting it.
"""

from __future__ import annotations

import re

from factsheet.consensus.claims import SourcedClaim, group_claims
from factsheet.consensus.vote import Outcome
from factsheet.models import Claim, Disagreement, DisagreementValue, TextValue
from factsheet.normalise import compare
from factsheet.normalise.actors import country_actor
from factsheet.normalise.countries import find_countries
from factsheet.normalise.places import country_for_city


def _party(claim: Claim) -> TextValue | None:
    name = claim.party or (claim.speaker if claim.kind == "denial" else None)
    if not name:
        return None
    canonical = claim.party_canonical if claim.party else claim.speaker_canonical
    return TextValue(text=name, canonical=canonical, evidence=claim.evidence)


def _speaker(claim: Claim) -> TextValue:
    return TextValue(text=claim.speaker, canonical=claim.speaker_canonical, evidence=claim.evidence)


# Words that blame nobody in particular: 'the coalition', 'terrorist groups', 'the enemy'.
_GENERIC = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "its",
    "their",
    "regional",
    "international",
    "foreign",
    "coalition",
    "alliance",
    "forces",
    "force",
    "enemy",
    "aggression",
    "terrorist",
    "terrorists",
    "group",
    "groups",
    "militants",
    "militant",
    "rebels",
    "rebel",
    "gunmen",
    "unknown",
    "jets",
    "planes",
    "warplanes",
    "aircraft",
    "drones",
    "side",
    "party",
    "parties",
    "army",
    "military",
    "government",
    "occupiers",
    "invaders",
    "air",
    "western",
    "backed",
    "led",
    "supported",
    "unnamed",
    "unidentified",
    "militia",
    "militias",
    "insurgents",
    "fighters",
    "jihadists",
    "extremists",
}


def _generic(party: TextValue) -> bool:
    if re.search(r"\bor\b", party.text, re.I):
        return True  # 'Syrian or Russian' jets: the speaker does not know which, and names no rival
    if country_actor(party.text) or find_countries(party.text):
        return False
    words = re.findall(r"[^\W\d_]+", party.text.lower())
    return all(w in _GENERIC for w in words)


def _is(party: TextValue, accused: TextValue) -> bool:
    """The party is the accused, or a phrase that includes it ('Saudi-American aggression')."""
    if compare.equivalent("attacker", party, accused):
        return True
    if compare.compatible("attacker", party, accused) and bool(party.canonical) and bool(accused.canonical):
        return True
    state = country_actor(accused.text) or (country_actor(accused.canonical) if accused.canonical else None)
    return state is not None and state in {c for c, _, _ in find_countries(party.text)}


# 'Libya joined and co-ordinated with Egypt on the strikes': a partner's claim, not a rival's.
_JOINED = re.compile(
    r"\b(?:jointly|joint\s+(?:operation|strikes?|raids?)|in\s+co-?ordination\s+with|co-?ordinated\s+with|"
    r"together\s+with|alongside|took\s+part|taking\s+part|participated|joined)\b",
    re.I,
)
_SPEAKER_FILLER = {
    "the",
    "a",
    "an",
    "of",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "official",
    "officials",
}


# What a party says it hit: the words after a verb of attacking ('targeted Tel Aviv', 'fired
# two missiles at Israel').
_HIT = re.compile(
    r"\b(?:targeted|struck|hit|attacked|bombed|shelled|(?:fired|launched|sent)\s+(?:[\w-]+\s+){0,4}?(?:at|on|towards?|into|against))"
    r"\s+((?:[\w'’-]+\s*){1,6})"
)
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}")


def _strikes_back(claim: Claim, accused: TextValue, where: str | None) -> bool:
    """A party claiming its own attack on the accused's land ('the Houthis said they targeted Tel
    Aviv'): the other direction of an exchange of fire, not a rival claim to this strike."""
    state = country_actor(accused.text) or (country_actor(accused.canonical) if accused.canonical else None)
    if state is None or where is None or state == where:
        return False  # where it hit is unknown, or is the accused's own land: a rival claim stands
    for match in _HIT.finditer(claim.statement):
        hit = match.group(1)
        places = {c for c, _, _ in find_countries(hit)}
        places |= {country_for_city(run) for run in _NAME_RUN.findall(hit) if len(run) > 3}
        if state in places:
            return True
    return False


def _same_speaker(a: SourcedClaim, b: SourcedClaim) -> bool:
    """One speaker in one article ('the army', 'Army spokesman Nabil Abdallah'): what it names as
    the attacker besides the accused describes the accused or a partner, not a rival."""
    if a.source != b.source:
        return False
    if a.speaker_key == b.speaker_key:
        return True
    words = [set(re.findall(r"[^\W\d_]+", k)) - _SPEAKER_FILLER for k in (a.speaker_key, b.speaker_key)]
    return bool(words[0] & words[1])


def _settled_by_witnesses(outcome: Outcome, claims: list[SourcedClaim], accused: TextValue) -> bool:
    """A denial against what witnesses saw, with every outlet naming the accused: not a dispute."""
    if outcome.rivals or outcome.independent_support < 3:
        return False
    return any(
        c.claim.speaker_type == "witness"
        and c.claim.kind == "responsibility"
        and (p := _party(c.claim)) is not None
        and _is(p, accused)
        for c in claims
    )


def dispute(
    outcome: Outcome, claims: list[SourcedClaim], allow_unverified: bool = False, where: str | None = None
) -> tuple[Outcome, Disagreement | None]:
    """The attacker outcome, contested when the claims dispute it, and the dispute's record."""
    usable = [
        c
        for c in claims
        if c.claim.kind in ("responsibility", "denial") and (allow_unverified or c.claim.evidence.verified)
    ]
    winner = outcome.winner
    if not usable or winner is None:
        return outcome, None
    accused = winner.ballots[0].value
    assert isinstance(accused, TextValue)

    denials = [c for c in usable if c.claim.kind == "denial" and (p := _party(c.claim)) and _is(p, accused)]
    admitted = any(
        c.claim.kind == "responsibility"
        and (p := _party(c.claim)) is not None
        and _is(p, accused)
        and _is(_speaker(c.claim), accused)
        for c in usable
    )
    named_accused = [
        c for c in usable if c.claim.kind == "responsibility" and (p := _party(c.claim)) and _is(p, accused)
    ]
    others = [
        c
        for c in usable
        if c.claim.kind == "responsibility"
        and (p := _party(c.claim)) is not None
        and not _generic(p)
        and not _is(p, accused)
        and not _JOINED.search(f"{c.claim.statement} {c.claim.evidence.quote}")
        and not any(_same_speaker(c, n) for n in named_accused)
        and not _strikes_back(c.claim, accused, where)
    ]
    if not others and (admitted or not denials or _settled_by_witnesses(outcome, usable, accused)):
        return outcome, None

    involved = (
        denials
        + others
        + [
            c
            for c in usable
            if c.claim.kind == "responsibility" and (p := _party(c.claim)) is not None and _is(p, accused)
        ]
    )
    parties: dict[str, set[str]] = {}
    for c in others:
        party = _party(c.claim)
        assert party is not None
        parties.setdefault(party.canonical or party.text, set()).add(c.outlet)
    reasons = []
    if denials and not admitted:
        reasons.append(f"{outcome.field.alternatives[0].value} denies carrying it out")
    if others:
        reasons.append("others are named as the attacker: " + ", ".join(sorted(parties)))
    field = outcome.field.model_copy(
        update={
            "value": None,
            "status": "contested",
            "support": [],
            "note": "blame is disputed: " + "; ".join(reasons),
            "claims": group_claims(involved, allow_unverified),
        }
    )
    values = [
        DisagreementValue(value=a.value, outlets=a.outlets, evidence=a.evidence)
        for a in outcome.field.alternatives
        if a.verified
    ]
    values += [
        DisagreementValue(value=name, outlets=sorted(outlets)) for name, outlets in sorted(parties.items())
    ]
    record = Disagreement(field="attacker", kind="conflict", values=values)
    return Outcome(field, winner, outcome.rivals, outcome.independent_support), record
