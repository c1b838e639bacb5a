"""Which sentences speak about THE strike, and how much to trust each one.

A strike report opens with the event (headline and first paragraphs) and then widens to
background: earlier attacks, running war tolls, other places. Facts must come from the
former. Each sentence gets a relevance score (strike vocabulary, nearness to the lead) and
a set of reasons it is background (cue words here; a different date or country is added
later by the orchestrator, once the strike's own date and country are known).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factsheet.extractors.offline.lexicons import (
    BACKGROUND_CUES,
    FOREIGN_CLAUSE,
    KILL_TERMS,
    NOT_STRIKE,
    STRIKE_TERMS,
)
from factsheet.extractors.offline.sentences import Sentence

# How much the first strike sentences of the body (and a strike headline) count extra.
_LEAD_BONUS = 4.0
_LEAD_DECAY = 0.5
_TITLE_BONUS = 3.5
_PER_TERM = 0.5
_MAX_TERMS = 4


@dataclass
class SentenceInfo:
    sentence: Sentence
    strike_hits: int
    kills: bool
    relevance: float
    background: set[str] = field(default_factory=set)
    # Local spans about another event ('in response to an attack on X that killed Y').
    foreign: tuple[tuple[int, int], ...] = ()

    @property
    def is_strike(self) -> bool:
        return self.strike_hits > 0

    @property
    def usable(self) -> bool:
        """About this strike: strike words, no background reason, not a photo caption."""
        return self.strike_hits > 0 and not self.background and not self.sentence.is_caption


def strike_hits(text: str) -> int:
    """Distinct strike words in a sentence, labour strikes and heart attacks excluded."""
    cleaned = NOT_STRIKE.sub(" ", text)
    return len({m.group().lower() for m in STRIKE_TERMS.finditer(cleaned)})


# Where a trailing clause starts: a comma, a dash, or 'after' / 'as' / 'which' after a comma.
_CLAUSE_START = re.compile(r",\s+|\s+[–—-]\s+|;\s+")


_YEAR_CUE = re.compile(r"in\s+(?:19|20)\d\d", re.IGNORECASE)
_SINCE_YEAR = re.compile(r"\b(?:since|when|after|before)\b[^,;.]{0,60}$", re.IGNORECASE)
_RELATIVE_ASIDE = re.compile(r",\s+(?:which|who|whose)\b[^,;]*$")


def _cues_and_spans(text: str) -> tuple[set[str], tuple[tuple[int, int], ...]]:
    """Background cues of the whole sentence, and cues confined to a trailing clause.

    'The army said it killed X – a journalist ..., an allegation X had previously denied': the
    cue speaks of the clause it stands in; the strike sentence before it is still this strike's.
    """
    cues: set[str] = set()
    spans: list[tuple[int, int]] = []
    for cue in BACKGROUND_CUES:
        m = cue.search(text)
        if m is None:
            continue
        cuts = [c.start() for c in _CLAUSE_START.finditer(text, 0, m.start())]
        head = text[: cuts[-1]] if cuts else ""
        year = _SINCE_YEAR.search(text[: m.end()]) if _YEAR_CUE.fullmatch(m.group()) else None
        if year is not None:
            # '... the first attack on the army since the war started in 2011': only that phrase.
            spans.append((year.start(), m.end()))
            continue
        aside = _RELATIVE_ASIDE.search(text[: m.start()])
        close = text.find(",", m.end()) if aside else -1
        if aside and close > 0:
            # 'Russia's military, which has backed Assad since 2015, denied ...': the aside only.
            spans.append((aside.start(), close))
        elif cuts and strike_hits(head) and not cue.search(head):
            spans.append((cuts[-1], len(text)))
        else:
            cues.add(f"cue:{m.group().lower()}")
    return cues, tuple(spans)


# A clause ends at a comma, semicolon or full stop, but not at the stop of 'U.S.', nor at a
# comma that carries the same event on ('..., including an attack on Friday in which ...').
_CLAUSE_END = re.compile(
    # not the commas of a date ('the Dec. 25, 2014, attack on Mogadishu airport')
    r"(?<!\d,\s\d{4}),(?!\s+\d)(?!\s+(?:including|in\s+which|which|that|when|where|both|each)\b)|;|"
    r"(?<![A-Z])"
    + "".join(
        f"(?<!{m})"
        for m in ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
    )
    + r"\."
)


def foreign_spans(text: str) -> tuple[tuple[int, int], ...]:
    """From each cue of another event to the end of its clause."""
    spans = []
    for m in FOREIGN_CLAUSE.finditer(text):
        stop = _CLAUSE_END.search(text, m.end())
        spans.append((m.start(), stop.start() if stop else len(text)))
    return tuple(spans)


def analyse(sentences: list[Sentence]) -> list[SentenceInfo]:
    """Relevance and cue-word background flags for every sentence."""
    infos: list[SentenceInfo] = []
    body_rank = 0
    for s in sentences:
        hits = strike_hits(s.text)
        relevance = min(hits, _MAX_TERMS) * _PER_TERM
        if hits and s.is_title:
            relevance += _TITLE_BONUS
        elif hits and not s.is_caption:
            relevance += max(0.0, _LEAD_BONUS - _LEAD_DECAY * body_rank)
            body_rank += 1
        cues, trailing = _cues_and_spans(s.text)
        infos.append(
            SentenceInfo(
                sentence=s,
                strike_hits=hits,
                kills=bool(KILL_TERMS.search(s.text)),
                relevance=relevance,
                background=cues,
                foreign=foreign_spans(s.text) + trailing,
            )
        )
    return infos


def by_relevance(infos: list[SentenceInfo], *, captions: bool = False) -> list[SentenceInfo]:
    """Usable sentences, best first (ties: earlier first); captions only when asked."""
    chosen = [
        i for i in infos if i.strike_hits > 0 and not i.background and (captions or not i.sentence.is_caption)
    ]
    return sorted(chosen, key=lambda i: (-i.relevance, i.sentence.index))
