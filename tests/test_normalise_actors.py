"""Attackers: a state's forces fold to the state; descriptions of others do not."""

from __future__ import annotations

import pytest

from factsheet.normalise.actors import canonical_actor, country_actor


@pytest.mark.parametrize(
    "text",
    [
        "US forces",
        "the United States",
        "US military",
        "American drone",
        "U.S.",
        "a US drone",
        "the U.S. military",
        "a CIA drone",  # its agencies act for the state
        "the Central Intelligence Agency",
        "U.S. Africa Command",
        "the Trump administration",
    ],
)
def test_united_states_forms(text: str) -> None:
    assert canonical_actor(text) == "United States"


def test_other_states() -> None:
    assert canonical_actor("the Israeli army") == "Israel"
    assert canonical_actor("Turkish warplanes") == "Turkey"


@pytest.mark.parametrize(
    "text",
    [
        "Iranian-backed militia",
        "pro-Iran militants",
        "Kataib Hezbollah",
        "unknown gunmen",
        "CIA-backed rebels",
    ],
)
def test_non_state_actors_keep_their_words(text: str) -> None:
    assert country_actor(text) is None


def test_two_countries_is_not_one_actor() -> None:
    assert country_actor("US and British forces") is None


def test_a_states_services_and_what_its_enemies_call_its_forces_fold_to_it() -> None:
    assert canonical_actor("the Security Service of Ukraine (SBU)") == "Ukraine"
    assert canonical_actor("the Armed Forces of Ukraine") == "Ukraine"
    assert canonical_actor("the Russian occupiers") == "Russia"
    assert country_actor("Syrian Observatory for Human Rights") is None


def test_a_coalition_led_by_two_states_folds_to_the_one_named_first() -> None:
    for text in ("the Saudi and Emirati-led coalition", "Saudi-UAE-led coalition", "Saudi-led coalition"):
        assert canonical_actor(text) == "Saudi Arabia", text
    assert country_actor("US and Israel") is None, "two states acting, not one coalition leader"


def test_states_listed_together_are_read_past_a_backer_word() -> None:
    from factsheet.normalise.actors import listed_states

    assert listed_states("Iran-backed Syrian and Russian jets") == {"Syria", "Russia"}
    assert listed_states("US, UK and French strikes") == {"United States", "United Kingdom", "France"}
    assert listed_states("US-backed Kurdish forces") == set()
