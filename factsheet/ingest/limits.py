"""How big a file ingest will read, so one stray dump or disk image cannot stall a run.

A news article is a few kilobytes; five megabytes of text is a book. A file above the limit
is refused from its size on disk, before a byte is read, with a message naming the file,
its size and the limit. HTML pages carry scripts and styles around the article, and a .json
or .jsonl file may hold many articles, so those formats may be proportionally larger; each
article inside them is still held to the per-article limit.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from factsheet.errors import ConfigError

MAX_ARTICLE_BYTES = 5_000_000
ENV_MAX_ARTICLE_BYTES = "FACTSHEET_MAX_ARTICLE_BYTES"
# Multiples of the per-article limit a whole file may reach, by format. A PDF carries fonts
# and images around its text, so the file may be much larger than the article in it.
_FILE_FACTOR = {".html": 2, ".htm": 2, ".json": 20, ".jsonl": 20, ".pdf": 10}


def max_article_bytes(env: Mapping[str, str] | None = None) -> int:
    """The per-article limit: FACTSHEET_MAX_ARTICLE_BYTES if set, else MAX_ARTICLE_BYTES."""
    env = os.environ if env is None else env
    raw = (env.get(ENV_MAX_ARTICLE_BYTES) or "").strip().replace("_", "")
    if not raw:
        return MAX_ARTICLE_BYTES
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigError(
            f"{ENV_MAX_ARTICLE_BYTES} must be a whole number of bytes above 0 (e.g. 5000000), "
            f"not {env.get(ENV_MAX_ARTICLE_BYTES)!r}."
        )
    return value


def max_file_bytes(path: Path, env: Mapping[str, str] | None = None) -> int:
    return max_article_bytes(env) * _FILE_FACTOR.get(path.suffix.lower(), 1)


def human_size(size: int) -> str:
    """'50.0 MB', '812 kB', '90 bytes': decimal units, as file managers show them."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} kB"
    return f"{size} bytes"


def too_big(size: int | None, limit: int, what: str = "file") -> str:
    """The problem text of an InputError for a file or record above the limit."""
    shown = f"is {human_size(size)}" if size is not None else "is larger than the limit"
    return (
        f"{what} {shown}, more than the {human_size(limit)} ({limit} bytes) ingest reads for one article; "
        f"set {ENV_MAX_ARTICLE_BYTES} (bytes per article) to raise the limit"
    )
