"""iCalendar import: the meetings of an ``.ics`` file, ours or another program's.

A located scan of the content lines comes first (:mod:`._ical_scan`), so that
every error names its line; icalendar then reads the values. Each event is
taken as a meeting or skipped with a finding (:class:`._ical_report.IcsImport`).
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

import attrs
from icalendar import Calendar, Component, vRecur
from icalendar.prop import vDDDTypes
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from klu_rules.core.errors import FileFormatError, InvalidValueError, KluRulesError
from klu_rules.core.files import read_input
from klu_rules.core.language import LANGUAGES
from klu_rules.core.messages import coded, excerpt, message
from klu_rules.core.record import Record
from klu_rules.core.result import Finding
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone, localize
from klu_rules.io._ical_ids import NAMESPACE, X_COMMITTEE, X_DEADLINE, X_KIND, X_MEETING, X_STATUS
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
from klu_rules.model.meeting import Meeting, MeetingKind, MeetingStatus

_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
_BREAK = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]+")
_MOMENTS = ("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE")
_KINDS = dict.fromkeys(_MOMENTS, "moment") | {
    "DURATION": "duration",
    "SEQUENCE": "integer",
    "RRULE": "rule",
}
_READ = frozenset(_KINDS) | {"UID", "STATUS", "SUMMARY", "LOCATION"}
"""The properties the import reads; an unreadable one refuses the file, any other is ignored."""
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+-]{1,30}(/[A-Za-z0-9_+-]{1,30}){0,3}")
_DURATION = re.compile(
    r"([+-])?P(?:(\d{1,9})W)?(?:(\d{1,9})D)?(?:T(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9})S)?)?"
)

Source = bytes | str | Path | IO[bytes] | IO[str] | Calendar
"""What :func:`read_ics` reads: iCalendar bytes or text, a path, an open file or a parsed
:class:`icalendar.Calendar`."""


@attrs.frozen(slots=True, repr=False)
class _Reader(Record):
    """Reads one parsed VEVENT, with the lines its properties came from."""

    component: Component
    located: Located
    zone: ZoneInfo
    floating: ZoneInfo
    path: str | Path | None
    notes: list[Finding] = attrs.field(factory=list)
    """The notes on the event taken, one per code (a series' occurrences share them)."""
    pending: list[tuple[str, dict[str, object]]] = attrs.field(factory=list)
    """Notes found while reading, written when the meeting is made (its day known)."""

    def error(self, key: str, prop: str | None = None, /, **parameters: object) -> FileFormatError:
        """The catalogue's ``error.<key>``, at the line of ``prop`` (else of the event)."""
        return coded(FileFormatError, key, parameters, path=self.path, line=self.line(prop))

    def wrapped(
        self, key: str, exc: KluRulesError, prop: str, /, **parameters: object
    ) -> FileFormatError:
        """``error.<key>`` whose ``{cause:label.error}`` writes ``exc`` in the same language."""
        return self.error(key, prop, **{**_cause(exc), **parameters})

    def line(self, prop: str | None = None) -> int | None:
        return self.located.properties.get(prop or "", self.located.line)

    def broken(self) -> None:
        """Refuse a property the import reads that icalendar could not; one it does not
        read (``ATTACH``, ``GEO`` ...) is ignored, with a note."""
        ignored: list[str] = []
        for prop, _problem in self.component.errors:
            name = str(prop or "").upper()
            if name in _READ or name.startswith("X-KLU-"):
                got = excerpt(self.located.raw.get(name, ""))
                kind = _KINDS.get(name, "value")
                raise self.error("ical_unreadable", name, prop=name, got=got, kind=kind)
            if not name:
                raise self.error("ical_unreadable_property", None)
            if name not in ignored:
                ignored.append(name)
        if ignored:
            self.pending.append(("ical.property-ignored", {"properties": tuple(ignored)}))

    def note(self, meeting: Meeting) -> None:
        """Write the pending notes of the event that gave ``meeting``."""
        day = meeting.start.astimezone(self.zone).date()
        for code, parameters in self.pending:
            if all(n.code != code for n in self.notes):
                self.notes.append(skipped(code, self.component, day=day, **parameters))
        self.pending.clear()

    def get(self, prop: str) -> Any:
        value = self.component.get(prop)
        if isinstance(value, list):
            raise self.error("ical_repeated", prop, prop=prop)
        return value

    def text(self, prop: str) -> str | None:
        value = self.get(prop)
        return None if value is None else str(value)

    def moment(self, prop: str) -> datetime | date | None:
        """The value of ``prop`` as a date, or a datetime aware in the zone it was given in."""
        value = self.get(prop)
        if value is None:
            return None
        if not isinstance(value, vDDDTypes):
            raise self.error("ical_not_moment", prop, prop=prop, got=excerpt(str(value)))
        moment = value.dt
        tzid = value.params.get("TZID")
        if tzid and str(value.params.get("VALUE", "")).upper() == "DATE":
            raise self.error("ical_date_with_tzid", prop, prop=prop, tzid=excerpt(str(tzid)))
        if isinstance(moment, datetime):
            return self._aware(prop, value, moment)
        if isinstance(moment, date):
            return moment
        raise self.error("ical_not_moment", prop, prop=prop, got=excerpt(moment))

    def _aware(self, prop: str, value: Any, moment: datetime) -> datetime:
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            try:
                back = moment.astimezone(UTC).astimezone(moment.tzinfo)
            except OverflowError:
                raise self.error(
                    "ical_out_of_range", prop, prop=prop, moment=moment.isoformat()
                ) from None
            if back.replace(tzinfo=None) != moment.replace(tzinfo=None):
                # a wall time the clocks skip: read with the offset before the change
                # (RFC 5545 3.3.5), which is what fold=0 gives
                self.pending.append(
                    (
                        "ical.time-in-gap",
                        {
                            "prop": prop,
                            "local": moment.replace(tzinfo=None).isoformat(timespec="minutes"),
                            "read": back.replace(tzinfo=None).isoformat(timespec="minutes"),
                            "zone": str(value.params.get("TZID") or moment.tzname())[:60],
                        },
                    )
                )
                return back
            return moment
        tzid = value.params.get("TZID")
        if tzid:
            raise self.error("ical_unknown_tzid", prop, prop=prop, tzid=excerpt(str(tzid)))
        try:
            return localize(moment, self.floating)
        except KluRulesError as exc:
            raise self.wrapped("ical_floating", exc, prop, prop=prop) from None

    def local(self, prop: str, moment: datetime) -> datetime:
        """``moment`` in the committee's zone."""
        try:
            return moment.astimezone(self.zone)
        except OverflowError:
            raise self.error(
                "ical_out_of_range_in",
                prop,
                prop=prop,
                moment=moment.isoformat(),
                zone=self.zone.key,
            ) from None

    def integer(self, prop: str) -> int:
        value = self.get(prop)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error("ical_not_whole", prop, prop=prop, got=excerpt(str(value)))
        if value < 0:
            raise self.error("ical_negative", prop, prop=prop, got=int(value))
        return int(value)


def _cause(exc: KluRulesError) -> dict[str, object]:
    """The parameters that write ``exc`` as ``{cause:label.error}``; an error without a
    text key (none of ours) is quoted as ``checks.cause``."""
    if exc.text_key is None:
        return {"cause": "checks.cause", "cause_text": str(exc)}
    return {**exc.text_parameters, "cause": exc.text_key}


def _meeting_id(reader: _Reader, uid: str | None, occurrence: datetime | None) -> str:
    own = reader.text(X_MEETING)
    if own is not None:
        if not _IDENTIFIER.match(own):
            raise reader.error("ical_meeting_id", X_MEETING, prop=X_MEETING, got=excerpt(own))
        base = own
    else:  # an event without a UID was skipped before (ical.no-uid)
        uid = uid or ""
        base = uid if _IDENTIFIER.match(uid) else "ical-" + uuid.uuid5(NAMESPACE, uid).hex
    if occurrence is None:
        return base
    suffix = "-" + occurrence.astimezone(reader.zone).strftime("%Y%m%dT%H%M")
    if len(base) + len(suffix) > 128:
        base = "ical-" + uuid.uuid5(NAMESPACE, base).hex
    return base + suffix


def _kind(reader: _Reader) -> MeetingKind:
    value = reader.text(X_KIND)
    if value is None:
        return MeetingKind.ORDINARY
    try:
        return MeetingKind(value)
    except ValueError:
        choices = ", ".join(k.value for k in MeetingKind)
        raise reader.error(
            "ical_kind", X_KIND, prop=X_KIND, choices=choices, got=excerpt(value)
        ) from None


def _status(reader: _Reader) -> MeetingStatus:
    status = (reader.text("STATUS") or "CONFIRMED").upper()
    if status == "CANCELLED":
        return MeetingStatus.CANCELLED
    if status not in ("CONFIRMED", "TENTATIVE"):
        raise reader.error("ical_status", "STATUS", got=excerpt(status))
    own = reader.text(X_STATUS)
    if own is None:
        return MeetingStatus.PLANNED
    if own not in (MeetingStatus.PLANNED.value, MeetingStatus.HELD.value):
        raise reader.error("ical_own_status", X_STATUS, prop=X_STATUS, got=excerpt(own))
    return MeetingStatus(own)


def _title(reader: _Reader, kind: MeetingKind, ours: bool) -> str | None:
    """The title of one of our events without the labels export adds, in either language."""
    summary = reader.text("SUMMARY")
    if summary is None or not summary.strip():
        return None
    if not ours:
        return summary
    stripped = None
    for language in LANGUAGES:
        prefix = message("ical.cancelled_prefix", language)
        text = summary.removeprefix(prefix)
        label = message("ical.summary", language, kind=kind)
        if text == label:
            return None
        titled = message("ical.summary_titled", language, kind=kind, title="")
        if text.startswith(titled):
            return text.removeprefix(titled)
        if stripped is None and summary.startswith(prefix):
            stripped = text
    return summary if stripped is None else stripped


def _split(raw: str | None, delta: timedelta) -> tuple[int, int, int]:
    """A DURATION as (sign, nominal days, exact seconds): ``P1DT2H`` is one day of the
    calendar and two hours of the clock (RFC 5545 3.3.6); ``PT26H`` is 26 hours."""
    found = _DURATION.fullmatch(raw.strip()) if raw else None
    if found is None:  # a parsed Calendar: the text is gone, the days are taken as days
        sign = -1 if delta < timedelta(0) else 1
        size = abs(delta)
        return sign, size.days, size.seconds
    mark, weeks, days, hours, minutes, seconds = found.groups()
    count = [int(v or 0) for v in (weeks, days, hours, minutes, seconds)]
    return (
        -1 if mark == "-" else 1,
        7 * count[0] + count[1],
        3600 * count[2] + 60 * count[3] + count[4],
    )


def _end(reader: _Reader, start: datetime) -> datetime | None:
    end = reader.moment("DTEND")
    duration = reader.component.get("DURATION")
    if end is not None and duration is not None:
        raise reader.error("ical_end_and_duration", "DURATION")
    if duration is not None:
        delta = getattr(duration, "dt", None)
        if not isinstance(delta, timedelta):
            raise reader.error("ical_duration", "DURATION")
        sign, days, seconds = _split(reader.located.raw.get("DURATION"), delta)
        try:
            wall = start.replace(tzinfo=None) + sign * timedelta(days=days)
            day_end = wall.replace(tzinfo=start.tzinfo).astimezone(UTC)
            return reader.local("DURATION", day_end + sign * timedelta(seconds=seconds))
        except OverflowError:
            raise reader.error(
                "ical_duration_range", "DURATION", got=reader.located.raw.get("DURATION", "")[:40]
            ) from None
    if end is not None and not isinstance(end, datetime):
        raise reader.error("ical_end_is_date", "DTEND")
    return None if end is None else reader.local("DTEND", end)


def _meeting(reader: _Reader, start: datetime, occurrence: datetime | None) -> Meeting:
    """The meeting of an event; ``occurrence``: the original start of an occurrence, which
    names it (a moved occurrence keeps its id)."""
    component = reader.component
    uid = reader.text("UID")
    meeting_id = _meeting_id(reader, uid, occurrence)
    ours = component.get(X_MEETING) is not None
    kind = _kind(reader)
    end = _end(reader, start)
    if end is not None and end.astimezone(UTC) == start.astimezone(UTC):
        end = None  # a zero-length event: a meeting whose end is not known
        reader.pending.append(("ical.no-end", {}))
    joined: list[str] = []
    location = _one_line(reader.text("LOCATION"), ", ", "LOCATION", joined)
    title = _one_line(_title(reader, kind, ours), " ", "SUMMARY", joined)
    if joined:
        reader.pending.append(("ical.lines-joined", {"properties": tuple(joined)}))
    try:
        meeting = Meeting(
            id=meeting_id,
            start=reader.local("DTSTART", start),
            end=end,
            kind=kind,
            status=_status(reader),
            revision=reader.integer("SEQUENCE"),
            location=location or None,
            title=title,
        )
    except FileFormatError:
        raise
    except KluRulesError as exc:
        where = next((p for p in ("DTEND", "DURATION") if p in component), "DTSTART")
        raise reader.wrapped("ical_meeting", exc, where) from None
    reader.note(meeting)
    return meeting


def _one_line(text: str | None, joiner: str, prop: str, joined: list[str]) -> str | None:
    """``text`` on one line: a line break (RFC 5545 allows one in TEXT; Apple writes a
    place's name and address so) becomes ``joiner``; ``prop`` is added to ``joined``."""
    if text is None or _BREAK.search(text) is None:
        return text
    joined.append(prop)
    return joiner.join(part.strip() for part in _BREAK.split(text) if part.strip())


@attrs.frozen(slots=True, repr=False)
class _Range(Record):
    first: date | None
    last: date | None

    def holds(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)

    def parameters(self) -> dict[str, Any]:
        return {"start": self.first, "end": self.last}


def _start(reader: _Reader) -> datetime | date:
    start = reader.moment("DTSTART")
    if start is None:
        uid = reader.text("UID")
        raise reader.error("ical_no_start", uid=excerpt(uid))
    return start


def _event(reader: _Reader, span: _Range, meetings: list[Meeting], findings: list[Finding]) -> None:
    """One VEVENT that does not repeat: a meeting, or a finding saying why not."""
    start = _start(reader)
    if not isinstance(start, datetime):
        findings.append(skipped("ical.all-day", reader.component, day=start))
        return
    original = reader.moment("RECURRENCE-ID")  # an occurrence whose series is not in the file
    if original is not None and not isinstance(original, datetime):
        original = datetime.combine(original, start.timetz())
    meeting = _meeting(reader, start, original)
    day = meeting.start.date()
    if not span.holds(day):
        findings.append(
            skipped("ical.outside-range", reader.component, day=day, **span.parameters())
        )
        return
    meetings.append(meeting)


def _series(
    reader: _Reader,
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
    start = _start(reader)
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
        one = _Reader(
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
        meetings.append(
            _meeting(one, moment, original if isinstance(original, datetime) else moment)
        )


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
            reader = _Reader(component, where, zone, floating, path)
            reader.broken()
            uid = str(component.get("UID"))
            if X_MEETING not in component and not str(component.get("UID") or "").strip():
                start = _start(reader)
                day = (
                    reader.local("DTSTART", start).date() if isinstance(start, datetime) else start
                )
                findings.append(skipped("ical.no-uid", component, day=day))
                continue
            if "RECURRENCE-ID" in component and uid in masters:
                continue  # an override: taken with its series
            feed = component.get(X_COMMITTEE)
            if committee_id is not None and feed is not None and str(feed) != committee_id:
                start = _start(reader)
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
