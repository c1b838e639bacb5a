"""What the merge asks of two values: the same thing, or merely not in conflict."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.models import (
    EVENT_FIELDS,
    Casualties,
    Claim,
    CountValue,
    DateValue,
    Evidence,
    PersonValue,
    TextValue,
    TimeValue,
    Value,
)
from factsheet.normalise import normalise_count
from factsheet.normalise.actors import canonical_actor
from factsheet.normalise.compare import compatible, equivalent, same_speaker, sheet_value, spelling
from factsheet.normalise.dates import normalise_date
from factsheet.normalise.entities import clean_name
from factsheet.normalise.places import canonical_city, canonical_district, region_seat, seat_and_town
from factsheet.normalise.times import normalise_time
from factsheet.normalise.weapons import canonical_weapon

ANCHOR = date(2024, 2, 8)


def _ev(text: str) -> Evidence:
    return Evidence(quote=text)


def count(text: str) -> CountValue:
    return normalise_count(CountValue(text=text, evidence=_ev(text)))


def day(text: str, anchor: date | None = ANCHOR) -> DateValue:
    return normalise_date(DateValue(text=text, evidence=_ev(text)), anchor)


def clock(text: str, utc: bool = False) -> TimeValue:
    return normalise_time(TimeValue(text=text, evidence=_ev(text)), utc)


def person(text: str) -> PersonValue:
    return PersonValue(text=text, evidence=_ev(text), canonical=clean_name(text))


def org(text: str) -> TextValue:
    return TextValue(text=text, evidence=_ev(text), canonical=clean_name(text))


def actor(text: str) -> TextValue:
    return TextValue(text=text, evidence=_ev(text), canonical=canonical_actor(text))


def weapon(text: str) -> TextValue:
    return TextValue(text=text, evidence=_ev(text), canonical=canonical_weapon(text))


def district(text: str) -> TextValue:
    return TextValue(text=text, evidence=_ev(text), canonical=canonical_district(text))


def test_counts() -> None:
    assert equivalent("killed", count("three"), count("All three individuals perished"))
    assert not equivalent("killed", count("at least one"), count("three"))
    assert compatible("killed", count("at least one"), count("three"))
    assert not compatible("killed", count("one"), count("three"))


def test_sheet_value_for_counts_is_the_tightest_range() -> None:
    values = [count("at least one"), count("three"), count("the commander and two of his bodyguards")]
    assert sheet_value("killed", values) == Casualties(low=3, best=3, high=3)
    assert sheet_value("killed", [count("at least 1"), count("at least 2")]) == Casualties(
        low=2, best=2, high=None
    )


def test_dates() -> None:
    assert equivalent("date", day("Wednesday night"), day("7 February 2024"))
    assert compatible("date", day("Wednesday", anchor=None), day("February 7, 2024"))
    assert not compatible("date", day("Tuesday", anchor=None), day("February 7, 2024"))
    assert sheet_value("date", [day("Wednesday night"), day("on Wednesday (7)")]) == "2024-02-07"


def test_times() -> None:
    assert compatible("local_time", clock("nighttime"), clock("21:30 local time (18:30 GMT)"))
    assert not equivalent("local_time", clock("nighttime"), clock("21:30 local time"))
    assert equivalent(
        "utc_time", clock("18:30 GMT", utc=True), clock("21:30 local time (18:30 GMT)", utc=True)
    )
    assert sheet_value("utc_time", [clock("21:30 local time (18:30 GMT)", utc=True)]) == "18:30"
    assert sheet_value("local_time", [clock("Wednesday night")]) is None


def test_people() -> None:
    full = person("Wissam Mohammed “Abu Bakr” al-Saadi")
    assert equivalent("target_person", person("Abu Baqir al-Saadi"), full)
    assert equivalent("target_person", person("Abu Bakr al-Saadi"), person("Abu Baqer al-Saedi"))
    # A lone surname is not a disagreement, but it does not pin the person down either.
    assert not equivalent("target_person", person("al-Saadi"), full)
    assert compatible("target_person", person("al-Saadi"), full)
    assert not compatible("target_person", person("Abu Bakr al-Saadi"), person("Hadi al-Saadi"))
    assert (
        sheet_value("target_person", [person("Abu Baqir al-Saadi"), full])
        == "Wissam Mohammed “Abu Bakr” al-Saadi"
    )


def test_organisations() -> None:
    assert equivalent("target_organisation", org("Kataib Hezbollah"), org("Hezbollah Brigades"))
    assert not equivalent("target_organisation", org("Hezbollah"), org("Kataib Hezbollah"))
    assert compatible("target_organisation", org("Hezbollah"), org("Kataib Hezbollah"))
    assert not compatible("target_organisation", org("Kataib Hezbollah"), org("Harakat al-Nujaba"))
    assert sheet_value("target_organisation", [org("Kata'ib Hezbollah"), org("Kataib Hezbollah")]) in (
        "Kataib Hezbollah",
        "Kata'ib Hezbollah",
    )


def test_attackers() -> None:
    assert equivalent("attacker", actor("US forces"), actor("the United States"))
    assert equivalent("attacker", actor("American drone"), actor("the U.S. military"))
    assert not compatible("attacker", actor("US forces"), actor("Kataib Hezbollah"))
    assert sheet_value("attacker", [actor("US forces"), actor("American drone")]) == "United States"
    # A claim's speaker, canonicalised, is recognised as the attacker speaking.
    speaker = TextValue(text="CENTCOM", evidence=_ev("CENTCOM"), canonical="US military")
    assert equivalent("attacker", speaker, actor("a US drone"))
    assert not equivalent(
        "attacker", TextValue(text="Kataib Hezbollah", evidence=_ev("x")), actor("a US drone")
    )


def test_weapons_and_districts() -> None:
    assert equivalent("weapon", weapon("drone strike"), weapon("a US drone"))
    assert compatible("weapon", weapon("drone"), weapon("Hellfire missile"))
    assert not equivalent("district", district("east Baghdad"), district("the Mashtal area of Baghdad"))
    assert compatible("district", district("east Baghdad"), district("the Mashtal area of Baghdad"))
    assert equivalent("district", district("Mashtal neighbourhood"), district("the Mashtal area"))
    assert sheet_value("district", [district("east of the city"), district("the Mashtal area")]) == "Mashtal"


def test_spelling_is_the_articles_words() -> None:
    assert spelling("target_person", person("  Abu   Baqir al-Saadi ")) == "Abu Baqir al-Saadi"


def test_unknown_field_is_an_error() -> None:
    with pytest.raises(ValueError, match="not an event field"):
        equivalent("casualties", count("three"), count("three"))


def test_same_speaker() -> None:
    def claim(speaker: str, canonical: str, kind: str = "group") -> Claim:
        return Claim(
            statement="x", speaker=speaker, speaker_type=kind, evidence=_ev("x"), speaker_canonical=canonical
        )  # type: ignore[arg-type]

    assert same_speaker(
        claim("CENTCOM", "US military", "military"), claim("the Pentagon", "US military", "military")
    )
    assert same_speaker(
        claim("Kata'ib Hezbollah", "Kata'ib Hezbollah"), claim("Kataib Hezbollah", "Kataib Hezbollah")
    )
    assert not same_speaker(
        claim("Kataib Hezbollah", "Kataib Hezbollah"), claim("Nujaba", "Harakat al-Nujaba")
    )


# ---- symmetry, for every field -----------------------------------------------------------

_SAMPLES: dict[str, list[Value]] = {
    "date": [
        day("Wednesday"),
        day("Wednesday", anchor=None),
        day("Tuesday", anchor=None),
        day("February 2024"),
    ],
    "local_time": [clock("night"), clock("21:30 local time"), clock("10:00"), clock("early morning")],
    "utc_time": [clock("18:30 GMT", utc=True), clock("21:30 GMT+3", utc=True), clock("9 pm", utc=True)],
    "country": [org("Iraq"), TextValue(text="Iraqi", evidence=_ev("Iraqi"), canonical="Iraq"), org("Syria")],
    "city": [org("Baghdad"), TextValue(text="the city", evidence=_ev("the city")), org("Erbil")],
    "district": [
        district("Mashtal"),
        district("east Baghdad"),
        district("west Baghdad"),
        district("Karrada"),
    ],
    "attacker": [actor("US forces"), actor("American drone"), actor("Kataib Hezbollah"), actor("Israel")],
    "weapon": [weapon("drone"), weapon("missile"), weapon("an attack"), weapon("roadside bomb")],
    "target_person": [person("Abu Bakr al-Saadi"), person("al-Saadi"), person("Hadi al-Saadi")],
    "target_organisation": [org("Kataib Hezbollah"), org("Hezbollah"), org("Harakat al-Nujaba")],
    "killed": [count("three"), count("at least one"), count("about 20"), count("up to 5"), count("dozens")],
    "injured": [count("two"), count("several"), count("no one")],
}
assert set(_SAMPLES) == set(EVENT_FIELDS)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(EVENT_FIELDS), st.data())
def test_relations_are_symmetric(field: str, data: st.DataObject) -> None:
    a = data.draw(st.sampled_from(_SAMPLES[field]))
    b = data.draw(st.sampled_from(_SAMPLES[field]))
    assert equivalent(field, a, b) == equivalent(field, b, a)
    assert compatible(field, a, b) == compatible(field, b, a)
    if equivalent(field, a, b):
        assert compatible(field, a, b)


def test_a_provinces_seat_and_a_town_in_that_province_do_not_contradict() -> None:
    assert region_seat("Idlib") and not region_seat("Jisr al-Shughour")
    assert seat_and_town("Idlib", "Jisr al-Shughour")
    assert not seat_and_town("Idlib", "Manbij"), "Manbij lies in Aleppo province"
    assert not seat_and_town("Jisr al-Shughour", "Idlib"), "the smaller town is no seat of the bigger"


def test_a_village_spelt_two_ways_is_one_place_even_when_one_spelling_has_a_namesake_abroad() -> None:
    def city(text: str) -> TextValue:
        return TextValue(text=text, evidence=_ev(text), canonical=canonical_city(text))

    assert equivalent("city", city("Almat"), city("Aalmat")), (
        "'Almat' is also a Russian town's alternate name"
    )
    assert not equivalent("city", city("Idlib"), city("Aleppo"))


def test_states_listed_as_striking_together_agree_with_each_of_them_only() -> None:
    trio = actor("US, UK and French")
    assert compatible("attacker", trio, actor("US forces"))
    assert compatible("attacker", actor("the British military"), trio)
    assert not equivalent("attacker", trio, actor("US forces"))
    assert not compatible("attacker", trio, actor("Russian jets"))
    assert not compatible("attacker", actor("Iranian-backed Houthis"), actor("Iran"))


def test_one_states_forces_under_government_regime_or_army_are_one_target() -> None:
    assert equivalent("target_organisation", org("Syrian government forces"), org("Syrian regime forces"))
    assert equivalent("target_organisation", org("the Syrian army"), org("Syrian government forces"))
    assert not compatible("target_organisation", org("Syrian army"), org("Israeli army"))
    assert not equivalent("target_organisation", org("Iranian-backed militias"), org("Iranian forces"))
