"""A new user's first run against a local server: no --model, no --mode.

Against tests/batch_stub.py's CompatStub, a FAKE server that lists its models and, like
llama-cpp-python's server, answers HTTP 500 to response_format json_schema while taking
json_object with a schema. Its answers are hand-written, not a model's.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from factsheet import pipeline
from factsheet.cache import ExtractionCache, ModeMemory
from factsheet.cli import cli
from factsheet.config import resolve_llm_settings
from factsheet.errors import ConfigError, ModelHTTPError
from factsheet.extractors.llm import LLMExtractor
from factsheet.models import FactSheet
from tests.batch_stub import CompatStub
from tests.conftest import clear_llm_env
from tests.fakes import FakeEndpoint, fake_article, fake_settings, grounded_answer
from tests.openai_stub import write_articles

SECRET = "sk-discovery-0123456789-DO-NOT-PRINT"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clear_llm_env(monkeypatch, tmp_path / "cache")


def make(folder: Path, out: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["make", str(folder), "-o", str(out), *args], env=env)


def sheet(path: Path) -> FactSheet:
    return FactSheet.model_validate_json(path.read_text())


# -- the model ------------------------------------------------------------------------------------


def test_base_url_alone_uses_the_one_model_the_server_lists_and_says_so(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 2)
    with CompatStub(models=["qwen2.5-7b-instruct"]) as stub:
        result = make(tmp_path / "a", tmp_path / "e.json", env={"OPENAI_BASE_URL": stub.url})

    assert result.exit_code == 0, result.output
    assert "using the model 'qwen2.5-7b-instruct', the only one the server" in result.stderr
    assert sheet(tmp_path / "e.json").run.model == "qwen2.5-7b-instruct"
    assert {body["model"] for body in stub.chat} == {"qwen2.5-7b-instruct"}


def test_several_models_are_listed_in_the_error(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 1)
    with CompatStub(models=["llama3.2", "qwen2.5:7b", "mistral"]) as stub:
        result = make(tmp_path / "a", tmp_path / "e.json", env={"OPENAI_BASE_URL": stub.url})

    assert result.exit_code == 2 and "Traceback" not in result.output
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1
    assert "lists 3 models: llama3.2, mistral, qwen2.5:7b" in line and "--model" in line
    assert stub.chat == [], "no article was sent"


def test_a_server_without_a_model_list_names_what_to_set(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 1)
    with CompatStub(models=None) as stub:
        result = make(tmp_path / "a", tmp_path / "e.json", env={"OPENAI_BASE_URL": stub.url})
    assert result.exit_code == 2
    assert "No model name for the server" in result.stderr and "HTTP 404" in result.stderr
    assert "FACTSHEET_MODEL" in result.stderr


def test_discovery_errors_never_show_the_key() -> None:
    seen: list[tuple[str, str, float]] = []

    def refuse(url: str, key: str, timeout: float) -> list[str]:
        seen.append((url, key, timeout))
        raise ConfigError(f"The server at {url} refused the API key when asked for its models (HTTP 401).")

    with pytest.raises(ConfigError) as caught:
        resolve_llm_settings(base_url="http://127.0.0.1:9/v1", api_key=SECRET, env={}, discover=refuse)
    assert SECRET not in str(caught.value) and seen[0][1] == SECRET


def test_without_a_discover_function_nothing_is_asked() -> None:
    with pytest.raises(ConfigError, match="--model or FACTSHEET_MODEL"):
        resolve_llm_settings(env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})


def test_openai_itself_keeps_its_documented_default() -> None:
    def never(url: str, key: str, timeout: float) -> list[str]:
        raise AssertionError("OpenAI's default model needs no request")

    settings = resolve_llm_settings(env={"OPENAI_API_KEY": "sk-x"}, discover=never)
    assert settings.model == "gpt-4o-mini" and settings.model_source == "default"


# -- the mode -------------------------------------------------------------------------------------


def test_llama_cpp_like_server_works_with_no_flags_and_the_mode_is_recorded(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 3)
    with CompatStub(models=["gemma"], refuse_json_schema=True) as stub:
        result = make(tmp_path / "a", tmp_path / "e.json", env={"OPENAI_BASE_URL": stub.url})

    assert result.exit_code == 0, result.output
    made = sheet(tmp_path / "e.json")
    assert made.run.mode == "json_object" and not made.failures and len(made.sources) == 3
    assert stub.modes_asked()[0] == "json_schema" and stub.chat_status[0] == 500
    assert stub.modes_asked()[1:] == ["json_object"] * 3, (
        "one refused probe, then every article in json_object"
    )
    assert "Response mode json_object (--mode auto: json_schema refused: HTTP 500" in result.stderr
    # The refused request counts: the first article paid for it.
    assert made.run.usage.requests == 4


def test_the_mode_found_is_remembered_so_the_next_run_makes_no_failing_probe(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 2)
    with CompatStub(models=["gemma"], refuse_json_schema=True) as stub:
        env = {"OPENAI_BASE_URL": stub.url}
        assert make(tmp_path / "a", tmp_path / "e.json", env=env).exit_code == 0
        remembered = ModeMemory(tmp_path / "cache").entry(stub.url, "gemma")
        assert remembered is not None and remembered["mode"] == "json_object"
        assert "json_schema" in remembered["refused"]

        for path in (tmp_path / "a").iterdir():  # new articles: the second run must ask the model
            path.write_text(path.read_text() + "\nA second report.", encoding="utf-8")
        before = len(stub.chat)
        second = make(tmp_path / "a", tmp_path / "e2.json", env=env)

    assert second.exit_code == 0, second.output
    assert stub.modes_asked()[before:] == ["json_object", "json_object"]
    assert 500 not in stub.chat_status[before:]
    assert sheet(tmp_path / "e2.json").run.mode == "json_object"
    assert "found by an earlier run" in second.stderr


def test_parallel_workers_probe_once_per_run(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 6)
    with CompatStub(models=["gemma"], refuse_json_schema=True) as stub:
        extractor = pipeline.get_extractor("llm", base_url=stub.url, env={})
        made = pipeline.make(tmp_path / "a", extractor=extractor, jobs=4)  # no cache: no memory either
    assert stub.modes_asked().count("json_schema") == 1
    assert len(made.sources) == 6 and made.run.mode == "json_object"


def test_a_server_that_ignores_the_format_falls_back(tmp_path: Path) -> None:
    """A reply in prose under json_schema means the server ignored it; json_object is tried next."""
    with CompatStub(models=["m"], ignore_json_schema=True) as stub:
        extractor = pipeline.get_extractor("llm", base_url=stub.url, env={})
        extraction = pipeline.extract(fake_article(), extractor)
    assert stub.modes_asked() == ["json_schema", "json_object"]
    assert isinstance(extractor, LLMExtractor) and extractor.mode == "json_object"
    assert "ignored the response format" in extractor.rejected_modes["json_schema"]
    assert extraction.event.city is not None


def test_the_last_resort_is_tools(tmp_path: Path) -> None:
    refused = "1 validation error: body.response_format.type: Input should be 'text'"
    endpoint = FakeEndpoint().error(500, refused).error(500, refused)
    tool_reply = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": "fake-model",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "StrikeAnswer", "arguments": json.dumps(grounded_answer())},
                        }
                    ],
                },
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }
    endpoint.replies.append(httpx.Response(200, json=tool_reply))
    extractor = LLMExtractor(fake_settings("auto"), client=endpoint.client(), sleep=lambda s: None)
    extraction = extractor.extract(fake_article())
    assert [("tools" if r.get("tools") else r["response_format"]["type"]) for r in endpoint.requests] == [
        "json_schema",
        "json_object",
        "tools",
    ]
    assert extractor.mode == "tools" and extraction.usage.requests == 3


def test_every_mode_refused_names_each_and_what_else_to_try() -> None:
    endpoint = FakeEndpoint()
    for _ in range(3):
        endpoint.error(400, "response_format is not supported; tools are not supported")
    extractor = LLMExtractor(fake_settings("auto"), client=endpoint.client(), sleep=lambda s: None)
    with pytest.raises(ModelHTTPError) as caught:
        extractor.extract(fake_article())
    message = str(caught.value)
    assert caught.value.status_code == 400 and len(endpoint.requests) == 3
    assert "--mode json_schema: HTTP 400" in message and "--mode json_object: HTTP 400" in message
    assert "--mode tools: HTTP 400" in message and "--mode md_json" in message


def test_an_error_that_is_not_about_the_format_does_not_fall_back() -> None:
    endpoint = FakeEndpoint().error(401, "invalid api key")
    extractor = LLMExtractor(fake_settings("auto"), client=endpoint.client(), sleep=lambda s: None)
    with pytest.raises(ModelHTTPError) as caught:
        extractor.extract(fake_article())
    assert caught.value.status_code == 401 and len(endpoint.requests) == 1
    assert extractor.mode is None and extractor.rejected_modes == {}


def test_a_transient_500_is_still_retried_while_probing() -> None:
    endpoint = FakeEndpoint().error(500, "out of memory, try again").answer(grounded_answer())
    extractor = LLMExtractor(fake_settings("auto"), client=endpoint.client(), sleep=lambda s: None)
    extractor.extract(fake_article())
    assert [r["response_format"]["type"] for r in endpoint.requests] == ["json_schema", "json_schema"]
    assert extractor.mode == "json_schema"


def test_a_remembered_mode_the_server_now_refuses_is_probed_again(tmp_path: Path) -> None:
    memory = ModeMemory(tmp_path)
    settings = fake_settings("auto")
    refused = "1 validation error: response_format json_object is not supported"
    endpoint = FakeEndpoint().error(500, refused).answer(grounded_answer())
    extractor = LLMExtractor(settings, client=endpoint.client(), sleep=lambda s: None)
    memory.put(extractor.endpoint_label, settings.model, "json_object", {})
    extractor.remember_modes_in(memory)
    assert extractor.mode == "json_object"

    extractor.extract(fake_article())
    assert [r["response_format"]["type"] for r in endpoint.requests] == ["json_object", "json_schema"]
    assert memory.get(extractor.endpoint_label, settings.model) == "json_schema"


def test_answers_cached_under_a_mode_are_found_before_auto_has_settled(tmp_path: Path) -> None:
    """A user who ran with --mode json_object before, now with no --mode: nothing is asked again."""
    write_articles(tmp_path / "a", 2)
    cache = ExtractionCache(tmp_path / "cache")
    with CompatStub(models=["gemma"], refuse_json_schema=True) as stub:
        explicit = pipeline.get_extractor("llm", base_url=stub.url, mode="json_object", env={})
        pipeline.make(tmp_path / "a", extractor=explicit, cache=cache)
        asked = len(stub.chat)
        auto = pipeline.get_extractor("llm", base_url=stub.url, env={})
        again = pipeline.make(tmp_path / "a", extractor=auto, cache=cache)
    assert len(stub.chat) == asked and again.run.usage.cached == 2
    assert again.run.mode == "json_object"


def test_the_key_is_never_printed(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 1)
    with CompatStub(models=["gemma"], refuse_json_schema=True) as stub:
        result = make(
            tmp_path / "a", tmp_path / "e.json", env={"OPENAI_BASE_URL": stub.url, "OPENAI_API_KEY": SECRET}
        )
    assert result.exit_code == 0
    assert SECRET not in result.output and SECRET not in (tmp_path / "e.json").read_text()
    modes = (tmp_path / "cache" / "modes.json").read_text()
    assert SECRET not in modes
