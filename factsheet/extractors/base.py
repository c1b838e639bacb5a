"""The one interface every extractor offers, so the pipeline never cares which one it holds."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from factsheet.models import Article, Extraction


@runtime_checkable
class Extractor(Protocol):
    """Reads one article into one Extraction; raises ModelError or NotAStrikeError, never prints."""

    name: str

    def extract(self, article: Article) -> Extraction: ...
