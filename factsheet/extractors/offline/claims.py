"""Who says what about the strike: attributed statements in strike sentences.

Covers the attribution shapes of wire copy: 'X said (that) S', 'S, X said', '"S," X said
in a statement', '"S," said X', 'According to X, S', 'S, according to X', 'X told Reuters
S', 'sources who spoke on condition of anonymity said S'. A pronoun speaker ('It said')
takes the previous sentence's speaker. The speaker's type comes from cue words in the
speaker phrase (anonymity first, then affiliation, outlet, military, group, government,
witness).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsheet.extractors.offline.candidates import evidence_for
from factsheet.extractors.offline.context import SentenceInfo
from factsheet.extractors.offline.dates import dateline_end
from factsheet.extractors.offline.lexicons import ATTRIBUTION_VERBS, SPEAKER_CUES
from factsheet.models import Claim
from factsheet.models.values import SpeakerType

_VERB = re.compile(
    rf"(?:\s+(?:also|later|earlier|separately|previously|had|has|have))?\s+\b{ATTRIBUTION_VERBS}\b"
)
_ACCORDING_START = re.compile(
    r"^(?:But\s+|And\s+)?According\s+to\s+(?P<spk>[^,]{2,90}),\s+(?P<stmt>.+)$", re.S
)
_ACCORDING_END = re.compile(r"^(?P<stmt>.+?),?\s+according\s+to\s+(?P<spk>[^,.;]{2,90}?)[.”\"]*$", re.S)
# '"S," said X, a resident.': the speaker after an inverted verb, with an optional apposition.
_SAID_SPEAKER_END = re.compile(
    r"^(?P<stmt>.+?)[,”\"]+\s+(?:said|says|added)\s+(?!(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)\b)"
    r"(?P<spk>[A-Z][^,.;“”\"]{1,60}?)"
    r"(?:,\s+(?P<appos>[^.;“”\"]{2,80}?))?[.”\"]*$",
    re.S,
)
# A short opening phrase before the speaker ('Following the incident, X said ...').
_INTRO = re.compile(
    r"^(?:In|On|After|Following|Earlier|Later|Meanwhile|During|Since|Before|At|Separately|However|Last|Late|"
    r"Early|Asked|Speaking|Overnight|Hours|Shortly|Elsewhere|Also)\b",
)
_RELATIVE_TAIL = re.compile(r",\s+(?:who|which)\b[^,]*,?\s*$")
_LEADING = re.compile(r"^(?:But|And|However|Meanwhile|Separately|Still|Yet)\b,?\s+")
_BOUNDARY = re.compile(r"[,;:“”\"]|\bthat\s")
_SPEAKER_START = re.compile(
    r"^(?:[A-Z“\"(]|(?:the|a|an|two|three|four|several|some|one|its|his|their|local|senior|security|"
    r"other|many|officials|witnesses|residents|sources)\b)"
    r"|\b(?:police|officials?|spokes(?:man|woman|person)|sources?|witnesses|residents|medics|rescuers|"
    r"rescue\s+workers|doctors|ministry|military|army|government|authorities|statement|media)\b"
)
_NOT_SPEAKER = re.compile(r"\b(?:was|were|is|are|been|being|did|does|will|would)\b", re.I)
_PRONOUN = re.compile(r"^(?:it|he|she|they|the\s+group|the\s+statement)$", re.I)
_STATEMENT_OF = re.compile(
    r"^(?:(?:a|the)\s+)?statement\s+(?:by|from)\s+|^(?:(?:a|the)\s+)?statement\s+", re.I
)
_TRAILING_STATEMENT = re.compile(r"\s+(?:statement|communique|announcement)$", re.I)
_HEAD_CUT = re.compile(
    r"\s+(?:who|which|that|interviewed|quoted|cited|speaking|briefed|familiar|on\s+condition|in\s+a\s+statement)\b.*$",
    re.I,
)
_AFTER_VERB = re.compile(
    r"^(?:\s+(?:in\s+a\s+statement|in\s+a\s+post|on\s+(?:X|Telegram|Twitter|Facebook|television|\w+day)|"
    r"late\s+\w+|earlier|later|on\s+condition\s+of\s+anonymity))*\s*,?\s*(?:that\s+)?",
    re.I,
)
_TOLD_OBJECT = re.compile(
    r"^\s+(?:the\s+)?(?:[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*)*|outlet|agency|reporters|journalists)"
)
_MAX_SPEAKER_WORDS = 14
_MIN_STATEMENT_WORDS = 3


@dataclass(frozen=True)
class _Attribution:
    speaker: str
    statement: str
    apposition: str | None = None


def speaker_type(speaker: str) -> SpeakerType:
    head = _HEAD_CUT.sub("", speaker)
    for kind, cue, whole_phrase in SPEAKER_CUES:
        if cue.search(speaker if whole_phrase else head):
            return kind  # type: ignore[return-value]
    return "other"


def _clean_speaker(raw: str) -> str:
    speaker = _LEADING.sub("", raw.strip(" ,“”\"'"))
    speaker = _STATEMENT_OF.sub("", speaker)
    speaker = _TRAILING_STATEMENT.sub("", speaker)
    if re.match(r"^(?:the|The)\s+[A-Z]", speaker):
        speaker = speaker.split(None, 1)[1]
    return speaker.strip()


def _clean_statement(raw: str) -> str:
    return raw.strip().strip(" ,.;:“”\"'").strip()


def _valid_speaker(speaker: str) -> bool:
    words = speaker.split()
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return False
    if not _SPEAKER_START.match(speaker) and not _PRONOUN.match(speaker):
        return False
    head = _HEAD_CUT.sub("", speaker)
    return not _NOT_SPEAKER.search(head)


def _attribution(text: str) -> _Attribution | None:
    body = text[dateline_end(text) :].strip()
    m = _ACCORDING_START.match(body)
    if m:
        return _Attribution(m.group("spk"), m.group("stmt"))
    m = _ACCORDING_END.match(body)
    if m:
        return _Attribution(m.group("spk"), m.group("stmt"))
    m = _SAID_SPEAKER_END.match(body)
    if m:
        return _Attribution(m.group("spk"), m.group("stmt"), m.group("appos"))
    for v in _VERB.finditer(body):
        if re.match(r"\s+responsibility\b", body[v.end() :]):
            continue
        # '"S," Name, who was at the scene, told X': skip the relative clause after the name.
        left = _RELATIVE_TAIL.sub("", body[: v.start()])
        cuts = [b.end() for b in _BOUNDARY.finditer(left)]
        cut = cuts[-1] if cuts else 0
        speaker = left[cut:]
        if not _valid_speaker(_clean_speaker(speaker)):
            continue
        right = body[v.end() :]
        if v.group().strip().endswith("told"):
            obj = _TOLD_OBJECT.match(right)
            right = right[obj.end() :] if obj else right
        right = right[_AFTER_VERB.match(right).end() :]  # type: ignore[union-attr]
        trailing = cut > 0 and left[:cut].strip(' ,“”"') != ""
        intro = bool(_INTRO.match(left[:cut])) and not re.search(r"[“”\"]", left[:cut])
        if trailing and not intro:
            statement = left[:cut]
        elif len(right.split()) >= _MIN_STATEMENT_WORDS:
            statement = right
        else:
            statement = left[:cut]
        return _Attribution(speaker, statement)
    return None


def claim_for(info: SentenceInfo, previous_speaker: str | None) -> Claim | None:
    """The attributed statement of one sentence, or None when it attributes nothing."""
    found = _attribution(info.sentence.text)
    if found is None:
        return None
    speaker = _clean_speaker(found.speaker)
    described = f"{speaker}, {found.apposition}" if found.apposition else speaker
    if _PRONOUN.match(speaker):
        if not previous_speaker:
            return None
        speaker = described = previous_speaker
    statement = _clean_statement(found.statement)
    if len(statement.split()) < _MIN_STATEMENT_WORDS or not speaker:
        return None
    return Claim(
        statement=statement,
        speaker=speaker,
        speaker_type=speaker_type(described),
        evidence=evidence_for(info),
    )
