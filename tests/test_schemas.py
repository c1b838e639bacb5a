"""The committed JSON Schemas are what users validate event.json against: they must match the models."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.jsonschemas import json_schemas

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@pytest.mark.parametrize("name", sorted(json_schemas()))
def test_committed_schema_matches_models(name: str) -> None:
    committed = SCHEMAS / name
    assert committed.exists(), f"schemas/{name} is missing: run `factsheet schema -o schemas`"
    assert committed.read_text(encoding="utf-8") == json_schemas()[name], (
        f"schemas/{name} has drifted from the models: run `factsheet schema -o schemas` and review the diff"
    )


def test_contract_field_names_are_in_the_schema() -> None:
    """DESIGN.md's output contract: users script against these names."""
    import json

    schema = json.loads(json_schemas()["factsheet.schema.json"])
    assert {"schema_version", "event", "claims", "sources", "disagreements", "run"} <= set(
        schema["properties"]
    )
    event = schema["$defs"]["EventSheet"]["properties"]
    assert set(event) == {
        "date",
        "local_time",
        "utc_time",
        "country",
        "city",
        "district",
        "attacker",
        "weapon",
        "target_person",
        "target_organisation",
        "killed",
        "injured",
    }
    field = schema["$defs"]["SheetField"]["properties"]
    assert {"value", "status", "support", "alternatives"} <= set(field)
    assert set(schema["$defs"]["QuoteRef"]["properties"]) >= {"outlet", "quote", "start", "end", "match"}
    assert set(schema["$defs"]["RunInfo"]["properties"]) >= {
        "extractor",
        "model",
        "prompt_version",
        "tool_version",
    }
