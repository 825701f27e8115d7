"""``klu-rules wheel``: the year at a glance, as an annual wheel (*årshjul*).

The options choosing what to plan are those of ``klu-rules plan`` (a whole year: plans
group meetings by year, so ``--year`` chooses the span). ``-o FILE.svg`` writes the
picture, ``-o FILE.html`` the page with the picture beside the table of meetings and
deadlines; without ``-o`` the SVG goes to standard output. Labels are in the ``--lang``
language (Danish by default).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from klu_rules.cli._common import committee_from_args
from klu_rules.cli._parser import help_text, metavar
from klu_rules.cli._plan_options import add_plan_options, plans_from_args
from klu_rules.core.errors import FileFormatError, InvalidValueError
from klu_rules.core.messages import coded
from klu_rules.model.committee import Committee
from klu_rules.text.wheel import render_svg
from klu_rules.text.wheel_build import build_wheel
from klu_rules.text.wheel_html import render_html

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


def run(args: argparse.Namespace) -> int:
    """Write the picture or the page; exit status 0."""
    path = None if args.output is None else Path(args.output)
    suffix = None if path is None else path.suffix.lower()
    if suffix not in (None, ".svg", ".html", ".htm"):
        raise coded(InvalidValueError, "wheel_suffix", {"path": str(path)})
    plan = plans_from_args(args)
    committee: Committee | None = None
    if plan.committee_id is not None:
        committee = committee_from_args(args)
    wheel = build_wheel(plan, language=args.lang, committee=committee)
    text = render_svg(wheel) if suffix in (None, ".svg") else render_html(wheel, committee)
    if path is None:
        sys.stdout.write(text)
        return 0
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise FileFormatError(f"cannot write the file: {exc.strerror or exc}", path=path) from None
    return 0
