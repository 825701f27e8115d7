"""Recurring series (``RRULE``/``RDATE``) expanded into occurrences, with recurring-ical-events.

Private to :mod:`klu_rules.io.ical`. recurring-ical-events is the optional
extra ``klu_rules[ical]``: it is imported here, when a file holds a series,
and nowhere else, so exports and files without series never need it.
"""

from __future__ import annotations

import itertools
import re
import warnings
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from dateutil.rrule import rrulestr
from icalendar import Calendar, Component, vRecur

from klu_rules.core.errors import FileFormatError, InvalidValueError, KluRulesError
from klu_rules.core.messages import coded, excerpt

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
    master: Any = series[0]
    try:
        if day_of(master["DTSTART"].dt) < FIRST_DAY:
            raise coded(InvalidValueError, "ical_series_too_early", {"year": FIRST_DAY.year})
        starts = _starts(master, low, high)
        if starts > MAX_OCCURRENCES:
            return None
        if starts == 0 and "RDATE" not in master:
            return []  # nothing to expand: recurring-ical-events would search to year 9999
        query: Any = recurring_ical_events.of(alone)
        found = [
            o
            for o in query.between(low, high + timedelta(days=1))
            if low <= day_of(o.start) <= high
        ]
    except Exception as exc:
        uid = str(master.get("UID", "?"))[:60]
        if isinstance(exc, KluRulesError) and exc.text_key is not None:
            # our own refusal: its sentence in the language the series' is written in
            parameters = {**exc.text_parameters, "uid": uid, "cause": exc.text_key}
            raise coded(
                FileFormatError, "ical_series_refused", parameters, path=path, line=line
            ) from None
        detail = str(exc)[:200]  # a library's own words: quoted as they are
        raise coded(
            FileFormatError, "ical_series", {"uid": uid, "detail": detail}, path=path, line=line
        ) from None
    if len(found) > MAX_OCCURRENCES:
        return None
    found.sort(key=lambda o: _sortable(o.start))
    return found


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _no_day(rule: Any) -> bool:
    """The rule names days of the month that none of its months has (30 February)."""
    days = [abs(int(d)) for d in rule.get("BYMONTHDAY", [])]
    months = [int(m) for m in rule.get("BYMONTH", [])] or list(range(1, 13))
    if not days or not all(1 <= m <= 12 for m in months):
        return False
    return not any(d <= _MONTH_DAYS[m - 1] for m in months for d in days)


def _starts(master: Any, low: date, high: date) -> int:
    """How many starts the series' rules give from ``low`` to ``high``, counted in wall time
    with dateutil in one pass (at most :data:`MAX_OCCURRENCES` + 1): a bound that keeps
    recurring-ical-events from expanding more than is taken, or a rule no date meets from
    being searched again and again."""
    start = master["DTSTART"].dt
    start = start.replace(tzinfo=None) if isinstance(start, datetime) else start
    first = datetime.combine(low, datetime.min.time())
    last = datetime.combine(high, datetime.max.time())
    count = 0
    for rule in _rules(master):
        if not isinstance(rule, vRecur):
            raise coded(InvalidValueError, "ical_series_rule", {"got": excerpt(rule)})
        if any(int(value) < 1 for value in rule.get("INTERVAL", [])):
            raise coded(InvalidValueError, "ical_series_interval", {})
        if _no_day(rule):
            continue  # dateutil would search to year 9999 for a day no month has
        text = rule.to_ical().decode("ascii", "replace")  # type: ignore[no-untyped-call]
        text = re.sub(r"(UNTIL=\d{8}(?:T\d{6})?)Z", r"\1", text)  # compared in wall time
        parsed: Any = rrulestr(text, dtstart=start)
        with warnings.catch_warnings():  # COUNT and an UNTIL of ours together: both apply
            warnings.simplefilter("ignore", DeprecationWarning)
            until = last if parsed._until is None else min(parsed._until, last)
            bounded = parsed.replace(until=until)
        count += sum(
            1 for _ in itertools.islice(bounded.xafter(first, inc=True), MAX_OCCURRENCES + 1)
        )
    return count


def _sortable(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def day_of(value: date | datetime) -> date:
    """The date of a start, for reports."""
    return value.date() if isinstance(value, datetime) else value
