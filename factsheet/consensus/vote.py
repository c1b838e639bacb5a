"""Per-field voting: consensus, status and alternatives.

Rules (documented in the README, 'How values are voted'):
- Only verified values vote unless the user allows unverified ones; the rest are listed as
  alternatives with verified=false so hallucinated values stay visible, never counted.
- Near-copies count once: a cluster's weight is its number of distinct copy groups.
- A cluster's votes are its own weight plus the weight of every compatible cluster that is
  no more specific ('at least one' backs 'three'; 'Wednesday' backs '2024-02-07'; a vague
  value never collects the votes of precise ones it happens to fit). The winner has most votes,
  then the most specific value (all its backers are consistent with it), then most own
  weight, then the value that says more (a drone over an 'air strike'), then a stable order.
- status: unknown (no voting value); single_source (one independent source); agreed (no
  incompatible value); majority (incompatible values exist but the winner's votes are more
  than half of all independent sources reporting the field); contested otherwise, and then
  the value is null: a visible 'contested' is better than a confident wrong value.
"""

from __future__ import annotations

from dataclasses import dataclass

from factsheet.consensus.ballots import Ballot, Cluster, cluster
from factsheet.models import Alternative, SheetField
from factsheet.models.sheet import Status
from factsheet.normalise import compare


@dataclass
class Outcome:
    """A field's vote before grading: the sheet field plus what grading and disagreements need."""

    field: SheetField
    winner: Cluster | None
    rivals: list[Cluster]  # clusters incompatible with the winner
    independent_support: int


def _weight(clusters: list[Cluster]) -> int:
    return len(set().union(*(c.groups for c in clusters))) if clusters else 0


def alternative(c: Cluster, compatible: bool, verified: bool = True) -> Alternative:
    values = [b.value for b in c.ballots]
    spellings = sorted({compare.spelling(c.field, v) for v in values})
    return Alternative(
        value=compare.sheet_value(c.field, values),
        outlets=c.outlets,
        sources=c.sources,
        spellings=spellings,
        compatible=compatible,
        verified=verified,
        evidence=[b.quote() for b in sorted(c.ballots, key=lambda b: b.source)],
    )


def vote_field(
    field_name: str, ballots: list[Ballot], reporting_outlets: list[str], allow_unverified: bool = False
) -> Outcome:
    voting = [b for b in ballots if allow_unverified or b.verified]
    unverified = [b for b in ballots if not (allow_unverified or b.verified)]
    clusters = cluster(field_name, voting)
    unverified_alts = [
        alternative(c, compatible=False, verified=False) for c in cluster(field_name, unverified)
    ]

    if not clusters:
        silent = sorted(set(reporting_outlets) - {b.outlet for b in ballots})
        return Outcome(
            SheetField(value=None, status="unknown", silent=silent, alternatives=unverified_alts), None, [], 0
        )

    compat = {(id(a), id(b)): a is b or a.compatible_with(b) for a in clusters for b in clusters}

    def votes(c: Cluster) -> int:
        # A vaguer compatible value backs a precise one ('at least 1' backs '3'), never the
        # reverse: otherwise 'at least 1' would collect both '3' and '500' and hide the conflict.
        spec = c.specificity()
        return _weight([d for d in clusters if compat[(id(c), id(d))] and d.specificity() <= spec])

    ranked = sorted(
        clusters, key=lambda c: (-votes(c), -c.specificity(), -len(c.groups), -c.detail(), c.sort_key())
    )
    winner = ranked[0]
    friends = [c for c in clusters if compat[(id(winner), id(c))]]
    rivals = [c for c in clusters if not compat[(id(winner), id(c))]]
    total = _weight(clusters)
    support_weight = votes(winner)

    status: Status
    if rivals:
        status = "majority" if support_weight * 2 > total else "contested"
    else:
        status = "single_source" if total == 1 else "agreed"

    support = sorted({o for c in friends for o in c.outlets})
    reporting = {b.outlet for b in ballots}
    silent = sorted(set(reporting_outlets) - reporting)
    value = (
        None if status == "contested" else compare.sheet_value(field_name, [b.value for b in winner.ballots])
    )
    note = None
    if value is None and status != "contested":
        # Words the normaliser could not resolve ('earlier this week'): a status of 'agreed'
        # beside an empty value would tell the reader the outlets agree on nothing.
        status = "unknown"
        note = "the outlets' words for this field could not be resolved to a value; see alternatives"
    alternatives = [alternative(c, compatible=compat[(id(winner), id(c))]) for c in ranked] + unverified_alts
    return Outcome(
        SheetField(
            value=value,
            status=status,
            support=support if status not in ("contested", "unknown") else [],
            silent=silent,
            alternatives=alternatives,
            note=note,
        ),
        winner,
        rivals,
        support_weight,
    )
