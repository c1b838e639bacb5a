"""How fast the offline extractor reads articles: the seeds, then a large synthetic batch.

The batch recombines the seeds' sentences into 1,000 new articles of 10 to 40 sentences,
so its text looks like news but no article repeats. Run:

    python benchmarks/bench_offline.py [--articles 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import time
from pathlib import Path

from factsheet.extractors.offline import extract_offline
from factsheet.extractors.offline.gazetteer import gazetteer
from factsheet.extractors.offline.sentences import split_sentences
from factsheet.models import Article

ROOT = Path(__file__).resolve().parent.parent


def make_article(ident: str, text: str) -> Article:
    return Article(
        id=ident,
        path=f"{ident}.txt",
        text=text,
        outlet=ident,
        outlet_origin="filename",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


def seed_articles() -> list[Article]:
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    return [make_article(p.stem, p.read_text(encoding="utf-8")) for p in paths]


def synthetic_articles(seeds: list[Article], count: int, rng: random.Random) -> list[Article]:
    pool = [s.text for a in seeds for s in split_sentences(a.text)]
    out = []
    for n in range(count):
        k = rng.randint(10, 40)
        paragraphs = rng.sample(pool, k=min(k, len(pool)))
        out.append(make_article(f"synthetic-{n:04d}", "\n\n".join(paragraphs)))
    return out


def run(articles: list[Article]) -> list[float]:
    times = []
    for a in articles:
        start = time.perf_counter()
        extract_offline(a)
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float]) -> None:
    total = sum(times)
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(
        f"{label:>10}: {len(times):5d} articles in {total:7.2f} s = {len(times) / total:7.1f} articles/s; "
        f"mean {statistics.mean(ms):6.1f} ms, median {statistics.median(ms):6.1f} ms, p95 {p95:6.1f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    gazetteer()
    print(f"gazetteer load (once per process): {time.perf_counter() - start:.2f} s")
    seeds = seed_articles()
    run(seeds)  # warm the regex caches
    report("seeds", run(seeds * 20))
    report("synthetic", run(synthetic_articles(seeds, args.articles, random.Random(args.seed))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
