"""Claims from all outlets, grouped when the same speaker says the same thing.

Speakers are compared by their canonical form (normalisation maps 'CENTCOM', 'US Central
Command' and 'the Pentagon' to one speaker; anonymous sources stay anonymous). Statements
by the same speaker are grouped by word overlap, which survives the rephrasing outlets apply
to a shared statement; greedy over a sorted list, so input order never changes the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from factsheet.consensus.ballots import quote_ref
from factsheet.models import Claim, ClaimGroup
from factsheet.normalise import compare

SAME_STATEMENT = 60.0  # token_set_ratio above which two statements by one speaker are one claim


@dataclass(frozen=True)
class SourcedClaim:
    source: str
    outlet: str
    claim: Claim

    @property
    def speaker_key(self) -> str:
        return (self.claim.speaker_canonical or self.claim.speaker).strip().lower()


@dataclass
class _Group:
    members: list[SourcedClaim] = field(default_factory=list)

    def matches(self, c: SourcedClaim) -> bool:
        if not compare.same_speaker(self.members[0].claim, c.claim):
            return False
        return (
            max(fuzz.token_set_ratio(m.claim.statement, c.claim.statement) for m in self.members)
            >= SAME_STATEMENT
        )


def group_claims(claims: list[SourcedClaim], allow_unverified: bool = False) -> list[ClaimGroup]:
    usable = [c for c in claims if allow_unverified or c.claim.evidence.verified]
    usable.sort(key=lambda c: (c.speaker_key, c.source, c.claim.statement))
    groups: list[_Group] = []
    for c in usable:
        target = next((g for g in groups if g.matches(c)), None)
        if target is None:
            groups.append(_Group([c]))
        else:
            target.members.append(c)
    out = []
    for g in groups:
        # The fullest wording stands for the group; ties go to the earliest source.
        rep = min(g.members, key=lambda m: (-len(m.claim.statement), m.source, m.claim.statement))
        out.append(
            ClaimGroup(
                statement=rep.claim.statement,
                speaker=rep.claim.speaker_canonical or rep.claim.speaker,
                speaker_type=rep.claim.speaker_type,
                outlets=sorted({m.outlet for m in g.members}),
                evidence=[
                    quote_ref(m.outlet, m.source, m.claim.evidence)
                    for m in sorted(g.members, key=lambda m: (m.source, m.claim.statement))
                ],
            )
        )
    out.sort(key=lambda g: (-len(g.outlets), g.speaker.lower(), g.statement))
    return out
