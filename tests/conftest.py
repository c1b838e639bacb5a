"""Test tiers and the cassette recorder's rules.

Tiers: fakes (tests/fakes.py) for logic; cassettes (cassettes/<test module>/) for the wire,
replayed with no network; live calls only behind the `live` marker and FACTSHEET_LIVE=1.

Cassettes are scrubbed as they are written: request and response headers are reduced to a
short allow-list (so no key, cookie, organisation or project id can slip through, whatever
the provider calls its header), bodies are decompressed and stored as parsed JSON, and
multi-line strings as YAML blocks, so a reviewer can read the prompt and the answer. The
request body is part of the match, so a prompt change fails replay until re-recorded, and
a recorded interaction the test no longer makes fails the test too.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CASSETTES = ROOT / "cassettes"

KEEP_REQUEST_HEADERS = frozenset({"content-type", "accept"})
KEEP_RESPONSE_HEADERS = frozenset({"content-type", "retry-after", "retry-after-ms"})
# Belt and braces: vcrpy drops these before before_record_request runs.
SECRET_HEADERS = (
    "authorization",
    "api-key",
    "x-api-key",
    "cookie",
    "set-cookie",
    "openai-organization",
    "openai-project",
)
LOOPBACK = "127.0.0.1,localhost,::1"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "live: calls a real model endpoint; off unless FACTSHEET_LIVE=1")
    # No test reaches the network, except recordings and opted-in live runs. Loopback stays
    # open for local servers (and for recording against them).
    if os.environ.get("FACTSHEET_LIVE") != "1":
        config.option.block_network = True
        config.option.allowed_hosts = config.option.allowed_hosts or LOOPBACK


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("FACTSHEET_LIVE") == "1":
        return
    skip = pytest.mark.skip(reason="live model call; set FACTSHEET_LIVE=1 to run")
    for item in items:
        if item.get_closest_marker("live"):
            item.add_marker(skip)


# -- recording mode ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def record_mode(request: pytest.FixtureRequest) -> str:
    """Replay only, unless asked on the command line; CI never records, whatever it is asked."""
    if os.environ.get("CI"):
        return "none"
    return request.config.getoption("--record-mode") or "none"


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    """Top-level cassettes/<test module>/, so recordings are easy to find and review."""
    return str(CASSETTES / request.module.__name__.rsplit(".", 1)[-1])


def _scrub_request(request: Any) -> Any:
    request.headers = {k: v for k, v in request.headers.items() if k.lower() in KEEP_REQUEST_HEADERS}
    return request


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    response["headers"] = {k: v for k, v in response["headers"].items() if k.lower() in KEEP_RESPONSE_HEADERS}
    return response


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    return {
        "match_on": ["method", "scheme", "host", "port", "path", "query", "body"],
        "filter_headers": list(SECRET_HEADERS),
        "before_record_request": _scrub_request,
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
        "allow_playback_repeats": False,
        "serializer": "yaml",
    }


@pytest.fixture(autouse=True)
def _every_recorded_call_is_made(vcr: Any, record_mode: str) -> Any:
    """A cassette with calls the code no longer makes is stale: fail instead of passing quietly."""
    yield
    if vcr is not None and record_mode == "none":
        unplayed = len(vcr) - vcr.play_count
        assert vcr.all_played, f"{unplayed} recorded interaction(s) in {vcr._path} were never requested"


# -- readable cassettes --------------------------------------------------------------------


# libyaml when present: a cassette of a few long prompts loads several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_cassette_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)  # a safe loader, C or Python


class _ReadableDumper(_Dumper):  # type: ignore[misc, valid-type]
    pass


def _str_representer(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_ReadableDumper.add_representer(str, _str_representer)


def _parse_json(text: Any) -> Any:
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    if not isinstance(text, str) or not text:
        raise ValueError("not JSON")
    return json.loads(text)


class ReadableYAML:
    """vcrpy serializer: JSON bodies stored parsed (`parsed_body`), strings as YAML blocks.

    Bodies go back to JSON text on load; the body matcher compares parsed JSON (the
    request keeps its content-type header), so key order and spacing never matter.
    """

    @staticmethod
    def serialize(cassette: dict[str, Any]) -> str:
        for interaction in cassette["interactions"]:
            request, response = interaction["request"], interaction["response"]
            try:
                request["parsed_body"] = _parse_json(request.get("body"))
                del request["body"]
            except ValueError:
                pass
            try:
                response["parsed_body"] = _parse_json(response["body"]["string"])
                del response["body"]
            except (ValueError, KeyError, TypeError):
                pass
        return yaml.dump(cassette, Dumper=_ReadableDumper, sort_keys=False, allow_unicode=True, width=120)

    @staticmethod
    def deserialize(text: str) -> dict[str, Any]:
        cassette = load_cassette_yaml(text)
        for interaction in cassette["interactions"]:
            request, response = interaction["request"], interaction["response"]
            if "parsed_body" in request:
                request["body"] = json.dumps(request.pop("parsed_body"), ensure_ascii=False)
            if "parsed_body" in response:
                response["body"] = {"string": json.dumps(response.pop("parsed_body"), ensure_ascii=False)}
        return cassette


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_serializer("yaml", ReadableYAML)


# Settings a developer's shell may hold that would point a CLI test at a real endpoint.
LLM_ENV_KEYS = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "FACTSHEET_MODEL",
    "FACTSHEET_BASE_URL",
    "FACTSHEET_API_KEY",
    "FACTSHEET_MODE",
    "FACTSHEET_DEBUG",
    "FACTSHEET_BATCH_PRICE_FACTOR",
)


def clear_llm_env(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> None:
    """No model settings from the shell, and a cache folder of the test's own."""
    for key in LLM_ENV_KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("FACTSHEET_CACHE_DIR", str(cache_dir))
