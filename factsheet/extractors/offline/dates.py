"""Date expressions in strike sentences, and whether two of them can be the same day.

The extractor keeps the article's words ('Wednesday night', 'February 7, 2024'); the
normalise stage resolves them. Here dates also serve as a context cue: a sentence anchored
to another day ('On January 4, ...', 'On Sunday, ...') is about another event, so the
orchestrator compares each sentence's dates with the strike's own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from factsheet.extractors.offline.candidates import Candidate
from factsheet.extractors.offline.context import SentenceInfo
from factsheet.extractors.offline.lexicons import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

_WD = "|".join(WEEKDAYS)
_MON = "|".join([*MONTHS, *(rf"{a}\.?" for a in MONTH_ABBREVIATIONS)])
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DATE = re.compile(
    rf"\b(?:(?P<last>last\s+)?(?P<wd>{_WD})(?:['’]s)?"
    rf"(?:,?\s+(?:(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MON})|(?P<m2>{_MON})\s+(?P<d2>{_DAY})\b)"
    rf"(?:,?\s+(?P<y1>{_YEAR}))?)?"
    rf"(?:\s+(?P<per>night|morning|afternoon|evening))?"
    rf"|(?P<m3>{_MON})\s+(?P<d3>{_DAY})\b(?:,?\s+(?P<y2>{_YEAR}))?"
    rf"|(?P<d4>{_DAY})\s+(?:of\s+)?(?P<m4>{_MON})(?:,?\s+(?P<y3>{_YEAR}))?"
    rf"|(?P<iso>{_YEAR}-[01]\d-[0-3]\d)"
    rf"|(?P<rel>yesterday|today|last\s+night|this\s+morning|tonight|earlier\s+today))\b"
)
_DATELINE = re.compile(
    rf"^(?:\s*(?:date|published|updated)\s*:?\s*{_YEAR}-[01]\d-[0-3]\d\b\s*)?"
    # 'Damascus, April 28 (IANS)', 'Jerusalem/Beirut, Oct 25 (NationPress)'
    rf"(?:(?:[A-Z][a-z]+(?:[\s/][A-Z][a-z]+)*,\s+(?:{_MON})\s+{_DAY}\s+\([A-Z][\w .]{{1,30}}\)\s*"
    rf"(?:[-—–:]+\s*)?)"
    # 'Mogadishu (HOL) — ', 'Kabul, Afghanistan – ', "Sana'a: "
    rf"|(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+\([A-Z]{{2,}}\)\s*[-—–:]+\s*)"
    rf"|(?:[A-Z][a-z’']+(?:\s+[A-Z][a-z]+)?:\s+)"
    rf"|(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+[—–-]\s+)"
    rf"|(?:(?:(?:[A-Z][A-Za-z.’'\-]+/)+[A-Z][A-Za-z.’'\-]+"  # 'KABUL/WASHINGTON/Islamabad:'
    rf"|[A-Z][A-Z.’'\-]+(?:\s+[A-Z][A-Z.’'\-]+)*(?:,\s+[A-Z][A-Za-z.]+(?:\s+(?:of\s+)?[A-Z][A-Za-z.]+)*)*)"
    rf"(?:,?\s+(?:(?:{_MON})\s+{_DAY}|{_DAY}\s+(?:{_MON}))(?:,?\s+{_YEAR})?)?"
    rf"\s*(?:\([A-Za-z][\w .]{{1,30}}\))?\s*[-—–:]+\s*))?"
)
_YEAR_AFTER_DATE = re.compile(rf"(?:{_MON})\s+{_DAY},?\s+({_YEAR})|{_DAY}\s+(?:{_MON}),?\s+({_YEAR})")


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    weekday: int | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    relative: bool = False

    @property
    def specificity(self) -> float:
        if self.month and self.day:
            return 3.0
        if self.weekday is not None:
            return 2.0
        return 1.0


def _month(name: str | None) -> int | None:
    if not name:
        return None
    key = name.rstrip(".")[:3].lower()
    for i, m in enumerate(MONTHS, start=1):
        if m[:3].lower() == key:
            return i
    return None


def _day(raw: str | None) -> int | None:
    if not raw:
        return None
    value = int(re.match(r"\d+", raw).group())  # type: ignore[union-attr]
    return value if 1 <= value <= 31 else None


def dateline_end(text: str) -> int:
    """Length of a wire dateline opening the text ('BEIRUT, June 12 (Reuters) - '), else 0.

    Its date is when the story was filed, not when the strike happened.
    """
    m = _DATELINE.match(text)
    return m.end() if m else 0


def find_dates(text: str) -> list[DateMention]:
    out: list[DateMention] = []
    for m in _DATE.finditer(text, dateline_end(text)):
        g = m.groupdict()
        if g["rel"]:
            out.append(DateMention(m.group(), m.start(), m.end(), relative=True))
            continue
        if g["iso"]:
            y, mo, d = (int(x) for x in g["iso"].split("-"))
            out.append(DateMention(m.group(), m.start(), m.end(), month=mo, day=d, year=y))
            continue
        month = _month(g["m1"] or g["m2"] or g["m3"] or g["m4"])
        day = _day(g["d1"] or g["d2"] or g["d3"] or g["d4"])
        year_raw = g["y1"] or g["y2"] or g["y3"]
        weekday = WEEKDAYS.index(g["wd"]) if g["wd"] else None
        if weekday is None and not (month and day):
            continue
        out.append(
            DateMention(
                m.group(),
                m.start(),
                m.end(),
                weekday=weekday,
                month=month,
                day=day,
                year=int(year_raw) if year_raw else None,
            )
        )
    return out


def article_year(text: str, published: str | None) -> int | None:
    """The year dates without one belong to: the publication year, else the year the text writes most."""
    if published and re.match(r"\d{4}", published):
        return int(published[:4])
    years = Counter(int(a or b) for a, b in _YEAR_AFTER_DATE.findall(text))
    return years.most_common(1)[0][0] if years else None


def _published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def concrete(m: DateMention, year: int | None, published: str | None) -> dt.date | None:
    """The calendar day a mention names when the article lets us know it; else None."""
    if m.month and m.day:
        y = m.year or year
        if y is None:
            return None
        try:
            return dt.date(y, m.month, m.day)
        except ValueError:
            return None
    pub = _published(published)
    if m.weekday is not None and pub is not None:
        return pub - dt.timedelta(days=(pub.weekday() - m.weekday) % 7)
    return None


def compatible(a: DateMention, b: DateMention, year: int | None, published: str | None) -> bool:
    """False when the two mentions cannot be the same day (or the article gives no way to tell).

    A month-day date and a bare weekday with no year to relate them count as different:
    a sentence anchored to an explicit other date is, in news, nearly always background.
    """
    if a.relative or b.relative:
        return True
    da, db = concrete(a, year, published), concrete(b, year, published)
    if da and db:
        return da == db
    wa = a.weekday if a.weekday is not None else (da.weekday() if da else None)
    wb = b.weekday if b.weekday is not None else (db.weekday() if db else None)
    if wa is not None and wb is not None:
        return wa == wb
    if a.month and a.day and b.month and b.day:
        return (a.month, a.day) == (b.month, b.day)
    return False


# 'a statement released Sunday', 'he said on Monday', 'remains unclear Sunday': the day of a
# statement or of the reporting, not of the strike.
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|announced|released|confirmed|told|stated|reported|added|remains?|remained|"
    r"declared|published|issued|denied|claimed|acknowledged|statement|tweet|release|briefing|conference|"
    r"reacted|responded|rejected|dismissed|blamed|accused|email|e-mail|interview|post)"
    r"\s+(?:[\w’'.]+\s+){0,3}?(?:on\s+|late\s+|early\s+|in\s+the\s+early\s+hours\s+of\s+)?$",
    re.I,
)
# 'the coalition yesterday said', 'Trump on Sunday confirmed': the same, with the day first.
_SPEECH_AFTER = re.compile(
    r"^\s*,?\s*(?:said|says|announced|confirmed|stated|told|denied|claimed|acknowledged|added|released)\b",
    re.I,
)
# 'On November 13, the Pentagon said US forces had killed 40 fighters': a date opening the
# sentence, then who spoke ('... on Sunday, a medical official said' dates the strike instead).
_OPENING_BEFORE = re.compile(r"^\W*(?:[Oo]n\s+)?$")
_OPENING_SPEECH_AFTER = re.compile(
    r"^\s*,\s+(?:the\s+)?(?:[\w.’'-]+\s+){1,3}?(?:said|says|announced|confirmed|stated|told|reported)\b", re.I
)
# '... killed 13 people overnight, officials said on Tuesday': a statement about a strike hours
# old dates it, as a last resort; a statement days later ('confirmed Sunday') does not.
_FRESH = re.compile(
    r"\b(?:overnight|earlier\s+(?:today|in\s+the\s+day)|hours\s+earlier|this\s+morning|today)\b", re.I
)
# A strike report is written within weeks of the strike; a date further back is another event's.
_MAX_DAYS_BEFORE_PUBLICATION = 180


def statement_day(text: str, m: DateMention) -> bool:
    """The mention dates a statement, not an event ('said Wednesday', 'in a statement on Sunday')."""
    return bool(
        _SPEECH_BEFORE.search(text[max(0, m.start - 50) : m.start])
        or _SPEECH_AFTER.match(text[m.end :])
        or (_OPENING_BEFORE.match(text[: m.start]) and _OPENING_SPEECH_AFTER.match(text[m.end :]))
    )


def _period_start(text: str, m: DateMention) -> bool:
    """'... the campaign since Trump ordered it on 15 March': the start of a period, not the strike."""
    return bool(re.search(r"\bsince\b[^,.;]{0,120}$", text[: m.start]))


def date_candidates(
    info: SentenceInfo, year: int | None = None, published: str | None = None
) -> list[Candidate]:
    """Dates stated in a strike sentence; the phrase is kept as written, without 'on'.

    The day a statement was made is not the strike's ('said in a statement Saturday') unless the
    sentence says the strike was hours old; a day months before the article was published, or
    after it, is not the strike's either.
    """
    s = info.sentence
    out = []
    pub = _published(published)
    for m in find_dates(s.text):
        spoken = statement_day(s.text, m)
        if _period_start(s.text, m) or (spoken and not _FRESH.search(s.text)):
            continue
        day = concrete(m, year, published) if m.month else None
        if (
            day is not None
            and pub is not None
            and (day > pub + dt.timedelta(days=1) or (pub - day).days > _MAX_DAYS_BEFORE_PUBLICATION)
        ):
            continue
        tier = m.specificity * 0.25 * (0.2 if spoken else 1.0)
        out.append(Candidate(m.text, s.start + m.start, s.start + m.end, info, tier=tier, data=m))
    return out
