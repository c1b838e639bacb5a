"""One self-contained HTML page: the sheet, the disagreement matrix, and every value's quote in its article.

Trust boundary: every string that came from an article or a model goes through `html.escape`
or into the JSON island (with '<', '>', '&', U+2028/9 escaped), and the page script turns
article text into text nodes only. A Content-Security-Policy with hashes of the page's own
script and style means that even a missed escape could neither run code nor load anything.
Output is a pure function of the sheet: no clock, no randomness, sorted JSON.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from functools import cache
from html import escape
from importlib.resources import files

from factsheet.models import Alternative, FactSheet, QuoteRef, SheetField, Source
from factsheet.render.matrix import MARKER_HELP, MARKERS, Cell, Row, build_matrix
from factsheet.render.values import (
    GRADE_HELP,
    STATUS_HELP,
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
    source_labels,
    written_as,
)


def esc(text: str) -> str:
    return escape(text, quote=True)


def json_for_script(obj: object) -> str:
    """JSON that cannot end its <script> element or break a JS parser, whatever the strings hold."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


@cache
def _asset(name: str) -> str:
    return files("factsheet.render").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


class Quotes:
    """Numbers each distinct quote once; buttons refer to quotes by number in `data-q`."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str, str, int | None, int | None, str | None], int] = {}
        self.items: list[dict[str, object]] = []

    def ref(self, quotes: Sequence[QuoteRef]) -> str:
        out: list[str] = []
        for q in quotes:
            key = (q.source, q.outlet, q.quote, q.start, q.end, q.match)
            if key not in self._ids:
                self._ids[key] = len(self.items)
                self.items.append(
                    {
                        "source": q.source,
                        "outlet": q.outlet,
                        "quote": q.quote,
                        "start": q.start,
                        "end": q.end,
                        "match": q.match,
                    }
                )
            out.append(str(self._ids[key]))
        return " ".join(dict.fromkeys(out))


class Page:
    """Builds the page's sections while collecting the quotes they point to."""

    def __init__(self, sheet: FactSheet) -> None:
        self.sheet = sheet
        self.quotes = Quotes()
        self.labels = source_labels(sheet.sources)

    # -- small pieces ----------------------------------------------------------------------------

    def value(self, text: str, quotes: Sequence[QuoteRef], what: str, cls: str = "v") -> str:
        """A value that opens its quotes; plain text when no quote backs it."""
        if not quotes:
            return f'<span class="{cls} noquote" dir="auto">{esc(text)}</span>'
        first = quotes[0].quote
        # A link rather than a button: links wrap like text inside a sentence or a list item.
        return (
            f'<a class="{cls}" href="#viewer" data-q="{self.quotes.ref(quotes)}" dir="auto" '
            f'data-label="{esc(what)}" title="{esc(first)}">{esc(text)}</a>'
        )

    def outlet_chips(self, f: SheetField, what: str) -> str:
        """Each supporting outlet, opening that outlet's own words."""
        chips = []
        friends = [a for a in f.alternatives if a.verified and a.compatible]
        for outlet in f.support:
            quotes = [q for a in friends for q in a.evidence if q.outlet == outlet]
            chips.append(self.value(outlet, quotes, f"{what} — {outlet}", "chip"))
        return "".join(chips)

    def alternative(self, name: str, a: Alternative) -> str:
        shown = alternative_text(a)
        button = self.value(shown, a.evidence, f"{label(name)}: {shown}")
        return f'{button} <span class="outlets">({esc(join_names(a.outlets))})</span>'

    # -- sections --------------------------------------------------------------------------------

    def field(self, name: str, f: SheetField) -> str:
        title = label(name)
        status = (
            f'<span class="badge s-{esc(f.status)}" title="{esc(STATUS_HELP.get(f.status, ""))}">'
            f"{esc(f.status.replace('_', ' '))}</span>"
        )
        grade_help = esc(GRADE_HELP.get(f.grade, ""))
        grade = (
            f'<span class="badge g-{esc(f.grade)}" title="{grade_help}">{esc(f.grade)}</span>'
            if f.grade not in ("none", f.status)
            else ""
        )
        more: list[str] = []
        shown = consensus_text(f)
        if f.status == "contested":
            value = '<span class="contested">contested</span>'
            more += [f"<li>{self.alternative(name, a)}</li>" for a in f.alternatives if a.verified]
        elif f.value is None:
            value = f'<span class="unknown">{esc(shown)}</span>'
        else:
            backing = [q for a in f.alternatives if a.verified and a.value == f.value for q in a.evidence]
            value = self.value(shown, backing, f"{title}: {shown}")
        if f.status != "contested":
            for a in other_values(f):
                tag = "compatible" if a.compatible else "contradicted by"
                more.append(f'<li><span class="tag">{tag}:</span> {self.alternative(name, a)}</li>')
            spellings = written_as(f)
            if spellings:
                written = ", ".join(f"“{esc(s)}”" for s in spellings)
                more.append(f'<li><span class="tag">written as:</span> {written}</li>')
        for a in f.alternatives:
            if not a.verified:
                more.append(f'<li><span class="tag">unverified:</span> {self.alternative(name, a)}</li>')
        if f.silent and f.status != "unknown":
            more.append(f'<li><span class="tag">not mentioned by:</span> {esc(join_names(f.silent))}</li>')
        if f.note:
            more.append(f'<li><span class="tag">note:</span> {esc(f.note)}</li>')
        for c in f.claims:
            said = self.value(f"“{c.statement}”", c.evidence, f"{c.speaker}: {c.statement}")
            more.append(f'<li><span class="tag">{esc(c.speaker)} ({esc(c.kind)}):</span> {said}</li>')
        chips = self.outlet_chips(f, f"{title}: {shown}") if f.status != "contested" else ""
        return (
            f'<div class="field" id="f-{esc(name)}"><div class="fname">{esc(title)}</div><div>'
            f'<span class="fval">{value}</span><span class="fhow">{status}{grade}</span>'
            + (f'<div class="fout">{chips}</div>' if chips else "")
            + (f'<ul class="fmore">{"".join(more)}</ul>' if more else "")
            + "</div></div>"
        )

    def sheet_section(self) -> str:
        rows = "".join(self.field(name, f) for name, f in event_fields(self.sheet))
        return f'<section id="sheet"><h2>What happened</h2><div class="fields">{rows}</div></section>'

    def people_section(self) -> str:
        if not self.sheet.people:
            return ""
        parts = ['<section id="people" class="people"><h2>People</h2><ul>']
        for p in self.sheet.people:
            name = self.value(p.name, p.evidence, f"{p.name}: named by")
            fate = person_fate(p)
            backing = [
                q for a in p.fate.alternatives if a.verified and a.value == p.fate.value for q in a.evidence
            ]
            fate_html = self.value(fate, backing, f"{p.name}: {fate}", "fate")
            details = person_details(p)
            parts.append(
                f'<li><span class="pname">{name}</span>: {fate_html} '
                f'<span class="outlets">({esc(join_names(p.support))})</span>'
                + (f'<div class="pmore">{esc(details)}</div>' if details else "")
                + "</li>"
            )
        parts.append("</ul></section>")
        return "".join(parts)

    def claims_section(self) -> str:
        if not self.sheet.claims:
            return ""
        parts = ['<section id="claims" class="claims"><h2>Who claims what</h2>']
        for speaker, claims in claims_by_speaker(self.sheet.claims):
            kind_text = esc(claims[0].speaker_type.replace("_", " "))
            parts.append(f'<h3>{esc(speaker)} <span class="kind">{kind_text}</span></h3><ul>')
            for c in claims:
                statement = self.value(f"“{c.statement}”", c.evidence, f"{speaker}: {c.statement}")
                outlets = esc(join_names(c.outlets))
                parts.append(f'<li>{statement} <span class="outlets">({outlets})</span></li>')
            parts.append("</ul>")
        parts.append("</section>")
        return "".join(parts)

    def cell(self, row: Row, source: Source, c: Cell) -> str:
        marker = MARKERS[c.kind]
        mark = f'<span class="marker" title="{esc(MARKER_HELP[c.kind])}">{marker}</span> ' if marker else ""
        if c.kind in ("silent", "off"):
            body = esc(c.text)
        else:
            body = self.value(c.text, c.quotes, f"{label(row.field)} — {self.labels[source.id]}: {c.text}")
        return f'<td class="{c.kind}">{mark}{body}</td>'

    def matrix_section(self) -> str:
        columns, rows = build_matrix(self.sheet)
        if not columns:
            return ""
        groups = copy_groups(self.sheet.sources)
        head = ""
        if groups:
            spans: list[str] = ['<th class="nogroup"></th>']
            i = 0
            while i < len(columns):
                g = columns[i].copy_group
                if g in groups:
                    n = len(groups[g])
                    spans.append(f'<th class="group" colspan="{n}">near-copies, count as one</th>')
                    i += n
                else:
                    spans.append('<th class="nogroup"></th>')
                    i += 1
            head = "<tr>" + "".join(spans) + "</tr>"
        head += (
            '<tr><th scope="col">Field</th>'
            + "".join(f'<th scope="col">{esc(self.labels[s.id])}</th>' for s in columns)
            + "</tr>"
        )
        body = []
        for row in rows:
            status = row.sheet_field.status
            note = f' <span class="badge s-{esc(status)}">{esc(status.replace("_", " "))}</span>'
            cls = "diff-row" if row.differs else "agreed-row"
            cells = "".join(self.cell(row, s, c) for s, c in zip(columns, row.cells, strict=True))
            body.append(f'<tr class="{cls}"><th scope="row">{esc(label(row.field))}{note}</th>{cells}</tr>')
        legend = "".join(
            f'<li><span class="sw {kind}">{MARKERS[kind] or "&nbsp;"}</span>{esc(MARKER_HELP[kind])}</li>'
            for kind in ("differs", "variant", "unverified", "silent")
        )
        return (
            '<section id="disagreements"><h2>Where the outlets disagree</h2>'
            '<p class="hint">Each cell is what one article says. Click a value to read it in the article.</p>'
            '<div class="matrix-scroll" role="region" aria-label="Fields by outlet" tabindex="0">'
            f'<table class="matrix"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table></div>'
            f'<ul class="legend">{legend}</ul></section>'
        )

    def unverified_section(self) -> str:
        items = []
        for name, f in event_fields(self.sheet):
            for a in f.alternatives:
                if a.verified:
                    continue
                quoted = "; ".join(f"“{esc(q.quote)}”" for q in a.evidence)
                items.append(
                    f"<li><strong>{esc(label(name))}:</strong> {self.alternative(name, a)}"
                    + (f' <span class="tag">quoted as {quoted}</span>' if quoted else "")
                    + "</li>"
                )
        if not items:
            return ""
        return (
            '<section id="unverified" class="panel warn"><h2>Unverified values</h2>'
            "<p>Given without a quote that could be found in the article, so they did not vote. "
            "Treat them as leads, not facts.</p>"
            f"<ul>{''.join(items)}</ul></section>"
        )

    def source_card(self, s: Source) -> str:
        bits = [b for b in (s.published, s.path) if b]
        extractor = f"{s.extractor} ({s.model})" if s.model else s.extractor
        meta = " · ".join([*(esc(b) for b in bits), f"extractor: {esc(extractor)}"])
        off = "" if s.is_strike else ' <span class="badge s-unknown">not about a strike</span>'
        title = f'<p class="title">{esc(s.title)}</p>' if s.title else ""
        read = (
            f'<a class="read" href="#viewer" data-src="{esc(s.id)}" '
            f'data-label="{esc(self.labels[s.id])}: full article">Read the article</a>'
            if s.text is not None
            else ""
        )
        return (
            f'<div class="source" id="src-{esc(s.id)}"><h3>{esc(self.labels[s.id])}{off}</h3>{title}'
            f'<p class="meta">{meta}</p>{read}</div>'
        )

    def sources_section(self) -> str:
        if not self.sheet.sources:
            return ""
        groups = copy_groups(self.sheet.sources)
        parts = ['<section id="sources"><h2>Sources</h2><div class="sources">']
        shown: set[str] = set()
        for s in self.sheet.sources:
            if s.id in shown:
                continue
            members = groups.get(s.copy_group or "", [s])
            shown.update(m.id for m in members)
            cards = "".join(self.source_card(m) for m in members)
            if len(members) > 1:
                note = (
                    f"Near-copies: {plural(len(members), 'article')}, one story rewritten; "
                    "they count as one source."
                )
                parts.append(f'<div class="copy-group"><p>{esc(note)}</p>{cards}</div>')
            else:
                parts.append(cards)
        parts.append("</div></section>")
        return "".join(parts)

    def failures_section(self) -> str:
        if not self.sheet.failures:
            return ""
        items = "".join(
            f"<li><code>{esc(f.path)}</code> ({esc(f.stage)}): "
            f"<strong>{esc(f.error)}</strong> — {esc(f.message)}</li>"
            for f in self.sheet.failures
        )
        return (
            '<section id="failures" class="panel fail"><h2>Articles that could not be used</h2>'
            f"<p>The sheet stands without them.</p><ul>{items}</ul></section>"
        )

    def data(self) -> str:
        sources = {
            s.id: {
                "label": self.labels[s.id],
                "outlet": s.outlet,
                "title": s.title,
                "text": s.text,
                "language": s.language,
                "rtl": s.language in _RTL,
            }
            for s in self.sheet.sources
        }
        return json_for_script({"quotes": self.quotes.items, "sources": sources})


_RTL = {"ar", "fa", "he", "ur", "ps", "ku", "yi", "dv"}

_VIEWER = (
    '<aside id="viewer" aria-label="Article text">'
    '<div class="v-head"><div class="v-titles"><h2 id="v-title">Quotes</h2>'
    '<div id="v-tabs" class="v-tabs"></div>'
    '<p id="v-info" class="v-info" aria-live="polite">'
    "Click any value to read the words behind it, highlighted in its article.</p></div>"
    '<button type="button" id="v-close" aria-label="Close the article">×</button></div>'
    '<div id="v-text" class="v-text"></div></aside>'
)


def render_html(sheet: FactSheet) -> str:
    page = Page(sheet)
    title = headline(sheet)
    n, independent = len(sheet.sources), independent_sources(sheet.sources)
    meta = f"From {plural(n, 'article')}"
    if independent != n:
        meta += f" ({plural(independent, 'independent source')})"
    run = sheet.run
    meta += f" · extractor {run.extractor}" + (f" · model {run.model}" if run.model else "")
    # Sections are built before the data island so it holds exactly the quotes they refer to.
    sections = [
        page.sheet_section(),
        page.people_section(),
        page.claims_section(),
        page.matrix_section(),
        page.unverified_section(),
        page.sources_section(),
        page.failures_section(),
    ]
    nav = [("sheet", "What happened"), ("people", "People"), ("claims", "Claims")]
    nav += [("disagreements", "Disagreements")]
    nav += [("unverified", "Unverified"), ("sources", "Sources"), ("failures", "Failures")]
    links = "".join(f'<a href="#{i}">{t}</a>' for i, t in nav if f'id="{i}"' in "".join(sections))
    footer = (
        f'<p class="run">factsheet {esc(run.tool_version)} · schema {esc(sheet.schema_version)}'
        + (f" · prompt {esc(run.prompt_version)}" if run.prompt_version else "")
        + (" · unverified values were allowed to vote" if run.allow_unverified else "")
        + "</p>"
    )
    css, js = _asset("page.css"), _asset("page.js")
    csp = (
        f"default-src 'none'; script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(title)}</title><style>{css}</style></head>\n"
        '<body><div class="layout"><main>'
        f'<header><h1>{esc(title)}</h1><p class="meta">{esc(meta)}</p><nav class="toc">{links}</nav>'
        '<noscript><p class="hint">Quotes open in their articles with JavaScript on; '
        "the values below stand without it.</p></noscript></header>"
        + "".join(sections)
        + footer
        + f"</main>{_VIEWER}</div>\n"
        f'<script type="application/json" id="fs-data">{page.data()}</script>\n'
        f"<script>{js}</script></body></html>\n"
    )
