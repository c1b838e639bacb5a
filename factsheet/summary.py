"""The one-screen account of a sheet that the CLI prints: consensus first, then what is in doubt."""

from __future__ import annotations

from factsheet.models import EVENT_FIELDS, FactSheet, SheetField
from factsheet.render.values import person_fate, show_value


def _line(name: str, f: SheetField) -> str:
    label = name.replace("_", " ")
    who = f", {len(f.support)} outlet{'s' if len(f.support) != 1 else ''}" if f.support else ""
    shown = show_value(f.value) if f.status != "contested" else "contested"
    if f.inferred is not None:
        shown = f"({f.inferred.value}, inferred from {f.inferred.from_field})"
    return f"  {label:<20} {shown:<28} {f.status}{who} [{f.grade}]"


def summarise(sheet: FactSheet) -> str:
    lines = [f"Fact sheet from {len(sheet.sources)} article(s), extractor: {sheet.run.extractor}"]
    if sheet.run.model:
        lines[0] += f", model: {sheet.run.model}"
    lines.append("")
    for name in EVENT_FIELDS:
        lines.append(_line(name, getattr(sheet.event, name)))
    if sheet.people:
        lines += ["", "People:"]
        for p in sheet.people:
            role = " (principal target)" if p.principal else (" (targeted)" if p.targeted else "")
            who = f"{len(p.support)} outlet{'s' if len(p.support) != 1 else ''}"
            lines.append(f"  {p.name + role:<40} {person_fate(p)}, {p.fate.status}; named by {who}")
    conflicts = [d for d in sheet.disagreements if d.kind in ("conflict", "range")]
    if conflicts:
        lines += ["", "Where the outlets disagree:"]
        for d in conflicts:
            options = "; ".join(f"{show_value(v.value)} ({', '.join(v.outlets)})" for v in d.values)
            kind = " (different figures)" if d.kind == "range" else ""
            lines.append(f"  {d.field.replace('_', ' ')}{kind}: {options}")
    for name in EVENT_FIELDS:
        f = getattr(sheet.event, name)
        if f.note and f.status == "contested":
            lines.append(f"  {name.replace('_', ' ')}: {f.note}")
    copies = sorted({s.copy_group for s in sheet.sources if s.copy_group})
    for group in copies:
        members = [s.outlet for s in sheet.sources if s.copy_group == group]
        lines.append(f"Near-copies counted as one source: {', '.join(members)}")
    not_strikes = [s.outlet for s in sheet.sources if not s.is_strike]
    if not_strikes:
        lines.append(f"Not about a strike (left out of the vote): {', '.join(not_strikes)}")
    flagged = [(s.outlet, c) for s in sheet.sources for c in s.cross_checks]
    if flagged:
        lines += ["", "Model values the articles' own words contradict (check these):"]
        lines += [
            f"  {o}: {c.field} {c.model_value!r}, but the text says {c.text_value!r}" for o, c in flagged
        ]
    if sheet.failures:
        lines += ["", f"{len(sheet.failures)} article(s) could not be used:"]
        lines += [f"  {f.path}: {f.message}" for f in sheet.failures]
    spent = _usage_line(sheet)
    if spent:
        lines += ["", spent]
    return "\n".join(lines)


def _usage_line(sheet: FactSheet) -> str:
    """Requests, tokens, cost and cache hits: what this run paid, and what it did not have to."""
    usage = sheet.run.usage
    if not (usage.requests or usage.cached):
        return ""
    parts = []
    if usage.requests:
        tokens = f"{usage.prompt_tokens:,} in / {usage.completion_tokens:,} out"
        parts.append(f"Model requests: {usage.requests}, tokens: {tokens}")
        if usage.cost_usd is not None:
            parts.append(f"cost: ${usage.cost_usd:.4f}")
        else:
            parts.append("cost: unknown (give --price-in and --price-out)")
        parts.append(f"{usage.seconds:.1f} s waiting on the model")
    else:
        parts.append("Model requests: none")
    if usage.cached:
        parts.append(f"{usage.cached} of {len(sheet.sources)} article(s) from the cache at no cost")
    if usage.wall_seconds is not None:
        parts.append(f"{usage.wall_seconds:.1f} s in all")
    return "; ".join(parts)
