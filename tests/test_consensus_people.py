"""Several people under several names: each resolved across outlets, each fate voted alone."""

from __future__ import annotations

from factsheet.models import Extraction
from factsheet.pipeline import merge
from tests.builders import article, extraction


def report(outlet: str, text: str, people: list[dict]) -> Extraction:
    return extraction(article(f"{outlet} report.\n\n{text}", outlet), {"people": people})


def person(name: str, quote: str, **fields: object) -> dict:
    return {"name": name, "quote": quote, **fields}


TWO_COMMANDERS = "The drone killed commander Hassan Nouri and his deputy Jalal Amiri as they drove north."


def test_two_commanders_killed_together_are_two_people_not_a_contest() -> None:
    named = [
        person("Hassan Nouri", "Hassan Nouri", fate="killed", targeted=True, role="commander"),
        person("Jalal Amiri", "Jalal Amiri", fate="killed", role="deputy"),
    ]
    sheet = merge([report("Alpha Daily", TWO_COMMANDERS, named), report("Bravo Post", TWO_COMMANDERS, named)])
    assert [(p.name, p.fate.value, p.fate.status) for p in sheet.people] == [
        ("Hassan Nouri", "killed", "agreed"),
        ("Jalal Amiri", "killed", "agreed"),
    ]
    assert sheet.event.target_person.value == "Hassan Nouri"
    assert sheet.people[0].principal and not sheet.people[1].principal
    assert sheet.event.killed.value is not None and sheet.event.killed.value.low == 2


def test_one_man_under_two_full_names_tied_by_a_kunya_is_one_person() -> None:
    military = "The army named the dead man as Wissam Karim Taha, known as Abu Hassan."
    group = "The group mourned its commander Ali Mahdi al-Taie (Abu Hassan)."
    plain = "Abu Hassan was killed instantly, witnesses said."
    sheet = merge(
        [
            report(
                "Alpha Daily",
                military,
                [person("Wissam Karim Taha", "Wissam Karim Taha", aliases=["Abu Hassan"], fate="killed")],
            ),
            report(
                "Bravo Post",
                group,
                [person("Ali Mahdi al-Taie", "Ali Mahdi al-Taie", aliases=["Abu Hassan"], fate="killed")],
            ),
            report("Charlie Wire", plain, [person("Abu Hassan", "Abu Hassan", fate="killed")]),
        ]
    )
    assert len(sheet.people) == 1
    man = sheet.people[0]
    assert {"Wissam Karim Taha", "Ali Mahdi al-Taie", "Abu Hassan"} <= set(man.spellings)
    assert "Abu Hassan" in man.aliases
    assert man.fate.value == "killed" and len(man.support) == 3


def test_a_shared_surname_does_not_merge_two_brothers() -> None:
    text = "Brothers Omar al-Rawi and Khaled al-Rawi were killed; al-Rawi family members said."
    sheet = merge(
        [
            report(
                "Alpha Daily",
                text,
                [
                    person("Omar al-Rawi", "Omar al-Rawi", fate="killed"),
                    person("Khaled al-Rawi", "Khaled al-Rawi", fate="killed"),
                ],
            ),
            report("Bravo Post", text, [person("al-Rawi", "al-Rawi", fate="killed")]),
        ]
    )
    names = sorted(p.name for p in sheet.people)
    assert "Omar al-Rawi" in names and "Khaled al-Rawi" in names
    assert len(names) == 3, "a surname that fits two people stays apart rather than joining one at random"


def test_spelling_variants_and_a_longer_name_join_one_person() -> None:
    sheet = merge(
        [
            report(
                "Alpha Daily", "Samir Qantar died.", [person("Samir Qantar", "Samir Qantar", fate="killed")]
            ),
            report(
                "Bravo Post", "Samir Kuntar died.", [person("Samir Kuntar", "Samir Kuntar", fate="killed")]
            ),
            report(
                "Charlie Wire",
                "General Mohammad Ali Allahdadi died.",
                [person("Mohammad Ali Allahdadi", "Mohammad Ali Allahdadi", fate="killed")],
            ),
            report(
                "Delta Times",
                "Mohammad Allahdadi died.",
                [person("Mohammad Allahdadi", "Mohammad Allahdadi", fate="killed")],
            ),
        ]
    )
    assert sorted(len(p.support) for p in sheet.people) == [2, 2]


def test_a_group_saying_its_commander_survived_is_a_conflict_on_that_person() -> None:
    dead = "His body was recovered from the car, police said of Tariq Mansour."
    alive = "The group said its leader Tariq Mansour survived and is safe."
    sheet = merge(
        [
            report("Alpha Daily", dead, [person("Tariq Mansour", "Tariq Mansour", fate="killed")]),
            report("Bravo Post", dead, [person("Tariq Mansour", "Tariq Mansour", fate="killed")]),
            report("Charlie Wire", alive, [person("Tariq Mansour", "Tariq Mansour", fate="survived")]),
        ]
    )
    fate = sheet.people[0].fate
    assert (fate.value, fate.status) == ("killed", "majority")
    conflicts = [d for d in sheet.disagreements if d.field == "people[Tariq Mansour].fate"]
    assert [d.kind for d in conflicts] == ["conflict"]
    assert {str(v.value) for v in conflicts[0].values} == {"killed", "survived"}


def test_old_extractions_with_only_target_person_still_give_people() -> None:
    sentence = "The strike targeted commander Nabil Harb."
    sheet = merge(
        [
            extraction(
                article(f"Alpha Daily report.\n\n{sentence}", "Alpha Daily"),
                {"target_person": ["Nabil Harb", sentence, "commander", None]},
            )
        ]
    )
    assert [p.name for p in sheet.people] == ["Nabil Harb"]
    assert sheet.event.target_person.value == "Nabil Harb"
    assert sheet.people[0].fate.status == "unknown"
