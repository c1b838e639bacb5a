"""Tolls as a researcher codes them: a range with a best estimate, never 'contested, null'.

The articles are short paraphrases written for these tests; the extractions are what a
careful reader takes from them (hand-written, named as such in tests/builders.py).
"""

from __future__ import annotations

from factsheet.models import Casualties, Extraction
from factsheet.pipeline import merge
from tests.builders import article, extraction


def toll(
    outlet: str, phrase: str, published: str | None = None, people: list[dict] | None = None
) -> Extraction:
    sentence = f"Health officials said {phrase} were killed when the missile hit the market."
    text = f"{outlet} report.\n\n{sentence}\n\nRescue work went on into the night."
    spec: dict = {"killed": [phrase, sentence]}
    if people:
        spec["people"] = people
    return extraction(article(text, outlet, published=published), spec)


def test_rising_toll_gives_low_high_and_the_latest_exact_figure_as_best() -> None:
    sheet = merge(
        [
            toll("Alpha Daily", "4 people", "2025-03-03"),
            toll("Bravo Post", "6 people", "2025-03-04"),
            toll("Charlie Wire", "at least 7 people", "2025-03-04"),
        ]
    )
    killed = sheet.event.killed
    assert killed.status == "range"
    assert killed.value == Casualties(low=4, best=6, high=7), (
        "an exact figure beats a hedge; later beats earlier"
    )
    assert [a.outlets for a in killed.alternatives if a.compatible] == [
        ["Alpha Daily"],
        ["Bravo Post"],
        ["Charlie Wire"],
    ]
    assert all(a.evidence[0].quote.startswith("Health officials said") for a in killed.alternatives)
    ranges = [d for d in sheet.disagreements if d.field == "killed"]
    assert [d.kind for d in ranges] == ["range"]
    assert killed.note and "different figures" in killed.note


def test_best_is_the_figure_most_independent_sources_give() -> None:
    sheet = merge(
        [
            toll("Alpha Daily", "20 people", "2025-04-13"),
            toll("Bravo Post", "34 people", "2025-04-13"),
            toll("Charlie Wire", "34 people", "2025-04-14"),
            toll("Delta Times", "more than 20 people", "2025-04-13"),
        ]
    )
    assert sheet.event.killed.value == Casualties(low=20, best=34, high=34)


def test_lower_bounds_that_differ_are_a_range_not_the_tightest_bound() -> None:
    sheet = merge([toll("Alpha Daily", "at least 82 people"), toll("Bravo Post", "more than 140 people")])
    killed = sheet.event.killed
    assert killed.status == "range"
    assert (killed.value.low, killed.value.high) == (82, 141)


def test_up_to_bounds_only_the_high_end() -> None:
    sheet = merge(
        [
            toll("Alpha Daily", "10 people"),
            toll("Bravo Post", "14 people"),
            toll("Charlie Wire", "up to 20 people"),
        ]
    )
    killed = sheet.event.killed
    assert killed.status == "range"
    assert killed.value is not None and (killed.value.low, killed.value.high) == (10, 20)


def test_figures_that_fit_one_number_are_agreed() -> None:
    sheet = merge([toll("Alpha Daily", "12 people"), toll("Bravo Post", "up to 20 people")])
    assert (sheet.event.killed.status, sheet.event.killed.value) == (
        "agreed",
        Casualties(low=12, best=12, high=12),
    )


def test_named_dead_are_a_floor_when_no_figure_is_given() -> None:
    sentence = "Commanders Karim Saleh and Omar Fadel died in the car."
    text = f"Alpha Daily report.\n\nA drone hit a car on the coast road. {sentence}"
    people = [
        {"name": "Karim Saleh", "quote": "Karim Saleh", "fate": "killed", "targeted": True},
        {"name": "Omar Fadel", "quote": "Omar Fadel", "fate": "killed"},
    ]
    sheet = merge([extraction(article(text, "Alpha Daily"), {"people": people})])
    killed = sheet.event.killed
    assert killed.value == Casualties(low=2, best=2, high=None)
    assert killed.note and "named as killed" in killed.note


def test_more_named_dead_than_any_figure_is_noted_not_imposed() -> None:
    dead = [
        {"name": "Karim Saleh", "quote": "Health officials said", "fate": "killed"},
        {"name": "Omar Fadel", "quote": "Health officials said", "fate": "killed"},
        {"name": "Sami Haddad", "quote": "Health officials said", "fate": "killed"},
    ]
    sheet = merge([toll("Alpha Daily", "2 people", people=dead), toll("Bravo Post", "2 people")])
    killed = sheet.event.killed
    assert killed.value == Casualties(low=2, best=2, high=2)
    assert killed.note and "more than the highest figure" in killed.note


def test_dozens_beside_figures_is_listed_but_sets_no_end_of_the_range() -> None:
    sheet = merge(
        [
            toll("Alpha Daily", "dozens of people"),
            toll("Bravo Post", "39 people"),
            toll("Charlie Wire", "51 people"),
        ]
    )
    killed = sheet.event.killed
    assert killed.status == "range"
    assert killed.value is not None and (killed.value.low, killed.value.high) == (39, 51)
    assert "Alpha Daily" in {o for a in killed.alternatives for o in a.outlets}
