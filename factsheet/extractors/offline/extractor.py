"""The offline extractor: one article in, one Extraction out, by rules and lexicons alone.

Order matters because context builds up: sentences are scored, the strike's own date is
chosen and sentences anchored to other days become background, then its place is chosen
and sentences about other countries become background, and only then are the remaining
fields read, each from the best sentence that supports it. Every value quotes its whole
sentence with offsets; a field no sentence supports stays None.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import Literal

from factsheet.extractors.offline.attackers import attacker_candidates
from factsheet.extractors.offline.blame import blame_claims
from factsheet.extractors.offline.candidates import Candidate, best, is_foreign
from factsheet.extractors.offline.casualties import casualty_candidates, zero_candidates
from factsheet.extractors.offline.claims import claim_for
from factsheet.extractors.offline.context import SentenceInfo, analyse
from factsheet.extractors.offline.dates import (
    article_year,
    compatible,
    date_candidates,
    find_dates,
    statement_day,
)
from factsheet.extractors.offline.gazetteer import Gazetteer, gazetteer
from factsheet.extractors.offline.lexicons import ARMED_ROLES, FORCE_NOUNS, WEAPON_PATTERNS
from factsheet.extractors.offline.orgs import SITE_TIER, org_candidates
from factsheet.extractors.offline.people import person_candidates
from factsheet.extractors.offline.places import PlaceCandidates, named_as_small_town, place_candidates
from factsheet.extractors.offline.sentences import split_sentences
from factsheet.extractors.offline.times import time_candidates
from factsheet.extractors.offline.victims import Named, list_fate, named_people
from factsheet.extractors.offline.weapons import weapon_candidates
from factsheet.models import (
    SCHEMA_VERSION,
    Article,
    Claim,
    CountValue,
    DateValue,
    Extraction,
    PersonValue,
    StrikeEvent,
    TextValue,
    TimeValue,
    Usage,
)
from factsheet.normalise.entities import same_entity, word_count
from factsheet.normalise.numbers import parse_count
from factsheet.normalise.organisations import same_organisation
from factsheet.normalise.places import known_city, landmark

# A strike report says what happened within its first sentences.
_OPENING_SENTENCES = 12
_ATTACK_WORDS = re.compile(
    r"\b(?:air\s?strikes?|strikes?|struck|attacks?|attacked|raids?|bomb(?:ed|ing|ings)|shell(?:ed|ing)|"
    r"bombardment|explosions?|blasts?|hit|hits|targeted|targeting|assassinat\w+|ambush(?:ed)?|"
    r"shot\s+down|fired)\b",
    re.IGNORECASE,
)
_CASUALTY_WORDS = re.compile(
    r"\b(?:killed|kills?|killing|dead|died|wounded|injured|casualties|slain|perished|to\s+death)\b",
    re.IGNORECASE,
)
_NAMED_AS = re.compile(r"\b(?:identified|named)\s+(?:\w+\s+){0,2}as\b", re.IGNORECASE)
# Vocabulary of the other 'strikes': sport (a shot at goal) and labour (a walkout).
_NON_MILITARY = re.compile(
    r"\b(?:match|goals?|goalkeeper|scored|league|cup final|stadium|fans|striker|penalty|"
    r"kick-?off|half-time|tournament|championship|innings|wickets?|"
    r"trade unions?|union members|walkout|picket(?:s|ing)?|pay dispute)\b",
    re.IGNORECASE,
)
_FORCES = re.compile(rf"\b{FORCE_NOUNS}\b", re.IGNORECASE)
# Cross-country mismatch needs a chosen country at least this well supported.
_PLACE_MATCH_BONUS = 1.5


class OfflineExtractor:
    """Deterministic extraction with classical methods; the default when no LLM is configured."""

    name = "offline"

    def extract(self, article: Article) -> Extraction:
        return extract_offline(article)


def _reports_strike(infos: list[SentenceInfo]) -> bool:
    """The opening names an attack together with a weapon, an armed force or casualties.

    The two may stand in neighbouring sentences ('The strike hit a convoy. Three were killed.').
    In sport or labour reporting, where 'strikes' also 'kill off' a side's hopes, casualty
    words do not count: there only a weapon or an armed force makes the attack military.
    """
    opening = [i for i in infos if not i.sentence.is_caption][:_OPENING_SENTENCES]
    civilian_sense = any(_NON_MILITARY.search(i.sentence.text) for i in opening)
    attacks: list[int] = []
    supports: list[int] = []
    for n, info in enumerate(opening):
        text = info.sentence.text
        if not info.is_strike:
            continue
        weapon = any(p.search(text) for p, _ in WEAPON_PATTERNS)
        attack = bool(_ATTACK_WORDS.search(text))
        casualties = bool(_CASUALTY_WORDS.search(text))
        if weapon and (attack or casualties):
            return True
        if attack:
            attacks.append(n)
        if weapon or _FORCES.search(text) or (casualties and not civilian_sense):
            supports.append(n)
    return any(abs(a - b) <= 1 for a in attacks for b in supports)


def _pool(infos: list[SentenceInfo]) -> list[SentenceInfo]:
    """Sentences about this strike (captions included; `best` uses them only as a last resort)."""
    return [i for i in infos if i.is_strike and not i.background]


def _flag_other_dates(
    infos: list[SentenceInfo], main: Candidate, year: int | None, published: str | None
) -> None:
    anchor = main.data
    for info in infos:
        text = info.sentence.text
        # The day someone spoke is not another event's day ('the strike ..., Cook said Wednesday').
        mentions = [m for m in find_dates(text) if not m.relative and not statement_day(text, m)]
        if mentions and not any(compatible(anchor, m, year, published) for m in mentions):
            info.background.add("date")


# A claim of an attack already told: 'claimed responsibility.', '... for the attacks'.
_BACK_REFERENCE = re.compile(
    r"\b(?:claimed|claiming)\s+responsibility(?:\s+for\s+(?:the|that|those|these)\s+(?:attacks?|bombings?|assaults?)\b"
    r"|\s*(?:[,.;]|$))",
    re.I,
)


def _flag_follow_ons(infos: list[SentenceInfo]) -> None:
    """A claim of responsibility that only refers back to the attack of a background sentence
    just before it is about that attack too ('... killed in the June 7 attacks in Tehran. Islamic
    State claimed responsibility for the attacks'): it names no date or other strike of its own."""
    for before, info in pairwise(infos):
        text = info.sentence.text
        if (
            before.background
            and not info.background
            and info.strike_hits <= 1
            and _BACK_REFERENCE.search(text)
            and not find_dates(text)
        ):
            info.background.add("follows")


def _homonym(city: Candidate, gaz: Gazetteer) -> bool:
    """'the town of Toul' in a report from Lebanon: a small town abroad shares the name of the
    place the sentence names as a town; the gazetteer's country for it says nothing."""
    sentence = city.info.sentence
    return named_as_small_town(sentence.text, city.start - sentence.start, city.text, gaz)


def _choose_places(
    found: dict[int, PlaceCandidates], pool: list[SentenceInfo], gaz: Gazetteer
) -> tuple[Candidate | None, Candidate | None, Candidate | None]:
    ids = {i.sentence.index for i in pool}
    countries = [c for k, pc in found.items() if k in ids for c in pc.countries]
    cities = [c for k, pc in found.items() if k in ids for c in pc.cities]
    districts = [c for k, pc in found.items() if k in ids for c in pc.districts]
    city = best(cities)
    if city is None:
        # 'in Musa Qala district' with no city named anywhere: a district of a province, named
        # for its town (a district of a city comes with the city: 'Kyiv's Darnytskyi district').
        city = best([c for k, pc in found.items() if k in ids for c in pc.district_towns])
    city_cc = set(city.data) if city and city.data else set()
    country = _best_matching(countries, city_cc)
    if country is not None and city is not None and city.data and not (set(city.data) & set(country.data)):
        # Prefer a city in the chosen country when there is one; otherwise the two disagree and the
        # weaker of them is dropped rather than reported next to a place it contradicts.
        alt = _best_matching(cities, set(country.data))
        if alt is not None and alt.data and set(alt.data) & set(country.data):
            # ... unless the city was named as a small town: 'the town of Toul in the Nabatieh
            # district' is in Lebanon whatever namesake the gazetteer knows in France.
            city = city if _homonym(city, gaz) else alt
        elif city.score >= country.score:
            country = None
        else:
            city = None
    district = best(districts)
    if city is not None and district is not None and city.text == district.text:
        # 'in Kabul ..., in the Abdul Haq Square area': a quarter of the city named with it is
        # the district; the city is the other place.
        same_sentence = city.info.sentence.index
        other = best(
            c
            for c in cities
            if c.text != city.text and c.info.sentence.index == same_sentence and not is_foreign(c)
        )
        if other is not None and landmark(other.text) and not known_city(city.text):
            city = other
    return country, city, district


def _without_names(found: PlaceCandidates, people: list[PersonValue]) -> PlaceCandidates:
    """A town inside a named person's name is no place: 'Warren' of 'Warren Weinstein', 'Lo Porto'."""
    names = [n for p in people for n in (p.text, *p.aliases) if " " in n]

    def in_name(c: Candidate) -> bool:
        sentence = c.info.sentence
        at = c.start - sentence.start
        return any(
            m.start() <= at and at + len(c.text) <= m.end()
            for n in names
            if f" {c.text} " in f" {n} " and c.text != n
            for m in re.finditer(re.escape(n), sentence.text)
        )

    if not any(in_name(c) for c in found.cities):
        return found
    return replace(found, cities=[c for c in found.cities if not in_name(c)])


def _best_matching(cands: list[Candidate], codes: set[str]) -> Candidate | None:
    cands = [c for c in cands if not is_foreign(c)]
    if not cands:
        return None
    body = [c for c in cands if not c.info.sentence.is_caption] or cands
    return max(
        body,
        key=lambda c: (
            c.score + (_PLACE_MATCH_BONUS if codes & set(c.data or ()) else 0.0),
            -c.info.sentence.index,
        ),
    )


def _flag_other_countries(infos: list[SentenceInfo], found: dict[int, PlaceCandidates], main_cc: str) -> None:
    """Sentences that put a strike in another country are background, except headlines and the lead.

    The lead is the strike by the rules of news writing; exempting it stops one wrong place
    choice from discarding the article's best sentence.
    """
    lead = next(
        (i for i in infos if i.is_strike and not i.sentence.is_title and not i.sentence.is_caption), None
    )
    for info in infos:
        if info is lead or info.sentence.is_title:
            continue
        pc = found.get(info.sentence.index)
        abroad = pc.locative_countries - pc.homonym_countries if pc else frozenset()
        if pc and abroad and main_cc not in pc.locative_countries:
            info.background.add("place")


def _text(c: Candidate | None) -> TextValue | None:
    return TextValue(text=c.text, evidence=c.evidence()) if c else None


def _count(c: Candidate | None) -> CountValue | None:
    return CountValue(text=c.text, evidence=c.evidence()) if c else None


def _time(c: Candidate | None) -> TimeValue | None:
    return TimeValue(text=c.text, evidence=c.evidence()) if c else None


def _claims(infos: list[SentenceInfo]) -> list[Claim]:
    """Attributed statements of strike sentences, then who denies, claims or is blamed for it.

    A denial need not repeat a strike word ('Russia denied any involvement'), so blame is read
    from every sentence of the text that is not background or a caption.
    """
    out: list[Claim] = []
    seen: set[str] = set()
    previous: str | None = None
    by_sentence: dict[int, int] = {}
    for info in infos:
        claim = claim_for(info, previous)
        previous = claim.speaker if claim else None
        if claim is None or not info.usable or claim.statement in seen:
            continue
        seen.add(claim.statement)
        by_sentence[info.sentence.index] = len(out)
        out.append(claim)
    for info in infos:
        if info.background or info.sentence.is_caption:
            continue
        for found in blame_claims(info):
            at = by_sentence.pop(info.sentence.index, None)
            if at is not None:
                # 'The military said it had struck ...': the attributed statement is the claim; type it.
                out[at] = out[at].model_copy(update={"kind": found.kind, "party": found.party})
            elif found.statement not in seen:
                seen.add(found.statement)
                out.append(found)
    return out


# 'the 2000 bombing of the USS Cole that killed 17 sailors', 'the failed 2012 assassination of X':
# a clause that names an earlier year is about that year's event.
_EARLIER_YEAR = re.compile(
    r"(?:\b(?:the|a|an|its|his|their)\s+(?:[\w-]+\s+){0,2}?)?\b(?P<year>(?:19|20)\d\d)\b"
)
_MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?$", re.I
)


def _flag_earlier_years(infos: list[SentenceInfo], year: int | None) -> None:
    """Mark clauses about an earlier year as another event's, so no value is read from them.

    A date in the year before the article's ('December 31, 2018' in a January report) is left to
    the date rules; a year standing alone, or one further back ('October 2000'), counts.
    When the article's own year is unknown, only a year used as a name of an event ('the 2000
    bombing') is taken as another event's.
    """
    for info in infos:
        text = info.sentence.text
        spans = []
        for m in _EARLIER_YEAR.finditer(text):
            named = m.start() < m.start("year")
            if (year is None and not named) or (year is not None and int(m.group("year")) >= year):
                continue
            if _MONTH_BEFORE.search(text[: m.start("year")]) and (
                year is None or int(m.group("year")) >= year - 1
            ):
                # 'December 31, 2018' in a January 2019 report may still be the strike's day.
                continue
            stop = re.search(r"[,;.]\s|[,;]|$", text[m.end() :])
            end = m.end() + (stop.start() if stop else len(text) - m.end())
            if re.match(r"\s*,\s+(?:in\s+which|when|where|which|who|that)\b", text[end:]) or re.match(
                r"^\W*(?:On|In|By)\s+[^.;]{0,25}$", text[: m.start()]
            ):
                # '... the October 2000 attack, in which bombers almost sank the ship in Aden harbour';
                # 'On August 15, 2016, an air strike destroyed part of the hospital': the whole sentence.
                end = len(text)
            spans.append((m.start(), end))
        if spans:
            info.foreign = info.foreign + tuple(spans)


def _read_event(article: Article, infos: list[SentenceInfo], gaz: Gazetteer) -> StrikeEvent:
    year = article_year(article.text, article.published)
    _flag_earlier_years(infos, year)
    date = best(c for i in _pool(infos) for c in date_candidates(i, year, article.published))
    if date is not None:
        _flag_other_dates(infos, date, year, article.published)
    _flag_follow_ons(infos)
    people = _people(infos, gaz)
    found = {i.sentence.index: _without_names(place_candidates(i, gaz), people) for i in infos if i.is_strike}
    country, city, district = _choose_places(found, _pool(infos), gaz)
    main_cc = (country.data[0] if country and country.data else None) or (
        city.data[0] if city and city.data else None
    )
    if main_cc:
        _flag_other_countries(infos, found, main_cc)
        country, city, district = _choose_places(found, _pool(infos), gaz)
    pool = _pool(infos)
    times = [time_candidates(i) for i in pool]
    local = [c for found in times for c in found[0]]
    utc = [c for found in times for c in found[1]]
    # 'The officials ... identified the commander as X' names the target without a strike word.
    named = [
        i
        for i in infos
        if not i.background and not i.sentence.is_caption and _NAMED_AS.search(i.sentence.text)
    ]
    pool_ids = {i.sentence.index for i in pool}
    people_pool = pool + [i for i in named if i.sentence.index not in pool_ids]
    person = best(c for i in people_pool for c in person_candidates(i, gaz))
    if person is not None and (_armed(person) or any(_KILLED_ROLE.search(i.sentence.text) for i in pool)):
        # 'killed a senior al-Shabaab commander ... killed Moalim Ayman': the lead says whom the
        # strike was after, the classic target cues say who that was.
        people = _mark_targeted(people, person)
    target = _principal(people, person)
    attacker = best(c for i in pool for c in attacker_candidates(i, gaz))
    organisations = [c for i in pool for c in org_candidates(i, gaz)]
    if _civilian_site(infos):
        # A strike on a hospital, a funeral or a convoy names no armed target by mentioning the
        # war's parties; only a group tied to the dead by a role ('a Hamas commander') or to the
        # site hit ('struck a Hamas compound inside the school') counts.
        organisations = [c for c in organisations if c.tier >= SITE_TIER]
    if attacker is not None:
        # The group that carried out the strike is not the organisation it targeted.
        organisations = [c for c in organisations if not same_organisation(c.text, attacker.text)]
    return StrikeEvent(
        date=DateValue(text=date.text, evidence=date.evidence()) if date else None,
        local_time=_time(best(local)),
        utc_time=_time(best(utc)),
        country=_text(country),
        city=_text(city),
        district=_text(district),
        attacker=_text(attacker),
        weapon=_text(best(c for i in pool for c in weapon_candidates(i))),
        target_person=target,
        people=people,
        target_organisation=_text(best(organisations)),
        killed=_count(_toll(infos, pool, "killed")),
        injured=_count(_toll(infos, pool, "injured")),
        claims=_claims(infos),
    )


_CIVILIAN_SITE = re.compile(
    r"\b(?:(?:air\s?)?strikes?|struck|attacks?|attacked|raids?|bomb\w*|shell\w*|hit|hits|targeted|targeting|"
    r"missiles?)\b(?:[^.;]|(?<=\b[A-Z])\.){0,80}?\b(?:hospitals?|clinics?|schools?|school\s+bus|funerals?|funeral\s+hall|"
    r"weddings?|markets?|detention\s+(?:centre|center)|migrants?|prisons?|aid\s+convoy|convoy\s+of\s+aid|"
    r"churche?s?|mosques?|tents?|shelters?|bakery|residential\s+(?:building|block|area)|homes?|houses?|"
    r"apartment\s+(?:building|block)s?|journalists)\b",
    re.IGNORECASE,
)
_OPENING_FOR_SITE = 3


def _civilian_site(infos: list[SentenceInfo]) -> bool:
    """The headline or lead says the strike hit a civilian site."""
    opening = [i for i in infos if i.is_strike and not i.sentence.is_caption][:_OPENING_FOR_SITE]
    return any(_CIVILIAN_SITE.search(i.sentence.text) for i in opening)


def _toll(
    infos: list[SentenceInfo], pool: list[SentenceInfo], kind: Literal["killed", "injured"]
) -> Candidate | None:
    """The count from the strike sentences; failing that, a statement that nobody was killed or hurt.

    'There were no casualties' rarely repeats a strike word, so any body sentence not set aside
    may give the zero; a photo caption may not.
    """
    candidates = [c for i in pool for c in casualty_candidates(i, kind)]
    found = best(candidates)
    if found is not None:
        vague = parse_count(found.text)
        if vague is not None and vague[1] is None and vague[2] is None:
            # 'Dozens killed' in the headline, 'at least 56 civilians' in the body: the figure
            # says more, when it agrees with the vague word.
            figures = [
                c for c in candidates if (n := parse_count(c.text)) and n[1] is not None and n[1] >= vague[0]
            ]
            found = best(figures) or found
        return found
    body = [i for i in infos if not i.background and not i.sentence.is_caption]
    return best(c for i in body for c in zero_candidates(i, kind))


def _people(infos: list[SentenceInfo], gaz: Gazetteer) -> list[PersonValue]:
    """Everyone the article names as killed, hurt, spared or targeted, once each, fullest name first."""
    found: list[Named] = []
    inherited: str | None = None
    for info in infos:
        if info.sentence.is_caption:
            inherited = None
            continue
        found += named_people(info, gaz, inherited)
        inherited = list_fate(info)
    merged: list[PersonValue] = []
    for named in sorted(found, key=lambda n: -n.score):
        p = named.person
        same = next((m for m in merged if same_entity(m.text, p.text, allow_short_form=True)), None)
        if same is None:
            merged.append(p)
            continue
        i = merged.index(same)
        fate = same.fate if _FATE_RANK[same.fate] >= _FATE_RANK[p.fate] else p.fate
        fuller = p.text if word_count(p.text) > word_count(same.text) else same.text
        merged[i] = same.model_copy(
            update={
                "text": fuller,
                "fate": fate,
                "targeted": same.targeted or p.targeted,
                "role": same.role or p.role,
            }
        )
    return merged


_FATE_RANK = {"killed": 3, "injured": 2, "survived": 2, "targeted": 1, "unknown": 0}
_KILLED_ROLE = re.compile(
    r"\b(?:killed|killing|kills|targeted|targeting|eliminated|assassinated)\s+(?:(?:a|an|the|one|two|three)\s+)?"
    rf"(?:[\w’'-]+\s+){{0,4}}?(?:{'|'.join(sorted(ARMED_ROLES))}|chief|"
    r"figure\s+in\s+the\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)s?\b"
    # 'The commander of the Revolutionary Guards was killed in the attack'
    rf"|\b(?:{'|'.join(sorted(ARMED_ROLES))}|chief|head)s?\s+of\s+[^.;]{{0,60}}?\s+(?:was|were|has\s+been|have\s+been)"
    r"\s+(?:\w+\s+)?(?:killed|assassinated|eliminated)\b",
    re.IGNORECASE,
)


def _armed(candidate: Candidate) -> bool:
    """The classic target cues gave the person a group or an armed role ('senior Hezbollah commander')."""
    data = candidate.data
    if data is None:
        return False
    role_words = set((data.role or "").lower().split())
    return bool(data.organisation) or bool(role_words & ARMED_ROLES)


def _mark_targeted(people: list[PersonValue], candidate: Candidate) -> list[PersonValue]:
    out = []
    found = False
    for p in people:
        if same_entity(p.text, candidate.text, allow_short_form=True):
            p = p.model_copy(update={"targeted": True})
            found = True
        out.append(p)
    if not found:
        role = candidate.data.role if candidate.data else None
        organisation = candidate.data.organisation if candidate.data else None
        out.append(
            PersonValue(
                text=candidate.text,
                evidence=candidate.evidence(),
                role=role,
                organisation=organisation,
                targeted=True,
                fate="targeted",
            )
        )
    return out


def _principal(people: list[PersonValue], candidate: Candidate | None) -> PersonValue | None:
    """The targeted person: the classic target cues' pick when it is among the targeted, else the first."""
    targeted = [p for p in people if p.targeted]
    if candidate is not None:
        for p in targeted:
            if same_entity(p.text, candidate.text, allow_short_form=True):
                data = candidate.data
                return p.model_copy(
                    update={
                        "text": candidate.text,
                        "role": (data.role if data and data.role else None) or p.role,
                        "organisation": (data.organisation if data else None) or p.organisation,
                    }
                )
    return targeted[0] if targeted else None


def extract_offline(article: Article) -> Extraction:
    """Read one article with rules and lexicons; never guesses a field it cannot quote."""
    if article.language not in (None, "en"):
        # English rules on another language read noise as facts: fill nothing, say why
        # (screening adds the warning that names the language).
        return Extraction(
            schema_version=SCHEMA_VERSION,
            article=article,
            event=StrikeEvent(),
            is_strike=False,
            extractor="offline",
            usage=Usage(),
            warnings=[],
        )
    infos = analyse(split_sentences(article.text))
    is_strike = _reports_strike(infos)
    warnings: list[str] = []
    if is_strike:
        event = _read_event(article, infos, gazetteer())
    else:
        event = StrikeEvent()
        warnings.append("offline: no sentence in the opening names an attack with a weapon or casualties")
    return Extraction(
        schema_version=SCHEMA_VERSION,
        article=article,
        event=event,
        is_strike=is_strike,
        extractor="offline",
        model=None,
        prompt_version=None,
        usage=Usage(),
        warnings=warnings,
    )
