"""Claims: who says what about the strike, in the attribution shapes wire copy uses."""

from __future__ import annotations

import pytest

from factsheet.extractors.offline import extract_offline
from factsheet.models import Claim
from tests.builders import article


def claims(text: str) -> list[Claim]:
    return extract_offline(article(text, "Wire")).event.claims


def only(text: str) -> Claim:
    # An unattributed lead makes every test text part of a strike report.
    found = claims(f"A drone strike killed two people on Monday.\n\n{text}")
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "speaker", "speaker_type", "statement"),
    [
        (
            "A Russian missile struck Odesa on Friday, killing 21 people, Ukrainian officials said.",
            "Ukrainian officials",
            "government",
            "A Russian missile struck Odesa on Friday, killing 21 people",
        ),
        (
            "The Israeli military said it had struck a Hamas command centre in Gaza City, killing 12.",
            "Israeli military",
            "military",
            "it had struck a Hamas command centre in Gaza City, killing 12",
        ),
        (
            "“There are no indications of civilian casualties from the strike,” the CENTCOM statement said.",
            "CENTCOM",
            "military",
            "There are no indications of civilian casualties from the strike",
        ),
        (
            "According to the Palestinian health ministry, the air strike on Rafah killed 13 people.",
            "Palestinian health ministry",
            "government",
            "the air strike on Rafah killed 13 people",
        ),
        (
            "One of the men killed in the drone strike was a senior commander, according to the Associated Press.",
            "Associated Press",
            "news_agency",
            "One of the men killed in the drone strike was a senior commander",
        ),
        (
            "Two security sources who spoke on condition of anonymity said the dead commander was inside the car "
            "hit by the drone.",
            "Two security sources who spoke on condition of anonymity",
            "anonymous_official",
            "the dead commander was inside the car hit by the drone",
        ),
        (
            "But a channel affiliated with Hezbollah on Telegram said two fighters were killed in the strike.",
            "a channel affiliated with Hezbollah on Telegram",
            "group",
            "two fighters were killed in the strike",
        ),
        (
            "Witnesses told Reuters they heard two loud explosions before the car burst into flames after the strike.",
            "Witnesses",
            "witness",
            "they heard two loud explosions before the car burst into flames after the strike",
        ),
        (
            "“We heard the missile and then the building collapsed,” said Olena Kovalenko, a resident.",
            "Olena Kovalenko",
            "witness",
            "We heard the missile and then the building collapsed",
        ),
    ],
)
def test_attribution_shapes(text: str, speaker: str, speaker_type: str, statement: str) -> None:
    claim = only(text)
    assert (claim.speaker, claim.speaker_type, claim.statement) == (speaker, speaker_type, statement)


def test_a_pronoun_speaker_is_the_previous_speaker() -> None:
    found = claims(
        "The Iraqi military command said it was investigating the drone strike on a car in Baghdad. "
        "It said the attack set the car on fire and killed the passengers."
    )
    assert [c.speaker for c in found] == ["Iraqi military command", "Iraqi military command"]
    assert found[1].statement == "the attack set the car on fire and killed the passengers"


def test_claim_evidence_is_the_verbatim_sentence() -> None:
    text = "An Israeli strike killed 13 people in Rafah. The Israeli military said it struck militants in the area."
    extraction = extract_offline(article(text, "Wire"))
    for claim in extraction.event.claims:
        ev = claim.evidence
        assert ev.start is not None and ev.end is not None
        assert text[ev.start : ev.end] == ev.quote
        assert ev.match == "exact"


def test_background_statements_are_not_claims_about_this_strike() -> None:
    found = claims(
        "A US drone strike killed a militia commander in Baghdad on Wednesday, the Pentagon said.\n\n"
        "Last month, the group said it had attacked a US base in Jordan.\n\n"
        "So far, 27,000 people have been killed in Gaza, the health ministry said.\n\n"
        "Kataib Hezbollah has claimed responsibility for numerous attacks on US forces."
    )
    assert [c.speaker for c in found] == ["Pentagon"]


def test_a_sentence_without_attribution_is_no_claim() -> None:
    assert claims("A Russian missile struck a hospital in Kharkiv on Monday, killing three people.") == []


def typed(text: str) -> set[tuple[str, str | None]]:
    """The (kind, party) of every denial and claim of responsibility read from a short report."""
    found = claims(f"An air strike hit an aid convoy near Idlib on Monday, killing 12 people.\n\n{text}")
    return {(c.kind, c.party) for c in found if c.kind != "other"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Damascus denied any involvement in the strike.", {("denial", "Damascus")}),
        (
            'Moscow reacted furiously on Tuesday to "unsubstantiated" accusations from Washington.',
            {("denial", "Moscow")},
        ),
        (
            "Yemen's Houthi rebels claimed responsibility for the attack.",
            {("responsibility", "Houthi rebels")},
        ),
        (
            "Secretary of State Mike Pompeo, who blamed Iran for the attack, gave no evidence.",
            {("responsibility", "Iran")},
        ),
        (
            "The rebels blamed the attack on the Saudi-led coalition.",
            {("responsibility", "Saudi-led coalition")},
        ),
    ],
)
def test_denials_claims_and_blame_are_typed_with_their_party(
    text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert typed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah accused Israel in 2008 of killing his father. Israel denies any involvement in that killing.",
        "Kataib Hezbollah has claimed responsibility for numerous attacks on US bases.",
        "The US said it had launched an immediate review of its support for the coalition.",
        "A coalition battling in Yemen said it carried out the strike.",
        "Trump blamed Assad for this week's chemical attack on the town.",
        "Officials said Syrian or Russian planes were behind it.",
    ],
)
def test_other_events_reviews_and_places_are_not_blame(text: str) -> None:
    assert typed(text) == set()


def test_a_denial_beside_an_outlet_consensus_makes_the_attacker_contested() -> None:
    from factsheet import pipeline

    texts = [
        (
            "Wire A",
            "Russian jets struck an aid convoy near Idlib on Monday, killing 12 people, the monitor said.",
        ),
        (
            "Wire B",
            "Russian warplanes bombed the aid convoy near Idlib on Monday, killing 12. "
            "Moscow denied any involvement in the strike.",
        ),
    ]
    sheet = pipeline.merge([extract_offline(article(text, outlet)) for outlet, text in texts])
    assert sheet.event.attacker.status == "contested"


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Syria's army denied the government had used any such weapons.", "Syria's army"),
        (
            "Russia's military, which has backed the government since 2015, denied carrying out the strike.",
            "Russia's military",
        ),
    ],
)
def test_denials_of_what_the_accused_did(text: str, party: str) -> None:
    assert typed(text) == {("denial", party)}


@pytest.mark.parametrize(
    "text",
    [
        "Russia, which denies targeting civilians, has stepped up strikes on Ukrainian cities.",
        "The Pentagon said it carried out the strike but denied hitting a mosque.",
    ],
)
def test_denying_what_was_hit_is_not_denying_the_strike(text: str) -> None:
    assert ("denial", "Russia") not in typed(text) and ("denial", "Pentagon") not in typed(text)
