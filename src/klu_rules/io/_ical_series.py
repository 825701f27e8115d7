"""Recurring series (``RRULE``/``RDATE``) expanded into occurrences, with recurring-ical-events.

Private to :mod:`klu_rules.io.ical`. recurring-ical-events is the optional
extra ``klu_rules[ical]``: it is imported here, when a file holds a series,
and nowhere else, so exports and files without series never need it.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime
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
    """The component repeats without end: an ``RRULE`` with neither ``COUNT`` nor ``UNTIL``."""
    rules = component.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        if "COUNT" not in rule and "UNTIL" not in rule:
            return True
    return False


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
    found: list[Component] = []
    try:
        query: Any = recurring_ical_events.of(alone)
        for occurrence in itertools.islice(query.after(low), MAX_OCCURRENCES + 1):
            start = occurrence.start
            day = start.date() if isinstance(start, datetime) else start
            if day > high:
                break
            if day >= low:
                found.append(occurrence)
    except (ValueError, OverflowError, TypeError, ArithmeticError) as exc:
        uid = str(series[0].get("UID", "?"))[:60]
        detail = str(exc)[:200]
        raise coded(
            FileFormatError, "ical_series", {"uid": uid, "detail": detail}, path=path, line=line
        ) from None
    if len(found) > MAX_OCCURRENCES:
        return None
    return found


def day_of(value: date | datetime) -> date:
    """The date of a start, for reports."""
    return value.date() if isinstance(value, datetime) else value
