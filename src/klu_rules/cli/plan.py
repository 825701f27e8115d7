"""``klu-rules plan``: a year's meetings with their deadlines and findings.

Text is Danish (each meeting as the municipality's page writes it, *Mandag den 6. marts
2023 kl. 15-19*); JSON is the document ``docs/plan.schema.json`` describes.
"""

from __future__ import annotations

import argparse
from typing import Any

from klu_rules.checks.deadlines import Deadline, MeetingPlan, YearPlan
from klu_rules.cli._common import meeting_line
from klu_rules.cli._plan_options import add_plan_options, plans_from_args
from klu_rules.core.findings import Finding
from klu_rules.core.labels import DEADLINE_KIND_DA, PLAN_DA, SEVERITY_DA, format_date_da

__all__ = ["add_arguments", "render_text", "run"]


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``plan`` subcommand."""
    parser.description = (
        "Print a year's meetings with every deadline the rules in force define (call for "
        "items, items due, agenda dispatch, dialogue announcement) and the findings. "
        "Default: KLU Aalborg's 2023 calendar."
    )
    add_plan_options(parser)
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (Danish) or json (stable)"
    )
    parser.set_defaults(func=run)


def _day(day: Any) -> str:
    return format_date_da(day).lower()


def _deadline_line(item: Deadline, width: int) -> str:
    label = DEADLINE_KIND_DA[item.kind.value] + ":"
    text = f"  {label:<{width + 1}} {_day(item.date)}"
    notes = []
    if item.roll != "none":
        moved = PLAN_DA["moved_from"].format(day=_day(item.unrolled))
        notes.append(", ".join((moved, *item.closed)))
    if item.done_on is not None:
        notes.append(PLAN_DA["done_on"].format(day=_day(item.done_on)))
    return text + (f" ({'; '.join(notes)})" if notes else "")


def _finding_line(item: Finding) -> str:
    return f"  {SEVERITY_DA[item.severity]} ({item.code}): {item.message}"


def _calendar_da(name: str) -> str:
    base, _, extra = name.partition("+")
    text = PLAN_DA.get(f"calendar_{base}", base)
    return f"{text} + {PLAN_DA['extra_closing_days'].format(n=extra)}" if extra else text


def _meeting_lines(plan: MeetingPlan, tz: str) -> list[str]:
    lines = [meeting_line(plan.meeting, tz)]
    width = max((len(DEADLINE_KIND_DA[d.kind.value]) for d in plan.deadlines), default=0)
    lines += [_deadline_line(d, width) for d in plan.deadlines]
    if not plan.deadlines:
        lines.append(f"  {PLAN_DA['no_deadlines']}")
    lines += [_finding_line(f) for f in plan.findings if not f.code.startswith("rules.")]
    return lines


def render_text(plan: YearPlan) -> str:
    """The plan in Danish, as a secretary reads it; rule findings are listed once."""
    p = plan.parameters
    if plan.committee_name:
        title = PLAN_DA["title"].format(name=plan.committee_name, year=plan.year)
    else:
        title = PLAN_DA["title_without_committee"].format(year=plan.year)
    lines = [
        title,
        f"{PLAN_DA['rules']}: {plan.rules_title} — {p.rules}",
        f"{PLAN_DA['layering']}: {PLAN_DA['layering_' + p.layering]} · "
        f"{PLAN_DA['calendar']}: {_calendar_da(p.calendar)} · {PLAN_DA['timezone']}: {p.timezone}",
    ]
    if p.as_of is not None:
        lines.append(PLAN_DA["as_of"].format(day=_day(p.as_of)))
    rule_findings = {
        f.message: f for f in plan.all_findings if f.code.startswith("rules.")
    }.values()
    if rule_findings:
        lines += ["", f"{PLAN_DA['rule_findings']}:"]
        lines += [_finding_line(f) for f in rule_findings]
    for meeting in plan.meetings:
        lines += ["", *_meeting_lines(meeting, p.timezone)]
    counts = plan.counts
    summary = PLAN_DA["counts"].format(
        held=counts.held, upcoming=counts.upcoming, cancelled=counts.cancelled
    )
    if counts.minimum is not None:
        summary += "; " + PLAN_DA["minimum"].format(minimum=counts.minimum)
    lines += ["", f"{PLAN_DA['year'].format(year=plan.year)}:", f"  {summary}"]
    year_findings = [f for f in plan.findings if not f.code.startswith("rules.")]
    lines += [_finding_line(f) for f in year_findings]
    if not plan.all_findings:
        lines.append(f"  {PLAN_DA['no_findings']}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the plan the options ask for; exit status 0."""
    plan = plans_from_args(args)
    print(plan.to_json() if args.format == "json" else render_text(plan))
    return 0
