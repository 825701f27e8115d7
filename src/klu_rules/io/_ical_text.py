"""Values checked before they are written to iCalendar, so that every export reads back.

Private to :mod:`klu_rules.io.ical`; this module does not import icalendar.
A name, title or place is one line, as the model keeps it, so that an export
always reads back: a line break or another control character (a tab aside)
is refused, as are an e-mail address or a
URL with white space or control characters and a revision that does not fit
``SEQUENCE`` (a 32-bit integer, RFC 5545).
"""

from __future__ import annotations

import re

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt

SEQUENCE_MAX = 2**31 - 1
"""The largest ``SEQUENCE`` (RFC 5545 ``INTEGER``), so the largest revision exported."""

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_ADDRESS = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+|webcal://[^\s\x00-\x1f\x7f]+")


def check_text(value: str | None, field: str, subject: str = "") -> str | None:
    """``value`` if it is one line without control characters (a tab aside); ``field`` is a
    key of ``ical_field``."""
    if value is None:
        return None
    found = _CONTROL.search(value)
    if found is not None:
        raise coded(
            InvalidValueError,
            "ical_control_character",
            {"field": field, "subject": subject, "char": f"U+{ord(found.group()):04X}"},
        )
    return value


def check_address(value: object, field: str, subject: str = "") -> str:
    """An e-mail address (``mailto:`` allowed) without white space or control characters."""
    text = value.removeprefix("mailto:") if isinstance(value, str) else None
    if text is None or not _ADDRESS.fullmatch(text):
        shown = excerpt(value)
        raise coded(
            InvalidValueError, "ical_address", {"field": field, "subject": subject, "got": shown}
        )
    return text


def check_url(value: object) -> str:
    """An ``http(s)://`` or ``webcal://`` URL without white space or control characters."""
    if not isinstance(value, str) or not _URL.fullmatch(value):
        shown = excerpt(value)
        raise coded(InvalidValueError, "ical_url", {"got": shown})
    return value


def check_revision(revision: int, meeting_id: str) -> int:
    """A revision that ``SEQUENCE`` can hold (0 to 2^31 - 1)."""
    if revision > SEQUENCE_MAX:
        raise coded(
            InvalidValueError,
            "ical_revision",
            {"meeting": meeting_id, "got": revision, "high": SEQUENCE_MAX},
        )
    return revision


_REPOSITORY_PATH = re.compile(r" ?\((?:docs|src)/[^()\s]*\)")
"""A reference to a file of the project's repository, ``(docs/rules-2027.md)``."""


def for_subscribers(text: str) -> str:
    """``text`` without references to the project's files, which a subscriber cannot open."""
    return _REPOSITORY_PATH.sub("", text)
