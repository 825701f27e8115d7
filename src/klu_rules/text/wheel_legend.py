"""The symbols of the annual wheel and the legend that names them.

Every kind of meeting, deadline and finding severity has its own shape as well as its
colour (the picture reads in black and white). A :class:`Mark` is one symbol where it is
drawn; :func:`legend` names, at the foot of the page, each symbol the picture shows and
nothing it does not.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from klu_rules.checks.deadlines import DeadlineKind
from klu_rules.core.language import Language
from klu_rules.core.messages import message
from klu_rules.core.record import Record
from klu_rules.model.meeting import MeetingKind
from klu_rules.text.wheel_layout import Box, Geometry, Point, flow, text_width

__all__ = [
    "DEADLINE_STYLE",
    "MEETING_STYLE",
    "SEVERITY_STYLE",
    "LegendEntry",
    "Mark",
    "legend",
]

MEETING_STYLE: dict[MeetingKind, tuple[str, str]] = {
    MeetingKind.ORDINARY: ("circle", "#1a1a1a"),
    MeetingKind.DIALOGUE: ("diamond", "#6a3d9a"),
    MeetingKind.EXTRAORDINARY: ("square", "#1a1a1a"),
}
"""Meeting kind -> (shape, colour) of its marker."""
DEADLINE_STYLE: dict[DeadlineKind, tuple[str, str]] = {
    DeadlineKind.CALL_FOR_ITEMS: ("triangle", "#0072b2"),
    DeadlineKind.ITEMS_DUE: ("square", "#009e73"),
    DeadlineKind.AGENDA_DISPATCH: ("triangle-down", "#d55e00"),
    DeadlineKind.DIALOGUE_ANNOUNCEMENT: ("star", "#cc79a7"),
}
"""Deadline kind -> (shape, colour) of its mark; each kind has its own track."""
SEVERITY_STYLE: dict[str, tuple[str, str, str, str]] = {
    "error": ("triangle", "#c0392b", "#c0392b", "#ffffff"),
    "warning": ("triangle", "#ffffff", "#b26b00", "#1a1a1a"),
    "info": ("circle", "#ffffff", "#0072b2", "#0072b2"),
}
"""Severity -> (shape, fill, outline, colour of the sign) of a finding badge."""


@attrs.frozen(repr=False)
class Mark(Record):
    """One mark of the picture: ``kind`` (``meeting``, ``deadline``, ``closed``,
    ``finding``), ``key`` (the meeting id, ``<meeting id>/<deadline kind>``, ...), its shape,
    colour and size, its centre and the text a reader's tooltip shows."""

    kind: str
    key: str
    shape: str
    colour: str
    size: float
    centre: Point
    tip: str
    outline: str = "#ffffff"
    moved: bool = False
    """A deadline moved off a closed day or weekend: drawn with a dashed ring."""
    hollow: bool = False
    """A cancelled meeting: drawn hollow and crossed out."""


@attrs.frozen(repr=False)
class LegendEntry(Record):
    """One entry of the legend: a symbol (``shape``, ``colour``) and its text, or a group's
    heading (``shape`` ``"heading"``), with its text's start and baseline."""

    shape: str
    colour: str
    text: str
    x: float
    y: float

    def box(self) -> Box:
        """The box its symbol and text take."""
        if self.shape == "heading":
            return Box(self.x, self.y - 13, text_width(self.text, 13, "bold"), 16)
        return Box(self.x - 2, self.y - 13, 22 + text_width(self.text, 12), 17)


def _say(key: str, language: Language) -> str:
    return message(f"wheel.{key}", language)


def _items(
    marks: Sequence[Mark], deadline_kinds: set[DeadlineKind], as_of: bool, lang: Language
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The legend's groups: a heading and (shape, colour, text) of what the picture shows."""
    shown = {(m.kind, m.shape, m.colour) for m in marks}
    meetings = [
        (*MEETING_STYLE[k], message(f"meeting_kind.{k.value}", lang))
        for k in MeetingKind
        if ("meeting", *MEETING_STYLE[k]) in shown
    ]
    if any(m.hollow for m in marks):
        meetings.append(("cancelled", "#1a1a1a", _say("legend_cancelled", lang)))
    deadlines = [
        (*DEADLINE_STYLE[k], message(f"deadline_kind.{k.value}", lang))
        for k in DeadlineKind
        if k in deadline_kinds
    ]
    if any(m.moved for m in marks):
        deadlines.append(("moved", "#888888", _say("legend_moved", lang)))
    if any(m.kind == "closed" for m in marks):
        deadlines.append(("cross", "#1a1a1a", _say("legend_closed", lang)))
    badges = {m.shape for m in marks if m.kind == "finding"}
    findings = [(s, s, message(f"severity.{s}", lang)) for s in SEVERITY_STYLE if s in badges]
    if as_of:
        findings.append(("as-of", "#1a1a1a", _say("legend_as_of", lang)))
    groups = [
        (_say("legend_meetings", lang), meetings),
        (_say("legend_deadlines", lang), deadlines),
        (_say("legend_findings", lang), findings),
    ]
    return [(heading, items) for heading, items in groups if items]


_LEGEND_ROW = 22.0
_LEGEND_INDENT = 150.0


def legend(
    marks: Sequence[Mark],
    deadline_kinds: set[DeadlineKind],
    as_of: bool,
    language: Language,
    g: Geometry,
) -> tuple[LegendEntry, ...]:
    """The legend at the foot of the page: a heading per group of what the picture shows
    (``deadline_kinds`` the kinds of the deadlines drawn, ``as_of`` whether the hand is),
    then its items in rows; a group with nothing drawn is left out."""
    rows: list[list[LegendEntry]] = []
    for heading, items in _items(marks, deadline_kinds, as_of, language):
        widths = [22 + text_width(text, 12) for _, _, text in items]
        spots = flow(widths, g.margin + _LEGEND_INDENT, g.width - g.margin, 0, 1)
        first = len(rows)
        rows += [[] for _ in range(int(spots[-1][1]) + 1)]
        rows[first].append(LegendEntry("heading", "#1a1a1a", heading + ":", g.margin, 0))
        for (shape, colour, text), (x, row) in zip(items, spots, strict=True):
            rows[first + int(row)].append(LegendEntry(shape, colour, text, x, 0))
    top = g.height - g.margin - _LEGEND_ROW * len(rows) + 14
    return tuple(
        attrs.evolve(entry, y=top + index * _LEGEND_ROW)
        for index, row in enumerate(rows)
        for entry in row
    )
