"""What a run's model requests cost, from a price per million tokens.

Prices come, in this order, from explicit arguments (--price-in / --price-out), from
FACTSHEET_PRICE_IN / FACTSHEET_PRICE_OUT, and last from a small built-in table of OpenAI
list prices. The table is only used for OpenAI's own endpoint: a local server that calls
its model "gpt-4o-mini" costs nothing per token, and an unknown price stays unknown (null)
rather than being guessed. Costs are estimates: discounts for cached prompt tokens are not
counted, so the figure is an upper bound of the invoice.

Requests sent through a Batch API (`make --batch`) are priced with `batch_prices`: OpenAI
bills them at half its list price. Elsewhere the discount is whatever the provider says, so
it is taken from FACTSHEET_BATCH_PRICE_FACTOR (the fraction of the live price a batch request
costs) and otherwise assumed to be none: an upper bound again, never a guess downwards.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from factsheet.errors import ConfigError
from factsheet.models import Usage

# USD per million tokens (input, output), OpenAI standard tier as listed on
# https://openai.com/api/pricing in May 2025. Dated on purpose: prices change, check them.
OPENAI_PRICES_DATE = "2025-05"
OPENAI_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "o4-mini": (1.10, 4.40),
    "gpt-3.5-turbo": (0.50, 1.50),
}


# OpenAI's Batch API: "50% cost discount compared to synchronous APIs" (platform docs, 2025).
OPENAI_BATCH_FACTOR = 0.5


@dataclass(frozen=True)
class Prices:
    """USD per million input (prompt) and output (completion) tokens, and where they came from."""

    input_per_million: float
    output_per_million: float
    source: str

    def cost(self, usage: Usage) -> float:
        spent = (
            usage.prompt_tokens * self.input_per_million + usage.completion_tokens * self.output_per_million
        )
        return round(spent / 1_000_000, 6)


def _table_price(model: str) -> tuple[float, float] | None:
    """Exact names and their dated snapshots ('gpt-4o-2024-08-06'), never a prefix of another model."""
    for name, price in OPENAI_PRICES.items():
        if model == name or (model.startswith(name + "-") and model[len(name) + 1 :][:2] == "20"):
            return price
    return None


def _number(value: str | float | None, name: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(
            f"{name} must be a number of US dollars per million tokens, not {value!r}"
        ) from None
    if number < 0:
        raise ConfigError(f"{name} cannot be negative ({number:g})")
    return number


def resolve_prices(
    model: str | None,
    *,
    openai_endpoint: bool,
    price_in: float | None = None,
    price_out: float | None = None,
    env: Mapping[str, str] | None = None,
) -> Prices | None:
    """Prices for this model, or None when nothing says what it costs."""
    env = os.environ if env is None else env
    explicit = (_number(price_in, "--price-in"), _number(price_out, "--price-out"))
    if explicit != (None, None):
        return _pair(explicit, "--price-in / --price-out", "--price-in", "--price-out")
    from_env = (
        _number(env.get("FACTSHEET_PRICE_IN"), "FACTSHEET_PRICE_IN"),
        _number(env.get("FACTSHEET_PRICE_OUT"), "FACTSHEET_PRICE_OUT"),
    )
    if from_env != (None, None):
        return _pair(from_env, "environment", "FACTSHEET_PRICE_IN", "FACTSHEET_PRICE_OUT")
    if openai_endpoint and model:
        price = _table_price(model)
        if price is not None:
            return Prices(*price, source=f"OpenAI list price for {model} as of {OPENAI_PRICES_DATE}")
    return None


def _pair(pair: tuple[float | None, float | None], source: str, in_name: str, out_name: str) -> Prices:
    price_in, price_out = pair
    if price_in is None or price_out is None:
        missing = in_name if price_in is None else out_name
        raise ConfigError(f"Give both input and output prices: {missing} is missing ({source}).")
    return Prices(price_in, price_out, source=source)


def prices_for(
    extractor: Any,
    price_in: float | None = None,
    price_out: float | None = None,
    env: Mapping[str, str] | None = None,
) -> Prices | None:
    """Prices for whatever model an extractor calls; extractors without a model have none by default."""
    settings = getattr(extractor, "settings", None)
    return resolve_prices(
        getattr(settings, "model", None),
        openai_endpoint=bool(getattr(settings, "is_openai", False)),
        price_in=price_in,
        price_out=price_out,
        env=env,
    )


def batch_prices(
    prices: Prices | None, *, openai_endpoint: bool, env: Mapping[str, str] | None = None
) -> Prices | None:
    """What the same requests cost through the endpoint's Batch API; None when the live price is unknown.

    `prices` are the live prices (the table's, or --price-in / --price-out). The factor is
    FACTSHEET_BATCH_PRICE_FACTOR when set, else OpenAI's 50% on its own endpoint, else 1.
    """
    if prices is None:
        return None
    env = os.environ if env is None else env
    text = (env.get("FACTSHEET_BATCH_PRICE_FACTOR") or "").strip()
    if text:
        try:
            factor = float(text)
        except ValueError:
            factor = -1.0
        if not 0 <= factor <= 1:
            raise ConfigError(
                "FACTSHEET_BATCH_PRICE_FACTOR is the fraction of the live price a batch request costs "
                f"(0.5 for half price), from 0 to 1, not {text!r}"
            )
        why = "FACTSHEET_BATCH_PRICE_FACTOR"
    elif openai_endpoint:
        factor, why = OPENAI_BATCH_FACTOR, "OpenAI's Batch API discount"
    else:
        return Prices(
            prices.input_per_million,
            prices.output_per_million,
            source=f"{prices.source}; Batch API at the live price (no discount known for this endpoint)",
        )
    return Prices(
        round(prices.input_per_million * factor, 6),
        round(prices.output_per_million * factor, 6),
        source=f"{prices.source}; Batch API at {factor:.0%} of it ({why})",
    )
