"""Throughput of `make` against a model endpoint with fixed latency, versus a naive loop.

A local OpenAI-compatible stub (tests/openai_stub.py, in its own process so it does not
share a GIL with the client) answers every request after --latency seconds with a canned,
valid answer. For 5, 100 and 1,000 synthetic articles (seed sentences recombined, plus the
paragraph the canned answer quotes, so every article verifies in one request) it measures:

- the pipeline (ingest, parallel extraction, verify, normalise, offline cross-check, merge),
  first with an empty cache, then again from the cache;
- a naive loop: one instructor call per article, sequential, nothing else. For large runs
  it is measured on --naive-sample articles and extrapolated (said so in the output).

Each measurement runs in a fresh child process, so peak memory (ru_maxrss) is its own.
Last, the merge alone on 10,000 extractions copied from real ones (the seeds read offline):
it is measured on growing subsets and, if the projection exceeds --merge-budget seconds,
extrapolated instead of run (said so in the output).

    python benchmarks/bench_throughput.py [--latency 0.05] [--jobs 4] [--sizes 5,100,1000]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tests.openai_stub and tests.fakes

STUB_MODEL = "stub-model"
STEP_CAP = 30.0
STUB_KEY = "sk-stub-not-a-secret"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


# -- articles ------------------------------------------------------------------------------------


def write_articles(folder: Path, count: int, seed: int = 7) -> None:
    from factsheet.extractors.offline.sentences import split_sentences
    from factsheet.ingest import ingest
    from tests.fakes import FAKE_ARTICLE_TEXT

    seeds, _ = ingest([ROOT / "seeds"])
    pool = [s.text for a in seeds for s in split_sentences(a.text)]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        body = rng.sample(pool, k=min(rng.randint(10, 40), len(pool)))
        text = "\n\n".join([FAKE_ARTICLE_TEXT, *body, f"(Report {n}.)"])
        (folder / f"article-{n:04d}.txt").write_text(text, encoding="utf-8")


# -- child processes -----------------------------------------------------------------------------


def stub_requests(base_url: str) -> int:
    root = base_url.rsplit("/v1", 1)[0]
    with urllib.request.urlopen(f"{root}/_stub/stats") as reply:
        return int(json.load(reply)["requests"])


def project(times: dict[int, float], size: int) -> tuple[float, float]:
    """Fit t = c * n^k through every measured point (least squares in log-log); k and t(size)."""
    xs = [math.log(n) for n in times]
    ys = [math.log(t) for t in times.values()]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    k = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    return k, math.exp(my + k * (math.log(size) - mx))


def child_make(
    folder: Path, base_url: str, jobs: int, cache_dir: Path, merge_budget: float
) -> dict[str, Any]:
    from factsheet import pipeline
    from factsheet.cache import ExtractionCache
    from factsheet.consensus import merge_extractions
    from tests.fakes import fake_article

    extractor = pipeline.get_extractor("llm", base_url=base_url, model=STUB_MODEL, api_key=STUB_KEY, env={})
    baseline = rss_mb()
    # Once per process: lazy imports, the gazetteer, the first connection. Timed on its own.
    start = time.perf_counter()
    pipeline.extract(fake_article(), extractor)
    startup = time.perf_counter() - start
    before = stub_requests(base_url)
    paths = sorted(folder.glob("*.txt"))
    cache = ExtractionCache(cache_dir)
    start = time.perf_counter()
    extractions, failures = pipeline.extract_all(paths, extractor, cache=cache, jobs=jobs)
    extract_wall = time.perf_counter() - start
    requests = stub_requests(base_url) - before

    # The merge is measured on growing subsets first, so a slow one is projected, not waited for.
    merge_times: dict[int, float] = {}
    sizes = [n for n in (50, 100, 200) if n < len(extractions)] + [len(extractions)]
    projected = None
    for size in sizes:
        if len(merge_times) >= 3:
            exponent, guess = project(merge_times, size)
            if guess > merge_budget:
                projected = (guess, exponent)
                break
        t = time.perf_counter()
        merge_extractions(extractions[:size])
        merge_times[size] = time.perf_counter() - t
    merge_full = merge_times.get(len(extractions))
    return {
        "articles": len(paths),
        "failures": len(failures),
        "startup": startup,
        "extract_wall": extract_wall,
        "merge_wall": merge_full,
        "merge_projected": projected,
        "merge_times": merge_times,
        "requests": requests,
        "cached": sum(1 for e in extractions if e.usage.cached),
        "cache_write_errors": len(cache.write_errors),
        "rss_baseline": baseline,
        "rss_peak": rss_mb(),
    }


def child_naive(folder: Path, base_url: str, limit: int) -> dict[str, Any]:
    """The loop a first script would be: one instructor call per article, in turn, nothing more."""
    import instructor
    import openai

    from factsheet.extractors.llm_schema import StrikeAnswer
    from factsheet.ingest import ingest
    from factsheet.prompts import load_prompts

    prompts = load_prompts()
    client = instructor.from_openai(
        openai.OpenAI(base_url=base_url, api_key=STUB_KEY), mode=instructor.Mode.JSON_SCHEMA
    )
    articles, _ = ingest(sorted(folder.glob("*.txt"))[:limit])
    baseline = rss_mb()
    before = stub_requests(base_url)
    start = time.perf_counter()
    for article in articles:
        client.chat.completions.create(
            model=STUB_MODEL,
            response_model=StrikeAnswer,
            messages=[
                {"role": "system", "content": prompts.system_message()},
                {"role": "user", "content": prompts.user_message(article)},
            ],
        )
    wall = time.perf_counter() - start
    return {
        "articles": len(articles),
        "wall": wall,
        "requests": stub_requests(base_url) - before,
        "rss_baseline": baseline,
        "rss_peak": rss_mb(),
    }


def child_merge(target: int, budget: float) -> dict[str, Any]:
    from factsheet import pipeline
    from factsheet.consensus import merge_extractions
    from factsheet.extractors.offline import OfflineExtractor
    from factsheet.ingest import ingest

    seeds, _ = ingest([ROOT / "seeds"])
    real = [pipeline.prepare(OfflineExtractor().extract(a)) for a in seeds]

    def copies(n: int) -> list[Any]:
        out = []
        for i in range(n):
            e = real[i % len(real)]
            article = e.article.model_copy(
                update={"id": f"{e.article.id}-{i:05d}", "path": f"copy-{i:05d}.txt"}
            )
            out.append(e.model_copy(update={"article": article}))
        return out

    # Double the size while the next step should take under STEP_CAP seconds (quadratic guess).
    times: dict[int, float] = {}
    size = 25
    while size < target:
        t = time.perf_counter()
        merge_extractions(copies(size))
        times[size] = time.perf_counter() - t
        if len(times) >= 3 and times[size] * 4 > STEP_CAP:
            break
        size *= 2
    if len(times) < 3:
        t = time.perf_counter()
        merge_extractions(copies(target))
        measured = time.perf_counter() - t
        return {
            "times": times,
            "exponent": 0.0,
            "projection": 0.0,
            "measured": measured,
            "rss_peak": rss_mb(),
        }
    exponent, projection = project(times, target)
    measured = None
    if projection <= budget:
        t = time.perf_counter()
        merge_extractions(copies(target))
        measured = time.perf_counter() - t
    return {
        "times": times,
        "exponent": exponent,
        "projection": projection,
        "measured": measured,
        "rss_peak": rss_mb(),
    }


def run_child(*args: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the parent ----------------------------------------------------------------------------------


def start_stub(latency: float) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.openai_stub", "--latency", str(latency)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith("URL "):
        process.kill()
        raise SystemExit(f"the stub did not start: {line!r}")
    return process, line.split()[1]


HEADER = (
    f"{'articles':>8}  {'run':<16} {'wall s':>8} {'startup s':>9} {'extract s':>9} {'merge s':>8} "
    f"{'requests':>8} {'ms/article':>10} {'peak RSS MB':>14}  {'vs naive':>8}"
)


def bench_size(
    size: int, folder: Path, cache: Path, url: str, args: argparse.Namespace, notes: list[str]
) -> None:
    """One naive row and two pipeline rows (empty cache, then cached) for `size` articles."""
    sample = min(size, args.naive_sample)
    naive = run_child("naive", str(folder), url, str(sample))
    naive_total = naive["wall"] * size / naive["articles"]
    extrapolated = sample < size
    if extrapolated:
        notes.append(
            f"naive loop for {size} articles: measured on {sample} ({naive['wall']:.2f} s), "
            f"extrapolated x{size / sample:g}"
        )
    requests = naive["requests"] * size // naive["articles"]
    print(
        f"{size:>8}  {'naive loop':<16} {naive_total:>8.2f} {'-':>9} {naive_total:>9.2f} {'-':>8} "
        f"{requests:>8} {naive_total / size * 1000:>10.1f} "
        f"{naive['rss_peak']:>6.0f} [{naive['rss_baseline']:>4.0f}]  {'1.00x':>8}"
        + ("  (extrapolated)" if extrapolated else "")
    )
    for label in ("pipeline", "pipeline, cached"):
        r = run_child("make", str(folder), url, str(args.jobs), str(cache), str(args.merge_budget))
        merge = r["merge_wall"]
        if merge is None:
            merge, exponent = r["merge_projected"]
            shown = f"~{merge:.0f}*"
            times = ", ".join(f"{int(n)}: {t:.2f} s" for n, t in sorted(r["merge_times"].items(), key=_size))
            notes.append(
                f"* merge of {size} extractions not run: projected {merge:.0f} s from {times} "
                f"(fitted: time grows as n^{exponent:.2f}); wall s includes the projection"
            )
        else:
            shown = f"{merge:.2f}"
        wall = r["startup"] + r["extract_wall"] + merge
        print(
            f"{size:>8}  {label:<16} {wall:>8.2f} {r['startup']:>9.2f} {r['extract_wall']:>9.2f} {shown:>8} "
            f"{r['requests']:>8} {r['extract_wall'] / size * 1000:>10.1f} "
            f"{r['rss_peak']:>6.0f} [{r['rss_baseline']:>4.0f}]  {naive_total / r['extract_wall']:>7.2f}x"
        )
        if r["failures"]:
            notes.append(f"{label} on {size}: {r['failures']} article(s) failed")
        if label.endswith("cached"):
            notes.append(f"{label} on {size}: {r['cached']} of {size} article(s) read from the cache")
        if r["cache_write_errors"]:
            notes.append(f"{label} on {size}: {r['cache_write_errors']} cache write error(s)")


def _size(item: tuple[str, float]) -> int:
    return int(item[0])


def bench_merge(target: int, budget: float) -> None:
    print(f"\nMerge alone, {target:,} extractions copied from the 5 seeds read offline:")
    m = run_child("merge", str(target), str(budget))
    for n, t in sorted(m["times"].items(), key=_size):
        print(f"  {int(n):>6,} extractions: {t:8.2f} s")
    if m["measured"] is not None:
        print(f"  {target:>6,} extractions: {m['measured']:8.2f} s (measured)")
    else:
        print(
            f"  {target:>6,} extractions: ~{m['projection']:,.0f} s PROJECTED, not run "
            f"(fit over the sizes above: time grows as n^{m['exponent']:.2f}; over the {budget:g} s budget)"
        )
    print(f"  peak RSS {m['rss_peak']:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.05, help="seconds the stub waits before answering")
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--sizes", default="5,100,1000")
    parser.add_argument("--naive-sample", type=int, default=100, help="articles the naive loop is timed on")
    parser.add_argument(
        "--merge-budget", type=float, default=120.0, help="seconds before a merge is projected"
    )
    parser.add_argument("--merge-target", type=int, default=10_000, help="0 skips the merge benchmark")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        kind, *rest = args.child
        if kind == "make":
            result = child_make(Path(rest[0]), rest[1], int(rest[2]), Path(rest[3]), float(rest[4]))
        elif kind == "naive":
            result = child_naive(Path(rest[0]), rest[1], int(rest[2]))
        else:
            result = child_merge(int(rest[0]), float(rest[1]))
        print(json.dumps(result))
        return 0

    latency_ms = args.latency * 1000
    print(f"bench_throughput: stub latency {latency_ms:.0f} ms, --jobs {args.jobs}, {os.cpu_count()} cores")
    print("Each row is a fresh process; peak RSS is followed by the RSS after imports [in brackets].\n")
    print(HEADER)
    print("-" * len(HEADER))
    notes: list[str] = []
    stub, url = start_stub(args.latency)
    try:
        with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as tmp:
            for size in [int(s) for s in args.sizes.split(",")]:
                folder = Path(tmp) / f"articles-{size}"
                write_articles(folder, size)
                bench_size(size, folder, Path(tmp) / f"cache-{size}", url, args, notes)
    finally:
        stub.terminate()
        stub.wait(timeout=10)
    print()
    print("startup = once per process (lazy imports, gazetteer, first connection), timed on one article.")
    print("ms/article and vs naive compare the extract phase: naive loop time / pipeline extract time.")
    print("The naive loop only asks the model; the pipeline also ingests, verifies, normalises and")
    print("cross-checks every article (offline reading), in the calling thread.")
    for note in notes:
        print(note)
    if args.merge_target:
        bench_merge(args.merge_target, args.merge_budget)
    return 0


if __name__ == "__main__":
    sys.exit(main())
