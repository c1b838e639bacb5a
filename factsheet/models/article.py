"""What ingest hands to the extractors: the text as the outlet published it, plus who and when."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

OutletOrigin = Literal["metadata", "text", "filename"]


class Article(BaseModel):
    """One news article. `text` is never rewritten after ingest: evidence offsets point into it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Stable short id, unique within a run (derived from the file name).")
    path: str = Field(description="Where the article was read from.")
    text: str = Field(description="Article text after boilerplate removal; offsets index this string.")
    outlet: str = Field(
        description="Publishing outlet; falls back to the file name so sources stay distinct."
    )
    outlet_origin: OutletOrigin = Field(description="Where `outlet` was found.")
    title: str | None = None
    published: str | None = Field(
        default=None, description="Publication date (YYYY-MM-DD) when the article or its metadata gives one."
    )
    dateline: str | None = Field(
        default=None, description="Dateline place, e.g. 'Baghdad', when the text has one."
    )
    url: str | None = None
    language: str | None = Field(
        default=None, description="ISO 639-1 code of the article's language ('en', 'ar'); None if unknown."
    )
    sha256: str = Field(description="Hash of `text`; the cache key for extractions.")
