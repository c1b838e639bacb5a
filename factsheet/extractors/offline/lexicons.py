"""The vocabulary of English strike reporting, as data the rule modules read.

Everything here is general to how wire services and broadcasters write about strikes in
any conflict; nothing names the events of a particular article. Keeping the words in one
place lets a reviewer see (and extend) what the extractor knows without reading its rules.
"""

from __future__ import annotations

import re


def words(text: str) -> list[str]:
    """A word list written as one block of text, so long lists stay readable."""
    return text.split()


# ---------------------------------------------------------------------------
# Sentence splitting
# ---------------------------------------------------------------------------

# Tokens whose trailing period does not end a sentence (lower case, without the period).
ABBREVIATIONS: frozenset[str] = frozenset(
    words(
        """mr mrs ms dr gen lt col maj capt cpt sgt cpl pvt adm cmdr brig gov sen rep st jr sr prof rev hon
        no nos vs etc inc co corp ltd dept est approx fig jan feb mar apr jun jul aug sep sept oct nov
        dec mon tue tues wed thu thur thurs fri sat sun mt ft ave blvd rd sq pres sgt-maj i.e e.g al"""
    )
)

# Words that open a sentence; after 'U.S.' or 'p.m.' they mark a sentence boundary.
SENTENCE_STARTERS: frozenset[str] = frozenset(
    words(
        """The A An It He She They We I In On At But And However Meanwhile Earlier Later This That These
        Those There Officials Police Witnesses According After Before When While Since Local"""
    )
)

# Photo captions and credits: not sources of the strike's facts unless nothing else exists.
CAPTION_MARKERS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"\bAP Photo\b",
        r"\bvia Getty Images\b",
        r"\bGetty Images\s*$",
        r"\((?:AP|AFP|Reuters|REUTERS|EPA|Getty)\s*(?:Photo|/)[^)]*\)|\(Photo\b[^)]*\)",
        r"^\s*(?:Photo|Photograph|Image|Picture|Credit|Caption|Image caption|Photo credit)\s*[:,]",
        r"\bimage source\b",
        r"\b(?:hide|toggle) caption\b",
        r"–\s*Photo:",
        r"\bPhoto:\s",
        r"(?:/|\b)(?:AFP|Reuters|REUTERS|EPA-EFE|Anadolu|Xinhua|AP)/",
        r"^\s*FILE\s*[-–—]",
        r"©",
    )
)
# A credit line ('Jane Doe/AFP via Getty Images') captions the paragraph above it.
PHOTO_CREDIT_LINE = re.compile(
    r"\w/\s?(?:AFP|AP|Reuters|REUTERS|EPA|Getty|Anadolu|Xinhua|NurPhoto|ZUMA|SOPA|Bloomberg)\b"
    r"|via Getty Images|\bGetty Images\s*$"
)

# ---------------------------------------------------------------------------
# Numbers (detection only; the normalise stage turns the phrase into a count)
# ---------------------------------------------------------------------------

_UNIT_WORDS = words(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen"""
)
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_BELOW_HUNDRED = (
    r"(?:(?:" + "|".join(_TENS_WORDS) + r")(?:[- ](?:" + "|".join(_UNIT_WORDS[:9]) + r"))?"
    r"|" + "|".join(sorted(_UNIT_WORDS, key=len, reverse=True)) + r")"
)
# 'One hundred and five' is one number, not 'five' after a stray 'One hundred and'.
NUMBER_WORD = (
    rf"(?:(?:{_BELOW_HUNDRED}|a)\s+hundred(?:\s+and\s+{_BELOW_HUNDRED}|\s+{_BELOW_HUNDRED})?"
    rf"|{_BELOW_HUNDRED}(?:\s+thousand)?)"
)
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?![\d:.,]\d)|" + NUMBER_WORD + r"|(?:a|two|three|half\s+a)\s+dozen"
    r"|dozens|scores|hundreds|thousands|both)"
)
QUALIFIER = (
    r"(?:at\s+least|at\s+most|more\s+than|no\s+fewer\s+than|no\s+less\s+than|over|nearly|almost|about|"
    r"around|roughly|approximately|some|up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|an\s+estimated|"
    r"a\s+total\s+of|all(?:\s+but)?|another|a\s+further|at\s+least\s+another)"
)

# Nouns that count people (the victims of a strike), singular and plural.
PERSON_NOUNS: frozenset[str] = frozenset(
    words(
        """people persons person civilians civilian soldiers soldier troops troop servicemen serviceman
        service members service-members servicemembers fighters fighter militants militant members
        member men man women woman children child kids boys girls individuals individual passengers
        passenger leaders leader commanders commander officers officer officials official personnel
        policemen policeman police bodyguards bodyguard guards guard aides aide others residents
        associates associate companions companion
        resident relatives relative journalists journalist medics medic paramedics workers worker staff
        militiamen militiaman rebels rebel insurgents insurgent gunmen gunman attackers attacker
        occupants occupant family families students student victims victim bystanders bystander refugees
        refugee sons son daughters daughter brothers brother wives wife infants babies toddlers
        teenagers adults elderly operatives operative recruits recruit Palestinians Israelis Ukrainians
        Russians Syrians Iraqis Lebanese Yemenis Somalis Afghans Pakistanis Americans Sudanese Kurds
        Iranians nationals national citizens citizen engineers engineer drivers driver doctors doctor
        nurses nurse teachers teacher farmers farmer shepherds fishermen worshippers pilgrims rescuers
        rescuer firefighters volunteers tourists patients patient pupils prisoners detainees hostages
        guests mourners shoppers pedestrians commuters employees contractors advisers advisors diplomats
        crew crewmembers sailors pilots marines"""
    )
)

# ---------------------------------------------------------------------------
# Strike vocabulary
# ---------------------------------------------------------------------------

# Words that make a sentence about an attack. Labour and hunger strikes are excluded where used.
STRIKE_TERMS = re.compile(
    r"\b(?:air\s?strikes?|strikes?|struck|attacks?|attacked|raids?|bomb(?:s|ed|ing|ings)?|"
    r"shell(?:ed|ing|s)|bombardments?|missiles?|rockets?|drones?|explosions?|blasts?|exploded|"
    r"targeted|targeting|targets|hit|hits|fired|shot\s+down|assaults?|killed|kills?|killing|dead|died|"
    r"perished|deaths?|fatalities|wounded|injured|hurt|casualties|assassinat\w+|ambush(?:ed)?|artillery|"
    r"mortars?|IEDs?|explosives?|warplanes?|jets?|gunships?|munitions?|detonat\w+)\b",
    re.IGNORECASE,
)
NOT_STRIKE = re.compile(
    r"\b(?:hunger|general|labou?r|workers'?|teachers'?|rail|transport|nationwide)\s+strikes?\b"
    r"|\bon\s+strike\b|\bstrike\s+(?:a|the)\s+(?:deal|balance|chord|note)\b|\blightning\s+strikes?\b"
    r"|\bheart\s+attacks?\b|\bpanic\s+attacks?\b",
    re.IGNORECASE,
)
KILL_TERMS = re.compile(
    r"\b(?:killed|kills?|killing|dead|died|perished|deaths?|fatalities|slain|lost\s+their\s+lives|"
    r"wounded|injured|injuring|wounding|hurt)\b",
    re.IGNORECASE,
)

# Verbs and nouns that report deaths. 'active' take the victims as object, the others as subject.
KILL_ACTIVE = r"(?:killed|killing|kills|kill|left|leaving|claimed\s+the\s+lives\s+of|death\s+of|deaths\s+of)"
KILL_PASSIVE = r"(?:killed|dead|died|perished|slain|lost\s+their\s+lives|were\s+killed|martyred)"
INJURE_ACTIVE = r"(?:wounded|wounding|injured|injuring|wounds|injures|hurt|hurting)"
INJURE_PASSIVE = r"(?:wounded|injured|hurt)"

# ---------------------------------------------------------------------------
# Weapons: (pattern, specificity). Longer, more specific phrases first.
# ---------------------------------------------------------------------------

_MODIFIER = r"(?:drone|air|aerial|missile|rocket|artillery|mortar|tank|naval|helicopter|UAV|kamikaze\s+drone)"
WEAPON_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(p, re.IGNORECASE), s)
    for p, s in (
        (r"\bsuicide\s+(?:bomb(?:er|ers|ing|ings)?|car\s+bomb(?:er|ing)?|drones?|attacks?|vests?)\b", 3),
        (r"\b(?:car|truck|roadside|barrel|cluster|glide|guided|vehicle|parcel)\s+bombs?\b", 3),
        (
            r"\b(?:ballistic|cruise|hypersonic|anti-tank|guided|surface-to-air|air-to-surface)\s+missiles?\b",
            3,
        ),
        (
            r"\b(?:Hellfire|Kalibr|Iskander(?:-M)?|Kinzhal|Tomahawks?|Storm\s+Shadow|ATACMS|HIMARS|Zircon|Oreshnik|"
            r"(?:Kh|X)-\d{2,3})\s*(?:(?:cruise|ballistic|hypersonic)\s+)?(?:missiles?|rockets?)?",
            3,
        ),
        (
            r"\b(?:GBU-\d+(?:/B)?|MOAB|(?:FAB|KAB)-\d+)\b"
            r"|\b(?:guided\s+)?aerial\s+bombs?\b|\bbunker[- ]busters?\b",
            3,
        ),
        (r"\bShahed(?:-\d+)?\s+drones?\b|\bloitering\s+munitions?\b|\bkamikaze\s+drones?\b", 3),
        (r"\bimprovised\s+explosive\s+devices?\b|\bIEDs?\b|\bexplosive\s+devices?\b", 3),
        (r"\bcluster\s+munitions?\b|\bwhite\s+phosphorus\b", 3),
        (
            r"\bchemical\s+(?:weapons?\s+)?(?:attacks?|strikes?|weapons?)\b|\bsarin\b|\bchlorine\s+(?:gas|attacks?)\b"
            r"|\bnerve\s+(?:agent|gas)\b|\b(?:toxic|poison(?:ous)?)\s+gas\b|\bgas\s+attacks?\b",
            3,
        ),
        (
            r"\b"
            + _MODIFIER
            + r"[- ]?(?:strikes?|attacks?|raids?|bombings?|assaults?|fire|shelling|barrage|bombardment)\b",
            2,
        ),
        (r"\bairstrikes?\b|\bair\s+strikes?\b|\bair\s+raids?\b|\bairstrike\b", 2),
        (r"\b(?:artillery|tank)\s+(?:shells?|rounds?)\b|\bmortar\s+(?:shells?|rounds?|bombs?)\b", 2),
        (r"\b(?:fighter\s+)?jets?\b|\bwarplanes?\b|\bhelicopter\s+gunships?\b|\bgunships?\b|\baircraft\b", 1),
        (r"\bdrones?\b|\bUAVs?\b", 1),
        (
            r"\bmissiles?\b|\brockets?\b|\bmortars?\b|\bartillery\b|\bshelling\b|\bgrenades?\b|\blandmines?\b",
            1,
        ),
        (r"\bbombs?\b|\bbombings?\b|\bexplosives?\b", 1),
    )
)

# ---------------------------------------------------------------------------
# Places and actors
# ---------------------------------------------------------------------------

# Names that refer to a country besides the gazetteer's own name (ISO 3166 alpha-2).
COUNTRY_ALIASES: dict[str, str] = {
    "US": "US",
    "U.S.": "US",
    "U.S": "US",
    "USA": "US",
    "U.S.A.": "US",
    "United States": "US",
    "United States of America": "US",
    "America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "United Kingdom": "GB",
    "Gaza": "PS",
    "Gaza Strip": "PS",
    "West Bank": "PS",
    "Occupied West Bank": "PS",
    "Palestine": "PS",
    "Palestinian territories": "PS",
    "Palestinian Territories": "PS",
    "Turkiye": "TR",
    "Türkiye": "TR",
    "Burma": "MM",
    "DR Congo": "CD",
    "DRC": "CD",
    "Democratic Republic of Congo": "CD",
    "Congo": "CD",
    "UAE": "AE",
    "Emirates": "AE",
    "Czech Republic": "CZ",
    "South Korea": "KR",
    "North Korea": "KP",
    "Ivory Coast": "CI",
    "Côte d'Ivoire": "CI",
    "Russian Federation": "RU",
    "Syrian Arab Republic": "SY",
    "Kurdistan": "IQ",
    "Iraqi Kurdistan": "IQ",
    "Crimea": "UA",
    "Donbas": "UA",
    "Kashmir": "IN",
    "Darfur": "SD",
    "Tigray": "ET",
    "Sinai": "EG",
    "Golan Heights": "SY",
}
# Country names that are also everyday words or common first names: locative context only.
AMBIGUOUS_COUNTRY_NAMES: frozenset[str] = frozenset(
    {"Chad", "Jordan", "Georgia", "Turkey", "Niger", "Guinea"}
)

DEMONYMS: dict[str, str] = {
    "American": "US",
    "Afghan": "AF",
    "Algerian": "DZ",
    "Armenian": "AM",
    "Australian": "AU",
    "Azerbaijani": "AZ",
    "Azeri": "AZ",
    "Bahraini": "BH",
    "Bangladeshi": "BD",
    "Belarusian": "BY",
    "British": "GB",
    "Burkinabe": "BF",
    "Burmese": "MM",
    "Cameroonian": "CM",
    "Canadian": "CA",
    "Chadian": "TD",
    "Chinese": "CN",
    "Colombian": "CO",
    "Congolese": "CD",
    "Egyptian": "EG",
    "Emirati": "AE",
    "Eritrean": "ER",
    "Ethiopian": "ET",
    "French": "FR",
    "Georgian": "GE",
    "German": "DE",
    "Indian": "IN",
    "Indonesian": "ID",
    "Iranian": "IR",
    "Iraqi": "IQ",
    "Israeli": "IL",
    "Italian": "IT",
    "Japanese": "JP",
    "Jordanian": "JO",
    "Kenyan": "KE",
    "Kuwaiti": "KW",
    "Lebanese": "LB",
    "Libyan": "LY",
    "Malian": "ML",
    "Mexican": "MX",
    "Moroccan": "MA",
    "Mozambican": "MZ",
    "Nigerian": "NG",
    "Nigerien": "NE",
    "North Korean": "KP",
    "Omani": "OM",
    "Pakistani": "PK",
    "Palestinian": "PS",
    "Filipino": "PH",
    "Philippine": "PH",
    "Polish": "PL",
    "Qatari": "QA",
    "Russian": "RU",
    "Rwandan": "RW",
    "Saudi": "SA",
    "Saudi-led": "SA",
    "Somali": "SO",
    "South Korean": "KR",
    "South Sudanese": "SS",
    "Sudanese": "SD",
    "Syrian": "SY",
    "Taiwanese": "TW",
    "Tunisian": "TN",
    "Turkish": "TR",
    "Ugandan": "UG",
    "Ukrainian": "UA",
    "Venezuelan": "VE",
    "Yemeni": "YE",
    "Kurdish": "IQ",
    "Serbian": "RS",
    "Serb": "RS",
    "Croatian": "HR",
    "Bosnian": "BA",
    "Albanian": "AL",
    "Greek": "GR",
    "Cypriot": "CY",
    "Spanish": "ES",
    "Portuguese": "PT",
    "Dutch": "NL",
    "Belgian": "BE",
    "Swiss": "CH",
    "Austrian": "AT",
    "Swedish": "SE",
    "Norwegian": "NO",
    "Danish": "DK",
    "Finnish": "FI",
    "Irish": "IE",
    "Scottish": "GB",
    "Czech": "CZ",
    "Slovak": "SK",
    "Hungarian": "HU",
    "Romanian": "RO",
    "Bulgarian": "BG",
    "Moldovan": "MD",
    "Lithuanian": "LT",
    "Latvian": "LV",
    "Estonian": "EE",
    "Kazakh": "KZ",
    "Uzbek": "UZ",
    "Tajik": "TJ",
    "Turkmen": "TM",
    "Kyrgyz": "KG",
    "Mauritanian": "MR",
    "Senegalese": "SN",
    "Ghanaian": "GH",
    "Malawian": "MW",
    "Zambian": "ZM",
    "Tanzanian": "TZ",
    "Djiboutian": "DJ",
    "Brazilian": "BR",
    "Argentine": "AR",
    "Thai": "TH",
    "Vietnamese": "VN",
    "Malaysian": "MY",
    "Sri Lankan": "LK",
    "Nepalese": "NP",
}
# Words for peoples and regions, not states ('North African', 'Arab', 'European'): never names.
REGION_DEMONYMS: frozenset[str] = frozenset(
    words("African European Asian Arab Arabs Western Westerner Middle Eastern Gulf Balkan Caucasian Sahelian")
)
# Short forms an article uses for an attacking state or its military (not places).
ACTOR_ABBREVIATIONS: dict[str, str] = {
    "US": "US",
    "U.S.": "US",
    "UK": "GB",
    "U.K.": "GB",
    "IDF": "IL",
    "Israel Defense Forces": "IL",
    "Israel Defence Forces": "IL",
    "Pentagon": "US",
    "CENTCOM": "US",
    "Centcom": "US",
    "NATO": "",
    "coalition": "",
    "U.S.-led coalition": "US",
    "US-led coalition": "US",
    "Saudi-led coalition": "SA",
    "Saudi Arabia-led coalition": "SA",
    "Saudi-Arabia-led coalition": "SA",
}
# Nouns for a state's armed force: 'US forces', 'Israeli warplanes', 'the Russian military'.
FORCE_NOUNS = (
    r"(?:(?:security|government|special|regular|allied|coalition|ground|naval|occupation)\s+)?"
    r"(?:armed\s+forces|forces|military|army|troops|air\s+force|navy|warplanes?|jets?|fighter\s+jets?|"
    r"aircraft|drones?|artillery|soldiers|marines|Central\s+Command|rebels|"
    r"militants|fighters|militia|militiamen|gunmen|insurgents)"
)
# Verbs whose subject carried out the strike.
STRIKE_VERBS = (
    r"(?:carried\s+out|launched|conducted|struck|strikes|strike|hit|hits|bombed|shelled|targeted|targets|"
    r"killed|kills|fired|attacked|pounded|raided|assassinated|eliminated)"
)
# Place nouns after a demonym that make it a place ('the Iraqi capital', 'the Syrian city of').
DEMONYM_PLACE_NOUNS = (
    r"(?:capital|city|town|village|province|region|governorate|territory|soil|port(?:\s+city)?|enclave|"
    r"countryside|coast|coastal\s+city|border\s+town)"
)
CITY_NOUNS = r"(?:city|town|village|port\s+city|port|capital|hamlet|settlement)"
DISTRICT_NOUNS = (
    r"(?:neighbou?rhoods?|districts?|areas?|quarters?|suburbs?|refugee\s+camps?|camps?|sectors?|"
    r"municipality|locality|outskirts)"
)
REGION_NOUNS = (
    r"(?:region|province|oblast|governorate|governate|state|county|territory|border\s+region|frontier|agency)"
)
DIRECTION = (
    r"(?:north|south|east|west|northern|southern|eastern|western|central|northeast(?:ern)?|"
    r"northwest(?:ern)?|southeast(?:ern)?|southwest(?:ern)?|north-east(?:ern)?|north-west(?:ern)?|"
    r"south-east(?:ern)?|south-west(?:ern)?)"
)

# ---------------------------------------------------------------------------
# People and organisations
# ---------------------------------------------------------------------------

ROLE_NOUNS: frozenset[str] = frozenset(
    words(
        """commander leader chief head official member officer founder spokesman spokesperson militant
        operative deputy general colonel emir minister figure cleric fighter boss lieutenant strategist
        chairman secretary-general co-founder mastermind financier engineer adviser advisor"""
    )
)
ROLE_ADJECTIVES: frozenset[str] = frozenset(
    words(
        """senior top high-ranking high-level key prominent veteran military regional local field former
        notorious leading"""
    )
)
# Nouns that mark a capitalised name before them as an armed organisation.
ORG_NOUNS = (
    r"(?:militias?|groups?|movements?|factions?|brigades?|organi[sz]ations?|networks?|rebels|militants|"
    r"insurgents|fighters|battalions?|units?|cells?|wings?|coalition|alliance|front|army)"
)
# Well-known armed groups across current conflicts (a hint, not a requirement: patterns find others).
ARMED_GROUPS: tuple[str, ...] = (
    "Hamas",
    "Hezbollah",
    "Islamic Jihad",
    "Palestinian Islamic Jihad",
    "Al-Qassam Brigades",
    "Qassam Brigades",
    "al-Quds Brigades",
    "Houthis",
    "Houthi",
    "Ansar Allah",
    "al-Shabaab",
    "al-Shabab",
    "Al-Shabaab",
    "Al-Shabab",
    "Islamic State",
    "ISIS",
    "ISIL",
    "Daesh",
    "al-Qaeda",
    "al-Qaida",
    "Al-Qaeda",
    "AQAP",
    "Taliban",
    "Pakistani Taliban",
    "Tehrik-i-Taliban Pakistan",
    "TTP",
    "Hayat Tahrir al-Sham",
    "HTS",
    "Wagner",
    "Wagner Group",
    "PKK",
    "YPG",
    "SDF",
    "Syrian Democratic Forces",
    "Popular Mobilization Forces",
    "Popular Mobilisation Forces",
    "Islamic Resistance in Iraq",
    "Rapid Support Forces",
    "RSF",
    "Libyan National Army",
    "LNA",
    "Boko Haram",
    "Revolutionary Guard",
    "Revolutionary Guards",
    "IRGC",
    "Quds Force",
    "Lions' Den",
    "Jenin Brigade",
    "Baloch Liberation Army",
    "M23",
)

# Particles inside Arabic, Persian, Pashto, Somali and European names.
NAME_PARTICLES: frozenset[str] = frozenset(
    words(
        """al el ad ar as ash at az an bin ibn bint abu abd abdul abdel ben bou da de del der di du la le
        van von ul"""
    )
)
# Capitalised words that never belong to a person's name.
NOT_NAME_WORDS: frozenset[str] = frozenset(
    words(
        """The A An This That These Those He She It They We His Her Its Their Our US U.S. UK American
        President Prime Minister Ministry Command Forces Army Military Pentagon Police Monday Tuesday
        Wednesday Thursday Friday Saturday Sunday January February March April May June July August
        September October November December Iraqi Israeli Russian Ukrainian Syrian Iranian Lebanese
        Yemeni Somali Afghan Pakistani Palestinian Hezbollah Hamas Brigades Militia Group State Islamic
        Resistance Government Health Reuters AP AFP BBC CNN NPR Associated Press Agency News Times Post
        Telegram X Twitter Officials Sources Central Defense Defence Department Council United Nations
        UN NATO Gaza Strip West Bank According Following However Meanwhile Earlier Later On In At After
        Before When While Since But And Local Security Iran Iraq Israel Syria Yemen Russia Ukraine
        Lebanon Somalia Pakistan Afghanistan Brigade Movement Front Party Organization Organisation
        Committee Corps Force Guard Guards ISIS ISIL Daesh Harakat Kataib Kata'ib Kata’ib Saraya Liwa
        Jaish Ansar Tahrir
        Alliance Coalition Agency Service Services Office Media Channel Press Zone Street Road Square
        Hospital School Mosque University Camp Airport Base Embassy Mobilization Mobilisation Popular
        Revolutionary Democratic Liberation Qaeda Shabaab Shabab Houthi Houthis Taliban Statement
        Sunni Shia Shiite God Allah Muslim Christian Arab Arabs Heights Hills Valley Plateau TV Television
        North South East West Northern Southern Eastern Western
        Radio Network Observatory Crescent Cross Administration Authority Directorate Institute Foundation
        Centre Center Syndicate Association Union Federation Company Corporation Port Terminal Hall
        Palace Cemetery Parliament Cabinet Sea Gulf River Ocean Mountains Mountain Desert Lake Bay Coast
        Island Islands Peninsula Canal Strait Rights Among Commanders Leaders Officials Dead Studies Research
        Scientific Sciences Another Other"""
    )
)
# Humanitarian, monitoring and international bodies: they report on strikes and are hit by
# them, but are not the armed organisation a strike targets.
NON_ARMED_BODIES: tuple[str, ...] = (
    "United Nations",
    "U.N.",
    "U.N",
    "UN",
    "ICRC",
    "International Committee of the Red Cross",
    "Red Cross",
    "Red Crescent",
    "White Helmets",
    "Syria Civil Defence",
    "Syrian Civil Defence",
    "Civil Defence",
    "Civil Defense",
    "Syrian Arab Red Crescent",
    "MSF",
    "Doctors Without Borders",
    "Médecins Sans Frontières",
    "Medecins Sans Frontieres",
    "UNICEF",
    "WHO",
    "World Health Organization",
    "Human Rights Watch",
    "Amnesty International",
    "Syrian Observatory for Human Rights",
    "SOHR",
    "Military Administration",
    "Civil Defence",
    "Civil Defense",
    "Reporters Without Borders",
    "Committee to Protect Journalists",
    "CPJ",
    # Broadcasters and news agencies of the region, quoted as sources.
    "Al Jazeera",
    "Al-Jazeera",
    "Al Arabiya",
    "Al-Arabiya",
    "Al Masirah",
    "Al-Masirah",
    "Al Mayadeen",
    "Al-Mayadeen",
    "Al Manar",
    "Al-Manar",
    "SANA",
    "IRNA",
    "Tasnim",
    "WAFA",
)
# Words that cannot open or be an armed organisation's name (capitalised at a sentence start).
NOT_ORG_WORDS: frozenset[str] = frozenset(
    words(
        """The A An This That These Those Its His Her Their Our One Two Three Four Five Several Many Some
        Most No Any Every Each Other Another Both Neither Either All Militia Militias Group Groups
        Senior Top Local Security Officials Sources Police Witnesses Pentagon Reuters AP AFP BBC CNN NPR
        Associated Press Government Ministry Health President Prime Minister Monday Tuesday Wednesday
        Thursday Friday Saturday Sunday January February March April May June July August September
        October November December US U.S. UK UN NATO Centcom CENTCOM Central Command Army Military
        Forces Armed Telegram Twitter X Facebook According However Meanwhile Earlier Later Following
        After Before When While Since But And In On At Iranian-backed Iran-backed Multiple Numerous
        Staff Intelligence Defence Defense Interior Chief Deputy Head High-ranking Top-ranking"""
    )
)
# Words of places: a capitalised run holding one is a place ('Khurais Village'), not a person.
PLACE_WORDS: frozenset[str] = frozenset(
    words(
        """village town city province governorate district county region oblast camp neighbourhood
        neighborhood suburb municipality prize award wadi valley markaz masjid jamia madrassa madrasa
        airport airbase plant refinery depot terminal facility complex factory"""
    )
)
# Ships are named like people ('USS Porter launched the missiles').
SHIP_PREFIXES: frozenset[str] = frozenset(words("USS HMS INS RFS HMCS HMAS MV"))
# Occupations written before a name like a title ('Photojournalist Moaz Abu Taha').
JOB_WORDS: frozenset[str] = frozenset(
    words(
        """journalist photojournalist photographer cameraman camerawoman correspondent reporter videographer
        paramedic doctor dr nurse surgeon medic rescuer activist blogger teacher student negotiator"""
    )
)
# Roles in armed groups: a person killed or named in one is what a strike was after. 'chief' is
# left out: a 'chief of staff to the prime minister' is a civil servant.
ARMED_ROLES: frozenset[str] = frozenset(
    words("commander leader operative militant mastermind emir founder facilitator recruiter")
)
# Honorifics and military ranks written before a name; not part of it.
TITLES: frozenset[str] = frozenset(
    words(
        """Sheikh Shaykh Sheik Imam Mullah Maulana Haji Hajji Gen. General Lt. Lieutenant Col. Colonel Maj.
        Major Brig. Brigadier Capt. Captain Sgt. Sergeant Cmdr. Commander Commandant Dr. Mr. Mrs. Ms.
        Emir Sayyed Sayyid Sayed Hajj Corporal Cpl. Private Pvt. Lance Sergeant-Major Warrant"""
    )
)

# ---------------------------------------------------------------------------
# Context: which sentences are about this strike and which about other events
# ---------------------------------------------------------------------------

# A sentence with one of these is about another time or a running total, not this strike.
BACKGROUND_CUES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\blast\s+(?:week|month|year|summer|winter|spring|autumn|fall|weekend)\b",
        r"\b(?:earlier|later)\s+(?:this|that|in\s+the|on\s+the)\s+(?:day|week|month|year)\b",
        r"\bpreviously\b|\bprevious\s+(?:attacks?|strikes?|raids?)\b",
        r"\bso\s+far\b|\bto\s+date\b|\bin\s+total\b|\baltogether\b|\boverall\s+death\s+toll\b",
        r"\bsince\b.*\b(?:has|have)\b|\b(?:has|have)\b.*\bsince\b",
        r"\b(?:another|a\s+separate|an\s+earlier|a\s+previous|a\s+similar|an\s+unrelated)\s+"
        r"(?:\w+\s+)?(?:strike|attack|raid|bombing|assault|incident)\b",
        r"\b(?:days|weeks|months|years)\s+(?:after|before|ago|earlier|later)\b"
        r"|\ba\s+(?:week|month|year)\s+(?:ago|earlier|before|later)\b",
        r"\bin\s+recent\s+(?:days|weeks|months|years)\b|\bover\s+the\s+(?:past|last)\s+\w+",
        r"\b(?:war|conflict|fighting|offensive|invasion|campaign)\b[^.]{0,60}\b(?:has|have)\s+(?:killed|left)\b",
        r"\bin\s+(?:(?:early|late|mid)[\s-])?"
        r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
        r"(?:\s+(?:19|20)\d\d\b|\b(?!\s+\d))|\bin\s+(?:19|20)\d\d\b",
        r"\b(?:first|second|third)\s+phase\b",
        # 'killing over 110 people across the Gaza Strip': a toll or a campaign over a whole land.
        r"\b(?-i:across|throughout)\s+(?:the\s+)?(?:country|territory|region|enclave|Gaza(?:\s+Strip)?|"
        r"Lebanon|Yemen|Syria|Ukraine|Iraq|Sudan|Afghanistan|Somalia|Libya|Israel)\b",
        # 'killed in Israeli strikes across Khan Younis and nearby Rafah': many strikes' toll.
        r"\b(?:strikes|attacks|raids|airstrikes|air\s+strikes)\s+(?:\w+\s+)?(?-i:across)\b",
        # 'The Saudis responded to the attack on their pipeline with airstrikes in Sanaa, killing six':
        # the answer to an attack is another strike.
        r"\bresponded\s+to\s+(?:the|this|that|their)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|assault)\b",
        # 'was part of a broader wave of attacks that killed at least 23 people': the wave's toll.
        r"\b(?:wave|series|string|spate|barrage)\s+of\s+(?:[\w-]+\s+)?(?:attacks|strikes|raids|airstrikes)\s+"
        r"(?:that|which)\s+(?:have\s+|has\s+)?(?:killed|left|claimed)\b",
        # 'It was followed on Wednesday by several strikes on southern Lebanon': what came next.
        r"\b(?:was|were)\s+followed\s+(?:[\w,]+\s+){0,3}?by\b",
        # 'Elsewhere in Syria on Thursday, government warplanes bombed ...': another place's news.
        r"^\W*(?:(?-i:[A-Z]{2,})\s+)*(?:elsewhere|separately)\b",
        # 'In the Gaza Strip meanwhile, Israelis killed at least 41 Palestinians'
        r"^\W*In\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*){0,3},?\s+meanwhile\b",
        # Running tolls of a war: 'more than 200 journalists have been killed during the conflict'.
        r"\b(?:during|throughout|since\s+the\s+start\s+of|in\s+the\s+course\s+of)\s+the\s+"
        r"(?:\w+\s+)?(?:war|conflict|offensive|invasion|campaign)\b",
    )
)
# Phrases that put a clause about another event inside a sentence about this strike
# ('in response to an attack that killed three troops'): numbers after them are not ours.
FOREIGN_CLAUSE = re.compile(
    r"\b(?:in\s+response\s+to|(?:in\s+)?retaliation\s+(?:for|to|against)|response\s+to|"
    r"retaliate\s+(?:against|for)|"
    # 'struck to prevent what it said was a pending drone attack by Iran': the attack that did not happen.
    r"(?:thwart|foil|prevent|avert|pre-?empt)\w*\s+(?:what\s+\w+\s+(?:said|says|called)\s+(?:was|were)\s+)?"
    r"(?:an?\s+|the\s+)?(?:[\w\"“”'-]+\s+){0,3}?(?:attacks?|strikes?)|"
    r"revenge\s+for|(?:blamed|blames|blaming)\s+(?:[\w’'-]+\s+){0,3}?for|"
    # 'as Israel hits back for Iran rocket fire'
    r"(?:hits?|hitting|struck|strikes?|striking)\s+back\s+(?:for|at|against)|"
    # 'was behind attacks on U.S. forces, including one on Friday ...': earlier attacks.
    r"(?:was|were|is|are|been)\s+behind\s+(?:(?:a\s+)?(?:series|string|spate|wave)\s+of\s+|recent\s+|"
    r"repeated\s+|several\s+|numerous\s+|previous\s+)?(?:\w+\s+)?attacks|linked\s+(?:\w+\s+){0,3}to|responsible\s+for|"
    r"accused\s+(?:[\w’'-]+\s+){0,3}?of|avenge|"
    # A person's past deeds: 'involved in the attack on the Peshawar school that killed 150'.
    r"involved\s+in|masterminded|masterminding|orchestrated|plotted|wanted\s+(?:for|over|in\s+connection\s+with)|"
    r"helped\s+(?:to\s+)?(?:facilitate|plan|organi[sz]e|orchestrate|carry\s+out)|facilitated|role\s+in|plotting|"
    r"planning\s+(?:attacks|to)|"
    r"convicted\s+(?:of|for|over)|suspected\s+(?:of|in)|suspect\s+in|"
    # 'The attack comes after a top Houthi leader was killed in an air strike': an earlier event.
    r"(?:comes?|came)\s+(?:(?:just|only|a|few|two|three|days?|weeks?|hours?|months?)\s+){0,3}after|"
    # 'aimed at diverting attention from a Saturday attack on a funeral that left 140 dead'
    r"(?:divert|diverting|distract|distracting)\s+(?:\w+\s+)?attention\s+(?:away\s+)?from|"
    # 'his death was preceded by those of X and Y last Tuesday': earlier deaths.
    r"(?:was|were)\s+preceded\s+by|"
    r"(?:following|after|follows|followed|comes\s+after|came\s+after)\s+(?:(?:an?|the)\s+)?"
    # 'after a string of Islamic State terrorist attacks throughout Paris that killed 129'
    r"(?:(?:string|series|wave|spate)\s+of\s+)?(?:[\w.-]+\s+){0,3}"
    r"(?:attacks?|strikes?|raids?|bombings?|assaults?|barrages?|salvos?|volleys?|rocket\s+fire)"
    r"\s+(?:on|in|against|by|that|of|throughout|across))\b",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------
# Dates and times
# ---------------------------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
DAY_PERIODS = (
    r"(?:night|nighttime|night-time|morning|afternoon|evening|overnight|dawn|dusk|midnight|midday|noon)"
)

# ---------------------------------------------------------------------------
# Claims
# ---------------------------------------------------------------------------

ATTRIBUTION_VERBS = (
    r"(?:said|says|say|told|added|stated|reported|reports|announced|confirmed|claimed|claims|wrote|posted|"
    r"tweeted|insisted|warned|alleged|noted|indicated|acknowledged|denied|explained|shouted|declared)"
)
# Cue words for who a speaker is, checked in this order (the first hit decides). The flag says
# whether the cue is read in the whole speaker phrase ('officials who spoke on condition of
# anonymity') or only in its head ('officials', not 'interviewed by The New York Times').
SPEAKER_CUES: tuple[tuple[str, re.Pattern[str], bool], ...] = tuple(
    (
        kind,
        re.compile(p, re.IGNORECASE),
        kind in ("anonymous_official", "other") or p.startswith(r"\baffiliated"),
    )
    for kind, p in (
        (
            "anonymous_official",
            r"\banonymity\b|\banonymously\b|\bnot\s+authori[sz]ed\b|\bdeclined\s+to\s+be\s+(?:named|identified)"
            r"|\bunnamed\b|\bsources?\b|\bon\s+background\b",
        ),
        (
            "other",
            r"\bcivil\s+defen[cs]e\b|\bWhite\s+Helmets\b|\brescuers?\b|\brescue\s+workers?\b|\bparamedics?\b"
            r"|\bmedics?\b|\bRed\s+Crescent\b|\bRed\s+Cross\b|\bhospital\b|\bdoctors?\b",
        ),
        ("group", r"\baffiliated\s+with\b|\blinked\s+to\b|\bclose\s+to\s+the\s+(?:group|militia|movement)\b"),
        (
            "news_agency",
            r"\bReuters\b|\bAssociated\s+Press\b|\bAP\b|\bAFP\b|\bAgence\s+France|\bthe\s+outlet\b|\bnews\s+agency\b"
            r"|\bthe\s+agency\b|\bstate\s+(?:media|TV|television|news)\b|\bbroadcaster\b|\bnewspaper\b"
            r"|\bAl\s+Jazeera\b|\bAl\s+Arabiya\b|\bBBC\b|\bCNN\b|\bNew\s+York\s+Times\b|\bWashington\s+Post\b"
            r"|\bIRNA\b|\bSANA\b|\bWAFA\b|\bTASS\b|\bRIA\b|\bInterfax\b|\bXinhua\b|\bAnadolu\b|\bUkrinform\b"
            r"|\bAl-Manar\b|\bAl\s+Mayadeen\b|\btelevision\b|\bchannel\b",
        ),
        (
            "military",
            r"\bmilitary\b|\barmy\b|\barmed\s+forces\b|\bforces\b|\bPentagon\b|\bCENTCOM\b|\bCentcom\b"
            r"|\bCentral\s+Command\b|\b[A-Z]+COM\b|\bAfrica\s+Command\b|\bIDF\b|\bair\s+force\b|\bnavy\b|\bcommand\b|\bgeneral\b|\bdefen[cs]e\b"
            r"|\bbrigade\b|\bspokesman\s+for\s+the\s+(?:army|military)\b",
        ),
        (
            "group",
            r"\bgroup\b|\bmilitia\b|\bmovement\b|\bfaction\b|\bmilitants?\b|\brebels?\b|\binsurgents?\b"
            r"|\bHamas\b|\bHezbollah\b|\bHouthis?\b|\bTaliban\b|\bShabaa?b\b|\bIslamic\s+(?:State|Resistance|Jihad)\b"
            r"|\bBrigades\b|\bKata.?ib\b",
        ),
        (
            "government",
            r"\bgovernment\b|\bministry\b|\bminister\b|\bpresident\b|\bprime\s+minister\b|\bWhite\s+House\b"
            r"|\bState\s+Department\b|\bKremlin\b|\bofficials?\b|\bspokes(?:man|woman|person)\b|\bgovernor\b"
            r"|\bmayor\b|\bpolice\b|\bauthorit(?:y|ies)\b|\bembassy\b|\bcouncil\b|\bcivil\s+defen[cs]e\b",
        ),
        (
            "witness",
            r"\bwitness(?:es)?\b|\beyewitness(?:es)?\b|\bresidents?\b|\blocals?\b|\bsurvivors?\b|\bneighbou?rs?\b"
            r"|\bonlookers?\b|\bbystanders?\b|\bone\s+(?:man|woman|guy|resident)\b|\ba\s+(?:man|woman)\b"
            r"|\brelatives?\b|\bshopkeeper\b|\bdriver\b",
        ),
    )
)
