"""The committee (*Kommunalt Lægeligt Udvalg*, KLU) and its validation.

A :class:`Committee` holds its members and secretariat, its time zone, the
rule set it works under, its meetings and its local agreements. Building one
checks the whole: the same person cannot hold two seats at once, and a
substitute can only stand in for a doctor member in office on the meeting
date (RULES.md § 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import attrs

from klu_rules._validate import identifier, nonempty_text, optional_text, to_tuple
from klu_rules.agreement import Agreement
from klu_rules.errors import DuplicateMemberError, InvalidValueError, NotADoctorMemberError
from klu_rules.meeting import AttendanceStatus, Meeting
from klu_rules.people import Membership, Person, Role, Side
from klu_rules.rules import RuleSet
from klu_rules.timeutil import DEFAULT_TIMEZONE, get_zone

__all__ = ["Committee"]


def _memberships(value: Iterable[Membership]) -> tuple[Membership, ...]:
    items = to_tuple(value)
    for item in items:
        if not isinstance(item, Membership):
            raise InvalidValueError(f"expected Membership values, got {item!r}")
    return items


def _meetings(value: Iterable[Meeting]) -> tuple[Meeting, ...]:
    items = to_tuple(value)
    for item in items:
        if not isinstance(item, Meeting):
            raise InvalidValueError(f"Committee.meetings must hold Meeting values, got {item!r}")
    return tuple(sorted(items, key=lambda m: (m.start, m.id)))


def _agreements(value: Iterable[Agreement]) -> tuple[Agreement, ...]:
    items = to_tuple(value)
    for item in items:
        if not isinstance(item, Agreement):
            raise InvalidValueError(
                f"Committee.agreements must hold Agreement values, got {item!r}"
            )
    return items


def _timezone(instance: Committee, attribute: attrs.Attribute[str], value: str) -> None:
    get_zone(value)


def _year(instance: Committee, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        raise InvalidValueError(f"Committee.year must be a year 1900..2200, got {value!r}")


@attrs.frozen(slots=True)
class Committee:
    """A KLU: members, secretariat, time zone, rule set, meetings and agreements.

    ``year`` is the year the data describes (the default year to plan), if any.
    Meetings are kept in start order.
    """

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=nonempty_text)
    municipality: str = attrs.field(validator=nonempty_text)
    region: str = attrs.field(validator=nonempty_text)
    rule_set: RuleSet = attrs.field(validator=attrs.validators.instance_of(RuleSet))
    timezone: str = attrs.field(default=DEFAULT_TIMEZONE, validator=_timezone)
    memberships: tuple[Membership, ...] = attrs.field(default=(), converter=_memberships)
    secretariat: tuple[Membership, ...] = attrs.field(default=(), converter=_memberships)
    meetings: tuple[Meeting, ...] = attrs.field(default=(), converter=_meetings)
    agreements: tuple[Agreement, ...] = attrs.field(default=(), converter=_agreements)
    year: int | None = attrs.field(default=None, validator=_year)
    source: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        self._check_people()
        self._check_meetings()

    # -- validation --------------------------------------------------------------
    def _check_people(self) -> None:
        everyone = self.memberships + self.secretariat
        known: dict[str, Person] = {}
        for index, membership in enumerate(everyone):
            person = membership.person
            other = known.get(person.id)
            if other is not None and other != person:
                raise DuplicateMemberError(
                    f"person id {person.id!r} is used for two different people ({other.name!r} "
                    f"and {person.name!r}); give each person their own id"
                )
            known[person.id] = person
            for earlier in everyone[:index]:
                if earlier.person.id == person.id and earlier.overlaps(membership):
                    raise DuplicateMemberError(
                        f"{person.name} ({person.id}) is listed twice in committee {self.id!r} "
                        "with overlapping terms; keep one membership, or give the terms dates "
                        "that do not overlap"
                    )

    def _check_meetings(self) -> None:
        seen: set[str] = set()
        for meeting in self.meetings:
            if meeting.id in seen:
                raise InvalidValueError(
                    f"two meetings of committee {self.id!r} share the id {meeting.id!r}; "
                    "meeting ids must be unique"
                )
            seen.add(meeting.id)
            day = meeting.local_date(self.timezone)
            doctors = {m.person.id for m in self.doctor_members(day)}
            for entry in meeting.attendance:
                if entry.status is AttendanceStatus.SUBSTITUTE and (
                    entry.substitute_for not in doctors
                ):
                    raise NotADoctorMemberError(
                        f"{entry.person.name} substitutes for {entry.substitute_for!r} at meeting "
                        f"{meeting.id!r} ({day.isoformat()}), who is not a doctor member in office "
                        "that day; a substitute stands in for a doctor member (lægeligt medlem) "
                        "only"
                    )

    # -- queries -------------------------------------------------------------------
    def members(self, on: date | None = None) -> tuple[Membership, ...]:
        """Memberships in force on ``on`` (all of them when ``on`` is None)."""
        if on is None:
            return self.memberships
        return tuple(m for m in self.memberships if m.in_force(on))

    def doctor_members(self, on: date) -> tuple[Membership, ...]:
        """Doctor members (*lægelige medlemmer*) in office on ``on``."""
        return tuple(m for m in self.members(on) if m.role is Role.DOCTOR_MEMBER)

    def side_members(self, side: Side, on: date) -> tuple[Membership, ...]:
        return tuple(m for m in self.members(on) if m.side is side)

    def people(self) -> Iterator[Person]:
        """Every person named in memberships, the secretariat and attendance, once each."""
        seen: set[str] = set()
        for membership in self.memberships + self.secretariat:
            if membership.person.id not in seen:
                seen.add(membership.person.id)
                yield membership.person
        for meeting in self.meetings:
            for entry in meeting.attendance:
                if entry.person.id not in seen:
                    seen.add(entry.person.id)
                    yield entry.person

    def person(self, person_id: str) -> Person:
        for person in self.people():
            if person.id == person_id:
                return person
        raise InvalidValueError(f"committee {self.id!r} has no person with id {person_id!r}")

    def meeting(self, meeting_id: str) -> Meeting:
        for meeting in self.meetings:
            if meeting.id == meeting_id:
                return meeting
        raise InvalidValueError(
            f"committee {self.id!r} has no meeting {meeting_id!r}; it has "
            + (", ".join(m.id for m in self.meetings) or "no meetings")
        )

    def meetings_in(self, year: int) -> tuple[Meeting, ...]:
        """Meetings whose local date falls in ``year``."""
        return tuple(m for m in self.meetings if m.local_date(self.timezone).year == year)
