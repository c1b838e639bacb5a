"""Places: wrappers stripped, capitals and spellings resolved through the offline gazetteer."""

from __future__ import annotations

import pytest

from factsheet.normalise.places import (
    canonical_city,
    canonical_country,
    canonical_district,
    compatible_districts,
    country_for_city,
    normalise_place,
)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Iraq", "Iraq"),
        ("the Iraqi capital", "Iraq"),
        ("Iraqi", "Iraq"),
        ("Iraq's", "Iraq"),
        ("northern Iraq", "Iraq"),
        ("the US", "United States"),
        ("U.S.", "United States"),
        ("Syrian", "Syria"),
        ("Kurdistan region", None),
        ("", None),
    ],
)
def test_canonical_country(text: str, country: str | None) -> None:
    assert canonical_country(text) == country


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Baghdad", "Baghdad"),
        ("Bagdad", "Baghdad"),
        ("the Iraqi capital", "Baghdad"),
        ("Iraq's capital", "Baghdad"),
        ("the capital of Syria", "Damascus"),
        ("the Iraqi capital, Baghdad", "Baghdad"),
        ("east Baghdad", "Baghdad"),
        ("eastern Baghdad", "Baghdad"),
        ("the Mashtal area of Baghdad", "Baghdad"),
        ("Baghdad's Mashtal neighbourhood", "Baghdad"),
        ("Baghdad, Iraq", "Baghdad"),
        ("the city", None),
        ("Abs district", "Abs"),
        ("the Musa Qala district", "Musa Qala"),
    ],
)
def test_canonical_city(text: str, city: str | None) -> None:
    assert canonical_city(text) == city


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("Mashtal", "Mashtal"),
        ("the Mashtal area of Baghdad", "Mashtal"),
        ("the Mashtal neighbourhood", "Mashtal"),
        ("Baghdad’s Mashtal neighborhood", "Mashtal"),
        ("the eastern part of the city", "east"),
        ("east of the Iraqi capital", "east"),
        ("the eastern region of the Iraqi capital", "east"),
        ("east Baghdad", "east"),
    ],
)
def test_canonical_district(text: str, district: str) -> None:
    assert canonical_district(text) == district


def test_each_field_reads_only_its_own_words() -> None:
    assert normalise_place(None, "the Mashtal area of Baghdad", None) == (None, "Baghdad", None)


def test_country_for_city_prefers_the_most_populous_match() -> None:
    assert country_for_city("Baghdad") == "Iraq"
    assert country_for_city("Damascus") == "Syria"
    assert country_for_city("Mashtal") is None


def test_a_direction_does_not_contradict_a_named_district() -> None:
    assert compatible_districts("east", "Mashtal")
    assert compatible_districts("Mashtal", "east")
    assert compatible_districts("east", "northeast")
    assert not compatible_districts("east", "west")
    assert not compatible_districts("Mashtal", "Karrada")
