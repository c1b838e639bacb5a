"""Typed errors, split by whose fault a failure is.

The CLI maps each branch to its own exit code and message, so a user knows whether to fix
their command, their files, their configuration, or to blame (and retry) the model.
"""

from __future__ import annotations

from pathlib import Path


class FactsheetError(Exception):
    """Root of every error the library raises on purpose."""


class UserError(FactsheetError):
    """Something the user can fix: a wrong option, a missing setting, a bad file."""


class ConfigError(UserError):
    """No usable model configuration; the message names the variable or option to set."""


class InputError(UserError):
    """An input file cannot be used as an article. Always names the file."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class OutputError(UserError):
    """The result cannot be written where the user asked. Always names the path.

    Checked before any article is read, so a typo in `-o` costs nothing; raised again if the
    write itself fails at the end (disk full, folder removed mid-run).
    """

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class NotAStrikeError(InputError):
    """The article reports no military strike; merging it would invent one."""


class ModelError(FactsheetError):
    """The model endpoint failed us after every retry the policy allows."""


class ModelHTTPError(ModelError):
    """The endpoint answered with an HTTP error, or did not answer at all."""

    def __init__(self, message: str, status_code: int | None = None) -> None:
        self.status_code = status_code
        super().__init__(message)


class UnexpectedModelBehavior(ModelError):
    """The endpoint answered, but never with something that validates against the schema."""
