"""From a reader's Document to the Article every later stage works on."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from factsheet.errors import InputError
from factsheet.ingest.boilerplate import clean, normalise_line
from factsheet.ingest.dateline import find_dateline
from factsheet.ingest.document import Document
from factsheet.ingest.language import detect_language, metadata_language
from factsheet.ingest.outlet import find_outlet, parse_byline, title_suffix
from factsheet.ingest.published import parse_date, published_from_text, stamp_date
from factsheet.models import Article

# Fewer words than this after cleaning is a page with no article on it, not a short article.
_MIN_WORDS = 5
_HEADLINE_WORDS = (3, 25)
_BY = re.compile(r"^by\s", re.IGNORECASE)
# 'Headline | Conflict News' once the outlet is gone: a short trailing section label.
_SECTION_TRAIL = re.compile(r"\s+\|\s+[^|]{1,30}$")
# 'Headline in Baghdad, Iraq world': a section tag glued to the end by the scraper.
_SECTION_WORD = re.compile(r"(\b[A-Z][\w.'’-]*) +(?:world|news|politics|business|middle east|international)$")


def clean_title(title: str, outlet: str) -> str:
    """The headline without the site's name and section labels around it."""
    title = " ".join(title.split())
    found = title_suffix(title)
    if found and found[1] == outlet:
        title = found[0]
    while len(title.split()) > 4 and _SECTION_TRAIL.search(title):
        title = _SECTION_TRAIL.sub("", title)
    return _SECTION_WORD.sub(r"\1", title)


def _headline(lines: Sequence[str]) -> str | None:
    """The first line near the top that reads like a headline, its outlet suffix removed."""
    for line in lines[:10]:
        norm = normalise_line(line)
        low, high = _HEADLINE_WORDS
        if not low <= len(norm.split()) <= high or _BY.match(norm) or norm.endswith(":"):
            continue
        if stamp_date(norm) or parse_byline(norm) or not (norm[0].isupper() or norm[0].isdigit()):
            continue
        found = title_suffix(norm)
        return found[0] if found else norm
    return None


def build_article(path: Path, document: Document) -> Article:
    cleaned = clean(document.text)
    if len(cleaned.text.split()) < _MIN_WORDS:
        raise InputError(
            path,
            f"{document.where}no article text left after removing site furniture "
            "(menus, share buttons, comment forms, appeals)",
        )
    lines = [line for line in cleaned.text.split("\n") if line.strip()]
    meta = document.meta
    outlet = find_outlet(meta, lines, cleaned.removed, fallback=path.stem, page_title=document.page_title)
    title = meta.title or _headline(lines)
    suffix = f"#{document.part}" if document.part is not None else ""
    return Article(
        id=f"{path.stem}{suffix}",
        path=str(path),
        text=cleaned.text,
        outlet=outlet.name,
        outlet_origin=outlet.origin,
        title=clean_title(title, outlet.name) if title else None,
        published=parse_date(meta.published) or published_from_text(lines),
        dateline=find_dateline(lines),
        url=meta.url,
        language=metadata_language(meta.language) or detect_language(cleaned.text),
        sha256=hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
    )
