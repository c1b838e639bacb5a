"""The offline extractor: classical rules over one article, no model, same output as the LLM extractor.

It is the default when no LLM is configured. Modules, one job each: `sentences` (splitting
with offsets), `context` (which sentences are about this strike), `lexicons` (the
vocabulary), `gazetteer` (place names), and one module per field family; `extractor`
wires them together.
"""

from __future__ import annotations

from factsheet.extractors.offline.extractor import OfflineExtractor, extract_offline

__all__ = ["OfflineExtractor", "extract_offline"]
