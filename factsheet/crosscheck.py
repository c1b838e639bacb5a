"""Cross-checking a model's numbers and dates against a model-free reading of the same article.

Models misread tolls and dates in ways that look plausible ('30' for '3', last year's date);
the offline extractor is weak on prose but literal about numbers and dates, so where both
give a value and the values cannot both be true, the sheet flags the model's value for a
human to look at. Nothing is overwritten: the reader decides.
"""

from __future__ import annotations

from factsheet.models import CrossCheck, Extraction, Value
from factsheet.normalise import compare

CHECKED_FIELDS = ("date", "killed", "injured")


def cross_check(model: Extraction, reference: Extraction) -> list[CrossCheck]:
    """Both extractions must be of the same article, verified and normalised."""
    checks = []
    for name in CHECKED_FIELDS:
        ours: Value | None = getattr(model.event, name)
        theirs: Value | None = getattr(reference.event, name)
        if ours is None or theirs is None or not theirs.evidence.verified:
            continue
        if not compare.compatible(name, ours, theirs):
            checks.append(
                CrossCheck(
                    field=name, model_value=ours.text, text_value=theirs.text, quote=theirs.evidence.quote
                )
            )
    return checks


def with_cross_checks(model: Extraction, reference: Extraction) -> Extraction:
    return model.model_copy(update={"cross_checks": cross_check(model, reference)})
