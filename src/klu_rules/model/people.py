"""People, their sides and roles, and memberships of a committee.

A person's **side** (municipality, general practice, hospital/region) is kept
apart from their **role** (chair, doctor member, practice consultant, ...):
Aalborg's chair sits on the municipal side, and the municipality's practice
consultant (*praksiskonsulent*) is a GP employed by the municipality
(VEJL2011, OK22-102). People are identified by a stable id, never by name: the
sources spell the same people differently.
"""

from __future__ import annotations

from datetime import date

import attrs

from klu_rules.core.convert import (
    Choice,
    identifier,
    of_type,
    one_line,
    optional_date,
    optional_line,
    whole_number,
)
from klu_rules.core.errors import InvalidIntervalError, InvalidValueError
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.record import Record

__all__ = ["Membership", "Person", "Role", "Side"]


class Side(Choice):
    """Which side a person sits on: *kommunen*, *almen praksis* or *sygehus/region*."""

    MUNICIPALITY = "municipality"
    GENERAL_PRACTICE = "general_practice"
    HOSPITAL_REGION = "hospital_region"


class Role(Choice):
    """A person's role in the committee (*formand*, *lægeligt medlem*, *praksiskonsulent*, ...)."""

    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    DOCTOR_MEMBER = "doctor_member"
    MUNICIPAL_REPRESENTATIVE = "municipal_representative"
    HOSPITAL_REPRESENTATIVE = "hospital_representative"
    PRACTICE_CONSULTANT = "practice_consultant"
    SECRETARY = "secretary"
    SECRETARIAT_STAFF = "secretariat_staff"
    OBSERVER = "observer"


_CHAIRING = frozenset({Role.CHAIR, Role.VICE_CHAIR})


def _email(instance: Person, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is None:
        return
    if not isinstance(value, str) or value.count("@") != 1 or any(c.isspace() for c in value):
        raise _bad_email(value)
    local, domain = value.split("@")
    if not local or "." not in domain:
        raise _bad_email(value)


def _bad_email(value: object) -> InvalidValueError:
    return coded(InvalidValueError, "model.people.email", {"value": excerpt(value)})


@attrs.frozen(slots=True, repr=False)
class Person(Record):
    """A person (*person*), identified by a stable ``id`` separate from the display ``name``.

    ``doctor`` says the person is a physician (a substitute or supplementing
    doctor must be one); it does not by itself give a doctor seat. ``placeholder``
    marks a stand-in for a seat not yet filled (``klu-rules init`` writes them):
    plans note it, so a placeholder is never taken for a real person.
    """

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=one_line)
    email: str | None = attrs.field(default=None, validator=_email)
    doctor: bool = attrs.field(default=False, validator=of_type(bool))
    placeholder: bool = attrs.field(default=False, validator=of_type(bool))


@attrs.frozen(slots=True, repr=False)
class Membership(Record):
    """A person's seat in a committee (*medlemskab*): side, role, organisation and term.

    A term without ``term_start`` runs from the beginning of records; without
    ``term_end`` it has no known end. Both dates are inclusive.

    ``times_listed`` is how many times the source lists this membership (the
    2023 Aalborg page lists one person twice, ``AAL-2023``): the membership is
    held once, and the year's review reports the repeat as a finding.
    """

    person: Person = attrs.field(validator=of_type(Person))
    side: Side = attrs.field(converter=Side)
    role: Role = attrs.field(converter=Role)
    organisation: str | None = attrs.field(default=None, validator=optional_line)
    title: str | None = attrs.field(default=None, validator=optional_line)
    appointed_by: str | None = attrs.field(default=None, validator=optional_line)
    term_start: date | None = attrs.field(default=None, validator=optional_date)
    term_end: date | None = attrs.field(default=None, validator=optional_date)
    times_listed: int = attrs.field(default=1, validator=whole_number(1))

    def __attrs_post_init__(self) -> None:
        if (
            self.term_start is not None
            and self.term_end is not None
            and self.term_end < self.term_start
        ):
            raise coded(
                InvalidIntervalError,
                "model.people.term_ends_before_start",
                {"name": self.person.name, "start": self.term_start, "end": self.term_end},
            )

    @property
    def is_doctor_seat(self) -> bool:
        """True for a doctor seat (*lægelig plads*): a doctor member's, or that of a
        general-practice member who chairs or vice-chairs (chairing is a function the
        member holds, not a seat of its own)."""
        return self.role is Role.DOCTOR_MEMBER or (
            self.side is Side.GENERAL_PRACTICE and self.role in _CHAIRING
        )

    def in_force(self, on: date) -> bool:
        """True when the term covers ``on`` (inclusive at both ends)."""
        if self.term_start is not None and on < self.term_start:
            return False
        return self.term_end is None or on <= self.term_end

    def overlaps(self, other: Membership) -> bool:
        """True when the two terms share at least one day."""
        start = max(self.term_start or date.min, other.term_start or date.min)
        end = min(self.term_end or date.max, other.term_end or date.max)
        return start <= end
