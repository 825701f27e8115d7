"""Compiled twins of the shipped TOML data, read at start-up in a fraction of the time.

The TOML files in ``klu_rules/data`` (the rule sets, the built-in committee,
the finding codes, the text catalogues, ...) are the sources; each has a twin
in ``klu_rules/data/compiled/`` holding the same data as JSON, written by
``python scripts/compile_data.py`` as a gettext ``.mo`` file is compiled from
its ``.po``. A twin records a checksum of its sources. When the sources differ
from it (a file was edited and not compiled again), they are parsed instead,
so an edit is never lost, only read more slowly; the test suite names a stale twin.

Dates, datetimes and times, which JSON lacks, are written as one-key tables
of ISO 8601 text (``{"$date": "2021-05-01"}``).
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from typing import Any

from klu_rules.core.data import data_file

__all__ = ["compile_shipped", "compile_twin", "load_twin", "shipped", "shipped_names"]

Sources = list[tuple[str, str]]
"""The source files of a twin: ``(name, text)`` in order."""

_Raw = list[tuple[str, bytes]]

_TYPES: dict[str, Callable[[str], Any]] = {
    "$datetime": datetime.fromisoformat,
    "$date": date.fromisoformat,
    "$time": time.fromisoformat,
}


def load_twin(name: str, sources: Sequence[str], build: Callable[[Sources], Any]) -> Any:
    """The data built by ``build`` from the data files ``sources``, read from the twin
    ``compiled/<name>.json`` when it was compiled from these very sources."""
    raw = _read(sources)
    twin = data_file(f"compiled/{name}.json")
    if os.path.isfile(twin):
        with open(twin, "rb") as file:
            document = json.loads(file.read(), object_hook=_decode)
        if document.get("checksum") == _checksum(raw):
            return document["data"]
    return build(_texts(raw))


def compile_twin(name: str, sources: Sequence[str], build: Callable[[Sources], Any]) -> str:
    """The text of the twin ``compiled/<name>.json`` of ``sources`` (see :func:`load_twin`)."""
    raw = _read(sources)
    document = {"checksum": _checksum(raw), "data": build(_texts(raw))}
    return json.dumps(document, ensure_ascii=False, indent=0, default=_encode) + "\n"


def shipped(name: str, parse: Callable[[str], Any]) -> Any:
    """The shipped TOML file ``name`` (``"national.toml"``) as parsed data, from its twin;
    ``parse`` reads the text when the twin is stale (the loaders use
    :func:`klu_rules.core.toml.shipped_toml`, whose errors name the file)."""
    return load_twin(name.removesuffix(".toml"), [name], _one(parse))


def compile_shipped(name: str) -> str:
    """The text of the twin of the shipped TOML file ``name``."""
    return compile_twin(name.removesuffix(".toml"), [name], _one(_toml))


def shipped_names() -> list[str]:
    """The names of the shipped TOML data files (each one has a twin)."""
    return sorted(name for name in os.listdir(data_file("")) if name.endswith(".toml"))


def _one(parse: Callable[[str], Any]) -> Callable[[Sources], Any]:
    return lambda texts: parse(texts[0][1])


def _toml(text: str) -> Any:
    import tomllib  # only when a twin is stale: not at start-up

    return tomllib.loads(text)


def _read(sources: Sequence[str]) -> _Raw:
    """The bytes of each source: checked as they are, decoded only when the twin is stale."""
    raw = []
    for name in sources:
        with open(data_file(name), "rb") as file:
            raw.append((name, file.read()))
    return raw


def _texts(raw: _Raw) -> Sources:
    return [(name, data.decode("utf-8")) for name, data in raw]


def _checksum(raw: _Raw) -> str:
    """CRC-32 of the sources (each name, NUL, its UTF-8 bytes, NUL): it tells an edited
    file, not a forged one."""
    checksum = 0
    for name, data in raw:
        checksum = zlib.crc32(b"%s\0%s\0" % (name.encode(), data), checksum)
    return f"crc32:{checksum:08x}"


def _encode(value: object) -> dict[str, str]:
    for tag, kind in (("$datetime", datetime), ("$date", date), ("$time", time)):
        if isinstance(value, kind):
            return {tag: value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not TOML data")  # pragma: no cover


def _decode(table: dict[str, Any]) -> Any:
    if len(table) == 1:
        ((key, value),) = table.items()
        read = _TYPES.get(key)
        if read is not None:
            return read(value)
    return table
