"""Fields x outlets: what each article said for each field, and how that stands against the consensus.

Kept apart from the markup so the classification (which cell counts as 'differs') can be
tested on its own and reused by any view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from factsheet.models import Alternative, FactSheet, QuoteRef, SheetField, Source
from factsheet.render.values import alternative_text, event_fields

CellKind = Literal["same", "variant", "differs", "unverified", "silent", "off"]

# Visible markers, so a difference is seen without relying on colour.
MARKERS: dict[CellKind, str] = {
    "same": "",
    "variant": "≈",
    "differs": "≠",
    "unverified": "?",
    "silent": "—",
    "off": "",
}

MARKER_HELP: dict[CellKind, str] = {
    "same": "gives the consensus value",
    "variant": "compatible with the consensus but not the same (less precise, or another form)",
    "differs": "contradicts the consensus, or the field is contested",
    "unverified": "value given, but its quote was not found in the article",
    "silent": "the article says nothing about this field",
    "off": "the article is not about a strike",
}


@dataclass(frozen=True)
class Cell:
    kind: CellKind
    text: str
    quotes: tuple[QuoteRef, ...] = ()


@dataclass(frozen=True)
class Row:
    field: str
    sheet_field: SheetField
    cells: tuple[Cell, ...]

    @property
    def differs(self) -> bool:
        """True when the outlets part ways here; a field nobody mentions is not a disagreement."""
        kinds = {c.kind for c in self.cells}
        said = bool(kinds & {"same", "variant", "differs"})
        return bool(kinds & {"variant", "differs", "unverified"}) or ("silent" in kinds and said)


def column_order(sources: list[Source]) -> list[Source]:
    """Near-copies side by side (in order of their first member), so a group reads as one block."""
    placed: list[Source] = []
    done: set[str] = set()
    for s in sources:
        if s.id in done:
            continue
        members = [m for m in sources if s.copy_group and m.copy_group == s.copy_group] or [s]
        for m in members:
            placed.append(m)
            done.add(m.id)
    return placed


def _alternative_for(f: SheetField, source: Source) -> Alternative | None:
    found = [a for a in f.alternatives if source.id in a.sources]
    verified = [a for a in found if a.verified]
    return (verified or found or [None])[0]


def _own_words(alt: Alternative, quotes: tuple[QuoteRef, ...]) -> str:
    """An unresolved value ('Wednesday night') in this article's own spelling, found in its quote."""
    if alt.value is not None or not alt.spellings:
        return alternative_text(alt)
    said = [s for s in alt.spellings if any(s.casefold() in q.quote.casefold() for q in quotes)]
    return f"“{max(said, key=len)}”" if said else alternative_text(alt)


def cell(f: SheetField, source: Source) -> Cell:
    if not source.is_strike:
        return Cell("off", "not about a strike")
    alt = _alternative_for(f, source)
    if alt is None:
        return Cell("silent", "not mentioned")
    quotes = tuple(q for q in alt.evidence if q.source == source.id)
    text = _own_words(alt, quotes)
    if not alt.verified:
        kind: CellKind = "unverified"
    elif f.status == "contested" or not alt.compatible:
        kind = "differs"
    elif f.value is not None and alt.value == f.value:
        kind = "same"
    else:
        kind = "variant"
    return Cell(kind, text, quotes)


def build_matrix(sheet: FactSheet) -> tuple[list[Source], list[Row]]:
    columns = column_order(sheet.sources)
    rows = [Row(name, f, tuple(cell(f, s) for s in columns)) for name, f in event_fields(sheet)]
    return columns, rows
