"""Read a rules data file (TOML) into a typed record with the one serializer.

A data file is the TOML form of an attrs record: its tables are the
record's fields, read by :func:`klu_rules.core.serialize.from_data`, so a
file and a record's JSON share one reader and one set of checks. Any
problem, including a value the record's validators refuse, raises
:class:`~klu_rules.core.errors.FileFormatError` naming the file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, TypeVar

from klu_rules.core.errors import FileFormatError, InvalidValueError
from klu_rules.core.serialize import from_data
from klu_rules.core.toml import TableReader, load_toml_file, shipped_toml

__all__ = ["load_data_file"]

T = TypeVar("T")


def _as_data(value: Any) -> Any:
    """TOML's native dates as the ISO text the serializer reads."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_data(v) for v in value]
    return value


def load_data_file(cls: type[T], path: str | Path | None, shipped: str, schema_version: int) -> T:
    """The record of type ``cls`` in ``path``, or in the package's data file ``shipped``."""
    if path is None:
        path, data = f"klu_rules/data/{shipped}", shipped_toml(shipped)
    else:
        data = load_toml_file(path)
    TableReader(data, path=path).check_schema_version(schema_version)
    data.pop("schema_version")
    try:
        return from_data(cls, _as_data(data))
    except InvalidValueError as exc:
        raise _located(exc, path, cls.__name__) from None


def _located(error: InvalidValueError, path: str | Path, root: str) -> FileFormatError:
    """``error`` as a FileFormatError of ``path``, at the key the serializer names, if any.

    An error written from the catalogue keeps its text key, so it reads in either language.
    """
    found = re.match(rf"{re.escape(root)}\.(\S+?): (.*)\Z", str(error), re.DOTALL)
    key, detail = (found[1], found[2]) if found else (None, str(error))
    located = FileFormatError(detail, path=path, key=key)
    located.text_key, located.text_parameters = error.text_key, error.text_parameters
    return located
