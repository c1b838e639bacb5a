"""Sentence splitting: every quote the offline extractor gives must be a verbatim slice of the article."""

from __future__ import annotations

import pytest

from factsheet.extractors.offline.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_slice_the_original_text() -> None:
    text = "Headline here\n\nA U.S. drone hit a car. Three died.\n\nOfficials said so."
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A U.S. drone strike hit Baghdad on Feb. 7 at 9 p.m. local time. Three people died.",
            ["A U.S. drone strike hit Baghdad on Feb. 7 at 9 p.m. local time.", "Three people died."],
        ),
        (
            "Lt. Col. Nadav Shoshani said the strike hit Hamas. Gen. Ali spoke later.",
            ["Lt. Col. Nadav Shoshani said the strike hit Hamas.", "Gen. Ali spoke later."],
        ),
        (
            "The strike was carried out by the U.S. Central Command said it was investigating.",
            ["The strike was carried out by the U.S. Central Command said it was investigating."],
        ),
        (
            "Troops left the U.S. The next day a missile hit.",
            ["Troops left the U.S.", "The next day a missile hit."],
        ),
        (
            '"We heard the blast," said a resident. "Then the roof fell."',
            ['"We heard the blast," said a resident.', '"Then the roof fell."'],
        ),
        (
            "“There are no indications of civilian casualties,” the statement said. Mr. Smith agreed.",
            ["“There are no indications of civilian casualties,” the statement said.", "Mr. Smith agreed."],
        ),
    ],
)
def test_abbreviations_and_quotes_do_not_break_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_hard_wrapped_lines_join_into_one_sentence() -> None:
    text = (
        "An Israeli air strike on a house in the southern Gaza Strip city of Rafah\n"
        "killed at least 13 people overnight, health officials said.\n"
    )
    assert texts(text) == [text.strip()]


def test_headline_lines_before_the_body_are_titles() -> None:
    text = (
        "Russian missile strike on Odesa kills 21\n\n"
        "A Russian missile attack on the port city of Odesa killed 21 people on Friday, officials said.\n\n"
        "Rescue work continued overnight."
    )
    sentences = split_sentences(text)
    assert sentences[0].is_title
    assert not any(s.is_title for s in sentences[1:])


def test_photo_captions_and_credit_lines_are_flagged() -> None:
    text = (
        "Strike kills three\n\n"
        "People gather around a vehicle hit by a drone strike in Baghdad on Wednesday.\n\n"
        "Murtaja Lateef/AFP via Getty Images\n\n"
        "Iraqis gather at the site. (AP Photo/Hadi Mizban)\n\n"
        "BEIRUT, June 12 (Reuters) - An Israeli strike killed a commander late on Tuesday, sources said."
    )
    by_text = {s.text: s for s in split_sentences(text)}
    assert by_text["People gather around a vehicle hit by a drone strike in Baghdad on Wednesday."].is_caption
    assert by_text["Iraqis gather at the site."].is_caption
    # A wire dateline's '(Reuters)' is not a photo credit.
    assert not by_text[
        "BEIRUT, June 12 (Reuters) - An Israeli strike killed a commander late on Tuesday, sources said."
    ].is_caption


def test_a_weekday_after_a_place_is_no_part_of_its_name() -> None:
    from factsheet.extractors.offline.names import name_runs

    text = "A drone crashed into a building in the northern town of Caesarea Saturday morning."
    assert [s.text for s in name_runs(text)] == ["A", "Caesarea"]
    assert [s.text for s in name_runs("Friday Hezbollah said it fired at Metula.")] == ["Hezbollah", "Metula"]
