"""Where the model, endpoint and key come from: one function, one fixed order.

The order is: explicit argument (CLI option), then FACTSHEET_* variables, then the OPENAI_*
variables the openai client itself reads. Keeping it in one place means an error can name
exactly the option or variable the user has to set, instead of failing deep in an HTTP call.

The model is never guessed for a custom endpoint. When none is set, the caller may pass a
`discover` function (the pipeline passes one that asks GET /models): a server that lists
exactly one model gets that one, recorded as `model_source="discovered"` so the output can
say so; a server listing several makes the error list them. Without `discover` (the library's
plain resolution, the cassette tests) no request is made and the error names what to set.
OpenAI proper gets a documented default.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Literal, get_args
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from factsheet.errors import ConfigError

Mode = Literal["auto", "json_schema", "json_object", "tools", "md_json"]
MODES: tuple[str, ...] = get_args(Mode)

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# Local servers (Ollama, vLLM without --api-key, llama.cpp) ignore the key, but the openai
# client refuses to start without one.
LOCAL_DUMMY_KEY = "not-needed"

_OPENAI_HOSTS = ("api.openai.com",)

ModelSource = Literal["given", "default", "discovered"]
# discover(base_url, api_key, timeout) -> the model names the server lists; raises ConfigError
# (naming what to set) when it cannot tell.
Discover = Callable[[str, str, float], list[str]]


class LLMSettings(BaseModel):
    """Everything the LLM extractor needs to reach a model; safe to log (the key is a SecretStr)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str
    base_url: str | None = Field(default=None, description="None means OpenAI's own endpoint.")
    api_key: SecretStr
    mode: Mode = Field(description="Requested mode; 'auto' is resolved by `effective_mode`.")
    timeout: float = Field(default=300.0, description="Seconds per request (env FACTSHEET_TIMEOUT).")
    max_tokens: int = Field(default=2048, description="Reply budget; doubled once when a reply is cut off.")
    model_source: ModelSource = Field(
        default="given",
        description="Where the model name came from: an option or variable, OpenAI's default, or the "
        "server's own list of models (it lists exactly one).",
    )

    @property
    def is_openai(self) -> bool:
        return self.base_url is None or urlparse(self.base_url).hostname in _OPENAI_HOSTS

    @property
    def effective_mode(self) -> Mode:
        """The mode to start with: 'auto' starts with structured outputs (response_format json_schema).

        OpenAI, vLLM and Ollama (0.5+) all constrain decoding to a json_schema response
        format. llama-cpp-python's server refuses it (HTTP 500); the LLM extractor then falls
        back to json_object with the schema, then tools, and remembers what worked.
        """
        return "json_schema" if self.mode == "auto" else self.mode

    @property
    def endpoint(self) -> str:
        """Human-readable endpoint for error messages (never contains the key)."""
        return self.base_url or "https://api.openai.com/v1"


def _first(*values: str | None) -> str | None:
    for value in values:
        if value is not None and value.strip():
            return value.strip()
    return None


def llm_configured(env: Mapping[str, str] | None = None) -> bool:
    """True when the user has named an endpoint, a key or a model, i.e. wants the LLM extractor."""
    env = os.environ if env is None else env
    names = (
        "FACTSHEET_BASE_URL",
        "OPENAI_BASE_URL",
        "FACTSHEET_API_KEY",
        "OPENAI_API_KEY",
        "FACTSHEET_MODEL",
    )
    return any(_first(env.get(name)) for name in names)


def resolve_llm_settings(
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
    env: Mapping[str, str] | None = None,
    discover: Discover | None = None,
) -> LLMSettings:
    """Resolve model, endpoint, key and mode; raise ConfigError naming what to set.

    With `discover`, a custom endpoint without a model name is asked for its models.
    """
    env = os.environ if env is None else env

    url = _first(base_url, env.get("FACTSHEET_BASE_URL"), env.get("OPENAI_BASE_URL"))
    if url is not None:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ConfigError(
                f"The base URL {url!r} is not an http(s) URL. "
                "Set --base-url or OPENAI_BASE_URL to e.g. http://127.0.0.1:8080/v1."
            )
        url = url.rstrip("/")
    openai_proper = url is None or urlparse(url).hostname in _OPENAI_HOSTS

    key = _first(api_key, env.get("FACTSHEET_API_KEY"), env.get("OPENAI_API_KEY"))
    if key is None:
        if openai_proper:
            raise ConfigError(
                "No model endpoint is configured. Set OPENAI_API_KEY to use OpenAI, or set "
                "--base-url / OPENAI_BASE_URL to a local OpenAI-compatible server "
                "(Ollama, vLLM, llama.cpp), or use the offline extractor."
            )
        key = LOCAL_DUMMY_KEY

    chosen = _first(mode, env.get("FACTSHEET_MODE")) or "auto"
    if chosen not in MODES:
        raise ConfigError(
            f"Unknown mode {chosen!r}. Set --mode or FACTSHEET_MODE to one of: {', '.join(MODES)}."
        )

    timeout = _first(env.get("FACTSHEET_TIMEOUT"))
    try:
        seconds = float(timeout) if timeout is not None else LLMSettings.model_fields["timeout"].default
    except ValueError:
        seconds = -1.0
    if not seconds > 0:
        raise ConfigError(f"FACTSHEET_TIMEOUT must be a number of seconds above 0, not {timeout!r}.")

    name = _first(model, env.get("FACTSHEET_MODEL"))
    source: ModelSource = "given"
    if name is None:
        if openai_proper:
            name, source = DEFAULT_OPENAI_MODEL, "default"
        elif discover is None:
            raise ConfigError(
                f"No model name for the server at {url}. Set --model or FACTSHEET_MODEL "
                "to the name the server lists under /v1/models."
            )
        else:
            assert url is not None
            name, source = _only_model(url, discover(url, key, seconds)), "discovered"

    return LLMSettings(
        model=name,
        base_url=url,
        api_key=SecretStr(key),
        mode=chosen,  # type: ignore[arg-type]
        timeout=seconds,
        model_source=source,
    )


def _only_model(url: str, listed: list[str]) -> str:
    """The one model a server lists; ConfigError listing them (or saying there are none) otherwise."""
    names = sorted(dict.fromkeys(name for name in listed if name))
    if len(names) == 1:
        return names[0]
    if not names:
        raise ConfigError(
            f"No model name for the server at {url}, and it lists no model under /v1/models. "
            "Set --model or FACTSHEET_MODEL to the name of the model it serves."
        )
    shown = ", ".join(names[:20]) + (f" and {len(names) - 20} more" if len(names) > 20 else "")
    raise ConfigError(
        f"The server at {url} lists {len(names)} models: {shown}. "
        "Set --model or FACTSHEET_MODEL to the one to use."
    )
