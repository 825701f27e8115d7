"""Reading input files: the one way every loader and the command line read a file.

:func:`read_input` reads a whole file as bytes, bounded: a file larger than
the read limit (:data:`DEFAULT_READ_LIMIT`, 10 MiB, far beyond any real
committee, rule-set or calendar file) is refused rather than read, and so is
anything that is not a regular file (a folder, a named pipe that would block
for ever, a device such as ``/dev/zero`` that never ends). A host that needs
more sets its own limit for a block of code, in its own thread or task only::

    with read_limit(50 * 1024 * 1024):
        committee = load_committee(path)

:func:`read_input_text` decodes UTF-8 as well. :func:`reading` maps what
Python itself raises on hostile content (an integer of more than 4,300
digits, nesting past the recursion limit, a CSV field over 128 KiB, a date
past the year 9999) to a :class:`~klu_rules.core.errors.FileFormatError`
naming the file. :func:`~klu_rules.core.messages.excerpt` shows a bad value in a message: at
most 60 characters of it, whatever its size.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import stat
import sys
from _csv import Error as CsvError  # csv.Error itself, without csv.py's dialects
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from klu_rules.core.errors import MESSAGE_LIMIT, FileFormatError, InvalidValueError, KluRulesError
from klu_rules.core.messages import coded, excerpt

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "DEFAULT_READ_LIMIT",
    "MESSAGE_LIMIT",
    "STDIN",
    "check_path",
    "excerpt",
    "file_kind",
    "read_input",
    "read_input_text",
    "read_limit",
    "reading",
    "referenced_file",
    "supported_moment",
]

DEFAULT_READ_LIMIT = 10 * 1024 * 1024
"""The largest input file read, in bytes (10 MiB), unless :func:`read_limit` says otherwise."""

_LIMIT: contextvars.ContextVar[int] = contextvars.ContextVar(
    "klu_rules_read_limit", default=DEFAULT_READ_LIMIT
)
_CHUNK = 1024 * 1024
_DIGITS = re.compile(r"\d[\d_]{4299,}")


@contextlib.contextmanager
def read_limit(limit: int) -> Iterator[int]:
    """Within the block, read input files of up to ``limit`` bytes (this thread or task only)."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise coded(FileFormatError, "files_bad_limit", {"got": excerpt(limit)})
    token = _LIMIT.set(limit)
    try:
        yield limit
    finally:
        _LIMIT.reset(token)


def file_kind(mode: int) -> str:
    """What a non-regular file is: ``directory``, ``fifo``, ``device``, ``socket`` or ``other``."""
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def os_reason(exc: OSError) -> dict[str, str]:
    """The parameters of ``{reason:label.os_error}``: the reason of ``exc`` in the catalogue's
    words where it has them (a missing file, a denied access, a folder), else the system's
    own text as ``detail``."""
    reason = {2: "ENOENT", 13: "EACCES", 21: "EISDIR"}.get(exc.errno or 0, "other")
    return {"reason": reason, "detail": excerpt(str(exc.strerror or exc), 120).strip("'\"")}


def _cannot_read(path: str | Path, exc: OSError) -> FileFormatError:
    return coded(FileFormatError, "cannot_read", os_reason(exc), path=path)


STDIN = "-"
"""The name that reads standard input wherever a file is read (``--committee -``)."""

STDOUT = "-"
"""The name that writes standard output wherever a file is written (``-o -``)."""


def _read_stdin(most: int) -> bytes:
    try:
        data = sys.stdin.buffer.read(most + 1)
    except (OSError, AttributeError, ValueError) as exc:  # closed, or no binary stdin
        raise coded(
            FileFormatError, "cannot_read", {"reason": "other", "detail": excerpt(str(exc))}
        ) from None
    if len(data) > most:
        raise coded(FileFormatError, "files_too_large", {"limit": most}, path=STDIN)
    return data


def check_path(path: object) -> None:
    """Refuse what is not a path (None, a number) or is an empty one, as InvalidValueError."""
    if not isinstance(path, str | os.PathLike):
        raise coded(InvalidValueError, "files_path_type", {"value": excerpt(path)})
    if not str(path).strip():
        raise coded(InvalidValueError, "files_empty_path", {})


def read_input(path: str | Path, *, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` (default: :func:`read_limit`).

    A folder, a named pipe, a device or a socket is refused without reading
    from it (opening never blocks); so is a file larger than the limit.
    Every problem is a :class:`~klu_rules.core.errors.FileFormatError` naming ``path``.
    The text ``"-"`` (:data:`STDIN`, the command line's convention) reads standard
    input, bounded the same way; a :class:`~pathlib.Path` named ``-`` is a file.
    """
    check_path(path)
    most = _LIMIT.get() if limit is None else limit
    if isinstance(path, str) and path == STDIN:
        return _read_stdin(most)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _cannot_read(path, exc) from None
    except ValueError:  # a NUL byte in the path
        raise coded(FileFormatError, "files_bad_path", {"path": excerpt(str(path))}) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise coded(
                FileFormatError, "files_not_regular", {"kind": file_kind(info.st_mode)}, path=path
            )
        if info.st_size > most:
            raise coded(FileFormatError, "files_too_large", {"limit": most}, path=path)
        chunks: list[bytes] = []
        size = 0
        while True:  # the file may grow while it is read: stop past the limit
            chunk = os.read(fd, min(_CHUNK, most + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > most:
                raise coded(FileFormatError, "files_too_large", {"limit": most}, path=path)
        return b"".join(chunks)
    except OSError as exc:
        raise _cannot_read(path, exc) from None
    finally:
        os.close(fd)


def read_input_text(path: str | Path, *, limit: int | None = None) -> str:
    """The text of the UTF-8 file ``path`` (a byte-order mark is dropped), bounded as
    :func:`read_input`; bytes that are not UTF-8 are a FileFormatError naming the file."""
    raw = read_input(path, limit=limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise coded(FileFormatError, "not_utf8", {"byte": exc.start}, path=path) from None


def referenced_file(
    base: str | Path | None, given: str, key: str, *, allow_outside: bool = False
) -> Path:
    """The file a file refers to (``rules_file``, ``committee_file``), read relative to ``base``.

    ``base`` is the folder of the referring file (``None``: the current
    folder). Unless ``allow_outside``, an absolute path and a path that leads
    out of ``base`` (``..``, a link pointing elsewhere) are refused, so that a
    file from elsewhere (an upload) cannot make klu_rules read, or tell the
    existence of, any other file. The errors (:class:`InvalidValueError`, for
    the caller to locate) name the reference as written, never a file's
    content; ``key`` is the referring key.
    """
    from pathlib import Path  # only when a file names another: not at start-up

    shown = excerpt(given, 120)
    reference = Path(given)
    if reference.is_absolute() and not allow_outside:
        raise coded(InvalidValueError, "files_reference_absolute", {"key": key, "given": shown})
    folder = Path.cwd() if base is None else Path(base)
    full = reference if reference.is_absolute() else folder / reference
    if not allow_outside:
        try:
            inside = full.resolve().is_relative_to(folder.resolve())
        except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL byte
            inside = False
        if not inside:
            raise coded(InvalidValueError, "files_reference_outside", {"key": key, "given": shown})
    try:
        exists = full.exists()
    except (OSError, ValueError):
        exists = False
    if not exists:
        raise coded(InvalidValueError, "files_reference_missing", {"key": key, "given": shown})
    return full


YEARS = range(1900, 2201)
"""The years a date or time given to klu_rules may lie in (those of the working-day calendar)."""


def supported_moment(value: datetime, what: str) -> datetime:
    """``value`` if it lies in :data:`YEARS`, both where it is given and in UTC, else an error.

    ``what`` names the value in the message (``"--stamp"``, ``"stamp"``).
    """
    try:
        years = {value.year, value.astimezone(UTC).year}
    except OverflowError:
        years = {0}
    if not all(year in YEARS for year in years):
        given = excerpt(value.isoformat()).strip("'")
        raise coded(InvalidValueError, "range_moment", {"what": what, "given": given})
    return value


def _line_of_huge_number(text: str | None) -> int | None:
    found = None if text is None else _DIGITS.search(text)
    return None if found is None or text is None else text.count("\n", 0, found.start()) + 1


@contextlib.contextmanager
def reading(path: str | Path | None, text: str | None = None) -> Iterator[None]:
    """Map what Python raises on hostile input inside the block to a FileFormatError at ``path``.

    A :class:`KluRulesError` passes unchanged. ``text``, when given, is
    searched for the line of an over-long number.
    """
    try:
        yield
    except KluRulesError:
        raise
    except RecursionError:
        raise coded(FileFormatError, "files_too_deep", {}, path=path) from None
    except CsvError as exc:
        detail = excerpt(str(exc), 120).strip("'\"")
        raise coded(FileFormatError, "files_bad_csv", {"detail": detail}, path=path) from None
    except OverflowError:
        raise coded(FileFormatError, "files_out_of_range", {}, path=path) from None
    except MemoryError:
        raise coded(
            FileFormatError, "files_too_large", {"limit": _LIMIT.get()}, path=path
        ) from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):
            line = _line_of_huge_number(text)
            raise coded(
                FileFormatError, "files_number_too_long", {}, path=path, line=line
            ) from None
        detail = excerpt(str(exc), 120).strip("'\"")
        raise coded(FileFormatError, "files_bad_value", {"detail": detail}, path=path) from None
