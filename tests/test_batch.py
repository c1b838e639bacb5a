"""`make --batch`: the Batch API path, against a local FAKE of /v1/files and /v1/batches.

tests/batch_stub.py's CompatStub imitates OpenAI's files and batches endpoints (upload, a
batch going validating -> in_progress -> completed, output and error files); its answers are
hand-written, not a model's. No cassette of OpenAI's real Batch API could be recorded here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import openai
import pytest
from click.testing import CliRunner, Result
from pydantic import SecretStr

from factsheet import pipeline
from factsheet.cache import ExtractionCache
from factsheet.cli import cli
from factsheet.config import LLMSettings
from factsheet.extractors.batch import BatchEvent, BatchOptions, BatchStore
from factsheet.extractors.llm import LLMExtractor
from factsheet.ingest import read_article
from factsheet.pricing import OPENAI_PRICES, prices_for
from tests.batch_stub import CompatStub
from tests.conftest import clear_llm_env
from tests.fakes import grounded_answer, quoted
from tests.openai_stub import write_articles

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "factsheet.schema.json").read_text())


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clear_llm_env(monkeypatch, tmp_path / "cache")
    monkeypatch.setenv("FACTSHEET_BATCH_POLL_SECONDS", "0.01")


def no_wait(seconds: float) -> None:
    """Polling costs no time in tests."""


def fail_article_2(body: dict[str, Any]) -> bool:
    return "(2)." in str(body["messages"][-1]["content"])


def make(folder: Path, out: Path, stub: CompatStub, *args: str) -> Result:
    argv = ["make", str(folder), "-o", str(out), "--base-url", stub.url, "--model", "m", "--batch", *args]
    return CliRunner().invoke(cli, argv)


def openai_priced(stub: CompatStub) -> LLMExtractor:
    """Settings of OpenAI's own endpoint (so OpenAI's prices apply), with the client aimed at the stub."""
    settings = LLMSettings(
        model="gpt-4o-mini", base_url=None, api_key=SecretStr("sk-test-batch"), mode="json_schema"
    )
    client = openai.OpenAI(api_key="sk-test-batch", base_url=stub.url, max_retries=0)
    return LLMExtractor(settings, client=client, sleep=no_wait)


# -- the run --------------------------------------------------------------------------------------


def test_a_batch_run_writes_a_valid_sheet_and_reports_the_wait(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 4)
    with CompatStub(batches=True) as stub:
        result = make(tmp_path / "a", tmp_path / "e.json", stub)

    assert result.exit_code == 0, result.output
    sheet = json.loads((tmp_path / "e.json").read_text())
    jsonschema.validate(sheet, SCHEMA)
    assert len(sheet["sources"]) == 4 and not sheet["failures"] and sheet["run"]["mode"] == "json_schema"
    assert len(stub.batches) == 1 and stub.chat == [], "every article went through the batch, none live"
    err = result.stderr
    assert "Batch batch_1 submitted: 4 request(s)" in err
    assert "Batch batch_1: in_progress, 0/4 done" in err and "Batch batch_1: completed, 4/4 done" in err
    assert "Batch API: 4 answer(s) at the batch price" in err
    assert not list((tmp_path / "cache" / "batches").glob("*.json")), "a collected batch is forgotten"
    assert set(stub.deleted) == set(stub.uploads), "its files are deleted on the server"


def test_costs_are_at_the_batch_price(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 3)
    with CompatStub(batches=True) as stub:
        extractor = openai_priced(stub)
        prices = prices_for(extractor)
        assert (
            prices is not None
            and (prices.input_per_million, prices.output_per_million) == OPENAI_PRICES["gpt-4o-mini"]
        )
        sheet = pipeline.make(
            tmp_path / "a",
            extractor=extractor,
            cache=ExtractionCache(tmp_path / "cache"),
            prices=prices,
            batch=BatchOptions(sleep=no_wait),
        )
    usage = sheet.run.usage
    list_price = (usage.prompt_tokens * 0.15 + usage.completion_tokens * 0.60) / 1_000_000
    assert usage.requests == 3 and usage.cost_usd == pytest.approx(list_price / 2, abs=3e-6)
    assert all(s.usage is not None and s.usage.cost_usd for s in sheet.sources)


def test_a_batch_answer_is_cached_so_a_rerun_costs_nothing(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 3)
    with CompatStub(batches=True) as stub:
        assert make(tmp_path / "a", tmp_path / "e.json", stub).exit_code == 0
        live = CliRunner().invoke(
            cli,
            [
                "make",
                str(tmp_path / "a"),
                "-o",
                str(tmp_path / "e2.json"),
                "--base-url",
                stub.url,
                "--model",
                "m",
            ],
        )
        again = make(tmp_path / "a", tmp_path / "e3.json", stub)
    assert live.exit_code == 0 and again.exit_code == 0
    assert stub.chat == [] and len(stub.batches) == 1
    assert live.stderr.count("ok (from cache)") == 3 and again.stderr.count("ok (from cache)") == 3


def test_batch_lines_are_the_live_requests_keyed_by_the_cache_key(tmp_path: Path) -> None:
    path = write_articles(tmp_path / "a", 1)[0]
    article = read_article(path)
    cache = ExtractionCache(tmp_path / "cache")
    with CompatStub(batches=True) as stub:
        live = pipeline.get_extractor("llm", base_url=stub.url, model="m", mode="json_object", env={})
        pipeline.extract(article, live)  # no cache: a live request
        batched = pipeline.get_extractor("llm", base_url=stub.url, model="m", mode="json_object", env={})
        pipeline.make(tmp_path / "a", extractor=batched, cache=cache, batch=BatchOptions(sleep=no_wait))
    (line,) = [json.loads(text) for text in stub.uploads["file-in-1"].decode().splitlines()]
    assert line["body"] == stub.chat[0], "the batch line's body is the live request's body"
    assert line["url"] == "/v1/chat/completions" and line["method"] == "POST"
    assert isinstance(batched, LLMExtractor)
    assert line["custom_id"] == cache.key(article, batched.identity_for("json_object"))
    assert cache.get(article, batched.identity_for("json_object")) is not None


# -- resuming -------------------------------------------------------------------------------------


def test_a_killed_run_resumes_by_batch_id_without_a_second_batch(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 3)
    cache = ExtractionCache(tmp_path / "cache")
    events: list[BatchEvent] = []

    def killed(seconds: float) -> None:
        raise KeyboardInterrupt

    with CompatStub(batches=True) as stub:
        first = pipeline.get_extractor("llm", base_url=stub.url, model="m", env={})
        with pytest.raises(KeyboardInterrupt):
            pipeline.make(
                tmp_path / "a",
                extractor=first,
                cache=cache,
                batch=BatchOptions(sleep=killed, on_event=events.append),
            )
        (record,) = BatchStore(cache.directory).records()
        assert record.batch_id == "batch_1" and len(record.custom_ids) == 3
        assert "run the same command again" in events[-1].message and events[-1].kind == "interrupted"

        second = pipeline.get_extractor("llm", base_url=stub.url, model="m", env={})
        events.clear()
        sheet = pipeline.make(
            tmp_path / "a",
            extractor=second,
            cache=cache,
            batch=BatchOptions(sleep=no_wait, on_event=events.append),
        )

    assert len(stub.batches) == 1 and len([f for f in stub.uploads if f.startswith("file-in")]) == 1
    assert len(sheet.sources) == 3 and stub.chat == []
    assert (
        events[0].kind == "resumed"
        and "collecting 3 request(s) an earlier run submitted" in events[0].message
    )
    assert BatchStore(cache.directory).records() == []


def test_a_run_killed_between_upload_and_create_finds_its_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record is written before the batch is created; a batch created just before a crash is adopted."""
    write_articles(tmp_path / "a", 2)
    cache = ExtractionCache(tmp_path / "cache")
    saves: list[int] = []
    real_save = BatchStore.save

    def crash_on_second_save(self: BatchStore, record: Any) -> None:
        saves.append(1)
        if len(saves) == 2:
            raise KeyboardInterrupt  # the batch exists on the server; its id never reached the record
        real_save(self, record)

    with CompatStub(batches=True) as stub:
        monkeypatch.setattr(BatchStore, "save", crash_on_second_save)
        with pytest.raises(KeyboardInterrupt):
            pipeline.make(
                tmp_path / "a",
                extractor=pipeline.get_extractor("llm", base_url=stub.url, model="m", env={}),
                cache=cache,
                batch=BatchOptions(sleep=no_wait),
            )
        monkeypatch.setattr(BatchStore, "save", real_save)
        (record,) = BatchStore(cache.directory).records()
        assert record.batch_id is None and len(stub.batches) == 1
        sheet = pipeline.make(
            tmp_path / "a",
            extractor=pipeline.get_extractor("llm", base_url=stub.url, model="m", env={}),
            cache=cache,
            batch=BatchOptions(sleep=no_wait),
        )
    assert len(stub.batches) == 1 and len(sheet.sources) == 2


# -- failures -------------------------------------------------------------------------------------


def test_failed_lines_are_listed_with_batch_failures_list(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 4)
    with CompatStub(batches=True, fail_line=fail_article_2) as stub:
        result = make(tmp_path / "a", tmp_path / "e.json", stub, "--batch-failures", "list")
    assert result.exit_code == 4, result.output
    sheet = json.loads((tmp_path / "e.json").read_text())
    (failure,) = sheet["failures"]
    assert failure["path"].endswith("article-002.txt") and failure["error"] == "BatchLineFailed"
    assert "stub line failure" in failure["message"] and "not asked again live" in failure["message"]
    assert len(sheet["sources"]) == 3 and stub.chat == []
    assert (
        "1 line(s) without a usable answer (article-002.txt: HTTP 500: stub line failure) listed in failures"
        in result.stderr
    )


def test_failed_lines_are_asked_again_live_by_default(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 4)
    with CompatStub(batches=True, fail_line=fail_article_2) as stub:
        result = make(tmp_path / "a", tmp_path / "e.json", stub)
    assert result.exit_code == 0, result.output
    sheet = json.loads((tmp_path / "e.json").read_text())
    assert len(sheet["sources"]) == 4 and not sheet["failures"]
    assert len(stub.chat) == 1 and "(2)." in stub.chat[0]["messages"][-1]["content"]
    source = next(s for s in sheet["sources"] if s["path"].endswith("article-002.txt"))
    assert any(w.startswith("asked live: the Batch API gave no usable answer") for w in source["warnings"])
    assert "asked again live" in result.stderr and "1 live request(s) at the live price" in result.stderr


def misquoting(body: dict[str, Any]) -> dict[str, Any]:
    """First answers quote words the article does not contain; the re-ask (it has an assistant turn) does not."""
    answer = grounded_answer()
    if not any(m["role"] == "assistant" for m in body["messages"]):
        answer["killed"] = quoted("five", "killing five members of the PKK")
    return answer


def test_unverified_quotes_are_reasked_live_as_the_live_path_does(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 2)
    with CompatStub(batches=True, answer=misquoting) as stub:
        result = make(tmp_path / "a", tmp_path / "e.json", stub)
    assert result.exit_code == 0, result.output
    assert len(stub.chat) == 2, "one live re-ask per article"
    assert all(m["messages"][-2]["role"] == "assistant" for m in stub.chat)
    assert all("killed" in m["messages"][-1]["content"] for m in stub.chat)
    sheet = json.loads((tmp_path / "e.json").read_text())
    assert sheet["event"]["killed"]["value"]["best"] == 2
    assert all(any("live after the batch" in w for w in s["warnings"]) for s in sheet["sources"])
    assert all(s["usage"]["requests"] == 2 for s in sheet["sources"])
    assert "2 answer(s) quoting words not in their article re-asked live" in result.stderr


def test_unverified_quotes_stay_unverified_with_batch_failures_list(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 2)
    with CompatStub(batches=True, answer=misquoting) as stub:
        result = make(tmp_path / "a", tmp_path / "e.json", stub, "--batch-failures", "list")
    assert result.exit_code == 0, result.output
    assert stub.chat == []
    sheet = json.loads((tmp_path / "e.json").read_text())
    assert all(
        any("were not re-asked (--batch-failures list)" in w for w in s["warnings"]) for s in sheet["sources"]
    )
    killed = sheet["event"]["killed"]
    assert any(not alt["verified"] for alt in killed["alternatives"])
    assert "left unverified, not re-asked" in result.stderr


# -- refused before any work ----------------------------------------------------------------------


def test_an_endpoint_without_a_batch_api_is_one_line_exit_2(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 2)
    with CompatStub(batches=False) as stub:
        result = make(tmp_path / "a", tmp_path / "e.json", stub)
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert (
        len(lines) == 1
        and "does not offer the Batch API (POST /files" in lines[0]
        and "without --batch" in lines[0]
    )
    assert stub.chat == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--no-cache"], "drop --no-cache"),
        (["--extractor", "offline"], "needs an LLM endpoint"),
    ],
)
def test_batch_needs_a_cache_and_an_endpoint(tmp_path: Path, args: list[str], says: str) -> None:
    write_articles(tmp_path / "a", 1)
    argv = ["make", str(tmp_path / "a"), "-o", str(tmp_path / "e.json"), "--batch", *args]
    result = CliRunner().invoke(
        cli, argv, env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "FACTSHEET_MODEL": "m"}
    )
    assert result.exit_code == 2 and says in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "e.json").exists()


def test_batch_failures_needs_batch(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 1)
    argv = ["make", str(tmp_path / "a"), "-o", str(tmp_path / "e.json"), "--batch-failures", "list"]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 2 and "--batch-failures only applies with --batch" in result.stderr


def test_a_batch_that_fails_wholesale_is_not_rerun_live_at_full_price(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 25)
    with CompatStub(batches=True, fail_line=lambda body: True) as stub:
        result = make(tmp_path / "a", tmp_path / "e.json", stub)
    assert result.exit_code == 4 and stub.chat == []
    assert "25 line(s) without a usable answer" in result.stderr and "(too many to ask live)" in result.stderr
