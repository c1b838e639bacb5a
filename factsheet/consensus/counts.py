"""Tolls as ranges: UCDP's low / best / high across outlets, not a vote on one figure.

Outlets rarely print one death toll. One says 4, another 6, a third 'at least 7', and a
follow-up a day later 9 as bodies are found. A categorical vote finds no majority there and
prints nothing; a researcher wants the span and a best estimate:

- every independent source (a copy group counts once) contributes its figure;
- figures that can all be true at once ('at least 1' and '3') are `agreed`, printed as the
  tightest range they allow, as before;
- figures that differ give status `range`: `low` is the lowest figure any source gives
  ('at least N' bounds only the low end with N), `high` the highest ('up to N' bounds only
  the high end), `best` the figure most independent sources give (ties: an exact figure
  over a hedged one, then the latest publication, since tolls rise as bodies are found);
- a figure far outside the rest (a tenfold slip, a toll of a whole night's barrage) is
  kept out of the range when at least two independent sources agree elsewhere, and listed
  as a conflict;
- named people whom the outlets report dead raise `low` (two named dead: at least two);
  more named dead than the highest figure is noted, not imposed, since one man under two
  names (a passport name and his own) is likelier than every outlet undercounting.
"""

from __future__ import annotations

import statistics
from collections import Counter

from factsheet.consensus.ballots import Ballot, Cluster, cluster
from factsheet.consensus.vote import Outcome, alternative, vote_field
from factsheet.models import Casualties, CountValue, SheetField
from factsheet.normalise.numbers import compatible_counts

# A figure this many times away from the median of the others, and at least this many
# deaths apart, is far outside the rest.
OUTLIER_RATIO = 4.0
OUTLIER_GAP = 10


def _figure(value: CountValue) -> tuple[int | None, int | None, int | None]:
    return value.low, value.best, value.high


def _point(value: CountValue) -> int | None:
    """The one number a source states: its best, else its bound."""
    for n in (value.best, value.low, value.high):
        if n is not None:
            return n
    return None


def _exact(value: CountValue) -> bool:
    return value.low is not None and value.low == value.best == value.high


def _outliers(points: dict[str, int]) -> set[str]:
    """Copy groups whose figure is far from the median of every other group's."""
    far: set[str] = set()
    if len(points) < 3:
        return far
    for group, n in points.items():
        others = [m for g, m in points.items() if g != group]
        median = statistics.median(others)
        close = sum(1 for m in others if abs(m - median) <= max(1.0, median / 2))
        if close < 2:
            continue
        ratio = (n + 1) / (median + 1)
        if (ratio >= OUTLIER_RATIO or ratio <= 1 / OUTLIER_RATIO) and abs(n - median) >= OUTLIER_GAP:
            far.add(group)
    return far


def _group_value(ballots: list[Ballot], published: dict[str, str]) -> CountValue:
    """One copy group's figure: the latest-published of its ballots, then the most precise."""

    def key(b: Ballot) -> tuple[str, int, str]:
        assert isinstance(b.value, CountValue)
        return (published.get(b.source, ""), int(_exact(b.value)), b.source)

    value = max(ballots, key=key).value
    assert isinstance(value, CountValue)
    return value


def vote_count(
    field_name: str,
    ballots: list[Ballot],
    reporting_outlets: list[str],
    allow_unverified: bool = False,
    *,
    published: dict[str, str] | None = None,
    named_dead: int = 0,
    named_dead_outlets: list[str] | None = None,
) -> Outcome:
    """A count's consensus: agreed figures as before, differing ones as a range."""
    published = published or {}
    outcome = vote_field(field_name, ballots, reporting_outlets, allow_unverified)
    voting = [b for b in ballots if (allow_unverified or b.verified) and _point(_count(b)) is not None]
    if voting and (outcome.rivals or not _one_figure([_count(b) for b in voting])):
        outcome = _as_range(field_name, outcome, voting, published) or outcome
    if named_dead:
        outcome = _raised_by_people(outcome, named_dead, named_dead_outlets or [])
    return outcome


def _one_figure(values: list[CountValue]) -> bool:
    """All the figures fit one stated number: 'three' and 'at least one' do; 'at least 82' and
    'more than 140' do not (two different figures, whatever their logic allows)."""
    exact = {_point(v) for v in values if _exact(v)}
    if len(exact) > 1:
        return False
    if exact:
        (figure,) = exact
        return all(compatible_counts(_figure(v), (figure, figure, figure)) for v in values)
    return len({_figure(v) for v in values}) == 1


def _count(ballot: Ballot) -> CountValue:
    assert isinstance(ballot.value, CountValue)
    return ballot.value


# Vague plurals ('dozens', 'several') give a floor, not a figure: beside outlets that give
# figures, they neither set the range's low end nor count as the best estimate.
VAGUE_QUALIFIERS = frozenset(
    {"dozens", "scores", "hundreds", "thousands", "tens", "several", "multiple", "few", "handful"}
)


def _vague(value: CountValue) -> bool:
    return value.qualifier in VAGUE_QUALIFIERS


def _as_range(
    field_name: str, outcome: Outcome, voting: list[Ballot], published: dict[str, str]
) -> Outcome | None:
    """None when, once far-off figures are set aside, the rest agree: the vote already says it."""
    listed = voting
    figured = [b for b in voting if not _vague(_count(b))]
    if figured and len(figured) < len(voting):
        voting = figured
    by_group: dict[str, list[Ballot]] = {}
    for b in voting:
        by_group.setdefault(b.group, []).append(b)
    figures = {g: _group_value(bs, published) for g, bs in by_group.items()}
    points = {g: p for g, v in figures.items() if (p := _point(v)) is not None}
    far = _outliers(points)
    kept = {g: v for g, v in figures.items() if g not in far}
    triples = [_figure(v) for v in kept.values()]
    if far and all(compatible_counts(a, b) for a in triples for b in triples):
        return None

    lows = [
        n
        for v in kept.values()
        for n in (v.low, v.best if v.low is None and v.high is None else None)
        if n is not None
    ]
    highs = [n for v in kept.values() for n in (v.high, v.best, v.low) if n is not None]
    low = min(lows) if lows else None
    high = max(highs) if highs else None

    support = Counter(p for g, p in points.items() if g not in far)

    def latest(n: int) -> str:
        return max(
            (published.get(b.source, "") for g, bs in by_group.items() if points.get(g) == n for b in bs),
            default="",
        )

    def exact(n: int) -> bool:
        return any(_exact(v) and _point(v) == n for g, v in kept.items())

    best = max(support, key=lambda n: (support[n], exact(n), latest(n), n)) if support else None

    clusters = cluster(field_name, listed)
    outlier_groups = far

    def is_outlier(c: Cluster) -> bool:
        return bool(c.groups) and c.groups <= outlier_groups

    ordered = sorted(clusters, key=lambda c: (is_outlier(c), -len(c.groups), c.sort_key()))
    alternatives = [alternative(c, compatible=not is_outlier(c)) for c in ordered]
    alternatives += [a for a in outcome.field.alternatives if not a.verified]
    rivals = [c for c in ordered if is_outlier(c)]
    in_range = [c for c in ordered if not is_outlier(c)]
    support_outlets = sorted({o for c in in_range for o in c.outlets})
    n_groups = len(set().union(*(c.groups for c in in_range))) if in_range else 0
    field = SheetField(
        value=Casualties(low=low, best=best, high=high),
        status="range",
        support=support_outlets,
        silent=outcome.field.silent,
        alternatives=alternatives,
        note=(
            f"{n_groups} independent sources give different figures; low and high are the lowest and "
            "highest, best the figure most of them give"
            + (f"; {len(far)} figure(s) far outside the rest left out of the range" if far else "")
        ),
    )
    winner = in_range[0] if in_range else None
    return Outcome(field, winner, rivals, n_groups)


def _raised_by_people(outcome: Outcome, named_dead: int, outlets: list[str]) -> Outcome:
    """Named dead are a floor: two named dead and no figure is 'at least two'."""
    field = outcome.field
    value = field.value if isinstance(field.value, Casualties) else None
    note = f"{named_dead} people named as killed by the outlets"
    if value is None:
        if field.status == "contested":
            return outcome
        floor = Casualties(low=named_dead, best=named_dead, high=None)
        status = "single_source" if len(outlets) <= 1 else "agreed"
        new = field.model_copy(
            update={
                "value": floor,
                "status": status,
                "support": sorted(set(outlets)),
                "note": note + "; no outlet gives a figure, so the toll is at least that",
            }
        )
        return Outcome(new, outcome.winner, outcome.rivals, max(outcome.independent_support, len(outlets)))
    if value.low is not None and value.low >= named_dead:
        return outcome
    if value.high is not None and value.high < named_dead:
        # More names than any outlet's toll: more likely one person under two names than a
        # toll every outlet got wrong. Say so; leave the figures as the outlets give them.
        joined = "; ".join(
            x
            for x in (
                field.note,
                f"{note}, more than the highest figure given ({value.high}); "
                "some may be one person under two names (see people)",
            )
            if x
        )
        return Outcome(
            field.model_copy(update={"note": joined}),
            outcome.winner,
            outcome.rivals,
            outcome.independent_support,
        )
    else:
        best = value.best if value.best is not None and value.best >= named_dead else named_dead
        raised = Casualties(low=named_dead, best=best, high=value.high)
        extra = f"; raises the lowest figure given ({value.low})" if value.low is not None else ""
    joined = "; ".join(x for x in (field.note, note + extra) if x)
    return Outcome(
        field.model_copy(update={"value": raised, "note": joined}),
        outcome.winner,
        outcome.rivals,
        outcome.independent_support,
    )
