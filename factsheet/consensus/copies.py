"""Which articles are near-copies of one another, so a rewrite does not count as a second witness.

Aggregators and rewriters change nearly every word of a wire story (synonyms, machine
translation) but keep its skeleton: the names and numbers, in the order the original gave
them. So the signal is the ordered sequence of "anchors" (capitalised names and numbers),
compared with difflib's matching-blocks ratio, which rewards long runs in the same order.
Independent reports of one event share many of the same anchors too, but not their order.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from factsheet.models import Article

# Ratio above which two anchor sequences count as one story rewritten. Measured on
# rewrites vs independent reports of the same strike: rewrites 0.45-0.6, others below 0.2.
COPY_THRESHOLD = 0.35

_ANCHOR = re.compile(r"\b(?:\d[\d,.:]*\d|\d|[A-Z][A-Za-z’'-]+)\b")
_FUNCTION_WORDS = frozenset(
    [
        "A",
        "An",
        "And",
        "As",
        "At",
        "But",
        "By",
        "For",
        "From",
        "He",
        "His",
        "However",
        "In",
        "It",
        "Its",
        "On",
        "One",
        "Of",
        "She",
        "The",
        "Their",
        "There",
        "These",
        "They",
        "This",
        "Those",
        "To",
        "Two",
        "Was",
        "We",
        "When",
        "While",
        "With",
    ]
)


def anchors(text: str) -> list[str]:
    return [a.rstrip(".,").lower() for a in _ANCHOR.findall(text) if a not in _FUNCTION_WORDS]


# Below this many anchors a text is too short to tell a rewrite from a coincidence.
MIN_ANCHORS = 12


def similarity(a: Article, b: Article) -> float:
    seq_a, seq_b = anchors(a.text), anchors(b.text)
    if min(len(seq_a), len(seq_b)) < MIN_ANCHORS:
        return 0.0
    return difflib.SequenceMatcher(None, seq_a, seq_b, autojunk=False).ratio()


def copy_groups(articles: Sequence[Article], threshold: float = COPY_THRESHOLD) -> dict[str, str]:
    """Map each article id to its group id (the smallest member id): one group, one vote.

    Grouping is transitive (single linkage), so a chain of rewrites is one source.
    """
    ids = sorted(a.id for a in articles)
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_id = {a.id: a for a in articles}
    for n, i in enumerate(ids):
        for j in ids[n + 1 :]:
            # Identical texts are copies whatever their anchors.
            same = by_id[i].sha256 == by_id[j].sha256
            if same or similarity(by_id[i], by_id[j]) >= threshold:
                ri, rj = root(i), root(j)
                parent[max(ri, rj)] = min(ri, rj)
    return {i: root(i) for i in ids}
