"""The extraction cache: a second run pays nothing, an edited prompt pays again, a bad file costs a re-read.

Requests are counted at a local OpenAI-compatible stub server (tests/openai_stub.py), so
"zero model calls" means zero HTTP requests reached the endpoint.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factsheet import pipeline
from factsheet.cache import ExtractionCache, cache_dir, extractor_identity
from factsheet.cli import cli
from factsheet.extractors.llm import LLMExtractor
from factsheet.models import Article, Extraction, FactSheet
from factsheet.prompts import load_prompts, prompts_dir
from tests.openai_stub import STUB_KEY, STUB_MODEL, OpenAIStub, wounded_answer, write_articles

N = 4


@pytest.fixture
def stub() -> Iterator[OpenAIStub]:
    with OpenAIStub(answer=wounded_answer) as server:
        yield server


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_articles(tmp_path / "articles", N)
    return tmp_path / "articles"


@pytest.fixture
def cache(tmp_path: Path) -> ExtractionCache:
    return ExtractionCache(tmp_path / "cache")


def llm(stub: OpenAIStub, **kwargs: Any) -> LLMExtractor:
    extractor = pipeline.get_extractor("llm", base_url=stub.url, model=STUB_MODEL, api_key=STUB_KEY, env={})
    assert isinstance(extractor, LLMExtractor)
    if kwargs:
        extractor = LLMExtractor(extractor.settings, client=extractor._client, **kwargs)
    return extractor


def without_usage(sheet: FactSheet) -> dict[str, Any]:
    return sheet.model_dump(exclude={"run": {"usage"}, "sources": {"__all__": {"usage"}}})


def test_second_run_makes_no_model_request_and_gives_the_same_sheet(
    stub: OpenAIStub, folder: Path, cache: ExtractionCache
) -> None:
    first = pipeline.make(folder, extractor=llm(stub), cache=cache)
    assert stub.count == N and first.run.usage.requests == N and first.run.usage.cached == 0

    second = pipeline.make(folder, extractor=llm(stub), cache=cache)
    assert stub.count == N, "the second run reached the model"
    assert second.run.usage.requests == 0 and second.run.usage.prompt_tokens == 0
    assert second.run.usage.cached == N
    assert all(s.usage is not None and s.usage.cached for s in second.sources)
    assert without_usage(second) == without_usage(first)


def test_cache_holds_the_raw_extraction_so_later_stages_rerun(
    stub: OpenAIStub, folder: Path, cache: ExtractionCache
) -> None:
    pipeline.make(folder, extractor=llm(stub), cache=cache)
    entries = sorted((cache.directory / "extractions").glob("*.json"))
    assert len(entries) == N
    stored = Extraction.model_validate(json.loads(entries[0].read_text())["extraction"])
    # Before verify: no offsets or match status yet; before the offline cross-check too.
    assert stored.event.city is not None and stored.event.city.evidence.match is None
    assert stored.usage.requests == 1


def test_a_changed_prompt_misses_and_the_old_prompt_still_hits(
    stub: OpenAIStub, folder: Path, cache: ExtractionCache, tmp_path: Path
) -> None:
    pipeline.make(folder, extractor=llm(stub), cache=cache)
    edited = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), edited)
    manifest = (edited / "manifest.toml").read_text()
    system = edited / manifest.split('system = "')[1].split('"')[0]
    system.write_text(system.read_text() + "\nBe brief.\n")

    pipeline.make(folder, extractor=llm(stub, prompts=load_prompts(edited)), cache=cache)
    assert stub.count == 2 * N, "an edited prompt must not reuse answers to the old one"
    assert "Be brief." in stub.requests[-1].body["messages"][0]["content"]

    pipeline.make(folder, extractor=llm(stub), cache=cache)
    assert stub.count == 2 * N, "entries for the unchanged prompt were thrown away"


def test_key_follows_model_text_and_outlet_but_not_path(stub: OpenAIStub) -> None:
    extractor = llm(stub)
    identity = extractor_identity(extractor)
    assert identity is not None and identity["model"] == STUB_MODEL
    other_model = extractor_identity(pipeline.get_extractor("llm", base_url=stub.url, model="other", env={}))
    cache = ExtractionCache(Path("unused"))
    article = Article(
        id="a", path="a.txt", text="x", outlet="A", outlet_origin="metadata", sha256="0" * 64, published=None
    )
    moved = article.model_copy(update={"id": "b", "path": "elsewhere/b.txt"})
    assert cache.key(article, identity) == cache.key(moved, identity)
    assert cache.key(article, identity) != cache.key(article, other_model or {})
    assert cache.key(article, identity) != cache.key(
        article.model_copy(update={"sha256": "1" * 64}), identity
    )
    assert cache.key(article, identity) != cache.key(article.model_copy(update={"outlet": "B"}), identity)


def test_an_edited_article_is_read_again_and_only_that_one(
    stub: OpenAIStub, folder: Path, cache: ExtractionCache
) -> None:
    pipeline.make(folder, extractor=llm(stub), cache=cache)
    changed = folder / "article-001.txt"
    changed.write_text(changed.read_text() + "\nA later update added nothing.\n")
    pipeline.make(folder, extractor=llm(stub), cache=cache)
    assert stub.count == N + 1


@pytest.mark.parametrize("garbage", ["{not json", '{"key": {}, "extraction": {}}'])
def test_a_corrupt_entry_is_ignored_and_overwritten(
    stub: OpenAIStub, folder: Path, cache: ExtractionCache, garbage: str
) -> None:
    pipeline.make(folder, extractor=llm(stub), cache=cache)
    entries = sorted((cache.directory / "extractions").glob("*.json"))
    entries[0].write_text(garbage)

    sheet = pipeline.make(folder, extractor=llm(stub), cache=cache)
    assert stub.count == N + 1 and not sheet.failures
    assert sheet.run.usage.cached == N - 1
    json.loads(entries[0].read_text())  # rewritten whole
    pipeline.make(folder, extractor=llm(stub), cache=cache)
    assert stub.count == N + 1


def test_an_unwritable_cache_costs_nothing_but_is_reported(
    stub: OpenAIStub, folder: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ExtractionCache(blocker)
    sheet = pipeline.make(folder, extractor=llm(stub), cache=cache)
    assert len(sheet.sources) == N and len(cache.write_errors) == N


def test_offline_readings_are_not_cached(folder: Path, cache: ExtractionCache) -> None:
    pipeline.make(folder, extractor="offline", cache=cache)
    assert cache.info().entries == 0


def test_location_follows_the_environment(tmp_path: Path) -> None:
    assert cache_dir({"FACTSHEET_CACHE_DIR": str(tmp_path / "x"), "XDG_CACHE_HOME": "/y"}) == tmp_path / "x"
    assert cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "factsheet"
    assert cache_dir({}) == Path.home() / ".cache" / "factsheet"


# -- the command line --------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("FACTSHEET_MODE", "FACTSHEET_JOBS", "FACTSHEET_PRICE_IN", "FACTSHEET_PRICE_OUT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FACTSHEET_CACHE_DIR", str(tmp_path / "cli-cache"))
    return tmp_path / "cli-cache"


def make_args(stub: OpenAIStub, folder: Path, output: Path) -> list[str]:
    return [
        "make",
        str(folder),
        "-o",
        str(output),
        "--extractor",
        "llm",
        "--base-url",
        stub.url,
        "--model",
        STUB_MODEL,
    ]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output + repr(result.exception)


def test_cli_second_make_is_free_and_says_so(
    stub: OpenAIStub, folder: Path, tmp_path: Path, cli_env: Path
) -> None:
    out = tmp_path / "event.json"
    base = make_args(stub, folder, out)
    code, _ = run(*base)
    assert code == 0 and stub.count == N
    code, output = run(*base)
    assert code == 0 and stub.count == N
    assert f"{N} of {N} article(s) from the cache" in output
    assert "(from cache)" in output


def test_cli_no_cache_calls_the_model_every_time(
    stub: OpenAIStub, folder: Path, tmp_path: Path, cli_env: Path
) -> None:
    out = tmp_path / "event.json"
    base = make_args(stub, folder, out)
    run(*base, "--no-cache")
    run(*base, "--no-cache")
    assert stub.count == 2 * N and not cli_env.exists()
    article = str(folder / "article-000.txt")
    single = ["extract", article, "--extractor", "llm", "--base-url", stub.url, "--model", STUB_MODEL]
    run(*single)
    run(*single)
    run(*single, "--no-cache")
    assert stub.count == 2 * N + 2


def test_cache_info_and_clear(stub: OpenAIStub, folder: Path, tmp_path: Path, cli_env: Path) -> None:
    code, output = run("cache", "info")
    assert code == 0 and str(cli_env) in output and "Entries:  0" in output
    out = tmp_path / "event.json"
    run(*make_args(stub, folder, out))
    code, output = run("cache", "info")
    assert f"Entries:  {N}" in output and "KB" in output
    (cli_env / "notes.txt").write_text("someone else's file")

    code, output = run("cache", "clear")
    assert code == 0 and f"Removed {N}" in output
    assert "Entries:  0" in run("cache", "info")[1]
    assert (cli_env / "notes.txt").exists(), "clear must delete only cache entries"
    run(*make_args(stub, folder, out))
    assert stub.count == 2 * N


# -- an interrupted run resumes from the cache -------------------------------------------------


class Interrupting:
    """Wraps the LLM extractor (same cache identity) and raises KeyboardInterrupt on the n-th article."""

    name = "llm"

    def __init__(self, inner: LLMExtractor, at: int) -> None:
        self.inner, self.at, self.calls = inner, at, 0
        self.settings, self.prompts = inner.settings, inner.prompts

    def extract(self, article: Article) -> Extraction:
        self.calls += 1
        if self.calls == self.at:
            raise KeyboardInterrupt
        return self.inner.extract(article)


def test_interrupted_run_keeps_the_old_output_and_resumes_without_paying_twice(
    stub: OpenAIStub, folder: Path, tmp_path: Path, cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "event.json"
    out.write_text("previous sheet")
    plain = llm(stub)
    interrupting = Interrupting(plain, at=3)
    monkeypatch.setattr(pipeline, "get_extractor", lambda *a, **k: interrupting)
    code, _ = run("make", str(folder), "-o", str(out), "--jobs", "1")
    assert code != 0 and interrupting.calls == 3
    assert out.read_text() == "previous sheet", "an interrupted run must not touch the output"
    assert stub.count == 2

    monkeypatch.setattr(pipeline, "get_extractor", lambda *a, **k: plain)
    code, output = run("make", str(folder), "-o", str(out), "--jobs", "1")
    assert code == 0, output
    assert stub.count == N, "the re-run paid again for articles finished before the interrupt"
    assert len(FactSheet.model_validate_json(out.read_text()).sources) == N
