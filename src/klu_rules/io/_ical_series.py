"""Recurring series (``RRULE``/``RDATE``) expanded into occurrences, with recurring-ical-events.

Private to :mod:`klu_rules.io.ical`. recurring-ical-events is the optional
extra ``klu_rules[ical]``: it is imported here, when a file holds a series,
and nowhere else, so exports and files without series never need it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar, Component

from klu_rules.core.errors import FileFormatError
from klu_rules.core.messages import coded

MAX_OCCURRENCES = 1000
"""The most occurrences taken from one series; more need a narrower range."""
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2200, 12, 31)
"""The range without ``start``/``end``: the working-day calendar's years."""


def is_series(component: Component) -> bool:
    """The component repeats (``RRULE`` or ``RDATE``)."""
    return "RRULE" in component or "RDATE" in component


def unbounded(component: Component) -> bool:
    """The component repeats without end (an ``RRULE`` with neither ``COUNT`` nor ``UNTIL``)."""
    return any("COUNT" not in rule and "UNTIL" not in rule for rule in _rules(component))


def too_often(component: Component) -> bool:
    """The component repeats more than daily: not a meeting, and too many to expand."""
    return any(str(rule.get("FREQ", [""])[0]).upper() in _SUB_DAILY for rule in _rules(component))


_SUB_DAILY = frozenset({"HOURLY", "MINUTELY", "SECONDLY"})


def _rules(component: Component) -> list[Any]:
    rules = component.get("RRULE")
    return rules if isinstance(rules, list) else [] if rules is None else [rules]


def occurrences(
    calendar: Calendar,
    series: list[Component],
    first: date | None,
    last: date | None,
    path: str | Path | None,
    line: int | None,
) -> list[Component] | None:
    """The occurrences of ``series`` (a master and its overrides) starting from ``first`` to
    ``last``, in start order; ``None`` when there are more than :data:`MAX_OCCURRENCES`."""
    try:
        import recurring_ical_events
    except ImportError:  # pragma: no cover - the test extra installs it
        raise coded(FileFormatError, "ical_needs_extra", {}, path=path, line=line) from None
    alone = Calendar()
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE":
            alone.add_component(component)
    for component in series:
        alone.add_component(component)
    low, high = first or FIRST_DAY, last or LAST_DAY
    dtstart: Any = series[0]["DTSTART"]
    begins = day_of(dtstart.dt)
    found: list[Any] = []
    seen: set[tuple[str, str]] = set()
    try:
        query: Any = recurring_ical_events.of(alone)
        # a year at a time, so that a series with more occurrences than taken stops early
        window = max(low, begins) if begins <= high else high + timedelta(days=1)
        while window <= high and len(found) <= MAX_OCCURRENCES:
            following = date(window.year + 1, window.month, 1)
            for occurrence in query.between(window, min(following, high + timedelta(days=1))):
                day = day_of(occurrence.start)
                key = (str(occurrence.get("RECURRENCE-ID", "")), str(occurrence.start))
                if low <= day <= high and key not in seen:
                    seen.add(key)
                    found.append(occurrence)
            window = following
    except (ValueError, OverflowError, TypeError, ArithmeticError) as exc:
        uid = str(series[0].get("UID", "?"))[:60]
        detail = str(exc)[:200]
        raise coded(
            FileFormatError, "ical_series", {"uid": uid, "detail": detail}, path=path, line=line
        ) from None
    if len(found) > MAX_OCCURRENCES:
        return None
    found.sort(key=lambda o: _sortable(o.start))
    return found


def _sortable(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def day_of(value: date | datetime) -> date:
    """The date of a start, for reports."""
    return value.date() if isinstance(value, datetime) else value
