"""Turn each value's words into a comparable form, one module per kind of value.

Normalisation never adds a value an article does not state: it reads the value's own
words (and, when those are too short, its quote) and fills the typed fields next to
them. What cannot be resolved stays None, so the merge sees 'unknown', not a guess.
"""

from __future__ import annotations

from factsheet.models import Claim, CountValue, Extraction, PersonValue, TextValue
from factsheet.normalise import organisations
from factsheet.normalise.actors import canonical_actor
from factsheet.normalise.dates import normalise_date, parse_anchor
from factsheet.normalise.entities import clean_name
from factsheet.normalise.numbers import count_interval, describe_count, mentioned_numbers, parse_count
from factsheet.normalise.places import canonical_city, canonical_country, canonical_district
from factsheet.normalise.speakers import canonical_speaker
from factsheet.normalise.times import normalise_time
from factsheet.normalise.weapons import canonical_weapon

__all__ = ["normalise_count", "normalise_extraction"]


def _stated(numbers: list[int], value: CountValue) -> bool:
    said = mentioned_numbers(value.text) | mentioned_numbers(value.evidence.quote)
    return all(n in said for n in numbers)


def _within(inner: tuple[int | None, ...], outer: tuple[int | None, ...]) -> bool:
    """Whether every count `inner` allows is one `outer` allows (the extractor read more precisely)."""
    a, b = count_interval(inner), count_interval(outer)
    return a is not None and b is not None and b[0] <= a[0] and a[1] <= b[1]


def normalise_count(value: CountValue) -> CountValue:
    """Fill low/best/high/qualifier from the value's words.

    The extractor's figures are kept when they agree with what the words allow and each
    of them is a number the text or quote states; otherwise the figures read from the
    words win, and when the words give none, figures the words do not state are dropped.
    """
    # The quote is read only when the text is empty: a quote's other numbers and nouns
    # ('the attack', 'two hours later') are not the count.
    parsed = parse_count(value.text) if value.text.strip() else parse_count(value.evidence.quote)
    given = (value.low, value.best, value.high)
    given_numbers = [n for n in given if n is not None]
    keep_given = bool(given_numbers) and _stated(given_numbers, value)
    if parsed is not None and keep_given:
        keep_given = given == parsed[:3] or _within(given, parsed[:3])
    if keep_given:
        low, best, high, qualifier = value.low, value.best, value.high, value.qualifier
    elif parsed is not None:
        low, best, high, qualifier = parsed
    else:
        low = best = high = qualifier = None
    return value.model_copy(
        update={
            "low": low,
            "best": best,
            "high": high,
            "qualifier": qualifier,
            "canonical": describe_count(low, best, high, qualifier),
        }
    )


def _text(value: TextValue, canonical: str | None) -> TextValue:
    return value.model_copy(update={"canonical": canonical})


def _claim(claim: Claim) -> Claim:
    party = canonical_actor(claim.party) or clean_name(claim.party) or None if claim.party else None
    return claim.model_copy(
        update={
            "speaker_canonical": canonical_speaker(claim.speaker, claim.speaker_type),
            "party_canonical": party,
        }
    )


def _person(person: PersonValue) -> PersonValue:
    return person.model_copy(update={"canonical": clean_name(person.text) or None})


def normalise_extraction(extraction: Extraction) -> Extraction:
    """A copy of the extraction with every value's comparable form filled in."""
    event = extraction.event
    anchor = parse_anchor(extraction.article.published)
    updates: dict[str, object] = {}
    if event.date is not None:
        updates["date"] = normalise_date(event.date, anchor, extraction.article.language)
    if event.local_time is not None:
        updates["local_time"] = normalise_time(event.local_time, utc=False)
    if event.utc_time is not None:
        updates["utc_time"] = normalise_time(event.utc_time, utc=True)
    if event.country is not None:
        updates["country"] = _text(event.country, canonical_country(event.country.text))
    if event.city is not None:
        updates["city"] = _text(event.city, canonical_city(event.city.text))
    if event.district is not None:
        updates["district"] = _text(event.district, canonical_district(event.district.text))
    if event.attacker is not None:
        updates["attacker"] = _text(event.attacker, canonical_actor(event.attacker.text) or None)
    if event.weapon is not None:
        updates["weapon"] = _text(event.weapon, canonical_weapon(event.weapon.text))
    if event.target_person is not None:
        updates["target_person"] = _person(event.target_person)
    updates["people"] = [_person(person) for person in event.people]
    if event.target_organisation is not None:
        organisation = event.target_organisation
        updates["target_organisation"] = _text(organisation, organisations.display(organisation.text) or None)
    if event.killed is not None:
        updates["killed"] = normalise_count(event.killed)
    if event.injured is not None:
        updates["injured"] = normalise_count(event.injured)
    updates["claims"] = [_claim(claim) for claim in event.claims]
    return extraction.model_copy(update={"event": event.model_copy(update=updates)})
