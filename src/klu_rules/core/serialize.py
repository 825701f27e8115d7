"""One serializer for every attrs type of klu_rules: to JSON-ready data and back.

:func:`to_data` walks an attrs instance field by field; :func:`from_data`
reads the data back by the class's field types, so that
``from_data(type(x), to_data(x)) == x`` for results and model values alike.

Types it knows: ``None``, ``bool``, ``int``, ``float``, ``str``,
:class:`~decimal.Decimal` (exact text), :class:`~datetime.date` and
:class:`~datetime.datetime` (ISO 8601; datetimes keep their UTC offset, except one with
seconds, which RFC 3339 cannot write: that time is written in UTC),
:class:`~datetime.time`, :class:`~datetime.timedelta` (seconds),
enumerations (their values), ``Literal``, ``tuple[X, ...]``, ``X | None``,
mappings with text keys, and nested attrs classes. Data that does not fit
the type is a :class:`~klu_rules.core.errors.InvalidValueError` naming the
field.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.timeutil import writable_moment

__all__ = ["from_data", "to_data"]

T = TypeVar("T")


def to_data(value: object) -> Any:
    """``value`` as JSON holds it (dicts, lists, text, numbers, booleans, null)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, enum.Enum):
        return to_data(value.value)
    if isinstance(value, dt.datetime):
        return writable_moment(value).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        seconds = value.total_seconds()
        return int(seconds) if seconds == int(seconds) else seconds
    if isinstance(value, Decimal):
        return str(value)
    if attrs.has(type(value)):
        return {name: to_data(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, Mapping):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((to_data(v) for v in value), key=str)
    return str(value)


def _field_names(cls: Any) -> list[str]:
    """The init fields of ``cls``, its base classes' first (a redeclared field keeps its place)."""
    names: dict[str, None] = {}
    for klass in reversed(cls.__mro__):
        if attrs.has(klass):
            names.update(dict.fromkeys(f.name for f in attrs.fields(klass) if f.init))
    return list(names)


def from_data(type_: type[T], data: Any) -> T:
    """The value of ``type_`` that :func:`to_data` wrote as ``data``."""
    value: T = _read(type_, data, type_.__name__ if isinstance(type_, type) else "value")
    return value


def _fail(where: str, expected: str, data: Any, **details: object) -> InvalidValueError:
    """``where`` holds ``data`` where ``expected`` (a key of ``error.serialize.kind``) belongs."""
    return coded(
        InvalidValueError,
        "serialize.expected",
        {"where": where, "kind": expected, "value": excerpt(data), **details},
    )


def _choices(values: typing.Iterable[Any]) -> str:
    return ", ".join(repr(value) for value in values)


def _read(tp: Any, data: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if tp is Any or tp is object:
        return data
    if origin is typing.Literal:
        if data in typing.get_args(tp):
            return data
        raise _fail(where, "choice", data, choices=_choices(typing.get_args(tp)))
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if data is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _read(arg, data, where)
            except InvalidValueError as error:
                errors.append(error)
        raise errors[0]  # a union holds at least one type besides None
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(data, list | tuple):
            raise _fail(where, "list", data)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_read(args[0], v, f"{where}[{i}]") for i, v in enumerate(data))
        if len(args) != len(data):
            raise _fail(where, "list_of", data, count=len(args))
        return tuple(
            _read(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, data, strict=True))
        )
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        args = typing.get_args(tp) or (str, Any)
        if not isinstance(data, Mapping):
            raise _fail(where, "table", data)
        return {str(k): _read(args[1], v, f"{where}.{k}") for k, v in data.items()}
    if not isinstance(tp, type):
        return data
    if attrs.has(tp):
        return _read_attrs(tp, data, where)
    if issubclass(tp, Mapping):  # Parameters and other mapping types of ours
        if not isinstance(data, Mapping):
            raise _fail(where, "table", data)
        mapping_type: Any = tp
        return mapping_type(data)
    if issubclass(tp, enum.Enum):
        try:
            return tp(data)
        except ValueError:
            raise _fail(where, "choice", data, choices=_choices(m.value for m in tp)) from None
    return _read_scalar(tp, data, where)


def _number(data: Any) -> bool:
    return isinstance(data, int | float) and not isinstance(data, bool)


_SCALARS: dict[Any, tuple[Any, str]] = {
    bool: (lambda d: isinstance(d, bool), "bool"),
    int: (lambda d: isinstance(d, int) and not isinstance(d, bool), "int"),
    float: (_number, "float"),
    str: (lambda d: isinstance(d, str), "str"),
    Decimal: (lambda d: isinstance(d, str | int) and not isinstance(d, bool), "decimal"),
    dt.timedelta: (_number, "seconds"),
    dt.datetime: (lambda d: isinstance(d, str), "datetime"),
    dt.date: (lambda d: isinstance(d, str), "date"),
    dt.time: (lambda d: isinstance(d, str), "time"),
}
_MAKE: dict[Any, Any] = {
    float: float,
    Decimal: Decimal,
    dt.timedelta: lambda seconds: dt.timedelta(seconds=seconds),
    dt.datetime: dt.datetime.fromisoformat,
    dt.date: dt.date.fromisoformat,
    dt.time: dt.time.fromisoformat,
}


def _read_scalar(tp: type, data: Any, where: str) -> Any:
    if tp not in _SCALARS:
        if isinstance(data, tp):
            return data
        raise _fail(where, "type", data, type=tp.__name__)
    accepts, expected = _SCALARS[tp]
    if not accepts(data):
        raise _fail(where, expected, data)
    try:
        return _MAKE.get(tp, lambda value: value)(data)
    except (InvalidOperation, ValueError):
        raise _fail(where, expected, data) from None


def _read_attrs(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, Mapping):
        raise _fail(where, "table_for", data, type=cls.__name__)
    try:
        attrs.resolve_types(cls)
    except NameError as exc:  # a field typed with a class of a higher layer (RuleSet)
        raise coded(
            InvalidValueError,
            "serialize.not_readable",
            {"where": where, "type": cls.__name__, "name": str(exc.name)},
        ) from None
    fields = {f.name: f for f in attrs.fields(cls) if f.init}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise coded(
            InvalidValueError,
            "serialize.unknown_keys",
            {
                "where": where,
                "type": cls.__name__,
                "unknown": _choices(unknown),
                "known": ", ".join(fields),
            },
        )
    kwargs = {}
    for name, field in fields.items():
        if name not in data:
            if field.default is attrs.NOTHING:
                raise coded(
                    InvalidValueError,
                    "serialize.missing_key",
                    {"where": where, "type": cls.__name__, "key": name},
                )
            continue
        kwargs[field.alias or name] = _read(field.type, data[name], f"{where}.{name}")
    return cls(**kwargs)
