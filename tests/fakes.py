"""FAKE model endpoint for logic tests: hand-written chat completions, not a real model's words.

`FakeEndpoint` is an OpenAI-compatible server in an httpx.MockTransport. Tests script its
replies in order (a JSON answer, a cut-off reply, an HTTP error, a dropped connection) and
then read back what the extractor sent. Nothing here touches a socket.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import httpx
import openai

from factsheet.config import LLMSettings, resolve_llm_settings
from factsheet.extractors.llm import LLMExtractor
from factsheet.models import Article

FAKE_KEY = "sk-fake-0123456789abcdefSECRET"
FAKE_BASE_URL = "http://fake-llm.test/v1"
FAKE_MODEL = "fake-model"

# A short, invented article: the fakes' answers quote it.
FAKE_ARTICLE_TEXT = (
    "Drone strike kills two in Qalat Dizah\n\n"
    "QALAT DIZAH, Iraq, March 3 - A Turkish drone struck a car near the market of Qalat Dizah on "
    "Sunday night, killing two members of the PKK, local officials said.\n\n"
    '"The car was hit by two missiles," a witness, Hama Rashid, told reporters.'
)


def fake_article(text: str = FAKE_ARTICLE_TEXT) -> Article:
    return Article(
        id="fake",
        path="fake.txt",
        text=text,
        outlet="Fake Wire",
        outlet_origin="metadata",
        published="2024-03-04",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


def quoted(value: str | None = None, quote: str | None = None) -> dict[str, str | None]:
    return {"value": value, "quote": quote}


def fake_answer(**fields: Any) -> dict[str, Any]:
    """An answer in the LLM schema: every field null unless given."""
    answer: dict[str, Any] = {
        "is_strike": True,
        **{
            name: quoted()
            for name in (
                "date",
                "local_time",
                "utc_time",
                "country",
                "city",
                "district",
                "attacker",
                "weapon",
                "target_organisation",
                "killed",
                "injured",
            )
        },
        "people": [],
        "claims": [],
    }
    answer.update(fields)
    return answer


def grounded_answer() -> dict[str, Any]:
    """Every quote is verbatim in FAKE_ARTICLE_TEXT."""
    return fake_answer(
        date=quoted("Sunday night", "near the market of Qalat Dizah on Sunday night"),
        country=quoted("Iraq", "QALAT DIZAH, Iraq"),
        city=quoted("Qalat Dizah", "near the market of Qalat Dizah"),
        attacker=quoted("Turkish", "A Turkish drone struck a car"),
        weapon=quoted("drone", "A Turkish drone struck a car"),
        target_organisation=quoted("PKK", "killing two members of the PKK"),
        killed=quoted("two", "killing two members of the PKK"),
        claims=[
            {
                "statement": "The car was hit by two missiles",
                "speaker": "Hama Rashid",
                "speaker_type": "witness",
                "quote": "The car was hit by two missiles",
            }
        ],
    )


def completion(
    content: str | dict[str, Any] | None,
    *,
    finish_reason: str = "stop",
    prompt_tokens: int = 100,
    completion_tokens: int = 20,
) -> dict[str, Any]:
    if isinstance(content, dict):
        content = json.dumps(content)
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": FAKE_MODEL,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


@dataclass
class FakeEndpoint:
    """Scripted replies, served in order; every request body is kept for assertions."""

    replies: deque[httpx.Response | Exception] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[httpx.Headers] = field(default_factory=list)

    def answer(self, content: str | dict[str, Any] | None, **kwargs: Any) -> FakeEndpoint:
        self.replies.append(httpx.Response(200, json=completion(content, **kwargs)))
        return self

    def error(
        self, status: int, message: str = "fake failure", headers: dict[str, str] | None = None
    ) -> FakeEndpoint:
        body = {"error": {"message": message, "type": "fake_error", "code": None}}
        self.replies.append(httpx.Response(status, json=body, headers=headers))
        return self

    def disconnect(self) -> FakeEndpoint:
        self.replies.append(httpx.ConnectError("fake: connection refused"))
        return self

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(json.loads(request.content))
        self.headers.append(request.headers)
        if not self.replies:
            raise AssertionError("the extractor made more requests than the test scripted")
        reply = self.replies.popleft()
        if isinstance(reply, Exception):
            raise reply
        return reply

    def client(self, api_key: str = FAKE_KEY) -> openai.OpenAI:
        return openai.OpenAI(
            api_key=api_key,
            base_url=FAKE_BASE_URL,
            http_client=httpx.Client(transport=httpx.MockTransport(self.handle)),
        )


def fake_settings(mode: str = "json_schema", **env: str) -> LLMSettings:
    return resolve_llm_settings(
        model=FAKE_MODEL, base_url=FAKE_BASE_URL, api_key=FAKE_KEY, mode=mode, env=env
    )


@dataclass
class SleepRecorder:
    """Stands in for time.sleep so backoff is observable and tests stay fast."""

    calls: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def fake_extractor(endpoint: FakeEndpoint, mode: str = "json_schema") -> tuple[LLMExtractor, SleepRecorder]:
    sleep = SleepRecorder()
    return LLMExtractor(fake_settings(mode), client=endpoint.client(), sleep=sleep), sleep
