"""Date phrases to ISO dates, resolving relative words against the article's publication date.

Strike reports rarely print the date: they say 'on Wednesday', 'Wednesday night',
'yesterday'. Those resolve only against the day the article was published (the anchor),
and only backwards: a strike is reported after it happens. Without an anchor a weekday
stays a weekday (precision 'weekday', no ISO date) rather than a guess. Vague spans
('earlier this week') stay unknown.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from factsheet.models import DateValue
from factsheet.normalise.foreign_dates import englished

WEEKDAYS = [name.lower() for name in calendar.day_name]  # monday .. sunday
_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"

_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b")
_WEEKDAY_NUMBER = re.compile(
    rf"\b{_WEEKDAY}\s*(?:\(\s*|,?\s+(?:the\s+)?)(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b\s*\)?(?!\s*[:.]\d)"
)
_WEEKDAY_ANY = re.compile(rf"\b(?P<last>last\s+|this\s+|past\s+|next\s+|coming\s+)?{_WEEKDAY}\b")
_DAYS_AGO = re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven)\s+days?\s+(?:ago|earlier|before)\b")
_RELATIVE_DAYS = [
    (re.compile(r"\bthe\s+day\s+before\s+yesterday\b"), -2),
    (re.compile(r"\byesterday\b|\blast\s+night\b"), -1),
    (re.compile(r"\btoday\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b|\bearlier\s+today\b"), 0),
]
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _fold(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().split())


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_name(day: date) -> str:
    return calendar.day_name[day.weekday()]


def _year_for(month: int, day: int, anchor: date) -> date | None:
    """A date given without a year is the latest such date not after the anchor."""
    found = _safe_date(anchor.year, month, day)
    if found is None or found > anchor:
        found = _safe_date(anchor.year - 1, month, day)
    return found


def _explicit(text: str, anchor: date | None) -> tuple[date | None, str] | None:
    """A date the text spells out: (date or None when the year is missing, precision)."""
    for pattern in (_ISO, _DAY_MONTH, _MONTH_DAY):
        match = pattern.search(text)
        if match is None:
            continue
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
        day = int(match.group("day"))
        if match.group("year"):
            found = _safe_date(int(match.group("year")), month, day)
        elif anchor is not None:
            found = _year_for(month, day, anchor)
        else:
            return None, "unknown"
        if found is not None:
            return found, "day"
    match = _MONTH_YEAR.search(text)
    if match is not None:
        return date(int(match.group("year")), _MONTHS[match.group("month")], 1), "month"
    return None


def _weekday_with_number(weekday: str, day_number: int, anchor: date) -> date | None:
    """'Wednesday (7)': the latest date on or before the anchor that is a Wednesday the 7th."""
    target = WEEKDAYS.index(weekday)
    cursor = anchor
    for _ in range(15):  # a weekday falls on a given day number at least once in 14 months
        found = _safe_date(cursor.year, cursor.month, day_number)
        if found is not None and found <= anchor and found.weekday() == target:
            return found
        cursor = (cursor.replace(day=1) - timedelta(days=1)).replace(day=1)
    return None


def _latest_weekday(weekday: str, anchor: date, *, strictly_before: bool) -> date:
    back = (anchor.weekday() - WEEKDAYS.index(weekday)) % 7
    if back == 0 and strictly_before:
        back = 7
    return anchor - timedelta(days=back)


def _dateparser_fallback(text: str, language: str | None = None) -> date | None:
    """Full dates in forms the rules above miss (other languages, odd orders); never partial ones."""
    if not re.search(r"\d", text):
        return None
    numeric = re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}\b", text)
    if (
        numeric
        and int(numeric.group(1)) <= 12
        and int(numeric.group(2)) <= 12
        and int(numeric.group(1)) != int(numeric.group(2))
    ):
        return None  # 7/2/2024 is 7 February in Baghdad and 2 July in Washington: do not guess
    import dateparser

    settings = {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RELATIVE_BASE": datetime(2000, 1, 1),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
    }
    try:
        # The article's own language when known: scanning every locale finds dates in words
        # that only look like them in some other language.
        languages = [language] if language else None
        parsed = dateparser.parse(text, languages=languages, settings=settings)  # type: ignore[arg-type]
        if parsed is None and language:
            # A date inside words ('el 7 de febrero de 2024'): search, in that language only.
            from dateparser.search import search_dates

            found = search_dates(text, languages=languages, settings=settings)  # type: ignore[arg-type]
            # Only words that write a date out: 'today' in a long quote would be read against
            # the parser's placeholder base (1 January 2000), not the article's day.
            written = [d for words, d in found or [] if re.search(r"\d", words)]
            parsed = written[0] if written else None
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed is not None else None


def _resolve(
    text: str, anchor: date | None, language: str | None = None
) -> tuple[date | None, str, str | None, bool]:
    """(date, precision, weekday, whether the anchor was needed) for one phrase."""
    folded = _fold(text)
    weekday_match = _WEEKDAY_ANY.search(folded)
    weekday = weekday_match.group("weekday") if weekday_match else None
    weekday_title = weekday.title() if weekday else None

    explicit = _explicit(folded, anchor)
    if explicit is not None and explicit[0] is not None:
        return explicit[0], explicit[1], weekday_title, _explicit(folded, None) != explicit
    numbered = _WEEKDAY_NUMBER.search(folded)
    if numbered is not None and anchor is not None:
        found = _weekday_with_number(numbered.group("weekday"), int(numbered.group("day")), anchor)
        if found is not None:
            return found, "day", weekday_title, True
    if weekday_match is not None:
        qualifier = (weekday_match.group("last") or "").strip()
        if qualifier in ("next", "coming"):
            return None, "unknown", weekday_title, False
        if anchor is None:
            return None, "weekday", weekday_title, False
        found = _latest_weekday(weekday, anchor, strictly_before=qualifier in ("last", "past"))
        return found, "day", weekday_title, True
    if anchor is not None:
        ago = _DAYS_AGO.search(folded)
        if ago is not None:
            n = ago.group("n")
            return anchor - timedelta(days=int(n) if n.isdigit() else _SMALL[n]), "day", None, True
        for pattern, offset in _RELATIVE_DAYS:
            if pattern.search(folded):
                return anchor + timedelta(days=offset), "day", None, True
    if explicit is None:
        parsed = _dateparser_fallback(text, language)
        if parsed is not None:
            return parsed, "day", None, False
    return None, "unknown", weekday_title, False


def _canonical(found: date, precision: str) -> str:
    if precision == "month":
        return found.strftime("%Y-%m")
    if precision == "year":
        return str(found.year)
    return found.isoformat()


def parse_anchor(published: str | None) -> date | None:
    """The article's publication date as a date, when it is a valid ISO date."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def month_day(text: str) -> tuple[int, int] | None:
    """(month, day) of a date written without a year ('March 3', '3rd of March')."""
    folded = _fold(text)
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.search(folded)
        if match is not None and not match.group("year"):
            month = _MONTHS[match.group("month")]
            day = int(match.group("day"))
            if _safe_date(2000, month, day) is not None:  # 2000 is a leap year: 29 February stands
                return month, day
    return None


def normalise_date(value: DateValue, anchor: date | None, language: str | None = None) -> DateValue:
    """Fill canonical/precision/weekday/anchor from the value's words (then its quote)."""
    # A date a model left in the article's language ('الأربعاء ٧ شباط'): read in English.
    text = englished(value.text)
    found, precision, weekday, used_anchor = _resolve(text, anchor, language)
    if found is None and anchor is None:
        partial = month_day(text)
        if partial is not None:
            # 'March 3' with no publication date: keep the day and month; the merge finds the year.
            return value.model_copy(
                update={
                    "canonical": f"--{partial[0]:02d}-{partial[1]:02d}",
                    "precision": "month_day",
                    "weekday": weekday or value.weekday,
                    "anchor": None,
                }
            )
    if found is None:
        # The quote may carry what the short text lacks ('Wednesday' in the text, 'Wednesday,
        # Feb. 7' in the quote); a date there counts only if it falls on the text's weekday.
        quote = englished(value.evidence.quote)
        q_found, q_precision, q_weekday, q_used = _resolve(quote, anchor, language)
        fits = weekday is None or (q_found is not None and _weekday_name(q_found) == weekday)
        if (q_found is not None and fits) or (precision == "unknown" and weekday is None):
            found, precision, used_anchor = q_found, q_precision, q_used
            weekday = weekday or q_weekday
    relative = found is not None and used_anchor
    return value.model_copy(
        update={
            "canonical": _canonical(found, precision) if found is not None else None,
            "precision": precision,
            "weekday": weekday or value.weekday,
            "anchor": anchor.isoformat() if anchor is not None and relative else None,
        }
    )


def _day_of(value: DateValue) -> date | None:
    if value.canonical and value.precision == "day":
        try:
            return date.fromisoformat(value.canonical)
        except ValueError:
            return None
    return None


def compatible_dates(a: DateValue, b: DateValue) -> bool:
    """True unless the two dates cannot both be right.

    A weekday-only value matches any date on that weekday; a month matches its days; an
    unresolved value contradicts nothing.
    """
    if a.canonical and b.canonical:
        partial = [v.canonical for v in (a, b) if v.canonical and v.canonical.startswith("--")]
        if partial:
            other = b.canonical if a.canonical in partial else a.canonical
            if other.startswith("--") or len(other) == 10:
                return other[-5:] == partial[0][-5:]
            return len(other) == 4 or other[5:7] == partial[0][2:4]  # a year, or 'YYYY-MM'
        shorter, longer = sorted((a.canonical, b.canonical), key=len)
        return longer.startswith(shorter)
    for resolved, other in ((a, b), (b, a)):
        day = _day_of(resolved)
        if day is not None and not other.canonical and other.weekday:
            return _weekday_name(day).lower() == other.weekday.lower()
    if not a.canonical and not b.canonical and a.weekday and b.weekday:
        return a.weekday.lower() == b.weekday.lower()
    return True
