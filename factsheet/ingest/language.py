"""Which language an article is written in, by a trained classifier, not by counting stopwords.

py3langid (a maintained fork of langid.py, also used by trafilatura) ships its model inside
the package, runs offline and answers in about a millisecond: the LLM prompt tells a model
which language it reads, the offline extractor knows what it cannot read, and normalisation
parses dates and number words in that language. The file's own metadata wins when it says.
"""

from __future__ import annotations

import re

# Below this many letters a guess is noise ('Baghdad, Feb 7'): say nothing.
_MIN_LETTERS = 40
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language ('en', 'ar', 'uk'), or None when too short to tell."""
    if len(_LETTER.findall(text)) < _MIN_LETTERS:
        return None
    import py3langid  # loads its model on first use (about 0.3 s), so only when asked

    code, _score = py3langid.classify(text[:5000])
    return str(code)


def metadata_language(value: str | None) -> str | None:
    """'en-GB', 'ar', 'Arabic' as metadata write it -> 'en', 'ar'; None when it names no language."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    names = {
        "english": "en",
        "arabic": "ar",
        "russian": "ru",
        "ukrainian": "uk",
        "french": "fr",
        "spanish": "es",
    }
    code = names.get(code, code)
    return code if re.fullmatch(r"[a-z]{2}", code) else None
