"""`factsheet make --split` and `make` on a folder with a stray, as a user runs them (offline extractor).

The feed: the five seed articles (one strike in Baghdad, 2024-02-07), a short report of a
missile strike on Kyiv written for these tests, and a short article about talks that reports
no strike.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import factsheet
from factsheet.cli import cli
from factsheet.pipeline import ANOTHER_STRIKE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ENV_KEYS = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "FACTSHEET_MODEL", "FACTSHEET_BASE_URL", "FACTSHEET_API_KEY")

KYIV = {
    "outlet": "Harbour Gazette",
    "published": "2025-04-24",
    "title": "Missiles hit Kyiv homes overnight",
    "text": (
        "KYIV, April 24 (Harbour Gazette) - A Russian ballistic missile strike on apartment blocks in Kyiv "
        "early on Thursday killed nine people and wounded more than 60, Ukraine's emergency service said.\n\n"
        "Rescuers worked through the morning to pull residents from the rubble of a five-storey building, "
        "the service said in a statement.\n\nThe mayor said the attack was the deadliest on the capital in "
        "months. Russia's defence ministry said it had hit military-industrial targets."
    ),
}
TALKS = {
    "outlet": "Lakeside Herald",
    "published": "2024-02-08",
    "title": "Ministers meet in Geneva",
    "text": (
        "Foreign ministers from six countries met in Geneva on Thursday to discuss a ceasefire plan and an "
        "exchange of prisoners.\n\nNo agreement was reached, a spokesman said, and the talks will resume "
        "next month."
    ),
}


@pytest.fixture(autouse=True)
def no_model_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes is not None else "")


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    folder = tmp_path / "feed"
    shutil.copytree(SEEDS, folder)
    (folder / "kyiv.json").write_text(json.dumps(KYIV), encoding="utf-8")
    (folder / "talks.json").write_text(json.dumps(TALKS), encoding="utf-8")
    return folder


def test_split_writes_a_sheet_per_strike_an_index_a_page_and_a_table(feed: Path, tmp_path: Path) -> None:
    out = tmp_path / "events"
    code, output = run("make", str(feed), "--split", "-o", str(out))
    assert code == 0, output
    baghdad, kyiv = "2024-02-07-baghdad-kataib-hezbollah.json", "2025-04-24-kyiv.json"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [baghdad, kyiv, "index.json", "index.html", "events.csv"]
    )
    assert "2 strike(s)" in output and baghdad in output and "talks.json" in output

    schema = json.loads((ROOT / "schemas" / "factsheet.schema.json").read_text())
    sheet = json.loads((out / baghdad).read_text())
    jsonschema.validate(sheet, schema)
    assert sheet["event"]["killed"]["value"]["best"] == 3 and len(sheet["sources"]) == 5

    index = json.loads((out / "index.json").read_text())
    schema = json.loads((Path(__file__).parent.parent / "schemas" / "index.schema.json").read_text())
    jsonschema.validate(index, schema)
    assert [e["file"] for e in index["events"]] == [baghdad, kyiv]
    first = index["events"][0]
    assert first["date"] == "2024-02-07" and first["place"] == "Baghdad, Iraq"
    assert sorted(Path(p).name for p in first["sources"]) == sorted(p.name for p in SEEDS.iterdir())
    assert index["events"][1]["sources"] == [str(feed / "kyiv.json")]
    assert index["unassigned"] == [u["path"] for u in index["unassigned_why"]]
    assert [(u["path"], u["kind"]) for u in index["unassigned_why"]] == [
        (str(feed / "talks.json"), "not_a_strike")
    ]
    assert "no strike" in index["unassigned_why"][0]["reason"]
    # Every input is somewhere: in one sheet, or unassigned with why.
    listed = [p for e in index["events"] for p in e["sources"]] + index["unassigned"]
    assert sorted(listed) == sorted(str(p) for p in feed.iterdir())

    rows = list(csv.DictReader(io.StringIO((out / "events.csv").read_text(encoding="utf-8"))))
    assert [r["sheet_file"] for r in rows] == [baghdad, kyiv]
    row = rows[0]
    assert (row["date"], row["date_precision"], row["country"], row["city"]) == (
        "2024-02-07",
        "day",
        "Iraq",
        "Baghdad",
    )
    assert 33 < float(row["latitude"]) < 34 and 44 < float(row["longitude"]) < 45
    killed = sheet["event"]["killed"]["value"]  # the row carries the sheet's own range
    assert [row["killed_low"], row["killed_best"], row["killed_high"]] == [
        "" if killed[k] is None else str(killed[k]) for k in ("low", "best", "high")
    ]
    assert row["attacker"] == "United States" and row["target_organisation"] == "Kataib Hezbollah"
    assert row["date_status"] == "agreed" and row["independent_sources"] == "4"
    assert rows[1]["city"] == "Kyiv" and rows[1]["killed_best"] == "9" and rows[1]["articles"] == "1"

    page = (out / "index.html").read_text()
    assert f'href="{baghdad}"' in page and f'href="{kyiv}"' in page
    assert "talks.json" in page and "no strike" in page


def test_split_writes_html_sheets_and_links_them(feed: Path, tmp_path: Path) -> None:
    out = tmp_path / "events"
    code, output = run("make", str(feed), "--split", "--format", "html", "-o", str(out), "-q")
    assert code == 0, output
    sheet = out / "2024-02-07-baghdad-kataib-hezbollah.html"
    assert sheet.read_text().lstrip().lower().startswith("<!doctype html>")
    index = json.loads((out / "index.json").read_text())
    assert index["events"][0]["file"] == sheet.name
    assert f'href="{sheet.name}"' in (out / "index.html").read_text()
    assert "2024-02-07-baghdad-kataib-hezbollah.html" in (out / "events.csv").read_text()


def test_make_on_a_folder_keeps_a_stray_report_out_of_the_vote_and_says_why(
    feed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "event.json"
    code, output = run("make", str(feed), "-o", str(out))
    assert code == 3, output  # an input could not be used: the sheet is still written
    assert "reports another strike" in output and "kyiv.json" in output and "--split" in output
    sheet = json.loads(out.read_text())
    stray = [f for f in sheet["failures"] if f["error"] == ANOTHER_STRIKE]
    assert [Path(f["path"]).name for f in stray] == ["kyiv.json"]
    assert "2025-04-24" in stray[0]["message"] and "Kyiv" in stray[0]["message"]
    assert "kyiv.json" not in {Path(s["path"]).name for s in sheet["sources"]}
    event = sheet["event"]
    assert event["date"]["value"] == "2024-02-07" and event["city"]["value"] == "Baghdad"
    assert event["killed"]["value"]["best"] == 3 and event["country"]["status"] == "agreed"


def test_split_refuses_an_output_it_cannot_use_before_reading_anything(feed: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    code, output = run("make", str(feed), "--split", "-o", str(a_file))
    assert code == 2 and "names a folder" in output
    code, output = run("make", str(feed), "--split", "-o", str(feed / "events"))
    assert code == 2 and "input folder" in output
    code, output = run("make", str(feed), "--split", "-o", str(tmp_path / "missing" / "events"))
    assert code == 2 and "does not exist" in output
    code, output = run("make", str(feed), "--split", "-o", str(a_file / "events"))
    assert code == 2 and "notes.txt" in output
    for message in (output,):
        assert "[1/" not in message  # failed before the first article was read
    assert not (feed / "events").exists() and not (tmp_path / "missing").exists()


def test_make_into_a_folder_without_split_says_to_add_split(feed: Path, tmp_path: Path) -> None:
    code, output = run("make", str(feed), "-o", str(tmp_path))
    assert code == 2 and "--split" in output


def test_the_python_api_returns_the_same_feed(feed: Path, tmp_path: Path) -> None:
    result = factsheet.make_events([feed], extractor="offline")
    assert [e.slug for e in result.events] == ["2024-02-07-baghdad-kataib-hezbollah", "2025-04-24-kyiv"]
    assert [u.kind for u in result.unassigned] == ["not_a_strike"]
    written = factsheet.write_events(result, tmp_path / "api", "markdown")
    assert sorted(p.name for p in written) == sorted(
        [
            "2024-02-07-baghdad-kataib-hezbollah.md",
            "2025-04-24-kyiv.md",
            "index.json",
            "index.html",
            "events.csv",
        ]
    )
