"""iCalendar import: the meetings of an ``.ics`` file, ours or another program's.

A located scan of the content lines comes first, so that every error names
its line; icalendar then reads the values.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from icalendar import Calendar, Component
from icalendar.parser.content_line import Contentline
from icalendar.prop import vDDDTypes

from klu_rules.core.errors import FileFormatError, InvalidValueError, KluRulesError
from klu_rules.core.files import read_input
from klu_rules.core.language import LANGUAGES
from klu_rules.core.messages import message
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone, localize
from klu_rules.io._ical_ids import NAMESPACE, X_DEADLINE, X_KIND, X_MEETING, X_STATUS
from klu_rules.model.meeting import Meeting, MeetingKind, MeetingStatus

_NEWLINE = re.compile(r"\r?\n")
_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")


@attrs.define(slots=True)
class _Located:
    """Where a component and its own properties are in the file."""

    name: str
    line: int
    properties: dict[str, int] = attrs.field(factory=dict)


def _decode(data: bytes | str, path: str | Path | None) -> str:
    if isinstance(data, str):
        text = data
    elif isinstance(data, bytes | bytearray):
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            line = bytes(data)[: exc.start].count(b"\n") + 1
            raise FileFormatError(
                f"the file is not UTF-8 (byte {exc.start} is {bytes(data)[exc.start]:#04x}); "
                "iCalendar files are UTF-8: save or export it as UTF-8",
                path=path,
                line=line,
            ) from None
    else:
        raise InvalidValueError(f"iCalendar data must be bytes or str, got {data!r}")
    return text.removeprefix("\ufeff")


def _content_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the number of the physical line each starts on."""
    result: list[tuple[int, str]] = []
    for number, physical in enumerate(_NEWLINE.split(text), start=1):
        if physical[:1] in (" ", "\t") and result:
            first, logical = result[-1]
            result[-1] = (first, logical + physical[1:])
        elif physical:
            result.append((number, physical))
    return result


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _scan(text: str, path: str | Path | None) -> list[_Located]:
    """Check the structure; return the VEVENTs and VTODOs of the calendars, in order."""

    def error(message: str, line: int) -> FileFormatError:
        return FileFormatError(message, path=path, line=line)

    lines = _content_lines(text)
    if not lines:
        raise FileFormatError(
            "the file is empty; an iCalendar file starts with BEGIN:VCALENDAR", path=path
        )
    stack: list[_Located] = []
    found: list[_Located] = []
    cut = lines[-1][0] if not text.endswith("\n") else None
    for number, line in lines:
        try:
            name, _params, value = Contentline(line).parts()  # type: ignore[no-untyped-call]
        except ValueError:
            if number == cut:
                raise error(
                    f"the file ends in the middle of a line ({_shown(line)}): it is truncated; "
                    "export or download it again",
                    number,
                ) from None
            raise error(
                f"{_shown(line)} is not an iCalendar content line; each line is "
                "NAME:value or NAME;PARAM=value:value (is this an .ics file?)",
                number,
            ) from None
        name = name.upper()
        if name == "BEGIN":
            component = value.strip().upper()
            if not stack and component != "VCALENDAR":
                raise error(
                    f"expected BEGIN:VCALENDAR, got {_shown(line)}; an iCalendar file holds "
                    "its events inside BEGIN:VCALENDAR ... END:VCALENDAR",
                    number,
                )
            for open_component in stack:
                if open_component.name == component:
                    raise error(
                        f"BEGIN:{component} inside the {open_component.name} opened at line "
                        f"{open_component.line}; add END:{stack[-1].name} before it",
                        number,
                    )
            located = _Located(component, number)
            if len(stack) == 1 and component in ("VEVENT", "VTODO"):
                found.append(located)
            stack.append(located)
        elif name == "END":
            component = value.strip().upper()
            if not stack:
                raise error(f"END:{component} without a matching BEGIN:{component}", number)
            if stack[-1].name != component:
                raise error(
                    f"END:{component}, but the {stack[-1].name} opened at line "
                    f"{stack[-1].line} is still open; add END:{stack[-1].name} before it",
                    number,
                )
            stack.pop()
        elif not stack:
            raise error(f"the property {name} is outside BEGIN:VCALENDAR ... END:VCALENDAR", number)
        else:
            stack[-1].properties.setdefault(name, number)
    if stack:
        last = lines[-1][0]
        raise error(
            f"BEGIN:{stack[-1].name} at line {stack[-1].line} is never closed: the file ends at "
            f"line {last} (is it truncated?); add END:{stack[-1].name}",
            stack[-1].line,
        )
    return found


@attrs.frozen(slots=True)
class _Reader:
    """Reads one parsed VEVENT, with the lines its properties came from."""

    component: Component
    located: _Located
    zone: ZoneInfo
    path: str | Path | None

    def error(self, message: str, prop: str | None = None) -> FileFormatError:
        line = self.located.line
        return FileFormatError(
            message, path=self.path, line=self.located.properties.get(prop or "", line)
        )

    def broken(self) -> None:
        for prop, problem in self.component.errors:
            where = prop or "a property"
            raise self.error(f"cannot read {where}: {problem}", prop)

    def get(self, prop: str) -> Any:
        value = self.component.get(prop)
        if isinstance(value, list):
            raise self.error(f"{prop} appears more than once; keep one", prop)
        return value

    def text(self, prop: str) -> str | None:
        value = self.get(prop)
        return None if value is None else str(value)

    def moment(self, prop: str) -> datetime | date | None:
        value = self.get(prop)
        if value is None:
            return None
        if not isinstance(value, vDDDTypes):
            raise self.error(f"cannot read {prop}: expected a date or date-time", prop)
        moment = value.dt
        if isinstance(moment, datetime):
            return self._aware(prop, value, moment)
        if isinstance(moment, date):
            return moment
        raise self.error(f"cannot read {prop}: expected a date or date-time, got {moment!r}", prop)

    def _aware(self, prop: str, value: Any, moment: datetime) -> datetime:
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            try:
                return moment.astimezone(self.zone)
            except OverflowError:
                raise self.error(
                    f"{prop} {moment.isoformat()} is out of range in {self.zone.key}", prop
                ) from None
        tzid = value.params.get("TZID")
        if tzid:
            raise self.error(
                f"{prop} names the time zone {tzid!r}, which is neither an IANA zone nor "
                "defined by a VTIMEZONE in the file; use an IANA name such as "
                "'Europe/Copenhagen' or include the VTIMEZONE",
                prop,
            )
        try:
            return localize(moment, self.zone)
        except KluRulesError as exc:
            raise self.error(f"{prop} is a local time without zone: {exc}", prop) from None

    def integer(self, prop: str) -> int:
        value = self.get(prop)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(f"{prop} must be one whole number, got {value!r}", prop)
        if value < 0:
            raise self.error(f"{prop} must be 0 or more, got {int(value)}", prop)
        return int(value)


def _meeting_id(reader: _Reader, uid: str | None) -> str:
    own = reader.text(X_MEETING)
    if own is not None:
        if not _IDENTIFIER.match(own):
            raise reader.error(f"{X_MEETING} {own!r} is not a valid meeting id", X_MEETING)
        return own
    if uid is None or not uid.strip():
        raise reader.error(
            "the VEVENT has no UID; every event needs one (RFC 5545): add a UID line"
        )
    if _IDENTIFIER.match(uid):
        return uid
    return "ical-" + uuid.uuid5(NAMESPACE, uid).hex


def _kind(reader: _Reader) -> MeetingKind:
    value = reader.text(X_KIND)
    if value is None:
        return MeetingKind.ORDINARY
    try:
        return MeetingKind(value)
    except ValueError:
        choices = ", ".join(k.value for k in MeetingKind)
        raise reader.error(f"{X_KIND} is one of {choices}, got {value!r}", X_KIND) from None


def _status(reader: _Reader) -> MeetingStatus:
    status = (reader.text("STATUS") or "CONFIRMED").upper()
    if status == "CANCELLED":
        return MeetingStatus.CANCELLED
    if status not in ("CONFIRMED", "TENTATIVE"):
        raise reader.error(
            f"an event's STATUS is TENTATIVE, CONFIRMED or CANCELLED, got {status!r}", "STATUS"
        )
    own = reader.text(X_STATUS)
    if own is None:
        return MeetingStatus.PLANNED
    if own not in (MeetingStatus.PLANNED.value, MeetingStatus.HELD.value):
        raise reader.error(f"{X_STATUS} is 'planned' or 'held', got {own!r}", X_STATUS)
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


def _end(reader: _Reader, start: datetime) -> datetime | None:
    end = reader.moment("DTEND")
    duration = reader.component.get("DURATION")
    if end is not None and duration is not None:
        raise reader.error("the VEVENT has both DTEND and DURATION; keep one", "DURATION")
    if duration is not None:
        delta = getattr(duration, "dt", None)
        if not isinstance(delta, timedelta):
            raise reader.error("cannot read DURATION: expected a duration like PT2H", "DURATION")
        return (start.astimezone(UTC) + delta).astimezone(reader.zone)
    if end is not None and not isinstance(end, datetime):
        raise reader.error(
            "DTEND is a date but DTSTART has a time; give DTEND a time as well", "DTEND"
        )
    return end


def _read_meeting(reader: _Reader) -> Meeting | None:
    component = reader.component
    reader.broken()
    if component.get(X_DEADLINE) is not None:
        return None
    uid = reader.text("UID")
    for prop in ("RRULE", "RDATE", "RECURRENCE-ID"):
        if component.get(prop) is not None:
            raise reader.error(
                f"the event (UID {uid}) repeats ({prop}); a meeting happens once: export the "
                "occurrences as separate events",
                prop,
            )
    start = reader.moment("DTSTART")
    if start is None:
        raise reader.error(
            f"the VEVENT (UID {uid}) has no DTSTART; a meeting needs a start, e.g. "
            "DTSTART;TZID=Europe/Copenhagen:20230306T150000"
        )
    if not isinstance(start, datetime):
        raise reader.error(
            f"the event (UID {uid}) lasts all day (DTSTART;VALUE=DATE); a meeting needs a start "
            "time: give DTSTART a time, e.g. DTSTART;TZID=Europe/Copenhagen:20230306T150000",
            "DTSTART",
        )
    meeting_id = _meeting_id(reader, uid)
    ours = component.get(X_MEETING) is not None
    kind = _kind(reader)
    end = _end(reader, start)
    try:
        return Meeting(
            id=meeting_id,
            start=start,
            end=end,
            kind=kind,
            status=_status(reader),
            revision=reader.integer("SEQUENCE"),
            location=reader.text("LOCATION") or None,
            title=_title(reader, kind, ours),
        )
    except FileFormatError:
        raise
    except KluRulesError as exc:
        where = next((p for p in ("DTEND", "DURATION") if p in component), "DTSTART")
        raise reader.error(str(exc), where) from None


def parse_ics(
    data: bytes | str, *, timezone: str = DEFAULT_TIMEZONE, path: str | Path | None = None
) -> tuple[Meeting, ...]:
    """Read the meetings of iCalendar data.

    - every ``VEVENT`` is a meeting, except the deadline events klu_rules wrote
      (``X-KLU-DEADLINE``); ``VTODO`` and other components are skipped;
    - the id is ``X-KLU-MEETING-ID``, else the ``UID`` when it is a valid id,
      else ``"ical-"`` and the hex digits of ``uuid5(NAMESPACE, UID)``;
    - start and end come from ``DTSTART`` and ``DTEND`` (or ``DURATION``);
      ``timezone`` is the committee's zone: times are returned in it, and a
      floating time is read in it (a time that does not exist or occurs twice
      there is an error);
    - status from ``STATUS`` and ``X-KLU-MEETING-STATUS``, revision from
      ``SEQUENCE``, location, title (without the labels export adds) and kind
      (``X-KLU-MEETING-KIND``); agenda and attendance are not read back.

    All-day or recurring events, an unknown time zone and two events for one
    meeting are errors; ``path`` only names the file in errors.
    """
    zone = get_zone(timezone)
    text = _decode(data, path)
    located = _scan(text, path)
    try:
        calendars = Calendar.from_ical(text.encode("utf-8"), multiple=True)
    except Exception as exc:  # icalendar raises ValueError and others on bad values
        raise FileFormatError(f"not valid iCalendar data: {exc}", path=path) from None
    components = [
        component
        for calendar in calendars
        for component in calendar.subcomponents
        if component.name in ("VEVENT", "VTODO")
    ]
    meetings: list[Meeting] = []
    seen: dict[str, int] = {}
    for component, where in zip(components, located, strict=True):
        if component.name != "VEVENT":
            continue
        meeting = _read_meeting(_Reader(component, where, zone, path))
        if meeting is None:
            continue
        if meeting.id in seen:
            raise FileFormatError(
                f"meeting {meeting.id!r} appears twice (the event at line {seen[meeting.id]} "
                "has the same id or UID); keep one event per meeting",
                path=path,
                line=where.line,
            )
        seen[meeting.id] = where.line
        meetings.append(meeting)
    return tuple(meetings)


def load_ics(path: str | Path, *, timezone: str = DEFAULT_TIMEZONE) -> tuple[Meeting, ...]:
    """Read the meetings of an ``.ics`` file; errors name the file and the line."""
    p = Path(path)
    return parse_ics(read_input(p), timezone=timezone, path=p)
