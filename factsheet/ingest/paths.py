"""Turn the user's files and folders into the list of article files to read.

Folders are walked in sorted order so two runs over the same tree read the same articles
in the same order (source ids and vote tie-breaks depend on it).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from factsheet.errors import InputError

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".pdf"}
)


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _walk(folder: Path, seen_dirs: set[Path]) -> Iterator[Path | InputError]:
    """Depth-first, sorted; a directory reached twice (symlink loop or alias) is walked once.

    What cannot be used is yielded as an InputError naming it (a folder that cannot be listed,
    a link to nowhere) rather than skipped in silence: a user who finds an article missing
    from the sheet should find the reason in the failures.
    """
    try:
        real = folder.resolve(strict=True)
    except (OSError, RuntimeError):  # broken link or a loop the OS gave up on
        yield InputError(folder, _link_problem(folder))
        return
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except PermissionError:
        yield InputError(folder, "folder cannot be listed: permission denied")
        return
    except OSError as exc:
        yield InputError(folder, f"folder cannot be listed: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=True):
                yield from _walk(child, seen_dirs)
            elif entry.is_file(follow_symlinks=True):
                if is_supported(child):
                    yield child
            elif entry.is_symlink() and is_supported(child):
                yield InputError(child, _link_problem(child))
        except OSError as exc:
            if entry.is_symlink():
                yield InputError(child, _link_problem(child))
            else:
                yield InputError(child, f"cannot be read: {exc.strerror or exc}")


def _link_problem(path: Path) -> str:
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link that loops back on itself"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return f"is a broken symbolic link (to {os.readlink(path)})"
        return f"cannot be read: {exc.strerror or exc}"
    except RuntimeError:
        return "is a symbolic link that loops back on itself"
    return "cannot be read"


def find_paths(inputs: Sequence[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Files as given, folders expanded, each file once even if reached by two routes; and
    InputErrors for what inside the folders could not be used.

    A named file is read whatever its name (the user asked for it), but must have a suffix
    we can parse; hidden files are skipped only inside folders. A named input that cannot
    be used at all raises, since the command line itself is wrong.
    """
    found: list[Path] = []
    problems: list[InputError] = []
    seen_files: set[Path] = set()
    seen_dirs: set[Path] = set()

    def add(path: Path) -> None:
        real = path.resolve()
        if real not in seen_files:
            seen_files.add(real)
            found.append(path)

    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            if path.is_symlink():
                raise InputError(path, _link_problem(path))
            raise InputError(path, "no such file or folder")
        if path.is_dir():
            walked_before = path.resolve() in seen_dirs
            files: list[Path] = []
            for item in _walk(path, seen_dirs):
                if isinstance(item, InputError):
                    problems.append(item)
                else:
                    files.append(item)
            if not files and not walked_before:
                if problems and problems[-1].path == str(path):
                    raise problems.pop()
                suffixes = ", ".join(sorted(SUPPORTED_SUFFIXES))
                raise InputError(path, f"folder holds no article files ({suffixes})")
            for f in files:
                add(f)
        elif is_supported(path):
            add(path)
        else:
            suffixes = ", ".join(sorted(SUPPORTED_SUFFIXES))
            raise InputError(path, f"unsupported file type {path.suffix or '(none)'!r}; expected {suffixes}")
    return found, problems


def collect_paths(inputs: Sequence[str | Path]) -> list[Path]:
    """The article files of `find_paths`, for callers that do not report what was skipped."""
    return find_paths(inputs)[0]
