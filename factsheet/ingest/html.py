"""Saved web pages: the article's paragraphs and the page's own metadata.

trafilatura finds the main text (dropping menus, footers, ads and comment threads) and
reads title, site name and publication date from meta tags and JSON-LD. Two adjustments:
captions are turned into paragraphs first, since they often state the place and date of
a strike; and loose <time> tags are neutralised for the text pass, as trafilatura fuses a
whole article into one paragraph when it meets one. Metadata is read from the untouched page.
"""

from __future__ import annotations

import re
import warnings

from factsheet.ingest.document import Metadata

_FIGCAPTION = re.compile(r"<(/?)figcaption\b", re.IGNORECASE)
_FIGURE = re.compile(r"<(/?)figure\b", re.IGNORECASE)
_TIME = re.compile(r"<(/?)time\b", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>", re.IGNORECASE)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$", re.IGNORECASE)
_DATE_CONFIG = {"extensive_search": False, "original_date": True}


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _page_title(html: str) -> str | None:
    from html import unescape

    match = _TITLE_TAG.search(html)
    if not match:
        return None
    title = " ".join(unescape(match.group(1)).split())
    return title or None


def is_domain(name: str) -> bool:
    return bool(_DOMAIN.match(name))


def read_html(html: str) -> tuple[str, Metadata, str | None]:
    """Returns (text, metadata, raw <title>): the raw title keeps a 'Headline | Outlet' suffix."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    html = _XML_DECLARATION.sub("", html)
    text_html = _FIGCAPTION.sub(r"<\1p", html)
    text_html = _FIGURE.sub(r"<\1div", text_html)  # trafilatura drops whole figures, captions included
    text_html = _TIME.sub(r"<\1span", text_html)
    with warnings.catch_warnings():  # lxml deprecation chatter is not the user's business
        warnings.simplefilter("ignore")
        extracted = trafilatura.bare_extraction(
            text_html, include_comments=False, include_tables=True, favor_recall=True, with_metadata=False
        )
        meta = extract_metadata(html, date_config=_DATE_CONFIG)
    raw = getattr(extracted, "text", None) or ""
    text = "\n\n".join(line.strip() for line in raw.split("\n") if line.strip())
    metadata = Metadata(
        outlet=_clean(meta.sitename),
        title=_clean(meta.title),
        published=_clean(meta.date),
        url=_clean(meta.url),
    )
    return text, metadata, _page_title(html)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None
