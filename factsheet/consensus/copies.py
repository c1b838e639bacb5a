"""Which articles are near-copies of one another, so a rewrite does not count as a second witness.

Aggregators and rewriters change nearly every word of a wire story (synonyms, machine
translation) but keep its skeleton: the names and numbers, in the order the original gave
them. So the signal is the ordered sequence of "anchors" (capitalised names and numbers),
compared with difflib's matching-blocks ratio, which rewards long runs in the same order.
Independent reports of one event share many of the same anchors too, but not their order.

Comparing every pair is quadratic, so pairs are first proposed by an inverted index of
anchor bigrams (a rewrite keeps runs of two names or numbers in a row; independent reports
rarely share many), identical texts are grouped by hash without comparing, and difflib's
cheap upper bounds discard most candidates before the full ratio is computed.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from factsheet.models import Article

# Ratio above which two anchor sequences count as one story rewritten. Measured on
# rewrites vs independent reports of the same strike: rewrites 0.45-0.9, others below 0.2.
COPY_THRESHOLD = 0.35
# Below this many anchors a text is too short to tell a rewrite from a coincidence.
MIN_ANCHORS = 12
# A candidate pair must share this many anchor bigrams before difflib is asked.
MIN_SHARED_BIGRAMS = 3
# Bigrams in more texts than this are boilerplate of the corpus ("the United States"), not evidence.
MAX_POSTING = 500

_ANCHOR = re.compile(r"\b(?:\d[\d,.:]*\d|\d|[A-Z][A-Za-z’'-]+)\b")
# fmt: off
_FUNCTION_WORDS = frozenset({
    "A", "An", "And", "As", "At", "But", "By", "For", "From", "He", "His", "However", "In", "It", "Its",
    "On", "One", "Of", "She", "The", "Their", "There", "These", "They", "This", "Those", "To", "Two",
    "Was", "We", "When", "While", "With",
})
# fmt: on


def anchors(text: str) -> list[str]:
    return [a.rstrip(".,").lower() for a in _ANCHOR.findall(text) if a not in _FUNCTION_WORDS]


def similarity(a: Article, b: Article) -> float:
    seq_a, seq_b = anchors(a.text), anchors(b.text)
    if min(len(seq_a), len(seq_b)) < MIN_ANCHORS:
        return 0.0
    return difflib.SequenceMatcher(None, seq_a, seq_b, autojunk=False).ratio()


def _is_copy(a: list[str], b: list[str], threshold: float) -> bool:
    if min(len(a), len(b)) < MIN_ANCHORS:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # Cheap upper bounds first: below the threshold, the exact ratio cannot reach it.
    return (
        matcher.real_quick_ratio() >= threshold
        and matcher.quick_ratio() >= threshold
        and matcher.ratio() >= threshold
    )


def _candidate_pairs(seqs: dict[str, list[str]]) -> list[tuple[str, str]]:
    postings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, seq in seqs.items():
        if len(seq) >= MIN_ANCHORS:
            for bigram in set(itertools.pairwise(seq)):
                postings[bigram].append(key)
    shared: Counter[tuple[str, str]] = Counter()
    for keys in postings.values():
        if 1 < len(keys) <= MAX_POSTING:
            keys.sort()
            for n, i in enumerate(keys):
                for j in keys[n + 1 :]:
                    shared[(i, j)] += 1
    return sorted(pair for pair, count in shared.items() if count >= MIN_SHARED_BIGRAMS)


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

    def join(i: str, j: str) -> None:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    # Identical texts are copies whatever their anchors; compare one text per hash.
    by_hash: dict[str, list[str]] = defaultdict(list)
    for a in sorted(articles, key=lambda a: a.id):
        by_hash[a.sha256].append(a.id)
    text_of = {a.id: a.text for a in articles}
    for members in by_hash.values():
        for other in members[1:]:
            join(members[0], other)
    heads = {members[0]: anchors(text_of[members[0]]) for members in by_hash.values()}
    for i, j in _candidate_pairs(heads):
        if root(i) != root(j) and _is_copy(heads[i], heads[j], threshold):
            join(i, j)
    return {i: root(i) for i in ids}
