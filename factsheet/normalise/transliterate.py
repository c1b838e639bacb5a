"""Arabic and Cyrillic names to a Latin spelling the English-side folds can compare.

A name in a local report ('الساعدي', 'Кривий Ріг') is the same as the English spelling
('al-Saadi', 'Kryvyi Rih') when their consonant skeletons agree; entities.py compares
skeletons of Latin words, so other scripts are first written in Latin, letter by letter.
The tables follow common romanisations (Arabic as in news English: 'q', 'kh', 'sh', ayn
and hamza dropped; Ukrainian with г = h, Russian with г = g, as each country's official
romanisation does). Short Arabic vowels are not written, and the skeleton comparison
does not need them.
"""

from __future__ import annotations

import re

from factsheet.normalise.scripts import ARABIC_LETTERS, CYRILLIC_LETTERS

_ARABIC = {
    "ا": "a",
    "أ": "a",
    "إ": "i",
    "آ": "a",
    "ٱ": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "a",
    "و": "w",
    "ي": "y",
    "ى": "a",
    "ء": "",
    "ؤ": "",
    "ئ": "",
    "پ": "p",
    "چ": "ch",
    "ژ": "zh",
    "گ": "g",
    "ک": "k",
    "ی": "y",
    "ـ": "",
}
_COMMON_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "д": "d",
    "е": "e",
    "ж": "zh",
    "з": "z",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "yu",
    "я": "ya",
    "ʼ": "",
    "'": "",
}
_UKRAINIAN = {**_COMMON_CYRILLIC, "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "yi", "є": "ye", "ий": "yi"}
_RUSSIAN = {**_COMMON_CYRILLIC, "г": "g", "и": "i", "ы": "y", "э": "e", "ё": "yo", "ъ": "", "ий": "iy"}
_UKRAINIAN_ONLY = re.compile(r"[іїєґ]", re.IGNORECASE)
_TASHKEEL = re.compile(r"[\u064b-\u065f\u0670]")


_LONG_VOWELS = "اوي"


def _arabic_word(word: str) -> str:
    word = _TASHKEEL.sub("", word)
    if word in ("الله", "لله"):
        return "allah"
    prefix = ""
    if word.startswith("ال") and len(word) > 3:
        prefix, word = "al-", word[2:]
    out = []
    for i, ch in enumerate(word):
        latin = _ARABIC.get(ch, ch)
        before = word[i - 1] if i else ""
        after = word[i + 1] if i + 1 < len(word) else ""
        if ch == "ع" and i == 0:
            latin = "a"  # an opening ayn is written as a vowel in English: Ali, Abbas
        elif ch in "وي" and i > 0:
            # Waw and yeh are the long vowels u and i between consonants and at the end
            # ('Saadi'), consonants next to another vowel letter ('Alyawi', 'Dawla').
            vowel = "u" if ch == "و" else "i"
            consonant = "w" if ch == "و" else "y"
            final = i == len(word) - 1
            latin = vowel if final else consonant if (before in _LONG_VOWELS or after == "ا") else vowel
        out.append(latin)
    return prefix + "".join(out)


def _cyrillic(text: str) -> str:
    table = _UKRAINIAN if _UKRAINIAN_ONLY.search(text) else _RUSSIAN
    out = []
    i = 0
    lowered = text.lower()
    while i < len(text):
        pair = lowered[i : i + 2]
        if pair in table and len(pair) == 2:
            latin, step = table[pair], 2
        else:
            latin, step = table.get(lowered[i], text[i]), 1
        if text[i].isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        i += step
    return "".join(out)


def to_latin(text: str) -> str:
    """The text with Arabic and Cyrillic words written in Latin letters; other text unchanged."""
    if ARABIC_LETTERS.search(text):
        text = re.sub(r"[\u0600-\u06ff]+", lambda m: _arabic_word(m.group()), text)
    if CYRILLIC_LETTERS.search(text):
        text = _cyrillic(text)
    return text
