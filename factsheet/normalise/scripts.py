"""The writing systems local reports use, for the steps that treat Arabic and Cyrillic apart.

Transliteration, number and date words, gazetteer names, quote verification and the
cross-check each need to know whether a text holds Arabic or Cyrillic letters, and
verification and number reading both turn Arabic-Indic digits into ASCII ones: one
definition here keeps them reading the same characters.
"""

from __future__ import annotations

import re

ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")
CYRILLIC_LETTERS = re.compile(r"[\u0400-\u04ff]")
LOCAL_SCRIPT = re.compile(r"[\u0600-\u06ff\u0400-\u04ff]")
# Both sets: Arabic-Indic (٠-٩) and the Eastern ones Persian and Urdu use (۰-۹).
ARABIC_INDIC_DIGITS: dict[str, str] = {chr(0x0660 + d): str(d) for d in range(10)} | {
    chr(0x06F0 + d): str(d) for d in range(10)
}
