"""Reports in Arabic, Russian and Ukrainian: read, verified and merged with English ones.

The sentences are written for these tests; none is copied from a report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.ingest.language import detect_language
from factsheet.normalise.entities import same_entity
from factsheet.normalise.numbers import mentioned_numbers
from factsheet.normalise.places import canonical_city, canonical_country
from factsheet.pipeline import make
from factsheet.prompts import load_prompts
from factsheet.verify import locate
from tests.builders import article

ARABIC = (
    "قالت مصادر أمنية إن غارة بطائرة مسيّرة أمريكية استهدفت سيارة في حي المشتل شرقي بغداد مساء الأربعاء، "
    "ما أسفر عن مقتل ٣ أشخاص بينهم القيادي أبو باقر الساعدي."
)
UKRAINIAN = (
    "Російська ракета влучила в житловий будинок у Кривому Розі, загинули троє людей, ще дев'ять поранені."
)
RUSSIAN = "Российская ракета попала в жилой дом в Сумах, погибли двое, ранены пять человек."


@pytest.mark.parametrize(("text", "code"), [(ARABIC, "ar"), (UKRAINIAN, "uk"), (RUSSIAN, "ru")])
def test_each_article_language_is_detected(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_a_model_quote_in_arabic_is_found_whatever_the_diacritics_and_digits() -> None:
    found = locate("غارة بطائرة مسيرة امريكية", ARABIC)  # no shadda, bare alef: as a model writes it
    assert found.match == "normalised"
    assert ARABIC[found.start : found.end] == "غارة بطائرة مسيّرة أمريكية"
    assert locate("مقتل 3 أشخاص", ARABIC).match == "normalised"


def test_numbers_in_other_scripts_are_numbers() -> None:
    assert mentioned_numbers("ما أسفر عن مقتل ٣ أشخاص") == {3}
    assert mentioned_numbers("مقتل ثلاثة أشخاص") == {3}
    assert mentioned_numbers(UKRAINIAN) == {3, 9}
    assert mentioned_numbers("50 per cent of the six people") == {50, 6}, "English stays English"


@pytest.mark.parametrize(
    ("local", "english"),
    [
        ("أبو باقر الساعدي", "Abu Baqir al-Saadi"),
        ("كتائب حزب الله", "Kataib Hezbollah"),
        ("حسن نصر الله", "Hassan Nasrallah"),
        ("Кривий Ріг", "Kryvyi Rih"),
    ],
)
def test_names_in_arabic_and_cyrillic_match_their_english_spelling(local: str, english: str) -> None:
    assert same_entity(local, english)


def test_places_in_other_scripts_resolve_through_the_gazetteer() -> None:
    assert canonical_city("بغداد") == "Baghdad"
    assert canonical_city("Кривий Ріг") == canonical_city("Kryvyi Rih")
    assert canonical_country("العراق") == "Iraq"
    assert canonical_country("Україна") == "Ukraine"


def test_the_model_is_told_the_language_and_english_requests_are_unchanged() -> None:
    prompts = load_prompts()
    english = article("A drone strike hit a car in Baghdad.", "Wire")
    assert prompts.user_message(english).endswith(
        "Answer with one JSON object for the main strike in this article."
    )
    arabic = article(ARABIC, "Daily").model_copy(update={"language": "ar"})
    message = prompts.user_message(arabic)
    assert "The article is in Arabic" in message
    assert "in Arabic, character for character" in message


def test_the_offline_extractor_says_it_cannot_read_arabic_and_fills_nothing(tmp_path: Path) -> None:
    (tmp_path / "ar.txt").write_text(ARABIC + "\n\n" + ARABIC, encoding="utf-8")
    sheet = make([tmp_path], extractor="offline")
    (source,) = sheet.sources
    assert source.language == "ar"
    assert any("offline extractor reads English only" in w for w in source.warnings)
    assert all(f["value"] is None for f in sheet.event.model_dump().values())
