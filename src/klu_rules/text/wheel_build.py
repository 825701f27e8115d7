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

import functools
import math
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import chain

import attrs

from klu_rules.checks.deadlines import Deadline, DeadlineKind, MeetingPlan, YearPlan
from klu_rules.checks.plan_results import count_findings
from klu_rules.core.errors import KluRulesError
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import catalogue, message
from klu_rules.core.record import Record
from klu_rules.core.result import Finding
from klu_rules.core.timeutil import get_zone
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import MeetingStatus
from klu_rules.model.records import AnnualWheel
from klu_rules.text._forms import holiday, meeting_line
from klu_rules.text.wheel_layout import (
    Geometry,
    Label,
    Line,
    Placed,
    Span,
    overflow,
    place_labels,
    point,
    text_width,
    wrap,
)
from klu_rules.text.wheel_legend import (
    DEADLINE_STYLE,
    MEETING_STYLE,
    LegendEntry,
    Mark,
    legend,
)
from klu_rules.text.wheel_plan import LAST_YEAR, wheel_plan

__all__ = ["Wheel", "build_wheel", "topic_names", "year_findings"]

_ORDER = {"error": 0, "warning": 1, "info": 2}
_MEETING_SIZE = 11.0
_DEADLINE_SIZE = 7.0
_BADGE = 8.0
_TOPIC_WIDTH = 206.0
_SAME_DAY = 2.4 * _MEETING_SIZE  # how far apart the marks of meetings on one day are


Topics = tuple[int, list[str]]
"""A later year's topics agreed in the span: the year and the topics' names."""


def _agreed_records(span: Span, committee: Committee | None, centre: int) -> list[AnnualWheel]:
    """The annual wheels agreed in the span for a later year than the centre's: next
    year's for a year's wheel."""
    if committee is None:
        return []
    if span.is_year:
        if span.first.year >= LAST_YEAR:
            return []
        record = committee.annual_wheel_for(span.first.year + 1)
        return [] if record is None or record.agreed_on not in span else [record]
    return sorted(
        (w for w in committee.annual_wheels if w.agreed_on in span and w.year > centre),
        key=lambda w: (w.agreed_on, w.year),
    )


def _next_topics(
    plan: YearPlan, span: Span, committee: Committee | None, language: Language
) -> tuple[dict[str, list[Topics]], list[tuple[date, Topics]]]:
    """Later years' topics: by the meeting that agreed them, else at the day they were agreed."""
    by_meeting: dict[str, list[Topics]] = {}
    loose: list[tuple[date, Topics]] = []
    for record in _agreed_records(span, committee, _centre_year(span)):
        assert committee is not None
        topics = (record.year, topic_names(record, committee, language))
        if record.meeting_id is not None:
            at = next((p for p in plan.meetings if p.meeting.id == record.meeting_id), None)
        else:
            at = next((p for p in plan.meetings if p.date == record.agreed_on), None)
        if at is not None and at.date in span:
            by_meeting.setdefault(at.meeting.id, []).append(topics)
        else:
            loose.append((record.agreed_on, topics))
    return by_meeting, loose


def _topic_lines(
    topics: Iterable[Topics], limit: int | None, language: Language, g: Geometry
) -> list[Line]:
    """The lines of later years' topics in a label: each year's heading, then its topics,
    at most ``limit`` of them and the rest counted."""
    width = g.label_width - 8
    lines: list[Line] = []
    for year, names in topics:
        lines += _wrapped(_say("topics_agreed_here", language, year=year), width, 12, "bold")
        shown = names if limit is None else names[:limit]
        for name in shown:
            lines += _wrapped(f"– {name}", width, 12)
        if len(shown) < len(names):
            text = _say("more_topics", language, n=len(names) - len(shown))
            lines += _wrapped(text, width, 12, "italic")
    return lines


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
    heading: tuple[tuple[Line, float], ...] = ()
    """The title's lines (wrapped, smaller for a long name), then the findings' count, each
    with its baseline; the labels keep below it."""

    @property
    def is_range(self) -> bool:
        """True for a wheel of a range rather than of a calendar year."""
        return not self.span.is_year


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


def _centre_year(span: Span) -> int:
    """The year whose topics the centre shows: the year's, or the one the range holds
    most days of (the earlier of two equal)."""
    if span.is_year:
        return span.first.year
    years = range(span.first.year, span.last.year + 1)

    def held(y: int) -> int:
        return (min(span.last, date(y, 12, 31)) - max(span.first, date(y, 1, 1))).days

    return max(years, key=held)


def _centre(
    plan: YearPlan, span: Span, committee: Committee | None, language: Language, g: Geometry
) -> tuple[Line, ...]:
    """The year (or the range's years), then the topics agreed for the year (or that none
    are recorded), within the centre."""
    year = _centre_year(span)
    if span.first.year == span.last.year:
        lines = [Line(str(span.first.year), 40, "bold")]
    else:
        lines = [Line(f"{span.first.year}–{span.last.year}", 32, "bold")]
    record = None if committee is None else committee.annual_wheel_for(year)
    if not _in_span(plan, span) and span.is_year:
        lines += _wrapped(_say("no_meetings", language, year=year), _TOPIC_WIDTH, 12)
    elif not _in_span(plan, span):
        text = _say("no_meetings_range", language, start=span.first, end=span.last)
        lines += _wrapped(text, _TOPIC_WIDTH, 12)
    if record is None or committee is None:
        text = _say("no_topics", language, year=year)
        return (*lines, *_wrapped(text, _TOPIC_WIDTH, 12, "italic"))
    heading = (
        _say("topics_heading", language)
        if span.is_year
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


def _in_span(plan: YearPlan, span: Span) -> list[MeetingPlan]:
    return [mp for mp in plan.meetings if mp.date in span]


def _angles(plan: YearPlan, span: Span, g: Geometry) -> dict[str, float]:
    """Each meeting's angle: its day's, the meetings of one day side by side around it;
    a meeting after the range (with deadlines in it) at the range's end."""
    by_day: dict[date, list[str]] = {}
    for mp in plan.meetings:
        by_day.setdefault(mp.date, []).append(mp.meeting.id)
    angles = {}
    step = _SAME_DAY / g.meeting
    for day, ids in by_day.items():
        if day not in span:
            for meeting_id in ids:
                angles[meeting_id] = 0.0 if day < span.first else 2 * math.pi
            continue
        for index, meeting_id in enumerate(ids):
            turn = span.angle(day) + (index - (len(ids) - 1) / 2) * step
            angles[meeting_id] = min(max(turn, 0.0), 2 * math.pi)
    return angles


def _closed_label(day: date, names: list[str], moved: int, lang: Language) -> str:
    """A closed day's label: its names (the first as a heading, the others as written
    inside a sentence), the day and how many deadlines it moved."""
    inline = catalogue(lang)
    written = [holiday(names[0], lang)]
    for name in names[1:]:
        key = _holiday_key(name)
        written.append(inline.get(f"wheel_holiday.{key}", holiday(name, lang)))
    return _say("closed_day", lang, names=tuple(written), day=day, moved=moved)


def _holiday_key(name: str) -> str:
    """The catalogue key of a closed day's name (its key, or its Danish name)."""
    if f"holiday.{name}" in catalogue("da"):
        return name
    danish = catalogue("da")
    return next((k[8:] for k, v in danish.items() if k[:8] == "holiday." and v == name), name)


class _Drawing:
    """The marks, arcs and spokes of a wheel, and the labels of its meetings and days."""

    def __init__(self, plan: YearPlan, span: Span, language: Language, g: Geometry) -> None:
        self.tz = plan.parameters.timezone
        self.marks: list[Mark] = []
        self.arcs: list[tuple[str, float, float, float]] = []
        self.spokes: list[tuple[float, float, float]] = []
        self.labels: list[Label] = []
        self.kinds: set[DeadlineKind] = set()
        self.angles = _angles(plan, span, g)
        closed: dict[date, tuple[list[str], list[str]]] = {}
        for mp in plan.meetings:
            self._meeting(mp, span, language, g, closed)
        for day, (names, moved) in sorted(closed.items()):
            angle = span.angle(day)
            text = _closed_label(day, names, len(moved), language)
            lines = tuple(_wrapped(text, g.label_width - 8, 12, "italic"))
            spot = point(angle, g.month_inner - 9, g)
            self.marks.append(Mark("closed", day.isoformat(), "cross", "#1a1a1a", 4.5, spot, text))
            self.labels.append(Label(f"closed/{day.isoformat()}", angle, g.month_inner - 9, lines))

    def _meeting(
        self,
        mp: MeetingPlan,
        span: Span,
        language: Language,
        g: Geometry,
        closed: dict[date, tuple[list[str], list[str]]],
    ) -> None:
        angle = self.angles[mp.meeting.id]
        tracks = []
        for item in mp.deadlines:
            before = item.date < span.first
            if item.date not in span and mp.date not in span and before == (mp.date < span.first):
                continue  # the deadline and its meeting on one side of the range: not drawn
            shape, colour = DEADLINE_STYLE[item.kind]
            radius = g.tracks[list(DeadlineKind).index(item.kind)]
            tracks.append(radius)
            self.kinds.add(item.kind)
            if item.date not in span:  # outside the range: its arc starts (ends) at its edge
                edge = 0.0 if before else 2 * math.pi
                self.arcs.append((colour, radius, min(edge, angle), max(edge, angle)))
                continue
            at = span.angle(item.date)
            self.arcs.append((colour, radius, min(at, angle), max(at, angle)))
            key = f"{mp.meeting.id}/{item.kind.value}"
            tip = _deadline_tip(item, language)
            mark = Mark("deadline", key, shape, colour, _DEADLINE_SIZE, point(at, radius, g), tip)
            self.marks.append(attrs.evolve(mark, moved=item.roll != "none"))
            if item.closed and item.unrolled in span:
                names, moved = closed.setdefault(item.unrolled, ([], []))
                names += [n for n in item.closed if n not in names]
                moved.append(key)
        if mp.date not in span:
            return
        if tracks:
            self.spokes.append((angle, min(tracks), g.meeting))
        centre = point(angle, g.meeting, g)
        shape, colour = MEETING_STYLE[mp.meeting.kind]
        cancelled = mp.meeting.status is MeetingStatus.CANCELLED
        tip = meeting_line(mp.meeting, self.tz, language)
        if mp.meeting.title:
            tip += f": {mp.meeting.title}"
        mark = Mark("meeting", mp.meeting.id, shape, colour, _MEETING_SIZE, centre, tip)
        self.marks.append(attrs.evolve(mark, hollow=cancelled))
        own = sorted(_own_findings(mp.findings), key=lambda f: _ORDER[f.severity])
        if own:
            worst = own[0].severity
            at_badge = (centre[0] + 10, centre[1] - 10)
            text = count_findings(own, language)
            self.marks.append(Mark("finding", mp.meeting.id, worst, worst, _BADGE, at_badge, text))


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
    (see :func:`annual_wheel_svg`).

    The labels fit beside the wheel: a crowded side's labels go to the other side, then
    the later years' topics in a label are cut to fewer (the rest counted), and if they
    still do not fit the page is made taller."""
    language = check_language(language)
    g = geometry or Geometry()
    plan, span, as_of = wheel_plan(source, year, start, end, as_of)
    if isinstance(source, Committee):
        committee = source
    title, description = _title(plan, span, language)
    heading = _heading(title, plan, span, language, g)
    g = attrs.evolve(g, top=heading[-1][1] + 34)
    drawing = _Drawing(plan, span, language, g)
    shown_as_of = as_of is not None and as_of in span
    legend_of = functools.partial(legend, drawing.marks, drawing.kinds, shown_as_of, language)
    entries = legend_of(g)
    g = attrs.evolve(g, bottom=min((e.y for e in entries), default=g.height) - 30)
    labels = _fitted_labels(plan, span, committee, drawing, as_of, language, g)
    grow = math.ceil(overflow(labels, g))
    if grow:  # too many labels for the page: a taller page
        g = attrs.evolve(g, height=g.height + grow, bottom=g.bottom + grow)
        entries = legend_of(g)
    return Wheel(
        legend=entries,
        heading=heading,
        plan=plan,
        language=language,
        as_of=as_of,
        geometry=g,
        title=title,
        description=description,
        marks=tuple(drawing.marks),
        labels=place_labels(labels, g),
        centre=_centre(plan, span, committee, language, g),
        arcs=tuple(drawing.arcs),
        spokes=tuple(drawing.spokes),
        span=span,
    )


def _fitted_labels(
    plan: YearPlan,
    span: Span,
    committee: Committee | None,
    drawing: _Drawing,
    as_of: date | None,
    language: Language,
    g: Geometry,
) -> list[Label]:
    """Every label, with later years' topics cut to as many as let the labels fit."""
    tz = plan.parameters.timezone
    by_meeting, loose = _next_topics(plan, span, committee, language)
    fixed = list(drawing.labels)
    if as_of is not None and as_of in span:
        text = _say("as_of", language, day=as_of)
        fixed.append(
            Label("as-of", span.angle(as_of), g.month_outer + 6, (Line(text, 12, "bold"),))
        )
    counts = [len(names) for _, names in chain(*by_meeting.values(), (t for _, t in loose))]
    limits: list[int | None] = [None, *range(max(counts, default=0) - 1, -1, -1)]
    for limit in limits:
        labels = list(fixed)
        for day, topics in loose:
            lines = _topic_lines([topics], limit, language, g)
            labels.append(Label("topics", span.angle(day), g.month_inner, tuple(lines)))
        for mp in _in_span(plan, span):
            extra = _topic_lines(by_meeting.get(mp.meeting.id, ()), limit, language, g)
            angle = drawing.angles[mp.meeting.id]
            labels.append(_meeting_label(mp, tz, language, extra, angle, g))
        if not overflow(labels, g):
            break
    return labels


def _heading(
    title: str, plan: YearPlan, span: Span, language: Language, g: Geometry
) -> tuple[tuple[Line, float], ...]:
    """The title in at most three lines across the page (smaller for a long name), then the
    count of findings, each with its baseline."""
    width = g.width - 2 * g.margin
    for size in (24.0, 20.0, 16.0):
        texts = list(wrap(title, width, size, "bold"))
        if len(texts) <= 2:
            break
    if len(texts) > 3:
        last = texts[2]
        while last and text_width(f"{last} …", size, "bold") > width:
            last = last[:-1]
        texts = [*texts[:2], f"{last.rstrip()} …"]
    out, baseline = [], 40.0
    for text in texts:
        out.append((Line(text, size, "bold"), baseline))
        baseline += size * 1.25
    findings = count_findings(year_findings(plan), language)
    key = "wheel.year_findings" if span.is_year else "wheel.range_findings"
    counted = Line(message(key, language, findings=findings), 13)
    out.append((counted, out[-1][1] + 26))
    return tuple(out)


def _title(plan: YearPlan, span: Span, language: Language) -> tuple[str, str]:
    """The picture's title and description (of what lies in the year, or the range)."""
    findings = count_findings(year_findings(plan), language)
    meetings = len(_in_span(plan, span))
    deadlines = sum(1 for mp in plan.meetings for d in mp.deadlines if d.date in span)
    counts = {"meetings": meetings, "deadlines": deadlines, "findings": findings}
    if span.is_year:
        y = span.first.year
        if plan.committee_name:
            title = _say("title", language, name=plan.committee_name, year=y)
        else:
            title = _say("title_without_committee", language, year=y)
        return title, _say("description", language, year=y, **counts)
    days = {"start": span.first, "end": span.last}
    if plan.committee_name:
        title = _say("title_range", language, name=plan.committee_name, **days)
    else:
        title = _say("title_range_without_committee", language, **days)
    return title, _say("description_range", language, **days, **counts)


def year_findings(plan: YearPlan) -> tuple[Finding, ...]:
    """Every finding of the year, a rule-set finding once."""
    seen: list[Finding] = []
    for f in plan.all_findings:
        if f not in seen:
            seen.append(f)
    return tuple(seen)
