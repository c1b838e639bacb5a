"""Armed groups and forces: their usual names, their other names, and who belongs to whom.

Outlets name one group many ways: 'Harakat al-Nujaba', 'al-Nujaba', 'Nujaba'; 'the Houthis'
and 'Ansar Allah'; 'ISIS', 'ISIL', 'Islamic State', 'Daesh'. Spelling folds (entities.py)
cannot know that an acronym or a translation is the same group, so the usual ones are
listed here, with the name a reader expects printed ('al-Qaeda', never 'Qaeda').

Reports also name a group at different levels: the umbrella ('Popular Mobilisation
Forces', 'Hamas') or its member or unit ('Kataib Hezbollah', 'the Qassam Brigades'). Both
can be true at once, so they are compatible, and the member, which says more, is the
better answer. Only relations that are stable and widely reported are listed; a group not
listed is compared by its name alone.

Outside the table, a generic type word before a name ('Harakat X', 'X Movement', 'X
Brigades') is dropped when the other name has none, unless the bare name is a different,
well-known group in its own right ('Kataib Hezbollah' is not 'Hezbollah').
"""

from __future__ import annotations

import re
from functools import lru_cache

from factsheet.normalise import entities
from factsheet.normalise.countries import lookup_country

# Usual name -> other names. Acronyms (all capitals) match only as written.
KNOWN: dict[str, list[str]] = {
    "al-Qaeda": ["Qaeda", "al-Qaida", "Qaida", "Al Qaeda"],
    "al-Qaeda in the Arabian Peninsula": ["AQAP", "al-Qaeda in Yemen"],
    "al-Shabaab": ["Shabaab", "al-Shabab", "Shabab", "Harakat al-Shabaab al-Mujahideen"],
    "Islamic State": [
        "ISIS",
        "ISIL",
        "IS",
        "Daesh",
        "Daech",
        "Islamic State group",
        "Islamic State of Iraq and the Levant",
        "Islamic State of Iraq and Syria",
        "Islamic State of Iraq and al-Sham",
    ],
    "Islamic State Khorasan": ["ISIS-K", "ISKP", "IS-K", "Islamic State Khorasan Province"],
    "Islamic State West Africa Province": ["ISWAP"],
    "Houthis": ["Houthi", "Houthi movement", "Houthi rebels", "Ansar Allah", "Ansarallah", "Ansarullah"],
    "Hezbollah": ["Hizbollah", "Hizballah", "Hizbullah", "Hizb Allah"],
    "Hamas": ["Islamic Resistance Movement", "Harakat al-Muqawama al-Islamiya"],
    "Izz ad-Din al-Qassam Brigades": [
        "Qassam Brigades",
        "al-Qassam Brigades",
        "Ezzedine al-Qassam Brigades",
        "Izz al-Din al-Qassam Brigades",
    ],
    "Palestinian Islamic Jihad": ["Islamic Jihad", "PIJ", "Islamic Jihad Movement in Palestine"],
    "al-Quds Brigades": ["Saraya al-Quds", "Quds Brigades"],
    "Popular Mobilisation Forces": [
        "PMF",
        "PMU",
        "Popular Mobilization Forces",
        "Popular Mobilisation Units",
        "Popular Mobilization Units",
        "Hashd al-Shaabi",
        "al-Hashd al-Shaabi",
    ],
    "Islamic Resistance in Iraq": [],
    "Kataib Hezbollah": ["Hezbollah Brigades", "Kata'ib Hizballah"],
    "Harakat al-Nujaba": ["Nujaba", "al-Nujaba", "Harakat Hezbollah al-Nujaba"],
    "Kataib Sayyid al-Shuhada": ["Sayyid al-Shuhada Brigades"],
    "Asaib Ahl al-Haq": ["League of the Righteous"],
    "Badr Organisation": ["Badr Organization", "Badr Brigades"],
    "Islamic Revolutionary Guard Corps": [
        "IRGC",
        "Revolutionary Guards",
        "Revolutionary Guard",
        "Revolutionary Guard Corps",
        "Iranian Revolutionary Guards",
    ],
    "Quds Force": ["al-Quds Force", "IRGC Quds Force", "Qods Force"],
    "Radwan Force": ["Radwan", "Radwan unit"],
    "Taliban": ["Afghan Taliban", "Islamic Emirate of Afghanistan"],
    "Haqqani network": ["Haqqanis", "Haqqani"],
    "Tehrik-i-Taliban Pakistan": [
        "TTP",
        "Pakistani Taliban",
        "Pakistan Taliban",
        "Tehreek-e-Taliban Pakistan",
    ],
    "Hayat Tahrir al-Sham": ["HTS", "Tahrir al-Sham"],
    # Renamed Jabhat Fateh al-Sham in 2016, when it said it had left al-Qaeda.
    "al-Nusra Front": [
        "Nusra Front",
        "Jabhat al-Nusra",
        "Nusra",
        "Jabhat Fateh al-Sham",
        "Jabhat Fatah al-Sham",
        "JFS",
    ],
    "Ahrar al-Sham": ["Harakat Ahrar al-Sham"],
    "Jaish al-Islam": ["Jaysh al-Islam", "Army of Islam"],
    "Nour al-Din al-Zenki": ["Nour al-Din al-Zinki", "Nureddin al-Zenki", "Zenki Movement"],
    "Ansar al-Sharia": [],
    "Hurras al-Din": ["Hurras al-Deen", "Huraas al-Din", "Huras al-Din", "Tanzim Hurras al-Din"],
    "Syrian Democratic Forces": ["SDF"],
    "People's Protection Units": ["YPG"],
    "Kurdistan Workers' Party": ["PKK"],
    "Kurdistan Democratic Party of Iran": [
        "KDPI",
        "PDKI",
        "KDP-I",
        "Democratic Party of Iranian Kurdistan",
        "Democratic Party of Kurdistan Iran",
    ],
    "Wagner Group": ["Wagner"],
    "Rapid Support Forces": ["RSF"],
    "Libyan National Army": ["LNA", "Libyan Arab Armed Forces", "LAAF"],
    "Boko Haram": [],
    "Jaish-e-Mohammed": ["JeM", "Jaish-e-Mohammad", "Jaish-e-Muhammad", "Jaish-i-Mohammed"],
    "Lashkar-e-Taiba": ["LeT", "Lashkar-e-Tayyiba", "Lashkar-e-Toiba", "Lashkar-i-Taiba"],
    "Balochistan Liberation Army": ["BLA", "Baloch Liberation Army"],
    "Tren de Aragua": ["TdA"],
}

# Member or unit -> the bodies it belongs to.
MEMBER_OF: dict[str, list[str]] = {
    "Kataib Hezbollah": ["Popular Mobilisation Forces", "Islamic Resistance in Iraq"],
    "Harakat al-Nujaba": ["Popular Mobilisation Forces", "Islamic Resistance in Iraq"],
    "Kataib Sayyid al-Shuhada": ["Popular Mobilisation Forces", "Islamic Resistance in Iraq"],
    "Asaib Ahl al-Haq": ["Popular Mobilisation Forces"],
    "Badr Organisation": ["Popular Mobilisation Forces"],
    "Izz ad-Din al-Qassam Brigades": ["Hamas"],
    "al-Quds Brigades": ["Palestinian Islamic Jihad"],
    "Radwan Force": ["Hezbollah"],
    "Quds Force": ["Islamic Revolutionary Guard Corps"],
    "Haqqani network": ["Taliban"],
    "Islamic State Khorasan": ["Islamic State"],
    "Islamic State West Africa Province": ["Islamic State"],
    "al-Qaeda in the Arabian Peninsula": ["al-Qaeda"],
    "al-Shabaab": ["al-Qaeda"],
    "Hurras al-Din": ["al-Qaeda"],
    "al-Nusra Front": ["al-Qaeda"],
    "People's Protection Units": ["Syrian Democratic Forces"],
}

# Bare names that are groups of their own: a type word in front makes another group.
_STANDALONE = ("Hezbollah", "Hamas", "Fatah", "Quds", "Islamic Jihad")


@lru_cache(maxsize=4096)
def known(name: str) -> str | None:
    """The usual name of a listed group, when the name given is one of its listed names."""
    stripped = " ".join(name.replace("’", "'").split()).strip(" .,;:")
    stripped = entities.clean_name(stripped) or stripped
    for usual, others in KNOWN.items():
        for candidate in (usual, *others):
            if candidate.isupper() or stripped.isupper():
                if candidate == stripped:
                    return usual
            elif entities.same_entity(candidate, stripped):
                return usual
    return None


# Words outlets put after a group's name to say what it is ('Houthi rebels', 'Taliban fighters').
_DESCRIPTORS = frozenset(
    {
        *("rebels", "rebel", "militants", "militant", "fighters", "fighter", "militia", "militias"),
        *("militiamen", "forces", "insurgents", "group", "movement"),
        # A group's own armed force or rank and file: 'the Houthi military', 'Taliban troops'.
        *("military", "army", "troops", "soldiers", "gunmen", "guerrillas", "operatives"),
    }
)


# Words before a group's name that say what kind it is ('the terrorist Houthi militia').
_KINDS = frozenset(
    {"terrorist", "rebel", "militant", "jihadist", "islamist", "extremist", "armed", "paramilitary"}
)
_BACKED = re.compile(r"-(?:backed|aligned|allied|supported|sponsored|linked|affiliated)$", re.I)


@lru_cache(maxsize=4096)
def resolve(name: str) -> str | None:
    """The listed group a phrase names, also with a country word before it or a descriptor after.

    'Yemeni Houthi forces' and 'Lebanese Hezbollah' are the Houthis and Hezbollah to a reader
    comparing reports. The descriptor is tried off first, so that 'Pakistani Taliban fighters'
    stays the Pakistani Taliban.
    """
    found = known(name)
    if found is not None:
        return found
    words = (entities.clean_name(name) or name).split()
    trimmed = list(words)
    while len(trimmed) > 1 and trimmed[-1].lower() in _DESCRIPTORS:
        trimmed = trimmed[:-1]
    while len(trimmed) > 1 and (_BACKED.search(trimmed[0]) or trimmed[0].lower() in _KINDS):
        trimmed = trimmed[1:]  # 'Iran-backed terrorist Houthi militia': the backer, what kind
    if len(trimmed) > 1 and lookup_country(trimmed[0]) is not None:
        return known(" ".join(trimmed)) or known(" ".join(trimmed[1:]))
    return known(" ".join(trimmed)) if len(trimmed) < len(words) else None


def _standalone(name: str) -> bool:
    return any(entities.same_entity(name, s) for s in _STANDALONE)


def same_organisation(a: str, b: str) -> bool:
    """One group under two names: a listed alias, a spelling, or a dropped type word."""
    ka, kb = resolve(a), resolve(b)
    if ka and kb:
        return ka == kb
    if entities.same_entity(a, b):
        return True
    bare_a, bare_b = entities.without_type_nouns(a), entities.without_type_nouns(b)
    if not bare_a or not bare_b or (bare_a == a and bare_b == b):
        return False
    if bare_a != a and bare_b != b:
        return False  # both name a type ('X Brigades', 'X Movement'): those words tell them apart
    bare = bare_b if bare_a == a else bare_a
    return not _standalone(bare) and entities.same_entity(bare_a, bare_b)


def affiliated(a: str, b: str) -> bool:
    """One is a member or unit of the other (both can be true of one strike)."""
    ka, kb = resolve(a), resolve(b)
    if not ka or not kb:
        return False
    return kb in MEMBER_OF.get(ka, []) or ka in MEMBER_OF.get(kb, [])


_UMBRELLAS = frozenset(u for members in MEMBER_OF.values() for u in members)


def level(name: str) -> int:
    """How specific the name is: an umbrella 1, anything else 2."""
    return 1 if resolve(name) in _UMBRELLAS else 2


def display(name: str) -> str:
    return resolve(name) or entities.clean_name(name)
