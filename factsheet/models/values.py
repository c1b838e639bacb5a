"""One article's statement of one field, raw and normalised side by side.

Extractors fill `text` and `evidence`; normalisation fills the typed fields below them.
Keeping both lets a reader see 'Wednesday night' next to the date it was resolved to.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factsheet.models.evidence import Evidence

DatePrecision = Literal["day", "month", "year", "weekday", "unknown"]
SpeakerType = Literal[
    "military",
    "government",
    "anonymous_official",
    "group",
    "witness",
    "news_agency",
    "other",
]


class Value(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The value in the article's own words, e.g. 'Wednesday night', 'three'.")
    evidence: Evidence
    canonical: str | None = Field(
        default=None,
        description="Comparable form (name, ISO date, HH:MM) set by normalisation; None if unresolved.",
    )


class TextValue(Value):
    """Names of things: attacker, weapon, organisation, country, city, district."""


class DateValue(Value):
    precision: DatePrecision = "unknown"
    weekday: str | None = Field(default=None, description="Weekday named by the article, e.g. 'Wednesday'.")
    anchor: str | None = Field(
        default=None, description="The date a relative expression was resolved against."
    )


class TimeValue(Value):
    zone: str | None = Field(default=None, description="'local', 'UTC' or an offset such as '+03:00'.")
    period: str | None = Field(
        default=None, description="Vague part of day ('night', 'morning') when no clock time is given."
    )


class Casualties(BaseModel):
    """UCDP-style range. A bare number sets all three; 'at least 3' sets low only and best."""

    model_config = ConfigDict(extra="forbid")

    low: int | None = None
    best: int | None = None
    high: int | None = None


class CountValue(Value):
    low: int | None = None
    best: int | None = None
    high: int | None = None
    qualifier: str | None = Field(
        default=None, description="The article's hedge: 'at least', 'up to', 'about'."
    )

    def casualties(self) -> Casualties:
        return Casualties(low=self.low, best=self.best, high=self.high)


class PersonValue(Value):
    """`text` is the name as written; role and organisation as the article states them."""

    role: str | None = None
    organisation: str | None = None


class Claim(BaseModel):
    model_config = ConfigDict(extra="forbid")

    statement: str = Field(description="What is claimed, close to the article's words.")
    speaker: str = Field(description="Who claims it, as the article names them.")
    speaker_type: SpeakerType = "other"
    evidence: Evidence
    speaker_canonical: str | None = None
