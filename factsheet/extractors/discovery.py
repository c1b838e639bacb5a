"""What an OpenAI-compatible endpoint offers: its models, the response mode it takes, its Batch API.

A new user points factsheet at a local server and expects it to work with no more flags.
Two things cannot be known from a URL: which model the server runs and which structured
output it honours. `list_models` asks GET /models (config.resolve_llm_settings uses it when
no model is named: one listed model is used, several are listed in the error); the response
mode is found by the LLM extractor's --mode auto on the first real request of a run.

`probe_endpoint` is the `factsheet check` command's library half: list the models, run one
small extraction in --mode auto (which tries the modes in order and reports each refusal),
time it, count its tokens, look for the Batch API, and say which options to use. It never
raises for what the endpoint does; the report says what happened, so the command can print
all of it, not just the first failure.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx
import openai

from factsheet.config import LLMSettings
from factsheet.errors import ConfigError, ModelError
from factsheet.models import EVENT_FIELDS, Article

if TYPE_CHECKING:
    from factsheet.cache import ModeMemory

# GET /models answers in milliseconds; a server too busy to do so is reported, not waited on.
LIST_TIMEOUT = 20.0
_KEY_PATTERN = re.compile(r"\b(?:sk|key|token)-[A-Za-z0-9_\-*]{4,}")

# An invented report, short so the check costs little; every value has a quote in it.
CHECK_ARTICLE_TEXT = (
    "Drone strike kills two near Qalat Dizah\n\n"
    "QALAT DIZAH, Iraq, March 3 (Check Wire) - A Turkish drone struck a car near the market of "
    "Qalat Dizah on Sunday night, killing two members of the PKK, local officials said.\n\n"
    '"The car was hit by two missiles," a witness, Hama Rashid, told reporters.'
)


def _scrub(text: str, key: str) -> str:
    if len(key) >= 4:
        text = text.replace(key, "***")
    return _KEY_PATTERN.sub("***", text)


def _one_line(exc: BaseException, key: str) -> str:
    body = getattr(exc, "body", None)
    detail = body.get("message") if isinstance(body, dict) else None
    text = str(detail or getattr(exc, "message", None) or exc.__cause__ or exc) or type(exc).__name__
    return _scrub(" ".join(text.split())[:200], key)


def list_models(
    base_url: str, api_key: str, timeout: float = LIST_TIMEOUT, http_client: httpx.Client | None = None
) -> list[str]:
    """The model names the server lists under GET /models; ConfigError naming what to set if it cannot tell.

    A server that refuses the key, has no /models route, or cannot be reached leaves the
    user to name the model, so the error says how, with the reason (never the key).
    """
    client = openai.OpenAI(
        api_key=api_key,
        base_url=base_url,
        timeout=min(timeout, LIST_TIMEOUT),
        max_retries=0,
        http_client=http_client,
    )
    fix = "Set --model or FACTSHEET_MODEL to the name of the model it serves."
    try:
        return [model.id for model in client.models.list().data if getattr(model, "id", None)]
    except openai.APIStatusError as exc:
        if exc.status_code in (401, 403):
            raise ConfigError(
                f"The server at {base_url} refused the API key when asked for its models "
                f"(HTTP {exc.status_code}). Check FACTSHEET_API_KEY or OPENAI_API_KEY."
            ) from None
        raise ConfigError(
            f"No model name for the server at {base_url}, and asking it (GET /models) gave HTTP "
            f"{exc.status_code}: {_one_line(exc, api_key)}. {fix}"
        ) from None
    except openai.APIConnectionError as exc:
        raise ConfigError(
            f"No model name for the server at {base_url}, and it could not be asked for its models "
            f"({_one_line(exc, api_key)}). Check --base-url / OPENAI_BASE_URL, or {fix[0].lower()}{fix[1:]}"
        ) from None
    except (openai.APIError, ValueError, TypeError) as exc:  # a 200 that is not a model list
        raise ConfigError(
            f"No model name for the server at {base_url}, and its answer to GET /models is not a "
            f"model list ({_one_line(exc, api_key)}). {fix}"
        ) from None
    finally:
        if http_client is None:
            client.close()


def check_article() -> Article:
    """The invented article `factsheet check` extracts."""
    return Article(
        id="check",
        path="factsheet-check.txt",
        text=CHECK_ARTICLE_TEXT,
        outlet="Check Wire",
        outlet_origin="metadata",
        published="2024-03-04",
        sha256=hashlib.sha256(CHECK_ARTICLE_TEXT.encode()).hexdigest(),
    )


@dataclass
class ModeTry:
    """One mode --mode auto tried during the check."""

    mode: str
    ok: bool
    detail: str = ""


@dataclass
class CheckReport:
    """What `factsheet check` found; `ok` when one extraction came back."""

    endpoint: str
    model: str
    model_source: str
    models: list[str] | None = None
    models_error: str | None = None
    tries: list[ModeTry] = field(default_factory=list)
    mode: str | None = None
    seconds: float | None = None
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    quotes_found: int = 0
    quotes_total: int = 0
    error: str | None = None
    batch_api: bool | None = None
    batch_detail: str = ""

    @property
    def ok(self) -> bool:
        return self.mode is not None and self.error is None

    def options(self, settings: LLMSettings) -> list[str]:
        """The command-line options that reach this endpoint in the mode that worked."""
        opts = []
        if settings.base_url is not None:
            opts += ["--base-url", settings.base_url]
        if settings.model_source == "given":
            opts += ["--model", settings.model]
        if self.mode is not None:
            opts += ["--mode", self.mode]
        return opts


def _batch_api(client: openai.OpenAI, key: str) -> tuple[bool | None, str]:
    """Whether GET /batches answers: the cheapest sign that `make --batch` can work here."""
    try:
        client.batches.list(limit=1)
    except openai.APIStatusError as exc:
        if exc.status_code in (404, 405, 501):
            return False, f"GET /batches answered HTTP {exc.status_code}"
        return None, f"GET /batches answered HTTP {exc.status_code}: {_one_line(exc, key)}"
    except (openai.APIError, ValueError, TypeError) as exc:
        return None, _one_line(exc, key)
    return True, "GET /batches answered"


def probe_endpoint(
    settings: LLMSettings,
    *,
    client: openai.OpenAI | None = None,
    memory: ModeMemory | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> CheckReport:
    """List the models, run one small extraction (--mode auto unless a mode is given), look for the Batch API.

    With a `memory`, the mode that worked is remembered for `make`, exactly as a run would.
    """
    from factsheet.extractors.llm import AUTO_MODES, LLMExtractor, client_for, unverified_quotes

    key = settings.api_key.get_secret_value()
    client = client or client_for(settings)
    report = CheckReport(endpoint=settings.endpoint, model=settings.model, model_source=settings.model_source)
    try:
        report.models = [m.id for m in client.with_options(timeout=LIST_TIMEOUT).models.list().data]
    except (openai.APIError, ValueError, TypeError) as exc:
        status = getattr(exc, "status_code", None)
        report.models_error = (f"HTTP {status}: " if status else "") + _one_line(exc, key)

    extractor = LLMExtractor(settings, client=client, sleep=sleep)
    if settings.mode == "auto" and memory is not None:
        # A check probes afresh (that is its point), then tells `make` what it found.
        extractor.remember_modes_in(_Forgetful(memory))
    started = clock()
    try:
        extraction = extractor.extract(check_article())
    except ModelError as exc:
        report.error = _scrub(str(exc), key)
    else:
        report.seconds = clock() - started
        usage = extraction.usage
        report.requests = usage.requests
        report.prompt_tokens, report.completion_tokens = usage.prompt_tokens, usage.completion_tokens
        total = sum(1 for name in EVENT_FIELDS if getattr(extraction.event, name) is not None)
        report.quotes_total = total + len(extraction.event.people) + len(extraction.event.claims)
        report.quotes_found = report.quotes_total - len(unverified_quotes(extraction))
    report.mode = extractor.mode if report.error is None else None
    refused = extractor.rejected_modes
    tried = AUTO_MODES if settings.mode == "auto" else (settings.mode,)
    for mode in tried:
        if mode in refused:
            report.tries.append(ModeTry(mode, ok=False, detail=refused[mode]))
        elif mode == report.mode:
            report.tries.append(ModeTry(mode, ok=True))
            break
        elif report.error is not None:
            report.tries.append(ModeTry(mode, ok=False, detail=report.error))
            break
    report.batch_api, report.batch_detail = _batch_api(client, key)
    return report


class _Forgetful:
    """A ModeMemory that reads nothing, so the check probes, but records what the probe finds."""

    def __init__(self, memory: ModeMemory) -> None:
        self._memory = memory

    def get(self, endpoint: str, model: str) -> str | None:
        return None

    def put(self, endpoint: str, model: str, mode: str, refused: Mapping[str, str]) -> bool:
        return self._memory.put(endpoint, model, mode, refused)

    def forget(self, endpoint: str, model: str) -> bool:
        return self._memory.forget(endpoint, model)
