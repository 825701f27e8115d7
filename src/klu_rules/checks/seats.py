"""Who sits in which doctor seat at a meeting: the attendance the quorum and the fee both read.

The doctor seats of a meeting are the doctor memberships in force on its
local date (``VEJL2011``, ``OK22-102`` stk. 7). :func:`seat_attendance` sorts the attendance
once, the same way for :mod:`klu_rules.checks.quorum` and
:mod:`klu_rules.checks.honorarium`:

- a doctor member who attends fills their own seat (also when recorded as a
  substitute for someone else: one person fills one seat);
- a substitute (*stedfortræder*) fills the seat of the doctor member named in
  ``substitute_for``, for the items named (none: the whole meeting; a main
  number takes in its sub-items); a substitute for someone who holds no doctor
  seat that day is a :class:`~klu_rules.core.errors.NotADoctorMemberError`;
- a substitute for a doctor member who attends the meeting takes no seat: the
  member fills it, and the doctors "can be replaced" but the one beside them
  only *supplements* them, which "does not give a fee" (VEJL2011, stk. 7): the
  person is placed ``substitute-member-present`` and counted like a
  supplementing doctor;
- the practice consultant (*praksiskonsulent*) holds no doctor seat, also
  when recorded as a substitute: "praksiskonsulenten er ansat af kommunen"
  (VEJL2011); they are placed ``none`` and :func:`no_seat_reason` says why;
- supplementing doctors (*supplerende læger*) hold no seat;
- everyone else holds no seat, for the reason :func:`no_seat_reason` gives;
- doctor members missing from the attendance are not counted as present.

Why someone is not counted or not paid is an :class:`Exclusion`: a
language-free key of the ``excluded`` section of the text catalogues and the
values its text names; :meth:`Exclusion.text` writes it out.

It also holds the few helpers the meeting rules share: argument checks and the
typed reading of a rule value.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

import attrs

from klu_rules.checks.common import membership_on
from klu_rules.core.errors import NotADoctorMemberError
from klu_rules.core.language import Language
from klu_rules.core.messages import coded, message
from klu_rules.core.record import Record
from klu_rules.core.result import Excluded, Parameters
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Attendance, AttendanceStatus, Meeting
from klu_rules.model.people import Membership, Role

__all__ = [
    "Capacity",
    "Exclusion",
    "Place",
    "Placed",
    "SeatAttendance",
    "absent_reason",
    "no_seat_reason",
    "seat_attendance",
]

Capacity = Literal["doctor_member", "substitute", "supplementing"]
"""In what capacity a doctor takes part: in their own seat, in a member's seat, or beside them."""

Place = Literal[
    "seat",
    "seat-not-substitute",
    "substitute",
    "substitute-member-present",
    "supplementing",
    "absent",
    "none",
]


def _parameters(value: Mapping[str, object] | None) -> Parameters:
    return value if isinstance(value, Parameters) else Parameters(value)


@attrs.frozen(repr=False)
class Exclusion(Excluded):
    """A person not counted (quorum) or not paid (honorarium): ``reason`` is a key of the
    catalogues' ``excluded`` section, ``parameters`` the values its text names."""

    parameters: Parameters = attrs.field(factory=Parameters, converter=_parameters)

    def text(self, language: Language = "en") -> str:
        """Why, in ``language`` (``"da"`` or ``"en"``); the person's name is not included."""
        return message(f"excluded.{self.reason}", language, **self.parameters)


@attrs.frozen(repr=False)
class Placed(Record):
    """One attendance entry, where it puts the person, and their membership that day."""

    entry: Attendance
    place: Place
    membership: Membership | None


@attrs.frozen(repr=False)
class SeatAttendance(Record):
    """A meeting's attendance sorted against the doctor seats in force on ``day``.

    ``seats`` are the doctor members' person ids; ``names`` their names by id.
    """

    day: date
    seats: tuple[str, ...]
    placed: tuple[Placed, ...]
    unrecorded: tuple[Exclusion, ...]
    names: dict[str, str] = attrs.field(factory=dict)

    def member(self, seat: str | None) -> str:
        """The name of the doctor member whose seat is ``seat`` (the id when unknown)."""
        return self.names.get(seat or "", seat or "")


def seat_attendance(meeting: Meeting, committee: Committee, day: date) -> SeatAttendance:
    """Sort ``meeting``'s attendance against the doctor seats of ``committee`` on ``day``."""
    doctors = committee.doctor_members(day)
    seats = tuple(m.person.id for m in doctors)
    placed: list[Placed] = []
    attending = {entry.person.id for entry in meeting.attendance if entry.attends}
    for entry in meeting.attendance:
        person = entry.person
        if entry.status is AttendanceStatus.SUBSTITUTE and entry.substitute_for not in seats:
            raise coded(
                NotADoctorMemberError,
                "seats_check.not_a_doctor",
                {
                    "person": person.name,
                    "member": repr(entry.substitute_for),
                    "meeting": repr(meeting.id),
                    "day": day.isoformat(),
                },
            )
        membership = membership_on(committee, person.id, day)
        place: Place
        if not entry.attends:
            place = "absent"
        elif person.id in seats:
            substituting = entry.status is AttendanceStatus.SUBSTITUTE
            place = "seat-not-substitute" if substituting else "seat"
        elif membership is not None and membership.role is Role.PRACTICE_CONSULTANT:
            place = "none"
        elif entry.status is AttendanceStatus.SUBSTITUTE:
            present = entry.substitute_for in attending
            place = "substitute-member-present" if present else "substitute"
        elif entry.status is AttendanceStatus.SUPPLEMENTING:
            place = "supplementing"
        else:
            place = "none"
        placed.append(Placed(entry, place, membership))
    recorded = {entry.person.id for entry in meeting.attendance}
    unrecorded = tuple(
        Exclusion(m.person.id, m.person.name, "not_recorded")
        for m in doctors
        if m.person.id not in recorded
    )
    names = {m.person.id: m.person.name for m in doctors}
    return SeatAttendance(day, seats, tuple(placed), unrecorded, names)


def no_seat_reason(
    entry: Attendance, membership: Membership | None, day: date
) -> tuple[str, dict[str, Any]]:
    """Why someone who attends holds no doctor seat: a key of the ``excluded`` section
    (``practice_consultant``, ``no_doctor_seat``, ``doctor_without_seat`` or
    ``not_a_member``) and the values its text names."""
    if membership is not None:
        if membership.role is Role.PRACTICE_CONSULTANT:
            return "practice_consultant", {}
        return "no_doctor_seat", {"role": membership.role, "side": membership.side}
    if entry.person.doctor:
        return "doctor_without_seat", {"on": day}
    return "not_a_member", {"on": day}


def absent_reason(entry: Attendance) -> tuple[str, dict[str, Any]]:
    """``absent`` (*afbud*), or ``absent_because`` with the reason recorded."""
    if entry.reason:
        return "absent_because", {"absence_reason": entry.reason}
    return "absent", {}
