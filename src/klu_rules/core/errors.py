"""The exceptions klu_rules raises.

Every exception derives from :class:`KluRulesError`. Where the cause is a bad
value, the exception also derives from :class:`ValueError`, so callers that
already catch ``ValueError`` keep working. Messages say what was wrong and how
to fix it; they are written from the text catalogues by
:func:`klu_rules.core.messages.coded` (this module sits below the catalogue).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "MESSAGE_LIMIT",
    "AmbiguousLocalTimeError",
    "DuplicateMemberError",
    "FileFormatError",
    "InvalidIntervalError",
    "InvalidRuleSetError",
    "InvalidValueError",
    "KluRulesError",
    "NaiveDatetimeError",
    "NoRulesInForceError",
    "NonexistentLocalTimeError",
    "NotADoctorMemberError",
    "UnknownRuleSetError",
    "UnsupportedLanguageError",
    "shorten",
]


class KluRulesError(Exception):
    """Base class of every error raised by klu_rules.

    An error written from the text catalogues carries its ``text_key`` (under
    ``error.``) and ``text_parameters``, so that
    :func:`klu_rules.core.messages.error_text` can write it in Danish or
    English; ``str(error)`` is the English text.
    """

    text_key: str | None = None
    text_parameters: Mapping[str, object] = MappingProxyType({})

    def __str__(self) -> str:
        return shorten(super().__str__())


MESSAGE_LIMIT = 500
"""No error message is longer than this many characters (a bad value is quoted in part)."""


def shorten(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text``, cut to ``limit`` characters with ``...`` at the end."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


class InvalidValueError(KluRulesError, ValueError):
    """A value given to klu_rules is not acceptable."""


class UnsupportedLanguageError(InvalidValueError):
    """A language klu_rules does not write was asked for."""


class NaiveDatetimeError(InvalidValueError):
    """A datetime without a time zone reached the Python API."""


class InvalidIntervalError(InvalidValueError):
    """An interval ends before it starts."""


class NonexistentLocalTimeError(InvalidValueError):
    """A local wall-clock time that is skipped by a daylight-saving change."""


class AmbiguousLocalTimeError(InvalidValueError):
    """A local wall-clock time that occurs twice around a daylight-saving change."""


class DuplicateMemberError(InvalidValueError):
    """The same person appears twice where each may appear once."""


class NotADoctorMemberError(InvalidValueError):
    """A substitute was named for someone who holds no doctor seat."""


class InvalidRuleSetError(InvalidValueError):
    """A rule set's data is inconsistent or incomplete."""


class UnknownRuleSetError(KluRulesError, LookupError):
    """A rule set was asked for by a name klu_rules does not know."""


class NoRulesInForceError(KluRulesError, LookupError):
    """No rule of the asked kind was in force on the date in question."""


class FileFormatError(InvalidValueError):
    """A file (committee, rule set, meeting record, iCalendar) is malformed.

    ``path``, ``key`` and ``line`` say where, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        key: str | None = None,
        line: int | None = None,
    ) -> None:
        self.path = None if path is None else str(path)
        self.key = key
        self.line = line
        self.detail = message
        where = []
        if self.path is not None:
            where.append(self.path + (f":{line}" if line is not None else ""))
        elif line is not None:
            where.append(f"line {line}")
        if key is not None:
            where.append(f"key '{key}'")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)
