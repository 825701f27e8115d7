"""``klu-rules propose``: a proposed meeting calendar (*mødekalender*) for one year.

``klu-rules propose --committee klu-odense.toml --year 2028 --meetings 4 --weekday
thursday --time 15:00`` places the meetings as
:func:`klu_rules.checks.proposal.propose_calendar` does, and prints them as text (the
``--lang`` language), as ``[[meetings]]`` tables to paste into the committee file
(``--format toml``) or as JSON (the result's one shape).
"""

from __future__ import annotations

import argparse
import datetime as dt

from klu_rules.checks.proposal import AVOID_PERIODS, WEEKDAYS, CalendarProposal, propose_calendar
from klu_rules.cli._common import (
    add_committee_options,
    committee_from_args,
    exit_status,
    meeting_line,
    whole_number,
    year_number,
)
from klu_rules.cli._parser import argument_type, help_text, metavar
from klu_rules.cli.rules import calendar_date
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import coded, message
from klu_rules.io.committee_template import meetings_fragment
from klu_rules.rules.ruleset import builtin_rule_sets, get_rule_set
from klu_rules.text._forms import finding_line

__all__ = ["add_arguments", "render_text", "run"]


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``propose`` subcommand."""
    add_committee_options(parser)
    parser.add_argument(
        "--rules",
        metavar="|".join(builtin_rule_sets()),
        help=help_text(parser, "propose.rules"),
    )
    parser.add_argument(
        "--year",
        type=argument_type(parser, year_number),
        required=True,
        metavar=metavar(parser, "number"),
        help=help_text(parser, "propose.year"),
    )
    parser.add_argument(
        "--meetings",
        type=argument_type(parser, whole_number),
        metavar=metavar(parser, "number"),
        help=help_text(parser, "propose.meetings"),
    )
    parser.add_argument(
        "--weekday",
        default="thursday",
        choices=WEEKDAYS[:5],  # Saturday and Sunday are never working days
        help=help_text(parser, "propose.weekday"),
    )
    parser.add_argument(
        "--time", default="15:00", metavar="HH:MM", help=help_text(parser, "propose.time")
    )
    parser.add_argument(
        "--hours", type=float, default=2.0, metavar="H", help=help_text(parser, "propose.hours")
    )
    parser.add_argument(
        "--avoid",
        default=",".join(AVOID_PERIODS),
        metavar=metavar(parser, "list"),
        help=help_text(parser, "propose.avoid"),
    )
    parser.add_argument(
        "--format",
        choices=("text", "toml", "json"),
        default="text",
        help=help_text(parser, "propose.format"),
    )
    parser.set_defaults(func=run)


def _avoid(text: str) -> tuple[str | tuple[dt.date, dt.date], ...]:
    items: list[str | tuple[dt.date, dt.date]] = []
    for word in filter(None, (w.strip() for w in text.split(","))):
        first, sep, last = word.partition("..")
        if sep:
            items.append((calendar_date(first, "--avoid"), calendar_date(last, "--avoid")))
        else:
            items.append(word)
    return tuple(items)


def _clock(text: str) -> dt.time:
    """``HH:MM`` as a time; seconds are refused (a meeting starts on the minute)."""
    try:
        clock = dt.time.fromisoformat(text.strip())
    except ValueError:
        raise coded(InvalidValueError, "propose_time", {"value": repr(text)}) from None
    if clock.second or clock.microsecond:
        raise coded(InvalidValueError, "propose_time_seconds", {"value": text.strip()})
    if clock.tzinfo is not None:
        raise coded(InvalidValueError, "propose_time", {"value": repr(text)})
    return clock


def render_text(proposal: CalendarProposal, language: Language = "en") -> str:
    """The proposal as a secretary reads it: the meetings with their deadlines."""
    language = check_language(language)
    p = proposal.parameters
    if proposal.committee_name:
        title = message("propose.title", language, name=proposal.committee_name, year=proposal.year)
    else:
        title = message("propose.title_without_committee", language, year=proposal.year)
    lines = [title, proposal.explain(language), ""]
    # rule findings once (as the plan lists them), each meeting's own under it
    rules = [f for p in proposal.meetings for f in p.findings if f.code.startswith("rules.")]
    shown = dict.fromkeys(finding_line(f, language) for f in (*proposal.findings, *rules))
    if shown:
        lines += [message("propose.findings", language) + ":", *shown, ""]
    for plan in proposal.meetings:
        lines += [] if plan is proposal.meetings[0] else [""]
        lines.append(meeting_line(plan.meeting, p["timezone"], language))
        for deadline in plan.deadlines:
            kind = message(f"deadline_kind.{deadline.kind.value}", language)
            lines.append(f"  {kind}: {message('plan.day', language, day=deadline.date)}")
        own = [f for f in plan.findings if not f.code.startswith("rules.")]
        lines += [finding_line(f, language) for f in own]
    lines += ["", message("propose.avoided", language) + ":"]
    for period in proposal.avoided:
        lines.append(
            "  "
            + message(
                "propose.period", language, key=period.key, start=period.start, end=period.end
            )
        )
    # the last meeting's day cites Aalborg's rules of procedure only under them
    key = "conventions" if p.get("last_from_source") else "conventions_own"
    lines += ["", message(f"propose.{key}", language, last_from=p["last_from"])]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the proposal; exit status 1 when a finding is an error."""
    if args.rules and (args.committee or args.preset):
        raise coded(InvalidValueError, "propose_rules_and_committee", {})
    what = get_rule_set(args.rules) if args.rules else committee_from_args(args)
    if not 0 < args.hours <= 12:
        raise coded(InvalidValueError, "propose_duration", {"value": repr(args.hours)})
    proposal = propose_calendar(
        what,
        args.year,
        meetings=args.meetings,
        weekday=args.weekday,
        time=_clock(args.time),
        duration=dt.timedelta(hours=args.hours),
        avoid=_avoid(args.avoid),
    )
    if args.format == "json":
        print(proposal.to_json())
        return exit_status(proposal)
    if args.format == "toml":
        print(meetings_fragment(proposal, args.lang), end="")
    else:
        print(render_text(proposal, args.lang))
    return exit_status(proposal)
