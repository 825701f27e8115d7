"""Reading and writing the small TOML files klu_rules uses.

:mod:`tomllib` parses; :class:`TableReader` wraps one parsed table with the
file path and key path that led to it, so every error names the file, the key
and what was expected. :func:`dumps` writes the subset of TOML our files need.
"""

from __future__ import annotations

import enum
import json
import math
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

import attrs

from klu_rules.core.compiled import shipped
from klu_rules.core.errors import FileFormatError, InvalidValueError, KluRulesError
from klu_rules.core.files import read_input, reading
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.timeutil import localize

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["TableReader", "dumps", "load_toml_file", "parse_toml_text", "shipped_toml"]

T = TypeVar("T")
_MISSING: Any = object()
_PLACE = re.compile(r" \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$")
_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"Invalid statement", "statement"),
    (r"Expected newline or end of document after a statement", "after_statement"),
    (r"Expected '\]' at the end of a table declaration", "table_end"),
    (r"Expected '\]\]' at the end of an array declaration", "array_end"),
    (r"Expected '=' after a key in a key/value pair", "equals"),
    (r"Expected (?P<what>.+)", "expected"),
    (r"Found invalid character (?P<what>.+)", "invalid_character"),
    (r"Cannot declare (?P<what>.+) twice", "declared_twice"),
    (r"Cannot overwrite a value", "overwrite"),
    (r"Cannot mutate immutable namespace (?P<what>.+)", "immutable"),
    (r"Cannot redefine namespace (?P<what>.+)", "redefine"),
    (r"Invalid initial character for a key part", "key_start"),
    (r"Unclosed array", "unclosed_array"),
    (r"Duplicate inline table key (?P<what>.+)", "inline_key_twice"),
    (r"Unclosed inline table", "unclosed_inline_table"),
    (r"Unescaped '\\' in a string", "unescaped_backslash"),
    (r"Invalid hex value", "hex"),
    (r"Escaped character is not a Unicode scalar value", "not_scalar"),
    (r"Unterminated string", "unterminated_string"),
    (r"Illegal character (?P<what>.+)", "illegal_character"),
    (r"Invalid date or datetime", "date"),
    (r"Invalid value", "value"),
)
"""The kinds of :mod:`tomllib`'s messages, each written from the catalogue's
``error.toml_problem.<kind>`` in the language shown (its own text is English). The
patterns are compiled (and kept by :mod:`re`) only when a file has a syntax error."""


def load_toml_file(path: str | Path, *, lines: bool = False) -> dict[str, Any]:
    """Parse ``path`` as TOML; any I/O, encoding or syntax problem is a FileFormatError.

    The file is read by :func:`klu_rules.core.files.read_input` (regular files
    only, bounded in size).

    ``lines``: keep the line of each table and key, for errors (:class:`Document`).
    """
    raw = read_input(path)  # the text "-" is standard input
    return parse_toml_text(raw, path=path, lines=lines)


def parse_toml_text(
    raw: bytes | str, *, path: str | Path | None = None, lines: bool = False
) -> dict[str, Any]:
    """Parse TOML from bytes (UTF-8) or text, with errors that name ``path``.

    ``lines``: keep the line of each table and key, for errors (:class:`Document`).
    """
    if not isinstance(raw, str | bytes):
        raise coded(InvalidValueError, "files_text_type", {"value": excerpt(raw)})
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise coded(FileFormatError, "not_utf8", {"byte": exc.start}, path=path) from None
    else:
        text = raw
    if not text.strip(" \t\r\n\ufeff"):  # every file klu_rules reads starts with schema_version
        raise coded(FileFormatError, "files_empty", {}, path=path)
    import tomllib  # only when a file is read: the built-in data comes compiled

    with reading(path, text):
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            parameters = toml_problem(str(exc))
            line = parameters["line"] or None
            raise coded(FileFormatError, "not_toml", parameters, path=path, line=line) from None
        except RecursionError:
            raise coded(FileFormatError, "too_deep", {}, path=path) from None
    return Document(data, lines=key_lines(text)) if lines else data


def shipped_toml(name: str, *, lines: bool = False) -> dict[str, Any]:
    """The shipped data file ``name`` (``"national.toml"``) as parsed data, read from its
    compiled twin (:func:`klu_rules.core.compiled.shipped`); a stale twin's source is parsed
    by :func:`parse_toml_text`, so that an error names ``klu_rules/data/<name>``."""
    where = f"klu_rules/data/{name}"
    data: dict[str, Any] = shipped(
        name, lambda text: parse_toml_text(text, path=where, lines=lines)
    )
    return data


def _key_path(what: str) -> str:
    """A key the parser names as a tuple (``('a', 'b')``) written as the file does (``a.b``)."""
    if what.startswith("(") and what.endswith(")"):
        return "'" + ".".join(re.findall(r"'([^']*)'", what)) + "'"
    return what


def toml_problem(parser_message: str) -> dict[str, Any]:
    """The parameters of ``error.not_toml`` for one of :mod:`tomllib`'s messages: the kind of
    problem (``problem``, with ``what`` it names), where (``place``: ``line`` with ``line``
    and ``column``, ``end`` of the document or ``unknown``) and the message itself
    (``detail``, shown only for a kind this table does not know)."""
    place = _PLACE.search(parser_message)
    text = parser_message if place is None else parser_message[: place.start()]
    found = {"problem": "other", "what": ""}
    for pattern, kind in _PROBLEMS:
        match = re.fullmatch(pattern, text)
        if match is not None:
            found = {"problem": kind, "what": _key_path(match.groupdict().get("what") or "")}
            break
    line = 0 if place is None or place["line"] is None else int(place["line"])
    return {
        **found,
        "place": "unknown" if place is None else "line" if line else "end",
        "line": line,
        "column": 0 if place is None or place["column"] is None else int(place["column"]),
        "detail": text,
    }


class Document(dict[str, Any]):
    """A parsed TOML document with the line each table and key starts on (:func:`key_lines`)."""

    def __init__(self, data: Mapping[str, Any], *, lines: Mapping[str, int]) -> None:
        super().__init__(data)
        self.lines = lines


_HEADER = re.compile(r"\s*(\[\[?)([^\]]+)\]")
_KEY = re.compile(r"\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")


def key_lines(text: str) -> dict[str, int]:
    """The line of each table header and ``key =`` line, by key path (``meetings[0].start``).

    A plain scan of the lines, enough for the files klu_rules reads: tables,
    arrays of tables and one key per line. It only places errors.
    """
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    prefix = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        found = header or _KEY.match(line)
        if found is None:
            continue
        if header is None:
            key = found[1].strip('"')
            lines.setdefault(f"{prefix}.{key}" if prefix else key, number)
            continue
        *parents, last = (p.strip().strip('"') for p in header[2].split("."))
        path = ""
        for part in parents:  # an array of tables among them: its latest element
            path = f"{path}.{part}" if path else part
            path += f"[{counts[path] - 1}]" if path in counts else ""
        path = f"{path}.{last}" if path else last
        if header[1] == "[[":
            counts[path] = counts.get(path, 0) + 1
            path += f"[{counts[path] - 1}]"
        prefix = path
        lines.setdefault(path, number)
    return lines


class TableReader:
    """A parsed TOML table plus where it came from, with typed getters.

    Its errors name the file, the key and, when the table was parsed by
    :func:`parse_toml_text`, the line.
    """

    __slots__ = ("_data", "_lines", "_seen", "key", "path")

    def __init__(
        self,
        data: object,
        *,
        path: str | Path | None,
        key: str = "",
        lines: Mapping[str, int] | None = None,
    ) -> None:
        self.path = None if path is None else str(path)
        self.key = key
        self._lines: Mapping[str, int] = getattr(data, "lines", lines or {})
        if not isinstance(data, Mapping):
            raise self._expected("table", data, None)
        self._data: Mapping[str, Any] = data
        self._seen: set[str] = set()

    def _line(self, key: str | None) -> int | None:
        """The line of ``key``, else of the nearest table around it that has one."""
        while key and key not in self._lines:
            cut = max(key.rfind("."), key.rfind("["))
            key = key[:cut] if cut > 0 else None
        return self._lines.get(key) if key else None

    def _expected(
        self, what: str, value: object, name: str | None, **parameters: object
    ) -> FileFormatError:
        """``expected {what}, got {value}``: ``what`` is a key of the ``expected`` texts."""
        return self.fail("expected", name, what=what, got=excerpt(value), **parameters)

    def fail(self, text_key: str, name: str | None = None, **parameters: object) -> FileFormatError:
        """An error written from the catalogue's ``error.<text_key>``, located at ``name``."""
        key = self._k(name) if name else (self.key or None)
        return coded(
            FileFormatError, text_key, parameters, path=self.path, key=key, line=self._line(key)
        )

    def _k(self, name: str) -> str:
        return f"{self.key}.{name}" if self.key else name

    def error(self, message: str | KluRulesError, name: str | None = None) -> FileFormatError:
        """An error located at ``name`` inside this table (or the table itself).

        ``message`` may be an error raised inside: its text (and catalogue key) is kept.
        """
        key = self._k(name) if name else (self.key or None)
        error = FileFormatError(str(message), path=self.path, key=key, line=self._line(key))
        if isinstance(message, KluRulesError):
            error.text_key, error.text_parameters = message.text_key, message.text_parameters
        return error

    def has(self, name: str) -> bool:
        return name in self._data

    def _get(self, name: str, default: Any) -> Any:
        self._seen.add(name)
        if name in self._data:
            return self._data[name]
        if default is _MISSING:
            raise self.fail("missing_key", name)
        return default

    def _typed(
        self,
        name: str,
        default: Any,
        check: Callable[[Any], bool],
        what: str,
        **parameters: object,
    ) -> Any:
        value = self._get(name, default)
        if value is default and default is not _MISSING:
            return value
        if not check(value):
            raise self._expected(what, value, name, **parameters)
        return value

    def get_str(self, name: str, default: Any = _MISSING, *, nonempty: bool = True) -> Any:
        value = self._typed(name, default, lambda v: isinstance(v, str), "string")
        if nonempty and name in self._data and not value.strip():
            raise self._expected("nonempty_string", value, name)
        return value

    def get_bool(self, name: str, default: Any = _MISSING) -> Any:
        return self._typed(name, default, lambda v: isinstance(v, bool), "bool")

    def get_int(
        self,
        name: str,
        default: Any = _MISSING,
        *,
        min_value: int | None = None,
        max_value: int | None = None,
    ) -> Any:
        value = self._typed(
            name, default, lambda v: isinstance(v, int) and not isinstance(v, bool), "integer"
        )
        low = min_value is not None and name in self._data and value < min_value
        high = max_value is not None and name in self._data and value > max_value
        if low or high:
            if min_value is not None and max_value is not None:
                text_key = "int_range"
            else:
                text_key = "int_min" if low else "int_max"
            raise self.fail(text_key, name, low=min_value, high=max_value, got=value)
        return value

    def get_decimal(self, name: str, default: Any = _MISSING) -> Any:
        value = self._typed(
            name,
            default,
            lambda v: isinstance(v, str | int) and not isinstance(v, bool),
            "decimal_text",
        )
        if name not in self._data:
            return value
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise self._expected("decimal", value, name) from None
        if not result.is_finite():
            raise self.fail("not_finite", name, got=repr(value))
        return result

    def get_date(self, name: str, default: Any = _MISSING) -> Any:
        return self._typed(
            name,
            default,
            lambda v: isinstance(v, date) and not isinstance(v, datetime),
            "date",
        )

    def get_datetime(self, name: str, tz: ZoneInfo, default: Any = _MISSING) -> Any:
        """A datetime; a local time without offset is read in ``tz`` (DST gaps are errors)."""
        value = self._typed(
            name,
            default,
            lambda v: isinstance(v, datetime),
            "datetime",
        )
        if isinstance(value, datetime) and value.tzinfo is None:
            try:
                return localize(value, tz)
            except KluRulesError as exc:
                raise self.error(exc, name) from None
        return value

    def get_str_list(self, name: str, default: Any = _MISSING) -> Any:
        value = self._typed(
            name,
            default,
            lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
            "string_list",
        )
        return tuple(value) if isinstance(value, list) else value

    def get_choice(self, name: str, choices: Iterable[str], default: Any = _MISSING) -> Any:
        options = tuple(choices)
        value = self._get(name, default)
        if value is default and default is not _MISSING:
            return value
        if value not in options:
            shown = ", ".join(repr(o) for o in options)
            raise self._expected("choice", value, name, options=shown)
        return value

    def get_table(self, name: str, default: Any = _MISSING) -> Any:
        value = self._get(name, default)
        if value is default and default is not _MISSING:
            return value
        return TableReader(value, path=self.path, key=self._k(name), lines=self._lines)

    def get_tables(self, name: str, *, required: bool = False) -> list[TableReader]:
        """An array of tables (``[[name]]``); missing means empty unless ``required``."""
        value = self._get(name, _MISSING if required else [])
        if not isinstance(value, list):
            raise self._expected("tables", value, name, table=name)
        return [
            TableReader(item, path=self.path, key=f"{self._k(name)}[{i}]", lines=self._lines)
            for i, item in enumerate(value)
        ]

    def get_raw(self, name: str, default: Any = _MISSING) -> Any:
        return self._get(name, default)

    def keys(self) -> list[str]:
        return list(self._data)

    def check_keys(self, allowed: Sequence[str]) -> None:
        """Reject a key outside ``allowed`` (before reading: a typo is not a missing key)."""
        for name in self._data:
            if name not in allowed:
                raise self.fail("unknown_key", name, allowed=", ".join(allowed))

    def check_schema_version(self, supported: int) -> int:
        """Read the required integer ``schema_version``; any value but ``supported`` is an error."""
        version: int = self.get_int("schema_version")
        if version != supported:
            raise self.fail(
                "schema_version", "schema_version", version=version, supported=supported
            )
        return version

    def finish(self) -> None:
        """Reject keys this table has but nobody read: typos must not pass silently."""
        unknown = [k for k in self._data if k not in self._seen]
        if unknown:  # at this table, on the line of the first unknown key
            raise coded(
                FileFormatError,
                "unknown_keys",
                {"keys": ", ".join(map(repr, unknown))},
                path=self.path,
                key=self.key or None,
                line=self._line(self._k(unknown[0])),
            )

    def build(
        self,
        cls: type[T],
        /,
        *,
        tz: ZoneInfo | None = None,
        keys: Mapping[str, str] | None = None,
        **given: Any,
    ) -> T:
        """An attrs ``cls`` from the keys of this table named like its fields, then :meth:`finish`.

        Each key present is read by its field's type (see :meth:`read`);
        ``given`` supplies the other fields (references, nested tables). The
        model's own validators check the values; a value they reject is
        reported at its key, a rule across fields at this table.
        """
        values = self.read(cls, tz=tz, keys=keys, **given)
        try:
            return cls(**values)
        except FileFormatError:
            raise
        except KluRulesError as exc:
            found = re.match(rf"{cls.__name__}\.(\w+) ", str(exc))
            key = (keys or {}).get(found[1], found[1]) if found else None
            raise self.error(exc, key) from exc

    def read(
        self,
        cls: type,
        /,
        *,
        tz: ZoneInfo | None = None,
        keys: Mapping[str, str] | None = None,
        **given: Any,
    ) -> dict[str, Any]:
        """The fields of attrs ``cls`` this table holds, with ``given``, then :meth:`finish`.

        A key is the field's name unless ``keys`` maps the field to another.
        Values are read by the field's type: text, true or false, integers,
        dates, date-times (a local time is read in ``tz``), lists of text and
        enum values (one of the enum's values).
        """
        values = dict(given)
        module = sys.modules[cls.__module__]
        for field in attrs.fields(cls):
            key = (keys or {}).get(field.name, field.name)
            if field.name in given or (
                key not in self._data and field.default is not attrs.NOTHING
            ):
                continue
            values[field.name] = self._read_typed(key, _field_type(field.type, module), tz)
        self.finish()
        return values

    def _read_typed(self, key: str, kind: Any, tz: ZoneInfo | None) -> Any:
        if kind is str:
            return self.get_str(key, nonempty=False)
        if kind is bool:
            return self.get_bool(key)
        if kind is int:
            return self.get_int(key)
        if kind is datetime and tz is not None:
            return self.get_datetime(key, tz)
        if kind is date:
            return self.get_date(key)
        if kind == "tuple[str, ...]":
            return self.get_str_list(key)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return self.get_choice(key, [member.value for member in kind])
        raise TypeError(f"cannot read {kind!r} from TOML")  # pragma: no cover - a caller's bug

    @contextmanager
    def located(self) -> Iterator[None]:
        """Re-raise a KluRulesError from the block as located at this table."""
        try:
            yield
        except FileFormatError:
            raise
        except KluRulesError as exc:
            raise self.error(exc) from exc

    def wrap(self, build: Callable[[], T]) -> T:
        """Run ``build`` and re-raise a KluRulesError from it as located at this table."""
        with self.located():
            return build()


_NAMED: dict[str, Any] = {"str": str, "bool": bool, "int": int, "date": date, "datetime": datetime}


def _field_type(kind: Any, module: object) -> Any:
    """A field's type, ``X | None`` read as ``X``; a string annotation is looked up by name."""
    if isinstance(kind, str):
        text = kind.removesuffix(" | None").removeprefix("None | ")
        return _NAMED.get(text) or getattr(module, text, text)
    options = [a for a in typing.get_args(kind) if a is not type(None)]
    if typing.get_origin(kind) in (typing.Union, types.UnionType) and len(options) == 1:
        kind = options[0]
    return "tuple[str, ...]" if kind == tuple[str, ...] else kind


def _quote(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, plus DEL, which TOML does not allow raw."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _key(name: str) -> str:
    if name and all(c.isascii() and (c.isalnum() or c in "-_") for c in name):
        return name
    return _quote(name)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_scalar(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _is_table_array(value: Any) -> bool:
    return (
        isinstance(value, list | tuple)
        and len(value) > 0
        and all(isinstance(v, Mapping) for v in value)
    )


def _emit(lines: list[str], table: Mapping[str, Any], prefix: Sequence[str]) -> None:
    plain = [(k, v) for k, v in table.items() if v is not None]
    for k, v in plain:
        if not isinstance(v, Mapping) and not _is_table_array(v):
            lines.append(f"{_key(k)} = {_scalar(v)}")
    for k, v in plain:
        path = [*prefix, _key(k)]
        if isinstance(v, Mapping):
            lines.append("")
            lines.append(f"[{'.'.join(path)}]")
            _emit(lines, v, path)
        elif _is_table_array(v):
            for item in v:
                lines.append("")
                lines.append(f"[[{'.'.join(path)}]]")
                _emit(lines, item, path)


def dumps(data: Mapping[str, Any]) -> str:
    """Write ``data`` as TOML. ``None`` values are left out; key order is kept."""
    lines: list[str] = []
    _emit(lines, data, [])
    text = "\n".join(lines).strip("\n")
    return text + "\n"
