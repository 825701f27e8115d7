"""iCalendar export and import (RFC 5545), built on icalendar >= 7.

Export turns a committee's year plan (:func:`klu_rules.checks.deadlines.plan_year`:
its meetings and their deadlines) into iCalendar data that calendar programs
and CalDAV servers accept:

- :func:`dump_ics` writes one ``VCALENDAR`` feed; :func:`dump_ics_items`
  writes one ``VCALENDAR`` per UID, the unit a CalDAV server stores
  (:func:`build_feed` and :func:`build_items` give the
  :class:`icalendar.Calendar` objects instead of bytes);
- a meeting is a ``VEVENT`` in the committee's time zone with its
  ``VTIMEZONE`` (``add_missing_timezones``), the same in every export: 1970
  to 2038 (or to the last year used), one ``RDATE`` per line, so that
  consumers that cache a ``TZID``'s first definition or read one ``RDATE``
  value (vobject, and so Radicale) agree; a wall time that occurs twice when
  the clocks go back is written in UTC instead, which says which one is
  meant; summary and
  description are Danish, the description with the agenda (item numbers,
  titles, durations) when known and the meeting's deadlines; ``LOCATION``;
  an ``ATTENDEE`` for every member, secretariat member and recorded
  participant with a known e-mail address (``PARTSTAT`` from the recorded
  attendance); an ``ORGANIZER`` when ``organizer=`` is given or the
  secretary's e-mail is known;
- a deadline is an all-day ``VEVENT`` (``DTSTART;VALUE=DATE`` and the
  exclusive ``DTEND`` the next day, ``TRANSP:TRANSPARENT``) with a Danish
  explanation of the rule, its sources and a ``DISPLAY`` alarm at 09:00 the
  day before (:data:`DEFAULT_ALARM`, ``alarm=`` changes or drops it); with
  ``todo=True`` it is a ``VTODO`` with ``DUE;VALUE=DATE`` instead
  (``COMPLETED`` when the step is recorded as done), its alarm relative to
  the due day. A deadline whose step is recorded as done gets no alarm.

Reproducible output (the same input gives the same bytes):

- UIDs are name-based UUIDs (:func:`uuid.uuid5`) in the fixed namespace
  :data:`NAMESPACE`: ``uuid5(NAMESPACE, "<committee id>/<meeting id>")`` for a
  meeting and ``uuid5(NAMESPACE, "<committee id>/<meeting id>/<deadline
  kind>")`` for a deadline (:func:`meeting_uid`, :func:`deadline_uid`). Ids
  cannot contain ``/``, so two names never meet;
- ``SEQUENCE`` is the meeting's ``revision``, for the meeting and its
  deadlines, so a client updates them in place when the revision is raised;
- ``DTSTAMP`` is ``stamp=`` when given (timezone-aware; written in UTC), else
  :func:`default_stamp`: 00:00 UTC on the newest day a rule of the plan's
  rule set (national layer included) takes effect. Nothing reads the clock;
- ``PRODID`` is :data:`PRODID`; the feed's own ``UID`` is
  ``uuid5(NAMESPACE, "<committee id>/<feed name>")``.

A cancelled meeting keeps its UID and is written with ``STATUS:CANCELLED``
and ``Aflyst:`` before its summary. Its deadlines are written the same way
(``STATUS:CANCELLED``, no alarm) rather than dropped, so that a CalDAV server
or a subscribed calendar holding an earlier version updates them in place
instead of keeping stale deadlines. Raise the meeting's revision when you
cancel it.

Import (:func:`parse_ics`, :func:`load_ics`) reads an ``.ics`` file, ours or
another program's, back into :class:`klu_rules.Meeting` values:

- every ``VEVENT`` is a meeting, except the deadline events klu_rules wrote
  (they carry ``X-KLU-DEADLINE``); ``VTODO`` and other components are skipped;
- the id is ``X-KLU-MEETING-ID`` when present, else the ``UID`` when it is a
  valid id, else ``"ical-"`` and the hex digits of ``uuid5(NAMESPACE, UID)``;
- start and end come from ``DTSTART`` and ``DTEND`` (or ``DURATION``), as
  aware datetimes in the committee's zone (``timezone=``). A floating time
  (no ``TZID``, no ``Z``) is read as local time in that zone; one that does
  not exist or occurs twice at a daylight-saving change is an error, as in
  committee files;
- the status is ``cancelled`` for ``STATUS:CANCELLED``, else ``held`` when
  klu_rules' ``X-KLU-MEETING-STATUS`` says so, else ``planned``; the
  revision is ``SEQUENCE`` (0 when absent); the location is ``LOCATION``; the
  title is ``SUMMARY`` (for our own events without the kind label and the
  ``Aflyst:`` mark export adds); the kind is ``X-KLU-MEETING-KIND`` (else
  ordinary);
- the agenda, the attendance and the recorded step dates are not read back:
  the committee file is their source.

Export, import and export again gives the same bytes. Malformed input raises
:class:`klu_rules.FileFormatError` with the line of the problem where it can
be found: bytes that are not UTF-8, a line that is not an iCalendar content
line, a component that is never closed or closed by the wrong ``END``, a
property value that cannot be read, a ``VEVENT`` without ``DTSTART``, an
all-day or recurring event (a meeting has a start time and happens once), an
unknown time zone, two events for one meeting.

``import klu_rules`` imports neither this module nor icalendar.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from icalendar import Alarm, Calendar, Component, Event, Timezone, Todo, vCalAddress
from icalendar.enums import STATUS, TRANSP
from icalendar.parser.content_line import Contentline
from icalendar.prop import vDDDTypes

from klu_rules.checks.deadlines import Deadline, MeetingPlan, YearPlan
from klu_rules.core.errors import FileFormatError, InvalidValueError, KluRulesError
from klu_rules.core.labels import (
    DEADLINE_KIND_DA,
    ICAL_DA,
    MEETING_KIND_DA,
    MONTHS_DA,
    PERIOD_UNIT_DA,
    format_date_da,
    format_meeting_time_da,
)
from klu_rules.core.period import Period
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone, localize, require_aware
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import AttendanceStatus, Meeting, MeetingKind, MeetingStatus
from klu_rules.model.people import Membership, Person, Role
from klu_rules.rules.ruleset import RuleSet

__all__ = [
    "DEFAULT_ALARM",
    "NAMESPACE",
    "PRODID",
    "build_feed",
    "build_items",
    "deadline_uid",
    "default_stamp",
    "dump_ics",
    "dump_ics_items",
    "load_ics",
    "meeting_uid",
    "parse_ics",
]

NAMESPACE = uuid.UUID("7dfbcd6e-c658-5e5d-be10-8fa276d2edbf")
"""The namespace of every UID klu_rules writes. Fixed: changing it changes every UID."""

PRODID = "-//klu_rules//klu_rules iCalendar export//DA"
"""The ``PRODID`` of every calendar klu_rules writes."""

DEFAULT_ALARM = timedelta(hours=-15)
"""A deadline's reminder: 15 hours before the start of its day, i.e. 09:00 the day before."""

X_COMMITTEE = "X-KLU-COMMITTEE-ID"
X_MEETING = "X-KLU-MEETING-ID"
X_KIND = "X-KLU-MEETING-KIND"
X_STATUS = "X-KLU-MEETING-STATUS"
X_DEADLINE = "X-KLU-DEADLINE"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# ---------------------------------------------------------------------------
# UIDs and DTSTAMP


def meeting_uid(committee_id: str, meeting_id: str) -> str:
    """The UID of a meeting's event: ``uuid5(NAMESPACE, "<committee>/<meeting>")``."""
    return str(uuid.uuid5(NAMESPACE, f"{committee_id}/{meeting_id}"))


def deadline_uid(committee_id: str, meeting_id: str, kind: str) -> str:
    """The UID of a deadline: ``uuid5(NAMESPACE, "<committee>/<meeting>/<kind>")``."""
    return str(uuid.uuid5(NAMESPACE, f"{committee_id}/{meeting_id}/{kind}"))


def default_stamp(rule_set: RuleSet) -> datetime:
    """``DTSTAMP`` when none is given: 00:00 UTC on the newest ``effective_from`` of the rules.

    The national layer counts too. The value depends on the data only, so
    the same data gives the same bytes; pass ``stamp=`` to say when you
    publish.
    """
    if not isinstance(rule_set, RuleSet):
        raise InvalidValueError(f"default_stamp() takes a RuleSet, got {rule_set!r}")
    layers = (rule_set,) if rule_set.parent is None else (rule_set.parent, rule_set)
    days = [entry.effective_from for layer in layers for entry in layer.entries]
    if not days:
        return _EPOCH
    return datetime.combine(max(days), time(0), tzinfo=UTC)


# ---------------------------------------------------------------------------
# Danish texts


def _short_date(day: date) -> str:
    return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"


def _long_date(day: date) -> str:
    return format_date_da(day).lower()


def _period_da(period: Period) -> str:
    unit = period.unit if period.amount != 1 else period.unit[:-1]
    return f"{period.amount} {PERIOD_UNIT_DA[unit]}"


def _meeting_label(meeting: Meeting) -> str:
    return MEETING_KIND_DA[meeting.kind.value]


def _cancelled(meeting: Meeting, text: str) -> str:
    if meeting.status is MeetingStatus.CANCELLED:
        return ICAL_DA["cancelled_prefix"] + text
    return text


def _meeting_summary(meeting: Meeting) -> str:
    label = _meeting_label(meeting)
    title = meeting.title
    return _cancelled(meeting, f"{label}: {title}" if title and title.strip() else label)


def _minutes(value: int) -> str:
    return ICAL_DA["minutes"].format(minutes=value)


def _agenda_lines(meeting: Meeting) -> list[str]:
    if meeting.agenda is None or not meeting.agenda.items:
        return []
    lines = ["", ICAL_DA["agenda"] + ":"]
    for item in sorted(meeting.agenda.items, key=lambda i: i.sort_key):
        number = item.number if "." in item.number else item.number + "."
        text = f"{number} {item.title}"
        if item.duration_minutes is not None:
            text += f" ({_minutes(item.duration_minutes)})"
        lines.append(text)
    total = meeting.agenda.total_minutes
    if total:
        lines.append(ICAL_DA["agenda_total"].format(total=_minutes(total)))
    return lines


def _when(meeting: Meeting, zone: ZoneInfo) -> str:
    start = meeting.start.astimezone(zone)
    end = None if meeting.end is None else meeting.end.astimezone(zone)
    return format_meeting_time_da(start, end)


def _rule_da(deadline: Deadline) -> str:
    """The rule behind a deadline and how the date came out, in Danish."""
    text = ICAL_DA["rule"].format(
        period=_period_da(deadline.period),
        relation=ICAL_DA["before" if deadline.counted_before else "after"],
        anchor=ICAL_DA["anchor_" + deadline.anchor],
        anchor_day=_long_date(deadline.anchor_date),
    )
    if deadline.roll == "none":
        return text + ICAL_DA["no_roll"].format(day=_long_date(deadline.date))
    closed = f" ({', '.join(deadline.closed)})" if deadline.closed else ""
    return text + ICAL_DA["roll"].format(
        unrolled=_long_date(deadline.unrolled),
        closed=closed,
        direction=ICAL_DA[deadline.roll],
        day=_long_date(deadline.date),
    )


# ---------------------------------------------------------------------------
# export


@attrs.frozen(slots=True)
class _Options:
    committee_id: str
    committee_name: str
    committee: Committee | None
    zone: ZoneInfo
    stamp: datetime
    todo: bool
    alarm: timedelta | None
    organizer: vCalAddress | None


def _year_plans(plan: YearPlan | Iterable[YearPlan]) -> tuple[YearPlan, ...]:
    if isinstance(plan, YearPlan):
        return (plan,)
    if isinstance(plan, Committee | MeetingPlan | str | bytes) or not isinstance(plan, Iterable):
        raise InvalidValueError(
            f"export takes a year plan (klu_rules.checks.deadlines.plan_year(committee, year)) or "
            f"several, got {type(plan).__name__}"
        )
    plans = tuple(plan)
    for item in plans:
        if not isinstance(item, YearPlan):
            raise InvalidValueError(f"export takes YearPlan values, got {item!r}")
    return plans


def _organizer(committee: Committee | None, organizer: str | None) -> vCalAddress | None:
    if organizer is not None:
        address = organizer.removeprefix("mailto:") if isinstance(organizer, str) else ""
        local, _, domain = address.partition("@")
        if address.count("@") != 1 or " " in address or not local or "." not in domain:
            raise InvalidValueError(
                f"organizer must be an e-mail address like name@example.dk, got {organizer!r}"
            )
        return vCalAddress.new(address)
    if committee is None:
        return None
    for role in (Role.SECRETARY, Role.SECRETARIAT_STAFF):
        for membership in committee.secretariat + committee.memberships:
            email = membership.person.email
            if membership.role is role and email:
                return vCalAddress.new(email, cn=membership.person.name)
    return None


def _options(
    plans: Sequence[YearPlan],
    committee: Committee | None,
    *,
    todo: bool,
    stamp: datetime | None,
    alarm: timedelta | None,
    organizer: str | None,
) -> _Options:
    if committee is not None and not isinstance(committee, Committee):
        raise InvalidValueError(f"committee must be a Committee or None, got {committee!r}")
    if alarm is not None and not isinstance(alarm, timedelta):
        raise InvalidValueError(f"alarm must be a timedelta or None, got {alarm!r}")
    if stamp is not None and not isinstance(stamp, datetime):
        raise InvalidValueError(f"stamp must be a timezone-aware datetime, got {stamp!r}")
    ids = {p.committee_id for p in plans}
    if committee is not None:
        wrong = sorted(i for i in ids if i is not None and i != committee.id)
        if wrong:
            raise InvalidValueError(
                f"the plan is of committee {wrong[0]!r}, not of {committee.id!r}; pass the "
                "committee the plan was made for"
            )
        committee_id, committee_name = committee.id, committee.name
    else:
        if len(ids) != 1 or None in ids:
            raise InvalidValueError(
                "the UIDs need the committee's id, and the plans name "
                + ("no committee" if ids <= {None} else "several committees")
                + "; plan with plan_year(committee, ...) or pass committee="
            )
        committee_id = next(i for i in ids if i is not None)
        committee_name = next(p.committee_name or committee_id for p in plans)
    zones = {p.parameters.timezone for p in plans} or {
        committee.timezone if committee is not None else DEFAULT_TIMEZONE
    }
    if len(zones) != 1:
        raise InvalidValueError(
            f"the plans use different time zones ({', '.join(sorted(zones))}); export "
            "plans of one committee"
        )
    if stamp is None:
        rule_sets = [p.rule_set for p in plans] or ([committee.rule_set] if committee else [])
        moment = max((default_stamp(r) for r in rule_sets), default=_EPOCH)
    else:
        moment = require_aware("stamp", stamp).astimezone(UTC).replace(microsecond=0)
    return _Options(
        committee_id=committee_id,
        committee_name=committee_name,
        committee=committee,
        zone=get_zone(zones.pop()),
        stamp=moment,
        todo=bool(todo),
        alarm=alarm,
        organizer=_organizer(committee, organizer),
    )


_PARTSTAT = {
    AttendanceStatus.PRESENT: "ACCEPTED",
    AttendanceStatus.SUBSTITUTE: "ACCEPTED",
    AttendanceStatus.SUPPLEMENTING: "ACCEPTED",
    AttendanceStatus.ABSENT: "DECLINED",
}
_OPTIONAL_ROLES = frozenset(
    {Role.PRACTICE_CONSULTANT, Role.OBSERVER, Role.SECRETARY, Role.SECRETARIAT_STAFF}
)


def _attendees(meeting: Meeting, day: date, committee: Committee | None) -> list[vCalAddress]:
    """Members and secretariat in office on ``day`` and recorded participants, with e-mail."""
    people: dict[str, tuple[Person, str]] = {}
    seats: tuple[Membership, ...] = ()
    if committee is not None:
        seats = committee.members(day) + tuple(m for m in committee.secretariat if m.in_force(day))
    for membership in seats:  # a person holds one seat at a time (Committee checks it)
        if membership.role is Role.CHAIR:
            role = "CHAIR"
        elif membership.role in _OPTIONAL_ROLES:
            role = "OPT-PARTICIPANT"
        else:
            role = "REQ-PARTICIPANT"
        people[membership.person.id] = (membership.person, role)
    for entry in meeting.attendance:
        if entry.person.id not in people:
            substitute = entry.status is AttendanceStatus.SUBSTITUTE
            people[entry.person.id] = (
                entry.person,
                "REQ-PARTICIPANT" if substitute else "OPT-PARTICIPANT",
            )
    result = []
    for person, role in people.values():
        if person.email:
            recorded = meeting.attendance_of(person.id)
            partstat = "NEEDS-ACTION" if recorded is None else _PARTSTAT[recorded.status]
            result.append(
                vCalAddress.new(person.email, cn=person.name, role=role, partstat=partstat)
            )
    return result


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    """``moment`` in the committee's zone, to the second; in UTC where that wall time is ambiguous.

    ``DTSTART;TZID=...`` cannot say which of the two 02:30s of the night the
    clocks go back is meant; UTC can.
    """
    local = moment.astimezone(zone).replace(microsecond=0)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return local.astimezone(UTC)
    return local


def _meeting_description(
    plan: MeetingPlan, deadlines: Sequence[Deadline], options: _Options
) -> str:
    meeting = plan.meeting
    lines = [options.committee_name, _when(meeting, options.zone)]
    if meeting.status is MeetingStatus.CANCELLED:
        lines.append(ICAL_DA["cancelled"])
    if meeting.location:
        lines.append(ICAL_DA["location"].format(location=meeting.location))
    lines += _agenda_lines(meeting)
    if deadlines:
        lines += ["", ICAL_DA["deadlines"] + ":"]
        lines += [f"- {DEADLINE_KIND_DA[d.kind.value]}: {_long_date(d.date)}" for d in deadlines]
    return "\n".join(lines)


def _meeting_event(plan: MeetingPlan, deadlines: Sequence[Deadline], options: _Options) -> Event:
    meeting = plan.meeting
    event = Event.new(
        uid=meeting_uid(options.committee_id, meeting.id),
        stamp=options.stamp,
        sequence=meeting.revision,
        start=_local(meeting.start, options.zone),
        end=None if meeting.end is None else _local(meeting.end, options.zone),
        summary=_meeting_summary(meeting),
        description=_meeting_description(plan, deadlines, options),
        location=meeting.location or None,
        status=STATUS.CANCELLED if meeting.status is MeetingStatus.CANCELLED else STATUS.CONFIRMED,
        organizer=options.organizer,
        attendees=_attendees(meeting, plan.date, options.committee) or None,
    )
    event.add(X_COMMITTEE, options.committee_id)
    event.add(X_MEETING, meeting.id)
    event.add(X_KIND, meeting.kind.value)
    if meeting.status is MeetingStatus.HELD:
        event.add(X_STATUS, meeting.status.value)
    return event


def _deadline_description(plan: MeetingPlan, deadline: Deadline, options: _Options) -> str:
    meeting = plan.meeting
    lines = [
        ICAL_DA["deadline_line"].format(
            kind=DEADLINE_KIND_DA[deadline.kind.value], day=_long_date(deadline.date)
        ),
        ICAL_DA["deadline_meeting"].format(
            meeting=_meeting_label(meeting),
            when=_when(meeting, options.zone).lower(),
            committee=options.committee_name,
        ),
    ]
    if meeting.status is MeetingStatus.CANCELLED:
        lines.append(ICAL_DA["cancelled"])
    if deadline.done_on is not None:
        lines.append(ICAL_DA["done"].format(day=_long_date(deadline.done_on)))
    lines += ["", _rule_da(deadline)]
    if deadline.sources:
        lines.append(ICAL_DA["sources"].format(sources=", ".join(deadline.sources)))
    return "\n".join(lines)


def _deadline_component(plan: MeetingPlan, deadline: Deadline, options: _Options) -> Component:
    meeting = plan.meeting
    cancelled = meeting.status is MeetingStatus.CANCELLED
    uid = deadline_uid(options.committee_id, meeting.id, deadline.kind.value)
    summary = _cancelled(
        meeting,
        f"{DEADLINE_KIND_DA[deadline.kind.value]} – {_meeting_label(meeting)} "
        f"{_short_date(plan.date)}",
    )
    description = _deadline_description(plan, deadline, options)
    component: Component
    if options.todo:
        if cancelled:
            status = STATUS.CANCELLED
        elif deadline.done_on is not None:
            status = STATUS.COMPLETED
        else:
            status = STATUS.NEEDS_ACTION
        component = Todo.new(
            uid=uid,
            stamp=options.stamp,
            sequence=meeting.revision,
            summary=summary,
            description=description,
            status=status,
        )
        component.add("DUE", deadline.date)
        if status is STATUS.COMPLETED:
            assert deadline.done_on is not None
            done = datetime.combine(deadline.done_on, time(0), tzinfo=options.zone)
            component.add("COMPLETED", done.astimezone(UTC))
    else:
        component = Event.new(
            uid=uid,
            stamp=options.stamp,
            sequence=meeting.revision,
            start=deadline.date,
            end=deadline.date + timedelta(days=1),
            summary=summary,
            description=description,
            transparency=TRANSP.TRANSPARENT,
            status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
        )
    component.add(X_COMMITTEE, options.committee_id)
    component.add(X_MEETING, meeting.id)
    component.add(X_DEADLINE, deadline.kind.value)
    if options.alarm is not None and not cancelled and deadline.done_on is None:
        alarm = Alarm.new_display(
            description=ICAL_DA["alarm"].format(summary=summary, day=_short_date(deadline.date)),
            trigger=options.alarm,
        )
        if options.todo:
            alarm["TRIGGER"].params["RELATED"] = "END"
        component.add_component(alarm)
    return component


def _components(
    plans: Sequence[YearPlan], options: _Options
) -> list[tuple[str, Component, tuple[int, ...]]]:
    """(UID, component, the years its times need a VTIMEZONE for); a meeting, then its deadlines."""
    result: list[tuple[str, Component, tuple[int, ...]]] = []
    for year_plan in plans:
        for plan in year_plan.meetings:
            meeting = plan.meeting
            deadlines = sorted(plan.deadlines, key=lambda d: d.date)
            event = _meeting_event(plan, deadlines, options)
            years: tuple[int, ...] = (plan.date.year,)
            if meeting.end is not None:
                years += (meeting.end.astimezone(options.zone).year,)
            result.append((str(event["UID"]), event, years))
            for deadline in deadlines:
                component = _deadline_component(plan, deadline, options)
                result.append((str(component["UID"]), component, ()))
    return result


def _calendar(name: str | None = None, uid: str | None = None) -> Calendar:
    calendar = Calendar.new(prodid=PRODID, name=name, uid=uid or "-")
    if uid is None:
        del calendar["UID"]
    return calendar


def _add_timezones(calendar: Calendar, years: Iterable[int]) -> None:
    """The ``VTIMEZONE`` of the calendar's times, the same in every export.

    - It spans icalendar's default range (1970 to 2038), extended to the end
      of the last year used. A range that depended on the data would give
      one ``TZID`` different definitions in different files, and a consumer
      that keeps the first definition it sees of a ``TZID`` (vobject, and so
      Radicale, does) would read the other files' times in a wrong offset.
    - Each transition is an ``RDATE`` line of its own: vobject reads only the
      first value of a ``RDATE`` list in a ``VTIMEZONE``.
    """
    known = list(years)
    if not known:
        return
    last = max(Timezone.DEFAULT_LAST_DATE, date(max(known) + 1, 1, 1))
    calendar.add_missing_timezones(first_date=Timezone.DEFAULT_FIRST_DATE, last_date=last)
    for timezone in calendar.timezones:
        for observance in timezone.subcomponents:
            found = observance.pop("RDATE", None)
            lists = found if isinstance(found, list) else [] if found is None else [found]
            for rdates in lists:
                for value in rdates.dts:
                    observance.add("RDATE", value.dt)


def _feed_name(plans: Sequence[YearPlan], options: _Options) -> str:
    years = sorted({p.year for p in plans})
    if not years:
        return options.committee_name
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return f"{options.committee_name} {span}"


def build_feed(
    plan: YearPlan | Iterable[YearPlan],
    *,
    committee: Committee | None = None,
    todo: bool = False,
    stamp: datetime | None = None,
    alarm: timedelta | None = DEFAULT_ALARM,
    organizer: str | None = None,
) -> Calendar:
    """One ``VCALENDAR`` with every meeting of ``plan`` and its deadlines.

    - ``plan``: a year plan (:func:`klu_rules.checks.deadlines.plan_year`) or several
      of one committee;
    - ``committee``: the committee, for ``ATTENDEE`` and ``ORGANIZER`` (its
      people's e-mail addresses); without it the plan's committee id and name
      are used and no attendees are written;
    - ``todo``: deadlines as ``VTODO`` instead of all-day ``VEVENT``;
    - ``stamp``: ``DTSTAMP``, timezone-aware (default :func:`default_stamp`);
    - ``alarm``: a deadline's reminder relative to the start of its day
      (default :data:`DEFAULT_ALARM`, 09:00 the day before; ``None``: none);
    - ``organizer``: an e-mail address for ``ORGANIZER`` (default: the
      secretary's, when the committee is given and the address known).
    """
    plans = _year_plans(plan)
    options = _options(plans, committee, todo=todo, stamp=stamp, alarm=alarm, organizer=organizer)
    name = _feed_name(plans, options)
    calendar = _calendar(name, str(uuid.uuid5(NAMESPACE, f"{options.committee_id}/{name}")))
    components = _components(plans, options)
    for _, component, _ in components:
        calendar.add_component(component)
    _add_timezones(calendar, (year for _, _, years in components for year in years))
    return calendar


def build_items(
    plan: YearPlan | Iterable[YearPlan],
    *,
    committee: Committee | None = None,
    todo: bool = False,
    stamp: datetime | None = None,
    alarm: timedelta | None = DEFAULT_ALARM,
    organizer: str | None = None,
) -> dict[str, Calendar]:
    """One ``VCALENDAR`` per UID (a CalDAV item), in feed order; arguments as :func:`build_feed`."""
    plans = _year_plans(plan)
    options = _options(plans, committee, todo=todo, stamp=stamp, alarm=alarm, organizer=organizer)
    items: dict[str, Calendar] = {}
    for uid, component, years in _components(plans, options):
        calendar = _calendar()
        calendar.add_component(component)
        _add_timezones(calendar, years)
        items[uid] = calendar
    return items


def dump_ics(
    plan: YearPlan | Iterable[YearPlan],
    *,
    committee: Committee | None = None,
    todo: bool = False,
    stamp: datetime | None = None,
    alarm: timedelta | None = DEFAULT_ALARM,
    organizer: str | None = None,
) -> bytes:
    """The feed of :func:`build_feed` as iCalendar bytes (UTF-8, CRLF line ends)."""
    return _bytes(
        build_feed(
            plan, committee=committee, todo=todo, stamp=stamp, alarm=alarm, organizer=organizer
        )
    )


def dump_ics_items(
    plan: YearPlan | Iterable[YearPlan],
    *,
    committee: Committee | None = None,
    todo: bool = False,
    stamp: datetime | None = None,
    alarm: timedelta | None = DEFAULT_ALARM,
    organizer: str | None = None,
) -> dict[str, bytes]:
    """The items of :func:`build_items` as bytes, keyed by UID (``<UID>.ics`` on a server)."""
    items = build_items(
        plan, committee=committee, todo=todo, stamp=stamp, alarm=alarm, organizer=organizer
    )
    return {uid: _bytes(calendar) for uid, calendar in items.items()}


def _bytes(calendar: Calendar) -> bytes:
    data: bytes = calendar.to_ical()
    return data


# ---------------------------------------------------------------------------
# import: a located scan first, so errors can name their line

_NEWLINE = re.compile(r"\r?\n")
_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")


@attrs.define(slots=True)
class _Located:
    """Where a component and its own properties are in the file."""

    name: str
    line: int
    properties: dict[str, int] = attrs.field(factory=dict)


def _decode(data: bytes | str, path: str | Path | None) -> str:
    if isinstance(data, str):
        text = data
    elif isinstance(data, bytes | bytearray):
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            line = bytes(data)[: exc.start].count(b"\n") + 1
            raise FileFormatError(
                f"the file is not UTF-8 (byte {exc.start} is {bytes(data)[exc.start]:#04x}); "
                "iCalendar files are UTF-8: save or export it as UTF-8",
                path=path,
                line=line,
            ) from None
    else:
        raise InvalidValueError(f"iCalendar data must be bytes or str, got {data!r}")
    return text.removeprefix("\ufeff")


def _content_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the number of the physical line each starts on."""
    result: list[tuple[int, str]] = []
    for number, physical in enumerate(_NEWLINE.split(text), start=1):
        if physical[:1] in (" ", "\t") and result:
            first, logical = result[-1]
            result[-1] = (first, logical + physical[1:])
        elif physical:
            result.append((number, physical))
    return result


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _scan(text: str, path: str | Path | None) -> list[_Located]:
    """Check the structure; return the VEVENTs and VTODOs of the calendars, in order."""
    lines = _content_lines(text)
    if not lines:
        raise FileFormatError(
            "the file is empty; an iCalendar file starts with BEGIN:VCALENDAR", path=path
        )
    stack: list[_Located] = []
    found: list[_Located] = []
    cut = lines[-1][0] if not text.endswith("\n") else None
    for number, line in lines:
        try:
            name, _params, value = Contentline(line).parts()  # type: ignore[no-untyped-call]
        except ValueError:
            if number == cut:
                raise FileFormatError(
                    f"the file ends in the middle of a line ({_shown(line)}): it is truncated; "
                    "export or download it again",
                    path=path,
                    line=number,
                ) from None
            raise FileFormatError(
                f"{_shown(line)} is not an iCalendar content line; each line is "
                "NAME:value or NAME;PARAM=value:value (is this an .ics file?)",
                path=path,
                line=number,
            ) from None
        name = name.upper()
        if name == "BEGIN":
            component = value.strip().upper()
            if not stack and component != "VCALENDAR":
                raise FileFormatError(
                    f"expected BEGIN:VCALENDAR, got {_shown(line)}; an iCalendar file holds "
                    "its events inside BEGIN:VCALENDAR ... END:VCALENDAR",
                    path=path,
                    line=number,
                )
            for open_component in stack:
                if open_component.name == component:
                    raise FileFormatError(
                        f"BEGIN:{component} inside the {open_component.name} opened at line "
                        f"{open_component.line}; add END:{stack[-1].name} before it",
                        path=path,
                        line=number,
                    )
            located = _Located(component, number)
            if len(stack) == 1 and component in ("VEVENT", "VTODO"):
                found.append(located)
            stack.append(located)
        elif name == "END":
            component = value.strip().upper()
            if not stack:
                raise FileFormatError(
                    f"END:{component} without a matching BEGIN:{component}",
                    path=path,
                    line=number,
                )
            if stack[-1].name != component:
                raise FileFormatError(
                    f"END:{component}, but the {stack[-1].name} opened at line "
                    f"{stack[-1].line} is still open; add END:{stack[-1].name} before it",
                    path=path,
                    line=number,
                )
            stack.pop()
        elif not stack:
            raise FileFormatError(
                f"the property {name} is outside BEGIN:VCALENDAR ... END:VCALENDAR",
                path=path,
                line=number,
            )
        else:
            stack[-1].properties.setdefault(name, number)
    if stack:
        last = lines[-1][0]
        raise FileFormatError(
            f"BEGIN:{stack[-1].name} at line {stack[-1].line} is never closed: the file ends at "
            f"line {last} (is it truncated?); add END:{stack[-1].name}",
            path=path,
            line=stack[-1].line,
        )
    return found


@attrs.frozen(slots=True)
class _Reader:
    """Reads one parsed VEVENT, with the lines its properties came from."""

    component: Component
    located: _Located
    zone: ZoneInfo
    path: str | Path | None

    def error(self, message: str, prop: str | None = None) -> FileFormatError:
        line = self.located.properties.get(prop, self.located.line) if prop else None
        return FileFormatError(
            message, path=self.path, line=self.located.line if line is None else line
        )

    def broken(self) -> None:
        for prop, message in self.component.errors:
            where = prop or "a property"
            raise self.error(f"cannot read {where}: {message}", prop)

    def text(self, prop: str) -> str | None:
        value = self.component.get(prop)
        if value is None:
            return None
        if isinstance(value, list):
            raise self.error(f"{prop} appears more than once; keep one", prop)
        return str(value)

    def moment(self, prop: str) -> datetime | date | None:
        value = self.component.get(prop)
        if value is None:
            return None
        if isinstance(value, list):
            raise self.error(f"{prop} appears more than once; keep one", prop)
        if not isinstance(value, vDDDTypes):
            raise self.error(f"cannot read {prop}: expected a date or date-time", prop)
        moment = value.dt
        if isinstance(moment, datetime):
            return self._aware(prop, value, moment)
        if isinstance(moment, date):
            return moment
        raise self.error(f"cannot read {prop}: expected a date or date-time, got {moment!r}", prop)

    def _aware(self, prop: str, value: Any, moment: datetime) -> datetime:
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            try:
                return moment.astimezone(self.zone)
            except OverflowError:
                raise self.error(
                    f"{prop} {moment.isoformat()} is out of range in {self.zone.key}", prop
                ) from None
        tzid = value.params.get("TZID")
        if tzid:
            raise self.error(
                f"{prop} names the time zone {tzid!r}, which is neither an IANA zone nor "
                "defined by a VTIMEZONE in the file; use an IANA name such as "
                "'Europe/Copenhagen' or include the VTIMEZONE",
                prop,
            )
        try:
            return localize(moment, self.zone)
        except KluRulesError as exc:
            raise self.error(f"{prop} is a local time without zone: {exc}", prop) from None

    def integer(self, prop: str) -> int:
        value = self.component.get(prop)
        if value is None:
            return 0
        if isinstance(value, list):
            raise self.error(f"{prop} appears more than once; keep one", prop)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(f"{prop} must be one whole number, got {value!r}", prop)
        if value < 0:
            raise self.error(f"{prop} must be 0 or more, got {int(value)}", prop)
        return int(value)


def _meeting_id(reader: _Reader, uid: str | None) -> str:
    own = reader.text(X_MEETING)
    if own is not None:
        if not _IDENTIFIER.match(own):
            raise reader.error(f"{X_MEETING} {own!r} is not a valid meeting id", X_MEETING)
        return own
    if uid is None or not uid.strip():
        raise reader.error(
            "the VEVENT has no UID; every event needs one (RFC 5545): add a UID line"
        )
    if _IDENTIFIER.match(uid):
        return uid
    return "ical-" + uuid.uuid5(NAMESPACE, uid).hex


def _kind(reader: _Reader) -> MeetingKind:
    value = reader.text(X_KIND)
    if value is None:
        return MeetingKind.ORDINARY
    try:
        return MeetingKind(value)
    except ValueError:
        choices = ", ".join(k.value for k in MeetingKind)
        raise reader.error(f"{X_KIND} is one of {choices}, got {value!r}", X_KIND) from None


def _status(reader: _Reader) -> MeetingStatus:
    status = (reader.text("STATUS") or "CONFIRMED").upper()
    if status == "CANCELLED":
        return MeetingStatus.CANCELLED
    if status not in ("CONFIRMED", "TENTATIVE"):
        raise reader.error(
            f"an event's STATUS is TENTATIVE, CONFIRMED or CANCELLED, got {status!r}", "STATUS"
        )
    own = reader.text(X_STATUS)
    if own is None:
        return MeetingStatus.PLANNED
    if own not in (MeetingStatus.PLANNED.value, MeetingStatus.HELD.value):
        raise reader.error(f"{X_STATUS} is 'planned' or 'held', got {own!r}", X_STATUS)
    return MeetingStatus(own)


def _title(reader: _Reader, kind: MeetingKind, ours: bool) -> str | None:
    summary = reader.text("SUMMARY")
    if summary is None or not summary.strip():
        return None
    if not ours:
        return summary
    summary = summary.removeprefix(ICAL_DA["cancelled_prefix"])
    label = MEETING_KIND_DA[kind.value]
    if summary == label:
        return None
    return summary.removeprefix(label + ": ")


def _end(reader: _Reader, start: datetime) -> datetime | None:
    end = reader.moment("DTEND")
    duration = reader.component.get("DURATION")
    if end is not None and duration is not None:
        raise reader.error("the VEVENT has both DTEND and DURATION; keep one", "DURATION")
    if duration is not None:
        delta = getattr(duration, "dt", None)
        if not isinstance(delta, timedelta):
            raise reader.error("cannot read DURATION: expected a duration like PT2H", "DURATION")
        return (start.astimezone(UTC) + delta).astimezone(reader.zone)
    if end is not None and not isinstance(end, datetime):
        raise reader.error(
            "DTEND is a date but DTSTART has a time; give DTEND a time as well", "DTEND"
        )
    return end


def _read_meeting(reader: _Reader) -> Meeting | None:
    component = reader.component
    reader.broken()
    if component.get(X_DEADLINE) is not None:
        return None
    uid = reader.text("UID")
    for prop in ("RRULE", "RDATE", "RECURRENCE-ID"):
        if component.get(prop) is not None:
            raise reader.error(
                f"the event (UID {uid}) repeats ({prop}); a meeting happens once: export the "
                "occurrences as separate events",
                prop,
            )
    start = reader.moment("DTSTART")
    if start is None:
        raise reader.error(
            f"the VEVENT (UID {uid}) has no DTSTART; a meeting needs a start, e.g. "
            "DTSTART;TZID=Europe/Copenhagen:20230306T150000"
        )
    if not isinstance(start, datetime):
        raise reader.error(
            f"the event (UID {uid}) lasts all day (DTSTART;VALUE=DATE); a meeting needs a start "
            "time: give DTSTART a time, e.g. DTSTART;TZID=Europe/Copenhagen:20230306T150000",
            "DTSTART",
        )
    meeting_id = _meeting_id(reader, uid)
    ours = component.get(X_MEETING) is not None
    kind = _kind(reader)
    end = _end(reader, start)
    try:
        return Meeting(
            id=meeting_id,
            start=start,
            end=end,
            kind=kind,
            status=_status(reader),
            revision=reader.integer("SEQUENCE"),
            location=reader.text("LOCATION") or None,
            title=_title(reader, kind, ours),
        )
    except FileFormatError:
        raise
    except KluRulesError as exc:
        where = next((p for p in ("DTEND", "DURATION") if p in component), "DTSTART")
        raise reader.error(str(exc), where) from None


def parse_ics(
    data: bytes | str, *, timezone: str = DEFAULT_TIMEZONE, path: str | Path | None = None
) -> tuple[Meeting, ...]:
    """Read the meetings of iCalendar data (see the module's docstring for the rules).

    ``timezone`` is the committee's zone: times are returned in it and
    floating times are read in it. ``path`` only names the file in errors.
    """
    zone = get_zone(timezone)
    text = _decode(data, path)
    located = _scan(text, path)
    try:
        calendars = Calendar.from_ical(text.encode("utf-8"), multiple=True)
    except Exception as exc:  # icalendar raises ValueError and others on bad values
        raise FileFormatError(f"not valid iCalendar data: {exc}", path=path) from None
    components = [
        component
        for calendar in calendars
        for component in calendar.subcomponents
        if component.name in ("VEVENT", "VTODO")
    ]
    if len(components) != len(located):  # pragma: no cover - the scan and icalendar agree
        raise FileFormatError("could not match the events to their lines", path=path)
    meetings: list[Meeting] = []
    seen: dict[str, int] = {}
    for component, where in zip(components, located, strict=True):
        if component.name != "VEVENT":
            continue
        meeting = _read_meeting(_Reader(component, where, zone, path))
        if meeting is None:
            continue
        if meeting.id in seen:
            raise FileFormatError(
                f"meeting {meeting.id!r} appears twice (the event at line {seen[meeting.id]} "
                "has the same id or UID); keep one event per meeting",
                path=path,
                line=where.line,
            )
        seen[meeting.id] = where.line
        meetings.append(meeting)
    return tuple(meetings)


def load_ics(path: str | Path, *, timezone: str = DEFAULT_TIMEZONE) -> tuple[Meeting, ...]:
    """Read the meetings of an ``.ics`` file; errors name the file and the line."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise FileFormatError(f"cannot read the file: {exc.strerror or exc}", path=p) from None
    return parse_ics(raw, timezone=timezone, path=p)
