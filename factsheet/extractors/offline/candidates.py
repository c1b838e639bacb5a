"""A value found in a sentence, and the rule for choosing among several.

Every rule module returns candidates; the orchestrator keeps the best per field. A
candidate's score adds how specific the pattern was (its tier) to how much its sentence is
about the strike, so a precise phrase in the second paragraph can beat a vague one in the
lead, and a photo caption is used only when no sentence of the text says anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from factsheet.extractors.offline.context import SentenceInfo
from factsheet.models import Evidence

TIER_WEIGHT = 2.0


@dataclass(frozen=True)
class Candidate:
    text: str
    start: int
    end: int
    info: SentenceInfo
    tier: float
    data: Any = None

    @property
    def score(self) -> float:
        return self.tier * TIER_WEIGHT + self.info.relevance

    def evidence(self) -> Evidence:
        return evidence_for(self.info)


def evidence_for(info: SentenceInfo) -> Evidence:
    """The whole sentence as the quote: verbatim, with its offsets, found exactly."""
    s = info.sentence
    return Evidence(quote=s.text, start=s.start, end=s.end, match="exact")


def is_foreign(c: Candidate) -> bool:
    """Inside a clause about another event ('after a drone attack on Tel Aviv')."""
    local = c.start - c.info.sentence.start
    return any(a <= local < b for a, b in c.info.foreign)


def best(candidates: Iterable[Candidate]) -> Candidate | None:
    """Highest score among text sentences; captions only when the text offers nothing.

    Values inside a clause about another event ('after a drone attack on Tel Aviv') never count.
    """
    pool = [c for c in candidates if not is_foreign(c)]
    body = [c for c in pool if not c.info.sentence.is_caption]
    pool = body or pool
    if not pool:
        return None
    return max(pool, key=lambda c: (c.score, -c.info.sentence.index, -c.start))
