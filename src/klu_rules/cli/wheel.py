"""``klu-rules wheel``: the year at a glance, as an annual wheel (*årshjul*).

The options choosing what to plan are those of ``klu-rules plan``: ``--year`` draws a
whole year, ``--from DATE --to DATE`` a range of at most 366 days (a season from 1 August
to 31 July, say) with every meeting and deadline in it, whatever year the meeting is in.
A range of a calendar year is that year: ``--from 2024-01-01 --to 2024-12-31`` draws
what ``--year 2024`` draws, with the December deadlines of the next January's meetings.
``-o FILE.svg`` writes the picture, ``-o FILE.html`` the page with the picture beside the
table of meetings and deadlines; without ``-o`` the SVG goes to standard output. Labels
are in the ``--lang`` language (Danish by default).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from klu_rules.checks.deadlines import YearPlan
from klu_rules.cli._common import (
    committee_from_args,
    exit_status,
    output_name,
    report_findings,
)
from klu_rules.cli._inputs import inputs_of
from klu_rules.cli._parser import help_text, metavar
from klu_rules.cli._plan_options import add_plan_options, plans_from_args, range_plans_from_args
from klu_rules.cli._range import range_from_args
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded
from klu_rules.io.output import STDOUT, write_file
from klu_rules.model.committee import Committee
from klu_rules.text.wheel import render_svg
from klu_rules.text.wheel_build import Wheel, build_wheel
from klu_rules.text.wheel_html import render_html
from klu_rules.text.wheel_layout import Span
from klu_rules.text.wheel_plan import LAST_YEAR, range_span

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``wheel`` subcommand."""
    add_plan_options(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar=metavar(parser, "file"),
        help=help_text(parser, "wheel.output"),
    )
    parser.set_defaults(func=run)


def _year_plans(args: argparse.Namespace) -> tuple[YearPlan, ...]:
    """The year's plan, then the next year's meetings (whose deadlines may fall in it)."""
    plan = plans_from_args(args)
    if args.meeting or plan.year >= LAST_YEAR:
        return (plan,)
    after = f"{plan.year + 1}-01-01", f"{plan.year + 1}-12-31"
    later = range_plans_from_args(_with(args, range_from=after[0], range_to=after[1]))
    assert later is not None
    return (plan, *(p for p in later if p.meetings and p.year == plan.year + 1))


def _with(args: argparse.Namespace, **values: object) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(args), "year": None, **values})


def _wheel(args: argparse.Namespace) -> tuple[Wheel, Committee | None]:
    """The wheel the options ask for (of a year, or of ``--from``/``--to``) and its
    committee. A range of a calendar year is that year: ``--year 2024`` and ``--from
    2024-01-01 --to 2024-12-31`` draw the same picture."""
    found = range_from_args(args)
    if found is not None and Span(*found).is_year:
        args = _with(args, range_from=None, range_to=None, year=found[0].year)
        found = None
    if found is not None:
        range_span(*found)  # at most a year: refused before anything is planned
        plans = range_plans_from_args(args)
        assert plans is not None
        committee = committee_from_args(args)
        start, end = found
        wheel = build_wheel(plans, start=start, end=end, language=args.lang, committee=committee)
        return wheel, committee
    year_plans = _year_plans(args)
    plan = year_plans[0]
    known = None if plan.committee_id is None else committee_from_args(args)
    year = Span.of_year(plan.year)
    wheel = build_wheel(
        year_plans, start=year.first, end=year.last, language=args.lang, committee=known
    )
    return wheel, known


def run(args: argparse.Namespace) -> int:
    """Write the picture or the page; exit status 1 when a finding of the plan is an error.

    The plan's errors and warnings go to standard error, one line each."""
    output = output_name(args)
    path = None if output == STDOUT else Path(output)
    suffix = None if path is None else path.suffix.lower()
    if suffix not in (None, ".svg", ".html", ".htm"):
        raise coded(InvalidValueError, "wheel_suffix", {"path": str(path)})
    wheel, committee = _wheel(args)
    text = render_svg(wheel) if suffix in (None, ".svg") else render_html(wheel, committee)
    # no -o, or -o -: the picture (SVG) on standard output, as the UTF-8 it declares
    write_file(output, text.encode("utf-8"), inputs=inputs_of(args, committee))
    report_findings(wheel.plan, language=args.lang)
    return exit_status(wheel.plan)
