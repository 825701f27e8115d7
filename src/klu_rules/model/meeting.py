"""Meetings (*møder*) and attendance (*deltagelse*, *afbud*).

A meeting has a stable id, a revision number (raised on every change, so a
calendar can update in place), timezone-aware start and end, a kind
(ordinary / dialogue / extraordinary) and a status (planned / held /
cancelled). Attendance says who was present, who sent apologies (*afbud*),
who **substituted** for a named doctor member (for the whole meeting or named
items) and who **supplemented** the doctors (VEJL2011, OK22-102).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from klu_rules.core.convert import (
    YEARS,
    Choice,
    aware,
    identifier,
    of_type,
    optional_date,
    optional_line,
    optional_text,
    str_tuple,
    tuple_of,
    whole_number,
)
from klu_rules.core.errors import (
    DuplicateMemberError,
    InvalidIntervalError,
    InvalidValueError,
    NonexistentLocalTimeError,
)
from klu_rules.core.messages import coded
from klu_rules.core.record import Record
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, elapsed, local_date
from klu_rules.model.agenda import Agenda, item_covers
from klu_rules.model.people import Person

__all__ = ["Attendance", "AttendanceStatus", "Meeting", "MeetingKind", "MeetingStatus"]


class MeetingKind(Choice):
    """*KLU-møde*, *dialogmøde* or *ekstraordinært møde*."""

    ORDINARY = "ordinary"
    DIALOGUE = "dialogue"
    EXTRAORDINARY = "extraordinary"


class MeetingStatus(Choice):
    """*planlagt*, *afholdt* or *aflyst*."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class AttendanceStatus(Choice):
    """Present, absent (*afbud*), substitute for a doctor member, or supplementing doctor."""

    PRESENT = "present"
    ABSENT = "absent"
    SUBSTITUTE = "substitute"
    SUPPLEMENTING = "supplementing"


@attrs.frozen(slots=True, repr=False)
class Attendance(Record):
    """One person's attendance at a meeting.

    - ``PRESENT`` / ``ABSENT`` (with an optional ``reason``, the *afbud*);
    - ``SUBSTITUTE``: a doctor taking the seat of the doctor member
      ``substitute_for`` (a person id), for the whole meeting or only the agenda
      items numbered in ``items`` (a main number such as ``"2"`` takes in its
      sub-items ``"2.a"``, ``"2.b"``, ...);
    - ``SUPPLEMENTING``: a doctor joining the doctor members; no seat, no fee.
    """

    person: Person = attrs.field(validator=of_type(Person))
    status: AttendanceStatus = attrs.field(converter=AttendanceStatus)
    reason: str | None = attrs.field(default=None, validator=optional_line)
    substitute_for: str | None = attrs.field(default=None, validator=optional_text)
    items: tuple[str, ...] = attrs.field(default=(), converter=str_tuple)

    def __attrs_post_init__(self) -> None:
        who = {"name": self.person.name, "status": self.status.value}
        if self.status is AttendanceStatus.SUBSTITUTE:
            if not self.substitute_for:
                raise coded(InvalidValueError, "model.meeting.substitute_for_nobody", who)
            if self.substitute_for == self.person.id:
                raise coded(InvalidValueError, "model.meeting.substitute_for_self", who)
        elif self.substitute_for is not None or self.items:
            raise coded(InvalidValueError, "model.meeting.substitute_fields", who)
        if self.reason is not None and self.status is not AttendanceStatus.ABSENT:
            raise coded(InvalidValueError, "model.meeting.reason_not_absent", who)
        if self.status in (AttendanceStatus.SUBSTITUTE, AttendanceStatus.SUPPLEMENTING) and (
            not self.person.doctor
        ):
            raise coded(InvalidValueError, "model.meeting.not_a_doctor", who)

    @property
    def attends(self) -> bool:
        """True for anyone physically taking part (everyone except the absent)."""
        return self.status is not AttendanceStatus.ABSENT

    def covers_item(self, number: str) -> bool:
        """For a substitute: True when they sit for item ``number`` (all items if none named)."""
        return self.status is AttendanceStatus.SUBSTITUTE and (
            not self.items or any(item_covers(named, number) for named in self.items)
        )


def _attendance(value: Iterable[Attendance]) -> tuple[Attendance, ...]:
    return tuple_of(value, Attendance, "Meeting.attendance")


def _supported_time(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, datetime):
        return
    try:
        year = value.astimezone(UTC).year
    except OverflowError:
        year = 0
    if year not in YEARS:
        raise coded(
            InvalidValueError,
            "model.meeting.unsupported_year",
            {
                "where": f"Meeting.{attribute.name}",
                "value": value.isoformat(),
                "low": YEARS.start,
                "high": YEARS.stop - 1,
            },
        )


def _existing_time(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A wall-clock time inside a daylight-saving gap names no moment: refuse it."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        return
    back = value.astimezone(UTC).astimezone(value.tzinfo)
    if back.replace(tzinfo=None, fold=0) != value.replace(tzinfo=None, fold=0):
        raise coded(
            NonexistentLocalTimeError,
            "model.meeting.nonexistent",
            {
                "where": f"Meeting.{attribute.name}",
                "time": value.replace(tzinfo=None),
                "zone": str(value.tzinfo),
            },
        )


def _instant(value: datetime | None) -> tuple[datetime, timedelta | None] | None:
    """Equal meeting times: one moment at one UTC offset (``fold`` alone would not tell)."""
    return None if value is None else (value.astimezone(UTC), value.utcoffset())


_NO_TIME = timedelta(0)
_MAX_REVISION = 2**31 - 1  # the largest INTEGER of iCalendar (RFC 5545), where it goes


@attrs.frozen(slots=True, repr=False)
class Meeting(Record):
    """A committee meeting (*møde*).

    ``start`` and ``end`` must be timezone-aware. The recorded steps
    (``call_for_items_on``, ``agenda_sent_on``, ``announced_on``) are the dates
    the secretariat actually did them, when known; a deadline engine uses them
    in place of the computed dates.
    """

    id: str = attrs.field(validator=identifier)
    start: datetime = attrs.field(validator=[aware, _supported_time, _existing_time], eq=_instant)
    end: datetime | None = attrs.field(
        default=None, validator=[aware, _supported_time, _existing_time], eq=_instant
    )
    kind: MeetingKind = attrs.field(default=MeetingKind.ORDINARY, converter=MeetingKind)
    status: MeetingStatus = attrs.field(default=MeetingStatus.PLANNED, converter=MeetingStatus)
    revision: int = attrs.field(default=0, validator=whole_number(0, _MAX_REVISION))
    location: str | None = attrs.field(default=None, validator=optional_line)
    title: str | None = attrs.field(default=None, validator=optional_line)
    attendance: tuple[Attendance, ...] = attrs.field(default=(), converter=_attendance)
    agenda: Agenda | None = attrs.field(
        default=None, validator=attrs.validators.optional(of_type(Agenda))
    )
    call_for_items_on: date | None = attrs.field(default=None, validator=optional_date)
    agenda_sent_on: date | None = attrs.field(default=None, validator=optional_date)
    announced_on: date | None = attrs.field(default=None, validator=optional_date)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and elapsed(self.start, self.end) <= _NO_TIME:
            same = elapsed(self.start, self.end) == _NO_TIME
            raise coded(
                InvalidIntervalError,
                "model.meeting.no_length" if same else "model.meeting.ends_before_start",
                {"meeting": self.id, "start": self.start, "end": self.end},
            )
        seen: set[str] = set()
        for entry in self.attendance:
            if entry.person.id in seen:
                raise coded(
                    DuplicateMemberError,
                    "model.meeting.attendance_twice",
                    {"name": entry.person.name, "person": entry.person.id, "meeting": self.id},
                )
            seen.add(entry.person.id)
        if self.agenda is not None:
            numbers = [item.number for item in self.agenda.items]
            for entry in self.attendance:
                missing = [n for n in entry.items if not any(item_covers(n, x) for x in numbers)]
                if missing:
                    raise coded(
                        InvalidValueError,
                        "model.meeting.items_not_on_agenda",
                        {
                            "name": entry.person.name,
                            "missing": ", ".join(missing),
                            "meeting": self.id,
                        },
                    )

    @property
    def duration(self) -> timedelta | None:
        """End minus start (real elapsed time, so a DST night counts its true length)."""
        if self.end is None:
            return None
        return elapsed(self.start, self.end)

    def local_date(self, tz: ZoneInfo | str = DEFAULT_TIMEZONE) -> date:
        """The meeting's date: its local date in the committee's zone."""
        return local_date(self.start, tz)

    @property
    def counts_toward_minimum(self) -> bool:
        """Held committee meetings count; dialogue and cancelled meetings do not."""
        return self.status is MeetingStatus.HELD and self.kind is not MeetingKind.DIALOGUE

    def attendance_of(self, person_id: str) -> Attendance | None:
        """The attendance entry of ``person_id``, or None if the meeting lists none."""
        return next((e for e in self.attendance if e.person.id == person_id), None)
