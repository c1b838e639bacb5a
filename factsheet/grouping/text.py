"""How much two articles' words say they report the same strike: shared rare names and numbers.

Reports of one strike name the same places, people, units and figures; reports of two
strikes share mostly the words every war report uses. So each article is reduced to its
"anchors" (capitalised words, words in scripts without capitals, numbers of two digits or
more), and two articles are compared by the cosine of their anchor sets weighted by how rare
each anchor is in the feed (inverse document frequency). That is cheap (set intersections,
no all-pairs pass), works on any text the extractor could or could not read, and a
near-copy (a rewrite keeps most names and numbers) comes out close to 1.

The score is only ever one piece of evidence: an article that names an earlier strike as
background shares that strike's names too, so text alone never links two articles.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W\d_][\w’'-]*|\d[\d,.]*\d|\d", re.UNICODE)
# Capitalised words that start sentences or name nothing in particular.
# fmt: off
COMMON_WORDS = frozenset({
    "a", "about", "according", "after", "all", "also", "an", "and", "another", "any", "as", "at",
    "before", "but", "by", "during", "earlier", "every", "for", "from", "he", "her", "his", "however",
    "if", "in", "it", "its", "last", "later", "meanwhile", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "no", "not", "of", "on", "one", "or", "our", "over",
    "she", "since", "some", "that", "the", "their", "there", "these", "they", "this", "those", "three",
    "to", "two", "under", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "with", "would", "you", "read", "more", "photo", "image", "video", "copyright", "advertisement",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "mr", "mrs", "ms", "dr",
})
# fmt: on
# Anchors in more than this share of a feed say nothing about which strike an article reports.
_MAX_SHARE = 0.2
# Weights are computed as if the feed had at least this many articles: in a folder of seven
# reports of one strike, the names all seven share are what ties them, not noise to discount.
_MIN_CORPUS = 200
# Only the first part of an article: the strike is reported at the top, background comes later.
_HEAD_CHARS = 4000


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"['’]s$", "", plain.replace("’", "'")).strip("'-").lower()
    return re.sub(r"^(?:al|el)-", "", plain)


def _arabic(word: str) -> str:
    """An Arabic word without the conjunction and article glued to its front (وال, ال, و)."""
    for prefix in ("وال", "بال", "لل", "ال", "و"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word


def anchors(text: str) -> frozenset[str]:
    """The names and numbers of an article's opening, folded for comparison."""
    found: set[str] = set()
    for match in _TOKEN.finditer(text[:_HEAD_CHARS]):
        word = match.group()
        first = word[0]
        if first.isdigit():
            digits = re.sub(r"\D", "", word)
            if len(digits) >= 2:
                found.add("#" + str(int(digits)))
        elif first.isupper() or first.islower():
            if first.isupper() and len(word) >= 3:
                folded = _fold(word)
                if len(folded) >= 3 and folded not in COMMON_WORDS:
                    found.add(folded)
        elif len(word) >= 4:  # a script without capitals (Arabic): every long word may be a name
            found.add(_arabic(word))
    return frozenset(found)


@dataclass(frozen=True)
class TextVector:
    """An article's anchors that other articles of the feed share, each with its weight."""

    weights: dict[str, float]
    norm: float


def vectors(anchor_sets: Sequence[frozenset[str]]) -> list[TextVector]:
    """Weight every article's anchors by their rarity in this feed (the feed is the corpus)."""
    n = max(len(anchor_sets), _MIN_CORPUS)
    df: Counter[str] = Counter()
    for tokens in anchor_sets:
        df.update(tokens)
    ceiling = int(_MAX_SHARE * n)
    out = []
    for tokens in anchor_sets:
        weights: dict[str, float] = {}
        total = 0.0
        for token in tokens:
            count = df[token]
            if count > ceiling:
                continue
            idf = math.log((n + 1) / count)
            total += idf * idf
            if count > 1:
                weights[token] = idf
        out.append(TextVector(weights, math.sqrt(total)))
    return out


def similarity(a: TextVector, b: TextVector) -> float:
    """Cosine of the two weighted anchor sets: 0 nothing rare shared, near 1 a rewrite."""
    if not a.norm or not b.norm:
        return 0.0
    small, large = (a.weights, b.weights) if len(a.weights) <= len(b.weights) else (b.weights, a.weights)
    shared = sum(w * w for token, w in small.items() if token in large)
    return shared / (a.norm * b.norm)


def rarest(vector: TextVector, k: int) -> list[str]:
    """The k shared anchors that say most: keys for finding candidate articles without all pairs."""
    return [t for t, _ in sorted(vector.weights.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]
