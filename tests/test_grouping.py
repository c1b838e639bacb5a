"""Grouping a feed into strikes: the traps a user would notice, on short articles written for these tests.

Each article is a few sentences in our own words, read by hand (values and quotes taken from
its own text, as an extractor would give them), then verified and normalised by the
pipeline like any extraction. The strikes:

  A  US drone, Baghdad (Iraq), Tuesday 5 March 2024, Faris al-Qadri of Kataib Hezbollah
  B  US jets, Deir ez-Zor (Syria), the same Tuesday: the same day, another country
  C  Israeli strike, Beirut, Tuesday 2 April 2024, Hassan Jaber; a follow-up on Friday with a higher toll
  D  Israeli drone, Beirut, Tuesday 23 April 2024, Ali Dakik: the same city three weeks later,
     in one report that recalls strike C as background
"""

from __future__ import annotations

import random
import re
from typing import Any

from factsheet import pipeline
from factsheet.grouping import set_aside_strays
from factsheet.models import Extraction, Grouping, StrikeGroup
from factsheet.render.feed import event_slug
from tests.builders import article, extraction


def _sentence(text: str, words: str) -> str:
    """The sentence of `text` that holds `words`: the quote an extractor would give."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if words in sentence:
            return sentence
    raise AssertionError(f"{words!r} is not in the article")


def report(
    outlet: str, published: str | None, text: str, *, strike: bool = True, **fields: Any
) -> Extraction:
    """A hand reading: every value is words of the article, quoted with their sentence."""
    spec: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "people":
            spec["people"] = [
                {
                    "name": p["name"],
                    "quote": _sentence(text, p["name"]),
                    **{k: v for k, v in p.items() if k != "name"},
                }
                for p in value
            ]
        else:
            spec[name] = [value, _sentence(text, value)]
    ident = outlet.lower().replace(" ", "-") + "-" + (published or "undated")
    return extraction(article(text, outlet, id=ident, published=published), spec, is_strike=strike)


A1 = report(
    "Tigris Wire",
    "2024-03-05",
    "BAGHDAD - A U.S. drone struck a car in eastern Baghdad on Tuesday night, killing Kataib Hezbollah "
    "commander Faris al-Qadri and his driver, two Iraqi security officials said. The car burst into "
    "flames near a busy market.",
    date="Tuesday",
    city="Baghdad",
    country="Iraqi",
    attacker="U.S.",
    weapon="drone",
    target_organisation="Kataib Hezbollah",
    killed="Faris al-Qadri and his driver",
    people=[{"name": "Faris al-Qadri", "targeted": True, "fate": "killed"}],
)
A2 = report(
    "Evening Ledger",
    "2024-03-06",
    "An American drone strike in Baghdad, Iraq, on Tuesday killed two members of Kataib Hezbollah, among "
    "them the commander Faris al-Qadri, the group said on Wednesday. Washington has not commented.",
    date="Tuesday",
    city="Baghdad",
    country="Iraq",
    attacker="American",
    weapon="drone",
    target_organisation="Kataib Hezbollah",
    killed="two members",
    people=[{"name": "Faris al-Qadri", "targeted": True, "fate": "killed"}],
)
B1 = report(
    "Desert Courier",
    "2024-03-05",
    "DEIR EZ-ZOR, Syria - U.S. aircraft struck an Islamic State hideout outside Deir ez-Zor on Tuesday, "
    "killing four militants, the U.S. military said. No civilians were hurt, it added.",
    date="Tuesday",
    city="Deir ez-Zor",
    country="Syria",
    attacker="U.S.",
    target_organisation="Islamic State",
    killed="four militants",
)
B2 = report(
    "Evening Ledger",
    "2024-03-06",
    "Four Islamic State fighters died when U.S. jets bombed a hideout near Deir ez-Zor in Syria on Tuesday, "
    "a war monitor said. The monitor named none of the dead.",
    date="Tuesday",
    city="Deir ez-Zor",
    country="Syria",
    attacker="U.S.",
    target_organisation="Islamic State",
    killed="Four Islamic State fighters",
)
C1 = report(
    "Cedar Post",
    "2024-04-02",
    "BEIRUT - An Israeli strike on an apartment in Beirut's southern suburbs on Tuesday killed Hezbollah "
    "official Hassan Jaber and two other people, Lebanon's health ministry said.",
    date="Tuesday",
    city="Beirut",
    country="Lebanon",
    attacker="Israeli",
    target_organisation="Hezbollah",
    killed="Hassan Jaber and two other people",
    people=[{"name": "Hassan Jaber", "targeted": True, "fate": "killed"}],
)
C2 = report(
    "Levant Daily",
    "2024-04-03",
    "Israel said its aircraft killed Hassan Jaber, a senior Hezbollah figure, in a strike on Beirut, "
    "Lebanon, on Tuesday. Three people died, the health ministry said.",
    date="Tuesday",
    city="Beirut",
    country="Lebanon",
    attacker="Israel",
    target_organisation="Hezbollah",
    killed="Three people",
    people=[{"name": "Hassan Jaber", "targeted": True, "fate": "killed"}],
)
# Three days later, a higher toll and no names: the same strike.
C3 = report(
    "Cedar Post",
    "2024-04-05",
    "The death toll from Tuesday's Israeli strike on Beirut's southern suburbs in Lebanon has risen to six "
    "after three wounded people died in hospital, the health ministry said on Friday.",
    date="Tuesday",
    city="Beirut",
    country="Lebanon",
    attacker="Israeli",
    killed="six",
)
# Strike D, and a report of it that recalls strike C: the reading lists both men killed.
D1 = report(
    "Levant Daily",
    "2024-04-23",
    "BEIRUT - An Israeli drone hit a car in Beirut's southern suburbs, Lebanon, on April 23, killing "
    "Hezbollah commander Ali Dakik and two other people, security sources said. The strike came three weeks "
    "after an Israeli raid on the southern suburbs killed Hassan Jaber on April 2.",
    date="April 23",
    city="Beirut",
    country="Lebanon",
    attacker="Israeli",
    weapon="drone",
    target_organisation="Hezbollah",
    killed="Ali Dakik and two other people",
    people=[
        {"name": "Ali Dakik", "targeted": True, "fate": "killed"},
        {"name": "Hassan Jaber", "fate": "killed"},
    ],
)
D2 = report(
    "Cedar Post",
    "2024-04-24",
    "Ali Dakik, a Hezbollah field commander, was killed with two other men when an Israeli strike hit "
    "their car in Beirut's southern suburbs in Lebanon on Tuesday. Three people died, the group said.",
    date="Tuesday",
    city="Beirut",
    country="Lebanon",
    attacker="Israeli",
    target_organisation="Hezbollah",
    killed="Three people",
    people=[{"name": "Ali Dakik", "targeted": True, "fate": "killed"}],
)
# The same Tuesday as A, the same attacker, group and toll, but in Syria, and no town named.
B3 = report(
    "Steppe Monitor",
    "2024-03-05",
    "U.S. aircraft struck Kataib Hezbollah fighters in eastern Syria on Tuesday, killing two of them, a war "
    "monitor said. The group did not comment.",
    date="Tuesday",
    country="Syria",
    attacker="U.S.",
    target_organisation="Kataib Hezbollah",
    killed="two of them",
)
NOT_A_STRIKE = report(
    "Harbour Gazette",
    "2024-03-06",
    "Foreign ministers from six countries met in Geneva on Monday to discuss a ceasefire plan. No agreement "
    "was reached, a spokesman said.",
    strike=False,
)
TOO_LITTLE = report(
    "Night Wire",
    None,
    "A strike killed two people, a rescue group said. Rescuers were still searching the site.",
    killed="two people",
)
FEED = [A1, A2, B1, B2, C1, C2, C3, D1, D2, NOT_A_STRIKE, TOO_LITTLE]


def outlets(grouping: Grouping) -> set[frozenset[str]]:
    return {frozenset(e.article.id for e in g.extractions) for g in grouping.groups}


def ids(*reports: Extraction) -> frozenset[str]:
    return frozenset(r.article.id for r in reports)


def test_a_feed_of_four_strikes_gives_four_groups() -> None:
    grouping = pipeline.group(FEED)
    assert outlets(grouping) == {ids(A1, A2), ids(B1, B2), ids(C1, C2, C3), ids(D1, D2)}


def test_two_strikes_on_the_same_day_in_different_countries_are_two_strikes() -> None:
    """Same day, same attacker, the same outlet reporting both: Iraq and Syria stay apart."""
    grouping = pipeline.group([A1, A2, B1, B2])
    assert outlets(grouping) == {ids(A1, A2), ids(B1, B2)}


def test_one_report_of_the_same_group_hit_the_same_day_in_another_country_stays_apart() -> None:
    """Same day, attacker, group and toll; only the country differs, and one report names it."""
    grouping = pipeline.group([A1, A2, B3])
    assert outlets(grouping) == {ids(A1, A2), ids(B3)}


def test_two_strikes_in_the_same_city_weeks_apart_are_two_strikes() -> None:
    """Same city, district, attacker, group and toll, three weeks apart."""
    grouping = pipeline.group([C1, C2, D2])
    assert outlets(grouping) == {ids(C1, C2), ids(D2)}


def test_a_follow_up_days_later_with_a_higher_toll_joins_the_strike_it_updates() -> None:
    feed = pipeline.events_from(pipeline.group([C1, C2, C3, D1, D2]))
    beirut = next(
        e
        for e in feed.events
        if "Cedar Post" in {s.outlet for s in e.sheet.sources} and len(e.sheet.sources) == 3
    )
    assert {s.id for s in beirut.sheet.sources} == ids(C1, C2, C3)
    killed = beirut.sheet.event.killed
    assert killed.status == "range" and killed.value is not None
    assert (killed.value.low, killed.value.high) == (3, 6)  # type: ignore[union-attr]
    assert beirut.sheet.event.date.value == "2024-04-02"


def test_an_article_recalling_an_earlier_strike_belongs_to_the_one_it_reports() -> None:
    """D1 names Hassan Jaber (strike C) as background; it reports strike D."""
    grouping = pipeline.group([C1, C2, D1, D2])
    assert outlets(grouping) == {ids(C1, C2), ids(D1, D2)}


def test_an_undated_round_up_naming_two_strikes_does_not_chain_them_into_one() -> None:
    """Undated, it is compared with every report; joined to one strike, it must not pull in the other."""
    round_up = report(
        "Weekly Brief",
        None,
        "Israeli strikes in Beirut's southern suburbs in Lebanon have killed Hezbollah officials Hassan Jaber "
        "and Ali Dakik this month, each with two other people, the group said.",
        city="Beirut",
        country="Lebanon",
        attacker="Israeli",
        target_organisation="Hezbollah",
        people=[{"name": "Hassan Jaber", "fate": "killed"}, {"name": "Ali Dakik", "fate": "killed"}],
    )
    grouping = pipeline.group([C1, C2, D1, D2, round_up])
    for group in outlets(grouping):
        assert not (group & ids(C1, C2) and group & ids(D1, D2)), group


def test_articles_in_no_group_are_listed_with_the_reason_never_dropped() -> None:
    grouping = pipeline.group(FEED)
    unassigned = {u.extraction.article.id: u for u in grouping.unassigned}
    assert set(unassigned) == ids(NOT_A_STRIKE, TOO_LITTLE)
    assert unassigned[NOT_A_STRIKE.article.id].kind == "not_a_strike"
    assert "no strike" in unassigned[NOT_A_STRIKE.article.id].reason
    assert unassigned[TOO_LITTLE.article.id].kind == "too_little"
    assert "no date and no place" in unassigned[TOO_LITTLE.article.id].reason
    grouped = sum(len(g.extractions) for g in grouping.groups)
    assert grouped + len(grouping.unassigned) == len(FEED)


def test_the_groups_do_not_depend_on_the_order_of_the_articles() -> None:
    expected = outlets(pipeline.group(FEED))
    shuffled = list(FEED)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert outlets(pipeline.group(shuffled)) == expected


def test_a_single_sheet_keeps_out_of_the_vote_an_article_about_another_strike() -> None:
    prepared = [pipeline.prepare(e) for e in (C1, C2, C3, B1)]
    kept, excluded = set_aside_strays(prepared)
    assert {e.article.id for e in kept} == ids(C1, C2, C3)
    assert [x.outlet for x in excluded] == ["Desert Courier"]
    assert "Deir ez-Zor" in excluded[0].reports and "2024-03-05" in excluded[0].reports
    assert "Beirut" in excluded[0].reason  # says which strike the others report


def test_an_article_that_only_says_too_little_stays_in_the_vote() -> None:
    prepared = [pipeline.prepare(e) for e in (C1, C2, TOO_LITTLE)]
    kept, excluded = set_aside_strays(prepared)
    assert excluded == [] and len(kept) == 3


def test_a_folder_split_evenly_between_two_strikes_sets_nothing_aside() -> None:
    """Which of two equal halves is 'the folder's strike' cannot be told: both stay, as before."""
    prepared = [pipeline.prepare(e) for e in (A1, A2, B1, B2)]
    kept, excluded = set_aside_strays(prepared)
    assert excluded == [] and len(kept) == 4


def test_each_strike_gets_a_sheet_named_by_date_place_and_target() -> None:
    feed = pipeline.events_from(pipeline.group(FEED))
    assert [e.slug for e in feed.events] == [
        "2024-03-05-baghdad-kataib-hezbollah",
        "2024-03-05-deir-ez-zor-islamic-state",
        "2024-04-02-beirut-hezbollah",
        "2024-04-23-beirut-hezbollah",
    ]
    baghdad = feed.events[0]
    assert baghdad.title.startswith("Drone strike by United States on Faris al-Qadri")
    assert baghdad.latitude is not None and 33 < baghdad.latitude < 34  # Baghdad, from the gazetteer


def test_sheet_names_are_unique_and_safe_on_any_file_system() -> None:
    text = "A strike on the old city of Ṣan‘ā’/Yemen on Tuesday killed two people, witnesses said."
    odd = report("Odd Wire", "2024-05-07", text, date="Tuesday", city="Ṣan‘ā’/Yemen", killed="two people")
    twin = report("Twin Wire", "2024-05-07", text, date="Tuesday", city="Ṣan‘ā’/Yemen", killed="two people")
    feed = pipeline.events_from(
        Grouping(
            groups=[
                StrikeGroup(extractions=[pipeline.prepare(odd)]),
                StrikeGroup(extractions=[pipeline.prepare(twin)]),
            ]
        )
    )
    slugs = [e.slug for e in feed.events]
    assert len(set(slugs)) == 2 and slugs[1] == slugs[0] + "-2"
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", s) for s in slugs), slugs


def test_event_slug_never_names_a_sheet_like_the_folder_s_own_files() -> None:
    sheet = pipeline.merge([TOO_LITTLE])
    assert event_slug(sheet) == "undated-unknown-place"


def _tent(outlet: str, published: str, day: str) -> Extraction:
    text = (
        f"GAZA CITY - An Israeli strike on a tent used by journalists outside a hospital in Gaza City {day} "
        "killed reporters Samir Khaled and Rami Nasser, the civil defence said."
    )
    return report(
        outlet,
        published,
        text,
        date=day.removeprefix("on ").removeprefix("late on "),
        city="Gaza City",
        attacker="Israeli",
        people=[{"name": "Samir Khaled", "fate": "killed"}, {"name": "Rami Nasser", "fate": "killed"}],
    )


def test_a_like_story_from_two_weeks_later_is_set_aside_however_alike() -> None:
    """Strikes on journalists in one city a fortnight apart share names and words; the dates decide."""
    folder = [
        _tent("Harbour Post", "2025-03-03", "on Sunday"),
        _tent("Coast Daily", "2025-03-03", "late on Sunday"),
    ]
    later_text = (
        "GAZA CITY - An Israeli strike on a hospital in Gaza City today killed reporter Samir Khaled's "
        "colleague Hadi Omar, two weeks after Samir Khaled and Rami Nasser were killed in their tent."
    )
    later = report(
        "Night Bulletin", "2025-03-17", later_text, date="today", city="Gaza City", attacker="Israeli"
    )
    kept, excluded = set_aside_strays([pipeline.prepare(e) for e in (*folder, later)])
    assert len(kept) == 2
    assert [x.outlet for x in excluded] == ["Night Bulletin"]
    assert "2025-03-17" in excluded[0].reports
