"""How right an extractor is, field by field, on folders of articles with a gold file each.

With no arguments it scores the offline extractor on the five seeds against
gold/seeds.gold.json. Give more pairs to score your own material; --extractor llm scores
the configured model instead (same settings as `factsheet make`). Run:

    python benchmarks/bench_accuracy.py [FOLDER GOLD ...] [--extractor offline|llm|auto]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from factsheet import pipeline
from factsheet.errors import FactsheetError
from factsheet.extractors.base import Extractor
from factsheet.score import Gold, load_gold, render_score, score

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [str(ROOT / "seeds"), str(ROOT / "gold" / "seeds.gold.json")]


def bench(folder: Path, gold_path: Path, gold: Gold, extractor: Extractor, repeat: int) -> tuple[int, int]:
    """Score one folder and time it; returns (right, scored) for the overall line."""
    start = time.perf_counter()
    sheet = pipeline.make([folder], extractor=extractor)
    cold = time.perf_counter() - start
    result = score(sheet, gold)
    articles = len(sheet.sources) + len(sheet.failures)
    print(f"== {folder} against {gold_path}")
    print(render_score(result))
    # The first run pays for lazy loading (date-parser data, regex caches); later runs are the steady cost.
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        pipeline.make([folder], extractor=extractor)
        warm.append(time.perf_counter() - start)
    speed = f"{articles} articles: first run {cold:.2f} s = {articles / cold:.1f} articles/s"
    if warm:
        median = statistics.median(warm)
        speed += f"; warm (median of {repeat}) {median:.2f} s = {articles / median:.1f} articles/s"
    print(speed + " (ingest + extract + merge)\n")
    return result.counts["right"], result.scored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="*", metavar="FOLDER GOLD", help="article folder, then its gold file")
    parser.add_argument("--extractor", choices=["offline", "llm", "auto"], default="offline")
    parser.add_argument(
        "--repeat",
        type=int,
        help="warm timing runs per folder; default 3 offline, 0 otherwise (model calls cost)",
    )
    args = parser.parse_args(argv)
    pairs = args.pairs or DEFAULT
    repeat = args.repeat if args.repeat is not None else (3 if args.extractor == "offline" else 0)
    if len(pairs) % 2:
        parser.error("give each folder followed by its gold file")
    try:
        jobs = [(Path(pairs[i]), Path(pairs[i + 1])) for i in range(0, len(pairs), 2)]
        golds = [load_gold(gold) for _, gold in jobs]  # a typo in a gold file fails before any extraction
        extractor = pipeline.get_extractor(args.extractor)
        start = time.perf_counter()
        from factsheet.extractors.offline.gazetteer import gazetteer

        gazetteer()  # loaded once per process: timed apart so articles/s is per-article cost
        print(f"gazetteer load (once per process): {time.perf_counter() - start:.2f} s\n")
        totals = [
            bench(folder, gold_path, gold, extractor, repeat)
            for (folder, gold_path), gold in zip(jobs, golds, strict=True)
        ]
    except FactsheetError as exc:
        print(f"bench_accuracy: {exc}", file=sys.stderr)
        return 2
    right = sum(t[0] for t in totals)
    scored = sum(t[1] for t in totals)
    if len(totals) > 1 and scored:
        print(f"overall: {right}/{scored} = {100 * right / scored:.1f}% right over {len(totals)} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
