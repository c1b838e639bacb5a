"""Articles to groups: candidate pairs from shared keys, then joined best pair first.

Comparing every pair of 10,000 articles is 50 million comparisons; instead each article
is filed under a few keys (its city, the people it names, its target group, its rarest
words), and only articles filed under one key whose dates can be the same strike are
compared (a sweep over the dates within each key, so a key every article of a month
shares still costs only the pairs a few days apart). A pair that shares no key shares
nothing that could tell it is one strike beyond the date and the country, which is not
enough to join two reports when a country sees several strikes a day.

Joining is single linkage, best pair first, with a veto: two groups are never joined when
their majority readings rule it out (`compare.contradiction`), whichever pair of their
members looks alike. So a misread article cannot chain two strikes together, and an
article that recalls an earlier strike joins the strike it reports, whose day, place and
people it shares, before the background strike's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from factsheet.grouping.compare import DAY_GAP, LINK_THRESHOLD, Group, contradiction, pair_score
from factsheet.grouping.profile import Profile
from factsheet.grouping.text import rarest

# How many of an article's rarest words it is filed under.
TEXT_KEYS = 12
# Undated articles are compared with every article under a key only while the key is this
# small; a key shared by more is too common to say anything without a date.
UNDATED_LIMIT = 300

Key = tuple[str, object]


def keys(p: Profile) -> Iterable[Key]:
    if p.city_key:
        yield ("place", p.city_key)
    if p.district_key:
        yield ("place", p.district_key)
    for person in p.people:
        for name in person.names:
            yield ("person", name)
        if person.surname:
            yield ("surname", person.surname)
    for organisation in p.organisations:
        yield ("organisation", organisation)
    for token in rarest(p.text, TEXT_KEYS):
        yield ("text", token)


def _pairs_under_key(members: list[Profile]) -> Iterable[tuple[int, int]]:
    """Pairs of articles filed under one key whose dates allow one strike (a sweep, not all pairs)."""
    dated = []
    undated = []
    for p in members:
        window = p.window()
        (dated if window is not None else undated).append((window, p.index))
    dated.sort(key=lambda w: (w[0][0] if w[0] else 0, w[1]))
    for n, (window, i) in enumerate(dated):
        assert window is not None
        for other, j in dated[n + 1 :]:
            assert other is not None
            if other[0] > window[1] + DAY_GAP:
                break
            yield (i, j) if i < j else (j, i)
    if len(members) <= UNDATED_LIMIT:
        for n, (_, i) in enumerate(undated):
            for _, j in dated:
                yield (i, j) if i < j else (j, i)
            for _, j in undated[n + 1 :]:
                yield (i, j) if i < j else (j, i)


def candidate_pairs(profiles: Sequence[Profile]) -> set[tuple[int, int]]:
    postings: dict[Key, list[Profile]] = defaultdict(list)
    for p in profiles:
        for key in set(keys(p)):
            postings[key].append(p)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > 1:
            pairs.update(_pairs_under_key(members))
    return pairs


def cluster(profiles: Sequence[Profile]) -> list[Group]:
    """Every profile in exactly one group; groups in order of their first member, members sorted."""
    by_index = {p.index: p for p in profiles}
    scored = []
    for i, j in candidate_pairs(profiles):
        score = pair_score(by_index[i], by_index[j])
        if score >= LINK_THRESHOLD:
            scored.append((-score, i, j))
    scored.sort()
    parent = {p.index: p.index for p in profiles}
    groups = {p.index: Group.of(p) for p in profiles}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in scored:
        ri, rj = root(i), root(j)
        if ri == rj or contradiction(groups[ri], groups[rj]) is not None:
            continue
        keep, gone = min(ri, rj), max(ri, rj)
        parent[gone] = keep
        groups[keep].absorb(groups.pop(gone))
    for g in groups.values():
        g.members.sort()
    return sorted(groups.values(), key=lambda g: g.members[0])
