"""What the annual wheel shows and where: the marks, labels, centre and legend of a year.

:func:`build_wheel` turns a year's plan (:func:`~klu_rules.checks.deadlines.plan_year`),
or the plans of a range of at most a year
(:func:`~klu_rules.checks.date_range.year_plans_between`), and the committee's
annual-wheel records into a :class:`Wheel`: each meeting as a
:class:`Mark` at its date, each deadline on its kind's track with the arc to its
meeting, the closed days that moved a deadline, each meeting's findings as a badge by
severity, the labels beside the wheel (placed by :mod:`~klu_rules.text.wheel_layout`),
the year's topics for the centre and the legend's entries. Every word comes from the
catalogues, in Danish or English. :mod:`~klu_rules.text.wheel` writes it as SVG.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import chain

import attrs

from klu_rules.checks.date_range import year_plans_between
from klu_rules.checks.deadlines import Deadline, DeadlineKind, MeetingPlan, YearPlan, plan_year
from klu_rules.checks.plan_results import count_findings
from klu_rules.core.errors import InvalidValueError, KluRulesError
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import coded, message
from klu_rules.core.record import Record
from klu_rules.core.result import Finding, worst_severity
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
    Span,
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
    "build_wheel",
    "range_span",
    "topic_names",
    "year_findings",
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
_ORDER = {"error": 0, "warning": 1, "info": 2}
_MEETING_SIZE = 11.0
_DEADLINE_SIZE = 7.0
_BADGE = 8.0
_TOPIC_WIDTH = 206.0


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


@attrs.frozen(repr=False)
class Wheel(Record):
    """What the picture shows and where: built by :func:`build_wheel`, drawn by
    :func:`render_svg`."""

    plan: YearPlan
    """The year's plan; for a range, the meetings of the range's year plans in one."""
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
    span: Span
    """The days the wheel goes round: the plan's year, or the range."""
    legend: tuple[LegendEntry, ...] = ()

    @property
    def is_range(self) -> bool:
        """True for a wheel of ``start``/``end`` rather than of a year."""
        return self.span != Span.of_year(self.plan.year)


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


_MAX_DAYS = 366


def range_span(start: date, end: date) -> Span:
    """The span from ``start`` to ``end`` (both included) a wheel can draw: dates, in
    order, at most 366 days."""
    for value in (start, end):
        if type(value) is not date:
            raise coded(InvalidValueError, "range_not_a_date", {"value": repr(value)})
    if end < start:
        raise coded(InvalidValueError, "range_end_before_start", {"start": start, "end": end})
    span = Span(start, end)
    if span.days > _MAX_DAYS:
        raise coded(
            InvalidValueError,
            "wheel_range_too_long",
            {"start": start, "end": end, "days": span.days, "most": _MAX_DAYS},
        )
    return span


def _as_of(plan: YearPlan, as_of: date | None) -> date | None:
    planned = plan.parameters.as_of
    if as_of is not None and planned is not None and as_of != planned:
        raise coded(InvalidValueError, "wheel_as_of", {"as_of": as_of, "planned": planned})
    return as_of or planned


def _plan(
    source: YearPlan | Sequence[YearPlan] | Committee, year: int | None, as_of: date | None
) -> tuple[YearPlan, date | None]:
    if isinstance(source, Committee):
        return plan_year(source, year, as_of=as_of), as_of
    if not isinstance(source, YearPlan):
        raise coded(InvalidValueError, "wheel_source", {"got": type(source).__name__})
    if year is not None and year != source.year:
        raise coded(InvalidValueError, "wheel_year", {"year": year, "plan_year": source.year})
    return source, _as_of(source, as_of)


def _range_plan(
    source: YearPlan | Sequence[YearPlan] | Committee,
    year: int | None,
    span: Span,
    as_of: date | None,
) -> tuple[YearPlan, date | None]:
    """One plan of the meetings with their date or a deadline in ``span``, from the
    range's year plans (made here for a committee)."""
    if year is not None:
        raise coded(InvalidValueError, "range_with_year", {})
    if isinstance(source, Committee):
        plans: Sequence[object] = year_plans_between(source, span.first, span.last, as_of=as_of)
    else:
        plans = (source,) if isinstance(source, YearPlan) else tuple(source)
    for item in plans:
        if not isinstance(item, YearPlan):
            raise coded(InvalidValueError, "wheel_source", {"got": type(item).__name__})
        as_of = _as_of(item, as_of)
    years = [p for p in plans if isinstance(p, YearPlan)]
    if not years:
        raise coded(InvalidValueError, "wheel_source", {"got": "()"})
    meetings = tuple(
        mp
        for mp in chain.from_iterable(p.meetings for p in years)
        if any(d in span for d in (mp.date, *(x.date for x in mp.deadlines)))
    )
    findings = tuple(dict.fromkeys(chain.from_iterable(p.findings for p in years)))
    every = [f for mp in meetings for f in mp.findings] + list(findings)
    merged = attrs.evolve(
        years[0],
        meetings=meetings,
        findings=findings,
        outcome=worst_severity(every) or "ok",
        sources=tuple(dict.fromkeys(chain.from_iterable(p.sources for p in years))),
    )
    return merged, as_of


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


def _centre_year(plan: YearPlan, span: Span) -> int:
    """The year whose topics the centre shows: the plan's, or the one the range holds
    most days of (the earlier of two equal)."""
    if span == Span.of_year(plan.year):
        return plan.year
    years = range(span.first.year, span.last.year + 1)

    def held(y: int) -> int:
        return (min(span.last, date(y, 12, 31)) - max(span.first, date(y, 1, 1))).days

    return max(years, key=held)


def _agreed_records(
    plan: YearPlan, span: Span, committee: Committee | None, centre: int
) -> list[AnnualWheel]:
    """The annual wheels agreed in the span for a later year than the centre's: next
    year's for a year's wheel."""
    if committee is None:
        return []
    if span == Span.of_year(plan.year):
        record = committee.annual_wheel_for(plan.year + 1)
        return [] if record is None or record.agreed_on not in span else [record]
    return sorted(
        (w for w in committee.annual_wheels if w.agreed_on in span and w.year > centre),
        key=lambda w: (w.agreed_on, w.year),
    )


def _next_topics(
    plan: YearPlan,
    span: Span,
    committee: Committee | None,
    language: Language,
    g: Geometry,
) -> tuple[dict[str, list[Line]], list[Label]]:
    """Later years' topics: by the meeting that agreed them, else at the day they were agreed."""
    by_meeting: dict[str, list[Line]] = {}
    loose: list[Label] = []
    centre = _centre_year(plan, span)
    for record in _agreed_records(plan, span, committee, centre):
        assert committee is not None
        width = g.label_width - 8
        lines = _wrapped(_say("topics_agreed_here", language, year=record.year), width, 12, "bold")
        for name in topic_names(record, committee, language):
            lines += _wrapped(f"– {name}", width, 12)
        if record.meeting_id is not None:
            at = next((p for p in plan.meetings if p.meeting.id == record.meeting_id), None)
        else:
            at = next((p for p in plan.meetings if p.date == record.agreed_on), None)
        if at is not None and at.date in span:
            by_meeting.setdefault(at.meeting.id, []).extend(lines)
            continue
        angle = span.angle(record.agreed_on)
        loose.append(Label("topics", angle, g.month_inner, tuple(lines)))
    return by_meeting, loose


def _centre(
    plan: YearPlan, span: Span, committee: Committee | None, language: Language, g: Geometry
) -> tuple[Line, ...]:
    """The year (or the range's years), then the topics agreed for the year (or that none
    are recorded), within the centre."""
    year = _centre_year(plan, span)
    if span.first.year == span.last.year:
        lines = [Line(str(span.first.year), 40, "bold")]
    else:
        lines = [Line(f"{span.first.year}–{span.last.year}", 32, "bold")]
    record = None if committee is None else committee.annual_wheel_for(year)
    if not plan.meetings and span == Span.of_year(plan.year):
        lines += _wrapped(_say("no_meetings", language, year=plan.year), _TOPIC_WIDTH, 12)
    elif not plan.meetings:
        text = _say("no_meetings_range", language, start=span.first, end=span.last)
        lines += _wrapped(text, _TOPIC_WIDTH, 12)
    if record is None or committee is None:
        text = _say("no_topics", language, year=year)
        return (*lines, *_wrapped(text, _TOPIC_WIDTH, 12, "italic"))
    heading = (
        _say("topics_heading", language)
        if span == Span.of_year(plan.year)
        else _say("topics_heading_range", language, year=year)
    )
    lines += _wrapped(heading, _TOPIC_WIDTH, 13, "bold")
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
    source: YearPlan | Sequence[YearPlan] | Committee,
    year: int | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
    language: Language = "en",
    as_of: date | None = None,
    committee: Committee | None = None,
    geometry: Geometry | None = None,
) -> Wheel:
    """Where everything of ``source``'s year, or of the range ``start`` to ``end``, goes
    (see :func:`annual_wheel_svg`)."""
    language = check_language(language)
    g = geometry or Geometry()
    if start is None and end is None:
        plan, as_of = _plan(source, year, as_of)
        span = Span.of_year(plan.year)
    elif start is None or end is None:
        raise coded(InvalidValueError, "wheel_range_both", {})
    else:
        span = range_span(start, end)
        plan, as_of = _range_plan(source, year, span, as_of)
    if isinstance(source, Committee):
        committee = source
    tz = plan.parameters.timezone
    marks: list[Mark] = []
    labels: list[Label] = []
    arcs: list[tuple[str, float, float, float]] = []
    spokes: list[tuple[float, float, float]] = []
    by_meeting, loose = _next_topics(plan, span, committee, language, g)
    labels += loose
    closed: dict[date, list[str]] = {}
    for mp in plan.meetings:
        # a meeting after the range (with deadlines in it): the arcs run to the range's end
        angle = span.angle(mp.date) if mp.date in span else 2 * math.pi
        centre = point(angle, g.meeting, g)
        tracks = []
        for item in mp.deadlines:
            shape, colour = DEADLINE_STYLE[item.kind]
            radius = g.tracks[list(DeadlineKind).index(item.kind)]
            tracks.append(radius)
            at = span.angle(item.date) if item.date in span else None
            arcs.append((colour, radius, angle if at is None else at, angle))
            if at is None:  # a deadline before the span: its arc starts at its first day
                arcs[-1] = (colour, radius, 0.0, angle)
                continue
            key = f"{mp.meeting.id}/{item.kind.value}"
            tip = _deadline_tip(item, language)
            mark = Mark("deadline", key, shape, colour, _DEADLINE_SIZE, point(at, radius, g), tip)
            marks.append(attrs.evolve(mark, moved=item.roll != "none"))
            if item.closed and item.unrolled in span:
                names = closed.setdefault(item.unrolled, [])
                names += [n for n in item.closed if n not in names]
        if mp.date not in span:
            continue
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
        angle = span.angle(day)
        text = _say(
            "closed_day", language, names=tuple(holiday(n, language) for n in names), day=day
        )
        lines = tuple(_wrapped(text, g.label_width - 8, 12, "italic"))
        spot = point(angle, g.month_inner - 9, g)
        marks.append(Mark("closed", day.isoformat(), "cross", "#1a1a1a", 4.5, spot, text))
        labels.append(Label(f"closed/{day.isoformat()}", angle, g.month_inner - 9, lines))
    if as_of is not None and as_of in span:
        text = _say("as_of", language, day=as_of)
        labels.append(
            Label("as-of", span.angle(as_of), g.month_outer + 6, (Line(text, 12, "bold"),))
        )
    title, description = _title(plan, span, language)
    legend = _legend_layout(_legend_items(plan, span, marks, as_of, language), g)
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
        centre=_centre(plan, span, committee, language, g),
        arcs=tuple(arcs),
        spokes=tuple(spokes),
        span=span,
    )


def _title(plan: YearPlan, span: Span, language: Language) -> tuple[str, str]:
    """The picture's title and description: of the year, or of the range."""
    findings = count_findings(year_findings(plan), language)
    if span == Span.of_year(plan.year):
        y = plan.year
        meetings = len(plan.meetings)
        deadlines = sum(len(mp.deadlines) for mp in plan.meetings)
        if plan.committee_name:
            title = _say("title", language, name=plan.committee_name, year=y)
        else:
            title = _say("title_without_committee", language, year=y)
        text = _say(
            "description",
            language,
            year=y,
            meetings=meetings,
            deadlines=deadlines,
            findings=findings,
        )
        return title, text
    meetings = sum(1 for mp in plan.meetings if mp.date in span)
    deadlines = sum(1 for mp in plan.meetings for d in mp.deadlines if d.date in span)
    days = {"start": span.first, "end": span.last}
    if plan.committee_name:
        title = _say("title_range", language, name=plan.committee_name, **days)
    else:
        title = _say("title_range_without_committee", language, **days)
    text = _say(
        "description_range",
        language,
        **days,
        meetings=meetings,
        deadlines=deadlines,
        findings=findings,
    )
    return title, text


def year_findings(plan: YearPlan) -> tuple[Finding, ...]:
    """Every finding of the year, a rule-set finding once."""
    seen: list[Finding] = []
    for f in plan.all_findings:
        if f not in seen:
            seen.append(f)
    return tuple(seen)


def _legend_items(
    plan: YearPlan, span: Span, marks: list[Mark], as_of: date | None, lang: Language
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The legend's groups: a heading and (shape, colour, text) of what the picture shows."""
    kinds = {mp.meeting.kind for mp in plan.meetings if mp.date in span} | {MeetingKind.ORDINARY}
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
    if as_of is not None and as_of in span:
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
