"""`factsheet check`: what a user learns about an endpoint before pointing a large run at it.

Against tests/batch_stub.py's CompatStub, a FAKE OpenAI-compatible server with hand-written
answers (one variant behaves like llama-cpp-python: HTTP 500 for response_format json_schema).
"""

from __future__ import annotations

import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factsheet.cache import ModeMemory
from factsheet.cli import cli
from tests.batch_stub import CompatStub
from tests.conftest import clear_llm_env
from tests.openai_stub import write_articles

SECRET = "sk-check-0123456789-DO-NOT-PRINT"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clear_llm_env(monkeypatch, tmp_path / "cache")


def check(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["check", *args], env=env)


def row(output: str, label: str) -> str:
    found = re.search(rf"^{label}:\s+(.*)$", output, re.MULTILINE)
    assert found, f"no {label!r} line in:\n{output}"
    return found.group(1)


def test_check_on_a_llama_cpp_like_server_names_models_mode_latency_tokens_and_options(
    tmp_path: Path,
) -> None:
    with CompatStub(models=["gemma-3-270m"], refuse_json_schema=True) as stub:
        result = check("--base-url", stub.url)

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert row(out, "Models") == "gemma-3-270m"
    assert row(out, "Model").startswith("gemma-3-270m (the only one the server lists)")
    assert row(out, "Modes").startswith("json_schema  refused: HTTP 500")
    assert re.search(r"^\s+json_object\s+works$", out, re.MULTILINE)
    extraction = row(out, "Extraction")
    assert re.match(
        r"\d+\.\d\d s, 2 requests, [\d,]+ prompt \+ [\d,]+ completion tokens; 8/8 quotes", extraction
    )
    assert row(out, "Batch API").startswith("not offered (GET /batches answered HTTP 404)")
    assert (
        row(out, "Use") == f"factsheet make ARTICLES -o event.json --base-url {stub.url} --mode json_object"
    )
    assert ModeMemory(tmp_path / "cache").get(stub.url, "gemma-3-270m") == "json_object"


def test_after_a_check_make_starts_in_the_mode_found(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 2)
    with CompatStub(models=["gemma"], refuse_json_schema=True) as stub:
        assert check("--base-url", stub.url).exit_code == 0
        before = len(stub.chat)
        made = CliRunner().invoke(
            cli,
            ["make", str(tmp_path / "a"), "-o", str(tmp_path / "e.json")],
            env={"OPENAI_BASE_URL": stub.url},
        )
    assert made.exit_code == 0, made.output
    assert stub.modes_asked()[before:] == ["json_object", "json_object"]


def test_check_on_a_server_with_structured_outputs_and_a_batch_api(tmp_path: Path) -> None:
    with CompatStub(models=["m"], batches=True) as stub:
        result = check("--base-url", stub.url, "--model", "m", env={"OPENAI_API_KEY": SECRET})
    assert result.exit_code == 0, result.output
    assert re.search(r"^Modes:\s+json_schema\s+works$", result.stdout, re.MULTILINE)
    assert row(result.stdout, "Extraction").startswith(tuple(f"{n}" for n in range(10)))
    assert "1 request," in row(result.stdout, "Extraction")
    assert row(result.stdout, "Batch API").startswith("available")
    assert row(result.stdout, "Use").endswith(f"--base-url {stub.url} --model m --mode json_schema")
    assert SECRET not in result.output


def test_several_models_without_model_lists_them(tmp_path: Path) -> None:
    with CompatStub(models=["a-model", "b-model"]) as stub:
        result = check("--base-url", stub.url)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "lists 2 models: a-model, b-model" in result.stderr and stub.chat == []


def test_a_server_that_takes_no_mode_exits_4_with_the_reasons() -> None:
    with CompatStub(models=["m"], refuse_json_schema=True) as stub:
        stub.completion = lambda body: (
            400,
            {"error": {"message": "response_format and tools are not supported"}},
        )  # type: ignore[method-assign]
        result = check("--base-url", stub.url)
    assert result.exit_code == 4, result.output
    assert row(result.stdout, "Extraction").startswith("failed:") and "--mode md_json" in result.stdout
    assert "Use:" not in result.stdout


def test_an_unreachable_endpoint_is_one_line_and_exit_2() -> None:
    with ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler) as closed:
        port = closed.server_address[1]
    result = check("--base-url", f"http://127.0.0.1:{port}/v1")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert (
        len(result.stderr.strip().splitlines()) == 1 and "could not be asked for its models" in result.stderr
    )


def test_no_cache_leaves_no_memory(tmp_path: Path) -> None:
    with CompatStub(models=["m"], refuse_json_schema=True) as stub:
        result = check("--base-url", stub.url, "--no-cache")
    assert result.exit_code == 0 and not (tmp_path / "cache" / "modes.json").exists()
