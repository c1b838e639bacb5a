"""Casualty phrases to UCDP-style low / best / high counts.

Choices, following UCDP GED (low = lowest credible figure, best = most likely, high =
highest credible; None = the text sets no such bound):

- a bare number ('three', '2,500', 'all three'): low = best = high.
- 'at least N' (also 'no fewer than', 'a minimum of'): (N, N, None).
- 'more than N' / 'over N': (N+1, N+1, None): the smallest count the words allow.
- 'up to N' / 'as many as N' / 'at most N': (None, N, N): reporters use it for the
  figure they believe, capped; nothing is said about a floor.
- 'fewer than N' / 'under N': (None, None, N-1): no figure to call best.
- 'about / around / some / nearly N': (None, N, None); the comparison treats such a
  figure as a quarter either way (see `count_interval`), not as a hard bound.
- 'N to M' / 'between N and M' / 'N or M': (N, None, M).
- 'dozens' (24+), 'scores' (40+), 'hundreds' (200+), 'thousands' (2000+), 'several'
  (3+), 'a few' (2+): low only, best None; the word itself is the qualifier.
- an enumeration of people ('the commander and two of his bodyguards'): each singular
  noun phrase or name counts one, each numbered phrase its number: 3. A plural phrase
  without a number ('his bodyguards') counts two and makes the sum a floor.
- a lone singular phrase ('killing a commander'): (1, 1, None, 'at least'): the text
  names one victim, not a total. A lone plural without a number gives no count.
- 'no casualties', 'no one was killed', 'nobody': 0.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Protocol

from factsheet.normalise.foreign_numbers import englished_numbers

Count = tuple[int | None, int | None, int | None, str | None]

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Words that are a number on their own ('both victims', 'a lone gunman').
_SOLO = {"both": 2, "single": 1, "lone": 1, "sole": 1}
# Words that follow 'a'/'an' or a number and multiply it.
_GROUPS = {"dozen": 12, "couple": 2, "pair": 2, "score": 20}

# Vague plurals: the smallest count the word allows.
_VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "tens": 20,
    "several": 3,
    "multiple": 2,
    "few": 2,
    "handful": 2,
}

# Hedges before a number, longest first so 'no more than' wins over 'more than'.
_HEDGES: list[tuple[tuple[str, ...], str]] = sorted(
    [
        (("at", "least"), "at least"),
        (("no", "fewer", "than"), "at least"),
        (("no", "less", "than"), "at least"),
        (("not", "less", "than"), "at least"),
        (("a", "minimum", "of"), "at least"),
        (("minimum", "of"), "at least"),
        (("more", "than"), "more than"),
        (("over",), "more than"),
        (("upwards", "of"), "more than"),
        (("in", "excess", "of"), "more than"),
        (("up", "to"), "up to"),
        (("as", "many", "as"), "up to"),
        (("at", "most"), "up to"),
        (("no", "more", "than"), "up to"),
        (("not", "more", "than"), "up to"),
        (("a", "maximum", "of"), "up to"),
        (("fewer", "than"), "fewer than"),
        (("less", "than"), "fewer than"),
        (("under",), "fewer than"),
        (("about",), "about"),
        (("around",), "about"),
        (("some",), "about"),
        (("approximately",), "about"),
        (("roughly",), "about"),
        (("approx",), "about"),
        (("circa",), "about"),
        (("an", "estimated"), "about"),
        (("estimated",), "about"),
        (("nearly",), "nearly"),
        (("almost",), "nearly"),
        (("close", "to"), "nearly"),
        (("all",), "all"),
        (("all", "of", "the"), "all"),
    ],
    key=lambda item: -len(item[0]),
)

# Words that end the noun phrase naming the victims (verbs, relatives, subset clauses).
_STOPS = {
    "was",
    "were",
    "is",
    "are",
    "had",
    "have",
    "has",
    "been",
    "being",
    "died",
    "perished",
    "killed",
    "killing",
    "kills",
    "dead",
    "wounded",
    "wounding",
    "injured",
    "injuring",
    "leaving",
    "left",
    "who",
    "which",
    "that",
    "including",
    "among",
    "such",
    "according",
    "said",
    "in",
    "on",
    "at",
    "when",
    "while",
    "after",
    "during",
    "by",
    "with",
    ";",
    ".",
    ":",
    "(",
    ")",
}
_SINGULAR_DETERMINERS = {"a", "an", "one", "another", "this", "that"}
_EITHER_DETERMINERS = {"the", "his", "her", "its", "their", "our", "whose"}
_PLURAL_DETERMINERS = {"these", "those", "some", "other"}
_IRREGULAR_PLURALS = {"people", "men", "women", "children", "persons", "police", "personnel", "staff"}
_ZERO = re.compile(
    r"\b(?:no[ -]one|nobody|none)\b"
    r"|\b(?:no|zero)\s+(?:[a-z-]+\s+)?(?:one|casualties|casualty|deaths|dead|fatalities|injuries|injured|"
    r"wounded|killed|people|persons|victims|civilians|lives|losses)\b"
)
_TOKEN = re.compile(r"\d+(?:,\d{3})+(?!\d)|\d+|[^\W\d_]+(?:'[^\W\d_]+)*|[-–—,;:.()]")


@dataclass(frozen=True)
class _Token:
    low: str
    raw: str


def _tokens(text: str) -> list[_Token]:
    folded = englished_numbers(text).replace("\u2019", "'").replace("\u2018", "'")
    return [_Token(m.group().lower(), m.group()) for m in _TOKEN.finditer(folded)]


def _numeral(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", tok):
        return int(tok.replace(",", ""))
    return None


def _number_at(toks: list[_Token], i: int) -> tuple[int, int] | None:
    """Parse the number expression starting at token i: (value, index after it)."""
    if i >= len(toks):
        return None
    words = [t.low for t in toks]
    first = words[i]
    if first == "half" and words[i + 1 : i + 3] == ["a", "dozen"]:
        return 6, i + 3
    if first in ("a", "an") and i + 1 < len(words) and words[i + 1] in {**_GROUPS, **_SCALES}:
        value = _GROUPS.get(words[i + 1]) or _SCALES[words[i + 1]]
        j = i + 2
        return value, j + 1 if j < len(words) and words[j] == "of" else j
    if first in _SOLO:
        return _SOLO[first], i + 1
    numeral = _numeral(first)
    if numeral is not None:
        j = i + 1
        if j < len(words) and words[j] in _SCALES:
            return numeral * _SCALES[words[j]], j + 1
        if j < len(words) and words[j] == "dozen":
            return numeral * 12, j + 1
        return numeral, j
    total = current = 0
    j = i
    seen = False
    while j < len(words):
        word = words[j]
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "-" and seen and j + 1 < len(words) and words[j + 1] in _UNITS and words[j - 1] in _TENS:
            pass
        elif word == "hundred" and seen:
            current = max(current, 1) * 100
        elif word in ("thousand", "million") and seen:
            total += max(current, 1) * _SCALES[word]
            current = 0
        elif word == "dozen" and seen:
            current *= 12
        elif (
            word == "and"
            and seen
            and words[j - 1] in _SCALES
            and j + 1 < len(words)
            and (words[j + 1] in _UNITS or words[j + 1] in _TENS)
        ):
            pass
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


def parse_number(text: str) -> int | None:
    """The first number a phrase states ('twenty-one', 'a dozen', '2,500'), or None."""
    toks = _tokens(text)
    for i in range(len(toks)):
        found = _number_at(toks, i)
        if found is not None:
            return found[0]
    return None


def _hedge_before(toks: list[_Token], i: int) -> str | None:
    words = [t.low for t in toks[:i]]
    for phrase, hedge in _HEDGES:
        if tuple(words[-len(phrase) :]) == phrase:
            return hedge
    return None


def _hedged(value: int, hedge: str | None) -> Count:
    if hedge == "at least":
        return value, value, None, hedge
    if hedge == "more than":
        return value + 1, value + 1, None, hedge
    if hedge == "up to":
        return None, value, value, hedge
    if hedge == "fewer than":
        return None, None, max(value - 1, 0), hedge
    if hedge in ("about", "nearly"):
        return None, value, None, hedge
    return value, value, value, None


def _range_at(toks: list[_Token], i: int, first: tuple[int, int]) -> Count | None:
    """'10 to 15', '10-15', 'two or three', 'between 10 and 15' starting at the number at i."""
    value, j = first
    if j >= len(toks):
        return None
    joiners = {"to", "-", "–", "—", "or"}
    if i > 0 and toks[i - 1].low == "between":
        joiners.add("and")
    if toks[j].low not in joiners:
        return None
    second = _number_at(toks, j + 1)
    if second is None or second[0] <= value:
        return None
    return value, None, second[0], "between"


def _partition_total(toks: list[_Token], j: int) -> int | None:
    """'one of the three men': the total of the group the first number picks from."""
    if [t.low for t in toks[j : j + 2]] == ["of", "the"]:
        total = _number_at(toks, j + 2)
        if total is not None:
            return total[0]
    return None


def _first_quantity(toks: list[_Token]) -> Count | None:
    for i in range(len(toks)):
        found = _number_at(toks, i)
        if found is None:
            continue
        ranged = _range_at(toks, i, found)
        if ranged is not None:
            return ranged
        total = _partition_total(toks, found[1])
        if total is not None:
            return total, total, total, None
        return _hedged(found[0], _hedge_before(toks, i))
    for i, tok in enumerate(toks):
        if tok.low in _VAGUE and (tok.low != "few" or (i > 0 and toks[i - 1].low == "a")):
            return _VAGUE[tok.low], None, None, tok.low if tok.low != "few" else "a few"
    return None


def _is_plural(noun: str) -> bool:
    if noun in _IRREGULAR_PLURALS:
        return True
    return noun.endswith("s") and not noun.endswith(("ss", "us", "is"))


def _phrase_count(part: list[_Token]) -> Count | None:
    """Count the people one noun phrase names; None when it names no countable people."""
    words = [t for t in part if t.low not in (",", "-")]
    if not words:
        return None
    found = _first_quantity(words)
    if found is not None:
        return found
    head_words = words
    if "of" in [t.low for t in words]:
        head_words = words[: [t.low for t in words].index("of")]
    if not head_words:
        return None
    head = head_words[-1].low
    first = words[0]
    if first.low in _SINGULAR_DETERMINERS:
        return 1, 1, 1, None
    if first.low in _PLURAL_DETERMINERS or (first.low in _EITHER_DETERMINERS and _is_plural(head)):
        return 2, 2, None, "at least"
    if first.low in _EITHER_DETERMINERS:
        return 1, 1, 1, None
    if _looks_like_name(words):
        return 1, 1, 1, None
    return None


_FUNCTION_WORDS = {"there", "it", "he", "she", "they", "we", "i", "you", "according", "but", "and", "this"}


def _looks_like_name(words: list[_Token]) -> bool:
    """A person's name ('Abu Bakr al-Saadi', 'Saleh al-Arouri'): two or more capitalised words, led by one."""
    if len(words) < 2 or words[0].low in _FUNCTION_WORDS or not words[0].raw[:1].isupper():
        return False
    return sum(1 for w in words if w.raw[:1].isupper()) >= 2


def _joins_number(tokens: list[_Token], i: int) -> bool:
    """'and' inside a number ('one hundred and five') does not join two people."""
    return 0 < i < len(tokens) - 1 and tokens[i - 1].low in _SCALES and _number_at(tokens, i + 1) is not None


def _split(tokens: list[_Token], separators: set[str]) -> list[list[_Token]]:
    parts: list[list[_Token]] = [[]]
    for i, tok in enumerate(tokens):
        if tok.low in separators and not _joins_number(tokens, i):
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


def _conjuncts(segment: list[_Token]) -> list[list[_Token]]:
    """Split 'A, B and C' into people; drop appositions ('X, a senior commander, and Y', 'X, the
    military emir of Anbar, and three others')."""
    parts: list[list[_Token]] = []
    for chunk in _split(segment, {"and", "&"}):
        pieces = _split(chunk, {","})
        kept = [pieces[0]]
        for piece in pieces[1:]:
            previous = kept[-1]
            # 'X, a senior commander,' and 'the commander, Fuad Shukr,' name one person twice.
            if piece[0].low in ("a", "an", "the") and _looks_like_name(previous):
                continue
            if _looks_like_name(piece) and previous[0].low in _SINGULAR_DETERMINERS | _EITHER_DETERMINERS:
                continue
            kept.append(piece)
        parts.extend(kept)
    return parts


def _sum(counts: list[Count]) -> Count:
    lows = [c[0] if c[0] is not None else c[1] for c in counts]
    highs = [c[2] for c in counts]
    if any(v is None for v in lows):
        return None, None, None, None
    low = sum(v for v in lows if v is not None)
    if all(h is not None for h in highs) and all(c[3] is None for c in counts):
        return low, low, low, None
    return low, low, None, "at least"


def _noun_phrase(toks: list[_Token]) -> list[_Token]:
    """The first run of tokens between stop words that says something countable."""
    segments = _split(toks, _STOPS)
    for seg in segments:
        if any(_number_at(seg, i) for i in range(len(seg))) or any(t.low in _VAGUE for t in seg):
            return seg
        if any(t.low in _SINGULAR_DETERMINERS | _EITHER_DETERMINERS for t in seg) or _looks_like_name(seg):
            return seg
    return []


_ALONG_WITH = re.compile(r"\balong\s+with\s+", re.IGNORECASE)


_AGE = re.compile(
    r"\b[\w]+(?:-[\w]+)*-(?:year|month|week|day)s?-old\b|\b\d+\s+(?:years?|months?)\s+old\b", re.I
)


def parse_count(text: str) -> Count | None:
    """(low, best, high, qualifier) for a casualty phrase; None when it states no count."""
    if not text or not text.strip():
        return None
    # An age describes the person, never counts them: 'a seven-year-old child' is one child.
    text = _AGE.sub(" ", text)
    along = _ALONG_WITH.search(text)
    if along is not None and _first_quantity(_tokens(text[: along.start()])) is None:
        # 'X was killed along with six of his associates', 'along with three other jihadists':
        # the one the others went along with is one more.
        rest = parse_count(text[along.end() :])
        if rest is not None and rest[0] is not None and rest[1] is not None:
            return rest[0] + 1, rest[1] + 1, None if rest[2] is None else rest[2] + 1, rest[3]
    toks = _tokens(text)
    lowered = " ".join(t.low for t in toks)
    zero = _ZERO.search(lowered)
    if zero is not None:
        before = _tokens(lowered[: zero.start()])
        if not any(_number_at(before, i) for i in range(len(before))):
            return 0, 0, 0, None
    # A subset clause ('three people, including two leaders') never changes the total.
    for i, tok in enumerate(toks):
        if tok.low in ("including", "among") and i > 0:
            toks = toks[:i]
            break
    found = _first_quantity(toks)
    if found is not None and found[3] == "between":
        return found
    segment = _noun_phrase(toks)
    parts = _conjuncts(segment)
    if len(parts) > 1:
        counts = [_phrase_count(p) for p in parts]
        if any(t.low in ("other", "others") for part in parts for t in part):
            # 'Fazlullah and two other insurgents': whoever 'other' sets apart is one more.
            counts = [
                c if c is not None or len(p) > 3 else (1, 1, 1, None)
                for c, p in zip(counts, parts, strict=True)
            ]
        if all(c is not None for c in counts):
            summed = _sum([c for c in counts if c is not None])
            if summed[0] is not None:
                return summed
    if found is not None:
        if found[3] == "all":
            return found[1], found[1], found[1], None
        return found
    if len(parts) == 1:
        single = _phrase_count(parts[0])
        if single is not None and single[2] == 1:
            # One victim named, not a total: the true count may be higher.
            return 1, 1, None, "at least"
    return None


class _HasRange(Protocol):
    low: int | None
    best: int | None
    high: int | None


RangeLike = _HasRange | tuple[int | None, ...]


def _as_triple(value: RangeLike) -> tuple[int | None, int | None, int | None]:
    if isinstance(value, tuple):
        return value[0], value[1], value[2]
    return value.low, value.best, value.high


def count_interval(value: RangeLike) -> tuple[float, float] | None:
    """The closed interval of counts a value allows; None when it states nothing.

    A best figure with neither bound ('about 20') is hedged: it allows a quarter either
    way (at least one), so 'about 20' sits with 18 but not with 3.
    """
    low, best, high = _as_triple(value)
    if low is None and best is None and high is None:
        return None
    if low is None and high is None and best is not None:
        slack = max(1, math.ceil(best * 0.25))
        return max(best - slack, 0), best + slack
    return (low if low is not None else 0), (high if high is not None else math.inf)


def compatible_counts(a: RangeLike, b: RangeLike) -> bool:
    """True unless the two counts cannot both be right (their intervals do not overlap)."""
    ia, ib = count_interval(a), count_interval(b)
    if ia is None or ib is None:
        return True
    return max(ia[0], ib[0]) <= min(ia[1], ib[1])


def describe_count(
    low: int | None, best: int | None, high: int | None, qualifier: str | None = None
) -> str | None:
    """A short comparable text for a count ('3', 'at least 1', '10-15', 'about 20', '24+')."""
    if low is not None and low == best == high:
        return str(low)
    if low is not None and high is not None:
        return f"{low}-{high}"
    if low is not None and best is None:
        return f"{low}+"
    if low is not None:
        return f"at least {low}"
    if high is not None and best is None:
        return f"at most {high}"
    if high is not None:
        return f"up to {high}"
    if best is not None:
        return f"{qualifier or 'about'} {best}"
    return None


def mentioned_numbers(text: str) -> set[int]:
    """Every number a text states, in words or digits."""
    toks = _tokens(text)
    found: set[int] = set()
    i = 0
    while i < len(toks):
        number = _number_at(toks, i)
        if number is None:
            i += 1
            continue
        found.add(number[0])
        i = max(number[1], i + 1)
    return found
