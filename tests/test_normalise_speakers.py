"""Speakers reduced to the institution behind them, so claims group across outlets."""

from __future__ import annotations

import pytest

from factsheet.normalise.speakers import canonical_speaker


@pytest.mark.parametrize(
    ("speaker", "speaker_type"),
    [
        ("CENTCOM", "military"),
        ("Centcom", "military"),
        ("US Central Command", "military"),
        ("US Central Command (CENTCOM)", "military"),
        ("Central Command", "military"),
        ("AFRICOM", "military"),
        ("the Pentagon", "military"),
        ("the U.S. military", "military"),
        ("US Armed Forces", "military"),
        ("American forces", "other"),
        ("the Defense Department", "government"),
    ],
)
def test_us_military_speakers(speaker: str, speaker_type: str) -> None:
    assert canonical_speaker(speaker, speaker_type) == "US military"


@pytest.mark.parametrize(
    ("speaker", "speaker_type"),
    [
        ("Two security sources who spoke to Reuters on condition of anonymity", "anonymous_official"),
        ("two officials who spoke on the condition of anonymity", "other"),
        ("officials who were not authorized to speak publicly", "government"),
        ("American officials interviewed by The New York Times", "anonymous_official"),
        ("a source close to the group", "other"),
    ],
)
def test_anonymous_sources(speaker: str, speaker_type: str) -> None:
    assert canonical_speaker(speaker, speaker_type) == "anonymous sources"


@pytest.mark.parametrize(
    ("speaker", "speaker_type", "expected"),
    [
        ("The Iraqi military command", "military", "Iraqi military"),
        ("Iraq's Joint Operations Command", "military", "Iraqi military"),
        ("the Israeli army", "military", "Israeli military"),
        ("the IDF", "military", "Israeli military"),
        ("US officials", "government", "US government"),
        ("the White House", "government", "US government"),
        ("Iraq's interior ministry", "government", "Iraqi government"),
        ("Syrian state media", "government", "Syrian government"),
    ],
)
def test_state_speakers(speaker: str, speaker_type: str, expected: str) -> None:
    assert canonical_speaker(speaker, speaker_type) == expected


@pytest.mark.parametrize(
    "speaker",
    [
        "a channel affiliated with Kataib Hezbollah on the Telegram messaging platform",
        "Kataib Hezbollah's Telegram channel",
        "a statement by Kataib Hezbollah",
        "Kataib Hezbollah",
    ],
)
def test_a_groups_channels_speak_for_the_group(speaker: str) -> None:
    assert canonical_speaker(speaker, "group") == "Kataib Hezbollah"


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [("the AP", "Associated Press"), ("the Associated Press", "Associated Press"), ("AFP", "AFP")],
)
def test_news_agencies(speaker: str, expected: str) -> None:
    assert canonical_speaker(speaker, "news_agency") == expected


@pytest.mark.parametrize(
    "speaker", ["Officials", "Officials in the area", "a security official", "local officials"]
)
def test_officials_without_name_or_institution(speaker: str) -> None:
    assert canonical_speaker(speaker, "other") == "unnamed officials"


def test_witnesses_and_unknown_speakers() -> None:
    assert canonical_speaker("one onlooker", "witness") == "witnesses"
    assert canonical_speaker("residents of the area", "other") == "witnesses"
    assert canonical_speaker("President Joe Biden", "government") == "President Joe Biden"
