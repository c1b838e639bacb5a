"""The sheet as an editor would write it up: headline, one line per field, claims, disagreements, sources.

Everything that came from an article or a model is escaped, so a stray '|' cannot break a
table and a '<script>' in an article reaches a Markdown viewer as text, never as HTML.
"""

from __future__ import annotations

import re

from factsheet.models import Alternative, FactSheet, SheetField, Source
from factsheet.render.values import (
    alternative_text,
    claims_by_speaker,
    consensus_text,
    copy_groups,
    event_fields,
    headline,
    independent_sources,
    join_names,
    label,
    other_values,
    person_details,
    person_fate,
    plural,
    show_value,
    written_as,
)

# Intraword underscores (file names) never make emphasis in CommonMark, so only edge ones are escaped.
_SPECIAL = re.compile(r"([\\`*\[\]<>|#]|(?<!\w)_|_(?!\w))")
_SPACE = re.compile(r"\s+")


def md(text: str) -> str:
    """One line of inline Markdown showing `text` literally."""
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())


def _outlets(outlets: list[str]) -> str:
    return f"({md(join_names(outlets))})" if outlets else ""


def _alt(a: Alternative) -> str:
    return f"{md(alternative_text(a))} {_outlets(a.outlets)}".rstrip()


def _notes(f: SheetField) -> list[str]:
    out = [f"  - note: {md(f.note)}"] if f.note else []
    for c in f.claims:
        out.append(f"  - {md(c.speaker)} ({md(c.kind)}): “{md(c.statement)}” {_outlets(c.outlets)}".rstrip())
    return out


def field_line(name: str, f: SheetField) -> list[str]:
    head = f"- **{md(label(name))}:**"
    shown = consensus_text(f)
    if f.status == "contested":
        given = " vs ".join(_alt(a) for a in f.alternatives if a.verified)
        return [f"{head} contested — {given}".rstrip(" —"), *_notes(f)]
    if shown == "unknown":
        if f.inferred is not None:
            how = f"inferred from the {label(f.inferred.from_field).lower()} by {f.inferred.method}"
            return [f"{head} unknown — no outlet says; {md(f.inferred.value)} is {md(how)}"]
        return [f"{head} unknown"]
    status = f.status.replace("_", " ")
    lines = [f"{head} {md(shown)} — {status}, {f.grade} {_outlets(f.support)}".rstrip()]
    for a in other_values(f):
        verb = "compatible" if a.compatible else "contradicted by"
        lines.append(f"  - {verb}: {_alt(a)}")
    spellings = written_as(f)
    if spellings:
        lines.append("  - written as: " + ", ".join(f"“{md(s)}”" for s in spellings))
    return lines + _notes(f)


def _people(sheet: FactSheet) -> list[str]:
    if not sheet.people:
        return []
    out = ["## People", ""]
    for p in sheet.people:
        fate = person_fate(p)
        how = p.fate.status.replace("_", " ") if p.fate.value is not None else ""
        details = person_details(p)
        line = f"- **{md(p.name)}**: {md(fate)}" + (f" — {how}" if how else "") + f" {_outlets(p.support)}"
        out.append(line.rstrip())
        if details:
            out.append(f"  - {md(details)}")
        dissent = [a for a in p.fate.alternatives if a.verified and not a.compatible]
        if dissent and p.fate.status != "contested":
            out.append("  - contradicted by: " + ", ".join(_alt(a) for a in dissent))
    return [*out, ""]


def _claims(sheet: FactSheet) -> list[str]:
    if not sheet.claims:
        return []
    out = ["## Who claims what", ""]
    for speaker, claims in claims_by_speaker(sheet.claims):
        kind = claims[0].speaker_type.replace("_", " ")
        lines = [f"- “{md(c.statement)}” {_outlets(c.outlets)}".rstrip() for c in claims]
        out += [f"### {md(speaker)} ({kind})", "", *lines, ""]
    return out


def _cell(text: str) -> str:
    return md(text) or " "


def _disagreements(sheet: FactSheet) -> list[str]:
    if not sheet.disagreements:
        return []
    out = ["## Where the outlets disagree", "", "| Field | Value | Outlets |", "| --- | --- | --- |"]
    for d in sheet.disagreements:
        silent = set(getattr(sheet.event, d.field).silent) if hasattr(sheet.event, d.field) else set()
        for v in d.values:
            if v.value is not None:
                shown = show_value(v.value)
            elif d.kind == "omission" and set(v.outlets) <= silent:
                shown = "not mentioned"
            else:
                shown = "mentioned, no single value"
            out.append(f"| {_cell(label(d.field))} | {_cell(shown)} | {_cell(join_names(v.outlets))} |")
    return [*out, ""]


def _unverified(sheet: FactSheet) -> list[str]:
    lines = []
    for name, f in event_fields(sheet):
        for a in f.alternatives:
            if a.verified:
                continue
            quotes = "; ".join(f"{md(q.outlet)}: “{md(q.quote)}”" for q in a.evidence)
            lines.append(f"- **{md(label(name))}:** {_alt(a)}")
            if quotes:
                lines.append(f"  - quoted as (not found in the article): {quotes}")
    if not lines:
        return []
    intro = "Given without a quote that could be found in the article, so they did not vote."
    return ["## Unverified values", "", intro, "", *lines, ""]


def _extractor(s: Source) -> str:
    return f"{s.extractor} ({s.model})" if s.model else s.extractor


def _sources(sheet: FactSheet) -> list[str]:
    if not sheet.sources:
        return []
    out = ["## Sources", "", "| Outlet | Title | Published | Path | Extractor |", "|" + " --- |" * 5]
    for s in sheet.sources:
        outlet = s.outlet if s.is_strike else f"{s.outlet} (not about a strike)"
        cells = [outlet, s.title or "", s.published or "", s.path, _extractor(s)]
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    groups = copy_groups(sheet.sources)
    if groups:
        out += ["", "Near-copies (each group counts as one source in the votes):", ""]
        for members in groups.values():
            out.append("- " + md(join_names(f"{m.outlet} ({m.path})" for m in members)))
    return [*out, ""]


def _failures(sheet: FactSheet) -> list[str]:
    if not sheet.failures:
        return []
    out = ["## Articles that could not be used", ""]
    for f in sheet.failures:
        out.append(f"- {md(f.path)} ({f.stage}): {md(f.error)} — {md(f.message)}")
    return [*out, ""]


def _run(sheet: FactSheet) -> list[str]:
    r = sheet.run
    parts = [f"factsheet {md(r.tool_version)}", f"extractor {md(r.extractor)}"]
    if r.model:
        parts.append(f"model {md(r.model)}")
    if r.prompt_version:
        parts.append(f"prompt {md(r.prompt_version)}")
    note = " Unverified values were allowed to vote." if r.allow_unverified else ""
    return [f"_Made with {', '.join(parts)}; schema {md(sheet.schema_version)}._{note}", ""]


def render_markdown(sheet: FactSheet) -> str:
    n, independent = len(sheet.sources), independent_sources(sheet.sources)
    intro = f"Fact sheet from {plural(n, 'article')}"
    if independent != n:
        intro += f" ({plural(independent, 'independent source')})"
    lines = [f"# {md(headline(sheet))}", "", intro + ".", "", "## What happened", ""]
    for name, f in event_fields(sheet):
        lines += field_line(name, f)
    lines.append("")
    for section in (_people, _claims, _disagreements, _unverified, _sources, _failures, _run):
        lines += section(sheet)
    return "\n".join(lines).rstrip() + "\n"
