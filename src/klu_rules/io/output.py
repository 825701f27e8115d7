"""Writing output files so that nothing a user had is lost.

:func:`write_file` writes a whole file or nothing: the bytes go to a new
file in the same folder, are flushed to the disk (``fsync``) and only then
take the old file's place in one step (``os.replace``). A full disk, a
file-size limit or a crash midway leaves the old file as it was. An output
that is one of the run's inputs (the same file, by name, link or inode) is
refused before anything is written. ``"-"`` is standard output.

:func:`write_folder` writes a set of files (``--split``'s one item per UID)
the same way: all of them into a new folder beside or inside the target
first, then moved into place; if one cannot be written, none is.

:func:`output_error` turns what the operating system says when standard
output fails (closed by the reader, ``BrokenPipeError``; the disk under it
full, ``ENOSPC``) into an error from the catalogue.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from klu_rules.core.errors import FileFormatError, KluRulesError
from klu_rules.core.files import STDOUT, os_reason
from klu_rules.core.messages import coded

__all__ = ["STDOUT", "output_error", "same_file", "write_file", "write_folder"]


_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when ``a`` and ``b`` are the same file: the same resolved path or the same inode."""
    try:
        if Path(a).resolve() == Path(b).resolve():
            return True
        return os.path.samefile(a, b)
    except (OSError, ValueError, RuntimeError):
        return False


def _refuse_inputs(target: Path, inputs: Iterable[str | Path]) -> None:
    for given in inputs:
        if same_file(target, given):
            raise coded(FileFormatError, "output_same_as_input", {}, path=target)


def _write_error(exc: OSError, path: Path) -> FileFormatError:
    if exc.errno in _FULL:
        return coded(FileFormatError, "output_disk_full", {}, path=path)
    return coded(FileFormatError, "output_cannot_write", os_reason(exc), path=path)


def output_error(exc: OSError) -> KluRulesError:
    """The catalogue's error for ``exc`` raised while writing to standard output.

    Standard output is pointed at ``os.devnull`` so that Python's own flush at
    exit does not fail a second time.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # pragma: no cover - no real stdout
        pass
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        return coded(KluRulesError, "output_closed", {})
    if exc.errno in _FULL:
        return coded(KluRulesError, "output_stdout_full", {})
    return coded(KluRulesError, "output_cannot_write", os_reason(exc))


def _new_file(folder: Path, name: str) -> tuple[int, Path]:
    """A new, empty file in ``folder`` (permissions as the umask says), opened for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = folder / f".{name}.{os.urandom(6).hex()}.tmp"
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:  # pragma: no cover - 48 random bits taken
            continue


def _write_new(folder: Path, name: str, data: bytes, mode: int | None) -> Path:
    """``data`` in a new file in ``folder``, on the disk when this returns; its path."""
    fd, temp = _new_file(folder, name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if mode is not None:
            os.chmod(temp, mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(fd)


def _mode(path: Path) -> tuple[bool, int | None]:
    """Whether ``path`` exists as something other than a regular file, and its permissions."""
    try:
        info = path.stat()
    except OSError:
        return False, None
    return not stat.S_ISREG(info.st_mode), stat.S_IMODE(info.st_mode)


def _write_special(target: Path, data: bytes) -> None:
    """Write to a device or a named pipe; a pipe nobody reads is an error, not a hang."""
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))  # ENXIO: no reader
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb", closefd=False) as file:
            file.write(data)
    finally:
        os.close(fd)


def write_file(path: str | Path, data: bytes, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``data`` to ``path`` whole or not at all; ``"-"`` is standard output.

    ``inputs`` are the files the run read: writing onto one is refused. An
    existing file keeps its permissions; a link is followed, so the file it
    points to is replaced. A device or pipe (``/dev/null``) is written directly.
    """
    if str(path) == STDOUT:
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        except OSError as exc:
            raise output_error(exc) from None
        return
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    _refuse_inputs(target, inputs)
    special, mode = _mode(target)
    try:
        if special and not target.is_dir():
            _write_special(target, data)
            return
        temp = _write_new(target.parent, target.name, data, mode)
        try:
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise _write_error(exc, target) from None
    _sync_folder(target.parent)


def write_folder(
    folder: str | Path, files: Mapping[str, bytes], *, inputs: Iterable[str | Path] = ()
) -> None:
    """Write ``files`` (name -> bytes) into ``folder``, all of them or none.

    A new folder is written under a temporary name beside it and renamed
    into place; into an existing folder the files are first written to a
    temporary folder inside it, then each moved into place (files of the same
    name are replaced, other files left alone). ``inputs`` as in :func:`write_file`.
    """
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise coded(FileFormatError, "output_not_folder", {}, path=target)
    inputs = tuple(inputs)
    for name in files:
        _refuse_inputs(target / name, inputs)
    new = not target.exists()
    try:
        if new:
            target.parent.mkdir(parents=True, exist_ok=True)
        stage = (target.parent if new else target) / f".{target.name}.{os.urandom(6).hex()}.tmp"
        stage.mkdir()
    except OSError as exc:
        raise _write_error(exc, target) from None
    try:
        for name, data in files.items():
            fd, temp = _new_file(stage, name)
            with os.fdopen(fd, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temp, stage / name)
        _sync_folder(stage)
        if new:
            try:
                stage.rename(target)
                stage = target
            except OSError:  # pragma: no cover - a race: the folder appeared meanwhile
                new = False
        if not new:
            for name in files:
                os.replace(stage / name, target / name)
    except OSError as exc:
        raise _write_error(exc, target) from None
    finally:
        if stage != target:
            shutil.rmtree(stage, ignore_errors=True)
    _sync_folder(target.parent if new else target)
