"""Extractors: one article in, one Extraction out, behind one interface.

The concrete extractors load lazily: importing `factsheet.extractors.base` (as the
pipeline does) must not pull in openai and instructor when the offline extractor is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factsheet.extractors.base import Extractor

if TYPE_CHECKING:
    from factsheet.extractors.llm import LLMExtractor

__all__ = ["Extractor", "LLMExtractor"]


def __getattr__(name: str) -> Any:
    if name == "LLMExtractor":
        from factsheet.extractors.llm import LLMExtractor

        return LLMExtractor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
