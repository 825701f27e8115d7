"""``klu-rules rules --on DATE``: every rule in force on a day, with its horizon.

Rendered by :mod:`klu_rules.text.rules_snapshot` (``docs/rule-sets.md``,
``klu_rules/data/schemas/rules.schema.json``); works for any day from 2011-04-01, the day the
national guideline takes effect.
"""

from __future__ import annotations

import argparse
import re
from datetime import date

from klu_rules.cli._common import parse_date
from klu_rules.cli._parser import help_text, metavar
from klu_rules.core.convert import check_year
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt
from klu_rules.rules.ruleset import builtin_rule_sets, get_rule_set
from klu_rules.text.rules_snapshot import JSON_SCHEMA, SNAPSHOT_FORMATS, render

__all__ = ["JSON_SCHEMA", "add_arguments", "calendar_date", "run"]

_WRITTEN_AS_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def calendar_date(text: str, option: str) -> date:
    """``text`` (``YYYY-MM-DD``) as a date; a date written right that the calendar does not
    have (``2023-02-30``) is refused as no such day, not as a wrong format."""
    if _WRITTEN_AS_DATE.fullmatch(text.strip()):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise coded(
                InvalidValueError, "rules_no_such_day", {"option": option, "text": excerpt(text)}
            ) from None
    return parse_date(text, option)


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``rules`` subcommand."""
    parser.add_argument(
        "--on", required=True, metavar=metavar(parser, "date"), help=help_text(parser, "rules.on")
    )
    parser.add_argument(
        "--rules",
        default="national",
        metavar="|".join((*builtin_rule_sets(), metavar(parser, "file"))),
        help=help_text(parser, "rules.rules"),
    )
    parser.add_argument(
        "--format",
        choices=SNAPSHOT_FORMATS,
        default="text",
        help=help_text(parser, "rules.format"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Handle ``klu-rules rules``; returns the exit status."""
    day = calendar_date(args.on, "--on")
    check_year(day.year, "--on")  # 1900-2200, as everywhere else
    print(render(get_rule_set(args.rules), day, args.format, args.lang), end="")
    return 0
