"""Scoring a fact sheet against a gold file: what a user comparing extractors would read off the table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from factsheet.errors import InputError
from factsheet.models import (
    SCHEMA_VERSION,
    Casualties,
    ClaimGroup,
    EventSheet,
    FactSheet,
    RunInfo,
    SheetField,
    Source,
)
from factsheet.score import Gold, load_gold, render_score, score, score_files

ROOT = Path(__file__).resolve().parent.parent
SEEDS_GOLD = ROOT / "gold" / "seeds.gold.json"

# Measured on the five seeds with the offline extractor (see benchmarks/bench_accuracy.py):
# 12/12 fields right, 7/8 claims found, near-copy pairs agreement 1.00. The margin lets no
# field regress: one field wrong is 11/12 = 0.917.
SEEDS_ACCURACY = 12 / 12
SEEDS_CLAIMS_RECALL = 7 / 8
MARGIN = 0.05

FIELDS = EventSheet.model_fields


def sheet(values: dict[str, Any] | None = None, **extra: Any) -> FactSheet:
    """A hand-built sheet: each given field agreed on by one outlet, the rest unknown.

    A value of ('contested',) makes the field contested with no consensus value.
    """
    event = {}
    for name in FIELDS:
        value = (values or {}).get(name)
        if value is None:
            event[name] = SheetField(value=None, status="unknown")
        elif value == ("contested",):
            event[name] = SheetField(value=None, status="contested")
        else:
            event[name] = SheetField(value=value, status="agreed", support=["Outlet"])
    return FactSheet(
        schema_version=SCHEMA_VERSION,
        event=EventSheet(**event),
        run=RunInfo(extractor="fake", tool_version="test"),
        **extra,
    )


def gold(event: dict[str, Any], **extra: Any) -> Gold:
    return Gold.model_validate({"schema_version": "1", "event": event, **extra})


def outcome(result: Any, field: str) -> str:
    return next(f.outcome for f in result.fields if f.field == field)


def test_matching_sheet_scores_every_stated_field_right() -> None:
    result = score(
        sheet(
            {
                "date": "2024-02-07",
                "local_time": "21:30",
                "country": "Iraq",
                "city": "Baghdad",
                "killed": Casualties(low=3, best=3, high=3),
            }
        ),
        gold(
            {
                "date": "2024-02-07",
                "local_time": "21:30",
                "country": "Iraq",
                "city": "Baghdad",
                "killed": 3,
                "injured": None,
            }
        ),
    )
    assert result.counts["right"] == 6
    assert result.scored == 6
    assert result.accuracy == 1.0


def test_a_contradicting_value_is_wrong() -> None:
    result = score(
        sheet({"city": "Mosul", "local_time": "20:30", "date": "2024-02-08"}),
        gold({"city": "Baghdad", "local_time": "21:30", "date": "2024-02-07"}),
    )
    assert [outcome(result, f) for f in ("city", "local_time", "date")] == ["wrong"] * 3
    assert result.accuracy == 0.0


def test_unknown_and_contested_fields_are_missing_not_wrong() -> None:
    result = score(
        sheet({"city": ("contested",)}),
        gold({"city": "Baghdad", "country": "Iraq"}),
    )
    assert outcome(result, "city") == "missing"
    assert outcome(result, "country") == "missing"
    assert next(f.detail for f in result.fields if f.field == "city") == "contested"
    assert result.counts["missing"] == 2
    assert result.accuracy == 0.0


def test_a_value_where_the_gold_says_none_is_spurious() -> None:
    result = score(
        sheet({"injured": Casualties(low=2, best=2, high=2), "district": ("contested",)}),
        gold({"injured": None, "district": None, "weapon": None}),
    )
    assert outcome(result, "injured") == "spurious"
    assert outcome(result, "district") == "spurious"  # contested means the articles gave values
    assert outcome(result, "weapon") == "right"  # unknown is what the gold asks for
    assert result.counts["spurious"] == 2


def test_fields_left_out_of_the_gold_are_unscored_and_not_in_the_accuracy() -> None:
    result = score(sheet({"city": "Baghdad", "weapon": "drone"}), gold({"city": "Baghdad"}))
    assert outcome(result, "weapon") == "unscored"
    assert result.counts["unscored"] == len(FIELDS) - 1
    assert result.scored == 1
    assert result.accuracy == 1.0


def test_an_empty_gold_event_has_no_accuracy() -> None:
    result = score(sheet({"city": "Baghdad"}), gold({}))
    assert result.accuracy is None
    assert "no field scored" in render_score(result)


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        ("Wissam Mohammed al-Saadi", "right"),  # a listed alias
        ("Abu Baqir al-Saadi", "right"),  # a transliteration of the first name
        ("Wissam Mohammed “Abu Bakr” al-Saadi", "right"),  # full name with the kunya in quotes
        ("Hadi al-Saadi", "wrong"),  # a shared surname is another person
        ("Abu Bakr al-Baghdadi", "wrong"),
    ],
)
def test_person_names_match_by_alias_and_transliteration(got: str, expected: str) -> None:
    result = score(
        sheet({"target_person": got}),
        gold({"target_person": ["Abu Bakr al-Saadi", "Wissam Mohammed al-Saadi"]}),
    )
    assert outcome(result, "target_person") == expected


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        ("Kata'ib Hezbollah", "right"),
        ("Hezbollah Brigades", "right"),
        ("Kataib Hizbollah", "right"),
        ("Hezbollah", "wrong"),  # the Lebanese group's name, not an alias
        ("Kataib Sayyid al-Shuhada", "wrong"),
    ],
)
def test_organisation_names_match_by_alias(got: str, expected: str) -> None:
    result = score(sheet({"target_organisation": got}), gold({"target_organisation": "Kataib Hezbollah"}))
    assert outcome(result, "target_organisation") == expected


def test_places_and_attackers_compare_by_canonical_form() -> None:
    result = score(
        sheet({"country": "iraq", "city": "BAGHDAD", "attacker": "US forces", "district": "Mashtel"}),
        gold({"country": "Iraq", "city": "Baghdad", "attacker": "United States", "district": "Mashtal"}),
    )
    assert [outcome(result, f) for f in ("country", "city", "attacker", "district")] == ["right"] * 4
    other = score(
        sheet({"attacker": "Israel", "country": "Syria"}), gold({"attacker": "US", "country": "Iraq"})
    )
    assert outcome(other, "attacker") == "wrong"
    assert outcome(other, "country") == "wrong"


def test_a_wrong_death_toll_is_wrong_and_a_true_but_vaguer_one_is_missing() -> None:
    want = gold({"killed": 3})
    assert outcome(score(sheet({"killed": Casualties(low=2, best=2, high=2)}), want), "killed") == "wrong"
    assert outcome(score(sheet({"killed": Casualties(best=5)}), want), "killed") == "wrong"
    assert outcome(score(sheet({"killed": Casualties(low=3, best=3, high=3)}), want), "killed") == "right"
    at_least_one = score(sheet({"killed": Casualties(low=1, best=1)}), want)
    assert outcome(at_least_one, "killed") == "missing"
    at_least_five = score(sheet({"killed": Casualties(low=5, best=5)}), want)
    assert outcome(at_least_five, "killed") == "wrong"


def test_a_gold_range_accepts_a_figure_inside_it() -> None:
    want = gold({"killed": {"low": 10, "high": 15}})
    assert outcome(score(sheet({"killed": Casualties(low=12, best=12, high=12)}), want), "killed") == "right"
    assert outcome(score(sheet({"killed": Casualties(low=20, best=20, high=20)}), want), "killed") == "wrong"


def test_a_coarser_date_and_a_bare_direction_count_as_missing() -> None:
    result = score(
        sheet({"date": "2024-02", "district": "east", "weapon": "missile"}),
        gold({"date": "2024-02-07", "district": "Mashtal", "weapon": "drone"}),
    )
    assert [outcome(result, f) for f in ("date", "district", "weapon")] == ["missing"] * 3


def test_times_compare_exactly() -> None:
    result = score(
        sheet({"utc_time": "18:30", "local_time": "18:30"}),
        gold({"utc_time": "18:30", "local_time": "21:30"}),
    )
    assert outcome(result, "utc_time") == "right"
    assert outcome(result, "local_time") == "wrong"


def test_claims_recall_needs_the_speaker_and_every_keyword() -> None:
    claims = [
        ClaimGroup(
            statement="There are no indications of collateral damage or civilian casualties",
            speaker="US military",
            speaker_type="military",
            outlets=["BBC"],
        ),
        ClaimGroup(
            statement="two leaders were killed",
            speaker="Kataib Hezbollah",
            speaker_type="group",
            outlets=["NPR"],
        ),
    ]
    result = score(
        sheet(claims=claims),
        gold(
            {},
            claims=[
                {"speaker": ["US military", "CENTCOM"], "keywords": ["civilian casualties"]},
                {"speaker": "Kata'ib Hezbollah", "keywords": [["two leaders", "2 leaders"], "killed"]},
                {"speaker": "Iraqi military", "keywords": ["civilian casualties"]},  # wrong speaker
                {"speaker": "US military", "keywords": ["civilian casualties", "Jordan"]},  # missing keyword
            ],
        ),
    )
    assert [c.found for c in result.claims] == [True, True, False, False]
    assert result.claims_recall == 0.5
    text = render_score(result)
    assert "claims recall 2/4 = 50.0%" in text
    assert "missed: Iraqi military: civilian casualties" in text


def test_copy_groups_are_compared_as_pairs_by_id_or_file_name() -> None:
    sources = [
        Source(id="a", path="in/a.txt", outlet="A", extractor="fake", copy_group="a"),
        Source(id="b", path="in/b.txt", outlet="B", extractor="fake", copy_group="a"),
        Source(id="c", path="in/c.txt", outlet="C", extractor="fake", copy_group="a"),
        Source(id="d", path="in/d.txt", outlet="D", extractor="fake"),
    ]
    result = score(sheet(sources=sources), gold({}, copies=[["a", "b.txt"], ["d", "zzz"]]))
    copies = result.copies
    assert copies is not None
    assert (copies.expected_pairs, copies.found_pairs, copies.agreed_pairs) == (1, 3, 1)
    assert copies.agreement == pytest.approx(1 / 3)
    assert copies.extra == [["a", "c"], ["b", "c"]]
    assert copies.unmatched == ["zzz"]
    assert "gold ids not among the sheet's sources: zzz" in render_score(result)


def test_render_score_prints_one_row_per_field_and_the_accuracy_line() -> None:
    result = score(
        sheet({"city": "Mosul", "killed": Casualties(low=3, best=3, high=3)}),
        gold({"city": "Baghdad", "killed": 3, "target_person": ["Abu Bakr al-Saadi", "Abu Baqir al-Saadi"]}),
    )
    text = render_score(result)
    lines = text.splitlines()
    city = next(line for line in lines if line.startswith("City"))
    assert city.split() == ["City", "Baghdad", "Mosul", "wrong"]
    assert any(
        line.startswith("Target (person)") and "(+1 alias)" in line and "missing" in line for line in lines
    )
    assert "accuracy 1/3 = 33.3% (right 1, wrong 1, missing 1, spurious 0; unscored 9)" in text


def write(tmp_path: Path, data: Any, name: str = "gold.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("event", "where", "says"),
    [
        ({"killed": -1}, "event.killed", "cannot be negative"),
        ({"killed": {"low": 5, "high": 2}}, "event.killed", "low <= best <= high"),
        ({"kiled": 3}, "event", "unknown field(s) kiled"),
        ({"date": "7 Feb 2024"}, "event.date", "YYYY-MM-DD"),
        ({"date": "2024-02-30"}, "event.date", "YYYY-MM-DD"),
        ({"local_time": "9:30 pm"}, "event.local_time", "HH:MM"),
        ({"city": 5}, "event.city", "a name or a non-empty list"),
        ({"city": []}, "event.city", "a name or a non-empty list"),
    ],
)
def test_an_invalid_gold_file_names_the_file_and_the_field(
    tmp_path: Path, event: dict[str, Any], where: str, says: str
) -> None:
    path = write(tmp_path, {"schema_version": "1", "event": event})
    with pytest.raises(InputError) as caught:
        load_gold(path)
    assert caught.value.path == str(path)
    assert str(path) in str(caught.value)
    assert f"{where}: " in caught.value.problem
    assert says in caught.value.problem


def test_gold_file_errors_outside_the_event_are_named_too(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not JSON"):
        load_gold(write(tmp_path, "{not json"))
    with pytest.raises(InputError, match=r"schema_version: .*not supported"):
        load_gold(write(tmp_path, {"schema_version": "2", "event": {}}))
    with pytest.raises(InputError, match=r"copies: copy group \['a'\] must list at least two"):
        load_gold(write(tmp_path, {"schema_version": "1", "event": {}, "copies": [["a"]]}))
    with pytest.raises(InputError, match=r"claims\.0\.keywords: "):
        load_gold(
            write(
                tmp_path, {"schema_version": "1", "event": {}, "claims": [{"speaker": "X", "keywords": []}]}
            )
        )
    with pytest.raises(InputError, match="No such file"):
        load_gold(tmp_path / "absent.json")


def test_score_files_names_an_unusable_event_file(tmp_path: Path) -> None:
    bad_sheet = write(tmp_path, {"schema_version": "1"}, name="event.json")
    with pytest.raises(InputError) as caught:
        score_files(bad_sheet, SEEDS_GOLD)
    assert caught.value.path == str(bad_sheet)
    good_sheet = write(tmp_path, sheet({"city": "Baghdad"}).model_dump_json(), name="ok.json")
    assert score_files(good_sheet, SEEDS_GOLD).counts["right"] == 2  # city, and injured unknown


def test_the_seeds_gold_file_is_valid_and_scores_every_field() -> None:
    seeds = load_gold(SEEDS_GOLD)
    assert seeds.event.scored_fields() == list(FIELDS)
    assert seeds.event.injured is None


@pytest.fixture(scope="module")
def seeds_sheet() -> FactSheet:
    from factsheet import pipeline

    return pipeline.make([ROOT / "seeds"], extractor="offline")


def test_offline_extractor_keeps_its_accuracy_on_the_seeds(seeds_sheet: FactSheet) -> None:
    result = score(seeds_sheet, load_gold(SEEDS_GOLD))
    table = render_score(result)
    assert result.accuracy is not None and result.accuracy >= SEEDS_ACCURACY - MARGIN, table
    assert result.counts["wrong"] == 0 and result.counts["spurious"] == 0, table
    assert result.claims_recall is not None and result.claims_recall >= SEEDS_CLAIMS_RECALL - MARGIN, table
    assert result.copies is not None and result.copies.agreement == 1.0, table


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        ("People's Protection Units", "right"),  # the group the gold's initials stand for
        ("Syrian Democratic Forces", "wrong"),  # its umbrella: a different name
    ],
)
def test_a_groups_initials_in_the_gold_accept_its_full_name(got: str, expected: str) -> None:
    result = score(sheet({"target_organisation": got}), gold({"target_organisation": "YPG"}))
    assert outcome(result, "target_organisation") == expected
