"""The answer shape the model fills in: flat, small, and the same for every field.

The domain models (StrikeEvent and friends) carry offsets, match kinds and normalised
values that a model must never invent. This schema asks only for what a model can read off
the page: a value in the article's words and the quote that states it. Every key is
required (null allowed), so grammar-constrained servers make the model consider each
field, and 'unknown' is an explicit null rather than a forgotten key.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar, get_args

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


Fate = Literal["killed", "injured", "survived", "targeted", "unknown"]
ClaimKind = Literal["responsibility", "denial", "casualties", "target", "other"]


class PersonAnswer(_Answer):
    """One named person the strike touched; several per strike (commanders, aides, civilians)."""

    name: str | None = Field(description="Fullest name as the article writes it; null if not named.")
    aliases: list[str] = Field(
        default_factory=list,
        description="Other names or spellings the article gives for the same person (kunya, nom de guerre).",
    )
    title: str | None = Field(default=None, description="Role or title as written, e.g. 'commander'.")
    organisation: str | None = Field(default=None, description="Group the person belongs to, as written.")
    targeted: bool = Field(default=False, description="True if the article says the strike aimed at them.")
    fate: Fate = Field(default="unknown", description="What happened to them in this strike.")
    quote: str | None = Field(description="Words copied exactly from the article that name the person.")
    fate_quote: str | None = Field(
        default=None, description="Words copied exactly from the article that state their fate."
    )

    @field_validator("fate", mode="before")
    @classmethod
    def _unknown_fate(cls, value: object) -> object:
        """'dead', 'wounded' and invented words map to the closed list; anything else is 'unknown'."""
        if isinstance(value, str):
            word = value.strip().lower()
            word = {
                "dead": "killed",
                "died": "killed",
                "wounded": "injured",
                "hurt": "injured",
                "alive": "survived",
                "unhurt": "survived",
            }.get(word, word)
            return word if word in get_args(Fate) else "unknown"
        return value

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases_list(cls, value: object) -> object:
        if value is None:
            return []
        return [value] if isinstance(value, str) else value


class ClaimAnswer(_Answer):
    statement: str = Field(description="What is claimed, close to the article's words.")
    speaker: str = Field(description="Who says it, as the article names them.")
    speaker_type: SpeakerType = Field(description="Kind of speaker.")
    kind: ClaimKind = Field(default="other", description="What the claim is about.")
    party: str | None = Field(
        default=None, description="For responsibility and denial: the party said to have struck, or denying."
    )
    quote: str = Field(description="Words copied exactly from the article that carry the claim.")

    @field_validator("speaker_type", mode="before")
    @classmethod
    def _unknown_type_is_other(cls, value: object) -> object:
        """An invented category is not worth a re-ask: 'other' is the honest reading of it."""
        if isinstance(value, str):
            cleaned = value.strip().lower().replace(" ", "_").replace("-", "_")
            return cleaned if cleaned in SPEAKER_TYPES else "other"
        return value

    @field_validator("kind", mode="before")
    @classmethod
    def _unknown_kind_is_other(cls, value: object) -> object:
        if isinstance(value, str):
            cleaned = value.strip().lower()
            return cleaned if cleaned in get_args(ClaimKind) else "other"
        return "other" if value is None else value


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
    target_organisation: Quoted = Field(description="The group the strike targeted.")
    people: list[PersonAnswer] = Field(
        description="Every named person the strike targeted, killed, injured or spared; one entry each."
    )
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


def _people(items: list[PersonAnswer], warnings: list[str]) -> list[PersonValue]:
    people = []
    for i, item in enumerate(items):
        name, quote = _clean(item.name), _clean(item.quote)
        if name is None:
            # An unnamed 'commander' is not a name; voting on it would merge different people.
            if _clean(item.title) or _clean(item.organisation) or quote:
                warnings.append(f"people[{i}]: described but not named; left out")
            continue
        fate_quote = _clean(item.fate_quote)
        aliases = [a for a in (_clean(x) for x in item.aliases) if a and a.lower() != name.lower()]
        people.append(
            PersonValue(
                text=name,
                role=_clean(item.title),
                organisation=_clean(item.organisation),
                aliases=list(dict.fromkeys(aliases)),
                targeted=item.targeted or item.fate == "targeted",
                fate=item.fate,
                evidence=_evidence(f"people[{i}]", name, quote, warnings),
                fate_evidence=Evidence(quote=fate_quote) if fate_quote and fate_quote != quote else None,
            )
        )
    return people


def principal_target(people: list[PersonValue]) -> PersonValue | None:
    """The person an article says the strike aimed at: what `target_person` has always held."""
    return next((p for p in people if p.targeted), None)


def _claims(items: list[ClaimAnswer], warnings: list[str]) -> list[Claim]:
    claims = []
    for i, item in enumerate(items):
        statement, speaker, quote = _clean(item.statement), _clean(item.speaker), _clean(item.quote)
        if statement is None or speaker is None:
            warnings.append(f"claims[{i}]: no statement or no speaker; left out")
            continue
        evidence = _evidence(f"claims[{i}]", statement, quote, warnings)
        claims.append(
            Claim(
                statement=statement,
                speaker=speaker,
                speaker_type=item.speaker_type,
                kind=item.kind,
                party=_clean(item.party) if item.kind in ("responsibility", "denial") else None,
                evidence=evidence,
            )
        )
    return claims


def to_event(answer: StrikeAnswer) -> tuple[StrikeEvent, list[str]]:
    """The model's answer as a domain event, plus a warning for everything it had to leave out.

    Evidence carries only the quote; offsets and match kinds are the verify stage's job.
    """
    warnings: list[str] = []
    people = _people(answer.people, warnings)
    event = StrikeEvent(
        date=_value("date", answer.date, DateValue, warnings),
        local_time=_value("local_time", answer.local_time, TimeValue, warnings),
        utc_time=_value("utc_time", answer.utc_time, TimeValue, warnings),
        country=_value("country", answer.country, TextValue, warnings),
        city=_value("city", answer.city, TextValue, warnings),
        district=_value("district", answer.district, TextValue, warnings),
        attacker=_value("attacker", answer.attacker, TextValue, warnings),
        weapon=_value("weapon", answer.weapon, TextValue, warnings),
        target_person=principal_target(people),
        target_organisation=_value("target_organisation", answer.target_organisation, TextValue, warnings),
        killed=_value("killed", answer.killed, CountValue, warnings),
        injured=_value("injured", answer.injured, CountValue, warnings),
        people=people,
        claims=_claims(answer.claims, warnings),
    )
    return event, warnings
