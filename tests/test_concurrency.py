"""Parallel extraction: faster against a slow endpoint, the same sheet, and polite on a 429.

Timings run against the local stub server with a fixed latency; the bounds are generous
(the point is ceil(N/k) x L rather than N x L, not a precise figure).
"""

from __future__ import annotations

import dataclasses
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from factsheet import pipeline
from factsheet.cache import ExtractionCache
from factsheet.concurrency import DEFAULT_LLM_JOBS, SharedBackoff, completed
from factsheet.extractors.llm import LLMExtractor
from factsheet.extractors.offline import OfflineExtractor
from factsheet.models import Article, Extraction, FactSheet
from tests.fakes import fake_article
from tests.openai_stub import STUB_KEY, STUB_MODEL, OpenAIStub, Reply, wounded_answer, write_articles


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """One article end to end first: the timed runs should not pay for lazy imports and tables."""
    with OpenAIStub() as server:
        pipeline.extract(fake_article(), llm(server))


@pytest.fixture
def stub() -> Iterator[OpenAIStub]:
    with OpenAIStub(answer=wounded_answer) as server:
        yield server


def llm(stub: OpenAIStub) -> LLMExtractor:
    # The mode is given: with --mode auto the first request of a run goes alone, as the probe
    # (tests/test_llm_discovery.py), which is not what these timings measure.
    extractor = pipeline.get_extractor(
        "llm", base_url=stub.url, model=STUB_MODEL, api_key=STUB_KEY, mode="json_schema", env={}
    )
    assert isinstance(extractor, LLMExtractor)
    return extractor


def without_usage(sheet: FactSheet) -> dict[str, Any]:
    return sheet.model_dump(exclude={"run": {"usage"}, "sources": {"__all__": {"usage"}}})


def test_n_articles_take_about_ceil_n_over_k_latencies(stub: OpenAIStub, tmp_path: Path) -> None:
    n, k, latency = 8, 4, 0.2
    stub.latency = latency
    write_articles(tmp_path, n)
    started = time.perf_counter()
    sheet = pipeline.make(tmp_path, extractor=llm(stub), jobs=k)
    elapsed = time.perf_counter() - started
    assert stub.count == n and len(sheet.sources) == n
    assert elapsed >= (n // k) * latency * 0.9
    assert elapsed < 0.6 * n * latency, f"{n} articles with {k} workers took {elapsed:.2f} s"
    usage = sheet.run.usage
    assert usage.wall_seconds is not None and usage.wall_seconds < usage.seconds


def test_parallel_sheet_and_progress_match_a_sequential_run(stub: OpenAIStub, tmp_path: Path) -> None:
    paths = write_articles(tmp_path, 8)
    sequential = pipeline.make(tmp_path, extractor=llm(stub), jobs=1)
    assert {d.field for d in sequential.disagreements} >= {"injured"}, "the articles should disagree"

    # Slow first, fast last: answers come back in a different order than they were asked.
    stub.script(*(Reply.slow(d) for d in (0.3, 0.0, 0.2, 0.0, 0.25, 0.05, 0.1, 0.0)))
    seen: list[pipeline.Progress] = []
    parallel = pipeline.make(tmp_path, extractor=llm(stub), jobs=4, on_progress=seen.append)

    assert without_usage(parallel) == without_usage(sequential)
    assert [p.done for p in seen] == list(range(1, 9)) and {p.total for p in seen} == {8}
    assert sorted(p.path for p in seen) == sorted(map(str, paths))
    assert [p.path for p in seen] != sorted(p.path for p in seen), "completion order was not scrambled"


def test_a_429_with_retry_after_holds_back_every_worker(stub: OpenAIStub, tmp_path: Path) -> None:
    pause = 0.4
    stub.latency = 0.1
    stub.script(dataclasses.replace(Reply.error(429, retry_after=pause), delay=0.0))
    write_articles(tmp_path, 4)
    sheet = pipeline.make(tmp_path, extractor=llm(stub), jobs=2)

    assert len(sheet.sources) == 4 and not sheet.failures and stub.count == 5
    limited = next(r for r in stub.requests if r.status == 429)
    later = [r.arrived - limited.answered for r in stub.requests if r.arrived > limited.answered + 0.05]
    assert later, "no request was sent after the 429"
    assert min(later) >= pause - 0.03, f"a worker sent a request {min(later):.2f} s into a {pause} s pause"


def test_interrupt_in_parallel_keeps_finished_work_for_the_rerun(stub: OpenAIStub, tmp_path: Path) -> None:
    n = 8
    write_articles(tmp_path / "articles", n)
    cache = ExtractionCache(tmp_path / "cache")
    plain = llm(stub)

    class Interrupting:
        name, settings, prompts, calls = "llm", plain.settings, plain.prompts, 0

        def extract(self, article: Article) -> Extraction:
            self.calls += 1
            if self.calls == 3:
                raise KeyboardInterrupt
            return plain.extract(article)

    with pytest.raises(KeyboardInterrupt):
        pipeline.make(tmp_path / "articles", extractor=Interrupting(), cache=cache, jobs=4)  # type: ignore[arg-type]
    for thread in threading.enumerate():  # articles in flight finish (and are cached) after the interrupt
        if thread.name.startswith("factsheet"):
            thread.join(timeout=5)
    first = stub.count
    assert 0 < first < n and cache.info().entries == first

    sheet = pipeline.make(tmp_path / "articles", extractor=plain, cache=cache, jobs=4)
    asked = [re.search(r"\((\d+)\)\.", str(r.body["messages"][-1]["content"])) for r in stub.requests]
    assert stub.count == n, "finished articles were paid for twice"
    assert len({m.group(1) for m in asked if m}) == n
    assert sheet.run.usage.cached == first and sheet.run.usage.requests == n - first


def test_default_jobs_are_parallel_only_for_a_model(stub: OpenAIStub) -> None:
    assert pipeline.default_jobs(llm(stub)) == DEFAULT_LLM_JOBS > 1
    assert pipeline.default_jobs(OfflineExtractor()) == 1


# -- the building blocks -------------------------------------------------------------------------


def test_completed_yields_every_result_with_its_index() -> None:
    items = list(range(12))
    out = dict(completed(lambda x: (time.sleep(0.01 * (x % 3)), x * x)[1], items, jobs=4))
    assert out == {i: i * i for i in items}


def test_an_exception_in_a_worker_stops_work_not_yet_started() -> None:
    started: list[int] = []

    def work(x: int) -> int:
        started.append(x)
        time.sleep(0.02)
        if x == 2:
            raise KeyboardInterrupt
        return x

    with pytest.raises(KeyboardInterrupt):
        list(completed(work, list(range(40)), jobs=2))
    time.sleep(0.1)
    assert len(started) < 10


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def response(status: int, headers: dict[str, str] | None = None, json: Any = None) -> httpx.Response:
    return httpx.Response(status, headers=headers, json=json)


def test_shared_backoff_pauses_for_the_longest_request_and_obeys_it() -> None:
    clock = FakeClock()
    backoff = SharedBackoff(clock=clock, sleep=clock.sleep)
    assert backoff.wait() == 0.0
    backoff.after_response(response(429, {"Retry-After": "2"}))
    backoff.after_response(response(429, {"retry-after-ms": "500"}))  # shorter: does not cut the pause
    assert backoff.wait() == pytest.approx(2.0) and clock.slept == [pytest.approx(2.0)]
    assert backoff.wait() == 0.0


@pytest.mark.parametrize(
    ("reply", "paused"),
    [
        (response(429), 1.0),  # no Retry-After: the default pause
        (response(503, {"Retry-After": "3"}), 3.0),
        (response(503), 0.0),  # an overloaded server without advice: per-request retries handle it
        (response(429, {"Retry-After": "2"}, {"error": {"code": "insufficient_quota"}}), 0.0),
        (response(429, {"Retry-After": "600"}), 60.0),  # capped
        (response(200, {"Retry-After": "5"}), 0.0),
    ],
)
def test_shared_backoff_reads_the_response(reply: httpx.Response, paused: float) -> None:
    clock = FakeClock()
    backoff = SharedBackoff(clock=clock, sleep=clock.sleep)
    backoff.after_response(reply)
    assert backoff.wait() == pytest.approx(paused)
