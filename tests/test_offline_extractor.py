"""Whole articles: the seeds, and wire-style reports of strikes in other conflicts.

The other-conflict reports are written for these tests in the manner of Reuters and AP
copy (dateline, lead, attribution, background paragraphs with other tolls and dates).
"""

from __future__ import annotations

import time

import pytest

from factsheet.extractors.offline import OfflineExtractor, extract_offline
from factsheet.models import EVENT_FIELDS, SCHEMA_VERSION, Extraction
from factsheet.normalise.numbers import parse_count
from tests.builders import ROOT, article

GAZA = """\
Israeli strike on Rafah home kills 13, Palestinian health officials say

By Nidal al-Mughrabi

CAIRO, Feb 20 (Reuters) - An Israeli air strike on a house in the southern Gaza Strip city of Rafah killed at least 13 people overnight, including five children, Palestinian health officials said on Tuesday.

The strike hit the home of the Abu Anza family in the Tel al-Sultan neighbourhood of Rafah at around 2 a.m. (0000 GMT), residents said. Another 20 people were wounded, medics said.

"We were sleeping when the missile hit. The whole building collapsed," said Mohammed Abu Anza, 45, who lost his wife and two sons.

The Israeli military said it had struck "terrorist infrastructure" in the area and that it was reviewing the reports.

Gaza's health ministry says more than 29,000 Palestinians have been killed in Israel's offensive since Oct. 7, when Hamas-led gunmen killed 1,200 people in southern Israel, according to Israeli tallies.

Last week, an Israeli raid on Nasser Hospital in Khan Younis killed at least four patients, the ministry said.
"""

UKRAINE = """\
Russian missile strike on Odesa kills 21, Ukraine says

KYIV, March 15 (AP) — A Russian missile attack on the Black Sea port city of Odesa killed 21 people and wounded 75 others on Friday, Ukrainian officials said.

Two Iskander-M ballistic missiles struck a residential area of the city shortly before noon, Oleh Kiper, the head of the regional administration, said on Telegram. Among the dead were a paramedic and a rescuer who arrived at the scene after the first missile hit, he said.

"This is a deliberate and vile attack," Ukrainian President Volodymyr Zelenskyy said in his nightly address.

Russia's Defense Ministry said its forces had struck "decision-making centres" in Odesa, without providing evidence.

Since the start of the full-scale invasion in February 2022, Russian strikes have killed more than 10,000 civilians across Ukraine, according to the United Nations.
"""

SOMALIA = """\
US airstrike kills al-Shabaab commander in Somalia, AFRICOM says

MOGADISHU, Somalia (AP) — A U.S. airstrike killed a senior al-Shabaab commander near the town of Jilib in southern Somalia on Sunday, the U.S. Africa Command said.

The strike, carried out at the request of the Somali government, killed Moalim Ayman, who had planned attacks on U.S. and Kenyan forces, AFRICOM said in a statement. No civilians were injured or killed, the command said.

Al-Shabaab, an al-Qaida affiliate, has carried out numerous deadly bombings in Mogadishu. In October 2022, twin car bombs killed at least 121 people in the capital.
"""

YEMEN = """\
US, UK strike Houthi targets in Yemen after Red Sea attacks

SANAA, Jan 12 (Reuters) - The United States and Britain carried out strikes against more than a dozen Houthi targets in Yemen early on Friday, U.S. officials said, in retaliation for the group's attacks on shipping in the Red Sea.

Explosions were heard in the capital Sanaa and in the port city of Hodeidah, witnesses told Reuters.

A Houthi military spokesman, Yahya Saree, said five fighters were killed and six others wounded in 73 air strikes.

The Houthis have attacked ships in the Red Sea since November in what they say is solidarity with Palestinians in Gaza.
"""

LEBANON = """\
Israeli strike kills senior Hezbollah commander in south Lebanon

BEIRUT, June 12 (Reuters) - An Israeli strike on a house in the south Lebanon town of Jouaiyya killed a senior Hezbollah field commander, Taleb Abdallah, and three other fighters late on Tuesday, security sources said.

Abdallah, also known as Abu Taleb, was the most senior Hezbollah commander killed since hostilities began in October, the sources said. The Israeli military said its aircraft struck a Hezbollah command and control centre in Jouaiyya.

Hezbollah fired dozens of rockets at northern Israel on Wednesday in response, the group said.
"""

PAKISTAN = """\
Suicide bomber kills 5 Chinese engineers in northwest Pakistan

PESHAWAR, Pakistan, March 26 (Reuters) - A suicide bomber rammed an explosives-laden vehicle into a convoy carrying Chinese engineers in northwest Pakistan on Tuesday, killing five Chinese nationals and their Pakistani driver, police said.

The attack took place in the Besham area of Shangla district in Khyber Pakhtunkhwa province, regional police chief Mohammad Ali Gandapur told Reuters.

No group immediately claimed responsibility for the attack.
"""

SYRIA = """\
Israeli strike on Damascus building kills Iranian Revolutionary Guards officers

DAMASCUS, Jan 20 (Reuters) - An Israeli air strike on a building in the Mezzeh district of Damascus on Saturday killed five members of Iran's Revolutionary Guards, Iranian state media said.

The strike destroyed a four-storey building used by Iranian advisers, a Syrian military source told state news agency SANA. Syrian air defences intercepted some of the missiles, the source said.

Israel rarely comments on its strikes in Syria.
"""

NOTSTRIKE = """\
Iraq's parliament fails to elect speaker after two rounds of voting

BAGHDAD, Jan 13 (Reuters) - Iraq's parliament failed on Saturday to elect a new speaker after two rounds of voting, prolonging a political stalemate that has left the post vacant since November.

Lawmakers said a third round would be held next week. The previous speaker, Mohammed al-Halbousi, was removed by the federal court in a forgery case.

Analysts said the deadlock reflects rivalries among Sunni political factions.
"""


def read(text: str, name: str = "Wire") -> Extraction:
    return extract_offline(article(text, name))


def texts(extraction: Extraction) -> dict[str, str | None]:
    event = extraction.event
    return {f: (None if getattr(event, f) is None else getattr(event, f).text) for f in EVENT_FIELDS}


def best_count(extraction: Extraction, field: str) -> int | None:
    found = getattr(extraction.event, field)
    parsed = parse_count(found.text) if found is not None else None
    return parsed[1] if parsed else None


# --- the interface ----------------------------------------------------------------------


def test_the_extractor_fills_the_extraction_the_pipeline_expects() -> None:
    extractor = OfflineExtractor()
    assert extractor.name == "offline"
    extraction = extractor.extract(article(GAZA, "Reuters"))
    assert extraction.extractor == "offline"
    assert extraction.model is None and extraction.prompt_version is None
    assert extraction.schema_version == SCHEMA_VERSION
    assert extraction.usage.requests == 0 and extraction.usage.prompt_tokens == 0
    assert extraction.is_strike


@pytest.mark.parametrize("text", [GAZA, UKRAINE, SOMALIA, YEMEN, LEBANON, PAKISTAN, SYRIA])
def test_every_value_quotes_its_sentence_exactly(text: str) -> None:
    extraction = read(text)
    values = [getattr(extraction.event, f) for f in EVENT_FIELDS]
    evidence = [v.evidence for v in values if v is not None] + [c.evidence for c in extraction.event.claims]
    assert evidence
    for ev in evidence:
        assert ev.start is not None and ev.end is not None
        assert text[ev.start : ev.end] == ev.quote
        assert ev.match == "exact"
    for v in values:
        if v is not None:
            # The value's own words stand in its quote.
            assert v.text in v.evidence.quote


def test_raw_values_only_the_normalise_stage_fills_the_rest() -> None:
    event = read(UKRAINE).event
    assert event.killed is not None
    assert (event.killed.low, event.killed.best, event.killed.high) == (None, None, None)
    assert event.date is not None and event.date.canonical is None


def test_an_article_that_reports_no_strike() -> None:
    extraction = read(NOTSTRIKE)
    assert not extraction.is_strike
    assert all(getattr(extraction.event, f) is None for f in EVENT_FIELDS)
    assert extraction.warnings


# --- other conflicts --------------------------------------------------------------------


def test_gaza_house_strike() -> None:
    extraction = read(GAZA)
    assert texts(extraction) | {"killed": None, "injured": None} == {
        "date": "Tuesday",
        "local_time": "2 a.m.",
        "utc_time": "0000 GMT",
        "country": "Gaza Strip",
        "city": "Rafah",
        "district": "Tel al-Sultan",
        "attacker": "Israeli",
        "weapon": "air strike",
        "target_person": None,
        "target_organisation": None,
        "killed": None,
        "injured": None,
    }
    # The war's running toll and last week's hospital raid are background.
    assert best_count(extraction, "killed") == 13
    assert best_count(extraction, "injured") == 20


def test_ukraine_missile_strike() -> None:
    extraction = read(UKRAINE)
    got = texts(extraction)
    assert (got["city"], got["attacker"], got["date"]) == ("Odesa", "Russian", "Friday")
    assert best_count(extraction, "killed") == 21
    assert best_count(extraction, "injured") == 75
    # 'more than 10,000 civilians since the start of the invasion' is not this strike.
    assert "10,000" not in (got["killed"] or "")


def test_somalia_airstrike_on_a_named_commander() -> None:
    extraction = read(SOMALIA)
    got = texts(extraction)
    assert (got["country"], got["city"], got["attacker"], got["weapon"]) == (
        "Somalia",
        "Jilib",
        "U.S.",
        "airstrike",
    )
    assert got["target_person"] == "Moalim Ayman"
    assert got["target_organisation"] == "al-Shabaab"
    # The 2022 car bombings that killed 121 are background; the lead names one commander killed.
    assert best_count(extraction, "killed") == 1


def test_yemen_strikes_by_two_states() -> None:
    extraction = read(YEMEN)
    got = texts(extraction)
    assert (got["country"], got["city"], got["date"]) == ("Yemen", "Sanaa", "Friday")
    assert got["attacker"] in ("US, UK", "The United States and Britain")
    assert best_count(extraction, "killed") == 5
    assert best_count(extraction, "injured") == 6
    # The Houthi spokesman who gave the toll is a speaker, not a target.
    assert got["target_person"] is None


def test_lebanon_strike_on_a_commander_and_three_fighters() -> None:
    extraction = read(LEBANON)
    got = texts(extraction)
    assert (got["country"], got["city"], got["date"]) == ("Lebanon", "Jouaiyya", "Tuesday")
    person = extraction.event.target_person
    assert person is not None
    assert (person.text, person.organisation) == ("Taleb Abdallah", "Hezbollah")
    assert got["target_organisation"] == "Hezbollah"
    # The dateline's city is where the story was filed.
    assert got["city"] != "BEIRUT"


def test_pakistan_suicide_bombing() -> None:
    extraction = read(PAKISTAN)
    got = texts(extraction)
    assert (got["country"], got["district"], got["weapon"]) == ("Pakistan", "Besham", "suicide bomber")
    assert got["attacker"] is None  # nobody claimed it, and the text names no one
    assert best_count(extraction, "killed") == 6


def test_syria_strike_in_a_damascus_district() -> None:
    extraction = read(SYRIA)
    got = texts(extraction)
    assert (got["city"], got["district"], got["attacker"], got["weapon"]) == (
        "Damascus",
        "Mezzeh",
        "Israeli",
        "air strike",
    )
    assert best_count(extraction, "killed") == 5


# --- the seeds --------------------------------------------------------------------------

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def seed(prefix: str) -> Extraction:
    path = next(p for p in SEEDS if p.name.startswith(prefix))
    return read(path.read_text(encoding="utf-8"), name=path.stem)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        (
            "000",
            {
                "date": "Wednesday",
                "country": "Iraq",
                "city": "Baghdad",
                "district": None,
                "attacker": "US forces",
                "target_person": "Abu Baqir al-Saadi",
                "target_organisation": "Kataib Hezbollah",
            },
        ),
        (
            "001",
            {
                "date": "Wednesday night",
                "local_time": "21:30 local time",
                "utc_time": "18:30 GMT",
                "city": "Baghdad",
                "district": "Mashtal",
                "attacker": "US",
                "target_person": "Abu Baqir al-Saadi",
                "target_organisation": "Kataib Hezbollah",
            },
        ),
        (
            "002",
            {
                "date": "Wednesday night",
                "local_time": "21:30 local time",
                "utc_time": "18:30 GMT",
                "city": "Baghdad",
                "district": "Mashtal",
                "attacker": "US",
                "weapon": "drone strike",
                "target_person": "Abu Bakr al-Saadi",
                "target_organisation": "Kataib Hezbollah",
            },
        ),
        (
            "003",
            {
                "date": "Wednesday",
                "local_time": "nighttime",
                "utc_time": None,
                "country": "Iraq",
                "city": "Baghdad",
                "district": "Mashtal",
                "weapon": "drone strike",
                "target_person": None,
                "target_organisation": "Kata’ib Hezbollah",
            },
        ),
        (
            "004",
            {
                "date": "Wednesday night",
                "country": "Iraq",
                "city": "Baghdad",
                "district": "Mashtal",
                "attacker": "US",
                "weapon": "drone strike",
                "target_person": "Wissam Mohammed “Abu Bakr” al-Saadi",
                "target_organisation": "Kataib Hezbollah",
            },
        ),
    ],
)
def test_seed_fields(prefix: str, expected: dict[str, str | None]) -> None:
    got = texts(seed(prefix))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize(("prefix", "killed"), [("000", 3), ("001", 3), ("002", 3), ("004", 3), ("003", 1)])
def test_seed_death_tolls(prefix: str, killed: int) -> None:
    # 003 (NPR) says only 'at least one leader' in its text; its 'three people' is a photo caption.
    extraction = seed(prefix)
    assert best_count(extraction, "killed") == killed
    assert extraction.event.injured is None


def test_seed_weapons_and_attackers_are_drones_and_the_us() -> None:
    for path in SEEDS:
        extraction = seed(path.name[:3])
        assert extraction.event.weapon is not None and "drone" in extraction.event.weapon.text.lower()
        assert extraction.event.attacker is not None and "U" in extraction.event.attacker.text


def test_no_evidence_of_civilian_casualties_never_becomes_zero_killed() -> None:
    for path in SEEDS:
        killed = seed(path.name[:3]).event.killed
        assert killed is not None and parse_count(killed.text) != (0, 0, 0, None)


def test_extraction_is_fast() -> None:
    articles = [article(p.read_text(encoding="utf-8"), p.stem) for p in SEEDS]
    extract_offline(articles[0])  # loads the gazetteer once
    start = time.perf_counter()
    for a in articles * 4:
        extract_offline(a)
    per_article = (time.perf_counter() - start) / (len(articles) * 4)
    # Measured around 15 ms; the bound leaves room for a loaded CI machine.
    assert per_article < 0.25


# --- reports first read blind, then used to fix what they exposed -----------------------

WAZIRISTAN = """\
Pakistan drone strike kills three militants near Afghan border, officials say

Two security officials said a drone strike killed three suspected militants, including a local commander of the Pakistani Taliban, in a compound in the Datta Khel area of North Waziristan on Wednesday.

The officials, who spoke on condition of anonymity because they were not authorised to talk to the media, identified the commander as Sadiq Noor.

It was not immediately clear who carried out the strike. The Pakistani military did not comment.
"""

HODEIDAH = """\
Israeli jets strike Yemen's Hodeidah port after Houthi drone attack on Tel Aviv

DUBAI, July 20 (Reuters) - Israeli warplanes struck the Houthi-held port of Hodeidah in western Yemen on Saturday, killing at least three people and wounding 87 others, the Houthi-run health ministry said.

The strikes hit oil storage facilities and a power station at the port, sending huge plumes of smoke into the sky, residents said.

The Israeli military said the attack was in response to a Houthi drone strike on Tel Aviv on Friday that killed one man.
"""

NUSEIRAT = """\
Israeli strike on UN school sheltering displaced people kills 33 in central Gaza

Published On 6 Jun 2024

An Israeli air strike on a United Nations-run school sheltering thousands of displaced Palestinians in central Gaza has killed at least 33 people, including 12 women and children, according to local health officials.

The attack on the school in the Nuseirat refugee camp took place in the early hours of Thursday, officials said. Dozens more were injured.

The Israeli army said its fighter jets struck a "Hamas compound" inside the school, claiming that between 20 and 30 fighters were using it to plan attacks.

"We were sleeping when we heard the explosion," Ayman Rashed, who was sheltering at the school, told Al Jazeera.

Israel's war on Gaza has killed at least 36,654 Palestinians since October 7, according to the Gaza health ministry.
"""


def test_a_target_named_in_a_sentence_without_strike_words() -> None:
    got = texts(read(WAZIRISTAN))
    assert got["target_person"] == "Sadiq Noor"
    assert got["target_organisation"] == "Pakistani Taliban"
    assert got["district"] == "Datta Khel"
    # 'Pakistan drone strike' in a headline says where, not who; the text says the striker is unknown.
    assert got["attacker"] is None


def test_places_in_a_clause_about_the_provoking_attack_are_not_the_strike_place() -> None:
    extraction = read(HODEIDAH)
    got = texts(extraction)
    assert (got["country"], got["city"], got["attacker"]) == ("Yemen", "Hodeidah", "Israeli")
    assert got["weapon"] != "drone attack"
    assert best_count(extraction, "killed") == 3
    assert best_count(extraction, "injured") == 87


def test_quoted_organisation_and_dozens_more() -> None:
    got = texts(read(NUSEIRAT))
    assert got["target_organisation"] == "Hamas"
    assert got["injured"] == "Dozens more"
    assert got["killed"] == "at least 33 people"
