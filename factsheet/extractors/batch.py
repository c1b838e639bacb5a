"""Large runs through a Batch API (OpenAI's, or any server with /v1/files and /v1/batches).

Why: OpenAI's Batch API answers within 24 hours at half the price and with far higher rate
limits, which is how extraction jobs of thousands of articles are run. The results must be
the same readings the live path gives, so nothing about the request changes:

- Requests. Each line's body is captured from the live path's own instructor and openai
  calls (LLMExtractor.request_body): same messages, schema, response format and parameters.
  Its custom_id is the article's extraction-cache key, so a batch answer is stored exactly
  where a live answer would be, and a later run (live or batch) reads it for free.
- Resuming. The input file id is recorded in <cache>/batches/ before the batch is created
  and the batch id as soon as it exists. A run that is stopped (Ctrl-C, a crash, a closed
  laptop) leaves the record behind; running the same command again finds the articles'
  custom_ids in it and polls, downloads and collects that batch instead of paying for a
  second one. A record is deleted once every line in it has been turned into an extraction
  (or listed as failed); the downloaded output and error files stay next to it until then,
  so collecting twice never downloads twice.
- Answers. A result line is parsed and validated by instructor exactly as a live reply
  (LLMExtractor.answer_from), then goes through the same verify / screen / normalise path.
- Failures, said in the output and chosen with `failures`:
  'live' (default): a line that failed (in the error file, an answer cut off or not
  matching the schema, a batch that expired) is extracted again through the live API, with
  all its retries; an answer whose quotes are not in the article gets the live path's one
  re-ask, sent live. 'list': failed lines become per-article failures in the sheet, and
  unverified quotes stay unverified (marked, not voting), with a warning saying no re-ask
  was made. Live requests are priced at the live price, batch lines at the batch price.

The waiting is polling with a sleep function that tests inject; every change of a batch's
status or counts is reported through `on_event`.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, Literal, TypeVar

import openai

from factsheet.cache import ExtractionCache, extractor_identity
from factsheet.errors import ConfigError, ModelError, ModelHTTPError, UnexpectedModelBehavior, UserError
from factsheet.extractors.llm import LLMExtractor, reask_note, unverified_quotes
from factsheet.models import Article, Extraction, Usage
from factsheet.output import write_text_atomic
from factsheet.pricing import Prices

BatchFailures = Literal["live", "list"]
T = TypeVar("T")

BATCH_URL = "/v1/chat/completions"
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
# OpenAI's limits per batch input file: 50,000 requests and 200 MB; a margin for the JSON framing.
MAX_LINES = 50_000
MAX_BYTES = 190 * 1024 * 1024
API_ATTEMPTS = 5  # per Batch API call (upload, create, poll, download): transient faults are retried
# Failed lines are asked again live only while they are few: a batch that failed as a whole
# (a wrong model name, a queue limit) must not turn into thousands of full-price requests.
LIVE_RETRY_MIN = 20
LIVE_RETRY_SHARE = 0.1
_TRANSIENT = frozenset({408, 409, 429})
_NAME = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass(frozen=True)
class BatchEvent:
    """Something a person waiting on a batch wants to know; `message` is ready to print."""

    kind: Literal["submitted", "resumed", "status", "interrupted", "done"]
    message: str
    batch_id: str | None = None
    status: str | None = None
    completed: int = 0
    failed: int = 0
    total: int = 0


@dataclass(frozen=True)
class BatchOptions:
    """How a --batch run behaves; the defaults are the command line's."""

    failures: BatchFailures = "live"
    sleep: Callable[[float], None] = time.sleep
    on_event: Callable[[BatchEvent], None] | None = None
    poll_seconds: float = 10.0
    max_poll_seconds: float = 60.0
    completion_window: str = "24h"


class BatchLineFailed(ModelError):
    """A Batch API line gave no usable answer and was not asked again live (failures='list')."""


@dataclass
class BatchRecord:
    """One submitted batch, as kept in <cache>/batches/<input file id>.json."""

    input_file_id: str
    endpoint: str
    model: str
    mode: str
    custom_ids: list[str]
    batch_id: str | None = None
    created: str = ""
    status: str = "uploaded"
    collected: bool = False
    error: str | None = None
    done: list[str] = field(default_factory=list)
    remote_files: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BatchRecord:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)


class BatchStore:
    """The records of submitted batches and their downloaded results, in the cache folder."""

    def __init__(self, cache_directory: Path) -> None:
        self.directory = cache_directory / "batches"

    def _base(self, record: BatchRecord) -> Path:
        return self.directory / _NAME.sub("_", record.input_file_id)[:120]

    def record_path(self, record: BatchRecord) -> Path:
        return self._base(record).with_suffix(".json")

    def output_path(self, record: BatchRecord) -> Path:
        return self._base(record).with_suffix(".output.jsonl")

    def errors_path(self, record: BatchRecord) -> Path:
        return self._base(record).with_suffix(".errors.jsonl")

    def records(self) -> list[BatchRecord]:
        """Every readable record; an unreadable one is skipped (its batch can only be paid again)."""
        found = []
        try:
            paths = sorted(p for p in self.directory.iterdir() if p.suffix == ".json")
        except OSError:
            return []
        for path in paths:
            try:
                found.append(BatchRecord.from_json(json.loads(path.read_bytes())))
            except (OSError, ValueError, TypeError, KeyError):
                continue
        return found

    def save(self, record: BatchRecord) -> None:
        """Atomically; a record that cannot be written is an error, since resuming depends on it."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.record_path(record), json.dumps(asdict(record), indent=1) + "\n")
        except (OSError, UserError) as exc:
            raise UserError(
                f"{self.directory}: cannot record the batch ({getattr(exc, 'strerror', None) or exc}); "
                "without the record a stopped run could not collect it. Fix the cache folder "
                "(FACTSHEET_CACHE_DIR) and run again."
            ) from None

    def write(self, path: Path, data: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, data.decode("utf-8", errors="replace"))

    def remove(self, record: BatchRecord) -> None:
        for path in (self.output_path(record), self.errors_path(record), self.record_path(record)):
            path.unlink(missing_ok=True)


@dataclass(frozen=True)
class _Line:
    """One request's result: a chat completion body, or why there is none."""

    body: Mapping[str, Any] | None = None
    error: str | None = None


@dataclass
class BatchSummary:
    """What the run did through the Batch API, for the closing event and for tests."""

    submitted: list[str] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)
    answered: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article path, reason)
    unverified: int = 0
    live_requests: int = 0
    batch_cost: float | None = None
    live_cost: float | None = None
    too_many: bool = False  # failed lines listed, not asked live: there were too many


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _chunks(ids: list[str], sizes: Mapping[str, int]) -> Iterator[list[str]]:
    """Groups of custom_ids that fit one input file (OpenAI: 50,000 lines, 200 MB)."""
    chunk: list[str] = []
    size = 0
    for cid in ids:
        if chunk and (len(chunk) >= MAX_LINES or size + sizes[cid] > MAX_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(cid)
        size += sizes[cid]
    if chunk:
        yield chunk


def _priced(usage: Usage, prices: Prices | None) -> Usage:
    return usage.model_copy(update={"cost_usd": prices.cost(usage) if prices is not None else None})


def _add_cost(total: float | None, usage: Usage) -> float | None:
    if usage.cost_usd is None:
        return total
    return round((total or 0.0) + usage.cost_usd, 6)


class BatchRunner:
    """Extract articles through the endpoint's Batch API; see the module docstring."""

    def __init__(
        self,
        extractor: LLMExtractor,
        cache: ExtractionCache,
        options: BatchOptions | None = None,
        *,
        prices: Prices | None = None,
        batch_prices: Prices | None = None,
    ) -> None:
        self.extractor = extractor
        self.cache = cache
        self.options = options or BatchOptions()
        self.prices = prices
        self.batch_prices = batch_prices
        self.store = BatchStore(cache.directory)
        self.client = extractor.client
        self.mode = extractor.batch_mode()
        self.identity = extractor.identity_for(self.mode)
        self.summary = BatchSummary()
        self._record_of: dict[str, BatchRecord] = {}
        self._live_ok = True  # whether failed lines are few enough to ask live (set once collected)

    # -- the run ----------------------------------------------------------------------------

    def run(self, articles: Sequence[Article]) -> list[Extraction | Exception]:
        """One outcome per article, in order: a raw extraction (stored in the cache) or the error."""
        if not articles:
            return []
        keyed: dict[str, list[int]] = {}
        for index, article in enumerate(articles):
            keyed.setdefault(self.cache.key(article, self.identity), []).append(index)
        messages = {cid: self.extractor.messages_for(articles[idx[0]]) for cid, idx in keyed.items()}

        records = [r for r in self.store.records() if set(r.custom_ids) & keyed.keys()]
        for record in records:
            for cid in record.custom_ids:
                self._record_of.setdefault(cid, record)
            self.summary.resumed.append(record.batch_id or record.input_file_id)
            waiting = len(set(record.custom_ids) & keyed.keys())
            self._emit(
                "resumed",
                f"Batch {record.batch_id or '(not yet created)'}: collecting {waiting} request(s) an "
                f"earlier run submitted ({record.status}), instead of paying for them again.",
                record,
            )
        new = [cid for cid in keyed if cid not in self._record_of]
        records += self._submit(new, messages)
        try:
            lines = self._collect(records)
        except KeyboardInterrupt:
            ids = ", ".join(r.batch_id or r.input_file_id for r in records if not r.collected)
            self._emit(
                "interrupted",
                f"Stopped while waiting. Batch {ids} keeps running; run the same command again to "
                f"collect it (its id is kept in {self.store.directory}).",
            )
            raise

        failing = sum(1 for cid in keyed if cid not in lines or lines[cid].body is None)
        self._live_ok = failing <= max(LIVE_RETRY_MIN, LIVE_RETRY_SHARE * len(keyed))
        outcomes: list[Extraction | Exception | None] = [None] * len(articles)
        for count, (cid, indices) in enumerate(keyed.items(), start=1):
            first = articles[indices[0]]
            outcome = self._outcome(cid, first, messages[cid], lines.get(cid))
            for index in indices:
                if isinstance(outcome, Extraction) and index != indices[0]:
                    outcomes[index] = outcome.model_copy(update={"article": articles[index]})
                else:
                    outcomes[index] = outcome
            if count % 100 == 0:
                self._save_progress(records)
        self._tidy(records)
        self._emit("done", self._closing_message())
        return [o if o is not None else ModelError("no outcome") for o in outcomes]

    # -- submitting ---------------------------------------------------------------------------

    def _submit(self, cids: list[str], messages: Mapping[str, list[dict[str, str]]]) -> list[BatchRecord]:
        if not cids:
            return []
        lines = {
            cid: json.dumps(
                {
                    "custom_id": cid,
                    "method": "POST",
                    "url": BATCH_URL,
                    "body": self.extractor.request_body(messages[cid], self.mode),
                },
                ensure_ascii=False,
            )
            + "\n"
            for cid in cids
        }
        sizes = {cid: len(line.encode()) for cid, line in lines.items()}
        records = []
        for chunk in _chunks(cids, sizes):
            data = "".join(lines[cid] for cid in chunk).encode()
            upload = partial(
                self.client.files.create,
                file=("factsheet-requests.jsonl", data, "application/jsonl"),
                purpose="batch",
            )
            uploaded = self._call("POST /files (uploading the requests)", upload)
            record = BatchRecord(
                input_file_id=uploaded.id,
                endpoint=self.extractor.endpoint_label,
                model=self.extractor.settings.model,
                mode=self.mode,
                custom_ids=chunk,
                created=_now(),
                remote_files=[uploaded.id],
            )
            self.store.save(record)  # before the batch exists: a crash now costs an upload, not a batch
            self._create(record)
            for cid in chunk:
                self._record_of[cid] = record
            records.append(record)
        return records

    def _create(self, record: BatchRecord) -> None:
        create = partial(
            self.client.batches.create,
            input_file_id=record.input_file_id,
            endpoint=BATCH_URL,
            completion_window=self.options.completion_window,  # type: ignore[arg-type]
            metadata={"created_by": "factsheet"},
        )
        batch = self._call("POST /batches (creating the batch)", create)
        record.batch_id, record.status = batch.id, batch.status
        self.store.save(record)
        self.summary.submitted.append(batch.id)
        self._emit(
            "submitted",
            f"Batch {batch.id} submitted: {len(record.custom_ids)} request(s), mode {record.mode}. Its id is "
            f"kept in {self.store.directory}: if this run stops, the same command collects the batch "
            "instead of paying again.",
            record,
        )

    def _adopt_or_create(self, record: BatchRecord) -> None:
        """A record without a batch id: the run stopped between upload and create. Find it or create it."""
        with contextlib.suppress(openai.APIError):
            for batch in self.client.batches.list(limit=100).data:
                if batch.input_file_id == record.input_file_id:
                    record.batch_id, record.status = batch.id, batch.status
                    self.store.save(record)
                    return
        self._create(record)

    # -- waiting and downloading --------------------------------------------------------------

    def _collect(self, records: list[BatchRecord]) -> dict[str, _Line]:
        for record in records:
            if record.batch_id is None:
                self._adopt_or_create(record)
        interval = self.options.poll_seconds
        seen: dict[str, tuple[str, int, int]] = {}
        while True:
            for record in records:
                if record.collected:
                    continue
                batch_id = record.batch_id
                assert batch_id is not None
                poll = partial(self.client.batches.retrieve, batch_id)
                batch = self._call(f"GET /batches/{batch_id}", poll)
                counts = batch.request_counts
                done = counts.completed if counts else 0
                failed = counts.failed if counts else 0
                total = counts.total if counts and counts.total else len(record.custom_ids)
                if seen.get(batch_id) != (batch.status, done, failed):
                    seen[batch_id] = (batch.status, done, failed)
                    extra = f", {failed} failed" if failed else ""
                    self._emit(
                        "status",
                        f"Batch {batch_id}: {batch.status}, {done}/{total} done{extra}",
                        record,
                        status=batch.status,
                        completed=done,
                        failed=failed,
                        total=total,
                    )
                record.status = batch.status
                if batch.status in TERMINAL:
                    self._download(record, batch)
            if all(record.collected for record in records):
                break
            self.options.sleep(interval)
            interval = min(interval * 1.5, self.options.max_poll_seconds)
        lines: dict[str, _Line] = {}
        for record in records:
            lines.update(self._read(record))
        return lines

    def _download(self, record: BatchRecord, batch: Any) -> None:
        for file_id, path in (
            (batch.output_file_id, self.store.output_path(record)),
            (batch.error_file_id, self.store.errors_path(record)),
        ):
            if not file_id:
                continue
            content = self._call(f"GET /files/{file_id}/content", partial(self.client.files.content, file_id))
            self.store.write(path, content.content)
            record.remote_files.append(file_id)
        if batch.status == "failed":
            errors = getattr(getattr(batch, "errors", None), "data", None) or []
            said = "; ".join(str(e.message) for e in errors if getattr(e, "message", None))
            record.error = f"the batch failed: {said or 'no reason given'}"
        elif batch.status == "expired":
            record.error = f"the batch expired ({self.options.completion_window} window) before answering it"
        elif batch.status == "cancelled":
            record.error = "the batch was cancelled before answering it"
        record.collected = True
        self.store.save(record)

    def _read(self, record: BatchRecord) -> dict[str, _Line]:
        wanted = set(record.custom_ids)
        lines: dict[str, _Line] = {}
        for path in (self.store.output_path(record), self.store.errors_path(record)):
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                continue
            for raw in text.splitlines():
                try:
                    item = json.loads(raw)
                except ValueError:
                    continue
                cid = item.get("custom_id") if isinstance(item, dict) else None
                if cid in wanted and (cid not in lines or lines[cid].error is not None):
                    lines[cid] = _line(item)
        for cid in wanted - lines.keys():
            lines[cid] = _Line(error=record.error or "the batch returned no result for this request")
        return lines

    # -- turning lines into extractions ---------------------------------------------------------

    def _outcome(
        self, cid: str, article: Article, messages: list[dict[str, str]], line: _Line | None
    ) -> Extraction | Exception:
        try:
            if line is None or line.body is None:
                raise UnexpectedModelBehavior(line.error if line else "no result for this request")
            answer = self.extractor.answer_from(line.body, messages, self.mode)
        except UnexpectedModelBehavior as exc:
            self._done(cid)
            return self._failed_line(article, self.extractor.redact(str(exc)))

        self.summary.answered += 1
        usage = _priced(_usage(line.body), self.batch_prices)
        self.summary.batch_cost = _add_cost(self.summary.batch_cost, usage)
        first = self.extractor.extraction_for(article, answer, usage, [])
        problems = unverified_quotes(first)
        notes: list[str] = []
        if problems:
            self.summary.unverified += 1
            if self.options.failures == "live":
                notes.append(f"{reask_note(problems)}, live after the batch")
                reask = self.extractor.reask_messages(messages, answer, problems)
                second, live, error = self.extractor.reask_live(reask, self.mode)
                live = _priced(live, self.prices)
                self.summary.live_requests += live.requests
                self.summary.live_cost = _add_cost(self.summary.live_cost, live)
                usage = usage + live
                if second is not None:
                    answer = second
                else:
                    notes.append(f"the re-ask gave no usable answer, kept the first: {error}")
            else:
                fields = ", ".join(sorted({name for name, _ in problems}))
                notes.append(
                    f"quotes not found in the article ({fields}) were not re-asked (--batch-failures list)"
                )
        extraction = self.extractor.finished(article, answer, usage, notes)
        self.cache.put(article, self.identity, extraction)
        self._done(cid)
        return extraction

    def _failed_line(self, article: Article, reason: str) -> Extraction | Exception:
        self.summary.failed.append((article.path, reason))
        if self.options.failures == "list":
            return BatchLineFailed(
                f"the Batch API gave no usable answer ({reason}); not asked again live "
                "(--batch-failures list). Running the same command again submits it in a new batch."
            )
        if not self._live_ok:
            self.summary.too_many = True
            return BatchLineFailed(
                f"the Batch API gave no usable answer ({reason}); too many lines failed to ask them "
                "all again at the live price. Running the same command again submits them in a new batch."
            )
        try:
            raw = self.extractor.extract(article)
        except ModelError as exc:
            said = f"the Batch API gave no usable answer ({reason}), and asking live failed too: {exc}"
            if isinstance(exc, ModelHTTPError):
                return ModelHTTPError(said, status_code=exc.status_code)
            return UnexpectedModelBehavior(said)
        usage = _priced(raw.usage, self.prices)
        self.summary.live_requests += usage.requests
        self.summary.live_cost = _add_cost(self.summary.live_cost, usage)
        note = f"asked live: the Batch API gave no usable answer ({reason})"
        raw = raw.model_copy(update={"usage": usage, "warnings": [note, *raw.warnings]})
        identity = extractor_identity(self.extractor)
        if identity is not None:
            self.cache.put(article, identity, raw)
        return raw

    def _done(self, cid: str) -> None:
        record = self._record_of.get(cid)
        if record is not None and cid not in record.done:
            record.done.append(cid)

    def _save_progress(self, records: list[BatchRecord]) -> None:
        for record in records:
            self.store.save(record)

    def _tidy(self, records: list[BatchRecord]) -> None:
        """Forget batches whose every line is collected; delete their files on the server, best effort."""
        for record in records:
            # A line is done once its answer is in the extraction cache (its custom_id is the
            # cache key), whichever run put it there: a run stopped mid-way leaves no stale record.
            stored = {cid for cid in record.custom_ids if (self.cache.entries_dir / f"{cid}.json").exists()}
            if not set(record.custom_ids) <= set(record.done) | stored:
                self.store.save(record)
                continue
            self.store.remove(record)
            quick = self.client.with_options(timeout=30.0)
            for file_id in dict.fromkeys(record.remote_files):
                with contextlib.suppress(openai.APIError):
                    quick.files.delete(file_id)

    # -- talking to the Batch API -----------------------------------------------------------------

    def _call(self, what: str, call: Callable[[], T]) -> T:
        """One Batch API call, transient faults retried; errors leave as one scrubbed line."""
        where = self.extractor.endpoint_label
        for attempt in range(1, API_ATTEMPTS + 1):
            try:
                return call()
            except openai.APIStatusError as exc:
                status = exc.status_code
                transient = status in _TRANSIENT or status >= 500
                if transient and attempt < API_ATTEMPTS:
                    self.options.sleep(min(2.0**attempt, 30.0))
                    continue
                detail = self.extractor.redact(" ".join(str(getattr(exc, "message", exc)).split())[:300])
                if status == 404 and what.startswith("GET /batches/"):
                    raise ConfigError(
                        f"The endpoint {where} does not know the batch a previous run recorded ({what}: "
                        f"HTTP 404); it may belong to another key or endpoint. To give it up and submit "
                        f"again, delete its record in {self.store.directory}."
                    ) from None
                if status in (404, 405, 501) and what.startswith(("POST /files", "POST /batches")):
                    raise ConfigError(
                        f"The endpoint {where} does not offer the Batch API ({what} answered HTTP {status}). "
                        "Run without --batch."
                    ) from None
                if status in (401, 403):
                    raise ConfigError(
                        f"The endpoint {where} refused the key for {what} (HTTP {status}): {detail}. "
                        "Check OPENAI_API_KEY or FACTSHEET_API_KEY."
                    ) from None
                raise ModelHTTPError(
                    f"{where} answered HTTP {status} to {what}: {detail}.{self._still_running()}",
                    status_code=status,
                ) from None
            except openai.APIConnectionError as exc:
                if attempt < API_ATTEMPTS:
                    self.options.sleep(min(2.0**attempt, 30.0))
                    continue
                reason = self.extractor.redact(str(exc.__cause__ or exc).splitlines()[0][:200])
                raise ModelHTTPError(
                    f"Could not reach {where} for {what} ({API_ATTEMPTS} attempts): {reason}."
                    + self._still_running()
                ) from None
        raise AssertionError("unreachable")

    def _still_running(self) -> str:
        if not self.summary.submitted and not self.summary.resumed:
            return ""
        return (
            f" A submitted batch keeps running: run the same command again to collect it (its id is kept "
            f"in {self.store.directory})."
        )

    def _emit(self, kind: str, message: str, record: BatchRecord | None = None, **counts: Any) -> None:
        if self.options.on_event is not None:
            batch_id = record.batch_id if record is not None else None
            self.options.on_event(BatchEvent(kind, message, batch_id, **counts))  # type: ignore[arg-type]

    def _closing_message(self) -> str:
        s = self.summary
        cost = f" (${s.batch_cost:.4f})" if s.batch_cost is not None else ""
        parts = [f"Batch API: {s.answered} answer(s) at the batch price{cost}"]
        live = self.options.failures == "live" and not s.too_many
        if s.failed:
            shown = "; ".join(f"{Path(path).name}: {why}" for path, why in s.failed[:5])
            more = f"; and {len(s.failed) - 5} more" if len(s.failed) > 5 else ""
            parts.append(
                f"{len(s.failed)} line(s) without a usable answer ({shown}{more}) "
                + (
                    "asked again live"
                    if live
                    else "listed in failures (too many to ask live)"
                    if s.too_many
                    else "listed in failures (--batch-failures list)"
                )
            )
        if s.unverified:
            parts.append(
                f"{s.unverified} answer(s) quoting words not in their article "
                + ("re-asked live" if live else "left unverified, not re-asked (--batch-failures list)")
            )
        if s.live_requests:
            live_cost = f", ${s.live_cost:.4f}" if s.live_cost is not None else ""
            parts.append(f"{s.live_requests} live request(s) at the live price{live_cost}")
        return "; ".join(parts) + "."


def _line(item: Mapping[str, Any]) -> _Line:
    """A result or error file line: the completion body when the request succeeded, else why not."""
    error = item.get("error")
    if error:
        message = error.get("message") if isinstance(error, dict) else str(error)
        code = error.get("code") if isinstance(error, dict) else None
        return _Line(error=f"{code + ': ' if code else ''}{message or 'failed'}")
    response = item.get("response") if isinstance(item.get("response"), dict) else {}
    status = response.get("status_code")
    body = response.get("body")
    if status == 200 and isinstance(body, dict):
        return _Line(body=body)
    detail = (
        body.get("error", {}).get("message")
        if isinstance(body, dict) and isinstance(body.get("error"), dict)
        else None
    )
    return _Line(error=f"HTTP {status}: {detail or 'no answer'}")


def _usage(body: Mapping[str, Any]) -> Usage:
    usage = body.get("usage") if isinstance(body.get("usage"), dict) else {}
    return Usage(
        requests=1,
        prompt_tokens=int(usage.get("prompt_tokens") or 0),
        completion_tokens=int(usage.get("completion_tokens") or 0),
        seconds=0.0,  # the batch's hours are the run's wall time, not this article's
    )
