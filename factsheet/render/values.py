"""How values read to a person, shared by the Markdown and HTML views so both say the same thing."""

from __future__ import annotations

from collections.abc import Iterable

from factsheet.models import (
    EVENT_FIELDS,
    Alternative,
    Casualties,
    ClaimGroup,
    FactSheet,
    SheetField,
    SheetPerson,
    Source,
)

FIELD_LABELS: dict[str, str] = {
    "date": "Date",
    "local_time": "Local time",
    "utc_time": "UTC time",
    "country": "Country",
    "city": "City",
    "district": "District",
    "attacker": "Attacker",
    "weapon": "Weapon",
    "target_person": "Target (person)",
    "target_organisation": "Target (organisation)",
    "killed": "Killed",
    "injured": "Injured",
}

STATUS_HELP: dict[str, str] = {
    "agreed": "every outlet that gives this field is compatible with this value",
    "majority": "most independent sources back this value; others contradict it",
    "contested": "the outlets contradict each other and none has a majority",
    "single_source": "only one independent source gives this field",
    "range": "the outlets give different figures: lowest to highest, and the figure most of them give",
    "unknown": "no outlet gives a verified value",
}

GRADE_HELP: dict[str, str] = {
    "confirmed": "two or more independent sources agree and the attacker's own statement says it too",
    "fair": "two or more independent sources",
    "weak": "one independent source",
    "contested": "competing values with no clear majority",
    "none": "nothing to grade",
}

# Words that already name the kind of attack, so the headline does not say 'drone strike strike'.
_ATTACK_NOUNS = frozenset(
    {
        "strike",
        "strikes",
        "airstrike",
        "airstrikes",
        "raid",
        "raids",
        "attack",
        "attacks",
        "bombing",
        "bombings",
        "shelling",
        "bombardment",
        "assault",
        "ambush",
        "operation",
        "explosion",
        "blast",
    }
)


def label(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def show_value(value: Casualties | str | None) -> str:
    """Casualty ranges in words a reader would use ('at least 1', '10–15'); other values as given."""
    if value is None:
        return "unknown"
    if isinstance(value, str):
        return value
    low, best, high = value.low, value.best, value.high
    if low is None and best is None and high is None:
        return "unknown"
    if low is not None and high is not None:
        span = str(low) if low == high else f"{low}–{high}"
        return span if best is None or (low == high == best) else f"{span} (best {best})"
    if low is not None:
        extra = f" (best {best})" if best is not None and best != low else ""
        return f"at least {low}{extra}"
    if high is not None:
        extra = f" (best {best})" if best is not None and best != high else ""
        return f"up to {high}{extra}"
    return f"about {best}"


def join_names(names: Iterable[str]) -> str:
    return ", ".join(names)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def source_labels(sources: list[Source]) -> dict[str, str]:
    """A column heading per source: the outlet, numbered when one outlet sent several articles."""
    counts: dict[str, int] = {}
    for s in sources:
        counts[s.outlet] = counts.get(s.outlet, 0) + 1
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for s in sources:
        if counts[s.outlet] > 1:
            seen[s.outlet] = seen.get(s.outlet, 0) + 1
            out[s.id] = f"{s.outlet} ({seen[s.outlet]})"
        else:
            out[s.id] = s.outlet
    return out


def copy_groups(sources: list[Source]) -> dict[str, list[Source]]:
    """Near-copy groups with two or more members, in first-appearance order."""
    groups: dict[str, list[Source]] = {}
    for s in sources:
        if s.copy_group:
            groups.setdefault(s.copy_group, []).append(s)
    return {g: members for g, members in groups.items() if len(members) > 1}


def _known(f: SheetField) -> str | None:
    return show_value(f.value) if f.value is not None else None


def headline(sheet: FactSheet) -> str:
    """What happened in one line, from consensus values only: a contested value is left out, not guessed."""
    e = sheet.event
    weapon, attacker = _known(e.weapon), _known(e.attacker)
    person, org = _known(e.target_person), _known(e.target_organisation)
    if weapon is None:
        what = "Strike"
    else:
        last = weapon.split()[-1].lower() if weapon.split() else ""
        what = weapon if last in _ATTACK_NOUNS else f"{weapon} strike"
        what = what[:1].upper() + what[1:]
    parts = [what]
    if attacker:
        parts.append(f"by {attacker}")
    if person and org:
        parts.append(f"on {person} ({org})")
    elif person or org:
        parts.append(f"on {person or org}")
    place = [p for p in (_known(e.district), _known(e.city), _known(e.country)) if p]
    if place:
        parts.append("in " + ", ".join(dict.fromkeys(place)))
    date = _known(e.date)
    if date:
        parts.append(f"on {date}")
    return " ".join(parts)


def event_fields(sheet: FactSheet) -> list[tuple[str, SheetField]]:
    return [(name, getattr(sheet.event, name)) for name in EVENT_FIELDS]


def written_as(f: SheetField) -> list[str]:
    """The other ways the articles wrote the consensus name or date: aliases a reader can search for."""
    if f.value is None or isinstance(f.value, Casualties):
        return []
    shown = show_value(f.value).casefold()
    seen = [s for a in f.alternatives if a.verified and a.value == f.value for s in a.spellings]
    return [s for s in dict.fromkeys(seen) if s.casefold() != shown]


def alternative_text(a: Alternative) -> str:
    """A value, or when it could not be normalised ('night', 'Wednesday'), the article's own words."""
    if a.value is not None or not a.spellings:
        return show_value(a.value)
    return ", ".join(f"“{s}”" for s in a.spellings)


def other_values(f: SheetField) -> list[Alternative]:
    """Verified values beside the consensus, in the vote's order (all of them when there is no consensus)."""
    return [a for a in f.alternatives if a.verified and (f.value is None or a.value != f.value)]


def consensus_text(f: SheetField) -> str:
    """'unknown' when nothing usable was said; 'no exact value' when outlets agree only vaguely."""
    if f.value is not None:
        return show_value(f.value)
    if f.status == "contested":
        return "contested"
    return "unknown" if f.status == "unknown" or not other_values(f) else "no exact value"


def independent_sources(sources: list[Source]) -> int:
    """Strike articles counted as the votes count them: near-copies once."""
    return len({s.copy_group or s.id for s in sources if s.is_strike})


def claims_by_speaker(claims: list[ClaimGroup]) -> list[tuple[str, list[ClaimGroup]]]:
    """Claims under their speaker, in the sheet's order; 'CENTCOM' and 'Centcom' are one speaker."""
    groups: dict[str, tuple[str, list[ClaimGroup]]] = {}
    for c in claims:
        groups.setdefault(c.speaker.strip().casefold(), (c.speaker, []))[1].append(c)
    return list(groups.values())


def person_fate(p: SheetPerson) -> str:
    """'killed', 'killed (contested: survived)' or 'not stated': a person's fate in words."""
    f = p.fate
    if f.status == "contested":
        return "contested: " + " vs ".join(str(a.value) for a in f.alternatives if a.verified)
    if f.value is None:
        return "not stated"
    return str(f.value)


def person_details(p: SheetPerson) -> str:
    """Title and group, the principal-target mark, and the other names, in one short line."""
    parts = [x for x in (p.title, p.organisation) if x]
    if p.principal:
        parts.append("principal target")
    elif p.targeted:
        parts.append("targeted")
    if p.aliases:
        parts.append("also " + ", ".join(f"“{a}”" for a in p.aliases))
    return "; ".join(parts)
