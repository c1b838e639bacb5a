"""The offline extractor's people: every named victim with a fate, and only victims.

Short reports written for these tests in the manner of wire copy; none is a seed.
"""

from __future__ import annotations

from factsheet.extractors.offline import extract_offline
from factsheet.models import StrikeEvent
from tests.builders import article


def read(text: str) -> StrikeEvent:
    extraction = extract_offline(article(text, "Wire"))
    assert extraction.is_strike
    return extraction.event


def fates(event: StrikeEvent) -> dict[str, tuple[str, bool]]:
    return {p.text: (p.fate, p.targeted) for p in event.people}


def test_a_list_after_the_dead_inherits_their_fate() -> None:
    event = read(
        "An air strike on a government meeting in the capital killed the prime minister on Thursday.\n\n"
        "The rebels confirmed that Karim Nasser was among the dead, along with three ministers. "
        "The list included Water Minister Adel Fakhri, Trade Minister Omar Zubaidi and Transport Minister "
        "Salim Hadad."
    )
    got = fates(event)
    for name in ("Karim Nasser", "Adel Fakhri", "Omar Zubaidi", "Salim Hadad"):
        assert got[name][0] == "killed", name
    assert next(p for p in event.people if p.text == "Adel Fakhri").role == "Water Minister"


def test_relatives_speakers_and_places_are_not_victims() -> None:
    event = read(
        "A helicopter strike killed Tariq Badawi, the son of Nabil Badawi, a commander killed in 2008.\n\n"
        "The missile hit near the Ras Hamra port, killing two fighters, the group said. "
        "Group spokesman Fadi Omran said the fighters were on a reconnaissance mission."
    )
    got = fates(event)
    assert "Tariq Badawi" in got
    assert "Nabil Badawi" not in got, "named to place the victim, not a victim"
    assert "Ras Hamra" not in got, "a port, not a person"
    assert "Fadi Omran" not in got, "a speaker"


def test_a_killed_commander_is_the_target_and_bystanders_are_not() -> None:
    commander = read(
        "A drone strike killed senior Harakat al-Nujaba commander Samir Haidar near the border on Monday, "
        "the group said."
    )
    assert commander.target_person is not None and commander.target_person.text == "Samir Haidar"
    assert fates(commander)["Samir Haidar"] == ("killed", True)

    funeral = read(
        "An air strike on a funeral hall killed at least 80 people on Saturday, including Abdul Karim Said, "
        "the head of the city council, medics said."
    )
    assert fates(funeral)["Abdul Karim Said"] == ("killed", False)
    assert funeral.target_person is None, "a civilian official killed at a funeral was not what it targeted"


def test_the_wounded_and_the_survivors_keep_their_own_fates() -> None:
    event = read(
        "The strike on the convoy killed driver Hamid Rasouli and wounded reporter Laila Karimi.\n\n"
        "The convoy's commander, Yusuf Barakzai, survived the attack with minor burns, officials said."
    )
    got = fates(event)
    assert got["Hamid Rasouli"][0] == "killed"
    assert got["Laila Karimi"][0] == "injured"
    assert got["Yusuf Barakzai"][0] == "survived"


def test_a_spokesman_who_also_told_reporters_is_not_the_target() -> None:
    event = read(
        "A US strike on Thursday targeted a senior militant leader in the border region, officials said.\n\n"
        "Colonel Dale Hamner, also told reporters Thursday that the strike killed the commander."
    )
    assert event.target_person is None or event.target_person.text != "Dale Hamner"
    assert "Dale Hamner" not in fates(event)


def test_a_target_word_counts_only_for_the_name_it_governs() -> None:
    event = read(
        "An air strike on the hospital in Khan Younis killed 15 people on Monday.\n\n"
        "Photojournalist Mahmoud Saleh was also killed in the strike targeting the hospital.\n\n"
        "Officials said that Walid Hamdan and Yasser Qudsi were among those targeted."
    )
    got = fates(event)
    assert got["Mahmoud Saleh"] == ("killed", False), "the hospital was the target, not the photographer"
    assert got["Walid Hamdan"][1] and got["Yasser Qudsi"][1]


def test_a_clause_about_an_earlier_year_names_no_victim_and_no_toll() -> None:
    event = read(
        "A US strike in Marib on Tuesday killed Ali Nasser Hamid, wanted for the 2000 bombing of a navy "
        "ship that killed 17 sailors, the military said.",
    )
    assert event.killed is None or "17" not in event.killed.text
    failed = read(
        "A drone strike killed Mullah Zarifullah, the militant leader who ordered the failed 2012 "
        "assassination of Sana Karim, officials said on Friday."
    )
    assert "Sana Karim" not in fates(failed)
    assert "Mullah Zarifullah" in fates(failed), "a one-word name keeps the title it goes by"


def test_ships_villages_and_prizes_are_not_people() -> None:
    event = read(
        "US warships fired 59 cruise missiles at an air base near Homs on Friday, killing six soldiers. "
        "The missiles were launched from the USS Porter at the Shayrat base, and a strike hit Khurais "
        "Village. Nobel Peace Prize winner Lina Haddad condemned the strike that killed the soldiers."
    )
    names = set(fates(event))
    assert not names & {"USS Porter", "Khurais Village", "Nobel Peace Prize"}


def test_a_background_word_in_a_trailing_clause_leaves_the_strike_sentence_in_use() -> None:
    event = read(
        "The army said it targeted and killed correspondent Samer Haddad in Gaza City on Sunday – a "
        "reporter it accused of leading a cell, an allegation Haddad had previously denied."
    )
    assert event.target_person is not None and event.target_person.text == "Samer Haddad"
    assert fates(event)["Samer Haddad"] == ("killed", True)


def test_a_town_and_a_monitor_named_like_people_are_not_victims() -> None:
    event = read(
        "The Syrian Observatory for Human Rights said 12 people were killed in the attack near the town "
        "of Urm al-Kubra on Monday."
    )
    assert not set(fates(event)) & {"Urm al-Kubra", "Human Rights"}


def test_a_death_reported_only_as_a_rumour_leaves_the_fate_unknown() -> None:
    event = read(
        "An Israeli air strike on Sanaa killed the prime minister Ahmed Rahawi on Thursday.\n\n"
        "Reports on social media claimed Defence Minister Hamid Atifi was killed."
    )
    got = fates(event)
    assert got["Ahmed Rahawi"][0] == "killed"
    assert got["Hamid Atifi"][0] == "unknown"


def test_speakers_with_ranks_org_units_and_facilitators() -> None:
    raso = read(
        "A U.S. airstrike killed more than 150 fighters in an attack aimed at al-Shabab in Somalia, "
        "according to Navy Capt. Jeff Davis, a Pentagon spokesman."
    )
    assert "Jeff Davis" not in fates(raso) and raso.target_person is None
    aqraba = read(
        "An Israeli military spokesman said the strikes on Saturday targeted the Quds Force of the "
        "Revolutionary Guards near Damascus, killing two fighters."
    )
    assert "Quds Force" not in fates(aqraba)
    sabratha = read(
        "A US airstrike on a camp near Sabratha killed dozens on Friday. The target of the strike was "
        "Noureddine Chouchane, a senior facilitator in the Islamic State group."
    )
    assert sabratha.target_person is not None and sabratha.target_person.text == "Noureddine Chouchane"


def test_a_title_case_headline_names_nobody() -> None:
    event = read(
        "‘High Level of Confidence’ ISIS Recruiter Linked to Texas Jihadis Killed in Drone Strike\n\n"
        "A US drone strike in Raqqa killed the British hacker Junaid Hussain on Monday, officials said. "
        "He was at number three on a Pentagon list of targets."
    )
    assert set(fates(event)) == {"Junaid Hussain"}
    assert event.killed is None or "three" not in event.killed.text


def test_a_commander_killed_in_a_list_or_named_by_his_post_is_the_target() -> None:
    event = read(
        "Israeli strikes on Tehran on Friday killed several senior figures, including the head of Iran's "
        "Revolutionary Guards, Hossein Salami. The commander of the Revolutionary Guards was killed in the attack."
    )
    assert event.target_person is not None
    assert event.target_person.text == "Hossein Salami"


def test_speakers_under_a_title_and_quoted_phrases_are_not_targets() -> None:
    for text in (
        "Pakistani airstrikes in Paktika killed at least 46 people. Zabihullah Mujahid, the spokesperson for the "
        "Taliban, has confirmed that at least 46 individuals have lost their lives.",
        "Israeli navy ships struck the port of Hodeidah on Tuesday. Despite the strikes, Nasruddin Amer, the deputy "
        "head of the Houthis' media office, downplayed the impact.",
        "Pakistani jets struck Barmal on Tuesday. The ministry claimed the airstrikes targeted “Waziristani "
        "refugees” residing in the area.",
    ):
        assert read(text).target_person is None, text


def test_a_killing_later_in_the_day_and_an_institute_are_not_the_target() -> None:
    later = read(
        "A coalition air strike on a bottling plant in Abs killed 36 workers on Sunday. Later in the day, Hamdi "
        "Nasreddine Al-Shuteiri, a senior member of the Southern Resistance, was assassinated in Aden."
    )
    assert later.target_person is None
    institute = read(
        "Israeli warplanes struck the Scientific Studies and Research Centre near Masyaf on Thursday, killing two."
    )
    assert institute.target_person is None


def test_a_valley_is_not_a_person() -> None:
    event = read(
        "Israeli air strikes killed 12 people in the Bekaa on Tuesday. A Lebanese security source said Wadi Faara "
        "was targeted by three Israeli airstrikes."
    )
    assert event.target_person is None


def test_a_spokesman_speaking_in_a_statement_and_another_are_not_victims() -> None:
    event = read(
        "Another IS leader killed\n\nPentagon spokesman Peter Cook in a statement said that the airstrike near "
        "Raqqa in Syria killed Wa'il Adil Hasan Salman al-Fayad on September 7."
    )
    names = [p.text for p in event.people]
    assert "Peter Cook" not in names
    assert not any(n.startswith("Another") for n in names)


def test_the_killing_of_nationals_named_with_their_nationality_and_a_quoted_analyst() -> None:
    event = read(
        "The White House confirmed the killing of Warren Weinstein, an American held by al-Qaeda, and Italian "
        "Giovanni Lo Porto in a US drone strike on a compound near the border.\n\n"
        "President Barack Obama expressed his deepest apologies over the killing of the two aid workers. "
        "The death of the hostages is a blow to the programme, said Charles Lister, a fellow at the Doha Center."
    )
    got = fates(event)
    assert got.get("Warren Weinstein", ("?",))[0] == "killed"
    assert got.get("Giovanni Lo Porto", ("?",))[0] == "killed", "the nationality is no part of the name"
    assert "Barack Obama" not in got, "he expressed apologies: a speaker"
    assert not any("Lister" in name for name in got), "the analyst quoted after 'said'"
    assert event.city is None, "'Warren' and 'Porto' are in the victims' names, not places"


def test_a_speaker_under_a_long_description_who_said_is_no_target() -> None:
    event = read(
        "An Israeli strike on the Ain al-Hilweh camp killed 13 people on Tuesday. The group's assertion was "
        "backed by Abdul Hadi Al Asadi, a member of the Palestine Liberation Organisation (PLO) and the "
        "spokesman for the Palestinian National Security Forces in Lebanon, who said the strike hit boys "
        "playing football."
    )
    assert event.target_person is None
    assert "Abdul Hadi Al Asadi" not in fates(event)


def test_a_reporting_elder_an_aides_master_and_a_target_after_a_dated_attack() -> None:
    elder = read(
        "A Sudanese army air strike hit the weekly market in Tora on Monday, killing dozens. Tribal leader "
        "Ishaq Ibrahim Sharif reported an increase in the death toll after more bodies were recovered."
    )
    assert elder.target_person is None
    assert "Ishaq Ibrahim Sharif" not in fates(elder)
    reported = read("Houthi political leader Saleh al-Samad was reported killed in a coalition air strike.")
    assert fates(reported).get("Saleh al-Samad", ("?",))[0] == "killed"
    aide = read(
        "Red-bearded Abu Omar al-Shishani, a senior aide to ISIS leader Abu Bakr al-Baghdadi, was likely "
        "killed in a US air strike near al-Shaddadi."
    )
    assert "Abu Bakr al-Baghdadi" not in fates(aide)
    assert "Abu Omar al-Shishani" in fates(aide), "the descriptor opening the sentence is no part of his name"
    dated = read(
        "The target of the March 4 attack was Omar al-Shishani, a Georgian fighting with the jihadist group, "
        "the Pentagon said of the US air strike."
    )
    assert fates(dated).get("Omar al-Shishani", ("?", False))[1] is True


def test_a_markaz_and_a_listed_gang_are_not_people() -> None:
    event = read(
        "An Indian missile strike hit Markaz Taiba in Muridke on Wednesday, killing three people. US officials "
        "said the boat strike killed 11 members of Tren de Aragua."
    )
    assert "Markaz Taiba" not in fates(event)
    assert "Tren de Aragua" not in fates(event)


def test_a_strike_on_a_persons_home_targets_them_and_their_absence_spares_them() -> None:
    event = read(
        "A drone launched from the north struck the house of Interior Minister Walid Sarraf in the town of "
        "Nahr Saturday morning, the army said.\n\n"
        "Walid Sarraf was not at the residence at the time, officials said."
    )
    assert event.target_person is not None and event.target_person.text == "Walid Sarraf"
    assert fates(event)["Walid Sarraf"] == ("survived", True)


def test_a_home_hit_beside_a_named_owner_with_no_strike_on_it_is_no_target() -> None:
    event = read(
        "An air strike killed four fighters at a checkpoint on Monday, the army said.\n\n"
        "The house of Walid Sarraf, a local merchant, stands nearby and was not damaged."
    )
    assert "Walid Sarraf" not in fates(event)


def test_airports_plants_and_a_headlines_speaker_are_not_people() -> None:
    airport = read(
        "Missiles fired at the capital killed one man on Sunday, officials said. The group said its missile "
        "force had targeted King Khalid international airport with a Burkan missile."
    )
    assert "King Khalid" not in fates(airport)
    plant = read(
        "Drones struck an oil depot overnight, killing two firefighters. The operation targeted the Kristal "
        "Plant used to supply fuel to the nearby air base, the military said."
    )
    assert not any("Kristal" in name for name in fates(plant))
    assert plant.target_person is None
    headline = read(
        "Strike on the enemy will show the world our might: Defence chief Avi Shamir\n\n"
        "Jets struck military sites overnight, killing two soldiers, the army said."
    )
    assert headline.target_person is None


def test_the_home_of_a_family_targets_no_one_person() -> None:
    event = read(
        "An Israeli air strike on a house in Rafah killed at least 13 people overnight, officials said. "
        "The strike hit the home of the Abu Anza family in the Tel al-Sultan neighbourhood."
    )
    assert event.target_person is None


def test_officials_giving_figures_and_a_field_named_by_its_direction_are_not_targets() -> None:
    saying = read(
        "The attacks early on March 11 were the biggest drone assault on the capital region, Russian Health "
        "Ministry official Aleksei Kuznetsov saying 20 people, including three children, were injured."
    )
    assert saying.target_person is None
    assert "Aleksei Kuznetsov" not in fates(saying)
    provided = read(
        "A missile struck the city on Friday, killing one man. Regional Military Administration head Oleh "
        "Sinegubov provided further information, indicating that one of the impacts struck apartment buildings."
    )
    assert provided.target_person is None
    field = read(
        "An Israeli drone attack targeted South Pars on Saturday, setting a unit of the gas field on fire."
    )
    assert field.target_person is None
