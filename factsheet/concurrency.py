"""Articles in parallel against a remote model, without losing order or politeness.

Why threads: the time goes into waiting for the endpoint, and the openai client and httpx
are thread-safe, so a ThreadPoolExecutor gives N articles in about ceil(N / jobs) x latency.
The CPU-bound stages (verify, normalise, the offline cross-check) stay in the calling
thread: the GIL would serialise them anyway, and keeping them there means libraries that
are not thread-safe (dateparser's shared parser) are never called from two threads at once.

Why a shared backoff: each request already retries a 429 after its Retry-After, but with
several workers the others keep sending and earn their own 429s. `SharedBackoff` sees every
response of the client it is attached to and holds back every worker until the pause the
server asked for is over.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_LLM_JOBS = 4
MAX_PAUSE = 60.0


def completed(work: Callable[[T], R], items: Sequence[T], jobs: int = 1) -> Iterator[tuple[int, R]]:
    """Yield (index, result) as each item's work finishes, running up to `jobs` at a time.

    Results arrive in completion order; callers that need a stable outcome place them by
    index. An exception raised by `work` (KeyboardInterrupt included) stops the run: work
    not yet started is cancelled, work in flight finishes (at most `jobs` items, so what was
    paid for is kept, e.g. in a cache), and the exception is raised here.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs == 1 or len(items) <= 1:
        for index, item in enumerate(items):
            yield index, work(item)
        return
    executor = ThreadPoolExecutor(max_workers=min(jobs, len(items)), thread_name_prefix="factsheet")
    try:
        pending: dict[Future[R], int] = {executor.submit(work, item): i for i, item in enumerate(items)}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=pending.__getitem__):
                index = pending.pop(future)
                yield index, future.result()
    finally:
        # Does not wait: a Ctrl-C should return at once, not after the slowest request.
        executor.shutdown(wait=False, cancel_futures=True)


def retry_after_seconds(headers: httpx.Headers) -> float | None:
    """Seconds from Retry-After (seconds or an HTTP date) or retry-after-ms; None if absent or garbled."""
    try:
        if "retry-after-ms" in headers:
            return max(0.0, float(headers["retry-after-ms"]) / 1000.0)
        raw = headers.get("retry-after")
        if raw is None:
            return None
        try:
            return max(0.0, float(raw))
        except ValueError:
            return max(0.0, parsedate_to_datetime(raw).timestamp() - time.time())
    except (TypeError, ValueError, OverflowError):
        return None


class SharedBackoff:
    """One pause for every worker of a client: set by a 429 (or 503 with Retry-After), obeyed by all.

    Attach it with `event_hooks()` to the httpx client the model client uses. Before each
    request a worker waits until the pause is over; a response asking to slow down extends
    it. A 429 without Retry-After pauses for `default_pause`; an exhausted quota
    (code insufficient_quota) pauses nobody, since waiting does not refill an account.
    """

    def __init__(
        self,
        *,
        default_pause: float = 1.0,
        max_pause: float = MAX_PAUSE,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.default_pause = default_pause
        self.max_pause = max_pause
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._until = 0.0
        self.pauses = 0
        self.waited = 0.0

    def pause(self, seconds: float) -> None:
        """Hold every worker back for `seconds` from now (never shortens a longer pause)."""
        seconds = min(max(seconds, 0.0), self.max_pause)
        with self._lock:
            self._until = max(self._until, self._clock() + seconds)
            self.pauses += 1

    def wait(self) -> float:
        """Block until no pause is in force; returns the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                remaining = self._until - self._clock()
            if remaining <= 0:
                if waited:
                    with self._lock:
                        self.waited += waited
                return waited
            self._sleep(remaining)
            waited += remaining

    # -- httpx hooks ----------------------------------------------------------------------

    def before_request(self, request: httpx.Request) -> None:
        self.wait()

    def after_response(self, response: httpx.Response) -> None:
        status = response.status_code
        if status not in (429, 503):
            return
        asked = retry_after_seconds(response.headers)
        if status == 503 and asked is None:
            return
        if status == 429 and _quota_exhausted(response):
            return
        self.pause(self.default_pause if asked is None else asked)

    def event_hooks(self) -> dict[str, list[Callable[[Any], None]]]:
        return {"request": [self.before_request], "response": [self.after_response]}


def _quota_exhausted(response: httpx.Response) -> bool:
    try:
        response.read()
        body = response.json()
    except (ValueError, httpx.HTTPError):
        return False
    error = body.get("error") if isinstance(body, dict) else None
    return isinstance(error, dict) and error.get("code") == "insufficient_quota"


def gated_http_client(backoff: SharedBackoff, timeout: float) -> httpx.Client:
    """An httpx client for the openai client whose requests all go through `backoff`.

    Event hooks rather than a custom transport, so requests sent through a proxy (which
    httpx routes to its own transports) are held back too.
    """
    return httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        event_hooks=backoff.event_hooks(),
    )
