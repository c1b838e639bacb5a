"""Dates across outlets: weekdays and year-less dates are completed by the others' dates."""

from __future__ import annotations

from factsheet.models import Extraction
from factsheet.pipeline import merge
from tests.builders import article, extraction


def dated(outlet: str, phrase: str, published: str | None = None) -> Extraction:
    sentence = f"The strike on the depot happened {phrase}, officials said."
    text = f"{outlet} report.\n\n{sentence}"
    return extraction(article(text, outlet, published=published), {"date": [phrase, sentence]})


def test_weekdays_take_the_calendar_date_another_outlet_gives() -> None:
    sheet = merge(
        [
            dated("Alpha Daily", "on Thursday"),
            dated("Bravo Post", "on Thursday night"),
            dated("Charlie Wire", "on Thursday"),
            dated("Delta Times", "on March 3", published="2022-03-04"),
        ]
    )
    date = sheet.event.date
    assert (date.value, date.status) == ("2022-03-03", "agreed")
    assert len(date.support) == 4


def test_a_date_without_a_year_takes_the_year_of_another_outlet() -> None:
    sheet = merge([dated("Alpha Daily", "on Oct. 9"), dated("Bravo Post", "on 9 October 2016")])
    assert (sheet.event.date.value, sheet.event.date.status) == ("2016-10-09", "agreed")


def test_a_weekday_resolves_against_the_earliest_publication_date() -> None:
    sheet = merge(
        [dated("Alpha Daily", "on Friday"), dated("Bravo Post", "late on Friday", published="2018-06-17")]
    )
    assert sheet.event.date.value == "2018-06-15"


def test_only_weekdays_show_the_weekday_never_unknown_agreed() -> None:
    sheet = merge([dated("Alpha Daily", "on Thursday"), dated("Bravo Post", "on Thursday")])
    date = sheet.event.date
    assert date.value == "Thursday"
    assert date.status == "agreed"


def test_a_weekday_no_calendar_date_fits_is_a_conflict() -> None:
    sheet = merge(
        [
            dated("Alpha Daily", "on Tuesday"),
            dated("Bravo Post", "on March 3, 2022"),
            dated("Charlie Wire", "on March 3, 2022"),
        ]
    )
    date = sheet.event.date
    assert (date.value, date.status) == ("2022-03-03", "majority")
    assert [a.outlets for a in date.alternatives if not a.compatible] == [["Alpha Daily"]]


def test_unresolvable_words_never_print_agreed_beside_an_empty_value() -> None:
    sheet = merge([dated("Alpha Daily", "earlier this week"), dated("Bravo Post", "earlier this week")])
    date = sheet.event.date
    assert date.value is None
    assert date.status == "unknown"


def test_dates_a_day_apart_give_the_earlier_with_a_note_and_the_conflict_listed() -> None:
    sheet = merge(
        [
            dated("Alpha Daily", "on 5 March 2025"),
            dated("Bravo Post", "on 6 March 2025"),
        ]
    )
    date = sheet.event.date
    assert (date.value, date.status) == ("2025-03-05", "majority")
    assert "day after" in (date.note or "")
    assert {a.value for a in date.alternatives} == {"2025-03-05", "2025-03-06"}
    assert any(d.field == "date" and d.kind == "conflict" for d in sheet.disagreements)
    apart = merge([dated("Alpha Daily", "on 5 March 2025"), dated("Bravo Post", "on 7 March 2025")])
    assert (apart.event.date.value, apart.event.date.status) == (None, "contested")
