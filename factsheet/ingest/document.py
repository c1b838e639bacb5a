"""What a format reader hands on: the article's text and whatever the file said about it."""

from __future__ import annotations

from dataclasses import dataclass, field

# Metadata keys people use for the same thing, in JSON records and markdown front matter.
OUTLET_KEYS = ("outlet", "source", "publisher", "site_name", "sitename", "site", "publication", "newspaper")
TITLE_KEYS = ("title", "headline")
PUBLISHED_KEYS = (
    "published",
    "date",
    "published_at",
    "publishedAt",
    "pubdate",
    "date_published",
    "datePublished",
)
URL_KEYS = ("url", "link", "canonical", "canonical_url")
LANGUAGE_KEYS = ("language", "lang", "inLanguage", "locale")


@dataclass(frozen=True)
class Metadata:
    """Facts about the article stated by the file, not guessed from the prose."""

    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None

    @classmethod
    def from_mapping(cls, record: dict[str, object]) -> Metadata:
        def first(keys: tuple[str, ...]) -> str | None:
            for key in keys:
                value = record.get(key)
                if isinstance(value, dict):  # {"source": {"name": "Reuters"}} as news APIs send it
                    value = value.get("name") or value.get("title")
                if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                    text = " ".join(str(value).split())
                    if text:
                        return text
            return None

        return cls(
            first(OUTLET_KEYS),
            first(TITLE_KEYS),
            first(PUBLISHED_KEYS),
            first(URL_KEYS),
            first(LANGUAGE_KEYS),
        )


@dataclass(frozen=True)
class Document:
    """One article found in a file; `part` tells records of a .jsonl/.json list apart."""

    text: str
    meta: Metadata = field(default_factory=Metadata)
    part: int | None = None
    where: str = ""
    page_title: str | None = None  # an HTML <title> as written, 'Headline | Outlet' suffix and all
