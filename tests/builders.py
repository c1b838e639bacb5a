"""Hand-written extractions for merge tests: real Pydantic models, written by people, named as such."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from factsheet.models import (
    SCHEMA_VERSION,
    Article,
    Claim,
    CountValue,
    DateValue,
    Evidence,
    Extraction,
    PersonValue,
    StrikeEvent,
    TextValue,
    TimeValue,
)

ROOT = Path(__file__).resolve().parent.parent
HANDWRITTEN = ROOT / "tests" / "data" / "handwritten_seeds.json"

_VALUE_TYPES: dict[str, type] = {
    "date": DateValue,
    "local_time": TimeValue,
    "utc_time": TimeValue,
    "country": TextValue,
    "city": TextValue,
    "district": TextValue,
    "attacker": TextValue,
    "weapon": TextValue,
    "target_organisation": TextValue,
    "killed": CountValue,
    "injured": CountValue,
}


def article(text: str, outlet: str, id: str | None = None, published: str | None = None) -> Article:
    ident = id or outlet.lower().replace(" ", "-")
    return Article(
        id=ident,
        path=f"{ident}.txt",
        text=text,
        outlet=outlet,
        outlet_origin="text",
        published=published,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


def event_from_spec(spec: dict[str, Any]) -> StrikeEvent:
    """spec: field -> [text, quote] (person: [name, quote, role, organisation]; claims: lists
    of [statement, speaker, type, quote] with an optional kind and party; people: dicts of
    PersonValue fields with `name` and `quote`)."""
    fields: dict[str, Any] = {}
    for name, raw in spec.items():
        if name == "claims":
            fields["claims"] = [
                Claim(
                    statement=c[0],
                    speaker=c[1],
                    speaker_type=c[2],
                    evidence=Evidence(quote=c[3]),
                    kind=c[4] if len(c) > 4 else "other",
                    party=c[5] if len(c) > 5 else None,
                )
                for c in raw
            ]
        elif name == "people":
            fields["people"] = [
                PersonValue(
                    text=p["name"],
                    evidence=Evidence(quote=p["quote"]),
                    **{k: v for k, v in p.items() if k not in ("name", "quote")},
                )
                for p in raw
            ]
        elif name == "target_person":
            text, quote, role, org = raw
            fields[name] = PersonValue(text=text, evidence=Evidence(quote=quote), role=role, organisation=org)
        else:
            text, quote = raw
            fields[name] = _VALUE_TYPES[name](text=text, evidence=Evidence(quote=quote))
    return StrikeEvent(**fields)


def extraction(art: Article, spec: dict[str, Any], is_strike: bool = True) -> Extraction:
    return Extraction(
        schema_version=SCHEMA_VERSION,
        article=art,
        event=event_from_spec(spec),
        extractor="fake",
        is_strike=is_strike,
    )


def handwritten_seed_extractions() -> list[Extraction]:
    """The seeds as a careful person read them (tests/data/handwritten_seeds.json), on ingested articles."""
    from factsheet.ingest import read_article

    specs = json.loads(HANDWRITTEN.read_text(encoding="utf-8"))
    return [
        extraction(read_article(ROOT / "seeds" / name), spec)
        for name, spec in sorted(specs.items())
        if not name.startswith("_")
    ]
