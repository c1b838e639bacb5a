"""Numbers as Arabic, Russian and Ukrainian reports write them, made English.

A model asked for English values still quotes the article in its own script: 'مقتل ٣
أشخاص', 'загинули троє'. Checking that a toll stands in its quote, or reading a toll a
small model left in the original language, needs those numbers as the English number
reader knows them. Only whole words are replaced, and only the forms reports use for
tolls (1 to 10, the tens, a hundred); Arabic-Indic digits of both sets become ASCII.
French and Spanish reports write tolls in digits, and their number words ('six', 'cent')
collide with English ones, so they are left alone.
"""

from __future__ import annotations

import re

from factsheet.normalise.scripts import ARABIC_INDIC_DIGITS, LOCAL_SCRIPT

_DIGITS = {**ARABIC_INDIC_DIGITS, "\u066c": ","}  # with the Arabic thousands separator

_WORDS: dict[int, tuple[str, ...]] = {
    1: ("واحد", "واحدة", "один", "одна", "одного", "одне"),
    2: ("اثنان", "اثنين", "إثنين", "اثنتان", "два", "две", "двое", "двух", "дві", "двоє"),
    3: ("ثلاثة", "ثلاث", "три", "трое", "трёх", "трех", "троє", "трьох"),
    4: ("أربعة", "اربعة", "أربع", "четыре", "четверо", "чотири", "четверо"),
    5: ("خمسة", "خمس", "пять", "пятеро", "п'ять", "п'ятеро"),
    6: ("ستة", "ست", "шесть", "шестеро", "шість"),
    7: ("سبعة", "سبع", "семь", "семеро", "сім"),
    8: ("ثمانية", "ثماني", "восемь", "вісім"),
    9: ("تسعة", "تسع", "девять", "дев'ять"),
    10: ("عشرة", "عشر", "десять"),
    20: ("عشرون", "عشرين", "двадцать", "двадцять"),
    30: ("ثلاثون", "ثلاثين", "тридцать", "тридцять"),
    40: ("أربعون", "أربعين", "اربعين", "сорок"),
    50: ("خمسون", "خمسين", "пятьдесят", "п'ятдесят"),
    100: ("مئة", "مائة", "сто"),
}
_ENGLISH = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    20: "twenty",
    30: "thirty",
    40: "forty",
    50: "fifty",
    100: "hundred",
}
_LOOKUP = {w: _ENGLISH[n] for n, words in _WORDS.items() for w in words}
# Longest first; \b does not hold inside Arabic clitics, so words stand between non-letters.
_PATTERN = re.compile(
    r"(?<![^\W\d_])("
    + "|".join(re.escape(w) for w in sorted(_LOOKUP, key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)


def englished_numbers(text: str) -> str:
    """The text with foreign digits and number words replaced by English ones; other text unchanged.

    Called for every count the normaliser reads, so text without Arabic or Cyrillic (all
    English reporting) returns at once.
    """
    if not LOCAL_SCRIPT.search(text):
        return text
    text = "".join(_DIGITS.get(ch, ch) for ch in text).replace("’", "'")
    return _PATTERN.sub(lambda m: _LOOKUP[m.group(1).lower()], text)
