"""The annual wheel as a standalone HTML page: the picture beside the plan's table.

:func:`annual_wheel_html` writes one HTML file with everything in it: the SVG of
:func:`~klu_rules.text.wheel.annual_wheel_svg` inline, the table of the year's meetings
with their deadlines (the day, the kind with the picture's symbol, a move off a closed
day, a recorded step) and findings, the year's findings and its agreed topics. No
external assets and no script; printed, the wheel fills an A4 landscape page and the
table follows it. Every word comes from the catalogues; data is shown as written,
escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from klu_rules.checks.deadlines import Deadline, MeetingPlan, YearPlan
from klu_rules.core.language import Language
from klu_rules.core.messages import message
from klu_rules.core.result import Finding
from klu_rules.core.timeutil import get_zone
from klu_rules.model.committee import Committee
from klu_rules.text._forms import holiday, meeting_time
from klu_rules.text.wheel import element, render_svg, xml_text
from klu_rules.text.wheel_build import Wheel, build_wheel, topic_names, year_findings
from klu_rules.text.wheel_legend import DEADLINE_STYLE, MEETING_STYLE

__all__ = ["annual_wheel_html", "render_html"]

_SYMBOL = {
    "circle": "●",
    "diamond": "◆",
    "square": "■",
    "triangle": "▲",
    "triangle-down": "▼",
    "star": "★",
}
_CSS = """
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 1.5rem; color: #1a1a1a; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
h2 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
.page { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.wheel { flex: 3 1 640px; margin: 0; }
.wheel svg { width: 100%; height: auto; }
.plan { flex: 2 1 420px; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { text-align: left; vertical-align: top; padding: .2rem .4rem; }
th, td { border-bottom: 1px solid #ccc; }
tr.meeting td { font-weight: bold; border-top: 2px solid #1a1a1a; }
tr.finding td { font-size: .8rem; }
.sym { display: inline-block; width: 1.3em; }
.error { color: #c0392b; } .warning { color: #8a5300; } .info { color: #0072b2; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { margin: 0; }
  .page { display: block; }
  .wheel { break-after: page; page-break-after: always; }
  .wheel svg { width: 100%; max-height: 185mm; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _cell(text: str, css: str = "") -> str:
    return element("td", text, class_=css) if css else element("td", text)


def _row(cells: list[str], css: str) -> str:
    return element("tr", "".join(cells), class_=css)


def _symbol(shape: str, colour: str) -> str:
    return element("span", _SYMBOL[shape], class_="sym", style=f"color: {colour}")


def _deadline_row(item: Deadline, language: Language) -> str:
    shape, colour = DEADLINE_STYLE[item.kind]
    what = _symbol(shape, colour) + xml_text(message(f"deadline_kind.{item.kind.value}", language))
    notes = []
    if item.roll != "none":
        moved = message("plan.moved_from", language, day=item.unrolled)
        notes.append(", ".join((moved, *(holiday(c, language) for c in item.closed))))
    if item.done_on is not None:
        notes.append(message("plan.done_on", language, day=item.done_on))
    day = message("plan.day", language, day=item.date)
    return _row([_cell(xml_text(day)), _cell(what), _cell(xml_text("; ".join(notes)))], "deadline")


def _finding_row(item: Finding, language: Language) -> str:
    severity = element("strong", xml_text(message(f"severity.{item.severity}", language)))
    text = f"{severity} ({xml_text(item.code)}): {xml_text(item.text(language))}"
    return _row([element("td", text, colspan="3", class_=item.severity)], "finding")


def _meeting_rows(plan: MeetingPlan, tz: str, language: Language) -> list[str]:
    meeting = plan.meeting
    start = meeting.start.astimezone(get_zone(tz))
    when = meeting_time(start, meeting.end, language)
    shape, colour = MEETING_STYLE[meeting.kind]
    what = message("wheel.meeting_what", language, kind=meeting.kind, status=meeting.status)
    cells = [
        _cell(xml_text(when)),
        _cell(_symbol(shape, colour) + xml_text(what)),
        _cell(xml_text(meeting.title or "")),
    ]
    rows = [_row(cells, "meeting")]
    rows += [_deadline_row(d, language) for d in plan.deadlines]
    rows += [_finding_row(f, language) for f in plan.findings if not f.code.startswith("rules.")]
    return rows


def _topics(heading: str, names: list[str]) -> list[str]:
    items = "".join(element("li", xml_text(n)) for n in names)
    return [element("h2", xml_text(heading)), element("ul", items)]


def render_html(wheel: Wheel, committee: Committee | None = None) -> str:
    """The HTML page of ``wheel`` (``committee`` gives the annual-wheel records)."""
    plan: YearPlan = wheel.plan
    language = wheel.language
    tz = plan.parameters.timezone
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        element("title", xml_text(wheel.title)),
        element("style", _CSS),
        "</head>",
        "<body>",
        element("h1", xml_text(wheel.title)),
        element("p", xml_text(wheel.description)),
    ]
    header = "".join(
        element("th", xml_text(message(f"wheel_html.{k}", language)), scope="col")
        for k in ("col_day", "col_what", "col_note")
    )
    rows = [r for mp in plan.meetings for r in _meeting_rows(mp, tz, language)]
    table = element(
        "table",
        element("caption", xml_text(message("wheel_html.table_caption", language)))
        + element("thead", element("tr", header))
        + element("tbody", "\n" + "\n".join(rows) + "\n"),
    )
    heading = "wheel_html.range_heading" if wheel.is_range else "wheel_html.year_heading"
    side = [table, element("h2", xml_text(message(heading, language)))]
    yearly = [f for f in year_findings(plan) if f.code.startswith("rules.") or f in plan.findings]
    if yearly:
        items = "".join(
            element(
                "li",
                element("strong", xml_text(message(f"severity.{f.severity}", language)))
                + f" ({xml_text(f.code)}): {xml_text(f.text(language))}",
                class_=f.severity,
            )
            for f in yearly
        )
        side.append(element("ul", items))
    else:
        side.append(element("p", xml_text(message("wheel_html.no_findings", language))))
    for year in range(wheel.span.first.year, wheel.span.last.year + 2):
        record = None if committee is None else committee.annual_wheel_for(year)
        if record is None or committee is None:
            continue
        heading = message("wheel_html.topics_next", language, year=year, day=record.agreed_on)
        side += _topics(heading, topic_names(record, committee, language))
    figure = element("figure", render_svg(wheel, declaration=False), class_="wheel")
    page = element(
        "div", "\n" + figure + element("section", "\n".join(side), class_="plan"), class_="page"
    )
    return "\n".join((*head, page, "</body>", "</html>")) + "\n"


def annual_wheel_html(
    source: YearPlan | Sequence[YearPlan] | Committee,
    year: int | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
    language: Language = "en",
    as_of: date | None = None,
    committee: Committee | None = None,
) -> str:
    """The annual wheel of ``source``'s year (or of ``start`` to ``end``) beside its table
    of meetings and deadlines: a standalone HTML page (arguments as
    :func:`~klu_rules.text.wheel.annual_wheel_svg`)."""
    if isinstance(source, Committee):
        committee = source
    wheel = build_wheel(
        source,
        year,
        start=start,
        end=end,
        language=language,
        as_of=as_of,
        committee=committee,
    )
    return render_html(wheel, committee)
