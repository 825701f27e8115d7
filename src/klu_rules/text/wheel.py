"""The year at a glance: a committee's annual wheel (*årshjul*) as an SVG picture.

:func:`annual_wheel_svg` draws a year's plan (:func:`~klu_rules.checks.deadlines.plan_year`)
as a circle: twelve month sectors with the weeks as ticks, each meeting as a marker at its
date (its label gives the date, time, kind, status and findings), each deadline of a
meeting as a smaller mark on its kind's track, joined to its meeting by an arc, the closed
days that moved a deadline, each meeting's findings as a badge by severity, the year's
agreed topics (the annual-wheel record) in the centre, next year's topics by the meeting
that agreed them, and with ``as_of`` a hand at that day. Dialogue meetings and their
announcement deadlines are drawn like the others, in their own shape.

The picture reads in black and white: every kind has its own shape as well as its
colour, and the legend names them. Every word comes from the catalogues, in Danish or
English; names and titles are shown as written (escaped). The SVG is written as text by
this module (no dependency), with ``<title>`` and ``<desc>``, text as ``<text>``, and the
same bytes for the same input. :func:`build_wheel` gives the geometry it draws (where each
mark and label is) and :func:`render_svg` draws it; :mod:`~klu_rules.text.wheel_layout`
holds the geometry, :mod:`~klu_rules.text.wheel_html` the HTML page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date

import attrs

from klu_rules.checks.deadlines import Deadline, DeadlineKind, MeetingPlan, YearPlan, plan_year
from klu_rules.checks.plan_results import count_findings
from klu_rules.core.errors import InvalidValueError, KluRulesError
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import coded, message
from klu_rules.core.result import Finding
from klu_rules.core.timeutil import get_zone
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import MeetingKind, MeetingStatus
from klu_rules.model.records import AnnualWheel
from klu_rules.text._forms import holiday, meeting_line
from klu_rules.text.wheel_layout import (
    Box,
    Geometry,
    Label,
    Line,
    Placed,
    Point,
    day_angle,
    flow,
    place_labels,
    point,
    text_width,
    wrap,
)

__all__ = [
    "DEADLINE_STYLE",
    "MEETING_STYLE",
    "SEVERITY_STYLE",
    "LegendEntry",
    "Mark",
    "Wheel",
    "annual_wheel_svg",
    "build_wheel",
    "element",
    "render_svg",
    "topic_names",
    "xml_text",
    "year_findings",
]

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
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
_SIGN = {"error": "!", "warning": "!", "info": "i"}
_ORDER = {"error": 0, "warning": 1, "info": 2}
_MEETING_SIZE = 11.0
_DEADLINE_SIZE = 7.0
_BADGE = 8.0
_TOPIC_WIDTH = 206.0
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str, *, lines: bool = False) -> str:
    """``text`` escaped for XML content and attributes; characters XML cannot hold dropped,
    and (unless ``lines``) line breaks and tabs written as spaces."""
    text = _XML_BAD.sub("", text)
    if not lines:
        text = " ".join(text.split())
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


@attrs.frozen
class Mark:
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


@attrs.frozen
class LegendEntry:
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


@attrs.frozen
class Wheel:
    """What the picture shows and where: built by :func:`build_wheel`, drawn by
    :func:`render_svg`."""

    plan: YearPlan
    language: Language
    as_of: date | None
    geometry: Geometry
    title: str
    description: str
    marks: tuple[Mark, ...]
    labels: tuple[Placed, ...]
    centre: tuple[Line, ...]
    arcs: tuple[tuple[str, float, float, float], ...]
    """(colour, radius, from angle, to angle): a deadline joined to its meeting."""
    spokes: tuple[tuple[float, float, float], ...]
    """(angle, inner radius, outer radius): a meeting's line to its deadline tracks."""
    legend: tuple[LegendEntry, ...] = ()


def _say(key: str, language: Language, **parameters: object) -> str:
    return message(f"wheel.{key}", language, **parameters)


def topic_names(record: AnnualWheel, committee: Committee, language: Language) -> list[str]:
    """The topics of an annual wheel: catalogue topics by their name in ``language`` (a key
    the catalogue in force does not know as written), then the free-text topics."""
    names = []
    for key in record.topic_keys:
        try:
            topic = committee.rule_set.in_force(record.agreed_on).topic(key)
            names.append(topic.name_da if language == "da" else topic.name_en)
        except KluRulesError:  # a key the catalogue in force does not know: as written
            names.append(key)
    return names + list(record.topics)


def _plan(
    source: YearPlan | Committee, year: int | None, as_of: date | None
) -> tuple[YearPlan, date | None]:
    if isinstance(source, Committee):
        return plan_year(source, year, as_of=as_of), as_of
    if not isinstance(source, YearPlan):
        raise coded(InvalidValueError, "wheel_source", {"got": type(source).__name__})
    if year is not None and year != source.year:
        raise coded(InvalidValueError, "wheel_year", {"year": year, "plan_year": source.year})
    planned = source.parameters.as_of
    if as_of is not None and planned is not None and as_of != planned:
        raise coded(InvalidValueError, "wheel_as_of", {"as_of": as_of, "planned": planned})
    return source, as_of or planned


def _meeting_label(
    plan: MeetingPlan, tz: str, language: Language, extra: Iterable[Line], angle: float, g: Geometry
) -> Label:
    zone = get_zone(tz)
    start = plan.meeting.start.astimezone(zone)
    end = None if plan.meeting.end is None else plan.meeting.end.astimezone(zone)
    if end is not None and end.date() == start.date():
        when = _say("meeting_when", language, day=plan.date, start=start, end=end)
    else:
        when = _say("meeting_when_start", language, day=plan.date, start=start)
    lines = [
        Line(when, 13, "bold"),
        Line(_say("meeting_what", language, kind=plan.meeting.kind, status=plan.meeting.status)),
    ]
    own = _own_findings(plan.findings)
    if own:
        lines.append(Line(count_findings(own, language), 12, "italic"))
    return Label(plan.meeting.id, angle, g.meeting, (*lines, *extra))


def _own_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """A meeting's findings without the rule-set findings every meeting repeats."""
    return tuple(f for f in findings if not f.code.startswith("rules."))


def _wrapped(text: str, width: float, size: float, style: str = "plain") -> list[Line]:
    return [Line(t, size, style) for t in wrap(text, width, size, style)]  # type: ignore[arg-type]


def _next_topics(
    plan: YearPlan, committee: Committee | None, language: Language, g: Geometry
) -> tuple[dict[str, list[Line]], list[Label]]:
    """Next year's topics: by the meeting that agreed them, else at the day they were agreed."""
    record = None if committee is None else committee.annual_wheel_for(plan.year + 1)
    if record is None or committee is None or record.agreed_on.year != plan.year:
        return {}, []
    width = g.label_width - 8
    lines = _wrapped(_say("topics_agreed_here", language, year=record.year), width, 12, "bold")
    for name in topic_names(record, committee, language):
        lines += _wrapped(f"– {name}", width, 12)
    if record.meeting_id is not None:
        at = next((p for p in plan.meetings if p.meeting.id == record.meeting_id), None)
    else:
        at = next((p for p in plan.meetings if p.date == record.agreed_on), None)
    if at is not None:
        return {at.meeting.id: lines}, []
    angle = day_angle(record.agreed_on, plan.year)
    return {}, [Label("topics", angle, g.month_inner, tuple(lines))]


def _centre(
    plan: YearPlan, committee: Committee | None, language: Language, g: Geometry
) -> tuple[Line, ...]:
    """The year, then its agreed topics (or that none are recorded), within the centre."""
    lines = [Line(str(plan.year), 40, "bold")]
    record = None if committee is None else committee.annual_wheel_for(plan.year)
    if not plan.meetings:
        lines += _wrapped(_say("no_meetings", language, year=plan.year), _TOPIC_WIDTH, 12)
    if record is None or committee is None:
        text = _say("no_topics", language, year=plan.year)
        return (*lines, *_wrapped(text, _TOPIC_WIDTH, 12, "italic"))
    lines += _wrapped(_say("topics_heading", language), _TOPIC_WIDTH, 13, "bold")
    lines += _wrapped(_say("topics_agreed", language, day=record.agreed_on), _TOPIC_WIDTH, 11)
    room = 2 * math.sqrt(g.centre**2 - (_TOPIC_WIDTH / 2) ** 2) - sum(x.height for x in lines)
    names = topic_names(record, committee, language)
    shown: list[Line] = []
    for index, name in enumerate(names):
        more = _wrapped(f"– {name}", _TOPIC_WIDTH, 11.5)
        left = len(names) - index - 1
        tail = 0 if not left else 11 * 1.25
        if sum(x.height for x in (*shown, *more)) + tail > room:
            text = _say("more_topics", language, n=len(names) - index)
            shown += _wrapped(text, _TOPIC_WIDTH, 11, "italic")
            break
        shown += more
    return (*lines, *shown)


def _deadline_tip(item: Deadline, language: Language) -> str:
    tip = _say("deadline_tip", language, kind=item.kind, day=item.date)
    if item.roll != "none":
        moved = message("plan.moved_from", language, day=item.unrolled)
        tip += f" ({', '.join((moved, *(holiday(c, language) for c in item.closed)))})"
    return tip


def build_wheel(
    source: YearPlan | Committee,
    year: int | None = None,
    *,
    language: Language = "en",
    as_of: date | None = None,
    committee: Committee | None = None,
    geometry: Geometry | None = None,
) -> Wheel:
    """Where everything of ``source``'s year goes (see :func:`annual_wheel_svg`)."""
    language = check_language(language)
    g = geometry or Geometry()
    plan, as_of = _plan(source, year, as_of)
    if isinstance(source, Committee):
        committee = source
    y, tz = plan.year, plan.parameters.timezone
    marks: list[Mark] = []
    labels: list[Label] = []
    arcs: list[tuple[str, float, float, float]] = []
    spokes: list[tuple[float, float, float]] = []
    by_meeting, loose = _next_topics(plan, committee, language, g)
    labels += loose
    closed: dict[date, list[str]] = {}
    for mp in plan.meetings:
        angle = day_angle(mp.date, y)
        centre = point(angle, g.meeting, g)
        tracks = []
        for item in mp.deadlines:
            shape, colour = DEADLINE_STYLE[item.kind]
            radius = g.tracks[list(DeadlineKind).index(item.kind)]
            tracks.append(radius)
            at = day_angle(item.date, y) if item.date.year == y else None
            arcs.append((colour, radius, angle if at is None else at, angle))
            if at is None:  # a deadline in the year before: its arc starts at 1 January
                arcs[-1] = (colour, radius, 0.0, angle)
                continue
            key = f"{mp.meeting.id}/{item.kind.value}"
            tip = _deadline_tip(item, language)
            mark = Mark("deadline", key, shape, colour, _DEADLINE_SIZE, point(at, radius, g), tip)
            marks.append(attrs.evolve(mark, moved=item.roll != "none"))
            if item.closed and item.unrolled.year == y:
                names = closed.setdefault(item.unrolled, [])
                names += [n for n in item.closed if n not in names]
        if tracks:
            spokes.append((angle, min(tracks), g.meeting))
        shape, colour = MEETING_STYLE[mp.meeting.kind]
        cancelled = mp.meeting.status is MeetingStatus.CANCELLED
        tip = meeting_line(mp.meeting, tz, language)
        if mp.meeting.title:
            tip += f": {mp.meeting.title}"
        marks.append(
            Mark(
                "meeting",
                mp.meeting.id,
                shape,
                colour,
                _MEETING_SIZE,
                centre,
                tip,
                hollow=cancelled,
            )
        )
        own = sorted(_own_findings(mp.findings), key=lambda f: _ORDER[f.severity])
        if own:
            worst = own[0].severity
            at_badge = (centre[0] + 10, centre[1] - 10)
            text = count_findings(own, language)
            marks.append(Mark("finding", mp.meeting.id, worst, worst, _BADGE, at_badge, text))
        labels.append(_meeting_label(mp, tz, language, by_meeting.get(mp.meeting.id, ()), angle, g))
    for day, names in sorted(closed.items()):
        angle = day_angle(day, y)
        text = _say(
            "closed_day", language, names=tuple(holiday(n, language) for n in names), day=day
        )
        lines = tuple(_wrapped(text, g.label_width - 8, 12, "italic"))
        spot = point(angle, g.month_inner - 9, g)
        marks.append(Mark("closed", day.isoformat(), "cross", "#1a1a1a", 4.5, spot, text))
        labels.append(Label(f"closed/{day.isoformat()}", angle, g.month_inner - 9, lines))
    if as_of is not None and as_of.year == y:
        text = _say("as_of", language, day=as_of)
        labels.append(
            Label("as-of", day_angle(as_of, y), g.month_outer + 6, (Line(text, 12, "bold"),))
        )
    if plan.committee_name:
        title = _say("title", language, name=plan.committee_name, year=y)
    else:
        title = _say("title_without_committee", language, year=y)
    deadlines = sum(len(mp.deadlines) for mp in plan.meetings)
    description = _say(
        "description",
        language,
        year=y,
        meetings=len(plan.meetings),
        deadlines=deadlines,
        findings=count_findings(year_findings(plan), language),
    )
    legend = _legend_layout(_legend_items(plan, marks, as_of, language), g)
    g = attrs.evolve(g, bottom=min(e.y for e in legend) - 30)
    return Wheel(
        legend=legend,
        plan=plan,
        language=language,
        as_of=as_of,
        geometry=g,
        title=title,
        description=description,
        marks=tuple(marks),
        labels=place_labels(labels, g),
        centre=_centre(plan, committee, language, g),
        arcs=tuple(arcs),
        spokes=tuple(spokes),
    )


def year_findings(plan: YearPlan) -> tuple[Finding, ...]:
    """Every finding of the year, a rule-set finding once."""
    seen: list[Finding] = []
    for f in plan.all_findings:
        if f not in seen:
            seen.append(f)
    return tuple(seen)


# ---------------------------------------------------------------------------
# writing the SVG


def _n(value: float) -> str:
    """A number with at most two decimals, the same text for the same value."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def element(tag: str, content: str | None = None, /, **attributes: float | str) -> str:
    """``<tag a="v" ...>content</tag>``: numbers written by :func:`_n`, text escaped;
    ``stroke_width`` is written ``stroke-width`` and ``class_`` ``class``."""
    parts = [tag]
    for name, value in attributes.items():
        text = xml_text(value) if isinstance(value, str) else _n(value)
        parts.append(f'{name.rstrip("_").replace("_", "-")}="{text}"')
    opening = " ".join(parts)
    return f"<{opening}/>" if content is None else f"<{opening}>{content}</{tag}>"


def _path(points: Iterable[Point]) -> str:
    return "M" + "L".join(f"{_n(x)},{_n(y)}" for x, y in points) + "Z"


_CORNERS = {
    "diamond": ((0, -1.25), (1.25, 0), (0, 1.25), (-1.25, 0)),
    "triangle": ((0, -1.2), (1.1, 0.8), (-1.1, 0.8)),
    "triangle-down": ((0, 1.2), (1.1, -0.8), (-1.1, -0.8)),
    "star": tuple(
        ((1 if i % 2 == 0 else 0.45) * math.sin(i * math.pi / 5),
         -(1 if i % 2 == 0 else 0.45) * math.cos(i * math.pi / 5))
        for i in range(10)
    ),
}  # fmt: skip


def _shape(
    shape: str, x: float, y: float, r: float, fill: str, stroke: str, width: float = 1.5
) -> str:
    """One marker shape centred on (x, y), ``r`` its half-size."""
    paint: dict[str, float | str] = {"fill": fill, "stroke": stroke, "stroke_width": width}
    if shape == "circle":
        return element("circle", cx=x, cy=y, r=r, **paint)
    if shape == "square":
        s = r * 0.9
        return element("rect", x=x - s, y=y - s, width=2 * s, height=2 * s, **paint)
    if shape == "cross":
        a, b = _path(((x - r, y - r), (x + r, y + r))), _path(((x - r, y + r), (x + r, y - r)))
        d = (a + b).replace("Z", "")
        return element("path", d=d, fill="none", stroke=fill, stroke_width=2.2)
    d = _path((x + r * a, y + r * b) for a, b in _CORNERS[shape])
    return element("path", d=d, **paint)


def _line(a: Point, b: Point, **style: float | str) -> str:
    return element("line", x1=a[0], y1=a[1], x2=b[0], y2=b[1], **style)


def _text(x: float, y: float, line: Line, anchor: str = "start", **extra: float | str) -> str:
    style: dict[str, float | str] = {}
    if line.style == "bold":
        style["font_weight"] = "bold"
    elif line.style == "italic":
        style["font_style"] = "italic"
    return element(
        "text",
        xml_text(line.text),
        x=x,
        y=y,
        font_size=line.size,
        **style,
        text_anchor=anchor,
        fill=str(extra.pop("fill", "#1a1a1a")),
        **extra,
    )


def _badge(severity: str, x: float, y: float, r: float) -> str:
    shape, fill, stroke, sign = SEVERITY_STYLE[severity]
    dy = r * 0.35 if shape == "triangle" else r * 0.4
    mark = Line(_SIGN[severity], r * 1.2, "bold")
    return _shape(shape, x, y, r, fill, stroke, 1.8) + _text(x, y + dy, mark, "middle", fill=sign)


def _mark(m: Mark) -> str:
    x, y = m.centre
    body = element("title", xml_text(m.tip))
    if m.kind == "finding":
        return element("g", body + _badge(m.shape, x, y, m.size))
    if m.moved:
        ring = {"fill": "#ffffff", "stroke": "#1a1a1a", "stroke_dasharray": "2 1.5"}
        body += element("circle", cx=x, cy=y, r=m.size + 3, stroke_width=1.4, **ring)
    if m.hollow:  # a cancelled meeting: hollow and crossed out
        body += _shape(m.shape, x, y, m.size, "#ffffff", m.colour, 2.2)
        body += _shape("cross", x, y, m.size * 0.7, m.colour, m.colour)
    else:
        body += _shape(m.shape, x, y, m.size, m.colour, m.outline, 1.2)
    return element("g", body)


def _arc(radius: float, a0: float, a1: float, g: Geometry) -> str:
    x0, y0 = point(a0, radius, g)
    x1, y1 = point(a1, radius, g)
    large = 1 if (a1 - a0) % (2 * math.pi) > math.pi else 0
    r = _n(radius)
    return f"M{_n(x0)},{_n(y0)}A{r},{r} 0 {large} 1 {_n(x1)},{_n(y1)}"


def _sector(a0: float, a1: float, g: Geometry) -> str:
    outer = _arc(g.month_outer, a0, a1, g)
    xi, yi = point(a1, g.month_inner, g)
    xs, ys = point(a0, g.month_inner, g)
    r = _n(g.month_inner)
    return f"{outer}L{_n(xi)},{_n(yi)}A{r},{r} 0 0 0 {_n(xs)},{_n(ys)}Z"


def _months(w: Wheel) -> list[str]:
    g, y, out = w.geometry, w.plan.year, []
    for month in range(1, 13):
        a0 = day_angle(date(y, month, 1), y, start=True)
        a1 = 2 * math.pi if month == 12 else day_angle(date(y, month + 1, 1), y, start=True)
        fill = "#ececec" if month % 2 else "#d4d4d4"
        out.append(element("path", d=_sector(a0, a1, g), fill=fill, stroke="#ffffff"))
        mid = (a0 + a1) / 2
        x, yy = point(mid, (g.month_outer + g.month_inner) / 2, g)
        turn = math.degrees(mid) + (180 if math.cos(mid) < 0 else 0)
        name = Line(message(f"wheel_month.m{month}", w.language), 15, "bold")
        out.append(
            _text(x, yy + 5.5, name, "middle", transform=f"rotate({_n(turn)} {_n(x)} {_n(yy)})")
        )
    return out


def _weeks(w: Wheel) -> list[str]:
    g, y, out = w.geometry, w.plan.year, []
    day = date(y, 1, 1)
    while day.year == y:
        if day.weekday() == 0:
            a = day_angle(day, y, start=True)
            ends = point(a, g.month_outer, g), point(a, g.month_outer + 6, g)
            out.append(_line(*ends, stroke="#555555", stroke_width=1))
        if day.weekday() == 3:  # the week's number at its Thursday
            x, yy = point(day_angle(day, y), g.week_numbers, g)
            number = Line(str(day.isocalendar().week), 8.5)
            out.append(_text(x, yy + 3, number, "middle", fill="#555555"))
        day = date.fromordinal(day.toordinal() + 1)
    return out


def _legend_items(
    plan: YearPlan, marks: list[Mark], as_of: date | None, lang: Language
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The legend's groups: a heading and (shape, colour, text) of what the picture shows."""
    kinds = {mp.meeting.kind for mp in plan.meetings} | {MeetingKind.ORDINARY}
    meetings = [
        (*MEETING_STYLE[k], message(f"meeting_kind.{k.value}", lang))
        for k in MeetingKind
        if k in kinds
    ]
    if any(m.hollow for m in marks):
        meetings.append(("cancelled", "#1a1a1a", _say("legend_cancelled", lang)))
    present = {d.kind for mp in plan.meetings for d in mp.deadlines}
    deadlines = [
        (*DEADLINE_STYLE[k], message(f"deadline_kind.{k.value}", lang))
        for k in DeadlineKind
        if k in present
    ]
    if any(m.moved for m in marks):
        deadlines.append(("moved", "#888888", _say("legend_moved", lang)))
    if any(m.kind == "closed" for m in marks):
        deadlines.append(("cross", "#1a1a1a", _say("legend_closed", lang)))
    findings = [(s, s, message(f"severity.{s}", lang)) for s in SEVERITY_STYLE]
    if as_of is not None and as_of.year == plan.year:
        findings.append(("as-of", "#1a1a1a", _say("legend_as_of", lang)))
    return [
        (_say("legend_meetings", lang), meetings),
        (_say("legend_deadlines", lang), deadlines),
        (_say("legend_findings", lang), findings),
    ]


_LEGEND_ROW = 22.0
_LEGEND_INDENT = 150.0


def _legend_layout(
    groups: list[tuple[str, list[tuple[str, str, str]]]], g: Geometry
) -> tuple[LegendEntry, ...]:
    """The legend at the foot of the page: each group's heading, then its items in rows."""
    rows: list[list[LegendEntry]] = []
    for heading, items in groups:
        widths = [22 + text_width(text, 12) for _, _, text in items]
        spots = flow(widths, g.margin + _LEGEND_INDENT, g.width - g.margin, 0, 1)
        first = len(rows)
        rows += [[] for _ in range(int(spots[-1][1]) + 1 if spots else 1)]
        rows[first].append(LegendEntry("heading", "#1a1a1a", heading + ":", g.margin, 0))
        for (shape, colour, text), (x, row) in zip(items, spots, strict=True):
            rows[first + int(row)].append(LegendEntry(shape, colour, text, x, 0))
    top = g.height - g.margin - _LEGEND_ROW * len(rows) + 14
    return tuple(
        attrs.evolve(entry, y=top + index * _LEGEND_ROW)
        for index, row in enumerate(rows)
        for entry in row
    )


def _legend(w: Wheel) -> list[str]:
    out = []
    for e in w.legend:
        if e.shape == "heading":
            out.append(_text(e.x, e.y, Line(e.text, 13, "bold")))
            continue
        out.append(_legend_symbol(e.shape, e.colour, e.x + 7, e.y - 4.5))
        out.append(_text(e.x + 20, e.y, Line(e.text, 12)))
    return out


def _legend_symbol(shape: str, colour: str, x: float, y: float) -> str:
    if shape in SEVERITY_STYLE:
        return _badge(shape, x, y, 6.5)
    if shape == "cancelled":
        return _shape("circle", x, y, 6.5, "#ffffff", colour, 2) + _shape(
            "cross", x, y, 4.5, colour, colour
        )
    if shape == "moved":
        ring = {"fill": "#ffffff", "stroke": "#1a1a1a", "stroke_dasharray": "2 1.5"}
        circle = element("circle", cx=x, cy=y, r=8, stroke_width=1.4, **ring)
        return circle + _shape("circle", x, y, 5, colour, "#ffffff", 1)
    if shape == "as-of":
        style: dict[str, float | str] = {
            "stroke": colour,
            "stroke_width": 1.6,
            "stroke_dasharray": "4 3",
        }
        return _line((x - 8, y), (x + 8, y), **style)
    return _shape(shape, x, y, 6.5 if shape != "cross" else 4.5, colour, "#ffffff", 1)


def _labels(w: Wheel) -> list[str]:
    out = []
    for p in w.labels:
        d = _path((p.anchor, p.bend, p.end)).removesuffix("Z")
        out.append(element("path", d=d, fill="none", stroke="#777777", stroke_width=0.9))
        out += [
            _text(p.text_x, base, line)
            for line, base in zip(p.label.lines, p.baselines(), strict=True)
        ]
    return out


def _centre_svg(w: Wheel) -> list[str]:
    g = w.geometry
    top = g.cy - sum(line.height for line in w.centre) / 2
    out = []
    for line in w.centre:
        out.append(_text(g.cx, top + line.size * 0.95, line, "middle"))
        top += line.height
    return out


def _wheel(w: Wheel) -> list[str]:
    g = w.geometry
    out = [*_months(w), *_weeks(w)]
    dotted: dict[str, float | str] = {
        "fill": "none",
        "stroke": "#bbbbbb",
        "stroke_width": 0.8,
        "stroke_dasharray": "1 4",
    }
    out += [element("circle", cx=g.cx, cy=g.cy, r=r, **dotted) for r in g.tracks]
    if w.as_of is not None and w.as_of.year == w.plan.year:
        a = day_angle(w.as_of, w.plan.year)
        hand = point(a, g.centre, g), point(a, g.month_outer + 6, g)
        out.append(_line(*hand, stroke="#1a1a1a", stroke_width=1.6, stroke_dasharray="6 4"))
    for angle, inner, outer in w.spokes:
        spoke = point(angle, inner, g), point(angle, outer, g)
        out.append(_line(*spoke, stroke="#888888", stroke_width=1.2))
    for colour, radius, a0, a1 in w.arcs:
        if a1 > a0:
            link: dict[str, float | str] = {
                "stroke": colour,
                "stroke_width": 2.4,
                "stroke_opacity": 0.6,
            }
            out.append(element("path", d=_arc(radius, a0, a1, g), fill="none", **link))
    return out


def render_svg(wheel: Wheel, *, declaration: bool = True) -> str:
    """The SVG document of ``wheel`` (without the XML declaration, to put in a page)."""
    w, g = wheel, wheel.geometry
    findings = count_findings(year_findings(w.plan), w.language)
    body = [
        element("title", xml_text(w.title), id="wheel-title"),
        element("desc", xml_text(w.description), id="wheel-desc"),
        element("rect", x=0, y=0, width=g.width, height=g.height, fill="#ffffff"),
        _text(g.margin, 40, Line(w.title, 24, "bold")),
        _text(g.margin, 66, Line(_say("year_findings", w.language, findings=findings), 13)),
        *_wheel(w),
        *_labels(w),
        *(_mark(m) for m in w.marks),
        *_centre_svg(w),
        *_legend(w),
    ]
    root = element(
        "svg",
        "\n" + "\n".join(body) + "\n",
        xmlns="http://www.w3.org/2000/svg",
        version="1.1",
        width="297mm",
        height="210mm",
        viewBox=f"0 0 {_n(g.width)} {_n(g.height)}",
        role="img",
        aria_labelledby="wheel-title wheel-desc",
        lang=w.language,
        font_family=FONT,
    )
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if declaration else ""
    return head + root + "\n"


def annual_wheel_svg(
    source: YearPlan | Committee,
    year: int | None = None,
    *,
    language: Language = "en",
    as_of: date | None = None,
    committee: Committee | None = None,
) -> str:
    """The year of ``source`` as an annual wheel: an SVG document (A4 landscape).

    ``source`` is a committee (its year ``year``, default its own, is planned with
    :func:`~klu_rules.checks.deadlines.plan_year` as of ``as_of``) or a year plan already
    made (``year``, if given, must be the plan's; ``as_of`` defaults to the plan's).
    The year's topics come from the committee's annual-wheel records; pass ``committee``
    with a plan to show them. Labels are in ``language`` (``"da"`` or ``"en"``).
    """
    wheel = build_wheel(source, year, language=language, as_of=as_of, committee=committee)
    return render_svg(wheel)
