"""One field's values from every article, grouped into clusters of equivalent values.

Internal to the merge: these dataclasses never leave the package; the sheet models do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factsheet.consensus.linkage import link
from factsheet.models import CountValue, DateValue, Evidence, QuoteRef, TimeValue, Value
from factsheet.normalise import compare, organisations, places, weapons


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
        if self.field in ("target_organisation", "attacker"):
            # A member or unit says more than its umbrella ('Kataib Hezbollah' over 'the PMF').
            return max(organisations.level(b.value.text) if b.value.canonical else 0 for b in self.ballots)
        if self.field == "city":
            # A place the gazetteer lacks (a village) says more than a big city named for it, or
            # than the province's district it lies in; a province's seat ('Idlib') says least.
            return max(_place_specificity(b.value) for b in self.ballots)
        return max(_specificity(b.value) for b in self.ballots)

    def distinct_values(self) -> list[Value]:
        """One value per distinct normalised content: what comparisons need to look at."""
        seen: dict[str, Value] = {}
        for b in self.ballots:
            seen.setdefault(content_key(b.value), b.value)
        return list(seen.values())

    def compatible_with(self, other: Cluster) -> bool:
        return all(
            compare.compatible(self.field, a, b)
            for a in self.distinct_values()
            for b in other.distinct_values()
        )

    def detail(self) -> int:
        """Breaks an even split between compatible values: a drone over an 'air strike'."""
        if self.field == "weapon":
            return int(any(weapons.names_the_means(b.value.canonical) for b in self.ballots))
        return 0

    def sort_key(self) -> str:
        return self.ballots[0].value.canonical or self.ballots[0].value.text


def _place_specificity(value: Value) -> int:
    if not value.canonical:
        return 0
    if not places.known_city(value.canonical) and places.town_district(value.text) is None:
        return 2
    return 0 if places.region_seat(value.canonical) else 1


def _specificity(value: Value) -> int:
    if isinstance(value, DateValue):
        return {"day": 4, "month_day": 3, "month": 2, "weekday": 2, "year": 1}.get(value.precision, 0)
    if isinstance(value, TimeValue):
        return 2 if value.canonical else (1 if value.period else 0)
    if isinstance(value, CountValue):
        if value.low is not None and value.low == value.high:
            return 3
        return 2 if value.low is not None and value.high is not None else (1 if value.best is not None else 0)
    if value.canonical in ("killed", "injured", "survived"):
        return 2  # a fate: an outcome says more than 'targeted' or 'unknown'
    return 1 if value.canonical else 0


def content_key(value: Value) -> str:
    """Everything a comparison may look at except where the words stand: equal keys, equal values."""
    return value.model_dump_json(exclude={"evidence"})


def cluster(field_name: str, ballots: list[Ballot]) -> list[Cluster]:
    """Single-linkage grouping by `compare.equivalent`; input order does not matter.

    Ballots with the same normalised content are grouped without comparing them, so the
    pairwise work grows with the number of distinct spellings, not of articles.
    """
    ordered = sorted(ballots, key=lambda b: (b.source, b.value.text))
    by_key: dict[str, list[Ballot]] = {}
    for ballot in ordered:
        by_key.setdefault(content_key(ballot.value), []).append(ballot)
    keys = sorted(by_key)
    groups = link(keys, lambda a, b: compare.equivalent(field_name, by_key[a][0].value, by_key[b][0].value))
    clusters = {
        i: Cluster(field_name, [b for key in group for b in by_key[key]]) for i, group in enumerate(groups)
    }
    for c in clusters.values():
        c.ballots.sort(key=lambda b: (b.source, b.value.text))
    return list(clusters.values())
