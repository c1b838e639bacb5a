"""Faults from the model endpoint, against a real HTTP server on loopback (tests/openai_stub.py).

Every fault a remote endpoint can produce is served by the FAKE stub, through sockets, to the
real LLMExtractor and to factsheet.pipeline.make. What a user notices: a fault that passes
is retried or re-asked and the article is read; a fault that persists costs a bounded number
of requests (counted at the server), ends in a typed error whose message says what happened
without the key, and costs only that article, never the run.

Backoff sleeps are recorded, not slept, and the client timeout is 0.3 s.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openai
import pytest
from pydantic import SecretStr

from factsheet.config import LLMSettings
from factsheet.errors import ModelError, ModelHTTPError, UnexpectedModelBehavior
from factsheet.extractors.llm import (
    HTTP_ATTEMPTS,
    MAX_REQUESTS,
    MAX_RETRY_AFTER,
    TIMEOUT_ATTEMPTS,
    LLMExtractor,
)
from factsheet.extractors.offline import OfflineExtractor
from factsheet.models import Extraction
from factsheet.pipeline import make, prepare
from factsheet.summary import summarise
from tests.fakes import fake_article, grounded_answer, quoted
from tests.openai_stub import STUB_MODEL, OpenAIStub, Reply, write_articles

SECRET = "sk-test-SECRET123"
TIMEOUT = 0.3
SLOW = 0.6  # a server that holds the request past the timeout, then hangs up without a word
FAULT_MARK = "FAULT-ME"  # articles whose requests always fail carry a mark like this


@dataclass
class Sleeps:
    """Stands in for time.sleep: backoff is observable and costs no time."""

    calls: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture(scope="module", autouse=True)
def _warm_local_stages() -> None:
    """Build the offline reader's tables now, not while requests with a short timeout are in flight.

    The pipeline cross-checks model answers with the offline reader; its first use loads a
    gazetteer for seconds, holding the GIL that the client and the stub's threads need.
    """
    prepare(OfflineExtractor().extract(fake_article()))


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIStub]:
    with OpenAIStub() as running:
        yield running


@pytest.fixture(scope="module")
def client(server: OpenAIStub) -> Iterator[openai.OpenAI]:
    """One client for the module: building one (its TLS context) costs more than a test's requests."""
    with openai.OpenAI(api_key=SECRET, base_url=server.url, timeout=TIMEOUT, max_retries=0) as shared:
        yield shared


@pytest.fixture
def stub(server: OpenAIStub) -> OpenAIStub:
    server.reset()
    return server


@pytest.fixture
def extractor_for(client: openai.OpenAI) -> Callable[..., LLMExtractor]:
    def build(stub: OpenAIStub, sleeps: Sleeps | None = None) -> LLMExtractor:
        settings = LLMSettings(
            model=STUB_MODEL,
            base_url=stub.url,
            api_key=SecretStr(SECRET),
            mode="json_schema",
            timeout=TIMEOUT,
        )
        return LLMExtractor(settings, client=client, sleep=sleeps if sleeps is not None else Sleeps())

    return build


def always(_: dict[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class Fault:
    """One kind of fault, and what a user gets when it never goes away."""

    reply: Reply
    error: type[ModelError]
    status: int | None
    says: str  # a phrase of the error message a user would act on
    requests: int  # requests the extractor makes before giving up


def _not_a_completion() -> Reply:
    return Reply(raw_body=b'{"id": "chatcmpl-stub", "object": "chat.completion", "choices": []}')


FAULTS: dict[str, Fault] = {
    "timeout": Fault(
        Reply(delay=SLOW, drop=True), ModelHTTPError, None, f"within {TIMEOUT:g} s", TIMEOUT_ATTEMPTS
    ),
    "connection reset": Fault(Reply.disconnect(), ModelHTTPError, None, "Could not connect", HTTP_ATTEMPTS),
    "429 with retry-after": Fault(
        Reply.error(429, retry_after=2), ModelHTTPError, 429, "HTTP 429", HTTP_ATTEMPTS
    ),
    "429 asking for an hour": Fault(
        Reply.error(429, retry_after=3600), ModelHTTPError, 429, "wait 3600 s", 1
    ),
    "429 quota used up": Fault(
        Reply.error(429, code="insufficient_quota"), ModelHTTPError, 429, "quota is used up", 1
    ),
    "500": Fault(
        Reply.error(500, message="internal error"), ModelHTTPError, 500, "internal error", HTTP_ATTEMPTS
    ),
    "503": Fault(Reply.error(503, message="overloaded"), ModelHTTPError, 503, "overloaded", HTTP_ATTEMPTS),
    "body is not JSON": Fault(Reply.malformed(), ModelHTTPError, 200, "not JSON", HTTP_ATTEMPTS),
    "body without choices": Fault(
        _not_a_completion(), ModelHTTPError, 200, "without any choices", HTTP_ATTEMPTS
    ),
    "answer is malformed JSON": Fault(
        Reply(content='{"is_strike": true, "date": {'), UnexpectedModelBehavior, None, "Invalid JSON", 3
    ),
    "answer fails validation": Fault(
        Reply.ok({"is_strike": True, "city": "Qalat Dizah"}),
        UnexpectedModelBehavior,
        None,
        "Field required",
        3,
    ),
    "answer cut off at max tokens": Fault(
        Reply.truncated(), UnexpectedModelBehavior, None, "token limit twice", 2
    ),
    "empty answer": Fault(Reply.empty(), UnexpectedModelBehavior, None, "Invalid JSON", 3),
}


# -- one article, straight through the LLMExtractor ---------------------------------------------


@pytest.mark.parametrize("name", list(FAULTS))
def test_persistent_fault_gives_typed_error_after_bounded_requests(
    stub: OpenAIStub, extractor_for: Callable[..., LLMExtractor], name: str
) -> None:
    fault = FAULTS[name]
    stub.always(always, fault.reply)
    sleeps = Sleeps()

    with pytest.raises(fault.error) as caught:
        extractor_for(stub, sleeps).extract(fake_article())

    message = str(caught.value)
    assert stub.count == fault.requests, f"{name}: {stub.count} requests"
    assert fault.says in message, message
    assert stub.url in message or STUB_MODEL in message  # which endpoint / model failed
    assert SECRET not in message and "SECRET123" not in message
    assert "\n" not in message  # one line, fit for a failures list
    if isinstance(caught.value, ModelHTTPError):
        assert caught.value.status_code == fault.status
    # HTTP faults back off between tries; re-asks go straight back with the error.
    if fault.error is ModelHTTPError:
        assert len(sleeps.calls) == fault.requests - 1
        assert all(0 <= s <= MAX_RETRY_AFTER for s in sleeps.calls)
    else:
        assert sleeps.calls == []


@pytest.mark.parametrize("name", [name for name, fault in FAULTS.items() if fault.requests > 1])
def test_fault_that_passes_costs_one_more_request_and_the_article_is_read(
    stub: OpenAIStub, extractor_for: Callable[..., LLMExtractor], name: str
) -> None:
    fault = FAULTS[name]
    stub.script(fault.reply, Reply.ok())
    sleeps = Sleeps()

    extraction = extractor_for(stub, sleeps).extract(fake_article())

    assert extraction.event.city is not None and extraction.event.city.text == "Qalat Dizah"
    assert stub.count == 2 and extraction.usage.requests == 2


def test_retry_after_is_honoured_and_backoff_grows_without_it(
    stub: OpenAIStub, extractor_for: Callable[..., LLMExtractor]
) -> None:
    stub.script(Reply.error(429, retry_after=2), Reply.ok())
    sleeps = Sleeps()
    extractor_for(stub, sleeps).extract(fake_article())
    assert sleeps.calls == [2.0]

    stub.reset()
    stub.script(Reply.error(503), Reply.error(503), Reply.error(503), Reply.ok())
    sleeps = Sleeps()
    extractor_for(stub, sleeps).extract(fake_article())
    assert len(sleeps.calls) == 3 and all(0 < s <= 30 for s in sleeps.calls)
    assert sleeps.calls[2] >= 4  # exponential: 1, 2, 4 s (+ up to 1 s of jitter)


def test_reask_carries_the_validation_error_and_cut_off_reply_gets_twice_the_budget(
    stub: OpenAIStub, extractor_for: Callable[..., LLMExtractor]
) -> None:
    stub.script(Reply.ok({"is_strike": True}), Reply.truncated(), Reply.ok())

    extractor = extractor_for(stub)
    extractor.extract(fake_article())

    _, reask, larger = (seen.body for seen in stub.requests)
    assert "date" in reask["messages"][-1]["content"]  # the field the model left out is named
    assert larger["max_tokens"] == 2 * reask["max_tokens"] == 2 * extractor.settings.max_tokens


def test_timeouts_are_capped_per_article_not_per_request(
    stub: OpenAIStub, extractor_for: Callable[..., LLMExtractor]
) -> None:
    """A timeout, an answer with an invented quote, then a timeout on the re-ask: two timeouts in all."""
    invented = grounded_answer()
    invented["city"] = quoted("Erbil", "in the city of Erbil")
    stub.script(
        Reply(delay=SLOW, drop=True),
        Reply.ok(invented),
        Reply(delay=SLOW, drop=True),
        Reply(delay=SLOW, drop=True),
    )

    extraction = extractor_for(stub).extract(fake_article())

    assert stub.count == 3  # the second timeout ends the re-ask; the first answer is kept
    assert any("the re-ask gave no usable answer, kept the first" in w for w in extraction.warnings)
    assert extraction.event.city is not None and extraction.event.city.text == "Erbil"


def test_nested_retries_and_reasks_stop_at_the_request_budget(
    stub: OpenAIStub, extractor_for: Callable[..., LLMExtractor]
) -> None:
    """Three 503s then an invalid answer, over and over: 4 x 3 = 12 requests without the cap."""
    unit = [Reply.error(503), Reply.error(503), Reply.error(503), Reply.ok({"is_strike": True})]
    stub.script(*(unit * 4))

    with pytest.raises(ModelHTTPError) as caught:
        extractor_for(stub).extract(fake_article())

    assert stub.count == MAX_REQUESTS
    assert f"All {MAX_REQUESTS} requests allowed per article are used" in str(caught.value)


def test_reasks_after_a_cut_off_reply_stop_at_the_request_budget(
    stub: OpenAIStub, extractor_for: Callable[..., LLMExtractor]
) -> None:
    """Cut off, then invalid answers, then an answer with invented quotes: every loop is used."""
    invented = grounded_answer()
    invented["city"] = quoted("Erbil", "in the city of Erbil")
    stub.script(
        Reply.truncated(),
        Reply.ok({"is_strike": True}),
        Reply.ok({"is_strike": True}),
        Reply.ok(invented),  # third answer of the second budget: valid, so the quote is re-asked
        Reply.truncated(),
        *[Reply.error(503)] * 3,
        Reply.ok({"is_strike": True}),
        Reply.error(503),
        Reply.ok(),  # never requested: the budget ends first
    )

    extraction = extractor_for(stub).extract(fake_article())

    assert stub.count == MAX_REQUESTS and extraction.usage.requests == MAX_REQUESTS
    assert extraction.event.city is not None and extraction.event.city.text == "Erbil"  # the kept answer
    assert any("kept the first" in w for w in extraction.warnings)


FUZZ_REPLIES: list[Callable[[], Reply]] = [
    Reply.ok,
    Reply.disconnect,
    Reply.malformed,
    Reply.truncated,
    Reply.empty,
    _not_a_completion,
    lambda: Reply.error(429, retry_after=0.5),
    lambda: Reply.error(500),
    lambda: Reply.error(503),
    lambda: Reply.ok({"is_strike": True}),
    lambda: Reply(content="{not json"),
    lambda: Reply.ok({**grounded_answer(), "city": quoted("Erbil", "in the city of Erbil")}),
]


@pytest.mark.parametrize("seed", range(12))
def test_any_mix_of_faults_ends_in_a_reading_or_a_model_error_within_the_budget(
    stub: OpenAIStub, extractor_for: Callable[..., LLMExtractor], seed: int
) -> None:
    rng = random.Random(seed)
    stub.script(*(rng.choice(FUZZ_REPLIES)() for _ in range(2 * MAX_REQUESTS)))

    try:
        outcome: Extraction | ModelError = extractor_for(stub).extract(fake_article())
    except ModelError as exc:
        outcome = exc
        assert SECRET not in str(exc)

    assert stub.count <= MAX_REQUESTS
    if isinstance(outcome, Extraction):
        assert outcome.usage.requests == stub.count


def test_client_error_echoing_the_key_is_not_retried_and_not_repeated(
    stub: OpenAIStub, extractor_for: Callable[..., LLMExtractor]
) -> None:
    stub.always(always, Reply.error(401, message=f"Incorrect API key provided: {SECRET}"))

    with pytest.raises(ModelHTTPError) as caught:
        extractor_for(stub).extract(fake_article())

    assert stub.count == 1 and caught.value.status_code == 401
    assert SECRET not in str(caught.value) and "OPENAI_API_KEY" in str(caught.value)


def test_credentials_in_the_base_url_are_not_shown(stub: OpenAIStub) -> None:
    stub.always(always, Reply.error(500))
    url = stub.url.replace("http://", "http://user:hunter2@") + "?api-key=SECRET123"
    settings = LLMSettings(model=STUB_MODEL, base_url=url, api_key=SecretStr(SECRET), mode="json_schema")

    with pytest.raises(ModelHTTPError) as caught:
        LLMExtractor(settings, sleep=Sleeps()).extract(fake_article())

    assert "hunter2" not in str(caught.value) and "SECRET123" not in str(caught.value)
    assert "127.0.0.1" in str(caught.value)


# -- several articles through the pipeline: one always fails, the others merge ------------------


def _faulty_copy(good: Path, mark: str) -> Path:
    """An article like the good ones, with a mark the stub's rule recognises in its requests."""
    faulty = good.with_name(f"faulty-{mark}.txt")
    faulty.write_text(good.read_text(encoding="utf-8") + f"\n\nEditor's note: ref {mark}.", encoding="utf-8")
    return faulty


def _requests_for(stub: OpenAIStub, mark: str) -> int:
    return sum(
        1 for seen in stub.requests if any(mark in str(m.get("content")) for m in seen.body["messages"])
    )


def test_pipeline_lists_the_one_failed_article_and_merges_the_others(
    stub: OpenAIStub, extractor_for: Callable[..., LLMExtractor], tmp_path: Path
) -> None:
    paths = write_articles(tmp_path, 3)
    faulty = _faulty_copy(paths[0], FAULT_MARK)
    stub.always(FAULT_MARK, Reply.error(503, message="overloaded"))

    sheet = make([tmp_path], extractor=extractor_for(stub))

    assert [(f.path, f.stage, f.error) for f in sheet.failures] == [
        (str(faulty), "extract", "ModelHTTPError")
    ]
    assert "HTTP 503: overloaded" in sheet.failures[0].message
    assert sorted(s.path for s in sheet.sources) == sorted(map(str, paths))
    assert sheet.event.city.value == "Qalat Dizah" and sheet.event.killed.value is not None
    assert _requests_for(stub, FAULT_MARK) == HTTP_ATTEMPTS
    summary = summarise(sheet)
    assert "1 article(s) could not be used" in summary and str(faulty) in summary
    assert "SECRET123" not in sheet.model_dump_json()


def test_pipeline_records_every_kind_of_fault_against_its_own_article(
    stub: OpenAIStub, extractor_for: Callable[..., LLMExtractor], tmp_path: Path
) -> None:
    """All the faults at once, one article each, in parallel workers: each costs only its article."""
    paths = write_articles(tmp_path, 3)
    marks = {name: f"FAULT-{n:02d}" for n, name in enumerate(FAULTS)}
    faulty = {name: _faulty_copy(paths[0], mark) for name, mark in marks.items()}
    for name, mark in marks.items():
        stub.always(mark, FAULTS[name].reply)

    sheet = make([tmp_path], extractor=extractor_for(stub), jobs=4)

    failures = {f.path: f for f in sheet.failures}
    assert sorted(failures) == sorted(str(p) for p in faulty.values())
    for name, fault in FAULTS.items():
        failure = failures[str(faulty[name])]
        assert (failure.stage, failure.error) == ("extract", fault.error.__name__), name
        assert fault.says in failure.message, (name, failure.message)
        assert _requests_for(stub, marks[name]) == fault.requests, name
    assert sorted(s.path for s in sheet.sources) == sorted(map(str, paths))
    assert sheet.event.city.value == "Qalat Dizah"
    assert f"{len(FAULTS)} article(s) could not be used" in summarise(sheet)
    assert "SECRET123" not in sheet.model_dump_json()


def test_pipeline_with_every_article_failing_raises_a_model_error_naming_them(
    stub: OpenAIStub, extractor_for: Callable[..., LLMExtractor], tmp_path: Path
) -> None:
    paths = write_articles(tmp_path, 2)
    stub.always(always, Reply.error(503, message="overloaded"))

    with pytest.raises(ModelError) as caught:
        make([tmp_path], extractor=extractor_for(stub))

    assert all(str(p) in str(caught.value) for p in paths)
    assert stub.count == 2 * HTTP_ATTEMPTS and SECRET not in str(caught.value)
