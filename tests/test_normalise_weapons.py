"""Weapon phrases to classes; related classes do not contradict each other."""

from __future__ import annotations

import pytest

from factsheet.normalise.weapons import canonical_weapon, compatible_weapons


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("drone strike", "drone"),
        ("a US drone", "drone"),
        ("unmanned aerial vehicle", "drone"),
        ("MQ-9 Reaper", "drone"),
        ("Hellfire missiles fired from a drone", "drone"),
        ("air strike", "airstrike"),
        ("American warplanes", "airstrike"),
        ("a missile", "missile"),
        ("Katyusha rockets", "rocket"),
        ("roadside bomb", "explosive device"),
        ("an attack", None),
    ],
)
def test_canonical_weapon(text: str, weapon: str | None) -> None:
    assert canonical_weapon(text) == weapon


def test_compatible_weapons() -> None:
    assert compatible_weapons("drone", "missile")
    assert compatible_weapons("drone", "airstrike")
    assert compatible_weapons("drone", None)
    assert not compatible_weapons("drone", "explosive device")
    assert not compatible_weapons("gunfire", "airstrike")


def test_a_chemical_attack_is_named_by_its_agent() -> None:
    from factsheet.normalise.weapons import canonical_weapon, compatible_weapons

    assert canonical_weapon("a suspected sarin gas attack") == "chemical"
    assert canonical_weapon("chemical weapons attack") == "chemical"
    assert compatible_weapons("chemical", "airstrike"), "aircraft dropped it: not a contradiction"


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("Kh-101 cruise missile", "missile"),
        ("an X-22", "missile"),
        ("Kinzhal hypersonic missiles", "missile"),
        ("a GBU-43/B", "explosive device"),
        ("the mother of all bombs, a MOAB", "explosive device"),
        ("guided aerial bombs", "explosive device"),
        ("FAB-500 glide bombs", "explosive device"),
        ("an X-ray of the wounded", None),
    ],
)
def test_weapons_by_model_name(text: str, weapon: str | None) -> None:
    assert canonical_weapon(text) == weapon
