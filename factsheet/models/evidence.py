"""The link from every value back to the words of an article."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MatchKind = Literal["exact", "normalised", "fuzzy", "none"]


class Evidence(BaseModel):
    """A quote and where it stands in the article.

    `match` stays None until the verify stage has looked for the quote; 'none' means it
    looked and did not find it, which makes the value unverified (it does not vote unless
    the user allows unverified values).
    """

    model_config = ConfigDict(extra="forbid")

    quote: str = Field(description="Verbatim words from the article that state the value.")
    start: int | None = Field(default=None, description="Character offset of the quote in Article.text.")
    end: int | None = Field(default=None, description="Offset one past the quote's last character.")
    match: MatchKind | None = Field(
        default=None, description="How the quote was found: exact/normalised/fuzzy/none."
    )
    score: float | None = Field(default=None, description="Similarity 0-100 for fuzzy matches.")

    @property
    def verified(self) -> bool:
        return self.match in ("exact", "normalised", "fuzzy")
