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

Mode auto (the default): the first article's first request is the probe. It asks for
structured output (response_format json_schema); a server that refuses that format (an HTTP
4xx/5xx whose message names it, as llama-cpp-python's HTTP 500 does) or answers without
following it (prose instead of a JSON object) is asked again with json_object plus the schema,
then with tools. Refusals are not retried (they are not transient) and count toward the
article's request budget. Other workers wait for the probe, so it happens once per run, and the
mode that worked is remembered per endpoint and model (factsheet.cache.ModeMemory) when the
pipeline gives the extractor a cache folder, so later runs make no failing request at all.

Whatever still fails is raised as ModelHTTPError (with the HTTP status, None when there was
no answer) or UnexpectedModelBehavior, with a one-line message naming the endpoint and the
model. Messages are scrubbed of the key: openai's errors and a server's error bodies may
echo it, so HTTP errors are translated inside the request loop, before instructor logs them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
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
# What --mode auto tries, in order. md_json is left out: it needs no server support, so a
# server that refused all three would be better served by the user choosing it knowingly.
AUTO_MODES: tuple[str, ...] = ("json_schema", "json_object", "tools")
# An HTTP error is a refusal of the response format only if it says so; a bare 500 stays a
# transient fault. Statuses about the key, the model name or the rate never are.
_FORMAT_WORDS = re.compile(
    r"response[_ ]?format|json[_ ]?schema|json[_ ]?object|structured output|grammar|guided|"
    r"\bschema\b|\btools?\b|tool[_ ]?choice|function",
    re.IGNORECASE,
)
_NOT_ABOUT_FORMAT = frozenset({401, 403, 404, 408, 409, 429})
# Any base URL will do for capturing a request body: nothing is sent.
_CAPTURE_BASE_URL = "http://capture.invalid/v1"


class ModeStore(Protocol):
    """Where --mode auto keeps the mode that worked per endpoint and model (factsheet.cache.ModeMemory)."""

    def get(self, endpoint: str, model: str) -> str | None: ...

    def put(self, endpoint: str, model: str, mode: str, refused: Mapping[str, str]) -> bool: ...

    def forget(self, endpoint: str, model: str) -> bool: ...


class _BadReply(Exception):
    """HTTP 200, but the body is not a chat completion: a proxy or server fault, not the model's."""


class _OutOfRequests(Exception):
    """The article's request budget is spent; raised before a request that would exceed it."""


class _Captured(Exception):
    """Raised by the capturing transport: the request body is recorded and nothing is sent."""


class FormatRejected(ModelHTTPError):
    """While --mode auto probes: the server refused this response format or did not follow it.

    `reason` is one short line (for the run's report and the mode memory), already scrubbed.
    """

    def __init__(self, message: str, status_code: int | None, reason: str) -> None:
        super().__init__(message, status_code=status_code)
        self.reason = reason


def _error_text(exc: BaseException) -> str:
    body = getattr(exc, "body", None)
    return f"{getattr(exc, 'message', '')} {json.dumps(body) if body is not None else ''}"


def _names_format(exc: BaseException) -> bool:
    """An HTTP error whose message names the response format, tools or a schema grammar."""
    if not isinstance(exc, openai.APIStatusError):
        return False
    if exc.status_code < 400 or exc.status_code in _NOT_ABOUT_FORMAT:
        return False
    return bool(_FORMAT_WORDS.search(_error_text(exc)))


def _ignored_format(content: Any) -> bool:
    """A reply that cannot come from a server constraining its output to JSON.

    Constrained decoding (json_schema, json_object with a schema) always yields a JSON object;
    prose or a fenced code block means the server ignored the response format. An empty reply
    or JSON that fails validation proves nothing about the format, so it does not count.
    """
    if not isinstance(content, str):
        return False
    text = content.strip()
    return bool(text) and not text.startswith("{")


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
        # The mode requests are sent in; None while --mode auto has not found one yet.
        self._mode: str | None = None if settings.mode == "auto" else settings.mode
        # 'given' (--mode), 'default', 'remembered' (an earlier run found it) or 'probed' (this run).
        self._mode_source: str | None = None if self._mode is None else "given"
        self._rejected: dict[str, str] = {}  # mode -> why the server refused it, this run
        self._settling = threading.Lock()
        self._memory: ModeStore | None = None
        if self._mode is None:
            from factsheet.extractors.local_gguf import is_in_process

            if is_in_process(settings):
                # llama.cpp in this process turns json_schema into a grammar: nothing to probe.
                self._mode, self._mode_source = settings.effective_mode, "default"

    def _schema_once(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        """The schema travels once, as the server's grammar, not again as prompt text.

        instructor's JSON mode appends an indented copy of the schema to the system message
        (about 1,500 tokens of a 4,000-token request for a seed article); the grammar already
        holds every key, and the system prompt's worked example shows the answer's shape. The
        system message is kept exactly as the prompt set renders it, so it stays the
        unchanging first part of every request, which providers' prompt caching reuses.
        """
        system = self.prompts.system_message()
        messages = list(kwargs.get("messages", []))
        if messages and messages[0].get("role") == "system":
            content = messages[0].get("content")
            if isinstance(content, str) and content.startswith(system) and content != system:
                messages[0] = {**messages[0], "content": system}
                return {**kwargs, "messages": messages}
        return kwargs

    @property
    def client(self) -> openai.OpenAI:
        """The endpoint's client, for a cheap request before the articles (the key check)."""
        return self._client

    @property
    def model(self) -> str:
        return self.settings.model

    # -- the response mode ----------------------------------------------------------------

    @property
    def mode(self) -> str | None:
        """The mode requests are sent in; None while --mode auto has not settled on one."""
        return self._mode

    @property
    def rejected_modes(self) -> dict[str, str]:
        """Modes this run's probe found refused, with the server's reason (one line each)."""
        return dict(self._rejected)

    def remember_modes_in(self, memory: ModeStore) -> None:
        """Use (and update) the modes found for this endpoint and model by earlier runs.

        Called by the pipeline when a run has a cache folder; without one, --mode auto probes
        once per run instead of once per endpoint and model.
        """
        self._memory = memory
        if self._mode is None:
            known = memory.get(self.endpoint_label, self.settings.model)
            if known in AUTO_MODES:
                self._mode, self._mode_source = known, "remembered"

    @property
    def endpoint_label(self) -> str:
        """The endpoint as shown and remembered: no credentials a user may have put in the URL."""
        return self._where()

    def batch_mode(self) -> str:
        """The mode for requests that cannot be probed one by one (a Batch API file).

        The mode this run or an earlier one found, else structured outputs, which OpenAI's
        Batch API supports; lines a server refuses come back as failed lines.
        """
        return self._mode or AUTO_MODES[0]

    def mode_report(self) -> str | None:
        """One line on how --mode auto chose the mode, for the run's summary; None if --mode was given."""
        if self._mode_source in (None, "given", "default"):
            return None
        if self._mode_source == "remembered":
            return (
                f"mode {self._mode} (--mode auto: found by an earlier run for this endpoint and model, "
                "remembered in the cache folder)"
            )
        refused = "; ".join(f"{mode} refused: {why}" for mode, why in self._rejected.items())
        kept = ", remembered for next time" if self._memory is not None else ""
        return f"mode {self._mode} (--mode auto{': ' + refused if refused else ''}{kept})"

    # -- cache identity -------------------------------------------------------------------

    def identity_for(self, mode: str) -> dict[str, str]:
        """What makes answers in this mode what they are: the cache key's extractor part."""
        from factsheet.cache import answer_schema_digest

        return {
            "extractor": "llm",
            "model": self.settings.model,
            "endpoint": self.settings.endpoint,
            "mode": mode,
            "prompt_version": self.prompts.id,
            "answer_schema": answer_schema_digest(),
        }

    def cache_identity(self) -> dict[str, str]:
        """The identity answers are stored under (before auto settles: the first mode it tries)."""
        return self.identity_for(self._mode or AUTO_MODES[0])

    def cache_identities(self) -> list[dict[str, str]]:
        """Where a stored answer may be found: the settled mode, else any mode auto may settle on."""
        if self._mode is not None:
            return [self.identity_for(self._mode)]
        return [self.identity_for(mode) for mode in AUTO_MODES if mode not in self._rejected]

    # -- public -------------------------------------------------------------------------

    def messages_for(self, article: Article) -> list[dict[str, str]]:
        """The first request's messages; the Batch API path sends exactly these too."""
        return [
            {"role": "system", "content": self.prompts.system_message()},
            {"role": "user", "content": self.prompts.user_message(article)},
        ]

    def reask_messages(
        self, messages: list[dict[str, str]], answer: StrikeAnswer, problems: list[tuple[str, str]]
    ) -> list[dict[str, str]]:
        """The second request: the first answer, then the quotes the article does not contain."""
        return [
            *messages,
            {"role": "assistant", "content": answer.model_dump_json()},
            {"role": "user", "content": self.prompts.reask_unverified_message(problems)},
        ]

    def extract(self, article: Article) -> Extraction:
        meter = _Meter()
        messages = self.messages_for(article)
        answer, mode = self._first_answer(messages, meter)
        extraction = self.extraction_for(article, answer, meter.usage(), [])
        problems = unverified_quotes(extraction)
        if not problems:
            return screen(extraction)

        reask = self.reask_messages(messages, answer, problems)
        notes = [reask_note(problems)]
        try:
            answer = self._ask(reask, meter, mode=mode)  # the mode that answered, whatever other workers met
        except ModelError as exc:
            # The first answer validated; losing the article to a failed second opinion would be worse.
            notes.append(f"the re-ask gave no usable answer, kept the first: {exc}")
        return self.finished(article, answer, meter.usage(), notes)

    def reask_live(
        self, messages: list[dict[str, str]], mode: str
    ) -> tuple[StrikeAnswer | None, Usage, ModelError | None]:
        """One re-ask through the live API (retries included) for an answer that came from a batch.

        Returns the new answer (None if it failed), what the attempt spent, and the error.
        """
        meter = _Meter()
        try:
            return self._ask(messages, meter, mode=mode), meter.usage(), None
        except ModelError as exc:
            return None, meter.usage(), exc

    def finished(self, article: Article, answer: StrikeAnswer, usage: Usage, notes: list[str]) -> Extraction:
        """The final extraction: values copied from the prompt's example are named, then screened."""
        extraction = self.extraction_for(article, answer, usage, notes)
        copied = [pair for pair in unverified_quotes(extraction) if self.prompts.from_examples(pair[1])]
        if copied:
            note = f"values copied from the prompt's invented example, not the article: {_fields(copied)}"
            extraction = extraction.model_copy(update={"warnings": [*extraction.warnings, note]})
        return screen(extraction)

    # -- one structured answer ----------------------------------------------------------

    def extraction_for(
        self, article: Article, answer: StrikeAnswer, usage: Usage, notes: list[str]
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
            usage=usage,
            warnings=[*notes, *warnings],
        )

    def _first_answer(self, messages: list[dict[str, str]], meter: _Meter) -> tuple[StrikeAnswer, str]:
        """The article's first answer and its mode; under --mode auto the run's first one finds the mode."""
        mode = self._mode
        if mode is not None and self._mode_source != "remembered":
            return self._ask(messages, meter, mode=mode), mode
        if mode is not None:
            try:
                # A refusal of a remembered mode is not retried: the server changed, probe again.
                return self._ask(messages, meter, mode=mode, probing=True), mode
            except FormatRejected as exc:
                self._forget(mode, exc.reason)
        with self._settling:
            if self._mode is None:
                return self._probe(messages, meter)
            mode = self._mode  # another worker settled the mode while this one waited
        return self._ask(messages, meter, mode=mode), mode

    def _probe(self, messages: list[dict[str, str]], meter: _Meter) -> tuple[StrikeAnswer, str]:
        """Ask in each mode auto tries until the server takes one; the first answer is kept."""
        candidates = [mode for mode in AUTO_MODES if mode not in self._rejected]
        refused: FormatRejected | None = None
        for index, mode in enumerate(candidates):
            last = index == len(candidates) - 1
            try:
                answer = self._ask(messages, meter, mode=mode, probing=True, check_format=not last)
            except FormatRejected as exc:
                self._rejected[mode] = exc.reason
                refused = exc
                continue
            except ModelError as exc:
                if self._rejected:  # say what auto was doing, and which modes the server refused
                    raise _while_probing(exc, mode, self._rejected) from None
                raise
            self._settle(mode)
            return answer, mode
        tried = "; ".join(f"--mode {mode}: {why}" for mode, why in self._rejected.items())
        raise ModelHTTPError(
            self._redact(
                f"{self._where()} (model {self.settings.model!r}) took none of the response formats "
                f"--mode auto tries ({tried}). Try --mode md_json (the schema in the prompt, no server "
                "support needed), or see the server's documentation on structured output."
            ),
            status_code=refused.status_code if refused is not None else None,
        )

    def _settle(self, mode: str) -> None:
        self._mode, self._mode_source = mode, "probed"
        if self._memory is not None:
            self._memory.put(self.endpoint_label, self.settings.model, mode, self._rejected)

    def _forget(self, mode: str, reason: str) -> None:
        with self._settling:
            self._rejected[mode] = reason
            if self._mode == mode:
                self._mode, self._mode_source = None, None
                if self._memory is not None:
                    self._memory.forget(self.endpoint_label, self.settings.model)

    def _ask(
        self,
        messages: list[dict[str, str]],
        meter: _Meter,
        *,
        mode: str | None = None,
        probing: bool = False,
        check_format: bool = False,
    ) -> StrikeAnswer:
        """One validated answer; a reply cut off by the token limit gets one larger budget."""
        budget = self.settings.max_tokens
        for attempt in (1, 2):
            try:
                return self._create(
                    messages, meter, budget, mode=mode, probing=probing, check_format=check_format
                )
            except IncompleteOutputException:
                meter.last_problem = f"the reply was cut off at the token limit ({budget} tokens)"
                if attempt == 2:
                    raise UnexpectedModelBehavior(
                        f"The model {self.settings.model!r} at {self._where()} stopped at the token "
                        f"limit twice (last budget {budget} tokens); its answer was cut off."
                    ) from None
                budget *= 2
        raise AssertionError("unreachable")

    def _request_kwargs(self, messages: list[dict[str, str]], max_tokens: int, mode: str) -> dict[str, Any]:
        """The arguments of one structured request; the live and the Batch API paths both use these."""
        extra: dict[str, Any] = {}
        if mode == "json_object":
            # llama-cpp-python turns {"type": "json_object", "schema": ...} into a grammar;
            # extra_body keys replace the plain {"type": "json_object"} instructor sets.
            schema = StrikeAnswer.model_json_schema()
            extra["extra_body"] = {"response_format": {"type": "json_object", "schema": schema}}
        return {
            "response_model": StrikeAnswer,
            "strict": False,
            "model": self.settings.model,
            "messages": [dict(m) for m in messages],
            "temperature": 0,
            "max_tokens": max_tokens,
            **extra,
        }

    def _create(
        self,
        messages: list[dict[str, str]],
        meter: _Meter,
        max_tokens: int,
        *,
        mode: str | None = None,
        probing: bool = False,
        check_format: bool = False,
    ) -> StrikeAnswer:
        """Errors are re-raised `from None`: openai's own messages may echo (part of) the key.

        `check_format` (a probe that is not the last resort): one attempt only, and a reply
        that ignores the format raises FormatRejected; a reply in the format that fails
        validation settles nothing against the mode, so the normal re-asks follow.
        """
        mode = mode or self._mode
        assert mode is not None, "the mode is settled before any request"
        create = instructor.patch(create=self._sender(meter, mode, probing), mode=_INSTRUCTOR_MODES[mode])
        kwargs = self._request_kwargs(messages, max_tokens, mode)
        try:
            return create(max_retries=0 if check_format else VALIDATION_RETRIES, **kwargs)
        except InstructorRetryException as exc:
            # instructor wraps whatever the sender raised; the sender raises our own errors only.
            cause = exc.__cause__
            failed = [a for a in exc.failed_attempts or [] if a.exception is not None]
            if failed:
                meter.last_problem = self._redact(_describe(failed[-1].exception))
            if isinstance(cause, ModelError):
                raise cause from None
            if isinstance(cause, _OutOfRequests):
                raise UnexpectedModelBehavior(
                    f"The model {self.settings.model!r} at {self._where()} gave no usable answer within "
                    f"the {MAX_REQUESTS} requests allowed per article (retries and re-asks included). "
                    f"Last problem: {meter.last_problem or 'none recorded'}"
                ) from None
            if check_format and failed:
                if _ignored_format(_content(failed[-1].completion)):
                    reason = "the reply was not a JSON object (the server ignored the response format)"
                    raise FormatRejected(
                        f"{self._where()} (model {self.settings.model!r}) ignored --mode {mode}: {reason}.",
                        status_code=200,
                        reason=reason,
                    ) from None
                # The server did answer in JSON: the format works, the answer did not. Settle
                # nothing here; ask again with the usual re-asks.
                return self._create(messages, meter, max_tokens, mode=mode)
            raise UnexpectedModelBehavior(
                f"The model {self.settings.model!r} at {self._where()} gave no answer matching the "
                f"schema in {exc.n_attempts} attempts. Last problem: {self._redact(_describe(cause or exc))}"
            ) from None
        except openai.APIError as exc:  # only if instructor ever stops wrapping
            raise self._http_error(exc, 1, mode) from None

    # -- the Batch API's half: request bodies and answers without sending -----------------

    def request_body(self, messages: list[dict[str, str]], mode: str) -> dict[str, Any]:
        """The JSON body the live path would POST for these messages in this mode.

        Captured from the same instructor and openai calls as a live request (with a transport
        that records the body and sends nothing), so a Batch API line cannot drift from it.
        """
        captured: dict[str, Any] = {}

        def record(request: httpx.Request) -> httpx.Response:
            captured["body"] = json.loads(request.content)
            raise _Captured()

        capture = openai.OpenAI(
            api_key="capture-only",
            base_url=self.settings.base_url or _CAPTURE_BASE_URL,
            max_retries=0,
            http_client=httpx.Client(transport=httpx.MockTransport(record)),
        )

        def send(**kwargs: Any) -> Any:
            if mode == "json_object":
                kwargs = self._schema_once(kwargs)
            with contextlib.suppress(openai.APIConnectionError):  # the transport refused on purpose
                capture.chat.completions.create(**kwargs)
            raise _Captured()

        create = instructor.patch(create=send, mode=_INSTRUCTOR_MODES[mode])
        try:
            create(max_retries=0, **self._request_kwargs(messages, self.settings.max_tokens, mode))
        except (InstructorRetryException, _Captured):
            pass
        finally:
            capture.close()
        if "body" not in captured:
            raise AssertionError("instructor made no request to capture")
        body: dict[str, Any] = captured["body"]
        return body

    def answer_from(
        self, completion: Mapping[str, Any], messages: list[dict[str, str]], mode: str
    ) -> StrikeAnswer:
        """Parse and validate a chat completion (a Batch API result) exactly as a live answer is.

        Raises UnexpectedModelBehavior for a reply that is cut off or does not validate; the
        caller decides whether to ask again.
        """
        from openai.types.chat import ChatCompletion

        try:
            response = ChatCompletion.model_validate(dict(completion))
            _check_completion(response)
        except (ValidationError, _BadReply) as exc:
            raise UnexpectedModelBehavior(f"the result is not a chat completion ({_describe(exc)})") from None
        create = instructor.patch(create=lambda **_: response, mode=_INSTRUCTOR_MODES[mode])
        try:
            answer: StrikeAnswer = create(
                max_retries=0, **self._request_kwargs(messages, self.settings.max_tokens, mode)
            )
        except IncompleteOutputException:
            raise UnexpectedModelBehavior(
                f"the reply was cut off at the token limit ({self.settings.max_tokens} tokens)"
            ) from None
        except InstructorRetryException as exc:
            raise UnexpectedModelBehavior(
                f"the reply does not match the schema: {self._redact(_describe(exc.__cause__ or exc))}"
            ) from None
        return answer

    def _sender(self, meter: _Meter, mode: str, probing: bool = False) -> Callable[..., Any]:
        """The create function instructor calls: one logical request, transient failures retried.

        HTTP failures leave here already translated (and scrubbed), so instructor, which logs
        every failed call, never sees a message that could hold the key. While probing, an
        error that names the response format is a refusal, raised at once as FormatRejected.
        """
        completions = self._client.chat.completions

        def stop(state: RetryCallState) -> bool:
            exc = state.outcome.exception() if state.outcome else None
            return (
                state.attempt_number >= HTTP_ATTEMPTS
                or meter.requests >= MAX_REQUESTS
                or (isinstance(exc, openai.APITimeoutError) and meter.timeouts >= TIMEOUT_ATTEMPTS)
            )

        def worth_retrying(exc: BaseException) -> bool:
            return _worth_retrying(exc) and not (probing and _names_format(exc))

        def send(**kwargs: Any) -> Any:
            if meter.requests >= MAX_REQUESTS:
                raise _OutOfRequests()
            if mode == "json_object":
                kwargs = self._schema_once(kwargs)
            retrying = Retrying(
                stop=stop,
                wait=_wait,
                retry=retry_if_exception(worth_retrying),
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
                error = self._http_error(exc, attempts, mode)
                if probing and _names_format(exc):
                    status = getattr(exc, "status_code", None)
                    body = getattr(exc, "body", None)
                    said = str((body.get("message") if isinstance(body, dict) else None) or exc)
                    reason = self._redact(f"HTTP {status}: {' '.join(said.split())[:200]}")
                    raise FormatRejected(str(error), status_code=status, reason=reason) from None
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

    def redact(self, text: str) -> str:
        """`text` without the API key (or anything shaped like one)."""
        return self._redact(text)

    def _redact(self, text: str) -> str:
        key = self.settings.api_key.get_secret_value()
        if len(key) >= 4:
            text = text.replace(key, "***")
        return _KEY_PATTERN.sub("***", text)

    def _http_error(self, exc: Exception, attempts: int, mode: str | None = None) -> ModelHTTPError:
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
            hints.append(f"The request used --mode {mode or self._mode}. {_MODE_HINT}")
        hint = "".join(" " + h for h in hints)
        return ModelHTTPError(
            self._redact(f"{where} answered HTTP {status}: {detail}.{hint}"), status_code=status
        )


def unverified_quotes(extraction: Extraction) -> list[tuple[str, str]]:
    """(field, quote) for every quote the verify stage cannot find in the article."""
    return [(name, item.evidence.quote) for name, item in unverified_values(verify_extraction(extraction))]


def reask_note(problems: list[tuple[str, str]]) -> str:
    """The warning an extraction carries when its quotes were named back to the model."""
    return f"re-asked once about quotes not found in the article ({_fields(problems)})"


def _fields(problems: list[tuple[str, str]]) -> str:
    return ", ".join(sorted({name for name, _ in problems}))


def _content(completion: Any) -> Any:
    """The first choice's text of a raw completion, or None."""
    try:
        return completion.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        return None


def _while_probing(exc: ModelError, mode: str, refused: Mapping[str, str]) -> ModelError:
    """The error, plus what --mode auto was doing when it happened (the refused modes and why)."""
    tried = "; ".join(f"{name} refused: {why}" for name, why in refused.items())
    message = f"{exc} (--mode auto was trying --mode {mode}; {tried})"
    if isinstance(exc, ModelHTTPError):
        return ModelHTTPError(message, status_code=exc.status_code)
    return UnexpectedModelBehavior(message)


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
