"""Writing results so that a crash or Ctrl-C never leaves a half-written or destroyed file."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

from factsheet.errors import UserError


def write_text_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename over it (atomic on POSIX)."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UserError(f"{path}: the folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        # mkstemp makes the file private (0600); the result should get the usual permissions.
        os.fchmod(fd, _default_mode())
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@functools.cache
def _default_mode() -> int:
    # Reading the umask means setting it; do it once, not from worker threads mid-run.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
