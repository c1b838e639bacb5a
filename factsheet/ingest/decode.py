"""Bytes to text, for files saved by browsers, Word, Notepad and scrapers alike.

Order matters: a BOM is proof, UTF-8 that decodes strictly is almost certainly UTF-8,
and only then do we guess. Windows-1252 is the usual guess for Western news text (its
curly quotes are what breaks naive latin-1 readers); charset detection is consulted when
cp1252 yields something that is plainly not Western text (Cyrillic or Arabic code pages).
"""

from __future__ import annotations

import codecs
import errno
import re
import stat
import unicodedata
from pathlib import Path

from factsheet.errors import InputError
from factsheet.ingest.limits import max_file_bytes, too_big

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
# Share of control characters above which decoded bytes are not prose but some binary format.
_MAX_CONTROL_SHARE = 0.02


def _bom(data: bytes) -> tuple[str, bytes] | None:
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding, data[len(mark) :]
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has a NUL in every other byte; binary files do not."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    if odd.count(0) > 0.4 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.4 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_western(text: str) -> bool:
    """cp1252 decodes anything; Cyrillic in cp1251 comes out as runs of accented Latin letters."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    non_ascii = sum(1 for c in letters if ord(c) > 127)
    return non_ascii <= 0.3 * len(letters)


def _declared_html_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _detected(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: cp1252 / latin-1 still read every Western file
        return None
    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def _decode_guess(data: bytes, html: bool) -> str:
    declared = _declared_html_charset(data) if html else None
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_western(text):
        return text
    detected = _detected(data)
    if detected:
        try:
            return data.decode(detected)
        except (UnicodeDecodeError, LookupError):
            pass
    return text if text is not None else data.decode("latin-1")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    return controls / len(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(path: Path, data: bytes, *, html: bool = False) -> str:
    """The file's text with newlines as '\\n'; otherwise exactly the characters it holds."""
    if not data.strip():
        raise InputError(path, "file is empty")
    bom = _bom(data)
    if bom is not None:
        encoding, body = bom
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"starts with a {encoding} byte-order mark but is not {encoding}") from exc
    elif b"\x00" in data:
        encoding16 = _utf16_without_bom(data)
        try:
            text = data.decode(encoding16) if encoding16 else ""
        except UnicodeDecodeError:
            text = ""
        if not text:
            raise InputError(path, "binary file (contains NUL bytes), not text, HTML or JSON")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_guess(data, html)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(path, "binary file (undecodable control bytes), not text, HTML or JSON")
    if not text.strip():
        raise InputError(path, "file is empty")
    return normalise_newlines(text)


def _read_bounded(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing from the size on disk before reading, and reading no more than allowed.

    The stat comes first so a pipe or device named like an article is refused instead of
    blocking the run (opening a FIFO waits for a writer) or reading forever (/dev/zero).
    """
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "is not a regular file (a pipe, socket or device), not an article")
    if info.st_size > limit:
        raise InputError(path, too_big(info.st_size, limit))
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while we looked
        raise InputError(path, too_big(None, limit))
    return data


def read_bytes(path: Path) -> bytes:
    """The file's bytes within its format's size limit; every OS failure as an InputError naming it."""
    try:
        return _read_bounded(path, max_file_bytes(path))
    except IsADirectoryError as exc:
        raise InputError(path, "is a folder, not a file") from exc
    except PermissionError as exc:
        raise InputError(path, "cannot be read: permission denied (check the file's permissions)") from exc
    except FileNotFoundError as exc:
        problem = "is a broken symbolic link" if path.is_symlink() else "no such file"
        raise InputError(path, problem) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "is a symbolic link that loops back on itself") from exc
        raise InputError(path, f"cannot be read: {exc.strerror or exc}") from exc


def read_text(path: Path, *, html: bool = False) -> str:
    return decode(path, read_bytes(path), html=html)
