"""Committee files: a committee, its people, meetings, agreements and records in TOML.

``load_committee(path)`` reads a file, ``dump_committee(committee)`` writes
one; ``load_committee`` of a dumped committee gives it back unchanged. The
format (``schema_version = 1``) is documented in ``docs/committee-files.md``.
Local times without an offset are read in the committee's time zone; a time
that does not exist or is ambiguous there (DST change) is an error.

Every error names the file, the key and what was expected. A table's keys
are the fields of its model type (:meth:`klu_rules.core.toml.TableReader.build`
reads them by type; the model's validators check them), so reading and
writing follow the model without a list of keys per table.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from klu_rules.core import toml as _toml
from klu_rules.core.errors import FileFormatError, KluRulesError
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.source_tables import read_sources, sources_to_toml
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone
from klu_rules.model.agenda import Agenda, AgendaItem
from klu_rules.model.agreement import Agreement
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Attendance, Meeting
from klu_rules.model.people import Membership, Person
from klu_rules.model.records import (
    AnnualWheel,
    EvaluationRecord,
    FollowUp,
    MeetingCalendar,
    Minutes,
    MinutesItem,
)
from klu_rules.rules.ruleset import RuleSet, builtin_rule_sets, get_rule_set, load_rule_set

__all__ = [
    "SCHEMA_VERSION",
    "committee_from_mapping",
    "committee_to_mapping",
    "dump_committee",
    "load_committee",
    "meeting_from_table",
    "parse_committee",
    "read_people",
    "to_table",
]

SCHEMA_VERSION = 1

_KEYS = {"meeting_id": "meeting"}
"""Fields whose key in the file has another name."""


# ---------------------------------------------------------------------------
# reading

Table = _toml.TableReader


def read_people(top: Table) -> dict[str, Person]:
    """The ``[[people]]`` tables of a file, by id; a repeated id is an error."""
    people: dict[str, Person] = {}
    for table in top.get_tables("people"):
        person = table.build(Person)
        if person.id in people:
            raise table.fail(
                "committee_file.person_twice",
                "id",
                id=excerpt(person.id),
                first=excerpt(people[person.id].name),
                second=excerpt(person.name),
            )
        people[person.id] = person
    return people


def _person_ref(table: Table, people: Mapping[str, Person], key: str) -> Person:
    pid = table.get_str(key)
    try:
        return people[pid]
    except KeyError:
        raise table.fail("committee_file.unknown_person", key, id=excerpt(pid)) from None


def _membership(table: Table, people: Mapping[str, Person]) -> Membership:
    return table.build(Membership, person=_person_ref(table, people, "person"))


def meeting_from_table(table: Table, people: Mapping[str, Person], tz: ZoneInfo) -> Meeting:
    """Read one ``[[meetings]]`` table (also used by meeting-record files)."""
    attendance = tuple(
        entry.build(Attendance, person=_person_ref(entry, people, "person"))
        for entry in table.get_tables("attendance")
    )
    agenda = None
    if table.has("agenda"):
        agenda_table = table.get_table("agenda")
        items = tuple(item.build(AgendaItem) for item in agenda_table.get_tables("items"))
        agenda = agenda_table.build(Agenda, items=items)
    return table.build(Meeting, tz=tz, attendance=attendance, agenda=agenda)


def _follow_up(table: Table, people: Mapping[str, Person]) -> FollowUp:
    owner = _person_ref(table, people, "owner_person").id if table.has("owner_person") else None
    return table.build(FollowUp, owner_person=owner)


def _minutes(table: Table, people: Mapping[str, Person]) -> Minutes:
    items = tuple(
        item.build(
            MinutesItem,
            follow_ups=tuple(_follow_up(t, people) for t in item.get_tables("follow_ups")),
        )
        for item in table.get_tables("items")
    )
    return table.build(Minutes, keys=_KEYS, items=items)


def _rule_set(table: Table, base: Path | None) -> RuleSet:
    has_name, has_file = table.has("rules"), table.has("rules_file")
    if has_name == has_file:
        names = " | ".join(f'"{name}"' for name in builtin_rule_sets())
        raise table.fail(
            "committee_file.rules_one_of", None, key="rules", file_key="rules_file", names=names
        )
    if has_name:
        return get_rule_set(table.get_choice("rules", builtin_rule_sets()))
    rel = table.get_str("rules_file")
    path = Path(rel) if base is None or Path(rel).is_absolute() else base / rel
    if not path.exists():
        raise table.fail("committee_file.rules_file_missing", "rules_file", path=excerpt(str(path)))
    # Keep the reference as written so a dump writes it back unchanged.
    return attrs.evolve(load_rule_set(path), origin=rel)


def committee_from_mapping(data: Mapping[str, Any], *, path: str | Path | None = None) -> Committee:
    """Build a committee from parsed TOML ``data``; ``path`` is used in errors."""
    top = Table(data, path=path)
    top.check_schema_version(SCHEMA_VERSION)
    head: Table = top.get_table("committee")
    tz_name = head.get_str("timezone", DEFAULT_TIMEZONE)
    with head.located():
        tz = get_zone(tz_name)
    rule_set = _rule_set(head, None if path is None else Path(path).parent)
    sources = read_sources(top, rule_set.catalogue)
    people = read_people(top)
    tables: dict[str, Callable[[Table], Any]] = {
        "memberships": lambda t: _membership(t, people),
        "secretariat": lambda t: _membership(t, people),
        "meetings": lambda t: meeting_from_table(t, people, tz),
        "agreements": lambda t: t.build(Agreement),
        "minutes": lambda t: _minutes(t, people),
        "annual_wheels": lambda t: t.build(AnnualWheel, keys=_KEYS),
        "calendars": lambda t: t.build(MeetingCalendar, keys=_KEYS),
        "evaluations": lambda t: t.build(EvaluationRecord, keys=_KEYS),
    }
    parts: dict[str, Any] = {k: tuple(map(read, top.get_tables(k))) for k, read in tables.items()}
    fields = head.read(Committee, timezone=tz_name, rule_set=rule_set, sources=sources, **parts)
    return top.build(Committee, **fields)


def parse_committee(text: str | bytes, *, path: str | Path | None = None) -> Committee:
    """Read a committee from TOML text."""
    return committee_from_mapping(_toml.parse_toml_text(text, path=path, lines=True), path=path)


def load_committee(path: str | Path) -> Committee:
    """Read a committee file. Errors name the file, the key and what was expected."""
    return committee_from_mapping(_toml.load_toml_file(path, lines=True), path=path)


# ---------------------------------------------------------------------------
# writing


def _local(value: datetime, tz: ZoneInfo) -> datetime:
    """Local time without offset when ``value`` is in the committee's zone, else with offset."""
    if not (isinstance(value.tzinfo, ZoneInfo) and value.tzinfo.key == tz.key):
        return value
    if value.replace(fold=1 - value.fold).utcoffset() != value.utcoffset():
        raise coded(
            FileFormatError,
            "committee_file.ambiguous_local",
            {"value": value.isoformat(), "zone": tz.key},
        )
    return value.replace(tzinfo=None)


def _value(value: Any, tz: ZoneInfo) -> Any:
    if isinstance(value, Person):  # a reference to [[people]]
        return value.id
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return _local(value, tz)
    if isinstance(value, tuple):
        return [_value(item, tz) for item in value] or None
    if attrs.has(type(value)):
        return to_table(value, tz)
    return value


def to_table(value: Any, tz: ZoneInfo, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A model value as the table :meth:`TableReader.build` reads; defaults are left out.

    People it refers to are written by id; times in ``tz`` without offset.
    """
    data: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        if field.name not in skip and not (
            field.default is not attrs.NOTHING and item == field.default
        ):
            data[_KEYS.get(field.name, field.name)] = _value(item, tz)
    return data


_LISTS: tuple[str, ...] = ("memberships", "secretariat", "meetings", "agreements")
_LISTS += ("minutes", "annual_wheels", "calendars", "evaluations")


def committee_to_mapping(committee: Committee) -> dict[str, Any]:
    """The committee as the mapping :func:`committee_from_mapping` reads."""
    tz = get_zone(committee.timezone)
    rs = committee.rule_set
    from_package = rs.origin is None or rs.origin.startswith("klu_rules/data/")
    builtin = from_package and rs.name in builtin_rule_sets() and rs == get_rule_set(rs.name)
    if not builtin and from_package:
        raise coded(
            KluRulesError, "committee_file.rule_set_not_from_file", {"name": excerpt(rs.name)}
        )
    head = to_table(committee, tz, skip=("rule_set", "sources", *_LISTS))
    head["timezone"] = committee.timezone
    head["rules" if builtin else "rules_file"] = rs.name if builtin else rs.origin
    people = [to_table(person, tz) for person in committee.people()]
    return {
        "schema_version": SCHEMA_VERSION,
        "committee": head,
        "sources": sources_to_toml(committee.sources),
        "people": people or None,
        **{key: _value(getattr(committee, key), tz) for key in _LISTS},
    }


def dump_committee(committee: Committee) -> str:
    """The committee as TOML text that :func:`load_committee` reads back equal."""
    return _toml.dumps(committee_to_mapping(committee))
