"""Find every evidence quote in its article and record where it stands.

An extractor's quote is a claim that the article says something; this stage checks the
claim. Matching runs from strict to loose (exact, then blind to case, spacing, quote and
dash styles, then fuzzy) so the match kind tells a reader how far the quote drifted from
the article's words. Offsets always index the original `Article.text`, never a folded
copy, so a renderer can highlight them directly.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from factsheet.models import EVENT_FIELDS, Claim, Evidence, Extraction, PersonValue, Value
from factsheet.normalise.scripts import ARABIC_INDIC_DIGITS

# Below this score a fuzzy alignment is more likely a different sentence than a paraphrase.
FUZZY_THRESHOLD = 90.0
# Short quotes ('three', 'Baghdad') match by accident anywhere in a long text when fuzzy.
MIN_FUZZY_CHARS = 12
# An ellipsis may join two pieces of the article that are at most this far apart.
MAX_ELLIPSIS_GAP = 400

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u02bb\u02b9`\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Invisible characters that web pages scatter inside words; dropped on both sides.
_INVISIBLE = {"\u200b", "\u00ad", "\ufeff", "\u2060"}
# Arabic script as writers and keyboards vary it: short-vowel marks (tashkeel) and the
# tatweel stretch are dropped, alef and hamza carriers fold to their bare letter, ta
# marbuta to ha, alef maqsura and Persian yeh to yeh, Persian kaf to kaf, and
# Arabic-Indic digits (both sets) to ASCII digits.
_ARABIC_DROP = "\u0640" + "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
_ARABIC_FOLD: dict[str, str] = {
    "\u0622": "\u0627",  # alef with madda -> alef
    "\u0623": "\u0627",  # alef with hamza above
    "\u0625": "\u0627",  # alef with hamza below
    "\u0671": "\u0627",  # alef wasla
    "\u0624": "\u0648",  # waw with hamza -> waw
    "\u0626": "\u064a",  # yeh with hamza -> yeh
    "\u0649": "\u064a",  # alef maqsura -> yeh
    "\u06cc": "\u064a",  # Persian yeh
    "\u0629": "\u0647",  # ta marbuta -> ha
    "\u06a9": "\u0643",  # Persian kaf
    **ARABIC_INDIC_DIGITS,
}
_FOLD_CHAR: dict[str, str] = {
    **dict.fromkeys(_ARABIC_DROP, ""),
    **_ARABIC_FOLD,
    **dict.fromkeys(_SINGLE_QUOTES, "'"),
    # Double quotes are dropped: models often leave out the quote marks around a nickname
    # or a statement they copy, and the marks carry no words.
    **dict.fromkeys(_DOUBLE_QUOTES, ""),
    '"': "",
    **dict.fromkeys(_DASHES, "-"),
    "\u2026": "...",
}
_WORD = re.compile(r"[^\W_]+(?:'t)?")
# Numbers, negations and hedges: the words whose change flips what a quote says.
_NUMBER_WORDS = {
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "dozen",
    "dozens",
    "first",
    "second",
    "third",
}
_NEGATIONS = {
    "no",
    "not",
    "never",
    "none",
    "nobody",
    "neither",
    "nor",
    "without",
    "n't",
    "don't",
    "didn't",
    "wasn't",
    "weren't",
    "isn't",
    "aren't",
}
_HEDGES = {
    "may",
    "might",
    "could",
    "possibly",
    "allegedly",
    "reportedly",
    "apparently",
    "suspected",
    "likely",
    "unconfirmed",
}
_LOAD_BEARING = _NUMBER_WORDS | _NEGATIONS | _HEDGES
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026|\[\.\.\.\]|\[\u2026\])\s*")


@dataclass(frozen=True)
class _Folded:
    """A folded string and, for each of its characters, the index it came from."""

    text: str
    origin: list[int]


@lru_cache(maxsize=256)
def _fold(text: str) -> _Folded:
    """Lowercase, unify quotes/dashes and Arabic letter forms, collapse whitespace; remember where
    each char came from.

    Folding can change lengths (an ellipsis becomes three dots, some capitals lowercase to
    two characters, whitespace runs shrink), hence the per-character origin list rather
    than a single offset.
    """
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch in _INVISIBLE:
            continue
        if ch.isspace():
            if not in_space:
                out.append(" ")
                origin.append(i)
            in_space = True
            continue
        folded = _FOLD_CHAR.get(ch)
        if folded is None:
            folded = ch.casefold()
        if not folded:
            continue
        in_space = False
        for piece in folded:
            out.append(piece)
            origin.append(i)
    return _Folded("".join(out), origin)


def _strip_folded(folded: _Folded) -> _Folded:
    text = folded.text
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return _Folded(text[left:right], folded.origin[left:right])


def _occurrences(needle: str, haystack: str) -> list[int]:
    starts: list[int] = []
    pos = haystack.find(needle)
    while pos != -1:
        starts.append(pos)
        pos = haystack.find(needle, pos + 1)
    return starts


def _nearest(starts: list[int], hint: int | None) -> int:
    if hint is None:
        return starts[0]
    return min(starts, key=lambda s: (abs(s - hint), s))


def _span(folded: _Folded, start: int, end: int) -> tuple[int, int]:
    """Map a [start, end) range of the folded text back to the original text."""
    return folded.origin[start], folded.origin[end - 1] + 1


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _word_bounds(text: str, pos: int, *, start: bool) -> list[int]:
    """Word boundaries around pos: the edge of the word pos falls in, and the next one inward."""
    inside = 0 < pos < len(text) and _is_word_char(text[pos - 1]) and _is_word_char(text[pos])
    if not inside:
        return [pos]
    outward = pos
    while 0 < outward < len(text) and _is_word_char(text[outward - 1]) and _is_word_char(text[outward]):
        outward += -1 if start else 1
    inward = pos
    while 0 < inward < len(text) and _is_word_char(text[inward - 1]) and _is_word_char(text[inward]):
        inward += 1 if start else -1
    return [outward, inward]


def _snap_to_words(text: str, start: int, end: int, folded_quote: str) -> tuple[int, int]:
    """Move an alignment that cuts words in half to whole words, whichever way reads closer to the quote."""
    options = [
        (s, e)
        for s in _word_bounds(text, start, start=True)
        for e in _word_bounds(text, end, start=False)
        if e > s
    ]
    if not options:
        return start, end
    return max(options, key=lambda se: (fuzz.ratio(folded_quote, _fold(text[se[0] : se[1]]).text), -se[0]))


def _none(quote: str) -> Evidence:
    return Evidence(quote=quote, match="none")


def _exact(quote: str, text: str, hint: int | None) -> Evidence | None:
    starts = _occurrences(quote, text)
    if not starts:
        return None
    start = _nearest(starts, hint)
    return Evidence(quote=quote, start=start, end=start + len(quote), match="exact")


def _normalised(quote: str, text: str, folded_text: _Folded, hint: int | None) -> Evidence | None:
    folded_quote = _strip_folded(_fold(quote)).text
    if not folded_quote:
        return None
    starts = _occurrences(folded_quote, folded_text.text)
    if not starts:
        return None
    if hint is not None:
        starts = sorted(starts, key=lambda s: (abs(folded_text.origin[s] - hint), s))
    start, end = _span(folded_text, starts[0], starts[0] + len(folded_quote))
    # The article's own words replace the model's re-typed ones: they differ only in
    # case, spacing or punctuation style, and a reader should see the verbatim text.
    return Evidence(quote=text[start:end], start=start, end=end, match="normalised")


def _load_bearing(folded: str) -> Counter[str]:
    """The words whose change flips what a quote says: numbers, negations, hedges."""
    return Counter(w for w in _WORD.findall(folded) if w.isdigit() or w in _LOAD_BEARING)


def _trim(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Drop spaces and punctuation the alignment took in at either end but the quote lacks."""
    while start < end and (
        text[start].isspace() or (not _is_word_char(text[start]) and quote[:1] != text[start])
    ):
        start += 1
    while end > start and (
        text[end - 1].isspace() or (not _is_word_char(text[end - 1]) and quote[-1:] != text[end - 1])
    ):
        end -= 1
    return start, end


def _fuzzy(quote: str, text: str, folded_text: _Folded) -> Evidence | None:
    folded_quote = _strip_folded(_fold(quote)).text
    if len(folded_quote) < MIN_FUZZY_CHARS or len(folded_quote) > len(folded_text.text):
        return None
    found = fuzz.partial_ratio_alignment(folded_quote, folded_text.text, score_cutoff=FUZZY_THRESHOLD)
    if found is None or found.dest_end <= found.dest_start:
        return None
    start, end = _span(folded_text, found.dest_start, found.dest_end)
    start, end = _snap_to_words(text, start, end, folded_quote)
    start, end = _trim(text, start, end, quote.strip())
    if end <= start:
        return None
    # 'killed seven' is 93% like 'killed six': a near-identical quote that changes a number,
    # a negation or a hedge says something else, so it is not found.
    if _load_bearing(folded_quote) != _load_bearing(_fold(text[start:end]).text):
        return None
    return Evidence(quote=quote, start=start, end=end, match="fuzzy", score=round(found.score, 1))


def _elided(quote: str, folded_text: _Folded) -> Evidence | None:
    """A quote the model shortened with '...': every piece must appear, in order, close together."""
    pieces = [p for p in _ELLIPSIS.split(quote) if p.strip()]
    if len(pieces) < 2:
        return None
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        folded_piece = _strip_folded(_fold(piece)).text
        if len(folded_piece) < MIN_FUZZY_CHARS // 2:
            return None  # 'said ... the': pieces this short are found anywhere
        pos = folded_text.text.find(folded_piece, cursor)
        if pos == -1:
            return None
        if spans and folded_text.origin[pos] - spans[-1][1] > MAX_ELLIPSIS_GAP:
            return None
        spans.append(_span(folded_text, pos, pos + len(folded_piece)))
        cursor = pos + len(folded_piece)
    start, end = spans[0][0], spans[-1][1]
    # Every word is the article's, but the quote is not one contiguous passage: that is
    # not an exact match, and the score says how much of the span the pieces cover.
    covered = sum(e - s for s, e in spans)
    return Evidence(
        quote=quote, start=start, end=end, match="fuzzy", score=round(100.0 * covered / (end - start), 1)
    )


def locate(quote: str, text: str, hint: int | None = None) -> Evidence:
    """Find `quote` in `text`, strictest match first; `hint` picks among repeated occurrences."""
    if not quote or not quote.strip():
        return _none(quote)
    found = _exact(quote, text, hint)
    if found is not None:
        return found
    folded_text = _fold(text)
    found = _normalised(quote, text, folded_text, hint)
    if found is None:
        found = _elided(quote, folded_text)
    if found is None:
        found = _fuzzy(quote, text, folded_text)
    return found if found is not None else _none(quote)


def _relocated(item: Value | Claim, text: str) -> Value | Claim:
    evidence = item.evidence
    if (
        evidence.match == "normalised"
        and evidence.start is not None
        and text[evidence.start : evidence.end] == evidence.quote
    ):
        # Verified before: the quote was replaced by the article's words, which would now
        # match exactly; keep the record that the model's own quote differed.
        return item
    return item.model_copy(update={"evidence": locate(evidence.quote, text, hint=evidence.start)})


def verify_extraction(extraction: Extraction) -> Extraction:
    """Return a copy whose every evidence quote has been looked up in the article text."""
    text = extraction.article.text
    event = extraction.event
    updates: dict[str, object] = {}
    for name in EVENT_FIELDS:
        value = getattr(event, name)
        if value is not None:
            updates[name] = _relocated(value, text)
    updates["people"] = [_person(person, text) for person in event.people]
    updates["claims"] = [_relocated(claim, text) for claim in event.claims]
    return extraction.model_copy(update={"event": event.model_copy(update=updates)})


def _person(person: PersonValue, text: str) -> PersonValue:
    located = _relocated(person, text)
    assert isinstance(located, PersonValue)
    fate = person.fate_evidence
    if fate is None:
        return located
    return located.model_copy(update={"fate_evidence": locate(fate.quote, text, hint=fate.start)})


def unverified_values(extraction: Extraction) -> list[tuple[str, Value | Claim]]:
    """Values whose quote was looked for and not found; claims are listed under 'claims'."""
    event = extraction.event
    missing: list[tuple[str, Value | Claim]] = []
    for name in EVENT_FIELDS:
        value = getattr(event, name)
        if value is not None and value.evidence.match == "none":
            missing.append((name, value))
    for i, person in enumerate(event.people):
        if person.evidence.match == "none":
            missing.append((f"people[{i}]", person))
    missing.extend(("claims", claim) for claim in event.claims if claim.evidence.match == "none")
    return missing
