"""How well a feed of many strikes is split into one sheet per strike, and how fast.

Three measurements:

  1. Feed: every dev-set event (eval/, with the seeds in their strike's folder) written
     into one folder, run through `make --split` (factsheet.make_events), and the groups
     scored against the event folders as B-cubed precision, recall and F1. Articles left
     unassigned count as groups of one. Two runs: (a) the careful readings served through
     the LLM path (as benchmarks/bench_events.py does), (b) the offline extractor.
  2. Strays: for each event, one article of the next event (in date order) is put in its
     folder and `make` (no --split) is run: the stray must be kept out of the vote with a
     reason, and no article of the event itself may be.
  3. Scale: 10,000 extractions built in memory from the dev-set readings, copied with
     shifted dates and other places (about three strikes a day over eighteen months), grouped
     by the grouping stage alone; prints the time, the pairs compared and B-cubed.

    python benchmarks/bench_grouping.py [--only llm|offline] [--skip-feed] [--skip-strays]
                                        [--skip-scale] [--scale N] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "eval"), str(ROOT / "benchmarks")]

import devset  # noqa: E402
from bench_events import _answers, _seed_answers, _served, write_folder  # noqa: E402

from factsheet import pipeline  # noqa: E402
from factsheet.extractors.base import Extractor  # noqa: E402
from factsheet.grouping.cluster import candidate_pairs, cluster  # noqa: E402
from factsheet.grouping.profile import build_profiles  # noqa: E402
from factsheet.grouping.text import COMMON_WORDS as _COMMON  # noqa: E402
from factsheet.models import Extraction, Feed, TextValue  # noqa: E402
from tests.openai_stub import STUB_KEY, STUB_MODEL, OpenAIStub  # noqa: E402

MODES = ("llm", "offline")


# ---- B-cubed ----------------------------------------------------------------------------------


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin 1998) over the items of `gold`."""
    clusters: dict[Hashable, set[str]] = defaultdict(set)
    classes: dict[Hashable, set[str]] = defaultdict(set)
    for item in gold:
        clusters[predicted[item]].add(item)
        classes[gold[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, truth = clusters[predicted[item]], classes[gold[item]]
        shared = len(mine & truth)
        precision += shared / len(mine)
        recall += shared / len(truth)
    n = len(gold)
    precision, recall = precision / n, recall / n
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def labels(feed: Feed) -> dict[str, Hashable]:
    """Each input path's group: its sheet, or a group of its own when it is in none."""
    out: dict[str, Hashable] = {}
    for event in feed.events:
        for source in event.sheet.sources:
            out[source.path] = event.slug
    for item in [*feed.unassigned, *feed.failures]:
        out[item.path] = ("alone", item.path)
    return out


# ---- the dev set on disk ------------------------------------------------------------------------


def write_events(root: Path) -> tuple[dict[str, str], list[dict[str, Any]], list[str]]:
    """Every rebuilt event into root/<event>/; (path -> event, served answers, events skipped)."""
    truth: dict[str, str] = {}
    answers: list[Any] = []
    skipped = []
    for event in devset.events():
        folder = root / event
        folder.mkdir()
        refs = write_folder(event, folder)
        if not refs:
            skipped.append(event)
            shutil.rmtree(folder)
            continue
        answers += _answers(refs)
        if devset.with_seeds(event):
            answers += _seed_answers()
        for path in folder.iterdir():
            truth[str(path)] = event
    return truth, answers, skipped


def run_with(mode: str, answers: list[Any], fn: Callable[[Extractor], Any]) -> Any:
    """Call `fn` with the offline extractor, or with the LLM extractor against a stub serving the readings."""
    if mode == "offline":
        return fn(pipeline.get_extractor("offline"))
    with OpenAIStub(answer=_served(answers)) as stub:
        extractor = pipeline.get_extractor(
            "llm", base_url=stub.url, model=STUB_MODEL, api_key=STUB_KEY, mode="json_schema"
        )
        return fn(extractor)


def feed_benchmark(modes: list[str], verbose: bool) -> None:
    print("== 1. One folder of every dev-set event and the seeds, `make --split`, B-cubed against the events")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        truth, answers, skipped = write_events(root)
        if skipped:
            print(f"   not rebuilt, skipped (see eval/README.md): {', '.join(skipped)}")
        events = sorted(set(truth.values()))
        english = {p for p in truth if _language(p) == "en"}
        print(f"   {len(truth)} articles, {len(events)} events")
        splits = json.loads((devset.ROOT / "splits.json").read_text(encoding="utf-8"))
        for mode in modes:
            started = time.perf_counter()
            feed = run_with(mode, answers, lambda ex: pipeline.make_events([root], extractor=ex, jobs=4))
            seconds = time.perf_counter() - started
            predicted = labels(feed)
            p, r, f = bcubed(predicted, truth)
            kinds = Counter(u.kind for u in feed.unassigned)
            name = "(a) readings, LLM path" if mode == "llm" else "(b) offline extractor"
            print(
                f"   {name:24} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   {len(feed.events)} sheets for "
                f"{len(events)} events; unassigned {len(feed.unassigned)} {dict(sorted(kinds.items()))}; "
                f"{seconds:.1f} s (read + group + merge)"
            )
            if english != set(truth):
                sub = {k: v for k, v in truth.items() if k in english}
                p, r, f = bcubed(predicted, sub)
                print(f"   {'':24} English articles only: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
            for half in [h for h in splits if not h.startswith("_")]:
                members = set(splits.get(half, []))
                sub = {k: v for k, v in truth.items() if v in members}
                if sub:
                    p, r, f = bcubed(predicted, sub)
                    print(f"   {'':24} {half + ' events:':22} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
            _report_mistakes(predicted, truth, verbose)


def _language(path: str) -> str:
    """A record's language; the seeds are plain-text English files."""
    if not path.endswith(".json"):
        return "en"
    return str(json.loads(Path(path).read_text(encoding="utf-8")).get("language") or "en")


def _report_mistakes(predicted: Mapping[str, Hashable], truth: Mapping[str, str], verbose: bool) -> None:
    by_group: dict[Hashable, list[str]] = defaultdict(list)
    for path, group in predicted.items():
        by_group[group].append(path)
    mixed = [g for g, paths in by_group.items() if len({truth[p] for p in paths if p in truth}) > 1]
    events = sorted(set(truth.values()))
    split = [e for e in events if len({predicted[p] for p in truth if truth[p] == e}) > 1]
    print(f"   {'':24} sheets mixing events: {len(mixed)}; events spread over several sheets: {len(split)}")
    if verbose:
        for g in mixed:
            print(f"     mixed {g}: {Counter(truth[p] for p in by_group[g])}")
        for e in split:
            spread = Counter(str(predicted[p])[:60] for p in truth if truth[p] == e)
            print(f"     spread {e}: {dict(spread)}")


# ---- strays ---------------------------------------------------------------------------------------


def strays_benchmark(modes: list[str], verbose: bool) -> None:
    print("\n== 2. One article of the next event put into each event's folder, `make` without --split")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "events"
        root.mkdir()
        truth, answers, _ = write_events(root)
        events = sorted(set(truth.values()))
        for mode in modes:
            caught = not_read = missed = 0
            wrongly = []
            for i, event in enumerate(events):
                donor = events[(i + 1) % len(events)]
                donated = sorted(p for p, e in truth.items() if e == donor)
                stray = Path(donated[i % len(donated)])
                folder = Path(tmp) / f"{mode}-{i}"
                shutil.copytree(root / event, folder)
                moved = folder / f"zz-stray-{stray.name}"
                shutil.copy(stray, moved)
                sheet = run_with(mode, answers, lambda ex, f=folder: pipeline.make([f], extractor=ex))
                out = {f.path: f.message for f in sheet.failures if f.error == pipeline.ANOTHER_STRIKE}
                source = next((s for s in sheet.sources if s.path == str(moved)), None)
                if str(moved) in out:
                    caught += 1
                    if verbose:
                        print(f"     {event} <- {donor}: {out[str(moved)]}")
                elif source is not None and not source.is_strike:
                    not_read += 1  # left out of the vote already: the extractor read no strike in it
                else:
                    missed += 1
                    print(f"     MISSED {event} <- {donor}/{stray.name}")
                wrongly += [f"{event}/{Path(p).name}" for p in out if p != str(moved)]
                shutil.rmtree(folder)
            name = "(a) readings, LLM path" if mode == "llm" else "(b) offline extractor"
            print(
                f"   {name:24} strays excluded with a reason {caught}/{len(events)}; not read (no vote "
                f"anyway) {not_read}; missed {missed}; own articles wrongly excluded {len(wrongly)}"
            )
            for path in wrongly:
                print(f"     wrongly excluded (its reading states another date or place): {path}")


# ---- scale ------------------------------------------------------------------------------------------

# Places the synthetic copies are moved to: (city, country), all in the gazetteer.
_PLACES = [
    ("Aleppo", "Syria"), ("Homs", "Syria"), ("Idlib", "Syria"), ("Deir ez-Zor", "Syria"), ("Mosul", "Iraq"),
    ("Baghdad", "Iraq"), ("Basra", "Iraq"), ("Kirkuk", "Iraq"), ("Sanaa", "Yemen"), ("Aden", "Yemen"),
    ("Taiz", "Yemen"), ("Hodeidah", "Yemen"), ("Gaza", "Palestinian Territory"),
    ("Khan Yunis", "Palestinian Territory"), ("Rafah", "Palestinian Territory"), ("Beirut", "Lebanon"),
    ("Tyre", "Lebanon"), ("Sidon", "Lebanon"), ("Kharkiv", "Ukraine"), ("Odesa", "Ukraine"),
    ("Kyiv", "Ukraine"), ("Dnipro", "Ukraine"), ("Zaporizhzhia", "Ukraine"), ("Kherson", "Ukraine"),
    ("Kabul", "Afghanistan"), ("Kandahar", "Afghanistan"), ("Peshawar", "Pakistan"), ("Quetta", "Pakistan"),
    ("Tripoli", "Libya"), ("Benghazi", "Libya"), ("Mogadishu", "Somalia"), ("Khartoum", "Sudan"),
]  # fmt: skip


def _tag(copy: int) -> str:
    """'a', 'b', ... 'ba': a copy's own suffix for names."""
    letters = ""
    copy += 1
    while copy:
        copy, rest = divmod(copy - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _renamed(text: str, tag: str) -> str:
    """Names and figures made the copy's own: another strike names other people and places, and
    has another toll. Capitalised words and words of scripts without capitals get the copy's
    suffix; numbers of two digits or more are shifted."""
    shift = 1000 * (len(tag) * 26 + ord(tag[-1]) - ord("a") + 1)

    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        if word[0].isdigit():
            return str(int(word) + shift)
        return word if word.lower() in _COMMON else word + tag

    return _RENAMED.sub(one, text)


_RENAMED = re.compile(r"\b[A-Z][a-z]{2,}\b|\b\d{2,}\b|\b[^\W\d_A-Za-z]{4,}\b")


def _shift(e: Extraction, days: int, place: tuple[str, str], copy: int) -> Extraction:
    """A copy of one reading as the report of another strike: dates moved, place, names and text changed."""
    tag = _tag(copy)
    event = e.event
    updates: dict[str, Any] = {}
    if event.date is not None and event.date.canonical and len(event.date.canonical) == 10:
        moved = date.fromisoformat(event.date.canonical) + timedelta(days=days)
        updates["date"] = event.date.model_copy(update={"canonical": moved.isoformat(), "weekday": None})
    elif event.date is not None:
        unknown = {"canonical": None, "weekday": None, "precision": "unknown"}
        updates["date"] = event.date.model_copy(update=unknown)
    for name, value in (("city", place[0]), ("country", place[1])):
        old = getattr(event, name)
        if old is not None:
            updates[name] = TextValue(text=value, evidence=old.evidence, canonical=value)
    if event.killed is not None:
        figures = {
            k: None if v is None else v + 3 * copy for k, v in event.killed.casualties().model_dump().items()
        }
        updates["killed"] = event.killed.model_copy(update=figures)
    for name in ("target_organisation", "district"):
        old = getattr(event, name)
        if old is not None and old.canonical:
            updates[name] = old.model_copy(update={"canonical": _renamed(old.canonical, tag)})
    renamed_people = []
    for person in event.people:
        names = {
            "text": _renamed(person.text, tag),
            "canonical": _renamed(person.canonical or person.text, tag),
        }
        renamed_people.append(
            person.model_copy(update={**names, "aliases": [_renamed(a, tag) for a in person.aliases]})
        )
    updates["people"] = renamed_people
    if event.target_person is not None:
        person = event.target_person
        names = {
            "text": _renamed(person.text, tag),
            "canonical": _renamed(person.canonical or person.text, tag),
        }
        updates["target_person"] = person.model_copy(update=names)
    published = e.article.published
    if published:
        published = (date.fromisoformat(published[:10]) + timedelta(days=days)).isoformat()
    article = e.article.model_copy(
        update={
            "id": f"{e.article.id}-{copy}",
            "path": f"{copy}/{e.article.path}",
            "published": published,
            "text": _renamed(e.article.text, tag),
        }
    )
    return e.model_copy(update={"article": article, "event": event.model_copy(update=updates)})


def scale_benchmark(n: int) -> None:
    print(f"\n== 3. Grouping {n:,} extractions built in memory (the grouping stage alone, one process)")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        truth, answers, _ = write_events(root)

        def read(ex: Extractor) -> list[Extraction]:
            return pipeline.extract_all([root], ex, jobs=4)[0]

        base = run_with("llm", answers, read)
    by_event: dict[str, list[Extraction]] = defaultdict(list)
    for e in base:
        by_event[truth[e.article.path]].append(e)
    events = sorted(by_event)
    extractions: list[Extraction] = []
    gold: dict[str, str] = {}
    copy = 0
    while len(extractions) < n:
        for k, event in enumerate(events):
            place = _PLACES[(copy * 7 + k) % len(_PLACES)]
            days = 9 * copy + 3 * (k % 3)
            for e in by_event[event]:
                if len(extractions) >= n:
                    break
                shifted = _shift(e, days, place, copy)
                extractions.append(shifted)
                gold[shifted.article.path] = f"{event}#{copy}"
        copy += 1
    started = time.perf_counter()
    profiles = build_profiles(extractions)
    profiled = time.perf_counter()
    strikes = [p for p in profiles if p.is_strike]
    groups = cluster(strikes)
    finished = time.perf_counter()
    pairs = len(candidate_pairs(strikes))
    predicted: dict[str, Hashable] = {}
    for g in groups:
        for i in g.members:
            predicted[extractions[i].article.path] = g.members[0]
    for p in profiles:
        predicted.setdefault(extractions[p.index].article.path, ("alone", p.index))
    precision, recall, f1 = bcubed(predicted, gold)
    span = (copy * 9) // 30
    all_pairs = len(strikes) * (len(strikes) - 1) // 2
    print(
        f"   {len(extractions):,} articles, {len(set(gold.values())):,} strikes over about {span} months: "
        f"grouped in {finished - started:.1f} s (profiles {profiled - started:.1f} s, pairs and joining "
        f"{finished - profiled:.1f} s); {pairs:,} pairs compared of {all_pairs:,}"
    )
    print(f"   B-cubed on the synthetic strikes: P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=MODES)
    parser.add_argument("--skip-feed", action="store_true")
    parser.add_argument("--skip-strays", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--scale", type=int, default=10_000, help="articles in the scale run")
    parser.add_argument("--verbose", "-v", action="store_true", help="name every mistake and reason")
    args = parser.parse_args(argv)
    modes = [args.only] if args.only else list(MODES)
    if not args.skip_feed:
        feed_benchmark(modes, args.verbose)
    if not args.skip_strays:
        strays_benchmark(modes, args.verbose)
    if not args.skip_scale:
        scale_benchmark(args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
