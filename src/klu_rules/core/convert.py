"""Small attrs validators and converters shared by the domain types."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, TypeVar

import attrs

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.timeutil import require_aware

T = TypeVar("T")

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _where(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def identifier(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A stable id: letters, digits, '.', '_', ':', '-', starting with a letter or digit."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InvalidValueError(
            f"{_where(instance, attribute)} must be a stable id of letters, digits, "
            f"'.', '_', ':' or '-' (e.g. 'mette-bolvig-poulsen'), got {value!r}"
        )


def optional_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: None or a stable id (:func:`identifier`)."""
    if value is not None:
        identifier(instance, attribute, value)


def text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: text, possibly empty."""
    if not isinstance(value, str):
        raise InvalidValueError(
            f"{_where(instance, attribute)} must be text (possibly empty), got {value!r}"
        )


def lines(instance: object, attribute: attrs.Attribute[Any], value: Iterable[str]) -> None:
    """attrs validator: each item one non-empty line of text (``topics`` -> "each topic")."""
    for line in value:
        if not line.strip() or "\n" in line or "\r" in line:
            raise InvalidValueError(
                f"each {attribute.name.removesuffix('s')} must be one non-empty line of text, "
                f"got {line!r}; give several {attribute.name} as separate items"
            )


def whole_number(minimum: int = 0, maximum: int | None = None) -> Validator:
    """An attrs validator: a whole number (not a bool) from ``minimum`` to ``maximum``."""
    wanted = f">= {minimum}" if maximum is None else f"{minimum}..{maximum}"

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or value < minimum
            or (maximum is not None and value > maximum)
        ):
            raise InvalidValueError(
                f"{_where(instance, attribute)} must be a whole number {wanted}, got {value!r}"
            )

    return check


# Control characters other than tab and line feed (a carriage return only before a line feed):
# they break every output the text reaches (iCalendar, Markdown, HTML, TOML).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]|\r(?!\n)")
_LINE_BREAK = re.compile(r"[\r\n]")


def _shown(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: str, line: bool) -> None:
    where = _where(instance, attribute)
    bad = (_LINE_BREAK if line else _CONTROL).search(value) or _CONTROL.search(value)
    if bad is not None:
        kind = "a line break" if bad.group() in "\r\n" else f"the control character {bad.group()!r}"
        raise InvalidValueError(
            f"{where} must not contain {kind} (at position {bad.start()}), got {_shown(value)}; "
            + ("write it on one line" if line else "remove it")
        )


def nonempty_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: text with something in it, no control characters but tab and newline."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(
            f"{_where(instance, attribute)} must be non-empty text, got {value!r}"
        )
    _check_text(instance, attribute, value, line=False)


def optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: None or text without control characters but tab and newline."""
    if value is None:
        return
    if not isinstance(value, str):
        raise InvalidValueError(
            f"{_where(instance, attribute)} must be text or None, got {value!r}"
        )
    _check_text(instance, attribute, value, line=False)


def one_line(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: non-empty text on one line (names and titles)."""
    nonempty_text(instance, attribute, value)
    _check_text(instance, attribute, str(value), line=True)


def optional_line(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: None or text on one line."""
    optional_text(instance, attribute, value)
    if value is not None:
        _check_text(instance, attribute, str(value), line=True)


def aware(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, datetime):
        raise InvalidValueError(f"{_where(instance, attribute)} must be a datetime, got {value!r}")
    require_aware(_where(instance, attribute), value)


def optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
        raise InvalidValueError(
            f"{_where(instance, attribute)} must be a date (not a datetime), got {value!r}"
        )


def required_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a date (not a datetime), never None."""
    if value is None:
        raise InvalidValueError(
            f"{_where(instance, attribute)} is required: give the date, e.g. date(2021, 12, 9)"
        )
    optional_date(instance, attribute, value)


E = TypeVar("E", bound=enum.Enum)


def _not_a_choice(enum_type: type[enum.Enum], value: object) -> InvalidValueError:
    choices = ", ".join(repr(m.value) for m in enum_type)
    return InvalidValueError(
        f"{value!r} is not a valid {enum_type.__name__}; choose one of {choices}"
    )


def parse_enum(enum_type: type[E], value: object) -> E:
    """``enum_type(value)`` with an error that lists the choices."""
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(value)
    except ValueError:
        raise _not_a_choice(enum_type, value) from None


class Choice(enum.StrEnum):
    """A string option whose constructor's error lists the choices: a field's own converter."""

    @classmethod
    def _missing_(cls, value: object) -> None:
        raise _not_a_choice(cls, value)


def to_tuple(value: Iterable[T]) -> tuple[T, ...]:
    if isinstance(value, str | bytes):
        raise InvalidValueError(f"expected a sequence of values, got the string {value!r}")
    return tuple(value)


def tuple_of(value: Iterable[T], kind: type[T], what: str) -> tuple[T, ...]:
    """``value`` as a tuple whose items are all ``kind``; ``what`` names the field in errors."""
    items = to_tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise InvalidValueError(f"{what} must hold {kind.__name__} values, got {item!r}")
    return items


def str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    items = to_tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise InvalidValueError(f"expected text, got {item!r}")
    return items


YEARS = range(1900, 2201)
"""The years klu_rules covers: those of its working-day calendar, 1900..2200."""


def check_year(value: object, what: str = "year") -> int:
    """``value`` if it is a whole year in :data:`YEARS`; else an InvalidValueError."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in YEARS:
        raise InvalidValueError(
            f"{what} must be a year {YEARS.start}..{YEARS.stop - 1}, got {value!r}"
        )
    return value


def optional_year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: None or a year in :data:`YEARS`."""
    if value is not None:
        check_year(value, _where(instance, attribute))


def valid_year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a year in :data:`YEARS`."""
    check_year(value, _where(instance, attribute))


def check_date(value: object, what: str) -> date:
    """``value`` if it is a date (not a datetime); else an InvalidValueError naming ``what``."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidValueError(
            f"{what} must be a date such as date(2023, 3, 6) (not a datetime), got {value!r}"
        )
    return value


def check_count(value: object, what: str, minimum: int = 0) -> int:
    """``value`` if it is a whole number of at least ``minimum`` (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidValueError(f"{what} must be a whole number >= {minimum}, got {value!r}")
    return value
