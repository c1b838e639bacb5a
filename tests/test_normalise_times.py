"""Clock times with their zone, and vague parts of the day."""

from __future__ import annotations

import pytest

from factsheet.models import Evidence, TimeValue
from factsheet.normalise.times import compatible_times, normalise_time, sheet_clock


def _time(text: str, utc: bool = False, quote: str | None = None) -> TimeValue:
    return normalise_time(TimeValue(text=text, evidence=Evidence(quote=quote or text)), utc)


def test_two_clocks_in_one_phrase_go_to_their_fields() -> None:
    local = _time("21:30 local time (18:30 GMT)")
    utc = _time("21:30 local time (18:30 GMT)", utc=True)
    assert (local.canonical, local.zone) == ("21:30", "local")
    assert (utc.canonical, utc.zone) == ("18:30", "UTC")


@pytest.mark.parametrize(
    ("text", "utc", "canonical", "zone"),
    [
        ("9:30 p.m.", False, "21:30", None),
        ("at 9pm", False, "21:00", None),
        ("12 a.m.", False, "00:00", None),
        ("2130 GMT", True, "21:30", "UTC"),
        ("18:30 UTC", True, "18:30", "UTC"),
        ("10:15 Baghdad time", False, "10:15", "local"),
        ("21:30 GMT+3", False, "21:30", "+03:00"),
        ("midnight", False, "00:00", None),
    ],
)
def test_clock_forms(text: str, utc: bool, canonical: str, zone: str | None) -> None:
    value = _time(text, utc)
    assert (value.canonical, value.zone) == (canonical, zone)


def test_a_clock_in_the_other_zone_is_not_taken() -> None:
    assert _time("18:30 GMT").canonical is None  # local field, only a UTC clock
    assert _time("21:30 local time", utc=True).canonical is None


def test_utc_clock_found_in_quote_when_text_has_only_local() -> None:
    value = _time("21:30 local time", utc=True, quote="at 21:30 local time (18:30 GMT)")
    assert (value.canonical, value.zone) == ("18:30", "UTC")


def test_a_period_in_the_text_is_not_overridden_by_another_clock_in_the_quote() -> None:
    value = _time("Wednesday night", quote="Wednesday night, two hours after a 19:00 curfew began")
    assert (value.canonical, value.period) == (None, "night")


def test_years_are_not_clocks() -> None:
    assert _time("in 2024").canonical is None


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("nighttime", "night"),
        ("Wednesday night", "night"),
        ("In a nighttime attack Wednesday", "night"),
        ("early morning", "early morning"),
        ("in the early hours of Thursday", "early morning"),
        ("late on Wednesday night", "late night"),
        ("overnight", "overnight"),
    ],
)
def test_vague_periods(text: str, period: str) -> None:
    value = _time(text)
    assert value.canonical is None
    assert value.period == period


def test_a_period_is_not_a_utc_value() -> None:
    assert _time("Wednesday night", utc=True).period is None


def test_compatible_times() -> None:
    night = _time("Wednesday night")
    evening_clock = _time("21:30 local time")
    morning_clock = _time("10:00")
    assert compatible_times(night, evening_clock) and compatible_times(evening_clock, night)
    assert not compatible_times(night, morning_clock)
    assert not compatible_times(evening_clock, morning_clock)
    assert compatible_times(_time("early morning"), _time("overnight"))
    assert not compatible_times(_time("afternoon"), _time("early morning"))


def test_stated_offsets_compare_as_the_same_instant() -> None:
    as_utc = _time("18:30 GMT", utc=True)
    as_offset = _time("21:30 GMT+3", utc=True)
    assert compatible_times(as_utc, as_offset)
    assert sheet_clock(as_offset, utc=True) == "18:30"
