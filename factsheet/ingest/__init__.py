"""Ingest: files in, Articles out, with the page furniture stripped and the publisher named.

Article.text is final here: evidence offsets computed later index this exact string.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from factsheet.errors import InputError
from factsheet.ingest.assemble import build_article
from factsheet.ingest.paths import SUPPORTED_SUFFIXES, collect_paths, find_paths
from factsheet.ingest.readers import read_documents
from factsheet.models import Article


def read_articles(path: Path) -> list[Article]:
    """Every article in one file (a .jsonl or a JSON list holds several). Raises InputError."""
    path = Path(path)
    return [build_article(path, document) for document in read_documents(path)]


def read_article(path: Path) -> Article:
    """The one article in a file; a file holding several is an error that says so."""
    articles = read_articles(path)
    if len(articles) != 1:
        raise InputError(path, f"holds {len(articles)} articles; read it with read_articles")
    return articles[0]


def unique_ids(articles: Sequence[Article]) -> list[Article]:
    """Ids stay file stems, but two files named alike in different folders must not share one.

    The clash is resolved by prefixing the parent folder ('a/report', 'b/report'), then a
    counter if that still clashes; articles whose id is unique are left untouched.
    """
    counts = Counter(a.id for a in articles)
    taken: set[str] = {a.id for a in articles if counts[a.id] == 1}
    result: list[Article] = []
    for article in articles:
        if counts[article.id] == 1:
            result.append(article)
            continue
        base = f"{Path(article.path).parent.name}/{article.id}".lstrip("/")
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}~{n}", n + 1
        taken.add(candidate)
        result.append(article.model_copy(update={"id": candidate}))
    return result


def ingest(inputs: Sequence[str | Path]) -> tuple[list[Article], list[InputError]]:
    """Files and folders to articles with run-unique ids; unreadable files are returned, not raised."""
    articles: list[Article] = []
    paths, errors = find_paths(inputs)
    for path in paths:
        try:
            articles.extend(read_articles(path))
        except InputError as exc:
            errors.append(exc)
    return unique_ids(articles), errors


__all__ = [
    "SUPPORTED_SUFFIXES",
    "collect_paths",
    "find_paths",
    "ingest",
    "read_article",
    "read_articles",
    "unique_ids",
]
