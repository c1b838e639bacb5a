"""Single-linkage grouping: items joined whenever a pair is the same, transitively.

Used for a field's values (ballots.py) and for the people named across outlets
(people.py); both need groups that do not depend on input order, which the callers get by
sorting before they call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def link(items: Sequence[T], same: Callable[[T, T], bool]) -> list[list[T]]:
    """Groups of items, in order of each group's first member; pairs already joined are not compared."""
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if root(i) != root(j) and same(items[i], items[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[T]] = {}
    for i, item in enumerate(items):
        groups.setdefault(root(i), []).append(item)
    return list(groups.values())
