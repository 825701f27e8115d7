"""A subcommand's standard output and error while it runs.

:func:`guarded` wraps standard output and error for one run
of a subcommand: a reader that closes standard output (``klu-rules plan | head -1``) ends
the output quietly while the run goes on to its exit status, and a notice
(:func:`announce`, the fall-back to the built-in committee) is written just before the
run's first line, so a run that ends in an error prints only its error line.
"""

from __future__ import annotations

import contextlib
import errno
import sys
from collections.abc import Iterator
from typing import Any, TextIO

__all__ = ["announce", "drop_notices", "guarded"]


class _Run:
    """What one run has written: its notices waiting, whether its reader closed the pipe."""

    def __init__(self, stderr: TextIO) -> None:
        self.stderr = stderr
        self.notices: list[str] = []
        self.closed = False

    def release(self) -> None:
        while self.notices:
            print(self.notices.pop(0), file=self.stderr)

    def broken(self, exc: OSError) -> None:
        """A write to standard output failed: a closed pipe ends the output, else raise."""
        if not (isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE):
            raise exc
        from klu_rules.io.output import output_error  # points standard output at devnull

        self.closed = True
        output_error(exc)


class _Stream:
    """Standard output or error during a run (see :func:`guarded`)."""

    def __init__(self, stream: Any, run: _Run, *, output: bool) -> None:
        self._stream, self._run, self._output = stream, run, output

    def write(self, text: Any) -> int:
        self._run.release()
        if self._output and self._run.closed:
            return len(text)
        try:
            return int(self._stream.write(text))
        except OSError as exc:
            if not self._output:
                raise
            self._run.broken(exc)
            return len(text)

    def flush(self) -> None:
        if self._output and self._run.closed:
            return
        try:
            self._stream.flush()
        except OSError as exc:
            if not self._output:
                raise
            self._run.broken(exc)

    @property
    def buffer(self) -> _Stream:
        return _Stream(self._stream.buffer, self._run, output=self._output)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


_RUNS: list[_Run] = []


def announce(text: str) -> None:
    """Write ``text`` to standard error before the run's first line (now, outside a run)."""
    if _RUNS:
        _RUNS[-1].notices.append(text)
    else:
        print(text, file=sys.stderr)


def drop_notices() -> None:
    """Forget the run's waiting notices: it ends with an error line alone."""
    if _RUNS:
        _RUNS[-1].notices.clear()


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """Within the block, standard output and error are those of one run (module docstring);
    the notices still waiting are written at its end."""
    run = _Run(sys.stderr)
    out, err = sys.stdout, sys.stderr
    sys.stdout = _Stream(out, run, output=True)
    sys.stderr = _Stream(err, run, output=False)
    _RUNS.append(run)
    try:
        yield
        run.release()
    finally:
        _RUNS.pop()
        sys.stdout, sys.stderr = out, err
