"""The real LLMExtractor on the seed articles, replaying recorded HTTP exchanges with a real model.

Recordings live in cassettes/test_llm_cassettes/, with endpoint.json naming the endpoint,
model and mode they were made with (replay must send the same requests). The model is
whatever the recorder pointed at, often a tiny local one whose answers are poor: these tests
do not grade the answers. They check that whatever the model said becomes a valid,
verifiable Extraction (or a clear per-article error), and that the usage numbers match the
recording. To re-record against any endpoint: scripts/record_cassettes.sh.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from factsheet.config import LLMSettings, resolve_llm_settings
from factsheet.errors import ModelError, ModelHTTPError
from factsheet.extractors.llm import LLMExtractor
from factsheet.models import EVENT_FIELDS, Article, Extraction
from factsheet.normalise import normalise_extraction
from factsheet.verify import verify_extraction
from tests.conftest import CASSETTES, ROOT, load_cassette_yaml

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ENDPOINT_FILE = CASSETTES / "test_llm_cassettes" / "endpoint.json"
REPLAY_KEY = "replay-needs-no-key"


def seed_article(path: Path) -> Article:
    """The raw file as the article text: independent of ingest, so only prompt changes force re-records."""
    text = path.read_text(encoding="utf-8")
    return Article(
        id=path.stem[:3],
        path=f"seeds/{path.name}",
        text=text,
        outlet=path.stem,
        outlet_origin="filename",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


def _settings(record_mode: str, mode: str | None = None) -> LLMSettings:
    if record_mode == "none":
        if not ENDPOINT_FILE.exists():
            pytest.fail(f"{ENDPOINT_FILE} is missing: record the cassettes with scripts/record_cassettes.sh")
        recorded = json.loads(ENDPOINT_FILE.read_text())
        return resolve_llm_settings(
            model=recorded["model"],
            base_url=recorded["base_url"],
            api_key=REPLAY_KEY,
            mode=mode or recorded["mode"],
            env={},
        )
    settings = resolve_llm_settings(mode=mode)  # the recorder's environment names the endpoint
    if mode is None:
        ENDPOINT_FILE.parent.mkdir(parents=True, exist_ok=True)
        recorded = {"base_url": settings.base_url, "model": settings.model, "mode": settings.mode}
        ENDPOINT_FILE.write_text(json.dumps(recorded, indent=2) + "\n")
    return settings


def _no_wait(seconds: float) -> None:
    """Replays need no backoff; recordings against a local server need none either."""


def _recorded_usage(cassette: Any) -> tuple[int, int]:
    prompt = completion = 0
    for response in cassette.responses:
        body = json.loads(response["body"]["string"])
        usage = body.get("usage") or {}
        prompt += usage.get("prompt_tokens") or 0
        completion += usage.get("completion_tokens") or 0
    return prompt, completion


def _check_extraction(
    extraction: Extraction, extractor: LLMExtractor, cassette: Any, record_mode: str
) -> None:
    assert Extraction.model_validate_json(extraction.model_dump_json()) == extraction
    assert extraction.model == extractor.settings.model
    assert extraction.prompt_version == extractor.prompts.id
    if record_mode == "none":
        assert extraction.usage.requests == len(cassette)
    else:  # a request that timed out while recording left no interaction behind
        assert extraction.usage.requests >= len(cassette)
    assert (extraction.usage.prompt_tokens, extraction.usage.completion_tokens) == _recorded_usage(cassette)

    # Whatever the model said survives the next stages: every quote is looked up, and each
    # value is either found in the article or visibly unverified.
    checked = normalise_extraction(verify_extraction(extraction))
    for name in EVENT_FIELDS:
        value = getattr(checked.event, name)
        if value is not None:
            assert value.evidence.match is not None
            assert value.evidence.verified == (value.evidence.start is not None)
    for claim in checked.event.claims:
        assert claim.evidence.match is not None


@pytest.mark.vcr
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_recorded_answer_becomes_a_valid_extraction(seed: Path, record_mode: str, vcr: Any) -> None:
    extractor = LLMExtractor(_settings(record_mode), sleep=_no_wait)
    try:
        extraction = extractor.extract(seed_article(seed))
    except ModelError as exc:
        if isinstance(exc, ModelHTTPError) and exc.status_code is None:
            # vcrpy refuses requests the cassette does not hold; openai reports that as a
            # connection error. The prompt or the request changed: re-record.
            pytest.fail(
                f"the request is not in the cassette (re-record with scripts/record_cassettes.sh): {exc}"
            )
        # A model that never answers validly is a clear per-article error, not a crash.
        message = str(exc)
        assert extractor.settings.model in message and REPLAY_KEY not in message
        return
    _check_extraction(extraction, extractor, vcr, record_mode)


@pytest.mark.vcr
def test_auto_mode_works_or_names_the_mode_to_use(record_mode: str, vcr: Any) -> None:
    """llama-cpp-python rejects response_format json_schema (HTTP 500): the error must say what to do."""
    extractor = LLMExtractor(_settings(record_mode, mode="auto"), sleep=_no_wait)
    try:
        extraction = extractor.extract(seed_article(SEEDS[0]))
    except ModelHTTPError as exc:
        assert "--mode json_object" in str(exc) and len(vcr) >= 1
        return
    _check_extraction(extraction, extractor, vcr, record_mode)


def test_cassettes_hold_no_credentials() -> None:
    forbidden = {"authorization", "cookie", "set-cookie", "openai-organization", "openai-project"}
    forbidden |= {"api-key", "x-api-key"}
    for path in sorted(CASSETTES.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert "Bearer " not in text and REPLAY_KEY not in text, path
        for interaction in load_cassette_yaml(text)["interactions"]:
            for part in ("request", "response"):
                names = {name.lower() for name in interaction[part].get("headers", {})}
                assert not names & forbidden, f"{path}: {part} headers {sorted(names & forbidden)}"
