"""Same person or group across transliterations, and never across different ones."""

from __future__ import annotations

import itertools

import pytest

from factsheet.normalise.entities import clean_name, fold, name_variants, pick_display, same_entity

SAADI_SPELLINGS = [
    "Abu Bakr al-Saadi",
    "Abu Baqir al-Saadi",
    "Abu Baqer al-Saedi",
    "Abu Baqr al-Saidi",
    "Wissam Mohammed \u201cAbu Bakr\u201d al-Saadi",
    'Wissam Mohammed "Abu Bakr" al-Saadi',
]
KH_SPELLINGS = [
    "Kataib Hezbollah",
    "Kata'ib Hezbollah",
    "Kata\u2019ib Hezbollah",
    "Kataeb Hezbollah",
    "Hezbollah Brigades",
    "Kataib Hizballah",
    "Kataib Hizbollah",
    "the Kataib Hezbollah militia",
    "Kataib Hizb Allah",
]


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(SAADI_SPELLINGS, 2)))
def test_transliterations_of_one_commander_match(a: str, b: str) -> None:
    assert same_entity(a, b)
    assert same_entity(b, a)


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(KH_SPELLINGS, 2)))
def test_spellings_and_translation_of_one_group_match(a: str, b: str) -> None:
    assert same_entity(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Abu Mahdi al-Muhandis", "Jamal Jaafar al-Ibrahimi (Abu Mahdi al-Mohandes)"),
        ("Qassem Soleimani", "Maj. Gen. Qasem Suleimani"),
        ("Muhammad Ali", "Mohamed Aly"),
        ("Hadi al-Amiri", "Hadi al-Ameri"),
        ("Harakat al-Nujaba", "Harakat al Nujaba"),
        ("Asaib Ahl al-Haq", "Asa'ib Ahl al-Haq"),
        ("Abd al-Mahdi", "Abdul Mahdi"),
    ],
)
def test_other_common_variants_match(a: str, b: str) -> None:
    assert same_entity(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Abu Bakr al-Saadi", "Hadi al-Saadi"),  # shared nisba, different people
        ("Abu Bakr al-Saadi", "Abu Bakr al-Baghdadi"),  # shared kunya, different people
        ("Kataib Hezbollah", "Kataib Sayyid al-Shuhada"),  # shared type word, different groups
        ("Hezbollah", "Harakat al-Nujaba"),
        ("Kataib Hezbollah", "Asaib Ahl al-Haq"),
        ("Lebanese Hezbollah", "Kataib Hezbollah"),
        ("Qassem Soleimani", "Qais al-Khazali"),
        ("Hadi", "Huda"),
        ("Popular Mobilization Forces", "Syrian Democratic Forces"),
        ("Islamic Resistance in Iraq", "Harakat al-Nujaba"),
    ],
)
def test_different_people_and_groups_stay_apart(a: str, b: str) -> None:
    assert not same_entity(a, b, allow_short_form=True)
    assert not same_entity(b, a, allow_short_form=True)


def test_short_forms_only_when_allowed() -> None:
    assert not same_entity("Hezbollah", "Kataib Hezbollah")
    assert same_entity("Hezbollah", "Kataib Hezbollah", allow_short_form=True)
    assert not same_entity("al-Saadi", "Abu Bakr al-Saadi")
    assert same_entity("al-Saadi", "Abu Bakr al-Saadi", allow_short_form=True)
    assert same_entity("Islamic Resistance", "Islamic Resistance in Iraq", allow_short_form=True)


def test_a_bare_type_word_is_never_a_short_form() -> None:
    assert not same_entity("Brigades", "Kataib Hezbollah", allow_short_form=True)
    assert not same_entity("Abu", "Abu Bakr al-Saadi", allow_short_form=True)


def test_full_name_contains_its_quoted_kunya() -> None:
    full = "Wissam Mohammed \u201cAbu Bakr\u201d al-Saadi"
    assert "Abu Bakr" in name_variants(full)
    assert same_entity("Abu Bakr", full)
    assert same_entity("Abu Baqir al-Saadi", full)
    assert same_entity("Wissam Mohammed al-Saadi", full)


def test_apostrophes_inside_words_are_not_quote_marks() -> None:
    assert name_variants("Kata'ib Hezbollah") == ["Kata'ib Hezbollah"]


def test_fold_is_a_key_shared_by_spellings() -> None:
    assert fold("Abu Bakr al-Saadi") == fold("Abu Baqir al-Saedi")
    assert fold("Kataib Hezbollah") == fold("Hezbollah Brigades") == fold("Kataeb Hizballah")
    assert fold("Abu Bakr al-Saadi") != fold("Hadi al-Saadi")
    assert fold("Kataib Hezbollah") != fold("Kataib Sayyid al-Shuhada")


def test_pick_display_prefers_the_most_complete_then_most_used_spelling() -> None:
    equally_complete = SAADI_SPELLINGS[:4]
    assert (
        pick_display(equally_complete)
        == pick_display(list(reversed(equally_complete)))
        == "Abu Bakr al-Saadi"
    )
    people = [
        "Abu Baqir al-Saadi",
        "Abu Baqir al-Saadi",
        "Abu Bakr al-Saadi",
        "Wissam Mohammed “Abu Bakr” al-Saadi",
    ]
    assert pick_display(people) == "Wissam Mohammed “Abu Bakr” al-Saadi"
    groups = [
        "Kataib Hezbollah",
        "Kata'ib Hezbollah",
        "Kataib Hezbollah",
        "Hezbollah Brigades",
        "Kataib Hizb Allah",
    ]
    assert pick_display(groups) == "Kataib Hezbollah"
    assert pick_display(["Abu Bakr al-Saadi", "Abu Baqir al-Saadi"]) == pick_display(
        ["Abu Baqir al-Saadi", "Abu Bakr al-Saadi"]
    )


def test_clean_name() -> None:
    assert clean_name("  the Kataib Hezbollah militia ") == "Kataib Hezbollah"
    assert clean_name("Iranian-backed militia") == "Iranian-backed militia"
    assert clean_name("Gen. Qassem Soleimani") == "Qassem Soleimani"


def test_a_sun_letter_article_written_apart_is_the_article() -> None:
    assert same_entity("Jisr al-Shughur", "Jisr ash Shughūr")
