"""Who published the article: stated metadata first, then the places a page names itself.

Outlets cited as sources ('according to Reuters', 'told the AP', 'AFP via Getty Images')
are not the publisher, so the prose is never searched for outlet names. Only positions
where a page speaks about itself count: a byline line, a title suffix, a 'Source:' line,
the site's own furniture ('notifications from The Independent'), a staff credit, and the
wire-agency dateline. When none speaks, the file name stands in, so that sources stay
distinct in the vote even if unnamed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from factsheet.ingest.boilerplate import Removed, normalise_line
from factsheet.ingest.document import Metadata
from factsheet.ingest.html import is_domain
from factsheet.ingest.outlet_names import known_outlet, outlet_like, tidy
from factsheet.models.article import OutletOrigin

# How far down a byline or headline may sit before it is reporting, not page furniture.
_TOP_LINES = 15
_BYLINE_MAX_WORDS = 10

_SEGMENT_SPLIT = re.compile(r"\s*(?:[,|•·]|\s[-–—]\s)\s*")
# Picture credits name agencies that supplied a photo, not the publisher.
_PHOTO_CREDIT = re.compile(r"/|\b(?:photo|photograph|credit|via|image|getty|pool)\b", re.IGNORECASE)
_BY = re.compile(r"^by\s+", re.IGNORECASE)
_PLACE = re.compile(r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}$")
_TITLE_SEPARATORS = (" | ", " : ", " - ", " – ", " — ", " · ", " • ")
_NAME_TAIL = r"[A-Z][\w'’&.-]*(?:\s+(?:of|the|and|&|al|el|[A-Z][\w'’&.-]*)){0,4}"
_NAME = rf"((?:[Tt]he\s+)?{_NAME_TAIL})"
_THE_NAME = rf"([Tt]he\s+{_NAME_TAIL})"  # 'Support the Guardian', never 'Support Independent Journalism'
# Furniture sentences in which a site names itself.
_SELF_REFERENCES = tuple(
    re.compile(p)
    for p in (
        rf"\b(?:notifications|alerts|updates|newsletters?|emails?|news) from {_NAME}",
        rf"\b(?:[Ss]ign up|[Ss]ubscribe) (?:to|for) {_NAME}",
        rf"\b[Ss]upport {_THE_NAME}",
        rf"{_NAME} is (?:on the ground|trusted|independent|reader[- ]funded|free to read|committed|here)\b",
        rf"\bother {_NAME} readers\b",
    )
)
_SELF_FAMILIES = frozenset(
    {"notifications", "newsletter", "appeal", "comments", "account", "paywall", "share"}
)
# 'NPR’s Jane Arraf and Tom Bowman contributed reporting.'
_STAFF_CREDIT = re.compile(
    rf"^{_NAME}['’]s?\s+(?:[A-Z][\w.'’-]+\s+){{1,3}}(?:and\s+(?:[A-Z][\w.'’-]+\s+){{1,3}})?contributed\b"
)
_SOURCE_LINE = re.compile(
    rf"^(?:[Ss]ource|[Oo]riginally published (?:by|in|on)|This (?:article|story) (?:first |originally )?"
    rf"appeared (?:on|in))\s*:?\s*{_NAME}\.?$"
)
_AGENCY_DATELINE = re.compile(r"^([A-Z][\w'’., -]{1,60}?)\(([^()]{2,40})\)\s*[-–—]")


@dataclass(frozen=True)
class Byline:
    outlet: str | None
    place: str | None


@dataclass(frozen=True)
class OutletFinding:
    name: str
    origin: OutletOrigin
    signal: str  # which rule found it, for debugging and tests


def parse_byline(line: str) -> Byline | None:
    """'BBC News, Baghdad' / '• BBC News' / 'By Jane Doe, Reuters': outlet and place, if any."""
    norm = normalise_line(line)
    if not norm or len(norm.split()) > _BYLINE_MAX_WORDS or norm.endswith((".", "?", "!", ":")):
        return None
    if _PHOTO_CREDIT.search(norm):
        return None
    has_by = bool(_BY.match(norm))
    segments = [s for s in _SEGMENT_SPLIT.split(_BY.sub("", norm)) if s]
    for k, segment in enumerate(segments):
        if len(segment.split()) > 5:
            continue
        outlet = outlet_like(segment, allow_the=has_by)
        if outlet is None:
            continue
        place = None
        if k + 1 < len(segments):
            candidate = segments[k + 1]
            if _PLACE.match(candidate) and outlet_like(candidate) is None:
                place = candidate
        return Byline(outlet, place)
    return None


def title_suffix(title: str) -> tuple[str, str] | None:
    """'Headline : NPR' -> ('Headline', 'NPR'): the rightmost separator, a headline before it."""
    norm = " ".join(title.split())
    cut = max(((norm.rfind(sep), sep) for sep in _TITLE_SEPARATORS), key=lambda found: found[0])
    position, separator = cut
    if position <= 0:
        return None
    head, site = norm[:position].strip(), norm[position + len(separator) :]
    if len(head.split()) < 3 or len(site.split()) > 5:
        return None
    outlet = outlet_like(site)
    return (head, outlet) if outlet else None


def _first_name(patterns: Iterable[re.Pattern[str]], text: str) -> str | None:
    for pattern in patterns:
        for match in pattern.finditer(text):
            name = outlet_like(_trim_name(match.group(1)))
            if name:
                return name
    return None


def _trim_name(name: str) -> str:
    words = tidy(name).split()
    while words and words[-1].casefold() in {"of", "the", "and", "&", "al", "el"}:
        words.pop()
    return " ".join(words)


def _from_text(lines: Sequence[str], removed: Sequence[Removed]) -> OutletFinding | None:
    top = list(lines[:_TOP_LINES])
    for line in top:
        byline = parse_byline(line)
        if byline and byline.outlet:
            return OutletFinding(byline.outlet, "text", "byline")
    for line in top[:10]:
        found = title_suffix(line)
        if found:
            return OutletFinding(found[1], "text", "title suffix")
    for line in lines:
        match = _SOURCE_LINE.match(normalise_line(line))
        name = outlet_like(_trim_name(match.group(1))) if match else None
        if name:
            return OutletFinding(name, "text", "source line")
    for item in removed:
        if item.family in _SELF_FAMILIES:
            name = _first_name(_SELF_REFERENCES, normalise_line(item.text))
            if name:
                return OutletFinding(name, "text", "self-reference")
    for line in lines:
        name = _first_name((_STAFF_CREDIT,), normalise_line(line))
        if name:
            return OutletFinding(name, "text", "staff credit")
    for line in lines[:20]:
        match = _AGENCY_DATELINE.match(normalise_line(line))
        name = wire_agency(match.group(1), match.group(2)) if match else None
        if name:
            return OutletFinding(name, "text", "agency dateline")
    return None


def wire_agency(before: str, inside: str) -> str | None:
    """'BAGHDAD (Reuters) -': the bracket names an agency when it is a known outlet, or when
    what precedes it is an all-capitals place (an organisation's acronym follows its name)."""
    return known_outlet(inside) or (outlet_like(inside) if before.strip(" ,").isupper() else None)


def find_outlet(
    meta: Metadata,
    lines: Sequence[str],
    removed: Sequence[Removed],
    *,
    fallback: str,
    page_title: str | None = None,
) -> OutletFinding:
    """lines: the cleaned article's non-blank lines; removed: its dropped furniture."""
    stated = tidy(meta.outlet) if meta.outlet else ""
    if stated.startswith(("http://", "https://")):  # a 'source' field holding the article's URL
        stated = urlsplit(stated).hostname or ""
    if stated and not is_domain(stated):
        return OutletFinding(stated, "metadata", "metadata")
    if page_title:  # the page's own <title> is metadata too, and names the site better than a domain
        found = title_suffix(page_title)
        if found:
            return OutletFinding(found[1], "metadata", "page title suffix")
    if stated:
        return OutletFinding(stated, "metadata", "domain")
    return _from_text(lines, removed) or OutletFinding(fallback, "filename", "file name")
