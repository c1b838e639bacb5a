"""The LLM extractor: instructor over the openai client, for any OpenAI-compatible endpoint.

Three retry loops, each with one job:
- transient HTTP failures (connection refused or reset, timeout, 408/409/429/5xx, a 200
  whose body is not a chat completion) are retried here around each single request, with
  exponential backoff that honours Retry-After; the openai client's own retries are off;
- answers that do not validate against the schema (malformed JSON, missing or wrong
  fields, an empty reply) are re-asked by instructor with the error (VALIDATION_RETRIES);
- a reply cut off by the token limit is asked once more with twice the budget.
On top of that, one semantic re-ask: quotes that are not in the article are named back to
the model once. What is still unverified afterwards stays visible, it is never dropped.
Finally the article is screened (factsheet.screening): a warning when it is not English or
talks to the model, and values quoting the sentences that talk to the model are left out.

The loops nest, so left alone they would multiply (2 semantic x 2 budgets x 3 answers x 4
HTTP attempts = 48 requests). These caps bound one article's cost whatever the mix of
faults, and are the documented bound:
- at most MAX_REQUESTS (10) HTTP requests per article, retries and re-asks included;
- at most TIMEOUT_ATTEMPTS (2) timed-out requests per article: a model that did not answer
  within the timeout twice is too slow, not unlucky;
- per single request, at most HTTP_ATTEMPTS (4) tries; between them an exponential backoff
  (about 1, 2, 4 s, plus up to 1 s of jitter) or the server's Retry-After, never more than
  MAX_RETRY_AFTER (60 s); a server asking for a longer pause is not retried at all (it
  would only earn another 429).
So the worst wall time of one article is 2 x timeout, plus at most 8 answered requests,
plus at most 9 waits. A single fault repeated forever costs: 4 requests for a transient
HTTP fault (connection, 408/409/429/5xx, a body that is not a completion); 1 for any other
HTTP status, an exhausted quota or a Retry-After above 60 s; 2 for timeouts; 3 for answers
that never validate (malformed JSON, schema errors, empty); 2 for replies cut off at the
token limit.

Whatever still fails is raised as ModelHTTPError (with the HTTP status, None when there was
no answer) or UnexpectedModelBehavior, with a one-line message naming the endpoint and the
model. Messages are scrubbed of the key: openai's errors and a server's error bodies may
echo it, so HTTP errors are translated inside the request loop, before instructor logs them.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import instructor
import openai
from instructor.core import IncompleteOutputException, InstructorRetryException
from pydantic import ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception, wait_exponential_jitter

from factsheet.concurrency import retry_after_seconds
from factsheet.config import LLMSettings
from factsheet.errors import ModelError, ModelHTTPError, UnexpectedModelBehavior
from factsheet.extractors.llm_schema import StrikeAnswer, to_event
from factsheet.models import SCHEMA_VERSION, Article, Extraction, Usage
from factsheet.prompts import PromptSet, load_prompts
from factsheet.screening import screen
from factsheet.verify import unverified_values, verify_extraction

VALIDATION_RETRIES = 2
HTTP_ATTEMPTS = 4
TIMEOUT_ATTEMPTS = 2
MAX_REQUESTS = 10
MAX_RETRY_AFTER = 60.0
# instructor logs every failed attempt at ERROR; with no handler configured Python would print
# them to stderr, and the library never prints. Users who configure logging still see them.
logging.getLogger("instructor").addHandler(logging.NullHandler())

_TRANSIENT_STATUS = frozenset({408, 409, 429})
_INSTRUCTOR_MODES = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json_object": instructor.Mode.JSON,
    "tools": instructor.Mode.TOOLS,
    "md_json": instructor.Mode.MD_JSON,
}
_KEY_PATTERN = re.compile(r"\b(?:sk|key|token)-[A-Za-z0-9_\-*]{4,}")
_MODE_HINT = (
    "If the server does not accept this response format, try --mode json_object for llama.cpp "
    "(llama-cpp-python) servers, or --mode md_json for servers without any JSON mode."
)


class _BadReply(Exception):
    """HTTP 200, but the body is not a chat completion: a proxy or server fault, not the model's."""


class _OutOfRequests(Exception):
    """The article's request budget is spent; raised before a request that would exceed it."""


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, (openai.APIConnectionError, _BadReply)):  # connection errors include timeouts
        return True
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code == 429 and getattr(exc, "code", None) == "insufficient_quota":
            return False  # an empty account does not refill by waiting
        return exc.status_code in _TRANSIENT_STATUS or exc.status_code >= 500
    return False


def _retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (Retry-After / retry-after-ms), if it said."""
    response = getattr(exc, "response", None)
    if response is None:
        return None
    return retry_after_seconds(response.headers)


def _asks_too_long(exc: BaseException) -> bool:
    asked = _retry_after(exc)
    return asked is not None and asked > MAX_RETRY_AFTER


def _worth_retrying(exc: BaseException) -> bool:
    return _is_transient(exc) and not _asks_too_long(exc)


_backoff = wait_exponential_jitter(initial=1.0, max=30.0)


def _wait(state: RetryCallState) -> float:
    exc = state.outcome.exception() if state.outcome else None
    asked = _retry_after(exc)
    if asked is not None:
        return min(asked, MAX_RETRY_AFTER)
    return _backoff(state)


def _check_completion(response: Any) -> None:
    """What instructor needs to read an answer at all; anything less is the server's fault."""
    choices = getattr(response, "choices", None)
    if not isinstance(choices, list) or not choices:
        raise _BadReply("a body without any choices")
    if getattr(choices[0], "message", None) is None:
        raise _BadReply("a choice without a message")


@dataclass
class _Meter:
    """Counts every HTTP request of one extraction, retries and re-asks included."""

    requests: int = 0
    timeouts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    last_problem: str = ""
    started: float = field(default_factory=time.monotonic)

    def add(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.prompt_tokens += usage.prompt_tokens or 0
            self.completion_tokens += usage.completion_tokens or 0

    def usage(self) -> Usage:
        return Usage(
            requests=self.requests,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            seconds=round(time.monotonic() - self.started, 3),
        )


def client_for(settings: LLMSettings, http_client: httpx.Client | None = None) -> openai.OpenAI:
    """The openai client for these settings; its own retries are off because tenacity retries here."""
    return openai.OpenAI(
        api_key=settings.api_key.get_secret_value(),
        base_url=settings.base_url,
        timeout=settings.timeout,
        max_retries=0,
        http_client=http_client,
    )


class LLMExtractor:
    """Extracts one strike per article through a chat-completions endpoint."""

    name = "llm"

    def __init__(
        self,
        settings: LLMSettings,
        *,
        client: openai.OpenAI | None = None,
        prompts: PromptSet | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.prompts = prompts or load_prompts()
        if client is None:
            client = client_for(settings)
        self._client = client.with_options(max_retries=0)
        self._sleep = sleep
        self._mode = settings.effective_mode

    @property
    def client(self) -> openai.OpenAI:
        """The endpoint's client, for a cheap request before the articles (the key check)."""
        return self._client

    @property
    def model(self) -> str:
        return self.settings.model

    # -- public -------------------------------------------------------------------------

    def extract(self, article: Article) -> Extraction:
        meter = _Meter()
        messages = [
            {"role": "system", "content": self.prompts.system_message()},
            {"role": "user", "content": self.prompts.user_message(article)},
        ]
        answer = self._ask(messages, meter)
        extraction = self._extraction(article, answer, meter, [])
        problems = _unverified(extraction)
        if not problems:
            return screen(extraction)

        reask = [
            *messages,
            {"role": "assistant", "content": answer.model_dump_json()},
            {"role": "user", "content": self.prompts.reask_unverified_message(problems)},
        ]
        notes = [f"re-asked once about quotes not found in the article ({_fields(problems)})"]
        try:
            answer = self._ask(reask, meter)
        except ModelError as exc:
            # The first answer validated; losing the article to a failed second opinion would be worse.
            notes.append(f"the re-ask gave no usable answer, kept the first: {exc}")
        extraction = self._extraction(article, answer, meter, notes)
        copied = [pair for pair in _unverified(extraction) if self.prompts.from_examples(pair[1])]
        if copied:
            note = f"values copied from the prompt's invented example, not the article: {_fields(copied)}"
            extraction = extraction.model_copy(update={"warnings": [*extraction.warnings, note]})
        return screen(extraction)

    # -- one structured answer ----------------------------------------------------------

    def _extraction(
        self, article: Article, answer: StrikeAnswer, meter: _Meter, notes: list[str]
    ) -> Extraction:
        event, warnings = to_event(answer)
        return Extraction(
            schema_version=SCHEMA_VERSION,
            article=article,
            event=event,
            is_strike=answer.is_strike,
            extractor=self.name,
            model=self.settings.model,
            prompt_version=self.prompts.id,
            usage=meter.usage(),
            warnings=[*notes, *warnings],
        )

    def _ask(self, messages: list[dict[str, str]], meter: _Meter) -> StrikeAnswer:
        """One validated answer; a reply cut off by the token limit gets one larger budget."""
        budget = self.settings.max_tokens
        for attempt in (1, 2):
            try:
                return self._create(messages, meter, budget)
            except IncompleteOutputException:
                meter.last_problem = f"the reply was cut off at the token limit ({budget} tokens)"
                if attempt == 2:
                    raise UnexpectedModelBehavior(
                        f"The model {self.settings.model!r} at {self._where()} stopped at the token "
                        f"limit twice (last budget {budget} tokens); its answer was cut off."
                    ) from None
                budget *= 2
        raise AssertionError("unreachable")

    def _create(self, messages: list[dict[str, str]], meter: _Meter, max_tokens: int) -> StrikeAnswer:
        """Errors are re-raised `from None`: openai's own messages may echo (part of) the key."""
        create = instructor.patch(create=self._sender(meter), mode=_INSTRUCTOR_MODES[self._mode])
        extra: dict[str, Any] = {}
        if self._mode == "json_object":
            # llama-cpp-python turns {"type": "json_object", "schema": ...} into a grammar;
            # extra_body keys replace the plain {"type": "json_object"} instructor sets.
            schema = StrikeAnswer.model_json_schema()
            extra["extra_body"] = {"response_format": {"type": "json_object", "schema": schema}}
        try:
            return create(
                response_model=StrikeAnswer,
                max_retries=VALIDATION_RETRIES,
                strict=False,
                model=self.settings.model,
                messages=[dict(m) for m in messages],
                temperature=0,
                max_tokens=max_tokens,
                **extra,
            )
        except InstructorRetryException as exc:
            # instructor wraps whatever the sender raised; the sender raises our own errors only.
            cause = exc.__cause__
            failed = [a.exception for a in exc.failed_attempts or [] if a.exception is not None]
            if failed:
                meter.last_problem = self._redact(_describe(failed[-1]))
            if isinstance(cause, ModelError):
                raise cause from None
            if isinstance(cause, _OutOfRequests):
                raise UnexpectedModelBehavior(
                    f"The model {self.settings.model!r} at {self._where()} gave no usable answer within "
                    f"the {MAX_REQUESTS} requests allowed per article (retries and re-asks included). "
                    f"Last problem: {meter.last_problem or 'none recorded'}"
                ) from None
            raise UnexpectedModelBehavior(
                f"The model {self.settings.model!r} at {self._where()} gave no answer matching the "
                f"schema in {exc.n_attempts} attempts. Last problem: {self._redact(_describe(cause or exc))}"
            ) from None
        except openai.APIError as exc:  # only if instructor ever stops wrapping
            raise self._http_error(exc, 1) from None

    def _sender(self, meter: _Meter) -> Callable[..., Any]:
        """The create function instructor calls: one logical request, transient failures retried.

        HTTP failures leave here already translated (and scrubbed), so instructor, which logs
        every failed call, never sees a message that could hold the key.
        """
        completions = self._client.chat.completions

        def stop(state: RetryCallState) -> bool:
            exc = state.outcome.exception() if state.outcome else None
            return (
                state.attempt_number >= HTTP_ATTEMPTS
                or meter.requests >= MAX_REQUESTS
                or (isinstance(exc, openai.APITimeoutError) and meter.timeouts >= TIMEOUT_ATTEMPTS)
            )

        def send(**kwargs: Any) -> Any:
            if meter.requests >= MAX_REQUESTS:
                raise _OutOfRequests()
            retrying = Retrying(
                stop=stop,
                wait=_wait,
                retry=retry_if_exception(_worth_retrying),
                sleep=self._sleep,
                reraise=True,
            )
            attempts = 0
            try:
                for attempt in retrying:
                    with attempt:
                        attempts += 1
                        meter.requests += 1
                        try:
                            response = completions.create(**kwargs)
                        except openai.APITimeoutError:
                            meter.timeouts += 1
                            raise
                        except json.JSONDecodeError as exc:  # openai parses the body before instructor
                            raise _BadReply("a body that is not JSON") from exc
                        _check_completion(response)
            except (openai.APIError, _BadReply) as exc:
                error = self._http_error(exc, attempts)
                if meter.requests >= MAX_REQUESTS and _worth_retrying(exc):
                    error = ModelHTTPError(
                        f"{error} All {MAX_REQUESTS} requests allowed per article are used.",
                        status_code=error.status_code,
                    )
                raise error from None
            meter.add(response)
            return response

        return send

    # -- errors -------------------------------------------------------------------------

    def _where(self) -> str:
        """The endpoint without credentials a user may have put in the URL (user:pass@, ?key=)."""
        parts = urlsplit(self.settings.endpoint)
        host = parts.hostname or ""
        if parts.port is not None:
            host = f"{host}:{parts.port}"
        return self._redact(urlunsplit((parts.scheme, host, parts.path, "", "")))

    def _redact(self, text: str) -> str:
        key = self.settings.api_key.get_secret_value()
        if len(key) >= 4:
            text = text.replace(key, "***")
        return _KEY_PATTERN.sub("***", text)

    def _http_error(self, exc: Exception, attempts: int) -> ModelHTTPError:
        where = f"{self._where()} (model {self.settings.model!r})"
        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        if isinstance(exc, openai.APITimeoutError):
            return ModelHTTPError(
                f"No answer from {where} within {self.settings.timeout:g} s ({tries}). A slow local "
                "model may need more time: set FACTSHEET_TIMEOUT (seconds)."
            )
        if isinstance(exc, openai.APIConnectionError):
            reason = self._redact(_first_line(exc.__cause__ or exc))
            return ModelHTTPError(f"Could not connect to {where} ({tries}): {reason}")
        if isinstance(exc, _BadReply):
            return ModelHTTPError(
                f"{where} answered HTTP 200 but not with a chat completion ({exc}), {tries}. "
                "Check that --base-url points at an OpenAI-compatible API (it usually ends in /v1).",
                status_code=200,
            )
        status = getattr(exc, "status_code", None)
        body = getattr(exc, "body", None)
        detail = body.get("message") if isinstance(body, dict) else None
        detail = " ".join(self._redact(str(detail or getattr(exc, "message", exc))).split())[:300]
        hints = []
        asked = _retry_after(exc)
        if asked is not None and asked > MAX_RETRY_AFTER:
            hints.append(
                f"The server asked to wait {asked:.0f} s, longer than the {MAX_RETRY_AFTER:.0f} s "
                "this tool waits; try again later."
            )
        elif _is_transient(exc):
            hints.append(f"Gave up after {tries}.")
        if status == 429 and getattr(exc, "code", None) == "insufficient_quota":
            hints.append("The account's quota is used up; waiting will not help.")
        if status in (401, 403):
            hints.append("Check the key in OPENAI_API_KEY or FACTSHEET_API_KEY.")
        elif status == 404:
            hints.append("Check --model / FACTSHEET_MODEL and --base-url (it usually ends in /v1).")
        if status in (400, 422) or "response_format" in detail:
            # llama-cpp-python answers a json_schema response format with HTTP 500.
            hints.append(f"The request used --mode {self._mode}. {_MODE_HINT}")
        hint = "".join(" " + h for h in hints)
        return ModelHTTPError(
            self._redact(f"{where} answered HTTP {status}: {detail}.{hint}"), status_code=status
        )


def _unverified(extraction: Extraction) -> list[tuple[str, str]]:
    """(field, quote) for every quote the verify stage cannot find in the article."""
    return [(name, item.evidence.quote) for name, item in unverified_values(verify_extraction(extraction))]


def _fields(problems: list[tuple[str, str]]) -> str:
    return ", ".join(sorted({name for name, _ in problems}))


def _describe(exc: BaseException) -> str:
    """A one-line account of why an answer was rejected, naming the first offending field."""
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "answer"
        count = exc.error_count()
        return f"{count} validation error{'s' if count > 1 else ''}, first at {where}: {first['msg']}"
    return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]
