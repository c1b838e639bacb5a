"""factsheet: several articles about one strike in, one fact sheet with provenance out."""

from factsheet.errors import (
    ConfigError,
    FactsheetError,
    InputError,
    ModelError,
    ModelHTTPError,
    NotAStrikeError,
    UnexpectedModelBehavior,
    UserError,
)
from factsheet.models import *  # noqa: F403
from factsheet.models import __all__ as _model_names

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "FactsheetError",
    "InputError",
    "ModelError",
    "ModelHTTPError",
    "NotAStrikeError",
    "UnexpectedModelBehavior",
    "UserError",
    "__version__",
    *_model_names,
]
