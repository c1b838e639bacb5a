"""How close a fact sheet comes to what a careful reader says the articles support.

Users compare extractors and models on their own material: they write a gold file once
(see gold/README.md) and score each event.json against it. The outcomes keep the
project's priority visible: a field the sheet leaves unknown is 'missing', a confident
value that contradicts the gold is 'wrong', and a value where the gold says the articles
give none is 'spurious'. A value that is true but vaguer than the gold (a month for a
day, 'at least 1' for 3, 'east' for a named district) is counted as missing, not wrong,
because a reader who trusted it would not be misled.

Names are compared the way the merge compares them (transliteration-aware
`same_entity`, the gazetteer's canonical countries and cities), so a score measures
the facts an extractor got, not the spelling it chose.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from factsheet.files import load_model
from factsheet.models import EVENT_FIELDS, Casualties, ClaimGroup, FactSheet, SheetField, SheetPerson, Source
from factsheet.models.values import Fate
from factsheet.normalise import entities, organisations
from factsheet.normalise.actors import country_actor
from factsheet.normalise.countries import lookup_country
from factsheet.normalise.places import (
    canonical_city,
    canonical_country,
    canonical_district,
    is_direction,
    same_place,
)
from factsheet.normalise.weapons import canonical_weapon, compatible_weapons
from factsheet.render.values import consensus_text, label, show_value

__all__ = [
    "GOLD_SCHEMA_VERSION",
    "ClaimScore",
    "CopyScore",
    "FieldScore",
    "Gold",
    "GoldClaim",
    "GoldEvent",
    "Outcome",
    "Score",
    "load_gold",
    "load_sheet",
    "render_score",
    "score",
    "score_files",
]

GOLD_SCHEMA_VERSION = "1"

Outcome = Literal["right", "wrong", "missing", "spurious", "unscored"]
OUTCOMES: tuple[Outcome, ...] = ("right", "wrong", "missing", "spurious", "unscored")

_NAME_FIELDS = (
    "country",
    "city",
    "district",
    "attacker",
    "weapon",
    "target_person",
    "target_organisation",
)
_COUNT_FIELDS = ("killed", "injured")
_TIME = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


# ---- the gold file ----------------------------------------------------------------------


class GoldCount(BaseModel):
    """A casualty figure as a careful reader states it: a number, or a range with its best guess."""

    model_config = ConfigDict(extra="forbid")

    low: int | None = Field(default=None, ge=0)
    best: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> GoldCount:
        given = [n for n in (self.low, self.best, self.high) if n is not None]
        if not given:
            raise ValueError("give at least one of low, best, high (or null for 'no figure reported')")
        if given != sorted(given):
            raise ValueError("low <= best <= high is required")
        return self

    def figure(self) -> int | None:
        """The one number a reader would quote, if the gold commits to one."""
        if self.best is not None:
            return self.best
        return self.low if self.low is not None and self.low == self.high else None

    def as_casualties(self) -> Casualties:
        return Casualties(low=self.low, best=self.best, high=self.high)


def _names(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ValueError("expected a name or a non-empty list of accepted names")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError("every accepted name must be a non-empty string")
    return [" ".join(v.split()) for v in value]


def _count(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("expected a number, {low, best, high}, or null")
    if isinstance(value, int):
        if value < 0:
            raise ValueError("a casualty count cannot be negative")
        return {"low": value, "best": value, "high": value}
    if value is not None and not isinstance(value, dict):
        raise ValueError(f"expected a number, {{low, best, high}}, or null; got {value!r}")
    return value


class GoldEvent(BaseModel):
    """Expected value per event field; null = 'the articles give none'; left out = not scored."""

    model_config = ConfigDict(extra="forbid")

    date: str | None = Field(default=None, description="'YYYY-MM-DD' (or 'YYYY-MM' / 'YYYY').")
    local_time: str | None = Field(default=None, description="'HH:MM', local clock.")
    utc_time: str | None = Field(default=None, description="'HH:MM', UTC.")
    country: list[str] | None = None
    city: list[str] | None = None
    district: list[str] | None = None
    attacker: list[str] | None = None
    weapon: list[str] | None = None
    target_person: list[str] | None = None
    target_organisation: list[str] | None = None
    killed: GoldCount | None = None
    injured: GoldCount | None = None

    @model_validator(mode="before")
    @classmethod
    def _known_fields(cls, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(EVENT_FIELDS))
            if unknown:
                raise ValueError(
                    f"unknown field(s) {', '.join(unknown)}; the fields are: {', '.join(EVENT_FIELDS)}"
                )
        return data

    @field_validator(*_NAME_FIELDS, mode="before")
    @classmethod
    def _name_list(cls, value: Any) -> Any:
        return _names(value)

    @field_validator(*_COUNT_FIELDS, mode="before")
    @classmethod
    def _plain_count(cls, value: Any) -> Any:
        return _count(value)

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        ok = bool(_DATE.match(value))
        if ok:
            parts = [int(p) for p in value.split("-")] + [1, 1]
            try:
                date(parts[0], parts[1], parts[2])
            except ValueError:
                ok = False
        if not ok:
            raise ValueError(f"expected a date 'YYYY-MM-DD' (or 'YYYY-MM', 'YYYY'), got {value!r}")
        return value

    @field_validator("local_time", "utc_time")
    @classmethod
    def _clock(cls, value: str | None) -> str | None:
        if value is not None and not _TIME.match(value):
            raise ValueError(f"expected a 24-hour time 'HH:MM', got {value!r}")
        return value

    def scored_fields(self) -> list[str]:
        """Fields the gold states (null included), in the sheet's order."""
        return [f for f in EVENT_FIELDS if f in self.model_fields_set]


class GoldClaim(BaseModel):
    """A claim the sheet should report: who says it, and words its statement must contain."""

    model_config = ConfigDict(extra="forbid")

    speaker: list[str] = Field(description="Accepted speaker names, e.g. ['US military', 'CENTCOM'].")
    speaker_type: str | None = Field(
        default=None, description="A sheet claim of this speaker_type counts as the right speaker too."
    )
    keywords: list[list[str]] = Field(
        description="Every item must occur in the statement; an item that is a list means any one of them."
    )
    note: str | None = None

    @field_validator("speaker", mode="before")
    @classmethod
    def _speaker_list(cls, value: Any) -> Any:
        return _names(value)

    @field_validator("keywords", mode="before")
    @classmethod
    def _keyword_groups(cls, value: Any) -> Any:
        if not isinstance(value, list) or not value:
            raise ValueError("expected a non-empty list of keywords")
        groups = [[item] if isinstance(item, str) else item for item in value]
        for group in groups:
            if (
                not isinstance(group, list)
                or not group
                or not all(isinstance(k, str) and k.strip() for k in group)
            ):
                raise ValueError("each keyword is a non-empty string or a non-empty list of alternatives")
        return groups

    def label(self) -> str:
        words = " + ".join("/".join(group) for group in self.keywords)
        return f"{self.speaker[0]}: {words}"


class GoldPerson(BaseModel):
    """A named person the sheet's `people` should list, with what happened to them."""

    model_config = ConfigDict(extra="forbid")

    name: str
    aliases: list[str] = Field(default_factory=list)
    fate: Fate = "unknown"
    targeted: bool = False

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Gold(BaseModel):
    """What a careful reader says the articles support; see gold/README.md."""

    model_config = ConfigDict(extra="forbid")

    schema_version: str
    event: GoldEvent
    people: list[GoldPerson] = Field(default_factory=list)
    claims: list[GoldClaim] = Field(default_factory=list)
    copies: list[list[str]] = Field(
        default_factory=list, description="Groups of source ids (or file names) that are near-copies."
    )
    notes: list[str] | str | None = None

    @field_validator("schema_version")
    @classmethod
    def _version(cls, value: str) -> str:
        if value.split(".")[0] != GOLD_SCHEMA_VERSION:
            raise ValueError(f"gold schema_version {value!r} is not supported; use {GOLD_SCHEMA_VERSION!r}")
        return value

    @field_validator("copies")
    @classmethod
    def _groups(cls, value: list[list[str]]) -> list[list[str]]:
        seen: set[str] = set()
        for group in value:
            if len(group) < 2:
                raise ValueError(f"copy group {group} must list at least two sources")
            for ident in group:
                if ident in seen:
                    raise ValueError(f"source {ident!r} is in more than one copy group")
                seen.add(ident)
        return value


def load_gold(path: Path | str) -> Gold:
    """Read and validate a gold file; InputError names the file and every bad field."""
    return load_model(path, Gold, "a valid gold file")


def load_sheet(path: Path | str) -> FactSheet:
    """Read a saved event.json; InputError names the file when it is not one."""
    return load_model(path, FactSheet, "a factsheet event.json")


# ---- the score -----------------------------------------------------------------------------


class FieldScore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: str
    outcome: Outcome
    expected: str = Field(description="The gold value as a reader would write it; '' when unscored.")
    got: str = Field(description="What the sheet says, as its renderers print it.")
    status: str = Field(description="The sheet field's status (agreed, contested, unknown...).")
    detail: str = ""


class ClaimScore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claim: str = Field(description="The gold claim, as speaker: keywords.")
    found: bool
    matched: str | None = Field(default=None, description="The sheet claim that matched: speaker: statement.")


class CopyScore(BaseModel):
    """Near-copy detection as pairs of sources: the pairs the gold groups against those the sheet groups."""

    model_config = ConfigDict(extra="forbid")

    expected_pairs: int
    found_pairs: int
    agreed_pairs: int
    agreement: float = Field(
        description="Agreed pairs / pairs either side names (1.0 when neither names any)."
    )
    missed: list[list[str]] = Field(default_factory=list, description="Gold pairs the sheet did not group.")
    extra: list[list[str]] = Field(
        default_factory=list, description="Pairs the sheet grouped; the gold did not."
    )
    unmatched: list[str] = Field(
        default_factory=list, description="Gold source ids not among the sheet's sources."
    )


class PersonScore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person: str = Field(description="The gold person's name.")
    found: str | None = Field(default=None, description="The sheet person matched, if any.")
    fate_expected: str
    fate_got: str | None = None
    fate_right: bool = False


class Score(BaseModel):
    model_config = ConfigDict(extra="forbid")

    run: str = Field(description="Extractor (and model) that made the sheet.")
    fields: list[FieldScore]
    counts: dict[str, int]
    scored: int
    accuracy: float | None = Field(description="right / scored; None when the gold scores no field.")
    claims: list[ClaimScore] = Field(default_factory=list)
    claims_recall: float | None = None
    people: list[PersonScore] = Field(default_factory=list)
    people_recall: float | None = Field(
        default=None, description="Gold people the sheet lists / gold people."
    )
    copies: CopyScore | None = None


# ---- comparing one field --------------------------------------------------------------------


def _country(name: str) -> str | None:
    return country_actor(name) or lookup_country(name)


def _place_key(field: str, name: str) -> str:
    canonical = {"country": canonical_country, "city": canonical_city, "district": canonical_district}[field]
    return canonical(name) or name


def _same_name(field: str, want: str, got: str) -> bool:
    if field in ("country", "city"):
        return same_place(_place_key(field, want), _place_key(field, got))
    if field == "district":
        a, b = _place_key(field, want), _place_key(field, got)
        return same_place(a, b) or entities.same_entity(a, b)
    if field == "attacker":
        ca, cb = _country(want), _country(got)
        if ca or cb:
            return ca == cb
        return entities.same_entity(want, got) or organisations.same_organisation(want, got)
    if field == "target_organisation":
        # One group under its two names ('YPG', "People's Protection Units"), as the lexicon has it.
        return entities.same_entity(want, got) or organisations.same_organisation(want, got)
    if field == "weapon":
        wa, wb = canonical_weapon(want), canonical_weapon(got)
        if wa and wb:
            return wa == wb
        return _fold_text(want) == _fold_text(got)
    if field == "target_person":
        # As the merge decides: a kunya or two-word form of a full name is the person, a lone surname not.
        if entities.same_entity(want, got):
            return True
        specific = min(entities.word_count(want), entities.word_count(got)) >= 2
        return specific and entities.same_entity(want, got, allow_short_form=True)
    return entities.same_entity(want, got)


def _vaguer_name(field: str, want: list[str], got: str) -> bool:
    """True but less specific: a direction for a named district, a related weapon class."""
    if field == "district":
        got_key = _place_key(field, got)
        return is_direction(got_key) and not any(is_direction(_place_key(field, w)) for w in want)
    if field == "weapon":
        wb = canonical_weapon(got)
        classes = [c for c in (canonical_weapon(w) for w in want) if c]
        return bool(wb and classes) and any(compatible_weapons(c, wb) for c in classes)
    return False


def _interval(c: Casualties) -> tuple[float, float] | None:
    if c.low is None and c.high is None:
        return None if c.best is None else (c.best, c.best)
    return (c.low if c.low is not None else 0, c.high if c.high is not None else math.inf)


def _judge_count(want: GoldCount, got: Casualties) -> tuple[Outcome, str]:
    span = _interval(got)
    if span is None:
        return "missing", "no figure"
    figure = want.figure()
    got_figure = got.best if got.best is not None else (got.low if got.low == got.high else None)
    if figure is not None:
        if got_figure == figure and span[0] <= figure <= span[1]:
            return "right", ""
        if span[0] < span[1] and span[0] <= figure <= span[1]:
            return "missing", "vaguer than expected: a range that includes the figure"
        return "wrong", ""
    gold_span = _interval(want.as_casualties())
    assert gold_span is not None  # GoldCount requires a number
    if span == gold_span or (got_figure is not None and gold_span[0] <= got_figure <= gold_span[1]):
        return "right", ""
    if span[0] <= gold_span[0] and gold_span[1] <= span[1]:
        return "missing", "vaguer than expected: a wider range"
    return "wrong", ""


def _judge_date(want: str, got: str) -> tuple[Outcome, str]:
    if got == want:
        return "right", ""
    if got.startswith("--") and len(want) == 10:
        # A day and month with no year anywhere in the articles: true, but vaguer.
        return ("missing", "no year") if want.endswith(got[1:]) else ("wrong", "")
    if got.isalpha() and len(want) == 10:
        weekday = date.fromisoformat(want).strftime("%A")
        return ("missing", "only the weekday") if got.lower() == weekday.lower() else ("wrong", "")
    if want.startswith(got + "-"):
        return "missing", "vaguer than expected"
    if got.startswith(want + "-"):
        return "wrong", "more precise than the gold says the articles support"
    return "wrong", ""


def _known(value: Casualties | str | None) -> Casualties | str | None:
    if isinstance(value, Casualties) and value.low is None and value.best is None and value.high is None:
        return None
    return value


def _expected_text(gold: GoldEvent, field: str) -> str:
    value = getattr(gold, field)
    if value is None:
        return "unknown"
    if isinstance(value, GoldCount):
        return show_value(value.as_casualties())
    if isinstance(value, list):
        others = len(value) - 1
        return value[0] if not others else f"{value[0]} (+{others} alias{'es' if others > 1 else ''})"
    return str(value)


CONTESTED = "contested"


def _judge(field: str, want: Any, sheet_field: SheetField) -> tuple[Outcome, str]:
    got = _known(sheet_field.value)
    if isinstance(want, list) and [w.lower() for w in want] == [CONTESTED]:
        # The gold says the articles leave this disputed (blame denied, several parties named).
        if sheet_field.status == "contested":
            return "right", ""
        return ("wrong", "the gold says it is disputed") if got is not None else ("missing", "unknown")
    if want is None:
        if got is not None:
            return "spurious", "the gold says the articles give no value"
        if sheet_field.status == "contested":
            return "spurious", "contested: the sheet reports values the gold says the articles do not give"
        return "right", ""
    if got is None:
        return "missing", "contested" if sheet_field.status == "contested" else "unknown"
    if isinstance(want, GoldCount):
        if not isinstance(got, Casualties):
            return "wrong", "not a casualty figure"
        return _judge_count(want, got)
    if isinstance(got, Casualties):
        return "wrong", "a casualty figure where a name or time was expected"
    if field == "date":
        return _judge_date(want, got.strip())
    if field in ("local_time", "utc_time"):
        return ("right", "") if got.strip() == want else ("wrong", "")
    if any(_same_name(field, name, got) for name in want):
        return "right", ""
    if _vaguer_name(field, want, got):
        return "missing", "vaguer than expected"
    return "wrong", ""


def _field_score(field: str, gold: GoldEvent, sheet_field: SheetField) -> FieldScore:
    got_text = consensus_text(sheet_field)
    if field not in gold.model_fields_set:
        return FieldScore(
            field=field, outcome="unscored", expected="", got=got_text, status=sheet_field.status
        )
    outcome, detail = _judge(field, getattr(gold, field), sheet_field)
    return FieldScore(
        field=field,
        outcome=outcome,
        expected=_expected_text(gold, field),
        got=got_text,
        status=sheet_field.status,
        detail=detail,
    )


# ---- claims -------------------------------------------------------------------------------------


def _fold_text(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"['’‘ʼʿʾ`´]", "", plain)
    plain = re.sub(r"[“”«»\"]", " ", plain)
    return " ".join(plain.split())


def _contains(text: str, keyword: str) -> bool:
    key = _fold_text(keyword)
    return bool(key) and re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", text) is not None


def _right_speaker(want: GoldClaim, got: ClaimGroup) -> bool:
    if want.speaker_type and got.speaker_type == want.speaker_type:
        return True
    spoken = _fold_text(got.speaker)
    return any(_fold_text(name) == spoken or entities.same_entity(name, got.speaker) for name in want.speaker)


def _claim_score(want: GoldClaim, claims: list[ClaimGroup]) -> ClaimScore:
    for got in claims:
        statement = _fold_text(got.statement)
        if _right_speaker(want, got) and all(
            any(_contains(statement, k) for k in group) for group in want.keywords
        ):
            return ClaimScore(claim=want.label(), found=True, matched=f"{got.speaker}: {got.statement}")
    return ClaimScore(claim=want.label(), found=False)


# ---- near-copies ---------------------------------------------------------------------------------


def _resolve(ident: str, sources: list[Source]) -> str | None:
    """A gold id may be the source id, its path, or its file name with or without suffix."""
    for s in sources:
        path = Path(s.path)
        if ident in (s.id, s.path, path.name, path.stem):
            return s.id
    return None


def _pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for group in groups:
        members = sorted(set(group))
        out.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return out


def _copy_score(gold: list[list[str]], sources: list[Source]) -> CopyScore:
    unmatched: list[str] = []
    resolved: list[list[str]] = []
    for group in gold:
        ids = []
        for ident in group:
            found = _resolve(ident, sources)
            if found is None:
                unmatched.append(ident)
            else:
                ids.append(found)
        resolved.append(ids)
    sheet_groups: dict[str, list[str]] = {}
    for s in sources:
        if s.copy_group:
            sheet_groups.setdefault(s.copy_group, []).append(s.id)
    want, got = _pairs(resolved), _pairs(sheet_groups.values())
    union = want | got
    agreed = want & got
    return CopyScore(
        expected_pairs=len(want),
        found_pairs=len(got),
        agreed_pairs=len(agreed),
        agreement=len(agreed) / len(union) if union else 1.0,
        missed=[list(p) for p in sorted(want - got)],
        extra=[list(p) for p in sorted(got - want)],
        unmatched=unmatched,
    )


# ---- entry points --------------------------------------------------------------------------------


def _run_label(sheet: FactSheet) -> str:
    run = sheet.run
    return f"{run.extractor} ({run.model})" if run.model else run.extractor


def _person_score(want: GoldPerson, people: list[SheetPerson]) -> PersonScore:
    for got in people:
        names = [got.name, *got.spellings, *got.aliases]
        if any(_same_name("target_person", w, g) for w in want.names() for g in names):
            fate = got.fate.value if isinstance(got.fate.value, str) else None
            expected_outcome = want.fate in ("killed", "injured", "survived")
            right = fate == want.fate if expected_outcome else fate not in ("killed", "injured", "survived")
            return PersonScore(
                person=want.name, found=got.name, fate_expected=want.fate, fate_got=fate, fate_right=right
            )
    return PersonScore(person=want.name, fate_expected=want.fate)


def score(sheet: FactSheet, gold: Gold) -> Score:
    """Score each event field, the claims (recall) and the near-copy groups against the gold."""
    fields = [_field_score(name, gold.event, getattr(sheet.event, name)) for name in EVENT_FIELDS]
    counts = {outcome: sum(f.outcome == outcome for f in fields) for outcome in OUTCOMES}
    scored = len(fields) - counts["unscored"]
    claims = [_claim_score(c, sheet.claims) for c in gold.claims]
    people = [_person_score(p, sheet.people) for p in gold.people]
    return Score(
        run=_run_label(sheet),
        fields=fields,
        counts=counts,
        scored=scored,
        accuracy=counts["right"] / scored if scored else None,
        claims=claims,
        claims_recall=sum(c.found for c in claims) / len(claims) if claims else None,
        people=people,
        people_recall=sum(p.found is not None for p in people) / len(people) if people else None,
        copies=_copy_score(gold.copies, sheet.sources) if gold.copies else None,
    )


def score_files(sheet_path: Path | str, gold_path: Path | str) -> Score:
    """`factsheet score EVENT GOLD` in one call; InputError names whichever file is unusable."""
    gold = load_gold(gold_path)
    return score(load_sheet(sheet_path), gold)


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        out.append("  ".join(cells).rstrip())
    return out


def _percent(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%"


def render_score(result: Score) -> str:
    """The field-by-field table and the overall figures, as plain text for a terminal."""
    rows = [["field", "expected", "got", "outcome"]]
    for f in result.fields:
        outcome = f"{f.outcome} ({f.detail})" if f.detail else f.outcome
        rows.append([label(f.field), f.expected or "-", f.got, outcome])
    lines = [f"Score of a sheet made by {result.run}", "", *_table(rows), ""]
    c = result.counts
    tally = f"right {c['right']}, wrong {c['wrong']}, missing {c['missing']}, spurious {c['spurious']}"
    if result.scored:
        lines.append(f"accuracy {_percent(c['right'], result.scored)} ({tally}; unscored {c['unscored']})")
    else:
        lines.append("accuracy: no field scored (the gold states none)")
    if result.claims:
        found = sum(c.found for c in result.claims)
        lines.append(f"claims recall {_percent(found, len(result.claims))}")
        lines += [f"  missed: {c.claim}" for c in result.claims if not c.found]
    if result.people:
        found = sum(p.found is not None for p in result.people)
        fates = sum(p.fate_right for p in result.people)
        lines.append(f"people recall {_percent(found, len(result.people))}; fates right {fates}")
        lines += [f"  missed person: {p.person}" for p in result.people if p.found is None]
        lines += [
            f"  fate of {p.person}: expected {p.fate_expected}, got {p.fate_got}"
            for p in result.people
            if p.found is not None and not p.fate_right
        ]
    if result.copies is not None:
        cp = result.copies
        lines.append(
            f"near-copies: agreement {cp.agreement:.2f} (gold pairs {cp.expected_pairs}, "
            f"sheet pairs {cp.found_pairs}, agreed {cp.agreed_pairs})"
        )
        lines += [f"  missed pair: {a} ~ {b}" for a, b in cp.missed]
        lines += [f"  extra pair: {a} ~ {b}" for a, b in cp.extra]
        if cp.unmatched:
            lines.append(f"  gold ids not among the sheet's sources: {', '.join(cp.unmatched)}")
    return "\n".join(lines) + "\n"
