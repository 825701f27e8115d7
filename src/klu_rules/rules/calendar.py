"""Danish working days (*arbejdsdage*) and the days that are closed.

A working day is a Monday to Friday that is not a closing day: a public
holiday (*helligdag*) or a statutory closing day of ``FORÆLDL-27``
(:class:`DanishCalendar` has the details). Conventions (documented choices,
not rules of a source): 1 May is a working day (close it with
:data:`LABOUR_DAY`); Easter is the Western Easter of
:func:`dateutil.easter.easter`; the holiday table (:data:`HOLIDAY_RULES`) is
data, each row with its years and sources; the calendar covers 1900-01-01 to
2200-12-31 and refuses dates outside. Any object with the methods of
:class:`WorkingDayCalendar` can stand in for :class:`DanishCalendar`.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any, Literal, Protocol, runtime_checkable

import attrs
from dateutil.easter import easter

from klu_rules.core.convert import YEARS, check_year
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.language import Language
from klu_rules.core.messages import coded, excerpt, message
from klu_rules.core.record import Record
from klu_rules.core.sources import check_sources
from klu_rules.core.types import ROLL_DIRECTIONS, RollDirection

__all__ = [
    "CALENDAR_MAX_DATE",
    "CALENDAR_MIN_DATE",
    "HOLIDAY_KEYS",
    "HOLIDAY_KINDS",
    "HOLIDAY_RULES",
    "LABOUR_DAY",
    "ClosingDay",
    "DanishCalendar",
    "EasterOffset",
    "FixedDate",
    "HolidayKind",
    "HolidayRule",
    "WorkingDayCalendar",
    "holiday_text",
]

CALENDAR_MIN_DATE = date(YEARS.start, 1, 1)
"""The first date the calendar answers for."""
CALENDAR_MAX_DATE = date(YEARS.stop - 1, 12, 31)
"""The last date the calendar answers for."""

HolidayKind = Literal["public_holiday", "statutory_closing_day"]
"""``public_holiday`` (*helligdag*) or ``statutory_closing_day`` (closed for time limits)."""
HOLIDAY_KINDS: tuple[HolidayKind, ...] = ("public_holiday", "statutory_closing_day")

HOLIDAY_KEYS: frozenset[str] = frozenset(
    (
        "new_years_day",
        "maundy_thursday",
        "good_friday",
        "easter_sunday",
        "easter_monday",
        "great_prayer_day",
        "ascension_day",
        "whit_sunday",
        "whit_monday",
        "constitution_day",
        "christmas_eve",
        "christmas_day",
        "boxing_day",
        "new_years_eve",
        "labour_day",
        "closing_day",
    )
)
"""The language-free names of closed days: each is ``holiday.<key>`` in the text catalogues."""


def holiday_text(name: str, language: Language = "en") -> str:
    """A closed day's name from :meth:`DanishCalendar.holiday_names` in ``language``.

    A key of :data:`HOLIDAY_KEYS` (``"great_prayer_day"``) is written out from
    the catalogue (``Store bededag`` / ``Great Prayer Day``); the name of a
    :class:`ClosingDay` given as text is shown as written.
    """
    return message(f"holiday.{name}", language) if name in HOLIDAY_KEYS else name


_RANGE_TEXT = f"{CALENDAR_MIN_DATE.isoformat()}..{CALENDAR_MAX_DATE.isoformat()}"
# Days in each month of a leap year: a yearly day is valid if it exists in some year.
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


# --- argument checks ------------------------------------------------------


def _describe(value: object) -> str:
    return f"{type(value).__name__} {excerpt(value)}"


def _check_day(value: object, what: str = "day") -> date:
    """Return ``value`` if it is a ``date`` (not a ``datetime``) in the calendar's range."""
    if (
        isinstance(value, date)
        and not isinstance(value, datetime)
        and CALENDAR_MIN_DATE <= value <= CALENDAR_MAX_DATE
    ):
        return value
    if isinstance(value, datetime):
        raise coded(
            InvalidValueError, "calendar.datetime", {"what": what, "value": value.isoformat()}
        )
    if not isinstance(value, date):
        raise coded(
            InvalidValueError, "calendar.not_date", {"what": what, "value": _describe(value)}
        )
    raise coded(
        InvalidValueError,
        "calendar.outside",
        {"what": what, "value": value.isoformat(), "range": _RANGE_TEXT},
    )


def _left_range(day: date, n: int, roll: bool) -> InvalidValueError:
    text_key = ("roll" if roll else "add") + ("_past_end" if n > 0 else "_before_start")
    edge = CALENDAR_MAX_DATE if n > 0 else CALENDAR_MIN_DATE
    return coded(
        InvalidValueError,
        f"calendar.{text_key}",
        {"day": day.isoformat(), "n": n, "edge": edge.isoformat(), "range": _RANGE_TEXT},
    )


def _check_int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise coded(
            InvalidValueError, "calendar.not_int", {"what": what, "value": _describe(value)}
        )
    return value


def _check_month_day(month: object, day: object, what: str) -> None:
    month = _check_int(month, f"{what}.month")
    day = _check_int(day, f"{what}.day")
    if not 1 <= month <= 12:
        raise coded(InvalidValueError, "calendar.month", {"what": what, "month": month})
    if not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        raise coded(
            InvalidValueError,
            "calendar.day_of_month",
            {"what": what, "days": _DAYS_IN_MONTH[month - 1], "month": month, "day": day},
        )


def _fixed_date_in(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 29 February in a common year (month and day are checked)
        return None


# --- the holiday table ----------------------------------------------------


@attrs.frozen(slots=True, repr=False)
class FixedDate(Record):
    """A holiday on the same month and day every year, e.g. ``FixedDate(12, 25)``."""

    month: int
    day: int

    def __attrs_post_init__(self) -> None:
        _check_month_day(self.month, self.day, "FixedDate")

    def date_in(self, year: int) -> date | None:
        """The date in ``year`` (``None`` for 29 February in a common year)."""
        return _fixed_date_in(year, self.month, self.day)


def _int(what: str) -> Any:
    return lambda instance, attribute, value: _check_int(value, what)


@attrs.frozen(slots=True, repr=False)
class EasterOffset(Record):
    """A movable holiday ``days`` after Western Easter Sunday (negative: before it)."""

    days: int = attrs.field(validator=_int("EasterOffset.days"))

    def date_in(self, year: int) -> date:
        """The date in ``year``."""
        return easter(year) + timedelta(days=self.days)


def _holiday_key(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in HOLIDAY_KEYS:
        raise coded(
            InvalidValueError,
            "calendar.holiday_key",
            {"value": excerpt(value), "keys": ", ".join(sorted(HOLIDAY_KEYS))},
        )


def _holiday_kind(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in HOLIDAY_KINDS:
        raise coded(
            InvalidValueError,
            "calendar.holiday_kind",
            {"kinds": ", ".join(map(repr, HOLIDAY_KINDS)), "value": excerpt(value)},
        )


def _rule_sources(value: Iterable[str]) -> tuple[str, ...]:
    return check_sources(value, what="HolidayRule.sources")


@attrs.frozen(slots=True, repr=False)
class HolidayRule(Record):
    """One row of the holiday table: which day, how it is computed, when, and why.

    ``key`` names the day (one of :data:`HOLIDAY_KEYS`; :func:`holiday_text`
    writes it out in Danish or English).
    ``first_year`` and ``last_year`` bound the years in which the day is
    closed (inclusive, ``None`` for no bound); Great Prayer Day's
    ``last_year=2023`` cites ``BEDEDAG``.
    """

    key: str = attrs.field(validator=_holiday_key)
    when: FixedDate | EasterOffset
    kind: HolidayKind = attrs.field(default="public_holiday", validator=_holiday_kind)
    first_year: int | None = None
    last_year: int | None = None
    sources: tuple[str, ...] = attrs.field(default=(), converter=_rule_sources)

    def __attrs_post_init__(self) -> None:
        first, last = self.first_year, self.last_year
        if first is not None and last is not None and first > last:
            raise coded(
                InvalidValueError,
                "calendar.holiday_years",
                {"key": repr(self.key), "first": first, "last": last},
            )

    @property
    def name(self) -> str:
        """The day's language-free name, its :attr:`key` (``great_prayer_day``)."""
        return self.key

    def date_in(self, year: int) -> date | None:
        """The date in ``year``, or ``None`` when the rule is not in force that year."""
        first, last = self.first_year, self.last_year
        if (first is not None and year < first) or (last is not None and year > last):
            return None
        return self.when.date_in(year)


_LAW = ("FORÆLDL-27",)  # Forældelsesloven § 27 stk. 2: why these days close a time limit
_CLOSING: HolidayKind = "statutory_closing_day"

HOLIDAY_RULES: tuple[HolidayRule, ...] = (
    # Public holidays (helligdage).
    HolidayRule("new_years_day", FixedDate(1, 1), sources=_LAW),
    HolidayRule("maundy_thursday", EasterOffset(-3), sources=_LAW),
    HolidayRule("good_friday", EasterOffset(-2), sources=_LAW),
    HolidayRule("easter_sunday", EasterOffset(0), sources=_LAW),
    HolidayRule("easter_monday", EasterOffset(1), sources=_LAW),
    # Abolished by Act no. 214 of 6 March 2023, from 1 January 2024.
    HolidayRule("great_prayer_day", EasterOffset(26), last_year=2023, sources=(*_LAW, "BEDEDAG")),
    HolidayRule("ascension_day", EasterOffset(39), sources=_LAW),
    HolidayRule("whit_sunday", EasterOffset(49), sources=_LAW),
    HolidayRule("whit_monday", EasterOffset(50), sources=_LAW),
    HolidayRule("christmas_day", FixedDate(12, 25), sources=_LAW),
    HolidayRule("boxing_day", FixedDate(12, 26), sources=_LAW),
    # Statutory closing days: not helligdage, but closed for time limits.
    HolidayRule("constitution_day", FixedDate(6, 5), kind=_CLOSING, sources=_LAW),
    HolidayRule("christmas_eve", FixedDate(12, 24), kind=_CLOSING, sources=_LAW),
    HolidayRule("new_years_eve", FixedDate(12, 31), kind=_CLOSING, sources=_LAW),
)
"""The default closing days, public holidays first, in the order names are listed."""


# --- extra closing days ---------------------------------------------------


def _closing_name(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise coded(InvalidValueError, "calendar.closing_name", {"value": _describe(value)})


@attrs.frozen(slots=True, repr=False)
class ClosingDay(Record):
    """An extra closing day (*lukkedag*): every year on ``month``/``day``, or once.

    ``name`` is a key of :data:`HOLIDAY_KEYS` (written out in the language
    shown) or a name of your own, shown as written.
    ``ClosingDay(month=5, day=1, name="1. maj")`` closes 1 May every year;
    with ``year=2025`` it closes 1 May 2025 only. A yearly 29 February closes
    only in leap years. Use :meth:`on` for a single date.
    """

    month: int
    day: int
    name: str = attrs.field(validator=_closing_name)
    year: int | None = None

    def __attrs_post_init__(self) -> None:
        _check_month_day(self.month, self.day, f"ClosingDay({self.name!r})")
        if self.year is not None:
            year = check_year(self.year, f"ClosingDay({self.name!r}).year")
            if _fixed_date_in(year, self.month, self.day) is None:
                raise coded(
                    InvalidValueError,
                    "calendar.not_leap_year",
                    {"name": excerpt(self.name), "year": year},
                )

    @classmethod
    def on(cls, day: date, name: str | None = None) -> ClosingDay:
        """A one-off closing day on ``day``, named ``name`` (default ``closing_day``:
        *Lukkedag* / *Closing day*)."""
        _check_day(day, "ClosingDay.on(day)")
        return cls(day.month, day.day, "closing_day" if name is None else name, day.year)

    def date_in(self, year: int) -> date | None:
        """The date in ``year``, or ``None`` when this day does not fall in ``year``."""
        if self.year is not None and self.year != year:
            return None
        return _fixed_date_in(year, self.month, self.day)


LABOUR_DAY = ClosingDay(month=5, day=1, name="labour_day")
"""1 May (*1. maj*), a working day by default; pass it in ``extra_closing_days`` to close it."""


def _to_closing_days(value: Iterable[date | ClosingDay]) -> tuple[ClosingDay, ...]:
    if isinstance(value, date | ClosingDay | str | bytes) or not isinstance(value, Iterable):
        raise coded(InvalidValueError, "calendar.closing_days", {"value": _describe(value)})
    result: list[ClosingDay] = []
    for item in value:
        if isinstance(item, ClosingDay):
            result.append(item)
        elif isinstance(item, date) and not isinstance(item, datetime):
            result.append(ClosingDay.on(item))
        else:
            raise coded(InvalidValueError, "calendar.closing_day_item", {"value": _describe(item)})
    return tuple(dict.fromkeys(result))


def _check_bool(instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if not isinstance(value, bool):
        raise coded(
            InvalidValueError,
            "calendar.not_bool",
            {"what": attribute.name, "value": _describe(value)},
        )


# --- the working-day index of a year -------------------------------------


@attrs.frozen(slots=True, eq=False, repr=False)
class _Year(Record):
    """One year of one calendar, computed once: every answer is index arithmetic on it.

    ``working`` holds the ordinals of the year's working days, ascending;
    ``before[i]`` counts the working days among the year's first ``i`` days
    (so ``before[i + 1] - before[i]`` is 1 on a working day, else 0).
    """

    first: int
    working: tuple[int, ...]
    before: array[int]
    names: dict[date, tuple[str, ...]]


def _build_year(year: int, rules: tuple[HolidayRule | ClosingDay, ...]) -> _Year:
    by_date: dict[date, list[str]] = {}
    for rule in rules:
        day = rule.date_in(year)
        if day is not None:
            by_date.setdefault(day, []).append(rule.name)
    names = {day: tuple(dict.fromkeys(by_date[day])) for day in sorted(by_date)}
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    closed = {day.toordinal() for day in names}
    # date.fromordinal(1) is a Monday, so ordinal % 7 is 1 on Mondays ... 5 on Fridays.
    is_open = [0 < o % 7 < 6 and o not in closed for o in range(first, last + 1)]
    working = tuple(o for o, ok in zip(range(first, last + 1), is_open, strict=True) if ok)
    return _Year(first, working, array("H", [0, *accumulate(is_open)]), names)


# --- the protocol and the calendar ----------------------------------------


@runtime_checkable
class WorkingDayCalendar(Protocol):
    """What klu_rules needs from a calendar of working days (*arbejdsdage*).

    :class:`DanishCalendar` implements it (see its methods for what each
    does); so can an adapter over another holiday source.
    ``isinstance(obj, WorkingDayCalendar)`` checks that the methods exist.
    """

    def is_working_day(self, day: date, /) -> bool: ...
    def roll(self, day: date, direction: RollDirection, /) -> date: ...
    def add_working_days(self, day: date, n: int, /) -> date: ...


@attrs.frozen(slots=True, repr=False)
class DanishCalendar(Record):
    """The Danish calendar of working days (*arbejdsdage*) and holidays (*helligdage*).

    ``DanishCalendar()`` closes weekends, the public holidays (Great Prayer
    Day up to and including 2023 only: ``BEDEDAG``) and the statutory closing
    days (5 June, 24 and 31 December). Arguments:

    - ``statutory_closing_days=False``: public holidays only;
    - ``extra_closing_days=[...]``: more closed days, each a
      :class:`ClosingDay` (e.g. :data:`LABOUR_DAY`) or a single ``date``
      (named ``closing_day``).

    Instances are immutable and hashable. Each calendar computes a year's
    working-day index the first time it is asked about that year; every
    method is then a look-up or index arithmetic on it.
    """

    statutory_closing_days: bool = attrs.field(default=True, validator=_check_bool)
    extra_closing_days: tuple[ClosingDay, ...] = attrs.field(default=(), converter=_to_closing_days)
    _tables: dict[int, _Year] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def _year(self, year: int) -> _Year:
        table = self._tables.get(year)
        if table is None:
            rules = tuple(
                r
                for r in HOLIDAY_RULES
                if self.statutory_closing_days or r.kind == "public_holiday"
            )
            table = self._tables.setdefault(
                year, _build_year(year, rules + self.extra_closing_days)
            )
        return table

    def _offset(self, day: date) -> tuple[_Year, int]:
        if type(day) is not date or not CALENDAR_MIN_DATE <= day <= CALENDAR_MAX_DATE:
            _check_day(day)
        table = self._tables.get(day.year) or self._year(day.year)
        return table, day.toordinal() - table.first

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day (*arbejdsdag*): Monday–Friday and not closed."""
        table, i = self._offset(day)
        return table.before[i + 1] != table.before[i]

    def holiday_names(self, day: date) -> tuple[str, ...]:
        """The names of the closing days on ``day`` (empty if none).

        Each is a key of :data:`HOLIDAY_KEYS` (``"maundy_thursday"``) or the
        name of an extra closing day as given; :func:`holiday_text` writes a
        name out in Danish or English. Names come in the order of
        :data:`HOLIDAY_RULES`, then the extra closing days in the order given;
        a weekend day with a name (Easter Sunday) has it too.
        """
        return self._offset(day)[0].names.get(day, ())

    def non_working_days(self, year: int) -> dict[date, tuple[str, ...]]:
        """Every named closing day of ``year``, by date, with all its names (as
        :meth:`holiday_names` gives them).

        Ordinary weekends are not listed; named days on a weekend are. When
        two days coincide (Whit Monday and Constitution Day on 5 June 2017),
        both names are kept.
        """
        return dict(self._year(check_year(year)).names)

    def roll(self, day: date, direction: RollDirection) -> date:
        """``day`` if it is a working day, else the nearest working day in ``direction``.

        ``"preceding"`` moves back (a deadline counted back from a meeting),
        ``"following"`` moves forward (a deadline counted forward from an event).
        """
        return self.roll_with_names(day, direction)[0]

    def roll_with_names(self, day: date, direction: RollDirection) -> tuple[date, tuple[str, ...]]:
        """:meth:`roll`, and the names of ``day`` when it is closed (empty when it is not).

        ``(day, ())`` for a working day; for a closed day, the working day it
        moves to and the names of ``day`` (:meth:`holiday_names`; empty for a plain
        weekend day).
        """
        if direction not in ROLL_DIRECTIONS:
            raise coded(InvalidValueError, "calendar.direction", {"value": _describe(direction)})
        table, i = self._offset(day)
        k = table.before[i]  # the year's working days before ``day``
        if table.before[i + 1] != k:
            return day, ()
        working = table.working
        if direction == "following":
            moved = date.fromordinal(working[k]) if k < len(working) else None
        else:
            moved = date.fromordinal(working[k - 1]) if k else None
        if moved is None:  # in the year before or after
            moved = self._shift(day, 1 if direction == "following" else -1, roll=True)
        return moved, table.names.get(day, ())

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after ``day`` (n > 0), before it (n < 0), or ``day`` (n == 0).

        ``day`` itself is never counted, so ``add_working_days(saturday, 1)``
        is the Monday after (if it is a working day) and
        ``add_working_days(friday, -1)`` the Thursday before. ``n == 0`` returns
        ``day`` unchanged even when it is not a working day.
        """
        _check_day(day)
        _check_int(n, "n")
        return day if n == 0 else self._shift(day, n, roll=False)

    def _shift(self, day: date, n: int, *, roll: bool) -> date:
        table = self._year(day.year)
        i = day.toordinal() - table.first
        # The index in ``working`` of the n-th working day after (or before) ``day``.
        index = table.before[i + 1] + n - 1 if n > 0 else table.before[i] + n
        year = day.year
        while index >= len(table.working):
            index -= len(table.working)
            year += 1
            if year not in YEARS:
                raise _left_range(day, n, roll)
            table = self._year(year)
        while index < 0:
            year -= 1
            if year not in YEARS:
                raise _left_range(day, n, roll)
            table = self._year(year)
            index += len(table.working)
        return date.fromordinal(table.working[index])
