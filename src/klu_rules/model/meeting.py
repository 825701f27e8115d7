"""Meetings (*møder*) and attendance (*deltagelse*, *afbud*).

A meeting has a stable id, a revision number (raised on every change, so a
calendar can update in place), timezone-aware start and end, a kind
(ordinary / dialogue / extraordinary) and a status (planned / held /
cancelled). Attendance says who was present, who sent apologies (*afbud*),
who **substituted** for a named doctor member (for the whole meeting or named
items) and who **supplemented** the doctors (RULES.md § 1).
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
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, elapsed, local_date
from klu_rules.model.agenda import Agenda
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


@attrs.frozen(slots=True)
class Attendance:
    """One person's attendance at a meeting.

    - ``PRESENT`` / ``ABSENT`` (with an optional ``reason``, the *afbud*);
    - ``SUBSTITUTE``: a doctor taking the seat of the doctor member
      ``substitute_for`` (a person id), for the whole meeting or only the agenda
      items numbered in ``items``;
    - ``SUPPLEMENTING``: a doctor joining the doctor members; no seat, no fee.
    """

    person: Person = attrs.field(validator=attrs.validators.instance_of(Person))
    status: AttendanceStatus = attrs.field(converter=AttendanceStatus)
    reason: str | None = attrs.field(default=None, validator=optional_line)
    substitute_for: str | None = attrs.field(default=None, validator=optional_text)
    items: tuple[str, ...] = attrs.field(default=(), converter=str_tuple)

    def __attrs_post_init__(self) -> None:
        who = self.person.name
        if self.status is AttendanceStatus.SUBSTITUTE:
            if not self.substitute_for:
                raise InvalidValueError(
                    f"{who} is recorded as a substitute but substitute_for is empty; name the "
                    "doctor member (person id) whose seat they take"
                )
            if self.substitute_for == self.person.id:
                raise InvalidValueError(f"{who} cannot substitute for themself")
        elif self.substitute_for is not None or self.items:
            raise InvalidValueError(
                f"{who}: substitute_for and items apply only to status 'substitute', "
                f"not {self.status.value!r}"
            )
        if self.reason is not None and self.status is not AttendanceStatus.ABSENT:
            raise InvalidValueError(
                f"{who}: a reason (afbud) applies only to status 'absent', "
                f"not {self.status.value!r}"
            )
        if self.status in (AttendanceStatus.SUBSTITUTE, AttendanceStatus.SUPPLEMENTING) and (
            not self.person.doctor
        ):
            raise InvalidValueError(
                f"{who} is recorded as {self.status.value} but is not marked as a doctor; only "
                "doctors can replace or supplement the doctor members (set doctor = true)"
            )

    @property
    def attends(self) -> bool:
        """True for anyone physically taking part (everyone except the absent)."""
        return self.status is not AttendanceStatus.ABSENT

    def covers_item(self, number: str) -> bool:
        """For a substitute: True when they sit for item ``number`` (all items if none named)."""
        return self.status is AttendanceStatus.SUBSTITUTE and (
            not self.items or number in self.items
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
        raise InvalidValueError(
            f"Meeting.{attribute.name} {value.isoformat()} is outside the years "
            f"{YEARS.start}..{YEARS.stop - 1} klu_rules covers; check the date"
        )


def _existing_time(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A wall-clock time inside a daylight-saving gap names no moment: refuse it."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        return
    back = value.astimezone(UTC).astimezone(value.tzinfo)
    if back.replace(tzinfo=None, fold=0) != value.replace(tzinfo=None, fold=0):
        raise NonexistentLocalTimeError(
            f"Meeting.{attribute.name} {value.replace(tzinfo=None).isoformat(sep=' ')} does not "
            f"exist in {value.tzinfo}: the clocks skip that hour for daylight saving time; "
            "choose a time outside the gap"
        )


def _instant(value: datetime | None) -> tuple[datetime, timedelta | None] | None:
    """Equal meeting times: one moment at one UTC offset (``fold`` alone would not tell)."""
    return None if value is None else (value.astimezone(UTC), value.utcoffset())


_NO_TIME = timedelta(0)
_MAX_REVISION = 2**31 - 1  # the largest INTEGER of iCalendar (RFC 5545), where it goes


@attrs.frozen(slots=True)
class Meeting:
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
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Agenda))
    )
    call_for_items_on: date | None = attrs.field(default=None, validator=optional_date)
    agenda_sent_on: date | None = attrs.field(default=None, validator=optional_date)
    announced_on: date | None = attrs.field(default=None, validator=optional_date)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and elapsed(self.start, self.end) <= _NO_TIME:
            raise InvalidIntervalError.end_before_start(
                f"meeting {self.id!r}", self.start, self.end
            )
        seen: set[str] = set()
        for entry in self.attendance:
            if entry.person.id in seen:
                raise DuplicateMemberError(
                    f"{entry.person.name} ({entry.person.id}) is recorded twice in the attendance "
                    f"of meeting {self.id!r}; keep one entry per person"
                )
            seen.add(entry.person.id)
        if self.agenda is not None:
            numbers = {item.number for item in self.agenda.items}
            for entry in self.attendance:
                missing = [n for n in entry.items if n not in numbers]
                if missing:
                    raise InvalidValueError(
                        f"{entry.person.name} substitutes for item(s) {', '.join(missing)} that "
                        f"are not on the agenda of meeting {self.id!r}"
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
        return next((e for e in self.attendance if e.person.id == person_id), None)
