"""factsheet: several articles about one strike in, one fact sheet with provenance out.

import factsheet
sheet = factsheet.make(["seeds/"])                 # FactSheet
one = factsheet.extract("seeds/002_....txt")        # Extraction
sheet = factsheet.merge([one, ...])                 # FactSheet, no model call
feed = factsheet.make_events(["feed/"])             # Feed: one sheet per strike, and what is in none
factsheet.write_events(feed, "events/")             # sheets, index.json, index.html, events.csv
"""

from factsheet._version import __version__
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

_PIPELINE = {
    "Progress",
    "extract",
    "get_extractor",
    "group",
    "make",
    "make_events",
    "merge",
    "prepare",
    "write_events",
}


def __getattr__(name: str) -> object:
    # The pipeline pulls in every stage (dateparser, openai...); models and errors alone stay light.
    if name in _PIPELINE:
        from factsheet import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'factsheet' has no attribute {name!r}")


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
    *sorted(_PIPELINE),
]
