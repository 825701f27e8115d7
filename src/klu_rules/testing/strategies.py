"""Hypothesis strategies for klu_rules' model types, valid by construction.

Plural nouns with keyword arguments only, checked when the strategy is built
(``InvalidArgument``). Values are built through the public constructors, and
committees are file-safe: ``parse_committee(dump_committee(c)) == c`` with a
built-in rule set. ``st.from_type(Meeting)`` draws from :func:`meetings` (see
:mod:`klu_rules.testing._hypothesis_entry` and ``docs/strategies.md``).
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  # the ``testing`` extra
except ImportError as exc:  # pragma: no cover - the test environment has Hypothesis
    raise ImportError(
        "klu_rules.testing.strategies needs Hypothesis: pip install 'klu_rules[testing]'"
    ) from exc

import functools
import itertools
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from datetime import timezone as fixed_offset

import attrs
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

from klu_rules.core.convert import YEARS
from klu_rules.core.errors import KluRulesError
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone, localize
from klu_rules.model.agenda import Agenda, AgendaItem, AgendaItemKind
from klu_rules.model.agreement import Agreement, AgreementKind, AgreementStatus
from klu_rules.model.committee import Committee
from klu_rules.model.geography import check_place
from klu_rules.model.meeting import (
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from klu_rules.model.people import Membership, Person, Role, Side
from klu_rules.rules import ruleset
from klu_rules.rules.ruleset import RuleSet
from klu_rules.testing import _common as _c
from klu_rules.testing import _records as _k
from klu_rules.testing import _rules as _r
from klu_rules.testing._common import IDS, NUMBERS, OPTIONAL_TEXT, PROSE, TEXT

_IMPORTED = frozenset(globals())

FIRST_DAY_IN_FORCE = _c.FIRST_DAY_IN_FORCE
LAST_DAY = _c.LAST_DAY
periods, money, rule_entries, rule_sets = _r.periods, _r.money, _r.rule_entries, _r.rule_sets
follow_ups, minutes_items, minutes = _k.follow_ups, _k.minutes_items, _k.minutes
annual_wheels, meeting_calendars = _k.annual_wheels, _k.meeting_calendars
evaluation_records = _k.evaluation_records

__all__ = [
    "FIRST_DAY_IN_FORCE",
    "LAST_DAY",
    "agenda_items",
    "agendas",
    "agreements",
    "annual_wheels",
    "attendances",
    "committees",
    "dates_in_force",
    "evaluation_records",
    "follow_ups",
    "meeting_calendars",
    "meeting_times",
    "meetings",
    "memberships",
    "minutes",
    "minutes_items",
    "money",
    "periods",
    "persons",
    "rule_entries",
    "rule_sets",
]


def dates_in_force(
    *, min_value: date = FIRST_DAY_IN_FORCE, max_value: date = LAST_DAY
) -> SearchStrategy[date]:
    """Days with national rules in force, within the calendar: 2011-04-01..2200-12-31."""
    return st.dates(*_c.check_dates(min_value, max_value, FIRST_DAY_IN_FORCE, LAST_DAY))


_NEAR = (date(2024, 1, 1), date(2027, 12, 31))
"""Years near the present (fixed: strategies read no clock), drawn about half of the time."""


def _days(low: date, high: date) -> SearchStrategy[date]:
    """Days in ``low..high``, about half of them in the years near the present."""
    near_low, near_high = max(low, _NEAR[0]), min(high, _NEAR[1])
    days = st.dates(low, high)
    return st.dates(near_low, near_high) | days if near_low <= near_high else days


@functools.lru_cache(maxsize=512)
def _changes(zone: str, year: int) -> tuple[date, ...]:
    """The days of ``year`` whose night changes ``zone``'s UTC offset (daylight saving)."""
    tz = get_zone(zone)

    def offset(day: date) -> timedelta | None:
        return datetime.combine(day, time(12), tz).utcoffset()

    firsts = [date(year, month, 1) for month in range(1, 13)] + [date(year + 1, 1, 1)]
    found = []
    for first, after in itertools.pairwise(firsts):
        if offset(first) != offset(after):
            days = [first + timedelta(n) for n in range((after - first).days + 1)]
            found += [b for a, b in itertools.pairwise(days) if offset(a) != offset(b)]
    return tuple(found)


@st.composite
def _dst_times(draw: DrawFn, zone: str, low: date, high: date) -> datetime | None:
    """A start in the small hours of a day whose offset changes (maybe in the repeated
    autumn hour, either time round), or None when ``low..high`` has no such day."""
    year = draw(_days(low, high)).year
    days = [d for d in _changes(zone, year) if low <= d <= high]
    if not days:
        return None
    day = draw(st.sampled_from(days))
    hour = draw(st.sampled_from((0, 1, 2, 2, 3)))  # the change is at 1, 2 or 3 o'clock
    wall = datetime.combine(day, time(hour, draw(st.sampled_from((0, 30)))))
    tz = get_zone(zone)
    moment = wall.replace(tzinfo=tz, fold=draw(st.integers(0, 1))).astimezone(UTC).astimezone(tz)
    return moment if moment.astimezone(UTC).year in YEARS and low <= moment.date() <= high else None


@st.composite
def _local_times(draw: DrawFn, zone: str | SearchStrategy[str], low: date, high: date) -> datetime:
    day = draw(_days(low, high))
    hour = draw(st.integers(8, 18) | st.integers(0, 23))  # office hours, or any hour
    minute = draw(st.sampled_from((0, 15, 30, 45)) | st.integers(0, 59))
    try:
        moment = localize(datetime.combine(day, time(hour, minute)), _c.draw_zone(draw, zone))
    except KluRulesError:
        reject()  # inside a daylight-saving gap or overlap: not exactly once in the zone
    if moment.astimezone(UTC).year not in YEARS:
        reject()  # the calendar's first or last hours, in another year in UTC
    return moment


def meeting_times(
    *,
    timezone: str | SearchStrategy[str] = DEFAULT_TIMEZONE,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
) -> SearchStrategy[datetime]:
    """Start times to the minute that exist exactly once in ``timezone`` (a name or a
    strategy; the tzinfo is its ``ZoneInfo``), on local dates in ``min_value..max_value``."""
    return _local_times(_c.check_zone(timezone), *_c.check_dates(min_value, max_value))


def persons(*, doctor: bool | None = None) -> SearchStrategy[Person]:
    """People with a stable id, a non-blank name, maybe an e-mail; ``doctor`` fixes the flag."""
    if doctor is not None and not isinstance(doctor, bool):
        raise InvalidArgument(f"doctor must be True, False or None, got {doctor!r}")
    return st.builds(
        Person,
        id=IDS,
        name=TEXT,
        email=st.none() | st.emails().filter(lambda e: e.count("@") == 1),
        doctor=st.booleans() if doctor is None else st.just(doctor),
        placeholder=st.sampled_from((False, False, False, True)),
    )


_USUAL_SIDE = {
    Role.VICE_CHAIR: Side.GENERAL_PRACTICE,
    Role.DOCTOR_MEMBER: Side.GENERAL_PRACTICE,
    Role.HOSPITAL_REPRESENTATIVE: Side.HOSPITAL_REGION,
    Role.OBSERVER: Side.HOSPITAL_REGION,
}


@st.composite
def _membership(
    draw: DrawFn, person: Person, role: Role | None, low: date, high: date, starts: bool = False
) -> Membership:
    chosen = draw(st.sampled_from(Role)) if role is None else role
    start = draw(st.dates(low, high)) if starts else draw(st.none() | st.dates(low, high))
    return Membership(
        person=person,
        side=draw(st.just(_USUAL_SIDE.get(chosen, Side.MUNICIPALITY)) | st.sampled_from(Side)),
        role=chosen,
        organisation=draw(OPTIONAL_TEXT),
        title=draw(OPTIONAL_TEXT),
        appointed_by=draw(st.none() | st.sampled_from(("PLO-Aalborg", "Byrådet"))),
        term_start=start,
        term_end=draw(st.none() | st.dates(start or low, high)),
        times_listed=draw(st.sampled_from((1, 1, 1, 1, 2)) | st.integers(1, 3)),
    )


def memberships(
    *,
    role: Role | str | None = None,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
) -> SearchStrategy[Membership]:
    """Seats with ``role`` (default any), usually on its usual side, maybe with a term within
    ``min_value..max_value`` that never ends before it starts."""
    chosen = None if role is None else Role(_c.check_choices("role", [role], Role)[0])
    low, high = _c.check_dates(min_value, max_value)
    return persons().flatmap(lambda p: _membership(p, chosen, low, high))


def _agenda_items(
    number: str, kinds: Sequence[str], topics: SearchStrategy[str] = _c.TOPICS
) -> SearchStrategy[AgendaItem]:
    return st.builds(
        AgendaItem,
        number=st.just(number),
        title=TEXT,
        kind=st.sampled_from(kinds),
        duration_minutes=st.none() | st.integers(1, 120) | st.integers(1, 24 * 60),
        what=PROSE,
        how=PROSE,
        why=PROSE,
        proposer=OPTIONAL_TEXT,
        topics=st.lists(topics, max_size=3).map(tuple),
        case_description=PROSE,
        recommendation=st.lists(TEXT, max_size=3).map(tuple),
    )


def agenda_items(*, kind: AgendaItemKind | str | None = None) -> SearchStrategy[AgendaItem]:
    """Items numbered ``"2"`` or ``"2.c"`` of ``kind`` (default any), maybe undescribed, naming
    topics of the national catalogue (known to every built-in rule set on every day)."""
    kinds = _c.check_choices("kind", None if kind is None else [kind], AgendaItemKind)
    return NUMBERS.flatmap(lambda n: _agenda_items(n, kinds))


@st.composite
def _agenda(
    draw: DrawFn, min_items: int, max_items: int, topics: SearchStrategy[str] = _c.TOPICS
) -> Agenda:
    numbers = draw(st.lists(NUMBERS, min_size=min_items, max_size=max_items, unique=True))
    if draw(st.booleans()):
        numbers.sort(key=lambda n: (int(n.split(".")[0]), n))
    return Agenda(
        items=[draw(_agenda_items(n, tuple(AgendaItemKind), topics)) for n in numbers],
        not_relevant=draw(st.lists(topics, max_size=2, unique=True)),
    )


def agendas(*, min_items: int = 0, max_items: int = 8) -> SearchStrategy[Agenda]:
    """Agendas of ``min_items..max_items`` items with unique numbers, in order half of the time;
    topics from the national catalogue."""
    _c.check_range("min_items", min_items, "max_items", max_items, _c.MAX_SIZE)
    return _agenda(min_items, max_items)


@st.composite
def _attendance(
    draw: DrawFn, person: Person, agenda: Agenda | None, holders: Sequence[str] | None
) -> Attendance:
    """One entry; a substitute stands in for one of ``holders`` (None: for any other id)."""
    statuses = [AttendanceStatus.PRESENT, AttendanceStatus.ABSENT]
    seats: list[str] = []
    if person.doctor:
        statuses.append(AttendanceStatus.SUPPLEMENTING)
        if holders is None:
            seats = [draw(IDS.filter(lambda i: i != person.id))]
        else:
            seats = [pid for pid in holders if pid != person.id]
        if seats:  # substitutes are what the committee checks are about: draw them often
            statuses += [AttendanceStatus.SUBSTITUTE] * 2
    status = draw(st.sampled_from(statuses))
    if status is AttendanceStatus.SUBSTITUTE:
        numbers = [] if agenda is None else [i.number for i in agenda.items]
        items = draw(st.lists(st.sampled_from(numbers), unique=True)) if numbers else []
        return Attendance(person, status, substitute_for=draw(st.sampled_from(seats)), items=items)
    reason = draw(OPTIONAL_TEXT) if status is AttendanceStatus.ABSENT else None
    return Attendance(person, status, reason=reason)


def attendances() -> SearchStrategy[Attendance]:
    """Present, absent (maybe with a reason), substitute or supplementing (both doctors)."""
    return persons().flatmap(lambda p: _attendance(p, None, None))


_STATUSES = st.sampled_from((*MeetingStatus, MeetingStatus.HELD))  # held: they have records
_LENGTHS = st.sampled_from((120, 180)) | st.sampled_from((60, 90, 150, 181)) | st.integers(1, 600)
"""Meeting lengths in minutes: the usual ones (Aalborg's norm 120, the national 180) a third
of the time, lengths around them (one minute over the national) or any."""


def _end(start: datetime, minutes: int, zone: str) -> datetime | None:
    """``minutes`` of wall-clock time after ``start``, if that time exists once in ``zone``."""
    try:
        end = localize(start.replace(tzinfo=None) + timedelta(minutes=minutes), zone)
    except KluRulesError:
        return None
    # later on the wall clock and outside any gap or overlap, so later in real time too
    return end if end.astimezone(UTC).year in YEARS else None


def _represent(how: str, moment: datetime) -> datetime:
    """The same instant in its zone, in UTC, or at its fixed UTC offset."""
    offset = (moment.utcoffset() if how == "offset" else None) or timedelta(0)
    return moment if how == "zone" else moment.astimezone(fixed_offset(offset))


@st.composite
def _meeting(
    draw: DrawFn,
    zone: str | SearchStrategy[str],
    low: date,
    high: date,
    people: Sequence[Person] | None,
    max_attendance: int,
    meeting_id: str | None = None,
    holders: Callable[[date], Sequence[str]] | None = None,
    topics: Callable[[date], Sequence[str]] | None = None,
) -> Meeting:
    name = _c.draw_zone(draw, zone)
    start = draw(_dst_times(name, low, high)) if not draw(st.integers(0, 7)) else None
    if start is None:
        start = draw(_local_times(name, low, high))
        end = _end(start, draw(_LENGTHS), name) if draw(st.integers(0, 4)) else None
    else:  # around a change of offset: the end is that long later in real time
        later = (start.astimezone(UTC) + timedelta(minutes=draw(_LENGTHS))).astimezone(start.tzinfo)
        end = later if later.astimezone(UTC).year in YEARS else None
    day = start.date()
    how = draw(st.sampled_from(("zone", "zone", "zone", "utc", "offset")))
    keys = (
        _c.TOPICS
        if topics is None
        else st.sampled_from(known)
        if (known := topics(day))
        else st.nothing()
    )
    agenda = draw(st.none() | _agenda(0, 4, keys))
    if people is None:
        pool = draw(st.lists(persons(), max_size=max_attendance, unique_by=lambda p: p.id))
    else:
        size = min(max_attendance, len(people))
        pool = draw(st.lists(st.sampled_from(people), max_size=size, unique=True)) if size else []
    seats = None if holders is None else holders(day)
    kind = draw(st.sampled_from(MeetingKind))
    dialogue = kind is MeetingKind.DIALOGUE
    return Meeting(
        id=draw(IDS) if meeting_id is None else meeting_id,
        start=_represent(how, start),
        end=None if end is None else _represent(how, end),
        kind=kind,
        status=draw(_STATUSES),
        revision=draw(st.integers(0, 5) | st.integers(0, 2**31 - 1)),
        location=draw(OPTIONAL_TEXT),
        title=draw(OPTIONAL_TEXT),
        attendance=[draw(_attendance(person, agenda, seats)) for person in pool],
        agenda=agenda,
        call_for_items_on=draw(st.none() | st.dates(day - timedelta(weeks=8), day)),
        agenda_sent_on=draw(st.none() | st.dates(day - timedelta(weeks=4), day)),
        announced_on=draw(st.none() | st.dates(day - timedelta(200), day)) if dialogue else None,
    )


def meetings(
    *,
    timezone: str | SearchStrategy[str] = DEFAULT_TIMEZONE,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
    max_attendance: int = 6,
) -> SearchStrategy[Meeting]:
    """Meetings starting at a :func:`meeting_times` time (or the same instant in UTC or at a
    fixed offset), maybe with a later end, an agenda and attendance (substitutes for any other
    id). Lengths favour the usual ones: Aalborg's two hours, the national three. About half
    fall in the years near the present (2024-2027); about one in eight starts in the small
    hours of a day the clocks change (maybe in the repeated autumn hour) and, with an end,
    spans the change. Agenda topics come from the national catalogue."""
    zone = _c.check_zone(timezone)
    low, high = _c.check_dates(min_value, max_value)
    _c.check_int("max_attendance", max_attendance)
    return _meeting(zone, low, high, None, max_attendance)


_STEPS = tuple(AgreementStatus)[:4]  # draft, sent, concluded, evaluated


@st.composite
def _agreement(draw: DrawFn, low: date, high: date, statuses: Sequence[str]) -> Agreement:
    status = AgreementStatus(draw(st.sampled_from(statuses)))
    days = sorted(draw(st.lists(st.dates(low, high), min_size=4, max_size=4)))
    if status is AgreementStatus.WITHDRAWN:
        present = draw(st.lists(st.booleans(), min_size=4, max_size=4))
    else:  # the dates of the steps up to the status; the draft's is optional
        present = [draw(st.booleans())] + [i <= _STEPS.index(status) for i in range(1, 4)]
    drafted, sent, concluded, evaluated = (
        d if p else None for d, p in zip(days, present, strict=True)
    )
    return Agreement(
        id=draw(IDS),
        title=draw(TEXT),
        kind=draw(st.sampled_from(AgreementKind)),
        status=status,
        parties=draw(st.lists(TEXT, max_size=3)),
        drafted_on=drafted,
        sent_on=sent,
        concluded_on=concluded,
        evaluated_on=evaluated,
        sent_to=draw(st.none() | _c.RECIPIENTS),
        notes=draw(PROSE),
    )


def agreements(
    *,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
    statuses: Iterable[AgreementStatus | str] | None = None,
) -> SearchStrategy[Agreement]:
    """Agreements with a status in ``statuses`` whose dates match it and go forwards."""
    low, high = _c.check_dates(min_value, max_value)
    return _agreement(low, high, _c.check_choices("statuses", statuses, AgreementStatus))


_PLACES = st.sampled_from(
    (("Aalborg", "Nordjylland"), ("Langeland", "Syddanmark"), ("Fanø", "Region Syddanmark"))
)
"""Real municipalities with their regions."""


def _placed(municipality: str, region: str, year: int | None) -> bool:
    """Whether a committee file takes this municipality and region (made-up names pass)."""
    try:
        check_place(municipality, region, year=year)
    except KluRulesError:
        return False
    return True


@st.composite
def _committee(
    draw: DrawFn,
    rules: RuleSet | SearchStrategy[RuleSet] | None,
    zone: str | SearchStrategy[str],
    low: date,
    high: date,
    max_members: int,
    max_meetings: int,
) -> Committee:
    name = _c.draw_zone(draw, zone)
    if rules is None:
        rule_set = ruleset.get_rule_set(draw(st.sampled_from(("national", "aalborg"))))
    else:
        rule_set = draw(rules) if isinstance(rules, SearchStrategy) else rules
    people = draw(st.lists(persons(), max_size=max_members + 4, unique_by=lambda p: p.id))
    count = draw(st.integers(0, min(max_members, len(people))))
    members, staff, guests = people[:count], people[count : count + 2], people[count + 2 :]
    seats: list[Membership] = []
    for index, person in enumerate(members):
        doctor = index < 2 and draw(st.integers(0, 3)) > 0  # usually two doctor members
        seat = draw(_membership(person, Role.DOCTOR_MEMBER if doctor else None, low, high))
        if doctor and draw(st.booleans()):
            seat = attrs.evolve(seat, term_start=None, term_end=None)  # in office throughout
        seats.append(seat)
        if seat.term_end is not None and seat.term_end < high and not draw(st.integers(0, 3)):
            later = seat.term_end + timedelta(days=1)  # re-appointed for a later term
            seats.append(draw(_membership(person, seat.role, later, high, starts=True)))
    office = st.sampled_from((Role.SECRETARY, Role.SECRETARIAT_STAFF))
    secretariat = [draw(_membership(p, draw(office), low, high)) for p in staff]

    def holders(day: date) -> list[str]:
        return [m.person.id for m in seats if m.is_doctor_seat and m.in_force(day)]

    def topics(day: date) -> list[str]:  # the catalogue in force: what the checks accept
        try:
            return [t.key for t in rule_set.in_force(day).topics]
        except KluRulesError:
            return []

    meetings_ = [
        draw(_meeting(name, low, high, members + guests, 6, mid, holders, topics))
        for mid in draw(st.lists(IDS, max_size=max_meetings, unique=True))
    ]
    agreements_ = st.lists(
        _agreement(low, high, tuple(AgreementStatus)), max_size=2, unique_by=lambda a: a.id
    )
    owners = [p.id for p in members + staff]
    year = draw(st.none() | st.integers(max(low.year, YEARS.start), min(high.year, YEARS.stop - 1)))
    municipality, region = draw(
        _PLACES | st.tuples(TEXT, TEXT).filter(lambda p: _placed(p[0], p[1], year))
    )
    return Committee(
        id=draw(IDS),
        name=draw(st.sampled_from(("KLU Aalborg", "KLU Test")) | TEXT),
        municipality=municipality,
        region=region,
        rule_set=rule_set,
        timezone=name,
        memberships=seats,
        secretariat=secretariat,
        meetings=meetings_,
        agreements=draw(agreements_),
        year=year,
        source=draw(OPTIONAL_TEXT),
        **draw(_k.records_of(meetings_, name, owners, range(low.year, high.year + 1))),
    )


def committees(
    *,
    rules: RuleSet | SearchStrategy[RuleSet] | None = None,
    timezone: str | SearchStrategy[str] = DEFAULT_TIMEZONE,
    min_value: date = FIRST_DAY_IN_FORCE,
    max_value: date = LAST_DAY,
    max_members: int = 6,
    max_meetings: int = 4,
) -> SearchStrategy[Committee]:
    """Committees: up to ``max_members`` members (usually two doctor members first; a
    re-appointed member holds a second membership, so there may be more memberships than
    members), a secretariat, guests, meetings (as :func:`meetings` draws them) whose
    substitutes stand in for a doctor member in office and whose agenda topics are in the
    catalogue in force on their day, agreements, records of held meetings on their local
    dates, and a ``year`` (if any) within ``min_value..max_value``.

    ``rules`` is a RuleSet or a strategy (default: built-in ``national`` or ``aalborg``,
    which ``dump_committee`` can write); ``timezone`` a zone name or a strategy.
    """
    if not isinstance(rules, RuleSet):
        _c.check_strategy("rules", rules)
    zone = _c.check_zone(timezone)
    low, high = _c.check_dates(min_value, max_value)
    _c.check_int("max_members", max_members)
    _c.check_int("max_meetings", max_meetings)
    return _committee(rules, zone, low, high, max_members, max_meetings)


_PUBLIC = {name for name in globals() if not name.startswith("_") and name not in _IMPORTED}
assert set(__all__) == _PUBLIC, sorted(set(__all__) ^ _PUBLIC)
