"""One article's statement of one field, raw and normalised side by side.

Extractors fill `text` and `evidence`; normalisation fills the typed fields below them.
Keeping both lets a reader see 'Wednesday night' next to the date it was resolved to.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factsheet.models.evidence import Evidence

# 'month_day': a day and month with no year ('March 3'), canonical '--03-03' (ISO 8601's
# form for a date without its year); the merge takes the year from another outlet.
DatePrecision = Literal["day", "month_day", "month", "year", "weekday", "unknown"]
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


Fate = Literal["killed", "injured", "survived", "targeted", "unknown"]
ClaimKind = Literal["responsibility", "denial", "casualties", "target", "other"]


class PersonValue(Value):
    """`text` is the name as written; role and organisation as the article states them.

    One article names several people (two commanders in one car, aid workers, a family);
    each is a PersonValue in `StrikeEvent.people`, with the other names the article gives
    for the same person in `aliases`, so the merge can tie 'Abu Hassan' to a full name.
    """

    role: str | None = None
    organisation: str | None = None
    aliases: list[str] = Field(
        default_factory=list, description="Other names or spellings the article gives for this person."
    )
    targeted: bool = Field(default=False, description="The article says the strike was aimed at them.")
    fate: Fate = Field(default="unknown", description="What the article says happened to them.")
    fate_evidence: Evidence | None = Field(
        default=None, description="The article's words for the fate, when they differ from `evidence`."
    )


class Claim(BaseModel):
    model_config = ConfigDict(extra="forbid")

    statement: str = Field(description="What is claimed, close to the article's words.")
    speaker: str = Field(description="Who claims it, as the article names them.")
    speaker_type: SpeakerType = "other"
    kind: ClaimKind = Field(
        default="other", description="responsibility / denial of the strike, casualties, target, other."
    )
    party: str | None = Field(
        default=None, description="For responsibility and denial claims: the party said to have struck."
    )
    evidence: Evidence
    speaker_canonical: str | None = None
    party_canonical: str | None = None
