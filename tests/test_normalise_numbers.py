"""Casualty phrases to low / best / high, as a reader of strike reports would count them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factsheet.normalise.numbers import compatible_counts, describe_count, parse_count, parse_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("three", 3),
        ("twenty-one", 21),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("2,500", 2500),
        ("27,707 people have been killed", 27707),
        ("one", 1),
        ("two of his bodyguards", 2),
        ("one hundred and five", 105),
        ("no number here", None),
    ],
)
def test_parse_number(text: str, number: int | None) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three", (3, 3, 3, None)),
        ("All three individuals perished", (3, 3, 3, None)),
        ("all three of them died", (3, 3, 3, None)),
        ("at least one", (1, 1, None, "at least")),
        ("at least 1", (1, 1, None, "at least")),
        ("killed at least one leader of an Iran-backed militia", (1, 1, None, "at least")),
        ("no fewer than 12", (12, 12, None, "at least")),
        ("more than 10", (11, 11, None, "more than")),
        ("up to 5", (None, 5, 5, "up to")),
        ("as many as five people", (None, 5, 5, "up to")),
        ("fewer than 10", (None, None, 9, "fewer than")),
        ("about 20", (None, 20, None, "about")),
        ("around 20", (None, 20, None, "about")),
        ("some 20 fighters", (None, 20, None, "about")),
        ("dozens", (24, None, None, "dozens")),
        ("several people", (3, None, None, "several")),
        ("10 to 15", (10, None, 15, "between")),
        ("between 10 and 15", (10, None, 15, "between")),
        ("two or three", (2, None, 3, "between")),
        ("no casualties", (0, 0, 0, None)),
        ("no one was killed", (0, 0, 0, None)),
        ("nobody was hurt", (0, 0, 0, None)),
    ],
)
def test_parse_count_hedges(
    text: str, expected: tuple[int | None, int | None, int | None, str | None]
) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the commander and two of his bodyguards", (3, 3, 3, None)),
        ("The head of Kataib Hezbollah and two of his bodyguards were in a vehicle", (3, 3, 3, None)),
        ("Abu Bakr al-Saadi, a senior commander, and two bodyguards", (3, 3, 3, None)),
        ("the commander, his driver and a bodyguard", (3, 3, 3, None)),
        ("Saleh al-Arouri and six other people", (7, 7, 7, None)),
        # An apposition names the same person twice.
        ("the senior commander, Fuad Shukr, and two children", (3, 3, 3, None)),
        ("a woman and her two children", (3, 3, 3, None)),
        # A plural without a number is at least two: the sum becomes a floor.
        ("the commander and his bodyguards", (3, 3, None, "at least")),
    ],
)
def test_enumerated_people_are_counted(
    text: str, expected: tuple[int | None, int | None, int | None, str | None]
) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A subset clause does not change the total.
        ("killing three people, including two leaders", (3, 3, 3, None)),
        # 'one of the three' counts the three.
        ("one of the three men killed was the commander", (3, 3, 3, None)),
        ("Three people were in the car that was attacked and died", (3, 3, 3, None)),
        ("three members of the Kataib Hezbollah militia", (3, 3, 3, None)),
        ("killing at least 34 people and wounding 50", (34, 34, None, "at least")),
        ("4 killed, 10 wounded", (4, 4, 4, None)),
        # One named victim is not a total.
        ("killing a Kata'ib Hezbollah commander", (1, 1, None, "at least")),
    ],
)
def test_strike_report_sentences(
    text: str, expected: tuple[int | None, int | None, int | None, str | None]
) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "There are no indications of collateral damage or civilian casualties", "the passengers", "many"],
)
def test_phrases_without_a_count(text: str) -> None:
    assert parse_count(text) is None


def test_compatible_counts_ranges() -> None:
    assert compatible_counts((1, 1, None), (3, 3, 3))  # 'at least one' and 'three'
    assert not compatible_counts((1, 1, 1), (3, 3, 3))
    assert compatible_counts((None, 5, 5), (3, 3, 3))  # 'up to five'
    assert not compatible_counts((None, 5, 5), (7, 7, 7))
    assert compatible_counts((None, 20, None), (18, 18, 18))  # 'about 20'
    assert not compatible_counts((None, 20, None), (3, 3, 3))
    assert compatible_counts((24, None, None), (30, 30, 30))  # 'dozens'
    assert compatible_counts((None, None, None), (3, 3, 3))  # says nothing


def test_describe_count() -> None:
    assert describe_count(3, 3, 3) == "3"
    assert describe_count(1, 1, None) == "at least 1"
    assert describe_count(10, None, 15) == "10-15"
    assert describe_count(None, 20, None, "about") == "about 20"
    assert describe_count(24, None, None) == "24+"
    assert describe_count(None, None, None) is None


_bound = st.one_of(st.none(), st.integers(0, 50))


@given(st.tuples(_bound, _bound, _bound), st.tuples(_bound, _bound, _bound))
def test_compatible_counts_is_symmetric(a: tuple[int | None, ...], b: tuple[int | None, ...]) -> None:
    assert compatible_counts(a, b) == compatible_counts(b, a)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Fazlullah and two other insurgents", 3),
        ("Haidar and two others", 3),
        ("Al Sammad was killed along with six of his associates", 7),
        ("along with three other jihadists", 4),
        ("Abu Wahib, the “military emir” of Anbar, and three other Islamic State members", 4),
        ("two others", 2),
        ("One hundred and five civilians", 105),
    ],
)
def test_whoever_other_sets_apart_is_one_more(text: str, count: int) -> None:
    parsed = parse_count(text)
    assert parsed is not None and parsed[1] == count


def test_an_age_never_counts_the_dead() -> None:
    assert parse_count("a seven-year-old child")[:2] == (1, 1)
    assert parse_count("two 10-year-old boys")[:3] == (2, 2, 2)
    assert parse_count("a 79-year-old man")[:2] == (1, 1)
