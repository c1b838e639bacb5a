"""Groups under their usual names, with generic words folded and umbrellas beside their members."""

from __future__ import annotations

import pytest

from factsheet.normalise import organisations
from factsheet.pipeline import merge
from tests.builders import article, extraction


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Harakat al-Nujaba", "al-Nujaba"),
        ("Harakat al-Nujaba", "Nujaba movement"),
        ("Houthi rebels", "Ansar Allah"),
        ("ISIS", "Islamic State"),
        ("Qaeda", "al-Qaida"),
        ("Saraya al-Quds", "al-Quds Brigades"),
        ("Yemeni Houthi forces", "Houthis"),  # a country word before, a descriptor after
        ("Lebanese Hezbollah", "Hezbollah"),
        ("The Iran-backed Houthi militant group", "Houthis"),
        ("Haqqani", "Haqqani network"),
        ("Huraas al-Din", "Hurras al-Deen"),
        ("the Iranian-backed terrorist Houthi militia", "Houthis"),
        ("Pakistani Taliban fighters", "Tehrik-i-Taliban Pakistan"),
        ("JeM", "Jaish-e-Mohammad"),
        ("Lashkar-e-Tayyiba", "LeT"),
        ("the Houthi military", "Houthis"),  # a group's own armed force is the group
        ("Taliban troops", "Taliban"),
        ("Jabhat Fateh al-Sham", "al-Nusra Front"),  # its name from 2016
        ("Army of Islam", "Jaysh al-Islam"),
        ("KDPI", "PDKI"),  # the Iranian Kurdish party under both orders of its initials
    ],
)
def test_one_group_under_two_names(a: str, b: str) -> None:
    assert organisations.same_organisation(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kataib Hezbollah", "Hezbollah"),  # the bare name is another group
        ("Quds Force", "al-Quds Brigades"),  # both name a type: Iran's force, Islamic Jihad's wing
        ("Pakistani Taliban", "Taliban"),
        ("Pakistani Taliban fighters", "Afghan Taliban"),
        ("Hamas", "Izz ad-Din al-Qassam Brigades"),  # a member, not the same body
    ],
)
def test_different_groups_stay_apart(a: str, b: str) -> None:
    assert not organisations.same_organisation(a, b)


def test_the_usual_name_is_printed() -> None:
    assert organisations.display("Qaeda") == "al-Qaeda"
    assert organisations.display("Houthi movement") == "Houthis"


def target(outlet: str, group: str) -> object:
    sentence = f"The strike hit a base of {group} near the border."
    return extraction(
        article(f"{outlet} report.\n\n{sentence}", outlet), {"target_organisation": [group, sentence]}
    )


def test_an_umbrella_and_its_member_agree_and_the_member_wins() -> None:
    sheet = merge(
        [
            target("Alpha Daily", "the Popular Mobilisation Forces"),
            target("Bravo Post", "Kataib Hezbollah"),
            target("Charlie Wire", "the PMF"),
        ]
    )
    field = sheet.event.target_organisation
    assert (field.value, field.status) == ("Kataib Hezbollah", "agreed")
    assert not [d for d in sheet.disagreements if d.kind == "conflict"]


def test_spellings_of_one_group_fold_under_its_usual_name() -> None:
    sheet = merge([target("Alpha Daily", "al-Qaida"), target("Bravo Post", "Qaeda")])
    assert (sheet.event.target_organisation.value, sheet.event.target_organisation.status) == (
        "al-Qaeda",
        "agreed",
    )
