"""The first pass of iCalendar import: text from any source, and a located scan of its lines.

Private to :mod:`klu_rules.io.ical`. The scan checks the structure before
icalendar reads the values, so that every error names its line, and bounds
what it accepts: components nested more than :data:`MAX_DEPTH` deep or more
than :data:`MAX_COMPONENTS` of them are refused at once (icalendar's own
parser is quadratic in the nesting). Lines may end in CRLF, LF or a lone CR;
trailing white space is dropped except after a text value (``SUMMARY``,
``DESCRIPTION``, ``LOCATION``, an unknown ``X-`` property ...), where it is
data. The scan returns the text icalendar reads: unfolded, one content line
per CRLF line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import attrs

from klu_rules.core.errors import FileFormatError
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.record import Record

MAX_DEPTH = 8
"""How deep components may nest (a calendar needs 3: VCALENDAR, VEVENT, VALARM)."""
MAX_COMPONENTS = 200_000
"""How many components a file may hold."""
MAX_BYTES = 10 * 1024 * 1024
"""The largest file or file object read (10 MiB, some 20,000 events)."""

_LINE = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")
_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
# properties whose values are text, where a trailing space belongs to the value; on any
# other line (dates, numbers, names, our ids) trailing white space is only noise
_TEXT = frozenset(
    {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "CATEGORIES", "RESOURCES"}
    | {"NAME", "X-WR-CALNAME", "X-WR-CALDESC"}
)
_OURS = frozenset(
    {"X-WR-TIMEZONE", "X-KLU-MEETING-ID", "X-KLU-MEETING-KIND", "X-KLU-MEETING-STATUS"}
    | {"X-KLU-COMMITTEE-ID", "X-KLU-DEADLINE"}
)


@attrs.define(slots=True, repr=False)
class Located(Record):
    """Where a component and its own properties are in the file, and their raw values."""

    name: str
    line: int | None
    properties: dict[str, int] = attrs.field(factory=dict)
    raw: dict[str, str] = attrs.field(factory=dict)


_FOLD = re.compile(rb"(?:\r\n|\r|\n)[ \t]")
_ESCAPED = re.compile("[\udc80-\udcff]")


def decode(data: bytes | str, path: str | Path | None) -> str:
    """UTF-8 text without a byte order mark.

    Folding may split a character of several bytes between two lines (RFC 5545
    3.1 folds octets, not characters): the bytes are checked with the folds
    removed, and such a split character is kept as escaped bytes
    (``surrogateescape``) that :func:`scan` joins when it unfolds the line, so
    that every line keeps its number."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    raw = bytes(data)
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    removed: list[tuple[int, int]] = []  # (offset in the unfolded bytes, bytes removed so far)
    pieces: list[bytes] = []
    kept = size = 0
    for fold in _FOLD.finditer(raw):
        pieces.append(raw[kept : fold.start()])
        size += fold.start() - kept
        kept = fold.end()
        removed.append((size, kept - size))
    pieces.append(raw[kept:])
    try:
        b"".join(pieces).decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + max((gone for at, gone in removed if at <= exc.start), default=0)
        raise coded(
            FileFormatError,
            "ical_not_utf8",
            {"offset": offset, "byte": f"{raw[offset]:#04x}"},
            path=path,
            line=raw[:offset].count(b"\n") + 1,
        ) from None
    return raw.decode("utf-8", "surrogateescape").removeprefix("\ufeff")


def _joined(line: str) -> str:
    """A content line whose characters folding split are whole again."""
    if _ESCAPED.search(line) is None:
        return line
    return line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    """Unfolded content lines with the number of the physical line each starts on, one at a
    time, so that a refusal early in a large file costs nothing for the rest."""
    number, logical = 0, None
    for physical_number, found in enumerate(_LINE.finditer(text), start=1):
        physical = found.group(1)
        if physical[:1] in (" ", "\t") and logical is not None:
            logical += physical[1:]
            continue
        if logical is not None:
            yield number, _joined(logical)
            logical = None
        if physical:
            number, logical = physical_number, physical
    if logical is not None:
        yield number, _joined(logical)


def _shown(text: str) -> str:
    return excerpt(text)


def _name(component: str) -> str:
    """A component's name as the file gives it, cut short."""
    return component if len(component) <= 60 else component[:57] + "..."


def _parts(line: str) -> tuple[str, str] | None:
    """The name and the value of a content line, or ``None`` if it is not one."""
    from icalendar.parser.content_line import Contentline

    try:
        name, _params, value = Contentline(line).parts()  # type: ignore[no-untyped-call]
    except ValueError:
        return None
    return str(name).upper(), str(value)


def scan(text: str, path: str | Path | None) -> tuple[str, list[Located]]:
    """Check the structure; the text for icalendar and the calendars' VEVENTs and VTODOs."""

    def error(key: str, line: int, **parameters: object) -> FileFormatError:
        return coded(FileFormatError, key, parameters, path=path, line=line)

    stack: list[Located] = []
    found: list[Located] = []
    physical = text.count("\n") + text.count("\r") - text.count("\r\n") + 1  # the last line
    cut = physical if not text.endswith(("\n", "\r")) else None
    out: list[str] = []
    count = 0
    last = 0
    for number, line in _content_lines(text):
        last = number
        parts = _parts(line)
        if parts is None:
            if number == cut:
                raise error("ical_truncated_line", number, got=_shown(line))
            raise error("ical_not_content_line", number, got=_shown(line))
        name, value = parts
        trimmed = name not in _TEXT and (not name.startswith("X-") or name in _OURS)
        if trimmed and line != line.rstrip():
            line = line.rstrip()
            value = value.rstrip()
        out.append(line)
        if name == "BEGIN":
            component = value.strip().upper()
            if not stack and component != "VCALENDAR":
                raise error("ical_expected_vcalendar", number, got=_shown(line))
            count += 1
            if len(stack) >= MAX_DEPTH or count > MAX_COMPONENTS:
                key, limit = (
                    ("ical_too_deep", MAX_DEPTH)
                    if len(stack) >= MAX_DEPTH
                    else ("ical_too_many", MAX_COMPONENTS)
                )
                raise coded(
                    FileFormatError,
                    key,
                    {"limit": limit, "component": _name(component)},
                    path=path,
                    line=number,
                )
            for open_component in stack:
                if open_component.name == component:
                    raise error(
                        "ical_nested_in_itself",
                        number,
                        component=_name(component),
                        opened=open_component.line,
                        last=_name(stack[-1].name),
                    )
            located = Located(component, number)
            if len(stack) == 1 and component in ("VEVENT", "VTODO"):
                found.append(located)
            stack.append(located)
        elif name == "END":
            component = value.strip().upper()
            if not stack:
                raise error("ical_end_without_begin", number, component=_name(component))
            if stack[-1].name != component:
                raise error(
                    "ical_end_mismatch",
                    number,
                    component=_name(component),
                    open=_name(stack[-1].name),
                    opened=stack[-1].line,
                )
            stack.pop()
        elif not stack:
            raise error("ical_outside_calendar", number, name=_name(name))
        else:
            stack[-1].properties.setdefault(name, number)
            stack[-1].raw.setdefault(name, value)
    if not last:
        raise coded(FileFormatError, "ical_empty", {}, path=path)
    if stack:
        raise error(
            "ical_never_closed",
            stack[-1].line or last,
            component=_name(stack[-1].name),
            opened=stack[-1].line,
            last=last,
        )
    return "\r\n".join(out) + "\r\n", found
