"""One VEVENT of an iCalendar file read as a meeting: its located properties and the
meeting's fields (id, kind, status, title, end), for :mod:`._ical_import`.

Each reader names the line a property came from, so every error does; what the import
takes in with a note (a zero-length event, a line break joined) is kept in
:attr:`EventReader.pending` for the import's report.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from icalendar import Component
from icalendar.prop import vDDDTypes

from klu_rules.core.errors import FileFormatError, KluRulesError
from klu_rules.core.language import LANGUAGES
from klu_rules.core.messages import coded, excerpt, message
from klu_rules.core.record import Record
from klu_rules.core.result import Finding
from klu_rules.core.timeutil import localize
from klu_rules.io._ical_ids import NAMESPACE, X_KIND, X_MEETING, X_STATUS
from klu_rules.io._ical_report import skipped
from klu_rules.io._ical_scan import Located
from klu_rules.model.meeting import Meeting, MeetingKind, MeetingStatus

__all__ = ["EventReader", "meeting_of", "start_of"]

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
_DURATION = re.compile(
    r"([+-])?P(?:(\d{1,9})W)?(?:(\d{1,9})D)?(?:T(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9})S)?)?"
)


@attrs.frozen(slots=True, repr=False)
class EventReader(Record):
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
        """Write the pending notes of the event that gave ``meeting``, once it is taken (an
        event skipped, e.g. outside the range, gets no note that it was taken)."""
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


def _meeting_id(reader: EventReader, uid: str | None, occurrence: datetime | None) -> str:
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


def _kind(reader: EventReader) -> MeetingKind:
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


def _status(reader: EventReader) -> MeetingStatus:
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


def _title(reader: EventReader, kind: MeetingKind, ours: bool) -> str | None:
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


def _end(reader: EventReader, start: datetime) -> datetime | None:
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


def meeting_of(reader: EventReader, start: datetime, occurrence: datetime | None) -> Meeting:
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
    return meeting  # its notes are written when it is taken (EventReader.note)


def _one_line(text: str | None, joiner: str, prop: str, joined: list[str]) -> str | None:
    """``text`` on one line: a line break (RFC 5545 allows one in TEXT; Apple writes a
    place's name and address so) becomes ``joiner``; ``prop`` is added to ``joined``."""
    if text is None or _BREAK.search(text) is None:
        return text
    joined.append(prop)
    return joiner.join(part.strip() for part in _BREAK.split(text) if part.strip())


def start_of(reader: EventReader) -> datetime | date:
    start = reader.moment("DTSTART")
    if start is None:
        uid = reader.text("UID")
        raise reader.error("ical_no_start", uid=excerpt(uid))
    return start
