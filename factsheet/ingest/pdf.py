"""PDF articles: the text layer read with pypdf, re-flowed into paragraphs like a .txt article.

A PDF stores lines as they were typeset, not paragraphs: every line of a column ends in a
break, and page headers, footers and numbers repeat between the paragraphs. Later stages
split sentences and look for quotes, so lines are joined back into paragraphs and what
repeats at the top or bottom of every page is dropped. A paragraph ends at a line that does
not fill the column, and before a wider gap than the usual line spacing (read from each
line's position on the page); in a PDF with no such gaps, also at a line that ends a
sentence. Article.text is built here and evidence offsets index it, so the result only has
to be readable and stable, not identical to the page.

A scanned PDF has no text layer (its pages are pictures); it is refused with the reason,
since reading nothing from it would look like an article that says nothing.

The info dictionary's Title is used (it is what the browser or publisher named the page),
but not its CreationDate: a PDF printed from a browser is dated the day it was printed, and
a wrong publication date would move every 'on Wednesday' in the article to the wrong week.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

from factsheet.errors import InputError
from factsheet.ingest.document import Document, Metadata
from factsheet.ingest.limits import max_article_bytes, too_big

NO_TEXT_LAYER = "no text layer: a scanned PDF; run OCR first (e.g. with ocrmypdf) and read its output"

# pypdf reports recoverable damage through logging; with no handler configured, Python would
# print those warnings on the user's terminal in the middle of the progress display.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "\xad": None})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A line ending a sentence (or a heading ending in a colon) ends its paragraph ...
_SENTENCE_END = re.compile(r"""[.!?:]["'”’)\]]*$""")
# ... unless the full stop belongs to an abbreviation that runs on: 'the U.S.' / 'drone'.
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Gov|Sen|Rep|St|No|Jan|Feb|Mar|"
    r"Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.)$"
)
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
# A line this share of the widest lines' length is taken to fill the column.
_FULL_LINE = 0.7
# Lines at the top or bottom of a page, compared across pages for running headers and footers.
_EDGE = 2
_FILE_NAME_TITLE = re.compile(r"\.(?:docx?|pdf|odt|rtf|txt|html?|indd|pages)$", re.IGNORECASE)
# A step down the page this many times the usual line spacing separates two paragraphs.
_PARAGRAPH_GAP = 1.5


@dataclass
class _Line:
    text: str
    y: float | None  # baseline height on the page, None when the parser did not say
    gap_before: bool = False


def _clean_line(line: str) -> str:
    return " ".join(_CONTROL.sub(" ", line.translate(_LIGATURES)).split())


def _lines_of(page: Any) -> list[_Line]:
    """The page's text lines in reading order, each with the height of its first characters."""
    lines: list[_Line] = []
    text, y = "", None

    def visit(chunk: str, cm: Sequence[float], tm: Sequence[float], *_: Any) -> None:
        nonlocal text, y
        parts = chunk.split("\n")
        for index, part in enumerate(parts):
            if y is None and part.strip():
                y = float(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])  # text space to page space
            text += part
            if index < len(parts) - 1:
                lines.append(_Line(text, y))
                text, y = "", None

    page.extract_text(visitor_text=visit)
    lines.append(_Line(text, y))
    return [_Line(_clean_line(line.text), line.y) for line in lines if line.text.strip()]


def _mark_gaps(pages: Sequence[Sequence[_Line]]) -> None:
    """Flag lines that follow a wider step down the page than the usual line spacing."""
    steps = [
        (line, above.y - line.y)
        for page in pages
        for above, line in pairwise(page)
        if above.y is not None and line.y is not None and above.y - line.y >= 1  # not a sub/superscript
    ]
    if not steps:
        return
    # The line spacing is the smallest step that recurs: in an article of one-line paragraphs
    # most steps are paragraph gaps, so the median would take a gap for the spacing.
    counts = Counter(round(step) for _, step in steps)
    recurring = [step for step, n in counts.items() if n >= max(2, len(steps) // 20)]
    usual = min(recurring) if recurring else median(step for _, step in steps)
    for line, step in steps:
        line.gap_before = step > _PARAGRAPH_GAP * usual


def _running_lines(pages: Sequence[Sequence[_Line]]) -> set[str]:
    """Lines (digits ignored) that open or close most pages: headers, footers, 'page 2 of 5'."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        edges = {_DIGITS.sub("#", line.text) for line in [*lines[:_EDGE], *lines[-_EDGE:]]}
        seen.update(edges)
    needed = max(2, (len(pages) + 1) // 2)
    return {line for line, count in seen.items() if count >= needed}


def _without_furniture(pages: Sequence[Sequence[_Line]]) -> list[_Line]:
    running = _running_lines(pages)
    lines: list[_Line] = []
    for page in pages:
        for index, line in enumerate(page):
            at_edge = index < _EDGE or index >= len(page) - _EDGE
            if at_edge and (_PAGE_NUMBER.match(line.text) or _DIGITS.sub("#", line.text) in running):
                continue
            lines.append(line)
    return lines


def _column_width(lines: Sequence[_Line]) -> int:
    lengths = sorted(len(line.text) for line in lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _paragraphs(lines: Sequence[_Line]) -> list[str]:
    """Join typeset lines back into paragraphs (see the module docstring for where one ends)."""
    full = _FULL_LINE * _column_width(lines)
    spaced = any(line.gap_before for line in lines)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if current and line.gap_before:
            paragraphs.append(current)
            current = ""
        if not current:
            current = line.text
        elif current.endswith("-") and current[-2:-1].isalpha() and line.text[:1].islower():
            current += line.text  # a word broken at the line end: 'Iran-' + 'backed'
        else:
            current += " " + line.text
        ends_sentence = bool(_SENTENCE_END.search(line.text)) and not _ABBREVIATION.search(line.text)
        if len(line.text) < full or (ends_sentence and not spaced):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _title(info: Any) -> str | None:
    """The info dictionary's Title, unless it is a file name or a placeholder the software wrote."""
    raw = getattr(info, "title", None) if info is not None else None
    if not isinstance(raw, str):
        return None
    title = _clean_line(raw)
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", title)
    if not title or _FILE_NAME_TITLE.search(title) or title.lower() in {"untitled", "untitled document"}:
        return None
    return title


def _open(path: Path, data: bytes) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        # Many PDFs are 'encrypted' with an empty password only to forbid editing.
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "PDF is password-protected; save an unprotected copy and read that")
    except DependencyError as exc:
        raise InputError(path, f"PDF is encrypted and cannot be opened here ({exc})") from exc
    except FileNotDecryptedError as exc:
        raise InputError(path, "PDF is password-protected; save an unprotected copy and read that") from exc
    except PdfReadError as exc:
        raise InputError(path, f"not a readable PDF ({exc})") from exc
    return reader


def read_pdf(path: Path, data: bytes) -> Document:
    """The article in a PDF's text layer. Raises InputError naming the file for anything unusable."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = _open(path, data)
        try:
            pages = [_lines_of(page) for page in reader.pages]
            info = reader.metadata
        except InputError:
            raise
        except Exception as exc:  # a damaged file can fail anywhere inside the parser
            raise InputError(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    if not pages:
        raise InputError(path, "PDF has no pages")
    _mark_gaps(pages)
    text = "\n\n".join(_paragraphs(_without_furniture(pages)))
    if not any(c.isalpha() for c in text):
        raise InputError(path, NO_TEXT_LAYER)
    limit = max_article_bytes()
    size = len(text.encode("utf-8"))
    if size > limit:
        raise InputError(path, too_big(size, limit, what="the text"))
    title = _title(info)
    return Document(text, Metadata(title=title), page_title=title)
