"""``klu-rules plan``: a year's meetings with their deadlines and findings.

Text is in the ``--lang`` language (Danish by default: each meeting as *Mandag den 6. marts
2023 kl. 15.00-19.00*); JSON is the document the shipped schema ``klu-rules/plan/3`` describes.
"""

from __future__ import annotations

import argparse
from typing import Any

from klu_rules.checks.deadlines import Deadline, MeetingPlan, YearPlan
from klu_rules.cli._common import add_format_option, exit_status, meeting_line
from klu_rules.cli._plan_options import add_plan_options, plans_from_args, range_plan_from_args
from klu_rules.cli._range import render_range
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import message
from klu_rules.text._forms import finding_line, holiday, label

__all__ = ["add_arguments", "render_text", "run"]


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``plan`` subcommand."""
    add_plan_options(parser)
    add_format_option(parser)
    parser.set_defaults(func=run)


def _say(key: str, language: Language, **parameters: Any) -> str:
    return message(f"plan.{key}", language, **parameters)


def _deadline_line(item: Deadline, width: int, language: Language) -> str:
    kind = message(f"deadline_kind.{item.kind.value}", language) + ":"
    text = f"  {kind:<{width + 1}} {message('plan.day', language, day=item.date)}"
    notes = []
    if item.roll != "none":
        moved = _say("moved_from", language, day=item.unrolled)
        notes.append(", ".join((moved, *(holiday(c, language) for c in item.closed))))
    if item.done_on is not None:
        notes.append(_say("done_on", language, day=item.done_on))
    return text + (f" ({'; '.join(notes)})" if notes else "")


def _calendar(name: str, language: Language) -> str:
    base, _, extra = name.partition("+")
    text = label("plan", f"calendar_{base}", language)
    if text == f"calendar_{base}":
        text = base
    return f"{text} + {_say('extra_closing_days', language, n=extra)}" if extra else text


def _meeting_lines(plan: MeetingPlan, tz: str, language: Language) -> list[str]:
    lines = [meeting_line(plan.meeting, tz, language)]
    kinds = [message(f"deadline_kind.{d.kind.value}", language) for d in plan.deadlines]
    width = max((len(k) for k in kinds), default=0)
    lines += [_deadline_line(d, width, language) for d in plan.deadlines]
    if not plan.deadlines:
        lines.append(f"  {_say('no_deadlines', language)}")
    lines += [finding_line(f, language) for f in plan.findings if not f.code.startswith("rules.")]
    return lines


def render_text(plan: YearPlan, language: Language = "en") -> str:
    """The plan as a secretary reads it, in ``language``; rule findings are listed once."""
    language = check_language(language)
    p = plan.parameters
    if plan.committee_name:
        title = _say("title", language, name=plan.committee_name, year=plan.year)
    else:
        title = _say("title_without_committee", language, year=plan.year)
    layering = _say(f"layering_{p.layering}", language)
    lines = [
        title,
        f"{_say('rules', language)}: {plan.rules_title} — {p.rules}",
        f"{_say('layering', language)}: {layering} · "
        f"{_say('calendar', language)}: {_calendar(p.calendar, language)} · "
        f"{_say('timezone', language)}: {p.timezone}",
    ]
    if p.as_of is not None:
        lines.append(_say("as_of", language, day=p.as_of))
    rule_findings = {
        finding_line(f, language): f for f in plan.all_findings if f.code.startswith("rules.")
    }
    if rule_findings:
        lines += ["", f"{_say('rule_findings', language)}:", *rule_findings]
    for meeting in plan.meetings:
        lines += ["", *_meeting_lines(meeting, p.timezone, language)]
    counts = plan.counts
    summary = _say(
        "counts", language, held=counts.held, upcoming=counts.upcoming, cancelled=counts.cancelled
    )
    if counts.passed_unrecorded:
        summary += "; " + _say("passed_unrecorded", language, n=counts.passed_unrecorded)
    if counts.minimum is not None:
        summary += "; " + _say("minimum", language, minimum=counts.minimum)
    lines += ["", f"{_say('year', language, year=plan.year)}:", f"  {summary}"]
    year_findings = [f for f in plan.findings if not f.code.startswith("rules.")]
    lines += [finding_line(f, language) for f in year_findings]
    if not plan.all_findings:
        lines.append(f"  {_say('no_findings', language)}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the plan the options ask for; exit status 1 when a finding is an error."""
    between = range_plan_from_args(args)  # --from/--to
    if between is not None:
        print(between.to_json() if args.format == "json" else render_range(between, args.lang))
        return exit_status(between)
    plan = plans_from_args(args)
    print(plan.to_json() if args.format == "json" else render_text(plan, args.lang))
    return exit_status(plan)
