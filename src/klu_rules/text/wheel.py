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
same bytes for the same input. :func:`~klu_rules.text.wheel_build.build_wheel` gives
what it draws and where (each mark and label) and :func:`render_svg` draws it;
:mod:`~klu_rules.text.wheel_layout` holds the geometry, :mod:`~klu_rules.text.wheel_html`
the HTML page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import date

from klu_rules.checks.deadlines import YearPlan
from klu_rules.core.language import Language
from klu_rules.core.messages import message
from klu_rules.model.committee import Committee
from klu_rules.text.wheel_build import Wheel, build_wheel
from klu_rules.text.wheel_layout import (
    Geometry,
    Line,
    Point,
    point,
)
from klu_rules.text.wheel_legend import SEVERITY_STYLE, Mark

__all__ = ["FONT", "annual_wheel_svg", "element", "render_svg", "xml_text"]

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
_SIGN = {"error": "!", "warning": "!", "info": "i"}
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
    """The arc clockwise from ``a0`` to ``a1`` (``a0 < a1``), in two halves, so that a
    whole circle (a range of one month) is drawn too."""
    mid = (a0 + a1) / 2
    x0, y0 = point(a0, radius, g)
    xm, ym = point(mid, radius, g)
    x1, y1 = point(a1, radius, g)
    r = _n(radius)
    return f"M{_n(x0)},{_n(y0)}A{r},{r} 0 0 1 {_n(xm)},{_n(ym)}A{r},{r} 0 0 1 {_n(x1)},{_n(y1)}"


def _sector(a0: float, a1: float, g: Geometry) -> str:
    outer = _arc(g.month_outer, a0, a1, g)
    xi, yi = point(a1, g.month_inner, g)
    xm, ym = point((a0 + a1) / 2, g.month_inner, g)
    xs, ys = point(a0, g.month_inner, g)
    r = _n(g.month_inner)
    back = f"A{r},{r} 0 0 0 {_n(xm)},{_n(ym)}A{r},{r} 0 0 0 {_n(xs)},{_n(ys)}"
    return f"{outer}L{_n(xi)},{_n(yi)}{back}Z"


def _months(w: Wheel) -> list[str]:
    g, out = w.geometry, []
    middle = (g.month_outer + g.month_inner) / 2
    for first, a0, a1 in w.span.months():
        month = first.month
        fill = "#ececec" if month % 2 else "#d4d4d4"
        out.append(element("path", d=_sector(a0, a1, g), fill=fill, stroke="#ffffff"))
        name = Line(message(f"wheel_month.m{month}", w.language), 15, "bold")
        if name.width + 8 > (a1 - a0) * middle:  # a sliver of a month: no room for its name
            continue
        mid = (a0 + a1) / 2
        x, yy = point(mid, middle, g)
        turn = math.degrees(mid) + (180 if math.cos(mid) < 0 else 0)
        out.append(
            _text(x, yy + 5.5, name, "middle", transform=f"rotate({_n(turn)} {_n(x)} {_n(yy)})")
        )
    return out


def _weeks(w: Wheel) -> list[str]:
    g, span, out = w.geometry, w.span, []
    day = span.first
    while day <= span.last:
        if day.weekday() == 0:
            a = span.angle(day, start=True)
            ends = point(a, g.month_outer, g), point(a, g.month_outer + 6, g)
            out.append(_line(*ends, stroke="#555555", stroke_width=1))
        if day.weekday() == 3:  # the week's number at its Thursday
            x, yy = point(span.angle(day), g.week_numbers, g)
            number = Line(str(day.isocalendar().week), 8.5)
            out.append(_text(x, yy + 3, number, "middle", fill="#555555"))
        day = date.fromordinal(day.toordinal() + 1)
    return out


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
    if w.as_of is not None and w.as_of in w.span:
        a = w.span.angle(w.as_of)
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
    """The SVG document of ``wheel`` (without the XML declaration, to put in a page): SVG 2
    (no ``version``), with ``lang`` and the ARIA ``role`` and ``aria-labelledby``."""
    w, g = wheel, wheel.geometry
    body = [
        element("title", xml_text(w.title), id="wheel-title"),
        element("desc", xml_text(w.description), id="wheel-desc"),
        element("rect", x=0, y=0, width=g.width, height=g.height, fill="#ffffff"),
        *(_text(g.margin, baseline, line) for line, baseline in w.heading),
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
        width="297mm",
        height=f"{_n(210 * g.height / 990)}mm",
        viewBox=f"0 0 {_n(g.width)} {_n(g.height)}",
        role="img",
        aria_labelledby="wheel-title wheel-desc",
        lang=w.language,
        font_family=FONT,
    )
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if declaration else ""
    return head + root + "\n"


def annual_wheel_svg(
    source: YearPlan | Sequence[YearPlan] | Committee,
    year: int | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
    language: Language = "en",
    as_of: date | None = None,
    committee: Committee | None = None,
) -> str:
    """The year of ``source`` as an annual wheel: an SVG document (A4 landscape).

    ``source`` is a committee (its year ``year``, default its own, is planned with
    :func:`~klu_rules.checks.deadlines.plan_year` as of ``as_of``) or a year plan already
    made (``year``, if given, must be the plan's; ``as_of`` defaults to the plan's).
    With ``start`` and ``end`` (not with ``year``) the wheel goes round from ``start`` to
    ``end`` instead, at most 366 days: a committee's meetings and deadlines in the range
    are planned with :func:`~klu_rules.checks.date_range.year_plans_between`, and a plan
    or plans already made (those of ``year_plans_between``) show what lies in the range.
    The year's topics come from the committee's annual-wheel records; pass ``committee``
    with a plan to show them. Labels are in ``language`` (``"da"`` or ``"en"``).
    """
    wheel = build_wheel(
        source,
        year,
        start=start,
        end=end,
        language=language,
        as_of=as_of,
        committee=committee,
    )
    return render_svg(wheel)
