"""Hand-built FactSheets for the render tests: valid models written by a person, named as such.

`seed_sheet` is the five seed articles as a careful merge would present them (quotes from
tests/data/handwritten_seeds.json, offsets located in the real texts). `tricky_sheet` is
small and hostile: an emoji before a quote, markup in article text and in values, a
contested field, a contradiction, an unverified value, near-copies and a failure.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from factsheet.models import (
    SCHEMA_VERSION,
    Alternative,
    ArticleFailure,
    Casualties,
    ClaimGroup,
    Disagreement,
    DisagreementValue,
    EventSheet,
    FactSheet,
    QuoteRef,
    RunInfo,
    SheetField,
    Source,
)
from factsheet.models.sheet import SheetValue

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
HANDWRITTEN = ROOT / "tests" / "data" / "handwritten_seeds.json"

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'


def locate(text: str, quote: str) -> tuple[int, int, str]:
    """Code-point offsets of `quote` in `text`: exact, else with any run of whitespace (NBSP too) matching."""
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote), "exact"
    m = re.search(r"\s+".join(map(re.escape, quote.split())), text)
    if m is None:
        raise ValueError(f"sample quote not in its article: {quote!r}")
    return m.start(), m.end(), "normalised"


def ref(src: Source, quote: str) -> QuoteRef:
    assert src.text is not None
    start, end, match = locate(src.text, quote)
    return QuoteRef(outlet=src.outlet, source=src.id, quote=quote, start=start, end=end, match=match)  # type: ignore[arg-type]


def unfound(src: Source, quote: str) -> QuoteRef:
    return QuoteRef(outlet=src.outlet, source=src.id, quote=quote, match="none")


def alt(value: SheetValue | None, refs: list[QuoteRef], **kw: object) -> Alternative:
    return Alternative(
        value=value,
        outlets=sorted({r.outlet for r in refs}),
        sources=sorted({r.source for r in refs}),
        evidence=refs,
        **kw,  # type: ignore[arg-type]
    )


def three(n: int) -> Casualties:
    return Casualties(low=n, best=n, high=n)


def unknown(silent: list[str]) -> SheetField:
    return SheetField(value=None, status="unknown", silent=silent)


def run_info() -> RunInfo:
    return RunInfo(extractor="fake", tool_version="0.1.0")


# --- the seeds ------------------------------------------------------------------------------------

SEED_OUTLETS = {
    # Outlet names a reader would give these files; the first has no named outlet, so its file
    # name stands in, as ingest does.
    "000_4723f9658405ae82.txt": "000_4723f9658405ae82",
    "001_e2b87f470cf195c7.txt": "US News Hub",
    "002_47ce44c9c7986334.txt": "BBC News",
    "003_015a08b8fe344b02.txt": "NPR",
    "004_9ad3ace87a095593.txt": "The Independent",
}
SEED_TITLES = {
    "000_4723f9658405ae82.txt": "US kills Iranian-backed militia leader with drone strike in Baghdad, Iraq",
    "001_e2b87f470cf195c7.txt": "US drone kills Iran-backed Baghdad militia commander",
    "002_47ce44c9c7986334.txt": "US drone strike kills leader of pro-Iran militia in Baghdad",
    "003_015a08b8fe344b02.txt": (
        "U.S. drone strike in Iraq kills head of Iran-backed militia Kataib Hezbollah."
    ),
    "004_9ad3ace87a095593.txt": "US drone strike in Iraq kills militant commander",
}
SEED_VALUES: dict[str, dict[str, SheetValue]] = {
    # field -> the article's words -> the normalised value a merge would vote on
    "date": {"February 7, 2024": "2024-02-07", "Wednesday night": "2024-02-07", "Wednesday": "2024-02-07"},
    "local_time": {"21:30 local time": "21:30", "nighttime": "night", "night": "night"},
    "utc_time": {"18:30 GMT": "18:30"},
    "country": {"Iraq": "Iraq", "Iraqi": "Iraq"},
    "city": {"Baghdad": "Baghdad"},
    "district": {"Mashtal": "Mashtal"},
    "attacker": {"US forces": "United States", "US": "United States", "U.S. military": "United States"},
    "weapon": {"drone": "drone", "drone strike": "drone"},
    "target_person": {
        "Abu Baqir al-Saadi": "Abu Baqir al-Saadi",
        "Abu Bakr al-Saadi": "Abu Baqir al-Saadi",
        "Wissam Mohammed “Abu Bakr” al-Saadi": "Abu Baqir al-Saadi",
    },
    "target_organisation": {"Kataib Hezbollah": "Kataib Hezbollah", "Kata’ib Hezbollah": "Kataib Hezbollah"},
    "killed": {"Three": three(3), "All three": three(3), "three people": three(3), "three": three(3)},
}
# How a merge grades these: near-copies 001/002 are one source, so 21:30 / 18:30 stand on one.
SEED_GRADES = {"utc_time": ("single_source", "weak"), "killed": ("agreed", "confirmed")}


def seed_sources() -> list[Source]:
    out = []
    for name, outlet in SEED_OUTLETS.items():
        ident = name.removesuffix(".txt")
        out.append(
            Source(
                id=ident,
                path=f"seeds/{name}",
                outlet=outlet,
                title=SEED_TITLES[name],
                published="2024-02-07" if name.startswith("004") else None,
                extractor="fake",
                copy_group="001_e2b87f470cf195c7" if name[:3] in ("001", "002") else None,
                text=(SEEDS / name).read_text(encoding="utf-8"),
            )
        )
    return out


def _seed_field(name: str, specs: dict[str, dict], sources: dict[str, Source]) -> SheetField:
    by_value: dict[str, tuple[SheetValue, list[QuoteRef], list[str]]] = {}
    for file, spec in specs.items():
        if name not in spec:
            continue
        text, quote = spec[name][0], spec[name][1]
        value = SEED_VALUES[name][text]
        key = repr(value)
        entry = by_value.setdefault(key, (value, [], []))
        entry[1].append(ref(sources[file], quote))
        entry[2].append(text)
    outlets = [s.outlet for s in sources.values()]
    if not by_value:
        return unknown([])
    alternatives = [
        alt(v, refs, spellings=sorted(set(spellings))) for v, refs, spellings in by_value.values()
    ]
    alternatives.sort(key=lambda a: -len(a.sources))
    winner = alternatives[0]
    support = sorted({o for a in alternatives for o in a.outlets})
    status, grade = SEED_GRADES.get(name, ("agreed", "fair"))
    return SheetField(
        value=winner.value,
        status=status,  # type: ignore[arg-type]
        grade=grade,  # type: ignore[arg-type]
        support=support,
        silent=sorted(set(outlets) - set(support)),
        alternatives=alternatives,
    )


def seed_sheet() -> FactSheet:
    """The seeds as a merge would present them; to give way to pipeline.merge() once the pipeline runs."""
    specs = {
        k: v for k, v in json.loads(HANDWRITTEN.read_text(encoding="utf-8")).items() if not k.startswith("_")
    }
    sources = seed_sources()
    by_file = {s.path.removeprefix("seeds/"): s for s in sources}
    fields = {
        name: _seed_field(name, specs, by_file) for name in EventSheet.model_fields if name != "injured"
    }
    fields["injured"] = unknown([])
    claims: dict[tuple[str, str], ClaimGroup] = {}
    for file, spec in specs.items():
        for statement, speaker, kind, quote in spec.get("claims", []):
            src = by_file[file]
            group = claims.setdefault(
                (speaker, statement),
                ClaimGroup(statement=statement, speaker=speaker, speaker_type=kind, outlets=[], evidence=[]),
            )
            group.outlets.append(src.outlet)
            group.evidence.append(ref(src, quote))
    disagreements = [
        Disagreement(
            field=name,
            kind="omission",
            values=[
                DisagreementValue(value=f.value, outlets=f.support),
                DisagreementValue(value=None, outlets=f.silent),
            ],
        )
        for name, f in fields.items()
        if f.silent and f.status != "unknown"
    ]
    return FactSheet(
        schema_version=SCHEMA_VERSION,
        event=EventSheet(**fields),
        claims=list(claims.values()),
        sources=sources,
        disagreements=disagreements,
        run=run_info(),
    )


# --- small and hostile ----------------------------------------------------------------------------

EMOJI_TEXT = (
    "Rescuers 🚑🚒 reached the site at dawn. 👨‍👩‍👧 families fled. "
    "Officials said seven people were killed in the strike on Al-Amal street."
)
HOSTILE_TEXT = (
    f"Breaking {XSS_SCRIPT} news. The army said {XSS_IMG} five people died & two were hurt. "
    "Witnesses blamed a Shahed drone. \u2028 Line separator inside.</script><!-- "
    "More at https://evil.example/x.js"
)
COPY_TEXT = "Officials said seven people were killed in the strike on Al-Amal street, witnesses added."


def tricky_sources() -> list[Source]:
    return [
        Source(
            id="emoji",
            path="in/emoji.txt",
            outlet="Wire 🚑",
            title="Strike kills seven",
            extractor="fake",
            text=EMOJI_TEXT,
        ),
        Source(
            id="hostile",
            path="in/hostile.html",
            outlet=f"Evil {XSS_IMG}",
            title=XSS_SCRIPT,
            extractor="llm",
            model="m <b>1</b>",
            published="2024-05-01",
            text=HOSTILE_TEXT,
        ),
        Source(
            id="copy-a",
            path="in/copy-a.txt",
            outlet="Echo",
            extractor="fake",
            copy_group="copy-a",
            text=COPY_TEXT,
        ),
        Source(
            id="copy-b",
            path="in/copy-b.txt",
            outlet="Echo",
            extractor="fake",
            copy_group="copy-a",
            text=COPY_TEXT,
        ),
    ]


def tricky_sheet() -> FactSheet:
    emoji, hostile, copy_a, copy_b = tricky_sources()
    outlets = ["Echo", emoji.outlet, hostile.outlet]
    seven = alt(
        three(7),
        [
            ref(emoji, "seven people were killed"),
            ref(copy_a, "seven people were killed"),
            ref(copy_b, "seven people were killed"),
        ],
        spellings=["seven"],
    )
    five = alt(three(5), [ref(hostile, f"{XSS_IMG} five people died")], compatible=False, spellings=["five"])
    killed = SheetField(
        value=three(7),
        status="majority",
        grade="fair",
        support=["Echo", emoji.outlet],
        alternatives=[seven, five],
    )
    street = alt("Al-Amal street", [ref(emoji, "Al-Amal street"), ref(copy_a, "Al-Amal street")])
    district = SheetField(
        value="Al-Amal street",
        status="single_source",
        grade="weak",
        support=["Echo", emoji.outlet],
        silent=[hostile.outlet],
        alternatives=[street],
    )
    weapon = SheetField(
        value=None,
        status="contested",
        grade="contested",
        alternatives=[
            alt(f"Shahed drone {XSS_SCRIPT}", [ref(hostile, "a Shahed drone")], spellings=[XSS_SCRIPT]),
            alt("missile", [unfound(emoji, "a missile hit")], verified=False, compatible=False),
            alt("artillery", [ref(copy_a, "the strike")], compatible=False),
        ],
    )
    injured = SheetField(
        value=Casualties(low=2, best=2, high=None),
        status="single_source",
        grade="weak",
        support=[hostile.outlet],
        silent=["Echo", emoji.outlet],
        alternatives=[alt(Casualties(low=2, best=2), [ref(hostile, "two were hurt")])],
    )
    attacker = SheetField(
        value=None,
        status="unknown",
        silent=outlets,
        alternatives=[
            alt("The army", [unfound(hostile, "the army fired")], verified=False, compatible=False)
        ],
    )
    fields = {name: unknown(outlets) for name in EventSheet.model_fields}
    fields.update(killed=killed, district=district, weapon=weapon, injured=injured, attacker=attacker)
    return FactSheet(
        schema_version=SCHEMA_VERSION,
        event=EventSheet(**fields),
        claims=[
            ClaimGroup(
                statement=f"{XSS_IMG} five people died",
                speaker=f"The army {XSS_SCRIPT}",
                speaker_type="military",
                outlets=[hostile.outlet],
                evidence=[ref(hostile, f"{XSS_IMG} five people died")],
            ),
        ],
        sources=[emoji, hostile, copy_a, copy_b],
        disagreements=[
            Disagreement(
                field="killed",
                kind="conflict",
                values=[
                    DisagreementValue(value=three(7), outlets=seven.outlets, evidence=seven.evidence),
                    DisagreementValue(value=three(5), outlets=five.outlets, evidence=five.evidence),
                ],
            ),
            Disagreement(
                field="district",
                kind="omission",
                values=[
                    DisagreementValue(value="Al-Amal street", outlets=["Echo", emoji.outlet]),
                    DisagreementValue(value=None, outlets=[hostile.outlet]),
                ],
            ),
        ],
        failures=[
            ArticleFailure(
                path=f"in/{XSS_SCRIPT}.txt",
                stage="extract",
                error="ModelHTTPError",
                message=f"bad reply {XSS_IMG}",
            )
        ],
        run=RunInfo(extractor="fake,llm", model="m <b>1</b>", tool_version="0.1.0", allow_unverified=False),
    )
