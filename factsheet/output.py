"""Writing results so that a crash or Ctrl-C never leaves a half-written or destroyed file.

`check_writable` runs before any work: a run over fifty articles with a paid model must not
find out at the end that `-o` names a folder that does not exist.
"""

from __future__ import annotations

import errno
import functools
import os
import tempfile
from pathlib import Path

from factsheet.errors import OutputError


def _folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _reason(exc: OSError) -> str:
    if exc.errno == errno.EROFS:
        return "read-only file system"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    return (exc.strerror or str(exc)).lower()


def _cannot_create(folder: Path, exc: OSError) -> str:
    return f"cannot be written: cannot create files in {folder} ({_reason(exc)})"


def check_writable(path: Path | str) -> None:
    """Raise OutputError naming `path` if a result could not be written there; leave nothing behind.

    Tries what the real write will do: create a temporary file in the target folder (the atomic
    write needs that, and it is the only reliable test: permissions, read-only mounts and
    pseudo file systems like /proc all fail it) and, for an existing file, open it for append,
    which truncates nothing. A file the user made read-only is respected even though the
    rename would replace it.
    """
    path = Path(path)
    folder = _folder_of(path)
    if path.is_dir():
        raise OutputError(path, "is a folder; give a file name, e.g. event.json")
    if not folder.exists():
        raise OutputError(path, f"cannot be written: the folder {folder} does not exist")
    if not folder.is_dir():
        raise OutputError(path, f"cannot be written: {folder} is not a folder")
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=folder)
    except OSError as exc:
        raise OutputError(path, _cannot_create(folder, exc)) from exc
    os.close(fd)
    Path(probe).unlink(missing_ok=True)
    if path.exists():
        try:
            with path.open("a", encoding="utf-8"):
                pass
        except OSError as exc:
            problem = f"cannot be written: the existing file cannot be replaced ({_reason(exc)})"
            raise OutputError(path, problem) from exc


def write_text_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename over it (atomic on POSIX)."""
    path = Path(path)
    directory = _folder_of(path)
    if not directory.is_dir():
        raise OutputError(path, f"cannot be written: the folder {directory} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(path, _cannot_create(directory, exc)) from exc
    try:
        # mkstemp makes the file private (0600); the result should get the usual permissions.
        os.fchmod(fd, _default_mode())
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(path, f"cannot be written ({_reason(exc)})") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@functools.cache
def _default_mode() -> int:
    # Reading the umask means setting it; do it once, not from worker threads mid-run.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
