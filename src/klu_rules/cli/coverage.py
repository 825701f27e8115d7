"""``klu-rules coverage``: the status of a region's doctor-coverage areas.

On a date (``--on``, with the rights then in force) or as set by a year's review
(``--year``); rendered by :mod:`klu_rules.text.coverage` (``docs/howto-coverage.md``).
"""

from __future__ import annotations

import argparse
from datetime import date

from klu_rules.cli._common import add_format_option, year_number
from klu_rules.cli._parser import argument_type, help_text, metavar
from klu_rules.cli.show import warn
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.language import Language
from klu_rules.core.messages import coded, excerpt, message
from klu_rules.io.coverage_file import load_coverage, rm_2021
from klu_rules.model.geography import place_findings
from klu_rules.text.coverage import COVERAGE_FORMATS, JSON_SCHEMA, render

__all__ = ["JSON_SCHEMA", "add_arguments", "run"]


def _iso_date(value: str, language: Language) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            message("error.cli.iso_date", language, text=excerpt(value))
        ) from None


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``coverage`` subcommand."""
    parser.add_argument(
        "--file", metavar=metavar(parser, "file"), help=help_text(parser, "coverage.file")
    )
    when = parser.add_mutually_exclusive_group()
    when.add_argument(
        "--on",
        type=argument_type(parser, _iso_date),
        metavar=metavar(parser, "date"),
        help=help_text(parser, "coverage.on"),
    )
    when.add_argument(
        "--year",
        type=argument_type(parser, year_number),
        metavar=metavar(parser, "number"),
        help=help_text(parser, "coverage.year"),
    )
    add_format_option(parser, COVERAGE_FORMATS, help_key="common.format")
    parser.add_argument(
        "--explain", action="store_true", help=help_text(parser, "coverage.explain")
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Handle ``klu-rules coverage``; returns the exit status."""
    register = rm_2021() if args.file is None else load_coverage(args.file)
    year: int | None = args.year
    if args.on is None and year is None:
        year = register.latest_review_year
        if year is None:
            raise coded(InvalidValueError, "cli.no_designations", {})
    text = render(
        register, on=args.on, year=year, fmt=args.format, explain=args.explain, language=args.lang
    )
    named = [area.municipality for area in register.areas if area.municipality]
    warn(place_findings(named, register.policy.region), args.lang)
    print(text, end="")
    return 0
