"""iCalendar export and import (RFC 5545), built on icalendar >= 7.

Export turns a committee's year plan (:func:`klu_rules.checks.deadlines.plan_year`:
its meetings and their deadlines) into iCalendar data that calendar programs
and CalDAV servers accept:

- :func:`dump_ics` writes one ``VCALENDAR`` feed; :func:`dump_ics_items`
  writes one ``VCALENDAR`` per UID, the unit a CalDAV server stores
  (:func:`build_feed` and :func:`build_items` give the
  :class:`icalendar.Calendar` objects instead of bytes);
- a meeting is a ``VEVENT`` in the committee's time zone with its
  ``VTIMEZONE`` (``add_missing_timezones``), the same in every export: 1970
  to 2038 (or to the last year used), one ``RDATE`` per line, so that
  consumers that cache a ``TZID``'s first definition or read one ``RDATE``
  value (vobject, and so Radicale) agree; a wall time that occurs twice when
  the clocks go back is written in UTC instead, which says which one is
  meant; summary and
  description are Danish, the description with the agenda (item numbers,
  titles, durations) when known and the meeting's deadlines; ``LOCATION``;
  an ``ATTENDEE`` for every member, secretariat member and recorded
  participant with a known e-mail address (``PARTSTAT`` from the recorded
  attendance); an ``ORGANIZER`` when ``organizer=`` is given or the
  secretary's e-mail is known;
- a deadline is an all-day ``VEVENT`` (``DTSTART;VALUE=DATE`` and the
  exclusive ``DTEND`` the next day, ``TRANSP:TRANSPARENT``) with a Danish
  explanation of the rule, its sources and a ``DISPLAY`` alarm at 09:00 the
  day before (:data:`DEFAULT_ALARM`, ``alarm=`` changes or drops it); with
  ``todo=True`` it is a ``VTODO`` with ``DUE;VALUE=DATE`` instead
  (``COMPLETED`` when the step is recorded as done), its alarm relative to
  the due day. A deadline whose step is recorded as done gets no alarm.

Reproducible output (the same input gives the same bytes):

- UIDs are name-based UUIDs (:func:`uuid.uuid5`) in the fixed namespace
  :data:`NAMESPACE`: ``uuid5(NAMESPACE, "<committee id>/<meeting id>")`` for a
  meeting and ``uuid5(NAMESPACE, "<committee id>/<meeting id>/<deadline
  kind>")`` for a deadline (:func:`meeting_uid`, :func:`deadline_uid`). Ids
  cannot contain ``/``, so two names never meet;
- ``SEQUENCE`` is the meeting's ``revision``, for the meeting and its
  deadlines, so a client updates them in place when the revision is raised;
- ``DTSTAMP`` is ``stamp=`` when given (timezone-aware; written in UTC), else
  :func:`default_stamp`: 00:00 UTC on the newest day a rule of the plan's
  rule set (national layer included) takes effect. Nothing reads the clock;
- ``PRODID`` is :data:`PRODID`; the feed's own ``UID`` is
  ``uuid5(NAMESPACE, "<committee id>/<feed name>")``.

A cancelled meeting keeps its UID and is written with ``STATUS:CANCELLED``
and ``Aflyst:`` before its summary. Its deadlines are written the same way
(``STATUS:CANCELLED``, no alarm) rather than dropped, so that a CalDAV server
or a subscribed calendar holding an earlier version updates them in place
instead of keeping stale deadlines. Raise the meeting's revision when you
cancel it.

Import (:func:`parse_ics`, :func:`load_ics`) reads an ``.ics`` file, ours or
another program's, back into :class:`klu_rules.Meeting` values:

- every ``VEVENT`` is a meeting, except the deadline events klu_rules wrote
  (they carry ``X-KLU-DEADLINE``); ``VTODO`` and other components are skipped;
- the id is ``X-KLU-MEETING-ID`` when present, else the ``UID`` when it is a
  valid id, else ``"ical-"`` and the hex digits of ``uuid5(NAMESPACE, UID)``;
- start and end come from ``DTSTART`` and ``DTEND`` (or ``DURATION``), as
  aware datetimes in the committee's zone (``timezone=``). A floating time
  (no ``TZID``, no ``Z``) is read as local time in that zone; one that does
  not exist or occurs twice at a daylight-saving change is an error, as in
  committee files;
- the status is ``cancelled`` for ``STATUS:CANCELLED``, else ``held`` when
  klu_rules' ``X-KLU-MEETING-STATUS`` says so, else ``planned``; the
  revision is ``SEQUENCE`` (0 when absent); the location is ``LOCATION``; the
  title is ``SUMMARY`` (for our own events without the kind label and the
  ``Aflyst:`` mark export adds); the kind is ``X-KLU-MEETING-KIND`` (else
  ordinary);
- the agenda, the attendance and the recorded step dates are not read back:
  the committee file is their source.

Export, import and export again gives the same bytes. Malformed input raises
:class:`klu_rules.FileFormatError` with the line of the problem where it can
be found: bytes that are not UTF-8, a line that is not an iCalendar content
line, a component that is never closed or closed by the wrong ``END``, a
property value that cannot be read, a ``VEVENT`` without ``DTSTART``, an
all-day or recurring event (a meeting has a start time and happens once), an
unknown time zone, two events for one meeting.

``import klu_rules`` imports neither this module nor icalendar.
"""

from __future__ import annotations

from klu_rules.io.ical_export import build_feed, build_items, dump_ics, dump_ics_items
from klu_rules.io.ical_ids import (
    DEFAULT_ALARM,
    NAMESPACE,
    PRODID,
    deadline_uid,
    default_stamp,
    meeting_uid,
)
from klu_rules.io.ical_import import load_ics, parse_ics

__all__ = [
    "DEFAULT_ALARM",
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
