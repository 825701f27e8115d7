"""iCalendar export and import (RFC 5545), built on icalendar >= 7.

:func:`dump_ics` writes a committee's year plan
(:func:`klu_rules.checks.deadlines.plan_year`) as one ``VCALENDAR`` feed,
:func:`dump_ics_items` as one ``VCALENDAR`` per UID, the unit a CalDAV server
stores (:func:`build_feed` and :func:`build_items` give the
:class:`icalendar.Calendar` objects). The same input gives the same bytes:
UIDs are name-based (:func:`meeting_uid`, :func:`deadline_uid`), ``DTSTAMP``
is ``stamp=`` or :func:`default_stamp`, never the clock. :func:`parse_ics` and
:func:`load_ics` read the meetings of an ``.ics`` file, ours or another
program's; :func:`read_ics` also reports, per event, why one was not taken
(:class:`IcsImport`). Export, import and export again gives the same bytes.
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
from klu_rules.io._ical_import import IcsImport, Source, load_ics, parse_ics, read_ics
from klu_rules.io._ical_report import NOTES
from klu_rules.io._ical_scan import MAX_BYTES, MAX_COMPONENTS, MAX_DEPTH
from klu_rules.io._ical_series import MAX_OCCURRENCES
from klu_rules.io._ical_timezone import COPENHAGEN_VTIMEZONE, RULE_FIRST_YEAR, RULE_LAST_YEAR

__all__ = [
    "COPENHAGEN_VTIMEZONE",
    "DEFAULT_ALARM",
    "DEFAULT_REFRESH",
    "MAX_BYTES",
    "MAX_COMPONENTS",
    "MAX_DEPTH",
    "MAX_OCCURRENCES",
    "NAMESPACE",
    "NOTES",
    "PRODID",
    "RULE_FIRST_YEAR",
    "RULE_LAST_YEAR",
    "IcsImport",
    "Source",
    "build_feed",
    "build_items",
    "deadline_uid",
    "default_stamp",
    "dump_ics",
    "dump_ics_items",
    "load_ics",
    "meeting_uid",
    "parse_ics",
    "read_ics",
]
