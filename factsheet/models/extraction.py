"""What an extractor returns for one article; the only input the merge ever sees."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factsheet.models.article import Article
from factsheet.models.values import (
    Claim,
    CountValue,
    DateValue,
    PersonValue,
    TextValue,
    TimeValue,
)

# The fields of a strike that are voted on, in the order a reader expects them.
EVENT_FIELDS: tuple[str, ...] = (
    "date",
    "local_time",
    "utc_time",
    "country",
    "city",
    "district",
    "attacker",
    "weapon",
    "target_person",
    "target_organisation",
    "killed",
    "injured",
)


class StrikeEvent(BaseModel):
    """One article's account of the strike. A field the article does not support stays None."""

    model_config = ConfigDict(extra="forbid")

    date: DateValue | None = None
    local_time: TimeValue | None = None
    utc_time: TimeValue | None = None
    country: TextValue | None = None
    city: TextValue | None = None
    district: TextValue | None = None
    attacker: TextValue | None = None
    weapon: TextValue | None = None
    target_person: PersonValue | None = Field(
        default=None, description="The principal person targeted; also listed in `people`."
    )
    target_organisation: TextValue | None = None
    killed: CountValue | None = None
    injured: CountValue | None = None
    people: list[PersonValue] = Field(
        default_factory=list, description="Every named person the strike targeted, killed, injured or spared."
    )
    claims: list[Claim] = Field(default_factory=list)


class Usage(BaseModel):
    """Cost of one extraction, retries included."""

    model_config = ConfigDict(extra="forbid")

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    cost_usd: float | None = Field(
        default=None, description="Price of the requests in US dollars; null when no price is known."
    )
    cached: bool = Field(
        default=False, description="Read from the extraction cache: this run made no request for it."
    )

    def __add__(self, other: Usage) -> Usage:
        costs = [c for c in (self.cost_usd, other.cost_usd) if c is not None]
        return Usage(
            requests=self.requests + other.requests,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            seconds=self.seconds + other.seconds,
            cost_usd=sum(costs) if costs else None,
            cached=self.cached and other.cached,
        )


class CrossCheck(BaseModel):
    """A model's value that the article's own words, read without a model, contradict."""

    model_config = ConfigDict(extra="forbid")

    field: str
    model_value: str = Field(description="What the model extracted, in the article's words.")
    text_value: str = Field(description="What the offline reading of the same article found.")
    quote: str = Field(description="The article's words behind the offline reading.")


class Extraction(BaseModel):
    """An article and its reading. Self-contained so `factsheet merge` needs no other file."""

    model_config = ConfigDict(extra="forbid")

    schema_version: str
    article: Article
    event: StrikeEvent
    is_strike: bool = Field(default=True, description="False when the article reports no military strike.")
    extractor: Literal["llm", "offline", "fake"] | str
    model: str | None = None
    prompt_version: str | None = None
    usage: Usage = Field(default_factory=Usage)
    warnings: list[str] = Field(default_factory=list)
    cross_checks: list[CrossCheck] = Field(
        default_factory=list, description="Model values the article's own numbers and dates contradict."
    )
