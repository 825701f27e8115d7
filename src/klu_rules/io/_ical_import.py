"""iCalendar import: the meetings of an ``.ics`` file, ours or another program's.

A located scan of the content lines comes first (:mod:`._ical_scan`), so that
every error names its line; icalendar then reads the values. Each event is
taken as a meeting or skipped with a finding (:class:`._ical_report.IcsImport`).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

import attrs
from icalendar import Calendar, Component, vRecur
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from klu_rules.core.errors import FileFormatError, InvalidValueError, KluRulesError
from klu_rules.core.files import read_input
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.record import Record
from klu_rules.core.result import Finding
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone
from klu_rules.io._ical_event import EventReader, meeting_of, start_of
from klu_rules.io._ical_ids import X_COMMITTEE, X_DEADLINE, X_MEETING
from klu_rules.io._ical_report import IcsImport, skipped
from klu_rules.io._ical_scan import MAX_BYTES, MAX_DEPTH, Located, decode, scan
from klu_rules.io._ical_series import (
    MAX_OCCURRENCES,
    day_of,
    is_series,
    occurrences,
    too_often,
    unbounded,
)
from klu_rules.model.meeting import Meeting

_ZONE_NAME = re.compile(r"[A-Za-z0-9_+-]{1,30}(/[A-Za-z0-9_+-]{1,30}){0,3}")

Source = bytes | str | Path | IO[bytes] | IO[str] | Calendar
"""What :func:`read_ics` reads: iCalendar bytes or text, a path, an open file or a parsed
:class:`icalendar.Calendar`."""


@attrs.frozen(slots=True, repr=False)
class _Range(Record):
    first: date | None
    last: date | None

    def holds(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)

    def parameters(self) -> dict[str, Any]:
        return {"start": self.first, "end": self.last}


def _event(
    reader: EventReader, span: _Range, meetings: list[Meeting], findings: list[Finding]
) -> None:
    """One VEVENT that does not repeat: a meeting, or a finding saying why not."""
    start = start_of(reader)
    if not isinstance(start, datetime):
        findings.append(skipped("ical.all-day", reader.component, day=start))
        return
    original = reader.moment("RECURRENCE-ID")  # an occurrence whose series is not in the file
    if original is not None and not isinstance(original, datetime):
        original = datetime.combine(original, start.timetz())
    meeting = meeting_of(reader, start, original)
    day = meeting.start.date()
    if not span.holds(day):
        reader.pending.clear()  # not taken: no note that it was
        findings.append(
            skipped("ical.outside-range", reader.component, day=day, **span.parameters())
        )
        return
    reader.note(meeting)
    meetings.append(meeting)


def _series(
    reader: EventReader,
    calendar: Calendar,
    overrides: list[Component],
    span: _Range,
    meetings: list[Meeting],
    findings: list[Finding],
) -> None:
    """A recurring VEVENT: one meeting per occurrence in the range."""
    rules = reader.component.get("RRULE")
    for rule in rules if isinstance(rules, list) else [] if rules is None else [rules]:
        if not isinstance(rule, vRecur):
            raise reader.error("ical_rrule", "RRULE")
    start = start_of(reader)
    if not isinstance(start, datetime):
        findings.append(skipped("ical.all-day", reader.component, day=start))
        return
    unlimited = span.first is None and span.last is None and unbounded(reader.component)
    unlimited = unlimited or too_often(reader.component)
    found = None
    if not unlimited:
        found = occurrences(
            calendar,
            [reader.component, *overrides],
            span.first,
            span.last,
            reader.path,
            reader.located.line,
        )
    if found is None:
        findings.append(
            skipped(
                "ical.series-needs-range",
                reader.component,
                day=day_of(start),
                limit=MAX_OCCURRENCES,
            )
        )
        return
    if not found and (span.first is not None or span.last is not None):
        findings.append(
            skipped("ical.outside-range", reader.component, day=day_of(start), **span.parameters())
        )
        return
    endless = "DTEND" not in reader.component and "DURATION" not in reader.component
    for occurrence in found:
        if endless:  # recurring-ical-events gives every occurrence an end: not ours to add
            occurrence.pop("DTEND", None)
            occurrence.pop("DURATION", None)
        one = EventReader(
            occurrence, reader.located, reader.zone, reader.floating, reader.path, reader.notes
        )
        moment = one.moment("DTSTART")
        assert isinstance(moment, datetime)  # the series starts with a time
        if str(occurrence.get("STATUS", "")).upper() == "CANCELLED":
            findings.append(skipped("ical.cancelled-occurrence", occurrence, day=day_of(moment)))
            continue
        original = one.moment("RECURRENCE-ID")
        if isinstance(original, datetime):
            original = _original(occurrence, original, overrides, moment)
        meeting = meeting_of(one, moment, original if isinstance(original, datetime) else moment)
        one.pending.extend(reader.pending)  # the series' own notes (a property ignored)
        one.note(meeting)
        meetings.append(meeting)
    reader.pending.clear()


def _original(
    occurrence: Component, original: datetime, overrides: list[Component], moment: datetime
) -> datetime:
    """The original start of an occurrence: its ``RECURRENCE-ID``, or, for one that follows
    a ``RANGE=THISANDFUTURE`` override (which gives it the override's ``RECURRENCE-ID``),
    its start shifted back by as much as the override moved its own."""
    recurrence = occurrence["RECURRENCE-ID"]
    if str(recurrence.params.get("RANGE", "")).upper() != "THISANDFUTURE":
        return original
    for override in overrides:
        given = override.get("RECURRENCE-ID")
        start = override.get("DTSTART")
        if given is None or start is None or isinstance(given, list):
            continue
        if given.dt == original and isinstance(start.dt, datetime):
            return moment - (start.dt - original)
    return original  # pragma: no cover - recurring-ical-events names an override it was given


def _floating(calendar: Calendar, zone: ZoneInfo, path: str | Path | None) -> ZoneInfo:
    """The zone of floating times: the calendar's ``X-WR-TIMEZONE``, else the committee's."""
    name = calendar.get("X-WR-TIMEZONE")
    if name is None or isinstance(name, list):
        return zone
    text = str(name).strip()
    text = WINDOWS_TO_OLSON.get(text, text)  # Outlook's "Romance Standard Time", as in TZID
    if not _ZONE_NAME.fullmatch(text):
        raise coded(FileFormatError, "ical_bad_zone_name", {"got": repr(text[:60])}, path=path)
    try:
        return get_zone(text)
    except KluRulesError:
        raise coded(
            FileFormatError, "ical_bad_zone_name", {"got": repr(text[:60])}, path=path
        ) from None


def _read_source(
    source: Source, path: str | Path | None
) -> tuple[list[Calendar], list[Located] | None, str | Path | None]:
    """The calendars of ``source``, with the located VEVENTs and VTODOs when it was text."""
    if isinstance(source, Calendar):
        _check_depth(source, path)
        return [source], None, path
    if isinstance(source, Path):
        path = source if path is None else path
        data: bytes | str = read_input(source, limit=MAX_BYTES)
    elif isinstance(source, bytes | bytearray | str):
        data = source
    elif hasattr(source, "read"):
        data = source.read(MAX_BYTES + 1)
        path = path if path is not None else getattr(source, "name", None)
        if not isinstance(data, bytes | str):
            raise coded(InvalidValueError, "ical_source_type", {"got": type(data).__name__})
    else:
        raise coded(InvalidValueError, "ical_source_type", {"got": type(source).__name__})
    if len(data) > MAX_BYTES:
        raise coded(FileFormatError, "files_too_large", {"limit": MAX_BYTES}, path=path)
    text, located = scan(decode(data, path), path)
    try:
        calendars = Calendar.from_ical(text.encode("utf-8"), multiple=True)
    except Exception as exc:  # icalendar raises ValueError and others on bad values
        detail = excerpt(str(exc), 200)  # icalendar's own words, quoted
        raise coded(FileFormatError, "ical_invalid", {"detail": detail}, path=path) from None
    return list(calendars), located, path


def _check_depth(calendar: Calendar, path: str | Path | None) -> None:
    stack: list[tuple[Component, int]] = [(calendar, 1)]
    while stack:
        component, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise coded(
                FileFormatError,
                "ical_too_deep",
                {"limit": MAX_DEPTH, "component": str(component.name)[:40]},
                path=path,
            )
        stack.extend((child, depth + 1) for child in component.subcomponents)


def read_ics(
    source: Source,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    start: date | None = None,
    end: date | None = None,
    path: str | Path | None = None,
    committee_id: str | None = None,
) -> IcsImport:
    """The meetings of iCalendar data, and a finding for every event that is not one.

    ``source`` is iCalendar bytes or text, a :class:`~pathlib.Path`, an open
    file (binary or text) or an :class:`icalendar.Calendar` (a CalDAV
    client's parsed object). ``timezone`` is the committee's zone: meetings
    come back in it. ``start`` and ``end`` (dates, both included, in that
    zone) limit the meetings taken; a recurring series is expanded within
    them. ``path`` names the file in errors. ``committee_id``, the committee the
    meetings are for, skips an event klu_rules exported for another committee
    (``ical.other-committee``). ``docs/howto-ical.md`` lists what is taken, what is
    skipped and what is an error.
    """
    zone = get_zone(timezone)
    if committee_id is not None and not isinstance(committee_id, str):
        raise coded(InvalidValueError, "ical_committee_id", {"got": excerpt(committee_id)})
    for name, value in (("start", start), ("end", end)):
        if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
            raise coded(InvalidValueError, "ical_range_type", {"name": name, "got": excerpt(value)})
    if start is not None and end is not None and end < start:
        raise coded(InvalidValueError, "ical_range", {"start": start, "end": end})
    span = _Range(start, end)
    calendars, located, path = _read_source(source, path)
    meetings: list[Meeting] = []
    findings: list[Finding] = []
    seen: dict[str, int | None] = {}
    places = iter(located) if located is not None else None
    for calendar in calendars:
        floating = _floating(calendar, zone, path)
        components = [c for c in calendar.subcomponents if c.name in ("VEVENT", "VTODO")]
        masters = {str(c.get("UID")) for c in components if c.name == "VEVENT" and is_series(c)}
        for component in components:
            where = next(places) if places is not None else Located(str(component.name), None)
            if component.name != "VEVENT" or component.get(X_DEADLINE) is not None:
                continue
            reader = EventReader(component, where, zone, floating, path)
            reader.broken()
            uid = str(component.get("UID"))
            if X_MEETING not in component and not str(component.get("UID") or "").strip():
                start = start_of(reader)
                day = (
                    reader.local("DTSTART", start).date() if isinstance(start, datetime) else start
                )
                findings.append(skipped("ical.no-uid", component, day=day))
                continue
            if "RECURRENCE-ID" in component and uid in masters:
                continue  # an override: taken with its series
            feed = component.get(X_COMMITTEE)
            if committee_id is not None and feed is not None and str(feed) != committee_id:
                start = start_of(reader)
                day = (
                    reader.local("DTSTART", start).date() if isinstance(start, datetime) else start
                )
                findings.append(
                    skipped(
                        "ical.other-committee",
                        component,
                        day=day,
                        committee=committee_id,
                        feed_committee=str(feed)[:200],
                    )
                )
                continue
            before = len(meetings)
            if is_series(component):
                overrides = [
                    c for c in components if "RECURRENCE-ID" in c and str(c.get("UID")) == uid
                ]
                _series(reader, calendar, overrides, span, meetings, findings)
            else:
                _event(reader, span, meetings, findings)
            findings.extend(reader.notes)
            for meeting in meetings[before:]:
                if meeting.id in seen:
                    raise coded(
                        FileFormatError,
                        "ical_meeting_twice",
                        {"meeting": excerpt(meeting.id), "first": seen[meeting.id]},
                        path=path,
                        line=where.line,
                    )
                seen[meeting.id] = where.line
    return IcsImport.of(meetings, findings, timezone=zone.key, **span.parameters())


def parse_ics(
    data: Source,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    start: date | None = None,
    end: date | None = None,
    path: str | Path | None = None,
) -> tuple[Meeting, ...]:
    """The meetings of iCalendar data: :func:`read_ics` without the report."""
    return read_ics(data, timezone=timezone, start=start, end=end, path=path).meetings


def load_ics(
    path: str | Path,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    start: date | None = None,
    end: date | None = None,
) -> tuple[Meeting, ...]:
    """Read the meetings of an ``.ics`` file; errors name the file and the line."""
    return read_ics(Path(path), timezone=timezone, start=start, end=end).meetings


__all__ = ["IcsImport", "Source", "load_ics", "parse_ics", "read_ics"]
