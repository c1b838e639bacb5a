"""How right the sheet is on strikes the tool has never seen: the dev set in eval/.

For every event whose article texts are rebuilt (eval/README.md), two runs:

  (a) llm:     the careful readings (eval/events/*/readings) are served by a local
               OpenAI-compatible endpoint, one answer per article, and `factsheet make
               --extractor llm` reads them exactly as it reads a model: prompt, schema,
               quote verification, normalisation, merge. This measures the merge with a
               perfect reader.
  (b) offline: the embedded offline extractor on the same files.

It prints, per event and in total, the share of scored fields right (date, country, city,
attacker, weapon, target person, target organisation, killed within the gold range), the
people found and their fates, the cross-check warnings of run (a) with how many were true
alarms, and how fast the offline extractor read. Events are grouped by eval/splits.json:
`develop` (rules are written looking at these), `opened` (held out in the first rounds,
measured, then opened for development), `held_out` (never read while writing rules) and
`multilingual`; every group is reported.

    python benchmarks/bench_events.py [--only llm|offline] [--event SLUG ...] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "eval")]

import devset  # noqa: E402

from factsheet import pipeline  # noqa: E402
from factsheet.models import EVENT_FIELDS, DateValue, Evidence, FactSheet  # noqa: E402
from factsheet.normalise.dates import normalise_date, parse_anchor  # noqa: E402
from factsheet.normalise.numbers import parse_count  # noqa: E402
from factsheet.score import Gold, load_gold, render_score, score  # noqa: E402
from tests.openai_stub import STUB_KEY, STUB_MODEL, OpenAIStub  # noqa: E402

SCORED = ("date", "country", "city", "attacker", "weapon", "target_person", "target_organisation", "killed")


@dataclass
class Tally:
    right: int = 0
    scored: int = 0
    people: int = 0
    people_found: int = 0
    fates_right: int = 0
    alarms: int = 0
    true_alarms: int = 0
    by_field: dict[str, list[int]] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.scored += other.scored
        self.people += other.people
        self.people_found += other.people_found
        self.fates_right += other.fates_right
        self.alarms += other.alarms
        self.true_alarms += other.true_alarms
        for name, (r, n) in other.by_field.items():
            mine = self.by_field.setdefault(name, [0, 0])
            mine[0] += r
            mine[1] += n

    def line(self) -> str:
        share = f"{self.right}/{self.scored} = {100 * self.right / self.scored:5.1f}%" if self.scored else "-"
        people = f"people {self.people_found}/{self.people}, fates {self.fates_right}" if self.people else ""
        return f"{share:>16}  {people}"


SEEDS = ROOT / "seeds"
HANDWRITTEN = ROOT / "tests" / "data" / "handwritten_seeds.json"
_KILL_WORDS = ("kill", "dead", "died")


def write_folder(event: str, folder: Path, languages: set[str] | None = None) -> list[devset.ArticleRef]:
    """The event's rebuilt articles as JSON records (text, outlet, publication date, language).

    `languages` keeps only articles in those languages (to score what each language adds).
    The seed strike's reports in other languages come with the five English seeds.
    """
    present = []
    for ref in devset.articles(event):
        text = ref.text()
        if text is None or (languages is not None and ref.language not in languages):
            continue
        record = {
            "outlet": ref.outlet,
            "published": ref.published,
            "url": ref.url,
            "language": ref.language,
            "text": text,
        }
        (folder / f"{ref.id}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        present.append(ref)
    if devset.with_seeds(event) and (languages is None or "en" in languages):
        for seed in sorted(SEEDS.glob("*.txt")):
            (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    return present


def _pieces(text: str) -> list[str]:
    """Six-word pieces every 25 words: enough to tell which article a request carries."""
    words = text.split()
    return [" ".join(words[i : i + 6]) for i in range(0, max(len(words) - 6, 1), 25)]


def _seed_answers() -> list[tuple[list[str], dict[str, Any]]]:
    """The seeds' careful readings: the hand-written extractions of tests/data, as answers."""
    specs = json.loads(HANDWRITTEN.read_text(encoding="utf-8"))
    out = []
    for name, spec in specs.items():
        if name.startswith("_"):
            continue
        answer: dict[str, Any] = {"is_strike": True, "people": [], "claims": []}
        for field_name in EVENT_FIELDS:
            if field_name != "target_person":  # people carry the person, below
                text, quote = spec.get(field_name, [None, None])
                answer[field_name] = {"value": text, "quote": quote}
        if "target_person" in spec:
            person, quote, role, organisation = spec["target_person"]
            killed = any(w in quote.lower() for w in _KILL_WORDS)
            answer["people"] = [
                {
                    "name": person,
                    "aliases": [],
                    "title": role,
                    "organisation": organisation,
                    "targeted": True,
                    "fate": "killed" if killed else "targeted",
                    "quote": quote,
                    "fate_quote": quote if killed else None,
                }
            ]
        answer["claims"] = [
            {"statement": c[0], "speaker": c[1], "speaker_type": c[2], "quote": c[3]}
            for c in spec.get("claims", [])
        ]
        out.append((_pieces((SEEDS / name).read_text(encoding="utf-8")), answer))
    return out


def _answers(refs: list[devset.ArticleRef]) -> list[tuple[list[str], dict[str, Any]]]:
    """Each reading with a few short pieces of its article, to know which article a request carries."""
    out = []
    for ref in refs:
        reading = devset.answer(ref)
        text = ref.text()
        if reading is not None and text is not None:
            out.append((_pieces(text), reading))
    return out


def _served(answers: list[tuple[list[str], dict[str, Any]]]) -> Any:
    def answer(body: dict[str, Any]) -> dict[str, Any]:
        messages = body.get("messages", [])
        sent = " ".join(
            " ".join(str(m.get("content", "")).split()) for m in messages if m.get("role") == "user"
        )
        hits = [(sum(p in sent for p in pieces), i) for i, (pieces, _) in enumerate(answers)]
        best, i = max(hits)
        if best == 0:
            raise LookupError("the request carries no dev-set article")
        return answers[i][1]

    return answer


def _gold_date(gold: Gold) -> date | None:
    try:
        return date.fromisoformat(gold.event.date) if gold.event.date else None
    except ValueError:
        return None


def _true_alarm(check: Any, published: str | None, gold: Gold) -> bool:
    """A cross-check is a true alarm when the model's value is wrong by the gold."""
    if check.field == "date":
        want = _gold_date(gold)
        value = normalise_date(
            DateValue(text=check.model_value, evidence=Evidence(quote=check.model_value)),
            parse_anchor(published),
        )
        if want is None:
            return False
        if value.canonical and len(value.canonical) == 10:
            return value.canonical != want.isoformat()
        return bool(value.weekday) and value.weekday.lower() != want.strftime("%A").lower()
    gold_count = getattr(gold.event, check.field, None)
    parsed = parse_count(check.model_value)
    if gold_count is None or parsed is None:
        return False
    figure = parsed[1] if parsed[1] is not None else parsed[0]
    low = gold_count.low if gold_count.low is not None else gold_count.best
    high = gold_count.high if gold_count.high is not None else gold_count.best
    return figure is not None and not ((low or 0) <= figure <= (high if high is not None else figure))


def tally(sheet: FactSheet, gold: Gold, refs: list[devset.ArticleRef], verbose: bool) -> Tally:
    result = score(sheet, gold)
    t = Tally()
    for f in result.fields:
        if f.field in SCORED and f.outcome != "unscored":
            t.scored += 1
            t.right += f.outcome == "right"
            t.by_field[f.field] = [int(f.outcome == "right"), 1]
    t.people = len(result.people)
    t.people_found = sum(p.found is not None for p in result.people)
    t.fates_right = sum(p.fate_right for p in result.people)
    published = {r.id: r.published for r in refs}
    for source in sheet.sources:
        for check in source.cross_checks:
            t.alarms += 1
            t.true_alarms += _true_alarm(check, published.get(source.id), gold)
    if verbose:
        print(render_score(result))
        for source in sheet.sources:
            for check in source.cross_checks:
                said = f"model {check.model_value!r}, its quote {check.text_value!r}"
                print(f"  cross-check {source.id} {check.field}: {said}")
    return t


def run(
    event: str, mode: str, verbose: bool, languages: set[str] | None = None
) -> tuple[Tally, int, float] | None:
    if not devset.gold_path(event).is_file() or not (devset.EVENTS / event / "sources.json").is_file():
        return None  # an event still being written: reported as not rebuilt
    gold = load_gold(devset.gold_path(event))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        refs = write_folder(event, folder, languages)
        if not any(folder.iterdir()):
            return None
        answers = _answers(refs) + (_seed_answers() if devset.with_seeds(event) else [])
        start = time.perf_counter()
        if mode == "offline":
            sheet = pipeline.make([folder], extractor=pipeline.get_extractor("offline"))
        else:
            with OpenAIStub(answer=_served(answers)) as stub:
                extractor = pipeline.get_extractor(
                    "llm", base_url=stub.url, model=STUB_MODEL, api_key=STUB_KEY, mode="json_schema"
                )
                sheet = pipeline.make([folder], extractor=extractor)
        seconds = time.perf_counter() - start
    if verbose:
        print(f"== {event} ({mode})")
    return tally(sheet, gold, refs, verbose), len(refs), seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["llm", "offline"])
    parser.add_argument("--event", action="append", help="only these events (repeatable)")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every field's score")
    args = parser.parse_args(argv)
    splits = json.loads((devset.ROOT / "splits.json").read_text(encoding="utf-8"))
    half = {e: name for name, members in splits.items() if not name.startswith("_") for e in members}
    modes = [args.only] if args.only else ["llm", "offline"]
    chosen = args.event or devset.events()
    totals = {(m, h): Tally() for m in modes for h in (*sorted(set(half.values())), "all")}
    missing = []
    offline_time = [0.0, 0]
    print(f"{'event':44} {'half':9} " + "  ".join(f"{m:>34}" for m in modes))
    for event in chosen:
        cells = []
        for mode in modes:
            got = run(event, mode, args.verbose)
            if got is None:
                cells = []
                break
            t, n, seconds = got
            if mode == "offline":
                offline_time[0] += seconds
                offline_time[1] += n
            totals[(mode, half.get(event, "?"))].add(t)
            totals[(mode, "all")].add(t)
            cells.append(f"{t.line():>34}")
        if not cells:
            missing.append(event)
            continue
        print(f"{event:44} {half.get(event, '?'):9} " + "  ".join(cells))
    multilingual = [e for e in chosen if half.get(e) == "multilingual"]
    if multilingual and "llm" in modes:
        print("\nmultilingual events, (a) llm, by the languages of the articles merged:")
        for event in multilingual:
            langs = sorted({r.language for r in devset.articles(event)} - {"en"})
            cells = []
            for label, keep in (
                ("all", None),
                ("English only", {"en"}),
                ("+".join(langs) + " only", set(langs)),
            ):
                got = run(event, "llm", False, keep)
                cells.append(f"{label}: {got[0].line().strip() if got else '-'}")
            print(f"  {event:42} " + " | ".join(cells))
    print()
    for h in sorted({k[1] for k in totals}):
        print(f"{'TOTAL ' + h:54} " + "  ".join(f"{totals[(m, h)].line():>34}" for m in modes))
    for mode in modes:
        t = totals[(mode, "all")]
        fields = ", ".join(f"{n} {r}/{k}" for n, (r, k) in sorted(t.by_field.items()))
        print(f"\n{mode}: by field: {fields}")
        if t.alarms:
            print(
                f"{mode}: cross-check warnings {t.alarms}, true alarms {t.true_alarms} "
                f"(precision {100 * t.true_alarms / t.alarms:.0f}%)"
            )
        elif mode == "llm":
            print(f"{mode}: cross-check warnings 0")
    if offline_time[1]:
        print(
            f"\noffline: {offline_time[1]} articles, {1000 * offline_time[0] / offline_time[1]:.0f} ms an "
            "article (ingest + extract + merge, one process)"
        )
    if missing:
        print(f"\nnot rebuilt (see eval/README.md): {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
