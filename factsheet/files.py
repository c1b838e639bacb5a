"""Reading the project's own JSON files back (extractions, sheets, gold files) with errors that name them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from factsheet.errors import InputError

M = TypeVar("M", bound=BaseModel)


def problems(exc: ValidationError) -> str:
    """Every bad field by its path ('event.killed: ...'), so a hand-edited file can be fixed."""
    lines = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        message = err["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {message}")
    return "; ".join(lines)


def load_model(path: Path | str, model: type[M], what: str) -> M:
    """Read `path` as JSON and validate it as `model`; InputError names the file and the problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(path, f"not JSON: {exc}") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(path, f"not {what}: {problems(exc)}") from exc
