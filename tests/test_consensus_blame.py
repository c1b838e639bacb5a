"""Disputed blame: a denial or a counter-claim makes the attacker contested, with both sides."""

from __future__ import annotations

import pytest

from factsheet.models import Extraction
from factsheet.pipeline import merge
from tests.builders import article, extraction

LEAD = "Turkish warplanes struck the fuel depot on Monday, local officials said."


def report(
    outlet: str,
    extra: str = "",
    claims: list[list] | None = None,
    attacker: str = "Turkish warplanes",
    country: str | None = None,
) -> Extraction:
    lead = f"In {country}, {LEAD}" if country else LEAD
    text = f"{outlet} report.\n\n{lead} {extra}".strip()
    spec: dict = {"attacker": [attacker, LEAD]}
    if country:
        spec["country"] = [country, lead]
    if claims:
        spec["claims"] = claims
    return extraction(article(text, outlet), spec)


DENIAL = "Turkey's defence ministry denied its aircraft were involved."
DENIAL_CLAIM = [
    "Turkey denied its aircraft were involved",
    "Turkey's defence ministry",
    "government",
    DENIAL,
    "denial",
    "Turkey",
]


def test_a_denial_makes_the_attacker_contested_with_the_claims_listed() -> None:
    sheet = merge(
        [report("Alpha Daily"), report("Bravo Post", DENIAL, [DENIAL_CLAIM]), report("Charlie Wire")]
    )
    attacker = sheet.event.attacker
    assert attacker.status == "contested" and attacker.value is None
    assert attacker.note and "denies" in attacker.note
    assert [c.kind for c in attacker.claims] == ["denial"]
    assert any(d.field == "attacker" and d.kind == "conflict" for d in sheet.disagreements)


def test_a_counter_claim_naming_another_party_is_a_dispute() -> None:
    counter = "The Syrian army said its own artillery had shelled the depot."
    claim = [
        "The Syrian army shelled the depot",
        "The Syrian army",
        "military",
        counter,
        "responsibility",
        "Syrian army",
    ]
    sheet = merge([report("Alpha Daily"), report("Bravo Post", counter, [claim])])
    attacker = sheet.event.attacker
    assert attacker.status == "contested"
    assert "Syria" in (attacker.note or "")


def test_an_admission_settles_it_even_beside_a_denial_from_someone_else() -> None:
    admitted = "The Turkish military said it struck the depot to stop arms deliveries."
    claim = [
        "Turkey struck the depot",
        "The Turkish military",
        "military",
        admitted,
        "responsibility",
        "Turkey",
    ]
    sheet = merge([report("Alpha Daily", admitted, [claim]), report("Bravo Post")])
    assert (sheet.event.attacker.value, sheet.event.attacker.status) == ("Turkey", "agreed")


@pytest.mark.parametrize(
    ("sentence", "speaker", "speaker_type", "party"),
    [
        ("State television blamed terrorist groups.", "State television", "news_agency", "terrorist groups"),
        (
            "An aid group said a western-backed coalition missile hit the station.",
            "aid group",
            "other",
            "western-backed coalition",
        ),
        ("The coalition said the militias targeted the airport.", "the coalition", "military", "militias"),
        # an either-or guess, and a government named by no country
        ("The monitor said the jets were likely Syrian or Russian.", "monitor", "other", "Syrian or Russian"),
        ("The speaker holds the government responsible.", "speaker", "government", "government"),
    ],
)
def test_blaming_nobody_in_particular_is_not_a_rival_attacker(
    sentence: str, speaker: str, speaker_type: str, party: str
) -> None:
    claim = [sentence.rstrip("."), speaker, speaker_type, sentence, "responsibility", party]
    sheet = merge([report("Alpha Daily", sentence, [claim]), report("Bravo Post")])
    assert sheet.event.attacker.status == "agreed"


def test_a_denial_against_witnesses_and_every_outlet_is_settled() -> None:
    seen = "Witnesses said they saw Turkish jets overhead."
    witness = [
        "Turkish jets carried out the strike",
        "witnesses",
        "witness",
        seen,
        "responsibility",
        "Turkish jets",
    ]
    sheet = merge(
        [
            report("Alpha Daily", seen, [witness]),
            report("Bravo Post", DENIAL, [DENIAL_CLAIM]),
            report("Charlie Wire"),
        ]
    )
    assert (sheet.event.attacker.value, sheet.event.attacker.status) == ("Turkey", "agreed")


def test_a_partner_joining_the_strike_is_not_a_rival_attacker() -> None:
    joined = "Syria said its forces joined and co-ordinated with Turkey on the strikes."
    claim = [
        "Syria joined and co-ordinated with Turkey on the strikes",
        "Syria",
        "government",
        joined,
        "responsibility",
        "Syria",
    ]
    sheet = merge([report("Alpha Daily", joined, [claim]), report("Bravo Post")])
    assert sheet.event.attacker.status == "agreed"


def test_a_speaker_describing_the_accused_in_other_words_is_not_a_rival() -> None:
    words = (
        "The army said Kurdish fighters struck the base, and an army spokesman said Turkish warplanes did it."
    )
    claims = [
        [
            "Kurdish fighters struck the base",
            "the army",
            "military",
            words,
            "responsibility",
            "Kurdish fighters",
        ],
        [
            "Turkish warplanes struck the base",
            "army spokesman",
            "military",
            words,
            "responsibility",
            "Turkish warplanes",
        ],
    ]
    sheet = merge([report("Alpha Daily", words, claims), report("Bravo Post")])
    assert sheet.event.attacker.status == "agreed"
    rival = "Russia said Kurdish fighters struck the base."
    other = [
        [
            "Kurdish fighters struck the base",
            "Russia",
            "government",
            rival,
            "responsibility",
            "Kurdish fighters",
        ]
    ]
    sheet = merge([report("Alpha Daily", rival, other), report("Bravo Post")])
    assert sheet.event.attacker.status == "contested", "another speaker naming another party is a dispute"


def test_a_party_claiming_its_own_attack_on_the_accuseds_land_is_no_rival() -> None:
    """An exchange of fire: the other side's claim of its strike on the accused's country."""
    back = "The YPG said it fired rockets at the Turkish border town of Kilis in response."
    claim = [
        "it fired rockets at the Turkish border town of Kilis",
        "The YPG",
        "group",
        back,
        "responsibility",
        "YPG",
    ]
    sheet = merge(
        [
            report("Alpha Daily", country="Syria"),
            report("Bravo Post", back, [claim], country="Syria"),
            report("Charlie Wire", country="Syria"),
        ]
    )
    assert sheet.event.attacker.status == "agreed" and sheet.event.attacker.value == "Turkey"
    here = "The YPG said it fired rockets at the depot in Kilis, not Turkish jets."
    same = ["it fired rockets at the depot in Kilis", "The YPG", "group", here, "responsibility", "YPG"]
    in_turkey = merge(
        [report("Alpha Daily", country="Turkey"), report("Bravo Post", here, [same], country="Turkey")]
    )
    assert in_turkey.event.attacker.status == "contested", "a rival claim to a strike inside Turkey"
