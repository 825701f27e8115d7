"""``klu-rules coverage``: the status of a region's doctor-coverage areas.

On a date (``--on``, with the rights then in force) or as set by a year's review
(``--year``); rendered by :mod:`klu_rules.text.coverage` (``docs/howto-coverage.md``).
"""

from __future__ import annotations

import argparse
from datetime import date

from klu_rules.core.errors import InvalidValueError
from klu_rules.io.coverage_file import load_coverage, rm_2021
from klu_rules.text.coverage import COVERAGE_FORMATS, JSON_SCHEMA, render

__all__ = ["JSON_SCHEMA", "add_arguments", "run"]


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date written YYYY-MM-DD, e.g. 2021-06-01, got {value!r}"
        ) from None


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``coverage`` subcommand."""
    parser.description = (
        "Print the status of a region's doctor-coverage areas: threatened "
        "(lægedækningstruet), attention area (opmærksomhedsområde) or none. "
        "Without --on or --year, the latest year with designations in the file is used."
    )
    parser.add_argument(
        "--file",
        metavar="FILE",
        help="coverage file (TOML, schema_version = 1); default: the shipped "
        "Region Midtjylland 2021 example",
    )
    when = parser.add_mutually_exclusive_group()
    when.add_argument(
        "--on", type=_iso_date, metavar="DATE", help="status on this date (YYYY-MM-DD)"
    )
    when.add_argument("--year", type=int, metavar="N", help="status as set by the review in year N")
    parser.add_argument("--format", choices=COVERAGE_FORMATS, default="text", help="output format")
    parser.add_argument(
        "--explain", action="store_true", help="text and markdown: add each area's reason"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Handle ``klu-rules coverage``; returns the exit status."""
    register = rm_2021() if args.file is None else load_coverage(args.file)
    year: int | None = args.year
    if args.on is None and year is None:
        year = register.latest_review_year
        if year is None:
            raise InvalidValueError(
                "the coverage file has no designations; give --on DATE or --year N"
            )
    text = render(
        register, on=args.on, year=year, fmt=args.format, explain=args.explain, language=args.lang
    )
    print(text, end="")
    return 0
