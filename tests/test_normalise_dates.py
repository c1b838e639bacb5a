"""Date phrases: explicit dates to ISO, weekdays resolved backwards from the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from factsheet.models import DateValue, Evidence
from factsheet.normalise.dates import compatible_dates, normalise_date, parse_anchor

THURSDAY = date(2024, 2, 8)  # published the day after a Wednesday strike


def _date(text: str, anchor: date | None = THURSDAY, quote: str | None = None) -> DateValue:
    return normalise_date(DateValue(text=text, evidence=Evidence(quote=quote or text)), anchor)


@pytest.mark.parametrize(
    "text",
    ["7 February 2024", "February 7, 2024", "2024-02-07", "Wednesday 07 February 2024 22:13 GMT", "Feb. 7"],
)
def test_explicit_dates(text: str) -> None:
    value = _date(text)
    assert value.canonical == "2024-02-07"
    assert value.precision == "day"


def test_explicit_date_needs_no_anchor_and_records_none() -> None:
    value = _date("7 February 2024", anchor=None)
    assert value.canonical == "2024-02-07"
    assert value.anchor is None


def test_month_precision() -> None:
    value = _date("February 2024")
    assert (value.canonical, value.precision) == ("2024-02", "month")


def test_year_is_taken_from_the_anchor_never_in_the_future() -> None:
    assert _date("Dec. 30", anchor=date(2024, 1, 2)).canonical == "2023-12-30"
    undated = _date("Feb. 7", anchor=None)
    assert (undated.canonical, undated.precision) == ("--02-07", "month_day"), "the merge finds its year"


@pytest.mark.parametrize(
    "text", ["on Wednesday", "Wednesday night", "in a nighttime attack Wednesday", "After Wednesday's attack"]
)
def test_weekday_resolves_to_latest_such_day_on_or_before_publication(text: str) -> None:
    value = _date(text)
    assert value.canonical == "2024-02-07"
    assert value.weekday == "Wednesday"
    assert value.anchor == "2024-02-08"


def test_weekday_reported_the_same_day() -> None:
    assert _date("on Wednesday", anchor=date(2024, 2, 7)).canonical == "2024-02-07"


def test_last_weekday_is_strictly_before() -> None:
    assert _date("last Friday").canonical == "2024-02-02"
    assert _date("last Thursday").canonical == "2024-02-01"


def test_weekday_with_day_number_picks_the_matching_week() -> None:
    # 'Wednesday (7)' in an article published weeks later is still Wednesday 7 February.
    value = _date("on Wednesday (7)", anchor=date(2024, 3, 1))
    assert value.canonical == "2024-02-07"
    assert _date("Wednesday (7)").canonical == "2024-02-07"


def test_weekday_without_anchor_stays_a_weekday() -> None:
    value = _date("Wednesday night", anchor=None)
    assert value.canonical is None
    assert value.precision == "weekday"
    assert value.weekday == "Wednesday"


@pytest.mark.parametrize(("text", "expected"), [("yesterday", "2024-02-07"), ("two days ago", "2024-02-06")])
def test_relative_days(text: str, expected: str) -> None:
    assert _date(text).canonical == expected


@pytest.mark.parametrize("text", ["earlier this week", "recently", "next Wednesday", "7/2/2024"])
def test_vague_or_ambiguous_dates_stay_unknown(text: str) -> None:
    value = _date(text)
    assert value.canonical is None


def test_quote_is_used_when_the_text_says_nothing() -> None:
    value = _date("the day of the strike", quote="The drone attack occurred on Wednesday night")
    assert value.canonical == "2024-02-07"


def test_quote_date_must_fall_on_the_texts_weekday() -> None:
    assert _date("Wednesday", anchor=None, quote="on Wednesday, 7 February 2024").canonical == "2024-02-07"
    wrong = _date("Wednesday", anchor=None, quote="after the January 28, 2024 attack, on Wednesday")
    assert (wrong.canonical, wrong.precision) == (None, "weekday")


def test_parse_anchor() -> None:
    assert parse_anchor("2024-02-08") == THURSDAY
    assert parse_anchor("2024-02-08T10:00:00Z") == THURSDAY
    assert parse_anchor("last week") is None
    assert parse_anchor(None) is None


def test_compatible_dates() -> None:
    full = _date("7 February 2024")
    weekday_only = _date("Wednesday", anchor=None)
    wrong_weekday = _date("Tuesday", anchor=None)
    other_day = _date("6 February 2024")
    month = _date("February 2024")
    unknown = _date("earlier this week")
    assert compatible_dates(full, weekday_only) and compatible_dates(weekday_only, full)
    assert not compatible_dates(full, wrong_weekday)
    assert not compatible_dates(full, other_day)
    assert compatible_dates(full, month)
    assert compatible_dates(full, unknown)
    assert not compatible_dates(weekday_only, wrong_weekday)


@pytest.mark.parametrize(
    ("text", "language", "iso"),
    [
        ("الأربعاء ٧ شباط ٢٠٢٤", "ar", "2024-02-07"),
        ("19 листопада 2025", "uk", "2025-11-19"),
        ("24 апреля 2025 года", "ru", "2025-04-24"),
        ("le 7 février 2024", "fr", "2024-02-07"),
        ("el 7 de febrero de 2024", "es", "2024-02-07"),
    ],
)
def test_dates_in_the_articles_own_language(text: str, language: str, iso: str) -> None:
    from factsheet.models import DateValue, Evidence
    from factsheet.normalise.dates import normalise_date

    value = normalise_date(DateValue(text=text, evidence=Evidence(quote=text)), None, language)
    assert (value.canonical, value.precision) == (iso, "day")


def test_today_without_a_publication_date_stays_unresolved_even_in_a_long_quote() -> None:
    quote = (
        "Rebel chief Karim Nasser was killed in a regime air strike east of the capital today, dealing blows "
        "to both the uprising and a fragile peace process. Nasser, 44, led the movement."
    )
    value = normalise_date(DateValue(text="today", evidence=Evidence(quote=quote)), None, "en")
    assert value.canonical is None
