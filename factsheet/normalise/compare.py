"""What the merge asks of two normalised values: the same thing, or at least not in conflict?

Two relations, deliberately distinct. `equivalent` groups values into one alternative
(same date, same person in another spelling). `compatible` is weaker: both can be true
at once ('at least one' killed and 'three' killed; 'night' and 21:30 local; 'Hezbollah'
as an outlet's short form of 'Kataib Hezbollah'), so their difference is not reported as
a disagreement. Both are symmetric.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from factsheet.models import EVENT_FIELDS, Casualties, Claim, CountValue, DateValue, TimeValue, Value
from factsheet.normalise import entities, organisations
from factsheet.normalise.actors import country_actor, listed_states
from factsheet.normalise.dates import compatible_dates
from factsheet.normalise.numbers import compatible_counts
from factsheet.normalise.places import (
    compatible_districts,
    is_direction,
    known_city,
    landmark,
    region_seat,
    same_place,
    seat_and_town,
    town_district,
)
from factsheet.normalise.times import compatible_times, equivalent_times, sheet_clock
from factsheet.normalise.weapons import compatible_weapons

__all__ = ["compatible", "equivalent", "same_speaker", "sheet_value", "spelling"]


def _key(value: Value) -> str:
    return value.canonical if value.canonical else value.text


# ---- dates -----------------------------------------------------------------------------


def _date_equivalent(a: DateValue, b: DateValue) -> bool:
    if a.canonical or b.canonical:
        return a.canonical == b.canonical
    return bool(a.weekday and b.weekday and a.weekday.lower() == b.weekday.lower())


# ---- places ----------------------------------------------------------------------------


def _place_equivalent(a: Value, b: Value) -> bool:
    """Same place: by name when the gazetteer resolved both, by transliteration otherwise.

    Spelling folds are for names the gazetteer lacks (villages, districts); applied to known
    names they would merge places like Mali and Malawi.
    """
    if same_place(_key(a), _key(b)):
        return True
    if known_city(_key(a)) and known_city(_key(b)):
        return False
    # 'Almat' (a namesake abroad in the gazetteer) and 'Aalmat': compare the spellings too.
    return entities.same_entity(_key(a), _key(b)) or entities.same_entity(a.text, b.text)


def _country_equivalent(a: Value, b: Value) -> bool:
    if a.canonical and b.canonical:
        return a.canonical == b.canonical
    return same_place(a.text, b.text)


def _place_compatible(a: Value, b: Value) -> bool:
    if a.canonical is None or b.canonical is None:
        return True  # 'the city' names no place, so it contradicts none
    return (
        _place_equivalent(a, b)
        or _landmark_and_village(a, b)
        or _landmark_and_village(b, a)
        or _district_and_village(a, b)
        or _district_and_village(b, a)
        or seat_and_town(_key(a), _key(b))
        or seat_and_town(_key(b), _key(a))
    )


def _landmark_and_village(big: Value, small: Value) -> bool:
    """'Aleppo' and 'Urum al-Kubra': a big city outlets place the strike by, and a place the
    gazetteer lacks, in reports of one strike; the second says more and does not contradict."""
    return (landmark(_key(big)) or region_seat(_key(big))) and not known_city(_key(small))


def _district_and_village(area: Value, small: Value) -> bool:
    """'Noshki district' and 'Ahmed Wal': a province's district and a village reported in it."""
    return (
        town_district(area.text) is not None
        and town_district(small.text) is None
        and not known_city(_key(small))
    )


def _country_compatible(a: Value, b: Value) -> bool:
    if a.canonical is None or b.canonical is None:
        return True
    return a.canonical == b.canonical


def _district_compatible(a: Value, b: Value) -> bool:
    if _place_equivalent(a, b):
        return True
    return compatible_districts(a.canonical, b.canonical) or entities.same_entity(
        _key(a), _key(b), allow_short_form=True
    )


# ---- names -----------------------------------------------------------------------------


def _names_equivalent(a: Value, b: Value) -> bool:
    return organisations.same_organisation(_key(a), _key(b)) or _same_state_forces(a, b)


def _same_state_forces(a: Value, b: Value) -> bool:
    """'Syrian government forces' and 'Syrian regime forces' (or 'the Syrian army'): one state's forces."""
    state = _actor_country(a)
    return state is not None and state == _actor_country(b)


def _person_equivalent(a: Value, b: Value) -> bool:
    # A kunya or a two-word form of a full name is the person; a lone surname is only compatible.
    if entities.same_entity(_key(a), _key(b)):
        return True
    both_specific = min(entities.word_count(_key(a)), entities.word_count(_key(b))) >= 2
    return both_specific and entities.same_entity(_key(a), _key(b), allow_short_form=True)


def _names_compatible(a: Value, b: Value) -> bool:
    return entities.same_entity(_key(a), _key(b), allow_short_form=True)


def _organisations_compatible(a: Value, b: Value) -> bool:
    """A short form, or an umbrella and its member: both can be said of one strike."""
    return _names_compatible(a, b) or organisations.affiliated(_key(a), _key(b)) or _same_state_forces(a, b)


def _actor_country(value: Value) -> str | None:
    """The state behind an actor or speaker value ('US drone', or a speaker canonical 'US military')."""
    return country_actor(value.text) or (country_actor(value.canonical) if value.canonical else None)


def _actor_equivalent(a: Value, b: Value) -> bool:
    ca, cb = _actor_country(a), _actor_country(b)
    if ca or cb:
        return ca == cb
    return organisations.same_organisation(_key(a), _key(b))


def _actor_compatible(a: Value, b: Value) -> bool:
    ca, cb = _actor_country(a), _actor_country(b)
    if ca or cb:
        return ca == cb or ca in listed_states(b.text) or cb in listed_states(a.text)
    return _organisations_compatible(a, b)


# ---- weapons ---------------------------------------------------------------------------


def _weapon_equivalent(a: Value, b: Value) -> bool:
    if a.canonical or b.canonical:
        return a.canonical == b.canonical
    return " ".join(a.text.lower().split()) == " ".join(b.text.lower().split())


def _weapon_compatible(a: Value, b: Value) -> bool:
    return compatible_weapons(a.canonical, b.canonical)


# ---- counts ----------------------------------------------------------------------------


def _triple(value: Value) -> tuple[int | None, int | None, int | None]:
    assert isinstance(value, CountValue)
    return value.low, value.best, value.high


def _count_equivalent(a: Value, b: Value) -> bool:
    return _triple(a) == _triple(b) and any(n is not None for n in _triple(a))


def _count_compatible(a: Value, b: Value) -> bool:
    return compatible_counts(_triple(a), _triple(b))


def _time_pair(fn: Callable[[TimeValue, TimeValue], bool]) -> Callable[[Value, Value], bool]:
    def check(a: Value, b: Value) -> bool:
        assert isinstance(a, TimeValue) and isinstance(b, TimeValue)
        return fn(a, b)

    return check


def _date_pair(fn: Callable[[DateValue, DateValue], bool]) -> Callable[[Value, Value], bool]:
    def check(a: Value, b: Value) -> bool:
        assert isinstance(a, DateValue) and isinstance(b, DateValue)
        return fn(a, b)

    return check


# ---- a person's fate -------------------------------------------------------------------

# 'targeted' and 'unknown' say nothing of the outcome, so they contradict nothing; being
# injured is one way of surviving; killed contradicts both.
_FATE_CONFLICTS = {frozenset({"killed", "survived"}), frozenset({"killed", "injured"})}


def _fate_equivalent(a: Value, b: Value) -> bool:
    return _key(a) == _key(b)


def _fate_compatible(a: Value, b: Value) -> bool:
    return frozenset({_key(a), _key(b)}) not in _FATE_CONFLICTS


Relation = Callable[[Value, Value], bool]
_RELATIONS: dict[str, tuple[Relation, Relation]] = {
    "date": (_date_pair(_date_equivalent), _date_pair(compatible_dates)),
    "local_time": (_time_pair(equivalent_times), _time_pair(compatible_times)),
    "utc_time": (_time_pair(equivalent_times), _time_pair(compatible_times)),
    "country": (_country_equivalent, _country_compatible),
    "city": (_place_equivalent, _place_compatible),
    "district": (_place_equivalent, _district_compatible),
    "attacker": (_actor_equivalent, _actor_compatible),
    "weapon": (_weapon_equivalent, _weapon_compatible),
    "target_person": (_person_equivalent, _names_compatible),
    "target_organisation": (_names_equivalent, _organisations_compatible),
    "killed": (_count_equivalent, _count_compatible),
    "injured": (_count_equivalent, _count_compatible),
    "fate": (_fate_equivalent, _fate_compatible),
}
assert set(_RELATIONS) == {*EVENT_FIELDS, "fate"}


def _relations(field: str) -> tuple[Relation, Relation]:
    try:
        return _RELATIONS[field]
    except KeyError:
        raise ValueError(f"not an event field: {field!r}") from None


def equivalent(field: str, a: Value, b: Value) -> bool:
    """Whether two values of one field state the same thing, perhaps spelt differently."""
    return _relations(field)[0](a, b)


def compatible(field: str, a: Value, b: Value) -> bool:
    """Whether two values of one field can both be true (equivalent ones always can)."""
    same, fits = _relations(field)
    return same(a, b) or fits(a, b)


# ---- the value printed for a group -----------------------------------------------------


def _most_common(items: Sequence[str]) -> str | None:
    if not items:
        return None
    counts = Counter(items)
    return min(counts, key=lambda item: (-counts[item], item))


def _sheet_date(values: Sequence[Value]) -> str | None:
    """ISO date; a weekday name ('Thursday') when the outlets give only the weekday."""
    dates = [v for v in values if isinstance(v, DateValue)]
    for precision in ("day", "month_day", "month", "year"):
        found = _most_common([v.canonical for v in dates if v.precision == precision and v.canonical])
        if found:
            return found
    return _most_common([v.weekday.title() for v in dates if v.weekday])


def _sheet_casualties(values: Sequence[Value]) -> Casualties | None:
    triples = [_triple(v) for v in values if any(n is not None for n in _triple(v))]
    if not triples:
        return None
    lows = [t[0] for t in triples if t[0] is not None]
    highs = [t[2] for t in triples if t[2] is not None]
    low = max(lows) if lows else None
    high = min(highs) if highs else None
    if low is not None and high is not None and low > high:
        # Not a consistent group: print the figure most articles gave instead of an empty range.
        counts = Counter(triples)
        top = min(counts, key=lambda t: (-counts[t], tuple(-1 if n is None else n for n in t)))
        return Casualties(low=top[0], best=top[1], high=top[2])

    def inside(n: int) -> bool:
        return (low is None or n >= low) and (high is None or n <= high)

    exact = [t[1] for t in triples if t[1] is not None and t[0] == t[1] == t[2] and inside(t[1])]
    hedged = [t[1] for t in triples if t[1] is not None and inside(t[1])]
    pool = exact or hedged
    best = None
    if pool:
        counts = Counter(pool)
        best = max(counts, key=lambda n: (counts[n], n))
    elif low is not None and high is not None and low == high:
        best = low
    return Casualties(low=low, best=best, high=high)


def _sheet_district(values: Sequence[Value]) -> str | None:
    named = [v.canonical for v in values if v.canonical and not is_direction(v.canonical)]
    return _most_common(named) or _most_common([v.canonical for v in values if v.canonical])


def _sheet_attacker(values: Sequence[Value]) -> str | None:
    countries = [c for c in (_actor_country(v) for v in values) if c]
    if countries:
        return _most_common(countries)
    usual = _most_common([u for u in (organisations.resolve(v.text) for v in values) if u])
    return usual or entities.pick_display([v.text for v in values]) or None


def sheet_value(field: str, values: Sequence[Value]) -> Casualties | str | None:
    """The normalised value to print for a group of equivalent values; None when unresolved.

    Dates print as ISO (a month-precision group as 'YYYY-MM'); times as 'HH:MM', utc_time
    converted to UTC when the article gave an offset; casualties as the tightest range all
    values allow; names in their most complete, most used spelling.
    """
    _relations(field)
    if not values:
        return None
    if field == "date":
        return _sheet_date(values)
    if field in ("local_time", "utc_time"):
        clocks = [sheet_clock(v, field == "utc_time") for v in values if isinstance(v, TimeValue)]
        return _most_common([c for c in clocks if c])
    if field in ("killed", "injured"):
        return _sheet_casualties(values)
    if field == "district":
        return _sheet_district(values)
    if field == "attacker":
        return _sheet_attacker(values)
    if field == "target_organisation":
        usual = _most_common([u for u in (organisations.resolve(v.text) for v in values) if u])
        return usual or entities.pick_display([v.text for v in values]) or None
    if field == "target_person":
        return entities.pick_display([v.text for v in values]) or None
    return _most_common([v.canonical for v in values if v.canonical])


def spelling(field: str, value: Value) -> str:
    """How the article wrote the value, for the aliases list."""
    _relations(field)
    return " ".join(value.text.split())


def same_speaker(a: Claim, b: Claim) -> bool:
    """Whether two claims come from one speaker: the same institution, or one group spelt two ways."""
    ka = a.speaker_canonical or a.speaker
    kb = b.speaker_canonical or b.speaker
    if ka.lower() == kb.lower():
        return True
    return a.speaker_type == b.speaker_type == "group" and entities.same_entity(ka, kb)
