"""Periods of time as the rules state them: "4 weeks", "3 months", "2 hours".

A week is 7 calendar days; a month is a calendar month, clamped to the
month's last day when the day does not exist (as ``dateutil.relativedelta``
counts, the same as EU1182/71 Art. 3(2)(c)): a **convention**
(``docs/rule-sets.md``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

import attrs

from klu_rules.core.convert import whole_number
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.record import Record

__all__ = ["Period", "PeriodUnit"]

PeriodUnit = Literal["minutes", "hours", "days", "weeks", "months"]
_UNITS: tuple[PeriodUnit, ...] = ("minutes", "hours", "days", "weeks", "months")
_TEXT = re.compile(r"^\s*(?P<n>\d{1,6})\s*(?P<unit>[a-z]+)\s*$")
_MINUTES = {"minutes": 1, "hours": 60, "days": 1440, "weeks": 7 * 1440}
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the month's last day
    (a year outside 1-9999 raises :class:`ValueError`, as ``relativedelta`` does)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    last = _MONTH_DAYS[month - 1]
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        last = 29
    return date(year, month, min(day.day, last))


def _unit(instance: Period, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in _UNITS:
        raise coded(
            InvalidValueError, "period.unit", {"units": ", ".join(_UNITS), "value": excerpt(value)}
        )


def _plural(value: object) -> PeriodUnit:
    """Accept "week" for "weeks" and so on."""
    if isinstance(value, str) and f"{value}s" in _UNITS:
        value = f"{value}s"
    return value  # type: ignore[return-value]  # checked by the validator


@attrs.frozen(slots=True, eq=True, order=False, repr=False)
class Period(Record):
    """An amount of a unit: ``Period(4, "weeks")``. Parse text with :meth:`parse`."""

    amount: int = attrs.field(validator=whole_number(0, 999_999))
    unit: PeriodUnit = attrs.field(converter=_plural, validator=_unit)

    @classmethod
    def parse(cls, text: str) -> Period:
        """``"4 weeks"``, ``"1 week"``, ``"3 months"``, ``"120 minutes"``."""
        match = _TEXT.match(text) if isinstance(text, str) else None
        unit = None if match is None else _plural(match["unit"])
        if match is None or unit not in _UNITS:
            raise coded(InvalidValueError, "period.not_a_period", {"value": excerpt(text)})
        return cls(int(match["n"]), unit)

    def __str__(self) -> str:
        unit = self.unit if self.amount != 1 else self.unit[:-1]
        return f"{self.amount} {unit}"

    @property
    def is_calendar(self) -> bool:
        """True for days, weeks and months: periods counted on dates."""
        return self.unit in ("days", "weeks", "months")

    def _move(self, day: date, sign: int) -> date:
        if self.unit == "months":
            return _add_months(day, sign * self.amount)
        if self.unit in ("days", "weeks"):
            return day + timedelta(days=sign * self.amount * (7 if self.unit == "weeks" else 1))
        raise coded(InvalidValueError, "period.not_on_dates", {"period": str(self)})

    def before(self, day: date) -> date:
        """The date this period before ``day`` (months clamp to the month's end)."""
        return self._move(day, -1)

    def after(self, day: date) -> date:
        """The date this period after ``day`` (months clamp to the month's end)."""
        return self._move(day, 1)

    def as_timedelta(self) -> timedelta:
        """Minutes, hours, days and weeks as a timedelta; months have no fixed length."""
        if self.unit == "months":
            raise coded(InvalidValueError, "period.no_fixed_length", {"period": str(self)})
        return timedelta(minutes=self.amount * _MINUTES[self.unit])

    def comparable_with(self, other: Period) -> bool:
        """Whether the two compare: months only with months, the other units with each other."""
        return (self.unit == "months") == (other.unit == "months")

    def compare(self, other: Period) -> int:
        """-1, 0 or 1. Months compare only with months: 3 months vs 12 weeks is undefined."""
        if not self.comparable_with(other):
            raise coded(
                InvalidValueError,
                "period.not_comparable",
                {"first": str(self), "second": str(other)},
            )
        a = self.amount if self.unit == "months" else self.amount * _MINUTES[self.unit]
        b = other.amount if other.unit == "months" else other.amount * _MINUTES[other.unit]
        return (a > b) - (a < b)
