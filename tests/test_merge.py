"""Merge behaviour a reader of the sheet would notice, on hand-written extractions."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.models import Casualties, Extraction
from factsheet.pipeline import merge, prepare
from tests.builders import article, extraction

OUTLETS = ["Alpha Daily", "Bravo Post", "Charlie Wire", "Delta Times", "Echo Herald", "Foxtrot News"]


def killed_report(outlet: str, phrase: str) -> Extraction:
    sentence = f"Officials said {phrase} were killed in the strike on the convoy."
    text = f"{outlet} staff report.\n\n{sentence}\n\nThe investigation continues."
    return extraction(article(text, outlet), {"killed": [phrase, sentence]})


def test_differing_tolls_give_a_range_with_every_figure_listed() -> None:
    sheet = merge(
        [
            killed_report("Alpha Daily", "3 people"),
            killed_report("Bravo Post", "3 people"),
            killed_report("Charlie Wire", "5 people"),
            killed_report("Delta Times", "5 people"),
        ]
    )
    killed = sheet.event.killed
    assert killed.status == "range"
    assert killed.value is not None and (killed.value.low, killed.value.high) == (3, 5)
    assert killed.value.best in (3, 5)
    conflict = [d for d in sheet.disagreements if d.field == "killed" and d.kind == "range"]
    assert len(conflict) == 1
    by_value = {
        (v.value.best if isinstance(v.value, Casualties) else None): v.outlets for v in conflict[0].values
    }
    assert by_value == {3: ["Alpha Daily", "Bravo Post"], 5: ["Charlie Wire", "Delta Times"]}
    assert all(v.evidence and v.evidence[0].quote for v in conflict[0].values)


def test_most_given_toll_is_best_and_the_others_bound_the_range() -> None:
    reports = [killed_report(o, "3 people") for o in OUTLETS[:3]] + [killed_report(OUTLETS[3], "7 people")]
    killed = merge(reports).event.killed
    assert killed.status == "range"
    assert killed.value == Casualties(low=3, best=3, high=7)
    assert killed.support == sorted(OUTLETS[:4])
    assert [a.outlets for a in killed.alternatives] == [OUTLETS[:3], [OUTLETS[3]]]


def test_a_toll_far_outside_the_rest_is_a_conflict_not_the_high_end() -> None:
    reports = [killed_report(o, "3 people") for o in OUTLETS[:3]] + [killed_report(OUTLETS[3], "300 people")]
    sheet = merge(reports)
    killed = sheet.event.killed
    assert killed.status == "majority"
    assert killed.value == Casualties(low=3, best=3, high=3)
    dissent = [a for a in killed.alternatives if not a.compatible]
    assert [a.outlets for a in dissent] == [[OUTLETS[3]]]
    assert [d.kind for d in sheet.disagreements if d.field == "killed"] == ["conflict"]


def test_compatible_ranges_are_not_a_disagreement() -> None:
    sheet = merge(
        [killed_report("Alpha Daily", "at least 1 person"), killed_report("Bravo Post", "3 people")]
    )
    killed = sheet.event.killed
    assert killed.status == "agreed"
    assert killed.value == Casualties(low=3, best=3, high=3)
    assert set(killed.support) == {"Alpha Daily", "Bravo Post"}
    assert not [d for d in sheet.disagreements if d.kind == "conflict"]


def test_single_outlet_is_single_source_and_weak() -> None:
    sheet = merge([killed_report("Alpha Daily", "3 people")])
    assert sheet.event.killed.status == "single_source"
    assert sheet.event.killed.grade == "weak"
    assert sheet.event.date.status == "unknown"
    assert sheet.event.date.value is None


def test_unverified_value_is_listed_but_does_not_vote() -> None:
    text = "Alpha Daily staff report.\n\nThree people were killed in the strike."
    invented = extraction(article(text, "Alpha Daily"), {"killed": ["500 people", "500 people were killed"]})
    sheet = merge([invented])
    killed = sheet.event.killed
    assert killed.status == "unknown" and killed.value is None
    assert [a.verified for a in killed.alternatives] == [False]
    assert killed.alternatives[0].evidence[0].match == "none"

    allowed = merge([invented], allow_unverified=True).event.killed
    assert allowed.status == "single_source"
    assert allowed.value == Casualties(low=500, best=500, high=500)


def test_article_that_is_not_about_a_strike_does_not_vote() -> None:
    sport = "Echo Herald sport.\n\nThe home side won 5 goals to nil."
    sheet = merge(
        [
            killed_report("Alpha Daily", "3 people"),
            extraction(
                article(sport, "Echo Herald"), {"killed": ["5 goals", "won 5 goals"]}, is_strike=False
            ),
        ]
    )
    assert sheet.event.killed.status == "single_source"
    assert [s.is_strike for s in sheet.sources] == [True, False]
    assert "Echo Herald" not in sheet.event.killed.silent


def test_near_copies_count_as_one_source() -> None:
    body = (
        "A drone strike hit a car in the Zafraniya district of Baghdad on Monday, killing Ahmed Karim, "
        "a commander of Saraya Awliya al-Dam, and two of his guards. The Pentagon said the strike was "
        "ordered after attacks on US forces in Erbil and Ain al-Asad. Iraqi Prime Minister Mohammed Shia "
        "al-Sudani condemned the raid. The United States has 2,500 troops in Iraq and 900 in Syria."
    )
    rewrite = (
        "An unmanned aircraft struck a vehicle in Baghdad's Zafraniya area on Monday, leading to the death "
        "of Ahmed Karim, a leader of Saraya Awliya al-Dam, together with two bodyguards. According to the "
        "Pentagon the attack followed assaults on American troops in Erbil and Ain al-Asad. Iraqi Prime "
        "Minister Mohammed Shia al-Sudani denounced it. The United States keeps 2,500 soldiers in Iraq and 900 in Syria."
    )
    sheet = merge(
        [
            extraction(
                article(body, "Alpha Daily"),
                {
                    "city": ["Baghdad", "in the Zafraniya district of Baghdad"],
                    "people": [{"name": "Ahmed Karim", "quote": "killing Ahmed Karim", "targeted": True}],
                },
            ),
            extraction(
                article(rewrite, "Bravo Post"),
                {
                    "city": ["Baghdad", "in Baghdad's Zafraniya area"],
                    "people": [{"name": "Ahmed Karim", "quote": "death of Ahmed Karim", "targeted": True}],
                },
            ),
        ]
    )
    groups = {s.outlet: s.copy_group for s in sheet.sources}
    assert groups["Alpha Daily"] is not None and groups["Alpha Daily"] == groups["Bravo Post"]
    city = sheet.event.city
    assert city.support == ["Alpha Daily", "Bravo Post"]
    assert city.status == "single_source", "a rewrite is not a second witness"
    target = sheet.event.target_person
    assert (target.value, target.status, target.grade) == ("Ahmed Karim", "single_source", "weak")


# Property-based: the sheet is a function of the set of extractions.

PHRASES = ["1 person", "3 people", "at least 1 person", "at least 3 people", "5 people"]


@st.composite
def report_sets(draw: st.DrawFn) -> list[Extraction]:
    n = draw(st.integers(min_value=1, max_value=5))
    phrases = draw(st.lists(st.sampled_from(PHRASES), min_size=n, max_size=n))
    return [killed_report(OUTLETS[i], p) for i, p in enumerate(phrases)]


@settings(max_examples=25, deadline=None)
@given(report_sets(), st.randoms(use_true_random=False))
def test_order_does_not_matter(reports: list[Extraction], rnd: random.Random) -> None:
    shuffled = reports[:]
    rnd.shuffle(shuffled)
    assert merge(reports).model_dump() == merge(shuffled).model_dump()


@settings(max_examples=15, deadline=None)
@given(report_sets())
def test_preparing_twice_changes_nothing(reports: list[Extraction]) -> None:
    once = [prepare(r) for r in reports]
    assert [prepare(r) for r in once] == once
    assert merge(once).model_dump() == merge(reports).model_dump()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=9), min_size=2, max_size=5))
def test_compatible_ranges_are_never_contested(lows: list[int]) -> None:
    """Every 'at least k' is compatible with the largest exact count: no conflict, whatever the mix."""
    top = max(lows)
    reports = [killed_report(OUTLETS[i], f"at least {k} people") for i, k in enumerate(lows)]
    reports.append(killed_report(OUTLETS[len(lows)], f"{top} people"))
    sheet = merge(reports)
    assert sheet.event.killed.status == "agreed"
    assert sheet.event.killed.value == Casualties(low=top, best=top, high=top)
    assert not sheet.disagreements or all(d.kind == "omission" for d in sheet.disagreements)


def test_a_vague_value_does_not_hide_a_conflict_between_precise_ones() -> None:
    """'at least 1' fits both 3 and 500, but 3 and 500 still contradict each other."""
    reports = [killed_report(o, "3 people") for o in OUTLETS[:3]]
    reports.append(killed_report(OUTLETS[3], "at least 1 person"))
    reports.append(killed_report(OUTLETS[4], "500 people"))
    sheet = merge(reports)
    killed = sheet.event.killed
    assert killed.value == Casualties(low=3, best=3, high=3)
    assert killed.status == "majority"
    assert OUTLETS[3] in killed.support and OUTLETS[4] not in killed.support
    conflict = [d for d in sheet.disagreements if d.field == "killed" and d.kind == "conflict"]
    assert conflict and any(OUTLETS[4] in v.outlets for v in conflict[0].values)


def test_handwritten_seed_extractions_merge_as_a_careful_reader_would() -> None:
    """tests/data/handwritten_seeds.json: the five seeds read by a person, merged."""
    from tests.builders import handwritten_seed_extractions

    sheet = merge(handwritten_seed_extractions())
    ev = sheet.event
    outlets = {s.id: s.outlet for s in sheet.sources}
    npr, bbc = outlets["003_015a08b8fe344b02"], outlets["002_47ce44c9c7986334"]
    rewrite = outlets["001_e2b87f470cf195c7"]

    assert (ev.date.value, ev.date.status) == ("2024-02-07", "agreed")
    assert (ev.city.value, ev.city.status, len(ev.city.support)) == ("Baghdad", "agreed", 5)
    assert (ev.country.value, ev.district.value) == ("Iraq", "Mashtal")
    assert ev.attacker.value == "United States" and ev.attacker.status == "agreed"
    assert ev.killed.value == Casualties(low=3, best=3, high=3) and ev.killed.status == "agreed"
    assert ev.injured.status == "unknown" and ev.injured.value is None

    # One person, four spellings; NPR does not name him.
    person = ev.target_person
    assert person.status == "agreed" and person.value is not None and "al-Saadi" in person.value
    spellings = {s for a in person.alternatives for s in a.spellings}
    assert {"Abu Bakr al-Saadi", "Abu Baqir al-Saadi"} <= spellings
    assert person.silent == [npr]
    assert ev.target_organisation.value == "Kataib Hezbollah"
    assert "Kata’ib Hezbollah" in {s for a in ev.target_organisation.alternatives for s in a.spellings}

    # The clock time comes from the BBC and its rewrite only: one source, however many copies.
    groups = {s.outlet: s.copy_group for s in sheet.sources}
    assert groups[bbc] is not None and groups[bbc] == groups[rewrite]
    assert (
        ev.utc_time.value == "18:30" and ev.utc_time.status == "single_source" and ev.utc_time.grade == "weak"
    )
    assert ev.local_time.value == "21:30"

    # No outlet contradicts another; the omissions a reader notices are all listed.
    assert [d for d in sheet.disagreements if d.kind == "conflict"] == []
    omitted = {d.field: d.values[1].outlets for d in sheet.disagreements if d.kind == "omission"}
    assert omitted["target_person"] == [npr]
    assert outlets["000_4723f9658405ae82"] in omitted["district"]
    assert set(omitted["utc_time"]) == {outlets["000_4723f9658405ae82"], npr, outlets["004_9ad3ace87a095593"]}

    # Claims: the US military's 'no civilian casualties' is carried by several outlets as one claim.
    no_civilians = [
        c for c in sheet.claims if "civilian casualties" in c.statement.lower() and c.speaker == "US military"
    ]
    assert no_civilians and len(no_civilians[0].outlets) >= 3


def test_country_no_outlet_names_is_inferred_from_the_city_but_not_voted() -> None:
    sentence = "A drone strike hit a car in Kharkiv on Monday, killing 2 people."
    text = f"Alpha Daily staff report.\n\n{sentence}"
    sheet = merge([extraction(article(text, "Alpha Daily"), {"city": ["Kharkiv", sentence]})])
    country = sheet.event.country
    assert country.status == "unknown" and country.value is None, "no outlet said it: it is not a finding"
    assert country.inferred is not None
    assert (country.inferred.value, country.inferred.from_field) == ("Ukraine", "city")


def test_stated_country_is_not_overridden_by_inference() -> None:
    sheet = merge(
        [
            extraction(
                article(
                    "Alpha Daily staff report.\n\nThe strike hit Paris, Texas, on Monday.", "Alpha Daily"
                ),
                {"city": ["Paris", "The strike hit Paris, Texas"], "country": ["Texas", "Paris, Texas"]},
            )
        ]
    )
    assert sheet.event.country.inferred is None


def field_report(outlet: str, sentence: str, field: str, value: str) -> Extraction:
    text = f"{outlet} staff report.\n\n{sentence}\n\nThe investigation continues."
    return extraction(article(text, outlet), {field: [value, sentence]})


def city_report(outlet: str, sentence: str, city: str) -> Extraction:
    return field_report(outlet, sentence, "city", city)


def test_a_village_beats_the_big_city_outlets_place_it_by_but_two_cities_still_conflict() -> None:
    village = merge(
        [
            city_report("Wire A", "The convoy was hit near the town of Urum al-Kubra.", "Urum al-Kubra"),
            city_report("Wire B", "The strike hit the convoy in Orum al-Kubra.", "Orum al-Kubra"),
            city_report("Wire C", "A convoy was hit by an air strike near Aleppo.", "Aleppo"),
            city_report("Wire D", "US blames Russia for Aleppo convoy attack.", "Aleppo"),
        ]
    )
    assert village.event.city.value in ("Urum al-Kubra", "Orum al-Kubra")
    assert village.event.city.status == "agreed"
    assert any(a.value == "Aleppo" and a.compatible for a in village.event.city.alternatives)
    cities = merge(
        [
            city_report("Wire A", "The strike hit a market in Idlib.", "Idlib"),
            city_report("Wire B", "The strike hit a market in Aleppo.", "Aleppo"),
        ]
    )
    assert cities.event.city.status == "contested", "two known cities contradict each other"


def test_a_village_says_more_than_the_province_district_it_lies_in() -> None:
    sheet = merge(
        [
            city_report("Wire A", "A drone hit a car in the Noshki district.", "Noshki district"),
            city_report("Wire B", "Residents gathered in Ahmed Wal area by the car.", "Ahmed Wal"),
            city_report("Wire C", "The car was hit in Noshki district, officials said.", "Noshki district"),
        ]
    )
    assert sheet.event.city.value == "Ahmed Wal"
    assert any(a.value == "Noshki" and a.compatible for a in sheet.event.city.alternatives)
    town = merge(
        [
            city_report("Wire A", "Airstrikes hit a hospital in Abs district.", "Abs district"),
            city_report("Wire B", "Airstrikes hit a hospital in Abs.", "Abs"),
        ]
    )
    assert town.event.city.value == "Abs"
    assert town.event.city.status == "agreed"


def test_a_town_says_more_than_its_provinces_seat_but_towns_of_other_provinces_conflict() -> None:
    sheet = merge(
        [
            city_report("Wire A", "The Pentagon said the strike hit near Idlib on Monday.", "Idlib"),
            city_report("Wire B", "The missiles hit his car in Jisr al-Shughour town.", "Jisr al-Shughour"),
            city_report(
                "Wire C", "A drone struck a car in Jisr al-Shughur, monitors said.", "Jisr al-Shughur"
            ),
            city_report("Wire D", "A strike near Idlib killed a commander.", "Idlib"),
        ]
    )
    assert sheet.event.city.status == "agreed"
    assert sheet.event.city.value not in (None, "Idlib")
    assert any(a.value == "Idlib" and a.compatible for a in sheet.event.city.alternatives)
    other = merge(
        [
            city_report("Wire A", "The strike hit a market in Idlib.", "Idlib"),
            city_report("Wire B", "The strike hit a market in Manbij.", "Manbij"),
        ]
    )
    assert other.event.city.status == "contested", "Manbij is in Aleppo province, not Idlib's"


def test_the_group_outlets_agree_struck_is_not_also_counted_as_its_target() -> None:
    lead = "Houthi drones attacked a military parade at the al-Anad base on Thursday."
    reports = [
        extraction(
            article(f"{outlet} report.\n\n{lead}", outlet),
            {"attacker": ["Houthi", lead], **({"target_organisation": ["Houthi", lead]} if hurt else {})},
        )
        for outlet, hurt in (("Wire A", True), ("Wire B", False), ("Wire C", False))
    ]
    sheet = merge(reports)
    assert sheet.event.attacker.value == "Houthis"
    assert sheet.event.target_organisation.status == "unknown"
    assert "Wire A" in (sheet.event.target_organisation.note or "")


def _market_reports(naming: int, silent: int) -> list[Extraction]:
    """Independent reports of a market strike; the first `naming` name a group as its target."""
    out = []
    for i, outlet in enumerate(OUTLETS[: naming + silent]):
        lead = f"{outlet} says an air strike hit a crowded market in Saada, a Houthi stronghold, on day {i}."
        spec = {"city": ["Saada", lead]}
        if i < naming:
            spec["target_organisation"] = ["Houthi", lead]
        out.append(extraction(article(f"{outlet} report number {i}.\n\n{lead}", outlet), spec))
    return out


def test_a_target_group_only_one_of_several_outlets_names_is_not_given_as_the_target() -> None:
    sheet = merge(_market_reports(naming=1, silent=2))
    field = sheet.event.target_organisation
    assert field.value is None and field.status == "unknown"
    assert [a.value for a in field.alternatives] == ["Houthis"]  # still visible, with its quote
    assert "Alpha Daily" in (field.note or "") and "2 other independent sources" in (field.note or "")


def test_a_target_group_is_kept_when_two_outlets_name_it_or_the_rest_cannot_outvote_it() -> None:
    assert merge(_market_reports(naming=2, silent=3)).event.target_organisation.value == "Houthis"
    lone = merge(_market_reports(naming=1, silent=1)).event.target_organisation
    assert (lone.value, lone.status) == ("Houthis", "single_source")


def test_two_outlets_each_naming_a_different_target_group_against_more_silent_ones_give_none() -> None:
    reports = _market_reports(naming=0, silent=5)
    lead = "Rebels said an air strike hit a crowded market in Saada, where an army unit was based."
    reports[0] = extraction(
        article(f"Alpha Daily report.\n\n{lead}", "Alpha Daily"),
        {"city": ["Saada", lead], "target_organisation": ["Houthi", lead]},
    )
    reports[1] = extraction(
        article(f"Bravo Post report.\n\n{lead} Extra words.", "Bravo Post"),
        {"city": ["Saada", lead], "target_organisation": ["Yemeni army", lead]},
    )
    field = merge(reports).event.target_organisation
    assert (field.value, field.status) == (None, "unknown")
    assert {a.value for a in field.alternatives} == {"Houthis", "Yemeni army"}
    assert "3 other independent sources" in (field.note or "")


def sudan_city_reports(*rows: tuple[str, str, str]) -> list[Extraction]:
    """(outlet, sentence, city) reports of a strike the outlets place in Sudan."""
    return [
        extraction(
            article(f"{outlet} report.\n\n{sentence}", outlet),
            {"city": [city, sentence], "country": ["Sudan", sentence]},
        )
        for outlet, sentence, city in rows
    ]


def test_a_town_the_gazetteer_knows_only_abroad_keeps_the_name_the_outlets_wrote() -> None:
    reports = sudan_city_reports(
        ("Wire A", "An air strike hit the market in Tora, in Sudan's North Darfur, on Monday.", "Tora"),
        ("Wire B", "Sudan's army bombed the weekly market of Tora village, residents said.", "Tora"),
    )
    city = merge(reports).event.city
    assert city.value == "Tora", "not the Ethiopian town that has 'Tora' as an alternate name"
    assert "Ethiopia" in (city.note or "")
    assert [a.value for a in city.alternatives] == ["Tora"]


def test_a_contested_city_lists_a_town_known_only_abroad_as_the_outlets_wrote_it() -> None:
    reports = sudan_city_reports(
        ("Wire A", "An air strike hit the market in Tora, in Sudan's North Darfur, on Monday.", "Tora"),
        ("Wire B", "Sudan's army bombed the weekly market of Kutum, residents said.", "Kutum"),
    )
    city = merge(reports).event.city
    assert city.status == "contested"
    assert {a.value for a in city.alternatives} == {"Tora", "Kutum"}


def test_beside_a_city_given_as_written_a_rival_known_only_abroad_is_listed_as_written_too() -> None:
    reports = sudan_city_reports(
        ("Wire A", "An air strike hit the market in Tora, in Sudan's North Darfur, on Monday.", "Tora"),
        ("Wire B", "Sudan's army bombed the weekly market of Tora village, residents said.", "Tora"),
        ("Wire C", "Warplanes struck the market of Almat in North Darfur, residents said.", "Almat"),
    )
    city = merge(reports).event.city
    assert city.value == "Tora"
    assert {a.value for a in city.alternatives} == {"Tora", "Almat"}, "not Russia's Al’met’yevsk"


def test_outlets_evenly_split_between_drone_and_air_strike_give_the_drone() -> None:
    reports = [
        field_report("Wire A", "An air strike hit the car on the coast road.", "weapon", "air strike"),
        field_report("Wire B", "The airstrike killed the commander on Monday.", "weapon", "airstrike"),
        field_report("Wire C", "A drone fired two missiles at the car.", "weapon", "drone"),
        field_report("Wire D", "Witnesses heard a drone before the blast.", "weapon", "drone"),
    ]
    for order in (reports, reports[::-1]):
        sheet = merge(order)
        assert sheet.event.weapon.value == "drone"
        assert sheet.event.weapon.status == "agreed"
    outvoted = merge(reports[:3])
    assert outvoted.event.weapon.value == "airstrike", "more outlets saying 'air strike' still carry it"
