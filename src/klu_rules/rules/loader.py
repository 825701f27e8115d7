"""Rule sets from TOML files, back to TOML, and the built-in rule sets.

The national rules (:data:`NATIONAL`) and Aalborg's rules of procedure
(:data:`AALBORG`) ship as TOML files inside the package, read by the same
loader a municipality uses for its own rules of procedure
(:func:`load_rule_set`). The file format is documented in ``docs/rule-sets.md``.
Every value is checked where it is read; an error names the file, the key
and what was expected.
"""

from __future__ import annotations

import enum
import os
import threading
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from klu_rules.core import toml as _toml
from klu_rules.core.errors import InvalidValueError, KluRulesError, UnknownRuleSetError
from klu_rules.core.files import STDIN
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.money import Money
from klu_rules.core.period import Period
from klu_rules.core.source_tables import read_sources, sources_to_toml
from klu_rules.core.sources import SourceCatalogue
from klu_rules.core.types import BOUND_DIRECTIONS
from klu_rules.model.agenda import AgendaItemKind
from klu_rules.model.people import Role, Side
from klu_rules.rules.entries import (
    RULE_KEYS,
    FixedAgendaItem,
    RuleEntry,
    RuleStatus,
    RuleValue,
    Seat,
    TopicEntry,
    unknown_rule_key,
)
from klu_rules.rules.layering import RuleSet

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "AALBORG",
    "NATIONAL",
    "builtin_rule_sets",
    "dump_rule_set",
    "get_rule_set",
    "load_rule_set",
    "parse_rule_set",
]

SCHEMA_VERSION = 1
NATIONAL: RuleSet  # loaded on first use by __getattr__ below
AALBORG: RuleSet
R = TypeVar("R")

_ENUMS: Mapping[str, type[enum.Enum]] = {
    "AgendaItemKind": AgendaItemKind,
    "Side": Side,
    "Role": Role,
    "RuleStatus": RuleStatus,
}


def _read_value(reader: _toml.TableReader, key: str) -> RuleValue:
    kind = RULE_KEYS[key].value_type
    if kind is Period:
        text = reader.get_str("value")
        with reader.located():
            return Period.parse(text)
    if kind is Money:
        table = reader.get_table("value")
        amount, level = table.get_decimal("amount"), table.get_str("price_level")
        table.finish()
        with table.located():
            return Money(amount, level)
    getter = {Decimal: reader.get_decimal, bool: reader.get_bool, int: reader.get_int}
    value: RuleValue = getter.get(kind, reader.get_str)("value")
    return value


def _read_entries(rules: _toml.TableReader, catalogue: SourceCatalogue) -> list[RuleEntry]:
    entries = []
    for key in rules.keys():  # noqa: SIM118 - a TableReader, not a dict
        if key not in RULE_KEYS:
            raise rules.fail("rulefile.unknown_rule_key", key, **unknown_rule_key(key))
        for item in rules.get_tables(key):
            value = _read_value(item, key)
            entries.append(_read_record(item, RuleEntry, catalogue, key=key, value=value))
    return entries


Reader = Callable[..., Any]
"""``reader(item, name, *default)``: one field of a record, read and checked."""


def _reader(kind: str, name: str) -> Reader:
    """How a field of type ``kind`` is read from its table."""
    if kind == "date":
        return _toml.TableReader.get_date
    if kind == "tuple[str, ...]":
        return _toml.TableReader.get_str_list
    if kind.startswith("bool"):
        return _toml.TableReader.get_bool
    if kind.startswith("int"):
        return _toml.TableReader.get_int
    choices = BOUND_DIRECTIONS if kind.startswith("BoundDirection") else None
    if kind in _ENUMS:
        choices = tuple(m.value for m in _ENUMS[kind])
    if choices is not None:
        return lambda item, name, *default: item.get_choice(name, choices, *default)
    nonempty = name not in ("note", "organisation")
    return lambda item, name, *default: item.get_str(name, *default, nonempty=nonempty)


def _fields(cls: type[Any]) -> tuple[tuple[str, Reader, tuple[Any, ...]], ...]:
    """Each field of ``cls``: its name, its reader and its default (none: required)."""
    return tuple(
        (f.name, _reader(str(f.type), f.name), () if f.default is attrs.NOTHING else (f.default,))
        for f in attrs.fields(cls)
    )


_FIELDS: dict[type[Any], tuple[tuple[str, Reader, tuple[Any, ...]], ...]] = {
    cls: _fields(cls) for cls in (RuleEntry, FixedAgendaItem, TopicEntry, Seat)
}
"""How each record a rule file holds is read, field by field, worked out once."""


def _read_record(
    item: _toml.TableReader, cls: type[R], catalogue: SourceCatalogue, **given: Any
) -> R:
    """One entry, fixed agenda item, topic entry or seat, read field by field of ``cls``;
    its ``sources`` are cited from ``catalogue``."""
    values: dict[str, Any] = dict(given)
    for name, read, default in _FIELDS[cls]:
        if name not in given:
            values[name] = read(item, name, *default)
    item.finish()
    try:
        values["sources"] = catalogue.cite(values["sources"])
    except KluRulesError as exc:
        raise item.error(exc, "sources") from None
    with item.located():
        return cls(**values)


def parse_rule_set(
    data: Mapping[str, Any],
    *,
    path: str | Path | None = None,
    parent: RuleSet | None = None,
) -> RuleSet:
    """Build a rule set from parsed TOML ``data`` (see :func:`load_rule_set`)."""
    _check_parent(parent)
    top = _toml.TableReader(data, path=path)
    top.check_schema_version(SCHEMA_VERSION)
    name = top.get_str("name")
    title = top.get_str("title")
    level = top.get_choice("level", ("national", "local"))
    complete_until = top.get_date("complete_until", None)
    assumed_from = top.get_date("assumed_from", None)
    if level == "local":
        base_name = top.get_str("layered_on")
        if parent is None:
            if base_name != "national":
                raise top.fail("rulefile.layered_on", "layered_on", value=excerpt(base_name))
            parent = _builtin("national")
    elif top.has("layered_on"):
        raise top.fail("rulefile.national_layered", "layered_on")
    base = parent.catalogue if level == "local" and parent is not None else SourceCatalogue()
    declared = read_sources(top, base)
    catalogue = base.including(declared)
    with top.located():
        assumed_sources = catalogue.cite(
            top.get_str_list("assumed_sources", []), what="assumed_sources"
        )
    rules = top.get_table("rules", {})
    entries = _read_entries(rules, catalogue) if isinstance(rules, _toml.TableReader) else []
    fixed = [
        _read_record(i, FixedAgendaItem, catalogue) for i in top.get_tables("fixed_agenda_items")
    ]
    topics = [_read_record(i, TopicEntry, catalogue) for i in top.get_tables("topics")]
    seats = [_read_record(i, Seat, catalogue) for i in top.get_tables("seats")]
    top.finish()
    if level == "national" and not entries:
        raise top.fail("rulefile.national_empty")
    with top.located():
        return RuleSet(
            name=name,
            title=title,
            level=level,
            entries=tuple(entries),
            parent=parent if level == "local" else None,
            fixed_agenda_items=tuple(fixed),
            topics=tuple(topics),
            seats=tuple(seats),
            origin=None if path is None else str(path),
            complete_until=complete_until,
            assumed_from=assumed_from,
            assumed_sources=assumed_sources,
            sources=declared,
        )


def load_rule_set(path: str | Path, *, parent: RuleSet | None = None) -> RuleSet:
    """Load a rule set from a TOML file, validating every value.

    A local file (``level = "local"``, ``layered_on = "national"``) is layered
    on :data:`NATIONAL` unless ``parent`` is given. Errors name the file, the
    key and what was expected.
    """
    _check_parent(parent)
    return parse_rule_set(_toml.load_toml_file(path, lines=True), path=path, parent=parent)


def _check_parent(parent: object) -> None:
    if parent is not None and not (isinstance(parent, RuleSet) and parent.level == "national"):
        raise coded(InvalidValueError, "rulefile.parent_type", {"value": excerpt(parent)})


def _to_toml(value: object) -> Any:
    if isinstance(value, Money):
        return {"amount": str(value.amount), "price_level": value.price_level}
    if isinstance(value, Period | Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _record_to_toml(record: attrs.AttrsInstance, skip: str = "") -> dict[str, Any]:
    """The fields of ``record`` for a TOML table, leaving out those at their default."""
    return {
        f.name: _to_toml(getattr(record, f.name))
        for f in attrs.fields(type(record))
        if f.name != skip and getattr(record, f.name) != f.default
    }


def dump_rule_set(rule_set: RuleSet) -> str:
    """Write ``rule_set`` as TOML that :func:`load_rule_set` reads back equal."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "name": rule_set.name,
        "title": rule_set.title,
        "level": rule_set.level,
        "layered_on": "national" if rule_set.level == "local" else None,
        "complete_until": rule_set.complete_until,
        "assumed_from": rule_set.assumed_from,
        "assumed_sources": list(rule_set.assumed_sources) or None,
        "sources": sources_to_toml(rule_set.sources),
    }
    rules: dict[str, list[dict[str, Any]]] = {}
    for entry in rule_set.entries:
        rules.setdefault(entry.key, []).append(_record_to_toml(entry, skip="key"))
    data["rules"] = rules
    for name in ("fixed_agenda_items", "topics", "seats"):
        if getattr(rule_set, name):
            data[name] = [_record_to_toml(r) for r in getattr(rule_set, name)]
    return _toml.dumps(data)


# ---------------------------------------------------------------------------
# built-in rule sets: package data, each loaded once on first use

_BUILTIN_FILES = {"national": "national.toml", "aalborg": "aalborg.toml"}
_LOADED: dict[str, RuleSet] = {}
_LOADING = threading.Lock()


def _builtin(name: str) -> RuleSet:
    loaded = _LOADED.get(name)
    if loaded is not None:
        return loaded
    parent = None if name == "national" else _builtin("national")
    with _LOADING:
        if name not in _LOADED:
            where = f"klu_rules/data/{_BUILTIN_FILES[name]}"
            data = _toml.shipped_toml(_BUILTIN_FILES[name])
            _LOADED[name] = parse_rule_set(data, path=where, parent=parent)
        return _LOADED[name]


def builtin_rule_sets() -> tuple[str, ...]:
    """Names accepted by :func:`get_rule_set`."""
    return tuple(_BUILTIN_FILES)


def get_rule_set(name_or_path: str | Path) -> RuleSet:
    """A built-in rule set by name (``"national"``, ``"aalborg"``) or a local file by path."""
    if isinstance(name_or_path, str) and name_or_path.lower() in _BUILTIN_FILES:
        return _builtin(name_or_path.lower())
    names = ", ".join(builtin_rule_sets())
    if not isinstance(name_or_path, str | os.PathLike):
        raise coded(
            InvalidValueError,
            "rulefile.name_type",
            {"names": names, "value": excerpt(name_or_path)},
        )
    if not str(name_or_path).strip():
        raise coded(
            UnknownRuleSetError, "rulefile.unknown_rule_set", {"name": "''", "names": names}
        )
    if name_or_path == STDIN:  # the command line's "-": the rule-set file on standard input
        return load_rule_set(STDIN)
    path = os.path.normpath(os.fspath(name_or_path))
    if os.path.splitext(path)[1] == ".toml" or os.path.exists(path):
        if not os.path.exists(path):
            raise coded(UnknownRuleSetError, "rulefile.no_file", {"path": repr(path)})
        return load_rule_set(name_or_path)
    raise coded(
        UnknownRuleSetError,
        "rulefile.unknown_rule_set",
        {"name": excerpt(str(name_or_path)), "names": ", ".join(builtin_rule_sets())},
    )


if not TYPE_CHECKING:  # type checkers see NATIONAL and AALBORG declared above, nothing else

    def __getattr__(name: str) -> RuleSet:
        """NATIONAL and AALBORG, loaded on first use."""
        if name in ("NATIONAL", "AALBORG"):
            return _builtin(name.lower())
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
