"""Feeds: many articles about many strikes, grouped into one sheet per strike.

Two families of models. The grouping stage's own output (`Grouping`: the articles of
each strike, and those that fit none, with why) is what the pipeline hands from grouping to
the merge, extractions included. The feed result (`Feed`, and `EventIndex` for
DIR/index.json) is what users get and script against: one FactSheet per strike, the
articles left unassigned with the reason, and the articles that could not be read at all.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factsheet.models.extraction import Extraction
from factsheet.models.sheet import ArticleFailure, FactSheet, RunInfo
from factsheet.models.values import Casualties

# not_a_strike: the extractor read it and it reports no strike; not_read: the extractor could
# not read it (a language the offline extractor does not read); too_little: it reports a
# strike but gives neither a date nor a place, and shares too little with any other article
# to tell which strike it is.
UnassignedKind = Literal["not_a_strike", "not_read", "too_little"]


class StrikeGroup(BaseModel):
    """The articles taken to report one strike (grouping's output, the merge's input)."""

    model_config = ConfigDict(extra="forbid")

    extractions: list[Extraction]


class Unassigned(BaseModel):
    """An article grouping put in no group, with why; never dropped."""

    model_config = ConfigDict(extra="forbid")

    extraction: Extraction
    kind: UnassignedKind
    reason: str


class Grouping(BaseModel):
    """A feed's articles, each in one strike group or unassigned."""

    model_config = ConfigDict(extra="forbid")

    groups: list[StrikeGroup]
    unassigned: list[Unassigned] = Field(default_factory=list)


class ExcludedArticle(BaseModel):
    """An article kept out of a single sheet's vote because it clearly reports another strike."""

    model_config = ConfigDict(extra="forbid")

    path: str
    outlet: str
    reports: str = Field(description="The strike it reports, e.g. '2017-04-07, Shayrat, Syria'.")
    reason: str = Field(description="Why that cannot be the strike the other articles report.")


class UnassignedArticle(BaseModel):
    """index.json: an input that is in no event's sheet, and why."""

    model_config = ConfigDict(extra="forbid")

    path: str
    outlet: str
    kind: UnassignedKind
    reason: str


class FeedEvent(BaseModel):
    """One strike of a feed: its sheet, and the name its files get."""

    model_config = ConfigDict(extra="forbid")

    slug: str = Field(description="File name without suffix: date, place and target, unique in the feed.")
    title: str
    latitude: float | None = Field(default=None, description="Of the sheet's city, from the gazetteer.")
    longitude: float | None = None
    sheet: FactSheet


class Feed(BaseModel):
    """What `make_events` returns: one sheet per strike, and every input not in one, with why."""

    model_config = ConfigDict(extra="forbid")

    events: list[FeedEvent]
    unassigned: list[UnassignedArticle] = Field(default_factory=list)
    failures: list[ArticleFailure] = Field(default_factory=list)
    run: RunInfo


class EventEntry(BaseModel):
    """index.json: one strike, where its sheet is, and the inputs it was made from."""

    model_config = ConfigDict(extra="forbid")

    file: str = Field(description="The sheet's file name, relative to the index.")
    title: str
    date: str | None = Field(description="The sheet's date: YYYY-MM-DD, YYYY-MM, --MM-DD or a weekday.")
    place: str | None = Field(description="'City, Country' as far as the sheet knows them.")
    country: str | None = None
    city: str | None = None
    attacker: str | None = None
    target: str | None = Field(default=None, description="The principal target: a person, else a group.")
    latitude: float | None = Field(default=None, description="Of the city, from the gazetteer (GeoNames).")
    longitude: float | None = None
    killed: Casualties | None = None
    independent_sources: int = Field(description="Sources after near-copies are counted once.")
    sources: list[str] = Field(description="Input paths of the articles in the sheet.")


class EventIndex(BaseModel):
    """DIR/index.json: every strike's sheet, and every input that is in none, with why."""

    model_config = ConfigDict(extra="forbid")

    events: list[EventEntry]
    unassigned: list[str] = Field(
        default_factory=list, description="Input paths of the articles in no sheet (why: `unassigned_why`)."
    )
    unassigned_why: list[UnassignedArticle] = Field(
        default_factory=list, description="Each unassigned article with its outlet, kind and reason."
    )
    failures: list[ArticleFailure] = Field(default_factory=list)
