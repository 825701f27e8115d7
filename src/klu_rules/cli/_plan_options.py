"""Options of the commands that plan a year (``klu-rules plan``, ``klu-rules ics``).

:func:`add_plan_options` adds them to a subcommand's parser and :func:`plans_from_args`
turns the parsed options into a :class:`~klu_rules.checks.deadlines.YearPlan`. A bad
value raises a :class:`~klu_rules.core.errors.KluRulesError` (exit status 2).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from klu_rules.checks.deadlines import YearPlan, plan_meetings, plan_year
from klu_rules.cli._common import (
    add_committee_options,
    add_layering_option,
    committee_from_args,
    parse_date,
    year_number,
)
from klu_rules.cli._parser import argument_type, help_text, metavar
from klu_rules.cli._range import add_range_options, range_from_args
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.files import supported_moment
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone, localize
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting, MeetingKind
from klu_rules.rules.calendar import DanishCalendar
from klu_rules.rules.ruleset import builtin_rule_sets, get_rule_set

if TYPE_CHECKING:
    from klu_rules.checks.date_range import RangePlan

__all__ = [
    "add_plan_options",
    "parse_meeting",
    "plans_from_args",
    "range_plan_from_args",
    "range_plans_from_args",
]

_CALENDARS = {
    "statutory": DanishCalendar(),
    "public-holidays": DanishCalendar(statutory_closing_days=False),
}
_DATE_ONLY = re.compile(r"^\d{4}-?\d{2}-?\d{2}$")
_DURATION = re.compile(r"^PT(?:(?P<h>\d{1,2})H)?(?:(?P<m>\d{1,4})M)?$")


def add_plan_options(parser: argparse.ArgumentParser) -> None:
    """Add the options that choose what to plan and how."""
    add_committee_options(parser)
    parser.add_argument(
        "--year",
        type=argument_type(parser, year_number),
        metavar=metavar(parser, "number"),
        help=help_text(parser, "plan_options.year"),
    )
    parser.add_argument(
        "--rules",
        metavar="|".join((*builtin_rule_sets(), metavar(parser, "file"))),
        help=help_text(parser, "plan_options.rules"),
    )
    parser.add_argument(
        "--meeting",
        action="append",
        metavar=metavar(parser, "meeting"),
        help=help_text(parser, "plan_options.meeting", zone=DEFAULT_TIMEZONE),
    )
    parser.add_argument(
        "--kind",
        action="append",
        choices=tuple(kind.value for kind in MeetingKind),
        help=help_text(parser, "plan_options.kind"),
    )
    add_layering_option(parser, "plan_options.layering")
    parser.add_argument(
        "--calendar",
        choices=tuple(_CALENDARS),
        default="statutory",
        help=help_text(parser, "plan_options.calendar"),
    )
    parser.add_argument(
        "--as-of", metavar=metavar(parser, "date"), help=help_text(parser, "plan_options.as_of")
    )
    add_range_options(parser)


def _aware(value: datetime, tz: str) -> datetime:
    """``value`` if it has an offset, else the local time ``value`` read in ``tz``."""
    return localize(value, tz) if value.tzinfo is None else value


_OVERNIGHT = timedelta(hours=12)
"""The longest meeting a time-only END before START's time makes by ending the next day."""


def parse_meeting(text: str, tz: str = DEFAULT_TIMEZONE) -> tuple[datetime, datetime | None]:
    """``START[/END]`` as aware datetimes; naive times are read in ``tz``.

    END is a date and time, a time on START's local date (``15:00/17:00``;
    a time before START's that makes a meeting of at most 12 hours is on the
    next day: ``23:00/01:00`` crosses midnight, ``15:00/14:00`` is an error)
    or an ISO 8601 duration (``PT2H``, ``PT1H30M``). START must lie in the
    years 1900-2200.
    """
    start_text, _, end_text = text.strip().partition("/")
    if _DATE_ONLY.match(start_text.strip()):
        raise coded(InvalidValueError, "cli_meeting_no_time", {"text": excerpt(text)})
    try:
        start = datetime.fromisoformat(start_text.strip())
    except ValueError:
        raise coded(InvalidValueError, "cli_meeting_start", {"text": excerpt(start_text)}) from None
    start = supported_moment(_aware(start, tz), "--meeting")
    end_text = end_text.strip()
    if not end_text and "/" not in text:
        return start, None
    duration = _DURATION.match(end_text)
    if duration and (duration["h"] or duration["m"]):
        return start, start + timedelta(
            hours=int(duration["h"] or 0), minutes=int(duration["m"] or 0)
        )
    try:
        if "T" in end_text or " " in end_text or _DATE_ONLY.match(end_text[:10]):
            end = datetime.fromisoformat(end_text)
        else:
            clock = time.fromisoformat(end_text)
            local = start.astimezone(get_zone(tz))
            end = datetime.combine(local.date(), clock)
            overnight = end + timedelta(days=1)
            if (
                clock.tzinfo is None
                and clock < local.time()
                and overnight - local.replace(tzinfo=None) <= _OVERNIGHT
            ):
                end = overnight  # 23:00/01:00: the meeting ends after midnight
    except ValueError:
        raise coded(InvalidValueError, "cli_meeting_end", {"text": excerpt(end_text)}) from None
    return start, _aware(end, tz)


def _meetings(texts: list[str], kinds: list[str]) -> tuple[Meeting, ...]:
    """The meetings of ``--meeting`` and ``--kind``, with ids derived from their start."""
    if len(kinds) not in (0, 1, len(texts)):
        raise coded(
            InvalidValueError, "cli_kind_count", {"kinds": len(kinds), "meetings": len(texts)}
        )
    if len(kinds) < 2:
        kinds = (kinds or ["ordinary"]) * len(texts)
    seen: set[str] = set()
    meetings = []
    for text, kind in zip(texts, kinds, strict=True):
        start, end = parse_meeting(text)
        base = f"meeting-{start.astimezone(get_zone(DEFAULT_TIMEZONE)):%Y-%m-%dT%H%M}"
        meeting_id, n = base, 1
        while meeting_id in seen:
            n += 1
            meeting_id = f"{base}-{n}"
        seen.add(meeting_id)
        meetings.append(Meeting(id=meeting_id, start=start, end=end, kind=kind))
    return tuple(meetings)


def _range_setup(
    args: argparse.Namespace,
) -> tuple[Committee, dt.date, dt.date, dict[str, Any]] | None:
    found = range_from_args(args)
    if found is None:
        return None
    as_of = None if args.as_of is None else parse_date(args.as_of, "--as-of")
    committee = committee_from_args(args)
    if args.rules:
        committee = attrs.evolve(committee, rule_set=get_rule_set(args.rules))
    options = {"calendar": _CALENDARS[args.calendar], "layering": args.layering, "as_of": as_of}
    return committee, found[0], found[1], options


def range_plans_from_args(args: argparse.Namespace) -> tuple[YearPlan, ...] | None:
    """With ``--from``/``--to``: the year plans of the meetings in the range; else None."""
    setup = _range_setup(args)
    if setup is None:
        return None
    from klu_rules.checks.date_range import year_plans_between  # only with --from/--to

    return year_plans_between(*setup[:3], **setup[3])


def range_plan_from_args(args: argparse.Namespace) -> RangePlan | None:
    """With ``--from``/``--to``: every meeting and deadline in the range; else None."""
    setup = _range_setup(args)
    if setup is None:
        return None
    from klu_rules.checks.date_range import plan_between  # only with --from/--to

    return plan_between(*setup[:3], **setup[3])


def plans_from_args(args: argparse.Namespace) -> YearPlan:
    """The year plan the parsed options ask for."""
    as_of = None if args.as_of is None else parse_date(args.as_of, "--as-of")
    calendar, layering = _CALENDARS[args.calendar], args.layering
    if args.meeting:
        if args.preset or args.committee:
            raise coded(InvalidValueError, "cli_meeting_and_committee", {})
        rule_set = get_rule_set(args.rules or "national")
        return plan_meetings(
            _meetings(args.meeting, args.kind or []),
            rule_set,
            year=args.year,
            calendar=calendar,
            layering=layering,
            as_of=as_of,
        )
    if args.kind:
        raise coded(InvalidValueError, "cli_kind_alone", {})
    committee = committee_from_args(args)
    if args.rules:
        committee = attrs.evolve(committee, rule_set=get_rule_set(args.rules))
    return plan_year(committee, args.year, calendar=calendar, layering=layering, as_of=as_of)
