"""Committee files: a committee, its people, meetings, agreements and records in TOML.

``load_committee(path)`` reads a file, ``dump_committee(committee)`` writes
one; ``load_committee`` of a dumped committee gives it back unchanged. The
format (``schema_version = 1``) is documented in ``docs/committee-files.md``.
Local times without an offset are read in the committee's time zone; a time
that does not exist or is ambiguous there (DST change) is an error.

Every error names the file, the key and what was expected.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from klu_rules.core import toml as _toml
from klu_rules.core.errors import FileFormatError, KluRulesError
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone
from klu_rules.model.agenda import Agenda, AgendaItem, AgendaItemKind
from klu_rules.model.agreement import Agreement, AgreementKind, AgreementStatus
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import (
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from klu_rules.model.people import Membership, Person, Role, Side
from klu_rules.model.records import (
    AnnualWheel,
    EvaluationRecord,
    FollowUp,
    FollowUpStatus,
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
    "meeting_to_mapping",
    "parse_committee",
    "read_people",
]

SCHEMA_VERSION = 1


def _values(enum_type: Any) -> tuple[str, ...]:
    return tuple(member.value for member in enum_type)


# ---------------------------------------------------------------------------
# reading


def read_people(top: _toml.TableReader) -> dict[str, Person]:
    """The ``[[people]]`` tables of a file, by id; a repeated id is an error."""
    people: dict[str, Person] = {}
    for table in top.get_tables("people"):
        pid = table.get_str("id")
        name = table.get_str("name")
        email = table.get_str("email", None)
        doctor = table.get_bool("doctor", False)
        table.finish()
        if pid in people:
            raise table.error(
                f"person id {pid!r} is defined twice ({people[pid].name!r} and {name!r}); "
                "each person is listed once under [[people]]",
                "id",
            )
        with table.located():
            people[pid] = Person(pid, name, email, doctor)
    return people


def _person_ref(table: _toml.TableReader, people: Mapping[str, Person], key: str) -> Person:
    pid = table.get_str(key)
    try:
        return people[pid]
    except KeyError:
        raise table.error(
            f"no person with id {pid!r} under [[people]]; add them there first", key
        ) from None


def _membership(table: _toml.TableReader, people: Mapping[str, Person]) -> Membership:
    person = _person_ref(table, people, "person")
    values = dict(
        side=table.get_choice("side", _values(Side)),
        role=table.get_choice("role", _values(Role)),
        organisation=table.get_str("organisation", None, nonempty=False),
        title=table.get_str("title", None, nonempty=False),
        appointed_by=table.get_str("appointed_by", None, nonempty=False),
        term_start=table.get_date("term_start", None),
        term_end=table.get_date("term_end", None),
    )
    table.finish()
    with table.located():
        return Membership(person=person, **values)


def _agenda(table: _toml.TableReader) -> Agenda:
    items = []
    for item in table.get_tables("items"):
        values = dict(
            number=item.get_str("number"),
            title=item.get_str("title"),
            kind=item.get_choice("kind", _values(AgendaItemKind)),
            duration_minutes=item.get_int("duration_minutes", None),
            what=item.get_str("what", None, nonempty=False),
            how=item.get_str("how", None, nonempty=False),
            why=item.get_str("why", None, nonempty=False),
            proposer=item.get_str("proposer", None, nonempty=False),
            topics=item.get_str_list("topics", ()),
            case_description=item.get_str("case_description", None, nonempty=False),
        )
        item.finish()
        with item.located():
            items.append(AgendaItem(**values))
    not_relevant = table.get_str_list("not_relevant", ())
    table.finish()
    with table.located():
        return Agenda(items=tuple(items), not_relevant=not_relevant)


def meeting_from_table(
    table: _toml.TableReader, people: Mapping[str, Person], tz: ZoneInfo
) -> Meeting:
    """Read one ``[[meetings]]`` table (also used by meeting-record files)."""
    attendance = []
    for entry in table.get_tables("attendance"):
        person = _person_ref(entry, people, "person")
        values = dict(
            status=entry.get_choice("status", _values(AttendanceStatus)),
            reason=entry.get_str("reason", None, nonempty=False),
            substitute_for=entry.get_str("substitute_for", None),
            items=entry.get_str_list("items", ()),
        )
        entry.finish()
        with entry.located():
            attendance.append(Attendance(person=person, **values))
    agenda_table = table.get_table("agenda", None)
    agenda = None if agenda_table is None else _agenda(agenda_table)
    values2: dict[str, Any] = dict(
        id=table.get_str("id"),
        start=table.get_datetime("start", tz),
        end=table.get_datetime("end", tz, None),
        kind=table.get_choice("kind", _values(MeetingKind), "ordinary"),
        status=table.get_choice("status", _values(MeetingStatus), "planned"),
        revision=table.get_int("revision", 0, min_value=0),
        location=table.get_str("location", None, nonempty=False),
        title=table.get_str("title", None, nonempty=False),
        call_for_items_on=table.get_date("call_for_items_on", None),
        agenda_sent_on=table.get_date("agenda_sent_on", None),
        announced_on=table.get_date("announced_on", None),
    )
    table.finish()
    with table.located():
        return Meeting(attendance=tuple(attendance), agenda=agenda, **values2)


def _agreement(table: _toml.TableReader) -> Agreement:
    values: dict[str, Any] = dict(
        id=table.get_str("id"),
        title=table.get_str("title"),
        kind=table.get_choice("kind", _values(AgreementKind)),
        status=table.get_choice("status", _values(AgreementStatus), "draft"),
        parties=table.get_str_list("parties", ()),
        drafted_on=table.get_date("drafted_on", None),
        sent_on=table.get_date("sent_on", None),
        concluded_on=table.get_date("concluded_on", None),
        evaluated_on=table.get_date("evaluated_on", None),
        sent_to=table.get_str("sent_to", None, nonempty=False),
        notes=table.get_str("notes", None, nonempty=False),
    )
    table.finish()
    with table.located():
        return Agreement(**values)


def _follow_up(table: _toml.TableReader, people: Mapping[str, Person]) -> FollowUp:
    owner_person = None
    if table.has("owner_person"):
        owner_person = _person_ref(table, people, "owner_person").id
    values: dict[str, Any] = dict(
        description=table.get_str("description"),
        owner=table.get_str("owner", None, nonempty=False),
        due_on=table.get_date("due_on", None),
        status=table.get_choice("status", _values(FollowUpStatus), "open"),
        done_on=table.get_date("done_on", None),
    )
    table.finish()
    with table.located():
        return FollowUp(owner_person=owner_person, **values)


def _minutes(table: _toml.TableReader, people: Mapping[str, Person]) -> Minutes:
    items = []
    for item in table.get_tables("items"):
        follow_ups = tuple(_follow_up(t, people) for t in item.get_tables("follow_ups"))
        values = dict(
            number=item.get_str("number"),
            title=item.get_str("title", None, nonempty=False),
            case_description=item.get_str("case_description", None, nonempty=False),
            decision=item.get_str("decision", None, nonempty=False),
        )
        item.finish()
        with item.located():
            items.append(MinutesItem(follow_ups=follow_ups, **values))
    meeting_id = table.get_str("meeting")
    table.finish()
    with table.located():
        return Minutes(meeting_id=meeting_id, items=tuple(items))


def _year_key(table: _toml.TableReader) -> Any:
    return table.get_int("year", min_value=1900, max_value=2200)


def _annual_wheel(table: _toml.TableReader) -> AnnualWheel:
    values: dict[str, Any] = dict(
        year=_year_key(table),
        agreed_on=table.get_date("agreed_on"),
        meeting_id=table.get_str("meeting", None),
        topic_keys=table.get_str_list("topic_keys", ()),
        topics=table.get_str_list("topics", ()),
    )
    table.finish()
    with table.located():
        return AnnualWheel(**values)


def _calendar(table: _toml.TableReader) -> MeetingCalendar:
    values: dict[str, Any] = dict(
        year=_year_key(table),
        agreed_on=table.get_date("agreed_on", None),
        meeting_id=table.get_str("meeting", None),
        agreed_by=table.get_str("agreed_by", None, nonempty=False),
    )
    table.finish()
    with table.located():
        return MeetingCalendar(**values)


def _evaluation(table: _toml.TableReader) -> EvaluationRecord:
    values: dict[str, Any] = dict(
        year=_year_key(table),
        done_on=table.get_date("done_on", None),
        sent_on=table.get_date("sent_on", None),
        sent_to=table.get_str("sent_to", None, nonempty=False),
        meeting_id=table.get_str("meeting", None),
        topics=table.get_str_list("topics", ()),
        local_agreements_follow_up=table.get_str("local_agreements_follow_up", "", nonempty=False),
        general_assessment=table.get_str("general_assessment", "", nonempty=False),
    )
    table.finish()
    with table.located():
        return EvaluationRecord(**values)


def _rule_set(table: _toml.TableReader, base: Path | None) -> RuleSet:
    has_name, has_file = table.has("rules"), table.has("rules_file")
    if has_name == has_file:
        raise table.error(
            'give exactly one of rules = "national" | "aalborg" or rules_file = "PATH"'
        )
    if has_name:
        name = table.get_choice("rules", builtin_rule_sets())
        return get_rule_set(name)
    rel = table.get_str("rules_file")
    path = Path(rel) if base is None or Path(rel).is_absolute() else base / rel
    if not path.exists():
        raise table.error(f"the rule-set file {str(path)!r} does not exist", "rules_file")
    # Keep the reference as written so a dump writes it back unchanged.
    return attrs.evolve(load_rule_set(path), origin=rel)


def committee_from_mapping(data: Mapping[str, Any], *, path: str | Path | None = None) -> Committee:
    """Build a committee from parsed TOML ``data``; ``path`` is used in errors."""
    top = _toml.TableReader(data, path=path)
    version = top.get_int("schema_version")
    if version != SCHEMA_VERSION:
        raise top.error(
            f"schema_version {version} is not supported; this version of klu_rules reads "
            f"schema_version = {SCHEMA_VERSION}",
            "schema_version",
        )
    head = top.get_table("committee")
    tz_name = head.get_str("timezone", DEFAULT_TIMEZONE)
    with head.located():
        tz = get_zone(tz_name)
    base = None if path is None else Path(path).parent
    values: dict[str, Any] = dict(
        id=head.get_str("id"),
        name=head.get_str("name"),
        municipality=head.get_str("municipality"),
        region=head.get_str("region"),
        year=head.get_int("year", None, min_value=1900, max_value=2200),
        source=head.get_str("source", None, nonempty=False),
        rule_set=_rule_set(head, base),
    )
    head.finish()
    people = read_people(top)
    memberships = tuple(_membership(t, people) for t in top.get_tables("memberships"))
    secretariat = tuple(_membership(t, people) for t in top.get_tables("secretariat"))
    meetings = tuple(meeting_from_table(t, people, tz) for t in top.get_tables("meetings"))
    agreements = tuple(_agreement(t) for t in top.get_tables("agreements"))
    records: dict[str, Any] = dict(
        minutes=tuple(_minutes(t, people) for t in top.get_tables("minutes")),
        annual_wheels=tuple(_annual_wheel(t) for t in top.get_tables("annual_wheels")),
        calendars=tuple(_calendar(t) for t in top.get_tables("calendars")),
        evaluations=tuple(_evaluation(t) for t in top.get_tables("evaluations")),
    )
    top.finish()
    with top.located():
        return Committee(
            timezone=tz_name,
            memberships=memberships,
            secretariat=secretariat,
            meetings=meetings,
            agreements=agreements,
            **records,
            **values,
        )


def parse_committee(text: str | bytes, *, path: str | Path | None = None) -> Committee:
    """Read a committee from TOML text."""
    return committee_from_mapping(_toml.parse_toml_text(text, path=path), path=path)


def load_committee(path: str | Path) -> Committee:
    """Read a committee file. Errors name the file, the key and what was expected."""
    return committee_from_mapping(_toml.load_toml_file(path), path=path)


# ---------------------------------------------------------------------------
# writing


def _when(value: datetime | None, tz: ZoneInfo) -> Any:
    """Local time without offset when ``value`` is in the committee's zone, else with offset."""
    if value is None:
        return None
    if isinstance(value.tzinfo, ZoneInfo) and value.tzinfo.key == tz.key:
        _check_unambiguous(value, tz)
        return value.replace(tzinfo=None)
    return value


def _check_unambiguous(value: datetime, tz: ZoneInfo) -> None:
    other = value.replace(fold=1 - value.fold)
    if other.utcoffset() != value.utcoffset():
        raise FileFormatError(
            f"{value.isoformat()} is ambiguous or missing in {tz.key} as a local time; "
            "store it with a fixed UTC offset to write it"
        )


def _membership_to_mapping(m: Membership) -> dict[str, Any]:
    return {
        "person": m.person.id,
        "side": m.side.value,
        "role": m.role.value,
        "organisation": m.organisation,
        "title": m.title,
        "appointed_by": m.appointed_by,
        "term_start": m.term_start,
        "term_end": m.term_end,
    }


def meeting_to_mapping(meeting: Meeting, tz: ZoneInfo) -> dict[str, Any]:
    """One meeting as the mapping :func:`meeting_from_table` reads."""
    data: dict[str, Any] = {
        "id": meeting.id,
        "revision": meeting.revision,
        "start": _when(meeting.start, tz),
        "end": _when(meeting.end, tz),
        "kind": meeting.kind.value,
        "status": meeting.status.value,
        "location": meeting.location,
        "title": meeting.title,
        "call_for_items_on": meeting.call_for_items_on,
        "agenda_sent_on": meeting.agenda_sent_on,
        "announced_on": meeting.announced_on,
        "attendance": [
            {
                "person": a.person.id,
                "status": a.status.value,
                "reason": a.reason,
                "substitute_for": a.substitute_for,
                "items": list(a.items) or None,
            }
            for a in meeting.attendance
        ],
    }
    if meeting.agenda is not None:
        data["agenda"] = {
            "not_relevant": list(meeting.agenda.not_relevant) or None,
            "items": [
                {
                    "number": i.number,
                    "title": i.title,
                    "kind": i.kind.value,
                    "duration_minutes": i.duration_minutes,
                    "what": i.what,
                    "how": i.how,
                    "why": i.why,
                    "proposer": i.proposer,
                    "topics": list(i.topics) or None,
                    "case_description": i.case_description,
                }
                for i in meeting.agenda.items
            ],
        }
        if not data["agenda"]["items"]:
            data["agenda"]["items"] = None
    if not data["attendance"]:
        data["attendance"] = None
    return data


def _person_to_mapping(p: Person) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "email": p.email, "doctor": p.doctor or None}


def _minutes_to_mapping(minutes: Minutes) -> dict[str, Any]:
    return {
        "meeting": minutes.meeting_id,
        "items": [
            {
                "number": i.number,
                "title": i.title,
                "case_description": i.case_description,
                "decision": i.decision,
                "follow_ups": [
                    {
                        "description": f.description,
                        "owner_person": f.owner_person,
                        "owner": f.owner,
                        "due_on": f.due_on,
                        "status": f.status.value,
                        "done_on": f.done_on,
                    }
                    for f in i.follow_ups
                ]
                or None,
            }
            for i in minutes.items
        ]
        or None,
    }


def _records_to_mapping(committee: Committee) -> dict[str, Any]:
    return {
        "minutes": [_minutes_to_mapping(m) for m in committee.minutes] or None,
        "annual_wheels": [
            {
                "year": w.year,
                "agreed_on": w.agreed_on,
                "meeting": w.meeting_id,
                "topic_keys": list(w.topic_keys) or None,
                "topics": list(w.topics) or None,
            }
            for w in committee.annual_wheels
        ]
        or None,
        "calendars": [
            {
                "year": c.year,
                "agreed_on": c.agreed_on,
                "meeting": c.meeting_id,
                "agreed_by": c.agreed_by,
            }
            for c in committee.calendars
        ]
        or None,
        "evaluations": [
            {
                "year": e.year,
                "done_on": e.done_on,
                "sent_on": e.sent_on,
                "sent_to": e.sent_to,
                "meeting": e.meeting_id,
                "topics": list(e.topics) or None,
                "local_agreements_follow_up": e.local_agreements_follow_up or None,
                "general_assessment": e.general_assessment or None,
            }
            for e in committee.evaluations
        ]
        or None,
    }


def committee_to_mapping(committee: Committee) -> dict[str, Any]:
    """The committee as the mapping :func:`committee_from_mapping` reads."""
    tz = get_zone(committee.timezone)
    rs = committee.rule_set
    from_package = rs.origin is None or rs.origin.startswith("klu_rules/data/")
    builtin = from_package and rs.name in builtin_rule_sets() and rs == get_rule_set(rs.name)
    if not builtin and from_package:
        raise KluRulesError(
            f"rule set {rs.name!r} was not loaded from a file; save it with dump_rule_set() and "
            "load it with load_rule_set() so the committee file can refer to it"
        )
    head: dict[str, Any] = {
        "id": committee.id,
        "name": committee.name,
        "municipality": committee.municipality,
        "region": committee.region,
        "timezone": committee.timezone,
        "year": committee.year,
        "source": committee.source,
        "rules": rs.name if builtin else None,
        "rules_file": None if builtin else rs.origin,
    }
    return {
        "schema_version": SCHEMA_VERSION,
        "committee": head,
        "people": [_person_to_mapping(p) for p in committee.people()] or None,
        "memberships": [_membership_to_mapping(m) for m in committee.memberships] or None,
        "secretariat": [_membership_to_mapping(m) for m in committee.secretariat] or None,
        "meetings": [meeting_to_mapping(m, tz) for m in committee.meetings] or None,
        "agreements": [
            {
                "id": a.id,
                "title": a.title,
                "kind": a.kind.value,
                "status": a.status.value,
                "parties": list(a.parties) or None,
                "drafted_on": a.drafted_on,
                "sent_on": a.sent_on,
                "concluded_on": a.concluded_on,
                "evaluated_on": a.evaluated_on,
                "sent_to": a.sent_to,
                "notes": a.notes,
            }
            for a in committee.agreements
        ]
        or None,
        **_records_to_mapping(committee),
    }


def dump_committee(committee: Committee) -> str:
    """The committee as TOML text that :func:`load_committee` reads back equal."""
    return _toml.dumps(committee_to_mapping(committee))
