"""Tests of klu_rules.rules.calendar: known answers, a differential test, properties, errors."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

import attrs
import pytest
from helpers import foreign_words
from holidays.constants import OPTIONAL, PUBLIC
from holidays.countries.denmark import Denmark
from hypothesis import given
from hypothesis import strategies as st

from klu_rules.core.errors import InvalidValueError, KluRulesError
from klu_rules.core.sources import SOURCES
from klu_rules.core.types import RollDirection
from klu_rules.rules.calendar import (
    CALENDAR_MAX_DATE,
    CALENDAR_MIN_DATE,
    HOLIDAY_KEYS,
    HOLIDAY_RULES,
    LABOUR_DAY,
    ClosingDay,
    DanishCalendar,
    EasterOffset,
    FixedDate,
    HolidayRule,
    WorkingDayCalendar,
    holiday_text,
)

DEFAULT = DanishCalendar()
PUBLIC_ONLY = DanishCalendar(statutory_closing_days=False)
WITH_LABOUR_DAY = DanishCalendar(extra_closing_days=[LABOUR_DAY])


def _da(names: tuple[str, ...]) -> tuple[str, ...]:
    """The names of closed days in Danish, as a Danish reader sees them."""
    return tuple(holiday_text(name, "da") for name in names)


def _da_days(days: dict[date, tuple[str, ...]]) -> dict[date, tuple[str, ...]]:
    return {day: _da(names) for day, names in days.items()}


def _days(first: date, last: date) -> Iterator[date]:
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        yield date.fromordinal(ordinal)


# --- known answers ----------------------------------------------------------

KNOWN_CLOSED: list[tuple[date, tuple[str, ...]]] = [
    # 2023: the last year with Store bededag.
    (date(2023, 1, 1), ("Nytårsdag",)),
    (date(2023, 4, 6), ("Skærtorsdag",)),
    (date(2023, 4, 7), ("Langfredag",)),
    (date(2023, 4, 9), ("Påskedag",)),
    (date(2023, 4, 10), ("2. påskedag",)),
    (date(2023, 5, 5), ("Store bededag",)),
    (date(2023, 5, 18), ("Kristi himmelfartsdag",)),
    (date(2023, 5, 28), ("Pinsedag",)),
    (date(2023, 5, 29), ("2. pinsedag",)),
    (date(2023, 6, 5), ("Grundlovsdag",)),
    (date(2023, 12, 24), ("Juleaftensdag",)),
    (date(2023, 12, 25), ("Juledag",)),
    (date(2023, 12, 26), ("2. juledag",)),
    (date(2023, 12, 31), ("Nytårsaftensdag",)),
    # 2024: Easter 31 March.
    (date(2024, 3, 28), ("Skærtorsdag",)),
    (date(2024, 3, 29), ("Langfredag",)),
    (date(2024, 4, 1), ("2. påskedag",)),
    (date(2024, 5, 9), ("Kristi himmelfartsdag",)),
    (date(2024, 5, 20), ("2. pinsedag",)),
    # 2000: Easter 23 April.
    (date(2000, 4, 20), ("Skærtorsdag",)),
    (date(2000, 4, 21), ("Langfredag",)),
    (date(2000, 4, 24), ("2. påskedag",)),
    (date(2000, 5, 19), ("Store bededag",)),
    (date(2000, 6, 1), ("Kristi himmelfartsdag",)),
    (date(2000, 6, 12), ("2. pinsedag",)),
    # 2008: an early Easter (23 March); Ascension Day on 1 May.
    (date(2008, 3, 20), ("Skærtorsdag",)),
    (date(2008, 4, 18), ("Store bededag",)),
    (date(2008, 5, 1), ("Kristi himmelfartsdag",)),
    (date(2008, 5, 12), ("2. pinsedag",)),
    # 2038: the latest Easter of the century (25 April).
    (date(2038, 4, 23), ("Langfredag",)),
    (date(2038, 6, 3), ("Kristi himmelfartsdag",)),
    (date(2038, 6, 14), ("2. pinsedag",)),
    # Coinciding days keep every name, public holiday first.
    (date(2017, 6, 5), ("2. pinsedag", "Grundlovsdag")),
    (date(2028, 6, 5), ("2. pinsedag", "Grundlovsdag")),
    (date(2022, 6, 5), ("Pinsedag", "Grundlovsdag")),
]


@pytest.mark.parametrize(("day", "names"), KNOWN_CLOSED, ids=lambda v: str(v))
def test_known_closed_days(day: date, names: tuple[str, ...]) -> None:
    assert _da(DEFAULT.holiday_names(day)) == names
    assert DEFAULT.is_working_day(day) is False
    assert _da_days(DEFAULT.non_working_days(day.year))[day] == names


@pytest.mark.parametrize(
    "day",
    [
        date(2024, 4, 26),  # would have been Store bededag: abolished from 2024
        date(2025, 5, 16),  # likewise
        date(2024, 5, 1),  # 1 May is a working day by default
        date(2023, 4, 11),  # the Tuesday after Easter
        date(2024, 12, 27),  # between Christmas and New Year
        date(2023, 6, 6),
    ],
)
def test_known_working_days(day: date) -> None:
    assert DEFAULT.is_working_day(day) is True
    assert _da(DEFAULT.holiday_names(day)) == ()
    assert day not in DEFAULT.non_working_days(day.year)


def test_great_prayer_day_is_one_guarded_rule() -> None:
    (rule,) = [r for r in HOLIDAY_RULES if r.key == "great_prayer_day"]
    assert rule.when == EasterOffset(26)
    assert rule.last_year == 2023
    assert "BEDEDAG" in rule.sources
    assert rule.date_in(2023) == date(2023, 5, 5)
    assert rule.date_in(2024) is None
    assert rule.name == "great_prayer_day"
    assert holiday_text(rule.name, "da") == "Store bededag"
    assert holiday_text(rule.name, "en") == "Great Prayer Day"
    assert all(
        "great_prayer_day" not in names
        for year in range(2024, 2201)
        for names in DEFAULT.non_working_days(year).values()
    )


def test_holiday_table_is_data_with_known_sources() -> None:
    keys = [rule.key for rule in HOLIDAY_RULES]
    assert len(keys) == len(set(keys)) == 14
    assert all(rule.sources and set(rule.sources) <= set(SOURCES) for rule in HOLIDAY_RULES)
    statutory = {r.key for r in HOLIDAY_RULES if r.kind == "statutory_closing_day"}
    assert statutory == {"constitution_day", "christmas_eve", "new_years_eve"}


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025])
def test_statutory_closing_days_are_one_argument_away(year: int) -> None:
    for day in (date(year, 6, 5), date(year, 12, 24), date(year, 12, 31)):
        if day.weekday() < 5 and day != date(2022, 6, 5):
            assert DEFAULT.is_working_day(day) is False
            assert PUBLIC_ONLY.is_working_day(day) is True
        statutory = {"Grundlovsdag", "Juleaftensdag", "Nytårsaftensdag"}
        assert statutory & set(_da(DEFAULT.holiday_names(day)))
        assert not statutory & set(_da(PUBLIC_ONLY.holiday_names(day)))
        assert day in DEFAULT.non_working_days(year)


def test_public_only_keeps_the_public_holiday_on_a_shared_day() -> None:
    assert _da(PUBLIC_ONLY.holiday_names(date(2017, 6, 5))) == ("2. pinsedag",)
    assert PUBLIC_ONLY.is_working_day(date(2017, 6, 5)) is False


def test_labour_day() -> None:
    assert ClosingDay(month=5, day=1, name="labour_day") == LABOUR_DAY
    assert holiday_text(LABOUR_DAY.name, "en") == "Labour Day"
    assert DEFAULT.is_working_day(date(2024, 5, 1)) is True
    assert WITH_LABOUR_DAY.is_working_day(date(2024, 5, 1)) is False
    assert _da(WITH_LABOUR_DAY.holiday_names(date(2024, 5, 1))) == ("1. maj",)
    assert _da(WITH_LABOUR_DAY.holiday_names(date(2008, 5, 1))) == (
        "Kristi himmelfartsdag",
        "1. maj",
    )
    # 1 May 1913 was Ascension Day, 1 May 2015 Store bededag.
    assert _da(WITH_LABOUR_DAY.holiday_names(date(1913, 5, 1))) == (
        "Kristi himmelfartsdag",
        "1. maj",
    )
    assert _da(WITH_LABOUR_DAY.holiday_names(date(2015, 5, 1))) == ("Store bededag", "1. maj")


def test_extra_closing_days_dates_yearly_and_once() -> None:
    calendar = DanishCalendar(
        extra_closing_days=[
            date(2024, 12, 27),
            ClosingDay(month=8, day=15, name="Kommunens dag"),
            ClosingDay.on(date(2025, 5, 30), name="Fridag efter Kristi himmelfart"),
            ClosingDay(month=2, day=29, name="Skuddag"),
            ClosingDay(month=6, day=5, name="Kommunens grundlovsmøde"),
        ]
    )
    assert _da(calendar.holiday_names(date(2024, 12, 27))) == ("Lukkedag",)
    assert calendar.is_working_day(date(2025, 12, 29)) is True
    assert calendar.is_working_day(date(2024, 8, 15)) is False
    assert calendar.is_working_day(date(2025, 8, 15)) is False
    assert _da(calendar.holiday_names(date(2025, 5, 30))) == ("Fridag efter Kristi himmelfart",)
    assert calendar.is_working_day(date(2024, 5, 30)) is True
    assert calendar.is_working_day(date(2024, 2, 29)) is False
    assert calendar.is_working_day(date(2023, 2, 28)) is True
    assert date(2023, 3, 1) not in calendar.non_working_days(2023)
    assert _da(calendar.holiday_names(date(2017, 6, 5))) == (
        "2. pinsedag",
        "Grundlovsdag",
        "Kommunens grundlovsmøde",
    )


def test_duplicate_extras_and_names_are_kept_once() -> None:
    calendar = DanishCalendar(
        extra_closing_days=[LABOUR_DAY, LABOUR_DAY, date(2024, 12, 24), date(2024, 12, 24)]
    )
    assert calendar.extra_closing_days == (LABOUR_DAY, ClosingDay(12, 24, "closing_day", 2024))
    assert calendar == DanishCalendar(extra_closing_days=(LABOUR_DAY, date(2024, 12, 24)))
    assert _da(calendar.holiday_names(date(2024, 12, 24))) == ("Juleaftensdag", "Lukkedag")
    same_name = DanishCalendar(extra_closing_days=[ClosingDay(12, 25, "christmas_day")])
    assert _da(same_name.holiday_names(date(2024, 12, 25))) == ("Juledag",)


def test_weekend_holidays_are_listed_but_plain_weekends_are_not() -> None:
    days = DEFAULT.non_working_days(2023)
    assert date(2023, 4, 9) in days  # Easter Sunday
    assert date(2023, 4, 8) not in days  # the Saturday before
    assert DEFAULT.is_working_day(date(2023, 4, 8)) is False
    assert list(days) == sorted(days)


def test_boundaries() -> None:
    assert _da(DEFAULT.holiday_names(CALENDAR_MIN_DATE)) == ("Nytårsdag",)
    assert DEFAULT.is_working_day(date(1900, 1, 2)) is True
    assert _da(DEFAULT.holiday_names(CALENDAR_MAX_DATE)) == ("Nytårsaftensdag",)
    assert DEFAULT.is_working_day(CALENDAR_MAX_DATE) is False
    assert PUBLIC_ONLY.is_working_day(CALENDAR_MAX_DATE) is True
    assert PUBLIC_ONLY.add_working_days(date(2200, 12, 30), 1) == CALENDAR_MAX_DATE
    assert DEFAULT.add_working_days(date(1900, 1, 3), -1) == date(1900, 1, 2)
    assert DEFAULT.roll(CALENDAR_MIN_DATE, "following") == date(1900, 1, 2)
    assert DEFAULT.roll(CALENDAR_MAX_DATE, "preceding") == date(2200, 12, 30)
    assert set(DEFAULT.non_working_days(1900)) >= {date(1900, 1, 1), date(1900, 5, 11)}
    assert date(2200, 12, 31) in DEFAULT.non_working_days(2200)


def test_add_working_days_semantics() -> None:
    saturday, friday = date(2024, 6, 8), date(2024, 6, 7)
    assert DEFAULT.add_working_days(saturday, 1) == date(2024, 6, 10)
    assert DEFAULT.add_working_days(saturday, -1) == friday
    assert DEFAULT.add_working_days(friday, -1) == date(2024, 6, 6)
    assert DEFAULT.add_working_days(saturday, 0) is saturday
    # Across Easter 2024 and across a year end.
    assert DEFAULT.add_working_days(date(2024, 3, 18), 10) == date(2024, 4, 4)
    assert DEFAULT.add_working_days(date(2023, 12, 22), 1) == date(2023, 12, 27)
    assert DEFAULT.add_working_days(date(2024, 1, 2), -1) == date(2023, 12, 29)
    assert DEFAULT.add_working_days(date(2023, 12, 29), 2) == date(2024, 1, 3)
    # Far jumps cross several years.
    assert DEFAULT.add_working_days(date(2020, 1, 1), 1000) == _naive_add(
        DEFAULT, date(2020, 1, 1), 1000
    )
    assert DEFAULT.add_working_days(date(2020, 1, 1), -1000) == _naive_add(
        DEFAULT, date(2020, 1, 1), -1000
    )


def test_calendar_is_immutable_and_hashable() -> None:
    calendar = DanishCalendar(extra_closing_days=[LABOUR_DAY])
    assert calendar == WITH_LABOUR_DAY
    assert hash(calendar) == hash(WITH_LABOUR_DAY)
    assert calendar != DEFAULT
    assert len({DEFAULT, DanishCalendar(), PUBLIC_ONLY}) == 2
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        calendar.statutory_closing_days = False  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(calendar)) == calendar
    assert "extra_closing_days" in repr(calendar)


def test_a_year_index_is_built_once_per_calendar_and_year() -> None:
    calendar = DanishCalendar(extra_closing_days=[ClosingDay(3, 3, "Index-test")])
    answers = [calendar.is_working_day(d) for d in _days(date(2150, 1, 1), date(2150, 12, 31))]
    closed = calendar.non_working_days(2150)
    assert date(2150, 3, 3) in closed
    year = list(_days(date(2150, 1, 1), date(2150, 12, 31)))
    assert answers == [day.weekday() < 5 and day not in closed for day in year]
    assert list(calendar._tables) == [2150]
    # Wednesday 30 December 2150: 31 December and 1 January are closed, then a weekend.
    assert calendar.add_working_days(date(2150, 12, 30), 2) == date(2151, 1, 5)
    assert sorted(calendar._tables) == [2150, 2151]


@pytest.mark.parametrize(
    ("day", "direction", "expected"),
    [
        (date(2024, 12, 23), "preceding", (date(2024, 12, 23), ())),  # a working day
        (date(2024, 12, 24), "following", (date(2024, 12, 27), ("Juleaftensdag",))),
        (date(2017, 6, 5), "preceding", (date(2017, 6, 2), ("2. pinsedag", "Grundlovsdag"))),
        (date(2024, 6, 8), "following", (date(2024, 6, 10), ())),  # a plain Saturday
        (date(2023, 4, 8), "preceding", (date(2023, 4, 5), ())),  # the Saturday of Easter
        (date(2023, 4, 8), "following", (date(2023, 4, 11), ())),
    ],
)
def test_roll_with_names(
    day: date, direction: RollDirection, expected: tuple[date, tuple[str, ...]]
) -> None:
    moved, names = DEFAULT.roll_with_names(day, direction)
    assert (moved, _da(names)) == expected
    assert DEFAULT.roll(day, direction) == expected[0]


def test_attrs_evolve_recomputes_the_rules() -> None:
    evolved = attrs.evolve(DEFAULT, statutory_closing_days=False)
    assert evolved == PUBLIC_ONLY
    assert evolved.is_working_day(date(2024, 12, 24)) is True


def test_holiday_rule_bounds_and_fixed_dates() -> None:
    rule = HolidayRule("labour_day", FixedDate(5, 1), first_year=1950, last_year=1960)
    assert rule.date_in(1949) is None
    assert rule.date_in(1950) == date(1950, 5, 1)
    assert rule.date_in(1961) is None
    assert rule.kind == "public_holiday"
    assert FixedDate(2, 29).date_in(2023) is None
    assert FixedDate(2, 29).date_in(2000) == date(2000, 2, 29)
    assert FixedDate(2, 29).date_in(1900) is None
    assert EasterOffset(-2).date_in(2024) == date(2024, 3, 29)


# --- the differential test against the holidays package ---------------------
#
# The installed holidays package's Denmark class (checked for 0.109) has:
#   PUBLIC:   Nytårsdag, Skærtorsdag, Langfredag, Påskedag, Anden påskedag,
#             Store bededag (up to 2023), Kristi himmelfartsdag, Pinsedag,
#             Anden pinsedag, Juledag, Anden juledag;
#   OPTIONAL: Arbejdernes kampdag (1 May, from 1890), Grundlovsdag (from 1891),
#             Juleaftensdag, Nytårsaften.
# It covers 1771..2100 (its class attributes start_year and end_year; a later
# year gives no holidays at all), so the years both cover, 1900..2100, are
# compared day by day: the named days with their names, and every day's
# working-day answer. 2101..2200 rests on the same table and Easter rule and
# is exercised by the properties below. Several names on one date are joined
# by "; ". The mapping below turns its Danish names into ours; 1 May
# maps to LABOUR_DAY's name and is dropped for the default calendar.

HOLIDAYS_NAME_MAP = {
    "Nytårsdag": "Nytårsdag",
    "Skærtorsdag": "Skærtorsdag",
    "Langfredag": "Langfredag",
    "Påskedag": "Påskedag",
    "Anden påskedag": "2. påskedag",
    "Store bededag": "Store bededag",
    "Kristi himmelfartsdag": "Kristi himmelfartsdag",
    "Pinsedag": "Pinsedag",
    "Anden pinsedag": "2. pinsedag",
    "Juledag": "Juledag",
    "Anden juledag": "2. juledag",
    "Grundlovsdag": "Grundlovsdag",
    "Juleaftensdag": "Juleaftensdag",
    "Nytårsaften": "Nytårsaftensdag",
    "Arbejdernes kampdag": "1. maj",
}
YEARS = range(CALENDAR_MIN_DATE.year, 2101)


def test_holidays_package_covers_the_compared_years() -> None:
    assert Denmark.start_year <= YEARS.start
    assert Denmark.end_year >= YEARS.stop - 1


def _holidays_named_days(
    categories: tuple[str, ...], *, drop: frozenset[str] = frozenset()
) -> dict[date, frozenset[str]]:
    source = Denmark(categories=categories, years=YEARS, language="da")  # type: ignore[no-untyped-call]
    result: dict[date, frozenset[str]] = {}
    for day, joined in source.items():
        names = frozenset(HOLIDAYS_NAME_MAP[n] for n in joined.split("; ")) - drop
        if names:
            result[day] = names
    return result


@pytest.mark.parametrize(
    ("calendar", "categories", "drop"),
    [
        (DEFAULT, (PUBLIC, OPTIONAL), frozenset({"1. maj"})),
        (PUBLIC_ONLY, (PUBLIC,), frozenset()),
        (WITH_LABOUR_DAY, (PUBLIC, OPTIONAL), frozenset()),
    ],
    ids=["default", "public_only", "with_labour_day"],
)
def test_matches_holidays_package_on_every_day(
    calendar: DanishCalendar, categories: tuple[str, ...], drop: frozenset[str]
) -> None:
    expected = _holidays_named_days(categories, drop=drop)
    ours = {
        day: frozenset(_da(names))
        for year in YEARS
        for day, names in calendar.non_working_days(year).items()
    }
    assert ours == expected
    mismatches = [
        day
        for day in _days(date(YEARS.start, 1, 1), date(YEARS.stop - 1, 12, 31))
        if calendar.is_working_day(day) != (day.weekday() < 5 and day not in expected)
    ]
    assert mismatches == []


def test_the_protocol_is_what_a_deadline_engine_needs() -> None:
    assert isinstance(DEFAULT, WorkingDayCalendar)
    assert not isinstance(object(), WorkingDayCalendar)
    # Two weeks before Thursday 15 January 2026 is New Year's Day: back to 30 December.
    assert DEFAULT.roll(date(2026, 1, 1), "preceding") == date(2025, 12, 30)
    assert DEFAULT.roll(date(2026, 1, 1), "following") == date(2026, 1, 2)


# --- properties -------------------------------------------------------------

closing_days = st.builds(
    ClosingDay,
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    name=st.sampled_from(["Lukkedag A", "Lukkedag B"]),
    year=st.one_of(st.none(), st.integers(1900, 2200)),
)
calendars = st.one_of(
    st.sampled_from([DEFAULT, PUBLIC_ONLY, WITH_LABOUR_DAY]),
    st.builds(
        DanishCalendar,
        statutory_closing_days=st.booleans(),
        extra_closing_days=st.lists(closing_days, max_size=4),
    ),
)
inner_dates = st.dates(min_value=date(1903, 1, 1), max_value=date(2197, 12, 31))
steps = st.integers(min_value=-300, max_value=300)


def _naive_add(calendar: DanishCalendar, day: date, n: int) -> date:
    step = timedelta(days=1 if n > 0 else -1)
    for _ in range(abs(n)):
        day += step
        while not calendar.is_working_day(day):
            day += step
    return day


def _working_between(calendar: DanishCalendar, first: date, last: date) -> int:
    """Working days in the closed interval [first, last]."""
    return sum(calendar.is_working_day(d) for d in _days(first, last))


@given(calendar=calendars, day=inner_dates)
def test_roll_preceding(calendar: DanishCalendar, day: date) -> None:
    rolled = calendar.roll(day, "preceding")
    assert rolled <= day
    assert calendar.is_working_day(rolled)
    assert _working_between(calendar, rolled + timedelta(days=1), day) == 0


@given(calendar=calendars, day=inner_dates)
def test_roll_following(calendar: DanishCalendar, day: date) -> None:
    rolled = calendar.roll(day, "following")
    assert rolled >= day
    assert calendar.is_working_day(rolled)
    assert _working_between(calendar, day, rolled - timedelta(days=1)) == 0


@given(calendar=calendars, day=inner_dates, n=steps)
def test_add_working_days_counts_back_to_n(calendar: DanishCalendar, day: date, n: int) -> None:
    result = calendar.add_working_days(day, n)
    if n > 0:
        assert _working_between(calendar, day + timedelta(days=1), result) == n
    elif n < 0:
        assert _working_between(calendar, result, day - timedelta(days=1)) == -n
    else:
        assert result == day
    if n != 0:
        assert calendar.is_working_day(result)
    assert result == _naive_add(calendar, day, n)


@given(calendar=calendars, day=inner_dates, a=steps, b=steps)
def test_add_working_days_is_monotone(calendar: DanishCalendar, day: date, a: int, b: int) -> None:
    low, high = sorted((a, b))
    if low == high:
        assert calendar.add_working_days(day, low) == calendar.add_working_days(day, high)
    else:
        assert calendar.add_working_days(day, low) < calendar.add_working_days(day, high)


@given(calendar=calendars, day=inner_dates, n=steps)
def test_add_working_days_round_trip(calendar: DanishCalendar, day: date, n: int) -> None:
    start = calendar.roll(day, "following")
    assert calendar.add_working_days(calendar.add_working_days(start, n), -n) == start


@given(calendar=calendars, year=st.integers(1900, 2200))
def test_non_working_days_of_a_year(calendar: DanishCalendar, year: int) -> None:
    days = calendar.non_working_days(year)
    assert days
    for day, names in days.items():
        assert day.year == year
        assert calendar.is_working_day(day) is False
        assert names
        assert len(set(names)) == len(names)
        assert calendar.holiday_names(day) == names


@given(calendar=calendars, day=st.dates(CALENDAR_MIN_DATE, CALENDAR_MAX_DATE))
def test_is_working_day_is_weekday_and_not_named(calendar: DanishCalendar, day: date) -> None:
    expected = day.weekday() < 5 and day not in calendar.non_working_days(day.year)
    assert calendar.is_working_day(day) is expected


# --- errors -----------------------------------------------------------------

# Each bad argument is refused with an InvalidValueError; the fragment shows what it says.
ERRORS: list[tuple[Callable[[], object], str]] = [
    (lambda: DEFAULT.is_working_day(datetime(2024, 1, 2, 10, 0)), "pass its local date"),
    (lambda: DEFAULT.holiday_names("2024-01-01"), "got str '2024-01-01'; build one with"),  # type: ignore[arg-type]
    (lambda: DEFAULT.roll(datetime(2024, 3, 29, 9, 0), "following"), "got the datetime"),
    (lambda: DEFAULT.add_working_days("2024-03-28", 1), "got str"),  # type: ignore[arg-type]
    (lambda: DEFAULT.is_working_day(date(1899, 12, 31)), "outside the calendar's range"),
    (lambda: DEFAULT.add_working_days(date(2201, 1, 1), 1), "2201-01-01 is outside"),
    (lambda: DEFAULT.roll(date(1899, 12, 31), "following"), "1899-12-31 is outside"),
    (lambda: DEFAULT.non_working_days(1899), "year must be a year 1900..2200"),
    (lambda: DEFAULT.non_working_days(2201), "got 2201"),
    (lambda: DEFAULT.non_working_days("2024"), "got '2024'"),  # type: ignore[arg-type]
    (lambda: DEFAULT.non_working_days(True), "got True"),
    (lambda: DEFAULT.roll(date(2024, 1, 1), "forward"), "direction must be"),  # type: ignore[arg-type]
    (lambda: DEFAULT.add_working_days(date(2024, 1, 1), 1.5), "must be an int"),  # type: ignore[arg-type]
    (lambda: DEFAULT.add_working_days(date(2200, 12, 30), 1), "goes past 2200-12-31"),
    (lambda: DEFAULT.roll(CALENDAR_MAX_DATE, "following"), "goes past 2200-12-31"),
    (lambda: DEFAULT.add_working_days(date(1900, 1, 2), -1), "goes before 1900-01-01"),
    (lambda: DEFAULT.roll(CALENDAR_MIN_DATE, "preceding"), "goes before 1900-01-01"),
    (lambda: DEFAULT.add_working_days(date(2024, 1, 1), 10**9), "goes past 2200-12-31"),
    (lambda: DanishCalendar(statutory_closing_days=0), "True or False"),  # type: ignore[arg-type]
    (lambda: DanishCalendar(extra_closing_days=LABOUR_DAY), "wrap a single day"),  # type: ignore[arg-type]
    (lambda: DanishCalendar(extra_closing_days="2024-05-01"), "must be a list"),  # type: ignore[arg-type]
    (lambda: DanishCalendar(extra_closing_days=5), "must be a list"),  # type: ignore[arg-type]
    (lambda: DanishCalendar(extra_closing_days=[datetime(2024, 5, 1)]), "got datetime"),
    (lambda: DanishCalendar(extra_closing_days=[(5, 1)]), "got tuple (5, 1)"),  # type: ignore[list-item]
    (lambda: DanishCalendar(extra_closing_days=[date(2300, 1, 2)]), "2300-01-02 is outside"),
    (lambda: ClosingDay(month=13, day=1, name="X"), "month must be 1..12, got 13"),
    (lambda: ClosingDay(month=0, day=1, name="X"), "month must be 1..12, got 0"),
    (lambda: ClosingDay(month=6, day=31, name="X"), "day must be 1..30 for month 6"),
    (lambda: ClosingDay(month=1, day=0, name="X"), "day must be 1..31 for month 1"),
    (lambda: ClosingDay(month="5", day=1, name="X"), "month must be an int"),  # type: ignore[arg-type]
    (lambda: ClosingDay(month=5, day=1, name=" "), "non-empty name"),
    (lambda: ClosingDay(month=2, day=29, name="X", year=2023), "2023 is not a leap year"),
    (lambda: ClosingDay(month=5, day=1, name="X", year=1800), "got 1800"),
    (lambda: HolidayRule("midsummer", FixedDate(6, 23)), "'midsummer' is unknown"),
    (lambda: HolidayRule("labour_day", FixedDate(5, 1), kind="optional"), "holiday kind"),  # type: ignore[arg-type]
    (lambda: HolidayRule("labour_day", FixedDate(5, 1), sources=("X",)), "unknown source"),
    (lambda: HolidayRule("labour_day", FixedDate(5, 1), first_year=2000, last_year=1999), "swap"),
    (lambda: FixedDate(2, 30), "day must be 1..29 for month 2, got 30"),
    (lambda: EasterOffset(1.0), "days must be an int"),  # type: ignore[arg-type]
    (lambda: DEFAULT.is_working_day("x" * 200), "got str 'xxxxxxxx"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("call", "fragment"), ERRORS)
def test_errors(call: Callable[[], object], fragment: str) -> None:
    with pytest.raises(InvalidValueError) as raised:
        call()
    assert fragment in str(raised.value)
    assert isinstance(raised.value, KluRulesError)
    assert isinstance(raised.value, ValueError)


def test_date_subclass_that_is_not_a_datetime_is_accepted() -> None:
    class MyDate(date):
        pass

    assert DEFAULT.is_working_day(MyDate(2024, 1, 2)) is True
    assert DEFAULT.is_working_day(MyDate(2024, 1, 1)) is False
    assert DEFAULT.add_working_days(MyDate(2024, 1, 1), 1) == date(2024, 1, 2)


# --- names in Danish and English ----------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_closed_day_is_named_in_both_languages(language: str) -> None:
    for key in HOLIDAY_KEYS:
        text = holiday_text(key, language)  # type: ignore[arg-type]
        assert text
        assert text != key
        assert foreign_words(text, language) == set()
    assert {r.key for r in HOLIDAY_RULES} | {"labour_day", "closing_day"} == set(HOLIDAY_KEYS)


def test_holiday_names_are_keys_written_out_by_language() -> None:
    names = DEFAULT.holiday_names(date(2017, 6, 5))
    assert names == ("whit_monday", "constitution_day")
    assert [holiday_text(n, "da") for n in names] == ["2. pinsedag", "Grundlovsdag"]
    assert [holiday_text(n, "en") for n in names] == ["Whit Monday", "Constitution Day"]
    # a closing day named by the user is shown as written, in either language
    assert holiday_text("Kommunens dag", "en") == "Kommunens dag"
    assert holiday_text(ClosingDay.on(date(2024, 12, 27)).name, "en") == "Closing day"
