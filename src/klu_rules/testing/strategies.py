"""Hypothesis strategies for klu_rules' domain types.

Every strategy is a plural noun returning a ``SearchStrategy`` and takes
keyword arguments only. The arguments are checked when the strategy is
built: a bad argument raises :class:`hypothesis.errors.InvalidArgument` at
once, as Hypothesis's own strategies do.

**Valid values.** ``persons()``, ``memberships()``, ``committees()``,
``meetings()``, ``rule_sets()`` and the rest draw values that construct
without error. Values that go into a committee file are also *file-safe*:
the meeting times of :func:`committees` exist exactly once in
the committee's time zone (no time inside a daylight-saving gap or overlap),
every person id names one person throughout a committee, and so
``parse_committee(dump_committee(c)) == c`` for every ``c`` drawn from
:func:`committees` with a built-in rule set.

**Invalid inputs.** Each ``invalid_*()`` strategy draws an
:class:`InvalidInput`: the constructor (or function) to call, the keyword
arguments that break it, the name of the defect, and the
:class:`~klu_rules.core.errors.KluRulesError` subclass that
:meth:`InvalidInput.build` raises (exactly that class, never a subclass of
it). :data:`DEFECTS` lists every defect of every ``invalid_*()`` strategy
with its error; ``defects=`` picks some of them.

The strategies are registered with Hypothesis through the ``hypothesis``
entry point (see :mod:`klu_rules.testing._hypothesis_entry`), so
``st.from_type(Meeting)`` draws from :func:`meetings`. The page
``docs/strategies.md`` lists every strategy and its arguments.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from datetime import timezone as fixed_offset
from decimal import Decimal
from typing import Any, Literal

import attrs
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

from klu_rules.core.errors import (
    AmbiguousLocalTimeError,
    DuplicateMemberError,
    InvalidIntervalError,
    InvalidRuleSetError,
    InvalidValueError,
    KluRulesError,
    NaiveDatetimeError,
    NonexistentLocalTimeError,
    NotADoctorMemberError,
)
from klu_rules.core.money import Money
from klu_rules.core.period import Period
from klu_rules.core.sources import SOURCES
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone, localize
from klu_rules.core.types import BOUND_DIRECTIONS, BoundDirection
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
from klu_rules.rules import ruleset as _rules
from klu_rules.rules.ruleset import RULE_KEYS, FixedAgendaItem, RuleEntry, RuleSet, Seat, TopicEntry

_IMPORTED = frozenset(globals())

__all__ = [
    "DEFECTS",
    "FIRST_DAY_IN_FORCE",
    "LAST_DAY",
    "InvalidInput",
    "agenda_items",
    "agendas",
    "agreements",
    "annual_wheels",
    "attendances",
    "aware_datetimes",
    "committees",
    "dates_in_force",
    "evaluation_records",
    "follow_ups",
    "invalid_agenda_items",
    "invalid_agendas",
    "invalid_agreements",
    "invalid_attendances",
    "invalid_committees",
    "invalid_local_times",
    "invalid_meetings",
    "invalid_memberships",
    "invalid_money",
    "invalid_periods",
    "invalid_persons",
    "invalid_rule_entries",
    "invalid_rule_sets",
    "meeting_calendars",
    "meeting_times",
    "meetings",
    "memberships",
    "minutes",
    "minutes_items",
    "money",
    "periods",
    "persons",
    "roles",
    "rule_entries",
    "rule_sets",
    "sides",
]

FIRST_DAY_IN_FORCE = date(2011, 4, 1)
"""The first day national KLU rules are in force (VEJL2011): the default lower date bound."""
LAST_DAY = date(2200, 12, 31)
"""The last day the working-day calendar covers: the default upper date bound."""

_FIRST_DAY = date(1900, 1, 1)
_ID_RE = r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}"
_ID = re.compile(_ID_RE)
_NUMBER = re.compile(r"[1-9][0-9]?(\.[a-z])?")
_UNITS = ("minutes", "hours", "days", "weeks", "months")
_CALENDAR_UNITS = ("days", "weeks", "months")
_RESOLUTIONS = ("minute", "second", "microsecond")
_LEVELS = ("national", "local")
_MAX_SIZE = 50
_BOUNDABLE = (int, Decimal, Period, Money)
_LONGEST_MEETING = 7 * 24 * 60

_NAMES = (
    "Mette Bolvig Poulsen",
    "Karen Heebøll",
    "Søren Kjærgaard",
    "Anette Ørum",
    "Jens Ågård",
    "Lise Lotte Bech",
)
_WORDS = (
    "Sundheds- og Kulturforvaltningen",
    "PLO-Aalborg",
    "Senior og Omsorg",
    "Aalborg Universitetshospital",
    "Rådhuset, mødelokale 2",
    "Opfølgning på sundhedsaftalen",
)


# ---------------------------------------------------------------------------
# argument checks


def _fail(message: str) -> InvalidArgument:
    return InvalidArgument(message)


def _check_date(name: str, value: object, lo: date, hi: date) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise _fail(f"{name} must be a datetime.date (not a datetime), got {value!r}")
    if not lo <= value <= hi:
        raise _fail(f"{name} must be between {lo.isoformat()} and {hi.isoformat()}, got {value}")
    return value


def _check_dates(
    min_value: object, max_value: object, lo: date = _FIRST_DAY, hi: date = LAST_DAY
) -> tuple[date, date]:
    low = _check_date("min_value", min_value, lo, hi)
    high = _check_date("max_value", max_value, lo, hi)
    if low > high:
        raise _fail(f"min_value={low} is after max_value={high}")
    return low, high


def _check_int(name: str, value: object, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(f"{name} must be an int, got {value!r}")
    if not lo <= value <= hi:
        raise _fail(f"{name} must be between {lo} and {hi}, got {value}")
    return value


def _check_sizes(min_name: str, min_size: object, max_name: str, max_size: object) -> None:
    low = _check_int(min_name, min_size, 0, _MAX_SIZE)
    high = _check_int(max_name, max_size, 0, _MAX_SIZE)
    if low > high:
        raise _fail(f"{min_name}={low} is larger than {max_name}={high}")


def _check_bool(name: str, value: object, *, optional: bool = False) -> None:
    if optional and value is None:
        return
    if not isinstance(value, bool):
        raise _fail(f"{name} must be True or False{' or None' if optional else ''}, got {value!r}")


def _check_choices(name: str, value: object, allowed: Sequence[str]) -> tuple[str, ...]:
    """A non-empty selection out of ``allowed`` (``None`` means all of them)."""
    if value is None:
        return tuple(allowed)
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise _fail(f"{name} must be a collection of values, got {value!r}")
    chosen = tuple(dict.fromkeys(str(v.value) if hasattr(v, "value") else v for v in value))
    unknown = [v for v in chosen if v not in allowed]
    if unknown or not chosen:
        raise _fail(
            f"{name} must be a non-empty selection of {', '.join(map(repr, allowed))}, "
            f"got {value!r}"
        )
    return chosen


def _check_enum(name: str, value: object, enum_type: Any) -> Any:
    if value is None:
        return None
    try:
        return enum_type(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in enum_type)
        raise _fail(f"{name} must be None or one of {choices}, got {value!r}") from None


def _check_strategy(name: str, value: object, *, optional: bool = True) -> None:
    if value is None and optional:
        return
    if not isinstance(value, SearchStrategy):
        raise _fail(
            f"{name} must be a Hypothesis strategy{' or None' if optional else ''}, got {value!r}"
        )


def _check_zone(value: object) -> str | SearchStrategy[str]:
    if isinstance(value, SearchStrategy):
        return value
    if not isinstance(value, str):
        raise _fail(f"timezone must be an IANA zone name or a strategy of them, got {value!r}")
    try:
        get_zone(value)
    except KluRulesError as exc:
        raise _fail(f"timezone: {exc}") from None
    return value


def _check_rule_set(name: str, value: object, *, national: bool | None = None) -> None:
    if not isinstance(value, RuleSet):
        raise _fail(f"{name} must be a klu_rules RuleSet, got {value!r}")
    if national is True and value.level != "national":
        raise _fail(f"{name} must be a national rule set, got the {value.level} {value.name!r}")


def _zone_of(draw: DrawFn, value: str | SearchStrategy[str]) -> str:
    name = draw(value) if isinstance(value, SearchStrategy) else value
    try:
        get_zone(name)
    except KluRulesError as exc:
        raise _fail(f"timezone strategy drew an unusable zone: {exc}") from None
    return name


# ---------------------------------------------------------------------------
# small building blocks


@functools.cache
def _nonblank(max_size: int = 24) -> SearchStrategy[str]:
    """Text that is not blank after ``strip()``: what the file format accepts."""
    return st.one_of(
        st.sampled_from(_WORDS + _NAMES),
        st.text(min_size=1, max_size=max_size).filter(lambda s: bool(s.strip())),
    )


@functools.cache
def _optional_text() -> SearchStrategy[str | None]:
    """None, text, or blank text (a blank optional text is valid and written as it is)."""
    return st.none() | _nonblank() | st.sampled_from(["", " ", "\t"])


@functools.cache
def _nonblank_or_none() -> SearchStrategy[str | None]:
    """None or non-blank text: what the rule-set reader accepts for optional texts."""
    return st.none() | _nonblank()


@functools.cache
def _ids() -> SearchStrategy[str]:
    return st.one_of(
        st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True),
        st.from_regex(_ID_RE, fullmatch=True),
    )


@functools.cache
def _emails() -> SearchStrategy[str]:
    return st.emails().filter(lambda e: e.count("@") == 1 and " " not in e)


@functools.cache
def _agenda_numbers() -> SearchStrategy[str]:
    return st.builds(
        lambda main, sub: str(main) if sub is None else f"{main}.{sub}",
        st.integers(1, 99),
        st.none() | st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    )


@functools.cache
def _source_keys(*, min_size: int = 1) -> SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(sorted(SOURCES)), min_size=min_size, max_size=3, unique=True)


@functools.cache
def _topic_keys() -> tuple[str, ...]:
    return tuple(t.key for t in _rules.NATIONAL.topics)


@functools.cache
def _topics() -> SearchStrategy[str]:
    return st.one_of(st.sampled_from(_topic_keys()), st.from_regex(r"[a-z_]{1,20}", fullmatch=True))


# ---------------------------------------------------------------------------
# dates and times


def dates_in_force(
    *, min_value: date = FIRST_DAY_IN_FORCE, max_value: date = LAST_DAY
) -> SearchStrategy[date]:
    """Dates on which national KLU rules are in force: 2011-04-01 to 2200-12-31.

    ``min_value`` and ``max_value`` (inclusive) narrow the range and must lie in it.
    """
    low, high = _check_dates(min_value, max_value, FIRST_DAY_IN_FORCE, LAST_DAY)
    return st.dates(low, high)


def aware_datetimes(
    *,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
    timezones: SearchStrategy[tzinfo] | None = None,
) -> SearchStrategy[datetime]:
    """Timezone-aware datetimes whose wall-clock date lies in ``min_value..max_value``.

    ``timezones`` defaults to ``hypothesis.strategies.timezones()``. Any aware
    datetime is accepted by the Python API, so this includes times that are
    ambiguous or do not exist in their zone (the wall clock around a DST
    change); use :func:`meeting_times` for times that can be written to a file.
    """
    low, high = _check_dates(min_value, max_value)
    _check_strategy("timezones", timezones)
    zones = st.timezones() if timezones is None else timezones
    return st.datetimes(
        datetime.combine(low, time.min),
        datetime.combine(high, time.max),
        timezones=zones,
    ).filter(lambda d: d.utcoffset() is not None)


@st.composite
def _meeting_time(
    draw: DrawFn, zone: str | SearchStrategy[str], low: date, high: date, resolution: str
) -> datetime:
    name = _zone_of(draw, zone)
    day = draw(_dates(low, high))
    # office hours, any hour, or the small hours when clocks change in most zones
    hour = draw(st.one_of(st.integers(8, 18), st.integers(0, 23), st.integers(0, 3)))
    minute = draw(st.sampled_from((0, 15, 30, 45)) | st.integers(0, 59))
    second = 0 if resolution == "minute" else draw(st.integers(0, 59))
    micro = draw(st.integers(0, 999_999)) if resolution == "microsecond" else 0
    naive = datetime.combine(day, time(hour, minute, second, micro))
    try:
        return localize(naive, name)
    except KluRulesError:
        # Inside a DST gap or overlap: take the same wall time a day later or
        # earlier (clocks change at most once a day), else give up on this draw.
        for shift in (1, -1):
            other = naive + timedelta(days=shift)
            if low <= other.date() <= high:
                try:
                    return localize(other, name)
                except KluRulesError:  # pragma: no cover - clocks changing two days running
                    continue
        assume(False)
        raise AssertionError("unreachable") from None  # pragma: no cover


def meeting_times(
    *,
    timezone: str | SearchStrategy[str] = DEFAULT_TIMEZONE,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
    resolution: Literal["minute", "second", "microsecond"] = "minute",
) -> SearchStrategy[datetime]:
    """Meeting start times: aware datetimes in ``timezone`` that exist exactly once there.

    The wall-clock time is never inside a daylight-saving gap or overlap, so
    the committee file writes it as a local time and reads it back equal.
    ``timezone`` is an IANA name (default ``Europe/Copenhagen``) or a strategy
    of names; the local date lies in ``min_value..max_value`` (within
    1900-01-01..2200-12-31); hours favour office hours. ``resolution``:
    ``"minute"`` (seconds and microseconds are 0), ``"second"`` or
    ``"microsecond"``. The tzinfo is the ``zoneinfo.ZoneInfo`` of the zone.
    """
    zone = _check_zone(timezone)
    low, high = _check_dates(min_value, max_value)
    if resolution not in _RESOLUTIONS:
        raise _fail(f"resolution must be one of {', '.join(_RESOLUTIONS)}, got {resolution!r}")
    return _meeting_time(zone, low, high, resolution)


# ---------------------------------------------------------------------------
# people


def sides() -> SearchStrategy[Side]:
    """Every :class:`~klu_rules.Side`."""
    return st.sampled_from(Side)


def roles() -> SearchStrategy[Role]:
    """Every :class:`~klu_rules.Role`."""
    return st.sampled_from(Role)


def persons(*, doctor: bool | None = None) -> SearchStrategy[Person]:
    """People with a valid stable id, a non-blank name and an optional e-mail.

    ``doctor=True`` / ``False`` fixes :attr:`~klu_rules.Person.doctor`;
    ``None`` (default) draws both.
    """
    _check_bool("doctor", doctor, optional=True)
    return st.builds(
        Person,
        id=_ids(),
        name=_nonblank(),
        email=st.none() | _emails(),
        doctor=st.booleans() if doctor is None else st.just(doctor),
    )


_USUAL_SIDE = {
    Role.CHAIR: Side.MUNICIPALITY,
    Role.VICE_CHAIR: Side.GENERAL_PRACTICE,
    Role.DOCTOR_MEMBER: Side.GENERAL_PRACTICE,
    Role.MUNICIPAL_REPRESENTATIVE: Side.MUNICIPALITY,
    Role.HOSPITAL_REPRESENTATIVE: Side.HOSPITAL_REGION,
    Role.PRACTICE_CONSULTANT: Side.MUNICIPALITY,
    Role.SECRETARY: Side.MUNICIPALITY,
    Role.SECRETARIAT_STAFF: Side.MUNICIPALITY,
    Role.OBSERVER: Side.HOSPITAL_REGION,
}


@functools.cache
def _people(doctor: bool | None = None) -> SearchStrategy[Person]:
    return persons(doctor=doctor)


@functools.lru_cache(maxsize=512)
def _dates(low: date, high: date) -> SearchStrategy[date]:
    return st.dates(low, high)


@st.composite
def _term(draw: DrawFn, low: date, high: date) -> tuple[date | None, date | None]:
    start = draw(st.none() | _dates(low, high))
    end = draw(st.none() | _dates(start or low, high))
    return start, end


@st.composite
def _membership(
    draw: DrawFn, people: SearchStrategy[Person], role: Role | None, low: date, high: date
) -> Membership:
    person = draw(people)
    chosen = role if role is not None else draw(roles())
    side = draw(st.just(_USUAL_SIDE[chosen]) | sides())
    start, end = draw(_term(low, high))
    return Membership(
        person=person,
        side=side,
        role=chosen,
        organisation=draw(_optional_text()),
        title=draw(_optional_text()),
        appointed_by=draw(st.none() | st.sampled_from(("PLO-Aalborg", "PLO-K", "Byrådet"))),
        term_start=start,
        term_end=end,
    )


def memberships(
    *,
    person: Person | SearchStrategy[Person] | None = None,
    role: Role | str | None = None,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
) -> SearchStrategy[Membership]:
    """Memberships (seats) with a side, a role and an optional term.

    ``person`` is a fixed :class:`~klu_rules.Person` or a strategy (default
    :func:`persons`); ``role`` fixes the role (default: any, with the usual
    side for the role most of the time). Term dates, when present, lie in
    ``min_value..max_value`` and never end before they start.
    """
    if isinstance(person, Person):
        people: SearchStrategy[Person] = st.just(person)
    else:
        _check_strategy("person", person)
        people = persons() if person is None else person
    chosen = _check_enum("role", role, Role)
    low, high = _check_dates(min_value, max_value)
    return _membership(people, chosen, low, high)


# ---------------------------------------------------------------------------
# agendas


@st.composite
def _agenda_item(draw: DrawFn, number: str | None, kind: AgendaItemKind | None) -> AgendaItem:
    return AgendaItem(
        number=draw(_agenda_numbers()) if number is None else number,
        title=draw(_nonblank()),
        kind=draw(st.sampled_from(AgendaItemKind)) if kind is None else kind,
        duration_minutes=draw(st.none() | st.integers(1, 120) | st.integers(1, 24 * 60)),
        what=draw(_optional_text()),
        how=draw(_optional_text()),
        why=draw(_optional_text()),
        proposer=draw(_optional_text()),
        topics=tuple(draw(st.lists(_topics(), max_size=3))),
        case_description=draw(_optional_text()),
    )


def agenda_items(*, kind: AgendaItemKind | str | None = None) -> SearchStrategy[AgendaItem]:
    """Agenda items with a valid number (``"2"``, ``"2.c"``), a title and an optional duration.

    ``kind`` fixes the :class:`~klu_rules.AgendaItemKind`. ``what`` / ``how`` /
    ``why`` may be missing or blank (an undescribed item is valid, only
    flagged by the agenda rules); ``topics`` mixes national topic keys and
    other keys.
    """
    return _agenda_item(None, _check_enum("kind", kind, AgendaItemKind))


@st.composite
def _agenda(draw: DrawFn, min_items: int, max_items: int) -> Agenda:
    numbers = draw(st.lists(_agenda_numbers(), min_size=min_items, max_size=max_items, unique=True))
    if draw(st.booleans()):
        numbers.sort(key=lambda n: (int(n.split(".")[0]), n))
    items = tuple(draw(_agenda_item(n, None)) for n in numbers)
    not_relevant = tuple(draw(st.lists(st.sampled_from(_topic_keys()), max_size=2, unique=True)))
    return Agenda(items=items, not_relevant=not_relevant)


@functools.cache
def _small_agendas() -> SearchStrategy[Agenda]:
    return agendas(max_items=4)


def agendas(*, min_items: int = 0, max_items: int = 8) -> SearchStrategy[Agenda]:
    """Agendas of ``min_items..max_items`` items with unique numbers.

    Items are in number order about half of the time (an agenda out of order
    is valid); ``not_relevant`` lists up to two national topic keys.
    """
    _check_sizes("min_items", min_items, "max_items", max_items)
    return _agenda(min_items, max_items)


# ---------------------------------------------------------------------------
# attendance and meetings


@st.composite
def _attendance(
    draw: DrawFn,
    person: Person,
    statuses: tuple[str, ...],
    agenda: Agenda | None,
    seat_holders: Sequence[str] | None,
) -> Attendance:
    """One entry for ``person``; ``seat_holders`` None means any other id may be substituted."""
    allowed = [AttendanceStatus(s) for s in statuses]
    if not person.doctor:
        allowed = [
            s
            for s in allowed
            if s not in (AttendanceStatus.SUBSTITUTE, AttendanceStatus.SUPPLEMENTING)
        ]
    candidates: list[str] = []
    if AttendanceStatus.SUBSTITUTE in allowed:
        if seat_holders is None:
            other = draw(_ids().filter(lambda i: i != person.id))
            candidates = [other]
        else:
            candidates = [pid for pid in seat_holders if pid != person.id]
        if not candidates:
            allowed.remove(AttendanceStatus.SUBSTITUTE)
    assume(allowed)  # a non-doctor asked for doctor statuses only
    # substitutes are what committee checks are about: draw them twice as often
    weighted = allowed + [s for s in allowed if s is AttendanceStatus.SUBSTITUTE]
    status = draw(st.sampled_from(weighted))
    if status is AttendanceStatus.SUBSTITUTE:
        numbers = [] if agenda is None else [i.number for i in agenda.items]
        items = draw(st.lists(st.sampled_from(numbers), unique=True)) if numbers else []
        return Attendance(
            person, status, substitute_for=draw(st.sampled_from(candidates)), items=tuple(items)
        )
    reason = draw(_optional_text()) if status is AttendanceStatus.ABSENT else None
    return Attendance(person, status, reason=reason)


@st.composite
def _standalone_attendance(
    draw: DrawFn, people: SearchStrategy[Person], statuses: tuple[str, ...], agenda: Agenda | None
) -> Attendance:
    return draw(_attendance(draw(people), statuses, agenda, None))


def attendances(
    *,
    person: Person | SearchStrategy[Person] | None = None,
    statuses: Iterable[AttendanceStatus | str] | None = None,
    agenda: Agenda | None = None,
) -> SearchStrategy[Attendance]:
    """One person's attendance: present, absent (with a reason), substitute, supplementing.

    ``person`` is a fixed person or a strategy (default :func:`persons`);
    ``statuses`` limits the statuses drawn. Substitutes and supplementing
    doctors are always doctors; a substitute names another (random) person id
    and, when ``agenda`` is given, a subset of its item numbers (else no
    items). A fixed non-doctor ``person`` with only doctor statuses draws
    nothing (Hypothesis reports an unsatisfiable strategy).
    """
    if isinstance(person, Person):
        people: SearchStrategy[Person] = st.just(person)
    else:
        _check_strategy("person", person)
        people = persons() if person is None else person
    chosen = _check_choices("statuses", statuses, tuple(s.value for s in AttendanceStatus))
    if agenda is not None and not isinstance(agenda, Agenda):
        raise _fail(f"agenda must be an Agenda or None, got {agenda!r}")
    return _standalone_attendance(people, chosen, agenda)


def _durations(rules: RuleSet | None, day: date) -> SearchStrategy[int]:
    """Meeting lengths in minutes, around the rule set's ``meeting_length`` when given."""
    base = st.integers(15, 300)
    if rules is None:
        return base
    try:
        in_force = rules.in_force(day)
        norm_period = in_force.period("meeting_length")
    except KluRulesError:
        return base
    national = in_force.national_value("meeting_length")
    limit_period = national if isinstance(national, Period) else norm_period

    def minutes(period: Period) -> int:
        whole = int(period.as_timedelta().total_seconds() // 60)
        return min(max(whole, 1), _LONGEST_MEETING)

    norm, limit = minutes(norm_period), minutes(limit_period)
    low, high = min(norm, limit), max(norm, limit)
    return st.one_of(st.just(norm), st.just(limit), st.integers(max(low - 30, 1), high + 120), base)


def _end_of(start: datetime, minutes: int, zone: str) -> datetime | None:
    """The end ``minutes`` of wall-clock time after ``start``, if it exists once in ``zone``."""
    naive = start.astimezone(get_zone(zone)).replace(tzinfo=None) + timedelta(minutes=minutes)
    try:
        # Later on the wall clock and outside any gap, so also later in real time.
        return localize(naive, zone)
    except KluRulesError:
        return None


_REPRESENTATIONS = st.sampled_from(("zone", "zone", "zone", "utc", "offset"))


def _represent(how: str, moment: datetime) -> datetime:
    """The same instant in its zone (``"zone"``), in UTC or at its fixed UTC offset."""
    if how == "utc":
        return moment.astimezone(UTC)
    if how == "offset":
        offset = moment.utcoffset()
        assert offset is not None
        return moment.astimezone(fixed_offset(offset))
    return moment


@st.composite
def _meeting(
    draw: DrawFn,
    zone: str | SearchStrategy[str],
    low: date,
    high: date,
    rules: RuleSet | None,
    people: Sequence[Person] | SearchStrategy[Person],
    max_attendance: int,
    meeting_id: str | None,
    seat_holders: Callable[[date], Sequence[str]] | None,
) -> Meeting:
    name = _zone_of(draw, zone)
    start = draw(_meeting_time(name, low, high, "minute"))
    day = start.date()
    end = None
    if draw(st.integers(0, 4)):
        end = _end_of(start, draw(_durations(rules, day)), name)
    how = draw(_REPRESENTATIONS)
    start = _represent(how, start)
    end = None if end is None else _represent(how, end)
    agenda = draw(st.none() | _small_agendas())
    if isinstance(people, SearchStrategy):
        pool = draw(st.lists(people, max_size=max_attendance, unique_by=lambda p: p.id))
    else:
        pool = draw(
            st.lists(
                st.sampled_from(people), max_size=min(max_attendance, len(people)), unique=True
            )
            if people
            else st.just([])
        )
    holders = None if seat_holders is None else seat_holders(day)
    statuses = tuple(s.value for s in AttendanceStatus)
    attendance = [draw(_attendance(person, statuses, agenda, holders)) for person in pool]
    kind = draw(st.sampled_from(MeetingKind))
    return Meeting(
        id=draw(_ids()) if meeting_id is None else meeting_id,
        start=start,
        end=end,
        kind=kind,
        status=draw(st.sampled_from(MeetingStatus)),
        revision=draw(st.integers(0, 5) | st.integers(0, 2**63 - 1)),
        location=draw(_optional_text()),
        title=draw(_optional_text()),
        attendance=tuple(attendance),
        agenda=agenda,
        call_for_items_on=draw(st.none() | _dates(day - timedelta(weeks=8), day)),
        agenda_sent_on=draw(st.none() | _dates(day - timedelta(weeks=4), day)),
        announced_on=(
            draw(st.none() | _dates(day - timedelta(days=200), day))
            if kind is MeetingKind.DIALOGUE
            else None
        ),
    )


def meetings(
    *,
    timezone: str | SearchStrategy[str] = DEFAULT_TIMEZONE,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
    rules: RuleSet | None = None,
    people: SearchStrategy[Person] | None = None,
    max_attendance: int = 6,
) -> SearchStrategy[Meeting]:
    """Meetings with valid, aware start and end times, an optional agenda and attendance.

    - ``timezone``: the zone of the wall clock (an IANA name or a strategy);
      the start is a :func:`meeting_times` value, given in that zone most of
      the time and otherwise as the same instant in UTC or at a fixed offset;
    - ``min_value`` / ``max_value``: the range of the local date;
    - ``rules``: a rule set; meetings then start no earlier than its first
      day in force and their length is drawn around its ``meeting_length``
      (exactly the norm, exactly the national maximum, or a bit over);
    - ``people`` / ``max_attendance``: who may attend (default
      :func:`persons`), at most ``max_attendance`` entries, one per person.
      Substitutes name some other person id (a meeting alone does not know
      the doctor members; :func:`committees` draws substitutes for members).

    The end, when present, is after the start and exists once in the zone.
    Dialogue meetings may have ``announced_on``; others do not.
    """
    zone = _check_zone(timezone)
    low, high = _check_dates(min_value, max_value)
    if rules is not None:
        _check_rule_set("rules", rules)
        first = rules.starts
        if first is None or first > high:
            raise _fail(f"rule set {rules.name!r} is in force on no day up to max_value={high}")
        low = max(low, first)
    _check_strategy("people", people)
    _check_int("max_attendance", max_attendance, 0, _MAX_SIZE)
    pool = persons() if people is None else people
    return _meeting(zone, low, high, rules, pool, max_attendance, None, None)


# ---------------------------------------------------------------------------
# agreements


_STEPS = (
    AgreementStatus.DRAFT,
    AgreementStatus.SENT,
    AgreementStatus.CONCLUDED,
    AgreementStatus.EVALUATED,
)


@st.composite
def _agreement(draw: DrawFn, low: date, high: date, statuses: tuple[str, ...]) -> Agreement:
    status = AgreementStatus(draw(st.sampled_from(statuses)))
    days = sorted(draw(st.lists(_dates(low, high), min_size=4, max_size=4)))
    if status is AgreementStatus.WITHDRAWN:
        present = draw(st.lists(st.booleans(), min_size=4, max_size=4))
    else:
        reached = _STEPS.index(status)
        present = [draw(st.booleans())] + [i <= reached for i in range(1, 4)]
    drafted, sent, concluded, evaluated = (
        d if p else None for d, p in zip(days, present, strict=True)
    )
    return Agreement(
        id=draw(_ids()),
        title=draw(_nonblank()),
        kind=draw(st.sampled_from(AgreementKind)),
        status=status,
        parties=tuple(draw(st.lists(_nonblank(), max_size=3))),
        drafted_on=drafted,
        sent_on=sent,
        concluded_on=concluded,
        evaluated_on=evaluated,
        sent_to=draw(
            st.none() | st.sampled_from(("Samarbejdsudvalget", "Sundhedssamarbejdsudvalget"))
        ),
        notes=draw(_optional_text()),
    )


def agreements(
    *,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
    statuses: Iterable[AgreementStatus | str] | None = None,
) -> SearchStrategy[Agreement]:
    """Local agreements whose recorded dates match their status and never go backwards.

    A ``draft`` has at most ``drafted_on``; ``sent`` also has ``sent_on``;
    ``concluded`` and ``evaluated`` the dates up to their step; a
    ``withdrawn`` agreement any of them. Dates lie in ``min_value..max_value``;
    ``statuses`` limits the statuses drawn.
    """
    low, high = _check_dates(min_value, max_value)
    chosen = _check_choices("statuses", statuses, tuple(s.value for s in AgreementStatus))
    return _agreement(low, high, chosen)


# ---------------------------------------------------------------------------
# periods and money


def periods(
    *,
    units: Iterable[str] | None = None,
    min_amount: int = 0,
    max_amount: int = 999_999,
) -> SearchStrategy[Period]:
    """Periods such as ``Period(2, "weeks")``: an amount in ``min_amount..max_amount`` and a unit.

    ``units`` limits the units (``minutes``, ``hours``, ``days``, ``weeks``,
    ``months``); small amounts are drawn more often.
    """
    chosen = _check_choices("units", units, _UNITS)
    low = _check_int("min_amount", min_amount, 0, 999_999)
    high = _check_int("max_amount", max_amount, 0, 999_999)
    if low > high:
        raise _fail(f"min_amount={low} is larger than max_amount={high}")
    amounts = st.integers(low, min(high, low + 12)) | st.integers(low, high)
    return st.builds(Period, amounts, st.sampled_from(chosen))


@functools.cache
def _price_levels() -> SearchStrategy[str]:
    return st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1990, 2200), st.integers(1, 12))


def money(
    *,
    min_value: Decimal | int | str = -1_000_000_000,
    max_value: Decimal | int | str = 1_000_000_000,
    price_levels: SearchStrategy[str] | None = None,
) -> SearchStrategy[Money]:
    """Amounts in DKK at a price level ``YYYY-MM``, in ``min_value..max_value``.

    Amounts have two or four decimals before rounding (``Money`` rounds
    half-up to øre), so the rounding is exercised. ``price_levels`` is a
    strategy of ``YYYY-MM`` texts (default: months of 1990..2200). The
    bounds must be finite and within ±10^15 kr.
    """
    bounds = []
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
            raise _fail(f"{name} must be a Decimal, an int or a decimal string, got {value!r}")
        try:
            number = Decimal(value)
        except ArithmeticError:
            raise _fail(f"{name} must be a decimal amount, got {value!r}") from None
        if not number.is_finite() or abs(number) > 10**15:
            raise _fail(f"{name} must be a finite amount within ±10^15, got {value!r}")
        bounds.append(number)
    if bounds[0] > bounds[1]:
        raise _fail(f"min_value={bounds[0]} is larger than max_value={bounds[1]}")
    _check_strategy("price_levels", price_levels)
    amounts = st.one_of(
        st.decimals(bounds[0], bounds[1], places=2, allow_nan=False, allow_infinity=False),
        st.decimals(bounds[0], bounds[1], places=4, allow_nan=False, allow_infinity=False),
    )
    # Rounding half-up to øre can leave the bounds by at most half an øre: keep within them.
    return st.builds(
        Money, amounts, _price_levels() if price_levels is None else price_levels
    ).filter(lambda m: bounds[0] <= m.amount <= bounds[1])


# ---------------------------------------------------------------------------
# rules


def _units_for(key: str, parent: RuleSet | None) -> tuple[str, ...]:
    """The units a value of ``key`` may take, comparable with every parent value of it."""
    units = RULE_KEYS[key].units
    if parent is None:
        return units
    for entry in parent.entries:
        if entry.key == key and isinstance(entry.value, Period):
            months = entry.value.unit == "months"
            units = tuple(u for u in units if (u == "months") == months)
    return units


def _near(
    value: object, units: tuple[str, ...], max_amount: int = 999_999
) -> list[SearchStrategy[Any]]:
    """Values just below, at and above a national value, to reach both sides of a bound."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [st.integers(max(value - 3, 0), value + 3)]
    if isinstance(value, Decimal):
        return [
            st.decimals(
                max(value - 1, Decimal(0)),
                value + 1,
                places=2,
                allow_nan=False,
                allow_infinity=False,
            )
        ]
    if isinstance(value, Money):
        return [
            st.builds(
                Money,
                st.decimals(value.amount - 100, value.amount + 100, places=2),
                st.just(value.price_level),
            )
        ]
    if isinstance(value, Period):
        low, high = max(value.amount - 2, 0), min(value.amount + 2, max_amount)
        if value.unit in units and low <= high:
            return [st.builds(Period, st.integers(low, high), st.just(value.unit))]
    return []


def _values(
    key: str, units: tuple[str, ...], parent: RuleSet | None, max_amount: int = 999_999
) -> SearchStrategy[Any]:
    spec = RULE_KEYS[key]
    kind = spec.value_type
    generic: SearchStrategy[Any]
    if spec.choices:
        generic = st.sampled_from(spec.choices)
    elif kind is bool:
        generic = st.booleans()
    elif kind is int:
        generic = st.integers(0, 12) | st.integers(0, 2**63 - 1)
    elif kind is Decimal:
        generic = st.decimals(0, 1, places=3) | st.decimals(
            0, 10**6, allow_nan=False, allow_infinity=False
        )
    elif kind is Period:
        generic = periods(units=units, max_amount=max_amount)
    elif kind is Money:
        generic = money()
    else:
        generic = _nonblank()
    near = []
    if parent is not None:
        for entry in parent.entries:
            if entry.key == key:
                near += _near(entry.value, units, max_amount)
    return st.one_of(generic, *near)


@st.composite
def _rule_entry(
    draw: DrawFn,
    key: str,
    level: str,
    low: date,
    high: date,
    parent: RuleSet | None,
    units: tuple[str, ...] | None = None,
    effective: date | None = None,
    max_amount: int = 999_999,
) -> RuleEntry:
    chosen_units = _units_for(key, parent) if units is None else units
    value = draw(_values(key, chosen_units, parent, max_amount))
    status = draw(st.sampled_from(("rule", "rule", "assumption", "convention")))
    sources = draw(_source_keys(min_size=0 if status == "assumption" else 1))
    bound: BoundDirection | None = None
    if level == "national" and isinstance(value, _BOUNDABLE) and not isinstance(value, bool):
        bound = draw(st.none() | st.sampled_from(BOUND_DIRECTIONS))
    return RuleEntry(
        key=key,
        value=value,
        effective_from=draw(_dates(low, high)) if effective is None else effective,
        sources=tuple(sources),
        bound=bound,
        status=status,
        note=draw(st.just("") | st.text(max_size=60)),
    )


def _check_keys(keys: object, parent: RuleSet | None) -> tuple[str, ...]:
    chosen = _check_choices("keys", keys, tuple(RULE_KEYS))
    usable = tuple(
        k for k in chosen if RULE_KEYS[k].value_type is not Period or _units_for(k, parent)
    )
    if not usable:
        raise _fail(f"keys {chosen!r} have no value comparable with the parent rule set")
    return usable


def rule_entries(
    *,
    keys: Iterable[str] | None = None,
    level: Literal["national", "local"] = "national",
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
) -> SearchStrategy[RuleEntry]:
    """Dated rule values of the keys in :data:`klu_rules.rules.ruleset.RULE_KEYS` (or ``keys``).

    Values have the key's type, choices and units; numbers are never
    negative; every entry cites one to three source keys, except an
    ``assumption``, which may cite none. ``level="national"`` entries carry
    a ``minimum`` / ``maximum`` bound about two times in three when the value
    is a number, an amount or a period; ``level="local"`` entries never do.
    ``effective_from`` lies in ``min_value..max_value``.
    """
    if level not in _LEVELS:
        raise _fail(f"level must be 'national' or 'local', got {level!r}")
    chosen = _check_keys(keys, None)
    low, high = _check_dates(min_value, max_value, date(1, 1, 1), date(9999, 12, 31))
    return st.sampled_from(chosen).flatmap(lambda k: _rule_entry(k, level, low, high, None))


def _entries(
    draw: DrawFn,
    keys: tuple[str, ...],
    level: str,
    low: date,
    high: date,
    parent: RuleSet | None,
    max_per_key: int,
    max_amount: int,
) -> tuple[RuleEntry, ...]:
    chosen = draw(
        st.lists(
            st.sampled_from(keys),
            unique=True,
            min_size=1 if level == "national" else 0,
            max_size=len(keys),
        )
    )
    entries: list[RuleEntry] = []
    for key in chosen:
        days = draw(st.lists(_dates(low, high), min_size=1, max_size=max_per_key, unique=True))
        units = _units_for(key, parent)
        if RULE_KEYS[key].value_type is Period and not units:
            continue  # no unit of this key compares with every parent value
        if level == "national" and RULE_KEYS[key].value_type is Period:
            # one family per key (months, or minutes..weeks), so local values can compare
            months = draw(st.booleans()) if "months" in units and len(units) > 1 else None
            if months is not None:
                units = tuple(u for u in units if (u == "months") == months)
        entries += [
            draw(_rule_entry(key, level, low, high, parent, units, day, max_amount)) for day in days
        ]
    return tuple(entries)


@st.composite
def _rule_set(
    draw: DrawFn,
    level: str,
    parent: RuleSet | SearchStrategy[RuleSet] | None,
    keys: tuple[str, ...],
    low: date,
    high: date,
    max_per_key: int,
    max_amount: int,
) -> RuleSet:
    base: RuleSet | None = None
    if level == "local":
        base = draw(parent) if isinstance(parent, SearchStrategy) else parent
        base = _rules.NATIONAL if base is None else base
        if base.level != "national":
            raise _fail(f"parent strategy drew the {base.level} rule set {base.name!r}")
    entries = _entries(draw, keys, level, low, high, base, max_per_key, max_amount)
    fixed = tuple(
        FixedAgendaItem(
            key=draw(st.from_regex(r"[a-z_]{1,20}", fullmatch=True)),
            number=number,
            title_da=draw(_nonblank()),
            kind=draw(st.sampled_from(AgendaItemKind)),
            effective_from=draw(_dates(low, high)),
            sources=tuple(draw(_source_keys())),
        )
        for number in draw(st.lists(_agenda_numbers(), max_size=3, unique=True))
    )
    topics = tuple(
        TopicEntry(
            key=draw(_topics()),
            effective_from=draw(_dates(low, high)),
            sources=tuple(draw(_source_keys())),
            number=draw(st.none() | _agenda_numbers()),
            name_da=draw(_nonblank_or_none()),
            name_en=draw(_nonblank_or_none()),
            standing=draw(st.none() | st.booleans()),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    seats = tuple(
        Seat(
            key=draw(st.from_regex(r"[a-z_]{1,20}", fullmatch=True)),
            title_da=draw(_nonblank()),
            side=draw(sides()),
            role=draw(roles()),
            effective_from=draw(_dates(low, high)),
            sources=tuple(draw(_source_keys())),
            count=draw(st.none() | st.integers(1, 20)),
            organisation=draw(_nonblank_or_none()),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    return RuleSet(
        name=draw(st.from_regex(r"[a-z][a-z0-9-]{0,30}", fullmatch=True) | _nonblank()),
        title=draw(_nonblank()),
        level="local" if level == "local" else "national",
        entries=entries,
        parent=base,
        fixed_agenda_items=fixed,
        topics=topics,
        seats=seats,
    )


def rule_sets(
    *,
    level: Literal["national", "local"] = "local",
    parent: RuleSet | SearchStrategy[RuleSet] | None = None,
    keys: Iterable[str] | None = None,
    max_entries_per_key: int = 3,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
    max_period_amount: int = 999_999,
) -> SearchStrategy[RuleSet]:
    """Rule sets, valid by construction; by default local rule sets layered on NATIONAL.

    - ``level="local"`` (default): layered on ``parent`` (default
      :data:`klu_rules.rules.ruleset.NATIONAL`; a national rule set or a strategy of
      them). For keys the parent bounds, values are drawn near the parent's
      values too, so local values **beyond the national bound** are common
      (e.g. a one-week agenda notice against the national two weeks), as are
      values on the permitted side. Periods use units comparable with the
      parent's (no months against weeks).
    - ``level="national"``: a national rule set of at least one entry, with
      bounds on some numeric entries (use it as ``parent=`` for local ones).
    - ``keys`` limits the rule keys; each chosen key has
      1..``max_entries_per_key`` entries with distinct effective dates in
      ``min_value..max_value``. Entries are grouped by key, as
      :func:`~klu_rules.dump_rule_set` writes them.
    - Up to three fixed agenda items, topic entries and seats each.
    - ``max_period_amount`` caps the amount of every period value (days,
      weeks or months alike). The default allows any valid period, so
      notices long enough to leave the calendar's years occur, and planning
      them raises a clear error; pass e.g. ``max_period_amount=26`` for
      rule sets every meeting in the calendar's middle years can be planned
      with.

    The rule sets are not loaded from a file (``origin`` is None): a
    committee file can only refer to them after ``dump_rule_set`` and
    ``load_rule_set``.
    """
    if level not in _LEVELS:
        raise _fail(f"level must be 'national' or 'local', got {level!r}")
    if isinstance(parent, RuleSet):
        _check_rule_set("parent", parent, national=True)
    else:
        _check_strategy("parent", parent)
    if level == "national" and parent is not None:
        raise _fail("a national rule set has no parent; leave parent=None")
    chosen = _check_keys(keys, parent if isinstance(parent, RuleSet) else None)
    _check_int("max_entries_per_key", max_entries_per_key, 1, 10)
    low, high = _check_dates(min_value, max_value, date(1, 1, 1), date(9999, 12, 31))
    amount = _check_int("max_period_amount", max_period_amount, 0, 999_999)
    return _rule_set(level, parent, chosen, low, high, max_entries_per_key, amount)


# ---------------------------------------------------------------------------
# records of the year: minutes, annual wheels, calendars, evaluations


def _lines() -> SearchStrategy[str]:
    """One non-blank line of text (topics of a wheel or an evaluation)."""
    return _nonblank().filter(lambda t: "\n" not in t and "\r" not in t)


@st.composite
def _follow_up(draw: DrawFn, owners: Sequence[str], low: date, high: date) -> FollowUp:
    status = draw(st.sampled_from(FollowUpStatus))
    owner_person = draw(st.none() | st.sampled_from(owners)) if owners else None
    return FollowUp(
        description=draw(_nonblank()),
        owner_person=owner_person,
        owner=None if owner_person is not None else draw(_optional_text()),
        due_on=draw(st.none() | _dates(low, high)),
        status=status,
        done_on=draw(_dates(low, high)) if status is FollowUpStatus.DONE else None,
    )


def _check_owners(owners: object) -> tuple[str, ...]:
    if owners is None:
        return ()
    if isinstance(owners, str) or not isinstance(owners, Iterable):
        raise _fail(f"owners must be a collection of person ids, got {owners!r}")
    chosen = tuple(owners)
    bad = [o for o in chosen if not isinstance(o, str) or not _ID.fullmatch(o)]
    if bad:
        raise _fail(f"owners must be person ids, got {bad!r}")
    return chosen


def follow_ups(
    *,
    owners: Iterable[str] | None = None,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
) -> SearchStrategy[FollowUp]:
    """Follow-ups agreed in minutes: open, or done with the day they were done.

    ``owners`` are person ids an owner may be (``owner_person``); otherwise
    the owner is free text or missing. Dates lie in ``min_value..max_value``.
    """
    chosen = _check_owners(owners)
    low, high = _check_dates(min_value, max_value)
    return _follow_up(chosen, low, high)


@st.composite
def _minutes_item(
    draw: DrawFn, number: str | None, owners: Sequence[str], low: date, high: date
) -> MinutesItem:
    return MinutesItem(
        number=draw(_agenda_numbers()) if number is None else number,
        title=draw(_optional_text()),
        case_description=draw(_optional_text()),
        decision=draw(_optional_text()),
        follow_ups=tuple(draw(st.lists(_follow_up(owners, low, high), max_size=2))),
    )


def minutes_items(
    *,
    owners: Iterable[str] | None = None,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
) -> SearchStrategy[MinutesItem]:
    """What minutes record for one agenda item: heading, case, decision, 0..2 follow-ups."""
    chosen = _check_owners(owners)
    low, high = _check_dates(min_value, max_value)
    return _minutes_item(None, chosen, low, high)


@st.composite
def _minutes(
    draw: DrawFn,
    meeting_id: str | None,
    numbers: Sequence[str] | None,
    owners: Sequence[str],
    low: date,
    high: date,
) -> Minutes:
    if numbers is None:
        chosen = draw(st.lists(_agenda_numbers(), max_size=4, unique=True))
    else:
        chosen = draw(st.lists(st.sampled_from(numbers), unique=True)) if numbers else []
    return Minutes(
        meeting_id=draw(_ids()) if meeting_id is None else meeting_id,
        items=tuple(draw(_minutes_item(n, owners, low, high)) for n in chosen),
    )


def minutes(
    *,
    meeting_id: str | None = None,
    numbers: Iterable[str] | None = None,
    owners: Iterable[str] | None = None,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
) -> SearchStrategy[Minutes]:
    """Minutes of one meeting: items with unique numbers, each with its follow-ups.

    ``meeting_id`` fixes the meeting (default: a random id); ``numbers`` are
    the agenda item numbers the items are drawn from (default: any valid
    numbers); ``owners`` the person ids a follow-up may be owned by.
    """
    if meeting_id is not None and (
        not isinstance(meeting_id, str) or not _ID.fullmatch(meeting_id)
    ):
        raise _fail(f"meeting_id must be a stable id, got {meeting_id!r}")
    chosen_numbers: tuple[str, ...] | None = None
    if numbers is not None:
        if isinstance(numbers, str) or not isinstance(numbers, Iterable):
            raise _fail(f"numbers must be a collection of agenda item numbers, got {numbers!r}")
        chosen_numbers = tuple(dict.fromkeys(numbers))
        bad = [n for n in chosen_numbers if not isinstance(n, str) or not _NUMBER.fullmatch(n)]
        if bad:
            raise _fail(f"numbers must be agenda item numbers such as '2' or '2.c', got {bad!r}")
    chosen = _check_owners(owners)
    low, high = _check_dates(min_value, max_value)
    return _minutes(meeting_id, chosen_numbers, chosen, low, high)


def _check_years(min_year: object, max_year: object) -> tuple[int, int]:
    low = _check_int("min_year", min_year, 1900, 2200)
    high = _check_int("max_year", max_year, 1900, 2200)
    if low > high:
        raise _fail(f"min_year={low} is larger than max_year={high}")
    return low, high


@st.composite
def _annual_wheel(draw: DrawFn, year: int, agreed: tuple[str, date] | None) -> AnnualWheel:
    if agreed is None:
        meeting_id, agreed_on = (
            None,
            draw(_dates(date(max(year - 1, 1900), 1, 1), date(year, 12, 31))),
        )
    else:
        meeting_id, agreed_on = agreed
    keys = draw(st.lists(st.sampled_from(_topic_keys()), max_size=3, unique=True))
    topics = draw(st.lists(_lines(), min_size=0 if keys else 1, max_size=3))
    return AnnualWheel(year, agreed_on, meeting_id, tuple(keys), tuple(topics))


def annual_wheels(
    *, min_year: int = FIRST_DAY_IN_FORCE.year, max_year: int = LAST_DAY.year
) -> SearchStrategy[AnnualWheel]:
    """Annual wheels (*årshjul*): a year's topics (catalogue keys and/or free lines),
    agreed during that year or the year before, at no named meeting."""
    low, high = _check_years(min_year, max_year)
    return st.integers(low, high).flatmap(lambda y: _annual_wheel(y, None))


@st.composite
def _calendar(draw: DrawFn, year: int, agreed: tuple[str, date] | None) -> MeetingCalendar:
    if agreed is not None:
        return MeetingCalendar(year, agreed[1], agreed[0], None)
    agreed_on = draw(st.none() | _dates(date(max(year - 1, 1900), 1, 1), date(year, 12, 31)))
    return MeetingCalendar(year, agreed_on, None, draw(_optional_text()))


def meeting_calendars(
    *, min_year: int = FIRST_DAY_IN_FORCE.year, max_year: int = LAST_DAY.year
) -> SearchStrategy[MeetingCalendar]:
    """Agreed meeting calendars: a year, the day agreed (or unknown) and by whom."""
    low, high = _check_years(min_year, max_year)
    return st.integers(low, high).flatmap(lambda y: _calendar(y, None))


@st.composite
def _evaluation(draw: DrawFn, year: int, done: tuple[str, date] | None) -> EvaluationRecord:
    first = date(year, 1, 1)
    meeting_id: str | None = None
    done_on: date | None
    if done is not None:
        meeting_id, done_on = done
    else:
        done_on = draw(st.none() | _dates(first, min(date(year + 1, 12, 31), LAST_DAY)))
    sent_on = sent_to = None
    if done_on is not None and draw(st.booleans()):
        sent_on = draw(_dates(done_on, min(done_on + timedelta(days=120), LAST_DAY)))
        sent_to = draw(st.sampled_from(("Samarbejdsudvalget", "Sundhedssamarbejdsudvalget")))
    return EvaluationRecord(
        year=year,
        done_on=done_on,
        sent_on=sent_on,
        sent_to=sent_to,
        meeting_id=meeting_id,
        topics=tuple(draw(st.lists(_lines(), max_size=3))),
        local_agreements_follow_up=draw(st.just("") | st.text(max_size=30)),
        general_assessment=draw(st.just("") | st.text(max_size=30)),
    )


def evaluation_records(
    *, min_year: int = FIRST_DAY_IN_FORCE.year, max_year: int = LAST_DAY.year
) -> SearchStrategy[EvaluationRecord]:
    """Evaluation records: a year, the day it was done (in or after the year, or
    unknown), when and to whom it was sent (both or neither), and its texts."""
    low, high = _check_years(min_year, max_year)
    return st.integers(low, high).flatmap(lambda y: _evaluation(y, None))


def _records(
    draw: DrawFn,
    meetings_: Sequence[Meeting],
    zone: str,
    owners: Sequence[str],
    low: date,
    high: date,
) -> dict[str, tuple[Any, ...]]:
    """Records that refer only to held meetings, on their local dates, and to known people."""
    held = [m for m in meetings_ if m.status is MeetingStatus.HELD]
    minutes_ = [
        draw(
            _minutes(
                m.id,
                None if m.agenda is None else [i.number for i in m.agenda.items],
                owners,
                low,
                high,
            )
        )
        for m in (draw(st.lists(st.sampled_from(held), unique=True)) if held else [])
    ]
    days = [(m.id, m.local_date(zone)) for m in held]
    years = draw(
        st.lists(st.integers(max(low.year, 1900), min(high.year, 2200)), max_size=3, unique=True)
    )

    def at_meeting(usable: list[tuple[str, date]]) -> tuple[str, date] | None:
        return draw(st.none() | st.sampled_from(usable)) if usable else None

    wheels = [
        draw(_annual_wheel(y, at_meeting([d for d in days if d[1].year <= y])))
        for y in years
        if draw(st.booleans())
    ]
    calendars = [
        draw(_calendar(y, at_meeting([d for d in days if d[1].year <= y])))
        for y in years
        if draw(st.booleans())
    ]
    evaluations = [
        draw(_evaluation(y, at_meeting([d for d in days if d[1].year >= y])))
        for y in years
        if draw(st.booleans())
    ]
    return {
        "minutes": tuple(minutes_),
        "annual_wheels": tuple(wheels),
        "calendars": tuple(calendars),
        "evaluations": tuple(evaluations),
    }


# ---------------------------------------------------------------------------
# committees


@st.composite
def _committee(
    draw: DrawFn,
    rules: RuleSet | SearchStrategy[RuleSet] | None,
    zone: str | SearchStrategy[str],
    low: date,
    high: date,
    min_members: int,
    max_members: int,
    max_meetings: int,
    max_agreements: int,
    records: bool,
) -> Committee:
    name = _zone_of(draw, zone)
    if rules is None:
        rule_set = draw(st.sampled_from(("national", "aalborg")).map(_rules.get_rule_set))
    elif isinstance(rules, SearchStrategy):
        rule_set = draw(rules)
    else:
        rule_set = rules
    pool = draw(
        st.lists(
            _people(), min_size=min_members, max_size=max_members + 6, unique_by=lambda p: p.id
        )
    )
    n_members = draw(st.integers(min_members, min(max_members, len(pool))))
    members, rest = pool[:n_members], pool[n_members:]
    n_secretariat = draw(st.integers(0, min(2, len(rest))))
    staff, guests = rest[:n_secretariat], rest[n_secretariat:]

    seats: list[Membership] = []
    for index, person in enumerate(members):
        role = Role.DOCTOR_MEMBER if index < 2 and draw(st.integers(0, 3)) else None
        seat = draw(_membership(st.just(person), role, low, high))
        if role is not None and draw(st.booleans()):
            seat = attrs.evolve(seat, term_start=None, term_end=None)  # in office throughout
        seats.append(seat)
        if seat.term_end is not None and seat.term_end < high and draw(st.integers(0, 3)) == 0:
            # a second, later term of the same person (re-appointed)
            later = draw(
                _membership(st.just(person), seat.role, seat.term_end + timedelta(1), high)
            )
            if later.term_start is not None:
                seats.append(later)
    secretariat = [
        draw(
            _membership(
                st.just(p),
                draw(st.sampled_from((Role.SECRETARY, Role.SECRETARIAT_STAFF))),
                low,
                high,
            )
        )
        for p in staff
    ]

    def holders(day: date) -> list[str]:
        return [m.person.id for m in seats if m.is_doctor_seat and m.in_force(day)]

    attendees = members + guests
    ids = draw(st.lists(_ids(), max_size=max_meetings, unique=True))
    meetings_ = [
        draw(_meeting(name, low, high, rule_set, attendees, 6, mid, holders)) for mid in ids
    ]
    agreements_ = draw(
        st.lists(
            _agreement(low, high, tuple(s.value for s in AgreementStatus)),
            max_size=max_agreements,
            unique_by=lambda a: a.id,
        )
    )
    known = [p.id for p in members + staff] + [a.person.id for m in meetings_ for a in m.attendance]
    extra = _records(draw, meetings_, name, sorted(set(known)), low, high) if records else {}
    return Committee(
        id=draw(_ids()),
        name=draw(st.sampled_from(("KLU Aalborg", "KLU Test")) | _nonblank()),
        municipality=draw(st.sampled_from(("Aalborg", "Langeland", "Fanø")) | _nonblank()),
        region=draw(st.sampled_from(("Nordjylland", "Syddanmark", "Midtjylland")) | _nonblank()),
        rule_set=rule_set,
        timezone=name,
        memberships=tuple(seats),
        secretariat=tuple(secretariat),
        meetings=tuple(meetings_),
        agreements=tuple(agreements_),
        year=draw(st.none() | st.integers(1900, 2200)),
        source=draw(_optional_text()),
        **extra,
    )


def committees(
    *,
    rules: RuleSet | SearchStrategy[RuleSet] | None = None,
    timezone: str | SearchStrategy[str] = DEFAULT_TIMEZONE,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
    min_members: int = 0,
    max_members: int = 6,
    max_meetings: int = 4,
    max_agreements: int = 2,
    records: bool = True,
) -> SearchStrategy[Committee]:
    """Valid committees: members, secretariat, meetings with attendance, agreements.

    - ``rules``: the rule set (a RuleSet or a strategy; default: the built-in
      ``national`` or ``aalborg``). Only a built-in rule set, or one loaded
      from a file, can be written with ``dump_committee``;
    - ``timezone``: the committee's zone (an IANA name or a strategy);
    - ``min_value`` / ``max_value``: the range of meeting dates and term dates;
    - ``min_members`` / ``max_members`` (0..50): the number of people with a
      membership (usually the first two are doctor members); a member's seat
      is sometimes followed by a second, later term; up to two more people
      form the secretariat; others only attend as guests;
    - ``max_meetings`` / ``max_agreements`` (0..50);
    - ``records``: also minutes of some held meetings (items from the
      meeting's agenda, follow-ups owned by the committee's people) and, for
      up to three years, an annual wheel, a calendar and an evaluation, some
      agreed or done at a held meeting on its local date.

    Guarantees: person ids are unique and each id names one person
    everywhere (memberships, secretariat, attendance); no person holds two
    seats with overlapping terms; meeting ids are unique; substitutes are
    doctors who stand in for a doctor member in office on the meeting's
    local date; every meeting time exists exactly once in the committee's
    zone. So, with a built-in rule set,
    ``parse_committee(dump_committee(c)) == c``.
    """
    if rules is not None and not isinstance(rules, SearchStrategy):
        _check_rule_set("rules", rules)
    zone = _check_zone(timezone)
    low, high = _check_dates(min_value, max_value)
    _check_sizes("min_members", min_members, "max_members", max_members)
    _check_int("max_meetings", max_meetings, 0, _MAX_SIZE)
    _check_int("max_agreements", max_agreements, 0, _MAX_SIZE)
    _check_bool("records", records)
    return _committee(
        rules, zone, low, high, min_members, max_members, max_meetings, max_agreements, records
    )


# ---------------------------------------------------------------------------
# invalid inputs


@attrs.frozen(slots=True, eq=False, repr=False)
class InvalidInput:
    """A deliberately invalid input: calling ``target(**kwargs)`` raises exactly ``error``.

    ``defect`` names what is wrong (see :data:`DEFECTS`). Use it as::

        @given(case=invalid_meetings())
        def test_my_import_rejects(case):
            with pytest.raises(case.error):
                case.build()
    """

    defect: str
    error: type[KluRulesError]
    target: Callable[..., object]
    kwargs: Mapping[str, object]

    def build(self) -> object:
        """Call ``target(**kwargs)``: raises :attr:`error`."""
        return self.target(**self.kwargs)

    def __repr__(self) -> str:
        name = getattr(self.target, "__qualname__", repr(self.target))
        args = ", ".join(f"{k}={v!r}" for k, v in self.kwargs.items())
        return f"InvalidInput({self.defect!r}: {name}({args}) raises {self.error.__name__})"


_Builder = Callable[[], SearchStrategy[dict[str, Any]]]
_Table = dict[str, tuple[type[KluRulesError], Callable[..., object], _Builder]]


def _fields(value: Any) -> dict[str, Any]:
    return attrs.asdict(value, recurse=False)


def _invalid(table: _Table, defects: Iterable[str] | None) -> SearchStrategy[InvalidInput]:
    chosen = _check_choices("defects", defects, tuple(table))

    def one(defect: str) -> SearchStrategy[InvalidInput]:
        error, target, kwargs = table[defect]
        return kwargs().map(lambda kw: InvalidInput(defect, error, target, kw))

    return st.sampled_from(chosen).flatmap(one)


def _bad_ids() -> SearchStrategy[object]:
    return st.one_of(
        st.sampled_from(["", " ", "-lead", ".x", "a b", "é", "x" * 129, "a/b", "abc\n"]),
        st.text(max_size=20).filter(lambda s: _ID.fullmatch(s) is None),
    )


@functools.cache
def _blank() -> SearchStrategy[str]:
    return st.sampled_from(["", " ", "\t\n", "\u3000", "  \r\n "])


def _person_kwargs() -> SearchStrategy[dict[str, Any]]:
    return persons().map(_fields)


def _with(base: SearchStrategy[dict[str, Any]], **changes: SearchStrategy[Any]) -> _Builder:
    def build() -> SearchStrategy[dict[str, Any]]:
        return st.tuples(base, st.fixed_dictionaries(changes)).map(lambda t: {**t[0], **t[1]})

    return build


_PERSON_DEFECTS: _Table = {
    "bad_id": (InvalidValueError, Person, _with(_person_kwargs(), id=_bad_ids())),
    "blank_name": (InvalidValueError, Person, _with(_person_kwargs(), name=_blank())),
    "bad_email": (
        InvalidValueError,
        Person,
        _with(
            _person_kwargs(),
            email=st.sampled_from(["no-at", "a@b", "@x.dk", "a b@x.dk", "a@@x.dk", "a@b@c.dk"]),
        ),
    ),
}


def invalid_persons(*, defects: Iterable[str] | None = None) -> SearchStrategy[InvalidInput]:
    """Broken :class:`~klu_rules.Person` arguments (all raise ``InvalidValueError``).

    ``bad_id`` (not letters, digits, ``._:-`` starting with a letter or digit,
    or longer than 128), ``blank_name``, ``bad_email``.
    """
    return _invalid(_PERSON_DEFECTS, defects)


def _membership_kwargs() -> SearchStrategy[dict[str, Any]]:
    return memberships().map(_fields)


@st.composite
def _reversed_term(draw: DrawFn) -> dict[str, Any]:
    base = draw(_membership_kwargs())
    start = draw(_dates(date(1901, 1, 1), LAST_DAY))
    end = draw(_dates(_FIRST_DAY, start - timedelta(days=1)))
    return {**base, "term_start": start, "term_end": end}


_MEMBERSHIP_DEFECTS: _Table = {
    "term_end_before_start": (InvalidIntervalError, Membership, lambda: _reversed_term()),
    "unknown_side": (
        InvalidValueError,
        Membership,
        _with(_membership_kwargs(), side=st.sampled_from(["region", "GP", "", "kommunen"])),
    ),
    "unknown_role": (
        InvalidValueError,
        Membership,
        _with(_membership_kwargs(), role=st.sampled_from(["member", "Chair", "", "formand"])),
    ),
    "datetime_term": (
        InvalidValueError,
        Membership,
        _with(_membership_kwargs(), term_start=aware_datetimes(timezones=st.just(UTC))),
    ),
}


def invalid_memberships(*, defects: Iterable[str] | None = None) -> SearchStrategy[InvalidInput]:
    """Broken :class:`~klu_rules.Membership` arguments.

    ``term_end_before_start`` (``InvalidIntervalError``); ``unknown_side``,
    ``unknown_role``, ``datetime_term`` (a datetime where a date belongs)
    (``InvalidValueError``).
    """
    return _invalid(_MEMBERSHIP_DEFECTS, defects)


def _attendance_kwargs(status: str, doctor: bool = True, **extra: Any) -> _Builder:
    def build() -> SearchStrategy[dict[str, Any]]:
        return st.fixed_dictionaries(
            {
                "person": persons(doctor=doctor),
                "status": st.just(status),
                **{k: v if isinstance(v, SearchStrategy) else st.just(v) for k, v in extra.items()},
            }
        )

    return build


@st.composite
def _self_substitute(draw: DrawFn) -> dict[str, Any]:
    person = draw(persons(doctor=True))
    return {"person": person, "status": "substitute", "substitute_for": person.id}


_ATTENDANCE_DEFECTS: _Table = {
    "substitute_without_member": (
        InvalidValueError,
        Attendance,
        _attendance_kwargs("substitute", substitute_for=st.sampled_from([None, ""])),
    ),
    "substitute_for_self": (InvalidValueError, Attendance, lambda: _self_substitute()),
    "reason_when_not_absent": (
        InvalidValueError,
        Attendance,
        _attendance_kwargs("present", reason=_nonblank()),
    ),
    "items_when_not_substitute": (
        InvalidValueError,
        Attendance,
        _attendance_kwargs(
            "present", items=st.lists(_agenda_numbers(), min_size=1, max_size=3).map(tuple)
        ),
    ),
    "non_doctor_substitute": (
        InvalidValueError,
        Attendance,
        _attendance_kwargs("substitute", doctor=False, substitute_for="some-doctor-member"),
    ),
    "non_doctor_supplementing": (
        InvalidValueError,
        Attendance,
        _attendance_kwargs("supplementing", doctor=False),
    ),
    "unknown_status": (
        InvalidValueError,
        Attendance,
        _attendance_kwargs("afbud"),
    ),
}


def invalid_attendances(*, defects: Iterable[str] | None = None) -> SearchStrategy[InvalidInput]:
    """Broken :class:`~klu_rules.Attendance` arguments (all raise ``InvalidValueError``).

    ``substitute_without_member`` (``substitute_for`` None or empty),
    ``substitute_for_self``, ``reason_when_not_absent``,
    ``items_when_not_substitute``, ``non_doctor_substitute``,
    ``non_doctor_supplementing``, ``unknown_status``.
    """
    return _invalid(_ATTENDANCE_DEFECTS, defects)


def _item_kwargs() -> SearchStrategy[dict[str, Any]]:
    return agenda_items().map(_fields)


_AGENDA_ITEM_DEFECTS: _Table = {
    "bad_number": (
        InvalidValueError,
        AgendaItem,
        _with(
            _item_kwargs(),
            number=st.sampled_from(["0", "2.C", "100", "2.ab", "", "a", "2.", ".a", "02", "2 .a"]),
        ),
    ),
    "blank_title": (InvalidValueError, AgendaItem, _with(_item_kwargs(), title=_blank())),
    "bad_duration": (
        InvalidValueError,
        AgendaItem,
        _with(
            _item_kwargs(),
            duration_minutes=st.integers(max_value=0)
            | st.integers(min_value=1441)
            | st.sampled_from([True, 2.5, "30"]),
        ),
    ),
    "unknown_kind": (
        InvalidValueError,
        AgendaItem,
        _with(_item_kwargs(), kind=st.sampled_from(["punkt", "Decision", ""])),
    ),
}


def invalid_agenda_items(*, defects: Iterable[str] | None = None) -> SearchStrategy[InvalidInput]:
    """Broken :class:`~klu_rules.AgendaItem` arguments (all raise ``InvalidValueError``).

    ``bad_number`` (not ``"N"`` or ``"N.x"`` with N in 1..99), ``blank_title``,
    ``bad_duration`` (not whole minutes 1..1440), ``unknown_kind``.
    """
    return _invalid(_AGENDA_ITEM_DEFECTS, defects)


@st.composite
def _duplicate_number(draw: DrawFn) -> dict[str, Any]:
    agenda = draw(agendas(min_items=1))
    twin = draw(agenda_items().map(lambda i: attrs.evolve(i, number=agenda.items[0].number)))
    items = list(agenda.items)
    items.insert(draw(st.integers(0, len(items))), twin)
    return {"items": tuple(items), "not_relevant": agenda.not_relevant}


@st.composite
def _not_an_item(draw: DrawFn) -> dict[str, Any]:
    agenda = draw(agendas())
    items = [*agenda.items, draw(st.sampled_from(["1. Godkendelse", None, 3]))]
    return {"items": tuple(items), "not_relevant": agenda.not_relevant}


_AGENDA_DEFECTS: _Table = {
    "duplicate_number": (InvalidValueError, Agenda, lambda: _duplicate_number()),
    "not_an_item": (InvalidValueError, Agenda, lambda: _not_an_item()),
}


def invalid_agendas(*, defects: Iterable[str] | None = None) -> SearchStrategy[InvalidInput]:
    """Broken :class:`~klu_rules.Agenda` arguments (all raise ``InvalidValueError``).

    ``duplicate_number`` (two items share a number), ``not_an_item`` (an item
    that is not an :class:`~klu_rules.AgendaItem`).
    """
    return _invalid(_AGENDA_DEFECTS, defects)


def _meeting_kwargs(zone: str) -> SearchStrategy[dict[str, Any]]:
    return meetings(timezone=zone, max_attendance=3).map(_fields)


@st.composite
def _meeting_defect(draw: DrawFn, zone: str, defect: str) -> dict[str, Any]:
    kw = draw(_meeting_kwargs(zone))
    start: datetime = kw["start"]
    if defect == "naive_start":
        kw["start"] = start.replace(tzinfo=None)
    elif defect == "naive_end":
        kw["end"] = start.replace(tzinfo=None) + timedelta(hours=2)
    elif defect == "end_before_start":
        kw["end"] = start - timedelta(minutes=draw(st.integers(1, 60 * 24 * 400)))
    elif defect == "end_equals_start":
        kw["end"] = _represent(draw(_REPRESENTATIONS), start.astimezone(UTC))
    elif defect == "duplicate_attendance":
        taken = {e.person.id for e in kw["attendance"]}
        person = draw(persons().filter(lambda p: p.id not in taken))
        twin = attrs.evolve(person, name=draw(_nonblank()))
        entries = list(kw["attendance"])
        entries.insert(draw(st.integers(0, len(entries))), Attendance(person, "present"))
        entries.insert(draw(st.integers(0, len(entries))), Attendance(twin, "absent"))
        kw["attendance"] = tuple(entries)
    elif defect == "negative_revision":
        kw["revision"] = draw(st.integers(max_value=-1) | st.sampled_from([True, 1.0, "3"]))
    elif defect == "bad_id":
        kw["id"] = draw(_bad_ids())
    else:  # substitute_item_not_on_agenda
        agenda = draw(agendas(max_items=4))
        numbers = {i.number for i in agenda.items}
        missing = draw(_agenda_numbers().filter(lambda n: n not in numbers))
        person = draw(persons(doctor=True))
        kw["agenda"] = agenda
        kw["attendance"] = (
            Attendance(
                person, "substitute", substitute_for=f"{person.id}-member", items=(missing,)
            ),
        )
    return kw


def _meeting_table(zone: str) -> _Table:
    def entry(defect: str) -> _Builder:
        return lambda: _meeting_defect(zone, defect)

    errors: dict[str, type[KluRulesError]] = {
        "naive_start": NaiveDatetimeError,
        "naive_end": NaiveDatetimeError,
        "end_before_start": InvalidIntervalError,
        "end_equals_start": InvalidIntervalError,
        "duplicate_attendance": DuplicateMemberError,
        "negative_revision": InvalidValueError,
        "bad_id": InvalidValueError,
        "substitute_item_not_on_agenda": InvalidValueError,
    }
    return {d: (error, Meeting, entry(d)) for d, error in errors.items()}


def invalid_meetings(
    *,
    defects: Iterable[str] | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> SearchStrategy[InvalidInput]:
    """Broken :class:`~klu_rules.Meeting` arguments, otherwise as :func:`meetings` draws them.

    ``naive_start``, ``naive_end`` (``NaiveDatetimeError``);
    ``end_before_start``, ``end_equals_start`` (the same instant, possibly in
    another zone) (``InvalidIntervalError``); ``duplicate_attendance`` (one
    person id twice) (``DuplicateMemberError``); ``negative_revision``
    (negative, or not an int), ``bad_id``, ``substitute_item_not_on_agenda``
    (``InvalidValueError``).
    """
    zone = _check_zone(timezone)
    if not isinstance(zone, str):
        raise _fail("invalid_meetings() takes one zone name, not a strategy")
    return _invalid(_meeting_table(zone), defects)


@st.composite
def _agreement_defect(draw: DrawFn, defect: str) -> dict[str, Any]:
    if defect == "steps_out_of_order":
        kw = draw(agreements(statuses=("concluded", "evaluated")).map(_fields))
        kw["sent_on"] = kw["concluded_on"] + timedelta(days=draw(st.integers(1, 400)))
    elif defect == "status_without_date":
        kw = draw(agreements(statuses=("sent", "concluded", "evaluated")).map(_fields))
        field = {"sent": "sent_on", "concluded": "concluded_on", "evaluated": "evaluated_on"}
        kw[field[kw["status"].value]] = None
    elif defect == "date_beyond_status":
        kw = draw(agreements(statuses=("draft", "sent")).map(_fields))
        later = (kw["sent_on"] or kw["drafted_on"] or FIRST_DAY_IN_FORCE) + timedelta(days=1)
        kw["evaluated_on"] = later
        kw["concluded_on"] = later
    else:  # unknown_kind
        kw = draw(agreements().map(_fields))
        kw["kind"] = draw(st.sampled_from(["aftale", "Binding", ""]))
    return kw


_AGREEMENT_DEFECTS: _Table = {
    "steps_out_of_order": (
        InvalidIntervalError,
        Agreement,
        lambda: _agreement_defect("steps_out_of_order"),
    ),
    "status_without_date": (
        InvalidValueError,
        Agreement,
        lambda: _agreement_defect("status_without_date"),
    ),
    "date_beyond_status": (
        InvalidValueError,
        Agreement,
        lambda: _agreement_defect("date_beyond_status"),
    ),
    "unknown_kind": (InvalidValueError, Agreement, lambda: _agreement_defect("unknown_kind")),
}


def invalid_agreements(*, defects: Iterable[str] | None = None) -> SearchStrategy[InvalidInput]:
    """Broken :class:`~klu_rules.Agreement` arguments.

    ``steps_out_of_order`` (sent after concluded) (``InvalidIntervalError``);
    ``status_without_date`` (e.g. ``sent`` without ``sent_on``),
    ``date_beyond_status`` (a draft with ``concluded_on``), ``unknown_kind``
    (``InvalidValueError``).
    """
    return _invalid(_AGREEMENT_DEFECTS, defects)


def _fresh_id(taken: Iterable[str], stem: str) -> str:
    used = set(taken)
    n = 0
    while f"{stem}-{n}" in used:
        n += 1
    return f"{stem}-{n}"


@st.composite
def _committee_defect(draw: DrawFn, defect: str) -> dict[str, Any]:
    committee = draw(
        committees(
            max_members=4,
            max_meetings=2,
            max_agreements=1,
            min_value=date(2020, 1, 1),
            max_value=date(2030, 12, 31),
        )
    )
    kw = _fields(committee)
    ids = [p.id for p in committee.people()]
    if defect == "overlapping_duplicate_member":
        person = Person(_fresh_id(ids, "twice"), draw(_nonblank()), doctor=draw(st.booleans()))
        start = draw(st.none() | _dates(date(2020, 1, 1), date(2030, 12, 31)))
        first = Membership(person, draw(sides()), draw(roles()), term_start=start)
        second = Membership(
            person,
            draw(sides()),
            draw(roles()),
            term_end=draw(st.none() | _dates(start or date(2020, 1, 1), date(2031, 12, 31))),
        )
        where = draw(st.sampled_from(("memberships", "secretariat", "both")))
        if where == "both":
            kw["memberships"] = (*kw["memberships"], first)
            kw["secretariat"] = (*kw["secretariat"], second)
        else:
            kw[where] = (*kw[where], first, second)
    elif defect == "reused_person_id":
        pid = _fresh_id(ids, "shared")
        a = Person(pid, "Karen Heebøll")
        b = Person(pid, "Karen Heebøl")
        kw["memberships"] = (
            *kw["memberships"],
            Membership(a, "municipality", "municipal_representative", term_end=date(2020, 12, 31)),
            Membership(b, "municipality", "municipal_representative", term_start=date(2021, 1, 1)),
        )
    elif defect == "substitute_for_non_doctor":
        day = draw(_dates(date(2020, 1, 1), date(2030, 12, 31)))
        start = localize(datetime.combine(day, time(15)), committee.timezone)
        seats = {m.person.id for m in committee.doctor_members(day)}
        others = [pid for pid in ids if pid not in seats]
        use_member: bool = bool(others) and draw(st.booleans())
        target = draw(st.sampled_from(others)) if use_member else "nobody"
        sub = Person(_fresh_id(ids, "sub"), "Dr Substitute", doctor=True)
        meeting = Meeting(
            id=_fresh_id([m.id for m in committee.meetings], "m"),
            start=start,
            attendance=(Attendance(sub, "substitute", substitute_for=target),),
        )
        kw["meetings"] = (*kw["meetings"], meeting)
    elif defect == "duplicate_meeting_id":
        meeting = draw(
            meetings(
                timezone=committee.timezone,
                max_attendance=0,
                min_value=date(2020, 1, 1),
                max_value=date(2030, 12, 31),
            )
        )
        other = draw(
            meetings(
                timezone=committee.timezone,
                max_attendance=0,
                min_value=date(2020, 1, 1),
                max_value=date(2030, 12, 31),
            )
        )
        kw["meetings"] = (*kw["meetings"], meeting, attrs.evolve(other, id=meeting.id))
    elif defect == "unknown_timezone":
        kw["timezone"] = draw(st.sampled_from(["Mars/Olympus", "", "../etc/passwd", "CPH", "/x"]))
    else:  # year_out_of_range
        kw["year"] = draw(
            st.integers(max_value=1899)
            | st.integers(min_value=2201)
            | st.sampled_from([True, "2023"])
        )
    return kw


def _committee_entry(defect: str) -> _Builder:
    return lambda: _committee_defect(defect)


_COMMITTEE_DEFECTS: _Table = {
    "overlapping_duplicate_member": (
        DuplicateMemberError,
        Committee,
        _committee_entry("overlapping_duplicate_member"),
    ),
    "reused_person_id": (DuplicateMemberError, Committee, _committee_entry("reused_person_id")),
    "substitute_for_non_doctor": (
        NotADoctorMemberError,
        Committee,
        _committee_entry("substitute_for_non_doctor"),
    ),
    "duplicate_meeting_id": (
        InvalidValueError,
        Committee,
        _committee_entry("duplicate_meeting_id"),
    ),
    "unknown_timezone": (InvalidValueError, Committee, _committee_entry("unknown_timezone")),
    "year_out_of_range": (InvalidValueError, Committee, _committee_entry("year_out_of_range")),
}


def invalid_committees(*, defects: Iterable[str] | None = None) -> SearchStrategy[InvalidInput]:
    """Broken :class:`~klu_rules.Committee` arguments: a valid committee plus one defect.

    ``overlapping_duplicate_member`` (one person with two seats whose terms
    overlap, among members, secretariat or both), ``reused_person_id`` (one id
    for two different people) (``DuplicateMemberError``);
    ``substitute_for_non_doctor`` (a substitute for someone who holds no
    doctor seat that day) (``NotADoctorMemberError``);
    ``duplicate_meeting_id``, ``unknown_timezone``, ``year_out_of_range``
    (``InvalidValueError``).
    """
    return _invalid(_COMMITTEE_DEFECTS, defects)


_PERIOD_DEFECTS: _Table = {
    "negative_amount": (
        InvalidValueError,
        Period,
        _with(st.just({}), amount=st.integers(max_value=-1), unit=st.sampled_from(_UNITS)),
    ),
    "amount_too_large": (
        InvalidValueError,
        Period,
        _with(st.just({}), amount=st.integers(min_value=1_000_000), unit=st.sampled_from(_UNITS)),
    ),
    "non_integer_amount": (
        InvalidValueError,
        Period,
        _with(
            st.just({}),
            amount=st.sampled_from([True, 2.0, "2", Decimal(2)]),
            unit=st.sampled_from(_UNITS),
        ),
    ),
    "unknown_unit": (
        InvalidValueError,
        Period,
        _with(
            st.just({}),
            amount=st.integers(0, 10),
            unit=st.sampled_from(["years", "uger", "", "Hours", "fortnight"]),
        ),
    ),
    "unparseable_text": (
        InvalidValueError,
        Period.parse,
        _with(
            st.just({}),
            text=st.sampled_from(
                ["two weeks", "2", "weeks", "2 fortnights", "-1 days", "1234567 days", "2.5 hours"]
            ),
        ),
    ),
}


def invalid_periods(*, defects: Iterable[str] | None = None) -> SearchStrategy[InvalidInput]:
    """Broken :class:`~klu_rules.Period` arguments (all raise ``InvalidValueError``).

    ``negative_amount``, ``amount_too_large`` (over 999999),
    ``non_integer_amount``, ``unknown_unit`` (for ``Period(amount, unit)``);
    ``unparseable_text`` (for ``Period.parse(text)``).
    """
    return _invalid(_PERIOD_DEFECTS, defects)


_MONEY_DEFECTS: _Table = {
    "float_amount": (
        InvalidValueError,
        Money,
        _with(
            st.just({}),
            amount=st.floats(allow_nan=False, allow_infinity=False),
            price_level=_price_levels(),
        ),
    ),
    "non_finite_amount": (
        InvalidValueError,
        Money,
        _with(
            st.just({}),
            amount=st.sampled_from(
                ["NaN", "Infinity", "-inf", Decimal("NaN"), Decimal("Infinity")]
            ),
            price_level=_price_levels(),
        ),
    ),
    "not_a_number": (
        InvalidValueError,
        Money,
        _with(
            st.just({}),
            amount=st.sampled_from(["abc", "1.935,27", "", "12 kr"]),
            price_level=_price_levels(),
        ),
    ),
    "bad_price_level": (
        InvalidValueError,
        Money,
        _with(
            st.just({}),
            amount=st.decimals(-1000, 1000, places=2),
            price_level=st.sampled_from(
                ["2021-13", "21-04", "2021-4", "April 2021", "2021-00", ""]
            ),
        ),
    ),
}


def invalid_money(*, defects: Iterable[str] | None = None) -> SearchStrategy[InvalidInput]:
    """Broken :class:`~klu_rules.Money` arguments (all raise ``InvalidValueError``).

    ``float_amount`` (floats are not exact), ``non_finite_amount``,
    ``not_a_number``, ``bad_price_level`` (not ``YYYY-MM``).
    """
    return _invalid(_MONEY_DEFECTS, defects)


def _entry_kwargs(keys: Iterable[str] | None = None) -> SearchStrategy[dict[str, Any]]:
    return rule_entries(keys=keys).map(_fields)


_NO_BOUND_KEYS = tuple(k for k, s in RULE_KEYS.items() if s.value_type in (bool, str))
_NUMBER_KEYS = tuple(k for k, s in RULE_KEYS.items() if s.value_type in (int, Decimal))
_CHOICE_KEYS = tuple(k for k, s in RULE_KEYS.items() if s.choices)
_UNIT_KEYS = tuple(k for k, s in RULE_KEYS.items() if s.value_type is Period)


@st.composite
def _wrong_type(draw: DrawFn) -> dict[str, Any]:
    kw = draw(_entry_kwargs())
    kind = RULE_KEYS[kw["key"]].value_type
    others: list[object] = [
        True,
        "2",
        Decimal("2.5"),
        Period(2, "weeks"),
        2,
        Money(Decimal(1), "2021-04"),
        2.5,
    ]
    kw["value"] = draw(
        st.sampled_from(
            [v for v in others if not isinstance(v, kind) or (kind is int and isinstance(v, bool))]
        )
    )
    return kw


@st.composite
def _wrong_unit(draw: DrawFn) -> dict[str, Any]:
    kw = draw(_entry_kwargs(_UNIT_KEYS))
    units = RULE_KEYS[kw["key"]].units
    kw["value"] = draw(periods(units=[u for u in _UNITS if u not in units]))
    return kw


_RULE_ENTRY_DEFECTS: _Table = {
    "unknown_key": (
        InvalidRuleSetError,
        RuleEntry,
        _with(_entry_kwargs(), key=st.sampled_from(["doctor_seat", "meetings", "", "Quorum"])),
    ),
    "wrong_type": (InvalidRuleSetError, RuleEntry, lambda: _wrong_type()),
    "negative_value": (
        InvalidRuleSetError,
        RuleEntry,
        lambda: st.tuples(_entry_kwargs(_NUMBER_KEYS), st.integers(1, 10**6)).map(
            lambda t: {
                **t[0],
                "value": -t[1] if isinstance(t[0]["value"], int) else Decimal(-t[1]) / 100,
            }
        ),
    ),
    "not_a_choice": (
        InvalidRuleSetError,
        RuleEntry,
        _with(_entry_kwargs(_CHOICE_KEYS), value=st.sampled_from(["kommunen", "Region", "x"])),
    ),
    "wrong_unit": (InvalidRuleSetError, RuleEntry, lambda: _wrong_unit()),
    "no_sources": (
        InvalidRuleSetError,
        RuleEntry,
        _with(_entry_kwargs(), sources=st.just(()), status=st.sampled_from(["rule", "convention"])),
    ),
    "unknown_source": (
        InvalidValueError,
        RuleEntry,
        _with(_entry_kwargs(), sources=st.sampled_from([("VEJL2010",), ("OK22",), ("",)])),
    ),
    "bound_on_unboundable": (
        InvalidRuleSetError,
        RuleEntry,
        _with(_entry_kwargs(_NO_BOUND_KEYS), bound=st.sampled_from(["minimum", "maximum"])),
    ),
    "unknown_bound": (
        InvalidRuleSetError,
        RuleEntry,
        _with(
            _entry_kwargs(("doctor_seats", "meeting_length")),
            bound=st.sampled_from(["min", "upper", "Minimum"]),
        ),
    ),
}


def invalid_rule_entries(*, defects: Iterable[str] | None = None) -> SearchStrategy[InvalidInput]:
    """Broken :class:`~klu_rules.RuleEntry` arguments.

    ``unknown_key``, ``wrong_type`` (e.g. ``True`` for a number, a float),
    ``negative_value``, ``not_a_choice``, ``wrong_unit`` (weeks for a
    meeting length), ``no_sources`` (a rule or convention citing nothing),
    ``bound_on_unboundable`` (a bound on text or a flag), ``unknown_bound``
    (``InvalidRuleSetError``); ``unknown_source`` (a source key not in
    :data:`klu_rules.SOURCES`) (``InvalidValueError``).
    """
    return _invalid(_RULE_ENTRY_DEFECTS, defects)


@st.composite
def _rule_set_defect(draw: DrawFn, defect: str) -> dict[str, Any]:
    if defect in ("duplicate_effective_date", "national_with_parent", "unknown_level"):
        kw = _fields(draw(rule_sets(level="national")))
        if defect == "duplicate_effective_date":
            entry = draw(st.sampled_from(kw["entries"]))
            twin = attrs.evolve(entry, note=entry.note + " (again)")
            kw["entries"] = (*kw["entries"], twin)
        elif defect == "national_with_parent":
            kw["parent"] = _rules.NATIONAL
        else:
            kw["level"] = draw(st.sampled_from(["regional", "Local", "", None]))
        return kw
    kw = _fields(draw(rule_sets()))
    if defect == "local_bound":
        entry = draw(
            rule_entries(keys=("doctor_seats", "meetings_per_year", "paid_doctors"), level="local")
        )
        kw["entries"] = (*kw["entries"], attrs.evolve(entry, bound="minimum"))
    elif defect == "local_without_parent":
        kw["parent"] = None
    elif defect == "local_on_local":
        kw["parent"] = draw(rule_sets())
    else:  # incomparable_period
        value = draw(periods(units=("months",), max_amount=24))
        entry = RuleEntry("agenda_dispatch_notice", value, draw(dates_in_force()), ("AAL2021",))
        others = [e for e in kw["entries"] if e.key != entry.key]
        kw["entries"] = (*others, entry)
    return kw


def _rule_set_entry(defect: str) -> _Builder:
    return lambda: _rule_set_defect(defect)


_RULE_SET_DEFECTS: _Table = {
    name: (InvalidRuleSetError, RuleSet, _rule_set_entry(name))
    for name in (
        "duplicate_effective_date",
        "local_bound",
        "local_without_parent",
        "national_with_parent",
        "local_on_local",
        "incomparable_period",
        "unknown_level",
    )
}


def invalid_rule_sets(*, defects: Iterable[str] | None = None) -> SearchStrategy[InvalidInput]:
    """Broken :class:`~klu_rules.RuleSet` arguments (all raise ``InvalidRuleSetError``).

    ``duplicate_effective_date`` (one key, two values from the same day),
    ``local_bound`` (a bound in a local set), ``local_without_parent``,
    ``national_with_parent``, ``local_on_local``, ``incomparable_period`` (a
    local notice in months against the national weeks), ``unknown_level``.
    """
    return _invalid(_RULE_SET_DEFECTS, defects)


@functools.lru_cache(maxsize=4096)
def _transitions(zone: str, year: int) -> tuple[tuple[datetime, timedelta, timedelta], ...]:
    """The instants in ``year`` at which ``zone`` changes its UTC offset, with both offsets."""
    tz = get_zone(zone)
    result = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    last = moment.astimezone(tz).utcoffset()
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    step = timedelta(hours=6)
    while moment < end:
        following = moment + step
        offset = following.astimezone(tz).utcoffset()
        if offset != last:
            low, high = moment, following
            while high - low > timedelta(minutes=1):
                mid = low + (high - low) / 2
                if mid.astimezone(tz).utcoffset() == last:
                    low = mid
                else:
                    high = mid
            assert last is not None
            assert offset is not None
            result.append((high.replace(second=0, microsecond=0), last, offset))
            last = offset
        moment = following
    return tuple(result)


@st.composite
def _local_time_defect(draw: DrawFn, zone: str, low: int, high: int, defect: str) -> dict[str, Any]:
    years = [
        y
        for y in range(low, high + 1)
        if any((new > old) == (defect == "nonexistent") for _, old, new in _transitions(zone, y))
    ]
    year = draw(st.sampled_from(years))
    changes = [
        (when, old, new)
        for when, old, new in _transitions(zone, year)
        if (new > old) == (defect == "nonexistent")
    ]
    when, old, new = draw(st.sampled_from(changes))
    # The wall-clock times between the two offsets occur never (gap) or twice (overlap).
    first = (when + min(old, new)).replace(tzinfo=None)
    width = abs(new - old)
    minutes = int(width.total_seconds() // 60)
    naive = first + timedelta(minutes=draw(st.integers(0, max(minutes - 1, 0))))
    return {"naive": naive, "tz": zone}


def invalid_local_times(
    *,
    timezone: str = DEFAULT_TIMEZONE,
    defects: Iterable[str] | None = None,
    min_year: int = FIRST_DAY_IN_FORCE.year,
    max_year: int = LAST_DAY.year,
) -> SearchStrategy[InvalidInput]:
    """Local wall-clock times that :func:`klu_rules.localize` refuses in ``timezone``.

    ``nonexistent``: inside the gap when the clocks go forward
    (``NonexistentLocalTimeError``); ``ambiguous``: inside the hour that
    occurs twice when they go back (``AmbiguousLocalTimeError``). The year
    lies in ``min_year..max_year``; the zone must change its clocks in that
    range (``UTC`` does not: InvalidArgument).
    """
    zone = _check_zone(timezone)
    if not isinstance(zone, str):
        raise _fail("invalid_local_times() takes one zone name, not a strategy")
    low = _check_int("min_year", min_year, _FIRST_DAY.year, LAST_DAY.year)
    high = _check_int("max_year", max_year, _FIRST_DAY.year, LAST_DAY.year)
    if low > high:
        raise _fail(f"min_year={low} is larger than max_year={high}")
    errors: dict[str, type[KluRulesError]] = {
        "nonexistent": NonexistentLocalTimeError,
        "ambiguous": AmbiguousLocalTimeError,
    }
    table: _Table = {}
    for defect, error in errors.items():
        found = any(
            (new > old) == (defect == "nonexistent")
            for year in range(low, high + 1)
            for _, old, new in _transitions(zone, year)
        )
        if found:
            table[defect] = (
                error,
                localize,
                functools.partial(_local_time_defect, zone, low, high, defect),
            )
    if not table:
        raise _fail(f"{zone} does not change its clocks between {low} and {high}")
    chosen = _check_choices("defects", defects, tuple(errors))
    missing = [d for d in chosen if d not in table]
    if missing:
        raise _fail(f"{zone} has no {' or '.join(missing)} local times between {low} and {high}")
    return _invalid(table, chosen)


DEFECTS: Mapping[str, Mapping[str, type[KluRulesError]]] = {
    name: {defect: entry[0] for defect, entry in table.items()}
    for name, table in (
        ("invalid_persons", _PERSON_DEFECTS),
        ("invalid_memberships", _MEMBERSHIP_DEFECTS),
        ("invalid_attendances", _ATTENDANCE_DEFECTS),
        ("invalid_agenda_items", _AGENDA_ITEM_DEFECTS),
        ("invalid_agendas", _AGENDA_DEFECTS),
        ("invalid_meetings", _meeting_table(DEFAULT_TIMEZONE)),
        ("invalid_agreements", _AGREEMENT_DEFECTS),
        ("invalid_committees", _COMMITTEE_DEFECTS),
        ("invalid_periods", _PERIOD_DEFECTS),
        ("invalid_money", _MONEY_DEFECTS),
        ("invalid_rule_entries", _RULE_ENTRY_DEFECTS),
        ("invalid_rule_sets", _RULE_SET_DEFECTS),
        (
            "invalid_local_times",
            {
                "nonexistent": (NonexistentLocalTimeError, localize, lambda: st.nothing()),
                "ambiguous": (AmbiguousLocalTimeError, localize, lambda: st.nothing()),
            },
        ),
    )
}
"""For every ``invalid_*()`` strategy, its defects and the exact error each one raises."""


_PUBLIC = {name for name in globals() if not name.startswith("_") and name not in _IMPORTED}
assert set(__all__) == _PUBLIC, sorted(set(__all__) ^ _PUBLIC)
