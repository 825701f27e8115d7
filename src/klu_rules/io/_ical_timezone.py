"""The ``VTIMEZONE`` klu_rules writes, and local times that a ``TZID`` can express.

Europe/Copenhagen, the zone of every Danish committee, is written in the
RRULE form Outlook, Google and Apple write themselves: one ``DAYLIGHT`` and
one ``STANDARD`` observance repeating every year, with no ``COMMENT`` and the
same bytes in every export. It holds from :data:`RULE_FIRST_YEAR` (1996, when
Denmark took up the EU rule: summer time from the last Sunday of March to the
last Sunday of October, changing at 01:00 UTC) through the calendar's last
year, :data:`RULE_LAST_YEAR` (the tz database projects the rule without end).
A meeting time before 1996 is written in UTC (``DTSTART:...Z``), which every
consumer reads right without any ``VTIMEZONE``, as is a wall time that occurs
twice when the clocks go back.

Another zone gets icalendar's ``VTIMEZONE`` (one ``RDATE`` per transition,
1970 to 2038 or to the end of the last year used), without its ``COMMENT``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone

COPENHAGEN = "Europe/Copenhagen"
RULE_FIRST_YEAR = 1996
"""The first year :data:`COPENHAGEN_VTIMEZONE` describes: Denmark's EU summer-time rule."""
RULE_LAST_YEAR = 2200
"""The last year of the working-day calendar; the rule holds to it."""

COPENHAGEN_VTIMEZONE = (
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Copenhagen\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "DTSTART:19960331T020000\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
    "TZNAME:CEST\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19961027T030000\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
    "TZNAME:CET\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
)
"""Europe/Copenhagen, byte for byte as every export writes it; valid 1996 to 2200 (and on)."""


def local_time(moment: datetime, zone: ZoneInfo) -> datetime:
    """``moment`` in the committee's zone, to the second; in UTC where a ``TZID`` cannot say it.

    That is where the wall time is ambiguous (``DTSTART;TZID=...`` cannot
    say which of the two 02:30s of the night the clocks go back is meant;
    UTC can), and, in Copenhagen, before :data:`RULE_FIRST_YEAR`, which the
    ``VTIMEZONE`` does not describe.
    """
    local = moment.astimezone(zone).replace(microsecond=0)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return local.astimezone(UTC)
    if zone.key == COPENHAGEN and local.year < RULE_FIRST_YEAR:
        return local.astimezone(UTC)
    return local


def add_timezones(calendar: Calendar, zone: ZoneInfo, years: Iterable[int]) -> None:
    """The ``VTIMEZONE`` of the calendar's local times (the years they fall in), first in it.

    Nothing when no time is written with a ``TZID``. For Copenhagen it is
    :data:`COPENHAGEN_VTIMEZONE`. For another zone, icalendar's, over 1970 to
    2038 extended to the end of the last year used, one transition per
    ``RDATE`` line (vobject reads only the first value of an ``RDATE`` list).
    """
    known = list(years)
    if not known:
        return
    if zone.key == COPENHAGEN:
        timezone = Timezone.from_ical(COPENHAGEN_VTIMEZONE)
    else:
        last = max(Timezone.DEFAULT_LAST_DATE, date(max(known) + 1, 1, 1))
        timezone = Timezone.from_tzinfo(
            zone, tzid=zone.key, first_date=Timezone.DEFAULT_FIRST_DATE, last_date=last
        )
        timezone.pop("COMMENT", None)
        for observance in timezone.subcomponents:
            found = observance.pop("RDATE", None)
            lists = found if isinstance(found, list) else [] if found is None else [found]
            for rdates in lists:
                for value in rdates.dts:
                    observance.add("RDATE", value.dt)
    calendar.subcomponents.insert(0, timezone)
