"""Cost accounting: per article and per run, from given prices or a dated table, cache hits free."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet import pipeline
from factsheet.cache import ExtractionCache
from factsheet.cli import cli
from factsheet.errors import ConfigError
from factsheet.models import Usage
from factsheet.pricing import Prices, resolve_prices
from factsheet.summary import summarise
from tests.openai_stub import STUB_KEY, STUB_MODEL, OpenAIStub, Reply, write_articles


@pytest.fixture
def stub() -> Iterator[OpenAIStub]:
    with OpenAIStub() as server:
        yield server


def test_cost_is_tokens_times_price_per_million() -> None:
    prices = Prices(0.15, 0.60, source="test")
    assert prices.cost(Usage(prompt_tokens=1_000_000, completion_tokens=500_000)) == pytest.approx(0.45)
    assert prices.cost(Usage(prompt_tokens=1200, completion_tokens=300)) == pytest.approx(0.00036)


def test_table_prices_openai_models_and_their_snapshots_only_on_openai() -> None:
    mini = resolve_prices("gpt-4o-mini", openai_endpoint=True, env={})
    assert mini is not None and (mini.input_per_million, mini.output_per_million) == (0.15, 0.60)
    assert "as of" in mini.source
    snapshot = resolve_prices("gpt-4o-mini-2024-07-18", openai_endpoint=True, env={})
    assert snapshot is not None and snapshot.input_per_million == 0.15
    big = resolve_prices("gpt-4o-2024-08-06", openai_endpoint=True, env={})
    assert big is not None and big.input_per_million == 2.50
    assert resolve_prices("gpt-4o-mini", openai_endpoint=False, env={}) is None  # a local server's name
    assert resolve_prices("some-finetune", openai_endpoint=True, env={}) is None


def test_explicit_prices_beat_the_environment_which_beats_the_table() -> None:
    env = {"FACTSHEET_PRICE_IN": "1", "FACTSHEET_PRICE_OUT": "2"}
    from_env = resolve_prices("gpt-4o-mini", openai_endpoint=True, env=env)
    assert from_env is not None and (from_env.input_per_million, from_env.output_per_million) == (1.0, 2.0)
    given = resolve_prices("gpt-4o-mini", openai_endpoint=True, price_in=3, price_out=4, env=env)
    assert given is not None and (given.input_per_million, given.output_per_million) == (3.0, 4.0)


@pytest.mark.parametrize(
    ("kwargs", "env", "named"),
    [
        ({"price_in": 1.0}, {}, "--price-out"),
        ({}, {"FACTSHEET_PRICE_OUT": "2"}, "FACTSHEET_PRICE_IN"),
        ({}, {"FACTSHEET_PRICE_IN": "cheap", "FACTSHEET_PRICE_OUT": "2"}, "FACTSHEET_PRICE_IN"),
    ],
)
def test_half_or_garbled_prices_say_what_to_fix(
    kwargs: dict[str, float], env: dict[str, str], named: str
) -> None:
    with pytest.raises(ConfigError, match=named):
        resolve_prices("m", openai_endpoint=False, env=env, **kwargs)


def test_run_cost_sums_articles_counts_retries_and_cache_hits_are_free(
    stub: OpenAIStub, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", 3)
    extractor = pipeline.get_extractor("llm", base_url=stub.url, model=STUB_MODEL, api_key=STUB_KEY, env={})
    prices = Prices(1.0, 2.0, source="test")
    cache = ExtractionCache(tmp_path / "cache")
    stub.script(Reply.error(500, retry_after=0))  # one article needs a second request, and pays for it
    sheet = pipeline.make(tmp_path / "a", extractor=extractor, prices=prices, cache=cache, jobs=1)

    per_article = [s.usage for s in sheet.sources]
    assert all(u is not None and u.cost_usd for u in per_article)
    assert sorted(u.requests for u in per_article if u) == [1, 1, 2]
    run = sheet.run.usage
    assert run.requests == 4 and run.cached == 0
    expected = (run.prompt_tokens * 1.0 + run.completion_tokens * 2.0) / 1_000_000
    assert run.cost_usd == pytest.approx(expected, abs=1e-6)
    assert run.cost_usd == pytest.approx(sum(u.cost_usd or 0 for u in per_article if u), abs=1e-6)
    assert f"cost: ${run.cost_usd:.4f}" in summarise(sheet)

    again = pipeline.make(tmp_path / "a", extractor=extractor, prices=prices, cache=cache)
    assert again.run.usage.cost_usd == 0.0 and again.run.usage.cached == 3 and again.run.usage.requests == 0
    assert "3 of 3 article(s) from the cache at no cost" in summarise(again)


def test_without_a_price_the_cost_is_unknown_not_zero(stub: OpenAIStub, tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 2)
    extractor = pipeline.get_extractor("llm", base_url=stub.url, model=STUB_MODEL, api_key=STUB_KEY, env={})
    sheet = pipeline.make(tmp_path / "a", extractor=extractor)
    assert sheet.run.usage.requests == 2 and sheet.run.usage.cost_usd is None
    assert "cost: unknown" in summarise(sheet)


def test_cli_prices_show_per_article_and_in_the_summary(
    stub: OpenAIStub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTSHEET_CACHE_DIR", str(tmp_path / "cache"))
    write_articles(tmp_path / "a", 2)
    args = ["make", str(tmp_path / "a"), "-o", str(tmp_path / "e.json"), "--extractor", "llm"]
    args += ["--base-url", stub.url, "--model", STUB_MODEL, "--price-in", "1", "--price-out", "2"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.count("(1 request, ") == 2 and "$0.00" in result.output
    assert "cost: $" in result.output
