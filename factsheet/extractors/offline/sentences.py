"""Sentences with their offsets into the article, so every value can quote its sentence verbatim.

News text breaks sentences at abbreviations a naive splitter trips on ('U.S. forces',
'Feb. 7', 'Lt. Col.', 'at 9 p.m. on'), wraps paragraphs in plain-text files, and puts
headlines and photo captions on lines of their own. The splitter keeps all of that as
offsets into the untouched text: a sentence's `text` is always `article.text[start:end]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsheet.extractors.offline.lexicons import (
    ABBREVIATIONS,
    CAPTION_MARKERS,
    PHOTO_CREDIT_LINE,
    SENTENCE_STARTERS,
)


@dataclass(frozen=True)
class Sentence:
    """One sentence (or headline line) and where it stands in the article."""

    text: str
    start: int
    end: int
    index: int
    paragraph: int
    is_title: bool = False
    is_caption: bool = False

    def span(self, local_start: int, local_end: int) -> tuple[int, int]:
        """Offsets in the article of a slice of this sentence."""
        return self.start + local_start, self.start + local_end


_LINE = re.compile(r"[^\n]*(?:\n|$)")
_TERMINAL_LINE_END = re.compile(r"[.!?:;\"”’)\]]\s*$")
# A sentence may end at . ! ? (plus closing quotes/brackets) before a space and a capital,
# digit or opening quote.
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_LAST_TOKEN = re.compile(r"(\S+)$")
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[]?([A-Za-z]+)")
_WRAP_WIDTH = 60
_BODY_MIN_WORDS = 12


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank lines always separate; a single newline only when the line ends a thought.

    A hard-wrapped line (long, no closing punctuation, next line in lower case) joins the next.
    """
    lines: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        line = m.group().rstrip("\n")
        lines.append((m.start(), m.start() + len(line)))
    paras: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, end in lines:
        raw = text[start:end]
        if not raw.strip():
            if current:
                paras.append(current)
            current = None
            continue
        if current is None:
            current = (start, end)
            continue
        prev = text[current[0] : current[1]]
        last_line = prev.rsplit("\n", 1)[-1]
        stripped = raw.lstrip()
        joins = (
            len(last_line) >= _WRAP_WIDTH
            and not _TERMINAL_LINE_END.search(last_line)
            and stripped[:1].islower()
        )
        if joins:
            current = (current[0], end)
        else:
            paras.append(current)
            current = (start, end)
    if current:
        paras.append(current)
    return paras


def _is_abbreviation(chunk: str, next_word: str) -> bool:
    """True when the period closing `chunk` belongs to an abbreviation, not to the sentence."""
    m = _LAST_TOKEN.search(chunk)
    if not m:
        return False
    token = m.group(1).lstrip("(\"“‘'").rstrip(".")
    low = token.lower()
    if low in ("u.s", "u.k", "u.n", "a.m", "p.m", "d.c"):
        # These end a sentence only when a typical sentence opener follows.
        return next_word not in SENTENCE_STARTERS
    if low in ABBREVIATIONS:
        return True
    # Initials: 'J.' in 'J. Smith', 'E.U.'
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)*[A-Z]", token))


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    body = text[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for m in _BOUNDARY.finditer(body):
        cut = m.end()
        if "." in m.group() and "?" not in m.group() and "!" not in m.group():
            nxt = _NEXT_WORD.match(body, cut)
            if _is_abbreviation(body[cursor : m.start() + 1], nxt.group(1) if nxt else ""):
                continue
        spans.append((cursor, cut))
        cursor = cut
    spans.append((cursor, len(body)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        seg = body[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if seg.strip():
            out.append((start + s + lead, start + e - trail))
    return out


def _is_caption(paragraph: str) -> bool:
    return any(marker.search(paragraph) for marker in CAPTION_MARKERS)


def _is_body(paragraph: str) -> bool:
    return len(paragraph.split()) >= _BODY_MIN_WORDS and bool(re.search(r"[.!?][\"”’')]*\s*$", paragraph))


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, in order, with offsets; titles and captions flagged."""
    paras = _paragraphs(text)
    para_texts = [text[s:e] for s, e in paras]
    captions = [_is_caption(p) for p in para_texts]
    # A photo credit on its own line ('Jane Doe/AFP via Getty Images') makes the line above a caption.
    for i in range(1, len(paras)):
        if len(para_texts[i].split()) <= 10 and PHOTO_CREDIT_LINE.search(para_texts[i]):
            captions[i - 1] = True
    first_body = next((i for i, p in enumerate(para_texts) if _is_body(p) and not captions[i]), len(paras))
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paras):
        is_title = p_index < first_body and not _is_body(para_texts[p_index]) and not captions[p_index]
        for s_start, s_end in _split_paragraph(text, p_start, p_end):
            sentences.append(
                Sentence(
                    text=text[s_start:s_end],
                    start=s_start,
                    end=s_end,
                    index=len(sentences),
                    paragraph=p_index,
                    is_title=is_title,
                    is_caption=captions[p_index],
                )
            )
    return sentences
