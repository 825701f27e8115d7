"""The ``VTIMEZONE`` klu_rules writes, and local times that a ``TZID`` can express."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone


def local_time(moment: datetime, zone: ZoneInfo) -> datetime:
    """``moment`` in the committee's zone, to the second; in UTC where that wall time is ambiguous.

    ``DTSTART;TZID=...`` cannot say which of the two 02:30s of the night the
    clocks go back is meant; UTC can.
    """
    local = moment.astimezone(zone).replace(microsecond=0)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return local.astimezone(UTC)
    return local


def add_timezones(calendar: Calendar, years: Iterable[int]) -> None:
    """The ``VTIMEZONE`` of the calendar's times, the same in every export.

    - It spans icalendar's default range (1970 to 2038), extended to the end
      of the last year used. A range that depended on the data would give
      one ``TZID`` different definitions in different files, and a consumer
      that keeps the first definition it sees of a ``TZID`` (vobject, and so
      Radicale, does) would read the other files' times in a wrong offset.
    - Each transition is an ``RDATE`` line of its own: vobject reads only the
      first value of a ``RDATE`` list in a ``VTIMEZONE``.
    """
    known = list(years)
    if not known:
        return
    last = max(Timezone.DEFAULT_LAST_DATE, date(max(known) + 1, 1, 1))
    calendar.add_missing_timezones(first_date=Timezone.DEFAULT_FIRST_DATE, last_date=last)
    for timezone in calendar.timezones:
        for observance in timezone.subcomponents:
            found = observance.pop("RDATE", None)
            lists = found if isinstance(found, list) else [] if found is None else [found]
            for rdates in lists:
                for value in rdates.dts:
                    observance.add("RDATE", value.dt)
