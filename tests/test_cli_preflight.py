"""Fail before the work: what would sink the whole run is reported before any article is read
or sent to a model, in one line that names the path or setting, with the documented exit code."""

from __future__ import annotations

import errno
import json
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from click.testing import CliRunner, Result

import factsheet.ingest
from factsheet import pipeline
from factsheet.cli import cli
from factsheet.config import resolve_llm_settings
from factsheet.errors import ConfigError, OutputError
from factsheet.extractors.llm import LLMExtractor
from factsheet.extractors.offline import OfflineExtractor
from factsheet.output import check_writable
from tests.conftest import clear_llm_env
from tests.fakes import FakeEndpoint, fake_extractor
from tests.openai_stub import STUB_KEY, STUB_MODEL, OpenAIStub, write_articles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SECRET = "sk-test-0123456789-DO-NOT-PRINT"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clear_llm_env(monkeypatch, tmp_path / "cache")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every article file opened by ingest, to prove a check came first."""
    opened: list[Path] = []
    real = factsheet.ingest.read_documents

    def spy(path: Path) -> Any:
        opened.append(path)
        return real(path)

    monkeypatch.setattr(factsheet.ingest, "read_documents", spy)
    return opened


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def message(result: Result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got: {result.stderr!r}"
    assert "Traceback" not in result.output
    return lines[0]


# -- the output ---------------------------------------------------------------------------------


def test_output_in_proc_is_refused_before_any_article_is_read(reads: list[Path]) -> None:
    result = run("make", str(SEEDS), "-o", "/proc/x.json")
    assert result.exit_code == 2
    assert message(result).startswith(
        "factsheet: /proc/x.json: cannot be written: cannot create files in /proc"
    )
    assert reads == []


def test_output_in_a_missing_folder_is_refused_and_nothing_is_created(
    tmp_path: Path, reads: list[Path]
) -> None:
    out = tmp_path / "results" / "event.json"
    result = run("make", str(SEEDS), "-o", str(out))
    assert result.exit_code == 2
    assert message(result) == f"factsheet: {out}: cannot be written: the folder {out.parent} does not exist"
    assert reads == [] and not out.parent.exists()


def test_output_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    result = run("make", str(SEEDS), "-o", str(tmp_path / "notes.txt" / "event.json"))
    assert result.exit_code == 2 and "notes.txt is not a folder" in message(result)


def test_output_that_is_an_input_article_is_refused_and_left_alone(tmp_path: Path, reads: list[Path]) -> None:
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    victim = folder / "002_47ce44c9c7986334.txt"
    before = victim.read_bytes()
    result = run("make", str(folder), "-o", str(victim), "--format", "json")
    assert result.exit_code == 2 and "would overwrite the input" in message(result)
    assert victim.read_bytes() == before and reads == []


def test_merge_over_one_of_its_own_extractions_is_refused(tmp_path: Path) -> None:
    extraction = tmp_path / "a.json"
    assert run("extract", str(SEEDS / "002_47ce44c9c7986334.txt"), "-o", str(extraction)).exit_code == 0
    before = extraction.read_text()
    result = run("merge", str(extraction), "-o", str(extraction))
    assert result.exit_code == 2 and "would overwrite the input" in message(result)
    assert extraction.read_text() == before


def test_render_and_extract_check_their_output_too(tmp_path: Path) -> None:
    sheet = tmp_path / "event.json"
    assert run("make", str(SEEDS), "-o", str(sheet), "-q").exit_code == 0
    result = run("render", str(sheet), "-o", str(tmp_path / "gone" / "e.html"))
    assert result.exit_code == 2 and "gone does not exist" in message(result)
    result = run("extract", str(SEEDS / "002_47ce44c9c7986334.txt"), "-o", "/proc/a.json")
    assert result.exit_code == 2 and "/proc/a.json: cannot be written" in message(result)


def test_check_writable_leaves_no_file_behind(tmp_path: Path) -> None:
    check_writable(tmp_path / "event.json")
    existing = tmp_path / "old.json"
    existing.write_text("keep me")
    check_writable(existing)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json"]
    assert existing.read_text() == "keep me", "the check must not truncate"


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EROFS, "Read-only file system"), "read-only file system"),
    ],
)
def test_unwritable_folder_is_named_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, says: str
) -> None:
    # Simulated: the tests may run as root, whom chmod does not stop.
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr("factsheet.output.tempfile.mkstemp", refuse)
    with pytest.raises(OutputError) as caught:
        check_writable(tmp_path / "event.json")
    assert (
        str(caught.value)
        == f"{tmp_path / 'event.json'}: cannot be written: cannot create files in {tmp_path} ({says})"
    )


def test_existing_output_that_cannot_be_opened_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "event.json"
    out.write_text("keep")
    real_open = Path.open

    def locked(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if self == out and mode != "r":
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", locked)  # simulated: root may write a read-only file
    with pytest.raises(OutputError, match=r"existing file cannot be replaced \(permission denied\)"):
        check_writable(out)
    assert out.read_text() == "keep"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file")
def test_read_only_existing_output_is_respected(tmp_path: Path) -> None:
    out = tmp_path / "event.json"
    out.write_text("{}")
    out.chmod(0o444)
    result = run("make", str(SEEDS), "-o", str(out))
    assert result.exit_code == 2 and "existing file cannot be replaced (permission denied)" in message(result)


def test_a_failed_final_write_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("factsheet.output.os.replace", disk_full)
    result = run("make", str(SEEDS), "-o", str(tmp_path / "e.json"), "-q")
    assert result.exit_code == 2
    assert (
        message(result)
        == f"factsheet: {tmp_path / 'e.json'}: cannot be written (no space left on the device)"
    )
    assert [p.name for p in tmp_path.iterdir() if "e.json" in p.name] == [], "no result, no temporary file"


# -- inputs and options -------------------------------------------------------------------------


def test_missing_input_is_named_before_the_others_are_read(tmp_path: Path, reads: list[Path]) -> None:
    result = run("make", str(SEEDS), str(tmp_path / "nope"), "-o", str(tmp_path / "e.json"))
    assert result.exit_code == 3
    assert message(result) == f"factsheet: {tmp_path / 'nope'}: no such file or folder"
    assert reads == [] and not (tmp_path / "e.json").exists()


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--model", "gpt-4o"], "--extractor offline reads without a model, so --model would be ignored"),
        (["--base-url", "http://127.0.0.1:1/v1"], "--base-url would be ignored"),
        (["--price-in", "1", "--price-out", "2"], "--price-in / --price-out price a model"),
    ],
)
def test_model_options_with_the_offline_extractor_are_a_usage_error(
    tmp_path: Path, reads: list[Path], options: list[str], says: str
) -> None:
    result = run("make", str(SEEDS), "-o", str(tmp_path / "e.json"), "--extractor", "offline", *options)
    assert result.exit_code == 2 and says in message(result)
    assert reads == []


# -- the endpoint -------------------------------------------------------------------------------


class _Refusing(BaseHTTPRequestHandler):
    """An endpoint that refuses every key, as OpenAI does a revoked one."""

    seen: list[str]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _refuse(self) -> None:
        self.seen.append(f"{self.command} {self.path}")
        body = json.dumps({"error": {"message": f"Incorrect API key provided: {SECRET[:8]}..."}}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _refuse


@pytest.fixture
def refusing() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    handler = type("Handler", (_Refusing,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}/v1", seen
    finally:
        server.shutdown()
        server.server_close()


def test_refused_key_stops_the_run_before_any_article_is_sent(
    refusing: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, seen = refusing
    monkeypatch.setenv("FACTSHEET_API_KEY", SECRET)
    out = tmp_path / "e.json"
    result = run("make", str(SEEDS), "-o", str(out), "--base-url", url, "--model", "m")
    assert result.exit_code == 2
    line = message(result)
    assert "refused the API key in FACTSHEET_API_KEY (HTTP 401)" in line and url in line
    assert "Set FACTSHEET_API_KEY" in line
    assert SECRET not in result.output and SECRET[:8] not in result.output
    assert seen == ["GET /v1/models"], "one cheap request, no article sent"
    assert not out.exists()


def test_refused_key_from_openai_variable_names_that_variable(
    refusing: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _ = refusing
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    article = str(SEEDS / "002_47ce44c9c7986334.txt")
    result = run("extract", article, "--extractor", "llm", "--base-url", url, "--model", "m")
    assert result.exit_code == 2 and "OPENAI_API_KEY" in message(result)
    assert SECRET not in result.output


def test_unreachable_endpoint_stops_the_run(tmp_path: Path) -> None:
    with ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler) as closed:
        port = closed.server_address[1]  # bound, then closed: nothing listens there any more
    url = f"http://127.0.0.1:{port}/v1"
    result = run("make", str(SEEDS), "-o", str(tmp_path / "e.json"), "--base-url", url, "--model", "m")
    assert result.exit_code == 2
    assert f"Cannot reach the endpoint {url}" in message(result) and "--base-url" in message(result)
    assert not (tmp_path / "e.json").exists()


def test_the_stub_endpoint_passes_the_check_and_gets_only_article_requests(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 2)
    with OpenAIStub() as stub:
        args = ["make", str(tmp_path / "a"), "-o", str(tmp_path / "e.json"), "--extractor", "llm"]
        result = CliRunner().invoke(
            cli, [*args, "--base-url", stub.url, "--model", STUB_MODEL], env={"FACTSHEET_API_KEY": STUB_KEY}
        )
        assert result.exit_code == 0, result.output
        assert stub.count == 2


def test_a_run_answered_from_the_cache_needs_no_endpoint(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 2)
    env = {"FACTSHEET_API_KEY": STUB_KEY}
    with OpenAIStub() as stub:
        args = ["make", str(tmp_path / "a"), "-o", str(tmp_path / "e.json"), "--base-url", stub.url]
        args += ["--model", STUB_MODEL]
        assert CliRunner().invoke(cli, args, env=env).exit_code == 0
    result = CliRunner().invoke(cli, args, env=env)  # the server is gone now
    assert result.exit_code == 0, result.output
    assert result.stderr.count("ok (from cache)") == 2


def _extractor_answering(status: int, body: dict[str, Any]) -> tuple[LLMExtractor, list[str]]:
    seen: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url.path}")
        return httpx.Response(status, json=body)

    settings = resolve_llm_settings(model="m", base_url="http://endpoint.test/v1", api_key=SECRET, env={})
    client = openai.OpenAI(
        api_key=SECRET,
        base_url=settings.base_url,
        http_client=httpx.Client(transport=httpx.MockTransport(handle)),
    )
    return LLMExtractor(settings, client=client), seen


def test_check_uses_the_extractors_own_client_and_names_no_variable_for_a_given_key() -> None:
    extractor, seen = _extractor_answering(403, {"error": {"message": "forbidden"}})
    with pytest.raises(ConfigError) as caught:
        pipeline.check_endpoint(extractor, env={})
    assert seen == ["GET /v1/models"]
    assert "(HTTP 403)" in str(caught.value) and "FACTSHEET_API_KEY" in str(caught.value)
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (404, {"error": {"message": "not found"}}),  # a server that does not list models
        (401, {"error": {"message": "You have insufficient permissions. Missing scopes: api.model.read."}}),
        (200, {"object": "list", "data": [{"id": "m", "object": "model"}]}),
    ],
)
def test_check_passes_a_key_the_endpoint_accepts(status: int, body: dict[str, Any]) -> None:
    extractor, seen = _extractor_answering(status, body)
    pipeline.check_endpoint(extractor, env={})
    assert seen == ["GET /v1/models"]


def test_check_is_harmless_with_the_fake_transport_and_skipped_offline() -> None:
    endpoint = FakeEndpoint().error(401)
    extractor, _ = fake_extractor(endpoint)
    pipeline.check_endpoint(extractor)  # the fake cannot answer a GET: the check lets it be
    assert len(endpoint.replies) == 1 and endpoint.requests == [], (
        "the scripted reply is left for the article"
    )
    pipeline.check_endpoint(OfflineExtractor())


# -- the last resort ----------------------------------------------------------------------------


def _crash(*args: Any, **kwargs: Any) -> Any:
    raise KeyError("surprise\nsecond line")


def test_unexpected_error_is_one_line_with_the_debug_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "make", _crash)
    result = run("make", str(SEEDS), "-o", str(tmp_path / "e.json"))
    assert result.exit_code == 1
    line = message(result)
    assert line.startswith("factsheet: unexpected error: KeyError: 'surprise\\nsecond line'")
    assert "FACTSHEET_DEBUG=1" in line


def test_debug_variable_lets_the_traceback_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "make", _crash)
    monkeypatch.setenv("FACTSHEET_DEBUG", "1")
    result = run("make", str(SEEDS), "-o", str(tmp_path / "e.json"))
    assert isinstance(result.exception, KeyError)


def test_commands_outside_make_get_the_last_resort_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("factsheet.cli.ExtractionCache.default", _crash)
    result = run("cache", "info")
    assert result.exit_code == 1 and "unexpected error: KeyError" in message(result)
