"""A FAKE OpenAI-compatible server on 127.0.0.1 with models, chat, files and batches.

Hand-written answers (tests.fakes.grounded_answer by default), not a model's words. Unlike
tests/openai_stub.py it imitates what model discovery, --mode auto and --batch meet:

- GET /v1/models lists `models` (a 404 when `models` is None);
- POST /v1/chat/completions behaves like llama-cpp-python's server when `refuse_json_schema`
  is set: a response_format of type json_schema gets HTTP 500 with the pydantic message
  that server sends, while {"type": "json_object", "schema": ...} is answered;
  `ignore_json_schema` instead answers json_schema requests with prose, as a server that
  ignores the format would;
- /v1/files (multipart upload, GET content, DELETE) and /v1/batches (create, retrieve, list)
  when `batches` is set (else 404, as on llama.cpp). A batch goes validating -> in_progress
  -> completed over successive retrieves; on completion every line is answered like a live
  request, except lines for which `fail_line(body)` is true: those go to the error file.

    with CompatStub(models=["only-model"], refuse_json_schema=True) as stub:
        ...
        stub.chat            # every chat request body, in order
        stub.batches         # created batches by id; stub.uploads: uploaded files by id
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes import grounded_answer

LLAMA_CPP_REFUSAL = (
    "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
    "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
    "'ctx': {'expected': \"'text' or 'json_object'\"}}"
)
STATUSES = ("validating", "in_progress", "completed")

Answer = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass
class StubBatch:
    id: str
    input_file_id: str
    retrieved: int = 0
    status: str = "validating"
    output_file_id: str | None = None
    error_file_id: str | None = None
    counts: dict[str, int] = field(default_factory=lambda: {"total": 0, "completed": 0, "failed": 0})
    final: str = "completed"


class CompatStub:
    """The server; a context manager that starts on a free port and stops on exit."""

    def __init__(
        self,
        *,
        models: list[str] | None = None,
        refuse_json_schema: bool = False,
        ignore_json_schema: bool = False,
        batches: bool = False,
        answer: Answer | None = None,
        fail_line: Callable[[dict[str, Any]], bool] | None = None,
        final_status: str = "completed",
    ) -> None:
        self.models = models
        self.refuse_json_schema = refuse_json_schema
        self.ignore_json_schema = ignore_json_schema
        self.batches_enabled = batches
        self.answer: Answer = answer or (lambda body: grounded_answer())
        self.fail_line = fail_line
        self.final_status = final_status
        self.chat: list[dict[str, Any]] = []
        self.chat_status: list[int] = []
        self.model_lists = 0
        self.uploads: dict[str, bytes] = {}
        self.batches: dict[str, StubBatch] = {}
        self.deleted: list[str] = []
        self.paths: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.stub = self  # type: ignore[attr-defined]

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> CompatStub:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def modes_asked(self) -> list[str]:
        """The response format each chat request asked for: json_schema, json_object, tools or text."""
        kinds = []
        for body in self.chat:
            if body.get("tools"):
                kinds.append("tools")
            else:
                kinds.append((body.get("response_format") or {}).get("type", "text"))
        return kinds

    # -- answers ---------------------------------------------------------------------------

    def completion(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """(status, body) for one chat request, live or in a batch."""
        kind = (body.get("response_format") or {}).get("type")
        if kind == "json_schema" and self.refuse_json_schema:
            error = {
                "message": LLAMA_CPP_REFUSAL,
                "type": "internal_server_error",
                "param": None,
                "code": None,
            }
            return 500, {"error": error}
        answer = self.answer(body)
        if kind == "json_schema" and self.ignore_json_schema:
            content: str | None = "Here is what the article says: a drone strike killed two people."
            message: dict[str, Any] = {"role": "assistant", "content": content}
        elif body.get("tools"):
            name = body["tools"][0]["function"]["name"]
            call = {
                "id": "call_1",
                "type": "function",
                "function": {"name": name, "arguments": json.dumps(answer)},
            }
            message = {"role": "assistant", "content": None, "tool_calls": [call]}
            content = json.dumps(answer)
        else:
            content = json.dumps(answer)
            message = {"role": "assistant", "content": content}
        sent = sum(len(str(m.get("content") or "")) for m in body.get("messages", []))
        usage = {"prompt_tokens": sent // 4 + 1, "completion_tokens": len(content or "") // 4 + 1}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        return 200, {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", "stub"),
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": usage,
        }

    def _file(self, file_id: str, data: bytes, purpose: str) -> dict[str, Any]:
        self.uploads[file_id] = data
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(data),
            "created_at": 0,
            "filename": f"{file_id}.jsonl",
            "purpose": purpose,
            "status": "processed",
        }

    def _batch_json(self, batch: StubBatch) -> dict[str, Any]:
        return {
            "id": batch.id,
            "object": "batch",
            "endpoint": "/v1/chat/completions",
            "input_file_id": batch.input_file_id,
            "completion_window": "24h",
            "status": batch.status,
            "created_at": 0,
            "output_file_id": batch.output_file_id,
            "error_file_id": batch.error_file_id,
            "request_counts": batch.counts,
            "errors": None,
        }

    def _advance(self, batch: StubBatch) -> None:
        """validating -> in_progress -> completed (answered) over successive retrieves."""
        batch.retrieved += 1
        if batch.status in ("completed", "expired", "failed", "cancelled"):
            return
        step = min(batch.retrieved, len(STATUSES) - 1)
        lines = [json.loads(line) for line in self.uploads[batch.input_file_id].decode().splitlines() if line]
        batch.counts["total"] = len(lines)
        if STATUSES[step] != "completed":
            batch.status = STATUSES[step]
            return
        out, errors = [], []
        for n, line in enumerate(lines):
            if self.fail_line is not None and self.fail_line(line["body"]):
                response = {
                    "status_code": 500,
                    "request_id": f"req_{n}",
                    "body": {"error": {"message": "stub line failure", "type": "server_error"}},
                }
                errors.append(
                    {
                        "id": f"batch_req_{n}",
                        "custom_id": line["custom_id"],
                        "response": response,
                        "error": None,
                    }
                )
                continue
            status, body = self.completion(line["body"])
            item = {
                "id": f"batch_req_{n}",
                "custom_id": line["custom_id"],
                "response": {"status_code": status, "request_id": f"req_{n}", "body": body},
                "error": None,
            }
            (out if status == 200 else errors).append(item)
        batch.counts.update(completed=len(out), failed=len(errors))
        if out:
            batch.output_file_id = f"file-out-{batch.id}"
            self._file(
                batch.output_file_id, "".join(json.dumps(i) + "\n" for i in out).encode(), "batch_output"
            )
        if errors:
            batch.error_file_id = f"file-err-{batch.id}"
            self._file(
                batch.error_file_id, "".join(json.dumps(i) + "\n" for i in errors).encode(), "batch_output"
            )
        batch.status = self.final_status


def _multipart(content_type: str, raw: bytes) -> dict[str, tuple[str | None, bytes]]:
    """{field name: (file name, bytes)} of a multipart/form-data body."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + raw
    )
    fields = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        fields[name] = (part.get_filename(), part.get_payload(decode=True) or b"")
    return fields


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    @property
    def stub(self) -> CompatStub:
        return self.server.stub  # type: ignore[attr-defined,no-any-return]

    def _send(
        self, status: int, payload: dict[str, Any] | bytes, content_type: str = "application/json"
    ) -> None:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _not_found(self) -> None:
        self._send(404, {"error": {"message": f"not found: {self.path}", "type": "not_found"}})

    def _route(self) -> str:
        path = self.path.split("?")[0].rstrip("/")
        with self.stub._lock:
            self.stub.paths.append(f"{self.command} {path}")
        return path

    def do_GET(self) -> None:
        path, stub = self._route(), self.stub
        if path.endswith("/models"):
            with stub._lock:
                stub.model_lists += 1
            if stub.models is None:
                self._not_found()
            else:
                self._send(
                    200, {"object": "list", "data": [{"id": m, "object": "model"} for m in stub.models]}
                )
            return
        if not stub.batches_enabled:
            self._not_found()
            return
        parts = path.split("/")
        if path.endswith("/batches"):
            with stub._lock:
                data = [stub._batch_json(b) for b in stub.batches.values()]
            self._send(200, {"object": "list", "data": data, "has_more": False})
        elif len(parts) >= 2 and parts[-2] == "batches" and parts[-1] in stub.batches:
            with stub._lock:
                batch = stub.batches[parts[-1]]
                stub._advance(batch)
                payload = stub._batch_json(batch)
            self._send(200, payload)
        elif path.endswith("/content") and parts[-2] in stub.uploads:
            self._send(200, stub.uploads[parts[-2]], "application/octet-stream")
        else:
            self._not_found()

    def do_DELETE(self) -> None:
        path, stub = self._route(), self.stub
        file_id = path.split("/")[-1]
        if not stub.batches_enabled or file_id not in stub.uploads:
            self._not_found()
            return
        with stub._lock:
            stub.deleted.append(file_id)
        self._send(200, {"id": file_id, "object": "file", "deleted": True})

    def do_POST(self) -> None:
        path, stub = self._route(), self.stub
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if path.endswith("/chat/completions"):
            body = json.loads(raw)
            status, reply = stub.completion(body)
            with stub._lock:
                stub.chat.append(body)
                stub.chat_status.append(status)
            self._send(status, reply)
            return
        if not stub.batches_enabled:
            self._not_found()
            return
        if path.endswith("/files"):
            fields = _multipart(self.headers.get("Content-Type", ""), raw)
            purpose = fields.get("purpose", (None, b""))[1].decode()
            with stub._lock:
                payload = stub._file(f"file-in-{len(stub.uploads) + 1}", fields["file"][1], purpose)
            self._send(200, payload)
        elif path.endswith("/batches"):
            request = json.loads(raw)
            with stub._lock:
                if request["input_file_id"] not in stub.uploads:
                    self._send(400, {"error": {"message": "no such file", "type": "invalid_request_error"}})
                    return
                batch = StubBatch(id=f"batch_{len(stub.batches) + 1}", input_file_id=request["input_file_id"])
                stub.batches[batch.id] = batch
                payload = stub._batch_json(batch)
            self._send(200, payload)
        else:
            self._not_found()
