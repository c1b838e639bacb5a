"""The record of where outlets part ways, built from the votes."""

from __future__ import annotations

from factsheet.consensus.vote import Outcome
from factsheet.models import Disagreement, DisagreementValue


def disagreements(outcomes: dict[str, Outcome]) -> list[Disagreement]:
    out: list[Disagreement] = []
    for name, outcome in outcomes.items():
        sheet = outcome.field
        voting = [a for a in sheet.alternatives if a.verified]
        if outcome.rivals:
            out.append(
                Disagreement(
                    field=name,
                    kind="conflict",
                    values=[
                        DisagreementValue(value=a.value, outlets=a.outlets, evidence=a.evidence)
                        for a in voting
                    ],
                )
            )
        if sheet.status != "unknown" and sheet.silent:
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
