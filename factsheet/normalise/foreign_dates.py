"""Weekday and month names in Arabic, Russian and Ukrainian, as English names.

A model gives the date in English ('Wednesday evening') and quotes the article in its own
language ('مساء الأربعاء'). Checking that the quote bears the value out needs the quote's
calendar words in English; so does reading a date a small model left in the original.
Both the Gregorian month names and the Levantine ones (كانون الثاني = January) are listed,
and the Russian and Ukrainian forms news uses (genitive months, accusative weekdays).
"""

from __future__ import annotations

import re

from factsheet.normalise.foreign_numbers import englished_numbers
from factsheet.normalise.scripts import LOCAL_SCRIPT

_NAMES: dict[str, tuple[str, ...]] = {
    "monday": ("الاثنين", "الإثنين", "понедельник", "понеділок", "понеділка"),
    "tuesday": ("الثلاثاء", "вторник", "вівторок", "вівторка"),
    "wednesday": ("الأربعاء", "الاربعاء", "среда", "среду", "средy", "середа", "середу", "середи"),
    "thursday": ("الخميس", "четверг", "четвер", "четверга"),
    "friday": ("الجمعة", "пятница", "пятницу", "п'ятниця", "п'ятницю", "п'ятниці"),
    "saturday": ("السبت", "суббота", "субботу", "субота", "суботу", "суботи"),
    "sunday": ("الأحد", "الاحد", "воскресенье", "неділя", "неділю", "неділі"),
    "january": ("يناير", "كانون الثاني", "января", "январь", "січня", "січень"),
    "february": ("فبراير", "شباط", "февраля", "февраль", "лютого", "лютий"),
    "march": ("مارس", "آذار", "марта", "март", "березня", "березень"),
    "april": ("أبريل", "ابريل", "نيسان", "апреля", "апрель", "квітня", "квітень"),
    "may": ("مايو", "أيار", "ايار", "мая", "май", "травня", "травень"),
    "june": ("يونيو", "حزيران", "июня", "июнь", "червня", "червень"),
    "july": ("يوليو", "تموز", "июля", "июль", "липня", "липень"),
    "august": ("أغسطس", "اغسطس", "آب", "августа", "август", "серпня", "серпень"),
    "september": ("سبتمبر", "أيلول", "ايلول", "сентября", "сентябрь", "вересня", "вересень"),
    "october": ("أكتوبر", "اكتوبر", "تشرين الأول", "октября", "октябрь", "жовтня", "жовтень"),
    "november": ("نوفمبر", "تشرين الثاني", "ноября", "ноябрь", "листопада", "листопад"),
    "december": ("ديسمبر", "كانون الأول", "декабря", "декабрь", "грудня", "грудень"),
}
_LOOKUP = {w: english for english, words in _NAMES.items() for w in words}
_ALTERNATION = "|".join(re.escape(w) for w in sorted(_LOOKUP, key=len, reverse=True))
# Arabic clitics (و, ب, ل, ف) may stand before a name; Cyrillic names stand as words.
_PATTERN = re.compile(r"(?<![^\W\d_و ب ل ف])(" + _ALTERNATION + r")(?![^\W\d_])", re.IGNORECASE)


def englished_dates(text: str) -> str:
    """The text with Arabic, Russian and Ukrainian weekday and month names in English."""
    if not LOCAL_SCRIPT.search(text):
        return text
    text = text.replace("’", "'")
    return _PATTERN.sub(lambda m: f" {_LOOKUP[m.group(1).lower()]} ", text)


def englished(text: str) -> str:
    """Weekdays, months, digits and number words of Arabic, Russian and Ukrainian, in English."""
    return englished_numbers(englished_dates(text))
