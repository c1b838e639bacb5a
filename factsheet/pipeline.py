"""The public entry points: wires ingest -> extract -> verify -> normalise -> merge.

One article's failure is recorded in the sheet and never costs the others their results;
only a mistake that would make every article fail (bad configuration) stops the run.

Model calls run in parallel threads (factsheet.concurrency) and go through the extraction
cache (factsheet.cache) when one is given; everything after the model call runs in the
calling thread, in a fixed order, so the sheet is the same whatever order answers arrive in.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from factsheet.cache import ExtractionCache, extractor_identity
from factsheet.concurrency import DEFAULT_LLM_JOBS, SharedBackoff, completed, gated_http_client
from factsheet.config import llm_configured, resolve_llm_settings
from factsheet.consensus import merge_extractions, run_usage
from factsheet.crosscheck import with_cross_checks
from factsheet.errors import ConfigError, FactsheetError, InputError, ModelError, UserError
from factsheet.extractors.base import Extractor
from factsheet.ingest import find_paths, ingest, read_article
from factsheet.models import Article, ArticleFailure, Extraction, FactSheet, Usage
from factsheet.normalise import normalise_extraction
from factsheet.pricing import Prices
from factsheet.screening import screen
from factsheet.verify import verify_extraction

if TYPE_CHECKING:
    import openai

    from factsheet.config import LLMSettings

ExtractorName = Literal["auto", "llm", "offline"]


@dataclass(frozen=True)
class Progress:
    """Reported once per input (an article, or a file that could not be used) as it finishes.

    `stage` tells a display which inputs took real work: files refused at ingest finish at
    once and would make a rate in articles per second look better than it is.
    """

    done: int
    total: int
    path: str
    ok: bool
    message: str = ""
    usage: Usage | None = None
    stage: Literal["ingest", "extract"] = "extract"


ProgressCallback = Callable[[Progress], None]
StartCallback = Callable[[int], None]
# Called once before the first model request of a run, and only if one will be made; may raise
# to stop the run (the CLI checks the endpoint and the key there).
BeforeModel = Callable[[], None]


def get_extractor(
    name: ExtractorName | str = "auto",
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
    env: Mapping[str, str] | None = None,
    backoff: SharedBackoff | None = None,
    model_path: str | Path | None = None,
) -> Extractor:
    """'auto' is the LLM when an endpoint, key or model is configured, else the offline extractor.

    The LLM extractor's requests all pass through one SharedBackoff (a new one unless given),
    so a 429 seen by one parallel worker holds back the others too. `model_path` (a GGUF
    file) or model 'local' (the bundled Gemma 3 270M) run llama.cpp in-process instead.
    """
    env = os.environ if env is None else env
    bundled = model == "local" and base_url is None
    if model_path is not None or bundled:
        if name == "offline":
            raise UserError("--model-path and --model local run an LLM; drop --extractor offline")
        if model_path is not None and model is not None:
            raise UserError("give either --model-path (a GGUF file) or --model, not both")
        from factsheet.extractors.local_gguf import local_extractor

        return local_extractor(model_path, bundled=model_path is None, mode=mode)
    if name == "offline":
        given = [opt for opt, v in (("--model", model), ("--base-url", base_url), ("--mode", mode)) if v]
        if given or api_key is not None:
            named = " and ".join(given) or "an API key"
            raise UserError(
                f"--extractor offline reads without a model, so {named} would be ignored; "
                "drop the model options or use --extractor llm"
            )
    if name == "auto":
        explicit = any(v is not None for v in (model, base_url, api_key))
        name = "llm" if explicit or llm_configured(env) else "offline"
    if name == "offline":
        from factsheet.extractors.offline import OfflineExtractor

        return OfflineExtractor()
    if name == "llm":
        from factsheet.extractors.llm import LLMExtractor

        settings = resolve_llm_settings(model=model, base_url=base_url, api_key=api_key, mode=mode, env=env)
        return LLMExtractor(settings, client=_llm_client(settings, backoff or SharedBackoff()))
    raise UserError(f"unknown extractor {name!r}: choose auto, llm or offline")


def check_inputs(paths: Sequence[str | Path]) -> list[Path]:
    """The article files `make` would read; InputError for a named file or folder that cannot be used.

    Only lists folders, reads no file: a file inside one that turns out unreadable is still a
    per-article failure later, which never costs the other articles.
    """
    return find_paths(paths)[0]


# GET /models answers in milliseconds; a server too busy to do so is left to the real requests.
_CHECK_TIMEOUT = 20.0
_KEY_VARIABLES = ("FACTSHEET_API_KEY", "OPENAI_API_KEY")


def _key_source(settings: LLMSettings, env: Mapping[str, str]) -> str | None:
    key = settings.api_key.get_secret_value()
    for name in _KEY_VARIABLES:
        if (env.get(name) or "").strip() == key:
            return name
    return None


def _refused(settings: LLMSettings, status: int, env: Mapping[str, str]) -> ConfigError:
    source = _key_source(settings, env)
    if source is not None:
        what, fix = f"the API key in {source}", f"Set {source} to a key this endpoint accepts"
    else:
        what, fix = "the request without a key", "Set FACTSHEET_API_KEY (or OPENAI_API_KEY) to its API key"
    return ConfigError(
        f"The endpoint {settings.endpoint} refused {what} (HTTP {status}), so no article was sent. {fix}."
    )


def _only_listing_forbidden(exc: Exception) -> bool:
    """OpenAI's restricted keys may chat without the scope to list models ('Missing scopes:
    api.model.read'): the key is good, only this check is not allowed."""
    text = str(exc).lower()
    return "scope" in text or "insufficient permission" in text


def check_endpoint(extractor: Extractor, env: Mapping[str, str] | None = None) -> None:
    """One cheap request (GET /models) before any article is sent; ConfigError if the key is refused.

    Without it a wrong key surfaces as one failure per article, after every article was read
    and retried. Only a refusal (401/403) or an endpoint that cannot be reached at all stops
    the run: a server that does not list models, or answers slowly, is left to the real
    requests and their retry policy. The extractor's own client is used, so the check goes
    where the articles would (through a proxy, a test transport, the shared 429 gate). The
    offline and in-process extractors make no request, so there is nothing to check.
    """
    settings = getattr(extractor, "settings", None)
    if settings is None or not _model_backed(extractor):
        return
    from factsheet.extractors.local_gguf import is_in_process

    if is_in_process(settings):
        return
    import httpx
    import openai

    from factsheet.extractors.llm import client_for

    env = os.environ if env is None else env
    client: openai.OpenAI = getattr(extractor, "client", None) or client_for(settings)
    try:
        client.with_options(timeout=min(settings.timeout, _CHECK_TIMEOUT), max_retries=0).models.list()
    except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
        if not _only_listing_forbidden(exc):
            raise _refused(settings, exc.status_code, env) from None
    except openai.APIConnectionError as exc:
        if isinstance(exc.__cause__, httpx.ConnectError):
            raise ConfigError(
                f"Cannot reach the endpoint {settings.endpoint} ({exc.__cause__}). Is the server running? "
                "Check --base-url / FACTSHEET_BASE_URL."
            ) from None
    except openai.APIError:
        pass


def prepare(extraction: Extraction) -> Extraction:
    """Locate every quote, normalise every value, screen for foreign or injected text; safe to run twice."""
    return screen(normalise_extraction(verify_extraction(extraction)))


def _llm_client(settings: LLMSettings, backoff: SharedBackoff) -> openai.OpenAI:
    from factsheet.extractors.llm import client_for

    return client_for(settings, gated_http_client(backoff, settings.timeout))


def _model_backed(extractor: Extractor) -> bool:
    return extractor_identity(extractor) is not None


def default_jobs(extractor: Extractor) -> int:
    """Parallel articles: several for a model endpoint (waiting), one for local CPU-bound reading."""
    settings = getattr(extractor, "settings", None)
    if settings is not None:
        from factsheet.extractors.local_gguf import is_in_process

        if is_in_process(settings):
            return 1  # one llama.cpp instance: more jobs would only queue behind its lock
    return DEFAULT_LLM_JOBS if _model_backed(extractor) else 1


@dataclass(frozen=True)
class _Reader:
    """One run's way of reading an article: the model step (any thread), then the local steps."""

    extractor: Extractor
    cache: ExtractionCache | None = None
    prices: Prices | None = None

    @cached_property
    def identity(self) -> dict[str, str] | None:
        return extractor_identity(self.extractor) if self.cache is not None else None

    def fetch(self, article: Article) -> tuple[Extraction, bool]:
        """The raw extraction and whether it came from the cache; safe to call from worker threads."""
        identity = self.identity
        if self.cache is not None and identity is not None:
            hit = self.cache.get(article, identity)
            if hit is not None:
                free = Usage(cached=True, cost_usd=0.0 if self.prices else None)
                return hit.model_copy(update={"usage": free}), True
        raw = self.extractor.extract(article)
        if self.cache is not None and identity is not None:
            self.cache.put(article, identity, raw)
        return raw, False

    def needs_model(self, articles: Sequence[Article]) -> bool:
        """Whether any of these articles will cost a request (not every one is in the cache)."""
        if not _model_backed(self.extractor):
            return False
        identity = self.identity
        if self.cache is None or identity is None:
            return bool(articles)
        return any(not self.cache.path(article, identity).exists() for article in articles)

    def fetch_or_error(self, article: Article) -> tuple[Extraction, bool] | Exception:
        try:
            return self.fetch(article)
        except (ModelError, InputError, ValidationError) as exc:
            return exc

    def finish(self, article: Article, raw: Extraction, cached: bool) -> Extraction:
        """Price, verify, normalise; a model's numbers and dates are checked against the text's own."""
        if self.prices is not None and not cached:
            raw = raw.model_copy(
                update={"usage": raw.usage.model_copy(update={"cost_usd": self.prices.cost(raw.usage)})}
            )
        extraction = prepare(raw)
        if self.extractor.name == "offline":
            return extraction
        return with_cross_checks(extraction)


def extract(
    article: Article | str | Path,
    extractor: Extractor | None = None,
    *,
    cache: ExtractionCache | None = None,
    prices: Prices | None = None,
    before_model: BeforeModel | None = None,
) -> Extraction:
    """One article (or a path to one) to a verified, normalised Extraction."""
    if not isinstance(article, Article):
        article = read_article(Path(article))
    reader = _Reader(extractor or get_extractor(), cache, prices)
    if before_model is not None and reader.needs_model([article]):
        before_model()
    raw, cached = reader.fetch(article)
    return reader.finish(article, raw, cached)


def _with_wall_time(sheet: FactSheet, wall_seconds: float) -> FactSheet:
    usage = sheet.run.usage.model_copy(update={"wall_seconds": round(wall_seconds, 3)})
    return sheet.model_copy(update={"run": sheet.run.model_copy(update={"usage": usage})})


def merge(
    extractions: Sequence[Extraction],
    *,
    allow_unverified: bool = False,
    failures: Sequence[ArticleFailure] = (),
) -> FactSheet:
    """Merge extractions (re-verified and normalised here, so hand-made ones work too)."""
    return merge_extractions(
        [prepare(e) for e in extractions], allow_unverified=allow_unverified, failures=failures
    )


def _failure(path: str, stage: Literal["ingest", "extract"], exc: Exception) -> ArticleFailure:
    message = exc.problem if isinstance(exc, InputError) else str(exc)
    return ArticleFailure(path=path, stage=stage, error=type(exc).__name__, message=message)


def extract_all(
    paths: Sequence[str | Path],
    extractor: Extractor,
    on_progress: ProgressCallback | None = None,
    *,
    cache: ExtractionCache | None = None,
    jobs: int | None = None,
    prices: Prices | None = None,
    on_start: StartCallback | None = None,
    before_model: BeforeModel | None = None,
) -> tuple[list[Extraction], list[ArticleFailure]]:
    """Read and extract every article; failures are collected, not raised.

    Once every article is read: `before_model` runs if any of them will cost a model request
    (an error it raises stops the run before anything is sent); then `on_start` gets the
    number of inputs, so a display can show '0/40' while the first answer is awaited; then
    `on_progress` gets each input once, files that could not be read first.

    Up to `jobs` articles wait on a model at once (default: `default_jobs`); extractors that
    read locally run one article at a time whatever `jobs` says, since they are CPU-bound and
    may call libraries that are not thread-safe. Results keep the input order and progress is
    reported in the calling thread as articles finish.
    """
    articles, errors = ingest(paths)
    failures = [_failure(exc.path, "ingest", exc) for exc in errors]
    total = len(articles) + len(failures)
    reader = _Reader(extractor, cache, prices)
    if before_model is not None and reader.needs_model(articles):
        before_model()
    if on_start:
        on_start(total)
    done = 0
    for failure in failures:
        done += 1
        if on_progress:
            on_progress(
                Progress(done, total, failure.path, ok=False, message=failure.message, stage="ingest")
            )
    workers = (jobs or default_jobs(extractor)) if _model_backed(extractor) else 1
    outcomes: list[Extraction | ArticleFailure | None] = [None] * len(articles)
    for index, fetched in completed(reader.fetch_or_error, articles, workers):
        article = articles[index]
        try:
            if isinstance(fetched, Exception):
                raise fetched
            outcome: Extraction | ArticleFailure = reader.finish(article, *fetched)
        except (ModelError, InputError, ValidationError) as exc:
            outcome = _failure(article.path, "extract", exc)
        outcomes[index] = outcome
        done += 1
        if on_progress:
            if isinstance(outcome, Extraction):
                on_progress(Progress(done, total, article.path, ok=True, usage=outcome.usage))
            else:
                on_progress(Progress(done, total, article.path, ok=False, message=outcome.message))
    extractions = [o for o in outcomes if isinstance(o, Extraction)]
    failures += [o for o in outcomes if isinstance(o, ArticleFailure)]
    return extractions, failures


def make(
    paths: Sequence[str | Path] | str | Path,
    *,
    extractor: Extractor | ExtractorName = "auto",
    allow_unverified: bool = False,
    on_progress: ProgressCallback | None = None,
    cache: ExtractionCache | None = None,
    jobs: int | None = None,
    prices: Prices | None = None,
    on_start: StartCallback | None = None,
    before_model: BeforeModel | None = None,
) -> FactSheet:
    """Files or folders in, one FactSheet out.

    With a `cache`, articles already read by the same model and prompt cost no request.
    Raises the first failure's error when no article at all could be used, since an
    empty sheet would look like 'nothing known' rather than 'nothing read'.
    """
    started = time.perf_counter()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    chosen = get_extractor(extractor) if isinstance(extractor, str) else extractor
    extractions, failures = extract_all(
        paths,
        chosen,
        on_progress,
        cache=cache,
        jobs=jobs,
        prices=prices,
        on_start=on_start,
        before_model=before_model,
    )
    if not extractions:
        if not failures:
            raise InputError(", ".join(map(str, paths)), "no articles found")
        summary = "; ".join(f"{f.path}: {f.message}" for f in failures)
        if any(f.stage == "extract" for f in failures):
            raise ModelError(f"no article could be extracted: {summary}")
        raise InputError(", ".join(map(str, paths)), f"no usable article: {summary}")
    sheet = merge_extractions(extractions, allow_unverified=allow_unverified, failures=failures)
    return _with_wall_time(sheet, time.perf_counter() - started)


__all__ = [
    "ExtractorName",
    "FactsheetError",
    "Progress",
    "check_endpoint",
    "check_inputs",
    "default_jobs",
    "extract",
    "extract_all",
    "get_extractor",
    "make",
    "merge",
    "prepare",
    "run_usage",
]
