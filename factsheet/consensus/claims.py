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
    statements: set[str] = field(default_factory=set)  # distinct wordings, compared once each

    def add(self, c: SourcedClaim) -> None:
        self.members.append(c)
        self.statements.add(c.claim.statement)

    def says(self, statement: str) -> bool:
        return any(fuzz.token_set_ratio(s, statement) >= SAME_STATEMENT for s in self.statements)


def group_claims(claims: list[SourcedClaim], allow_unverified: bool = False) -> list[ClaimGroup]:
    usable = [c for c in claims if allow_unverified or c.claim.evidence.verified]
    usable.sort(key=lambda c: (c.speaker_key, c.source, c.claim.statement))
    groups: list[_Group] = []
    # Speakers are few even when claims are many: decide speaker identity once per pair of keys.
    by_speaker: dict[str, list[_Group]] = {}
    speaker_claim: dict[str, Claim] = {}
    same: dict[tuple[str, str], bool] = {}
    for c in usable:
        key = c.speaker_key
        speaker_claim.setdefault(key, c.claim)
        target = None
        for other, candidates in by_speaker.items():
            if (key, other) not in same:
                same[(key, other)] = compare.same_speaker(speaker_claim[other], c.claim)
            if same[(key, other)]:
                target = next((g for g in candidates if g.says(c.claim.statement)), None)
                if target is not None:
                    break
        if target is None:
            target = _Group()
            groups.append(target)
            by_speaker.setdefault(key, []).append(target)
        target.add(c)
    out = []
    for g in groups:
        # The fullest wording stands for the group; ties go to the earliest source.
        rep = min(g.members, key=lambda m: (-len(m.claim.statement), m.source, m.claim.statement))
        out.append(
            ClaimGroup(
                statement=rep.claim.statement,
                speaker=rep.claim.speaker_canonical or rep.claim.speaker,
                speaker_type=rep.claim.speaker_type,
                kind=rep.claim.kind,
                party=rep.claim.party_canonical or rep.claim.party,
                outlets=sorted({m.outlet for m in g.members}),
                evidence=[
                    quote_ref(m.outlet, m.source, m.claim.evidence)
                    for m in sorted(g.members, key=lambda m: (m.source, m.claim.statement))
                ],
            )
        )
    out.sort(key=lambda g: (-len(g.outlets), g.speaker.lower(), g.statement))
    return out
