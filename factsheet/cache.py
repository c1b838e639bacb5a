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

Two small neighbours share the folder: `modes.json` (ModeMemory), the response mode --mode
auto found for each endpoint and model, so only the first run against a server probes it;
and `batches/` (factsheet.extractors.batch), the Batch API jobs a run submitted, so a killed
run collects them instead of paying again.

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
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
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
def answer_schema_digest() -> str:
    """The JSON schema the LLM is asked to fill: a new field changes answers without a prompt edit."""
    from factsheet.extractors.llm_schema import StrikeAnswer

    text = json.dumps(StrikeAnswer.model_json_schema(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def extractor_identity(extractor: Any) -> dict[str, str] | None:
    """What makes this extractor's answers what they are; None means: do not cache it.

    An extractor can state its own identity with a `cache_identity()` method (None to opt
    out); the LLM extractor does, with the response mode it settled on. Anything else named
    'llm' with settings and prompts (a wrapper around the extractor) gets one derived from them.
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
        "answer_schema": answer_schema_digest(),
    }


def extractor_identities(extractor: Any) -> list[dict[str, str]]:
    """Every identity a stored answer for this extractor may be under, the preferred one first.

    One, except for an LLM extractor in --mode auto that has not yet found its mode: its
    answers may be under any mode auto can settle on, and any of them is a valid reading.
    """
    several = getattr(extractor, "cache_identities", None)
    if callable(several):
        return [{str(k): str(v) for k, v in identity.items()} for identity in several()]
    one = extractor_identity(extractor)
    return [] if one is None else [one]


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


class ModeMemory:
    """The response mode that worked for each endpoint and model: <cache folder>/modes.json.

    --mode auto probes a server once (its first request may be refused, costing a request
    and, on a slow local server, a wait) and records the answer here, so every later run
    starts in the right mode. The file is small, rewritten atomically, and an unreadable one
    is treated as empty: forgetting a mode costs one probe, never a run. Endpoints are stored
    as the extractor shows them (no credentials from the URL).
    """

    def __init__(self, directory: Path) -> None:
        self.path = directory / "modes.json"
        self._lock = threading.Lock()

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, endpoint: str, model: str) -> str | None:
        """The mode that worked for this endpoint and model, if a run found one."""
        found = self.entry(endpoint, model)
        mode = found.get("mode") if found is not None else None
        return mode if isinstance(mode, str) else None

    def entry(self, endpoint: str, model: str) -> dict[str, Any] | None:
        """The stored record: mode, the modes refused and why, and when it was found."""
        models = self._load().get(endpoint)
        found = models.get(model) if isinstance(models, dict) else None
        return found if isinstance(found, dict) else None

    def put(self, endpoint: str, model: str, mode: str, refused: Mapping[str, str]) -> bool:
        """Remember `mode`; False (never an exception) when the folder cannot be written."""
        record = {
            "mode": mode,
            "refused": dict(refused),
            "found": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        return self._update(endpoint, model, record)

    def forget(self, endpoint: str, model: str) -> bool:
        return self._update(endpoint, model, None)

    def _update(self, endpoint: str, model: str, record: dict[str, Any] | None) -> bool:
        with self._lock:
            data = self._load()
            models = data.get(endpoint)
            models = dict(models) if isinstance(models, dict) else {}
            if record is None:
                models.pop(model, None)
            else:
                models[model] = record
            if models:
                data[endpoint] = models
            else:
                data.pop(endpoint, None)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                write_text_atomic(self.path, json.dumps(data, indent=2, sort_keys=True) + "\n")
            except (OSError, UserError):
                return False
            return True
