"""Markdown articles: front matter is metadata, the body is reduced to the words a reader sees.

Markup is removed (not kept verbatim) because quotes come back from a model in plain
words: '**three** people' in the file would never match 'three people' in a quote.
"""

from __future__ import annotations

import re

from factsheet.ingest.document import Metadata

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_CODE = re.compile(r"`([^`\n]+)`")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """YAML-ish 'key: value' lines between '---' fences; nested YAML is not needed for metadata."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, object] = {}
    for line in match.group(1).split("\n"):
        kv = _KEY_VALUE.match(line.strip())
        if kv and kv.group(2).strip():
            fields[kv.group(1)] = _unquote(kv.group(2))
    return fields, text[match.end() :]


def _plain_line(line: str) -> str:
    heading = _HEADING.match(line)
    if heading:
        line = heading.group(1)
    line = _QUOTE.sub("", line)
    line = _IMAGE.sub(lambda m: m.group(1), line)
    line = _LINK.sub(lambda m: m.group(1), line)
    line = _REF_LINK.sub(lambda m: m.group(1), line)
    line = _CODE.sub(lambda m: m.group(1), line)
    line = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), line)
    line = _UNDERSCORE.sub(lambda m: m.group(1), line)
    return _HTML_TAG.sub("", line)


def markdown_to_text(body: str) -> str:
    out: list[str] = []
    for line in body.split("\n"):
        if _LINK_DEF.match(line) or _RULE.match(line) or (_SETEXT.match(line) and out and out[-1].strip()):
            continue
        out.append(_plain_line(line))
    return "\n".join(out)


def read_markdown(text: str) -> tuple[str, Metadata]:
    fields, body = split_front_matter(text)
    return markdown_to_text(body), Metadata.from_mapping(fields)
