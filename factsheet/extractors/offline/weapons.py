"""The weapon, as the article names it: 'drone strike', 'airstrike', 'ballistic missile', 'IED'.

Lexicon matches in strike sentences, the most specific phrase winning where two overlap
('drone strike' over 'drone'). Canonical weapon classes are the normalise stage's work.
"""

from __future__ import annotations

from factsheet.extractors.offline.candidates import Candidate
from factsheet.extractors.offline.context import SentenceInfo
from factsheet.extractors.offline.lexicons import WEAPON_PATTERNS

_SPECIFICITY_WEIGHT = 0.5


def weapon_candidates(info: SentenceInfo) -> list[Candidate]:
    s = info.sentence
    found: list[tuple[int, int, int]] = []
    for pattern, specificity in WEAPON_PATTERNS:
        for m in pattern.finditer(s.text):
            if any(a <= m.start() and m.end() <= b for a, b, _ in found):
                continue
            found.append((m.start(), m.end(), specificity))
    return [
        Candidate(s.text[a:b].strip(), s.start + a, s.start + b, info, tier=spec * _SPECIFICITY_WEIGHT)
        for a, b, spec in found
    ]
