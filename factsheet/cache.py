"""A persistent cache of extractions, so a second run pays only for articles it has not read yet.

The key is everything that decides what the extractor answers: the article's text (its
sha256), the outlet and publication date (both are in the prompt), the extractor's identity
(model, endpoint, response mode, prompt version with the digest of the prompt files, the
answer schema) and the Extraction schema version. Change any of them and only the entries
that depended on it miss. The value is the extractor's RAW output, before verify and
normalise, so improvements to those stages apply to cached reads too.

One JSON file per entry, written atomically: a run killed halfway leaves whole entries and
nothing else, and the next run resumes from them. A file that cannot be read or no longer
validates is treated as a miss and overwritten; the cache can cost a re-read, never a run.

Only model-backed extractors are cached. The offline extractor reads an article in about
25 ms, the same time the pipeline spends on its cross-check anyway, and its output changes
with every change to its rules, which carry no version to key on: caching it would mostly
serve stale readings.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from factsheet.errors import UserError
from factsheet.models import SCHEMA_VERSION, Article, Extraction
from factsheet.output import write_text_atomic

Identity = Mapping[str, str]

_ENTRY_NAME = re.compile(r"^[0-9a-f]{64}\.json$")


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """$FACTSHEET_CACHE_DIR, else $XDG_CACHE_HOME/factsheet, else ~/.cache/factsheet."""
    env = os.environ if env is None else env
    if env.get("FACTSHEET_CACHE_DIR", "").strip():
        return Path(env["FACTSHEET_CACHE_DIR"].strip()).expanduser()
    if env.get("XDG_CACHE_HOME", "").strip():
        return Path(env["XDG_CACHE_HOME"].strip()).expanduser() / "factsheet"
    return Path.home() / ".cache" / "factsheet"


@lru_cache(maxsize=1)
def _answer_schema_digest() -> str:
    """The JSON schema the LLM is asked to fill: a new field changes answers without a prompt edit."""
    from factsheet.extractors.llm_schema import StrikeAnswer

    text = json.dumps(StrikeAnswer.model_json_schema(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def extractor_identity(extractor: Any) -> dict[str, str] | None:
    """What makes this extractor's answers what they are; None means: do not cache it.

    An extractor can state its own identity with a `cache_identity()` method (None to opt
    out). The LLM extractor's is derived from its settings and prompt set until it does.
    """
    own = getattr(extractor, "cache_identity", None)
    if callable(own):
        stated = own()
        return None if stated is None else {str(k): str(v) for k, v in stated.items()}
    if getattr(extractor, "name", None) != "llm":
        return None
    settings = extractor.settings
    return {
        "extractor": "llm",
        "model": settings.model,
        "endpoint": settings.endpoint,
        "mode": settings.effective_mode,
        "prompt_version": extractor.prompts.id,
        "answer_schema": _answer_schema_digest(),
    }


@dataclass(frozen=True)
class CacheInfo:
    directory: Path
    entries: int
    bytes: int


@dataclass
class ExtractionCache:
    """Entries live in <directory>/extractions/<key>.json; safe to share between threads."""

    directory: Path
    write_errors: list[str] = field(default_factory=list)

    @classmethod
    def default(cls, env: Mapping[str, str] | None = None) -> ExtractionCache:
        return cls(cache_dir(env))

    @property
    def entries_dir(self) -> Path:
        return self.directory / "extractions"

    @staticmethod
    def key_fields(article: Article, identity: Identity) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "article_sha256": article.sha256,
            "outlet": article.outlet,
            "published": article.published,
            "extractor": dict(sorted(identity.items())),
        }

    def key(self, article: Article, identity: Identity) -> str:
        text = json.dumps(self.key_fields(article, identity), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    def path(self, article: Article, identity: Identity) -> Path:
        return self.entries_dir / f"{self.key(article, identity)}.json"

    def get(self, article: Article, identity: Identity) -> Extraction | None:
        """The cached raw extraction, re-attached to this run's article; None on a miss or a bad file."""
        path = self.path(article, identity)
        try:
            entry = json.loads(path.read_bytes())
            if entry.get("key") != self.key_fields(article, identity):
                return None
            cached = Extraction.model_validate(entry["extraction"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError, ValidationError):
            return None
        if cached.article.sha256 != article.sha256 or cached.article.text != article.text:
            return None
        # Same text, maybe another path or id in this run: offsets stay valid, names follow the run.
        return cached.model_copy(update={"article": article})

    def put(self, article: Article, identity: Identity, extraction: Extraction) -> bool:
        """Store one entry atomically; a failure is remembered in `write_errors`, never raised."""
        entry = {"key": self.key_fields(article, identity), "extraction": extraction.model_dump(mode="json")}
        try:
            self.entries_dir.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path(article, identity), json.dumps(entry, ensure_ascii=False) + "\n")
        except (OSError, UserError) as exc:
            self.write_errors.append(f"{self.entries_dir}: {getattr(exc, 'strerror', None) or exc}")
            return False
        return True

    def _entries(self) -> list[Path]:
        try:
            return [p for p in self.entries_dir.iterdir() if _ENTRY_NAME.match(p.name)]
        except OSError:
            return []

    def info(self) -> CacheInfo:
        total = 0
        entries = self._entries()
        for path in entries:
            try:
                total += path.stat().st_size
            except OSError:
                continue
        return CacheInfo(self.directory, len(entries), total)

    def clear(self) -> int:
        """Delete every entry (and temporary files a killed write left); other files are not touched."""
        removed = 0
        for path in self._entries():
            path.unlink(missing_ok=True)
            removed += 1
        try:
            leftovers = [
                p for p in self.entries_dir.iterdir() if p.name.startswith(".") and p.suffix == ".tmp"
            ]
        except OSError:
            leftovers = []
        for path in leftovers:
            path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # not empty: someone else's files live there too
            self.entries_dir.rmdir()
        return removed
