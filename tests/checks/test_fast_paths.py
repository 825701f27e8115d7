"""The engine's fast paths give what the checked paths give.

The deadline engine builds its result objects without re-running their
constructors' checks, keeps per-call contexts and per-day memos, and
measures meeting lengths without going through UTC. Meetings keep the
length and committees the local dates their own checks computed, and the
calendar rolls a deadline with one table look-up. These tests hold each
shortcut to the slow, checked way of doing the same thing.
"""

from __future__ import annotations

import copy
import pickle
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_deadlines import WeekdaysOnly

from klu_rules.checks.deadlines import (
    _DONE_FIELD,
    DeadlineKind,
    MeetingPlan,
    YearCounts,
    clear_caches,
    plan_meeting,
    plan_meetings,
    plan_year,
)
from klu_rules.core._trusted import trusted_constructor
from klu_rules.core.errors import InvalidValueError, NaiveDatetimeError
from klu_rules.core.findings import Finding, finding
from klu_rules.core.timeutil import elapsed
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting, MeetingKind, MeetingStatus
from klu_rules.rules.calendar import CALENDAR_MAX_DATE, CALENDAR_MIN_DATE, DanishCalendar
from klu_rules.rules.ruleset import AALBORG, NATIONAL, RuleSet
from klu_rules.testing import strategies as kst

CPH = ZoneInfo("Europe/Copenhagen")
ZONES = [
    CPH,
    ZoneInfo("America/New_York"),
    ZoneInfo("Australia/Lord_Howe"),  # a half-hour DST shift
    ZoneInfo("UTC"),
    UTC,
    timezone(timedelta(hours=5, minutes=30)),
]


def rebuilt(value: object) -> object:
    """``value`` built again through its public, checking constructor."""
    return type(value)(**attrs.asdict(value, recurse=False))  # type: ignore[arg-type]


def aalborg_committee(meetings: list[Meeting]) -> Committee:
    """A committee under Aalborg's rules with ``meetings`` and nothing else."""
    return Committee(
        id="klu",
        name="KLU",
        municipality="Aalborg",
        region="Nordjylland",
        rule_set=AALBORG,
        meetings=meetings,
    )


def assert_checked(plan: MeetingPlan) -> None:
    assert rebuilt(plan) == plan
    for item in plan.deadlines:
        assert rebuilt(item) == item
    for item in plan.findings:
        assert rebuilt(item) == item


# --- trusted constructors -----------------------------------------------------------


meetings = st.builds(
    lambda day, hour, hours, kind, status, called, sent: Meeting(
        id="m",
        start=datetime.combine(day, time(hour), CPH),
        end=None if hours is None else datetime.combine(day, time(hour), CPH) + hours,
        kind=kind,
        status=status,
        call_for_items_on=None if called is None else day - timedelta(days=called),
        agenda_sent_on=None if sent is None else day - timedelta(days=sent),
    ),
    st.dates(min_value=date(2011, 4, 1), max_value=date(2150, 12, 31)),
    st.integers(7, 19),
    st.none() | st.timedeltas(timedelta(minutes=30), timedelta(hours=4)),
    st.sampled_from(list(MeetingKind)),
    st.sampled_from(list(MeetingStatus)),
    st.none() | st.integers(0, 60),
    st.none() | st.integers(0, 30),
)


@given(
    meeting=meetings,
    rules=st.sampled_from([NATIONAL, AALBORG]),
    layering=st.sampled_from(["strictest", "local"]),
    as_of=st.none() | st.dates(min_value=date(2011, 1, 1), max_value=date(2151, 1, 1)),
)
def test_plans_built_without_checks_pass_the_checks(
    meeting: Meeting, rules: object, layering: str, as_of: date | None
) -> None:
    plan = plan_meeting(meeting, rules, layering=layering, as_of=as_of)  # type: ignore[arg-type]
    assert_checked(plan)


@given(
    days=st.lists(
        st.dates(min_value=date(2021, 1, 1), max_value=date(2021, 12, 31)),
        min_size=0,
        max_size=6,
        unique=True,
    ),
    as_of=st.none() | st.dates(min_value=date(2020, 6, 1), max_value=date(2022, 6, 1)),
    held=st.booleans(),
)
def test_year_plans_built_without_checks_pass_the_checks(
    days: list[date], as_of: date | None, held: bool
) -> None:
    status = MeetingStatus.HELD if held else MeetingStatus.PLANNED
    meetings = [
        Meeting(id=f"m{i}", start=datetime.combine(d, time(15), CPH), status=status)
        for i, d in enumerate(sorted(days))
    ]
    committee = aalborg_committee(meetings)
    plan = plan_year(committee, 2021, as_of=as_of, compliance=False)
    assert rebuilt(plan) == plan
    assert rebuilt(plan.counts) == plan.counts
    for item in plan.findings:
        assert rebuilt(item) == item
    for meeting_plan in plan.meetings:
        assert_checked(meeting_plan)


def test_trusted_constructor_sets_the_fields_in_order() -> None:
    make = trusted_constructor(YearCounts)
    counts = make(4, 1, 2, 0, 0, 1, None)
    assert counts == YearCounts(4, 1, 2, 0, 0, 1, None)
    assert make.__qualname__ == "YearCounts._trusted"
    with pytest.raises(TypeError):
        make(4, 1, 2)  # every field, in order


def test_trusted_constructor_takes_only_slotted_attrs_classes() -> None:
    @attrs.frozen(slots=False)
    class Loose:
        value: int

    with pytest.raises(TypeError, match="not a slotted attrs class"):
        trusted_constructor(Loose)


def test_finding_keeps_its_checks() -> None:
    made = finding("deadline.done-late", "Late.", sources=["AAL2021"], days_late=2)
    assert made == Finding("deadline.done-late", "warning", "Late.", ("AAL2021",), {})
    assert made.parameters == {"days_late": 2}
    with pytest.raises(InvalidValueError, match="unknown finding code 'nope'"):
        finding("nope", "x")
    with pytest.raises(InvalidValueError, match="severity must be one of"):
        finding("deadline.done-late", "x", severity="fatal")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="unknown source key"):
        finding("deadline.done-late", "x", sources=["NOPE"])


class DatetimeCalendar:
    """A calendar of the caller's own that answers with datetimes: a bug to report."""

    def is_working_day(self, day: date, /) -> bool:
        return True

    def roll(self, day: date, direction: str, /) -> date:
        return datetime.combine(day, time(0))

    def add_working_days(self, day: date, n: int, /) -> date:  # pragma: no cover - unused
        raise NotImplementedError


def test_a_custom_calendar_still_goes_through_the_checks() -> None:
    meeting = Meeting(id="m", start=datetime(2023, 6, 1, 15, tzinfo=CPH))
    with pytest.raises(InvalidValueError, match=r"Deadline.date must be a date"):
        plan_meeting(meeting, NATIONAL, calendar=DatetimeCalendar())  # type: ignore[arg-type]


# --- contexts and memos -------------------------------------------------------------


def test_contexts_keep_the_arguments_apart() -> None:
    clear_caches()
    meeting = Meeting(id="m", start=datetime(2023, 6, 1, 15, tzinfo=CPH))
    plain = plan_meeting(meeting, AALBORG)
    judged = plan_meeting(meeting, AALBORG, as_of=date(2023, 5, 30))
    local = plan_meeting(meeting, AALBORG, layering="local")
    utc = plan_meeting(meeting, AALBORG, timezone="UTC")
    public = plan_meeting(meeting, AALBORG, calendar=DanishCalendar(statutory_closing_days=False))
    assert plain.parameters.as_of is None
    assert judged.parameters.as_of == date(2023, 5, 30)
    assert local.parameters.layering == "local"
    assert utc.parameters.timezone == "UTC"
    assert public.parameters.calendar == "public-holidays"
    assert plan_meeting(meeting, AALBORG) == plain  # from the cache, the same answer


def test_bad_arguments_get_their_checks_not_a_cache_error() -> None:
    meeting = Meeting(id="m", start=datetime(2023, 6, 1, 15, tzinfo=CPH))
    with pytest.raises(InvalidValueError, match="layering is one of"):
        plan_meeting(meeting, AALBORG, layering=["local"])  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="as_of must be a date"):
        plan_meeting(meeting, AALBORG, as_of=datetime(2023, 5, 1, tzinfo=UTC))  # type: ignore[arg-type]
    # an equal datetime never shares the context of the date
    plan_meeting(meeting, AALBORG, as_of=date(2023, 5, 1))
    with pytest.raises(InvalidValueError, match="as_of must be a date"):
        plan_meeting(meeting, AALBORG, as_of=datetime(2023, 5, 1))  # type: ignore[arg-type]


def test_meetings_on_one_day_share_a_memo_only_when_alike() -> None:
    clear_caches()
    day = datetime(2023, 6, 1, 15, tzinfo=CPH)
    ordinary = Meeting(id="a", start=day)
    dialogue = Meeting(id="b", start=day, kind=MeetingKind.DIALOGUE)
    called = Meeting(id="c", start=day, call_for_items_on=date(2023, 5, 1))
    sent = Meeting(id="d", start=day, agenda_sent_on=date(2023, 5, 30))
    plan = plan_meetings([ordinary, dialogue, called, sent], AALBORG)
    first, second, third, fourth = plan.meetings
    assert [d.kind.value for d in second.deadlines] == ["dialogue_announcement"]
    assert first.deadline("items_due").anchor == "call_for_items"
    assert third.deadline("items_due").anchor == "recorded_call_for_items"
    assert fourth.deadline("agenda_dispatch").done_on == date(2023, 5, 30)
    assert first.deadline("agenda_dispatch").done_on is None
    assert [f.code for f in fourth.findings].count("deadline.done-late") == 1
    # planned again: the memo gives the same plans
    assert plan_meetings([ordinary, dialogue, called, sent], AALBORG) == plan


# --- elapsed time -------------------------------------------------------------------


@given(
    zone=st.sampled_from(ZONES),
    other=st.sampled_from(ZONES),
    start=st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1)),
    length=st.timedeltas(timedelta(0), timedelta(days=3)),
    fold=st.sampled_from([0, 1]),
    same=st.booleans(),
)
def test_elapsed_is_the_difference_in_utc(
    zone: object, other: object, start: datetime, length: timedelta, fold: int, same: bool
) -> None:
    begin = start.replace(tzinfo=zone, fold=fold)  # type: ignore[arg-type]
    end = (start + length).replace(tzinfo=zone if same else other)  # type: ignore[arg-type]
    assert elapsed(begin, end) == end.astimezone(UTC) - begin.astimezone(UTC)


def test_elapsed_over_the_dst_nights() -> None:
    # 26 March 2023: 02:00 does not exist; 29 October 2023: 02:00-03:00 happens twice
    spring = elapsed(datetime(2023, 3, 26, 1, tzinfo=CPH), datetime(2023, 3, 26, 4, tzinfo=CPH))
    autumn = elapsed(datetime(2023, 10, 29, 1, tzinfo=CPH), datetime(2023, 10, 29, 4, tzinfo=CPH))
    assert (spring, autumn) == (timedelta(hours=2), timedelta(hours=4))
    twice = datetime(2023, 10, 29, 2, 30, tzinfo=CPH)
    assert elapsed(twice, twice.replace(fold=1)) == timedelta(hours=1)


class NoOffset(tzinfo):
    """A tzinfo that gives no UTC offset: datetimes in it are naive."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None


def test_elapsed_refuses_naive_times() -> None:
    naive = NoOffset()
    aware = datetime(2023, 1, 1, 12, tzinfo=CPH)
    with pytest.raises(NaiveDatetimeError, match="start"):
        elapsed(datetime(2023, 1, 1, 12, tzinfo=naive), datetime(2023, 1, 1, 13, tzinfo=naive))
    end = aware.replace(hour=13)
    assert elapsed(aware, end) == timedelta(hours=1)
    with pytest.raises(NaiveDatetimeError, match="end"):
        elapsed(_offset_only_at_noon(12), _offset_only_at_noon(13))


class _NoonOnly(tzinfo):
    """An offset at noon and none after: exercises the check of ``end``."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return timedelta(0) if dt is not None and dt.hour == 12 else None


_NOON = _NoonOnly()


def _offset_only_at_noon(hour: int) -> datetime:
    return datetime(2023, 1, 1, hour, tzinfo=_NOON)


# --- values kept from the constructors' checks ---------------------------------------


@given(meeting=kst.meetings(timezone=st.sampled_from(["Europe/Copenhagen", "America/New_York"])))
def test_a_meeting_keeps_its_real_length(meeting: Meeting) -> None:
    expected = None if meeting.end is None else elapsed(meeting.start, meeting.end)
    assert meeting.duration == expected
    # copies restored without the constructor compute it again
    for copied in (pickle.loads(pickle.dumps(meeting)), copy.deepcopy(meeting)):
        assert copied == meeting
        assert copied.duration == expected
    assert attrs.evolve(meeting, end=None).duration is None


def test_a_meeting_length_is_not_a_field() -> None:
    names = [field.name for field in attrs.fields(Meeting)]
    assert "duration" not in names
    meeting = Meeting(
        id="m",
        start=datetime(2023, 10, 29, 1, tzinfo=CPH),
        end=datetime(2023, 10, 29, 4, tzinfo=CPH),
    )
    assert meeting.duration == timedelta(hours=4)  # the night the clocks go back
    assert Meeting(**attrs.asdict(meeting, recurse=False)) == meeting
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        meeting.duration = timedelta(0)


@given(
    committee=kst.committees(
        timezone=st.sampled_from(["Europe/Copenhagen", "Pacific/Kiritimati"]), max_meetings=8
    ),
    year=st.integers(2010, 2040),
)
def test_a_committee_finds_a_years_meetings_by_their_local_dates(
    committee: Committee, year: int
) -> None:
    expected = tuple(m for m in committee.meetings if m.local_date(committee.timezone).year == year)
    assert committee.meetings_in(year) == expected
    restored = pickle.loads(pickle.dumps(committee))
    assert restored.meetings_in(year) == expected
    found, days = restored._meetings_and_days(year)
    assert found == expected
    assert days == tuple(m.local_date(committee.timezone) for m in expected)


def test_a_meeting_on_new_years_eve_in_utc_belongs_to_the_local_year() -> None:
    # 23:30 UTC on 31 December is 00:30 on 1 January in Copenhagen
    meeting = Meeting(id="m", start=datetime(2023, 12, 31, 23, 30, tzinfo=UTC))
    committee = aalborg_committee([meeting])
    assert committee.meetings_in(2023) == ()
    assert committee.meetings_in(2024) == (meeting,)
    assert plan_year(committee, 2024, compliance=False).meetings[0].date == date(2024, 1, 1)


# --- the calendar's roll for the engine ----------------------------------------------


@given(
    day=st.dates(min_value=CALENDAR_MIN_DATE, max_value=CALENDAR_MAX_DATE),
    direction=st.sampled_from(["preceding", "following"]),
    calendar=st.sampled_from([DanishCalendar(), DanishCalendar(statutory_closing_days=False)]),
)
def test_the_engines_roll_is_roll_with_the_names_of_the_day_moved_off(
    day: date, direction: str, calendar: DanishCalendar
) -> None:
    try:
        expected = calendar.roll(day, direction)  # type: ignore[arg-type]
    except InvalidValueError as exc:  # no working day left in the calendar's range
        refused: str | None = str(exc)
    else:
        refused = None
    if refused is not None:
        with pytest.raises(InvalidValueError) as raised:
            calendar._roll_named(day, direction)  # type: ignore[arg-type]
        assert str(raised.value) == refused
        return
    names = () if expected == day else calendar.holiday_names(day)
    assert calendar._roll_named(day, direction) == (expected, names)  # type: ignore[arg-type]


def test_the_engines_roll_refuses_days_outside_the_calendar() -> None:
    calendar = DanishCalendar()
    with pytest.raises(InvalidValueError, match="outside the calendar's range"):
        calendar._roll_named(date(1899, 12, 29), "preceding")
    assert calendar._roll_named(date(2017, 6, 5), "following") == (
        date(2017, 6, 6),
        ("2. pinsedag", "Grundlovsdag"),
    )


@pytest.mark.parametrize(
    ("day", "direction"), [(date(1900, 1, 1), "preceding"), (date(2200, 12, 31), "following")]
)
def test_the_engines_roll_says_what_roll_says_when_it_runs_out(day: date, direction: str) -> None:
    # New Year's Day 1900 and 31 December 2200 are closed: rolling leaves the calendar
    calendar = DanishCalendar()
    with pytest.raises(InvalidValueError, match=f"^rolling {day.isoformat()} to the") as raised:
        calendar._roll_named(day, direction)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError) as expected:
        calendar.roll(day, direction)  # type: ignore[arg-type]
    assert str(raised.value) == str(expected.value)


class OpenOnHolidays(WeekdaysOnly):
    """A calendar of the caller's own: every Monday to Friday works, holidays keep their names."""

    def __init__(self) -> None:
        self.names = DanishCalendar().holiday_names

    def holiday_names(self, day: date) -> tuple[str, ...]:
        return self.names(day)


def test_a_custom_calendar_names_only_the_days_a_deadline_moved_off() -> None:
    calendar = OpenOnHolidays()
    # two weeks before 1 June 2023 is Ascension Day, a working day in this calendar
    stays = plan_meeting(
        Meeting(id="m", start=datetime(2023, 6, 1, 15, tzinfo=CPH)), NATIONAL, calendar=calendar
    )
    agenda = stays.deadline("agenda_dispatch")
    assert (agenda.date, agenda.roll, agenda.closed) == (date(2023, 5, 18), "none", ())
    # two weeks before Sunday 23 April 2023 is Easter Sunday: back to Friday, and named
    moves = plan_meeting(
        Meeting(id="m", start=datetime(2023, 4, 23, 15, tzinfo=CPH)), NATIONAL, calendar=calendar
    )
    agenda = moves.deadline("agenda_dispatch")
    assert (agenda.date, agenda.roll) == (date(2023, 4, 7), "preceding")
    assert agenda.closed == DanishCalendar().holiday_names(date(2023, 4, 9)) != ()


def test_a_rule_set_without_an_agenda_notice_plans_the_other_deadlines() -> None:
    national = RuleSet(
        "national-no-agenda",
        "National rules without the agenda notice",
        "national",
        [e for e in NATIONAL.entries if e.key != "agenda_dispatch_notice"],
    )
    local = RuleSet(
        "aalborg-no-agenda",
        "Aalborg without the agenda notice",
        "local",
        [e for e in AALBORG.entries if e.key != "agenda_dispatch_notice"],
        parent=national,
    )
    plan = plan_meeting(Meeting(id="m", start=datetime(2023, 6, 1, 15, tzinfo=CPH)), local)
    assert [(d.kind.value, d.date) for d in plan.deadlines] == [
        ("call_for_items", date(2023, 5, 4)),
        ("items_due", date(2023, 5, 19)),
    ]
    assert not [f for f in plan.findings if f.code.startswith("deadline.items-due")]


def test_every_deadline_but_items_due_records_its_step() -> None:
    # _Fixed finds the earliest open deadline by this, without the dictionary look-up
    assert set(_DONE_FIELD) == set(DeadlineKind) - {DeadlineKind.ITEMS_DUE}
