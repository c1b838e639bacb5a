"""One reader per file format; each returns the articles a file holds as Documents.

Errors name the record ('line 3') as well as the file, so a user with a thousand-line
.jsonl file can go straight to the broken record.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from factsheet.errors import InputError
from factsheet.ingest.decode import decode, read_bytes
from factsheet.ingest.document import Document, Metadata
from factsheet.ingest.html import looks_like_html, read_html
from factsheet.ingest.limits import max_article_bytes, too_big
from factsheet.ingest.markdown import read_markdown, split_front_matter
from factsheet.ingest.pdf import read_pdf


def _html_document(path: Path, html: str, meta: Metadata | None = None, where: str = "") -> Document:
    text, page_meta, page_title = read_html(html)
    if not text.strip():
        raise InputError(path, f"{where}no article text found in the HTML page")
    if meta is not None:  # a record's own fields outrank what its HTML says
        page_meta = Metadata(
            outlet=meta.outlet or page_meta.outlet,
            title=meta.title or page_meta.title,
            published=meta.published or page_meta.published,
            url=meta.url or page_meta.url,
        )
    return Document(text, page_meta, where=where, page_title=page_title)


def _record(path: Path, record: object, part: int | None, where: str) -> Document:
    if not isinstance(record, dict):
        raise InputError(
            path, f"{where}expected a JSON object with a 'text' field, found {type(record).__name__}"
        )
    if "text" not in record:
        keys = ", ".join(sorted(map(str, record))) or "none"
        raise InputError(path, f"{where}JSON record has no 'text' field (fields: {keys})")
    text = record["text"]
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, f"{where}JSON record's 'text' is empty or not a string")
    limit = max_article_bytes()
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise InputError(path, f"{where}{too_big(size, limit, what='the text')}")
    meta = Metadata.from_mapping(record)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        return replace(_html_document(path, text, meta, where), part=part)
    return Document(text, meta, part=part, where=where)


def _json_error(path: Path, exc: json.JSONDecodeError, where: str = "") -> InputError:
    position = where or f"line {exc.lineno}, column {exc.colno}: "
    return InputError(path, f"{position}invalid JSON ({exc.msg})")


def read_json(path: Path, text: str) -> list[Document]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _json_error(path, exc) from exc
    if isinstance(data, list):
        if not data:
            raise InputError(path, "JSON list holds no articles")
        if len(data) == 1:
            return [_record(path, data[0], None, "")]
        return [_record(path, item, n, f"record {n}: ") for n, item in enumerate(data, start=1)]
    return [_record(path, data, None, "")]


def read_jsonl(path: Path, text: str) -> list[Document]:
    documents: list[Document] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {lineno}: "
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _json_error(path, exc, where) from exc
        documents.append(_record(path, record, lineno, where))
    if not documents:
        raise InputError(path, "file is empty")
    return documents


def _is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


def read_documents(path: Path) -> list[Document]:
    suffix = path.suffix.lower()
    data = read_bytes(path)
    if suffix == ".pdf" or _is_pdf(data):  # a PDF saved as 'article.txt' is still a PDF
        return [read_pdf(path, data)]
    if suffix in (".html", ".htm"):
        return [_html_document(path, decode(path, data, html=True))]
    text = decode(path, data)
    if suffix == ".json":
        return read_json(path, text)
    if suffix == ".jsonl":
        return read_jsonl(path, text)
    if suffix in (".md", ".markdown"):
        body, meta = read_markdown(text)
        return [Document(body, meta)]
    if looks_like_html(text):  # a page saved with the wrong extension
        return [_html_document(path, text)]
    fields, body = split_front_matter(text)
    return [Document(body, Metadata.from_mapping(fields))]
