"""Small attrs validators and converters shared by the domain types."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, TypeVar

import attrs

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.timeutil import require_aware

T = TypeVar("T")

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _where(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def _bad(
    key: str, instance: object, attribute: attrs.Attribute[Any], value: object
) -> InvalidValueError:
    """``error.convert.<key>``: the field of ``instance`` got the wrong ``value``."""
    return coded(
        InvalidValueError,
        f"convert.{key}",
        {"where": _where(instance, attribute), "value": excerpt(value)},
    )


def _not_a_number(
    where: str, value: object, minimum: int, maximum: int | None
) -> InvalidValueError:
    parameters = {"where": where, "low": minimum, "value": excerpt(value)}
    if maximum is None:
        return coded(InvalidValueError, "convert.whole_number_min", parameters)
    return coded(InvalidValueError, "convert.whole_number", {**parameters, "high": maximum})


def of_type(kind: type[Any]) -> Validator:
    """attrs validator: a value of type ``kind`` (a :class:`KluRulesError` naming the field,
    where ``attrs.validators.instance_of`` raises a bare ``TypeError``)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            where = _where(instance, attribute)
            parameters = {"where": where, "type": kind.__name__, "value": excerpt(value)}
            raise coded(InvalidValueError, "convert.of_type", parameters)

    return check


def identifier(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A stable id: letters, digits, '.', '_', ':', '-', starting with a letter or digit."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise _bad("identifier", instance, attribute, value)


def optional_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: None or a stable id (:func:`identifier`)."""
    if value is not None:
        identifier(instance, attribute, value)


def text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: text, possibly empty."""
    if not isinstance(value, str):
        raise _bad("text", instance, attribute, value)


def lines(instance: object, attribute: attrs.Attribute[Any], value: Iterable[str]) -> None:
    """attrs validator: each item one non-empty line of text (``topics`` -> "each topic")."""
    for line in value:
        if not line.strip() or "\n" in line or "\r" in line:
            raise _bad("lines", instance, attribute, line)


def whole_number(minimum: int = 0, maximum: int | None = None) -> Validator:
    """An attrs validator: a whole number (not a bool) from ``minimum`` to ``maximum``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or value < minimum
            or (maximum is not None and value > maximum)
        ):
            raise _not_a_number(_where(instance, attribute), value, minimum, maximum)

    return check


# Control characters other than tab and line feed (a carriage return only before a line feed):
# they break every output the text reaches (iCalendar, Markdown, HTML, TOML).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]|\r(?!\n)")
_LINE_BREAK = re.compile(r"[\r\n]")


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: str, line: bool) -> None:
    bad = (_LINE_BREAK if line else _CONTROL).search(value) or _CONTROL.search(value)
    if bad is not None:
        raise coded(
            InvalidValueError,
            "convert.character",
            {
                "where": _where(instance, attribute),
                "kind": "line_break" if bad.group() in "\r\n" else "control",
                "character": repr(bad.group()),
                "position": bad.start(),
                "value": excerpt(value),
                "fix": "one_line" if line else "remove",
            },
        )


def nonempty_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: text with something in it, no control characters but tab and newline."""
    if not isinstance(value, str) or not value.strip():
        raise _bad("nonempty_text", instance, attribute, value)
    _check_text(instance, attribute, value, line=False)


def optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: None or text without control characters but tab and newline."""
    if value is None:
        return
    if not isinstance(value, str):
        raise _bad("optional_text", instance, attribute, value)
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
        raise _bad("datetime", instance, attribute, value)
    require_aware(_where(instance, attribute), value)


def optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
        raise _bad("date", instance, attribute, value)


def required_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a date (not a datetime), never None."""
    if value is None:
        raise coded(
            InvalidValueError, "convert.date_required", {"where": _where(instance, attribute)}
        )
    optional_date(instance, attribute, value)


E = TypeVar("E", bound=enum.Enum)


def _not_a_choice(enum_type: type[enum.Enum], value: object) -> InvalidValueError:
    return coded(
        InvalidValueError,
        "convert.choice",
        {
            "value": excerpt(value),
            "type": enum_type.__name__,
            "choices": ", ".join(repr(m.value) for m in enum_type),
        },
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


def to_tuple(value: Iterable[T], what: str | None = None) -> tuple[T, ...]:
    """``value`` (a list, tuple or other iterable, not text) as a tuple; None or a value that
    is not a collection is refused, naming ``what`` (the field) when given."""
    if isinstance(value, str | bytes):
        raise coded(InvalidValueError, "convert.not_a_sequence", {"value": excerpt(value)})
    if not isinstance(value, Iterable):
        key = "convert.not_iterable" if what is None else "convert.not_iterable_at"
        raise coded(InvalidValueError, key, {"where": what, "value": excerpt(value)})
    return tuple(value)


def tuple_of(value: Iterable[T], kind: type[T], what: str) -> tuple[T, ...]:
    """``value`` as a tuple whose items are all ``kind``; ``what`` names the field in errors."""
    items = to_tuple(value, what)
    for item in items:
        if not isinstance(item, kind):
            raise coded(
                InvalidValueError,
                "convert.item_type",
                {"where": what, "type": kind.__name__, "value": excerpt(item)},
            )
    return items


def str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    items = to_tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise coded(InvalidValueError, "convert.text_item", {"value": excerpt(item)})
    return items


YEARS = range(1900, 2201)
"""The years klu_rules covers: those of its working-day calendar, 1900..2200."""


def check_year(value: object, what: str = "year") -> int:
    """``value`` if it is a whole year in :data:`YEARS`; else an InvalidValueError."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in YEARS:
        raise coded(
            InvalidValueError,
            "convert.year",
            {"where": what, "low": YEARS.start, "high": YEARS.stop - 1, "value": excerpt(value)},
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
        raise coded(InvalidValueError, "convert.date", {"where": what, "value": excerpt(value)})
    return value


def check_count(value: object, what: str, minimum: int = 0) -> int:
    """``value`` if it is a whole number of at least ``minimum`` (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _not_a_number(what, value, minimum, None)
    return value
