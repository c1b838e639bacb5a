"""The output contract (event.json). Field names here are what users script against: keep them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factsheet.models.evidence import MatchKind
from factsheet.models.extraction import CrossCheck, Usage
from factsheet.models.values import Casualties, ClaimKind, SpeakerType

# 'range': the outlets give different figures for a count that can all stand as a range
# (a toll that rose, 'at least 7' beside 6); the value is then low / best / high.
Status = Literal["agreed", "majority", "contested", "single_source", "range", "unknown"]
Grade = Literal["confirmed", "fair", "weak", "contested", "none"]
SheetValue = Casualties | str


class QuoteRef(BaseModel):
    """One outlet's words for a value, with offsets into that article's text."""

    model_config = ConfigDict(extra="forbid")

    outlet: str
    source: str = Field(description="Source id (see `sources`).")
    quote: str
    start: int | None = None
    end: int | None = None
    match: MatchKind | None = None


class Alternative(BaseModel):
    """One of the distinct values the outlets gave for a field."""

    model_config = ConfigDict(extra="forbid")

    value: SheetValue | None
    outlets: list[str]
    sources: list[str] = Field(description="Source ids behind this value.")
    spellings: list[str] = Field(
        default_factory=list, description="Each way the articles wrote it (aliases)."
    )
    compatible: bool = Field(
        default=True, description="False when this value contradicts the consensus (a real disagreement)."
    )
    verified: bool = Field(default=True, description="False when no quote for it was found in its article.")
    evidence: list[QuoteRef] = Field(default_factory=list)


class Inferred(BaseModel):
    """A value no outlet states but another field implies; shown apart, never voted."""

    model_config = ConfigDict(extra="forbid")

    value: str
    from_field: str = Field(description="The field it was inferred from, e.g. 'city'.")
    method: str = Field(description="How, e.g. 'gazetteer: the most populous city of that name'.")


class ClaimGroup(BaseModel):
    """Claims that say the same thing from the same speaker, across outlets."""

    model_config = ConfigDict(extra="forbid")

    statement: str
    speaker: str
    speaker_type: SpeakerType
    kind: ClaimKind = "other"
    party: str | None = None
    outlets: list[str]
    evidence: list[QuoteRef] = Field(default_factory=list)


class SheetField(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: SheetValue | None = Field(
        description="Normalised consensus value; null when unknown or contested."
    )
    status: Status
    grade: Grade = "none"
    support: list[str] = Field(default_factory=list, description="Outlets behind the value.")
    silent: list[str] = Field(default_factory=list, description="Outlets that say nothing about this field.")
    alternatives: list[Alternative] = Field(default_factory=list)
    inferred: Inferred | None = Field(
        default=None, description="Set only when no outlet states the field but another field implies it."
    )
    note: str | None = Field(
        default=None, description="Why the status is what it is, when the vote alone does not say it."
    )
    claims: list[ClaimGroup] = Field(
        default_factory=list,
        description="Claims that bear on this field (who says who struck, and denials) for a disputed value.",
    )


class EventSheet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: SheetField
    local_time: SheetField
    utc_time: SheetField
    country: SheetField
    city: SheetField
    district: SheetField
    attacker: SheetField
    weapon: SheetField
    target_person: SheetField
    target_organisation: SheetField
    killed: SheetField
    injured: SheetField


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    path: str
    outlet: str
    title: str | None = None
    published: str | None = None
    extractor: str
    model: str | None = None
    language: str | None = Field(default=None, description="ISO 639-1 code of the article's language.")
    copy_group: str | None = Field(
        default=None, description="Articles sharing a group are near-copies and count as one source in votes."
    )
    is_strike: bool = True
    text: str | None = Field(
        default=None,
        description="The article text that evidence offsets index, so the sheet can be checked on its own.",
    )
    cross_checks: list[CrossCheck] = Field(
        default_factory=list, description="Model values this article's own words contradict (LLM runs)."
    )
    warnings: list[str] = Field(default_factory=list)
    usage: Usage | None = Field(
        default=None, description="Requests, tokens and cost of reading this article (model runs only)."
    )


class DisagreementValue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: SheetValue | None
    outlets: list[str]
    evidence: list[QuoteRef] = Field(default_factory=list)


class Disagreement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: str
    kind: Literal["conflict", "range", "omission"] = Field(
        description=(
            "'conflict': outlets give incompatible values; 'range': they give different figures that"
            " together form the range; 'omission': some outlets leave it out."
        )
    )
    values: list[DisagreementValue]


class ArticleFailure(BaseModel):
    """An article that could not be used; the rest of the sheet stands without it."""

    model_config = ConfigDict(extra="forbid")

    path: str
    stage: Literal["ingest", "extract", "verify", "merge"]
    error: str = Field(description="Error class name.")
    message: str


class RunUsage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = Field(default=0.0, description="Time spent extracting, summed over articles.")
    cost_usd: float | None = Field(
        default=None, description="Price of this run's requests in US dollars; null when no price is known."
    )
    cached: int = Field(default=0, description="Articles read from the extraction cache, at no cost.")
    wall_seconds: float | None = Field(
        default=None,
        description="Elapsed time of the whole run; below `seconds` when articles ran in parallel.",
    )


class RunInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    extractor: str
    model: str | None = None
    mode: str | None = Field(
        default=None,
        description="How structured output was requested (json_schema, json_object, tools, md_json); "
        "with --mode auto, the mode it found. Null for the offline extractor.",
    )
    prompt_version: str | None = None
    tool_version: str
    allow_unverified: bool = False
    usage: RunUsage = Field(default_factory=RunUsage)


class SheetPerson(BaseModel):
    """One person resolved across outlets: every spelling and alias, and a fate voted on its own."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="The fullest, most used spelling.")
    spellings: list[str] = Field(default_factory=list, description="Every way the articles wrote the name.")
    aliases: list[str] = Field(
        default_factory=list, description="Other names the articles give: kunya, nom de guerre."
    )
    title: str | None = None
    organisation: str | None = None
    targeted: bool = Field(default=False, description="At least one outlet says the strike aimed at them.")
    principal: bool = Field(
        default=False, description="The principal target: the person `event.target_person` names."
    )
    fate: SheetField = Field(description="killed / injured / survived / targeted, voted across outlets.")
    support: list[str] = Field(default_factory=list, description="Outlets that name this person.")
    sources: list[str] = Field(default_factory=list)
    evidence: list[QuoteRef] = Field(default_factory=list)


class FactSheet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: str
    event: EventSheet
    people: list[SheetPerson] = Field(
        default_factory=list, description="Every named person the strike touched, resolved across outlets."
    )
    claims: list[ClaimGroup] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(default_factory=list)
    failures: list[ArticleFailure] = Field(default_factory=list)
    run: RunInfo
