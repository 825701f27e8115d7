"""The committee (*Kommunalt Lægeligt Udvalg*, KLU) and its validation.

A :class:`Committee` holds its members and secretariat, its time zone, the
rule set it works under, its meetings, its local agreements and the records
of its years (minutes, annual wheels, agreed calendars and evaluations; see
:mod:`klu_rules.model.records`). Building one checks the whole: the same person
cannot hold two seats at once, a substitute can only stand in for a doctor
member in office on the meeting date (VEJL2011), and every record refers
to a meeting of the committee that was held, on the date it gives.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from datetime import UTC, date
from typing import TYPE_CHECKING, Any

import attrs

from klu_rules.core.convert import (
    check_date,
    check_year,
    identifier,
    one_line,
    optional_text,
    optional_year,
    tuple_of,
)
from klu_rules.core.errors import DuplicateMemberError, InvalidValueError, NotADoctorMemberError
from klu_rules.core.messages import coded, excerpt, listing
from klu_rules.core.sources import Source, SourceCatalogue, declared_sources
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone
from klu_rules.model.agreement import Agreement
from klu_rules.model.geography import check_place
from klu_rules.model.meeting import AttendanceStatus, Meeting, MeetingStatus
from klu_rules.model.people import Membership, Person, Side
from klu_rules.model.records import AnnualWheel, EvaluationRecord, MeetingCalendar, Minutes

if TYPE_CHECKING:
    from klu_rules.rules.ruleset import RuleSet

__all__ = ["Committee"]

_Record = dict[str, str | int]
"""A record named in an error: ``record`` (a key of ``error.model.record``) and ``of`` (the
meeting id of minutes, the year of the others)."""


def _rule_book(instance: Committee, attribute: attrs.Attribute[Any], value: object) -> None:
    # The model sits below the rules layer: a rule set is known by what the committee uses.
    if not isinstance(getattr(value, "name", None), str) or not callable(
        getattr(value, "in_force", None)
    ):
        raise coded(InvalidValueError, "model.committee.rule_set", {"value": excerpt(value)})


def _memberships(value: Iterable[Membership]) -> tuple[Membership, ...]:
    return tuple_of(value, Membership, "Committee.memberships")


def _meetings(value: Iterable[Meeting]) -> tuple[Meeting, ...]:
    items = tuple_of(value, Meeting, "Committee.meetings")
    return tuple(sorted(items, key=lambda m: (m.start.astimezone(UTC), m.id)))


def _agreements(value: Iterable[Agreement]) -> tuple[Agreement, ...]:
    return tuple_of(value, Agreement, "Committee.agreements")


def _minutes(value: Iterable[Minutes]) -> tuple[Minutes, ...]:
    return tuple_of(value, Minutes, "Committee.minutes")


def _annual_wheels(value: Iterable[AnnualWheel]) -> tuple[AnnualWheel, ...]:
    return tuple_of(value, AnnualWheel, "Committee.annual_wheels")


def _calendars(value: Iterable[MeetingCalendar]) -> tuple[MeetingCalendar, ...]:
    return tuple_of(value, MeetingCalendar, "Committee.calendars")


def _evaluations(value: Iterable[EvaluationRecord]) -> tuple[EvaluationRecord, ...]:
    return tuple_of(value, EvaluationRecord, "Committee.evaluations")


def _timezone(instance: Committee, attribute: attrs.Attribute[str], value: str) -> None:
    get_zone(value)


@attrs.frozen(slots=True, repr=False)
class Committee:
    """A KLU: members, secretariat, time zone, rule set, meetings, agreements and records.

    ``year`` is the year the data describes (the default year to plan), if any.
    Meetings are kept in start order. The records of the committee's years:

    - ``minutes`` (*referater*), at most one per meeting, each for a held
      meeting and, when the meeting has an agenda, only for its item numbers;
      a follow-up's ``owner_person`` is one of the committee's people;
    - ``annual_wheels`` (*årshjul*), ``calendars`` (*mødekalendere*) and
      ``evaluations`` (*årlige evalueringer*), at most one per year each; one
      that names a meeting gives that meeting's date and the meeting was held.
    """

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=one_line)
    municipality: str = attrs.field(validator=one_line)
    region: str = attrs.field(validator=one_line)
    rule_set: RuleSet = attrs.field(validator=_rule_book)
    timezone: str = attrs.field(default=DEFAULT_TIMEZONE, validator=_timezone)
    memberships: tuple[Membership, ...] = attrs.field(default=(), converter=_memberships)
    secretariat: tuple[Membership, ...] = attrs.field(default=(), converter=_memberships)
    meetings: tuple[Meeting, ...] = attrs.field(default=(), converter=_meetings)
    agreements: tuple[Agreement, ...] = attrs.field(default=(), converter=_agreements)
    year: int | None = attrs.field(default=None, validator=optional_year)
    source: str | None = attrs.field(default=None, validator=optional_text)
    minutes: tuple[Minutes, ...] = attrs.field(default=(), converter=_minutes)
    annual_wheels: tuple[AnnualWheel, ...] = attrs.field(default=(), converter=_annual_wheels)
    calendars: tuple[MeetingCalendar, ...] = attrs.field(default=(), converter=_calendars)
    evaluations: tuple[EvaluationRecord, ...] = attrs.field(default=(), converter=_evaluations)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=declared_sources)
    """The sources the committee declares beside the built-in ones and its rule set's (a
    committee file's ``[[sources]]``); ``source`` may be the key of one of them."""

    def __attrs_post_init__(self) -> None:
        # a place certainly wrong is refused as the committee file refuses it: a known
        # municipality in another region, a region that did not exist in the year
        check_place(self.municipality, self.region, year=self.year)
        catalogue = self.catalogue  # a key declared here and by the rule set differently: error
        if self.source is not None and any(s.key == self.source for s in catalogue.declared):
            object.__setattr__(self, "source", catalogue.cite([self.source])[0])
        self._check_people()
        self._check_meetings()
        self._check_records()
        self._years  # noqa: B018 - the year index, computed once when the committee is built

    @property
    def catalogue(self) -> SourceCatalogue:
        """What the committee may cite: the built-in sources, its rule set's and its own."""
        base = getattr(self.rule_set, "catalogue", None)
        return (base if isinstance(base, SourceCatalogue) else SourceCatalogue()).including(
            self.sources
        )

    # -- validation --------------------------------------------------------------
    def _check_people(self) -> None:
        everyone = self.memberships + self.secretariat
        known: dict[str, Person] = {}
        for index, membership in enumerate(everyone):
            person = membership.person
            other = known.get(person.id)
            if other is not None and other != person:
                raise coded(
                    DuplicateMemberError,
                    "model.committee.person_id_reused",
                    {"person": person.id, "first": other.name, "second": person.name},
                )
            known[person.id] = person
            for earlier in everyone[:index]:
                if earlier.person.id == person.id and earlier.overlaps(membership):
                    raise coded(
                        DuplicateMemberError,
                        "model.committee.overlapping_terms",
                        {"name": person.name, "person": person.id, "committee": self.id},
                    )

    def _check_meetings(self) -> None:
        known = {m.person.id: m.person for m in self.memberships + self.secretariat}
        seen: set[str] = set()
        for meeting in self.meetings:
            for entry in meeting.attendance:
                other = known.setdefault(entry.person.id, entry.person)
                if other != entry.person:
                    raise coded(
                        DuplicateMemberError,
                        "model.committee.person_id_reused_at_meeting",
                        {
                            "person": entry.person.id,
                            "first": other.name,
                            "second": entry.person.name,
                            "meeting": meeting.id,
                        },
                    )
            if meeting.id in seen:
                raise coded(
                    InvalidValueError,
                    "model.committee.meeting_id_reused",
                    {"committee": self.id, "meeting": meeting.id},
                )
            seen.add(meeting.id)
            day = meeting.local_date(self.timezone)
            doctors = {m.person.id for m in self.doctor_members(day)}
            for entry in meeting.attendance:
                if entry.status is AttendanceStatus.SUBSTITUTE and (
                    entry.substitute_for not in doctors
                ):
                    raise coded(
                        NotADoctorMemberError,
                        "model.committee.not_a_doctor_member",
                        {
                            "name": entry.person.name,
                            "member": excerpt(entry.substitute_for),
                            "meeting": meeting.id,
                            "day": day,
                        },
                    )

    def _held_meeting(self, record: _Record, meeting_id: str, on: date | None) -> Meeting:
        """The held meeting ``meeting_id``, whose local date is ``on`` (when given)."""
        where = {**record, "meeting": meeting_id, "committee": self.id}
        meeting = next((m for m in self.meetings if m.id == meeting_id), None)
        if meeting is None:
            raise coded(InvalidValueError, "model.committee.record_unknown_meeting", where)
        if meeting.status is not MeetingStatus.HELD:
            raise coded(
                InvalidValueError,
                "model.committee.record_not_held",
                {**where, "status": meeting.status.value},
            )
        day = meeting.local_date(self.timezone)
        if on is not None and on != day:
            raise coded(
                InvalidValueError,
                "model.committee.record_wrong_date",
                {**where, "given": on, "held": day},
            )
        return meeting

    def _check_records(self) -> None:
        people = {p.id for p in self.people()}
        seen: set[str] = set()
        for minutes in self.minutes:
            what: _Record = {"record": "minutes", "of": minutes.meeting_id}
            if minutes.meeting_id in seen:
                raise coded(InvalidValueError, "model.committee.minutes_twice", what)
            seen.add(minutes.meeting_id)
            meeting = self._held_meeting(what, minutes.meeting_id, None)
            held_on = meeting.local_date(self.timezone)
            if minutes.published_on is not None and minutes.published_on < held_on:
                raise coded(
                    InvalidValueError,
                    "model.committee.minutes_published_before",
                    {"meeting": minutes.meeting_id, "given": minutes.published_on, "held": held_on},
                )
            if meeting.agenda is not None:
                numbers = sorted(item.number for item in meeting.agenda.items)
                missing = [i.number for i in minutes.items if i.number not in numbers]
                if missing:
                    raise coded(
                        InvalidValueError,
                        "model.committee.minutes_not_on_agenda",
                        {**what, "missing": ", ".join(missing), **listing("items", numbers)},
                    )
            for item, follow_up in minutes.follow_ups():
                if follow_up.owner_person is not None and follow_up.owner_person not in people:
                    raise coded(
                        InvalidValueError,
                        "model.committee.unknown_owner",
                        {**what, "item": item.number, "owner": follow_up.owner_person},
                    )
        for kind, records in (
            ("annual_wheel", self.annual_wheels),
            ("calendar", self.calendars),
            ("evaluation", self.evaluations),
        ):
            years: set[int] = set()
            for record in records:
                what = {"record": kind, "of": record.year}
                if record.year in years:
                    raise coded(InvalidValueError, "model.committee.record_twice", what)
                years.add(record.year)
                if record.meeting_id is not None:
                    on = (
                        record.done_on if isinstance(record, EvaluationRecord) else record.agreed_on
                    )
                    self._held_meeting(what, record.meeting_id, on)

    # -- queries -------------------------------------------------------------------
    def __repr__(self) -> str:
        return (
            f"<Committee {self.id!r} ({self.name}), rules {self.rule_set.name!r}, "
            f"{len(self.memberships)} memberships, {len(self.meetings)} meetings>"
        )

    def members(self, on: date | None = None) -> tuple[Membership, ...]:
        """Memberships in force on ``on`` (all of them when ``on`` is None)."""
        if on is None:
            return self.memberships
        check_date(on, "on")
        return tuple(m for m in self.memberships if m.in_force(on))

    def doctor_members(self, on: date) -> tuple[Membership, ...]:
        """Doctor members (*lægelige medlemmer*) in office on ``on``: the doctor seats,
        a general-practice chair or vice-chair included (:attr:`Membership.is_doctor_seat`)."""
        return tuple(m for m in self.members(on) if m.is_doctor_seat)

    def side_members(self, side: Side, on: date) -> tuple[Membership, ...]:
        """The memberships of ``side`` in office on ``on``."""
        return tuple(m for m in self.members(on) if m.side is side)

    def people(self) -> Iterator[Person]:
        """Every person named in memberships, the secretariat and attendance, once each."""
        return iter(self._people)

    @functools.cached_property
    def _people(self) -> tuple[Person, ...]:
        """The people index (set when built; recomputed after unpickling)."""
        return tuple(self._find_people())

    def _find_people(self) -> Iterator[Person]:
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
        """The person with id ``person_id``; InvalidValueError naming the known ids if none."""
        for person in self.people():
            if person.id == person_id:
                return person
        raise coded(
            InvalidValueError,
            "model.committee.unknown_person",
            {"committee": self.id, "person": excerpt(person_id)},
        )

    def meeting(self, meeting_id: str) -> Meeting:
        """The meeting with id ``meeting_id``; InvalidValueError naming the known ids if none."""
        for meeting in self.meetings:
            if meeting.id == meeting_id:
                return meeting
        raise coded(
            InvalidValueError,
            "model.committee.unknown_meeting",
            {
                "committee": self.id,
                "meeting": excerpt(meeting_id),
                **listing("meetings", [m.id for m in self.meetings]),
            },
        )

    def meetings_in(self, year: int) -> tuple[Meeting, ...]:
        """Meetings whose local date falls in ``year``, in start order."""
        return self._years.get(check_year(year), ())

    @functools.cached_property
    def _years(self) -> dict[int, tuple[Meeting, ...]]:
        """The meetings of each local year (set when built; recomputed after unpickling)."""
        years: dict[int, list[Meeting]] = {}
        for meeting in self.meetings:
            years.setdefault(meeting.local_date(self.timezone).year, []).append(meeting)
        return {year: tuple(found) for year, found in years.items()}

    def minutes_of(self, meeting_id: str) -> Minutes | None:
        """The minutes of meeting ``meeting_id``, or None when none are recorded."""
        return next((m for m in self.minutes if m.meeting_id == meeting_id), None)

    def annual_wheel_for(self, year: int) -> AnnualWheel | None:
        """The annual wheel (*årshjul*) with the topics for ``year``, or None."""
        check_year(year)
        return next((w for w in self.annual_wheels if w.year == year), None)

    def calendar_for(self, year: int) -> MeetingCalendar | None:
        """The agreed calendar (*mødekalender*) of ``year``, or None."""
        check_year(year)
        return next((c for c in self.calendars if c.year == year), None)

    def evaluation_for(self, year: int) -> EvaluationRecord | None:
        """The evaluation record (*årlig evaluering*) of ``year``, or None."""
        check_year(year)
        return next((e for e in self.evaluations if e.year == year), None)
