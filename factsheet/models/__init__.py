"""Pydantic models: the only language the pipeline's stages speak to one another."""

from factsheet.models.article import Article
from factsheet.models.evidence import Evidence, MatchKind
from factsheet.models.extraction import EVENT_FIELDS, CrossCheck, Extraction, StrikeEvent, Usage
from factsheet.models.sheet import (
    Alternative,
    ArticleFailure,
    ClaimGroup,
    Disagreement,
    DisagreementValue,
    EventSheet,
    FactSheet,
    Inferred,
    QuoteRef,
    RunInfo,
    RunUsage,
    SheetField,
    SheetPerson,
    Source,
)
from factsheet.models.values import (
    Casualties,
    Claim,
    CountValue,
    DateValue,
    PersonValue,
    TextValue,
    TimeValue,
    Value,
)

SCHEMA_VERSION = "2.0"

__all__ = [
    "EVENT_FIELDS",
    "SCHEMA_VERSION",
    "Alternative",
    "Article",
    "ArticleFailure",
    "Casualties",
    "Claim",
    "ClaimGroup",
    "CountValue",
    "CrossCheck",
    "DateValue",
    "Disagreement",
    "DisagreementValue",
    "EventSheet",
    "Evidence",
    "Extraction",
    "FactSheet",
    "Inferred",
    "MatchKind",
    "PersonValue",
    "QuoteRef",
    "RunInfo",
    "RunUsage",
    "SheetField",
    "SheetPerson",
    "Source",
    "StrikeEvent",
    "TextValue",
    "TimeValue",
    "Usage",
    "Value",
]
