"""Prompt tokens per seed article, as a real server counted them.

Without arguments it reads the recorded cassettes (cassettes/test_llm_cassettes/, made
against llama-cpp-python's server with Gemma 3 270M): for each seed, the prompt tokens of
the first request (system message and article) and of every request the article took
(re-asks repeat the conversation). With --base-url it asks a live OpenAI-compatible server
instead, one request per seed with max_tokens=1, for the prompts as they are now.

    python benchmarks/bench_prompt_size.py [--base-url http://127.0.0.1:8765/v1 --model NAME]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet.models import Article  # noqa: E402
from factsheet.prompts import load_prompts  # noqa: E402
from tests.conftest import load_cassette_yaml  # noqa: E402

CASSETTES = ROOT / "cassettes" / "test_llm_cassettes"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TARGET = 2500


def _usages(path: Path) -> list[int]:
    cassette = load_cassette_yaml(path.read_text(encoding="utf-8"))
    out = []
    for interaction in cassette["interactions"]:
        response: Any = interaction["response"]
        parsed = response.get("parsed_body")  # the cassettes keep bodies as readable JSON
        if parsed is None:
            body = response.get("body") or {}
            try:
                parsed = json.loads(body.get("string") if isinstance(body, dict) else body)
            except (TypeError, ValueError):
                continue
        usage = (parsed or {}).get("usage") or {} if isinstance(parsed, dict) else {}
        if usage.get("prompt_tokens"):
            out.append(int(usage["prompt_tokens"]))
    return out


def recorded() -> list[tuple[str, int, int, int]]:
    rows = []
    for seed in SEEDS:
        found = sorted(
            CASSETTES.glob(f"test_recorded_answer_becomes_a_valid_extraction[[]{seed.stem}[]].yaml")
        )
        if not found:
            continue
        tokens = _usages(found[0])
        if tokens:
            rows.append((seed.stem[:3], tokens[0], sum(tokens), len(tokens)))
    return rows


def live(base_url: str, model: str) -> list[tuple[str, int, int, int]]:
    import httpx

    prompts = load_prompts()
    rows = []
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        article = Article(
            id=seed.stem[:3],
            path=str(seed),
            text=text,
            outlet=seed.stem,
            outlet_origin="filename",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
        )
        messages = [
            {"role": "system", "content": prompts.system_message()},
            {"role": "user", "content": prompts.user_message(article)},
        ]
        body = {"model": model, "messages": messages, "max_tokens": 1, "temperature": 0}
        reply = httpx.post(f"{base_url.rstrip('/')}/chat/completions", json=body, timeout=600).json()
        tokens = int(reply["usage"]["prompt_tokens"])
        rows.append((seed.stem[:3], tokens, tokens, 1))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url")
    parser.add_argument("--model", default="gemma-3-270m-q4_k_m")
    args = parser.parse_args(argv)
    rows = live(args.base_url, args.model) if args.base_url else recorded()
    where = (
        f"live server {args.base_url}" if args.base_url else f"recordings in {CASSETTES.relative_to(ROOT)}"
    )
    print(f"prompt tokens per seed article ({where}); target for the first request: under {TARGET}")
    print(f"{'seed':6} {'first request':>14} {'all requests':>13} {'requests':>9}")
    for seed, first, total, n in rows:
        mark = "" if first < TARGET else "  over the target"
        print(f"{seed:6} {first:>14,} {total:>13,} {n:>9}{mark}")
    if rows:
        firsts = [r[1] for r in rows]
        print(f"first request: {min(firsts):,} to {max(firsts):,} tokens")
    return 0


if __name__ == "__main__":
    sys.exit(main())
