"""A FAKE OpenAI-compatible server on 127.0.0.1, for throughput benchmarks and fault tests.

Unlike tests/fakes.py (an in-process httpx transport), this is a real HTTP server on a free
port: requests go through sockets, connection pools and threads exactly as against a remote
endpoint, so parallelism, latency and back-off can be measured. Its answers are hand-written
fakes, not a model's words.

    with OpenAIStub(latency=0.05) as stub:
        extractor = get_extractor("llm", base_url=stub.url, model=STUB_MODEL, api_key=STUB_KEY)
        ...
        assert stub.count == 3                      # requests received
        stub.requests[0].body["messages"]           # what was sent, with arrival/answer times

Every POST /v1/chat/completions gets, after `latency` seconds, the next scripted reply if
any is left, else the default answer: `answer` (a dict in the LLM answer schema, or a
function of the request body returning one; default: tests.fakes.grounded_answer(), whose
quotes are in tests.fakes.FAKE_ARTICLE_TEXT, so articles containing that text verify).
Usage numbers are deterministic: a quarter of the characters sent / returned.

Scripted replies are served in arrival order, one per request:

    stub.script(Reply.error(429, retry_after=0.3), Reply.truncated(), Reply.ok())

    Reply.ok(answer=None, delay=None)   the default answer, or this one; `delay` replaces latency
    Reply.error(status, retry_after=None, message="stub failure", code=None)
                                        an OpenAI-style error body; Retry-After header in seconds
    Reply.malformed()                   200, content-type JSON, body that is not JSON
    Reply.truncated()                   finish_reason "length", the answer's JSON cut in half
    Reply.empty()                       200 with empty message content
    Reply.slow(seconds)                 the default answer after `seconds` instead of latency
    Reply.disconnect()                  the connection is closed without an answer

Rules answer every matching request, before the script, for 'this article always fails':

    stub.always("FAULT-ME", Reply.error(503))   # any request whose messages contain the text
    stub.always(lambda body: ..., Reply.empty())  # or a predicate on the request body

Run on its own (the benchmark does, so the server does not share a GIL with the client):

    python -m tests.openai_stub --latency 0.05      # prints "URL http://127.0.0.1:PORT/v1"
    GET  /_stub/stats  -> {"requests": n}           POST /_stub/reset  -> forget requests
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.fakes import FAKE_ARTICLE_TEXT, grounded_answer, quoted

STUB_MODEL = "stub-model"
STUB_KEY = "sk-stub-not-a-secret"

Answer = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]

_DEFAULT = object()


@dataclass(frozen=True)
class Reply:
    """One scripted reply; build it with the class methods."""

    status: int = 200
    answer: Any = _DEFAULT  # dict, or _DEFAULT for the stub's default answer
    content: str | None = None  # raw message content, overrides `answer`
    finish_reason: str = "stop"
    raw_body: bytes | None = None  # the whole HTTP body, overrides everything
    headers: dict[str, str] = field(default_factory=dict)
    delay: float | None = None
    drop: bool = False
    truncate: bool = False

    @classmethod
    def ok(cls, answer: dict[str, Any] | None = None, delay: float | None = None) -> Reply:
        return cls(answer=_DEFAULT if answer is None else answer, delay=delay)

    @classmethod
    def error(
        cls,
        status: int,
        retry_after: float | None = None,
        message: str = "stub failure",
        code: str | None = None,
    ) -> Reply:
        body = {"error": {"message": message, "type": "stub_error", "code": code}}
        headers = {} if retry_after is None else {"Retry-After": f"{retry_after:g}"}
        return cls(status=status, raw_body=json.dumps(body).encode(), headers=headers)

    @classmethod
    def malformed(cls) -> Reply:
        return cls(raw_body=b'{"id": "chatcmpl-stub", "choices": [{"message": ')

    @classmethod
    def truncated(cls) -> Reply:
        return cls(finish_reason="length", truncate=True)

    @classmethod
    def empty(cls) -> Reply:
        return cls(content="")

    @classmethod
    def slow(cls, seconds: float) -> Reply:
        return cls(delay=seconds)

    @classmethod
    def disconnect(cls) -> Reply:
        return cls(drop=True)


def _mentions(text: str) -> Callable[[dict[str, Any]], bool]:
    """A rule matching requests with `text` in any message."""

    def match(body: dict[str, Any]) -> bool:
        return any(text in str(m.get("content") or "") for m in body.get("messages", []))

    return match


@dataclass
class Seen:
    """One request as the server saw it (times from time.monotonic)."""

    body: dict[str, Any]
    arrived: float
    answered: float = 0.0
    status: int = 0


class OpenAIStub:
    """The server; a context manager that starts on a free port and stops on exit."""

    def __init__(self, *, latency: float = 0.0, answer: Answer | None = None) -> None:
        self.latency = latency
        self.answer: Answer = grounded_answer() if answer is None else answer
        self.requests: list[Seen] = []
        self._script: deque[Reply] = deque()
        self._rules: list[tuple[Callable[[dict[str, Any]], bool], Reply]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.stub = self  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def script(self, *replies: Reply) -> OpenAIStub:
        with self._lock:
            self._script.extend(replies)
        return self

    def always(self, when: str | Callable[[dict[str, Any]], bool], reply: Reply) -> OpenAIStub:
        """Every request matching `when` gets `reply`, ahead of the script (first matching rule wins).

        `when` is text some message of the request contains, or a predicate on the request body.
        """
        match = _mentions(when) if isinstance(when, str) else when
        with self._lock:
            self._rules.append((match, reply))
        return self

    def reset(self) -> None:
        """Forget requests, the script and the rules: a fresh server on the same port."""
        with self._lock:
            self.requests.clear()
            self._script.clear()
            self._rules.clear()

    def start(self) -> OpenAIStub:
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="openai-stub", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> OpenAIStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- called by the handler threads ------------------------------------------------------

    def _next(self, body: dict[str, Any]) -> tuple[Reply, Seen]:
        seen = Seen(body=body, arrived=time.monotonic())
        with self._lock:
            self.requests.append(seen)
            ruled = [reply for match, reply in self._rules if match(body)]
            if ruled:
                return ruled[0], seen
            reply = self._script.popleft() if self._script else Reply()
        return reply, seen

    def _completion(self, reply: Reply, body: dict[str, Any]) -> bytes:
        if reply.raw_body is not None:
            return reply.raw_body
        if reply.content is not None:
            content = reply.content
        else:
            answer = reply.answer if reply.answer is not _DEFAULT else self.answer
            if callable(answer):
                answer = answer(body)
            content = json.dumps(answer)
            if reply.truncate:
                content = content[: len(content) // 2]
        sent = sum(len(str(m.get("content") or "")) for m in body.get("messages", []))
        usage = {"prompt_tokens": sent // 4 + 1, "completion_tokens": len(content) // 4 + 1}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        completion = {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", STUB_MODEL),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": reply.finish_reason,
                }
            ],
            "usage": usage,
        }
        return json.dumps(completion).encode()


# -- articles the default answers fit -----------------------------------------------------------

_WOUNDED = ("two", "three", "four", "five")
_WOUNDED_RE = re.compile(r"(\w+) people were wounded")


def article_text(n: int) -> str:
    """FAKE_ARTICLE_TEXT (so grounded_answer verifies) plus a line that makes each article distinct."""
    return f"{FAKE_ARTICLE_TEXT}\n\nHospital staff in Erbil said {_WOUNDED[n % len(_WOUNDED)]} people were wounded ({n})."


def write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"article-{n:03d}.txt"
        path.write_text(article_text(n), encoding="utf-8")
        paths.append(path)
    return paths


def wounded_answer(body: dict[str, Any]) -> dict[str, Any]:
    """grounded_answer() plus the injured count this article states, so articles disagree on it."""
    answer = grounded_answer()
    article = str(body["messages"][-1]["content"])
    found = _WOUNDED_RE.search(article)
    if found:
        answer["injured"] = quoted(found.group(1), found.group(0))
    return answer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real endpoints do

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without this, Nagle's algorithm and the
        # client's delayed ACK add ~40 ms to every answer, which would swamp the latency set.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # the library never prints; nor does its stub
        pass

    @property
    def stub(self) -> OpenAIStub:
        return self.server.stub  # type: ignore[attr-defined,no-any-return]

    def _send(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        if self.path == "/_stub/stats":
            self._send(200, json.dumps({"requests": self.stub.count}).encode())
        elif self.path.rstrip("/").endswith("/models"):
            self._send(
                200, json.dumps({"object": "list", "data": [{"id": STUB_MODEL, "object": "model"}]}).encode()
            )
        else:
            self._send(404, b'{"error": {"message": "not found"}}')

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path == "/_stub/reset":
            self.stub.reset()
            self._send(200, b"{}")
            return
        if not self.path.endswith("/chat/completions"):
            self._send(404, b'{"error": {"message": "not found"}}')
            return
        try:
            body = json.loads(raw)
        except ValueError:
            self._send(400, b'{"error": {"message": "request body is not JSON"}}')
            return
        reply, seen = self.stub._next(body)
        time.sleep(self.stub.latency if reply.delay is None else reply.delay)
        seen.status = 0 if reply.drop else reply.status
        seen.answered = time.monotonic()
        if reply.drop:
            self.close_connection = True
            return
        self._send(reply.status, self.stub._completion(reply, body), reply.headers)


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the OpenAI stub until interrupted.")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds before each answer")
    args = parser.parse_args()
    stub = OpenAIStub(latency=args.latency)
    print(f"URL {stub.url}", flush=True)
    try:
        stub._server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stub._server.server_close()


if __name__ == "__main__":
    main()
