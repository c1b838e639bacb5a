"""Cross-checking a model's tolls and dates against the words it quoted for them.

Models misread tolls and dates in ways that look plausible ('30' for '3', last year's
date). The first version compared the model with the offline extractor's reading of the
whole article; on the dev set of other strikes (eval/) every one of its 26 warnings was a
false alarm: the offline reading took a background year, another attack's toll, or the
publication date, and set it against a right answer. A warning that is usually wrong
teaches users to ignore warnings.

So a value is now checked only against its own quote: the words the model itself gave as
evidence for this strike's value. When the value states something its quote does not (a
toll of 30 with the quote 'killing three people'; 'Tuesday' with a quote that says
'Sunday'), the value is flagged for a human to look at. Reading the quote afresh as a
toll was tried too, and misfired on every quote that gives two figures ('killing 34 and
injuring 117'); checking that the value's own numbers and date words stand in the quote
does not. Nothing is overwritten: the reader decides. Precision is measured by
`benchmarks/bench_events.py` on the dev set.
"""

from __future__ import annotations

import calendar
import re

from factsheet.models import CountValue, CrossCheck, DateValue, Extraction, Value
from factsheet.normalise.foreign_dates import englished
from factsheet.normalise.numbers import mentioned_numbers
from factsheet.normalise.scripts import LOCAL_SCRIPT

CHECKED_FIELDS = ("date", "killed", "injured")
_MONTH_SHORT = {m.lower(): m.lower()[:3] for m in calendar.month_name if m}
_MONTH_SHORT.update({m.lower(): m.lower() for m in calendar.month_abbr if m})
_MONTH_SHORT["sept"] = "sep"
_CALENDAR_WORDS = set(_MONTH_SHORT) | {d.lower() for d in calendar.day_name}


def _date_words(text: str) -> set[str]:
    folded = englished(text).replace("\u2019", "'").lower()
    words = set(re.findall(r"[a-z]+|\d+", folded))
    wanted = {w for w in words if w in _CALENDAR_WORDS or w.isdigit()}
    return {_MONTH_SHORT.get(w, w) for w in wanted}


def _unsupported(value: Value) -> str | None:
    """What the value states that its quote does not; None when the quote bears it out."""
    quote = value.evidence.quote
    if not value.evidence.verified or not quote.strip():
        return None
    if isinstance(value, CountValue):
        said = mentioned_numbers(value.text)
        if LOCAL_SCRIPT.search(quote):
            # 'two leaders' for an Arabic dual, 'three' for 'трое': only figures written in
            # digits can be held against a quote in another language.
            said = mentioned_numbers(" ".join(re.findall(r"\d[\d,]*", value.text)))
        missing = said - mentioned_numbers(quote)
        stated = sorted(mentioned_numbers(quote))
        if missing:
            return ", ".join(map(str, stated)) if stated else "no figure"
    if isinstance(value, DateValue):
        missing = _date_words(value.text) - _date_words(quote)
        if missing:
            return " ".join(sorted(_date_words(quote))) or "no date"
    return None


def cross_check(model: Extraction) -> list[CrossCheck]:
    """Values of a verified, normalised extraction that state what their own quote does not."""
    checks = []
    for name in CHECKED_FIELDS:
        ours: Value | None = getattr(model.event, name)
        if ours is None:
            continue
        said = _unsupported(ours)
        if said is None:
            continue
        checks.append(
            CrossCheck(field=name, model_value=ours.text, text_value=said, quote=ours.evidence.quote)
        )
    return checks


def with_cross_checks(model: Extraction) -> Extraction:
    return model.model_copy(update={"cross_checks": cross_check(model)})
