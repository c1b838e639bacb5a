"""JSON Schemas generated from the models; `schemas/` holds the committed copies users validate against."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from factsheet.models import EventIndex, Extraction, FactSheet

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "factsheet.schema.json": FactSheet,
    "extraction.schema.json": Extraction,
    "index.schema.json": EventIndex,  # DIR/index.json of `make --split`
}


def json_schemas() -> dict[str, str]:
    """File name -> schema text, exactly as it is committed (stable key order, trailing newline)."""
    out = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema(mode="serialization")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[name] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return out


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in json_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
