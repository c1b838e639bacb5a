"""A feed's outputs beside its sheets: file names, DIR/index.json, DIR/events.csv, DIR/index.html.

events.csv has one row per strike in the flat shape event datasets use (ACLED, UCDP GED):
date and its precision, country, city and district, coordinates, attacker, target, weapon,
killed and injured as low / best / high, the number of articles and of independent
sources, the status of every field, and the sheet's file, so the strikes open in a
spreadsheet or join a dataset. Everything is a pure function of the Feed: no clock, no
randomness, rows in the feed's order.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import unicodedata
from html import escape
from urllib.parse import quote

from factsheet.models import Casualties, EventEntry, EventIndex, FactSheet, Feed, FeedEvent, SheetField
from factsheet.render.values import headline, independent_sources, plural, show_value

__all__ = [
    "CSV_COLUMNS",
    "event_index",
    "event_slug",
    "event_title",
    "events_csv",
    "render_index_html",
]

# Files the feed folder holds besides the sheets: a sheet must never be named like them.
RESERVED = frozenset({"index", "events"})
_MAX_SLUG = 80


def _known(f: SheetField) -> str | None:
    return f.value if isinstance(f.value, str) and f.status != "contested" else None


def _slug_part(text: str | None) -> str:
    if not text:
        return ""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def event_slug(sheet: FactSheet) -> str:
    """'2024-02-07-baghdad-kataib-hezbollah': date, place and target, safe on every file system.

    Only ASCII letters, digits and hyphens; never empty, never one of the folder's own files.
    Uniqueness within a feed is the caller's (a suffix -2, -3 in the feed's order).
    """
    e = sheet.event
    date = _slug_part(_known(e.date)) or "undated"
    place = _slug_part(_known(e.city) or _known(e.country)) or "unknown-place"
    target = _slug_part(_known(e.target_organisation) or _known(e.target_person))
    slug = "-".join(p for p in (date, place, target) if p)[:_MAX_SLUG].strip("-")
    return slug if slug not in RESERVED else f"{slug}-strike"


def event_title(sheet: FactSheet) -> str:
    return headline(sheet)


def _place(sheet: FactSheet) -> str | None:
    e = sheet.event
    parts = [p for p in (_known(e.city), _known(e.country) or _inferred(e.country)) if p]
    return ", ".join(dict.fromkeys(parts)) or None


def _inferred(f: SheetField) -> str | None:
    return f.inferred.value if f.inferred is not None else None


def _killed(sheet: FactSheet) -> Casualties | None:
    value = sheet.event.killed.value
    return value if isinstance(value, Casualties) and sheet.event.killed.status != "contested" else None


def _entry(event: FeedEvent, suffix: str) -> EventEntry:
    sheet = event.sheet
    e = sheet.event
    return EventEntry(
        file=event.slug + suffix,
        title=event.title,
        date=_known(e.date),
        place=_place(sheet),
        country=_known(e.country) or _inferred(e.country),
        city=_known(e.city),
        latitude=event.latitude,
        longitude=event.longitude,
        attacker=_known(e.attacker),
        target=_known(e.target_person) or _known(e.target_organisation),
        killed=_killed(sheet),
        independent_sources=independent_sources(sheet.sources),
        sources=[s.path for s in sheet.sources],
    )


def event_index(feed: Feed, suffix: str = ".json") -> EventIndex:
    """DIR/index.json: each strike's sheet (its file ends in `suffix`), then what is in none."""
    return EventIndex(
        events=[_entry(event, suffix) for event in feed.events],
        unassigned=[u.path for u in feed.unassigned],
        unassigned_why=feed.unassigned,
        failures=feed.failures,
    )


# -- events.csv --------------------------------------------------------------------------------

_STATUS_FIELDS = (
    "date",
    "country",
    "city",
    "attacker",
    "weapon",
    "target_person",
    "target_organisation",
    "killed",
    "injured",
)
CSV_COLUMNS: tuple[str, ...] = (
    "event_id",
    "date",
    "date_precision",
    "country",
    "city",
    "district",
    "latitude",
    "longitude",
    "attacker",
    "target_person",
    "target_organisation",
    "weapon",
    "killed_low",
    "killed_best",
    "killed_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "articles",
    "independent_sources",
    *(f"{name}_status" for name in _STATUS_FIELDS),
    "title",
    "sheet_file",
)


def _precision(date: str | None) -> str:
    """ACLED-style precision of a sheet date: day, month, month_day (no year), weekday or unknown."""
    if not date:
        return "unknown"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", date):
        return "day"
    if re.fullmatch(r"\d{4}-\d\d", date):
        return "month"
    if re.fullmatch(r"--\d\d-\d\d", date):
        return "month_day"
    if re.fullmatch(r"\d{4}", date):
        return "year"
    return "weekday"


def _counts(f: SheetField) -> list[str]:
    value = f.value if isinstance(f.value, Casualties) and f.status != "contested" else None
    if value is None:
        return ["", "", ""]
    return ["" if n is None else str(n) for n in (value.low, value.best, value.high)]


def _coordinate(x: float | None) -> str:
    return "" if x is None else f"{x:.5f}"


def _row(event: FeedEvent, suffix: str) -> list[str]:
    sheet = event.sheet
    e = sheet.event
    date = _known(e.date)
    return [
        event.slug,
        date or "",
        _precision(date),
        _known(e.country) or _inferred(e.country) or "",
        _known(e.city) or "",
        _known(e.district) or "",
        _coordinate(event.latitude),
        _coordinate(event.longitude),
        _known(e.attacker) or "",
        _known(e.target_person) or "",
        _known(e.target_organisation) or "",
        _known(e.weapon) or "",
        *_counts(e.killed),
        *_counts(e.injured),
        str(sum(1 for s in sheet.sources if s.is_strike)),
        str(independent_sources(sheet.sources)),
        *(getattr(e, name).status for name in _STATUS_FIELDS),
        event.title,
        event.slug + suffix,
    ]


def events_csv(feed: Feed, suffix: str = ".json") -> str:
    """One row per strike (header first); RFC 4180 quoting, so commas and quotes in names survive."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in feed.events:
        writer.writerow(_row(event, suffix))
    return out.getvalue()


# -- index.html --------------------------------------------------------------------------------

_STYLE = """
body { margin: 0; padding: 1.5rem 2rem 3rem; color: #1c1c1c; background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #1c1c1c; }
.meta { color: #5b5b5b; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid #d9d9d4; }
th { font-size: .85rem; color: #5b5b5b; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
a { color: #0a4f8f; }
code { font-size: .9em; overflow-wrap: anywhere; }
"""


def _esc(text: str) -> str:
    return escape(text, quote=True)


def _status(f: SheetField) -> str:
    return f' <span class="meta">({_esc(f.status.replace("_", " "))})</span>' if f.status != "agreed" else ""


def render_index_html(feed: Feed, suffix: str = ".json") -> str:
    """One self-contained page linking every strike's sheet, then the inputs in no sheet and why.

    Every string from an article goes through `html.escape`; the only style is inline and
    allowed by its hash, and the page has no script at all.
    """
    style_hash = base64.b64encode(hashlib.sha256(_STYLE.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'sha256-{style_hash}'"
    articles = sum(len(ev.sheet.sources) for ev in feed.events) + len(feed.unassigned) + len(feed.failures)
    rows = []
    for ev in feed.events:
        e = ev.sheet.event
        href = quote(ev.slug + suffix)
        rows.append(
            "<tr>"
            f"<td>{_esc(_known(e.date) or 'unknown')}{_status(e.date)}</td>"
            f"<td>{_esc(_place(ev.sheet) or 'unknown')}</td>"
            f'<td><a href="{_esc(href)}" dir="auto">{_esc(ev.title)}</a></td>'
            f"<td class=n>{_esc(show_value(_killed(ev.sheet)))}</td>"
            f"<td class=n>{len(ev.sheet.sources)} ({independent_sources(ev.sheet.sources)})</td>"
            "</tr>"
        )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(plural(len(feed.events), 'strike'))}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{_esc(plural(len(feed.events), 'strike'))} from {_esc(plural(articles, 'article'))}</h1>",
        f'<p class="meta">Extractor: {_esc(feed.run.extractor)}'
        + (f", model: {_esc(feed.run.model)}" if feed.run.model else "")
        + ". Each sheet merges the articles that report one strike; "
        "near-copies count as one independent source.</p>",
        "<table><thead><tr><th>Date</th><th>Place</th><th>Strike (opens its sheet)</th>"
        "<th>Killed</th><th>Articles (independent)</th></tr></thead><tbody>",
        *rows,
        "</tbody></table>",
    ]
    parts += _path_table("In no sheet", [(u.path, u.reason) for u in feed.unassigned])
    parts += _path_table("Could not be used", [(f.path, f.message) for f in feed.failures])
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _path_table(title: str, rows: list[tuple[str, str]]) -> list[str]:
    """A titled table of files and why each is listed; nothing when there are none."""
    if not rows:
        return []
    return [
        f"<h2>{title} ({len(rows)})</h2><table><tbody>",
        *(
            f'<tr><td><code dir="auto">{_esc(path)}</code></td><td>{_esc(why)}</td></tr>'
            for path, why in rows
        ),
        "</tbody></table>",
    ]
