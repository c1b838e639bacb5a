"""Thin command line over the library: parse options, call, turn typed errors into exit codes.

Exit codes: 0 all articles used; 1 unexpected bug; 2 usage or configuration error;
3 input error (the sheet is still written when other articles could be used);
4 model error (likewise); 5 `score` below --min-accuracy.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from factsheet import pipeline
from factsheet._version import __version__
from factsheet.cache import ExtractionCache
from factsheet.concurrency import DEFAULT_LLM_JOBS
from factsheet.errors import ConfigError, FactsheetError, InputError, ModelError, OutputError, UserError
from factsheet.extractors.base import Extractor
from factsheet.files import load_model
from factsheet.ingest import read_article
from factsheet.jsonschemas import json_schemas, write_schemas
from factsheet.models import ArticleFailure, Extraction, FactSheet, Feed, Usage
from factsheet.output import check_writable, write_text_atomic
from factsheet.pricing import Prices, prices_for
from factsheet.render import render_html, render_markdown
from factsheet.score import render_score, score_files
from factsheet.summary import summarise

EXIT_OK, EXIT_BUG, EXIT_USAGE, EXIT_INPUT, EXIT_MODEL, EXIT_BELOW = 0, 1, 2, 3, 4, 5

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int) -> None:
    click.echo(f"factsheet: {message}", err=True)
    sys.exit(code)


DEBUG_ENV = "FACTSHEET_DEBUG"


def _debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no")


def _one_line(text: str) -> str:
    return " ".join(text.split())


@contextmanager
def _errors_reported() -> Iterator[None]:
    """Typed library errors become a message and their exit code; anything else is a bug, and
    still gets one line rather than a traceback (FACTSHEET_DEBUG=1 shows the traceback)."""
    try:
        yield
    except ConfigError as exc:
        _fail(str(exc), EXIT_USAGE)
    except InputError as exc:
        _fail(str(exc), EXIT_INPUT)
    except ModelError as exc:
        _fail(f"model error: {exc}", EXIT_MODEL)
    except UserError as exc:
        _fail(str(exc), EXIT_USAGE)
    except FactsheetError as exc:  # pragma: no cover - every branch above is a subclass
        _fail(str(exc), EXIT_BUG)
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise  # click reports these itself, with its own exit codes
    except Exception as exc:
        if _debugging():
            raise
        detail = _one_line(str(exc))
        _fail(
            f"unexpected error: {type(exc).__name__}{': ' + detail if detail else ''} "
            f"(a bug in factsheet; re-run with {DEBUG_ENV}=1 to see the traceback, and please report it)",
            EXIT_BUG,
        )


class _Commands(click.Group):
    """The root group: every subcommand, nested ones included, runs inside `_errors_reported`."""

    def invoke(self, ctx: click.Context) -> Any:
        with _errors_reported():
            return super().invoke(ctx)


def _extractor_options(fn: F) -> F:
    options = [
        click.option(
            "--extractor",
            type=click.Choice(["auto", "llm", "offline"]),
            default="auto",
            show_default=True,
            help="'llm' calls a model; 'offline' reads the text with built-in rules and needs no model; "
            "'auto' uses the LLM when a model, base URL or key is configured, else offline.",
        ),
        click.option(
            "--model",
            help="Model name as the endpoint knows it (env FACTSHEET_MODEL). OpenAI's default: gpt-4o-mini. "
            "'local' runs the bundled Gemma 3 270M in-process: a smoke test only.",
        ),
        click.option(
            "--model-path",
            type=click.Path(dir_okay=False, path_type=Path),
            envvar="FACTSHEET_MODEL_PATH",
            help="Run this GGUF model in-process with llama.cpp: no server, no network "
            "(pip install 'factsheet[local]'). A 7B+ instruct GGUF gives useful extractions.",
        ),
        click.option(
            "--base-url",
            help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 for Ollama "
            "(env FACTSHEET_BASE_URL or OPENAI_BASE_URL). Omit for OpenAI itself (needs OPENAI_API_KEY).",
        ),
        click.option(
            "--mode",
            type=click.Choice(["auto", "json_schema", "json_object", "tools", "md_json"]),
            default=None,
            help="How structured output is requested. 'json_schema' for OpenAI, vLLM and Ollama; "
            "'json_object' for llama.cpp servers (schema sent as a grammar). Default 'auto': tries "
            "json_schema, then json_object, then tools, and remembers what worked (env FACTSHEET_MODE).",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _cost_options(fn: F) -> F:
    options = [
        click.option(
            "--no-cache",
            is_flag=True,
            help="Call the model for every article, even ones already read with the same model and prompt "
            "(the cache lives in FACTSHEET_CACHE_DIR, else ~/.cache/factsheet; see `factsheet cache`).",
        ),
        click.option(
            "--price-in",
            type=click.FloatRange(min=0),
            help="USD per million input tokens, to report the cost (env FACTSHEET_PRICE_IN). "
            "Known OpenAI models are priced from a built-in, dated table.",
        ),
        click.option(
            "--price-out",
            type=click.FloatRange(min=0),
            help="USD per million output tokens (env FACTSHEET_PRICE_OUT).",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _cache(no_cache: bool) -> ExtractionCache | None:
    return None if no_cache else ExtractionCache.default()


def _batch_options(fn: F) -> F:
    options = [
        click.option(
            "--batch",
            is_flag=True,
            help="Send the articles through the endpoint's Batch API (OpenAI: half price, answered within "
            "24 h; or any server with /v1/files and /v1/batches) and wait for it. The batch id is kept in "
            "the cache folder: a stopped run, run again, collects the batch instead of paying again.",
        ),
        click.option(
            "--batch-failures",
            type=click.Choice(["live", "list"]),
            default=None,
            help="With --batch: 'live' (default) asks failed lines again, and re-asks answers whose quotes "
            "are not in the article, through the live API at the live price; 'list' lists failed lines "
            "in `failures` and leaves such quotes unverified.",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _announce_model(extractor: Any, quiet: bool) -> None:
    """Say which model was taken from the server's list, since nobody named it."""
    settings = getattr(extractor, "settings", None)
    if quiet or settings is None or settings.model_source != "discovered":
        return
    click.echo(
        f"factsheet: using the model {settings.model!r}, the only one the server at {settings.endpoint} "
        "lists (set --model or FACTSHEET_MODEL to choose another).",
        err=True,
    )


def _mode_note(extractor: Any) -> None:
    """How --mode auto chose the response mode, when it did (a probe this run, or a remembered one)."""
    report = getattr(extractor, "mode_report", None)
    said = report() if callable(report) else None
    if said:
        click.echo(f"Response {said}", err=True)


def _batch_run(
    chosen: Any, cache: ExtractionCache | None, batch: bool, failures: str | None, quiet: bool
) -> Any:
    """BatchOptions for `make --batch` (checked before any work), or None without --batch."""
    if not batch:
        if failures is not None:
            raise UserError("--batch-failures only applies with --batch")
        return None
    from factsheet.extractors.batch import BatchEvent, BatchOptions

    pipeline.check_batch(chosen, cache)

    def show(event: BatchEvent) -> None:
        click.echo(event.message, err=True)

    poll = os.environ.get("FACTSHEET_BATCH_POLL_SECONDS", "").strip()
    try:
        every = float(poll) if poll else BatchOptions.poll_seconds
    except ValueError:
        every = -1.0
    if not every > 0:
        raise ConfigError(f"FACTSHEET_BATCH_POLL_SECONDS must be a number of seconds above 0, not {poll!r}")
    return BatchOptions(
        failures="list" if failures == "list" else "live",
        on_event=None if quiet else show,
        poll_seconds=every,
        max_poll_seconds=max(every, BatchOptions.max_poll_seconds),
    )


def _cache_warnings(cache: ExtractionCache | None) -> None:
    if cache is not None and cache.write_errors:
        click.echo(
            f"factsheet: warning: {len(cache.write_errors)} extraction(s) could not be cached "
            f"({cache.write_errors[-1]}); they will be paid for again next time.",
            err=True,
        )


FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def _format_for(path: Path, explicit: str | None) -> str:
    if explicit:
        return explicit
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UserError(
            f"{path}: cannot tell the format from the suffix; use .json, .md or .html, or --format"
        )
    return fmt


def _write_sheet(path: Path, sheet: FactSheet, fmt: str) -> None:
    if fmt == "html":
        text = render_html(sheet)
    elif fmt == "markdown":
        text = render_markdown(sheet)
    else:
        text = sheet.model_dump_json(indent=2) + "\n"
    write_text_atomic(path, text)


FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown", "html"]),
    help="Output format; default: from the output file's suffix (.json, .md, .html).",
)


def _spent(usage: Usage | None) -> str:
    if usage is None or not (usage.requests or usage.cached):
        return ""
    if usage.cached:
        return " (from cache)"
    requests = f"{usage.requests} request{'s' if usage.requests != 1 else ''}"
    tokens = f"{usage.prompt_tokens + usage.completion_tokens:,} tokens"
    cost = f", ${usage.cost_usd:.4f}" if usage.cost_usd is not None else ""
    return f" ({requests}, {tokens}{cost}, {usage.seconds:.1f} s)"


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _rate(rate: float) -> str:
    """Per second when articles are fast (offline), per article when a model takes its time."""
    return f"{rate:.1f} articles/s" if rate >= 1 else f"{1 / rate:.1f} s/article"


BAR_CELLS = 24


def format_bar(done: int, total: int, rate: float | None, elapsed: float, width: int, label: str = "") -> str:
    """One line: bar, count, speed, time left (or time taken once done), then as much of `label`
    as fits in `width` so the line never wraps (a wrapped line cannot be redrawn in place)."""
    filled = BAR_CELLS * done // total if total else BAR_CELLS
    parts = [f"[{'#' * filled}{'.' * (BAR_CELLS - filled)}] {done}/{total}"]
    if rate:
        parts.append(_rate(rate))
    if done >= total:
        parts.append(f"{_clock(elapsed)} in all")
    elif rate:
        parts.append(f"{_clock((total - done) / rate)} left")
    else:
        parts.append("--:-- left")
    line = "  ".join(parts)
    room = width - len(line) - 3
    if label and room >= 8:
        shown = label if len(label) <= room else "..." + label[-(room - 3) :]
        line += "  " + shown
    return line[: max(width - 1, 0)]


def _mark(p: pipeline.Progress) -> str:
    return f"ok{_spent(p.usage)}" if p.ok else f"skipped: {p.message}"


class ProgressDisplay:
    """Progress on stderr: one bar redrawn in place on a terminal, else one plain line per input.

    A log file or CI output gets lines it can keep; a person watching gets one line that does
    not scroll the summary away. Skipped files are printed above the bar on a terminal too,
    so their reason is never only in a line that the next redraw wipes out.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        tty: bool,
        clock: Callable[[], float] = time.monotonic,
        width: Callable[[], int] = lambda: shutil.get_terminal_size((80, 24)).columns,
    ) -> None:
        self.stream = stream
        self.tty = tty
        self._clock = clock
        self._width = width
        self._started = clock()
        self._total = 0
        self._done = 0
        self._worked = 0  # inputs that went through extraction; files refused at ingest are instant
        self._drawn = False

    def start(self, total: int) -> None:
        self._total, self._started = total, self._clock()
        if self.tty and total:
            self._draw()

    def __call__(self, p: pipeline.Progress) -> None:
        self._done, self._total = p.done, p.total
        if p.stage == "extract":
            self._worked += 1
        if not self.tty:
            self._write(f"[{p.done}/{p.total}] {p.path} {_mark(p)}\n")
            return
        if not p.ok:
            self._write(f"\r\x1b[K{p.path} {_mark(p)}\n")
        self._draw(Path(p.path).name)

    def close(self) -> None:
        """End the bar's line, so whatever is printed next starts on a line of its own."""
        if self._drawn:
            self._draw()
            self._write("\n")
            self._drawn = False

    def _draw(self, label: str = "") -> None:
        elapsed = self._clock() - self._started
        rate = self._worked / elapsed if self._worked and elapsed > 0 else None
        line = format_bar(self._done, self._total, rate, elapsed, self._width(), label)
        self._write(f"\r{line}\x1b[K")
        self._drawn = True

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def _progress_display(quiet: bool) -> ProgressDisplay | None:
    if quiet:
        return None
    stream = sys.stderr
    tty = stream.isatty() and os.environ.get("TERM", "") != "dumb"
    return ProgressDisplay(stream, tty=tty)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def _check_output(output: Path, inputs: Sequence[Path] = ()) -> None:
    """Before any work: the result must be writable, and must not be written over an input."""
    for given in inputs:
        if _same_file(output, given):
            raise UserError(f"{output}: the output would overwrite the input {given}; choose another -o")
    check_writable(output)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factsheet")
def cli() -> None:
    """Merge news articles about one military strike into one fact sheet with quote-level provenance."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Where to write the fact sheet: .json for scripts, .md or .html for people. Written "
    "atomically: an existing file is only replaced by a complete new one. With --split: a folder.",
)
@FORMAT_OPTION
@click.option(
    "--split",
    is_flag=True,
    help="The inputs report many strikes (a feed): group them and write one sheet per strike into the "
    "folder -o DIR (named by date, place and target; --format for .md or .html), with DIR/index.json, "
    "DIR/index.html and DIR/events.csv (one row per strike). Articles in no group are listed with why.",
)
@_extractor_options
@click.option(
    "--allow-unverified",
    is_flag=True,
    help="Let values whose quote was not found in their article vote too (they are always listed).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    envvar="FACTSHEET_JOBS",
    help="Articles sent to the model at once (env FACTSHEET_JOBS). Default: "
    f"{DEFAULT_LLM_JOBS} for the LLM, 1 for offline (it is fast and uses the CPU).",
)
@_cost_options
@_batch_options
@click.option("-q", "--quiet", is_flag=True, help="No progress lines and no summary.")
def make(
    inputs: tuple[Path, ...],
    output: Path,
    fmt: str | None,
    split: bool,
    extractor: str,
    model: str | None,
    model_path: Path | None,
    base_url: str | None,
    mode: str | None,
    allow_unverified: bool,
    jobs: int | None,
    no_cache: bool,
    price_in: float | None,
    price_out: float | None,
    batch: bool,
    batch_failures: str | None,
    quiet: bool,
) -> None:
    """Read every article in INPUTS (files or folders), extract, merge, and write the fact sheet.

    Model answers are cached: running again on the same articles makes no model request,
    and an interrupted run resumes where it stopped.
    """
    if not split and output.is_dir():
        raise UserError(
            f"{output} is a folder: give a file name (e.g. event.json), "
            "or add --split to write one sheet per strike into it"
        )
    if split:
        if batch:
            raise UserError("--batch is not available with --split yet; drop one of them")
        _make_split(
            inputs,
            output,
            fmt,
            extractor=extractor,
            model=model,
            model_path=model_path,
            base_url=base_url,
            mode=mode,
            allow_unverified=allow_unverified,
            jobs=jobs,
            no_cache=no_cache,
            price_in=price_in,
            price_out=price_out,
            quiet=quiet,
        )
        return
    # What can sink the whole run is checked before the first article is read; the endpoint
    # and its key once the articles are read (local, free) and before the first is sent, and
    # only if one will be: a run answered entirely from the cache needs no server.
    fmt = _format_for(output, fmt)
    chosen, prices = _chosen_extractor(
        extractor, model, model_path, base_url, mode, price_in, price_out, quiet
    )
    _check_output(output, [*inputs, *pipeline.check_inputs(list(inputs))])
    cache = _cache(no_cache)
    batch_run = _batch_run(chosen, cache, batch, batch_failures, quiet)
    display = _progress_display(quiet)
    try:
        sheet = pipeline.make(
            list(inputs), **_reading(chosen, display, cache, jobs, prices, allow_unverified), batch=batch_run
        )
    finally:
        if display:
            display.close()
    _write_sheet(output, sheet, fmt)
    _cache_warnings(cache)
    if not quiet:
        click.echo(summarise(sheet), err=True)
        _mode_note(chosen)
        click.echo(f"Wrote {output}", err=True)
    _exit_for_failures(sheet.failures)


def _chosen_extractor(
    extractor: str,
    model: str | None,
    model_path: Path | None,
    base_url: str | None,
    mode: str | None,
    price_in: float | None,
    price_out: float | None,
    quiet: bool,
) -> tuple[Extractor, Prices | None]:
    """The extractor and its prices, shared by `make` and `make --split`; options that cannot go
    together fail here, before any article is read."""
    if extractor == "offline" and (price_in is not None or price_out is not None):
        raise UserError(
            "--price-in / --price-out price a model, but --extractor offline uses none; drop them"
        )
    chosen = pipeline.get_extractor(
        extractor, model=model, base_url=base_url, mode=mode, model_path=model_path
    )
    _announce_model(chosen, quiet)
    return chosen, prices_for(chosen, price_in, price_out)


def _reading(
    chosen: Extractor,
    display: Any,
    cache: ExtractionCache | None,
    jobs: int | None,
    prices: Prices | None,
    allow_unverified: bool,
) -> dict[str, Any]:
    """How `make` and `make --split` read their articles: the same progress, cache and key check."""
    return {
        "extractor": chosen,
        "allow_unverified": allow_unverified,
        "on_progress": display,
        "on_start": display.start if display else None,
        "before_model": lambda: pipeline.check_endpoint(chosen),
        "cache": cache,
        "jobs": jobs,
        "prices": prices,
    }


# ---- make --split: a feed about many strikes, one sheet per strike ----------------------------


def _check_split_output(output: Path, inputs: Sequence[Path]) -> None:
    """Before any work: DIR is (or can become) a folder we may write in, outside every input folder.

    A folder inside the inputs would have its sheets read back as articles on the next run.
    """
    if output.exists() and not output.is_dir():
        raise UserError(f"{output}: with --split, -o names a folder (e.g. events/), and this is a file")
    if not output.exists() and output.suffix.lower() in FORMATS:
        raise UserError(
            f"{output}: with --split, -o names a folder (e.g. events/); "
            "choose the sheets' format with --format"
        )
    for given in inputs:
        try:
            inside = output.resolve() == given.resolve() or given.resolve() in output.resolve().parents
        except (OSError, RuntimeError):
            inside = False
        if inside and given.is_dir():
            raise UserError(
                f"{output}: the sheets would be written into the input folder {given} and read as "
                "articles next time; choose a folder outside the inputs"
            )
    if output.is_dir():
        check_writable(output / "index.json")
    elif not output.parent.is_dir():
        raise OutputError(output, f"cannot be created: the folder {output.parent} does not exist")
    else:
        check_writable(output)  # creating the folder needs the same right as creating a file there


def _feed_summary(feed: Feed, output: Path, suffix: str) -> str:
    read = sum(len(e.sheet.sources) for e in feed.events) + len(feed.unassigned)
    lines = [
        f"{len(feed.events)} strike(s) from {read} article(s), extractor: {feed.run.extractor}"
        + (f", model: {feed.run.model}" if feed.run.model else ""),
        "",
    ]
    for event in feed.events:
        n = len(event.sheet.sources)
        lines.append(f"  {event.slug + suffix}  ({n} article{'s' if n != 1 else ''})  {event.title}")
    if feed.unassigned:
        lines += ["", f"{len(feed.unassigned)} article(s) in no sheet:"]
        lines += [f"  {u.path}: {u.reason}" for u in feed.unassigned]
    if feed.failures:
        lines += ["", f"{len(feed.failures)} article(s) could not be used:"]
        lines += [f"  {f.path}: {f.message}" for f in feed.failures]
    lines += ["", f"Wrote {len(feed.events)} sheet(s), index.json, index.html and events.csv to {output}"]
    return "\n".join(lines)


def _make_split(
    inputs: tuple[Path, ...],
    output: Path,
    fmt: str | None,
    *,
    extractor: str,
    model: str | None,
    model_path: Path | None,
    base_url: str | None,
    mode: str | None,
    allow_unverified: bool,
    jobs: int | None,
    no_cache: bool,
    price_in: float | None,
    price_out: float | None,
    quiet: bool,
) -> None:
    """`make --split`: the same checks before any work as `make`, then one sheet per strike in DIR."""
    fmt = fmt or "json"
    chosen, prices = _chosen_extractor(
        extractor, model, model_path, base_url, mode, price_in, price_out, quiet
    )
    _check_split_output(output, [*inputs, *pipeline.check_inputs(list(inputs))])
    cache = _cache(no_cache)
    display = _progress_display(quiet)
    try:
        feed = pipeline.make_events(
            list(inputs), **_reading(chosen, display, cache, jobs, prices, allow_unverified)
        )
    finally:
        if display:
            display.close()
    pipeline.write_events(feed, output, fmt)
    _cache_warnings(cache)
    if not quiet:
        click.echo(_feed_summary(feed, output, pipeline.SHEET_SUFFIXES[fmt]), err=True)
        _mode_note(chosen)
    _exit_for_failures(feed.failures)


def _exit_for_failures(failures: Sequence[ArticleFailure]) -> None:
    if any(f.stage == "extract" for f in failures):
        sys.exit(EXIT_MODEL)
    if failures:
        sys.exit(EXIT_INPUT)


@cli.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the extraction (JSON); default: print it.",
)
@_extractor_options
@_cost_options
def extract(
    article: Path,
    output: Path | None,
    extractor: str,
    model: str | None,
    model_path: Path | None,
    base_url: str | None,
    mode: str | None,
    no_cache: bool,
    price_in: float | None,
    price_out: float | None,
) -> None:
    """Extract one ARTICLE into a verified, normalised extraction (input for `factsheet merge`)."""
    chosen = pipeline.get_extractor(
        extractor, model=model, base_url=base_url, mode=mode, model_path=model_path
    )
    _announce_model(chosen, quiet=False)
    prices = prices_for(chosen, price_in, price_out)
    if output is not None:
        _check_output(output, [article])
    cache = _cache(no_cache)
    result = pipeline.extract(
        read_article(article),
        chosen,
        cache=cache,
        prices=prices,
        before_model=lambda: pipeline.check_endpoint(chosen),
    )
    _cache_warnings(cache)
    if output is None:
        click.echo(result.model_dump_json(indent=2))
    else:
        write_text_atomic(output, result.model_dump_json(indent=2) + "\n")


@cli.command()
@click.argument("extractions", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Where to write the fact sheet (.json, .md or .html).",
)
@FORMAT_OPTION
@click.option("--allow-unverified", is_flag=True, help="Let unverified values vote too.")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def merge(
    extractions: tuple[Path, ...], output: Path, fmt: str | None, allow_unverified: bool, quiet: bool
) -> None:
    """Merge saved extraction files (from `factsheet extract`) without any model call."""
    fmt = _format_for(output, fmt)
    _check_output(output, extractions)
    loaded = [load_model(path, Extraction, "a factsheet extraction") for path in extractions]
    sheet = pipeline.merge(loaded, allow_unverified=allow_unverified)
    _write_sheet(output, sheet, fmt)
    if not quiet:
        click.echo(summarise(sheet), err=True)


@cli.command()
@click.argument("sheet", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Where to write it: .md or .html (or .json to re-write a sheet).",
)
@FORMAT_OPTION
def render(sheet: Path, output: Path, fmt: str | None) -> None:
    """Render a saved fact sheet (event.json) for people, as Markdown or one self-contained HTML file."""
    fmt = _format_for(output, fmt)
    check_writable(output)  # rendering over the sheet itself is allowed: it re-writes the sheet
    _write_sheet(output, load_model(sheet, FactSheet, "a factsheet event.json"), fmt)


@cli.command()
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write the schemas into this folder; default: print the fact sheet schema.",
)
def schema(output_dir: Path | None) -> None:
    """Print or write the JSON Schemas of event.json and of extraction files."""
    if output_dir is None:
        click.echo(json_schemas()["factsheet.schema.json"], nl=False)
        return
    for path in write_schemas(output_dir):
        click.echo(f"Wrote {path}", err=True)


@cli.command("score")
@click.argument("sheet", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("gold", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--min-accuracy",
    type=click.FloatRange(0, 1),
    help="Exit 5 when field accuracy (0..1) is below this, for CI.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the score as JSON instead of the table.")
def score_command(sheet: Path, gold: Path, min_accuracy: float | None, as_json: bool) -> None:
    """Score a fact sheet (event.json) against a GOLD file written from the articles (see gold/README.md)."""
    result = score_files(sheet, gold)
    click.echo(result.model_dump_json(indent=2) if as_json else render_score(result))
    if min_accuracy is not None and (result.accuracy or 0.0) < min_accuracy:
        sys.exit(EXIT_BELOW)


@cli.command("check")
@click.option(
    "--base-url",
    help="The OpenAI-compatible endpoint to try (env FACTSHEET_BASE_URL or OPENAI_BASE_URL); "
    "omit for OpenAI itself (needs OPENAI_API_KEY).",
)
@click.option("--model", help="Model to try (env FACTSHEET_MODEL); default: the one the server lists.")
@click.option(
    "--mode",
    type=click.Choice(["auto", "json_schema", "json_object", "tools", "md_json"]),
    default=None,
    help="Try only this response mode; default: auto (json_schema, then json_object, then tools).",
)
@click.option("--no-cache", is_flag=True, help="Do not remember the mode found for later runs.")
def check(base_url: str | None, model: str | None, mode: str | None, no_cache: bool) -> None:
    """Try an endpoint: list its models, find the response mode it takes, run one small extraction.

    Prints the latency and tokens of that extraction and the options to use with `make`. The
    mode found is remembered (in the cache folder), so `make` starts in it. Exit 0 when the
    extraction worked, 4 when it did not, 2 for configuration errors.
    """
    from factsheet.cache import ModeMemory
    from factsheet.extractors.discovery import probe_endpoint

    chosen = pipeline.get_extractor("llm", model=model, base_url=base_url, mode=mode)
    settings = getattr(chosen, "settings", None)
    client = getattr(chosen, "client", None)
    if settings is None or client is None:  # pragma: no cover - get_extractor("llm") always has both
        raise UserError("factsheet check needs an endpoint: set --base-url or OPENAI_API_KEY")
    memory = None if no_cache else ModeMemory(ExtractionCache.default().directory)
    report = probe_endpoint(settings, client=client, memory=memory)

    rows: list[tuple[str, str]] = [("Endpoint", settings.endpoint)]
    if report.models is not None:
        shown = ", ".join(report.models[:20]) or "none listed"
        more = f" and {len(report.models) - 20} more" if len(report.models) > 20 else ""
        rows.append(("Models", shown + more))
    else:
        rows.append(("Models", f"not listed (GET /models: {report.models_error})"))
    how = {"discovered": "the only one the server lists", "default": "OpenAI's default", "given": "as given"}
    rows.append(("Model", f"{settings.model} ({how.get(settings.model_source, settings.model_source)})"))
    for index, tried in enumerate(report.tries):
        verdict = "works" if tried.ok else f"refused: {tried.detail}" if tried.detail else "failed"
        rows.append(("Modes" if index == 0 else "", f"{tried.mode:<12} {verdict}"))
    if report.ok and report.seconds is not None:
        rows.append(
            (
                "Extraction",
                f"{report.seconds:.2f} s, {report.requests} request{'s' if report.requests != 1 else ''}, "
                f"{report.prompt_tokens:,} prompt + {report.completion_tokens:,} completion tokens; "
                f"{report.quotes_found}/{report.quotes_total} quotes found in the article",
            )
        )
    else:
        rows.append(("Extraction", f"failed: {report.error}"))
    batch_api = {True: "available", False: "not offered", None: "unknown"}[report.batch_api]
    rows.append(("Batch API", f"{batch_api} ({report.batch_detail})"))
    if report.ok:
        rows.append(("Use", " ".join(["factsheet make ARTICLES -o event.json", *report.options(settings)])))
        if settings.mode == "auto" and memory is not None:
            rows.append(("", f"(with no --mode, make starts in {report.mode}: remembered in {memory.path})"))
    width = max(len(label) for label, _ in rows) + 2
    for label, value in rows:
        click.echo(f"{label + ':' if label else '':<{width}}{value}")
    if not report.ok:
        sys.exit(EXIT_MODEL)


@cli.group("cache")
def cache_group() -> None:
    """Inspect or empty the cache of model answers (FACTSHEET_CACHE_DIR, else ~/.cache/factsheet)."""


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    scaled, unit = n / 1024, "KB"
    for bigger in ("MB", "GB"):
        if scaled < 1024:
            break
        scaled, unit = scaled / 1024, bigger
    return f"{scaled:.1f} {unit}"


@cache_group.command("info", short_help="Location, number of entries and size.")
def cache_info() -> None:
    """Show where the cache is, how many extractions it holds, and their size."""
    info = ExtractionCache.default().info()
    click.echo(f"Location: {info.directory}")
    click.echo(f"Entries:  {info.entries}")
    click.echo(f"Size:     {_size(info.bytes)}")


@cache_group.command("clear", short_help="Delete every cached extraction.")
def cache_clear() -> None:
    """Delete every cached extraction (the next run pays for every article again)."""
    cache = ExtractionCache.default()
    removed = cache.clear()
    click.echo(f"Removed {removed} cached extraction(s) from {cache.directory}")


def main() -> None:
    cli()
