"""Weapon phrases to a small set of classes reporters distinguish.

'A US drone', 'drone strike', 'an unmanned aerial vehicle' and 'MQ-9 Reaper' are one
class; a drone firing a missile is not a contradiction of 'missile strike', nor is a
drone strike of an 'air strike', so related classes are compatible without being equal.
"""

from __future__ import annotations

import re

# Class -> patterns, checked in this order (a 'drone strike' is a drone before it is a strike).
_CLASSES: list[tuple[str, re.Pattern[str]]] = [
    # A chemical attack is named by its agent first, whatever delivered it (an air strike
    # dropping sarin is, to a reader, a chemical attack).
    (
        "chemical",
        re.compile(
            r"\bchemical\b|\bsarin\b|\bchlorine\b|\bnerve (?:agent|gas)\b|\btoxic gas\b"
            r"|\bpoison(?:ous)? gas\b|\bgas attack\b|\bmustard gas\b"
        ),
    ),
    (
        "drone",
        re.compile(
            r"\bdrones?\b|\buavs?\b|\bunmanned (?:aerial|air|aircraft)|\bunmanned\b|\bmq-?\d+\b|\breaper\b"
            r"|\bpredator\b|\bloitering munitions?\b|\bkamikaze\b|\bquadcopters?\b|\bshahed\b"
        ),
    ),
    (
        "airstrike",
        re.compile(
            r"\bair ?strikes?\b|\baerial (?:strike|attack|bombardment|bombing)s?\b|\bwar ?planes?\b|\bjets?\b"
            r"|\bfighter\b|\baircraft\b|\bhelicopters?\b|\bbombers?\b|\bair raids?\b|\bbombing raids?\b"
        ),
    ),
    (
        "missile",
        re.compile(
            r"\bmissiles?\b|\bhellfire\b|\btomahawks?\b|\bcruise\b|\bballistic\b|\batgm\b"
            r"|\b(?:kinzhal|kalibr|iskander|zircon|tsirkon|oreshnik|onyx|storm shadow|scalp|atacms)\b"
            r"|\b(?:kh|x) \d{2,3}\b"  # Kh-101, X-22 (hyphens are folded to spaces)
        ),
    ),
    ("rocket", re.compile(r"\brockets?\b|\bkatyusha\b|\bgrad\b|\brpg\b")),
    ("artillery", re.compile(r"\bartillery\b|\bshell(?:s|ing|ed)?\b|\bhowitzers?\b")),
    ("mortar", re.compile(r"\bmortars?\b")),
    (
        "explosive device",
        re.compile(
            r"\bieds?\b|\bimprovised explosive\b|\broadside bomb\b|\bcar bomb\b|\bvbied\b"
            r"|\bexplosive device\b|\bsticky bomb\b|\bexplosives?\b|\bbombs?\b"
            # Air-dropped bombs by name: GBU-43, MOAB, FAB-500, KAB glide bombs.
            r"|\bgbu \d+|\bmoab\b|\b(?:fab|kab) \d+|\bbunker busters?\b"
        ),
    ),
    ("gunfire", re.compile(r"\bgun(?:fire|men|man|shots?)?\b|\bshooting\b|\bsnipers?\b|\brifles?\b")),
]
# Pairs that describe one attack from different angles (the drone fires the missile).
_RELATED = {
    frozenset({"drone", "airstrike"}),
    frozenset({"drone", "missile"}),
    frozenset({"airstrike", "missile"}),
    frozenset({"missile", "rocket"}),
    frozenset({"artillery", "mortar"}),
    frozenset({"artillery", "rocket"}),
    frozenset({"chemical", "airstrike"}),
    frozenset({"chemical", "rocket"}),
    frozenset({"chemical", "artillery"}),
}


def canonical_weapon(text: str | None) -> str | None:
    """The weapon class a phrase names, or None ('an attack', 'a strike' name none)."""
    if not text:
        return None
    folded = " ".join(text.lower().replace("-", " ").split())
    folded = re.sub(r"\bmq (\d)", r"mq\1", folded)
    for name, pattern in _CLASSES:
        if pattern.search(folded):
            return name
    return None


def names_the_means(weapon: str | None) -> bool:
    """Whether a class says what struck, not only that it came from the air.

    'Air strike' is what reporters write for any attack from above, a drone's included, so
    between outlets evenly split on 'drone' and 'air strike' the drone is the more
    informative reading (and the one a careful reader keeps).
    """
    return weapon is not None and weapon != "airstrike"


def compatible_weapons(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return frozenset({a, b}) in _RELATED
