"""Live calls to the endpoint the environment names. Skipped unless FACTSHEET_LIVE=1.

    FACTSHEET_LIVE=1 FACTSHEET_BASE_URL=http://127.0.0.1:8765/v1 FACTSHEET_MODEL=... \
        FACTSHEET_MODE=json_object pytest tests/test_llm_live.py
"""

from __future__ import annotations

import pytest

from factsheet.config import resolve_llm_settings
from factsheet.errors import ModelError
from factsheet.extractors.llm import LLMExtractor
from factsheet.models import Extraction
from factsheet.verify import verify_extraction
from tests.test_llm_cassettes import SEEDS, seed_article


@pytest.mark.live
def test_live_endpoint_answers_with_a_valid_extraction() -> None:
    settings = resolve_llm_settings()
    extractor = LLMExtractor(settings)
    try:
        extraction = extractor.extract(seed_article(SEEDS[0]))
    except ModelError as exc:
        pytest.fail(f"the live endpoint failed: {exc}")
    assert Extraction.model_validate_json(extraction.model_dump_json()) == extraction
    assert extraction.usage.requests >= 1 and extraction.usage.prompt_tokens > 0
    verified = verify_extraction(extraction)
    assert all(c.evidence.match is not None for c in verified.event.claims)
