"""One field's values from every article, grouped into clusters of equivalent values.

Internal to the merge: these dataclasses never leave the package; the sheet models do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factsheet.models import CountValue, DateValue, Evidence, QuoteRef, TimeValue, Value
from factsheet.normalise import compare


@dataclass(frozen=True)
class Ballot:
    """One article's value for one field."""

    source: str
    outlet: str
    group: str  # copy group: ballots sharing it count once
    value: Value

    @property
    def verified(self) -> bool:
        return self.value.evidence.verified

    def quote(self) -> QuoteRef:
        return quote_ref(self.outlet, self.source, self.value.evidence)


def quote_ref(outlet: str, source: str, ev: Evidence) -> QuoteRef:
    return QuoteRef(outlet=outlet, source=source, quote=ev.quote, start=ev.start, end=ev.end, match=ev.match)


@dataclass
class Cluster:
    field: str
    ballots: list[Ballot] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted({b.source for b in self.ballots})

    @property
    def outlets(self) -> list[str]:
        return sorted({b.outlet for b in self.ballots})

    @property
    def groups(self) -> set[str]:
        return {b.group for b in self.ballots}

    def specificity(self) -> int:
        """Higher for a value that pins more down; breaks ties between compatible clusters."""
        return max(_specificity(b.value) for b in self.ballots)

    def compatible_with(self, other: Cluster) -> bool:
        return all(
            compare.compatible(self.field, a.value, b.value) for a in self.ballots for b in other.ballots
        )

    def sort_key(self) -> str:
        return self.ballots[0].value.canonical or self.ballots[0].value.text


def _specificity(value: Value) -> int:
    if isinstance(value, DateValue):
        return {"day": 4, "month": 2, "weekday": 2, "year": 1}.get(value.precision, 0)
    if isinstance(value, TimeValue):
        return 2 if value.canonical else (1 if value.period else 0)
    if isinstance(value, CountValue):
        if value.low is not None and value.low == value.high:
            return 3
        return 2 if value.low is not None and value.high is not None else (1 if value.best is not None else 0)
    return 1 if value.canonical else 0


def cluster(field_name: str, ballots: list[Ballot]) -> list[Cluster]:
    """Single-linkage grouping by `compare.equivalent`; input order does not matter."""
    ordered = sorted(ballots, key=lambda b: (b.source, b.value.text))
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(ordered)):
        for j in range(i + 1, len(ordered)):
            if compare.equivalent(field_name, ordered[i].value, ordered[j].value):
                parent[root(j)] = root(i)
    clusters: dict[int, Cluster] = {}
    for i, ballot in enumerate(ordered):
        clusters.setdefault(root(i), Cluster(field_name)).ballots.append(ballot)
    return list(clusters.values())
