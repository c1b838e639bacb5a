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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from factsheet.cache import ExtractionCache, ModeMemory, extractor_identities, extractor_identity
from factsheet.concurrency import DEFAULT_LLM_JOBS, SharedBackoff, completed, gated_http_client
from factsheet.config import llm_configured, resolve_llm_settings
from factsheet.consensus import merge_extractions, run_usage
from factsheet.crosscheck import with_cross_checks
from factsheet.errors import ConfigError, FactsheetError, InputError, ModelError, UserError
from factsheet.extractors.base import Extractor
from factsheet.ingest import find_paths, ingest, read_article
from factsheet.models import Article, ArticleFailure, Extraction, FactSheet, Feed, Grouping, RunInfo, Usage
from factsheet.normalise import normalise_extraction
from factsheet.pricing import Prices
from factsheet.screening import screen
from factsheet.verify import verify_extraction

if TYPE_CHECKING:
    import openai

    from factsheet.config import LLMSettings
    from factsheet.extractors.batch import BatchOptions

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

        settings = resolve_llm_settings(
            model=model, base_url=base_url, api_key=api_key, mode=mode, env=env, discover=_discover_models
        )
        return LLMExtractor(settings, client=_llm_client(settings, backoff or SharedBackoff()))
    raise UserError(f"unknown extractor {name!r}: choose auto, llm or offline")


def _discover_models(base_url: str, api_key: str, timeout: float) -> list[str]:
    """GET /models, for a custom endpoint named without a model (the settings name the one it lists)."""
    from factsheet.extractors.discovery import list_models

    return list_models(base_url, api_key, timeout)


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
    """One run's way of reading an article: the model step (any thread), then the local steps.

    With a cache, an LLM extractor in --mode auto also gets the cache folder's ModeMemory, and
    answers are looked up under every mode it may still settle on (stored under the one it did).
    `modes` collects the response modes behind this run's answers, for `run.mode`.
    """

    extractor: Extractor
    cache: ExtractionCache | None = None
    prices: Prices | None = None
    modes: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        remember = getattr(self.extractor, "remember_modes_in", None)
        if self.cache is not None and callable(remember):
            remember(ModeMemory(self.cache.directory))

    def identities(self) -> list[dict[str, str]]:
        return extractor_identities(self.extractor) if self.cache is not None else []

    def lookup(self, article: Article) -> Extraction | None:
        """The cached raw extraction, its usage marked free; None on a miss (or without a cache)."""
        if self.cache is None:
            return None
        for identity in self.identities():
            hit = self.cache.get(article, identity)
            if hit is not None:
                self._used(identity)
                free = Usage(cached=True, cost_usd=0.0 if self.prices else None)
                return hit.model_copy(update={"usage": free})
        return None

    def store(self, article: Article, raw: Extraction) -> None:
        """Cache a fresh answer under the identity of the mode that produced it."""
        if self.cache is None:
            mode = getattr(self.extractor, "mode", None)
            if isinstance(mode, str):
                self.modes.add(mode)
            return
        identity = extractor_identity(self.extractor)
        if identity is not None:
            self._used(identity)
            self.cache.put(article, identity, raw)

    def _used(self, identity: Mapping[str, str]) -> None:
        if identity.get("mode"):
            self.modes.add(identity["mode"])

    def fetch(self, article: Article) -> tuple[Extraction, bool]:
        """The raw extraction and whether it came from the cache; safe to call from worker threads."""
        hit = self.lookup(article)
        if hit is not None:
            return hit, True
        raw = self.extractor.extract(article)
        self.store(article, raw)
        return raw, False

    def needs_model(self, articles: Sequence[Article]) -> bool:
        """Whether any of these articles will cost a request (not every one is in the cache)."""
        if not _model_backed(self.extractor):
            return False
        identities = self.identities()
        if self.cache is None or not identities:
            return bool(articles)
        cache = self.cache
        return any(
            not any(cache.path(article, identity).exists() for identity in identities) for article in articles
        )

    def run_mode(self) -> str | None:
        """The response mode(s) behind this run's answers, for `run.mode`; None for the offline extractor."""
        current = getattr(self.extractor, "mode", None)
        modes = set(self.modes)
        if isinstance(current, str) and (not modes or current in modes):
            modes.add(current)
        return ", ".join(sorted(modes)) or None

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
        return self.check(raw)

    def check(self, raw: Extraction) -> Extraction:
        """Verify, normalise and cross-check, without pricing (a Batch API run prices its own lines)."""
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
    reader = _Reader(extractor, cache, prices)
    return _extract_all(reader, paths, on_progress, jobs=jobs, on_start=on_start, before_model=before_model)


def _extract_all(
    reader: _Reader,
    paths: Sequence[str | Path],
    on_progress: ProgressCallback | None = None,
    *,
    jobs: int | None = None,
    on_start: StartCallback | None = None,
    before_model: BeforeModel | None = None,
) -> tuple[list[Extraction], list[ArticleFailure]]:
    """extract_all with the run's reader given, so `make` can ask it afterwards which mode answered."""
    extractor = reader.extractor
    articles, errors = ingest(paths)
    failures = [_failure(exc.path, "ingest", exc) for exc in errors]
    total = len(articles) + len(failures)
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


def check_batch(extractor: Extractor, cache: ExtractionCache | None) -> None:
    """UserError unless a --batch run can work: an LLM endpoint (not in-process) and a cache folder."""
    from factsheet.extractors.llm import LLMExtractor
    from factsheet.extractors.local_gguf import is_in_process

    if not isinstance(extractor, LLMExtractor) or is_in_process(extractor.settings):
        raise UserError(
            "--batch sends the articles to an endpoint's Batch API (OpenAI, or a server with /v1/files "
            "and /v1/batches), so it needs an LLM endpoint: set OPENAI_API_KEY or --base-url, or drop --batch"
        )
    if cache is None:
        raise UserError(
            "--batch keeps the batch id in the cache folder, so that a stopped run collects the batch "
            "instead of paying again: drop --no-cache"
        )


def _extract_all_batch(
    reader: _Reader,
    paths: Sequence[str | Path],
    options: BatchOptions,
    on_progress: ProgressCallback | None = None,
    *,
    on_start: StartCallback | None = None,
    before_model: BeforeModel | None = None,
) -> tuple[list[Extraction], list[ArticleFailure]]:
    """extract_all through the Batch API: cached articles are free, the rest go in one batch (or more).

    Progress starts once the batch is collected (the wait is reported through the options'
    `on_event`); results keep the input order, as in the live path.
    """
    from factsheet.extractors.batch import BatchRunner
    from factsheet.extractors.llm import LLMExtractor
    from factsheet.pricing import batch_prices

    extractor = reader.extractor
    check_batch(extractor, reader.cache)
    assert isinstance(extractor, LLMExtractor) and reader.cache is not None
    articles, errors = ingest(paths)
    failures = [_failure(exc.path, "ingest", exc) for exc in errors]
    total = len(articles) + len(failures)
    hits = [reader.lookup(article) for article in articles]
    misses = [article for article, hit in zip(articles, hits, strict=True) if hit is None]
    if before_model is not None and misses:
        before_model()
    runner = BatchRunner(
        extractor,
        reader.cache,
        options,
        prices=reader.prices,
        batch_prices=batch_prices(reader.prices, openai_endpoint=extractor.settings.is_openai),
    )
    fetched = iter(runner.run(misses))
    if runner.summary.answered:
        reader.modes.add(runner.mode)
    if runner.summary.live_requests and extractor.mode is not None:
        reader.modes.add(extractor.mode)  # failed lines asked live, in the mode the live path uses
    if on_start:
        on_start(total)
    done = 0
    for failure in failures:
        done += 1
        if on_progress:
            on_progress(
                Progress(done, total, failure.path, ok=False, message=failure.message, stage="ingest")
            )
    extractions: list[Extraction] = []
    for article, hit in zip(articles, hits, strict=True):
        outcome: Extraction | ArticleFailure
        try:
            result = hit if hit is not None else next(fetched)
            if isinstance(result, Exception):
                raise result
            outcome = reader.finish(article, result, True) if hit is not None else reader.check(result)
        except (ModelError, InputError, ValidationError) as exc:
            outcome = _failure(article.path, "extract", exc)
        done += 1
        if isinstance(outcome, Extraction):
            extractions.append(outcome)
            if on_progress:
                on_progress(Progress(done, total, article.path, ok=True, usage=outcome.usage))
        else:
            failures.append(outcome)
            if on_progress:
                on_progress(Progress(done, total, article.path, ok=False, message=outcome.message))
    return extractions, failures


def _require_some(
    extractions: Sequence[Extraction], failures: Sequence[ArticleFailure], paths: Sequence[str | Path]
) -> None:
    """No article at all could be used: an error, since an empty sheet would look like
    'nothing known' rather than 'nothing read'."""
    if extractions:
        return
    if not failures:
        raise InputError(", ".join(map(str, paths)), "no articles found")
    summary = "; ".join(f"{f.path}: {f.message}" for f in failures)
    if any(f.stage == "extract" for f in failures):
        raise ModelError(f"no article could be extracted: {summary}")
    raise InputError(", ".join(map(str, paths)), f"no usable article: {summary}")


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
    batch: BatchOptions | None = None,
) -> FactSheet:
    """Files or folders in, one FactSheet out.

    With a `cache`, articles already read by the same model and prompt cost no request.
    With `batch`, the articles not in the cache go through the endpoint's Batch API
    (factsheet.extractors.batch); a stopped run is resumed from the batch id in the cache.
    Raises the first failure's error when no article at all could be used, since an
    empty sheet would look like 'nothing known' rather than 'nothing read'. `run.mode`
    says how structured output was requested (with --mode auto: what it found).
    """
    started = time.perf_counter()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    chosen = get_extractor(extractor) if isinstance(extractor, str) else extractor
    if batch is not None:
        check_batch(chosen, cache)
    reader = _Reader(chosen, cache, prices)
    if batch is not None:
        extractions, failures = _extract_all_batch(
            reader, paths, batch, on_progress, on_start=on_start, before_model=before_model
        )
    else:
        extractions, failures = _extract_all(
            reader, paths, on_progress, jobs=jobs, on_start=on_start, before_model=before_model
        )
    _require_some(extractions, failures, paths)
    extractions, failures = _set_aside_strays(extractions, failures)
    sheet = merge_extractions(extractions, allow_unverified=allow_unverified, failures=failures)
    mode = reader.run_mode()
    if mode is not None:
        sheet = sheet.model_copy(update={"run": sheet.run.model_copy(update={"mode": mode})})
    return _with_wall_time(sheet, time.perf_counter() - started)


# ---- feeds: many strikes in one folder (the grouping stage between normalise and the merge) ----

# The error name an article kept out of a single sheet's vote carries in `failures`.
ANOTHER_STRIKE = "ReportsAnotherStrike"


def _set_aside_strays(
    extractions: list[Extraction], failures: list[ArticleFailure]
) -> tuple[list[Extraction], list[ArticleFailure]]:
    """A folder is one strike: an article that clearly reports another one would only pull the
    vote, so it is kept out of it and named in `failures` with why (grouping decides)."""
    from factsheet.grouping import set_aside_strays

    kept, excluded = set_aside_strays(extractions)
    return kept, [
        *failures,
        *(
            ArticleFailure(
                path=x.path,
                stage="merge",
                error=ANOTHER_STRIKE,
                message=(
                    f"reports another strike ({x.reports}): {x.reason}. Kept out of the vote; "
                    "`factsheet make --split` gives each strike its own sheet"
                ),
            )
            for x in excluded
        ),
    ]


def group(extractions: Sequence[Extraction]) -> Grouping:
    """The grouping stage alone: which extractions report which strike (verified and normalised
    here first, so hand-made or saved extractions work too)."""
    from factsheet.grouping import group_extractions

    return group_extractions([prepare(e) for e in extractions])


def _feed_run(extractions: Sequence[Extraction], allow_unverified: bool, wall_seconds: float) -> RunInfo:
    from factsheet._version import __version__

    def joined(values: Sequence[str | None]) -> str | None:
        present = sorted({v for v in values if v})
        return ",".join(present) if present else None

    return RunInfo(
        extractor=joined([e.extractor for e in extractions]) or "none",
        model=joined([e.model for e in extractions]),
        prompt_version=joined([e.prompt_version for e in extractions]),
        tool_version=__version__,
        allow_unverified=allow_unverified,
        usage=run_usage(extractions, wall_seconds),
    )


def _date_order(sheet: FactSheet) -> tuple[int, str]:
    """Dated strikes first, in calendar order (ISO dates sort as text); weekdays and unknown last."""
    value = sheet.event.date.value
    if isinstance(value, str) and value[:4].isdigit():
        return 0, value
    return 1, value if isinstance(value, str) else ""


def _coordinates(sheet: FactSheet) -> tuple[float | None, float | None]:
    """The gazetteer's city, only where it lies in the sheet's country (a 'Sana' in Peru is not Sanaa)."""
    from factsheet.normalise.places import city_coordinates, country_for_city

    city, country = sheet.event.city, sheet.event.country
    if not isinstance(city.value, str) or city.status == "contested":
        return None, None
    stated = country.value if isinstance(country.value, str) else None
    if stated is not None and country_for_city(city.value) != stated:
        return None, None
    found = city_coordinates(city.value)
    return found if found is not None else (None, None)


def events_from(
    grouping: Grouping,
    *,
    allow_unverified: bool = False,
    failures: Sequence[ArticleFailure] = (),
    run: RunInfo | None = None,
) -> Feed:
    """One sheet per group (the usual merge, unchanged), named by date, place and target, in date order."""
    from factsheet.models import FeedEvent, UnassignedArticle
    from factsheet.render.feed import event_slug, event_title

    sheets = [merge_extractions(g.extractions, allow_unverified=allow_unverified) for g in grouping.groups]
    named = sorted(((event_slug(s), s) for s in sheets), key=lambda pair: (_date_order(pair[1]), pair[0]))
    taken: dict[str, int] = {}
    events = []
    for base, sheet in named:
        taken[base] = taken.get(base, 0) + 1
        slug = base if taken[base] == 1 else f"{base}-{taken[base]}"
        latitude, longitude = _coordinates(sheet)
        events.append(
            FeedEvent(
                slug=slug, title=event_title(sheet), latitude=latitude, longitude=longitude, sheet=sheet
            )
        )
    unassigned = [
        UnassignedArticle(
            path=u.extraction.article.path, outlet=u.extraction.article.outlet, kind=u.kind, reason=u.reason
        )
        for u in grouping.unassigned
    ]
    read = [e for g in grouping.groups for e in g.extractions] + [u.extraction for u in grouping.unassigned]
    return Feed(
        events=events,
        unassigned=sorted(unassigned, key=lambda u: u.path),
        failures=sorted(failures, key=lambda f: (f.path, f.stage)),
        run=run or _feed_run(read, allow_unverified, 0.0),
    )


def make_events(
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
) -> Feed:
    """Files or folders of reports about many strikes in, one FactSheet per strike out.

    The same reading as `make` (options, cache, failures), then the grouping stage sorts the
    articles into strikes and each group is merged on its own. Articles that fit no group are
    in `Feed.unassigned` with the reason; files that could not be read in `Feed.failures`.
    """
    from factsheet.grouping import group_extractions

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
    _require_some(extractions, failures, paths)
    grouping = group_extractions(extractions)
    run = _feed_run(extractions, allow_unverified, time.perf_counter() - started)
    return events_from(grouping, allow_unverified=allow_unverified, failures=failures, run=run)


SHEET_SUFFIXES = {"json": ".json", "markdown": ".md", "html": ".html"}


def write_events(feed: Feed, folder: str | Path, fmt: str = "json") -> list[Path]:
    """Write one sheet per strike (`fmt`: json, markdown or html), index.json, index.html and
    events.csv into `folder` (created when its parent exists), each file atomically.

    Returns the paths written, sheets first. Files of an earlier run that this feed does not
    name are left alone; index.json lists exactly this run's sheets.
    """
    from factsheet.errors import OutputError
    from factsheet.output import write_text_atomic
    from factsheet.render import render_html, render_markdown
    from factsheet.render.feed import event_index, events_csv, render_index_html

    if fmt not in SHEET_SUFFIXES:
        raise UserError(f"unknown format {fmt!r}: choose json, markdown or html")
    folder = Path(folder)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(folder, f"cannot be created ({(exc.strerror or str(exc)).lower()})") from exc
    suffix = SHEET_SUFFIXES[fmt]
    written = []
    for event in feed.events:
        if fmt == "html":
            text = render_html(event.sheet)
        elif fmt == "markdown":
            text = render_markdown(event.sheet)
        else:
            text = event.sheet.model_dump_json(indent=2) + "\n"
        path = folder / f"{event.slug}{suffix}"
        write_text_atomic(path, text)
        written.append(path)
    for name, text in (
        ("index.json", event_index(feed, suffix).model_dump_json(indent=2) + "\n"),
        ("index.html", render_index_html(feed, suffix)),
        ("events.csv", events_csv(feed, suffix)),
    ):
        write_text_atomic(folder / name, text)
        written.append(folder / name)
    return written


__all__ = [
    "ANOTHER_STRIKE",
    "ExtractorName",
    "FactsheetError",
    "Progress",
    "check_batch",
    "check_endpoint",
    "check_inputs",
    "default_jobs",
    "events_from",
    "extract",
    "extract_all",
    "get_extractor",
    "group",
    "make",
    "make_events",
    "merge",
    "prepare",
    "run_usage",
    "write_events",
]
