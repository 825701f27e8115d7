"""``klu-rules ics``: a year's meetings and deadlines as iCalendar.

The options choosing what to plan are those of ``klu-rules plan``. ``--split DIR`` writes
one ``<UID>.ics`` item per meeting and deadline, the unit a CalDAV server stores (files of
the same UID are overwritten, others left alone). icalendar loads only when the command runs.
"""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import attrs

from klu_rules.cli._common import (
    committee_from_args,
    exit_status,
    output_name,
    report_findings,
)
from klu_rules.cli._inputs import inputs_of
from klu_rules.cli._parser import help_text, metavar
from klu_rules.cli._plan_options import add_plan_options, plans_from_args, range_plans_from_args
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.files import supported_moment
from klu_rules.core.messages import coded, excerpt, message
from klu_rules.core.timeutil import localize
from klu_rules.io.output import STDOUT, write_file, write_folder
from klu_rules.model.committee import Committee

__all__ = ["LOOSE_MEETINGS_ID", "add_arguments", "run"]

LOOSE_MEETINGS_ID = "klu-rules-meetings"
"""The committee id in the UIDs of ``--meeting`` meetings, which belong to no committee."""


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``ics`` subcommand (its description is the catalogue's ``help.ics``)."""
    add_plan_options(parser)
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "-o", "--output", metavar=metavar(parser, "file"), help=help_text(parser, "ics.output")
    )
    where.add_argument(
        "--split", metavar=metavar(parser, "folder"), help=help_text(parser, "ics.split")
    )
    parser.add_argument(
        "--stamp", metavar=metavar(parser, "datetime"), help=help_text(parser, "ics.stamp")
    )
    parser.add_argument("--todo", action="store_true", help=help_text(parser, "ics.todo"))
    parser.add_argument(
        "--no-alarms",
        "--no-alarm",
        dest="no_alarm",
        action="store_true",
        help=help_text(parser, "ics.no_alarm"),
    )
    parser.add_argument(
        "--refresh", metavar=metavar(parser, "duration"), help=help_text(parser, "ics.refresh")
    )
    parser.add_argument(
        "--source-url", metavar=metavar(parser, "url"), help=help_text(parser, "ics.source_url")
    )
    parser.add_argument(
        "--organizer", metavar=metavar(parser, "email"), help=help_text(parser, "ics.organizer")
    )
    parser.set_defaults(func=run)


def _refresh(text: str) -> timedelta:
    """``--refresh``: an ISO 8601 duration (``PT12H``, ``P1D``)."""
    from icalendar import vDuration

    try:
        value = vDuration.from_ical(text.strip().upper())  # type: ignore[no-untyped-call]
    except (ValueError, OverflowError):
        value = None
    if not isinstance(value, timedelta) or value <= timedelta(0):
        raise coded(InvalidValueError, "ical_refresh", {"got": excerpt(text)})
    return value


def _stamp(text: str, timezone: str) -> datetime:
    """``--stamp``: ISO 8601; a time without offset is read in ``timezone``."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise coded(InvalidValueError, "cli_stamp", {"text": excerpt(text)}) from None
    return supported_moment(localize(value, timezone) if value.tzinfo is None else value, "--stamp")


def run(args: argparse.Namespace) -> int:
    """Write the feed or the items; exit status 1 when a finding of the plan is an error.

    The plan's errors and warnings go to standard error, one line each."""
    from klu_rules.io import ical  # icalendar loads here, not when the command line starts

    between = range_plans_from_args(args)  # --from/--to: the year plans of the range
    plan = between[0] if between else plans_from_args(args)
    committee: Committee | None = None
    if plan.committee_id is None:  # --meeting: no committee, so a fixed id for the UIDs
        plan = attrs.evolve(
            plan,
            committee_id=LOOSE_MEETINGS_ID,
            committee_name=message("ical.loose_meetings", args.lang),
        )
    else:
        committee = committee_from_args(args)  # the people, for ATTENDEE and ORGANIZER
    options: dict[str, Any] = {
        "committee": committee,
        "todo": args.todo,
        "alarm": None if args.no_alarm else ical.DEFAULT_ALARM,
        "organizer": args.organizer,
        "stamp": None if args.stamp is None else _stamp(args.stamp, plan.parameters.timezone),
        "language": args.lang,
    }
    inputs = inputs_of(args, committee)
    output = output_name(args)
    if args.split is not None and args.split.strip() in ("", STDOUT):
        raise coded(InvalidValueError, "cli_split_stdout", {})
    if args.split:
        if args.refresh is not None or args.source_url is not None:
            raise coded(InvalidValueError, "cli_feed_only_options", {})
        items = ical.dump_ics_items(between or plan, **options)
        write_folder(args.split, {f"{uid}.ics": data for uid, data in items.items()}, inputs=inputs)
        print(message("cli.split_written", args.lang, count=len(items), folder=Path(args.split)))
        report_findings(between or plan, language=args.lang)
        return exit_status(between or plan)
    if args.refresh is not None:
        options["refresh"] = _refresh(args.refresh)
    data = ical.dump_ics(between or plan, source_url=args.source_url, **options)
    write_file(output, data, inputs=inputs)
    report_findings(between or plan, language=args.lang)  # the feed holds no findings
    return exit_status(between or plan)
