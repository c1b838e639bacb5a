"""Where the strike hit: country, city and district, in the words of the strike sentences.

Place names count only where the sentence puts the strike there: after a locative word
('in Baghdad', 'struck Kharkiv', 'east of the Iraqi capital'), as a possessive before a
neighbourhood ('Gaza City's Shejaiya district'), in 'City, Country', or in 'the X area of
Y'. A name used as an actor ('Moscow said', 'Tehran-backed') or as a modifier is weak
evidence and only used when nothing better exists. The country is never inferred from
the city: it must be written ('in Iraq', 'the Iraqi capital').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from factsheet.extractors.offline.candidates import Candidate
from factsheet.extractors.offline.context import SentenceInfo
from factsheet.extractors.offline.dates import dateline_end
from factsheet.extractors.offline.gazetteer import Gazetteer, fold
from factsheet.extractors.offline.lexicons import (
    AMBIGUOUS_COUNTRY_NAMES,
    DEMONYM_PLACE_NOUNS,
    DIRECTION,
    DISTRICT_NOUNS,
    NOT_NAME_WORDS,
    REGION_NOUNS,
    SHIP_PREFIXES,
    WEEKDAYS,
)
from factsheet.extractors.offline.names import NameSpan, name_runs
from factsheet.normalise.actors import country_actor
from factsheet.normalise.organisations import known
from factsheet.normalise.places import region_seat

PlaceKind = Literal["country", "demonym", "city"]

_LOCATIVE = re.compile(
    rf"(?:\b(?:in|near|outside|on|at|into|across|around|over|inside|throughout|within|targeting|targeted|"
    rf"hit|hits|hitting|struck|strikes|striking|bombed|bombing|shelled|shelling|pounded|attacked)\s+"
    rf"|\b(?:{DISTRICT_NOUNS}|outskirts|part|parts|centre|center|heart|edge|city|town|village|capital|province|"
    rf"region|{DIRECTION})\s+of\s+)"
    rf"(?:the\s+)?(?:(?:city|town|village|port\s+city|capital|outskirts)\s+of\s+)?"
    rf"(?:(?:{DIRECTION})\s+)?(?:parts?\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
# A place followed by one of these modifies people or forces ('US troops'), it is not where the strike was.
_MODIFIES_AFTER = re.compile(
    r"^\.?[’']?s?(?:(?:\s*,|\s+and)\s+[A-Z][\w.’'-]*)*\s+(?:troops|forces|soldiers|personnel|military|army|service|servicemen|citizens|nationals|"
    r"officials|government|embassy|bases?|warships?|ships?|vessels?|drones?|jets?|warplanes?|aircraft|"
    r"missiles?|interests|targets|positions|air\s*strikes?|airstrikes?|strikes?|attacks?|raids?|bombing)\b",
    re.IGNORECASE,
)
# 'Charles Lister of the Brookings Doha Center', 'The New York Times quoted': part of a body's name.
_NAME_PART_AFTER = re.compile(
    r"^(?:\s+[A-Z][a-z]+)?\s+(?:Institution|Institute|Center|Centre|University|Foundation|College)\b"
    r"|^\s+(?:Times|Post|Journal|Herald|Tribune|Gazette|Independent|Observer|Chronicle)\b"
)
# A strike word shortly before 'in <place>' puts a strike there ('a drone attack in Jordan').
_STRIKE_NEAR_BEFORE = re.compile(
    rf"\b(?:air\s?strikes?|strikes?|struck|attacks?|attacked|raids?|bomb\w*|shell\w*|missiles?|rockets?|"
    rf"drones?|explosions?|blasts?|killed|killing|dead|died|wounded|injured|hit)\b[^,.;]{{0,40}}"
    rf"\b(?:in|near|outside|inside|across)\s+(?:the\s+)?(?:(?:{DIRECTION})\s+)?$",
    re.IGNORECASE,
)
_SETTLEMENT_AFTER = re.compile(
    r"^\s+(?:market|village|town|area|hamlet|camp|refugee\s+camp|settlement|air\s*base|airbase|airfield|"
    r"air\s+field|military\s+base|(?:oil|gas)\s+field|oilfield)\b",
    re.IGNORECASE,
)
# 'X market in Y', 'X camp near Y': Y is the settlement the site belongs to.
_WITHIN = re.compile(r"^\s+(?:market|camp|area)\s+in\s+(?:the\s+)?(?:(?:town|village|district)\s+of\s+)?")
_SETTLEMENT_BEFORE = re.compile(
    r"\b(?:in|at|near|of|on|the|busy|crowded|main|local)\s+(?:the\s+)?(?:busy\s+|crowded\s+|main\s+)?$",
    re.IGNORECASE,
)
# Capitalised words that open a sentence or name a body, not a place ('The Red Cross market').
NOT_PLACE_STARTS = {"The", "A", "An", "This", "That", "Its", "Their", "His", "Her", "Our"}
_CAPITAL_BEFORE = re.compile(r"\bcapital,?\s+$|\bcity\s+of\s+$", re.IGNORECASE)
_REGION_AFTER = re.compile(rf"^\s+{REGION_NOUNS}\b", re.IGNORECASE)
# 'the Syrian province of Aleppo', 'Saada governorate': a region's name, not the city hit.
_REGION_BEFORE = re.compile(
    r"\b(?:province|provinces|governorate|region|oblast|district|county|state)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Where the dead and wounded were taken ('doctors in Quetta received two bodies'), or where a
# missile came from: other places than the strike's.
_CARE_CONTEXT = re.compile(
    r"\b(?:hospitals?|doctors|morgue|medics|receiving|received|taken\s+to|transferred\s+to|evacuated\s+to|"
    r"brought\s+to|funerals?|buried)\b",
    re.IGNORECASE,
)
# 'near the Syrian city of Aleppo', 'to the east of the Yemeni capital, Sanaa': a landmark the
# strike is placed by, weaker evidence than the place it hit ('in the town of Urum al-Kubra').
_REFERENCE_BEFORE = re.compile(
    r"\b(?:near|outside|close\s+to|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)\s+"
    r"(?:the\s+)?(?:[A-Z][a-z]+\s+|(?:[\w’'-]+\s+){1,3}(?=(?:city|town|capital|village)\b))?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?"
    r"(?P<noun>(?:city|town|capital|village)(?:\s+of|,)?\s+)?$",
)
# 'the movement, who control Yemen's capital Sanaa, struck ...': who holds the city, not where it hit.
_CONTROL_BEFORE = re.compile(
    r"\b(?:control|controls|controlled|controlling|hold|holds|held|seized|captured|took)\s+"
    r"(?:[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# 'about 100km from the city of Saada', '200 kilometers (125 miles) northwest of Mogadishu'
_DISTANCE_BEFORE = re.compile(
    r"\b(?P<n>\d[\d,.]*)\s*(?P<unit>km|kilometres|kilometers|miles)\b(?:\s*\([^)]{1,30}\))?\s+(?:[\w-]+\s+){0,2}?"
    r"(?:from|of)\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)?(?:(?:city|town|capital|village)(?:\s+of)?\s+)?$",
    re.I,
)
# A town this far from the strike is a landmark; a nearer one ('20 miles south of Jilib') is
# named as 'near' towns are: the place, less precisely.
_FAR_KM = 40


def _distance_km(before: str) -> float | None:
    """How far from the named town the text puts the strike ('about 100km from'), if it says."""
    m = _DISTANCE_BEFORE.search(before)
    if m is None:
        return None
    return float(m.group("n").replace(",", "")) * (1.6 if m.group("unit").lower() == "miles" else 1.0)


def _far(before: str) -> bool:
    km = _distance_km(before)
    return km is not None and km >= _FAR_KM


# A town or village named as 'near' is small enough to be where the strike was ('near the town
# of Jilib'); a city is a landmark.
_LANDMARK_POPULATION = 500_000
_NEAR_TIER = 2.5
# A site or village named as such ('the Dahyan market', 'the village of Tokhar').
_SITE_TIER = 3.5
_HELD_BY = re.compile(r"-(?:controlled|held|led|backed|run|occupied|besieged|dominated|majority)$", re.I)
# 'near the Yemeni capital': a landmark, not the place hit ('east of the capital' may be either).
# 'Russian leader Vladimir Putin': a town's name that a person's name goes on from is a first name.
_NAME_GOES_ON = re.compile(r"\s+[A-Z][a-z]+\b(?!\s+(?:[Pp]rovince|[Gg]overnorate|[Rr]egion|[Dd]istrict))")
_DIRECTION_BEFORE = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?ern\s+$", re.I)
_NEAR_CAPITAL = re.compile(r"\b(?:near|outside|close\s+to)\s+$", re.I)
# English words that a headline capitalises and a gazetteer also lists as towns ('Raid Kills
# Dozens at Wedding': Wedding is a part of Berlin).
_COMMON_WORDS = frozenset(
    [
        "wedding",
        "market",
        "school",
        "hospital",
        "mosque",
        "funeral",
        "convoy",
        "camp",
        "reading",
        "mobile",
        "nice",
        "split",
        "bath",
        "sale",
        "deal",
        "police",
        "army",
        "home",
        "homes",
    ]
)
# Names of seats of government and buildings that a gazetteer also lists as towns.
_NOT_PLACES = frozenset(
    {
        *("White House", "Pentagon", "Kremlin", "Capitol", "Capitol Hill", "Downing Street"),
        # Continents and world regions: the gazetteer has small towns named for some of them.
        *("Africa", "Asia", "Europe", "America", "Americas", "Middle East", "Horn of Africa", "Sahel"),
    }
)
# 'wounded and in the hospital in Lashkar Gah': where the wounded lie, even after a casualty word.
_CARED_IN = re.compile(
    r"(?P<before>\b\w+\s+(?:(?:a|an|the)\s+)?)(?:hospitals?|clinic|morgue)\s+(?:in|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# ... unless the hospital is what was hit ('air strikes hit a hospital in Saada').
_HIT_BEFORE = re.compile(r"^(?:hit|hits|struck|bombed|shelled|targeted|targeting|on)\s", re.IGNORECASE)


def _cared_in(before: str) -> bool:
    m = _CARED_IN.search(before)
    return m is not None and not _HIT_BEFORE.match(m.group("before"))


_FROM_BEFORE = re.compile(
    r"\b(?:from|towards|toward)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$|\bfrom\s+[^,.;]{1,60}?\s+to\s+$",
    re.IGNORECASE,
)
# 'an Israeli F-16 crashed inside Israel after coming under Syrian fire': where a plane came down.
_CRASHED_BEFORE = re.compile(
    r"\b(?:crashed|crash-landed)\s+(?:in|inside|into|near)\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?$",
    re.IGNORECASE,
)
# 'In Kabul, a defence ministry spokesman confirmed ...': where the speaker is, not the strike.
_SPEAKER_PLACE = re.compile(
    r"^\s*,\s+(?:[^,.;]{0,60},\s+)?[^,.;]{0,80}?\b(?:spokes\w+|officials?|minister|ministry|president|police|"
    r"sources?|government|governor|commander|army|military|residents|witnesses|locals)\b[^,.;]{0,40}?\s+"
    r"(?:said|says|confirmed|told|announced|stated)\b",
    re.IGNORECASE,
)
_FORCE_OR_SHIP_AFTER = re.compile(
    r"^\.?\s+(?:Navy|naval|army|military|air\s+force|forces|troops|destroyer|warships?|vessels?|ships?|"
    r"embassy|diplomats?|soldiers|marines)\b",
    re.IGNORECASE,
)
_ACTOR_AFTER = re.compile(
    r"^(?:\s+(?:said|says|claimed|denied|officials|government|authorities|has|have|had|will|would)\b|-)",
    re.IGNORECASE,
)
_POSSESSIVE_PLACE_AFTER = re.compile(
    rf"^[’']s?\s+(?:(?:[A-Za-z’'\-]+\s+){{0,3}}?{DISTRICT_NOUNS}\b|{DIRECTION}\b|capital\b|city\b|port\b|streets?\b)",
    re.IGNORECASE,
)
_DEMONYM_PLACE = re.compile(
    rf"\bthe\s+(?:(?:{DIRECTION})\s+)?(?P<dem>[A-Z][a-z]+)\s+(?P<noun>{DEMONYM_PLACE_NOUNS})\b"
)
_TOWN_OF = re.compile(
    r"\b(?:city|towns?|villages?|hamlets?|port\s+city|port|border\s+town)\s+of\s+", re.IGNORECASE
)
_COMMA_COUNTRY = re.compile(r"^,\s+$")
# A place the gazetteer lacks, placed by the region around it ('in Orum al-Kubra in the Aleppo
# region') or by an apposition ('in Jaramana, a suburb of Damascus').
# 'the Golis Mountains in the Bari region': a landform, not a settlement
_LANDFORMS = frozenset(
    {
        *("Mountains", "Mountain", "Hills", "Hill", "Valley", "Desert", "River", "Sea", "Gulf", "Lake"),
        *("Coast", "Plateau", "Heights", "Range", "Island", "Islands"),
    }
)
_REGION_WORDS = frozenset({"Province", "Governorate", "Region", "Oblast", "State", "County", "District"})
# 'at Nasser Hospital in Khan Younis Governorate', 'Abha International Airport in Asir Province':
# a facility placed by its province is the site, not a town.
_FACILITY_WORDS = frozenset(
    {
        *("Hospital", "Airport", "Base", "School", "Mosque", "University", "Prison", "Stadium", "Hall"),
        *("Centre", "Center", "Port", "Hotel", "Church", "Building", "Tower", "Complex", "Facility"),
        *("Plant", "Refinery", "Terminal", "Dam", "Bridge", "Camp", "Market", "Station", "Factory"),
    }
)
_IN_BEFORE = re.compile(r"\b(?:in|near|at)\s+(?:the\s+)?(?:(?:north|south|east|west)[\w-]*\s+)?$", re.I)
_IN_DISTRICT_BEFORE = re.compile(rf"\b(?:in|near|at)\s+(?:the\s+)?(?:(?:{DIRECTION})\s+)?$", re.I)
_PLACED_AFTER = re.compile(
    r"^\s+(?:in|of)\s+(?:the\s+)?(?:[A-Z][\w’'-]+\s+){1,3}(?i:region|province|governorate|district|countryside)\b"
    # 'in Musa Qala, Helmand province', 'in Bur Elade, Dinsor district'
    r"|^,\s+(?:[A-Z][\w’'-]+\s+){1,2}(?:province|governorate|oblast|district)\b"
    # 'in Rann, part of the Kala-Balge local government area', '..., near the border with Cameroon'
    r"|^,\s+(?:part\s+of|in)\s+the\s+(?:[A-Z][\w’'-]+\s+){1,3}(?:local\s+government\s+area|area|district|"
    r"region|province|governorate)\b"
    r"|^,\s+near\s+the\s+(?:\w+\s+)?(?:border|frontier)\b"
    r"|^,\s+(?:a|the)\s+(?:small\s+|rebel-held\s+|remote\s+)?(?:town|village|suburb|hamlet)\s+(?:in|of|near|outside)\b"
    # 'in Aqraba, south-east of Damascus', 'in Mansoura, 26 km west of Raqqa'
    r"|^,\s+(?:(?:about|some|around)\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\b"
    r"|^,\s+(?:(?:about|some|around)\s+)?\d+\s*(?:km|kilometres|kilometers|miles)\s+from\b"
)
_DISTRICT_AFTER = re.compile(rf"^\s+(?:refugee\s+)?(?P<noun>{DISTRICT_NOUNS})\b", re.IGNORECASE)
_OF_CITY_AFTER = re.compile(rf"^\s+(?:of|in)\s+(?:the\s+)?(?:(?:{DIRECTION})\s+)?$", re.IGNORECASE)
_DISTRICT_OF = re.compile(
    r"\bthe\s+(?:neighbou?rhood|district|suburb|quarter|area|camp)\s+of\s+$", re.IGNORECASE
)
# 'the Haydan district of Saada governorate', 'Kunar province's Dangam district', 'Abs district
# in Hajjah province': a district of a province is a rural administrative area, named for its
# town, which is where the strike hit; a district of a city is a neighbourhood.
_OF_PROVINCE_AFTER = re.compile(
    rf"^\s+district\s+(?:of|in)\s+(?:the\s+)?(?:[A-Z][\w'-]+[’']s?\s+)?(?:(?:{DIRECTION})\s+)?"
    r"(?:[A-Z][\w’'-]+\s+){1,2}(?:province|governorate|governate)\b"
)
_PROVINCE_BEFORE = re.compile(r"\b(?:province|governorate|governate)[’']s?\s+$")
_LEADING_DETERMINER = re.compile(r"^(?:The|A|An|This|That)\s+")
_BAD_DISTRICT_WORDS = frozenset(
    {*NOT_NAME_WORDS, *WEEKDAYS, "Green", "Red", "Border", "Military", "Industrial", "Residential"}
)
_MIN_MODIFIER_POPULATION = 100_000


@dataclass(frozen=True)
class PlaceMention:
    text: str
    start: int
    end: int
    kind: PlaceKind
    countries: tuple[str, ...]
    population: int = 0


@dataclass(frozen=True)
class PlaceCandidates:
    countries: list[Candidate]
    cities: list[Candidate]
    districts: list[Candidate]
    # 'in Musa Qala district', with no city it belongs to: maybe a province's district, named for
    # its town; the city only when the article names no city at all.
    district_towns: list[Candidate]
    # Countries the sentence puts a strike in ('a drone attack in Jordan'): a cue for other events.
    locative_countries: frozenset[str]
    # Countries of small towns named as towns ('the town of Toul'), which may be a namesake's.
    homonym_countries: frozenset[str] = frozenset()


def _mention_for(span: NameSpan, gaz: Gazetteer) -> PlaceMention | None:
    text = span.text
    if text in _NOT_PLACES or text.lower() in _COMMON_WORDS:
        return None
    cc = gaz.country(text)
    if cc:
        return PlaceMention(text, span.start, span.end, "country", (cc,))
    cc = gaz.demonym(text)
    if cc:
        return PlaceMention(text, span.start, span.end, "demonym", (cc,))
    found = gaz.cities.get(fold(text))
    if found:
        ranked = sorted(found, key=lambda c: -c.population)
        return PlaceMention(
            text,
            span.start,
            span.end,
            "city",
            tuple(dict.fromkeys(c.country for c in ranked)),
            ranked[0].population,
        )
    return None


def find_places(text: str, gaz: Gazetteer) -> list[PlaceMention]:
    """Countries, demonyms and cities named in a text, longest name first at each position."""
    out: list[PlaceMention] = []
    for run in name_runs(text):
        if " " in run.text and known(run.text):
            continue  # 'Jabhat Fateh al-Sham', 'Ahrar al-Sham': a group's name, not the Levant
        words = list(re.finditer(r"\S+", run.text))
        i = 0
        while i < len(words):
            found = None
            for j in range(min(len(words), i + 4), i, -1):
                start = run.start + words[i].start()
                end = run.start + words[j - 1].end()
                piece = NameSpan(
                    text[start:end].rstrip(",.;:"), start, start + len(text[start:end].rstrip(",.;:"))
                )
                found = _mention_for(piece, gaz)
                if found:
                    i = j
                    break
            if found:
                out.append(found)
            else:
                i += 1
    return out


def _locative(text: str, m: PlaceMention) -> bool:
    if _MODIFIES_AFTER.match(text[m.end :]):
        return False
    return bool(_LOCATIVE.search(text[max(0, m.start - 60) : m.start]))


def _strike_there(text: str, m: PlaceMention) -> bool:
    return bool(_STRIKE_NEAR_BEFORE.search(text[max(0, m.start - 60) : m.start]))


def place_candidates(info: SentenceInfo, gaz: Gazetteer) -> PlaceCandidates:
    s = info.sentence
    text = s.text
    # A wire dateline ('BEIRUT, June 12 (Reuters) -') says where the story was filed, not the strike.
    opening = dateline_end(text)
    mentions = [m for m in find_places(text, gaz) if m.start >= opening]
    countries: list[Candidate] = []
    cities: list[Candidate] = []
    districts: list[Candidate] = []
    locative: set[str] = set()
    # Towns the sentence puts a strike in, with their country: kept only if the town is still a
    # candidate at the end (a site's whole name may replace it: 'Nur' of 'Nur Gul Kalay').
    placed_in: list[tuple[Candidate, tuple[str, ...]]] = []
    homonyms: set[str] = set()

    def cand(m: PlaceMention | NameSpan, tier: float, data: tuple[str, ...]) -> Candidate:
        return Candidate(m.text, s.start + m.start, s.start + m.end, info, tier=tier, data=data)

    for idx, m in enumerate(mentions):
        before, after = text[max(0, m.start - 60) : m.start], text[m.end :]
        if re.match(r"\s+of\s+Africa\b", after) or _NAME_PART_AFTER.match(after):
            continue  # 'the Horn of Africa': a region, not the town of Horn; 'the New York Times'
        if _CRASHED_BEFORE.search(before) or before.rstrip().rsplit(" ", 1)[-1] in SHIP_PREFIXES:
            continue  # ('the USS Mason': a ship's name)
        if m.kind == "country":
            if _FORCE_OR_SHIP_AFTER.match(after):
                continue  # 'fired at the U.S. Navy destroyer': whose forces, not where
            if m.text in AMBIGUOUS_COUNTRY_NAMES and not _locative(text, m):
                continue
            prev = mentions[idx - 1] if idx else None
            after_city = (
                prev is not None and prev.kind == "city" and _COMMA_COUNTRY.match(text[prev.end : m.start])
            )
            if _locative(text, m) or after_city or _POSSESSIVE_PLACE_AFTER.match(after):
                countries.append(cand(m, 3.0, m.countries))
                if _strike_there(text, m):
                    locative.update(m.countries)
        elif m.kind == "demonym":
            continue
        else:
            if (
                _REGION_AFTER.match(after)
                or _REGION_BEFORE.search(before)
                or _FROM_BEFORE.search(before[-80:])
                or (re.fullmatch(r"\s*(?:In|in)\s+", text[: m.start]) and _SPEAKER_PLACE.match(after))
            ):
                continue
            if _CARE_CONTEXT.search(text) and (
                not _strike_there(text, m) or _cared_in(text[max(0, m.start - 40) : m.start])
            ):
                continue
            if _CONTROL_BEFORE.search(before):
                continue
            if _locative(text, m) or _CAPITAL_BEFORE.search(before) or _POSSESSIVE_PLACE_AFTER.match(after):
                near = _REFERENCE_BEFORE.search(before)
                noun = (near.group("noun") or "") if near else ""
                reference = bool(near) and (
                    noun.startswith(("city", "capital"))
                    or (not noun and m.population >= _LANDMARK_POPULATION)
                )
                km = _distance_km(before)
                if reference or (km is not None and km >= _FAR_KM):
                    # The strike was near the city, not in it ('about 100km from Saada'): a landmark.
                    continue
                # 'outside Manbij': a town the strike was near, less precise than 'in the village of X';
                # 'in western Aleppo': a province named for its seat, less precise than a town in it.
                province = bool(_DIRECTION_BEFORE.search(before)) and region_seat(m.text)
                vague = near or km is not None or province
                cities.append(cand(m, _NEAR_TIER if vague else 3.0, m.countries))
                if _strike_there(text, m):
                    placed_in.append((cities[-1], m.countries[:1]))
                if named_as_small_town(text, m.start, m.text, gaz):
                    # 'the town of Toul' in Lebanon: the gazetteer's Toul is a small town in France;
                    # its country may be a namesake's, so it does not set the sentence abroad.
                    homonyms.update(m.countries[:1])
            elif (
                not _ACTOR_AFTER.match(after)
                and not re.match(r"[’']s?\s+[a-z]", after)
                and not _NAME_GOES_ON.match(after)
                and m.population >= _MIN_MODIFIER_POPULATION
                and not country_actor(m.text)
            ):
                # ('admonishing Washington for': a capital standing for its government is no place)
                # 'undermines Damascus' counter-terrorism operations': the government, not the place.
                cities.append(cand(m, 1.0, m.countries))
    for dm in _DEMONYM_PLACE.finditer(text):
        cc = gaz.demonym(dm.group("dem"))
        if not cc:
            continue
        span = NameSpan(dm.group("dem"), dm.start("dem"), dm.end("dem"))
        countries.append(cand(span, 2.5, (cc,)))
        if _STRIKE_NEAR_BEFORE.search(text[max(0, dm.start() - 60) : dm.start()]) and not any(
            a <= dm.start() < b for a, b in info.foreign
        ):
            locative.add(cc)  # 'an attack that killed 74 people in the Pakistani city of Quetta'
        if dm.group("noun").lower() == "capital" and not _NEAR_CAPITAL.search(
            text[max(0, dm.start() - 40) : dm.start()]
        ):
            phrase = NameSpan(text[dm.start() : dm.end()], dm.start(), dm.end())
            cities.append(cand(phrase, 2.0, (cc,)))
    for tm in _TOWN_OF.finditer(text):
        span = next((r for r in name_runs(text[tm.end() :])), None)
        if span is None or span.start != 0 or gaz.country(span.text) or gaz.demonym(span.text):
            continue
        if tm.group().lower().startswith("city") and _REFERENCE_BEFORE.search(
            text[max(0, tm.start() - 40) : tm.end()]
        ):
            continue  # 'near the Syrian city of Aleppo': a landmark
        if _far(text[max(0, tm.start() - 60) : tm.end()]):
            continue  # 'about 100km from the city of Saada': a landmark
        named = re.search(r"([A-Z][\w’'-]*)\s+$", text[: tm.start()])
        if (
            named
            and tm.group().lower().startswith(("village", "hamlet"))
            and not (gaz.country(named.group(1)) or gaz.demonym(named.group(1)))
        ):
            continue  # 'the Nur Gul Kalay village of Dangam district': the name before is the village
        # 'the village of Tokhar' pins the place down as 'Tokhar village' does; 'the city of' less;
        # the whole name replaces a gazetteer town found in its first word ('Khan' of 'Khan Seikhoun').
        tier = _SITE_TIER if tm.group().lower().startswith(("village", "hamlet")) else 3.0
        _add_site(cities, cand(NameSpan(span.text, tm.end(), tm.end() + span.end), tier, ()))
    for span in name_runs(text):
        after = text[span.end :]
        country_after = re.match(r",\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\b", after)
        placed = _PLACED_AFTER.match(after) or (country_after and gaz.country(country_after.group(1)))
        if (
            span.start < opening
            or not placed
            or span.text.split()[-1] in _LANDFORMS | _REGION_WORDS | _FACILITY_WORDS
        ):
            continue  # ('in Rann, Nigeria': a town the gazetteer lacks, placed by its country)
        if not _IN_BEFORE.search(text[max(0, span.start - 25) : span.start]):
            continue
        if gaz.country(span.text) or gaz.demonym(span.text) or span.text.split()[0] in NOT_PLACE_STARTS:
            continue
        _add_site(cities, cand(span, _SITE_TIER, ()))
    for span in name_runs(text):
        # 'the busy Dahyan market', 'in Ahmed Wal area', 'the Nur Gul Kalay village': the site
        # itself, which a gazetteer of cities rarely has; it says more than the province's capital.
        run_end = span.end
        span = _without_nationality(span, gaz)
        if span.start < opening or not _SETTLEMENT_AFTER.match(text[run_end:]):
            continue
        if not _SETTLEMENT_BEFORE.search(text[max(0, span.start - 25) : span.start]):
            continue
        if _FROM_BEFORE.search(text[max(0, span.start - 80) : span.start]):
            continue  # 'drones launched from the Incirlik air base': where from, not where hit
        if _HELD_BY.search(span.text):
            continue  # 'the ISIL-controlled town of Manbij': who holds it, not its name
        if gaz.country(span.text) or gaz.demonym(span.text) or span.text.split()[0] in NOT_PLACE_STARTS:
            continue
        within = _WITHIN.match(text[run_end:])
        if within:
            # 'the Al-Khamees market in Mastaba district': the market is a site in Mastaba.
            inner = next(iter(name_runs(text[run_end + within.end() :])), None)
            after_inner = text[run_end + within.end() + (inner.end if inner else 0) :]
            if (
                inner is not None
                and inner.start == 0
                and not gaz.country(inner.text)
                and not _REGION_AFTER.match(after_inner)
            ):
                start = run_end + within.end()
                span = NameSpan(inner.text, start, start + inner.end)
        _add_site(cities, cand(span, _SITE_TIER, ()))
    district_towns: list[Candidate] = []
    districts.extend(_district_candidates(info, gaz, mentions, cities, district_towns))
    # A town the gazetteer lacks, named next to one country ('the port of Hodeidah in western
    # Yemen'), is taken to lie in it; this only steers the choice, the country is not output from it.
    codes = {c.data[0] for c in countries if c.data}
    if len(codes) == 1:
        cities = [
            c if c.data else Candidate(c.text, c.start, c.end, c.info, c.tier, tuple(codes)) for c in cities
        ]
    for town, codes in placed_in:
        if town in cities:
            locative.update(codes)
    return PlaceCandidates(
        countries, cities, districts, district_towns, frozenset(locative), frozenset(homonyms)
    )


def _without_nationality(span: NameSpan, gaz: Gazetteer) -> NameSpan:
    """'the Ain al-Hilweh Palestinian refugee camp': the people's name is no part of the site's."""
    head, _, last = span.text.rpartition(" ")
    if not head or not gaz.demonym(last):
        return span
    return NameSpan(head, span.start, span.start + len(head), span.possessive)


_HOMONYM_POPULATION = 100_000
_TOWN_NAMED_BEFORE = re.compile(r"\b(?:town|village|hamlet)s?\s+of\s+(?:the\s+)?$", re.I)


def named_as_small_town(text: str, start: int, name: str, gaz: Gazetteer) -> bool:
    """'the town of Toul': a small gazetteer town introduced as a town, maybe a namesake abroad."""
    if not _TOWN_NAMED_BEFORE.search(text[max(0, start - 30) : start]):
        return False
    entry = gaz.city(name)
    return entry is not None and entry.population < _HOMONYM_POPULATION


def _add_site(cities: list[Candidate], site: Candidate) -> None:
    """A site's whole name replaces a gazetteer town found in its first word ('Nur' of 'Nur Gul Kalay')."""
    same = [c for c in cities if c.start == site.start]
    if any(c.end >= site.end for c in same):
        return
    cities[:] = [c for c in cities if c not in same]
    cities.append(site)


def _district_candidates(
    info: SentenceInfo,
    gaz: Gazetteer,
    mentions: list[PlaceMention],
    cities: list[Candidate],
    district_towns: list[Candidate],
) -> list[Candidate]:
    s = info.sentence
    text = s.text
    out: list[Candidate] = []
    for run in name_runs(text):
        name = run.text
        lead = _LEADING_DETERMINER.match(name)
        start = run.start + (lead.end() if lead else 0)
        name = text[start : run.end]
        if not name:
            continue
        words = name.split()
        if all(w in _BAD_DISTRICT_WORDS for w in words) or words[0] in _BAD_DISTRICT_WORDS:
            continue
        after = text[run.end :]
        before = text[max(0, start - 40) : start]
        noun = _DISTRICT_AFTER.match(after)
        named_after_noun = bool(_DISTRICT_OF.search(before))
        if not noun and not named_after_noun:
            continue
        if gaz.country(name) or gaz.demonym(name):
            continue
        if (
            noun
            and noun.group("noun").lower() == "district"
            and (_OF_PROVINCE_AFTER.match(after) or _PROVINCE_BEFORE.search(before))
        ):
            end = run.end + noun.end()
            cities.append(Candidate(text[start:end], s.start + start, s.start + end, info, tier=3.0, data=()))
            continue
        if gaz.cities.get(fold(name)) and not named_after_noun:
            # 'the Khan Younis area': a city named with an area noun.
            cities.append(Candidate(name, s.start + start, s.start + run.end, info, tier=2.5, data=()))
            continue
        tier = 2.0
        if noun:
            of_city = next(
                (
                    m
                    for m in mentions
                    if m.kind == "city" and _OF_CITY_AFTER.match(text[run.end + noun.end() : m.start])
                ),
                None,
            )
            possessive_city = next(
                (
                    m
                    for m in mentions
                    if m.kind == "city" and m.end <= start and re.fullmatch(r"[’']s?\s+", text[m.end : start])
                ),
                None,
            )
            if of_city or possessive_city:
                tier = 3.0
            elif noun.group("noun").lower() == "district" and _IN_DISTRICT_BEFORE.search(before):
                end = run.end + noun.end()
                district_towns.append(
                    Candidate(text[start:end], s.start + start, s.start + end, info, tier=3.0)
                )
        out.append(Candidate(name, s.start + start, s.start + run.end, info, tier=tier))
    return out
