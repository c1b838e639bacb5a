"""The command line as a user meets it: outputs, messages that name the problem, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from factsheet.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ENV_KEYS = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "FACTSHEET_MODEL", "FACTSHEET_BASE_URL", "FACTSHEET_API_KEY")


@pytest.fixture(autouse=True)
def no_model_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes is not None else "")


@pytest.fixture(scope="module")
def seeds_sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("make") / "event.json"
    code, output = run("make", str(SEEDS), "-o", str(out))
    assert code == 0, output
    return out


def test_make_on_seeds_without_a_model_writes_a_valid_sheet(seeds_sheet: Path) -> None:
    sheet = json.loads(seeds_sheet.read_text())
    schema = json.loads((ROOT / "schemas" / "factsheet.schema.json").read_text())
    jsonschema.validate(sheet, schema)
    assert sheet["run"]["extractor"] == "offline"
    assert len(sheet["sources"]) == 5


def test_summary_names_the_extractor_and_the_consensus(tmp_path: Path) -> None:
    code, output = run("make", str(SEEDS), "-o", str(tmp_path / "e.json"))
    assert code == 0
    assert "extractor: offline" in output
    assert "[5/5]" in output and "killed" in output


def test_markdown_and_html_outputs_by_suffix(seeds_sheet: Path, tmp_path: Path) -> None:
    code, _ = run("render", str(seeds_sheet), "-o", str(tmp_path / "e.md"))
    assert code == 0 and "## Where the outlets disagree" in (tmp_path / "e.md").read_text()
    code, _ = run("render", str(seeds_sheet), "-o", str(tmp_path / "e.html"))
    assert code == 0 and (tmp_path / "e.html").read_text().lstrip().lower().startswith("<!doctype html>")
    code, output = run("render", str(seeds_sheet), "-o", str(tmp_path / "e.pdf"))
    assert code == 2 and "e.pdf" in output


def test_bad_article_is_named_and_the_others_still_merge(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, folder)
    (folder / "empty.txt").write_text("")
    out = tmp_path / "event.json"
    code, output = run("make", str(folder), "-o", str(out))
    assert code == 3, "an unusable article is an input error even when the sheet is written"
    assert "empty.txt" in output
    sheet = json.loads(out.read_text())
    assert len(sheet["sources"]) == 2
    assert [Path(f["path"]).name for f in sheet["failures"]] == ["empty.txt"]


def test_nothing_usable_keeps_the_existing_output(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "blank.md").write_text("   \n")
    out = tmp_path / "event.json"
    out.write_text('{"earlier": "run"}')
    code, output = run("make", str(tmp_path / "in"), "-o", str(out))
    assert code == 3
    assert "blank.md" in output
    assert out.read_text() == '{"earlier": "run"}'


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    code, output = run("make", str(tmp_path / "nope"), "-o", str(tmp_path / "e.json"))
    assert code == 3
    assert "nope" in output and "Traceback" not in output


def test_llm_without_configuration_says_what_to_set(tmp_path: Path) -> None:
    code, output = run("make", str(SEEDS), "-o", str(tmp_path / "e.json"), "--extractor", "llm")
    assert code == 2
    assert "OPENAI_API_KEY" in output and "--base-url" in output
    assert not (tmp_path / "e.json").exists()


def test_extract_then_merge_without_a_model(tmp_path: Path) -> None:
    paths = []
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        target = tmp_path / f"{seed.stem}.json"
        code, output = run("extract", str(seed), "-o", str(target))
        assert code == 0, output
        paths.append(str(target))
    code, output = run("merge", *paths, "-o", str(tmp_path / "event.json"))
    assert code == 0, output
    sheet = json.loads((tmp_path / "event.json").read_text())
    assert [s["id"] for s in sheet["sources"]] == [Path(p).stem for p in paths]


def test_merge_rejects_a_file_that_is_not_an_extraction(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.json"
    bogus.write_text('{"hello": 1}')
    code, output = run("merge", str(bogus), "-o", str(tmp_path / "event.json"))
    assert code == 3
    assert "notes.json" in output and "not a factsheet extraction" in output


def test_score_against_gold(seeds_sheet: Path, tmp_path: Path) -> None:
    code, output = run("score", str(seeds_sheet), str(ROOT / "gold" / "seeds.gold.json"))
    assert code == 0 and "accuracy" in output
    gold = json.loads((ROOT / "gold" / "seeds.gold.json").read_text())
    gold["event"]["killed"] = 30
    wrong = tmp_path / "wrong.gold.json"
    wrong.write_text(json.dumps(gold))
    code, output = run("score", str(seeds_sheet), str(wrong), "--min-accuracy", "1.0")
    assert code == 5, "a sheet below the required accuracy must fail the run"
    assert "wrong" in output


def test_schema_command_writes_what_is_committed(tmp_path: Path) -> None:
    code, _ = run("schema", "-o", str(tmp_path))
    assert code == 0
    for name in ("factsheet.schema.json", "extraction.schema.json"):
        assert (tmp_path / name).read_text() == (ROOT / "schemas" / name).read_text()


def test_model_path_to_a_missing_gguf_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "qwen-7b.gguf"
    code, output = run("make", str(SEEDS), "-o", str(tmp_path / "e.json"), "--model-path", str(missing))
    assert code == 2
    assert "qwen-7b.gguf" in output
    assert not (tmp_path / "e.json").exists()


def test_model_path_with_offline_extractor_is_a_usage_error(tmp_path: Path) -> None:
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    code, output = run(
        "make",
        str(SEEDS),
        "-o",
        str(tmp_path / "e.json"),
        "--model-path",
        str(gguf),
        "--extractor",
        "offline",
    )
    assert code == 2 and "--extractor offline" in output
