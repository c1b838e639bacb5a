"""Airwars-style grades: how much a reader may lean on a value.

- confirmed: two or more independent sources agree AND the attacker's own statement, as
  quoted by an outlet, states the value (the attacker admits what others report);
- fair: two or more independent sources;
- weak: one source;
- contested: competing values with no clear majority;
- none: nothing to grade.
A majority value with rivals is at most 'fair': someone credible says otherwise.
"""

from __future__ import annotations

from factsheet.consensus.ballots import Ballot
from factsheet.consensus.vote import Outcome
from factsheet.models import Claim, TextValue
from factsheet.models.sheet import Grade
from factsheet.normalise import compare


def attacker_spans(
    claims_by_source: dict[str, list[Claim]], attacker: TextValue | None
) -> dict[str, list[tuple[int, int]]]:
    """Where, in each article, the attacker speaks (its statements as quoted)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    if attacker is None:
        return spans
    for source, claims in claims_by_source.items():
        for claim in claims:
            ev = claim.evidence
            if not ev.verified or ev.start is None or ev.end is None:
                continue
            if claim.speaker_type not in ("military", "government"):
                continue
            speaker = TextValue(text=claim.speaker, canonical=claim.speaker_canonical, evidence=ev)
            if compare.equivalent("attacker", speaker, attacker):
                spans.setdefault(source, []).append((ev.start, ev.end))
    return spans


def _said_by_attacker(ballot: Ballot, spans: dict[str, list[tuple[int, int]]]) -> bool:
    ev = ballot.value.evidence
    if ev.start is None or ev.end is None:
        return False
    return any(s < ev.end and ev.start < e for s, e in spans.get(ballot.source, []))


def grade(outcome: Outcome, spans: dict[str, list[tuple[int, int]]]) -> Grade:
    status = outcome.field.status
    if status == "unknown":
        return "none"
    if status == "contested":
        return "contested"
    if outcome.independent_support < 2:
        return "weak"
    winner = outcome.winner
    if status == "agreed" and winner is not None and any(_said_by_attacker(b, spans) for b in winner.ballots):
        return "confirmed"
    return "fair"
