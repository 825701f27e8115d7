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
import os
import re
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo

import attrs

from klu_rules.core import toml as _toml
from klu_rules.core.errors import (
    FileFormatError,
    InvalidValueError,
    KluRulesError,
    NoRulesInForceError,
)
from klu_rules.core.files import referenced_file
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.source_tables import read_sources, sources_to_toml
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone, writable_moment
from klu_rules.model.agenda import Agenda, AgendaItem
from klu_rules.model.agreement import Agreement
from klu_rules.model.committee import Committee
from klu_rules.model.geography import check_place
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

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "SCHEMA_VERSION",
    "check_topics",
    "committee_from_mapping",
    "committee_to_mapping",
    "dump_committee",
    "load_committee",
    "meeting_from_table",
    "meeting_timezone",
    "meeting_zone",
    "parse_committee",
    "read_people",
    "rfc3339",
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
    own: ZoneInfo | timezone | None = None
    if table.has("timezone"):
        try:
            own = meeting_zone(table.get_str("timezone"))
        except KluRulesError as exc:
            raise table.error(exc, "timezone") from None
    local_zone = tz if own is None else cast(ZoneInfo, own)
    meeting = table.build(Meeting, tz=local_zone, attendance=attendance, agenda=agenda)
    if own is None:
        return meeting
    end = None if meeting.end is None else meeting.end.astimezone(own)
    with table.located():
        return attrs.evolve(meeting, start=meeting.start.astimezone(own), end=end)


_OFFSET = re.compile(r"([+-])(\d\d):(\d\d)(?::(\d\d))?")


def meeting_zone(text: str) -> ZoneInfo | timezone:
    """A meeting's own ``timezone``: an IANA name, or a fixed offset ``+01:00:30`` (seconds
    that a TOML date-time cannot hold)."""
    found = _OFFSET.fullmatch(text)
    if found is None:
        return get_zone(text)
    sign = -1 if found[1] == "-" else 1
    offset = timedelta(hours=int(found[2]), minutes=int(found[3]), seconds=int(found[4] or 0))
    if offset >= timedelta(hours=24):
        return get_zone(text)  # refused there, with the message for a bad zone
    return timezone(sign * offset)


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


def _rule_set(table: Table, base: str | None, allow_outside: bool) -> RuleSet:
    has_name, has_file = table.has("rules"), table.has("rules_file")
    if has_name == has_file:
        names = " | ".join(f'"{name}"' for name in builtin_rule_sets())
        raise table.fail(
            "committee_file.rules_one_of", None, key="rules", file_key="rules_file", names=names
        )
    if has_name:
        return get_rule_set(table.get_choice("rules", builtin_rule_sets()))
    rel = table.get_str("rules_file")
    try:
        path = referenced_file(base, rel, "rules_file", allow_outside=allow_outside)
    except KluRulesError as exc:
        if exc.text_key == "files_reference_missing":
            raise table.fail(
                "committee_file.rules_file_missing", "rules_file", path=excerpt(rel)
            ) from None
        raise table.error(exc, "rules_file") from None
    # Keep the reference as written so a dump writes it back unchanged.
    return attrs.evolve(load_rule_set(path), origin=rel)


def committee_from_mapping(
    data: Mapping[str, Any], *, path: str | Path | None = None, allow_outside: bool = False
) -> Committee:
    """Build a committee from parsed TOML ``data``; ``path`` is used in errors.

    A ``rules_file`` is read relative to the folder of ``path`` (else the
    current folder) and must lie in it or below unless ``allow_outside``
    (:func:`klu_rules.core.files.referenced_file`).
    """
    top = Table(data, path=path)
    top.check_schema_version(SCHEMA_VERSION)
    head: Table = top.get_table("committee")
    tz_name = head.get_str("timezone", DEFAULT_TIMEZONE)
    with head.located():
        tz = get_zone(tz_name)
    folder = None if path is None else os.path.dirname(os.fspath(path))
    rule_set = _rule_set(head, folder, allow_outside)
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
    _check_place(head, fields)
    committee = top.build(Committee, **fields)
    for index, meeting in enumerate(parts["meetings"]):
        check_topics(meeting, committee, path, at=f"meetings[{index}]", without_rules=True)
    return committee


def check_topics(
    meeting: Meeting,
    committee: Committee,
    path: str | Path | None,
    *,
    at: str = "meeting",
    without_rules: bool = False,
) -> None:
    """Refuse an agenda topic outside the catalogue in force on the meeting's local day.

    A meeting on a day without rules in force is refused too, unless ``without_rules``
    (a committee file may hold such meetings: the checks say what is missing).
    """
    agenda = meeting.agenda
    if agenda is None:
        return
    day = meeting.local_date(committee.timezone)
    try:
        catalogue = {t.key for t in committee.rule_set.in_force(day).topics}
    except NoRulesInForceError as exc:
        if without_rules:
            return
        error = FileFormatError(str(exc), path=path, key=f"{at}.start")
        error.text_key, error.text_parameters = exc.text_key, exc.text_parameters
        raise error from None
    used = [(f"items[{i}].topics", item.topics) for i, item in enumerate(agenda.items)]
    for where, keys in [*used, ("not_relevant", agenda.not_relevant)]:
        for key in keys:
            if key not in catalogue:
                raise coded(
                    FileFormatError,
                    "meeting_record.unknown_topic",
                    {
                        "topic": excerpt(key),
                        "day": day.isoformat(),
                        "topics": ", ".join(sorted(catalogue)) or "–",
                    },
                    path=path,
                    key=f"{at}.agenda.{where}",
                )


_MUNICIPALITY_ERRORS = ("geography_spelling", "geography_region_as_municipality")


def _check_place(head: Table, fields: dict[str, Any]) -> None:
    """Refuse a municipality and region that are certainly wrong (a known municipality in
    another region, a region that did not exist in the committee's year); write a known
    region may be written with or without "Region" (``Nordjylland``, ``Region Nordjylland``);
    it is kept as written. Made-up names pass (test and example committees):
    ``place_findings`` warns of them."""
    municipality, region = fields.get("municipality"), fields.get("region")
    if not isinstance(municipality, str) or not isinstance(region, str):
        return  # the model's validators refuse them
    year = fields.get("year")
    try:
        check_place(municipality, region, year=year if isinstance(year, int) else None)
    except KluRulesError as exc:
        key = "municipality" if exc.text_key in _MUNICIPALITY_ERRORS else "region"
        raise head.error(exc, key) from None


def parse_committee(
    text: str | bytes, *, path: str | Path | None = None, allow_outside: bool = False
) -> Committee:
    """Read a committee from TOML text (see :func:`committee_from_mapping`)."""
    data = _toml.parse_toml_text(text, path=path, lines=True)
    return committee_from_mapping(data, path=path, allow_outside=allow_outside)


def load_committee(path: str | Path, *, allow_outside: bool = False) -> Committee:
    """Read a committee file. Errors name the file, the key and what was expected.

    ``rules_file`` must lie in the committee file's folder or below unless ``allow_outside``.
    """
    data = _toml.load_toml_file(path, lines=True)
    return committee_from_mapping(data, path=path, allow_outside=allow_outside)


# ---------------------------------------------------------------------------
# writing


def _plain(value: datetime) -> bool:
    """True when ``value``'s wall-clock time names one moment (not in a DST gap or overlap)."""
    return value.replace(fold=1 - value.fold).utcoffset() == value.utcoffset()


def _local(value: datetime, tz: ZoneInfo) -> datetime:
    """Local time without offset when ``value`` is in the committee's zone, else with offset."""
    if isinstance(value.tzinfo, ZoneInfo) and value.tzinfo.key == tz.key and _plain(value):
        return value.replace(tzinfo=None)
    return writable_moment(value)


def _zone_text(value: datetime) -> str | None:
    """The ``timezone`` that keeps ``value``'s zone, when its offset alone would not."""
    if isinstance(value.tzinfo, ZoneInfo):
        return value.tzinfo.key
    offset = value.utcoffset()
    if type(value.tzinfo) is not timezone or offset is None or not offset % timedelta(minutes=1):
        return None
    sign, size = ("-", -offset) if offset < timedelta(0) else ("+", offset)
    hours, rest = divmod(int(size.total_seconds()), 3600)
    return f"{sign}{hours:02}:{rest // 60:02}:{rest % 60:02}"


def _own_zone(meeting: Meeting, tz: ZoneInfo) -> str | None:
    """The meeting's ``timezone`` key: when its times are in a zone other than ``tz``, or
    local times there that name no single moment; None when plain local times do."""
    times = [t for t in (meeting.start, meeting.end) if t is not None]
    names = {_zone_text(t) for t in times}
    if len(names) != 1 or None in names:
        return None
    name = names.pop()
    if name == tz.key and all(_plain(t) for t in times):
        return None
    return name


def meeting_timezone(meeting: Meeting, committee_timezone: str) -> str | None:
    """The ``timezone`` a committee file writes for ``meeting`` (an IANA name or a fixed
    offset such as ``+01:00:30``), or None when its times are plain local times of the
    committee's zone."""
    return _own_zone(meeting, get_zone(committee_timezone))


def rfc3339(value: datetime) -> str:
    """``value`` as RFC 3339 text: with its offset, or in UTC when the offset has seconds,
    which RFC 3339 (and JSON Schema's ``date-time``) cannot hold."""
    return writable_moment(value).isoformat()


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

    People it refers to are written by id; times in ``tz`` without offset. A
    meeting whose times are in another zone (or fall in a DST overlap) gets
    its own ``timezone`` and times with their offset, so that it is read back
    in its zone.
    """
    zone = _own_zone(value, tz) if isinstance(value, Meeting) else None
    data: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        if field.name not in skip and not (
            field.default is not attrs.NOTHING and item == field.default
        ):
            own = zone is not None and isinstance(item, datetime)
            data[_KEYS.get(field.name, field.name)] = (
                writable_moment(item) if own else _value(item, tz)
            )
        if field.name == "id" and zone is not None:
            data["timezone"] = zone  # the meeting's own zone: its times are read back in it
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
    """The committee as TOML text that :func:`load_committee` reads back equal.

    An agenda topic outside the catalogue in force on its meeting's day is refused
    here, as the loader would refuse it.
    """
    if not isinstance(committee, Committee):
        raise coded(
            InvalidValueError, "committee_file.not_a_committee", {"got": excerpt(committee)}
        )
    for index, meeting in enumerate(committee.meetings):
        check_topics(meeting, committee, None, at=f"meetings[{index}]", without_rules=True)
    return _toml.dumps(committee_to_mapping(committee))
