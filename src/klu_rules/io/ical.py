"""iCalendar export and import (RFC 5545), built on icalendar >= 7.

:func:`dump_ics` writes a committee's year plan
(:func:`klu_rules.checks.deadlines.plan_year`) as one ``VCALENDAR`` feed,
:func:`dump_ics_items` as one ``VCALENDAR`` per UID, the unit a CalDAV server
stores (:func:`build_feed` and :func:`build_items` give the
:class:`icalendar.Calendar` objects). The same input gives the same bytes:
UIDs are name-based (:func:`meeting_uid`, :func:`deadline_uid`), ``DTSTAMP``
is ``stamp=`` or :func:`default_stamp`, never the clock. :func:`parse_ics` and
:func:`load_ics` read the meetings of an ``.ics`` file, ours or another
program's; export, import and export again gives the same bytes.
``docs/howto-ical.md`` shows each step and the rules in full;
``import klu_rules`` imports neither this module nor icalendar.
"""

from __future__ import annotations

from klu_rules.io._ical_export import build_feed, build_items, dump_ics, dump_ics_items
from klu_rules.io._ical_ids import (
    DEFAULT_ALARM,
    DEFAULT_REFRESH,
    NAMESPACE,
    PRODID,
    deadline_uid,
    default_stamp,
    meeting_uid,
)
from klu_rules.io._ical_import import load_ics, parse_ics

__all__ = [
    "DEFAULT_ALARM",
    "DEFAULT_REFRESH",
    "NAMESPACE",
    "PRODID",
    "build_feed",
    "build_items",
    "deadline_uid",
    "default_stamp",
    "dump_ics",
    "dump_ics_items",
    "load_ics",
    "meeting_uid",
    "parse_ics",
]
