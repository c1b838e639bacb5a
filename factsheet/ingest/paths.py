"""Turn the user's files and folders into the list of article files to read.

Folders are walked in sorted order so two runs over the same tree read the same articles
in the same order (source ids and vote tie-breaks depend on it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from factsheet.errors import InputError

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}
)


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _walk(folder: Path, seen_dirs: set[Path]) -> Iterator[Path]:
    """Depth-first, sorted; a directory reached twice (symlink loop or alias) is walked once."""
    try:
        real = folder.resolve(strict=True)
    except (OSError, RuntimeError):  # broken link or a loop the OS gave up on
        return
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=True):
                yield from _walk(child, seen_dirs)
            elif entry.is_file(follow_symlinks=True) and is_supported(child):
                yield child
        except OSError:
            continue


def collect_paths(inputs: Sequence[str | Path]) -> list[Path]:
    """Files as given, folders expanded; each file once even if reached by two routes.

    A named file is read whatever its name (the user asked for it), but must have a suffix
    we can parse; hidden files are skipped only inside folders.
    """
    found: list[Path] = []
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
            raise InputError(path, "no such file or folder")
        if path.is_dir():
            walked_before = path.resolve() in seen_dirs
            files = list(_walk(path, seen_dirs))
            if not files and not walked_before:
                suffixes = ", ".join(sorted(SUPPORTED_SUFFIXES))
                raise InputError(path, f"folder holds no article files ({suffixes})")
            for f in files:
                add(f)
        elif is_supported(path):
            add(path)
        else:
            suffixes = ", ".join(sorted(SUPPORTED_SUFFIXES))
            raise InputError(path, f"unsupported file type {path.suffix or '(none)'!r}; expected {suffixes}")
    return found
