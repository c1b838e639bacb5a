"""The record of where outlets part ways, built from the votes."""

from __future__ import annotations

from typing import Literal

from factsheet.consensus.vote import Outcome
from factsheet.models import Alternative, Disagreement, DisagreementValue


def _values(name: str, kind: Literal["conflict", "range"], alternatives: list[Alternative]) -> Disagreement:
    values = [DisagreementValue(value=a.value, outlets=a.outlets, evidence=a.evidence) for a in alternatives]
    return Disagreement(field=name, kind=kind, values=values)


def disagreements(
    outcomes: dict[str, Outcome],
    fates: dict[str, Outcome] | None = None,
    blame: Disagreement | None = None,
) -> list[Disagreement]:
    """Conflicts and omissions per field; a person's fate is reported as `people[NAME].fate`."""
    out: list[Disagreement] = []
    named = dict(outcomes)
    for person, outcome in (fates or {}).items():
        if outcome.rivals:
            named[f"people[{person}].fate"] = outcome
    for name, outcome in named.items():
        if name == "attacker" and blame is not None:
            out.append(blame)
            continue
        sheet = outcome.field
        voting = [a for a in sheet.alternatives if a.verified]
        if sheet.status == "range":
            out.append(_values(name, "range", [a for a in voting if a.compatible]))
        if outcome.rivals:
            out.append(_values(name, "conflict", voting))
        if sheet.status != "unknown" and sheet.silent and not name.startswith("people["):
            given = sorted({o for a in voting for o in a.outlets})
            consensus = sheet.value if sheet.status != "contested" else None
            out.append(
                Disagreement(
                    field=name,
                    kind="omission",
                    values=[
                        DisagreementValue(value=consensus, outlets=given),
                        DisagreementValue(value=None, outlets=sheet.silent),
                    ],
                )
            )
    return out
