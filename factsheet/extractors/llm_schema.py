"""The answer shape the model fills in: flat, small, and the same for every field.

The domain models (StrikeEvent and friends) carry offsets, match kinds and normalised
values that a model must never invent. This schema asks only for what a model can read off
the page: a value in the article's words and the quote that states it. Every key is
required (null allowed), so grammar-constrained servers make the model consider each
field, and 'unknown' is an explicit null rather than a forgotten key.
"""

from __future__ import annotations

from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from factsheet.models import (
    Claim,
    CountValue,
    DateValue,
    Evidence,
    PersonValue,
    StrikeEvent,
    TextValue,
    TimeValue,
    Value,
)
from factsheet.models.values import SpeakerType

V = TypeVar("V", bound=Value)

SPEAKER_TYPES: tuple[str, ...] = get_args(SpeakerType)


def _drop_property_titles(schema: dict[str, Any]) -> None:
    """Property titles repeat the key names; small models pay for every token of the schema."""
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra=_drop_property_titles)


class Quoted(_Answer):
    """A value in the article's own words and the words of the article that state it."""

    value: str | None = Field(
        description="Shortest words of the quote that state the value; null if unknown."
    )
    quote: str | None = Field(description="Words copied exactly from the article; null if unknown.")


class PersonAnswer(_Answer):
    name: str | None = Field(description="Name as the article writes it; null if not named.")
    role: str | None = Field(description="Role or title as written, e.g. 'commander'.")
    organisation: str | None = Field(description="Group the person belongs to, as written.")
    quote: str | None = Field(description="Words copied exactly from the article that name the person.")


class ClaimAnswer(_Answer):
    statement: str = Field(description="What is claimed, close to the article's words.")
    speaker: str = Field(description="Who says it, as the article names them.")
    speaker_type: SpeakerType = Field(description="Kind of speaker.")
    quote: str = Field(description="Words copied exactly from the article that carry the claim.")

    @field_validator("speaker_type", mode="before")
    @classmethod
    def _unknown_type_is_other(cls, value: object) -> object:
        """An invented category is not worth a re-ask: 'other' is the honest reading of it."""
        if isinstance(value, str):
            cleaned = value.strip().lower().replace(" ", "_").replace("-", "_")
            return cleaned if cleaned in SPEAKER_TYPES else "other"
        return value


class StrikeAnswer(_Answer):
    """One article's account of one military strike, every value with its quote."""

    is_strike: bool = Field(description="false if the article reports no military strike.")
    date: Quoted = Field(description="Day of the strike as written, e.g. 'Wednesday', '7 February'.")
    local_time: Quoted = Field(description="Local clock time of the strike as written.")
    utc_time: Quoted = Field(description="Time in GMT/UTC as written.")
    country: Quoted
    city: Quoted
    district: Quoted = Field(description="Neighbourhood or area inside the city.")
    attacker: Quoted = Field(description="Who carried out the strike.")
    weapon: Quoted = Field(description="What struck, e.g. 'drone', 'missile'.")
    target_person: PersonAnswer = Field(description="The person the strike targeted.")
    target_organisation: Quoted = Field(description="The group the strike targeted.")
    killed: Quoted = Field(description="Number killed in this strike as written, e.g. 'at least three'.")
    injured: Quoted = Field(description="Number injured in this strike as written.")
    claims: list[ClaimAnswer] = Field(description="Attributed statements about the strike.")


# Words small models write instead of null. Treating them as null is what the prompt asked for.
_NULL_WORDS = frozenset(
    {"", "null", "none", "n/a", "na", "unknown", "not stated", "not mentioned", "not specified", "not given"}
)


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = text.strip()
    return None if stripped.lower().rstrip(".") in _NULL_WORDS else stripped


def _evidence(field: str, value: str, quote: str | None, warnings: list[str]) -> Evidence:
    """A value without a quote is checked by its own words: verify finds them or marks it unverified."""
    if quote is None:
        warnings.append(f"{field}: the model gave no quote; the value itself is looked up in the article")
        return Evidence(quote=value)
    return Evidence(quote=quote)


def _value(field: str, item: Quoted, kind: type[V], warnings: list[str]) -> V | None:
    value, quote = _clean(item.value), _clean(item.quote)
    if value is None:
        if quote is not None:
            warnings.append(f"{field}: the model quoted {quote!r} but gave no value; left unknown")
        return None
    return kind(text=value, evidence=_evidence(field, value, quote, warnings))


def _person(item: PersonAnswer, warnings: list[str]) -> PersonValue | None:
    name, quote = _clean(item.name), _clean(item.quote)
    role, organisation = _clean(item.role), _clean(item.organisation)
    if name is None:
        if role or organisation or quote:
            # An unnamed 'commander' is not a name; voting on it would merge different people.
            warnings.append("target_person: described but not named; left unknown")
        return None
    return PersonValue(
        text=name,
        role=role,
        organisation=organisation,
        evidence=_evidence("target_person", name, quote, warnings),
    )


def _claims(items: list[ClaimAnswer], warnings: list[str]) -> list[Claim]:
    claims = []
    for i, item in enumerate(items):
        statement, speaker, quote = _clean(item.statement), _clean(item.speaker), _clean(item.quote)
        if statement is None or speaker is None:
            warnings.append(f"claims[{i}]: no statement or no speaker; left out")
            continue
        evidence = _evidence(f"claims[{i}]", statement, quote, warnings)
        claims.append(
            Claim(statement=statement, speaker=speaker, speaker_type=item.speaker_type, evidence=evidence)
        )
    return claims


def to_event(answer: StrikeAnswer) -> tuple[StrikeEvent, list[str]]:
    """The model's answer as a domain event, plus a warning for everything it had to leave out.

    Evidence carries only the quote; offsets and match kinds are the verify stage's job.
    """
    warnings: list[str] = []
    event = StrikeEvent(
        date=_value("date", answer.date, DateValue, warnings),
        local_time=_value("local_time", answer.local_time, TimeValue, warnings),
        utc_time=_value("utc_time", answer.utc_time, TimeValue, warnings),
        country=_value("country", answer.country, TextValue, warnings),
        city=_value("city", answer.city, TextValue, warnings),
        district=_value("district", answer.district, TextValue, warnings),
        attacker=_value("attacker", answer.attacker, TextValue, warnings),
        weapon=_value("weapon", answer.weapon, TextValue, warnings),
        target_person=_person(answer.target_person, warnings),
        target_organisation=_value("target_organisation", answer.target_organisation, TextValue, warnings),
        killed=_value("killed", answer.killed, CountValue, warnings),
        injured=_value("injured", answer.injured, CountValue, warnings),
        claims=_claims(answer.claims, warnings),
    )
    return event, warnings
