"""Is this the same person or group? Transliteration-aware name comparison.

Arabic names reach English news in many spellings (Baqir / Baqer / Bakr, Saadi /
Saedi / Saidi, Kataib / Kata'ib / Kataeb): short vowels are not written in Arabic, long
ones and the letters qaf, ayn and hamza have several Latin renderings. Two words are
taken as one word when their consonant skeletons agree (after folding q/k/c, ph/f,
doubled letters and a final h), they start and end alike (vowel or consonant) and their
first vowels belong to the same family (a/e/i or o/u). Names then align word by word, in
order, except for generic type words ('Brigades' = 'Kataib', 'Party' = 'Hizb'), which
may stand anywhere because Arabic and English order them differently.

What this refuses to merge matters as much: a shared surname ('Abu Bakr al-Saadi' vs
'Hadi al-Saadi') or a shared type word ('Kataib Hezbollah' vs 'Kataib Sayyid
al-Shuhada') is not enough; every distinctive word of one name must find its partner.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from factsheet.normalise.transliterate import to_latin

_APOSTROPHES = "'’‘ʿʾ`´ʼʻ′"
_QUOTE_PAIRS = [("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019"), ("'", "'"), ("«", "»")]

# Generic type nouns of armed groups, English and the Arabic (transliterated) word it renders.
# They are interchangeable with each other and may sit anywhere in the name.
_TYPE_NOUNS: dict[str, tuple[set[str], set[str]]] = {
    "brigade": ({"brigade", "brigades"}, {"kataib", "katiba", "katibat", "liwa", "alwiya"}),
    "battalion": ({"battalion", "battalions"}, set()),
    "party": ({"party"}, {"hizb"}),
    "movement": ({"movement"}, {"harakat", "haraka"}),
    "army": ({"army"}, {"jaish"}),
    "front": ({"front"}, {"jabhat", "jabha"}),
    "companies": ({"companies", "company"}, {"saraya"}),
    "league": ({"league", "leagues"}, {"asaib", "usbat"}),
    "corps": ({"corps"}, {"faylaq"}),
    "organisation": ({"organisation", "organization"}, {"munazzamat", "tanzim"}),
    "forces": ({"forces", "force"}, {"quwat"}),
    "mobilisation": ({"mobilisation", "mobilization"}, {"hashd"}),
    "supporters": ({"supporters", "partisans"}, {"ansar"}),
    "soldiers": ({"soldiers"}, {"jund"}),
}
# Words whose English and Arabic forms are the same word, but keep their place in the name.
_TRANSLATED: dict[str, tuple[set[str], set[str]]] = {
    "islamic": ({"islamic"}, {"islamiya", "islamiyya", "islami"}),
    "popular": ({"popular"}, {"shaabi"}),
    "resistance": ({"resistance"}, {"muqawama"}),
    "state": ({"state"}, {"dawla", "dawlat"}),
}
# Words that describe rather than name ('the Kataib Hezbollah militia').
_FILLERS = {"the", "of", "in", "for", "and", "militia", "militias", "group", "faction", "outfit"}
# Ranks and honorifics in front of a person's name.
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sheikh",
    "shaikh",
    "shaykh",
    "sheik",
    "haji",
    "hajji",
    "hajj",
    "mullah",
    "mulla",
    "mawlawi",
    "maulvi",
    "maulana",
    "imam",
    "ayatollah",
    "gen",
    "general",
    "lt",
    "lieutenant",
    "col",
    "colonel",
    "maj",
    "major",
    "brig",
    "brigadier",
    "capt",
    "captain",
    "cmdr",
    "commander",
    "leader",
    "chief",
    "senior",
    "top",
    "militant",
}
# Kinship particles: present in many names, never distinctive on their own.
_PARTICLES = {"abu", "umm", "bin", "abd"}
_PARTICLE_SPELLINGS = {
    "ibn": "bin",
    "ben": "bin",
    "bn": "bin",
    "abdul": "abd",
    "abdel": "abd",
    "abdol": "abd",
    "abdal": "abd",
    "abou": "abu",
    "abo": "abu",
    "abi": "abu",
}
_ARTICLE_PREFIX = re.compile(r"\b(?:(?:al|el|ul|a[dnrstz]|ash|adh|ath)-|(?:ash|adh|ath)\s+)(?=\w)")
_VOWELS = set("aeiou")


@dataclass(frozen=True)
class _Word:
    form: str  # folded spelling: lowercase ASCII, no apostrophes, doubled letters collapsed
    concept: str | None  # shared key of a generic word across languages
    type_noun: bool  # a generic type noun: free position, not distinctive


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _phonetic(word: str) -> str:
    """Fold spelling variants of one transliterated word to one form."""
    if not word.isascii():
        return word
    w = word
    for old, new in (("ph", "f"), ("kh", "x"), ("gh", "g"), ("sh", "$"), ("ch", "$"), ("dh", "d")):
        w = w.replace(old, new)
    w = w.replace("ck", "k").replace("q", "k").replace("c", "k").replace("dj", "j")
    w = w.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    w = re.sub(r"(.)\1+", r"\1", w)
    if len(w) > 2 and w.endswith("h") and w[-2] in _VOWELS:
        w = w[:-1]
    return w


@dataclass(frozen=True)
class _Shape:
    skeleton: str
    starts_vowel: bool
    ends_vowel: bool
    first_vowel: str | None
    vowel_groups: int


def _is_vowel(w: str, i: int) -> bool:
    ch = w[i]
    if ch in _VOWELS:
        return True
    # y and w close a diphthong (Husayn = Hussein, Dawla = Daula) but are consonants at the
    # start of a word (Yasir, Wissam) and between vowels (Jawad, Malawi, Sayed).
    if ch not in "yw" or i == 0:
        return False
    between_vowels = w[i - 1] in _VOWELS and i + 1 < len(w) and w[i + 1] in _VOWELS
    return not between_vowels


@lru_cache(maxsize=4096)
def _shape(form: str) -> _Shape:
    flags = [_is_vowel(form, i) for i in range(len(form))]
    skeleton = "".join(ch for ch, vowel in zip(form, flags, strict=True) if not vowel)
    vowels = [ch for ch, vowel in zip(form, flags, strict=True) if vowel]
    groups = sum(1 for i, v in enumerate(flags) if v and (i == 0 or not flags[i - 1]))
    first = vowels[0] if vowels else None
    family = None if first is None else ("u" if first in "ouw" else "a")
    return _Shape(skeleton, bool(flags) and flags[0], bool(flags) and flags[-1], family, groups)


def _same_form(a: str, b: str) -> bool:
    if a == b:
        return True
    if not (a.isascii() and b.isascii()):
        return False
    sa, sb = _shape(a), _shape(b)
    if len(sa.skeleton) < 2 and sa.vowel_groups != sb.vowel_groups:
        return False  # one consonant leaves too little to tell words apart (Ali / Alaa / Alwiya)
    return (
        bool(sa.skeleton)
        and sa.skeleton == sb.skeleton
        and sa.starts_vowel == sb.starts_vowel
        and sa.ends_vowel == sb.ends_vowel
        and (sa.first_vowel is None or sb.first_vowel is None or sa.first_vowel == sb.first_vowel)
        # Arabic written in Latin letters carries no short vowels ('hsn' for Hassan): with no
        # vowel at all, the count of vowel groups says nothing.
        and (abs(sa.vowel_groups - sb.vowel_groups) <= 1 or min(sa.vowel_groups, sb.vowel_groups) == 0)
    )


@lru_cache(maxsize=4096)
def _concept(form: str) -> tuple[str | None, bool]:
    for table, type_noun in ((_TYPE_NOUNS, True), (_TRANSLATED, False)):
        for concept, (english, arabic) in table.items():
            if form in {_phonetic(e) for e in english}:
                return concept, type_noun
            if any(len(_shape(form).skeleton) >= 2 and _same_form(form, _phonetic(a)) for a in arabic):
                return concept, type_noun
    return None, False


def _raw_words(name: str) -> list[str]:
    # Arabic and Cyrillic names are compared by their Latin letters ('الساعدي' = al-Saadi).
    text = _strip_accents(to_latin(name)).lower()
    text = _ARTICLE_PREFIX.sub("", text)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    return [w for w in re.split(r"[^\w$]+", text) if w]


def _words(name: str) -> list[_Word]:
    raw = _raw_words(name)
    while raw and raw[0] in _TITLES:
        raw = raw[1:]
    out: list[_Word] = []
    for word in raw:
        if word in ("al", "el") or word in _FILLERS:
            continue
        word = _PARTICLE_SPELLINGS.get(word, word)
        form = _phonetic(word)
        concept, type_noun = _concept(form)
        out.append(_Word(form, concept, type_noun))
    return out


def _word_eq(a: _Word, b: _Word) -> bool:
    if a.concept or b.concept:
        return a.concept == b.concept
    return _same_form(a.form, b.form)


def _join(a: _Word, b: _Word) -> _Word:
    form = _phonetic(a.form + b.form)
    return _Word(form, None, False)


def _merge_compounds(words: list[_Word], other: list[_Word]) -> list[_Word]:
    """Join two adjacent words the other name writes as one ('Hizb Allah' vs 'Hezbollah')."""
    out: list[_Word] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words):
            joined = _join(words[i], words[i + 1])
            if any(not o.concept and _same_form(joined.form, o.form) for o in other):
                out.append(joined)
                i += 2
                continue
        out.append(words[i])
        i += 1
    return out


def _aligned(words: list[_Word], other: list[_Word]) -> tuple[list[_Word], list[_Word]]:
    return _merge_compounds(words, other), _merge_compounds(other, words)


def _split_kinds(words: list[_Word]) -> tuple[list[_Word], Counter[str]]:
    """Ordered distinctive words, and the multiset of free-standing type nouns."""
    ordered = [w for w in words if not w.type_noun]
    types = Counter(w.concept for w in words if w.type_noun and w.concept)
    return ordered, types


def _subsequence(short: list[_Word], long: list[_Word]) -> bool:
    j = 0
    for word in short:
        while j < len(long) and not _word_eq(word, long[j]):
            j += 1
        if j == len(long):
            return False
        j += 1
    return True


def _full_match(a: list[_Word], b: list[_Word]) -> bool:
    a, b = _aligned(a, b)
    oa, ta = _split_kinds(a)
    ob, tb = _split_kinds(b)
    if not oa and not ob:
        return ta == tb and bool(ta)
    return ta == tb and len(oa) == len(ob) and all(_word_eq(x, y) for x, y in zip(oa, ob, strict=True))


def _distinctive(words: list[_Word]) -> bool:
    return any(not w.type_noun and w.form not in _PARTICLES for w in words)


def _short_form(a: list[_Word], b: list[_Word]) -> bool:
    a, b = _aligned(a, b)
    short, long = sorted((a, b), key=len)
    if not _distinctive(short):
        return False
    os_, ts = _split_kinds(short)
    ol, tl = _split_kinds(long)
    return not (ts - tl) and _subsequence(os_, ol)


def _strip_quotes(text: str) -> str:
    return re.sub(r"[\"“”«»]|(?:(?<=\s)|^)['‘]|['’](?=\s|$)", " ", text)


def name_variants(name: str) -> list[str]:
    """The name, plus the names it says the person is known by.

    'Wissam Mohammed "Abu Bakr" al-Saadi' also yields 'Abu Bakr', 'Abu Bakr al-Saadi' and
    'Wissam Mohammed al-Saadi'; 'X (Y)' and 'X, known as Y' yield X and Y.
    """
    variants = [_strip_quotes(name)]
    for open_, close in _QUOTE_PAIRS:
        pattern = re.escape(open_) + r"([^" + re.escape(open_ + close) + r"]+)" + re.escape(close)
        if open_ in "'‘":
            pattern = r"(?:(?<=\s)|^)" + pattern + r"(?=\s|$)"
        match = re.search(pattern, name)
        if match:
            before, nick, after = name[: match.start()], match.group(1), name[match.end() :]
            variants += [nick, f"{nick} {after}", f"{before} {after}"]
            break
    paren = re.search(r"\(([^)]+)\)", name)
    if paren:
        variants += [paren.group(1), name[: paren.start()] + name[paren.end() :]]
    alias = re.search(r"[,;]?\s*\b(?:known as|aka|a\.k\.a\.|alias|also called)\s+", name, re.IGNORECASE)
    if alias:
        variants += [name[: alias.start()], name[alias.end() :]]
    cleaned = [" ".join(_strip_quotes(v).split()) for v in variants]
    return list(dict.fromkeys(v for v in cleaned if v))


@lru_cache(maxsize=4096)
def _variant_words(name: str) -> tuple[tuple[_Word, ...], ...]:
    return tuple(tuple(_words(v)) for v in name_variants(name))


def same_entity(a: str, b: str, *, allow_short_form: bool = False) -> bool:
    """Whether two names denote the same person or group.

    Without `allow_short_form` every distinctive word must align both ways. With it, one
    name may be a part of the other ('Hezbollah' of 'Kataib Hezbollah', 'al-Saadi' of
    'Abu Bakr al-Saadi'): use it only where context makes the short form unambiguous.
    """
    for wa in _variant_words(a):
        for wb in _variant_words(b):
            if not wa or not wb:
                continue
            if _full_match(list(wa), list(wb)):
                return True
            if allow_short_form and _short_form(list(wa), list(wb)):
                return True
    return False


def _word_key(word: _Word) -> str:
    if word.concept:
        return f"<{word.concept}>"
    if not word.form.isascii():
        return word.form
    shape = _shape(word.form)
    vowel = shape.first_vowel or ""
    return ("_" if shape.starts_vowel else "") + vowel + shape.skeleton + ("_" if shape.ends_vowel else "")


def fold(name: str) -> str:
    """A comparison key: names with equal keys are the same entity (the converse needs same_entity)."""
    ordered, types = _split_kinds(_words(_strip_quotes(name)))
    keys = [_word_key(w) for w in ordered] + sorted(f"<{t}>" for t in types.elements())
    return " ".join(keys)


def clean_name(name: str) -> str:
    """The name as written, tidied for display: spacing, outer punctuation, a leading 'the'/title."""
    text = " ".join(name.split()).strip(" ,.;:")
    text = re.sub(r"^(?:the)\s+", "", text, flags=re.IGNORECASE)
    words = text.split(" ")
    while len(words) > 1 and words[0].lower().strip(".") in _TITLES:
        words = words[1:]
    text = " ".join(words)
    stripped = re.sub(r"\s+(?:militia|militias|group|faction)$", "", text, flags=re.IGNORECASE)
    # 'the Kataib Hezbollah militia' names a group; 'Iranian-backed militia' only describes one.
    if stripped != text and not re.search(
        r"(?:backed|aligned|linked|allied|affiliated|supported|armed)$", stripped, re.I
    ):
        return stripped
    return text


def _completeness(name: str, others: list[str]) -> int:
    """How many words the name has, counting a word another name writes as two ('Hizb Allah') once."""
    own = _words(_strip_quotes(name))
    counts = [len(_aligned(own, _words(_strip_quotes(o)))[0]) for o in others if o != name]
    return min(counts, default=len(own))


def pick_display(names: list[str]) -> str:
    """The spelling to print for a group of names of one entity.

    The most complete name wins (a full name over its kunya); among equally complete ones
    the spelling most articles used; then the one with the fewest non-ASCII marks (easiest
    to search for); then alphabetical, so the choice never depends on input order.
    """
    cleaned = [clean_name(n) for n in names if n and n.strip()]
    if not cleaned:
        return ""
    counts = Counter(cleaned)
    distinct = sorted(counts)
    return min(
        distinct,
        key=lambda n: (-_completeness(n, distinct), -counts[n], sum(not ch.isascii() for ch in n), n),
    )


def word_count(name: str) -> int:
    """How many name words a name has once titles, articles and fillers are set aside."""
    return len(_words(_strip_quotes(name)))


def without_type_nouns(name: str) -> str:
    """The name less its generic type words ('Harakat al-Nujaba' -> 'al-Nujaba'); unchanged if none."""
    kept = []
    dropped = False
    for word in _strip_quotes(name).split():
        parts = _raw_words(word)
        if parts and all(_concept(_phonetic(p))[1] for p in parts):
            dropped = True
            continue
        kept.append(word)
    return " ".join(kept) if dropped else name


def _loose_word(a: _Word, b: _Word) -> bool:
    """Same consonants, vowels aside: Arabic short vowels are not written, so Kuntar = Qantar."""
    if _word_eq(a, b):
        return True
    if a.concept or b.concept or not (a.form.isascii() and b.form.isascii()):
        return False
    sa, sb = _shape(a.form), _shape(b.form)
    return len(sa.skeleton) >= 3 and sa.skeleton == sb.skeleton and sa.starts_vowel == sb.starts_vowel


def same_person_loose(a: str, b: str) -> bool:
    """Two full names of one person spelt from Arabic two ways: every word aligns, at least one
    exactly and the rest by their consonants ('Samir Kuntar' and 'Samir Qantar').

    Looser than `same_entity`, so only for full names (two words or more) of people the
    same strike touched, where a near-namesake is far less likely than a second spelling.
    """
    for wa in _variant_words(a):
        for wb in _variant_words(b):
            ordered_a, _ = _split_kinds(list(wa))
            ordered_b, _ = _split_kinds(list(wb))
            if len(ordered_a) < 2 or len(ordered_a) != len(ordered_b):
                continue
            pairs = list(zip(ordered_a, ordered_b, strict=True))
            if all(_loose_word(x, y) for x, y in pairs) and any(_word_eq(x, y) for x, y in pairs):
                return True
    return False


def same_given_name(a: str, b: str) -> bool:
    """Whether two names start with the same name word ('Mohammad Allahdadi', 'Mohammad Ali Allahdadi').

    Arabic names chain a father's name after one's own: 'Hammam Khalil al-Hayya' is Khalil
    al-Hayya's son, so a name found at the end of a longer one is not, by itself, that person.
    """
    wa = [w for w in _words(_strip_quotes(a)) if not w.type_noun and w.form not in _PARTICLES]
    wb = [w for w in _words(_strip_quotes(b)) if not w.type_noun and w.form not in _PARTICLES]
    return bool(wa and wb) and _word_eq(wa[0], wb[0])
