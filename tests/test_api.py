"""The Python API promised in the README: functions and models importable from the package root."""

from __future__ import annotations

from pathlib import Path

import factsheet

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_root_exports_the_pipeline_functions_and_models() -> None:
    import factsheet.consensus  # importing every stage must not shadow the functions
    import factsheet.pipeline

    for name in ("make", "extract", "merge", "get_extractor"):
        assert callable(getattr(factsheet, name)), name
    for name in ("FactSheet", "Extraction", "StrikeEvent", "Article", "Evidence", "InputError", "ModelError"):
        assert hasattr(factsheet, name), name


def test_make_extract_and_merge_agree_offline() -> None:
    offline = factsheet.get_extractor("offline")
    paths = sorted(SEEDS.glob("*.txt"))[:3]
    sheet = factsheet.make(paths, extractor=offline)
    assert isinstance(sheet, factsheet.FactSheet)
    one_by_one = factsheet.merge([factsheet.extract(p, offline) for p in paths])
    assert one_by_one.event == sheet.event
    assert [s.id for s in sheet.sources] == [p.stem for p in paths]
    assert sheet.run.extractor == "offline"
