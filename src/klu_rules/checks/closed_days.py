"""A meeting on a day the calendar closes (*en lukkedag*): a weekend, a public holiday
(*helligdag*) or a statutory closing day such as 24 December.

No source forbids it in so many words, but a secretariat never plans one: the
deadlines count back from the meeting, the members are off, and the premises
are closed. :func:`closed_day_finding` reports it as an error naming the day,
as the working-day calendar the plan uses knows it (``DanishCalendar()``
closes 5 June and 24 and 31 December; ``statutory_closing_days=False`` does
not).
"""

from __future__ import annotations

import datetime as dt

from klu_rules.core.findings import Finding, finding
from klu_rules.rules.calendar import HOLIDAY_KEYS, HOLIDAY_RULES, WorkingDayCalendar

__all__ = ["closed_day_finding", "closed_kind"]

_KINDS = {rule.name: rule.kind for rule in HOLIDAY_RULES}


def closed_kind(name: str) -> str:
    """``public_holiday`` or ``statutory_closing_day`` for a day of the holiday table,
    ``extra_named`` for another key of :data:`HOLIDAY_KEYS`, ``extra`` for a name given
    as text."""
    if name in _KINDS:
        return _KINDS[name]
    return "extra_named" if name in HOLIDAY_KEYS else "extra"


def closed_day_finding(
    calendar: WorkingDayCalendar, meeting_id: str, day: dt.date
) -> Finding | None:
    """``meeting.on-closed-day`` when ``day`` is not a working day of ``calendar``, else None.

    The finding names the first closing day on ``day`` (``closed`` is its kind,
    ``name`` its key or name) or, for a plain Saturday or Sunday, ``closed = "weekend"``.
    """
    if calendar.is_working_day(day):
        return None
    names_of = getattr(calendar, "holiday_names", None)
    names = tuple(names_of(day)) if callable(names_of) else ()
    if names:
        closed, name = closed_kind(names[0]), names[0]
    else:
        closed, name = ("weekend", "") if day.weekday() >= 5 else ("calendar", "")
    return finding("meeting.on-closed-day", subject=meeting_id, day=day, closed=closed, name=name)
